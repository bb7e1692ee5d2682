// Package planner proposes transfers (mutasi) that balance workload, proves
// each plan optimal for its model, and explains every proposal.
//
// # Model
//
// The planner reads an Instance — units, positions with their ABK workload,
// employees, upheld objections — and Params. A position's requirement r is
// its ABK required staff (abk.RequiredStaff), rounded to hundredths of a
// person. Its gap after the plan is |n − r| for headcount n, the definition
// of abk.Imbalance.
//
// Plans are minimum-cost flows. Positions are nodes joined to their unit,
// and units to a hub; an employee who may move is an arc from their position
// to every position the hard rules allow. The edge between a position and
// its unit carries the position's net change of headcount and costs the
// convex piecewise-linear gap penalty GapUnit × |100 n − 100 r|; the edge
// between a unit and the hub carries the unit's net change and, with
// Params.Equity, a convex penalty on the unit's staffing ratio. A move costs
// its soft cost (Weights), on a small integer scale. The objective is
//
//	GapUnit × Σ gap (in hundredths) + SoftUnit × (Σ soft costs + equity penalty)
//
// By default GapUnit exceeds any difference of soft and equity costs two
// plans can have, so the planner closes the most gap first and the soft
// costs only choose among the plans that do; Params.GapWeight trades
// differently. Objective reports every part.
//
// # Hard rules
//
// A move does not exist (Rule) when the employee has been less than
// Params.MinYearsInPosition in the position (from the TMT), retires within
// Params.RetirementMonths (the BUP by position kind, or the position's
// own), is already in an active transfer, had an objection upheld in this
// round (against that position, or against any move), or is in an excluded
// unit or a structural position or one without workload data; nor when the
// target is structural, in an excluded unit or without workload data, does
// not accept the employee's education level or field, or is functional and
// of another job family. A functional employee stays in their job family
// unless Params.FunctionalMayLeaveFamily. With Params.VoluntaryOnly an
// employee only moves to a unit they ranked above staying. A position never
// loses people below its requirement (rounded up), and a position already
// short never loses people net. Params.MaxUnitChange caps each unit's net
// change of headcount. Params.MaxMoves caps the number of moves by
// Lagrangian relaxation; MovesBound reports the plan against the bound.
//
// # Solving and certificate
//
// Propose solves the flow exactly by successive shortest paths with dual
// potentials: it first takes every surplus person out (which leaves no
// cost-lowering cycle), then routes those people, phase by phase, along
// shortest paths found by Dijkstra's algorithm over reduced costs, pushing
// flow along all zero-reduced-cost paths each phase. Employee arcs are
// condensed per pair of positions (the cheapest unmoved employee), so the
// search runs over positions, not employees. The final potentials are the
// Certificate: Propose and Verify check them against every residual arc of
// the full network, employee arcs included and recomputed from the rules,
// and no reduced cost is negative, which proves the plan optimal. Greedy is
// the by-hand baseline.
//
// # Explanations
//
// Every Proposal carries an Explanation: the source's surplus and EJ band,
// the target's shortage, the education and competency fit, the preference
// rank, the distance, the soft cost and, from the certificate's duals, what
// one more person in the target would still be worth. WhyNot says why an
// employee was not moved somewhere: the hard rules, or by how much the need
// there falls short of the cost of the move, computed from the duals.
// Surge proposes temporary assignments; Replace fills the slot of an upheld
// objection and leaves every other accepted proposal as it is;
// CompareEquity sets the equity option beside the plain objective. Every
// text a person reads is in text.go, Bahasa Indonesia first.
package planner
