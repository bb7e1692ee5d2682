package planner

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/seimbang/seimbang/core"
)

// smallInstance returns a random instance small enough to enumerate, with
// staff piled into the first positions so that there is something to move.
func smallInstance(rng *rand.Rand) *Instance {
	b := newBuilder()
	units := 2 + rng.IntN(2)
	for u := range units {
		b.unit(int64(u+1), -7+0.3*rng.Float64(), 110+0.3*rng.Float64())
	}
	positions := 3 + rng.IntN(3)
	fields := []string{"a", "b", "c"}
	for q := range positions {
		family, kind := "perawat", core.Functional
		switch rng.IntN(10) {
		case 0, 1, 2:
			family, kind = "pengadministrasi", core.Executor
		case 3:
			family, kind = "analis", core.Executor
		case 4:
			if q > 0 {
				kind = core.Structural
			}
		}
		var accepted []string
		if rng.IntN(3) == 0 {
			accepted = []string{fields[rng.IntN(3)], fields[rng.IntN(3)]}
		}
		required := float64(rng.IntN(400)) / 100
		if rng.IntN(3) == 0 {
			required = float64(rng.IntN(4))
		}
		b.position(int64(q+1), int64(1+rng.IntN(units)), family, kind, required, accepted...)
		b.in.Positions[q].Competencies = []string{"k1", "k2"}[:rng.IntN(3)]
	}
	employees := 5 + rng.IntN(4)
	for range employees {
		b.staff(int64(1+rng.IntN(1+rng.IntN(positions))), 1, fields[rng.IntN(3)])
		e := b.last()
		e.Education = []core.EducationLevel{"SMA", "D3", "S1", "S1"}[rng.IntN(4)]
		if rng.IntN(12) == 0 {
			e.TMT = GenerateDate.AddDate(0, -6, 0)
		}
		e.HasHome, e.HomeLat, e.HomeLng = true, -7+0.3*rng.Float64(), 110+0.3*rng.Float64()
		e.Competencies = []string{"k1", "k2"}[:rng.IntN(3)]
		e.Performance = core.Predikats[rng.IntN(len(core.Predikats))]
		if rng.IntN(2) == 0 {
			e.Preferences = []int64{int64(1 + rng.IntN(units))}
		}
		if rng.IntN(5) == 0 {
			e.Willingness = core.WillingNo
		}
	}
	return b.in
}

// bruteForce returns the least objective value over every assignment of
// the movable employees to a position the rules allow (or staying), with at
// most maxMoves moves when positive, or false when none is feasible.
func bruteForce(n *net, maxMoves int) (int64, bool) {
	var movable []int32
	var options [][]int32
	for i := range n.emp {
		if n.emp[i].mask != 0 {
			continue
		}
		opts := []int32{n.emp[i].origin}
		for _, a := range n.appendEligible(nil, int32(i)) {
			opts = append(opts, a.q)
		}
		movable = append(movable, int32(i))
		options = append(options, opts)
	}
	best, found := int64(0), false
	var walk func(k, moves int)
	walk = func(k, moves int) {
		if maxMoves > 0 && moves > maxMoves {
			return
		}
		if k == len(movable) {
			for q := range n.pos {
				if p := &n.pos[q]; p.mask == 0 && p.staff+p.x < p.low {
					return
				}
			}
			for u := range n.units {
				if y := n.units[u].y; n.cap > 0 && (y > n.cap || y < -n.cap) {
					return
				}
			}
			if v := n.objective().Value + n.lambda*int64(moves); !found || v < best {
				best, found = v, true
			}
			return
		}
		e := movable[k]
		o := n.emp[e].origin
		for _, q := range options[k] {
			n.emp[e].cur = q
			d := 0
			if q != o {
				d = 1
				n.pos[o].x--
				n.pos[q].x++
				n.units[n.pos[o].unit].y--
				n.units[n.pos[q].unit].y++
			}
			walk(k+1, moves+d)
			if q != o {
				n.pos[o].x++
				n.pos[q].x--
				n.units[n.pos[o].unit].y++
				n.units[n.pos[q].unit].y--
			}
		}
		n.emp[e].cur = o
	}
	walk(0, 0)
	return best, found
}

var paramVariants = []struct {
	name   string
	change func(*Params)
}{
	{"gap first", func(*Params) {}},
	{"explicit gap weight", func(p *Params) { p.GapWeight = 3 }},
	{"equity", func(p *Params) { p.Equity = 10 }},
	{"unit cap", func(p *Params) { p.MaxUnitChange = 1 }},
	{"voluntary only", func(p *Params) { p.VoluntaryOnly = true }},
	{"functional may leave family", func(p *Params) { p.FunctionalMayLeaveFamily = true; p.Weights.Distance = 3 }},
	{"equity and cap", func(p *Params) { p.Equity = 25; p.MaxUnitChange = 2; p.GapWeight = 40 }},
}

func TestProposeIsOptimalAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	withMoves, chains := 0, 0
	defer func() {
		t.Logf("%d plans with moves, %d moves through a position that also sends", withMoves, chains)
		if withMoves < 300 || chains == 0 {
			t.Errorf("the instances are too easy: %d plans with moves, %d chain moves", withMoves, chains)
		}
	}()
	for i := range 250 {
		in := smallInstance(rng)
		for _, v := range paramVariants {
			t.Run(fmt.Sprintf("%d/%s", i, v.name), func(t *testing.T) {
				p := DefaultParams()
				v.change(&p)
				plan := mustPropose(t, in, p)
				want, ok := bruteForce(newNet(in, p), 0)
				if !ok {
					t.Fatal("brute force found no feasible plan, not even staying")
				}
				if plan.Objective.Moves > 0 {
					withMoves++
				}
				chains += chainMoves(plan)
				if plan.Objective.Value != want {
					t.Errorf("objective %d, brute force %d (plan %+v)", plan.Objective.Value, want, plan.Objective)
				}
				greedy, err := Greedy(in, p)
				if err != nil {
					t.Fatal(err)
				}
				if p.Equity == 0 && p.MaxUnitChange == 0 && greedy.Objective.Value < want {
					t.Errorf("greedy %d beats the optimum %d", greedy.Objective.Value, want)
				}
			})
		}
	}
}

func TestMaxMovesBoundHoldsAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 13))
	checked := 0
	for i := range 300 {
		in := smallInstance(rng)
		free := mustPropose(t, in, DefaultParams())
		if free.Objective.Moves < 2 {
			continue
		}
		checked++
		p := DefaultParams()
		p.MaxMoves = free.Objective.Moves - 1
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			plan := mustPropose(t, in, p)
			b := plan.Moves
			if b == nil || plan.Objective.Moves > p.MaxMoves || b.Moves != plan.Objective.Moves {
				t.Fatalf("moves %d over cap %d (bound %+v)", plan.Objective.Moves, p.MaxMoves, b)
			}
			best, ok := bruteForce(newNet(in, p), p.MaxMoves)
			if !ok {
				t.Fatal("no feasible plan")
			}
			if b.Bound > best || best > b.Value || b.Value != plan.Objective.Value || b.Gap != b.Value-b.Bound {
				t.Errorf("bound %d, capped optimum %d, plan %d: the bound does not bracket the optimum", b.Bound, best, b.Value)
			}
		})
	}
	if checked < 30 {
		t.Fatalf("only %d instances exercised the cap", checked)
	}
}

// chainMoves counts moves into a position that also sends someone away.
func chainMoves(plan *Plan) int {
	from := map[int64]bool{}
	for _, pr := range plan.Proposals {
		from[pr.FromPositionID] = true
	}
	k := 0
	for _, pr := range plan.Proposals {
		if from[pr.ToPositionID] {
			k++
		}
	}
	return k
}
