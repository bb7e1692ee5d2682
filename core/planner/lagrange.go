package planner

// MovesBound reports how a plan made under Params.MaxMoves compares with
// the best plan that respects the cap. The cap couples all moves, so it is
// not part of the flow network: the planner prices every move at λ and
// searches the smallest λ whose optimal plan respects the cap. For every λ,
// L(λ) = OPT(λ) − λ × Cap is a lower bound on the capped optimum (Lagrangian
// relaxation); Bound is the best one found.
type MovesBound struct {
	Cap   int `json:"cap"`
	Moves int `json:"moves"`
	// Lambda is the price per move the plan is optimal for.
	Lambda int64 `json:"lambda"`
	// Value is the plan's objective without the price; Bound the
	// Lagrangian lower bound; Gap = Value − Bound ≥ 0, and 0 proves the plan
	// optimal under the cap. GapPersons is Gap in persons of gap.
	Value      int64   `json:"value"`
	Bound      int64   `json:"bound"`
	Gap        int64   `json:"gap"`
	GapPersons float64 `json:"gap_persons"`
	// Solves counts the flow problems solved.
	Solves int `json:"solves"`
}

// solveCapped solves with at most k moves by Lagrangian relaxation and
// leaves the flow of the plan it reports.
func (n *net) solveCapped(k int) (*MovesBound, error) {
	b := &MovesBound{Cap: k}
	at := func(l int64) (moves int, value, lower int64, err error) {
		n.reset()
		n.lambda = l
		b.Solves++
		if err := n.solve(); err != nil {
			return 0, 0, 0, err
		}
		o := n.objective()
		return o.Moves, o.Value, o.Value + l*int64(o.Moves-k), nil
	}
	moves, value, lower, err := at(0)
	if err != nil {
		return nil, err
	}
	best := lower
	if moves > k {
		// Above the largest gain one move can bring, no move pays.
		lo, hi := int64(0), 200*n.wGap+8*n.eqW*n.wSoft+1
		for hi-lo > 1 {
			mid := lo + (hi-lo)/2
			m, _, l, err := at(mid)
			if err != nil {
				return nil, err
			}
			best = max(best, l)
			if m <= k {
				hi = mid
			} else {
				lo = mid
			}
		}
		if moves, value, lower, err = at(hi); err != nil {
			return nil, err
		}
		best = max(best, lower)
	}
	b.Moves, b.Lambda, b.Value, b.Bound = moves, n.lambda, value, min(best, value)
	b.Gap = b.Value - b.Bound
	b.GapPersons = n.persons(b.Gap)
	return b, nil
}
