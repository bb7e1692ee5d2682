package planner

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/seimbang/seimbang/core/abk"
)

func TestGenerateInstanceIsDeterministicAndValid(t *testing.T) {
	a, b := GenerateInstance(42, 4000, 20), GenerateInstance(42, 4000, 20)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("same seed, different instances:\n%.2000s", diff)
	}
	if cmp.Equal(a, GenerateInstance(43, 4000, 20)) {
		t.Error("different seeds, same instance")
	}
	if err := Validate(a, DefaultParams()); err != nil {
		t.Fatal(err)
	}
	if len(a.Employees) != 4000 || len(a.Units) != 20 || len(a.Positions) != 200 {
		t.Errorf("%d employees, %d units, %d positions", len(a.Employees), len(a.Units), len(a.Positions))
	}
}

// TestNetworkAgreesWithABK checks the planner's view of positions and
// units against abk.Analyze.
func TestNetworkAgreesWithABK(t *testing.T) {
	in, p := GenerateInstance(3, 4000, 20), DefaultParams()
	units := make([]abk.Unit, len(in.Units))
	for i, u := range in.Units {
		units[i] = abk.Unit{ID: u.ID, Code: u.Code, ParentID: u.ParentID}
	}
	staff := map[int64]int{}
	for _, e := range in.Employees {
		staff[e.PositionID]++
	}
	positions := make([]abk.Position, len(in.Positions))
	for i, q := range in.Positions {
		positions[i] = abk.Position{ID: q.ID, Code: q.Code, UnitID: q.UnitID, Tasks: q.Tasks, Actual: staff[q.ID]}
	}
	a, err := abk.Analyze(units, positions, p.ABK)
	if err != nil {
		t.Fatal(err)
	}
	n := newNet(in, p)
	for i, u := range a.Units {
		if got := n.units[i]; math.Abs(got.req-u.Own.Required) > 1e-9 || int(got.staff) != u.Own.Actual {
			t.Errorf("unit %d: planner %.3f/%d, abk %.3f/%d", u.UnitID, got.req, got.staff, u.Own.Required, u.Own.Actual)
		}
	}
	for i, q := range a.Positions {
		if got := n.pos[i]; math.Abs(got.req-q.Required) > 1e-9 || int(got.staff) != q.Actual {
			t.Errorf("position %d: planner %.3f/%d, abk %.3f/%d", q.PositionID, got.req, got.staff, q.Required, q.Actual)
		}
	}
	plan := mustPropose(t, in, p)
	if diff := cmp.Diff(a.Imbalance, plan.Before); diff != "" {
		t.Errorf("imbalance before (-abk +plan):\n%s", diff)
	}
}

// TestSoftIsCostToTotal keeps the fast soft cost equal to the itemised one.
func TestSoftIsCostToTotal(t *testing.T) {
	in := GenerateInstance(8, 4000, 20)
	p := DefaultParams()
	p.Weights = Weights{Move: 2, Preference: 3, Distance: 5, Competency: 7, Performance: 11, Seniority: 13}
	n := newNet(in, p)
	checked := 0
	for e := range n.emp {
		for _, a := range n.appendEligible(nil, int32(e)) {
			want := n.costTo(int32(e), n.pos[a.q].unit, n.pos[a.q].comps).Total
			if int(a.soft) != want {
				t.Fatalf("employee %d to position %d: soft %d, costTo %d", e, a.q, a.soft, want)
			}
			checked++
		}
	}
	if checked < 10000 {
		t.Errorf("only %d arcs checked", checked)
	}
}

// TestTooLargeForGapFirst checks the overflow guard: a national-scale
// number of movable employees with the heaviest weights does not fit the
// gap-first weights, and an explicit GapWeight does.
func TestTooLargeForGapFirst(t *testing.T) {
	in := GenerateInstance(1, 1000, 5)
	p := DefaultParams()
	p.Weights = Weights{Move: 100, Preference: 100, Distance: 100, Competency: 100, Performance: 100, Seniority: 100}
	p.Equity = 100
	n := newNet(in, p)
	if !n.fits() {
		t.Fatal("a small regency does not fit")
	}
	n.movable = 4_200_000
	n.scale()
	if n.fits() {
		t.Errorf("gap unit %d for 4.2 million movable employees fits", n.wGap)
	}
	n.p.GapWeight = 1000
	n.scale()
	if !n.fits() {
		t.Error("an explicit gap weight does not fit")
	}
}
