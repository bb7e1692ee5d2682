package planner

import (
	"math"
	"math/big"
	"slices"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// net is the planner's flow network over dense indices. Node 0 is the hub,
// nodes 1…U the units, then the positions; employees are not nodes of the
// search but arcs between positions (see pairs.go).
//
// Flow: a person leaving position q travels hub → unit(q) → q → employee →
// target q' → unit(q') → hub. The edge q–unit(q) carries x_q, the net change
// of q's headcount, priced by the convex gap penalty; the edge unit–hub
// carries y_u, the net change of the unit's headcount, priced by the equity
// penalty and bounded by MaxUnitChange.
type net struct {
	in    *Instance
	p     Params
	units []unitNode
	pos   []posNode
	emp   []empNode

	unitIdx map[int64]int32
	posIdx  map[int64]int32
	empIdx  map[int64]int32

	funcByFam [][]int32 // planned functional positions by family
	execByFam [][]int32 // planned executor positions by family
	execAll   []int32   // planned executor positions
	byPos     [][]int32 // movable employees by origin position

	objections map[[2]int32]bool // (employee, position) pairs objected to

	movable int   // employees no employee-level rule holds back
	wGap    int64 // model cost of one hundredth of a person of gap
	wSoft   int64 // model cost of one soft-cost point
	lambda  int64 // Lagrangian price of one move
	eqW     int64 // equity weight in soft points
	cap     int32 // MaxUnitChange, 0 for none

	pairs pairs
	flow  flow
}

type unitNode struct {
	id        int64
	at        point
	excluded  bool
	positions []int32 // planned positions
	staff     int32   // people in positions with workload
	req       float64 // required staff of positions with workload
	y         int32   // net change of headcount
}

type posNode struct {
	id         int64
	unit       int32
	fam        int32
	functional bool
	minEdu     int8
	fields     set // accepted fields; empty for any
	comps      set // required competencies
	mask       ruleMask
	workload   float64 // minutes a year
	req        float64 // required staff
	hasWork    bool
	staff      int32 // people in the position
	r100       int64 // required staff in hundredths, rounded
	low        int32 // lowest headcount moves may leave
	x          int32 // net change of headcount
}

type empNode struct {
	id        int64
	origin    int32
	cur       int32 // current position: origin unless moved
	curCost   int64 // arcCost of the current move, 0 when not moved
	edu       int8
	field     int32
	comps     set
	home      point // home, or the origin unit when unknown
	prefs     [core.MaxPreferredUnits]int32
	nprefs    int8
	unwilling bool
	objected  bool // has an objection against a particular position
	mask      ruleMask
	rating    int8 // performance class 0–4
	tenure    int8 // seniority class 0–3
}

// interner maps normalised strings to small dense ids.
type interner map[string]int32

func (t interner) id(s string) int32 {
	s = normalize(s)
	if id, ok := t[s]; ok {
		return id
	}
	id := int32(len(t))
	t[s] = id
	return id
}

func (t interner) set(ss []string) set {
	out := make([]int32, 0, len(ss))
	for _, s := range ss {
		if normalize(s) != "" {
			out = append(out, t.id(s))
		}
	}
	slices.Sort(out)
	return setOf(slices.Compact(out))
}

// newNet indexes a valid instance. It evaluates every rule that depends on
// the employee or the target alone, and the model's cost scales.
func newNet(in *Instance, p Params) *net {
	n := &net{in: in, p: p, unitIdx: map[int64]int32{}, posIdx: map[int64]int32{}, empIdx: map[int64]int32{}}
	fams, fields, comps := interner{}, interner{}, interner{}
	n.units = make([]unitNode, len(in.Units))
	for i, u := range in.Units {
		n.unitIdx[u.ID] = int32(i)
		n.units[i] = unitNode{id: u.ID, excluded: u.Excluded}
		if u.Located {
			n.units[i].at = pointOf(u.Lat, u.Lng)
		}
	}
	n.pos = make([]posNode, len(in.Positions))
	for i := range in.Positions {
		n.addPosition(int32(i), fams, fields, comps)
	}
	n.funcByFam = make([][]int32, len(fams))
	n.execByFam = make([][]int32, len(fams))
	for i := range n.pos {
		q := &n.pos[i]
		if q.mask != 0 {
			continue
		}
		n.units[q.unit].positions = append(n.units[q.unit].positions, int32(i))
		if q.functional {
			n.funcByFam[q.fam] = append(n.funcByFam[q.fam], int32(i))
		} else {
			n.execByFam[q.fam] = append(n.execByFam[q.fam], int32(i))
			n.execAll = append(n.execAll, int32(i))
		}
	}
	n.objections = map[[2]int32]bool{}
	n.emp = make([]empNode, len(in.Employees))
	n.byPos = make([][]int32, len(n.pos))
	for i := range in.Employees {
		n.addEmployee(int32(i), fields, comps)
	}
	for _, o := range in.Objections {
		e := n.empIdx[o.EmployeeID]
		if o.PositionID == 0 {
			n.emp[e].mask |= mObjection
			continue
		}
		n.emp[e].objected = true
		n.objections[[2]int32{e, n.posIdx[o.PositionID]}] = true
	}
	for i := range n.emp {
		if e := &n.emp[i]; e.mask == 0 {
			n.movable++
			n.byPos[e.origin] = append(n.byPos[e.origin], int32(i))
		}
	}
	for i := range n.pos {
		n.pos[i].low = n.pos[i].lowest()
	}
	n.scale()
	n.flow.init(n)
	return n
}

func (n *net) addPosition(i int32, fams, fields, comps interner) {
	pp := &n.in.Positions[i]
	n.posIdx[pp.ID] = i
	u := n.unitIdx[pp.UnitID]
	q := posNode{
		id: pp.ID, unit: u, fam: fams.id(pp.Family), functional: pp.Kind == core.Functional,
		minEdu: int8(pp.MinEducation.Rank()), fields: fields.set(pp.AcceptedFields), comps: comps.set(pp.Competencies),
		workload: abk.WorkloadMinutes(pp.Tasks), hasWork: len(pp.Tasks) > 0,
	}
	q.req = q.workload / n.p.ABK.EffectiveMinutes
	q.r100 = int64(math.Round(q.req * 100))
	if pp.Kind == core.Structural {
		q.mask |= mStructural
	}
	if n.units[u].excluded {
		q.mask |= mExcluded
	}
	if !q.hasWork {
		q.mask |= mNoWorkload
	} else {
		n.units[u].req += q.req
	}
	n.pos[i] = q
}

func (n *net) addEmployee(i int32, fields, comps interner) {
	ee := &n.in.Employees[i]
	n.empIdx[ee.ID] = i
	o := n.posIdx[ee.PositionID]
	q := &n.pos[o]
	q.staff++
	if q.hasWork {
		n.units[q.unit].staff++
	}
	e := empNode{
		id: ee.ID, origin: o, cur: o, edu: int8(ee.Education.Rank()), field: fields.id(ee.Field),
		comps: comps.set(ee.Competencies), unwilling: ee.Willingness == core.WillingNo, mask: q.mask,
	}
	e.home = n.units[q.unit].at
	if ee.HasHome {
		e.home = pointOf(ee.HomeLat, ee.HomeLng)
	}
	for _, id := range ee.Preferences {
		if int(e.nprefs) < len(e.prefs) {
			e.prefs[e.nprefs] = n.unitIdx[id]
			e.nprefs++
		}
	}
	date := n.in.Date
	if ee.TMT.IsZero() || date.Before(ee.TMT.AddDate(n.p.MinYearsInPosition, 0, 0)) {
		e.mask |= mMinTime
	}
	if ee.BirthDate.IsZero() || !date.AddDate(0, n.p.RetirementMonths, 0).Before(ee.BirthDate.AddDate(n.retirementAge(o), 0, 0)) {
		e.mask |= mRetirement
	}
	if ee.InActiveTransfer {
		e.mask |= mActive
	}
	e.rating = 2
	if s := ee.Performance.Score(); s > 0 {
		e.rating = int8(5 - s)
	}
	if !ee.TMT.IsZero() {
		e.tenure = int8(min(3, max(0, 5-ee.TMT.YearsUntil(date))))
	}
	n.emp[i] = e
}

// retirementAge returns the BUP of the people in position q.
func (n *net) retirementAge(q int32) int {
	pp := &n.in.Positions[q]
	if pp.RetirementAge > 0 {
		return pp.RetirementAge
	}
	switch pp.Kind {
	case core.Structural:
		return n.p.RetirementAge.Structural
	case core.Functional:
		return n.p.RetirementAge.Functional
	}
	return n.p.RetirementAge.Executor
}

// lowest returns the lowest headcount moves may leave in the position: its
// requirement rounded up when it has more staff than that (a move never
// turns a surplus into a deficit), else its present staff.
func (q *posNode) lowest() int32 {
	need := int32((q.r100 + 99) / 100)
	return min(q.staff, need)
}

// scale sets the weights of the model's cost. With Params.GapWeight 0 one
// hundredth of gap costs more than the soft and equity costs of any plan can
// differ, so the gap comes first: wGap = M × (maxSoft + 8 × Equity) + 1 for
// M movable employees (a move changes two units' equity terms by at most
// 4 × Equity each). Otherwise one person of gap is worth GapWeight points.
func (n *net) scale() {
	n.eqW = int64(n.p.Equity)
	n.cap = int32(n.p.MaxUnitChange)
	if n.p.GapWeight > 0 {
		n.wGap, n.wSoft = n.p.GapWeight, 100
		return
	}
	n.wSoft = 1
	n.wGap = int64(n.movable)*(n.p.Weights.maxSoft()+8*n.eqW) + 1
}

// fits reports whether every cost the search can meet fits in an int64 with
// room to spare: a plan's gap is at most the present gap plus two persons a
// move, and a path crosses each node at most once.
func (n *net) fits() bool {
	var gap int64
	for q := range n.pos {
		if p := &n.pos[q]; p.mask == 0 {
			gap += abs(100*int64(p.staff)-p.r100) + 200
		}
	}
	gap += 200 * int64(n.movable)
	perMove := n.wSoft * (n.p.Weights.maxSoft() + 8*n.eqW)
	limit := big.NewInt(1 << 60)
	total := new(big.Int).Mul(big.NewInt(n.wGap), big.NewInt(gap))
	total.Add(total, new(big.Int).Mul(big.NewInt(perMove), big.NewInt(int64(n.movable)+int64(n.nodes()))))
	path := new(big.Int).Mul(big.NewInt(200*n.wGap+perMove), big.NewInt(int64(n.nodes())))
	return total.Cmp(limit) < 0 && path.Cmp(limit) < 0
}

// candidates returns the two lists of planned positions the job-family rule
// lets employee e into (check still applies the other rules).
func (n *net) candidates(e int32) (a, b []int32) {
	em := &n.emp[e]
	o := &n.pos[em.origin]
	if !o.functional {
		return n.execAll, n.funcByFam[o.fam]
	}
	if n.p.FunctionalMayLeaveFamily {
		return n.funcByFam[o.fam], n.execAll
	}
	return n.funcByFam[o.fam], n.execByFam[o.fam]
}

// arcTo is an arc from an employee to a position, with its soft cost.
type arcTo struct {
	q    int32
	soft int32
}

// appendEligible appends every position employee e may move to, with its
// soft cost, in the order of candidates. It is the loop every arc goes
// through: the parts of the cost that depend on the employee or the unit
// are computed once per employee and unit.
func (n *net) appendEligible(buf []arcTo, e int32) []arcTo {
	if n.emp[e].mask != 0 {
		return buf
	}
	move, perf, sen := n.baseCost(e)
	base := move + perf + sen
	a, b := n.candidates(e)
	last, unit := int32(-1), 0
	for _, list := range [2][]int32{a, b} {
		for _, q := range list {
			if n.check(e, q) != 0 {
				continue
			}
			qp := &n.pos[q]
			if qp.unit != last {
				pref, dist := n.unitCost(e, qp.unit)
				last, unit = qp.unit, pref+dist
			}
			c := base + unit
			if !qp.comps.empty() {
				c += n.competencyCost(e, qp.comps)
			}
			buf = append(buf, arcTo{q, int32(c)})
		}
	}
	return buf
}
