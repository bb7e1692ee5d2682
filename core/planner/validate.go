package planner

import (
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// Validate checks the parameters and the instance and returns a
// *core.ValidationError listing every problem, or nil. Besides the ABK
// checks of abk.Validate (unknown unit or parent, negative volume,
// non-positive standard time or effective time, duplicate codes) it refuses
// a missing date, an unknown position kind or education level, an employee
// without a position or in an unknown one, a duplicate employee id or NIP,
// a preference for an unknown unit or more than three, and an objection
// naming an unknown employee or position. The planner never guesses: it
// runs only on an instance Validate accepts.
func Validate(in *Instance, p Params) error {
	v := &core.ValidationError{}
	p.check(v)
	if in == nil {
		v.Add("instance", "err.required")
		return v.Err()
	}
	if in.Date.IsZero() {
		v.Add("date", "planner.date")
	}
	units := make([]abk.Unit, len(in.Units))
	unitIDs := make(map[int64]bool, len(in.Units))
	for i, u := range in.Units {
		units[i] = abk.Unit{ID: u.ID, Code: u.Code, ParentID: u.ParentID}
		unitIDs[u.ID] = true
	}
	staff := map[int64]int{}
	for _, e := range in.Employees {
		staff[e.PositionID]++
	}
	positions := make([]abk.Position, len(in.Positions))
	posIDs := make(map[int64]bool, len(in.Positions))
	for i, pp := range in.Positions {
		positions[i] = abk.Position{ID: pp.ID, Code: pp.Code, UnitID: pp.UnitID, Tasks: pp.Tasks, Actual: staff[pp.ID]}
		posIDs[pp.ID] = true
		switch pp.Kind {
		case core.Structural, core.Functional, core.Executor:
		default:
			v.Add("jenis", "planner.position_kind", pp.Code, string(pp.Kind))
		}
		if pp.MinEducation != "" && pp.MinEducation.Rank() == 0 {
			v.Add("pendidikan_min", "planner.education", pp.Code, string(pp.MinEducation))
		}
	}
	if err := abk.Validate(units, positions, p.ABK); err != nil {
		ve, _ := core.AsValidation(err)
		for _, f := range ve.Fields {
			if f.Key != "abk.effective_time" && f.Key != "abk.bands" && f.Key != "abk.short_ratio" {
				v.Fields = append(v.Fields, f) // the configuration was checked with p
			}
		}
	}
	checkEmployees(v, in, unitIDs, posIDs)
	return v.Err()
}

func checkEmployees(v *core.ValidationError, in *Instance, unitIDs, posIDs map[int64]bool) {
	ids := make(map[int64]bool, len(in.Employees))
	nips := make(map[string]bool, len(in.Employees))
	for _, e := range in.Employees {
		if ids[e.ID] || e.ID == 0 {
			v.Add("pegawai", "planner.duplicate_employee", e.NIP)
		}
		ids[e.ID] = true
		if e.NIP != "" {
			if nips[e.NIP] {
				v.Add("nip", "planner.duplicate_employee", e.NIP)
			}
			nips[e.NIP] = true
		}
		switch {
		case e.PositionID == 0:
			v.Add("jabatan", "planner.no_position", e.NIP)
		case !posIDs[e.PositionID]:
			v.Add("jabatan", "planner.unknown_position", e.NIP, e.PositionID)
		}
		if e.Education != "" && e.Education.Rank() == 0 {
			v.Add("pendidikan", "planner.education", e.NIP, string(e.Education))
		}
		if len(e.Preferences) > core.MaxPreferredUnits {
			v.Add("preferensi", "err.too_many_units", core.MaxPreferredUnits)
		}
		for _, u := range e.Preferences {
			if !unitIDs[u] {
				v.Add("preferensi", "planner.unknown_unit", e.NIP, u)
			}
		}
	}
	for _, o := range in.Objections {
		if !ids[o.EmployeeID] || (o.PositionID != 0 && !posIDs[o.PositionID]) {
			v.Add("keberatan", "planner.unknown_objection", o.EmployeeID, o.PositionID)
		}
	}
}
