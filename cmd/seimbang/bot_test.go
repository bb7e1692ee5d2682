package main

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/seimbang/seimbang/bot/telegramtest"
)

// TestServeRunsTheBot starts the real serve against a fake Bot API in both
// modes: an unlinked user who writes gets the linking instructions, and in
// webhook mode the panel's address serves the webhook, refusing a request
// without the secret.
func TestServeRunsTheBot(t *testing.T) {
	for _, mode := range []string{"polling", "webhook"} {
		t.Run(mode, func(t *testing.T) {
			fake := telegramtest.New(t)
			env := sqliteEnv(t)
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			addr := ln.Addr().String()
			ln.Close()
			env["SEIMBANG_HTTP_ADDR"] = addr
			env["SEIMBANG_BASE_URL"] = "http://" + addr
			env["SEIMBANG_TELEGRAM_TOKEN"] = fake.Token()
			env["SEIMBANG_TELEGRAM_API_URL"] = fake.URL()
			env["SEIMBANG_TELEGRAM_MODE"] = mode
			env["SEIMBANG_WEBHOOK_SECRET"] = "rahasia_1"
			s := startServe(t, env)

			if mode == "webhook" {
				resp, err := http.Post(s.url+"/telegram/webhook", "application/json", strings.NewReader(`{"update_id":1}`))
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusUnauthorized {
					t.Errorf("webhook without secret: %d, want 401", resp.StatusCode)
				}
			}
			u := telegramtest.User{ID: 8001, FirstName: "Dewi", LanguageCode: "id"}
			fake.SendText(u, "/start")
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			msgs, err := fake.WaitSent(ctx, u.ID, 1)
			if err != nil {
				t.Fatalf("%v\n%s", err, s.stderr.String())
			}
			if !strings.Contains(msgs[0].Text, "belum terhubung") {
				t.Errorf("reply = %q", msgs[0].Text)
			}
			if got := fake.Commands(""); len(got) == 0 {
				t.Error("no command menu set")
			}
			if code, body := s.get(t, "/metrics"); code != http.StatusOK || !strings.Contains(body, "seimbang_bot_updates_total") {
				t.Errorf("/metrics: %d without the bot's metrics", code)
			}
			if strings.Contains(s.stderr.String(), fake.Token()) {
				t.Error("the log contains the bot token")
			}
		})
	}
}
