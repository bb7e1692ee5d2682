package planner

import (
	"slices"
	"strings"
	"testing"

	"github.com/seimbang/seimbang/core/i18n"
)

func TestAssess(t *testing.T) {
	in := GenerateInstance(7, 300, 6)
	p := DefaultParams()
	plan, err := Propose(in, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Proposals) < 2 {
		t.Fatalf("want at least 2 proposals, got %d", len(plan.Proposals))
	}
	pr := plan.Proposals[0]
	t.Run("the planner's own move is allowed and has its figures", func(t *testing.T) {
		a, err := Assess(in, p, plan.Proposals, pr.EmployeeID, pr.ToPositionID)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Allowed() || a.RulesText(i18n.ID) != "" {
			t.Fatalf("planned move refused: %v", a.Rules)
		}
		if a.FromPositionID != pr.FromPositionID || a.ToUnitID != pr.ToUnitID {
			t.Errorf("from/to = %d/%d, want %d/%d", a.FromPositionID, a.ToUnitID, pr.FromPositionID, pr.ToUnitID)
		}
		want := pr.Explanation
		if a.Explanation.To.After != want.To.After || a.Explanation.From.After != want.From.After {
			t.Errorf("after = %d/%d, want the plan's %d/%d", a.Explanation.From.After, a.Explanation.To.After, want.From.After, want.To.After)
		}
	})
	t.Run("without the other proposals the headcounts move by one", func(t *testing.T) {
		a, err := Assess(in, p, nil, pr.EmployeeID, pr.ToPositionID)
		if err != nil {
			t.Fatal(err)
		}
		x := a.Explanation
		if x.From.After != x.From.Before-1 || x.To.After != x.To.Before+1 {
			t.Errorf("from %d→%d, to %d→%d", x.From.Before, x.From.After, x.To.Before, x.To.After)
		}
	})
	t.Run("own position is refused with its reason", func(t *testing.T) {
		a, err := Assess(in, p, nil, pr.EmployeeID, pr.FromPositionID)
		if err != nil {
			t.Fatal(err)
		}
		if a.Allowed() || !slices.Contains(a.Rules, RuleSamePosition) {
			t.Fatalf("rules = %v, want same_position", a.Rules)
		}
		if !strings.Contains(a.RulesText(i18n.ID), "jabatannya sekarang") {
			t.Errorf("text = %q", a.RulesText(i18n.ID))
		}
	})
	t.Run("an employee held by an active transfer is refused", func(t *testing.T) {
		in2 := *in
		in2.Employees = slices.Clone(in.Employees)
		for i := range in2.Employees {
			if in2.Employees[i].ID == pr.EmployeeID {
				in2.Employees[i].InActiveTransfer = true
			}
		}
		a, err := Assess(&in2, p, nil, pr.EmployeeID, pr.ToPositionID)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(a.Rules, RuleActiveTransfer) {
			t.Fatalf("rules = %v, want active_transfer", a.Rules)
		}
	})
	t.Run("unknown employee", func(t *testing.T) {
		if _, err := Assess(in, p, nil, -5, pr.ToPositionID); err == nil {
			t.Fatal("no error")
		}
	})
}
