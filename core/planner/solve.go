package planner

import (
	"errors"
	"math"
)

const inf = math.MaxInt64

// errStalled means a phase pushed no flow, or start left a negative cycle:
// a bug, never an input problem.
var errStalled = errors.New("planner: search stalled")

// solve routes every imbalance left by start along shortest paths
// (successive shortest paths with dual potentials). Each phase runs one
// Dijkstra from all nodes with excess over reduced costs, raises the
// potentials by the distances — after which every residual arc still has a
// nonnegative reduced cost and every shortest path has reduced cost zero —
// then pushes as much flow as it can along zero-reduced-cost arcs. A flow
// that leaves no residual arc with a negative reduced cost is optimal; the
// potentials are the certificate.
func (n *net) solve() error {
	if err := n.start(); err != nil {
		return err
	}
	f := &n.flow
	for f.pending > 0 {
		f.sources = f.sources[:0]
		for v, x := range f.excess {
			if x > 0 {
				f.sources = append(f.sources, int32(v))
			}
		}
		n.shortest(f.sources, -1, n.arcs, false)
		n.raise()
		if n.augment() == 0 {
			return errStalled
		}
		f.phases++
	}
	return nil
}

// arcWalker enumerates the residual arcs at a node (arcs or arcsInto).
type arcWalker func(v int32, from int, visit func(i int, w int32, cost int64, ref arcRef) bool)

// shortest runs Dijkstra over reduced costs from the sources, stopping when
// target (if not -1) is settled. With reverse it follows arcs backwards
// (walk must be arcsInto), giving each node's distance to the sources.
// Unreached nodes keep distance inf.
func (n *net) shortest(sources []int32, target int32, walk arcWalker, reverse bool) {
	f := &n.flow
	for i := range f.dist {
		f.dist[i] = inf
		f.done[i] = false
	}
	for _, s := range sources {
		f.dist[s] = 0
		f.heap.update(s, 0)
	}
	for f.heap.len() > 0 {
		v := f.heap.pop()
		f.done[v] = true
		if v == target {
			break
		}
		dv, pv := f.dist[v], f.pi[v]
		from := 0
		if q := n.posOf(v); q >= 0 && !reverse {
			n.relaxPairs(q, dv, pv)
			from = int(n.pairs.start[q+1] - n.pairs.start[q])
		}
		walk(v, from, func(_ int, w int32, c int64, _ arcRef) bool {
			rc := c + pv - f.pi[w]
			if reverse {
				rc = c + f.pi[w] - pv
			}
			if d := dv + rc; d < f.dist[w] && !f.done[w] {
				f.dist[w] = d
				f.heap.update(w, d)
			}
			return true
		})
	}
	for f.heap.len() > 0 {
		f.heap.pop()
	}
}

// relaxPairs relaxes the pair arcs leaving position q, whose node is
// settled at distance dv with potential pv: the forward search's innermost
// loop, kept free of calls; the search then walks the position's other arcs
// only.
func (n *net) relaxPairs(q int32, dv, pv int64) {
	f, p := &n.flow, &n.pairs
	base := n.pnode(0)
	lo, hi := p.start[q], p.start[q+1]
	for k := lo; k < hi; k++ {
		m := p.min[k]
		if m == noPair {
			continue
		}
		w := base + p.to[k]
		if d := dv + n.wSoft*int64(m) + n.lambda + pv - f.pi[w]; d < f.dist[w] && !f.done[w] {
			f.dist[w] = d
			f.heap.update(w, d)
		}
	}
}

// raise adds the distances of the last search to the potentials; nodes it
// did not reach are raised by the largest distance found, which keeps every
// reduced cost nonnegative.
func (n *net) raise() {
	f := &n.flow
	var top int64
	for _, d := range f.dist {
		if d != inf && d > top {
			top = d
		}
	}
	for v, d := range f.dist {
		if d == inf {
			d = top
		}
		f.pi[v] += d
	}
}

// augment pushes single units from nodes with excess to nodes with deficit
// along zero-reduced-cost residual arcs, by depth-first search with
// current-arc pointers and dead-end marks, and returns how many units it
// pushed.
func (n *net) augment() int {
	f := &n.flow
	clear(f.dead)
	clear(f.ptr)
	pushed := 0
	for s := range f.excess {
		for f.excess[s] > 0 && !f.dead[s] {
			if !n.dfs(int32(s)) {
				break
			}
			f.excess[s]--
			f.pending--
			pushed++
		}
	}
	f.augmentations += pushed
	return pushed
}

// dfs looks for a zero-reduced-cost path from v to a node with deficit and
// pushes one unit along it. A node whose search fails is dead for the rest
// of the phase.
func (n *net) dfs(v int32) bool {
	f := &n.flow
	if f.excess[v] < 0 {
		f.excess[v]++
		return true
	}
	f.onStack[v] = true
	found := false
	pv := f.pi[v]
	n.arcs(v, int(f.ptr[v]), func(i int, w int32, c int64, ref arcRef) bool {
		f.ptr[v] = int32(i)
		if c+pv-f.pi[w] != 0 || f.dead[w] || f.onStack[w] {
			return true
		}
		if n.dfs(w) {
			n.apply(v, ref)
			found = true
			return false
		}
		return true
	})
	f.onStack[v] = false
	if !found {
		f.dead[v] = true
	}
	return found
}
