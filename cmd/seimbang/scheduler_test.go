package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestSchedulerMeasuresWithTheRegencysEffectiveTime lets the scheduler
// built from the configuration apply a round announced without imbalance
// figures: the figures it records once the round has taken effect use the
// regency's SEIMBANG_ABK_EFFECTIVE_MINUTES, not the guideline's 75,000.
func TestSchedulerMeasuresWithTheRegencysEffectiveTime(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		for _, tc := range []struct {
			env      map[string]string
			minutes  float64
			required float64 // 150,000 minutes of yearly workload
		}{
			{map[string]string{}, 75000, 2},
			{map[string]string{"SEIMBANG_ABK_EFFECTIVE_MINUTES": "60000"}, 60000, 2.5},
		} {
			t.Run(fmt.Sprint(tc.minutes), func(t *testing.T) {
				fs := flag.NewFlagSet("serve", flag.ContinueOnError)
				build := configFlags(fs, func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok })
				if err := fs.Parse(nil); err != nil {
					t.Fatal(err)
				}
				cfg, err := build()
				if err != nil {
					t.Fatal(err)
				}
				st := b.Open(t)
				r := seedRoundDue(t, st)
				if rep, err := newScheduler(cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil))).Tick(context.Background()); err != nil || rep.Effective != 1 {
					t.Fatalf("tick = %+v, %v; want the transfer effective", rep, err)
				}
				snaps, err := st.ImbalanceSnapshots(context.Background(), r.ID)
				if err != nil || len(snaps) != 1 || snaps[0].Label != evaluation.LabelEffective {
					t.Fatalf("snapshots = %+v, %v; want the effective one", snaps, err)
				}
				var f evaluation.Figures
				if err := json.Unmarshal([]byte(snaps[0].Figures), &f); err != nil {
					t.Fatal(err)
				}
				if f.EffectiveMinutes != tc.minutes || f.Regency.Required != tc.required {
					t.Errorf("effective snapshot measured with %v minutes, %v staff required; want %v and %v",
						f.EffectiveMinutes, f.Regency.Required, tc.minutes, tc.required)
				}
			})
		}
	})
}

// seedRoundDue stores an approved round, effective on 1 January 2025, of
// one transfer into a position with 150,000 minutes of yearly workload,
// and no imbalance snapshot.
func seedRoundDue(t *testing.T, st *gormstore.Store) core.Round {
	t.Helper()
	ctx := context.Background()
	u := core.Unit{Code: "PKM-01", Name: "Puskesmas Satu", Kind: core.UnitHealthCentre, TimeZone: core.WITA}
	if err := st.CreateUnit(ctx, &u); err != nil {
		t.Fatal(err)
	}
	from := core.Position{Code: "PKM-01-PRW", UnitID: u.ID, Name: "Perawat", Kind: core.Functional, JobFamily: "perawat"}
	to := core.Position{Code: "PKM-01-BDN", UnitID: u.ID, Name: "Bidan", Kind: core.Functional, JobFamily: "bidan"}
	for _, p := range []*core.Position{&from, &to} {
		if err := st.CreatePosition(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.AddWorkloadTask(ctx, &core.WorkloadTask{PositionID: to.ID, Period: "2025", Task: "Pelayanan ANC",
		YearlyVolume: 150000, StandardMinutes: 1}); err != nil {
		t.Fatal(err)
	}
	e := core.Employee{NIP: "199001012015011001", Name: "Siti Rahmawati", PositionID: &from.ID, UnitID: &u.ID, Active: true}
	if err := st.CreateEmployee(ctx, &e); err != nil {
		t.Fatal(err)
	}
	r := core.Round{Name: "Mutasi Januari 2025", Status: core.RoundApproved, EffectiveDate: core.Date{Year: 2025, Month: 1, Day: 1},
		SKNumber: "800/1/2025", CreatedBy: "admin:1"}
	if err := st.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	tr := core.Transfer{RoundID: r.ID, EmployeeID: e.ID, FromUnitID: u.ID, FromPositionID: from.ID, ToUnitID: u.ID, ToPositionID: to.ID}
	if err := st.CreateTransfer(ctx, &tr, core.ActorPlanner, ""); err != nil {
		t.Fatal(err)
	}
	for _, s := range []core.TransferStatus{core.TransferAnnounced, core.TransferApproved} {
		ev, err := tr.Transition(s, core.AdminActor(1), time.Now(), "")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SaveTransition(ctx, &tr, ev); err != nil {
			t.Fatal(err)
		}
	}
	return r
}
