package importer

import (
	"context"
	"slices"
	"strings"

	"github.com/seimbang/seimbang/core"
)

// unitParser reads units; a parent is a unit in the file or in storage.
type unitParser struct {
	existing map[string]core.Unit // by codeKey
	seen     map[string]int       // codeKey -> row
	rows     []int                // the row of each unit in the batch
}

func (p *unitParser) load(ctx context.Context, lk Lookup) error {
	us, err := lk.Units(ctx)
	if err != nil {
		return err
	}
	p.existing = make(map[string]core.Unit, len(us))
	for _, u := range us {
		p.existing[codeKey(u.Code)] = u
	}
	p.seen = map[string]int{}
	return nil
}

func (p *unitParser) row(r record, b *Batch, v *core.ValidationError) bool {
	u := core.Unit{Code: r.get("kode"), Name: r.get("nama"), Kind: core.UnitKind(strings.ToLower(r.get("jenis"))),
		TimeZone: core.TimeZone(strings.ToUpper(r.get("zona_waktu"))), Address: r.get("alamat")}
	u.Lat, u.Lng = coords(r, v)
	old, update := p.existing[codeKey(u.Code)]
	u.ID = old.ID
	if err := u.Validate(); err != nil {
		ve, _ := core.AsValidation(err)
		v.Merge(r.row, ve)
	}
	if len(u.Address) > 500 {
		v.AddRow(r.row, "alamat", "err.too_long", 500)
	}
	parent := r.get("induk")
	if parent != "" && codeKey(parent) == codeKey(u.Code) {
		v.AddRow(r.row, "induk", "err.unit_own_parent")
	}
	if u.Code != "" {
		if first, dup := p.seen[codeKey(u.Code)]; dup {
			v.AddRow(r.row, "kode", "import.duplicate_code", u.Code, first)
		} else {
			p.seen[codeKey(u.Code)] = r.row
		}
	}
	b.units = append(b.units, u)
	b.parents = append(b.parents, parent)
	p.rows = append(p.rows, r.row)
	return update
}

// finish checks each parent exists and that no unit becomes its own
// ancestor, through the file's parents and the stored ones.
func (p *unitParser) finish(b *Batch, v *core.ValidationError) {
	if !slices.Contains(b.Columns, "induk") {
		return
	}
	byID := make(map[int64]string, len(p.existing))
	for k, u := range p.existing {
		byID[u.ID] = k
	}
	parentOf := map[string]string{}
	for k, u := range p.existing {
		if u.ParentID != nil {
			parentOf[k] = byID[*u.ParentID]
		}
	}
	for i, u := range b.units {
		k, parent := codeKey(u.Code), codeKey(b.parents[i])
		if parent == "" {
			delete(parentOf, k)
			continue
		}
		parentOf[k] = parent
		_, inFile := p.seen[parent]
		if _, stored := p.existing[parent]; !inFile && !stored {
			v.AddRow(p.rows[i], "induk", "import.parent_unknown", b.parents[i])
		}
	}
	for i, u := range b.units {
		k := codeKey(u.Code)
		if k == "" || parentOf[k] == k {
			continue // reported as its own parent
		}
		at, steps := parentOf[k], 0
		for at != "" && at != k && steps <= len(parentOf) {
			at, steps = parentOf[at], steps+1
		}
		if at == k {
			v.AddRow(p.rows[i], "induk", "err.unit_cycle")
		}
	}
}

// coords reads the lat and lng cells; when either is not a number both
// are left empty, so only the number is reported.
func coords(r record, v *core.ValidationError) (lat, lng *float64) {
	ok := true
	read := func(col string) *float64 {
		s := r.get(col)
		if s == "" {
			return nil
		}
		f, good := parseNumber(s)
		if !good {
			v.AddRow(r.row, col, "import.number", s)
			ok = false
			return nil
		}
		return &f
	}
	lat, lng = read("lat"), read("lng")
	if !ok {
		return nil, nil
	}
	return lat, lng
}
