package round_test

import (
	"context"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/round"
)

// TestReplacementAfterDiscard: when HR discards the planner's replacement,
// asking again proposes someone else, never the discarded one nor the
// objector (each has a transfer in the round already).
func TestReplacementAfterDiscard(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		short := regency(t, st)
		clk := &clock{t: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
		svc := &round.Service{Store: st, Clock: clk}
		hr := core.AdminActor(1)
		deadline := clk.t.Add(7 * 24 * time.Hour)
		r, err := svc.Create(ctx, round.NewRound{Name: "Mutasi", UnitCodes: []string{"DINKES"}, ObjectionDeadline: &deadline,
			EffectiveDate: core.Date{Year: 2027, Month: 1, Day: 4}}, hr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Plan(ctx, r.ID, hr); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Announce(ctx, r.ID, hr); err != nil {
			t.Fatal(err)
		}
		ts, _ := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID})
		o := core.Objection{TransferID: ts[0].ID, EmployeeID: ts[0].EmployeeID, Category: "health", Text: "Sedang dirawat."}
		if err := st.SubmitObjection(ctx, &o, clk.t); err != nil {
			t.Fatal(err)
		}
		if err := svc.Decide(ctx, o.ID, round.Decision{Uphold: true, Answer: "Dikabulkan."}, hr); err != nil {
			t.Fatal(err)
		}
		first, err := svc.Replacement(ctx, o.ID, hr)
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.Reject(ctx, first.ID, "Sedang tugas belajar.", hr); err != nil {
			t.Fatal(err)
		}
		second, err := svc.Replacement(ctx, o.ID, hr)
		if err != nil {
			t.Fatalf("a replacement after a discard: %v", err)
		}
		if second.EmployeeID == first.EmployeeID || second.EmployeeID == o.EmployeeID || second.ToPositionID != short.ID {
			t.Errorf("second replacement %+v; first was employee %d, the objector %d", second, first.EmployeeID, o.EmployeeID)
		}
	})
}
