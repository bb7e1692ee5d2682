package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// lookupCounter is the real store counting the employee lookups the panel
// makes: one by one, and by ids.
type lookupCounter struct {
	Store
	one, many atomic.Int64
}

func (c *lookupCounter) Employee(ctx context.Context, id int64) (core.Employee, error) {
	c.one.Add(1)
	return c.Store.Employee(ctx, id)
}

func (c *lookupCounter) EmployeesByID(ctx context.Context, ids []int64) ([]core.Employee, error) {
	c.many.Add(1)
	return c.Store.EmployeesByID(ctx, ids)
}

// TestRoundListsLoadTheirEmployeesInOneQuery lists an approved round of 12
// transfers through the API, the decree attachment and the unreachable
// list: each shows every employee's name and NIP as stored, and loads the
// employees with one query instead of one per transfer.
func TestRoundListsLoadTheirEmployeesInOneQuery(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b)
		ctx := context.Background()
		from, to := h.pos["J-PKM-A"], h.pos["J-SD-1"]
		approvedAt := h.clock.now
		r := core.Round{Name: "Mutasi Januari 2027", CreatedBy: "admin:1"}
		if err := h.st.CreateRound(ctx, &r); err != nil {
			t.Fatal(err)
		}
		r.Status, r.SKNumber, r.EffectiveDate, r.ApprovedAt = core.RoundApproved, "800/7/2026", core.Date{Year: 2027, Month: 1, Day: 4}, &approvedAt
		if err := h.st.UpdateRound(ctx, &r); err != nil {
			t.Fatal(err)
		}
		type listed struct{ NIP, Name string }
		var all, decreed []listed
		for i := range 12 {
			e := core.Employee{NIP: fmt.Sprintf("19870305201203%d%03d", 1+i%2, i+1), Name: fmt.Sprintf("Pegawai %02d", i+1),
				Golongan: "III/b", PositionID: &from.ID, Active: true}
			if err := h.st.CreateEmployee(ctx, &e); err != nil {
				t.Fatal(err)
			}
			tr := core.Transfer{RoundID: r.ID, EmployeeID: e.ID, FromUnitID: from.UnitID, FromPositionID: from.ID, ToUnitID: to.UnitID, ToPositionID: to.ID}
			if err := h.st.CreateTransfer(ctx, &tr, core.ActorPlanner, ""); err != nil {
				t.Fatal(err)
			}
			steps := []core.TransferStatus{core.TransferAnnounced, core.TransferApproved}
			if i%4 == 3 {
				steps = steps[:1] // still announced: listed, but not in the decree
			} else {
				decreed = append(decreed, listed{e.NIP, e.Name})
			}
			for _, st := range steps {
				ev, err := tr.Transition(st, core.AdminActor(1), time.Now(), "")
				if err != nil {
					t.Fatal(err)
				}
				if err := h.st.SaveTransition(ctx, &tr, ev); err != nil {
					t.Fatal(err)
				}
			}
			all = append(all, listed{e.NIP, e.Name})
		}
		lc := &lookupCounter{Store: h.st}
		srv := New(Deps{Log: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn})), Store: lc,
			Sessions: h.sessions, Clock: h.clock, Sleep: func(context.Context, time.Duration) {}})
		checkLookups := func(what string) {
			t.Helper()
			if one, many := lc.one.Swap(0), lc.many.Swap(0); one != 0 || many != 1 {
				t.Errorf("%s looked employees up %d times one by one and %d times by ids; want 0 and 1", what, one, many)
			}
		}

		req := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/api/v1/rounds/%d/transfers", r.ID), nil)
		req.Header.Set("Authorization", "Bearer "+h.token(core.RoleHR))
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		var answer struct{ Transfers []transferJSON }
		if err := json.Unmarshal(rec.Body.Bytes(), &answer); rec.Code != http.StatusOK || err != nil {
			t.Fatalf("transfers: %d %v %s", rec.Code, err, rec.Body.String())
		}
		var got []listed
		for _, tr := range answer.Transfers {
			got = append(got, listed{tr.NIP, tr.Name})
		}
		if d := cmp.Diff(all, got); d != "" {
			t.Errorf("API transfer list (-want +got):\n%s", d)
		}
		checkLookups("the API transfer list")

		doc, err := srv.decreeDocument(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		got = nil
		for i, row := range doc.Tables[0].Rows {
			if row[0] != fmt.Sprint(i+1) || row[3] != "Penata Muda Tingkat I, III/b" || row[6] != "4 Januari 2027" {
				t.Errorf("decree row %d = %q", i+1, row)
			}
			got = append(got, listed{row[2], row[1]})
		}
		if d := cmp.Diff(decreed, got); d != "" {
			t.Errorf("decree rows (-want +got):\n%s", d)
		}
		checkLookups("the decree")

		rows, err := srv.unreachableList(ctx, r, scope{all: true})
		if err != nil {
			t.Fatal(err)
		}
		got = nil
		for _, row := range rows {
			if row.Why != "not_linked" {
				t.Errorf("%s is unreachable because %q, want not_linked", row.Employee.Name, row.Why)
			}
			got = append(got, listed{row.Employee.NIP, row.Employee.Name})
		}
		if d := cmp.Diff(all, got); d != "" {
			t.Errorf("unreachable list (-want +got):\n%s", d)
		}
		checkLookups("the unreachable list")
	})
}

// BenchmarkRoundTransferList2000 answers the API's transfer list of a
// round of 2,000 transfers and reports the time per request and the
// employee lookups it made. SQLite always; MariaDB when
// SEIMBANG_TEST_MYSQL_DSN is set.
func BenchmarkRoundTransferList2000(b *testing.B) {
	for _, backend := range storetest.Backends(b) {
		b.Run(backend.Name, func(b *testing.B) {
			const n = 2000
			h := newHarness(b, backend)
			ctx := context.Background()
			from, to := h.pos["J-PKM-A"], h.pos["J-SD-1"]
			r := core.Round{Name: "Mutasi Besar", CreatedBy: "admin:1"}
			if err := h.st.CreateRound(ctx, &r); err != nil {
				b.Fatal(err)
			}
			db, err := h.st.DB()
			if err != nil {
				b.Fatal(err)
			}
			created := h.clock.now
			for lo := 0; lo < n; lo += 500 {
				for i := lo; i < min(lo+500, n); i++ {
					id := int64(100 + i)
					if _, err := db.Exec("INSERT INTO employees (id, nip, name, position_id, unit_id, competencies, language, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', 'id', ?, ?, ?)",
						id, fmt.Sprintf("199001%02d2015011%03d", 1+i/999, 1+i%999), fmt.Sprintf("Pegawai %d", i), from.ID, from.UnitID, true, created, created); err != nil {
						b.Fatal(err)
					}
					if _, err := db.Exec("INSERT INTO transfers (round_id, employee_id, from_unit_id, from_position_id, to_unit_id, to_position_id, kind, reason, explanation, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, ?)",
						r.ID, id, from.UnitID, from.ID, to.UnitID, to.ID, string(core.Permanent), string(core.TransferDraft), created, created); err != nil {
						b.Fatal(err)
					}
				}
			}
			lc := &lookupCounter{Store: h.st}
			srv := New(Deps{Log: slog.New(slog.NewTextHandler(testLog{b}, &slog.HandlerOptions{Level: slog.LevelWarn})), Store: lc,
				Sessions: h.sessions, Clock: h.clock, Sleep: func(context.Context, time.Duration) {}})
			token := h.token(core.RoleHR)
			b.ResetTimer()
			for range b.N {
				req := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/api/v1/rounds/%d/transfers", r.ID), nil)
				req.Header.Set("Authorization", "Bearer "+token)
				rec := httptest.NewRecorder()
				srv.Handler().ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("transfers: %d %s", rec.Code, rec.Body.String())
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(lc.one.Load()+lc.many.Load())/float64(b.N), "employee-queries/op")
		})
	}
}
