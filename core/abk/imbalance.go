package abk

import (
	"math"
	"slices"
)

// Staffing is one position's required and actual staff, the input of
// Measure.
type Staffing struct {
	UnitID   int64
	Required float64
	Actual   int
}

// Imbalance holds the imbalance figures of a set of positions. They are the
// one definition used by the dashboard, the API, the planner and the docs:
//
//   - Under = Σ max(0, required − actual) over positions: people missing.
//   - Over  = Σ max(0, actual − required) over positions: people in excess.
//   - TotalGap = Under + Over = Σ |actual − required|.
//   - Index = TotalGap / Σ required (likewise UnderIndex and OverIndex);
//     0 when Σ required is 0.
//   - per unit, the staffing ratio actual / required over the unit's own
//     positions (the WHO WISN ratio; below 1 is short-staffed), for every
//     unit whose required staff is positive: its lowest (RatioMin) and
//     highest (RatioMax) value, the share of those units below the short
//     ratio (ShortShare, 0.8 by default) and its Gini coefficient across
//     them, Σᵢ Σⱼ |sᵢ − sⱼ| / (2 n² mean s) (0: every unit equally staffed).
//
// The gap closure of a plan is defined on two Imbalances by GapClosure.
type Imbalance struct {
	Required   float64 `json:"required"`
	Actual     int     `json:"actual"`
	Under      float64 `json:"under"`
	Over       float64 `json:"over"`
	TotalGap   float64 `json:"total_gap"`
	Index      float64 `json:"index"`
	UnderIndex float64 `json:"under_index"`
	OverIndex  float64 `json:"over_index"`
	Units      int     `json:"units"`
	RatioMin   float64 `json:"ratio_min"`
	RatioMax   float64 `json:"ratio_max"`
	ShortShare float64 `json:"short_share"`
	Gini       float64 `json:"gini"`
}

// Measure returns the imbalance figures of positions; see Imbalance for
// their definitions.
func (c Config) Measure(positions []Staffing) Imbalance {
	var m Imbalance
	type sum struct {
		req float64
		act int
	}
	units := map[int64]*sum{}
	var order []int64
	for _, p := range positions {
		m.Required += p.Required
		m.Actual += p.Actual
		if d := p.Required - float64(p.Actual); d > 0 {
			m.Under += d
		} else {
			m.Over -= d
		}
		u := units[p.UnitID]
		if u == nil {
			u = &sum{}
			units[p.UnitID] = u
			order = append(order, p.UnitID)
		}
		u.req += p.Required
		u.act += p.Actual
	}
	m.TotalGap = m.Under + m.Over
	if m.Required > 0 {
		m.Index = m.TotalGap / m.Required
		m.UnderIndex = m.Under / m.Required
		m.OverIndex = m.Over / m.Required
	}
	var ratios []float64
	for _, id := range order {
		if u := units[id]; u.req > 0 {
			ratios = append(ratios, float64(u.act)/u.req)
		}
	}
	m.Units = len(ratios)
	if len(ratios) == 0 {
		return m
	}
	slices.Sort(ratios)
	m.RatioMin, m.RatioMax = ratios[0], ratios[len(ratios)-1]
	short := 0
	for _, r := range ratios {
		if r < c.ShortRatio {
			short++
		}
	}
	m.ShortShare = float64(short) / float64(len(ratios))
	m.Gini = Gini(ratios)
	return m
}

// Gini returns the Gini coefficient of xs, Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² mean),
// or 0 when xs is empty or sums to 0. xs need not be sorted; it is not
// modified.
func Gini(xs []float64) float64 {
	n := len(xs)
	if n == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	var total, weighted float64
	for i, x := range s {
		total += x
		weighted += float64(i+1) * x
	}
	if total == 0 {
		return 0
	}
	g := 2*weighted/(float64(n)*total) - float64(n+1)/float64(n)
	return math.Max(0, g)
}

// GapClosure returns the share of the total gap a plan closes,
// (G₀ − G₁) / G₀ with G₀ = before.TotalGap and G₁ = after.TotalGap; 0 when
// G₀ is 0. It is negative when the plan widens the gap.
func GapClosure(before, after Imbalance) float64 {
	if before.TotalGap == 0 {
		return 0
	}
	return (before.TotalGap - after.TotalGap) / before.TotalGap
}
