package planner

import (
	"cmp"
	"slices"
	"time"

	"github.com/seimbang/seimbang/core"
)

// Greedy plans the round the way a person would by hand, as a baseline for
// Propose: it takes the short positions in order of shortage, largest
// first, and fills each, one person at a time while one more person still
// lowers its gap, with the cheapest eligible employee of a position that is
// still above its requirement. It obeys the same hard rules and bounds (but
// not MaxMoves, MaxUnitChange or Equity) and never moves anyone twice; it is
// not optimal and carries no certificate. It returns a
// *core.ValidationError for invalid input.
func Greedy(in *Instance, p Params) (*Plan, error) {
	if err := Validate(in, p); err != nil {
		return nil, err
	}
	began := time.Now()
	n := newNet(in, p)
	if !n.fits() {
		return nil, core.Invalid("gap_weight", "planner.too_large")
	}
	n.buildPairs()
	var short []int32
	for q := range n.pos {
		if pp := &n.pos[q]; pp.mask == 0 && 100*int64(pp.staff) < pp.r100 {
			short = append(short, int32(q))
		}
	}
	slices.SortStableFunc(short, func(a, b int32) int {
		pa, pb := &n.pos[a], &n.pos[b]
		return cmp.Compare(100*int64(pa.staff)-pa.r100, 100*int64(pb.staff)-pb.r100) // largest shortage first
	})
	pr := &n.pairs
	for _, t := range short {
		for n.gapStep(t, n.pos[t].staff+n.pos[t].x) < 0 {
			best := int32(-1)
			for _, k := range pr.ridx[pr.rstart[t]:pr.rstart[t+1]] {
				src := &n.pos[pr.from[k]]
				if h := src.staff + src.x; pr.min[k] == noPair || h <= src.low || 100*int64(h-1) < src.r100 {
					continue
				}
				if best < 0 || pr.min[k] < pr.min[best] {
					best = k
				}
			}
			if best < 0 {
				break
			}
			o := pr.from[best]
			n.move(n.pick(o, best), t)
			n.pos[o].x--
			n.pos[t].x++
			n.units[n.pos[o].unit].y--
			n.units[n.pos[t].unit].y++
		}
	}
	plan := n.result(false)
	plan.Stats.Elapsed = time.Since(began)
	return plan, nil
}
