package bot_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seimbang/seimbang/bot"
	"github.com/seimbang/seimbang/bot/telegramtest"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// current returns the bot's message msgID to u as it is now (edits
// applied).
func (h *harness) current(u telegramtest.User, msgID int) telegramtest.Message {
	h.t.Helper()
	for _, m := range h.fake.Sent(u.ID) {
		if m.MessageID == msgID {
			return m
		}
	}
	h.t.Fatalf("no message %d to %d", msgID, u.ID)
	return telegramtest.Message{}
}

// TestPreferenceFlow chooses three units from the searchable, paged list,
// then willingness, constraints and a reason, and saves after the
// confirmation.
func TestPreferenceFlow(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		for _, mode := range []string{bot.ModePolling, bot.ModeWebhook} {
			t.Run(mode, func(t *testing.T) { preferenceFlow(t, newHarness(t, b, mode)) })
		}
	})
}

func preferenceFlow(t *testing.T, h *harness) {
	h.linkAni(userAni)
	h.say(userAni, "Preferensi")
	intro := h.waitText(userAni, "belum mengisi preferensi")
	h.press(userAni, intro, "Isi atau ubah preferensi")
	list := h.waitText(userAni, "Pilih hingga 3 unit kerja")
	if n := len(list.ReplyMarkup.InlineKeyboard); n != 9 { // 8 units and the page row
		t.Errorf("first page has %d rows", n)
	}
	h.say(userAni, "harapan")
	search := h.waitText(userAni, "Pencarian \"harapan\": 10 unit")
	h.press(userAni, search, "Berikutnya »")
	page2 := h.current(userAni, search.MessageID)
	h.press(userAni, page2, "SD Negeri 09 Harapan")
	h.press(userAni, h.current(userAni, search.MessageID), "SD Negeri 00 Harapan")
	after := h.current(userAni, search.MessageID)
	if !strings.Contains(after.Text, "1. SD Negeri 09 Harapan") || !strings.Contains(after.Text, "2. SD Negeri 00 Harapan") {
		t.Errorf("chosen list = %q", after.Text)
	}
	h.say(userAni, "sukamaju")
	pkm := h.waitText(userAni, "Pencarian \"sukamaju\": 1 unit")
	h.press(userAni, pkm, "Puskesmas Sukamaju")
	will := h.waitText(userAni, "bersedia dipindahkan")
	h.press(userAni, will, "Bersedia dengan syarat")
	cons := h.waitText(userAni, "memiliki kendala")
	h.press(userAni, cons, "Keluarga")
	h.press(userAni, h.current(userAni, cons.MessageID), "✓ Keluarga")
	h.press(userAni, h.current(userAni, cons.MessageID), "Kesehatan")
	h.press(userAni, h.current(userAni, cons.MessageID), "Berikutnya »")
	h.waitText(userAni, "alasan singkat")
	h.say(userAni, "Merawat orang tua <lansia>.")
	confirm := h.waitText(userAni, "Periksa kembali preferensi")
	if !strings.Contains(confirm.Text, "3. Puskesmas Sukamaju") || !strings.Contains(confirm.Text, "Kendala: Kesehatan") {
		t.Errorf("confirmation = %q", confirm.Text)
	}
	h.press(userAni, confirm, "Simpan")
	h.waitText(userAni, "Preferensi Anda telah disimpan")
	p, err := h.st.Preference(context.Background(), h.fx.ani.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []int64{h.fx.otherUnitIDs[9], h.fx.otherUnitIDs[0], h.fx.to.ID}
	if !slices.Equal(p.UnitIDs, want) || p.Willingness != core.WillingConditional || !p.Health || p.Family ||
		p.Reason != "Merawat orang tua <lansia>." {
		t.Errorf("preference = %+v, units want %v", p, want)
	}
	h.say(userAni, "Preferensi")
	h.waitText(userAni, "Preferensi Anda saat ini")
}

// TestPreferencesLockedOnceAnnounced checks that preferences are
// replaceable until a round covering the employee is announced, locked
// (with a polite explanation of why, until when and what to do) from then
// until its decree is approved, and replaceable again afterwards; a
// confirmation pressed after the announcement saves nothing.
func TestPreferencesLockedOnceAnnounced(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModeWebhook)
		ctx := context.Background()
		setRound := func(st core.RoundStatus) {
			t.Helper()
			r := h.fx.round
			r.Status = st
			if err := h.st.UpdateRound(ctx, &r); err != nil {
				t.Fatal(err)
			}
		}
		h.linkAni(userAni)
		h.say(userAni, "Preferensi")
		intro := h.waitText(userAni, "belum mengisi preferensi")
		h.press(userAni, intro, "Isi atau ubah preferensi")
		h.press(userAni, h.waitText(userAni, "Pilih hingga 3 unit kerja"), "Puskesmas Sukamaju")
		h.press(userAni, h.waitText(userAni, "1. Puskesmas Sukamaju"), "Selesai memilih unit")
		h.press(userAni, h.waitText(userAni, "bersedia dipindahkan"), "Bersedia")
		h.press(userAni, h.waitText(userAni, "memiliki kendala"), "Berikutnya »")
		h.press(userAni, h.waitText(userAni, "alasan singkat"), "Lewati")
		confirm := h.waitText(userAni, "Periksa kembali preferensi")

		setRound(core.RoundAnnounced) // HR announces while Ani is confirming
		h.press(userAni, confirm, "Simpan")
		locked := h.waitText(userAni, "tidak dapat diubah")
		for _, want := range []string{"Mutasi Desember 2026", "setelah SK periode tersebut ditetapkan", "menu Keberatan",
			"Batas waktu pengajuan keberatan:"} {
			if !strings.Contains(locked.Text, want) {
				t.Errorf("locked message lacks %q: %q", want, locked.Text)
			}
		}
		if h.countText(userAni, "Preferensi Anda telah disimpan") != 0 {
			t.Error("the bot said the preference was saved")
		}
		if _, err := h.st.Preference(ctx, h.fx.ani.ID); !errors.Is(err, core.ErrNotFound) {
			t.Errorf("preference saved after the announcement: %v", err)
		}
		h.say(userAni, "Preferensi")
		menu := h.waitText(userAni, "belum mengisi preferensi")
		if !strings.Contains(menu.Text, "tidak dapat diubah") {
			t.Errorf("Preferensi while locked = %q", menu.Text)
		}
		if _, ok := menu.Button("Isi atau ubah preferensi"); ok {
			t.Error("Preferensi offers to change a locked preference")
		}
		h.press(userAni, intro, "Isi atau ubah preferensi") // the button of before the announcement
		if n := h.countText(userAni, "tidak dapat diubah"); n != 3 {
			t.Errorf("%d locked messages, want 3", n)
		}
		if n := h.countText(userAni, "Pilih hingga 3 unit kerja"); n != 1 {
			t.Errorf("the unit list was shown %d times while locked", n)
		}

		setRound(core.RoundApproved) // the decree: open for the next round
		h.press(userAni, intro, "Isi atau ubah preferensi")
		if n := h.countText(userAni, "Pilih hingga 3 unit kerja"); n != 2 {
			t.Errorf("after approval the unit list was shown %d times, want 2", n)
		}
	})
}

// TestLanguageAndCommands switches to English and checks the command menus.
func TestLanguageAndCommands(t *testing.T) {
	h := newHarness(t, sqliteOnly(t), bot.ModePolling)
	h.linkAni(userAni)
	h.say(userAni, "/bahasa")
	choose := h.waitText(userAni, "pilih bahasa")
	h.press(userAni, choose, "English")
	h.waitText(userAni, "The language is now English")
	h.say(userAni, "My Transfers")
	h.waitText(userAni, "There are no transfer notices")
	if e, _ := h.st.Employee(context.Background(), h.fx.ani.ID); e.Language != "en" {
		t.Errorf("language = %q", e.Language)
	}
	h.say(userAni, "/start@seimbang_test_bot")
	h.waitText(userAni, "Welcome, Ani Suryani")
	id, en := h.fake.Commands(""), h.fake.Commands("en")
	if len(id) != 9 || len(en) != 9 || id[1].Command != "mutasi" || !strings.Contains(en[1].Description, "My Transfers") {
		t.Errorf("commands id %+v, en %+v", id, en)
	}
}

// TestObjectionDeadline moves the clock past the deadline: the bot says so
// and what else the employee can do.
func TestObjectionDeadline(t *testing.T) {
	h := newHarness(t, sqliteOnly(t), bot.ModePolling)
	h.linkAni(userAni)
	tr := h.announce(h.fx.ani)
	notice := h.waitText(userAni, "Pemberitahuan mutasi:")
	h.clock.Advance(8 * 24 * time.Hour)
	h.press(userAni, notice, "Ajukan keberatan")
	h.waitText(userAni, "Batas waktu pengajuan keberatan telah berakhir")
	h.say(userAni, "Keberatan")
	h.waitText(userAni, "tidak ada mutasi yang dapat diajukan keberatan")
	if obs, _ := h.st.Objections(context.Background(), core.ObjectionFilter{TransferID: tr.ID}); len(obs) != 0 {
		t.Errorf("objections after the deadline: %+v", obs)
	}
}

// TestAnonymousSurvey stores the answers of an anonymous template without
// the invitation, and still refuses a second answer.
func TestAnonymousSurvey(t *testing.T) {
	h := newHarness(t, sqliteOnly(t), bot.ModeWebhook)
	h.linkAni(userAni)
	tr := h.announce(h.fx.ani)
	inv := h.survey(tr, true)
	h.say(userAni, "Survei")
	list := h.waitText(userAni, "pilih survei")
	h.press(userAni, list, "Survei 1 (terjawab 0/4)")
	q1 := h.waitText(userAni, "Pertanyaan 1/4")
	h.press(userAni, q1, "2 · Tidak setuju")
	h.waitText(userAni, "Pertanyaan 2/4")
	// Leave and resume from the menu: the survey goes on at question 2.
	h.say(userAni, "Survei")
	h.waitFor("the list again", func() bool { return h.countText(userAni, "pilih survei") == 2 })
	// The latest of each, not the latest message: the notice and the
	// invitation come from the outbox whenever the sender gets to them.
	h.press(userAni, h.waitText(userAni, "pilih survei"), "Survei 1 (terjawab 1/4)")
	h.waitFor("question 2 again", func() bool { return h.countText(userAni, "Pertanyaan 2/4") == 2 })
	q2 := h.waitText(userAni, "Pertanyaan 2/4")
	h.press(userAni, q2, "Tidak")
	h.press(userAni, h.waitText(userAni, "Pertanyaan 3/4"), "Lebih berat")
	h.waitText(userAni, "Pertanyaan 4/4")
	h.say(userAni, "Jarak rumah terlalu jauh.")
	h.waitText(userAni, "Seluruh jawaban Anda telah tersimpan")
	if n := h.count("SELECT COUNT(*) FROM survey_responses WHERE invitation_id IS NULL"); n != 4 {
		t.Errorf("anonymous responses = %d, want 4", n)
	}
	if n := h.count("SELECT COUNT(*) FROM survey_responses WHERE invitation_id = ?", inv); n != 0 {
		t.Errorf("responses tied to the invitation = %d", n)
	}
}

// TestLinkCodeRules checks expiry after 72 hours and the attempt limit.
func TestLinkCodeRules(t *testing.T) {
	h := newHarness(t, sqliteOnly(t), bot.ModePolling)
	code := h.linkCode(h.fx.ani)
	h.clock.Advance(core.LinkCodeTTL + time.Minute)
	h.say(userAni, "/start "+code)
	h.waitText(userAni, "Kode tersebut tidak berlaku")
	for range 5 {
		h.say(userEve, "/start SALAH")
	}
	h.say(userEve, "/start "+h.linkCode(h.fx.budi))
	h.waitText(userEve, "Too many linking attempts")
	if e, _ := h.st.Employee(context.Background(), h.fx.budi.ID); e.TelegramUserID != nil {
		t.Error("linked over the attempt limit")
	}
}

// TestUserRateLimit drops a user's messages over the limit, with one
// warning, and serves others meanwhile.
func TestUserRateLimit(t *testing.T) {
	h := newHarness(t, sqliteOnly(t), bot.ModePolling, withConfig(func(c *bot.Config) { c.UserLimit = 3 }))
	for range 6 {
		h.say(userEve, "Help")
	}
	if n := h.countText(userEve, "This service is for civil servants"); n != 3 {
		t.Errorf("%d answers, want 3", n)
	}
	if n := h.countText(userEve, "too many messages"); n != 1 {
		t.Errorf("%d warnings, want 1", n)
	}
	h.linkAni(userAni)
}

// TestInactiveEmployee: a linked employee who left service sees nothing of
// the record any more.
func TestInactiveEmployee(t *testing.T) {
	h := newHarness(t, sqliteOnly(t), bot.ModePolling)
	ctx := context.Background()
	h.linkAni(userAni)
	e, err := h.st.Employee(ctx, h.fx.ani.ID)
	if err != nil {
		t.Fatal(err)
	}
	e.Active = false
	if err := h.st.UpdateEmployee(ctx, &e); err != nil {
		t.Fatal(err)
	}
	h.say(userAni, "Mutasi Saya")
	h.waitText(userAni, "tidak lagi aktif")
	h.say(userAni, "/putus")
	h.waitText(userAni, "telah diputus")
	if e, _ := h.st.Employee(ctx, e.ID); e.TelegramUserID != nil {
		t.Error("still linked")
	}
}

// TestOldUpdatesPruned: handled updates, which hold what people wrote, are
// deleted after KeepUpdates.
func TestOldUpdatesPruned(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModePolling)
		up := h.fake.SendText(userEve, "/start")
		h.waitDone(up.UpdateID)
		h.clock.Advance(8 * 24 * time.Hour)
		h.waitFor("the update pruned", func() bool {
			_, err := h.st.InboundUpdate(context.Background(), up.UpdateID)
			return errors.Is(err, core.ErrNotFound)
		})
	})
}
