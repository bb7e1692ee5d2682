package scheduler_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/scheduler"
)

// dueAt is Wednesday 2 December 2026 09:00 WIB: inside working hours in
// all three zones (10:00 WITA, 11:00 WIT).
var dueAt = time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC)

// seedDueReminders fills an empty, migrated database with n employees
// spread over units in WIB, WITA and WIT, each with an effective transfer
// and a survey invitation sent four days before dueAt and due for its
// first reminder at dueAt. It writes with multi-row inserts so that 100,000
// rows take seconds.
func seedDueReminders(tb testing.TB, st *gormstore.Store, n int) {
	tb.Helper()
	ctx := context.Background()
	positions := nursesIn(tb, st, core.WIB, core.WITA, core.WIT)
	round := core.Round{Name: "Mutasi Oktober", Status: core.RoundApproved, EffectiveDate: day(2026, 10, 1), SKNumber: "800/2/2026", CreatedBy: "admin:1"}
	if err := st.CreateRound(ctx, &round); err != nil {
		tb.Fatal(err)
	}
	tpl, err := scheduler.DefaultTemplate(ctx, st)
	if err != nil {
		tb.Fatal(err)
	}
	wave := core.SurveyWave{RoundID: round.ID, TemplateID: tpl.ID, Seq: 1, After: 720 * time.Hour}
	if err := st.CreateSurveyWave(ctx, &wave); err != nil {
		tb.Fatal(err)
	}
	db, err := st.DB()
	if err != nil {
		tb.Fatal(err)
	}
	created := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	sent, expires := dueAt.Add(-96*time.Hour), dueAt.Add(240*time.Hour)
	const chunk = 1000
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		var emp, tr, inv [][]any
		for i := lo; i < hi; i++ {
			id, z := int64(i+1), i%3
			emp = append(emp, []any{id, fmt.Sprintf("1990010120150%05d", i), fmt.Sprintf("Pegawai %d", i), positions[z].ID, positions[z].UnitID,
				"", int64(1_000_000 + i), "id", true, created, created})
			tr = append(tr, []any{id, round.ID, id, positions[(z+1)%3].UnitID, positions[(z+1)%3].ID, positions[z].UnitID, positions[z].ID,
				string(core.Permanent), "", "", string(core.TransferEffective), created, created})
			inv = append(inv, []any{id, wave.ID, id, id, string(core.InvitationInvited), sent, dueAt, sent, 0, sent, expires, 0, ""})
		}
		insertRows(tb, db, "employees", "id, nip, name, position_id, unit_id, competencies, telegram_user_id, language, active, created_at, updated_at", emp)
		insertRows(tb, db, "transfers", "id, round_id, employee_id, from_unit_id, from_position_id, to_unit_id, to_position_id, kind, reason, explanation, status, created_at, updated_at", tr)
		insertRows(tb, db, "survey_invitations", "id, wave_id, transfer_id, employee_id, status, due_at, next_action_at, invited_at, reminders_sent, last_sent_at, expires_at, progress, lease_owner", inv)
	}
}

func insertRows(tb testing.TB, db *sql.DB, table, columns string, rows [][]any) {
	tb.Helper()
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(rows[0])), ", ") + ")"
	var args []any
	for _, r := range rows {
		args = append(args, r...)
	}
	q := "INSERT INTO " + table + " (" + columns + ") VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", len(rows)), ", ")
	if _, err := db.Exec(q, args...); err != nil {
		tb.Fatalf("seed %s: %v", table, err)
	}
}

// race runs one tick on each scheduler at once, each on its own store
// connection pool, and returns their reports and the wall time.
func race(tb testing.TB, schedulers []*scheduler.Scheduler) ([]scheduler.Report, time.Duration) {
	tb.Helper()
	reps := make([]scheduler.Report, len(schedulers))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, s := range schedulers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			rep, err := s.Tick(context.Background())
			if err != nil {
				tb.Errorf("instance %d: %v", i, err)
			}
			reps[i] = rep
		}()
	}
	began := time.Now()
	close(start)
	wg.Wait()
	return reps, time.Since(began)
}

// reminderFigures counts the reminder messages in the outbox, the dedup
// keys stored more than once, and the invitations whose reminder count is
// not exactly one.
func reminderFigures(tb testing.TB, st *gormstore.Store) (messages, dupKeys, wrong int) {
	tb.Helper()
	db, err := st.DB()
	if err != nil {
		tb.Fatal(err)
	}
	if err := db.QueryRow("SELECT COUNT(*), COUNT(*) - COUNT(DISTINCT dedup_key) FROM outbox_messages WHERE kind = ?",
		core.OutboxKindSurveyRemind).Scan(&messages, &dupKeys); err != nil {
		tb.Fatal(err)
	}
	if err := db.QueryRow("SELECT COUNT(*) FROM survey_invitations WHERE reminders_sent <> 1 OR status <> ?",
		string(core.InvitationInvited)).Scan(&wrong); err != nil {
		tb.Fatal(err)
	}
	return messages, dupKeys, wrong
}

// twoInstances opens a fresh database on b twice, so that each scheduler
// has its own connections, and seeds n due reminders.
func twoInstances(tb testing.TB, b storetest.Backend, n, batch int) (*gormstore.Store, []*scheduler.Scheduler) {
	tb.Helper()
	driver, dsn := b.DSN(tb)
	st1 := storetest.OpenDSN(tb, driver, dsn)
	st2 := storetest.OpenDSN(tb, driver, dsn)
	seedDueReminders(tb, st1, n)
	clk := &clock{t: dueAt}
	cfg := scheduler.Config{Policy: policy(), Clock: clk, Batch: batch}
	return st1, []*scheduler.Scheduler{scheduler.New(st1, cfg), scheduler.New(st2, cfg)}
}

// TestTwoInstancesShareAPileOfDueReminders lets two schedulers with their
// own connections work off 3,000 due reminders at once: every invitation
// gets exactly one reminder, handled by one instance, and on MariaDB both
// instances take part (SKIP LOCKED hands them different pages).
func TestTwoInstancesShareAPileOfDueReminders(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		const n = 3000
		st, ss := twoInstances(t, b, n, 100)
		reps, _ := race(t, ss)
		if got := reps[0].Reminded + reps[1].Reminded; got != n {
			t.Errorf("reminders handled = %d + %d = %d, want %d (each exactly once)", reps[0].Reminded, reps[1].Reminded, got, n)
		}
		if b.Name == gormstore.MySQL && (reps[0].Reminded == 0 || reps[1].Reminded == 0) {
			t.Errorf("one instance did all the work: %d and %d", reps[0].Reminded, reps[1].Reminded)
		}
		messages, dups, wrong := reminderFigures(t, st)
		if messages != n || dups != 0 || wrong != 0 {
			t.Errorf("outbox has %d reminders (%d duplicate keys), %d invitations without exactly one reminder; want %d, 0, 0",
				messages, dups, wrong, n)
		}
		if reps, _ := race(t, ss); reps[0].Reminded+reps[1].Reminded != 0 {
			t.Errorf("a second tick sent reminders again: %+v", reps)
		}
	})
}

// failingStore is the real store with a crash injected after the scheduler
// has built a page's messages and before the page is committed.
type failingStore struct {
	*gormstore.Store
	pages, failAt int
}

var errCrash = errors.New("killed mid-page")

func (f *failingStore) AdvanceSurveyInvitations(ctx context.Context, now time.Time, limit int,
	fn func([]core.DueInvitation) ([]core.SurveyInvitation, []core.OutboxMessage, error)) (int, error) {
	return f.Store.AdvanceSurveyInvitations(ctx, now, limit, func(due []core.DueInvitation) ([]core.SurveyInvitation, []core.OutboxMessage, error) {
		invs, msgs, err := fn(due)
		f.pages++
		if f.pages == f.failAt {
			return nil, nil, errCrash
		}
		return invs, msgs, err
	})
}

// TestACrashMidPageLosesNothingAndSendsNothingTwice stops an instance in
// the middle of its second page: the first page stays done, the second is
// rolled back whole, and the next tick finishes the work exactly once.
func TestACrashMidPageLosesNothingAndSendsNothingTwice(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		const n = 250
		st := b.Open(t)
		seedDueReminders(t, st, n)
		clk := &clock{t: dueAt}
		cfg := scheduler.Config{Policy: policy(), Clock: clk, Batch: 100}
		rep, err := scheduler.New(&failingStore{Store: st, failAt: 2}, cfg).Tick(context.Background())
		if !errors.Is(err, errCrash) || rep.Reminded != 100 {
			t.Fatalf("crashed tick = %+v, %v; want 100 reminders and the crash", rep, err)
		}
		if messages, _, _ := reminderFigures(t, st); messages != 100 {
			t.Errorf("after the crash the outbox has %d reminders, want the first page's 100", messages)
		}
		clk.Set(dueAt.Add(time.Minute))
		rep, err = scheduler.New(st, cfg).Tick(context.Background())
		if err != nil || rep.Reminded != n-100 {
			t.Errorf("restarted tick = %+v, %v; want %d reminders", rep, err, n-100)
		}
		if messages, dups, wrong := reminderFigures(t, st); messages != n || dups != 0 || wrong != 0 {
			t.Errorf("outbox has %d reminders (%d duplicate keys), %d invitations without exactly one; want %d, 0, 0", messages, dups, wrong, n)
		}
	})
}

// BenchmarkDueReminders100k seeds 100,000 survey invitations due for a
// reminder in MariaDB and lets two scheduler instances, each with its own
// connections, claim them and enqueue the reminders. It reports the wall
// time, each instance's share and the duplicates (must be 0). It needs
// SEIMBANG_TEST_MYSQL_DSN; run it with -benchtime=1x.
func BenchmarkDueReminders100k(b *testing.B) {
	var backend storetest.Backend
	for _, bk := range storetest.Backends(b) {
		if bk.Name == gormstore.MySQL {
			backend = bk
		}
	}
	if backend.Name == "" {
		b.Skip(storetest.MySQLEnv + " is not set: this benchmark measures MariaDB")
	}
	const n = 100_000
	for range b.N {
		b.StopTimer()
		seedStart := time.Now()
		st, ss := twoInstances(b, backend, n, 500)
		seeded := time.Since(seedStart)
		b.StartTimer()
		reps, elapsed := race(b, ss)
		b.StopTimer()
		messages, dups, wrong := reminderFigures(b, st)
		handled := reps[0].Reminded + reps[1].Reminded
		b.ReportMetric(elapsed.Seconds(), "s/100k")
		b.ReportMetric(float64(reps[0].Reminded), "instance1")
		b.ReportMetric(float64(reps[1].Reminded), "instance2")
		b.ReportMetric(float64(handled-n+dups), "duplicates")
		b.Logf("seeded %d in %v; enqueued %d reminders in %v (instance 1: %d, instance 2: %d); duplicates %d; invitations not reminded exactly once: %d",
			n, seeded.Round(time.Millisecond), messages, elapsed.Round(time.Millisecond), reps[0].Reminded, reps[1].Reminded, handled-n+dups, wrong)
		if messages != n || dups != 0 || wrong != 0 || handled != n {
			b.Errorf("want %d reminders each enqueued once; got %d messages, %d handled, %d duplicate keys, %d wrong", n, messages, handled, dups, wrong)
		}
		b.StartTimer()
	}
}

// nursesIn creates a health centre in each zone (unit U-<zone>) with one
// nurse position (P-<zone>), returned in the zones' order.
func nursesIn(tb testing.TB, st *gormstore.Store, zones ...core.TimeZone) []core.Position {
	tb.Helper()
	ctx := context.Background()
	positions := make([]core.Position, len(zones))
	for i, z := range zones {
		u := core.Unit{Code: "U-" + string(z), Name: "Unit " + string(z), Kind: core.UnitHealthCentre, TimeZone: z}
		if err := st.CreateUnit(ctx, &u); err != nil {
			tb.Fatal(err)
		}
		positions[i] = core.Position{Code: "P-" + string(z), UnitID: u.ID, Name: "Perawat", Kind: core.Functional, JobFamily: "perawat"}
		if err := st.CreatePosition(ctx, &positions[i]); err != nil {
			tb.Fatal(err)
		}
	}
	return positions
}
