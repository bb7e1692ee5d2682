package abk

import (
	"math"

	"github.com/seimbang/seimbang/core"
)

// Validate checks the configuration, the unit tree and the positions and
// returns a *core.ValidationError listing every problem, or nil: a duplicate
// unit or position id or code, a unit whose parent is unknown or that is its
// own ancestor, a position in an unknown unit, a negative actual staff, a
// negative or non-finite volume, a non-positive standard time, an effective
// time that is not positive.
func Validate(units []Unit, positions []Position, cfg Config) error {
	v := &core.ValidationError{}
	cfg.check(v)
	CheckUnits(v, units)
	ids := make(map[int64]bool, len(units))
	for _, u := range units {
		ids[u.ID] = true
	}
	seenID := make(map[int64]bool, len(positions))
	seenCode := make(map[string]bool, len(positions))
	for _, p := range positions {
		if seenID[p.ID] {
			v.Add("jabatan", "abk.duplicate_position", p.Code)
		}
		seenID[p.ID] = true
		if p.Code != "" {
			if seenCode[p.Code] {
				v.Add("kode", "abk.duplicate_position", p.Code)
			}
			seenCode[p.Code] = true
		}
		if !ids[p.UnitID] {
			v.Add("unit", "abk.unknown_unit", p.Code, p.UnitID)
		}
		if p.Actual < 0 {
			v.Add("jumlah", "abk.negative_actual", p.Code)
		}
		for _, t := range p.Tasks {
			if !(t.YearlyVolume >= 0) || math.IsInf(t.YearlyVolume, 0) {
				v.Add("volume", "abk.negative_volume", p.Code, t.Name)
			}
			if !(t.StandardMinutes > 0) || math.IsInf(t.StandardMinutes, 0) {
				v.Add("norma_menit", "abk.minutes", p.Code, t.Name)
			}
		}
	}
	return v.Err()
}

// CheckUnits adds to v every problem of the unit tree: a missing (zero) id,
// a duplicate id or code, an unknown parent, a unit that is its own ancestor.
func CheckUnits(v *core.ValidationError, units []Unit) {
	idx := make(map[int64]int, len(units))
	codes := make(map[string]bool, len(units))
	for i, u := range units {
		if u.ID == 0 {
			v.Add("unit", "abk.unit_id", u.Code)
		} else if _, dup := idx[u.ID]; dup {
			v.Add("unit", "abk.duplicate_unit", u.Code)
		} else {
			idx[u.ID] = i
		}
		if u.Code != "" {
			if codes[u.Code] {
				v.Add("kode", "abk.duplicate_unit", u.Code)
			}
			codes[u.Code] = true
		}
	}
	for _, u := range units {
		if u.ParentID != 0 {
			if _, ok := idx[u.ParentID]; !ok {
				v.Add("induk", "abk.unknown_parent", u.Code, u.ParentID)
			}
		}
	}
	// A unit is on a cycle when following parents from it never ends.
	const (
		unseen = iota
		active
		done
	)
	state := make([]int, len(units))
	for i := range units {
		var path []int
		j := i
		for j >= 0 && state[j] == unseen {
			state[j] = active
			path = append(path, j)
			next, ok := idx[units[j].ParentID]
			if units[j].ParentID == 0 || !ok {
				next = -1
			}
			j = next
		}
		if j >= 0 && state[j] == active {
			v.Add("induk", "abk.unit_cycle", units[j].Code)
		}
		for _, k := range path {
			state[k] = done
		}
	}
}
