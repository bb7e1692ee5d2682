package planner

import (
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// Weights weigh the soft costs of a move, each a small integer (0–100).
// The cost of moving an employee to a position is
//
//	Move + Preference×rank + Distance×distance + Competency×missing
//	     + Performance×rating + Seniority×tenure
//
// with rank 0 for the employee's first choice, 1 second, 2 third, 3 for a
// unit not ranked and 6 when the employee said they are not willing to move;
// distance the home-to-unit distance class 0 (≤ 5 km), 1 (≤ 15), 2 (≤ 30 or
// unknown), 3 (≤ 60), 4 (≤ 120), 5 (farther); missing the target's required
// competencies the employee lacks (at most 3); rating 0 for Sangat Baik up
// to 4 for Sangat Kurang, 2 when unrated; tenure max(0, 5 − whole years in
// position), at most 3, so people nearer the five-year mark move first.
type Weights struct {
	Move        int `json:"move"`
	Preference  int `json:"preference"`
	Distance    int `json:"distance"`
	Competency  int `json:"competency"`
	Performance int `json:"performance"`
	Seniority   int `json:"seniority"`
}

// RetirementAges is the retirement age (BUP) by position kind.
type RetirementAges struct {
	Executor   int `json:"executor"`   // administrative staff and executors
	Structural int `json:"structural"` // senior executives
	Functional int `json:"functional"`
}

// Params are a round's planner parameters. DefaultParams returns the
// defaults; the zero Params is not valid.
type Params struct {
	ABK abk.Config `json:"abk"`
	// MinYearsInPosition is the minimum time in the current position
	// before a move, counted from the TMT.
	MinYearsInPosition int            `json:"min_years_in_position"`
	RetirementAge      RetirementAges `json:"retirement_age"`
	// RetirementMonths: nobody retiring within this many months of the
	// instance date is moved.
	RetirementMonths int `json:"retirement_months"`
	// FunctionalMayLeaveFamily lets a functional employee move to a
	// position of another job family; by default a functional employee stays
	// in their family (leaving it is a change of career, alih jabatan, not
	// a transfer).
	FunctionalMayLeaveFamily bool `json:"functional_may_leave_family,omitempty"`
	// VoluntaryOnly moves an employee only to a unit they ranked above
	// staying.
	VoluntaryOnly bool `json:"voluntary_only,omitempty"`
	// MaxMoves caps the number of moves (0: no cap). The cap is met by
	// Lagrangian relaxation; Plan.Moves reports the bound.
	MaxMoves int `json:"max_moves,omitempty"`
	// MaxUnitChange caps, per unit, the net change of its headcount: no
	// unit gains or loses more than this many people (0: no cap). Moves
	// between positions of one unit do not count.
	MaxUnitChange int `json:"max_unit_change,omitempty"`
	// GapWeight is what closing one person of gap is worth in soft-cost
	// points. 0, the default, puts the total gap first: soft costs then only
	// choose among the plans that close the most gap.
	GapWeight int64 `json:"gap_weight,omitempty"`
	// Equity, when positive, adds a convex penalty on each unit's staffing
	// ratio so that among the plans closing the most gap the planner prefers
	// those that help the worst-off units first. Adding a person to a unit
	// with n people and required staff R costs
	// Equity × clamp((2(n − R) + 1) / max(R, 1), −4, 4) points, rounded:
	// negative (a gain) while the unit is short.
	Equity  int     `json:"equity,omitempty"`
	Weights Weights `json:"weights"`
}

// DefaultEquity is the equity weight CompareEquity uses when the
// parameters leave it 0.
const DefaultEquity = 10

// DefaultParams returns the defaults of DESIGN.md: 75,000 effective minutes,
// the guideline's EJ bands, two years in position, retirement at 58
// (executors), 60 (structural and functional), nobody retiring within 12
// months, every soft weight 1.
func DefaultParams() Params {
	return Params{
		ABK:                abk.DefaultConfig(),
		MinYearsInPosition: 2,
		RetirementAge:      RetirementAges{Executor: 58, Structural: 60, Functional: 60},
		RetirementMonths:   12,
		Weights:            Weights{Move: 1, Preference: 1, Distance: 1, Competency: 1, Performance: 1, Seniority: 1},
	}
}

// Validate returns a *core.ValidationError listing every invalid
// parameter.
func (p Params) Validate() error {
	v := &core.ValidationError{}
	p.check(v)
	return v.Err()
}

func (p Params) check(v *core.ValidationError) {
	if err := p.ABK.Validate(); err != nil {
		ve, _ := core.AsValidation(err)
		v.Merge(0, ve)
	}
	nonNegative := []struct {
		name  string
		value int64
	}{
		{"min_years_in_position", int64(p.MinYearsInPosition)},
		{"retirement_months", int64(p.RetirementMonths)},
		{"max_moves", int64(p.MaxMoves)},
		{"max_unit_change", int64(p.MaxUnitChange)},
		{"gap_weight", p.GapWeight},
	}
	for _, f := range nonNegative {
		if f.value < 0 {
			v.Add(f.name, "planner.negative_param", f.name)
		}
	}
	for _, a := range []struct {
		name string
		age  int
	}{{"retirement_age.executor", p.RetirementAge.Executor}, {"retirement_age.structural", p.RetirementAge.Structural}, {"retirement_age.functional", p.RetirementAge.Functional}} {
		if a.age < 40 || a.age > 80 {
			v.Add(a.name, "planner.retirement_age", a.age)
		}
	}
	if p.GapWeight > 1e9 {
		v.Add("gap_weight", "planner.weight_range", "gap_weight", 0, int64(1e9))
	}
	w := p.Weights
	for _, f := range []struct {
		name  string
		value int
	}{{"equity", p.Equity}, {"weights.move", w.Move}, {"weights.preference", w.Preference}, {"weights.distance", w.Distance},
		{"weights.competency", w.Competency}, {"weights.performance", w.Performance}, {"weights.seniority", w.Seniority}} {
		if f.value < 0 || f.value > 100 {
			v.Add(f.name, "planner.weight_range", f.name, 0, 100)
		}
	}
	if w.Move < 1 {
		v.Add("weights.move", "planner.move_weight")
	}
}

// maxSoft returns the largest soft cost one move can have under w.
func (w Weights) maxSoft() int64 {
	return int64(w.Move + 6*w.Preference + 5*w.Distance + 3*w.Competency + 4*w.Performance + 3*w.Seniority)
}
