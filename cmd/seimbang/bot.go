package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/seimbang/seimbang/admin"
	"github.com/seimbang/seimbang/bot"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/redisstore"
)

var _ bot.Store = (*gormstore.Store)(nil)

// telegram is the bot's share of serve: its long-running parts (the
// receiver and the outbox sender) and, in webhook mode, the webhook handler
// to mount on the panel's address.
type telegram struct {
	parts  []func(context.Context) error
	mounts []admin.Mount
}

// newTelegram builds the bot and the sender from cfg; with no token or
// mode off it builds nothing and outgoing messages wait in the outbox.
// Errors name the setting to fix.
func newTelegram(cfg Config, st *gormstore.Store, rc *redisstore.Conn, log *slog.Logger, reg prometheus.Registerer) (telegram, error) {
	if cfg.TelegramToken == "" || cfg.TelegramMode == bot.ModeOff {
		return telegram{}, nil
	}
	state := redisstore.NewBotState(rc)
	bc := bot.Config{Token: cfg.TelegramToken, APIURL: cfg.TelegramAPIURL, Mode: cfg.TelegramMode,
		Rate: cfg.TelegramRate, WebhookSecret: cfg.WebhookSecret, BaseURL: cfg.BaseURL, Owner: instanceName(cfg)}
	deps := bot.Deps{Store: st, State: state, Limiter: state, Clock: core.SystemClock{},
		Log: log.With(slog.String("part", "bot")), Metrics: reg}
	b, err := bot.New(bc, deps)
	if err != nil {
		return telegram{}, fmt.Errorf("SEIMBANG_TELEGRAM_MODE: %w", err)
	}
	deps.Log = log.With(slog.String("part", "sender"))
	s, err := bot.NewSender(bc, deps)
	if err != nil {
		return telegram{}, fmt.Errorf("SEIMBANG_TELEGRAM_TOKEN: %w", err)
	}
	t := telegram{parts: []func(context.Context) error{b.Run, s.Run}}
	if cfg.TelegramMode == bot.ModeWebhook {
		t.mounts = []admin.Mount{{Method: http.MethodPost, Path: bot.WebhookPath, Handler: b.WebhookHandler()}}
	}
	return t, nil
}

// instanceName names this instance in outbox leases: the host and the
// panel's port, stable across restarts and distinct between instances.
func instanceName(cfg Config) string {
	host, _ := os.Hostname()
	_, port, _ := net.SplitHostPort(cfg.HTTPAddr)
	return host + ":" + port
}
