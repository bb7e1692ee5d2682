package admin

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"net/http/httptest"
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
