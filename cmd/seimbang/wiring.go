package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/redisstore"
)

// newLogger returns a JSON logger at the configured level.
func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}

// connect returns the command's logger and its store, opened (and
// migrated when migrate is set) from cfg; the caller closes the store.
func (a *app) connect(ctx context.Context, cfg Config, migrate bool) (*slog.Logger, *gormstore.Store, error) {
	log := newLogger(a.stderr, cfg.LogLevel)
	st, err := openStore(ctx, cfg, log, migrate)
	return log, st, err
}

// openStore connects to the configured database and, when migrate is set,
// applies pending migrations. Errors name the setting to fix.
func openStore(ctx context.Context, cfg Config, log *slog.Logger, migrate bool) (*gormstore.Store, error) {
	st, err := gormstore.Open(ctx, cfg.DBDriver, cfg.DBDSN, log)
	if err != nil {
		return nil, fmt.Errorf("SEIMBANG_DB_DSN: %w", err)
	}
	if !migrate {
		return st, nil
	}
	n, err := st.Migrate(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	if n > 0 {
		log.InfoContext(ctx, "migrations applied", slog.Int("count", n), slog.String("dialect", st.Dialect()))
	}
	return st, nil
}

// openRedis connects to the configured Redis or starts the embedded one.
func openRedis(ctx context.Context, cfg Config, log *slog.Logger) (*redisstore.Conn, error) {
	redisstore.SetLogger(log)
	rc, err := redisstore.Open(ctx, cfg.RedisURL)
	if err != nil {
		return nil, fmt.Errorf("SEIMBANG_REDIS_URL: %w", err)
	}
	if rc.Embedded() {
		log.InfoContext(ctx, "embedded redis started")
	} else if err := rc.Ping(ctx); err != nil {
		log.WarnContext(ctx, "redis not reachable at start; readiness fails until it answers", slog.String("error", err.Error()))
	}
	return rc, nil
}
