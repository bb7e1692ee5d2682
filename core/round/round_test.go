package round_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/round"
	"github.com/seimbang/seimbang/core/schedule"
	"github.com/seimbang/seimbang/core/scheduler"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

func ptr[T any](v T) *T { return &v }

// regency has a health centre short of two nurses and one with four too
// many; every nurse is linked to Telegram.
func regency(t *testing.T, st *gormstore.Store) (short core.Position) {
	t.Helper()
	ctx := context.Background()
	office := core.Unit{Code: "DINKES", Name: "Dinas Kesehatan", Kind: core.UnitOffice, TimeZone: core.WITA}
	if err := st.CreateUnit(ctx, &office); err != nil {
		t.Fatal(err)
	}
	var pos []core.Position
	for i, code := range []string{"PKM-HULU", "PKM-KOTA"} {
		u := core.Unit{Code: code, Name: "Puskesmas " + code[4:], Kind: core.UnitHealthCentre, ParentID: &office.ID,
			TimeZone: core.WITA, Lat: ptr(-1.0 - float64(i)/10), Lng: ptr(116.0)}
		if err := st.CreateUnit(ctx, &u); err != nil {
			t.Fatal(err)
		}
		p := core.Position{Code: code + "-PRW", UnitID: u.ID, Name: "Perawat", Kind: core.Functional, JobFamily: "perawat"}
		if err := st.CreatePosition(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if err := st.ReplaceWorkloadTasks(ctx, p.ID, []core.WorkloadTask{{Task: "Asuhan keperawatan", YearlyVolume: 3000, StandardMinutes: 100}}); err != nil {
			t.Fatal(err)
		}
		pos = append(pos, p)
	}
	for i := range 10 {
		p := pos[1]
		if i < 2 {
			p = pos[0]
		}
		e := core.Employee{NIP: fmt.Sprintf("19850101201001%d%03d", 1+i%2, i+1), Name: fmt.Sprintf("Perawat %d", i+1),
			PositionID: &p.ID, TMTJabatan: core.Date{Year: 2018, Month: 1, Day: 2}, EducationLevel: "D3", Active: true,
			TelegramUserID: ptr(int64(700 + i))}
		if err := st.CreateEmployee(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	return pos[0]
}

func kinds(t *testing.T, st *gormstore.Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for id := int64(1); ; id++ {
		m, err := st.OutboxMessage(context.Background(), id)
		if err != nil {
			return out
		}
		out[m.Kind]++
	}
}

func TestWholeRound(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		short := regency(t, st)
		clk := &clock{t: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
		svc := &round.Service{Store: st, Clock: clk}
		hr := core.AdminActor(1)
		deadline := clk.t.Add(7 * 24 * time.Hour)

		_, err := svc.Create(ctx, round.NewRound{Name: "Mutasi Januari 2027", UnitCodes: []string{"DINKES", "NOPE"},
			Params: `{"gap_weight": -1, "bogus": 1}`}, hr)
		v, ok := core.AsValidation(err)
		if !ok || len(v.Fields) != 2 {
			t.Fatalf("create with an unknown unit and bad params: err = %v, want two problems", err)
		}
		r, err := svc.Create(ctx, round.NewRound{Name: "Mutasi Januari 2027", UnitCodes: []string{"DINKES"},
			ObjectionDeadline: &deadline, EffectiveDate: core.Date{Year: 2027, Month: 1, Day: 4}}, hr)
		if err != nil {
			t.Fatal(err)
		}

		plan, err := svc.Plan(ctx, r.ID, hr)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Proposals) != 2 || plan.Certificate == nil || !plan.Certificate.Optimal {
			t.Fatalf("plan: %d proposals, certificate %+v; want 2, optimal", len(plan.Proposals), plan.Certificate)
		}
		if _, err := svc.Plan(ctx, r.ID, hr); err != nil { // planning again replaces the drafts
			t.Fatal(err)
		}
		drafts, _ := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID})
		if len(drafts) != 2 {
			t.Fatalf("after planning twice: %d transfers, want 2", len(drafts))
		}
		for _, d := range drafts {
			if d.ToPositionID != short.ID || d.Explanation == "" || d.Reason == "" {
				t.Errorf("draft %+v lacks its target or explanation", d)
			}
		}

		if n, err := svc.Announce(ctx, r.ID, nil, hr); err != nil || n != 2 {
			t.Fatalf("announce = %d, %v", n, err)
		}
		if k := kinds(t, st); k[core.OutboxKindNotice] != 2 {
			t.Errorf("notices in the outbox = %d, want 2", k[core.OutboxKindNotice])
		}

		// The first employee objects through the bot.
		objecting := drafts[0]
		objecting, _ = st.Transfer(ctx, objecting.ID)
		ev, err := objecting.Transition(core.TransferObjected, core.EmployeeActor(objecting.EmployeeID), clk.t, "keberatan")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SaveTransition(ctx, &objecting, ev); err != nil {
			t.Fatal(err)
		}
		o := core.Objection{TransferID: objecting.ID, EmployeeID: objecting.EmployeeID, Category: "family", Text: "Orang tua saya sakit."}
		if err := st.CreateObjection(ctx, &o); err != nil {
			t.Fatal(err)
		}

		if _, err := svc.Approve(ctx, r.ID, "800/12/BKPSDM/2026", core.Date{Year: 2027, Month: 1, Day: 4}, hr); err == nil {
			t.Fatal("a round with an undecided objection was approved")
		}
		if err := svc.Decide(ctx, o.ID, round.Decision{Uphold: true, Answer: "  "}, hr); err == nil {
			t.Error("a decision without a written answer was accepted")
		}
		if err := svc.Decide(ctx, o.ID, round.Decision{Uphold: true, Answer: "Keberatan dikabulkan karena alasan keluarga."}, hr); err != nil {
			t.Fatal(err)
		}
		if err := svc.Decide(ctx, o.ID, round.Decision{Answer: "Lagi"}, hr); !errors.Is(err, core.ErrConflict) {
			t.Errorf("deciding twice: err = %v, want conflict", err)
		}
		cancelled, _ := st.Transfer(ctx, objecting.ID)
		if cancelled.Status != core.TransferCancelled {
			t.Errorf("upheld objection left the transfer %s", cancelled.Status)
		}
		if k := kinds(t, st); k[core.OutboxKindDecision] != 1 {
			t.Errorf("decisions in the outbox = %d, want 1", k[core.OutboxKindDecision])
		}

		repl, err := svc.Replacement(ctx, o.ID, hr)
		if err != nil {
			t.Fatal(err)
		}
		if repl.ToPositionID != short.ID || repl.EmployeeID == objecting.EmployeeID || repl.Status != core.TransferDraft {
			t.Errorf("replacement = %+v; want another nurse into the same slot", repl)
		}
		if n, err := svc.Announce(ctx, r.ID, nil, hr); err != nil || n != 1 {
			t.Fatalf("announcing the replacement = %d, %v", n, err)
		}
		n, err := svc.Approve(ctx, r.ID, "800/12/BKPSDM/2026", core.Date{Year: 2027, Month: 1, Day: 4}, hr)
		if err != nil || n != 2 {
			t.Fatalf("approve = %d, %v; want 2", n, err)
		}
		if k := kinds(t, st); k[core.OutboxKindDecree] != 2 || k[core.OutboxKindNotice] != 3 {
			t.Errorf("outbox kinds = %v; want 3 notices and 2 decrees", k)
		}

		// On the effective date the scheduler moves both nurses.
		clk.t = time.Date(2027, 1, 3, 16, 0, 0, 0, time.UTC) // 00:00 WITA on 4 January
		s := scheduler.New(st, scheduler.Config{Clock: clk, Policy: schedule.Policy{Waves: []time.Duration{720 * time.Hour},
			RemindEvery: 72 * time.Hour, MaxReminders: 3, ExpireAfter: 336 * time.Hour}})
		rep, err := s.Tick(ctx)
		if err != nil || rep.Effective != 2 {
			t.Fatalf("effective = %+v, %v", rep, err)
		}
		staff, total, _ := st.Employees(ctx, core.EmployeeFilter{UnitID: short.UnitID})
		if total != 4 {
			t.Errorf("the short health centre has %d nurses after the round, want 4: %v", total, staff)
		}
		entries, _ := st.AuditEntries(ctx, core.AuditFilter{Limit: 100})
		actions := map[string]bool{}
		for _, e := range entries {
			actions[e.Action] = true
		}
		for _, a := range []string{"round.create", "round.plan", "round.announce", "objection.decide", "transfer.replacement", "round.approve", "employee.move"} {
			if !actions[a] {
				t.Errorf("audit log lacks %s", a)
			}
		}
	})
}
