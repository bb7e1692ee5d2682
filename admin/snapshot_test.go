package admin

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// dbSnapshot is a copy of the harness's SQLite database taken with VACUUM
// INTO. changed names the tables whose rows differ from the copy, and
// restore puts them back, so that a fuzz target can judge every input
// against the same data and start every input from it.
type dbSnapshot struct {
	h      *harness
	db     *sql.DB
	path   string
	tables []string
}

// snapshot copies the harness's database; it needs the SQLite backend.
func (h *harness) snapshot(tb testing.TB) *dbSnapshot {
	tb.Helper()
	db, err := h.st.DB()
	if err != nil {
		tb.Fatal(err)
	}
	s := &dbSnapshot{h: h, db: db, path: filepath.Join(tb.TempDir(), "snapshot.db")}
	if _, err := db.Exec("VACUUM INTO ?", s.path); err != nil {
		tb.Fatalf("copy the database: %v", err)
	}
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			tb.Fatal(err)
		}
		s.tables = append(s.tables, name)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return s
}

// attached runs fn on one connection with the copy attached as "snap".
func (s *dbSnapshot) attached(tb testing.TB, fn func(ctx context.Context, conn *sql.Conn)) {
	tb.Helper()
	ctx := context.Background()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS snap", s.path); err != nil {
		tb.Fatal(err)
	}
	defer conn.ExecContext(ctx, "DETACH DATABASE snap")
	fn(ctx, conn)
}

// comparedRows selects what changed compares of a table ($t) where not
// every column counts: the dashboard rewrites the day's imbalance figures
// under a new id whenever it recomputes them, so their id and the
// sequence behind it say nothing about a request.
var comparedRows = map[string]string{
	"imbalance_snapshots": "SELECT taken_at, round_id, label, figures FROM $t",
	"sqlite_sequence":     "SELECT * FROM $t WHERE name <> 'imbalance_snapshots'",
}

// changed returns the tables whose rows differ from the copy's.
func (s *dbSnapshot) changed(tb testing.TB) []string {
	tb.Helper()
	var out []string
	s.attached(tb, func(ctx context.Context, conn *sql.Conn) {
		for _, t := range s.tables {
			var n int
			sel := func(db string) string {
				return strings.NewReplacer("$t", db+`."`+t+`"`).Replace(comparedRows[t])
			}
			if comparedRows[t] == "" {
				sel = func(db string) string { return `SELECT * FROM ` + db + `."` + t + `"` }
			}
			q := `SELECT (SELECT COUNT(*) FROM (` + sel("main") + ` EXCEPT ` + sel("snap") + `))
				+ (SELECT COUNT(*) FROM (` + sel("snap") + ` EXCEPT ` + sel("main") + `))`
			if err := conn.QueryRowContext(ctx, q).Scan(&n); err != nil {
				tb.Fatalf("compare %s: %v", t, err)
			}
			if n > 0 {
				out = append(out, t)
			}
		}
	})
	return out
}

// restore puts the rows of the changed tables back as the copy has them,
// in one transaction, and drops the panel's cached figures.
func (s *dbSnapshot) restore(tb testing.TB) {
	tb.Helper()
	tables := s.changed(tb)
	if len(tables) == 0 {
		return
	}
	// The sequences last: putting rows back with their ids moves them.
	if i := slices.Index(tables, "sqlite_sequence"); i >= 0 {
		tables = append(slices.Delete(tables, i, i+1), "sqlite_sequence")
	}
	s.attached(tb, func(ctx context.Context, conn *sql.Conn) {
		// Foreign keys off: the copy is consistent as a whole, and a
		// cascade must not touch rows while they are put back.
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			tb.Fatal(err)
		}
		defer conn.ExecContext(ctx, "PRAGMA foreign_keys = ON")
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			tb.Fatal(err)
		}
		defer tx.Rollback()
		for _, t := range tables {
			if _, err := tx.ExecContext(ctx, `DELETE FROM main."`+t+`"`); err != nil {
				tb.Fatalf("restore %s: %v", t, err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO main."`+t+`" SELECT * FROM snap."`+t+`"`); err != nil {
				tb.Fatalf("restore %s: %v", t, err)
			}
		}
		if err := tx.Commit(); err != nil {
			tb.Fatal(err)
		}
	})
	s.h.srv.dash.invalidate()
	if left := s.changed(tb); len(left) > 0 {
		tb.Fatalf("restore left %v changed", left)
	}
}
