package planner

import (
	"fmt"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// Plan is the planner's answer for a round.
type Plan struct {
	Proposals []Proposal `json:"proposals"`
	// Before and After are the imbalance figures of every position with
	// workload data, before and after the proposals.
	Before     abk.Imbalance `json:"before"`
	After      abk.Imbalance `json:"after"`
	GapClosure float64       `json:"gap_closure"`
	Objective  Objective     `json:"objective"`
	// Certificate proves the plan optimal for the model; nil for the greedy
	// baseline.
	Certificate *Certificate `json:"certificate,omitempty"`
	// Moves reports the quality against the Lagrangian bound when
	// Params.MaxMoves caps the moves.
	Moves *MovesBound `json:"moves,omitempty"`
	Stats Stats       `json:"stats"`
}

// Proposal is one proposed move with its explanation.
type Proposal struct {
	EmployeeID     int64       `json:"employee_id"`
	FromPositionID int64       `json:"from_position_id"`
	FromUnitID     int64       `json:"from_unit_id"`
	ToPositionID   int64       `json:"to_position_id"`
	ToUnitID       int64       `json:"to_unit_id"`
	Cost           Cost        `json:"cost"`
	Explanation    Explanation `json:"explanation"`
}

// Stats describe the size of the problem and the search.
type Stats struct {
	Employees int `json:"employees"`
	// Movable counts employees no employee-level rule holds back.
	Movable   int `json:"movable"`
	Positions int `json:"positions"`
	Units     int `json:"units"`
	// Arcs counts the eligible moves (employee, position); Pairs the
	// pairs of positions they connect.
	Arcs          int `json:"arcs"`
	Pairs         int `json:"pairs"`
	Phases        int `json:"phases"`
	Augmentations int `json:"augmentations"`
	// Build is the time spent indexing and computing the employee arcs,
	// Solve the flow search, Certify the duals and the check of every arc;
	// Elapsed is the whole call, explanations included.
	Build   time.Duration `json:"build"`
	Solve   time.Duration `json:"solve"`
	Certify time.Duration `json:"certify"`
	Elapsed time.Duration `json:"elapsed"`
}

// Propose plans the round: the moves that minimise the model's objective
// (total gap first, then soft costs, unless Params say otherwise) under
// every hard rule, each with its explanation, and a certificate of
// optimality that it has checked. It returns a *core.ValidationError
// listing every problem of an invalid instance or parameters (or naming an
// instance too large for the gap-first weights, where Params.GapWeight
// helps), and an error wrapping ErrCertificate if its own check fails,
// which would be a bug.
func Propose(in *Instance, p Params) (*Plan, error) {
	if err := Validate(in, p); err != nil {
		return nil, err
	}
	began := time.Now()
	n := newNet(in, p)
	if !n.fits() {
		return nil, core.Invalid("gap_weight", "planner.too_large")
	}
	n.buildPairs()
	built := time.Now()
	var bound *MovesBound
	var err error
	if p.MaxMoves > 0 {
		bound, err = n.solveCapped(p.MaxMoves)
	} else {
		err = n.solve()
	}
	if err != nil {
		return nil, err
	}
	solved := time.Now()
	n.toHub()
	plan := n.result(true)
	plan.Moves = bound
	plan.Stats.Build, plan.Stats.Solve, plan.Stats.Certify = built.Sub(began), solved.Sub(built), time.Since(solved)-n.flow.explainTime
	if len(n.flow.problems) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrCertificate, joinProblems(n.flow.problems))
	}
	plan.Stats.Elapsed = time.Since(began)
	return plan, nil
}

// result assembles the plan of the current flow, with the certificate when
// certified is set.
func (n *net) result(certified bool) *Plan {
	f := &n.flow
	plan := &Plan{
		Objective: n.objective(),
		Before:    n.imbalance(false),
		After:     n.imbalance(true),
		Stats: Stats{Employees: len(n.emp), Movable: n.movable, Positions: len(n.pos), Units: len(n.units),
			Arcs: n.pairs.arcs, Pairs: len(n.pairs.to), Phases: f.phases, Augmentations: f.augmentations},
	}
	plan.GapClosure = abk.GapClosure(plan.Before, plan.After)
	if certified {
		plan.Certificate = n.certificate()
	}
	began := time.Now()
	for _, e := range n.sortedMoved() {
		em := &n.emp[e]
		o, q := &n.pos[em.origin], &n.pos[em.cur]
		pr := Proposal{EmployeeID: em.id, FromPositionID: o.id, FromUnitID: n.units[o.unit].id,
			ToPositionID: q.id, ToUnitID: n.units[q.unit].id}
		pr.Explanation = n.explain(e, em.cur, certified)
		pr.Cost = pr.Explanation.Cost
		plan.Proposals = append(plan.Proposals, pr)
	}
	n.flow.explainTime = time.Since(began)
	return plan
}

// imbalance returns the imbalance figures of the positions with workload,
// with the planned changes when after is set.
func (n *net) imbalance(after bool) abk.Imbalance {
	s := make([]abk.Staffing, 0, len(n.pos))
	for q := range n.pos {
		p := &n.pos[q]
		if !p.hasWork {
			continue
		}
		h := p.staff
		if after {
			h += p.x
		}
		s = append(s, abk.Staffing{UnitID: n.units[p.unit].id, Required: p.req, Actual: int(h)})
	}
	return n.p.ABK.Measure(s)
}
