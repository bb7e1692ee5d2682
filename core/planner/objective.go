package planner

import "math"

// Objective is the model's objective for a plan, in its parts.
type Objective struct {
	// GapBefore and GapAfter are the total gap of the planned positions in
	// hundredths of a person, Σ |100 × headcount − round(100 × required)|.
	GapBefore int64 `json:"gap_before"`
	GapAfter  int64 `json:"gap_after"`
	// Soft is the sum of the moves' soft costs, in points.
	Soft int64 `json:"soft"`
	// Equity is the equity penalty's change, in points (0 without it).
	Equity int64 `json:"equity"`
	Moves  int   `json:"moves"`
	// Value is GapUnit × GapAfter + SoftUnit × (Soft + Equity) with the
	// certificate's units: what the planner minimises.
	Value int64 `json:"value"`
}

// eqPoints returns eqStep in points.
func (n *net) eqPoints(u int32, h int32) int64 {
	un := &n.units[u]
	v := (2*(float64(h)-un.req) + 1) / math.Max(un.req, 1)
	v = math.Max(-4, math.Min(4, v))
	return int64(math.Round(float64(n.eqW) * v))
}

// objective returns the objective of the current flow.
func (n *net) objective() Objective {
	var o Objective
	for q := range n.pos {
		p := &n.pos[q]
		if p.mask != 0 {
			continue
		}
		o.GapBefore += abs(100*int64(p.staff) - p.r100)
		o.GapAfter += abs(100*int64(p.staff+p.x) - p.r100)
	}
	for i := range n.emp {
		if em := &n.emp[i]; em.cur != em.origin {
			o.Soft += n.soft(int32(i), em.cur)
			o.Moves++
		}
	}
	if n.eqW > 0 {
		for u := range n.units {
			un := &n.units[u]
			for h := un.staff; h < un.staff+un.y; h++ {
				o.Equity += n.eqPoints(int32(u), h)
			}
			for h := un.staff; h > un.staff+un.y; h-- {
				o.Equity -= n.eqPoints(int32(u), h-1)
			}
		}
	}
	o.Value = n.wGap*o.GapAfter + n.wSoft*(o.Soft+o.Equity)
	return o
}
