package planner

import (
	"fmt"

	"github.com/seimbang/seimbang/core"
)

// Replacement is the planner's answer when an objection is upheld.
type Replacement struct {
	// SlotPositionID is the position the objected proposal would have
	// filled.
	SlotPositionID int64 `json:"slot_position_id"`
	// Proposal is the best replacement, nil when nobody can fill the slot
	// without widening the gap.
	Proposal *Proposal `json:"proposal,omitempty"`
	// Candidates counts the employees the rules allow into the slot.
	Candidates int `json:"candidates"`
}

// Replace re-plans the slot an upheld objection left open and nothing else:
// every accepted proposal stays as it is, the objecting employee stays
// where they are and is not planned into that position again, and the
// answer is the single move into the slot that lowers the objective most
// (gap first, then soft costs, as in Propose) among every employee the
// rules allow whose position stays at or above its requirement — the best
// such move, found by checking every candidate. It returns a
// *core.ValidationError for invalid input and an error wrapping
// core.ErrNotFound when a proposal names an unknown employee or position.
func Replace(in *Instance, p Params, accepted []Proposal, objected Proposal) (*Replacement, error) {
	in2 := *in
	in2.Objections = append(append([]Objection(nil), in.Objections...), Objection{EmployeeID: objected.EmployeeID, PositionID: objected.ToPositionID})
	if err := Validate(&in2, p); err != nil {
		return nil, err
	}
	n := newNet(&in2, p)
	slot, ok := n.posIdx[objected.ToPositionID]
	if !ok {
		return nil, fmt.Errorf("replace: position %d: %w", objected.ToPositionID, core.ErrNotFound)
	}
	for _, pr := range accepted {
		if pr.EmployeeID == objected.EmployeeID {
			continue
		}
		e, ok := n.empIdx[pr.EmployeeID]
		q, ok2 := n.posIdx[pr.ToPositionID]
		if !ok || !ok2 {
			return nil, fmt.Errorf("replace: proposal for employee %d: %w", pr.EmployeeID, core.ErrNotFound)
		}
		n.emp[e].cur = q
		n.pos[n.emp[e].origin].x--
		n.pos[q].x++
		n.units[n.pos[n.emp[e].origin].unit].y--
		n.units[n.pos[q].unit].y++
	}
	r := &Replacement{SlotPositionID: objected.ToPositionID}
	sp := &n.pos[slot]
	gain := n.gapStep(slot, sp.staff+sp.x)
	best, bestCost := int32(-1), int64(0)
	for i := range n.emp {
		e := int32(i)
		em := &n.emp[i]
		if em.cur != em.origin || n.check(e, slot) != 0 {
			continue
		}
		down, ok := n.posDown(em.origin)
		if !ok {
			continue
		}
		o := &n.pos[em.origin]
		cost := gain + down + n.arcCost(e, slot)
		if o.unit != sp.unit {
			in, ok := n.unitUp(sp.unit)
			out, ok2 := n.unitDown(o.unit)
			if !ok || !ok2 {
				continue
			}
			cost += in + out
		}
		r.Candidates++
		if cost < bestCost {
			best, bestCost = e, cost
		}
	}
	if best < 0 {
		return r, nil
	}
	o := n.emp[best].origin
	n.emp[best].cur = slot
	n.pos[o].x--
	sp.x++
	r.Proposal = &Proposal{EmployeeID: n.emp[best].id, FromPositionID: n.pos[o].id, FromUnitID: n.units[n.pos[o].unit].id,
		ToPositionID: sp.id, ToUnitID: n.units[sp.unit].id, Explanation: n.explain(best, slot, false)}
	r.Proposal.Cost = r.Proposal.Explanation.Cost
	return r, nil
}
