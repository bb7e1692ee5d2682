package evaluation

import (
	"sort"

	"github.com/seimbang/seimbang/core"
)

// The answers to an anonymous template are shown only for sets of at least
// core.MinAnonymousGroup respondents. A set is what a person can ask to
// see: a wave's whole round, the tree under a unit (the unit filter), the
// answers counted for one unit (a row of the by-unit breakdown). Hiding
// the small sets alone is not enough, because a small set can be had by
// subtraction: whole − unit A = unit B. So a set is also hidden when
//
//   - a larger set that contains it differs from it by 1–4 respondents
//     (the difference would be a small set), or
//   - it is a part of a partition (a unit's tree into the unit itself and
//     its children's trees, or a tree into the units inside it) whose
//     hidden parts add up to 1–4 respondents: the smallest parts still
//     shown are hidden until the hidden ones add up to 5 or more.
//
// The decisions are made once for the whole round and wave, so that every
// view (whatever the filter) hides the same sets. They are made for each
// measure separately: the respondents of a group, and the answers to each
// question (an optional question may have fewer answers than the group has
// respondents).

// setKey names one set: the whole wave (unit 0, tree), a unit's tree, or a
// unit's own answers.
type setKey struct {
	unit int64
	own  bool // the unit's own answers; false: its whole tree
}

var whole = setKey{}

// unitTree is the units' hierarchy.
type unitTree struct {
	parent   map[int64]int64
	children map[int64][]int64
	roots    []int64
	all      []int64
}

func newTree(units []core.Unit) unitTree {
	t := unitTree{parent: map[int64]int64{}, children: map[int64][]int64{}}
	known := map[int64]bool{}
	for _, u := range units {
		known[u.ID] = true
	}
	for _, u := range units {
		t.all = append(t.all, u.ID)
		if u.ParentID != nil && known[*u.ParentID] && *u.ParentID != u.ID {
			t.parent[u.ID] = *u.ParentID
			t.children[*u.ParentID] = append(t.children[*u.ParentID], u.ID)
		} else {
			t.roots = append(t.roots, u.ID)
		}
	}
	return t
}

// subtree returns root and every unit below it.
func (t unitTree) subtree(root int64) []int64 {
	out, seen := []int64{}, map[int64]bool{}
	var walk func(int64)
	walk = func(id int64) {
		if seen[id] {
			return
		}
		seen[id] = true
		out = append(out, id)
		for _, c := range t.children[id] {
			walk(c)
		}
	}
	walk(root)
	return out
}

// ancestors returns the units above id, nearest first.
func (t unitTree) ancestors(id int64) []int64 {
	var out []int64
	seen := map[int64]bool{id: true}
	for {
		p, ok := t.parent[id]
		if !ok || seen[p] {
			return out
		}
		seen[p] = true
		out = append(out, p)
		id = p
	}
}

// hidden is the set of sets a measure hides.
type hidden map[setKey]bool

// safe reports whether n respondents may be shown, or subtracted.
func safe(n int) bool { return n == 0 || n >= core.MinAnonymousGroup }

// suppress decides which sets of one measure to hide, given the measure's
// count per unit (the unit the answer counts for).
func suppress(t unitTree, own map[int64]int) hidden {
	tree := map[int64]int{}
	total := 0
	for _, id := range t.all {
		n := 0
		for _, u := range t.subtree(id) {
			n += own[u]
		}
		tree[id] = n
	}
	for _, n := range own {
		total += n
	}
	count := func(k setKey) int {
		switch {
		case k == whole:
			return total
		case k.own:
			return own[k.unit]
		}
		return tree[k.unit]
	}
	h := hidden{}
	// supersets of a set: the trees of its unit's ancestors and the whole;
	// a unit's own answers also lie in its own tree.
	supersets := func(k setKey) []setKey {
		if k == whole {
			return nil
		}
		out := []setKey{whole}
		if k.own {
			out = append(out, setKey{unit: k.unit})
		}
		for _, a := range t.ancestors(k.unit) {
			out = append(out, setKey{unit: a})
		}
		return out
	}
	sets := []setKey{whole}
	for _, id := range t.all {
		sets = append(sets, setKey{unit: id}, setKey{unit: id, own: true})
	}
	for _, k := range sets {
		if !safe(count(k)) {
			h[k] = true
			continue
		}
		for _, sup := range supersets(k) {
			if !safe(count(sup) - count(k)) {
				h[k] = true
				break
			}
		}
	}
	// Partitions: the whole into the top units' trees; a tree into the
	// unit's own answers and its children's trees; a tree (or the whole)
	// into the own answers of every unit inside it.
	var partitions [][]setKey
	tops := []setKey{}
	for _, r := range t.roots {
		tops = append(tops, setKey{unit: r})
	}
	partitions = append(partitions, tops)
	everyOwn := []setKey{}
	for _, id := range t.all {
		everyOwn = append(everyOwn, setKey{unit: id, own: true})
	}
	partitions = append(partitions, everyOwn)
	for _, id := range t.all {
		p := []setKey{{unit: id, own: true}}
		for _, c := range t.children[id] {
			p = append(p, setKey{unit: c})
		}
		partitions = append(partitions, p)
		var owns []setKey
		for _, u := range t.subtree(id) {
			owns = append(owns, setKey{unit: u, own: true})
		}
		partitions = append(partitions, owns)
	}
	for changed := true; changed; {
		changed = false
		for _, p := range partitions {
			if hideComplement(p, count, h) {
				changed = true
			}
		}
	}
	return h
}

// hideComplement hides the smallest shown parts of a partition while its
// hidden parts add up to 1–4; it reports whether it hid any.
func hideComplement(parts []setKey, count func(setKey) int, h hidden) bool {
	changed := false
	for {
		sum := 0
		var shown []setKey
		for _, k := range parts {
			if count(k) == 0 {
				continue
			}
			if h[k] {
				sum += count(k)
			} else {
				shown = append(shown, k)
			}
		}
		if safe(sum) || len(shown) == 0 {
			return changed
		}
		sort.SliceStable(shown, func(i, j int) bool { return count(shown[i]) < count(shown[j]) })
		h[shown[0]] = true
		changed = true
	}
}

// splitSafe hides the parts of a two-way split (such as the transfer kinds
// within a view) that are too small, or whose complement is.
func splitSafe(counts []int) []bool {
	total := 0
	for _, n := range counts {
		total += n
	}
	out := make([]bool, len(counts))
	sum := 0
	for i, n := range counts {
		if !safe(n) || !safe(total-n) {
			out[i] = true
			sum += n
		}
	}
	if !safe(sum) {
		for i := range out {
			out[i] = true
		}
	}
	return out
}
