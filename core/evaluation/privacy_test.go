package evaluation

import (
	"testing"

	"github.com/seimbang/seimbang/core"
)

func units(parent map[int64]int64, ids ...int64) []core.Unit {
	var out []core.Unit
	for _, id := range ids {
		u := core.Unit{ID: id}
		if p, ok := parent[id]; ok {
			u.ParentID = &p
		}
		out = append(out, u)
	}
	return out
}

func TestSuppressHidesSmallGroupsAndTheirComplements(t *testing.T) {
	// 1 Dinas Kesehatan {2: 5 respondents, 3: 2}; 4 Dinas Pendidikan {5: 6}.
	tree := newTree(units(map[int64]int64{2: 1, 3: 1, 5: 4}, 1, 2, 3, 4, 5))
	h := suppress(tree, map[int64]int{2: 5, 3: 2, 5: 6})
	for _, c := range []struct {
		k    setKey
		hide bool
		why  string
	}{
		{whole, false, "13 respondents"},
		{setKey{unit: 3, own: true}, true, "2 respondents"},
		{setKey{unit: 2, own: true}, true, "its health office's tree minus it is 2"},
		{setKey{unit: 2}, true, "as its own answers"},
		{setKey{unit: 1}, false, "7 respondents, the rest of the regency 6"},
		{setKey{unit: 5, own: true}, false, "6 respondents, the rest 7"},
		{setKey{unit: 4}, false, "6 respondents"},
	} {
		if h[c.k] != c.hide {
			t.Errorf("%+v hidden = %v, want %v: %s", c.k, h[c.k], c.hide, c.why)
		}
	}

	// 1 {2: 5, 3: 5, 4: 2}: 4 is hidden; whole − 2 − 3 would show it, so
	// one of 2 and 3 is hidden too.
	tree = newTree(units(map[int64]int64{2: 1, 3: 1, 4: 1}, 1, 2, 3, 4))
	h = suppress(tree, map[int64]int{2: 5, 3: 5, 4: 2})
	if !h[setKey{unit: 4, own: true}] || h[whole] || h[setKey{unit: 1}] {
		t.Errorf("hidden = %v", h)
	}
	if h[setKey{unit: 2, own: true}] == h[setKey{unit: 3, own: true}] {
		t.Errorf("exactly one of the two groups of 5 must be hidden: %v", h)
	}

	// Under five in all: nothing is shown.
	h = suppress(tree, map[int64]int{2: 3, 3: 1})
	if !h[whole] {
		t.Error("a round of 4 respondents is shown")
	}
}

func TestSplitSafe(t *testing.T) {
	for _, c := range []struct {
		in   []int
		want []bool
	}{
		{[]int{7, 0}, []bool{false, false}},
		{[]int{10, 3}, []bool{true, true}},
		{[]int{6, 5}, []bool{false, false}},
	} {
		got := splitSafe(c.in)
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("splitSafe(%v) = %v, want %v", c.in, got, c.want)
				break
			}
		}
	}
}
