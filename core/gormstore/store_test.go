package gormstore_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/i18n"
)

func ptr[T any](v T) *T { return &v }

// fixture is a small regency: one office with one position.
type fixture struct {
	unit     core.Unit
	position core.Position
}

func seed(t *testing.T, s *gormstore.Store) fixture {
	t.Helper()
	ctx := context.Background()
	u := core.Unit{Code: "DINKES", Name: "Dinas Kesehatan", Kind: core.UnitOffice, TimeZone: core.WITA,
		Lat: ptr(-3.1), Lng: ptr(119.8)}
	if err := s.CreateUnit(ctx, &u); err != nil {
		t.Fatalf("create unit: %v", err)
	}
	p := core.Position{Code: "DINKES-PRW", UnitID: u.ID, Name: "Perawat Terampil", Kind: core.Functional,
		JobFamily: "perawat", MinEducation: "D3", AcceptedFields: []string{"Keperawatan"}, Competencies: []string{"asuhan keperawatan"}}
	if err := s.CreatePosition(ctx, &p); err != nil {
		t.Fatalf("create position: %v", err)
	}
	return fixture{u, p}
}

func employee(nip string, pos core.Position) core.Employee {
	return core.Employee{NIP: nip, Name: "Siti Rahmawati", Golongan: "III/b", PositionID: &pos.ID,
		TMTJabatan: core.Date{Year: 2019, Month: 3, Day: 1}, EducationLevel: "D3", EducationField: "Keperawatan",
		Competencies: []string{"asuhan keperawatan", "imunisasi"}, Performance: "Baik", Phone: "0812-3456-7890",
		HomeLat: ptr(-3.2), HomeLng: ptr(119.9), Active: true}
}

// nipN returns a valid NIP with sequence n.
func nipN(n int) string { return fmt.Sprintf("198503122010012%03d", n%1000) }

var ignoreStamps = cmpopts.IgnoreFields(core.Employee{}, "CreatedAt", "UpdatedAt")

func TestEmployeeCRUD(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		f := seed(t, s)
		e := employee("19850312 201001 2 003", f.position)
		if err := s.CreateEmployee(ctx, &e); err != nil {
			t.Fatalf("create: %v", err)
		}
		got, err := s.EmployeeByNIP(ctx, "198503122010012003")
		if err != nil {
			t.Fatalf("by nip: %v", err)
		}
		want := core.Employee{ID: e.ID, NIP: "198503122010012003", Name: "Siti Rahmawati", Golongan: "III/b",
			PositionID: &f.position.ID, UnitID: &f.unit.ID, TMTJabatan: core.Date{Year: 2019, Month: 3, Day: 1},
			BirthDate: core.Date{Year: 1985, Month: 3, Day: 12}, Gender: core.Female, EducationLevel: "D3",
			EducationField: "Keperawatan", Competencies: []string{"asuhan keperawatan", "imunisasi"}, Performance: "Baik",
			Phone: "+6281234567890", HomeLat: ptr(-3.2), HomeLng: ptr(119.9), Language: "id", Active: true}
		if d := cmp.Diff(want, got, ignoreStamps); d != "" {
			t.Errorf("stored employee differs (-want +got):\n%s", d)
		}

		got.Name = "Siti Rahmawati, S.Kep."
		linked := time.Date(2026, 11, 2, 3, 4, 5, 123456000, time.UTC)
		got.TelegramUserID, got.TelegramLinkedAt = ptr(int64(777001)), &linked
		if err := s.UpdateEmployee(ctx, &got); err != nil {
			t.Fatalf("update: %v", err)
		}
		again, err := s.EmployeeByTelegram(ctx, 777001)
		if err != nil {
			t.Fatalf("by telegram: %v", err)
		}
		if again.Name != "Siti Rahmawati, S.Kep." || !again.TelegramLinkedAt.Equal(linked) {
			t.Errorf("update not kept: name %q linked %v", again.Name, again.TelegramLinkedAt)
		}

		if _, err := s.Employee(ctx, 999999); !errors.Is(err, core.ErrNotFound) {
			t.Errorf("missing employee: err = %v, want ErrNotFound", err)
		}
		missing := core.Employee{ID: 999999, NIP: nipN(9), Name: "Tidak Ada", Active: true}
		if err := s.UpdateEmployee(ctx, &missing); !errors.Is(err, core.ErrNotFound) {
			t.Errorf("update missing employee: err = %v, want ErrNotFound", err)
		}
	})
}

func TestDuplicatesAreClearConflicts(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		f := seed(t, s)
		e1, e2 := employee(nipN(1), f.position), employee(nipN(1), f.position)
		if err := s.CreateEmployee(ctx, &e1); err != nil {
			t.Fatal(err)
		}
		err := s.CreateEmployee(ctx, &e2)
		var ce *core.ConflictError
		if !errors.As(err, &ce) || !errors.Is(err, core.ErrConflict) {
			t.Fatalf("duplicate NIP: err = %v, want a ConflictError", err)
		}
		if msg := ce.Message(i18n.ID); msg != "NIP "+nipN(1)+" sudah terdaftar." {
			t.Errorf("duplicate NIP message = %q", msg)
		}

		u := core.Unit{Code: "dinkes", Name: "Duplikat", Kind: core.UnitOffice}
		if err := s.CreateUnit(ctx, &u); !errors.As(err, &ce) || ce.Field != "kode" {
			t.Errorf("duplicate unit code (other case): err = %v, want a ConflictError on kode", err)
		}

		e3 := employee(nipN(2), f.position)
		e3.TelegramUserID = ptr(int64(5))
		e4 := employee(nipN(3), f.position)
		e4.TelegramUserID = ptr(int64(5))
		if err := s.CreateEmployee(ctx, &e3); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateEmployee(ctx, &e4); !errors.As(err, &ce) || ce.Key != "err.duplicate_telegram" {
			t.Errorf("duplicate Telegram id: err = %v", err)
		}

		bad := employee(nipN(4), f.position)
		bad.PositionID = ptr(int64(424242))
		if err := s.CreateEmployee(ctx, &bad); err == nil {
			t.Error("employee in an unknown position was stored")
		}
	})
}

func TestFailedTransactionLeavesNothing(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		f := seed(t, s)
		existing := employee(nipN(7), f.position)
		if err := s.CreateEmployee(ctx, &existing); err != nil {
			t.Fatal(err)
		}
		err := s.InTx(ctx, func(tx core.Store) error {
			u := core.Unit{Code: "PKM-01", Name: "Puskesmas Satu", Kind: core.UnitHealthCentre}
			if err := tx.CreateUnit(ctx, &u); err != nil {
				return err
			}
			p := core.Position{Code: "PKM-01-PRW", UnitID: u.ID, Name: "Perawat", Kind: core.Functional, JobFamily: "perawat"}
			if err := tx.CreatePosition(ctx, &p); err != nil {
				return err
			}
			ok := employee(nipN(8), p)
			if err := tx.CreateEmployee(ctx, &ok); err != nil {
				return err
			}
			dup := employee(nipN(7), p) // the third write fails
			return tx.CreateEmployee(ctx, &dup)
		})
		if !errors.Is(err, core.ErrConflict) {
			t.Fatalf("transaction err = %v, want the duplicate NIP conflict", err)
		}
		if _, err := s.UnitByCode(ctx, "PKM-01"); !errors.Is(err, core.ErrNotFound) {
			t.Errorf("unit of the failed transaction was kept: %v", err)
		}
		if _, err := s.PositionByCode(ctx, "PKM-01-PRW"); !errors.Is(err, core.ErrNotFound) {
			t.Errorf("position of the failed transaction was kept: %v", err)
		}
		if _, err := s.EmployeeByNIP(ctx, nipN(8)); !errors.Is(err, core.ErrNotFound) {
			t.Errorf("employee of the failed transaction was kept: %v", err)
		}
		if got, err := s.EmployeeByNIP(ctx, nipN(7)); err != nil || got.ID != existing.ID {
			t.Errorf("the employee saved before was lost: %v", err)
		}
	})
}

func TestConcurrentWriters(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		f := seed(t, s)
		const writers = 50
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// Each writer reads, then writes in one transaction: the
				// pattern that fails with SQLITE_BUSY under deferred
				// transactions.
				errs <- s.InTx(ctx, func(tx core.Store) error {
					if _, _, err := tx.Employees(ctx, core.EmployeeFilter{Limit: 1}); err != nil {
						return err
					}
					e := employee(fmt.Sprintf("19900101201501%d%03d", 1+i%2, i+1), f.position)
					if err := tx.CreateEmployee(ctx, &e); err != nil {
						return err
					}
					return tx.AppendAudit(ctx, &core.AuditEntry{Actor: core.ActorSystem, Action: "employee.create",
						ObjectType: "employee", ObjectID: e.NIP})
				})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("writer failed: %v", err)
			}
		}
		_, total, err := s.Employees(ctx, core.EmployeeFilter{})
		if err != nil || total != writers {
			t.Errorf("employees stored = %d (%v), want %d", total, err, writers)
		}
		entries, err := s.AuditEntries(ctx, core.AuditFilter{Limit: 1000})
		if err != nil || len(entries) != writers {
			t.Errorf("audit entries = %d (%v), want %d", len(entries), err, writers)
		}
	})
}

func TestEmployeeSearch(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		f := seed(t, s)
		names := []string{"Andi Saputra", "Budi 100% Santoso", "Citra_Lestari", "Dewi Anggraini"}
		for i, n := range names {
			e := employee(nipN(i+1), f.position)
			e.Name = n
			if err := s.CreateEmployee(ctx, &e); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			query string
			want  []string
		}{
			{"", names},
			{"andi", []string{"Andi Saputra"}},
			{"100%", []string{"Budi 100% Santoso"}},
			{"%", []string{"Budi 100% Santoso"}},
			{"_", []string{"Citra_Lestari"}},
			{nipN(4), []string{"Dewi Anggraini"}},
			{"' OR 1=1 --", nil},
		}
		for _, tt := range tests {
			got, total, err := s.Employees(ctx, core.EmployeeFilter{Query: tt.query})
			if err != nil {
				t.Fatalf("search %q: %v", tt.query, err)
			}
			var gotNames []string
			for _, e := range got {
				gotNames = append(gotNames, e.Name)
			}
			if d := cmp.Diff(tt.want, gotNames); d != "" || total != len(tt.want) {
				t.Errorf("search %q: total %d, names (-want +got):\n%s", tt.query, total, d)
			}
		}
		page, total, err := s.Employees(ctx, core.EmployeeFilter{Sort: "-name", Limit: 2, Offset: 1})
		if err != nil || total != 4 || len(page) != 2 || page[0].Name != "Citra_Lestari" || page[1].Name != "Budi 100% Santoso" {
			t.Errorf("second page sorted by name descending: %v total %d err %v", page, total, err)
		}
	})
}

func TestTransferHistory(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		f := seed(t, s)
		to := core.Unit{Code: "PKM-02", Name: "Puskesmas Dua", Kind: core.UnitHealthCentre, TimeZone: core.WITA}
		if err := s.CreateUnit(ctx, &to); err != nil {
			t.Fatal(err)
		}
		toPos := core.Position{Code: "PKM-02-PRW", UnitID: to.ID, Name: "Perawat", Kind: core.Functional, JobFamily: "perawat"}
		if err := s.CreatePosition(ctx, &toPos); err != nil {
			t.Fatal(err)
		}
		e := employee(nipN(11), f.position)
		if err := s.CreateEmployee(ctx, &e); err != nil {
			t.Fatal(err)
		}
		deadline := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		r := core.Round{Name: "Mutasi Desember 2026", UnitIDs: []int64{f.unit.ID, to.ID}, ObjectionDeadline: &deadline,
			CreatedBy: "admin:1"}
		if err := s.CreateRound(ctx, &r); err != nil {
			t.Fatal(err)
		}
		gotRound, err := s.Round(ctx, r.ID)
		if err != nil || len(gotRound.UnitIDs) != 2 || !gotRound.ObjectionDeadline.Equal(deadline) || gotRound.Status != core.RoundDraft {
			t.Fatalf("round = %+v, %v", gotRound, err)
		}
		tr := core.Transfer{RoundID: r.ID, EmployeeID: e.ID, FromUnitID: f.unit.ID, FromPositionID: f.position.ID,
			ToUnitID: to.ID, ToPositionID: toPos.ID, Reason: "Puskesmas Dua kekurangan perawat", Explanation: `{"gap":2}`}
		if err := s.CreateTransfer(ctx, &tr, core.ActorPlanner, "usulan perencana"); err != nil {
			t.Fatal(err)
		}
		dup := tr
		if err := s.CreateTransfer(ctx, &dup, core.ActorPlanner, ""); !errors.Is(err, core.ErrConflict) {
			t.Errorf("second transfer for one employee in one round: err = %v, want conflict", err)
		}

		at := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
		stale := tr
		ev, err := tr.Transition(core.TransferAnnounced, core.AdminActor(1), at, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveTransition(ctx, &tr, ev); err != nil {
			t.Fatal(err)
		}
		// A second admin acting on the stale copy loses.
		ev2, err := stale.Transition(core.TransferCancelled, core.AdminActor(2), at, "dibatalkan")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveTransition(ctx, &stale, ev2); !errors.Is(err, core.ErrInvalidState) {
			t.Errorf("stale transition: err = %v, want ErrInvalidState", err)
		}
		got, err := s.Transfer(ctx, tr.ID)
		if err != nil || got.Status != core.TransferAnnounced {
			t.Errorf("stored status = %q (%v), want announced", got.Status, err)
		}
		evs, err := s.TransferEvents(ctx, tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []core.TransferEvent{
			{TransferID: tr.ID, To: core.TransferDraft, Actor: core.ActorPlanner, Reason: "usulan perencana"},
			{TransferID: tr.ID, From: core.TransferDraft, To: core.TransferAnnounced, Actor: "admin:1", At: at},
		}
		if d := cmp.Diff(want, evs, cmpopts.IgnoreFields(core.TransferEvent{}, "ID"),
			cmp.Comparer(func(a, b time.Time) bool { return a.IsZero() || b.IsZero() || a.Equal(b) })); d != "" {
			t.Errorf("history (-want +got):\n%s", d)
		}

		o := core.Objection{TransferID: tr.ID, EmployeeID: e.ID, Category: "family", Text: "Anak saya masih bayi.",
			Attachments: []string{"AgACAgUAAxkBAAIB;x"}}
		if err := s.CreateObjection(ctx, &o); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(o.Receipt, "KB-") {
			t.Errorf("receipt = %q", o.Receipt)
		}
		pending, err := s.Objections(ctx, core.ObjectionFilter{Status: core.ObjectionPending, RoundID: r.ID})
		if err != nil || len(pending) != 1 || pending[0].Attachments[0] != "AgACAgUAAxkBAAIB;x" {
			t.Fatalf("pending objections = %+v, %v", pending, err)
		}
		decided := time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)
		o.Status, o.Answer, o.DecidedBy, o.DecidedAt = core.ObjectionRejected, "Kebutuhan unit mendesak.", "admin:1", &decided
		if err := s.DecideObjection(ctx, &o); err != nil {
			t.Fatal(err)
		}
		o.Status = core.ObjectionUpheld
		if err := s.DecideObjection(ctx, &o); !errors.Is(err, core.ErrConflict) {
			t.Errorf("deciding twice: err = %v, want conflict", err)
		}
	})
}

func TestPreferencesReplace(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		f := seed(t, s)
		e := employee(nipN(21), f.position)
		if err := s.CreateEmployee(ctx, &e); err != nil {
			t.Fatal(err)
		}
		p := core.Preference{EmployeeID: e.ID, UnitIDs: []int64{f.unit.ID}, Willingness: core.WillingConditional,
			Family: true, Reason: "dekat rumah orang tua"}
		if err := s.SavePreference(ctx, &p); err != nil {
			t.Fatal(err)
		}
		p.Willingness, p.UnitIDs, p.Family = core.WillingYes, nil, false
		if err := s.SavePreference(ctx, &p); err != nil {
			t.Fatal(err)
		}
		got, err := s.Preference(ctx, e.ID)
		if err != nil || got.Willingness != core.WillingYes || len(got.UnitIDs) != 0 || got.Family {
			t.Errorf("replaced preference = %+v, %v", got, err)
		}
		p.UnitIDs = []int64{f.unit.ID, 987654}
		if err := s.SavePreference(ctx, &p); err == nil {
			t.Error("a preference naming an unknown unit was stored")
		}
		if got, _ := s.Preference(ctx, e.ID); got.Willingness != core.WillingYes {
			t.Error("a failed save lost the previous preference")
		}
	})
}

func TestAccessRecords(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		f := seed(t, s)
		u := core.AdminUser{Email: "Admin@BKPSDM.go.id", PasswordHash: "$2a$10$x", Role: core.RoleSuperadmin}
		if err := s.CreateAdminUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		if got, err := s.AdminUserByEmail(ctx, "admin@bkpsdm.go.id"); err != nil || got.ID != u.ID {
			t.Errorf("by email (other case) = %v, %v", got, err)
		}
		again := core.AdminUser{Email: "admin@bkpsdm.go.id", PasswordHash: "$2a$10$y", Role: core.RoleHR}
		if err := s.CreateAdminUser(ctx, &again); !errors.Is(err, core.ErrConflict) {
			t.Errorf("duplicate email: err = %v", err)
		}
		if n, err := s.CountAdminUsers(ctx); err != nil || n != 1 {
			t.Errorf("admin users = %d, %v", n, err)
		}

		secret := core.NewSecret(20)
		tok := core.APIToken{Name: "SIMPEG sync", Hash: core.HashSecret(secret), Prefix: secret[:6], Role: core.RoleHR, CreatedBy: "cli"}
		if err := s.CreateAPIToken(ctx, &tok); err != nil {
			t.Fatal(err)
		}
		if got, err := s.APITokenByHash(ctx, core.HashSecret(secret)); err != nil || got.Name != "SIMPEG sync" {
			t.Errorf("token by hash = %+v, %v", got, err)
		}
		if _, err := s.APITokenByHash(ctx, core.HashSecret("wrong")); !errors.Is(err, core.ErrNotFound) {
			t.Errorf("unknown token: err = %v", err)
		}

		e := employee(nipN(31), f.position)
		if err := s.CreateEmployee(ctx, &e); err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC()
		code := core.NewSecret(10)
		lc := core.LinkCode{EmployeeID: e.ID, Hash: core.HashSecret(code), ExpiresAt: now.Add(core.LinkCodeTTL), CreatedBy: "admin:1"}
		if err := s.CreateLinkCode(ctx, &lc); err != nil {
			t.Fatal(err)
		}
		expired := core.LinkCode{EmployeeID: e.ID, Hash: core.HashSecret("old"), ExpiresAt: now.Add(-time.Minute), CreatedBy: "admin:1"}
		if err := s.CreateLinkCode(ctx, &expired); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UseLinkCode(ctx, core.HashSecret("old"), now); !errors.Is(err, core.ErrNotFound) {
			t.Errorf("expired code: err = %v, want ErrNotFound", err)
		}
		// Ten callers race for one code: exactly one links.
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got, err := s.UseLinkCode(ctx, core.HashSecret(code), now)
				if err == nil && got.EmployeeID == e.ID {
					mu.Lock()
					wins++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if wins != 1 {
			t.Errorf("one code used %d times, want exactly once", wins)
		}
	})
}

func TestOutboxEnqueueIsIdempotent(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		m := core.OutboxMessage{DedupKey: "notice:transfer:1", Kind: "notice", ChatID: 42, Payload: `{"text":"Halo"}`}
		isNew, err := s.Enqueue(ctx, &m)
		if err != nil || !isNew {
			t.Fatalf("first enqueue = %v, %v", isNew, err)
		}
		m2 := core.OutboxMessage{DedupKey: "notice:transfer:1", Kind: "notice", ChatID: 42, Payload: `{"text":"Halo lagi"}`}
		isNew, err = s.Enqueue(ctx, &m2)
		if err != nil || isNew || m2.ID != m.ID {
			t.Fatalf("second enqueue = %v, id %d, %v; want the first message", isNew, m2.ID, err)
		}
		got, err := s.OutboxMessage(ctx, m.ID)
		if err != nil || got.Payload != `{"text":"Halo"}` || got.Status != core.OutboxPending {
			t.Errorf("stored message = %+v, %v", got, err)
		}
	})
}

func TestTimesKeepOrderAndPrecision(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		base := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		// Entries whose textual forms would sort wrongly without a fixed width.
		offsets := []time.Duration{0, 100 * time.Millisecond, 450 * time.Millisecond, time.Second, 1500 * time.Microsecond}
		for i, d := range offsets {
			at := base.Add(d).In(time.FixedZone("WITA", 8*3600))
			if err := s.AppendAudit(ctx, &core.AuditEntry{At: at, Actor: core.ActorSystem, Action: "x", ObjectID: fmt.Sprint(i)}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.AuditEntries(ctx, core.AuditFilter{Since: base.Add(time.Millisecond), Until: base.Add(time.Second)})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range got {
			ids = append(ids, e.ObjectID)
			if e.At.Location() != time.UTC {
				t.Errorf("time read back in %v, want UTC", e.At.Location())
			}
		}
		if d := cmp.Diff([]string{"4", "2", "1"}, ids); d != "" {
			t.Errorf("entries in [1ms, 1s) (-want +got):\n%s", d)
		}
		if !got[len(got)-1].At.Equal(base.Add(100 * time.Millisecond)) {
			t.Errorf("time precision lost: %v", got[len(got)-1].At)
		}
	})
}

func TestMigrationStatus(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		st, err := s.MigrationStatus(context.Background())
		if err != nil || len(st) == 0 {
			t.Fatalf("status = %v, %v", st, err)
		}
		for _, m := range st {
			if !m.Applied {
				t.Errorf("migration %d not applied after Migrate", m.Version)
			}
		}
		if n, err := s.Migrate(context.Background()); err != nil || n != 0 {
			t.Errorf("second Migrate applied %d, %v; want 0", n, err)
		}
	})
}

// TestTransfersLimit checks that a limited transfer query returns the
// lowest IDs among the selected transfers and no more, so that "is any
// left?" reads one row however large the round.
func TestTransfersLimit(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		f := seed(t, s)
		toPos := core.Position{Code: "DINKES-BDN", UnitID: f.unit.ID, Name: "Bidan", Kind: core.Functional, JobFamily: "bidan"}
		if err := s.CreatePosition(ctx, &toPos); err != nil {
			t.Fatal(err)
		}
		r := core.Round{Name: "Mutasi Desember 2026", UnitIDs: []int64{f.unit.ID}, CreatedBy: "admin:1"}
		if err := s.CreateRound(ctx, &r); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for i := range 4 {
			e := employee(nipN(20+i), f.position)
			if err := s.CreateEmployee(ctx, &e); err != nil {
				t.Fatal(err)
			}
			tr := core.Transfer{RoundID: r.ID, EmployeeID: e.ID, FromUnitID: f.unit.ID, FromPositionID: f.position.ID,
				ToUnitID: f.unit.ID, ToPositionID: toPos.ID}
			if err := s.CreateTransfer(ctx, &tr, core.ActorPlanner, ""); err != nil {
				t.Fatal(err)
			}
			if i > 0 {
				ev, err := tr.Transition(core.TransferAnnounced, core.AdminActor(1), time.Now(), "")
				if err != nil {
					t.Fatal(err)
				}
				if err := s.SaveTransition(ctx, &tr, ev); err != nil {
					t.Fatal(err)
				}
			}
			ids = append(ids, tr.ID)
		}
		announced := []core.TransferStatus{core.TransferAnnounced}
		for _, tc := range []struct {
			name string
			f    core.TransferFilter
			want []int64
		}{
			{"no limit", core.TransferFilter{RoundID: r.ID}, ids},
			{"limit 2", core.TransferFilter{RoundID: r.ID, Limit: 2}, ids[:2]},
			{"limit with status", core.TransferFilter{RoundID: r.ID, Statuses: announced, Limit: 1}, ids[1:2]},
			{"limit above count", core.TransferFilter{RoundID: r.ID, Statuses: announced, Limit: 10}, ids[1:]},
			{"none match", core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{core.TransferApproved}, Limit: 1}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				ts, err := s.Transfers(ctx, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, tr := range ts {
					got = append(got, tr.ID)
				}
				if d := cmp.Diff(tc.want, got); d != "" {
					t.Errorf("transfer ids (-want +got):\n%s", d)
				}
			})
		}
	})
}
