package importer

import (
	"context"
	"strings"

	"github.com/seimbang/seimbang/core"
)

// unknownRef stands in for a reference already reported as unknown, so
// Validate does not report it a second time as missing.
const unknownRef = -1

// positionParser reads positions; their units must be stored.
type positionParser struct {
	units    map[string]int64 // codeKey -> id
	existing map[string]int64 // codeKey -> id
	seen     map[string]int
}

func (p *positionParser) load(ctx context.Context, lk Lookup) error {
	us, err := lk.Units(ctx)
	if err != nil {
		return err
	}
	p.units = make(map[string]int64, len(us))
	for _, u := range us {
		p.units[codeKey(u.Code)] = u.ID
	}
	ps, err := lk.Positions(ctx, core.PositionFilter{})
	if err != nil {
		return err
	}
	p.existing = make(map[string]int64, len(ps))
	for _, x := range ps {
		p.existing[codeKey(x.Code)] = x.ID
	}
	p.seen = map[string]int{}
	return nil
}

func (p *positionParser) row(r record, b *Batch, v *core.ValidationError) bool {
	x := core.Position{Code: r.get("kode"), Name: r.get("nama"), Kind: core.PositionKind(strings.ToLower(r.get("jenis"))),
		JobFamily: r.get("rumpun"), AcceptedFields: core.SplitList(r.get("jurusan")),
		Competencies: core.SplitList(r.get("kompetensi"))}
	if s := r.get("pendidikan_min"); s != "" {
		x.MinEducation = educationLevel(s)
	}
	if code := r.get("unit"); code != "" {
		id, ok := p.units[codeKey(code)]
		if !ok {
			v.AddRow(r.row, "unit", "import.unit_unknown", code)
			id = unknownRef
		}
		x.UnitID = id
	}
	id, update := p.existing[codeKey(x.Code)]
	x.ID = id
	if err := x.Validate(); err != nil {
		ve, _ := core.AsValidation(err)
		for _, f := range ve.Fields {
			if f.Field == "jenis" && x.Kind == "" {
				f.Key, f.Args = "err.required", nil
			}
			f.Row = r.row
			v.Fields = append(v.Fields, f)
		}
	}
	if x.Code != "" {
		if first, dup := p.seen[codeKey(x.Code)]; dup {
			v.AddRow(r.row, "kode", "import.duplicate_code", x.Code, first)
		} else {
			p.seen[codeKey(x.Code)] = r.row
		}
	}
	b.positions = append(b.positions, x)
	return update
}

func (p *positionParser) finish(*Batch, *core.ValidationError) {}

// positionRefs maps stored position codes to the position, for the kinds
// that refer to positions.
func positionRefs(ctx context.Context, lk Lookup) (map[string]core.Position, error) {
	ps, err := lk.Positions(ctx, core.PositionFilter{})
	if err != nil {
		return nil, err
	}
	m := make(map[string]core.Position, len(ps))
	for _, x := range ps {
		m[codeKey(x.Code)] = x
	}
	return m, nil
}
