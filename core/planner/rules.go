package planner

import (
	"math/bits"
	"slices"
	"strings"
)

// Rule is a hard rule: when one applies, the move does not exist.
type Rule string

// The hard rules, in the order explanations list them.
const (
	RuleSamePosition   Rule = "same_position"   // the target is the employee's own position
	RuleMinTime        Rule = "min_time"        // less than the minimum time in position, or TMT unknown
	RuleRetirement     Rule = "retirement"      // retiring within the window, or birth date unknown
	RuleActiveTransfer Rule = "active_transfer" // already in an active transfer
	RuleObjection      Rule = "objection"       // an objection upheld in this round
	RuleExcludedUnit   Rule = "excluded_unit"   // the source or target unit is excluded
	RuleStructural     Rule = "structural"      // structural positions are never planned
	RuleNoWorkload     Rule = "no_workload"     // the source or target has no workload data
	RuleJobFamily      Rule = "job_family"      // a functional position receives only its own family
	RuleEducationLevel Rule = "education_level" // education level below the target's minimum
	RuleEducationField Rule = "education_field" // field of study not accepted by the target
	RuleVoluntary      Rule = "voluntary"       // voluntary only: the unit is not ranked above staying
)

var ruleOrder = []Rule{RuleSamePosition, RuleMinTime, RuleRetirement, RuleActiveTransfer, RuleObjection,
	RuleExcludedUnit, RuleStructural, RuleNoWorkload, RuleJobFamily, RuleEducationLevel, RuleEducationField, RuleVoluntary}

// ruleMask holds a set of rules, bit i for ruleOrder[i].
type ruleMask uint16

func maskOf(r Rule) ruleMask {
	for i, x := range ruleOrder {
		if x == r {
			return 1 << i
		}
	}
	return 0
}

var (
	mSame       = maskOf(RuleSamePosition)
	mMinTime    = maskOf(RuleMinTime)
	mRetirement = maskOf(RuleRetirement)
	mActive     = maskOf(RuleActiveTransfer)
	mObjection  = maskOf(RuleObjection)
	mExcluded   = maskOf(RuleExcludedUnit)
	mStructural = maskOf(RuleStructural)
	mNoWorkload = maskOf(RuleNoWorkload)
	mFamily     = maskOf(RuleJobFamily)
	mLevel      = maskOf(RuleEducationLevel)
	mField      = maskOf(RuleEducationField)
	mVoluntary  = maskOf(RuleVoluntary)
)

// rules lists the rules in m in ruleOrder.
func (m ruleMask) rules() []Rule {
	var out []Rule
	for i, r := range ruleOrder {
		if m&(1<<i) != 0 {
			out = append(out, r)
		}
	}
	return out
}

// check returns the hard rules that forbid moving employee e to position q;
// 0 means the move exists.
func (n *net) check(e, q int32) ruleMask {
	em, qp := &n.emp[e], &n.pos[q]
	m := em.mask | qp.mask
	if q == em.origin {
		m |= mSame
	}
	op := &n.pos[em.origin]
	if qp.fam != op.fam && (qp.functional || (op.functional && !n.p.FunctionalMayLeaveFamily)) {
		m |= mFamily
	}
	if em.edu < qp.minEdu {
		m |= mLevel
	}
	if !qp.fields.empty() && !qp.fields.has(em.field) {
		m |= mField
	}
	if n.p.VoluntaryOnly && !em.ranksAbove(qp.unit, op.unit) {
		m |= mVoluntary
	}
	if em.objected && n.objections[[2]int32{e, q}] {
		m |= mObjection
	}
	return m
}

// ranksAbove reports whether the employee ranked unit u above staying in
// their unit from: u is in their preferences before from (or from is not
// ranked), and they did not say they are unwilling to move.
func (e *empNode) ranksAbove(u, from int32) bool {
	if e.unwilling {
		return false
	}
	for _, p := range e.prefs[:e.nprefs] {
		switch p {
		case u:
			return true
		case from:
			return false
		}
	}
	return false
}

// set is a small set of interned ids: a bit mask while every id is below
// 64, as in every regency we know of, else also a sorted list.
type set struct {
	bits uint64
	ids  []int32 // sorted; kept only when some id is 64 or more
}

func setOf(ids []int32) set {
	var s set
	for _, id := range ids {
		if id >= 64 {
			s.ids = ids
			continue
		}
		s.bits |= 1 << id
	}
	return s
}

func (s set) empty() bool { return s.bits == 0 && len(s.ids) == 0 }

// has reports whether s holds id.
func (s set) has(id int32) bool {
	if id < 64 {
		return s.bits&(1<<id) != 0
	}
	_, ok := slices.BinarySearch(s.ids, id)
	return ok
}

// missing returns how many ids of s are not in held.
func (s set) missing(held set) int {
	k := bits.OnesCount64(s.bits &^ held.bits)
	for _, id := range s.ids {
		if id >= 64 && !held.has(id) {
			k++
		}
	}
	return k
}

// normalize returns s trimmed and lower-cased, the form every family, field
// and competency is compared in.
func normalize(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
