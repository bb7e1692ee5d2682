package gormstore_test

import (
	"context"
	"errors"
	"testing"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestPreferenceLock checks which rounds hold an employee's preferences:
// an announced one whose scope covers the employee's unit (or the whole
// regency) or that proposes to move them; not a planned or an approved
// one, nor one elsewhere.
func TestPreferenceLock(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		var units [2]core.Unit
		var pos [2]core.Position
		for i, code := range []string{"A", "B"} {
			units[i] = core.Unit{Code: code, Name: "Unit " + code, Kind: core.UnitOffice, TimeZone: core.WIB}
			if err := s.CreateUnit(ctx, &units[i]); err != nil {
				t.Fatal(err)
			}
			pos[i] = core.Position{Code: "P" + code, UnitID: units[i].ID, Name: "Pelaksana " + code, Kind: core.Executor}
			if err := s.CreatePosition(ctx, &pos[i]); err != nil {
				t.Fatal(err)
			}
		}
		var emps [3]core.Employee // in A, in B, in B and proposed to move
		for i, nip := range []string{"198503122010012003", "198001012005011001", "199002022015012002"} {
			emps[i] = core.Employee{NIP: nip, Name: "Pegawai", PositionID: &pos[min(i, 1)].ID, Active: true}
			if err := s.CreateEmployee(ctx, &emps[i]); err != nil {
				t.Fatal(err)
			}
		}
		round := func(name string, st core.RoundStatus, unitIDs ...int64) core.Round {
			r := core.Round{Name: name, UnitIDs: unitIDs, CreatedBy: "admin:1"}
			if err := s.CreateRound(ctx, &r); err != nil {
				t.Fatal(err)
			}
			r.Status = st
			if err := s.UpdateRound(ctx, &r); err != nil {
				t.Fatal(err)
			}
			return r
		}
		lockOf := func(e core.Employee) string {
			t.Helper()
			r, ok, err := s.PreferenceLock(ctx, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				return ""
			}
			return r.Name
		}
		check := func(when string, want ...string) {
			t.Helper()
			for i, e := range emps {
				if got := lockOf(e); got != want[i] {
					t.Errorf("%s: employee %d held by %q, want %q", when, i, got, want[i])
				}
			}
		}
		check("no round", "", "", "")
		inA := round("Di A", core.RoundAnnounced, units[0].ID)
		moving := round("Pindah", core.RoundPlanned, units[0].ID)
		tr := core.Transfer{RoundID: moving.ID, EmployeeID: emps[2].ID, FromUnitID: units[1].ID, FromPositionID: pos[1].ID,
			ToUnitID: units[0].ID, ToPositionID: pos[0].ID, Kind: core.Permanent}
		if err := s.CreateTransfer(ctx, &tr, core.ActorPlanner, ""); err != nil {
			t.Fatal(err)
		}
		check("announced in A, planned with a move", "Di A", "", "")
		moving.Status = core.RoundAnnounced
		if err := s.UpdateRound(ctx, &moving); err != nil {
			t.Fatal(err)
		}
		check("the move announced", "Di A", "", "Pindah")
		inA.Status = core.RoundApproved
		if err := s.UpdateRound(ctx, &inA); err != nil {
			t.Fatal(err)
		}
		check("A approved", "Pindah", "", "Pindah")

		p := core.Preference{EmployeeID: emps[1].ID, UnitIDs: []int64{units[0].ID}, Willingness: core.WillingYes}
		if _, locked, err := s.SaveOpenPreference(ctx, &p); err != nil || locked {
			t.Fatalf("open save = %v, %v", locked, err)
		}
		round("Semua", core.RoundAnnounced) // the whole regency
		check("whole regency announced", "Pindah", "Semua", "Pindah")
		p.Willingness = core.WillingNo
		r, locked, err := s.SaveOpenPreference(ctx, &p)
		if err != nil || !locked || r.Name != "Semua" {
			t.Fatalf("locked save = %q %v %v", r.Name, locked, err)
		}
		if got, err := s.Preference(ctx, emps[1].ID); err != nil || got.Willingness != core.WillingYes {
			t.Errorf("preference after a locked save = %+v, %v", got, err)
		}
		if _, err := s.Preference(ctx, emps[0].ID); !errors.Is(err, core.ErrNotFound) {
			t.Errorf("unexpected preference: %v", err)
		}
	})
}
