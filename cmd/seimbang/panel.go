package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/seimbang/seimbang/admin"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/redisstore"
)

var _ admin.Store = (*gormstore.Store)(nil)

// withPanel adds to d what the panel and the JSON API need: the database,
// sessions in Redis, Secure cookies behind an https BaseURL, the zone
// times are shown in, the bot's username for deep links, and the Bot API
// client that opens objection attachments (the token stays on the server).
func withPanel(cfg Config, st *gormstore.Store, rc *redisstore.Conn, d admin.Deps) admin.Deps {
	d.Store = st
	d.Sessions = redisstore.NewAdminSessions(rc)
	d.SecureCookies = strings.HasPrefix(strings.ToLower(cfg.BaseURL), "https://")
	d.Location = cfg.TimeZone
	d.TrustedProxies = cfg.TrustedProxies
	d.Place = cfg.DecreePlace
	if cfg.TelegramToken != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		name, err := botUsername(ctx, cfg.TelegramAPIURL, cfg.TelegramToken)
		if err != nil && d.Log != nil {
			d.Log.Warn("bot username unknown; link codes use a placeholder bot name", slog.String("error", err.Error()))
		}
		d.BotUsername = name
		d.Files = admin.TelegramFiles{APIURL: cfg.TelegramAPIURL, Token: cfg.TelegramToken}
	}
	return d
}

// botUsername asks the Bot API who the bot is (getMe). The error never
// carries the token.
func botUsername(ctx context.Context, apiURL, token string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(apiURL, "/")+"/bot"+token+"/getMe", nil)
	if err != nil {
		return "", errBotAPI
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", errBotAPI
	}
	defer resp.Body.Close()
	var me struct {
		OK     bool `json:"ok"`
		Result struct {
			Username string `json:"username"`
		} `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&me); err != nil || !me.OK || me.Result.Username == "" {
		return "", errBotAPI
	}
	return me.Result.Username, nil
}

var errBotAPI = errors.New("getMe on the Telegram Bot API failed")
