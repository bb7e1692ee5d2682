package planner

import (
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// Side is one end of a move: the position with its ABK figures before and
// after the plan.
type Side struct {
	PositionID   int64    `json:"position_id"`
	PositionCode string   `json:"position_code"`
	PositionName string   `json:"position_name"`
	UnitID       int64    `json:"unit_id"`
	UnitCode     string   `json:"unit_code"`
	UnitName     string   `json:"unit_name"`
	Required     float64  `json:"required"`
	Before       int      `json:"before"`
	After        int      `json:"after"`
	EJBefore     float64  `json:"ej_before"`
	EJAfter      float64  `json:"ej_after"`
	BandBefore   abk.Band `json:"band_before"`
	BandAfter    abk.Band `json:"band_after"`
}

// Surplus returns the staff above the requirement before the plan
// (negative: a shortage).
func (s Side) Surplus() float64 { return float64(s.Before) - s.Required }

// EducationFit is the employee's education against the target's rule.
type EducationFit struct {
	Level          core.EducationLevel `json:"level"`
	Field          string              `json:"field"`
	MinLevel       core.EducationLevel `json:"min_level,omitempty"`
	AcceptedFields []string            `json:"accepted_fields,omitempty"`
}

// CompetencyFit is the employee's competencies against the target's.
type CompetencyFit struct {
	Required int      `json:"required"`
	Held     int      `json:"held"`
	Missing  []string `json:"missing,omitempty"`
}

// Explanation says, with the numbers, why a move is proposed.
type Explanation struct {
	EmployeeName string        `json:"employee_name"`
	NIP          string        `json:"nip"`
	From         Side          `json:"from"`
	To           Side          `json:"to"`
	Education    EducationFit  `json:"education"`
	Competency   CompetencyFit `json:"competency"`
	// PreferenceRank is 1–3 when the target unit is among the employee's
	// ranked units, else 0.
	PreferenceRank int  `json:"preference_rank"`
	Unwilling      bool `json:"unwilling,omitempty"`
	// DistanceKm is the distance from home (or, unknown, from the present
	// unit) to the target unit, when DistanceKnown.
	DistanceKm    float64 `json:"distance_km"`
	DistanceKnown bool    `json:"distance_known"`
	// TargetValue is, from the certificate's duals, what one more person in
	// the target position would still be worth after the plan, in persons
	// of gap: 1 while it is still short, 0 or less once its need is met.
	// HasValue is false for the greedy baseline, which has no duals.
	TargetValue float64 `json:"target_value"`
	HasValue    bool    `json:"has_value"`
	Cost        Cost    `json:"cost"`
}

// side returns the figures of position q.
func (n *net) side(q int32) Side {
	p := &n.pos[q]
	pp, u := &n.in.Positions[q], &n.in.Units[p.unit]
	before := n.p.ABK.Figures(p.workload, int(p.staff))
	after := n.p.ABK.Figures(p.workload, int(p.staff+p.x))
	return Side{
		PositionID: p.id, PositionCode: pp.Code, PositionName: pp.Name, UnitID: u.ID, UnitCode: u.Code, UnitName: u.Name,
		Required: p.req, Before: int(p.staff), After: int(p.staff + p.x),
		EJBefore: before.EJ, EJAfter: after.EJ, BandBefore: before.Band, BandAfter: after.Band,
	}
}

// explain returns the explanation of moving employee e to position q; with
// duals it includes the target's marginal value.
func (n *net) explain(e, q int32, duals bool) Explanation {
	em, ee := &n.emp[e], &n.in.Employees[e]
	pp := &n.in.Positions[q]
	x := Explanation{
		EmployeeName: ee.Name, NIP: ee.NIP, From: n.side(em.origin), To: n.side(q),
		Education: EducationFit{Level: ee.Education, Field: ee.Field, MinLevel: pp.MinEducation, AcceptedFields: pp.AcceptedFields},
		Unwilling: em.unwilling,
		Cost:      n.costTo(e, n.pos[q].unit, n.pos[q].comps),
	}
	held := map[string]bool{}
	for _, c := range ee.Competencies {
		held[normalize(c)] = true
	}
	for _, c := range pp.Competencies {
		if normalize(c) == "" {
			continue
		}
		x.Competency.Required++
		if held[normalize(c)] {
			x.Competency.Held++
		} else {
			x.Competency.Missing = append(x.Competency.Missing, c)
		}
	}
	if c := em.preferenceClass(n.pos[q].unit); c < 3 {
		x.PreferenceRank = c + 1
	}
	x.DistanceKm, x.DistanceKnown = n.distanceKm(e, n.pos[q].unit)
	if duals {
		x.TargetValue, x.HasValue = n.persons(n.flow.pi[n.pnode(q)]-n.flow.pi[hub]), true
	}
	return x
}

// distanceKm returns the distance from e's home (or present unit) to unit
// u, and whether both ends are known.
func (n *net) distanceKm(e, u int32) (float64, bool) {
	ee := &n.in.Employees[e]
	to := &n.in.Units[u]
	from := &n.in.Units[n.pos[n.emp[e].origin].unit]
	switch {
	case !to.Located:
		return 0, false
	case ee.HasHome:
		return Haversine(ee.HomeLat, ee.HomeLng, to.Lat, to.Lng), true
	case from.Located:
		return Haversine(from.Lat, from.Lng, to.Lat, to.Lng), true
	}
	return 0, false
}

// persons converts a model cost to persons of gap.
func (n *net) persons(c int64) float64 { return float64(c) / float64(100*n.wGap) }
