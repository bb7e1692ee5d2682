package planner

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/seimbang/seimbang/core"
)

// TestGreedyLosesWhereItShould builds the classic trap. Position 3 has
// the largest shortage (1.5) and takes one person; the cheapest for it is
// the nurse with a ners degree who lives next door — the only person
// position 4 accepts. Greedy gives her to position 3 and leaves position 4
// short; the optimum sends her to 4 and the other nurse to 3.
func TestGreedyLosesWhereItShould(t *testing.T) {
	b := newBuilder().unit(1, -7, 110).unit(2, -7.01, 110).unit(3, -7.5, 110)
	b.position(1, 1, "perawat", core.Functional, 0, "keperawatan", "ners")
	b.position(2, 3, "perawat", core.Functional, 0, "keperawatan", "ners")
	b.position(3, 2, "perawat", core.Functional, 2.5, "keperawatan", "ners")
	b.position(4, 3, "perawat", core.Functional, 2, "ners")
	b.staff(1, 1, "ners").staff(2, 1, "keperawatan").staff(3, 1, "keperawatan").staff(4, 1, "ners")
	home := func(i int, lat float64) {
		b.in.Employees[i].HasHome, b.in.Employees[i].HomeLat, b.in.Employees[i].HomeLng = true, lat, 110
	}
	home(0, -7.01)
	home(1, -7.5)
	in, p := b.in, DefaultParams()
	opt := mustPropose(t, in, p)
	greedy, err := Greedy(in, p)
	if err != nil {
		t.Fatal(err)
	}
	type move struct{ Employee, To int64 }
	moves := func(plan *Plan) (out []move) {
		for _, pr := range plan.Proposals {
			out = append(out, move{pr.EmployeeID, pr.ToPositionID})
		}
		return out
	}
	if diff := cmp.Diff([]move{{1, 3}}, moves(greedy)); diff != "" {
		t.Errorf("greedy moves (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]move{{1, 4}, {2, 3}}, moves(opt)); diff != "" {
		t.Errorf("optimal moves (-want +got):\n%s", diff)
	}
	if !(opt.Objective.GapAfter < greedy.Objective.GapAfter && opt.GapClosure > greedy.GapClosure) {
		t.Errorf("optimum closes %v of the gap, greedy %v: greedy should lose", opt.GapClosure, greedy.GapClosure)
	}
}

func TestGreedyIsWorseOnGeneratedInstances(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		in := GenerateInstance(seed, 4000, 20)
		p := DefaultParams()
		opt := mustPropose(t, in, p)
		greedy, err := Greedy(in, p)
		if err != nil {
			t.Fatal(err)
		}
		if greedy.Certificate != nil {
			t.Error("greedy claims a certificate")
		}
		if err := Verify(in, p, greedy); err == nil {
			t.Error("Verify accepted the greedy plan, which has no certificate")
		}
		checkRules(t, in, p, greedy)
		if !(opt.Objective.Value < greedy.Objective.Value) || opt.Objective.GapAfter > greedy.Objective.GapAfter {
			t.Errorf("seed %d: optimum %+v, greedy %+v", seed, opt.Objective, greedy.Objective)
		}
		t.Logf("seed %d: gap closure optimal %.4f, greedy %.4f; soft %d vs %d", seed, opt.GapClosure, greedy.GapClosure, opt.Objective.Soft, greedy.Objective.Soft)
	}
}
