package planner

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// noPair marks a pair of positions no unmoved employee connects.
const noPair = math.MaxInt32

// pairs condenses the employee arcs: for every pair of positions (q, q')
// such that some movable employee of q may move to q', it keeps the least
// soft cost among the employees of q not yet moved and how many have it.
// A path q → employee → q' costs the same whatever the employee's own dual
// potential, so the search runs over positions only and picks the employee
// when it moves someone. Memory is one entry per connected pair, not per
// employee arc.
type pairs struct {
	start      []int32 // per position, its pairs are start[q]:start[q+1]
	from       []int32 // origin position
	to         []int32 // target position, ascending within a position
	min, cnt   []int32
	min0, cnt0 []int32 // before any move, for reset; only with a move cap
	rstart     []int32 // per position, the pairs into it are ridx[rstart[q]:rstart[q+1]]
	ridx       []int32
	arcs       int // employee arcs condensed
}

// buildPairs computes the pairs, spreading origin positions over the
// available processors.
func (n *net) buildPairs() {
	np := len(n.pos)
	type result struct {
		to, min, cnt []int32
		arcs         int
	}
	res := make([]result, np)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			best := make([]int32, np)
			count := make([]int32, np)
			for i := range best {
				best[i] = noPair
			}
			var buf []arcTo
			var touched []int32
			for {
				q := int(next.Add(1) - 1)
				if q >= np {
					return
				}
				touched = touched[:0]
				for _, e := range n.byPos[q] {
					buf = n.appendEligible(buf[:0], e)
					res[q].arcs += len(buf)
					for _, a := range buf {
						switch {
						case best[a.q] == noPair:
							touched = append(touched, a.q)
							best[a.q], count[a.q] = a.soft, 1
						case a.soft < best[a.q]:
							best[a.q], count[a.q] = a.soft, 1
						case a.soft == best[a.q]:
							count[a.q]++
						}
					}
				}
				slices.Sort(touched)
				r := &res[q]
				r.to = slices.Clone(touched)
				r.min, r.cnt = make([]int32, len(touched)), make([]int32, len(touched))
				for i, t := range touched {
					r.min[i], r.cnt[i] = best[t], count[t]
					best[t] = noPair
				}
			}
		}()
	}
	wg.Wait()
	p := &n.pairs
	p.start = make([]int32, np+1)
	total := 0
	for q := range res {
		p.start[q] = int32(total)
		total += len(res[q].to)
		p.arcs += res[q].arcs
	}
	p.start[np] = int32(total)
	p.to, p.min, p.cnt = make([]int32, 0, total), make([]int32, 0, total), make([]int32, 0, total)
	p.from = make([]int32, 0, total)
	for q := range res {
		for range res[q].to {
			p.from = append(p.from, int32(q))
		}
		p.to = append(p.to, res[q].to...)
		p.min = append(p.min, res[q].min...)
		p.cnt = append(p.cnt, res[q].cnt...)
	}
	if n.p.MaxMoves > 0 {
		p.min0, p.cnt0 = slices.Clone(p.min), slices.Clone(p.cnt)
	}
	p.rstart = make([]int32, np+1)
	for _, t := range p.to {
		p.rstart[t+1]++
	}
	for q := range np {
		p.rstart[q+1] += p.rstart[q]
	}
	p.ridx = make([]int32, total)
	fill := slices.Clone(p.rstart[:np])
	for k, t := range p.to {
		p.ridx[fill[t]] = int32(k)
		fill[t]++
	}
}

// resetPairs restores the pairs to before any move.
func (p *pairs) reset() {
	copy(p.min, p.min0)
	copy(p.cnt, p.cnt0)
}

// index returns the pair (q, t), or -1.
func (p *pairs) index(q, t int32) int32 {
	lo, hi := p.start[q], p.start[q+1]
	if k, ok := slices.BinarySearch(p.to[lo:hi], t); ok {
		return lo + int32(k)
	}
	return -1
}

// eligible returns the positions employee e may move to with their soft
// costs, computed once per employee.
func (n *net) eligible(e int32) []arcTo {
	f := &n.flow
	if f.elig[e] == nil {
		f.elig[e] = n.appendEligible(make([]arcTo, 0, 8), e)
	}
	return f.elig[e]
}

// take updates the pairs of e's origin after e moved away from it.
func (n *net) take(e int32) {
	p, o := &n.pairs, n.emp[e].origin
	for _, a := range n.eligible(e) {
		k := p.index(o, a.q)
		if a.soft != p.min[k] {
			continue
		}
		if p.cnt[k]--; p.cnt[k] == 0 {
			n.recount(o, k)
		}
	}
}

// giveBack updates the pairs of e's origin after e returned to it.
func (n *net) giveBack(e int32) {
	p, o := &n.pairs, n.emp[e].origin
	for _, a := range n.eligible(e) {
		k := p.index(o, a.q)
		switch {
		case a.soft < p.min[k]:
			p.min[k], p.cnt[k] = a.soft, 1
		case a.soft == p.min[k]:
			p.cnt[k]++
		}
	}
}

// recount recomputes pair k of position o from its unmoved employees.
func (n *net) recount(o, k int32) {
	p := &n.pairs
	t := p.to[k]
	p.min[k], p.cnt[k] = noPair, 0
	for _, e := range n.byPos[o] {
		if n.emp[e].cur != o || n.check(e, t) != 0 {
			continue
		}
		switch c := int32(n.soft(e, t)); {
		case c < p.min[k]:
			p.min[k], p.cnt[k] = c, 1
		case c == p.min[k]:
			p.cnt[k]++
		}
	}
}

// pick returns an unmoved employee of o who realises pair k, preferring
// the lowest instance index so that plans are deterministic.
func (n *net) pick(o, k int32) int32 {
	p := &n.pairs
	t := p.to[k]
	for _, e := range n.byPos[o] {
		if n.emp[e].cur == o && n.check(e, t) == 0 && int32(n.soft(e, t)) == p.min[k] {
			return e
		}
	}
	panic("planner: pair without employee")
}

// move puts employee e into position to (its origin to undo a move),
// keeping the pairs and the moved lists in step.
func (n *net) move(e, to int32) {
	em, f := &n.emp[e], &n.flow
	from := em.cur
	em.cur = to
	if from == em.origin {
		n.take(e)
	} else {
		l := f.movedAt[from]
		i := slices.Index(l, e)
		f.movedAt[from] = slices.Delete(l, i, i+1)
	}
	if to == em.origin {
		em.curCost = 0
		n.giveBack(e)
		return
	}
	em.curCost = n.arcCost(e, to)
	f.movedAt[to] = append(f.movedAt[to], e)
}
