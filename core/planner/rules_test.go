package planner

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// checkRules checks every proposal of plan against the hard rules,
// straight from the instance and without the planner's own rule code.
func checkRules(t *testing.T, in *Instance, p Params, plan *Plan) {
	t.Helper()
	units := map[int64]*Unit{}
	for i := range in.Units {
		units[in.Units[i].ID] = &in.Units[i]
	}
	positions := map[int64]*Position{}
	for i := range in.Positions {
		positions[in.Positions[i].ID] = &in.Positions[i]
	}
	staff := map[int64]int{}
	employees := map[int64]*Employee{}
	for i := range in.Employees {
		staff[in.Employees[i].PositionID]++
		employees[in.Employees[i].ID] = &in.Employees[i]
	}
	objected := map[[2]int64]bool{}
	for _, o := range in.Objections {
		objected[[2]int64{o.EmployeeID, o.PositionID}] = true
	}
	after := map[int64]int{}
	moved := map[int64]bool{}
	fail := func(pr Proposal, rule string) {
		t.Helper()
		t.Errorf("employee %d, position %d → %d: %s", pr.EmployeeID, pr.FromPositionID, pr.ToPositionID, rule)
	}
	for _, pr := range plan.Proposals {
		e, from, to := employees[pr.EmployeeID], positions[pr.FromPositionID], positions[pr.ToPositionID]
		if e == nil || from == nil || to == nil || e.PositionID != from.ID || from.ID == to.ID {
			fail(pr, "does not match the instance")
			continue
		}
		if moved[e.ID] {
			fail(pr, "moved twice")
		}
		moved[e.ID] = true
		after[from.ID]--
		after[to.ID]++
		if e.TMT.IsZero() || in.Date.Before(e.TMT.AddDate(p.MinYearsInPosition, 0, 0)) {
			fail(pr, "less than the minimum time in position")
		}
		bup := map[core.PositionKind]int{core.Executor: p.RetirementAge.Executor, core.Structural: p.RetirementAge.Structural,
			core.Functional: p.RetirementAge.Functional}[from.Kind]
		if from.RetirementAge > 0 {
			bup = from.RetirementAge
		}
		if !in.Date.AddDate(0, p.RetirementMonths, 0).Before(e.BirthDate.AddDate(bup, 0, 0)) {
			fail(pr, "retires within the window")
		}
		if e.InActiveTransfer {
			fail(pr, "already in an active transfer")
		}
		if objected[[2]int64{e.ID, 0}] || objected[[2]int64{e.ID, to.ID}] {
			fail(pr, "objection upheld")
		}
		if units[from.UnitID].Excluded || units[to.UnitID].Excluded {
			fail(pr, "excluded unit")
		}
		if from.Kind == core.Structural || to.Kind == core.Structural {
			fail(pr, "structural position")
		}
		if len(from.Tasks) == 0 || len(to.Tasks) == 0 {
			fail(pr, "position without workload")
		}
		if to.Kind == core.Functional && !strings.EqualFold(to.Family, from.Family) {
			fail(pr, "functional position receives another family")
		}
		if from.Kind == core.Functional && !p.FunctionalMayLeaveFamily && !strings.EqualFold(to.Family, from.Family) {
			fail(pr, "functional employee leaves the family")
		}
		if to.MinEducation != "" && e.Education.Rank() < to.MinEducation.Rank() {
			fail(pr, "education level below the minimum")
		}
		if len(to.AcceptedFields) > 0 && !slices.ContainsFunc(to.AcceptedFields, func(f string) bool { return strings.EqualFold(f, e.Field) }) {
			fail(pr, "field of study not accepted")
		}
		if p.VoluntaryOnly {
			rank := slices.Index(e.Preferences, to.UnitID)
			stay := slices.Index(e.Preferences, from.UnitID)
			if e.Willingness == core.WillingNo || rank < 0 || (stay >= 0 && stay < rank) {
				fail(pr, "not ranked above staying")
			}
		}
	}
	for id, d := range after {
		pos := positions[id]
		r := abk.RequiredStaff(pos.Tasks, p.ABK.EffectiveMinutes)
		before := staff[id]
		// A move never turns a surplus into a deficit, nor deepens one.
		if low := min(before, int(math.Ceil(math.Round(r*100)/100))); before+d < low {
			t.Errorf("position %d: %d → %d people, below %d (requirement %.2f)", id, before, before+d, low, r)
		}
	}
	if p.MaxUnitChange > 0 {
		change := map[int64]int{}
		for _, pr := range plan.Proposals {
			change[pr.FromUnitID]--
			change[pr.ToUnitID]++
		}
		for u, c := range change {
			if c > p.MaxUnitChange || c < -p.MaxUnitChange {
				t.Errorf("unit %d changes by %d, over the cap %d", u, c, p.MaxUnitChange)
			}
		}
	}
	if p.MaxMoves > 0 && len(plan.Proposals) > p.MaxMoves {
		t.Errorf("%d moves, over the cap %d", len(plan.Proposals), p.MaxMoves)
	}
}

func TestEveryProposalObeysEveryHardRule(t *testing.T) {
	sizes := []struct{ employees, units int }{{12000, 60}, {40000, 200}}
	if testing.Short() {
		sizes = []struct{ employees, units int }{{4000, 20}}
	}
	for _, size := range sizes {
		in := GenerateInstance(7, size.employees, size.units)
		for _, v := range append(paramVariants, struct {
			name   string
			change func(*Params)
		}{"move cap", func(p *Params) { p.MaxMoves = 200 }}) {
			t.Run(fmt.Sprintf("%d/%s", size.employees, v.name), func(t *testing.T) {
				if testing.Short() && v.name == "move cap" {
					t.Skip("slow")
				}
				p := DefaultParams()
				v.change(&p)
				plan := mustPropose(t, in, p)
				if len(plan.Proposals) == 0 {
					t.Fatal("no proposals: the instance exercises nothing")
				}
				checkRules(t, in, p, plan)
			})
		}
	}
}

func TestGeneratedInstancesExerciseTheRules(t *testing.T) {
	in := GenerateInstance(7, 12000, 60)
	n := newNet(in, DefaultParams())
	seen := map[Rule]int{}
	for i := range n.emp {
		for _, r := range n.emp[i].mask.rules() {
			seen[r]++
		}
	}
	for _, r := range []Rule{RuleMinTime, RuleRetirement, RuleActiveTransfer, RuleObjection, RuleExcludedUnit, RuleStructural, RuleNoWorkload} {
		if seen[r] == 0 {
			t.Errorf("no employee held back by %s", r)
		}
	}
}
