package planner

import (
	"cmp"
	"slices"
	"strings"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// SurgeRequest asks for a temporary assignment (penugasan sementara): a
// unit needs Count more people of a job family for Days days from Start,
// such as a health centre during a vaccination drive.
type SurgeRequest struct {
	UnitID int64     `json:"unit_id"`
	Family string    `json:"family"`
	Count  int       `json:"count"`
	Start  core.Date `json:"start"`
	Days   int       `json:"days"`
}

// End returns the last day of the assignment.
func (r SurgeRequest) End() core.Date { return r.Start.AddDate(0, 0, r.Days-1) }

// Assignment is one proposed temporary assignment. The employee keeps
// their position and returns after End.
type Assignment struct {
	EmployeeID     int64     `json:"employee_id"`
	EmployeeName   string    `json:"employee_name"`
	FromPositionID int64     `json:"from_position_id"`
	FromUnitID     int64     `json:"from_unit_id"`
	ToUnitID       int64     `json:"to_unit_id"`
	ToUnitName     string    `json:"to_unit_name"`
	Start          core.Date `json:"start"`
	End            core.Date `json:"end"`
	Days           int       `json:"days"`
	Source         Side      `json:"source"`
	Cost           Cost      `json:"cost"`
	DistanceKm     float64   `json:"distance_km"`
	DistanceKnown  bool      `json:"distance_known"`
}

// SurgePlan is the answer to a SurgeRequest.
type SurgePlan struct {
	Request     SurgeRequest `json:"request"`
	Assignments []Assignment `json:"assignments"`
	// Shortfall is how many of Count nobody can cover.
	Shortfall int `json:"shortfall"`
}

// Surge proposes who goes on a temporary assignment: employees of the
// requested job family in other units whose position would stay at or
// above its requirement without them (counting plan's moves when plan is
// not nil), who are not in an active transfer, not moved by plan, not held
// back by an upheld objection, not in an excluded unit and not retiring
// before the assignment ends. Among them it takes the cheapest by the soft
// costs of Params.Weights (competencies do not apply). Each source position
// allows floor(headcount − requirement) people and each person is taken at
// most once, so taking the cheapest first is optimal (the feasible sets form
// a partition matroid). It returns a *core.ValidationError for invalid input.
func Surge(in *Instance, p Params, req SurgeRequest, plan *Plan) (*SurgePlan, error) {
	v := &core.ValidationError{}
	if err := Validate(in, p); err != nil {
		ve, _ := core.AsValidation(err)
		v.Merge(0, ve)
	}
	if req.Count < 1 {
		v.Add("jumlah", "planner.surge_count")
	}
	if req.Days < 1 {
		v.Add("hari", "planner.surge_days")
	}
	if req.Start.IsZero() {
		v.Add("mulai", "planner.surge_start")
	}
	if normalize(req.Family) == "" {
		v.Add("rumpun", "planner.surge_family")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	n := newNet(in, p)
	u, ok := n.unitIdx[req.UnitID]
	if !ok || n.units[u].excluded {
		return nil, core.Invalid("unit", "planner.surge_unit", req.UnitID)
	}
	moved := map[int64]bool{}
	if plan != nil {
		for _, pr := range plan.Proposals {
			if e, ok := n.empIdx[pr.EmployeeID]; ok {
				if q, ok := n.posIdx[pr.ToPositionID]; ok {
					n.pos[n.emp[e].origin].x--
					n.pos[q].x++
					moved[pr.EmployeeID] = true
				}
			}
		}
	}
	family := normalize(req.Family)
	end := req.End()
	type cand struct {
		e    int32
		cost Cost
	}
	var cands []cand
	for i := range n.emp {
		e, ee := int32(i), &in.Employees[i]
		em := &n.emp[i]
		q := &n.pos[em.origin]
		hold := em.mask &^ (mMinTime | mRetirement)
		if hold != 0 || moved[ee.ID] || q.unit == u || normalize(in.Positions[em.origin].Family) != family ||
			ee.BirthDate.IsZero() || !end.Before(ee.BirthDate.AddDate(n.retirementAge(em.origin), 0, 0)) {
			continue
		}
		cands = append(cands, cand{e, n.costTo(e, u, set{})})
	}
	slices.SortStableFunc(cands, func(a, b cand) int { return cmp.Compare(a.cost.Total, b.cost.Total) })
	sp := &SurgePlan{Request: req}
	taken := map[int32]int64{}
	for _, c := range cands {
		if len(sp.Assignments) == req.Count {
			break
		}
		em := &n.emp[c.e]
		q := &n.pos[em.origin]
		spare := (100*int64(q.staff+q.x) - q.r100) / 100
		if taken[em.origin] >= spare {
			continue
		}
		taken[em.origin]++
		a := Assignment{
			EmployeeID: em.id, EmployeeName: in.Employees[c.e].Name, FromPositionID: q.id, FromUnitID: n.units[q.unit].id,
			ToUnitID: req.UnitID, ToUnitName: in.Units[u].Name, Start: req.Start, End: end, Days: req.Days,
			Source: n.side(em.origin), Cost: c.cost,
		}
		a.DistanceKm, a.DistanceKnown = n.distanceKm(c.e, u)
		sp.Assignments = append(sp.Assignments, a)
	}
	sp.Shortfall = req.Count - len(sp.Assignments)
	return sp, nil
}

// Text renders the assignment in lang.
func (a Assignment) Text(lang i18n.Lang) string {
	s := []string{
		text(lang, "surge.assign", a.EmployeeName, a.Source.PositionName, a.Source.UnitName, a.ToUnitName, a.Days, core.FormatDate(lang, a.Start), core.FormatDate(lang, a.End)),
		text(lang, "surge.source", i18n.Number(lang, float64(a.Source.After)-a.Source.Required, 2), i18n.Number(lang, a.Source.Required, 2), a.Source.After),
	}
	if a.DistanceKnown {
		s = append(s, text(lang, "distance", i18n.Number(lang, a.DistanceKm, 1)))
	}
	c := a.Cost
	s = append(s, text(lang, "cost", c.Total, c.Move, c.Preference, c.Distance, c.Competency, c.Performance, c.Seniority))
	return strings.Join(s, " ")
}

// Text renders the shortfall, if any, in lang.
func (sp *SurgePlan) Text(lang i18n.Lang) string {
	if sp.Shortfall == 0 {
		return ""
	}
	return text(lang, "surge.short", len(sp.Assignments), sp.Request.Count)
}
