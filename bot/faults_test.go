package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seimbang/seimbang/bot"
	"github.com/seimbang/seimbang/bot/telegramtest"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// sqliteOnly returns the SQLite backend, for flow tests whose subject is
// the conversation rather than the database; the fault tests and the main
// flows run on every backend.
func sqliteOnly(t testing.TB) storetest.Backend {
	t.Helper()
	return storetest.Backends(t)[0]
}

// TestWebhookChecksSecretAndSavesFirst checks the webhook handler: 401
// without the right secret (the library alone answers 200), 400 for a body
// that is not an update, and a redelivered update applied once.
func TestWebhookChecksSecretAndSavesFirst(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModeWebhook)
		h.linkAni(userAni)
		post := func(secret string, body []byte) int {
			req, _ := http.NewRequest(http.MethodPost, h.hook.URL+bot.WebhookPath, bytes.NewReader(body))
			if secret != "" {
				req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		up := telegramtest.Update{UpdateID: 777001, Message: &telegramtest.Message{MessageID: 99,
			From: &telegramtest.User{ID: userAni.ID, FirstName: "Ani"}, Chat: telegramtest.Chat{ID: userAni.ID, Type: "private"},
			Date: time.Now().Unix(), Text: "Bantuan"}}
		body, _ := json.Marshal(up)
		if code := post("", body); code != http.StatusUnauthorized {
			t.Errorf("no secret: %d, want 401", code)
		}
		if code := post("salah", body); code != http.StatusUnauthorized {
			t.Errorf("wrong secret: %d, want 401", code)
		}
		if _, err := h.st.InboundUpdate(context.Background(), 777001); err == nil {
			t.Error("an update with a wrong secret was stored")
		}
		if code := post(h.cfg.WebhookSecret, []byte(`{"hello":1}`)); code != http.StatusBadRequest {
			t.Errorf("not an update: %d, want 400", code)
		}
		before := h.countText(userAni, "Mutasi Saya: pemberitahuan")
		for range 3 { // Telegram redelivers when it missed our 200
			if code := post(h.cfg.WebhookSecret, body); code != http.StatusOK {
				t.Fatalf("right secret: %d, want 200", code)
			}
		}
		h.waitDone(777001)
		h.waitText(userAni, "Mutasi Saya: pemberitahuan")
		// Let any duplicate run its course, then count: one answer only.
		h.say(userAni, "/menu")
		h.waitText(userAni, "Selamat datang, Ani")
		if n := h.countText(userAni, "Mutasi Saya: pemberitahuan") - before; n != 1 {
			t.Errorf("redelivered update answered %d times, want 1", n)
		}
	})
}

// panicStore makes one store method panic for one Telegram user.
type panicStore struct {
	bot.Store
	userID int64
}

func (p panicStore) EmployeeByTelegram(ctx context.Context, id int64) (core.Employee, error) {
	if id == p.userID {
		panic("store exploded")
	}
	return p.Store.EmployeeByTelegram(ctx, id)
}

// TestHandlerPanicApologises checks that a panicking handler neither kills
// the bot nor loses its update: the user gets a polite error, the update is
// marked failed, and other users are served.
func TestHandlerPanicApologises(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		for _, mode := range []string{bot.ModePolling, bot.ModeWebhook} {
			t.Run(mode, func(t *testing.T) {
				h := newHarness(t, b, mode, withStore(func(s bot.Store) bot.Store {
					return panicStore{Store: s, userID: userEve.ID}
				}))
				up := h.fake.SendText(userEve, "/start")
				h.waitDone(up.UpdateID)
				u, _ := h.st.InboundUpdate(context.Background(), up.UpdateID)
				if u.Status != core.UpdateFailed || !strings.Contains(u.Error, "store exploded") {
					t.Errorf("update = %s %q", u.Status, u.Error)
				}
				// The apology is in the language of Eve's Telegram client.
				h.waitText(userEve, "something went wrong")
				h.linkAni(userAni)
			})
		}
	})
}

// TestRestartFinishesPendingUpdates checks that an update saved but not
// handled before the process stopped is handled after a restart, once.
func TestRestartFinishesPendingUpdates(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModePolling)
		h.stop()
		code := h.linkCode(h.fx.ani)
		h.fake.AddUser(userAni)
		raw, _ := json.Marshal(telegramtest.Update{UpdateID: 555001, Message: &telegramtest.Message{MessageID: 1,
			From: &userAni, Chat: telegramtest.Chat{ID: userAni.ID, Type: "private"}, Date: time.Now().Unix(),
			Text: "/start " + code}})
		if _, _, err := h.st.SaveUpdate(context.Background(), 555001, raw, h.clock.Now()); err != nil {
			t.Fatal(err)
		}
		h.start()
		h.waitDone(555001)
		h.waitText(userAni, "telah terhubung")
		if n := h.countText(userAni, "telah terhubung"); n != 1 {
			t.Errorf("greeted %d times", n)
		}
	})
}

// TestConversationLostMidFlow wipes Redis in the middle of an objection:
// the bot says the session ended, saves nothing half-made, and the flow
// starts again cleanly.
func TestConversationLostMidFlow(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModePolling)
		h.linkAni(userAni)
		tr := h.announce(h.fx.ani)
		notice := h.waitText(userAni, "Pemberitahuan mutasi:")
		h.press(userAni, notice, "Ajukan keberatan")
		cats := h.waitText(userAni, "pilih kategori")
		h.press(userAni, cats, "Keluarga")
		h.waitText(userAni, "tuliskan alasan")
		h.flushRedis()
		h.say(userAni, "Anak saya masih kecil.")
		h.waitText(userAni, "sesi isian Anda telah berakhir")
		if obs, _ := h.st.Objections(context.Background(), core.ObjectionFilter{TransferID: tr.ID}); len(obs) != 0 {
			t.Fatalf("objection saved without confirmation: %+v", obs)
		}
		// The category button still works: the flow restarts from there.
		h.press(userAni, cats, "Keluarga")
		h.say(userAni, "Anak saya masih kecil.")
		h.waitText(userAni, "dokumen pendukung")
		h.flushRedis()
		skip := h.fake.Sent(userAni.ID)
		last := skip[len(skip)-1]
		h.press(userAni, last, "Lewati")
		h.waitText(userAni, "Sesi isian Anda telah berakhir")
		if got, _ := h.st.Transfer(context.Background(), tr.ID); got.Status != core.TransferAnnounced {
			t.Errorf("transfer status = %s", got.Status)
		}
	})
}

// TestForgedCallbacks sends callback data no button carried: other
// employees' objects, malformed and oversized data. Nothing changes and
// nothing leaks.
func TestForgedCallbacks(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModePolling)
		ctx := context.Background()
		h.linkAni(userAni)
		h.fake.ShareContact(userBudi, "081211110002", userBudi.ID)
		h.waitText(userBudi, "Budi Santoso")
		trBudi := h.announce(h.fx.budi)
		h.waitText(userBudi, "Pemberitahuan mutasi:")
		inv := h.survey(trBudi, false)
		h.waitText(userBudi, "Survei kepuasan")
		msgID := h.fake.Sent(userAni.ID)[0].MessageID
		for _, data := range []string{
			"ack:" + itoa(trBudi.ID), "det:" + itoa(trBudi.ID), "obj:" + itoa(trBudi.ID),
			"oc:" + itoa(trBudi.ID) + ":health", "ox:" + itoa(trBudi.ID) + ":send",
			"sv:" + itoa(inv), "sa:" + itoa(inv) + ":1_5",
			"ack:0" + itoa(trBudi.ID), "ack:" + itoa(trBudi.ID) + ":x", "ack:-1", "ack:+1", "zzz:1",
			"oc:" + itoa(trBudi.ID) + ":HEALTH", "ack:" + strings.Repeat("9", 60),
		} {
			up := h.pressData(userAni, msgID, data, false)
			ans, ok := h.fake.CallbackAnswer(up.CallbackQuery.ID)
			if !ok || ans.Text == "" {
				t.Errorf("%q: answer %+v %v, want a refusal", data, ans, ok)
			}
		}
		got, _ := h.st.Transfer(ctx, trBudi.ID)
		if got.AcknowledgedAt != nil || got.Status != core.TransferAnnounced {
			t.Errorf("Budi's transfer changed: %+v", got)
		}
		if i, _ := h.st.SurveyInvitation(ctx, inv); i.Progress != 0 {
			t.Errorf("Budi's survey answered by Ani: %+v", i)
		}
		for _, m := range h.fake.Sent(userAni.ID) {
			if strings.Contains(m.Text, "Budi") || strings.Contains(m.Text, "Pertanyaan") {
				t.Errorf("Ani saw %q", m.Text)
			}
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestSenderFaults drives the outbox through Telegram's failures: a 429
// with retry_after, injected 5xx, a user who blocked the bot (403), a
// message Telegram rejects (400), and a notice for an employee who links
// only later. Every message ends sent or failed.
func TestSenderFaults(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModePolling)
		ctx := context.Background()
		h.linkAni(userAni)
		h.fake.ShareContact(userBudi, "081211110002", userBudi.ID)
		h.waitText(userBudi, "Budi Santoso")

		// 5xx twice, then it goes through.
		h.fake.FailNext(2, telegramtest.FaultInternal, "sendMessage")
		h.fake.FailNext(1, telegramtest.FaultBadGateway, "sendMessage")
		h.announce(h.fx.ani)
		h.waitText(userAni, "Pemberitahuan mutasi:")
		h.waitFor("notice sent after 5xx", func() bool {
			ms := h.outbox(h.fx.ani)
			return len(ms) == 1 && ms[0].Status == core.OutboxSent && ms[0].Attempts == 4
		})

		// 403: Budi blocked the bot.
		h.fake.Block(userBudi.ID)
		h.announce(h.fx.budi)
		h.waitFor("notice to Budi failed", func() bool {
			ms := h.outbox(h.fx.budi)
			return len(ms) == 1 && ms[0].Status == core.OutboxFailed
		})
		if ms := h.outbox(h.fx.budi); !strings.Contains(ms[0].Error, "blocked") {
			t.Errorf("403 reason = %q", ms[0].Error)
		}
		if e, _ := h.st.Employee(ctx, h.fx.budi.ID); e.UnreachableAt == nil {
			t.Error("Budi not marked unreachable")
		}

		// 400: a text Telegram cannot parse fails with its reason.
		ani := h.fx.ani.ID
		bad := core.OutboxMessage{DedupKey: "test:bad-html", Kind: core.OutboxKindAnnouncement, EmployeeID: &ani,
			ChatID: userAni.ID, Payload: `{"text":"<b>tidak seimbang"}`}
		if _, err := h.st.Enqueue(ctx, &bad); err != nil {
			t.Fatal(err)
		}
		h.waitFor("bad message failed", func() bool {
			m, _ := h.st.OutboxMessage(ctx, bad.ID)
			return m.Status == core.OutboxFailed && strings.Contains(m.Error, "can't parse entities")
		})

		// A notice for Cici waits until she links, then goes out.
		h.announce(h.fx.cici)
		userCici := telegramtest.User{ID: 5003, FirstName: "Cici"}
		if ms := h.outbox(h.fx.cici); len(ms) != 1 || ms[0].Status != core.OutboxPending || ms[0].ChatID != 0 {
			t.Fatalf("Cici's notice = %+v", ms)
		}
		h.fake.ShareContact(userCici, "+6281211110003", userCici.ID)
		h.waitText(userCici, "Pemberitahuan mutasi:")
	})
}

// TestSenderWaitsRetryAfter sets the fake's global rate below the bot's:
// Telegram answers 429 with retry_after, the sender waits and every notice
// arrives once.
func TestSenderWaitsRetryAfter(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModePolling)
		users := []telegramtest.User{userAni, userBudi}
		h.linkAni(userAni)
		h.fake.ShareContact(userBudi, "081211110002", userBudi.ID)
		h.waitText(userBudi, "Budi Santoso")
		h.fake.SetRates(telegramtest.Rate{PerSecond: 2, Burst: 1}, telegramtest.Rate{})
		h.announce(h.fx.ani)
		h.announce(h.fx.budi)
		for _, u := range users {
			h.waitText(u, "Pemberitahuan mutasi:")
		}
		st := h.fake.Stats()
		if st.TooManyRequests == 0 {
			t.Error("the fake never answered 429; the test proves nothing")
		}
		if st.Duplicates != 0 {
			t.Errorf("%d duplicates", st.Duplicates)
		}
		for _, e := range []core.Employee{h.fx.ani, h.fx.budi} {
			h.waitFor("notice sent", func() bool {
				ms := h.outbox(e)
				return len(ms) == 1 && ms[0].Status == core.OutboxSent
			})
		}
	})
}

// TestPoisonUpdateDoesNotWedge pushes an update the library's types cannot
// decode (an unknown forward origin): it is marked failed and the updates
// after it are handled.
func TestPoisonUpdateDoesNotWedge(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModePolling)
		h.fake.AddUser(userEve)
		id := h.fake.PushRawUpdate(json.RawMessage(`{"message":{"message_id":1,"date":1,"chat":{"id":5666,"type":"private"},
			"from":{"id":5666,"is_bot":false,"first_name":"Eve"},"text":"hi","forward_origin":{"type":"martian","date":1}}}`))
		h.say(userEve, "/start")
		h.waitText(userEve, "not linked")
		h.waitDone(id)
		if u, _ := h.st.InboundUpdate(context.Background(), id); u.Status != core.UpdateFailed {
			t.Errorf("poison update = %+v", u)
		}
	})
}

// TestPollingDeletesWebhook starts polling while a webhook is set, as
// after switching modes: the bot deletes it first and polls.
func TestPollingDeletesWebhook(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModeWebhook)
		h.say(userEve, "/start")
		h.stop()
		h.cfg.Mode = bot.ModePolling
		h.start()
		h.say(userEve, "Help")
		h.waitText(userEve, "This service is for civil servants")
	})
}

// TestLaterNotices sends the decree and a cancellation through the outbox.
func TestLaterNotices(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModePolling)
		ctx := context.Background()
		h.linkAni(userAni)
		tr := h.announce(h.fx.ani)
		h.waitText(userAni, "Pemberitahuan mutasi:")
		h.fx.round.SKNumber = "800/123/BKPSDM/2026"
		if err := h.st.UpdateRound(ctx, &h.fx.round); err != nil {
			t.Fatal(err)
		}
		if err := core.EnqueueDecree(ctx, h.st, tr); err != nil {
			t.Fatal(err)
		}
		decree := h.waitText(userAni, "Surat Keputusan mutasi telah ditetapkan")
		if !strings.Contains(decree.Text, "800/123/BKPSDM/2026") || !strings.Contains(decree.Text, "4 Januari 2027") {
			t.Errorf("decree = %q", decree.Text)
		}
		if err := core.EnqueueCancellation(ctx, h.st, tr, "Formasi <dibatalkan>"); err != nil {
			t.Fatal(err)
		}
		cancel := h.waitText(userAni, "dibatalkan.")
		if !strings.Contains(cancel.Text, "Alasan: Formasi <dibatalkan>") {
			t.Errorf("cancellation = %q", cancel.Text)
		}
	})
}

// TestBlockedBotMarksUnreachable: the my_chat_member update Telegram sends
// when a user blocks the bot marks the employee unreachable for HR.
func TestBlockedBotMarksUnreachable(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModeWebhook)
		h.linkAni(userAni)
		up := h.fake.UserBlocksBot(userAni)
		h.waitDone(up.UpdateID)
		if e, _ := h.st.Employee(context.Background(), h.fx.ani.ID); e.UnreachableAt == nil {
			t.Error("Ani not marked unreachable")
		}
	})
}

// TestAnnouncement sends HR's plain-text announcement, escaped, once.
func TestAnnouncement(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModePolling)
		ctx := context.Background()
		h.linkAni(userAni)
		ani, err := h.st.Employee(ctx, h.fx.ani.ID)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := core.EnqueueAnnouncement(ctx, h.st, ani, 7, "Apel pagi <wajib> pukul 07.30 & berseragam."); err != nil {
				t.Fatal(err)
			}
		}
		m := h.waitText(userAni, "Pengumuman dari BKPSDM")
		if !strings.Contains(m.Text, "Apel pagi <wajib> pukul 07.30 & berseragam.") {
			t.Errorf("announcement = %q", m.Text)
		}
		if n := len(h.outbox(h.fx.ani)); n != 1 {
			t.Errorf("%d outbox rows, want 1", n)
		}
	})
}

// TestRedisDown closes Redis under a running bot: Redis holds nothing
// that cannot be lost, so the menu, buttons and the outbox keep working
// (paced by this instance alone); only linking, which must count its
// attempts, refuses politely.
func TestRedisDown(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModePolling)
		ctx := context.Background()
		h.linkAni(userAni)
		h.rconn.Close()
		tr := h.announce(h.fx.ani)
		notice := h.waitText(userAni, "Pemberitahuan mutasi:")
		h.press(userAni, notice, "Terima")
		h.waitText(userAni, "Tanda terima Anda telah dicatat")
		if got, _ := h.st.Transfer(ctx, tr.ID); got.AcknowledgedAt == nil {
			t.Error("acknowledgement not stored without Redis")
		}
		h.say(userAni, "Mutasi Saya")
		h.waitText(userAni, "Status: diumumkan")
		up := h.fake.SendCommand(userEve, "start", "KODE")
		h.waitDone(up.UpdateID)
		h.waitText(userEve, "try again")
		if n := h.countText(userEve, "no need to send it again"); n != 1 {
			t.Errorf("told %d times that the message will be handled later, want once", n)
		}
	})
}

// TestLinkDuringRedisOutage sends a link code while Redis cannot be
// reached: linking must count its attempts there, so it waits; the
// person is told at once, and only once, that the message is kept and
// will be handled, and once Redis is back the link is made by itself.
func TestLinkDuringRedisOutage(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		var px *cutProxy
		// Retries only when the test moves the clock, so the outage lasts
		// exactly as long as the test says.
		h := newHarness(t, b, bot.ModePolling, withRedisProxy(&px), withConfig(func(c *bot.Config) { c.RecoverAfter = time.Hour }))
		ctx := context.Background()
		code := h.linkCode(h.fx.ani)
		px.setCut(true)
		up := h.fake.SendCommand(userAni, "start", code)
		h.waitText(userAni, "akan diproses otomatis")
		if got, err := h.st.InboundUpdate(ctx, up.UpdateID); err != nil || got.Status != core.UpdatePending {
			t.Fatalf("update during the outage: %+v, %v; want it kept pending", got, err)
		}
		if e, _ := h.st.Employee(ctx, h.fx.ani.ID); e.TelegramUserID != nil {
			t.Fatal("linked without counting the attempt in Redis")
		}
		px.setCut(false)
		h.clock.Advance(2 * time.Hour) // the recovery pass's next round
		h.waitText(userAni, "telah terhubung")
		h.waitDone(up.UpdateID)
		if n := h.countText(userAni, "akan diproses otomatis"); n != 1 {
			t.Errorf("told %d times that the message will be handled, want once", n)
		}
		if n := h.countText(userAni, "coba lagi"); n != 0 {
			t.Errorf("apologised %d times although the link was made", n)
		}
	})
}

// TestTwoSendersShareTheOutbox runs a second sender (another instance) on
// the same database and Redis: no message goes out twice and together
// they keep to the one configured rate.
func TestTwoSendersShareTheOutbox(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModePolling)
		ctx := context.Background()
		const n = 50
		for i := range n {
			u := telegramtest.User{ID: int64(900000 + i)}
			h.fake.AddUser(u)
			m := core.OutboxMessage{DedupKey: "two:" + itoa(int64(i)), Kind: core.OutboxKindAnnouncement, ChatID: u.ID,
				Payload: `{"text":"Pengumuman ` + itoa(int64(i)) + `"}`}
			if _, err := h.st.Enqueue(ctx, &m); err != nil {
				t.Fatal(err)
			}
		}
		cfg := h.cfg
		cfg.Owner = "second-instance"
		second, err := bot.NewSender(cfg, bot.Deps{Store: h.st, State: h.redis, Limiter: h.redis, Clock: h.clock})
		if err != nil {
			t.Fatal(err)
		}
		sctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { defer close(done); _ = second.Run(sctx) }()
		t.Cleanup(func() { cancel(); <-done })
		h.waitFor("all sent", func() bool { return h.fake.Stats().Sent >= n })
		if d := h.fake.Stats().Duplicates; d != 0 {
			t.Errorf("%d duplicates", d)
		}
		var first, last time.Time
		for _, r := range h.fake.Requests() {
			if r.Method == "sendmessage" && r.Status == http.StatusOK {
				if first.IsZero() {
					first = r.Time
				}
				last = r.Time
			}
		}
		if got, want := last.Sub(first), time.Duration(float64(n-1)/h.cfg.Rate*0.9*float64(time.Second)); got < want {
			t.Errorf("%d messages in %v: faster than the shared %.0f/s", n, got, h.cfg.Rate)
		}
		h.waitFor("all rows sent", func() bool {
			return h.count("SELECT COUNT(*) FROM outbox_messages WHERE status = 'sent'") == n
		})
	})
}

// TestTwoInstancesApplyAnUpdateOnce posts one update to two bot instances
// sharing the database and Redis, as a webhook retry landing on another
// instance behind a load balancer does: it is handled once.
func TestTwoInstancesApplyAnUpdateOnce(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModeWebhook)
		h.linkAni(userAni)
		second, err := bot.New(h.cfg, bot.Deps{Store: h.st, State: h.redis, Limiter: h.redis, Clock: h.clock})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); _ = second.Run(ctx) }()
		t.Cleanup(func() { cancel(); <-done })
		hook2 := httptestServer(t, second.WebhookHandler())

		up := telegramtest.Update{UpdateID: 888001, Message: &telegramtest.Message{MessageID: 50,
			From: &telegramtest.User{ID: userAni.ID, FirstName: "Ani"}, Chat: telegramtest.Chat{ID: userAni.ID, Type: "private"},
			Date: time.Now().Unix(), Text: "Privasi"}}
		body, _ := json.Marshal(up)
		var wg sync.WaitGroup
		for _, url := range []string{h.hook.URL, hook2, h.hook.URL, hook2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req, _ := http.NewRequest(http.MethodPost, url+bot.WebhookPath, bytes.NewReader(body))
				req.Header.Set("X-Telegram-Bot-Api-Secret-Token", h.cfg.WebhookSecret)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Errorf("POST %s: %d", url, resp.StatusCode)
				}
			}()
		}
		wg.Wait()
		h.waitDone(888001)
		h.say(userAni, "/menu")
		h.waitText(userAni, "Selamat datang, Ani")
		if n := h.countText(userAni, "Pelindungan data pribadi"); n != 1 {
			t.Errorf("update answered %d times, want 1", n)
		}
	})
}

// httptestServer serves handler at bot.WebhookPath until the test ends.
func httptestServer(t *testing.T, handler http.Handler) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(bot.WebhookPath, handler)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// refusingStore refuses to save any batch of updates holding the update
// bad, and holds every save until open is closed.
type refusingStore struct {
	bot.Store
	bad  int64
	open chan struct{}
}

func (r refusingStore) SaveUpdates(ctx context.Context, ups []core.InboundUpdate) ([]bool, []core.UpdateStatus, error) {
	<-r.open
	for _, u := range ups {
		if u.UpdateID == r.bad {
			return nil, nil, errors.New("database refused the update")
		}
	}
	return r.Store.SaveUpdates(ctx, ups)
}

// TestRefusedUpdateFailsAlone posts updates that are saved in one batch
// with one the database refuses: only that one is answered 503 (Telegram
// sends it again), the others are saved and handled.
func TestRefusedUpdateFailsAlone(t *testing.T) {
	open := make(chan struct{})
	h := newHarness(t, sqliteOnly(t), bot.ModeWebhook, withStore(func(s bot.Store) bot.Store {
		return refusingStore{Store: s, bad: 999005, open: open}
	}))
	h.fake.AddUser(userEve)
	post := func(id int64) int {
		body, _ := json.Marshal(telegramtest.Update{UpdateID: id, Message: &telegramtest.Message{MessageID: int(id),
			From: &userEve, Chat: telegramtest.Chat{ID: userEve.ID, Type: "private"}, Date: time.Now().Unix(), Text: "Help"}})
		req, _ := http.NewRequest(http.MethodPost, h.hook.URL+bot.WebhookPath, bytes.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", h.cfg.WebhookSecret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	codes := make(map[int64]int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	postAll := func(ids ...int64) {
		for _, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := post(id)
				mu.Lock()
				codes[id] = c
				mu.Unlock()
			}()
		}
	}
	postAll(999001, 999002, 999003, 999004) // one for each saver, held
	time.Sleep(300 * time.Millisecond)
	postAll(999005, 999006, 999007, 999008, 999009) // queued: the next batch
	time.Sleep(300 * time.Millisecond)
	close(open)
	wg.Wait()
	for id := int64(999001); id <= 999009; id++ {
		want := http.StatusOK
		if id == 999005 {
			want = http.StatusServiceUnavailable
		}
		if codes[id] != want {
			t.Errorf("update %d answered %d, want %d", id, codes[id], want)
		}
		switch {
		case codes[id] == http.StatusOK:
			h.waitDone(id)
		case want != http.StatusOK:
			if _, err := h.st.InboundUpdate(context.Background(), id); !errors.Is(err, core.ErrNotFound) {
				t.Errorf("refused update stored: %v", err)
			}
		}
	}
	if n := h.countText(userEve, "This service is for civil servants"); n != 8 {
		t.Errorf("%d answers, want 8", n)
	}
}
