package planner

import (
	"slices"
	"time"
)

// flow is the state of the search: dual potentials, node imbalances and
// scratch space.
type flow struct {
	pi       []int64 // dual potential per node
	excess   []int64 // inflow − outflow still to route, per node
	pending  int64   // Σ positive excess
	dist     []int64
	done     []bool
	heap     nodeHeap
	dead     []bool
	onStack  []bool
	ptr      []int32
	movedAt  [][]int32 // per position, the employees moved into it
	elig     [][]arcTo // per employee, its arcs once computed
	into     [][]arcTo // per position, moved employees who could go there (q holds the employee)
	sources  []int32
	problems []string // found by the last certify

	explainTime time.Duration // spent on the explanations by the last result

	phases, augmentations int
}

const hub = 0

func (n *net) unode(u int32) int32 { return 1 + u }
func (n *net) pnode(q int32) int32 { return 1 + int32(len(n.units)) + q }
func (n *net) nodes() int          { return 1 + len(n.units) + len(n.pos) }

// posOf returns the position of node v, or -1.
func (n *net) posOf(v int32) int32 {
	if q := v - 1 - int32(len(n.units)); q >= 0 {
		return q
	}
	return -1
}

func (f *flow) init(n *net) {
	N := n.nodes()
	f.pi, f.excess, f.dist = make([]int64, N), make([]int64, N), make([]int64, N)
	f.done, f.dead, f.onStack, f.ptr = make([]bool, N), make([]bool, N), make([]bool, N), make([]int32, N)
	f.heap = newNodeHeap(N)
	f.movedAt = make([][]int32, len(n.pos))
	f.elig = make([][]arcTo, len(n.emp))
}

// reset returns every employee home and every flow to zero, keeping the
// computed employee arcs.
func (n *net) reset() {
	f := &n.flow
	for i := range n.emp {
		n.emp[i].cur, n.emp[i].curCost = n.emp[i].origin, 0
	}
	for i := range n.pos {
		n.pos[i].x = 0
	}
	for i := range n.units {
		n.units[i].y = 0
	}
	for i := range f.movedAt {
		f.movedAt[i] = f.movedAt[i][:0]
	}
	clear(f.pi)
	clear(f.excess)
	f.pending, f.phases, f.augmentations = 0, 0, 0
	n.pairs.reset()
}

// gapStep returns the change of the gap cost of position q when its
// headcount goes from h to h + 1: wGap × (|100(h+1) − R| − |100h − R|) with R
// the requirement in hundredths. It is nondecreasing in h (the penalty is
// convex).
func (n *net) gapStep(q int32, h int32) int64 {
	r := n.pos[q].r100
	return n.wGap * (abs(100*int64(h+1)-r) - abs(100*int64(h)-r))
}

// eqStep returns the change of unit u's equity cost when its headcount goes
// from h to h + 1 (see Params.Equity). It is nondecreasing in h.
func (n *net) eqStep(u int32, h int32) int64 {
	if n.eqW == 0 {
		return 0
	}
	return n.wSoft * n.eqPoints(u, h)
}

// posUp returns the cost of one more person in q.
func (n *net) posUp(q int32) int64 {
	p := &n.pos[q]
	return n.gapStep(q, p.staff+p.x)
}

// posDown returns the cost of one person less in q, and false when q is at
// its lowest allowed headcount.
func (n *net) posDown(q int32) (int64, bool) {
	p := &n.pos[q]
	h := p.staff + p.x
	if h-1 < p.low {
		return 0, false
	}
	return -n.gapStep(q, h-1), true
}

// unitUp returns the cost of one more person in unit u, and false when the
// unit's change cap is reached.
func (n *net) unitUp(u int32) (int64, bool) {
	un := &n.units[u]
	if n.cap > 0 && un.y >= n.cap {
		return 0, false
	}
	return n.eqStep(u, un.staff+un.y), true
}

// unitDown returns the cost of one person less in unit u, and false when
// the unit's change cap is reached.
func (n *net) unitDown(u int32) (int64, bool) {
	un := &n.units[u]
	if n.cap > 0 && un.y <= -n.cap {
		return 0, false
	}
	return -n.eqStep(u, un.staff+un.y-1), true
}

// start prepares the search. Every cycle that lowers the cost at zero flow
// takes a person from a position above its requirement. start takes every
// such person out at once — as far as the hard lower bound, which no later
// flow can cross — so that no negative cycle is left; their excess is
// passed on through the units to the hub, as far as the unit caps allow, so
// that the hub is the one sink most paths end at. (Whatever the unit flows,
// a cycle through the hub and one unit costs at least 0, the equity penalty
// being convex.) It then computes potentials under which no residual arc
// has a negative reduced cost. Filling the deficits first instead would
// not do: a removal can still pay for an addition beyond a deficit's own
// optimum.
func (n *net) start() error {
	f := &n.flow
	for _, un := range n.units {
		for _, q := range un.positions {
			p := &n.pos[q]
			for {
				if c, ok := n.posDown(q); !ok || c >= 0 {
					break
				}
				p.x--
			}
			f.excess[n.pnode(q)] -= int64(p.x)
			f.excess[n.unode(p.unit)] += int64(p.x)
		}
	}
	for u := range n.units {
		y := int32(f.excess[n.unode(int32(u))])
		if n.cap > 0 {
			y = max(-n.cap, min(n.cap, y))
		}
		n.units[u].y = y
		f.excess[n.unode(int32(u))] -= int64(y)
		f.excess[hub] += int64(y)
	}
	f.pending = 0
	for _, x := range f.excess {
		if x > 0 {
			f.pending += x
		}
	}
	return n.initialPotentials()
}

// initialPotentials sets the potentials to shortest distances from a
// virtual root joined to every node at cost 0 (label-correcting search);
// they exist because start left no negative cycle.
func (n *net) initialPotentials() error {
	f := &n.flow
	N := n.nodes()
	clear(f.pi)
	queue := make([]int32, 0, N)
	queued := make([]bool, N)
	for v := range N {
		queue = append(queue, int32(v))
		queued[v] = true
	}
	relaxations := 0
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		queued[v] = false
		pv := f.pi[v]
		n.arcs(v, 0, func(_ int, w int32, c int64, _ arcRef) bool {
			if pv+c < f.pi[w] {
				f.pi[w] = pv + c
				relaxations++
				if !queued[w] {
					queued[w] = true
					queue = append(queue, w)
				}
			}
			return true
		})
		if relaxations > 64*N {
			return errStalled
		}
	}
	return nil
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// arcKind names the kinds of residual arcs.
type arcKind uint8

const (
	arcUnitDown arcKind = iota // hub → unit: the unit has one person less
	arcUnitUp                  // unit → hub: the unit has one person more
	arcPosDown                 // unit → position: the position has one person less
	arcPosUp                   // position → unit: the position has one person more
	arcPair                    // position → position: an unmoved employee moves
	arcUndo                    // position → origin: a moved employee stays home after all
	arcReroute                 // position → position: a moved employee goes elsewhere
)

// arcRef says how to push one unit of flow along an arc.
type arcRef struct {
	kind arcKind
	e    int32 // employee, for arcUndo and arcReroute
	k    int32 // unit for unit arcs, position for position arcs, pair for arcPair
}

// arcs calls visit for the residual arcs leaving node v, numbered from 0,
// starting with arc number from, until visit returns false.
func (n *net) arcs(v int32, from int, visit func(i int, w int32, cost int64, ref arcRef) bool) {
	switch {
	case v == hub:
		for u := from; u < len(n.units); u++ {
			if c, ok := n.unitDown(int32(u)); ok && !visit(u, n.unode(int32(u)), c, arcRef{arcUnitDown, -1, int32(u)}) {
				return
			}
		}
	case n.posOf(v) < 0:
		u := v - 1
		if from == 0 {
			if c, ok := n.unitUp(u); ok && !visit(0, hub, c, arcRef{arcUnitUp, -1, u}) {
				return
			}
		}
		ps := n.units[u].positions
		for i := max(from, 1); i <= len(ps); i++ {
			q := ps[i-1]
			if c, ok := n.posDown(q); ok && !visit(i, n.pnode(q), c, arcRef{arcPosDown, -1, q}) {
				return
			}
		}
	default:
		n.positionArcs(v, from, visit)
	}
}

// positionArcs numbers the arcs of a position: first its pairs, then one
// more person in it, then the moved employees' arcs.
func (n *net) positionArcs(v int32, from int, visit func(i int, w int32, cost int64, ref arcRef) bool) {
	q := n.posOf(v)
	p, f := &n.pairs, &n.flow
	lo, hi := int(p.start[q]), int(p.start[q+1])
	for k := lo + from; k < hi; k++ {
		if m := p.min[k]; m != noPair && !visit(k-lo, n.pnode(p.to[k]), n.wSoft*int64(m)+n.lambda, arcRef{arcPair, -1, int32(k)}) {
			return
		}
	}
	i := hi - lo
	if from <= i && !visit(i, n.unode(n.pos[q].unit), n.posUp(q), arcRef{arcPosUp, -1, q}) {
		return
	}
	i++
	for _, e := range f.movedAt[q] {
		em := &n.emp[e]
		if i >= from && !visit(i, n.pnode(em.origin), -em.curCost, arcRef{arcUndo, e, em.origin}) {
			return
		}
		i++
		el := n.eligible(e)
		if i+len(el) <= from {
			i += len(el)
			continue
		}
		for _, a := range el {
			if i >= from && a.q != q && !visit(i, n.pnode(a.q), n.wSoft*int64(a.soft)+n.lambda-em.curCost, arcRef{arcReroute, e, a.q}) {
				return
			}
			i++
		}
	}
}

// apply pushes one unit of flow along an arc leaving node v.
func (n *net) apply(v int32, ref arcRef) {
	switch ref.kind {
	case arcUnitDown:
		n.units[ref.k].y--
	case arcUnitUp:
		n.units[ref.k].y++
	case arcPosDown:
		n.pos[ref.k].x--
	case arcPosUp:
		n.pos[ref.k].x++
	case arcPair:
		q := n.posOf(v)
		n.move(n.pick(q, ref.k), n.pairs.to[ref.k])
	case arcUndo, arcReroute:
		n.move(ref.e, ref.k)
	}
}

// sortedMoved returns the moved employees in instance order.
func (n *net) sortedMoved() []int32 {
	var out []int32
	for _, l := range n.flow.movedAt {
		out = append(out, l...)
	}
	slices.Sort(out)
	return out
}
