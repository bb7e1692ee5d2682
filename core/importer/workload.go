package importer

import (
	"context"
	"strings"

	"github.com/seimbang/seimbang/core"
)

// workloadParser reads ABK tasks; their positions must be stored.
type workloadParser struct {
	positions map[string]core.Position
	hasTasks  map[int64]bool
	seen      map[[3]string]int // position, task, period -> row
}

func (p *workloadParser) load(ctx context.Context, lk Lookup) error {
	var err error
	if p.positions, err = positionRefs(ctx, lk); err != nil {
		return err
	}
	ts, err := lk.WorkloadTasks(ctx, 0)
	if err != nil {
		return err
	}
	p.hasTasks = map[int64]bool{}
	for _, t := range ts {
		p.hasTasks[t.PositionID] = true
	}
	p.seen = map[[3]string]int{}
	return nil
}

func (p *workloadParser) row(r record, b *Batch, v *core.ValidationError) bool {
	w := core.WorkloadTask{Task: r.get("tugas"), Period: r.get("periode")}
	code := r.get("jabatan")
	if code != "" {
		pos, ok := p.positions[codeKey(code)]
		if ok {
			w.PositionID = pos.ID
		} else {
			v.AddRow(r.row, "jabatan", "import.position_unknown", code)
			w.PositionID = unknownRef
		}
	}
	w.YearlyVolume = number(r, "volume", 0, v)
	w.StandardMinutes = number(r, "norma_menit", 1, v)
	if err := w.Validate(); err != nil {
		ve, _ := core.AsValidation(err)
		v.Merge(r.row, ve)
	}
	if len(w.Period) > 20 {
		v.AddRow(r.row, "periode", "err.too_long", 20)
	}
	key := [3]string{codeKey(code), strings.ToLower(w.Task), w.Period}
	if code != "" && w.Task != "" {
		if first, dup := p.seen[key]; dup {
			v.AddRow(r.row, "tugas", "import.duplicate_task", w.Task, first)
		} else {
			p.seen[key] = r.row
		}
	}
	b.tasks = append(b.tasks, w)
	return p.hasTasks[w.PositionID]
}

func (p *workloadParser) finish(*Batch, *core.ValidationError) {}

// number reads a required number cell; when the cell is empty or not a
// number it reports that and returns fallback, a value Validate accepts.
func number(r record, col string, fallback float64, v *core.ValidationError) float64 {
	s := r.get(col)
	if s == "" {
		v.AddRow(r.row, col, "err.required")
		return fallback
	}
	f, ok := parseNumber(s)
	if !ok {
		v.AddRow(r.row, col, "import.number", s)
		return fallback
	}
	return f
}
