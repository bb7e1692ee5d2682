package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"net/http/httptest"
	"slices"
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

// journey is a whole round's world: the panel on the real clock, the
// round fixture's regency, and a real bot with its sender talking to the
// fake Bot API, so that what each employee receives in Telegram can be
// read and the employees can answer with buttons, text and photos.
type journey struct {
	t    *testing.T
	h    *harness
	f    *roundFixture
	fake *telegramtest.Server
	ctx  context.Context
}

func newJourney(t *testing.T, b storetest.Backend) *journey {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	t.Cleanup(cancel)
	h := newHarness(t, b)
	// The bot, the fake Bot API and the panel share the real clock; the
	// harness's sessions are dated by it too.
	h.clock.now = time.Now().UTC()
	j := &journey{t: t, h: h, f: h.roundFixture(), ctx: ctx, fake: telegramtest.New(t, telegramtest.WithAnyChat())}
	h.srv = New(Deps{Log: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn})), Store: h.st,
		Sessions: h.sessions, Clock: core.SystemClock{}, BotUsername: "SeimbangUjiBot", Sleep: func(context.Context, time.Duration) {},
		Files: TelegramFiles{APIURL: j.fake.URL(), Token: j.fake.Token()}})
	h.ts = httptest.NewServer(h.srv.Handler())
	t.Cleanup(h.ts.Close)

	rc, err := redisstore.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rc.Close() })
	state := redisstore.NewBotState(rc)
	cfg := bot.Config{Token: j.fake.Token(), APIURL: j.fake.URL(), Mode: bot.ModePolling, Rate: 25, PollTimeout: time.Second,
		Workers: 4, RecoverAfter: time.Second, RecoverEvery: 200 * time.Millisecond, OutboxPoll: 20 * time.Millisecond,
		RetryBase: 20 * time.Millisecond}
	deps := bot.Deps{Store: h.st, State: state, Limiter: state, Clock: core.SystemClock{},
		Log: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	bt, err := bot.New(cfg, deps)
	if err != nil {
		t.Fatal(err)
	}
	sender, err := bot.NewSender(cfg, deps)
	if err != nil {
		t.Fatal(err)
	}
	rctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _ = bt.Run(rctx) }()
	go func() { defer wg.Done(); _ = sender.Run(rctx) }()
	t.Cleanup(func() { stop(); wg.Wait() })
	return j
}

// user is the employee's Telegram account.
func (j *journey) user(e core.Employee) telegramtest.User {
	j.t.Helper()
	if e.TelegramUserID == nil {
		j.t.Fatalf("%s has no Telegram", e.Name)
	}
	return telegramtest.User{ID: *e.TelegramUserID, FirstName: strings.Fields(e.Name)[0]}
}

// received waits until the bot sent e a message containing every want and
// returns the last such message.
func (j *journey) received(e core.Employee, want ...string) telegramtest.Message {
	j.t.Helper()
	u := j.user(e)
	var found telegramtest.Message
	err := j.fake.Wait(j.ctx, func() bool {
		for _, m := range j.fake.Sent(u.ID) {
			all := true
			for _, w := range want {
				all = all && strings.Contains(m.Text, w)
			}
			if all {
				found = m
			}
		}
		return found.MessageID != 0
	})
	if err != nil {
		var texts []string
		for _, m := range j.fake.Sent(u.ID) {
			texts = append(texts, m.Text)
		}
		j.t.Fatalf("%s received nothing with %q; received:\n%s", e.Name, want, strings.Join(texts, "\n---\n"))
	}
	return found
}

// count counts the messages to e containing want.
func (j *journey) count(e core.Employee, want string) int {
	n := 0
	for _, m := range j.fake.Sent(*e.TelegramUserID) {
		if strings.Contains(m.Text, want) {
			n++
		}
	}
	return n
}

// handled waits until the bot has handled the update.
func (j *journey) handled(up telegramtest.Update) {
	j.t.Helper()
	err := j.fake.Wait(j.ctx, func() bool {
		u, err := j.h.st.InboundUpdate(context.Background(), up.UpdateID)
		return err == nil && u.Status != core.UpdatePending
	})
	if err != nil {
		j.t.Fatalf("update %d not handled: %v", up.UpdateID, err)
	}
}

// press presses the labelled button of m as e and waits for the bot.
func (j *journey) press(e core.Employee, m telegramtest.Message, label string) {
	j.t.Helper()
	bt, ok := m.Button(label)
	if !ok {
		j.t.Fatalf("message %q has no button %q", m.Text, label)
	}
	j.handled(j.fake.PressButton(j.user(e), m.MessageID, bt.CallbackData))
}

// say sends text as e and waits for the bot.
func (j *journey) say(e core.Employee, text string) {
	j.t.Helper()
	j.handled(j.fake.SendText(j.user(e), text))
}

// object files an objection against the notice as e, the way an employee
// does: Ajukan keberatan, a category, the reason, a photo, Kirim. It
// returns the receipt message.
func (j *journey) object(e core.Employee, notice telegramtest.Message, category, reason string, photo []byte) telegramtest.Message {
	j.t.Helper()
	j.press(e, notice, "Ajukan keberatan")
	j.press(e, j.received(e, "pilih kategori"), category)
	j.received(e, "tuliskan alasan")
	j.say(e, reason)
	j.received(e, "dokumen pendukung")
	j.handled(j.fake.SendPhoto(j.user(e), photo, ""))
	confirm := j.received(e, "Periksa kembali keberatan", "Lampiran: 1 berkas")
	j.press(e, confirm, "Kirim")
	return j.received(e, "nomor tanda terima")
}

// employee reloads an employee.
func (j *journey) employee(id int64) core.Employee {
	j.t.Helper()
	e, err := j.h.st.Employee(context.Background(), id)
	if err != nil {
		j.t.Fatal(err)
	}
	return e
}

// deadlineField is a datetime-local value in the panel's zone (WIB),
// hours from now.
func deadlineField(hours int) string {
	return time.Now().Add(time.Duration(hours) * time.Hour).In(core.WIB.Location()).Format("2006-01-02T15:04")
}

// get returns v, failing the test (by panicking) on a store error, which
// these tests do not expect.
func get[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// testPNG is a small photo, as an employee's phone would send.
func testPNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	m := image.NewRGBA(image.Rect(0, 0, 16, 12))
	for x := range 16 {
		m.Set(x, x%12, color.RGBA{200, 30, 30, 255})
	}
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRoundJourneyAPI runs the whole round through the JSON API with the
// employees on a real bot: create, plan, edit a proposal, announce (every
// proposed employee gets the notice), an objection filed in Telegram with
// a photo, the photo fetched through the API, uphold with an answer (the
// employee receives it), a replacement accepted and announced (the
// substitute gets a notice), approve (the decree message), and the decree
// PDF naming everyone approved with their NIPs, and not the employee whose
// objection was upheld.
func TestRoundJourneyAPI(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		j := newJourney(t, b)
		h, f := j.h, j.f
		bg := context.Background()
		hr := h.token(core.RoleHR)
		call := func(method, path, body string, want int, out any) {
			t.Helper()
			rec := h.api(hr, method, path, body)
			if rec.Code != want {
				t.Fatalf("%s %s: %d %s, want %d", method, path, rec.Code, rec.Body.String(), want)
			}
			if out != nil {
				if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
					t.Fatalf("%s %s: %v", method, path, err)
				}
			}
		}
		deadline := time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)
		var r struct {
			ID     int64  `json:"id"`
			Status string `json:"status"`
		}
		call("POST", "/api/v1/rounds", `{"name":"Mutasi API 2027","objection_deadline":"`+deadline+`","effective_date":"2027-01-04"}`, 201, &r)
		rid := itoa(r.ID)
		call("POST", "/api/v1/rounds/"+rid+"/plan", "", 200, nil)
		var list struct {
			Transfers []transferJSON `json:"transfers"`
		}
		call("GET", "/api/v1/rounds/"+rid+"/transfers", "", 200, &list)
		var edited, objected transferJSON
		for _, tr := range list.Transfers {
			switch {
			case tr.To.PositionCode == f.hulu.Code && edited.ID == 0:
				edited = tr
			case tr.From.PositionCode == f.surplusNurse.Code && objected.ID == 0 && tr.NIP != f.unlinked.NIP:
				objected = tr
			}
		}
		if edited.ID == 0 || objected.ID == 0 {
			t.Fatalf("proposals %+v: want nurses for Puskesmas Hulu", list.Transfers)
		}
		call("PATCH", "/api/v1/transfers/"+itoa(edited.ID), `{"action":"edit","to_position_code":"`+f.pustu.Code+`","reason":"Pustu belum memiliki perawat"}`, 200, nil)
		call("POST", "/api/v1/rounds/"+rid+"/announce", "", 200, nil)
		call("GET", "/api/v1/rounds/"+rid+"/transfers", "", 200, &list)
		objector := get(h.st.EmployeeByNIP(bg, objected.NIP))
		var notice telegramtest.Message
		for _, tr := range list.Transfers {
			e := get(h.st.EmployeeByNIP(bg, tr.NIP))
			if tr.Status != "announced" || e.TelegramUserID == nil {
				continue
			}
			m := j.received(e, "Pemberitahuan mutasi:", tr.To.Position, tr.To.Unit, "4 Januari 2027")
			if e.ID == objector.ID {
				notice = m
			}
		}
		j.received(get(h.st.EmployeeByNIP(bg, edited.NIP)), "Perawat Pustu")

		photo := testPNG(t)
		receipt := j.object(objector, notice, "Kesehatan", "Saya menjalani terapi rutin di RSUD kota.", photo)
		var inbox struct {
			Objections []objectionJSON `json:"objections"`
		}
		call("GET", "/api/v1/objections?status=pending&round="+rid, "", 200, &inbox)
		if len(inbox.Objections) != 1 || !strings.Contains(receipt.Text, inbox.Objections[0].Receipt) {
			t.Fatalf("inbox %+v, receipt %q", inbox, receipt.Text)
		}
		o := inbox.Objections[0]
		if o.Category != "health" || o.Employee.NIP != objector.NIP || o.Transfer.ID != objected.ID || len(o.Attachments) != 1 ||
			o.Transfer.From.PositionLoad == nil || o.Transfer.To.UnitLoad == nil {
			t.Errorf("the objection as HR reads it: %+v", o)
		}
		rec := h.api(hr, "GET", o.Attachments[0].URL, "")
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/png" || !bytes.Equal(rec.Body.Bytes(), photo) {
			t.Errorf("the photo through the API: %d %s", rec.Code, rec.Header().Get("Content-Type"))
		}
		oid := itoa(o.ID)
		if rec := h.api(h.token(core.RoleAuditor), "POST", "/api/v1/objections/"+oid+"/decision", `{"decision":"upheld","answer":"x"}`); rec.Code != 403 {
			t.Errorf("the auditor decided: %d", rec.Code)
		}
		call("POST", "/api/v1/objections/"+oid+"/decision", `{"decision":"upheld","answer":"Dikabulkan: terapi Anda di RSUD kota tidak boleh terputus."}`, 200, nil)
		j.received(objector, "dikabulkan", o.Receipt, "terapi Anda di RSUD kota")

		var withRepl objectionJSON
		call("POST", "/api/v1/objections/"+oid+"/replacement", "", 201, &withRepl)
		if withRepl.Replacement == nil || withRepl.Replacement.Status != "proposed" ||
			withRepl.Replacement.Transfer.To.PositionCode != o.Transfer.To.PositionCode || withRepl.Replacement.Employee.NIP == objector.NIP {
			t.Fatalf("replacement %+v", withRepl.Replacement)
		}
		call("POST", "/api/v1/objections/"+oid+"/replacement/review", `{"action":"accept"}`, 200, nil)
		call("POST", "/api/v1/rounds/"+rid+"/announce", "", 200, nil)
		substitute := get(h.st.EmployeeByNIP(bg, withRepl.Replacement.Employee.NIP))
		if substitute.TelegramUserID != nil {
			j.received(substitute, "Pemberitahuan mutasi:", withRepl.Replacement.Transfer.To.Position)
		}
		call("POST", "/api/v1/rounds/"+rid+"/approve", `{"sk_number":"800/77/BKPSDM/2026","effective_date":"2027-01-04"}`, 200, nil)
		approved := get(h.st.Transfers(bg, core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{core.TransferApproved}}))
		if !slices.ContainsFunc(approved, func(tr core.Transfer) bool { return tr.ID == withRepl.Replacement.Transfer.ID }) {
			t.Error("the accepted replacement is not in the decree")
		}
		for _, tr := range approved {
			if e := j.employee(tr.EmployeeID); e.TelegramUserID != nil {
				j.received(e, "Surat Keputusan mutasi telah ditetapkan", "800/77/BKPSDM/2026")
			}
		}
		if n := j.count(objector, "Surat Keputusan mutasi"); n != 0 {
			t.Errorf("the employee whose objection was upheld got %d decree messages", n)
		}
		rec = h.api(hr, "GET", "/api/v1/rounds/"+rid+"/decree.pdf", "")
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/pdf" {
			t.Fatalf("decree PDF: %d", rec.Code)
		}
		text := pdfText(t, rec.Body.Bytes())
		for _, tr := range approved {
			e := j.employee(tr.EmployeeID)
			if !strings.Contains(text, e.Name) || !strings.Contains(text, e.NIP) {
				t.Errorf("the decree PDF lacks %s (NIP %s)", e.Name, e.NIP)
			}
		}
		if strings.Contains(text, objector.NIP) || !strings.Contains(text, "800/77/BKPSDM/2026") {
			t.Error("the decree PDF names the employee whose objection was upheld, or lacks the SK number")
		}
		entries := get(h.st.AuditEntries(bg, core.AuditFilter{Limit: 500}))
		actions := map[string]bool{}
		for _, e := range entries {
			actions[e.Action] = true
		}
		for _, a := range []string{"round.create", "round.plan", "transfer.edit", "round.announce", "objection.create", "objection.decide",
			"transfer.replacement", "objection.replacement_accept", "round.approve"} {
			if !actions[a] {
				t.Errorf("the audit log lacks %s", a)
			}
		}
	})
}
