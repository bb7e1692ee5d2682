package round_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/planner"
	"github.com/seimbang/seimbang/core/round"
)

// TestReview covers HR's review: accept, an edit the rules refuse, a
// manual proposal (reason required, flagged), a rejection, and planning
// again without proposing anyone who still has a transfer in the round.
func TestReview(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		short := regency(t, st)
		clk := &clock{t: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
		svc := &round.Service{Store: st, Clock: clk}
		hr := core.AdminActor(1)
		deadline := clk.t.Add(7 * 24 * time.Hour)
		r, err := svc.Create(ctx, round.NewRound{Name: "Mutasi", ObjectionDeadline: &deadline}, hr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Plan(ctx, r.ID, hr); err != nil {
			t.Fatal(err)
		}
		drafts, _ := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID})
		if len(drafts) != 2 {
			t.Fatalf("%d proposals, want 2", len(drafts))
		}
		if err := svc.Accept(ctx, drafts[0].ID, hr); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.Transfer(ctx, drafts[0].ID); got.AcceptedAt == nil || got.AcceptedBy != hr {
			t.Errorf("accepted transfer %+v", got)
		}
		// Back to their own position: refused with the planner's reason.
		_, err = svc.Edit(ctx, drafts[0].ID, drafts[0].FromPositionID, "", hr)
		var re *round.RefusedError
		if !errors.As(err, &re) || !slices.Contains(re.Assessment.Rules, planner.RuleSamePosition) {
			t.Fatalf("edit to the own position: %v", err)
		}
		if v, ok := core.AsValidation(err); !ok || v.Fields[0].Field != "jabatan_tujuan" {
			t.Errorf("refusal is not a validation error on jabatan_tujuan: %v", err)
		}
		if got, _ := st.Transfer(ctx, drafts[0].ID); got.ToPositionID != short.ID || got.AcceptedAt == nil {
			t.Error("a refused edit changed the transfer")
		}

		// An allowed edit without a reason takes the new move's explanation
		// as the reason the employee reads.
		a, err := svc.Edit(ctx, drafts[1].ID, short.ID, "", hr)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := st.Transfer(ctx, drafts[1].ID); got.Reason != a.Explanation.Text(i18n.ID) {
			t.Errorf("edited transfer reason %q, want the new explanation", got.Reason)
		}

		// A third nurse of the surplus centre, moved by hand.
		var m core.Transfer
		emps, _ := st.ActiveEmployees(ctx)
		var spare core.Employee
		for _, e := range emps {
			if *e.PositionID != short.ID && e.ID != drafts[0].EmployeeID && e.ID != drafts[1].EmployeeID {
				spare = e
				break
			}
		}
		if _, _, err := svc.Propose(ctx, r.ID, spare.ID, short.ID, " ", hr); err == nil {
			t.Fatal("a manual proposal without a reason was stored")
		}
		m, a, err = svc.Propose(ctx, r.ID, spare.ID, short.ID, "Permintaan kepala Puskesmas", hr)
		if err != nil {
			t.Fatal(err)
		}
		if !m.Manual || a.Explanation.To.After != a.Explanation.To.Before+3 {
			t.Errorf("manual %+v, target %d → %d (want +3 with the two proposals)", m, a.Explanation.To.Before, a.Explanation.To.After)
		}
		if _, _, err := svc.Propose(ctx, r.ID, spare.ID, short.ID, "lagi", hr); err == nil {
			t.Error("a second proposal for the same employee was stored")
		}
		if err := svc.Reject(ctx, drafts[1].ID, "Tidak disetujui kepala dinas", hr); err != nil {
			t.Fatal(err)
		}

		// Planning again keeps the manual proposal and the rejection, and
		// proposes neither employee again.
		if _, err := svc.Plan(ctx, r.ID, hr); err != nil {
			t.Fatal(err)
		}
		all, _ := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID})
		seen := map[int64]int{}
		for _, tr := range all {
			seen[tr.EmployeeID]++
		}
		for id, n := range seen {
			if n > 1 {
				t.Errorf("employee %d has %d transfers in the round", id, n)
			}
		}
		if got, _ := st.Transfer(ctx, m.ID); got.Status != core.TransferDraft {
			t.Error("planning again removed the manual proposal")
		}
		entries, _ := st.AuditEntries(ctx, core.AuditFilter{ObjectType: "transfer"})
		var manual bool
		for _, e := range entries {
			manual = manual || (e.Action == "transfer.manual" && e.Reason == "Permintaan kepala Puskesmas")
		}
		if !manual {
			t.Error("the manual proposal is not flagged in the audit log")
		}
	})
}
