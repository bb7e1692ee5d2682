package importer

import (
	"context"
	"strings"

	"github.com/seimbang/seimbang/core"
)

// employeeParser reads employees; their positions must be stored.
type employeeParser struct {
	positions map[string]core.Position
	existing  map[string]int64 // NIP -> id
	seen      map[string]int   // NIP -> row
}

func (p *employeeParser) load(ctx context.Context, lk Lookup) error {
	var err error
	if p.positions, err = positionRefs(ctx, lk); err != nil {
		return err
	}
	if p.existing, err = lk.EmployeeIDsByNIP(ctx); err != nil {
		return err
	}
	p.seen = map[string]int{}
	return nil
}

func (p *employeeParser) row(r record, b *Batch, v *core.ValidationError) bool {
	nip := strings.TrimPrefix(r.get("nip"), "'")
	e := core.Employee{NIP: nip, Name: r.get("nama"), Golongan: core.Golongan(r.get("golongan")),
		EducationField: r.get("jurusan"), Competencies: core.SplitList(r.get("kompetensi")),
		Performance: core.Predikat(r.get("predikat_kinerja")), Phone: strings.TrimPrefix(r.get("telepon"), "'"),
		Active: true}
	if s := r.get("pendidikan"); s != "" {
		e.EducationLevel = educationLevel(s)
	}
	e.HomeLat, e.HomeLng = coords(r, v)
	switch code := r.get("jabatan"); {
	case code == "":
		v.AddRow(r.row, "jabatan", "err.required")
	default:
		pos, ok := p.positions[codeKey(code)]
		if !ok {
			v.AddRow(r.row, "jabatan", "import.position_unknown", code)
			break
		}
		e.PositionID, e.UnitID = &pos.ID, &pos.UnitID
	}
	switch s := r.get("tmt_jabatan"); {
	case s == "":
		v.AddRow(r.row, "tmt_jabatan", "err.required")
	default:
		d, ok := parseDate(s, r.date1904)
		if !ok {
			v.AddRow(r.row, "tmt_jabatan", "import.date", s)
		}
		e.TMTJabatan = d
	}
	if period := r.get("periode_kinerja"); period != "" {
		if _, _, ok := core.RatingPeriodBounds(period); !ok {
			v.AddRow(r.row, "periode_kinerja", "eval.err.period", period)
		} else if e.Performance == "" {
			v.AddRow(r.row, "periode_kinerja", "eval.err.period_without_rating")
		}
		e.PerformancePeriod = period
	}
	phoneSci := scientific(e.Phone)
	if phoneSci {
		v.AddRow(r.row, "telepon", "import.number_scientific", e.Phone)
	}
	nipSci := scientific(nip)
	if nipSci {
		v.AddRow(r.row, "nip", "import.number_scientific", nip)
	}
	if err := e.Validate(); err != nil {
		ve, _ := core.AsValidation(err)
		for _, f := range ve.Fields {
			switch {
			case f.Field == "nip" && nipSci, f.Field == "telepon" && phoneSci:
				continue
			case f.Key == "err.nip_sequence" && strings.HasSuffix(e.NIP, "000"):
				f.Key = "import.nip_rounded"
			}
			f.Row = r.row
			v.Fields = append(v.Fields, f)
		}
	}
	id, update := p.existing[e.NIP]
	e.ID = id
	if len(e.NIP) == 18 {
		if first, dup := p.seen[e.NIP]; dup {
			v.AddRow(r.row, "nip", "import.duplicate_nip", e.NIP, first)
		} else {
			p.seen[e.NIP] = r.row
		}
	}
	b.employees = append(b.employees, e)
	return update
}

func (p *employeeParser) finish(*Batch, *core.ValidationError) {}
