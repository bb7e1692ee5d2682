package planner

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// ErrCertificate is returned (wrapped) by Verify when a plan breaks a rule
// or its certificate does not prove it optimal.
var ErrCertificate = errors.New("planner: plan not certified")

// Certificate proves a plan optimal for the model. It holds dual
// potentials π for the hub, every unit and every planned position, in model
// cost units. An employee's potential follows from them (its origin's when
// unmoved, its position's minus the cost of its move when moved). The plan
// is optimal because its flow is feasible and no arc of the residual
// network — every move still possible, every move that could be undone or
// redirected, one more or one less person in any position or unit — has a
// negative reduced cost c(u,v) + π(u) − π(v). Verify checks exactly that.
//
// The potentials are the ones closest to the hub, so π(q) − π(hub) is the
// marginal value of one more person in position q: how much the optimal
// objective would fall if one more person appeared there.
type Certificate struct {
	Hub       int64           `json:"hub"`
	Units     map[int64]int64 `json:"units"`
	Positions map[int64]int64 `json:"positions"`
	// GapUnit is the model cost of one hundredth of a person of gap,
	// SoftUnit of one soft-cost point.
	GapUnit  int64 `json:"gap_unit"`
	SoftUnit int64 `json:"soft_unit"`
	// Lambda is the Lagrangian price of one move the plan is optimal for
	// (Params.MaxMoves); 0 without a cap.
	Lambda int64 `json:"lambda,omitempty"`
	// ArcsChecked counts the residual arcs checked, MinReducedCost is the
	// least reduced cost among them.
	ArcsChecked    int   `json:"arcs_checked"`
	MinReducedCost int64 `json:"min_reduced_cost"`
	Optimal        bool  `json:"optimal"`
}

// arcsInto calls visit for the residual arcs entering node w, with their
// tails as the visited node.
func (n *net) arcsInto(w int32, _ int, visit func(i int, v int32, cost int64, ref arcRef) bool) {
	f, p := &n.flow, &n.pairs
	switch q := n.posOf(w); {
	case w == hub:
		for u := range n.units {
			if c, ok := n.unitUp(int32(u)); ok {
				visit(0, n.unode(int32(u)), c, arcRef{})
			}
		}
	case q < 0:
		u := w - 1
		if c, ok := n.unitDown(u); ok {
			visit(0, hub, c, arcRef{})
		}
		for _, q := range n.units[u].positions {
			visit(0, n.pnode(q), n.posUp(q), arcRef{})
		}
	default:
		if n.pos[q].mask != 0 {
			return
		}
		if c, ok := n.posDown(q); ok {
			visit(0, n.unode(n.pos[q].unit), c, arcRef{})
		}
		for _, k := range p.ridx[p.rstart[q]:p.rstart[q+1]] {
			if m := p.min[k]; m != noPair {
				visit(0, n.pnode(p.from[k]), n.wSoft*int64(m)+n.lambda, arcRef{})
			}
		}
		for _, e := range n.byPos[q] {
			if em := &n.emp[e]; em.cur != q {
				visit(0, n.pnode(em.cur), -em.curCost, arcRef{})
			}
		}
		for _, a := range f.into[q] {
			em := &n.emp[a.q]
			visit(0, n.pnode(em.cur), n.wSoft*int64(a.soft)+n.lambda-em.curCost, arcRef{})
		}
	}
}

// indexInto lists, per position, the moved employees who could be
// redirected into it (arcTo.q holds the employee).
func (n *net) indexInto() {
	f := &n.flow
	f.into = make([][]arcTo, len(n.pos))
	for q, l := range f.movedAt {
		for _, e := range l {
			for _, a := range n.eligible(e) {
				if a.q != int32(q) {
					f.into[a.q] = append(f.into[a.q], arcTo{e, a.soft})
				}
			}
		}
	}
}

// toHub replaces the potentials by the optimal duals closest to the hub:
// π*(v) = π(v) − d(v), with d(v) the reduced-cost distance from v to the
// hub. Every reduced cost stays nonnegative, and π*(v) − π*(hub) is the
// cost of the cheapest way to absorb one more unit at v.
func (n *net) toHub() {
	n.indexInto()
	f := &n.flow
	n.shortest([]int32{hub}, -1, n.arcsInto, true)
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
		f.pi[v] -= d
	}
}

// certify checks the current flow and potentials against every residual
// arc of the full network, employee arcs included and recomputed from the
// rules, and returns how many arcs it checked, the least reduced cost, and
// the problems found (at most a few).
func (n *net) certify() (checked int, least int64, problems []string) {
	f := &n.flow
	checked, least, problems = n.certifyEmployees()
	note := func(rc int64, what string, id int64) {
		checked++
		least = min(least, rc)
		if rc < 0 && len(problems) < 5 {
			problems = append(problems, fmt.Sprintf("negative reduced cost %d on %s %d", rc, what, id))
		}
	}
	net := make([]int32, len(n.pos))
	for i := range n.emp {
		em := &n.emp[i]
		if em.cur != em.origin {
			net[em.cur]++
			net[em.origin]--
			if n.check(int32(i), em.cur) != 0 && len(problems) < 5 {
				problems = append(problems, fmt.Sprintf("employee %d may not move to position %d", em.id, n.pos[em.cur].id))
			}
		}
	}
	for u := range n.units {
		un := &n.units[u]
		var sum int32
		pu := f.pi[n.unode(int32(u))]
		for _, q := range un.positions {
			p := &n.pos[q]
			sum += p.x
			if p.x != net[q] && len(problems) < 5 {
				problems = append(problems, fmt.Sprintf("position %d: flow %d but %d net arrivals", p.id, p.x, net[q]))
			}
			if p.staff+p.x < p.low && len(problems) < 5 {
				problems = append(problems, fmt.Sprintf("position %d falls below its requirement", p.id))
			}
			pq := f.pi[n.pnode(q)]
			note(n.posUp(q)+pq-pu, "one more person in position", p.id)
			if c, ok := n.posDown(q); ok {
				note(c+pu-pq, "one person less in position", p.id)
			}
		}
		if sum != un.y && len(problems) < 5 {
			problems = append(problems, fmt.Sprintf("unit %d: flow %d but %d net arrivals", un.id, un.y, sum))
		}
		if n.cap > 0 && (un.y > n.cap || un.y < -n.cap) && len(problems) < 5 {
			problems = append(problems, fmt.Sprintf("unit %d changes by %d, more than the cap", un.id, un.y))
		}
		if c, ok := n.unitUp(int32(u)); ok {
			note(c+pu-f.pi[hub], "one more person in unit", un.id)
		}
		if c, ok := n.unitDown(int32(u)); ok {
			note(c+f.pi[hub]-pu, "one person less in unit", un.id)
		}
	}
	for q := range n.pos {
		if n.pos[q].mask != 0 && net[q] != 0 && len(problems) < 5 {
			problems = append(problems, fmt.Sprintf("position %d is not planned but its staff changes", n.pos[q].id))
		}
	}
	if checked == 0 {
		least = 0
	}
	return checked, least, problems
}

// certifyEmployees checks the reduced cost of every employee arc — every
// move still possible, and for a moved employee going back or elsewhere —
// spreading the employees over the available processors. An employee's
// potential is its origin's when unmoved and its position's minus the cost
// of its move when moved.
func (n *net) certifyEmployees() (checked int, least int64, problems []string) {
	f := &n.flow
	const chunk = 1024
	var next atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	least = inf
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []arcTo
			var count int
			low := int64(inf)
			var found []string
			note := func(rc int64, e, q int64) {
				count++
				low = min(low, rc)
				if rc < 0 && len(found) < 5 {
					found = append(found, fmt.Sprintf("negative reduced cost %d on employee %d to position %d", rc, e, q))
				}
			}
			for {
				from := int(next.Add(chunk) - chunk)
				if from >= len(n.emp) {
					break
				}
				for i := from; i < min(from+chunk, len(n.emp)); i++ {
					em := &n.emp[i]
					if em.mask != 0 {
						continue
					}
					buf = n.appendEligible(buf[:0], int32(i))
					po := f.pi[n.pnode(em.origin)]
					pe := po
					if em.cur != em.origin {
						pe = f.pi[n.pnode(em.cur)] - n.arcCost(int32(i), em.cur)
						note(pe-po, em.id, n.pos[em.origin].id)
					}
					for _, a := range buf {
						if a.q != em.cur {
							note(n.wSoft*int64(a.soft)+n.lambda+pe-f.pi[n.pnode(a.q)], em.id, n.pos[a.q].id)
						}
					}
				}
			}
			mu.Lock()
			defer mu.Unlock()
			checked += count
			least = min(least, low)
			problems = append(problems, found...)
		}()
	}
	wg.Wait()
	slices.Sort(problems)
	if len(problems) > 5 {
		problems = problems[:5]
	}
	return checked, least, problems
}

// certificate returns the certificate of the current flow, keeping the
// problems its check found in the flow state.
func (n *net) certificate() *Certificate {
	f := &n.flow
	c := &Certificate{Hub: f.pi[hub], Units: make(map[int64]int64, len(n.units)), Positions: map[int64]int64{},
		GapUnit: n.wGap, SoftUnit: n.wSoft, Lambda: n.lambda}
	for u := range n.units {
		c.Units[n.units[u].id] = f.pi[n.unode(int32(u))]
	}
	for q := range n.pos {
		if n.pos[q].mask == 0 {
			c.Positions[n.pos[q].id] = f.pi[n.pnode(int32(q))]
		}
	}
	c.ArcsChecked, c.MinReducedCost, n.flow.problems = n.certify()
	c.Optimal = len(n.flow.problems) == 0
	return c
}

// Verify checks plan against the instance and parameters it was made for,
// independently of how it was made: every proposal obeys every hard rule,
// no position falls below its requirement, no cap is exceeded, the
// objective is what the proposals give, and the certificate's potentials
// leave no residual arc with a negative reduced cost — which proves the
// plan optimal for the model (for the Lagrangian price in the certificate
// when moves are capped). It returns a *core.ValidationError for an invalid
// instance and an error wrapping ErrCertificate listing what failed.
func Verify(in *Instance, p Params, plan *Plan) error {
	if err := Validate(in, p); err != nil {
		return err
	}
	if plan == nil || plan.Certificate == nil {
		return fmt.Errorf("%w: no certificate", ErrCertificate)
	}
	n := newNet(in, p)
	c := plan.Certificate
	if c.GapUnit != n.wGap || c.SoftUnit != n.wSoft {
		return fmt.Errorf("%w: cost scale %d/%d, want %d/%d", ErrCertificate, c.GapUnit, c.SoftUnit, n.wGap, n.wSoft)
	}
	n.lambda = c.Lambda
	var problems []string
	if err := n.load(plan.Proposals); err != nil {
		problems = append(problems, err.Error())
	}
	if p.MaxMoves > 0 && len(plan.Proposals) > p.MaxMoves {
		problems = append(problems, fmt.Sprintf("%d moves, more than the cap of %d", len(plan.Proposals), p.MaxMoves))
	}
	f := &n.flow
	f.pi[hub] = c.Hub
	for u := range n.units {
		f.pi[n.unode(int32(u))] = c.Units[n.units[u].id]
	}
	for q := range n.pos {
		if pi, ok := c.Positions[n.pos[q].id]; ok {
			f.pi[n.pnode(int32(q))] = pi
		} else if n.pos[q].mask == 0 {
			problems = append(problems, fmt.Sprintf("no potential for position %d", n.pos[q].id))
		}
	}
	_, _, more := n.certify()
	problems = append(problems, more...)
	if got := n.objective(); got != plan.Objective {
		problems = append(problems, fmt.Sprintf("objective %+v, proposals give %+v", plan.Objective, got))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s", ErrCertificate, joinProblems(problems))
	}
	return nil
}

// load sets the flow to the given proposals without touching the pairs
// (which Verify does not build). It returns an error for a proposal that
// names an unknown employee or position, moves someone twice or does not
// start at the employee's position.
func (n *net) load(props []Proposal) error {
	seen := map[int32]bool{}
	for _, pr := range props {
		e, ok := n.empIdx[pr.EmployeeID]
		q, ok2 := n.posIdx[pr.ToPositionID]
		if !ok || !ok2 {
			return fmt.Errorf("proposal for employee %d names an unknown employee or position", pr.EmployeeID)
		}
		em := &n.emp[e]
		if seen[e] || n.pos[em.origin].id != pr.FromPositionID || q == em.origin {
			return fmt.Errorf("proposal for employee %d does not match the instance", pr.EmployeeID)
		}
		seen[e] = true
		em.cur = q
		em.curCost = n.arcCost(e, q)
		n.flow.movedAt[q] = append(n.flow.movedAt[q], e)
		n.pos[q].x++
		n.pos[em.origin].x--
		if n.pos[q].mask == 0 {
			n.units[n.pos[q].unit].y++
		}
		if n.pos[em.origin].mask == 0 {
			n.units[n.pos[em.origin].unit].y--
		}
	}
	return nil
}

func joinProblems(p []string) string {
	p = slices.Compact(p)
	out := p[0]
	for _, s := range p[1:] {
		out += "; " + s
	}
	return out
}
