package planner

import (
	"fmt"
	"strings"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// Refusal says why the plan does not move an employee to a unit (or
// anywhere), with the numbers.
type Refusal struct {
	EmployeeID   int64  `json:"employee_id"`
	EmployeeName string `json:"employee_name"`
	// UnitID is the unit asked about; 0 asks about any move.
	UnitID   int64  `json:"unit_id"`
	UnitName string `json:"unit_name"`
	// PositionID is the position considered: the cheapest one the rules
	// allow, else the one with the fewest rules against it; 0 when the unit
	// has no planned position.
	PositionID   int64  `json:"position_id"`
	PositionName string `json:"position_name"`
	// Rules are the hard rules that forbid the move; empty when it exists.
	// Held is set when they concern the employee alone, so that no move at
	// all is possible; PositionID is then 0.
	Rules []Rule `json:"rules,omitempty"`
	Held  bool   `json:"held,omitempty"`
	// Extra is how much the optimal objective would rise (in model units)
	// if the employee had to move to PositionID and everything else were
	// re-planned: the need there is lower than the cost of the move by
	// Extra. 0 is a tie: an equally good plan moves them. ExtraPersons and
	// ExtraPoints express it in persons of gap and in soft-cost points.
	Extra        int64   `json:"extra"`
	ExtraPersons float64 `json:"extra_persons"`
	ExtraPoints  float64 `json:"extra_points"`
	Cost         Cost    `json:"cost"`
	// TargetRequired and TargetAfter are the considered position's
	// requirement and headcount after the plan.
	TargetRequired float64 `json:"target_required"`
	TargetAfter    int     `json:"target_after"`
	// Blocked is set when the move is allowed but cannot be part of any
	// plan: the source position would fall below its requirement and
	// nobody could take the place.
	Blocked bool `json:"blocked,omitempty"`
	// Here is set when the employee is already in the unit asked about.
	Here bool `json:"here,omitempty"`
	// MovedTo is the position the plan moves the employee to, if any.
	MovedTo     int64  `json:"moved_to,omitempty"`
	MovedToName string `json:"moved_to_name,omitempty"`
	MovedToUnit string `json:"moved_to_unit,omitempty"`
	// MinYears and RetirementMonths are the round's rules, for the text.
	MinYears         int `json:"min_years"`
	RetirementMonths int `json:"retirement_months"`
}

// WhyNot explains why plan, made by Propose for in and p, does not move
// the employee to the unit (unitID 0: anywhere): the hard rules that forbid
// it, or by how much the unit's need falls short of the cost of the move,
// computed exactly from the certificate's duals by the cheapest re-plan
// that would include it. It returns a *core.ValidationError for invalid
// input, an error wrapping core.ErrNotFound for an unknown employee or unit
// and one wrapping ErrCertificate when plan has no certificate.
func WhyNot(in *Instance, p Params, plan *Plan, employeeID, unitID int64) (*Refusal, error) {
	if err := Validate(in, p); err != nil {
		return nil, err
	}
	if plan == nil || plan.Certificate == nil {
		return nil, fmt.Errorf("why not: %w: no certificate", ErrCertificate)
	}
	n := newNet(in, p)
	e, ok := n.empIdx[employeeID]
	if !ok {
		return nil, fmt.Errorf("why not: employee %d: %w", employeeID, core.ErrNotFound)
	}
	if _, ok := n.unitIdx[unitID]; unitID != 0 && !ok {
		return nil, fmt.Errorf("why not: unit %d: %w", unitID, core.ErrNotFound)
	}
	n.buildPairs()
	if err := n.replay(plan); err != nil {
		return nil, fmt.Errorf("why not: %w", err)
	}
	em := &n.emp[e]
	r := &Refusal{EmployeeID: employeeID, EmployeeName: in.Employees[e].Name, UnitID: unitID,
		MinYears: p.MinYearsInPosition, RetirementMonths: p.RetirementMonths}
	if unitID != 0 {
		r.UnitName = in.Units[n.unitIdx[unitID]].Name
	}
	if em.cur != em.origin {
		r.MovedTo, r.MovedToName = n.pos[em.cur].id, in.Positions[em.cur].Name
		r.MovedToUnit = in.Units[n.pos[em.cur].unit].Name
	}
	var cands []int32
	for q := range n.pos {
		if unitID == 0 || n.units[n.pos[q].unit].id == unitID {
			cands = append(cands, int32(q))
		}
	}
	if unitID != 0 && n.units[n.pos[em.cur].unit].id == unitID {
		r.Here = true
		return r, nil
	}
	if em.mask != 0 {
		r.Held, r.Rules = true, em.mask.rules()
		return r, nil
	}
	n.weigh(r, e, cands)
	return r, nil
}

// replay sets the flow and potentials to the plan's.
func (n *net) replay(plan *Plan) error {
	c := plan.Certificate
	n.lambda = c.Lambda
	for _, pr := range plan.Proposals {
		e, ok := n.empIdx[pr.EmployeeID]
		q, ok2 := n.posIdx[pr.ToPositionID]
		if !ok || !ok2 || n.emp[e].cur != n.emp[e].origin || n.check(e, q) != 0 {
			return fmt.Errorf("%w: proposal for employee %d does not fit the instance", ErrCertificate, pr.EmployeeID)
		}
		o := n.emp[e].origin
		n.move(e, q)
		n.pos[o].x--
		n.pos[q].x++
		n.units[n.pos[o].unit].y--
		n.units[n.pos[q].unit].y++
	}
	f := &n.flow
	f.pi[hub] = c.Hub
	for u := range n.units {
		f.pi[n.unode(int32(u))] = c.Units[n.units[u].id]
	}
	for q := range n.pos {
		f.pi[n.pnode(int32(q))] = c.Positions[n.pos[q].id]
	}
	return nil
}

// weigh fills r with the best candidate position for employee e: the one
// whose forced move raises the objective least, or, when the rules forbid
// every candidate, the one with the fewest rules against it.
func (n *net) weigh(r *Refusal, e int32, cands []int32) {
	em, f := &n.emp[e], &n.flow
	home := n.pnode(em.cur)
	n.indexInto()
	n.shortest([]int32{home}, -1, n.arcsInto, true)
	best, fewest := int32(-1), int32(-1)
	var bestExtra int64 = inf
	var fewestMask ruleMask
	for _, q := range cands {
		if q == em.cur {
			continue
		}
		cost := int64(0) // going back home costs nothing
		if q != em.origin {
			cost = n.arcCost(e, q)
		}
		if m := n.check(e, q); m != 0 && q != em.origin {
			// The closest miss: the fewest rules, the employee's own job
			// family first.
			if fewest < 0 || countBits(m) < countBits(fewestMask) ||
				(countBits(m) == countBits(fewestMask) && m&mFamily == 0 && fewestMask&mFamily != 0) {
				fewest, fewestMask = q, m
			}
			continue
		}
		d := f.dist[n.pnode(q)]
		extra := int64(inf)
		if d != inf {
			extra = cost - em.curCost + f.pi[home] - f.pi[n.pnode(q)] + d
		}
		if best < 0 || extra < bestExtra {
			best, bestExtra = q, extra
		}
	}
	switch {
	case best >= 0:
		bp := &n.pos[best]
		r.PositionID, r.PositionName = bp.id, n.in.Positions[best].Name
		r.Cost = n.costTo(e, bp.unit, bp.comps)
		r.TargetRequired, r.TargetAfter = bp.req, int(bp.staff+bp.x)
		if bestExtra == inf {
			r.Blocked = true
			return
		}
		r.Extra, r.ExtraPersons, r.ExtraPoints = bestExtra, n.persons(bestExtra), float64(bestExtra)/float64(n.wSoft)
	case fewest >= 0:
		r.PositionID, r.PositionName = n.pos[fewest].id, n.in.Positions[fewest].Name
		r.Rules = fewestMask.rules()
	}
}

func countBits(m ruleMask) int {
	k := 0
	for ; m != 0; m &= m - 1 {
		k++
	}
	return k
}

// Text renders the refusal in lang.
func (r Refusal) Text(lang i18n.Lang) string {
	target := r.UnitName
	if target == "" || r.PositionName != "" {
		target = r.PositionName
		if r.UnitName != "" {
			target += " (" + r.UnitName + ")"
		}
	}
	var s []string
	if r.MovedTo != 0 {
		s = append(s, text(lang, "why.moved", r.EmployeeName, r.MovedToName, r.MovedToUnit))
	}
	switch {
	case r.Here:
		s = append(s, text(lang, "why.here", r.EmployeeName, r.UnitName))
	case r.Held:
		s = append(s, text(lang, "why.held", r.EmployeeName, r.reasons(lang)))
	case r.PositionID == 0:
		s = append(s, text(lang, "why.no_position", r.EmployeeName, r.UnitName))
	case len(r.Rules) > 0:
		s = append(s, text(lang, "why.rules", r.EmployeeName, target, r.reasons(lang)))
	case r.Blocked:
		s = append(s, text(lang, "why.blocked", r.EmployeeName, target))
	case r.Extra == 0:
		s = append(s, text(lang, "why.tie", r.EmployeeName, target))
	default:
		amount := text(lang, "amount.points", i18n.Number(lang, r.ExtraPoints, 0))
		if r.ExtraPersons >= 0.01 {
			amount = text(lang, "amount.gap", i18n.Number(lang, r.ExtraPersons, 2))
		}
		s = append(s, text(lang, "why.cost", r.EmployeeName, target, amount, r.Cost.Total, r.TargetAfter, i18n.Number(lang, r.TargetRequired, 2)))
	}
	return strings.Join(s, " ")
}

// reasons lists the rules in words.
func (r Refusal) reasons(lang i18n.Lang) string {
	out := make([]string, len(r.Rules))
	for i, rule := range r.Rules {
		out[i] = r.ruleText(lang, rule)
	}
	return list(lang, out)
}

// ruleText returns the sentence fragment naming a rule.
func (r Refusal) ruleText(lang i18n.Lang, rule Rule) string {
	switch rule {
	case RuleMinTime:
		return text(lang, "rule."+string(rule), r.MinYears)
	case RuleRetirement:
		return text(lang, "rule."+string(rule), r.RetirementMonths)
	}
	return text(lang, "rule."+string(rule))
}
