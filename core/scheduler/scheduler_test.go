package scheduler_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/schedule"
	"github.com/seimbang/seimbang/core/scheduler"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time                { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time)               { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func ptr[T any](v T) *T                        { return &v }
func day(y int, m time.Month, d int) core.Date { return core.Date{Year: y, Month: m, Day: d} }

func policy() schedule.Policy {
	return schedule.Policy{Waves: []time.Duration{720 * time.Hour, 2160 * time.Hour}, RemindEvery: 72 * time.Hour,
		MaxReminders: 3, ExpireAfter: 336 * time.Hour,
		Calendar: schedule.Calendar{Start: 8 * time.Hour, End: 16 * time.Hour, Holidays: map[core.Date]bool{day(2026, 12, 25): true}}}
}

// world is a regency with a source unit in WITA and a target in WIT, and
// employees with approved transfers taking effect on one date.
type world struct {
	st        *gormstore.Store
	round     core.Round
	transfers []core.Transfer
	from, to  core.Unit
	fromPos   core.Position
	toPos     core.Position
}

func build(t *testing.T, st *gormstore.Store, n int, effective core.Date, kind core.TransferKind, end core.Date) world {
	t.Helper()
	ctx := context.Background()
	w := world{st: st}
	w.from = core.Unit{Code: "PKM-KOTA", Name: "Puskesmas Kota", Kind: core.UnitHealthCentre, TimeZone: core.WITA}
	w.to = core.Unit{Code: "PKM-PEDALAMAN", Name: "Puskesmas Pedalaman", Kind: core.UnitHealthCentre, TimeZone: core.WIT}
	for _, u := range []*core.Unit{&w.from, &w.to} {
		if err := st.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	w.fromPos = core.Position{Code: "PKM-KOTA-PRW", UnitID: w.from.ID, Name: "Perawat", Kind: core.Functional, JobFamily: "perawat"}
	w.toPos = core.Position{Code: "PKM-PDL-PRW", UnitID: w.to.ID, Name: "Perawat", Kind: core.Functional, JobFamily: "perawat"}
	for _, p := range []*core.Position{&w.fromPos, &w.toPos} {
		if err := st.CreatePosition(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	w.round = core.Round{Name: "Mutasi Desember", Status: core.RoundApproved, EffectiveDate: effective, SKNumber: "800/1/2026", CreatedBy: "admin:1"}
	if err := st.CreateRound(ctx, &w.round); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		e := core.Employee{NIP: fmt.Sprintf("19900101201501%d%03d", 1+i%2, i%999+1), Name: fmt.Sprintf("Pegawai %d", i),
			PositionID: &w.fromPos.ID, TMTJabatan: day(2020, 1, 1), Active: true, TelegramUserID: ptr(int64(5000 + i))}
		if err := st.CreateEmployee(ctx, &e); err != nil {
			t.Fatal(err)
		}
		tr := core.Transfer{RoundID: w.round.ID, EmployeeID: e.ID, FromUnitID: w.from.ID, FromPositionID: w.fromPos.ID,
			ToUnitID: w.to.ID, ToPositionID: w.toPos.ID, Kind: kind, EndDate: end}
		if err := st.CreateTransfer(ctx, &tr, core.ActorPlanner, ""); err != nil {
			t.Fatal(err)
		}
		for _, to := range []core.TransferStatus{core.TransferAnnounced, core.TransferApproved} {
			ev, err := tr.Transition(to, core.AdminActor(1), time.Now(), "")
			if err != nil {
				t.Fatal(err)
			}
			if err := st.SaveTransition(ctx, &tr, ev); err != nil {
				t.Fatal(err)
			}
		}
		w.transfers = append(w.transfers, tr)
	}
	return w
}

// outbox returns the stored messages' dedup keys and texts by id order.
func outbox(t *testing.T, st *gormstore.Store) []core.OutboxMessage {
	t.Helper()
	var out []core.OutboxMessage
	for id := int64(1); ; id++ {
		m, err := st.OutboxMessage(context.Background(), id)
		if err != nil {
			return out
		}
		out = append(out, m)
	}
}

func TestTransferTakesEffectAtMidnightInTargetZone(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		w := build(t, st, 1, day(2026, 12, 1), core.Permanent, core.Date{})
		clk := &clock{t: time.Date(2026, 11, 30, 14, 59, 0, 0, time.UTC)} // 23:59 WIT
		s := scheduler.New(st, scheduler.Config{Policy: policy(), Clock: clk})
		if rep, err := s.Tick(ctx); err != nil || rep.Effective != 0 {
			t.Fatalf("a minute before midnight WIT: %+v, %v", rep, err)
		}
		clk.Set(time.Date(2026, 11, 30, 15, 0, 0, 0, time.UTC)) // 00:00 WIT, still 23:00 in WITA
		rep, err := s.Tick(ctx)
		if err != nil || rep.Effective != 1 {
			t.Fatalf("at midnight WIT: %+v, %v", rep, err)
		}
		e, err := st.Employee(ctx, w.transfers[0].EmployeeID)
		if err != nil {
			t.Fatal(err)
		}
		if *e.PositionID != w.toPos.ID || *e.UnitID != w.to.ID || e.TMTJabatan != day(2026, 12, 1) {
			t.Errorf("employee after the transfer: position %d unit %d TMT %v", *e.PositionID, *e.UnitID, e.TMTJabatan)
		}
		tr, _ := st.Transfer(ctx, w.transfers[0].ID)
		evs, _ := st.TransferEvents(ctx, tr.ID)
		last := evs[len(evs)-1]
		if tr.Status != core.TransferEffective || last.Actor != core.ActorScheduler || last.To != core.TransferEffective {
			t.Errorf("transfer %s, last event %+v", tr.Status, last)
		}
		msgs := outbox(t, st)
		if len(msgs) != 1 || msgs[0].DedupKey != fmt.Sprintf("effective:transfer:%d", tr.ID) || msgs[0].ChatID != 5000 {
			t.Fatalf("outbox = %+v", msgs)
		}
		var p core.OutboxPayload
		json.Unmarshal([]byte(msgs[0].Payload), &p)
		if want := "1 Desember 2026"; !contains(p.Text, want) || !contains(p.Text, "Puskesmas Pedalaman") {
			t.Errorf("message %q lacks the new unit or %q", p.Text, want)
		}
		// Wave 1: 30 days after 1 December 00:00 WIT is Thursday 31 December
		// 00:00 WIT, sent when the office opens at 08:00 WIT.
		if rep, err := s.Tick(ctx); err != nil || rep != (scheduler.Report{}) {
			t.Errorf("second tick did %+v, %v; want nothing", rep, err)
		}
		clk.Set(time.Date(2026, 12, 30, 22, 59, 0, 0, time.UTC)) // 07:59 WIT
		if rep, _ := s.Tick(ctx); rep.Invited != 0 {
			t.Errorf("invited before office hours: %+v", rep)
		}
		clk.Set(time.Date(2026, 12, 30, 23, 0, 0, 0, time.UTC)) // 08:00 WIT
		if rep, _ := s.Tick(ctx); rep.Invited != 1 {
			t.Errorf("not invited at 08:00 WIT: %+v", rep)
		}
	})
}

func TestTemporaryAssignmentEndsAndThePersonReturns(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		w := build(t, st, 1, day(2026, 12, 1), core.Temporary, day(2027, 1, 15))
		clk := &clock{t: time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)}
		s := scheduler.New(st, scheduler.Config{Policy: policy(), Clock: clk})
		if rep, err := s.Tick(ctx); err != nil || rep.Effective != 1 {
			t.Fatalf("start: %+v, %v", rep, err)
		}
		e, _ := st.Employee(ctx, w.transfers[0].EmployeeID)
		if *e.PositionID != w.toPos.ID || e.TMTJabatan != day(2020, 1, 1) {
			t.Errorf("on assignment: position %d TMT %v (a temporary assignment keeps the TMT)", *e.PositionID, e.TMTJabatan)
		}
		clk.Set(time.Date(2027, 1, 14, 14, 59, 0, 0, time.UTC))
		if rep, _ := s.Tick(ctx); rep.Ended != 0 {
			t.Errorf("ended before 15 January WIT: %+v", rep)
		}
		clk.Set(time.Date(2027, 1, 14, 15, 0, 0, 0, time.UTC))
		if rep, _ := s.Tick(ctx); rep.Ended != 1 {
			t.Errorf("not ended at midnight WIT of the end date: %+v", rep)
		}
		e, _ = st.Employee(ctx, w.transfers[0].EmployeeID)
		tr, _ := st.Transfer(ctx, w.transfers[0].ID)
		if *e.PositionID != w.fromPos.ID || *e.UnitID != w.from.ID || tr.Status != core.TransferEnded {
			t.Errorf("after the end: position %d unit %d status %s", *e.PositionID, *e.UnitID, tr.Status)
		}
	})
}

// runWave moves the clock two hours at a time through a wave with two scheduler
// instances ticking at once, and returns the messages each invitation got.
func runWave(t *testing.T, st *gormstore.Store, s1, s2 *scheduler.Scheduler, clk *clock, from, until time.Time, answer func(now time.Time), after func(now time.Time)) {
	t.Helper()
	ctx := context.Background()
	for now := from; now.Before(until); now = now.Add(2 * time.Hour) {
		clk.Set(now)
		if answer != nil {
			answer(now)
		}
		var wg sync.WaitGroup
		for _, s := range []*scheduler.Scheduler{s1, s2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := s.Tick(ctx); err != nil {
					t.Errorf("tick at %v: %v", now, err)
				}
			}()
		}
		wg.Wait()
		if after != nil {
			after(now)
		}
	}
}

func TestTwoInstancesSendEachMessageExactlyOnce(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		const n = 24
		w := build(t, st, n, day(2026, 11, 2), core.Permanent, core.Date{})
		clk := &clock{t: time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)}
		cfg := scheduler.Config{Policy: policy(), Clock: clk, Batch: 7}
		cfg.Policy.Waves = cfg.Policy.Waves[:1]
		s1 := scheduler.New(st, cfg)
		s2 := scheduler.New(st, cfg)

		answered := w.transfers[0].EmployeeID // answers on the second day: no reminders after that
		inv0 := int64(0)
		sends := map[int64][]time.Time{}
		runWave(t, st, s1, s2, clk, clk.Now(), time.Date(2026, 12, 25, 0, 0, 0, 0, time.UTC), func(now time.Time) {
			if inv0 == 0 || !now.Equal(time.Date(2026, 12, 3, 3, 0, 0, 0, time.UTC)) {
				if inv0 == 0 {
					if i, err := st.SurveyInvitation(ctx, 1); err == nil && i.EmployeeID == answered {
						inv0 = i.ID
					}
				}
				return
			}
			i, _ := st.SurveyInvitation(ctx, inv0)
			i.Status = core.InvitationAnswered
			if err := st.SaveSurveyInvitation(ctx, &i, ""); err != nil {
				t.Error(err)
			}
		}, func(now time.Time) {
			// Record when each invitation got a message, from its state.
			for id := int64(1); id <= n; id++ {
				inv, err := st.SurveyInvitation(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				count := 0
				if inv.InvitedAt != nil {
					count = 1 + inv.RemindersSent
				}
				for len(sends[id]) < count {
					sends[id] = append(sends[id], now)
				}
			}
		})
		wit := core.WIT.Location()
		for id, times := range sends {
			for i, at := range times {
				if !cfg.Policy.Calendar.Open(at, wit) {
					t.Errorf("invitation %d: message %d at %v, outside office hours in WIT", id, i, at.In(wit))
				}
				if i > 0 && at.Sub(times[i-1]) < cfg.Policy.RemindEvery {
					t.Errorf("invitation %d: message %d only %v after the previous one", id, i, at.Sub(times[i-1]))
				}
			}
		}

		perKey := map[string]int{}
		invites, reminders := 0, 0
		for _, m := range outbox(t, st) {
			perKey[m.DedupKey]++
			switch m.Kind {
			case core.OutboxKindSurvey:
				invites++
			case core.OutboxKindSurveyRemind:
				reminders++
				if m.EmployeeID != nil && *m.EmployeeID == answered {
					t.Errorf("reminder %s sent to the employee who answered", m.DedupKey)
				}
			}
		}
		if invites != n {
			t.Errorf("invitations sent = %d, want %d", invites, n)
		}
		// Everyone but the one who answered gets exactly MaxReminders.
		if want := (n - 1) * 3; reminders != want {
			t.Errorf("reminders sent = %d, want %d", reminders, want)
		}
		for i := int64(1); i <= n; i++ {
			inv, err := st.SurveyInvitation(ctx, i)
			if err != nil {
				t.Fatal(err)
			}
			want := core.InvitationExpired
			if inv.ID == inv0 {
				want = core.InvitationAnswered
			}
			if inv.Status != want {
				t.Errorf("invitation %d ended %s, want %s", inv.ID, inv.Status, want)
			}
		}
	})
}

func TestAClaimLostInACrashIsPickedUpOnce(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		build(t, st, 5, day(2026, 11, 2), core.Permanent, core.Date{})
		clk := &clock{t: time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)}
		cfg := scheduler.Config{Policy: policy(), Clock: clk}
		cfg.Policy.Waves = cfg.Policy.Waves[:1]
		s := scheduler.New(st, cfg)
		if rep, err := s.Tick(ctx); err != nil || rep.Effective != 5 {
			t.Fatalf("effective: %+v %v", rep, err)
		}
		due := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC) // 09:00 WIT on Wednesday 2 December
		// An instance claims everything due, then is killed before sending.
		claimed, err := st.ClaimSurveyInvitations(ctx, "crashed", due, 2*time.Minute, 100)
		if err != nil || len(claimed) != 5 {
			t.Fatalf("claim = %d, %v", len(claimed), err)
		}
		clk.Set(due.Add(time.Minute))
		if rep, _ := s.Tick(ctx); rep.Invited != 0 {
			t.Errorf("invitations taken from under a live lease: %+v", rep)
		}
		clk.Set(due.Add(3 * time.Minute))
		if rep, _ := s.Tick(ctx); rep.Invited != 5 {
			t.Errorf("after the lease expired: %+v, want 5 invitations", rep)
		}
		clk.Set(due.Add(4 * time.Minute))
		if rep, _ := s.Tick(ctx); rep.Invited != 0 {
			t.Errorf("invited twice: %+v", rep)
		}
		n := 0
		for _, m := range outbox(t, st) {
			if m.Kind == core.OutboxKindSurvey {
				n++
			}
		}
		if n != 5 {
			t.Errorf("invitation messages = %d, want 5", n)
		}
	})
}

func TestRemindNowByHand(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		build(t, st, 1, day(2026, 11, 2), core.Permanent, core.Date{})
		clk := &clock{t: time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)}
		s := scheduler.New(st, scheduler.Config{Policy: policy(), Clock: clk})
		s.Tick(ctx)
		if err := s.RemindNow(ctx, 1, core.AdminActor(1)); err == nil {
			t.Error("a reminder for an invitation not yet sent was accepted")
		}
		clk.Set(time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
		s.Tick(ctx)
		if err := s.RemindNow(ctx, 1, core.AdminActor(1)); err != nil {
			t.Fatal(err)
		}
		inv, _ := st.SurveyInvitation(ctx, 1)
		if inv.RemindersSent != 1 || inv.ManualReminderAt == nil || inv.ManualReminderBy != core.AdminActor(1) {
			t.Errorf("after a reminder by hand: %+v", inv)
		}
		// One reminder by hand per invitation: the second is refused with
		// a message that says so, and nothing more goes out.
		before := len(outbox(t, st))
		err := s.RemindNow(ctx, 1, core.AdminActor(2))
		var ce *core.ConflictError
		if !errors.As(err, &ce) || ce.Key != "eval.err.reminded_already" {
			t.Errorf("second reminder by hand: err = %v, want the reminded-already conflict", err)
		}
		if n := len(outbox(t, st)); n != before {
			t.Errorf("the refused reminder left %d messages in the outbox", n-before)
		}
		entries, _ := st.AuditEntries(ctx, core.AuditFilter{ObjectType: "survey_invitation"})
		if len(entries) != 1 || entries[0].Actor != core.AdminActor(1) || entries[0].Action != "survey.remind" {
			t.Errorf("audit = %+v, want one survey.remind by admin 1", entries)
		}
		// An employee who answered gets no reminder by hand.
		tpl, _ := st.SurveyFormOf(ctx, 2)
		clk.Set(time.Date(2027, 2, 1, 2, 0, 0, 0, time.UTC)) // wave 2: Monday 1 February, 11:00 WIT
		s.Tick(ctx)
		if inv2, _ := st.SurveyInvitation(ctx, 2); inv2.Status == core.InvitationInvited {
			for i, q := range tpl.Questions {
				v := 4
				a := core.SurveyAnswer{InvitationID: 2, QuestionID: q.ID, Seq: i + 1, Last: i == len(tpl.Questions)-1, At: clk.t}
				if q.Kind != core.QuestionText {
					a.Value = &v
				}
				if err := st.SaveSurveyAnswer(ctx, a); err != nil {
					t.Fatal(err)
				}
			}
			err := s.RemindNow(ctx, 2, core.AdminActor(1))
			if !errors.As(err, &ce) || ce.Key != "eval.err.answered" {
				t.Errorf("reminder to an employee who answered: err = %v", err)
			}
		} else {
			t.Errorf("wave 2 invitation is %s, want invited", inv2.Status)
		}
	})
}

func contains(s, sub string) bool {
	return len(sub) == 0 || (len(s) >= len(sub) && (s[:len(sub)] == sub || contains(s[1:], sub)))
}

// TestHolidaysComeFromTheStoreAtEveryTick records a public holiday after
// the scheduler started: the invitation due that day waits for the next
// working morning in the employee's zone.
func TestHolidaysComeFromTheStoreAtEveryTick(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		build(t, st, 1, day(2026, 11, 2), core.Permanent, core.Date{})
		clk := &clock{t: time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)}
		cfg := scheduler.Config{Policy: policy(), Clock: clk, Holidays: st.Holidays}
		cfg.Policy.Waves = cfg.Policy.Waves[:1]
		s := scheduler.New(st, cfg)
		if rep, err := s.Tick(ctx); err != nil || rep.Effective != 1 {
			t.Fatalf("effective: %+v, %v", rep, err)
		}
		// Wave 1 is due Wednesday 2 December at 08:00 WIT; HR declares the
		// day a holiday.
		if err := st.SetHoliday(ctx, day(2026, 12, 2), "Cuti bersama"); err != nil {
			t.Fatal(err)
		}
		clk.Set(time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)) // 09:00 WIT on the holiday
		if rep, err := s.Tick(ctx); err != nil || rep.Invited != 0 {
			t.Errorf("invited on a public holiday: %+v, %v", rep, err)
		}
		clk.Set(time.Date(2026, 12, 2, 23, 0, 0, 0, time.UTC)) // 08:00 WIT on Thursday
		if rep, err := s.Tick(ctx); err != nil || rep.Invited != 1 {
			t.Errorf("not invited the next working morning: %+v, %v", rep, err)
		}
	})
}

// TestARoundsChosenTemplateIsUsedForItsWaves chooses a template for the
// round before its transfers take effect: the waves created then use it,
// not the default one.
func TestARoundsChosenTemplateIsUsedForItsWaves(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		w := build(t, st, 1, day(2026, 11, 2), core.Permanent, core.Date{})
		tpl := core.SurveyTemplate{Name: "Survei tenaga kesehatan", Questions: []core.SurveyQuestion{{Kind: core.QuestionYesNo, Text: "Betah?"}}}
		if err := st.CreateSurveyTemplate(ctx, &tpl); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SetRoundSurveyTemplate(ctx, w.round.ID, tpl.ID); err != nil {
			t.Fatal(err)
		}
		clk := &clock{t: time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)}
		if rep, err := scheduler.New(st, scheduler.Config{Policy: policy(), Clock: clk}).Tick(ctx); err != nil || rep.Effective != 1 {
			t.Fatalf("tick: %+v, %v", rep, err)
		}
		waves, err := st.SurveyWaves(ctx, w.round.ID)
		if err != nil || len(waves) != 2 {
			t.Fatalf("waves = %+v, %v", waves, err)
		}
		for _, wv := range waves {
			if wv.TemplateID != tpl.ID {
				t.Errorf("wave %d uses template %d, want the round's %d", wv.Seq, wv.TemplateID, tpl.ID)
			}
		}
	})
}
