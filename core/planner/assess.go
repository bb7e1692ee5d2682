package planner

import (
	"fmt"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// Assessment is a move a person chose (an edited or a manual proposal)
// checked against the hard rules, with the figures it gives.
type Assessment struct {
	// Rules are the hard rules that forbid the move; empty when it is
	// allowed. Notes are rules a person may override (structural positions
	// and positions without workload data are only kept out of automatic
	// planning).
	Rules []Rule `json:"rules,omitempty"`
	Notes []Rule `json:"notes,omitempty"`
	// Explanation has the source and target figures before the round and
	// after it, with the accepted proposals and this move applied.
	Explanation Explanation `json:"explanation"`
	// FromPositionID and FromUnitID are where the employee is now.
	FromPositionID int64 `json:"from_position_id"`
	FromUnitID     int64 `json:"from_unit_id"`
	ToUnitID       int64 `json:"to_unit_id"`

	minYears, retirementMonths int
}

// Assess checks moving employeeID to toPositionID against the hard rules
// of p, with every accepted proposal applied first (each as in Replace),
// and returns the move's figures. It returns a *core.ValidationError for
// invalid input and an error wrapping core.ErrNotFound for an unknown
// employee or position.
func Assess(in *Instance, p Params, accepted []Proposal, employeeID, toPositionID int64) (*Assessment, error) {
	if err := Validate(in, p); err != nil {
		return nil, err
	}
	n := newNet(in, p)
	e, ok := n.empIdx[employeeID]
	if !ok {
		return nil, fmt.Errorf("assess: employee %d: %w", employeeID, core.ErrNotFound)
	}
	q, ok := n.posIdx[toPositionID]
	if !ok {
		return nil, fmt.Errorf("assess: position %d: %w", toPositionID, core.ErrNotFound)
	}
	for _, pr := range accepted {
		if pr.EmployeeID == employeeID {
			continue
		}
		ae, ok := n.empIdx[pr.EmployeeID]
		aq, ok2 := n.posIdx[pr.ToPositionID]
		if !ok || !ok2 || n.emp[ae].cur != n.emp[ae].origin {
			continue // an employee who left, or a position removed since
		}
		n.shift(ae, aq)
	}
	m := n.check(e, q)
	overridable := mStructural | mNoWorkload // kept out of automatic planning only
	a := &Assessment{Rules: (m &^ overridable).rules(), Notes: (m & overridable).rules(),
		minYears: p.MinYearsInPosition, retirementMonths: p.RetirementMonths}
	o := n.emp[e].origin
	a.FromPositionID, a.FromUnitID, a.ToUnitID = n.pos[o].id, n.units[n.pos[o].unit].id, n.units[n.pos[q].unit].id
	if q != o {
		n.shift(e, q)
	}
	a.Explanation = n.explain(e, q, false)
	return a, nil
}

// shift moves employee e to position q in the headcounts.
func (n *net) shift(e, q int32) {
	o := n.emp[e].origin
	n.emp[e].cur = q
	n.pos[o].x--
	n.pos[q].x++
	n.units[n.pos[o].unit].y--
	n.units[n.pos[q].unit].y++
}

// Allowed reports whether no hard rule forbids the move.
func (a *Assessment) Allowed() bool { return len(a.Rules) == 0 }

// RulesText lists the forbidding rules in words, such as "masa dalam
// jabatan sekarang kurang dari 2 tahun dan jenjang pendidikan di bawah
// syarat jabatan tujuan"; empty when the move is allowed.
func (a *Assessment) RulesText(lang i18n.Lang) string { return a.words(lang, a.Rules) }

// NotesText lists the overridden rules in words.
func (a *Assessment) NotesText(lang i18n.Lang) string { return a.words(lang, a.Notes) }

func (a *Assessment) words(lang i18n.Lang, rules []Rule) string {
	if len(rules) == 0 {
		return ""
	}
	r := Refusal{Rules: rules, MinYears: a.minYears, RetirementMonths: a.retirementMonths}
	return r.reasons(lang)
}
