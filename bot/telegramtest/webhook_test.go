package telegramtest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// TestWebhookConversation runs the library in webhook mode: the fake posts
// updates to b.WebhookHandler() with the secret header.
func TestWebhookConversation(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	b, _ := newBot(t, fake, tgbot.WithWebhookSecretToken("rahasia-1"), tgbot.WithDefaultHandler(echoHandler))
	hook := httptest.NewServer(b.WebhookHandler())
	t.Cleanup(hook.Close)
	run(t, b.StartWebhook)

	ok, err := b.SetWebhook(ctx, &tgbot.SetWebhookParams{URL: hook.URL + "/telegram/webhook", SecretToken: "rahasia-1"})
	if err != nil || !ok {
		t.Fatalf("setWebhook = %v, %v", ok, err)
	}
	fake.SendText(alice, "halo")
	msgs, err := fake.WaitSent(ctx, alice.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	press := fake.PressButton(alice, msgs[0].MessageID, "obj:1")
	// The library answers the webhook 200 once the update is queued, so the
	// bot's answer may arrive before the fake sees the delivery succeed.
	err = fake.Wait(ctx, func() bool {
		_, ok := fake.CallbackAnswer(press.CallbackQuery.ID)
		return ok && fake.Stats().WebhookDeliveries == 2
	})
	if err != nil {
		t.Fatal(err)
	}

	info, err := b.GetWebhookInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.URL != hook.URL+"/telegram/webhook" || info.PendingUpdateCount != 0 || info.MaxConnections != 40 {
		t.Errorf("webhook info = %+v", info)
	}
	if st := fake.Stats(); st.WebhookDeliveries != 2 || st.WebhookFailures != 0 {
		t.Errorf("stats = %+v", st)
	}

	code, a := callJSON(t, ctx, fake, "getUpdates", map[string]any{})
	if code != http.StatusConflict || !strings.Contains(a.Description, "can't use getUpdates method while webhook is active") {
		t.Errorf("getUpdates with a webhook: %d %s", code, a.Description)
	}
}

// TestWebhookRetries checks that an update the webhook does not accept is
// posted again until it answers 2xx, with the secret header each time.
func TestWebhookRetries(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	var mu sync.Mutex
	var secrets []string
	var bodies []Update
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		raw, _ := io.ReadAll(r.Body)
		var u Update
		_ = json.Unmarshal(raw, &u)
		secrets = append(secrets, r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		bodies = append(bodies, u)
		if len(bodies) <= 2 {
			http.Error(w, "db down", http.StatusInternalServerError)
		}
	}))
	t.Cleanup(hook.Close)

	code, a := callJSON(t, ctx, fake, "setWebhook", map[string]any{"url": hook.URL, "secret_token": "s3cret", "max_connections": 1})
	if code != http.StatusOK {
		t.Fatalf("setWebhook: %d %s", code, a.Description)
	}
	u := fake.SendText(alice, "halo")
	err := fake.Wait(ctx, func() bool { return fake.Stats().WebhookDeliveries == 1 })
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(bodies) != 3 {
		t.Fatalf("posted %d times, want 3", len(bodies))
	}
	for i, body := range bodies {
		if body.UpdateID != u.UpdateID || body.Message == nil || body.Message.Text != "halo" || secrets[i] != "s3cret" {
			t.Errorf("post %d: update %+v, secret %q", i, body, secrets[i])
		}
	}
	info := fake.WebhookInfo()
	if info.LastErrorMessage != "Wrong response from the webhook: 500 Internal Server Error" || info.LastErrorDate == 0 || info.PendingUpdateCount != 0 {
		t.Errorf("webhook info = %+v", info)
	}
	if st := fake.Stats(); st.WebhookFailures != 2 {
		t.Errorf("failures = %d, want 2", st.WebhookFailures)
	}
}

// TestLibraryWebhookAcceptsWrongSecret documents that the library's
// WebhookHandler answers 200 to a request with a wrong secret and drops
// the update (webhook_handler.go): Telegram then considers it delivered.
func TestLibraryWebhookAcceptsWrongSecret(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	handled := make(chan struct{}, 1)
	b, log := newBot(t, fake, tgbot.WithWebhookSecretToken("the-right-one"),
		tgbot.WithDefaultHandler(func(context.Context, *tgbot.Bot, *models.Update) { handled <- struct{}{} }))
	hook := httptest.NewServer(b.WebhookHandler())
	t.Cleanup(hook.Close)
	run(t, b.StartWebhook)

	if _, err := b.SetWebhook(ctx, &tgbot.SetWebhookParams{URL: hook.URL, SecretToken: "a-wrong-one"}); err != nil {
		t.Fatal(err)
	}
	fake.SendText(alice, "halo")
	if err := fake.Wait(ctx, func() bool { return fake.Stats().WebhookDeliveries == 1 }); err != nil {
		t.Fatal(err)
	}
	select {
	case <-handled:
		t.Error("the handler ran for an update with a wrong secret")
	default:
	}
	if errs := log.all(); len(errs) != 1 || !strings.Contains(errs[0].Error(), "invalid webhook secret token") {
		t.Errorf("library errors = %v", errs)
	}
	if fake.Pending() != 0 {
		t.Errorf("the dropped update is still pending")
	}
}

func TestSetWebhookValidation(t *testing.T) {
	tests := []struct {
		name    string
		params  map[string]any
		wantErr string
	}{
		{"loopback http", map[string]any{"url": "http://127.0.0.1:1/hook"}, ""},
		{"localhost https", map[string]any{"url": "https://localhost:1/hook", "secret_token": "A-z_09"}, ""},
		{"off the machine", map[string]any{"url": "https://example.com/hook"}, "Bad Request: bad webhook"},
		{"not http", map[string]any{"url": "ftp://127.0.0.1/hook"}, "An HTTPS URL must be provided"},
		{"secret with a space", map[string]any{"url": "http://127.0.0.1:1/", "secret_token": "a b"}, "secret token contains unallowed characters"},
		{"too many connections", map[string]any{"url": "http://127.0.0.1:1/", "max_connections": 101}, "max_connections"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := New(t)
			code, a := callJSON(t, testContext(t), fake, "setWebhook", tt.params)
			if tt.wantErr == "" {
				if code != http.StatusOK {
					t.Errorf("%d %s", code, a.Description)
				}
				return
			}
			if code != http.StatusBadRequest || !strings.Contains(a.Description, tt.wantErr) {
				t.Errorf("got %d %q, want 400 %q", code, a.Description, tt.wantErr)
			}
		})
	}
}

// TestDeleteWebhookKeepsPendingUpdates checks that updates a failing
// webhook never accepted are left for getUpdates after deleteWebhook, and
// dropped with drop_pending_updates.
func TestDeleteWebhookKeepsPendingUpdates(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(hook.Close)
	callJSON(t, ctx, fake, "setWebhook", map[string]any{"url": hook.URL})
	u := fake.SendText(alice, "halo")
	if err := fake.Wait(ctx, func() bool { return fake.Stats().WebhookFailures >= 1 }); err != nil {
		t.Fatal(err)
	}
	callJSON(t, ctx, fake, "deleteWebhook", map[string]any{})
	_, a := callJSON(t, ctx, fake, "getUpdates", map[string]any{})
	if ids := updateIDs(t, a.Result); len(ids) != 1 || ids[0] != u.UpdateID {
		t.Errorf("getUpdates after deleteWebhook = %v", ids)
	}
	callJSON(t, ctx, fake, "deleteWebhook", map[string]any{"drop_pending_updates": true})
	if fake.Pending() != 0 {
		t.Errorf("pending = %d after drop_pending_updates", fake.Pending())
	}
}
