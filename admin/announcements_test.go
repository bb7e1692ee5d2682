package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seimbang/seimbang/bot"
	"github.com/seimbang/seimbang/bot/telegramtest"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/redisstore"
)

// audienceFixture links Siti (PKM-A, under DINKES) and Budi (SD-1) to
// Telegram, and adds to PKM-A an employee without Telegram and one who
// blocked the bot. It returns the chat ids of Siti and Budi.
func audienceFixture(t *testing.T, h *harness) (siti, budi int64) {
	t.Helper()
	ctx := context.Background()
	link := func(e core.Employee, chat int64) {
		e.TelegramUserID = &chat
		if err := h.st.UpdateEmployee(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	link(h.emps["PKM-A"], 7001)
	link(h.emps["SD-1"], 7002)
	pos := h.pos["J-PKM-A"].ID
	for i, nip := range []string{"198702022012012004", "198803032013011005"} {
		e := core.Employee{NIP: nip, Name: []string{"Tanpa Telegram", "Pemblokir Bot"}[i], PositionID: &pos, Active: true}
		if i == 1 {
			chat := int64(7003)
			e.TelegramUserID = &chat
		}
		if err := h.st.CreateEmployee(ctx, &e); err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			at := h.clock.now
			if err := h.st.SetUnreachable(ctx, e.ID, &at); err != nil {
				t.Fatal(err)
			}
		}
	}
	return 7001, 7002
}

// announcementMessages returns the outbox's announcement messages.
func announcementMessages(t *testing.T, h *harness) []core.OutboxMessage {
	t.Helper()
	var out []core.OutboxMessage
	for id := int64(1); ; id++ {
		m, err := h.st.OutboxMessage(context.Background(), id)
		if err != nil {
			return out
		}
		if m.Kind == core.OutboxKindAnnouncement {
			out = append(out, m)
		}
	}
}

func TestAnnouncementPages(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b)
		siti, _ := audienceFixture(t, h)

		if rec := h.as(core.RoleUnit, http.MethodGet, "/announcements", nil); rec.Code != http.StatusForbidden {
			t.Errorf("unit head reads announcements: %d, want 403", rec.Code)
		}
		rec := h.as(core.RoleAuditor, http.MethodGet, "/announcements", nil)
		if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `id="ann-compose"`) {
			t.Errorf("auditor: %d, compose form shown: %v", rec.Code, strings.Contains(rec.Body.String(), `id="ann-compose"`))
		}
		if rec := h.as(core.RoleAuditor, http.MethodPost, "/announcements", url.Values{"text": {"x"}}); rec.Code != http.StatusForbidden {
			t.Errorf("auditor sends: %d, want 403", rec.Code)
		}

		// Bad input: the Indonesian message sits next to the field, nothing is sent.
		for _, c := range []struct{ name, text, unit, want string }{
			{"empty", "   ", "DINKES", `id="e-text" class="field-error">Wajib diisi.`},
			{"too long", strings.Repeat("é", core.MaxAnnouncementRunes+1), "DINKES", "Terlalu panjang (paling banyak 3500 karakter)."},
			{"unknown unit", "Rapat", "NOPE", "Unit dengan kode NOPE tidak ditemukan."},
		} {
			for _, path := range []string{"/announcements/preview", "/announcements"} {
				rec := h.as(core.RoleHR, http.MethodPost, path, url.Values{"text": {c.text}, "unit": {c.unit}})
				if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), c.want) {
					t.Errorf("%s at %s: %d, page lacks %q", c.name, path, rec.Code, c.want)
				}
			}
		}
		if n := len(announcementMessages(t, h)); n != 0 {
			t.Fatalf("invalid announcements enqueued %d messages", n)
		}

		// Preview: who will get it under Dinas Kesehatan (its health centre included).
		text := "Apel pagi <wajib> pukul 07.30 & berseragam."
		rec = h.as(core.RoleHR, http.MethodPost, "/announcements/preview", url.Values{"text": {text}, "unit": {"DINKES"}})
		body := rec.Body.String()
		for _, want := range []string{"akan dikirim kepada 1 pegawai", "1 pegawai belum menautkan Telegram dan 1 pegawai memblokir bot",
			"Apel pagi &lt;wajib&gt; pukul 07.30 &amp; berseragam.", "Kirim kepada 1 pegawai"} {
			if !strings.Contains(body, want) {
				t.Errorf("preview lacks %q", want)
			}
		}
		if n := len(announcementMessages(t, h)); n != 0 {
			t.Fatalf("the preview enqueued %d messages", n)
		}

		rec = h.as(core.RoleHR, http.MethodPost, "/announcements", url.Values{"text": {text}, "unit": {"DINKES"}})
		loc := rec.Header().Get("Location")
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/announcements/") {
			t.Fatalf("send: %d to %q", rec.Code, loc)
		}
		msgs := announcementMessages(t, h)
		if len(msgs) != 1 || msgs[0].ChatID != siti {
			t.Fatalf("outbox = %+v, want one message to Siti", msgs)
		}
		var p core.OutboxPayload
		if err := json.Unmarshal([]byte(msgs[0].Payload), &p); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(p.Text, "Apel pagi &lt;wajib&gt; pukul 07.30 &amp; berseragam.") {
			t.Errorf("message text %q is not the escaped announcement", p.Text)
		}
		entries, err := h.st.AuditEntries(context.Background(), core.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		audited := false
		for _, e := range entries {
			if e.Action == "announcement.create" && e.Actor == core.AdminActor(h.users[core.RoleHR].ID) && strings.Contains(e.After, `"recipients":1`) {
				audited = true
			}
		}
		if !audited {
			t.Error("no audit entry for the announcement")
		}

		// Progress: the page polls while a message waits; htmx gets the counts alone.
		rec = h.as(core.RoleHR, http.MethodGet, loc, nil)
		if body := rec.Body.String(); !strings.Contains(body, `hx-trigger="every 2s"`) || !strings.Contains(body, `id="ann-pending">1<`) {
			t.Errorf("progress page does not poll or lacks the pending count:\n%s", body)
		}
		c, _ := h.session(core.RoleAuditor)
		rec = h.do(http.MethodGet, loc, nil, map[string]string{"HX-Request": "true"}, c)
		if body := rec.Body.String(); rec.Code != http.StatusOK || strings.Contains(body, "<html") || !strings.Contains(body, `id="ann-unreachable">2<`) {
			t.Errorf("htmx progress for the auditor: %d\n%s", rec.Code, body)
		}
		rec = h.as(core.RoleHR, http.MethodGet, "/announcements", nil)
		if body := rec.Body.String(); !strings.Contains(body, "Dinas Kesehatan") || !strings.Contains(body, "Sedang dikirim") {
			t.Errorf("history lacks the announcement")
		}
	})
}

func TestAnnouncementAPI(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b)
		audienceFixture(t, h)
		hr, auditor := h.token(core.RoleHR), h.token(core.RoleAuditor)

		for _, c := range []struct {
			name, body string
			status     int
			field      string
		}{
			{"empty text", `{"text": " "}`, http.StatusUnprocessableEntity, "text"},
			{"too long", fmt.Sprintf(`{"text": %q}`, strings.Repeat("a", 3501)), http.StatusUnprocessableEntity, "text"},
			{"unknown unit", `{"text": "Rapat", "unit_codes": ["NOPE"]}`, http.StatusUnprocessableEntity, "unit_codes"},
			{"unknown field", `{"text": "Rapat", "units": ["DINKES"]}`, http.StatusBadRequest, ""},
		} {
			rec := h.api(hr, http.MethodPost, "/api/v1/announcements", c.body)
			var out struct {
				Error problem `json:"error"`
			}
			json.Unmarshal(rec.Body.Bytes(), &out)
			if rec.Code != c.status || (c.field != "" && out.Error.Fields[c.field] == "") {
				t.Errorf("%s: %d %s", c.name, rec.Code, rec.Body)
			}
		}
		if rec := h.api(auditor, http.MethodPost, "/api/v1/announcements", `{"text": "Rapat"}`); rec.Code != http.StatusForbidden {
			t.Errorf("auditor token sends: %d, want 403", rec.Code)
		}

		rec := h.api(hr, http.MethodPost, "/api/v1/announcements", `{"text": "Mohon perbarui data kepegawaian Anda."}`)
		var got announcementJSON
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != http.StatusAccepted {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		if got.Recipients != 2 || got.Pending != 2 || got.NotLinked != 1 || got.Blocked != 1 || got.Unreachable != 2 || got.Done {
			t.Errorf("all units: %+v; want 2 recipients pending, 1 not linked, 1 blocked", got)
		}
		rec = h.api(auditor, http.MethodGet, fmt.Sprintf("/api/v1/announcements/%d", got.ID), "")
		var again announcementJSON
		if err := json.Unmarshal(rec.Body.Bytes(), &again); err != nil || rec.Code != http.StatusOK || again.Recipients != 2 || again.Text != "Mohon perbarui data kepegawaian Anda." {
			t.Errorf("get as auditor: %d %s", rec.Code, rec.Body)
		}
		if rec := h.api(hr, http.MethodGet, "/api/v1/announcements/999", ""); rec.Code != http.StatusNotFound {
			t.Errorf("unknown announcement: %d", rec.Code)
		}
	})
}

// TestAnnouncementDeliveredByTheBot sends an announcement through the API
// and runs the real outbox sender against the fake Bot API, where Budi
// blocked the bot after the preview: the counts end at one delivered, three
// unreachable (one not linked, one blocked before, Budi blocked during) and
// none failed, and Siti got the text.
func TestAnnouncementDeliveredByTheBot(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b)
		siti, budi := audienceFixture(t, h)
		fake := startSender(t, h)
		fake.Block(budi)
		rec := h.api(h.token(core.RoleHR), http.MethodPost, "/api/v1/announcements", `{"text": "Rapat koordinasi <Senin> pukul 09.00 & wajib hadir."}`)
		var got announcementJSON
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != http.StatusAccepted {
			t.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		deadline := time.Now().Add(30 * time.Second)
		for !got.Done && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
			rec = h.api(h.token(core.RoleAuditor), http.MethodGet, fmt.Sprintf("/api/v1/announcements/%d", got.ID), "")
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
		}
		if !got.Done || got.Delivered != 1 || got.Unreachable != 3 || got.NotLinked != 1 || got.Blocked != 2 || got.Failed != 0 {
			t.Errorf("final counts = %+v; want done, 1 delivered, 3 unreachable (1 not linked, 2 blocked), 0 failed", got)
		}
		sent := fake.Sent(siti)
		if len(sent) != 1 || !strings.Contains(sent[0].Text, "Rapat koordinasi <Senin> pukul 09.00 & wajib hadir.") ||
			!strings.Contains(sent[0].Text, "Pengumuman dari BKPSDM") {
			t.Errorf("Siti received %+v", sent)
		}
		c, _ := h.session(core.RoleHR)
		page := h.do(http.MethodGet, fmt.Sprintf("/announcements/%d", got.ID), nil, map[string]string{"HX-Request": "true"}, c).Body.String()
		if strings.Contains(page, "hx-trigger") || !strings.Contains(page, `id="ann-delivered">1<`) || !strings.Contains(page, "Selesai") {
			t.Errorf("finished progress still polls or lacks the counts:\n%s", page)
		}
	})
}

// startSender runs the bot's real outbox sender on the harness's store
// against a fake Bot API server until the test ends, and returns the
// server.
func startSender(t *testing.T, h *harness) *telegramtest.Server {
	t.Helper()
	fake := telegramtest.New(t, telegramtest.WithAnyChat())
	conn, err := redisstore.Open(context.Background(), os.Getenv("SEIMBANG_TEST_REDIS_URL"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	state := redisstore.NewBotState(conn).WithPrefix("seimbang:ann:" + core.NewSecret(6) + ":")
	sender, err := bot.NewSender(bot.Config{Token: fake.Token(), APIURL: fake.URL(), Rate: 25, OutboxPoll: 20 * time.Millisecond,
		RetryBase: 50 * time.Millisecond}, bot.Deps{Store: h.st, State: state, Limiter: state})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _ = sender.Run(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
	return fake
}

// TestAnnounceWithEmptyCache posts an announcement while the dashboard's
// cache is empty (after a start, or a change): resolving its units must
// not recompute the dashboard inside the announcement's transaction, where
// on SQLite recording the day's figures waits for that very transaction
// (the busy timeout, then a failure in the log).
func TestAnnounceWithEmptyCache(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b)
		var logs strings.Builder
		h.srv.deps.Log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
		tok := h.token(core.RoleHR)
		rec := h.api(tok, http.MethodPost, "/api/v1/announcements", `{"text":"Rapat koordinasi Senin pukul 09.00.","unit_codes":["DINKES"]}`)
		if rec.Code != http.StatusAccepted {
			t.Fatalf("announce: %d %s", rec.Code, rec.Body.String())
		}
		if logs.Len() > 0 {
			t.Errorf("announcing logged:\n%s", logs.String())
		}
	})
}
