// Package storetest opens fresh, migrated stores for tests: SQLite always,
// and MariaDB/MySQL when SEIMBANG_TEST_MYSQL_DSN is set. Under CI=true a
// missing MySQL DSN fails the test instead of skipping it.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/seimbang/seimbang/core/gormstore"
)

// MySQLEnv names the variable holding the test server's DSN, e.g.
// root@tcp(127.0.0.1:3306)/seimbang_test. Each test gets its own database
// on that server, named after the DSN's database with a unique suffix.
const MySQLEnv = "SEIMBANG_TEST_MYSQL_DSN"

// Backend is a database a test can run against.
type Backend struct {
	Name string // "sqlite" or "mysql"
	open func(tb testing.TB) (driver, dsn string)
}

// Backends returns SQLite and, when configured, MySQL.
func Backends(tb testing.TB) []Backend {
	tb.Helper()
	bs := []Backend{{Name: gormstore.SQLite, open: sqliteDSN}}
	if os.Getenv(MySQLEnv) != "" {
		bs = append(bs, Backend{Name: gormstore.MySQL, open: MySQLDSN})
	} else if os.Getenv("CI") == "true" {
		tb.Fatalf("%s is not set; under CI=true the MySQL store suite must run", MySQLEnv)
	}
	return bs
}

// Run calls fn once per backend as a subtest.
func Run(t *testing.T, fn func(t *testing.T, b Backend)) {
	t.Helper()
	for _, b := range Backends(t) {
		t.Run(b.Name, func(t *testing.T) { fn(t, b) })
	}
}

// Open returns a fresh, migrated store on b, closed at cleanup.
func (b Backend) Open(tb testing.TB) *gormstore.Store {
	tb.Helper()
	driver, dsn := b.open(tb)
	return OpenDSN(tb, driver, dsn)
}

// DSN returns a fresh, empty database on b as (driver, dsn).
func (b Backend) DSN(tb testing.TB) (string, string) {
	tb.Helper()
	return b.open(tb)
}

// OpenDSN opens and migrates the database at dsn, closed at cleanup.
func OpenDSN(tb testing.TB, driver, dsn string) *gormstore.Store {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := gormstore.Open(ctx, driver, dsn, nil)
	if err != nil {
		tb.Fatalf("open %s store: %v", driver, err)
	}
	tb.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		tb.Fatalf("migrate %s store: %v", driver, err)
	}
	return s
}

func sqliteDSN(tb testing.TB) (string, string) {
	return gormstore.SQLite, filepath.Join(tb.TempDir(), "seimbang.db")
}

var seq atomic.Int64

// MySQLDSN creates an empty database on the test server, dropped at
// cleanup, and returns its DSN.
func MySQLDSN(tb testing.TB) (string, string) {
	tb.Helper()
	cfg, err := gomysql.ParseDSN(os.Getenv(MySQLEnv))
	if err != nil {
		tb.Fatalf("%s: %v", MySQLEnv, err)
	}
	base := cfg.DBName
	if base == "" {
		base = "seimbang_test"
	}
	name := fmt.Sprintf("%s_%d_%d", base, os.Getpid(), seq.Add(1))
	name = strings.ReplaceAll(name, "-", "_")
	server := cfg.Clone()
	server.DBName = ""
	db, err := sql.Open("mysql", server.FormatDSN())
	if err != nil {
		tb.Fatalf("mysql: %v", err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		tb.Fatalf("create test database (is MariaDB running at %s?): %v", server.Addr, err)
	}
	tb.Cleanup(func() {
		db, err := sql.Open("mysql", server.FormatDSN())
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec("DROP DATABASE IF EXISTS `" + name + "`")
	})
	cfg.DBName = name
	return gormstore.MySQL, cfg.FormatDSN()
}
