package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/seimbang/seimbang/bot"
	"github.com/seimbang/seimbang/core"
)

// FuzzText sends arbitrary text through the real bot (polling, the fake
// Bot API, SQLite and Redis) from a linked employee with an announced
// transfer and from a stranger. Every text must be handled without an
// error or panic (which would mark the update failed and apologise) and
// be answered, and the stranger must never be linked by it.
func FuzzText(f *testing.F) {
	for _, s := range []string{"/start", "/start KODE-SALAH", "/start " + strings.Repeat("x", 300), "/menu", "/mutasi",
		"/keberatan", "/preferensi", "/survei", "/bahasa", "/batal", "/bantuan", "/privasi", "/putus", "/START@seimbang_test_bot",
		"Mutasi Saya", "Bantuan", "Preferensi", "Keberatan", "Survei", "Privasi", "Help", "halo", "", " ", "/", "//", "/ start",
		"\u200b", "💥", "\x00", "\xff\xfe", "<b>tebal</b>", "' OR 1=1 --", strings.Repeat("panjang ", 700), "1", "0812-1111-0002"} {
		f.Add(uint8(0), s)
		f.Add(uint8(1), s)
	}
	h := newHarness(f, sqliteOnly(f), bot.ModePolling, withConfig(func(c *bot.Config) { c.UserLimit = 1 << 30 }))
	ctx, cancel := context.WithCancel(context.Background())
	f.Cleanup(cancel)
	h.ctx = ctx // the harness's own deadline is too short for a fuzzing run
	h.linkAni(userAni)
	h.announce(h.fx.ani)
	h.waitText(userAni, "Pemberitahuan mutasi:")
	f.Fuzz(func(t *testing.T, who uint8, text string) {
		h.t = t
		u := userEve
		if who%2 == 0 {
			u = userAni
			if _, err := h.st.EmployeeByTelegram(ctx, userAni.ID); err != nil { // "/putus" unlinked her
				h.say(userAni, "/start "+h.linkCode(h.fx.ani))
			}
		}
		before := len(h.fake.Sent(u.ID))
		up := h.fake.SendText(u, text)
		h.waitDone(up.UpdateID)
		if got, err := h.st.InboundUpdate(ctx, up.UpdateID); err != nil || got.Status != core.UpdateDone {
			t.Fatalf("text %q from %s: update %+v, %v; want handled without error", text, u.FirstName, got, err)
		}
		wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
		defer wcancel()
		if err := h.fake.Wait(wctx, func() bool { return len(h.fake.Sent(u.ID)) > before }); err != nil {
			t.Fatalf("text %q from %s: no answer", text, u.FirstName)
		}
		if e, err := h.st.EmployeeByTelegram(ctx, userEve.ID); err == nil {
			t.Fatalf("text %q linked the stranger to %s", text, e.Name)
		}
	})
}
