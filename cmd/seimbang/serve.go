package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/seimbang/seimbang/admin"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/demo"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/password"
)

// serve runs the panel (and, as they land, the bot and the scheduler)
// until ctx ends, then shuts down in order: stop accepting, finish
// in-flight work, close Redis and the database.
func (a *app) serve(ctx context.Context, args []string) error {
	fs, build := a.flags("serve", "serve [--demo] [options]")
	withDemo := fs.Bool("demo", false, "load the demo regency before serving")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := build()
	if err != nil {
		return err
	}
	log := newLogger(a.stderr, cfg.LogLevel)
	log.InfoContext(ctx, "starting", slog.String("config", cfg.String()))

	st, err := openStore(ctx, cfg, log, true)
	if err != nil {
		return err
	}
	defer st.Close()
	rc, err := openRedis(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer rc.Close()

	if err := a.ensureFirstAdmin(ctx, st, log); err != nil {
		return err
	}
	if *withDemo {
		if err := a.loadDemo(ctx, st, log); err != nil {
			return err
		}
		if cfg.DecreePlace == "" {
			cfg.DecreePlace = demo.Seat
		}
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	tg, err := newTelegram(cfg, st, rc, log, reg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("SEIMBANG_HTTP_ADDR %q: %w", cfg.HTTPAddr, err)
	}
	sched := newScheduler(cfg, st, log)
	srv := admin.New(withPanel(cfg, st, rc, admin.Deps{
		Reminder:        sched,
		Log:             log,
		Registry:        reg,
		ShutdownTimeout: cfg.ShutdownTimeout,
		Mounts:          tg.mounts,
		Checks: []admin.Check{
			{Name: "database", Ping: st.Ping},
			{Name: "redis", Ping: rc.Ping},
		},
	}))
	if cfg.TelegramToken == "" || cfg.TelegramMode == "off" {
		log.InfoContext(ctx, "telegram bot off; outgoing messages wait in the outbox")
	}
	fmt.Fprintln(a.stdout, i18n.T(i18n.ID, "cli.panel_url", panelURL(cfg, ln.Addr())))
	log.InfoContext(ctx, "listening", slog.String("addr", ln.Addr().String()))
	if a.onListen != nil {
		a.onListen(ln.Addr())
	}
	// The long-running parts stop when ctx ends; serve returns when all have.
	parts := []func(context.Context) error{
		func(ctx context.Context) error { return srv.Serve(ctx, ln) },
		sched.Run,
	}
	parts = append(parts, tg.parts...)
	err = runAll(ctx, parts...)
	log.InfoContext(context.WithoutCancel(ctx), "stopped")
	return err
}

// runAll runs every part until ctx ends or one fails, then stops the rest
// and waits for them; it returns the first failure.
func runAll(ctx context.Context, parts ...func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, len(parts))
	for _, p := range parts {
		go func() { errs <- p(ctx) }()
	}
	var first error
	for range parts {
		if err := <-errs; err != nil && first == nil {
			first = err
			cancel()
		}
	}
	return first
}

// panelURL returns the public URL, or a local one built from the listener.
func panelURL(cfg Config, addr net.Addr) string {
	if cfg.BaseURL != "" {
		return cfg.BaseURL
	}
	host, port, _ := net.SplitHostPort(addr.String())
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return "http://" + host + ":" + port
}

// firstAdminEmail is the login of the superadmin created on first start.
const firstAdminEmail = "admin@seimbang.local"

// ensureFirstAdmin creates a superadmin with a generated password when no
// admin user exists, and prints the credentials once to standard output
// (never to the log).
func (a *app) ensureFirstAdmin(ctx context.Context, st *gormstore.Store, log *slog.Logger) error {
	n, err := st.CountAdminUsers(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	pw := password.Generate()
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	u := core.AdminUser{Email: firstAdminEmail, Name: "Administrator", PasswordHash: hash,
		Role: core.RoleSuperadmin, MustChangePassword: true}
	if err := st.CreateAdminUser(ctx, &u); err != nil {
		if errors.Is(err, core.ErrConflict) { // another instance created it first
			return nil
		}
		return err
	}
	if err := st.AppendAudit(ctx, &core.AuditEntry{Actor: core.ActorSystem, Action: "admin_user.create",
		ObjectType: "admin_user", ObjectID: fmt.Sprint(u.ID), After: `{"email":"` + u.Email + `","role":"superadmin"}`,
		Reason: "first start", At: time.Now()}); err != nil {
		return err
	}
	log.InfoContext(ctx, "first superadmin created", slog.String("email", u.Email))
	fmt.Fprintln(a.stdout, i18n.T(i18n.ID, "cli.first_admin", u.Email, pw))
	return nil
}
