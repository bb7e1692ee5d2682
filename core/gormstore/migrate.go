package gormstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/seimbang/seimbang/migrations"
)

// MigrationState is one migration and whether it is applied.
type MigrationState struct {
	Version   int64
	Name      string
	Applied   bool
	AppliedAt time.Time
}

// provider returns a goose provider and a function that releases it.
func (s *Store) provider() (*goose.Provider, func(), error) {
	fsys, err := migrations.FS(s.dialect)
	if err != nil {
		return nil, nil, err
	}
	db, err := s.db.DB()
	if err != nil {
		return nil, nil, err
	}
	release := func() {}
	dialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if s.dialect == SQLite {
		raw, err := sql.Open("sqlite3", s.rawDSN)
		if err != nil {
			return nil, nil, err
		}
		db, release = raw, func() { raw.Close() }
	}
	if s.dialect == MySQL {
		dialect = goose.DialectMySQL
		// Several instances may start at once; one migrates, the others wait.
		l, err := lock.NewMySQLTableLocker()
		if err != nil {
			return nil, nil, err
		}
		opts = append(opts, goose.WithLocker(l))
	}
	p, err := goose.NewProvider(dialect, db, fsys, opts...)
	if err != nil {
		release()
		return nil, nil, err
	}
	return p, release, nil
}

// Migrate applies every pending migration and returns how many it applied.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	p, release, err := s.provider()
	if err != nil {
		return 0, fmt.Errorf("migrations: %w", err)
	}
	defer release()
	res, err := p.Up(ctx)
	if err != nil {
		return len(res), fmt.Errorf("apply migrations: %w", err)
	}
	return len(res), nil
}

// MigrationStatus lists every known migration and whether it is applied.
func (s *Store) MigrationStatus(ctx context.Context) ([]MigrationState, error) {
	p, release, err := s.provider()
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	defer release()
	st, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("migration status: %w", err)
	}
	out := make([]MigrationState, len(st))
	for i, m := range st {
		out[i] = MigrationState{
			Version:   m.Source.Version,
			Name:      m.Source.Path,
			Applied:   m.State == goose.StateApplied,
			AppliedAt: m.AppliedAt,
		}
	}
	return out, nil
}
