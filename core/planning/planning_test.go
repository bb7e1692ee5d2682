package planning_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/planner"
	"github.com/seimbang/seimbang/core/planning"
)

func ptr[T any](v T) *T { return &v }

// regency: an office with two sub-units; nurses are short in one and in
// surplus in the other.
func regency(t *testing.T, st *gormstore.Store) (office, short, surplus core.Unit, shortPos, surplusPos core.Position, staff []core.Employee) {
	t.Helper()
	ctx := context.Background()
	office = core.Unit{Code: "DINKES", Name: "Dinas Kesehatan", Kind: core.UnitOffice}
	if err := st.CreateUnit(ctx, &office); err != nil {
		t.Fatal(err)
	}
	short = core.Unit{Code: "PKM-A", Name: "Puskesmas A", Kind: core.UnitHealthCentre, ParentID: &office.ID, Lat: ptr(-1.0), Lng: ptr(116.0)}
	surplus = core.Unit{Code: "PKM-B", Name: "Puskesmas B", Kind: core.UnitHealthCentre, ParentID: &office.ID, Lat: ptr(-1.1), Lng: ptr(116.1)}
	for _, u := range []*core.Unit{&short, &surplus} {
		if err := st.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	shortPos = core.Position{Code: "A-PRW", UnitID: short.ID, Name: "Perawat", Kind: core.Functional, JobFamily: "perawat"}
	surplusPos = core.Position{Code: "B-PRW", UnitID: surplus.ID, Name: "Perawat", Kind: core.Functional, JobFamily: "perawat"}
	for _, p := range []*core.Position{&shortPos, &surplusPos} {
		if err := st.CreatePosition(ctx, p); err != nil {
			t.Fatal(err)
		}
		// 4 people's worth of work each.
		if err := st.ReplaceWorkloadTasks(ctx, p.ID, []core.WorkloadTask{{Task: "Asuhan", YearlyVolume: 3000, StandardMinutes: 100}}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 8 {
		pos := surplusPos.ID
		if i < 2 {
			pos = shortPos.ID
		}
		e := core.Employee{NIP: []string{"198001012005011001", "198001012005011002", "198001012005011003", "198001012005011004",
			"198001012005011005", "198001012005011006", "198001012005011007", "198001012005011008"}[i],
			Name: "Perawat", PositionID: &pos, TMTJabatan: core.Date{Year: 2015, Month: 1, Day: 1}, EducationLevel: "D3", Active: true}
		if err := st.CreateEmployee(ctx, &e); err != nil {
			t.Fatal(err)
		}
		staff = append(staff, e)
	}
	return
}

func TestRunMovesSurplusToShortage(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		_, short, _, shortPos, surplusPos, staff := regency(t, st)
		day := core.Date{Year: 2026, Month: 12, Day: 1}
		p, in, err := planning.Run(ctx, st, nil, day, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Employees) != 8 || len(in.Positions) != 2 {
			t.Fatalf("instance has %d employees, %d positions", len(in.Employees), len(in.Positions))
		}
		if len(p.Proposals) != 2 {
			t.Fatalf("proposals = %d, want 2 (from 6 to 4 and from 2 to 4)", len(p.Proposals))
		}
		for _, pr := range p.Proposals {
			if pr.FromPositionID != surplusPos.ID || pr.ToPositionID != shortPos.ID || pr.ToUnitID != short.ID {
				t.Errorf("proposal %+v is not surplus → shortage", pr)
			}
		}

		// An employee already in an active transfer is not planned again.
		r := core.Round{Name: "Lain", CreatedBy: "admin:1"}
		if err := st.CreateRound(ctx, &r); err != nil {
			t.Fatal(err)
		}
		for _, e := range staff[2:7] {
			tr := core.Transfer{RoundID: r.ID, EmployeeID: e.ID, FromUnitID: *e.UnitID, FromPositionID: *e.PositionID,
				ToUnitID: short.ID, ToPositionID: shortPos.ID}
			if err := st.CreateTransfer(ctx, &tr, core.ActorPlanner, ""); err != nil {
				t.Fatal(err)
			}
			ev, _ := tr.Transition(core.TransferAnnounced, core.AdminActor(1), time.Now(), "")
			if err := st.SaveTransition(ctx, &tr, ev); err != nil {
				t.Fatal(err)
			}
		}
		p, _, err = planning.Run(ctx, st, nil, day, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Proposals) != 1 || p.Proposals[0].EmployeeID != staff[7].ID {
			t.Errorf("with five already moving, proposals = %+v; want only the one free employee", p.Proposals)
		}
	})
}

func TestRoundScopeAndParams(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		_, short, _, _, _, _ := regency(t, st)
		r := core.Round{Name: "Hanya A", UnitIDs: []int64{short.ID}, Params: `{"max_moves": 1}`, CreatedBy: "admin:1"}
		if err := st.CreateRound(ctx, &r); err != nil {
			t.Fatal(err)
		}
		r, _ = st.Round(ctx, r.ID)
		in, err := planning.Load(ctx, st, &r, core.Date{Year: 2026, Month: 12, Day: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range in.Units {
			if want := u.ID != short.ID; u.Excluded != want {
				t.Errorf("unit %s excluded = %v, want %v", u.Code, u.Excluded, want)
			}
		}
		p, err := planning.Params(&r, 0)
		if err != nil || p.MaxMoves != 1 || p.ABK.EffectiveMinutes != planner.DefaultParams().ABK.EffectiveMinutes {
			t.Errorf("params = %+v, %v", p, err)
		}
		loose := core.Employee{NIP: "198001012005011009", Name: "Tanpa Jabatan", Active: true}
		if err := st.CreateEmployee(ctx, &loose); err != nil {
			t.Fatal(err)
		}
		_, _, err = planning.Run(ctx, st, nil, core.Date{Year: 2026, Month: 12, Day: 1}, 0)
		if v, ok := core.AsValidation(err); !ok || !strings.Contains(v.Error(), "198001012005011009") {
			t.Errorf("an active employee without a position: err = %v, want the planner to refuse and name them", err)
		}
		bad := core.Round{Params: `{"max_movez": 1}`}
		if _, err := planning.Params(&bad, 0); err == nil {
			t.Error("an unknown parameter was accepted")
		} else if v, ok := core.AsValidation(err); !ok || !errors.As(err, &v) {
			t.Errorf("unknown parameter: err = %v, want a validation error", err)
		}
	})
}

// TestUpheldObjectionNamesItsPosition: an upheld objection cancels its
// transfer, and the planner must still learn which position the employee
// objected to (not bar them from every move).
func TestUpheldObjectionNamesItsPosition(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		_, short, _, shortPos, _, staff := regency(t, st)
		r := core.Round{Name: "R", CreatedBy: "admin:1"}
		if err := st.CreateRound(ctx, &r); err != nil {
			t.Fatal(err)
		}
		e := staff[5]
		tr := core.Transfer{RoundID: r.ID, EmployeeID: e.ID, FromUnitID: *e.UnitID, FromPositionID: *e.PositionID,
			ToUnitID: short.ID, ToPositionID: shortPos.ID}
		if err := st.CreateTransfer(ctx, &tr, core.ActorPlanner, ""); err != nil {
			t.Fatal(err)
		}
		for _, to := range []core.TransferStatus{core.TransferAnnounced, core.TransferObjected, core.TransferCancelled} {
			ev, err := tr.Transition(to, core.AdminActor(1), time.Now(), "keberatan dikabulkan")
			if err != nil {
				t.Fatal(err)
			}
			if err := st.SaveTransition(ctx, &tr, ev); err != nil {
				t.Fatal(err)
			}
		}
		o := core.Objection{TransferID: tr.ID, EmployeeID: e.ID, Category: "family", Text: "Anak sakit."}
		if err := st.CreateObjection(ctx, &o); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		o.Status, o.Answer, o.DecidedBy, o.DecidedAt = core.ObjectionUpheld, "Dikabulkan.", "admin:1", &now
		if err := st.DecideObjection(ctx, &o); err != nil {
			t.Fatal(err)
		}
		r, _ = st.Round(ctx, r.ID)
		in, err := planning.Load(ctx, st, &r, core.Date{Year: 2026, Month: 12, Day: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Objections) != 1 || in.Objections[0].EmployeeID != e.ID || in.Objections[0].PositionID != shortPos.ID {
			t.Errorf("objections = %+v, want employee %d barred from position %d only", in.Objections, e.ID, shortPos.ID)
		}
	})
}

func TestEffectiveMinutes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		round   *core.Round
		regency float64
		want    float64
	}{
		{"no round, guideline", nil, 0, 75000},
		{"no round, regency", nil, 60000, 60000},
		{"round without parameters", &core.Round{}, 60000, 60000},
		{"round with other parameters", &core.Round{Params: `{"max_moves": 3}`}, 60000, 60000},
		{"round sets its own", &core.Round{Params: `{"abk": {"effective_minutes": 70000}}`}, 60000, 70000},
		{"round parameters that do not parse", &core.Round{Params: `{"abk": {"effective_minutes": 70000}, "nope": 1}`}, 60000, 60000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := planning.EffectiveMinutes(tc.round, tc.regency); got != tc.want {
				t.Errorf("EffectiveMinutes = %v, want %v", got, tc.want)
			}
		})
	}
}
