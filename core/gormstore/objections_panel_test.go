package gormstore_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestObjectionInboxAndReplacements: the inbox filters by status, round,
// category and unit, nearest deadline first (rounds without one last);
// a replacement is linked once until discarded, and reviewed once.
func TestObjectionInboxAndReplacements(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		fx := seed(t, s)
		other := core.Unit{Code: "PKM-X", Name: "Puskesmas X", Kind: core.UnitHealthCentre, ParentID: &fx.unit.ID}
		if err := s.CreateUnit(ctx, &other); err != nil {
			t.Fatal(err)
		}
		op := core.Position{Code: "PKM-X-PRW", UnitID: other.ID, Name: "Perawat", Kind: core.Functional}
		if err := s.CreatePosition(ctx, &op); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)
		late, soon := now.Add(10*24*time.Hour), now.Add(24*time.Hour)
		var rounds []core.Round
		for i, d := range []*time.Time{&late, nil, &soon} {
			r := core.Round{Name: []string{"Lambat", "Tanpa batas", "Segera"}[i], ObjectionDeadline: d}
			if err := s.CreateRound(ctx, &r); err != nil {
				t.Fatal(err)
			}
			rounds = append(rounds, r)
		}
		var obs []core.Objection
		for i, r := range rounds {
			e := employee(nipN(i+1), fx.position)
			if err := s.CreateEmployee(ctx, &e); err != nil {
				t.Fatal(err)
			}
			tr := core.Transfer{RoundID: r.ID, EmployeeID: e.ID, FromUnitID: fx.unit.ID, FromPositionID: fx.position.ID,
				ToUnitID: other.ID, ToPositionID: op.ID, Status: core.TransferAnnounced}
			if i == 1 { // the only one leaving from PKM-X
				tr.FromUnitID, tr.FromPositionID, tr.ToUnitID, tr.ToPositionID = other.ID, op.ID, fx.unit.ID, fx.position.ID
			}
			if err := s.CreateTransfer(ctx, &tr, core.ActorPlanner, ""); err != nil {
				t.Fatal(err)
			}
			o := core.Objection{TransferID: tr.ID, EmployeeID: e.ID, Category: []core.ObjectionCategory{"family", "health", "family"}[i], Text: "Keberatan"}
			if err := s.CreateObjection(ctx, &o); err != nil {
				t.Fatal(err)
			}
			obs = append(obs, o)
		}
		decided := obs[0]
		decided.Status, decided.Answer, decided.DecidedBy, decided.DecidedAt = core.ObjectionUpheld, "Dikabulkan", "admin:1", &now
		if err := s.DecideObjection(ctx, &decided); err != nil {
			t.Fatal(err)
		}
		ids := func(f core.ObjectionInboxFilter) []int64 {
			t.Helper()
			got, err := s.ObjectionInbox(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, o := range got {
				out = append(out, o.ID)
			}
			return out
		}
		for name, c := range map[string]struct {
			f    core.ObjectionInboxFilter
			want []int64
		}{
			"all, nearest deadline first": {core.ObjectionInboxFilter{}, []int64{obs[2].ID, obs[0].ID, obs[1].ID}},
			"pending":                     {core.ObjectionInboxFilter{Status: core.ObjectionPending}, []int64{obs[2].ID, obs[1].ID}},
			"round":                       {core.ObjectionInboxFilter{RoundID: rounds[1].ID}, []int64{obs[1].ID}},
			"category":                    {core.ObjectionInboxFilter{Category: "family"}, []int64{obs[2].ID, obs[0].ID}},
			"units touched":               {core.ObjectionInboxFilter{UnitIDs: []int64{other.ID}}, []int64{obs[2].ID, obs[0].ID, obs[1].ID}},
			"no units":                    {core.ObjectionInboxFilter{UnitIDs: []int64{}}, nil},
			"limit":                       {core.ObjectionInboxFilter{Limit: 1}, []int64{obs[2].ID}},
		} {
			if got := ids(c.f); !slices.Equal(got, c.want) {
				t.Errorf("%s: %v, want %v", name, got, c.want)
			}
		}

		tr, _ := s.Transfer(ctx, obs[0].TransferID)
		r1 := core.ObjectionReplacement{ObjectionID: decided.ID, TransferID: tr.ID, CreatedBy: "admin:1"}
		if err := s.CreateReplacement(ctx, &r1); err != nil || r1.ID == 0 || r1.Status != core.ReplacementProposed {
			t.Fatalf("create replacement: %+v, %v", r1, err)
		}
		r2 := core.ObjectionReplacement{ObjectionID: decided.ID, TransferID: obs[2].TransferID, CreatedBy: "admin:1"}
		if err := s.CreateReplacement(ctx, &r2); !errors.Is(err, core.ErrConflict) {
			t.Errorf("a second live replacement: %v, want conflict", err)
		}
		r1.Status, r1.ReviewedBy, r1.ReviewedAt = core.ReplacementDiscarded, "admin:1", &now
		if err := s.ReviewReplacement(ctx, &r1); err != nil {
			t.Fatal(err)
		}
		if err := s.ReviewReplacement(ctx, &r1); !errors.Is(err, core.ErrConflict) {
			t.Errorf("reviewing twice: %v, want conflict", err)
		}
		if err := s.CreateReplacement(ctx, &r2); err != nil {
			t.Errorf("a replacement after a discard: %v", err)
		}
		got, err := s.Replacements(ctx, decided.ID, obs[1].ID)
		if err != nil || len(got) != 2 || got[0].Status != core.ReplacementDiscarded || got[0].ReviewedAt == nil ||
			!got[0].ReviewedAt.Equal(now) || got[1].Status != core.ReplacementProposed {
			t.Errorf("replacements = %+v, %v", got, err)
		}
		if _, err := s.Replacement(ctx, 9999); !errors.Is(err, core.ErrNotFound) {
			t.Errorf("unknown replacement: %v", err)
		}
	})
}
