package scheduler_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/scheduler"
)

// countingStore is the real store whose transactions count the transfer
// rows they read.
type countingStore struct {
	*gormstore.Store
	rows *atomic.Int64
}

func (c countingStore) InTx(ctx context.Context, fn func(tx core.Store) error) error {
	return c.Store.InTx(ctx, func(tx core.Store) error {
		return fn(countingStore{Store: tx.(*gormstore.Store), rows: c.rows})
	})
}

func (c countingStore) Transfers(ctx context.Context, f core.TransferFilter) ([]core.Transfer, error) {
	ts, err := c.Store.Transfers(ctx, f)
	c.rows.Add(int64(len(ts)))
	return ts, err
}

// seedApprovedRound fills an empty, migrated database with one approved
// round of n transfers due on 1 December 2026 between a WIB and a WIT unit.
func seedApprovedRound(tb testing.TB, st *gormstore.Store, n int) core.Round {
	tb.Helper()
	ctx := context.Background()
	positions := nursesIn(tb, st, core.WIB, core.WIT)
	round := core.Round{Name: "Mutasi Desember", Status: core.RoundApproved, EffectiveDate: day(2026, 12, 1), SKNumber: "800/1/2026", CreatedBy: "admin:1"}
	if err := st.CreateRound(ctx, &round); err != nil {
		tb.Fatal(err)
	}
	db, err := st.DB()
	if err != nil {
		tb.Fatal(err)
	}
	created := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	const chunk = 500
	for lo := 0; lo < n; lo += chunk {
		var emp, tr [][]any
		for i := lo; i < min(lo+chunk, n); i++ {
			id := int64(i + 1)
			emp = append(emp, []any{id, fmt.Sprintf("199001%02d2015011%03d", 1+i/999, 1+i%999), fmt.Sprintf("Pegawai %d", i), positions[0].ID, positions[0].UnitID,
				"", int64(1_000_000 + i), "id", true, created, created})
			tr = append(tr, []any{id, round.ID, id, positions[0].UnitID, positions[0].ID, positions[1].UnitID, positions[1].ID,
				string(core.Permanent), "", "", string(core.TransferApproved), created, created})
		}
		insertRows(tb, db, "employees", "id, nip, name, position_id, unit_id, competencies, telegram_user_id, language, active, created_at, updated_at", emp)
		insertRows(tb, db, "transfers", "id, round_id, employee_id, from_unit_id, from_position_id, to_unit_id, to_position_id, kind, reason, explanation, status, created_at, updated_at", tr)
	}
	return round
}

// takesEffectAt is 1 December 2026 00:00 WIB, when the seeded round has
// begun in both its zones.
var takesEffectAt = time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)

// TestARoundTakingEffectReadsFewTransferRows applies a round of 200
// transfers: deciding after each one whether the round has fully moved
// reads at most one remaining transfer, not all of them (which would be
// 199+198+…+0 = 19,900 rows), and the effective snapshot is recorded once
// the last one moved.
func TestARoundTakingEffectReadsFewTransferRows(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		const n = 200
		st := b.Open(t)
		round := seedApprovedRound(t, st, n)
		var rows atomic.Int64
		s := scheduler.New(countingStore{Store: st, rows: &rows}, scheduler.Config{Policy: policy(), Clock: &clock{t: takesEffectAt}})
		rep, err := s.Tick(context.Background())
		if err != nil || rep.Effective != n {
			t.Fatalf("tick = %+v, %v; want %d transfers effective", rep, err, n)
		}
		if got := rows.Load(); got > n {
			t.Errorf("applying %d transfers read %d transfer rows to find whether the round had moved; want at most %d", n, got, n)
		}
		snaps, err := st.ImbalanceSnapshots(context.Background(), round.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(snaps) != 1 || snaps[0].Label != evaluation.LabelEffective {
			t.Errorf("snapshots after the round moved = %+v, want one %q", snaps, evaluation.LabelEffective)
		}
	})
}

// BenchmarkRoundOf2000TakesEffect applies an approved round of 2,000
// transfers in one tick and reports the wall time and the transfer rows
// read to decide when the round had fully moved. SQLite always; MariaDB
// when SEIMBANG_TEST_MYSQL_DSN is set. Run it with -benchtime=1x.
func BenchmarkRoundOf2000TakesEffect(b *testing.B) {
	for _, backend := range storetest.Backends(b) {
		b.Run(backend.Name, func(b *testing.B) {
			const n = 2000
			for range b.N {
				b.StopTimer()
				st := backend.Open(b)
				seedApprovedRound(b, st, n)
				var rows atomic.Int64
				s := scheduler.New(countingStore{Store: st, rows: &rows}, scheduler.Config{Policy: policy(), Clock: &clock{t: takesEffectAt}})
				b.StartTimer()
				began := time.Now()
				rep, err := s.Tick(context.Background())
				elapsed := time.Since(began)
				b.StopTimer()
				if err != nil || rep.Effective != n {
					b.Fatalf("tick = %+v, %v; want %d effective", rep, err, n)
				}
				b.ReportMetric(elapsed.Seconds(), "s/round")
				b.ReportMetric(float64(rows.Load()), "transfer-rows-read")
				b.StartTimer()
			}
		})
	}
}
