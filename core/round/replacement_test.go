package round_test

import (
	"context"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/round"
)

// objectedRound plans and announces a round over the regency (deadline in
// a week) and files an objection against its first transfer. It returns
// the short position, the clock, the service, the round and the objection.
func objectedRound(t *testing.T, st *gormstore.Store) (core.Position, *clock, *round.Service, core.Round, core.Objection) {
	t.Helper()
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
	if _, err := svc.Announce(ctx, r.ID, nil, hr); err != nil {
		t.Fatal(err)
	}
	if r, err = st.Round(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	ts, _ := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID})
	o := core.Objection{TransferID: ts[0].ID, EmployeeID: ts[0].EmployeeID, Category: "health", Text: "Sedang dirawat."}
	if err := st.SubmitObjection(ctx, &o, clk.t); err != nil {
		t.Fatal(err)
	}
	return short, clk, svc, r, o
}

// TestReplacementAfterDiscard: when HR discards the planner's replacement,
// asking again proposes someone else, never the discarded one nor the
// objector (each has a transfer in the round already).
func TestReplacementAfterDiscard(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		short, _, svc, _, o := objectedRound(t, st)
		hr := core.AdminActor(1)
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

// TestReplacementAfterTheDeadline: objections are decided after the
// deadline, so their replacements are proposed after it. Announcing them
// needs a new, later deadline: without one, or with an earlier one, HR is
// told what to do and nothing changes; with one, the replacement is
// announced, its notice queued, and the round's deadline moved.
func TestReplacementAfterTheDeadline(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		_, clk, svc, r, o := objectedRound(t, st)
		hr := core.AdminActor(1)
		announcedAt, deadline := clk.t, *r.ObjectionDeadline
		clk.t = deadline.Add(24 * time.Hour) // decided the day after the deadline
		if err := svc.Decide(ctx, o.ID, round.Decision{Uphold: true, Answer: "Dikabulkan."}, hr); err != nil {
			t.Fatal(err)
		}
		rep, err := svc.Replacement(ctx, o.ID, hr)
		if err != nil {
			t.Fatal(err)
		}
		notices := kinds(t, st)[core.OutboxKindNotice]

		refused := func(what string, d *time.Time, key string) {
			t.Helper()
			_, err := svc.Announce(ctx, r.ID, d, hr)
			v, ok := core.AsValidation(err)
			if !ok || len(v.Fields) != 1 || v.Fields[0].Field != "objection_deadline" || v.Fields[0].Key != key {
				t.Errorf("%s: %v; want %s on objection_deadline", what, err, key)
			}
		}
		refused("no new deadline", nil, "err.deadline_extend")
		refused("a past deadline", ptr(clk.t.Add(-time.Hour)), "err.deadline_past")
		still, _ := st.Transfer(ctx, rep.ID)
		got, _ := st.Round(ctx, r.ID)
		if still.Status != core.TransferDraft || !got.ObjectionDeadline.Equal(deadline) || kinds(t, st)[core.OutboxKindNotice] != notices {
			t.Fatalf("a refused announcement changed something: transfer %s, deadline %v", still.Status, got.ObjectionDeadline)
		}

		later := clk.t.Add(5 * 24 * time.Hour)
		n, err := svc.Announce(ctx, r.ID, &later, hr)
		if err != nil || n != 1 {
			t.Fatalf("announce with a new deadline: %d, %v; want the one replacement", n, err)
		}
		got, _ = st.Round(ctx, r.ID)
		if !got.ObjectionDeadline.Equal(later) {
			t.Errorf("deadline %v, want %v", got.ObjectionDeadline, later)
		}
		if !got.AnnouncedAt.Equal(announcedAt) {
			t.Errorf("announced at %v, want the first announcement %v", got.AnnouncedAt, announcedAt)
		}
		if tr, _ := st.Transfer(ctx, rep.ID); tr.Status != core.TransferAnnounced {
			t.Errorf("replacement %s, want announced", tr.Status)
		}
		if k := kinds(t, st)[core.OutboxKindNotice]; k != notices+1 {
			t.Errorf("%d notices queued, want %d", k, notices+1)
		}
		// Those told before (every announced transfer but the new one)
		// learn of the new deadline, once.
		told, _ := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{core.TransferAnnounced}})
		if k := kinds(t, st)[core.OutboxKindDeadline]; k != len(told)-1 || k == 0 {
			t.Errorf("%d deadline messages, want one for each of the %d transfers announced before", k, len(told)-1)
		}
		refused("an earlier deadline", ptr(later.Add(-time.Hour)), "err.deadline_earlier")
	})
}
