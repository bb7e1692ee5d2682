package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/seimbang/seimbang/bot"
	"github.com/seimbang/seimbang/bot/telegramtest"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

var (
	userAni  = telegramtest.User{ID: 5001, FirstName: "Ani", LanguageCode: "id"}
	userBudi = telegramtest.User{ID: 5002, FirstName: "Budi", LanguageCode: "id"}
	userEve  = telegramtest.User{ID: 5666, FirstName: "Eve", LanguageCode: "en"}
)

// TestEmployeeJourney runs the whole journey of DESIGN.md through the fake
// Bot API with the real library, on every database and in both modes:
// link → notice → acknowledge → object → HR decision → survey.
func TestEmployeeJourney(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		for _, mode := range []string{bot.ModePolling, bot.ModeWebhook} {
			t.Run(mode, func(t *testing.T) {
				h := newHarness(t, b, mode)
				journey(t, h)
			})
		}
	})
}

func journey(t *testing.T, h *harness) {
	ctx := context.Background()
	fx := h.fx

	// An unlinked user sees only how to link.
	h.say(userEve, "/mutasi")
	h.waitText(userEve, "is not linked")

	// Linking by code: single use.
	code := h.linkCode(fx.ani)
	h.fake.SendCommand(userAni, "start", code)
	h.waitText(userAni, "telah terhubung dengan data pegawai Ani Suryani")
	h.say(userEve, "/start "+code)
	h.waitText(userEve, "not valid")
	if e, _ := h.st.Employee(ctx, fx.ani.ID); e.TelegramUserID == nil || *e.TelegramUserID != userAni.ID {
		t.Fatalf("Ani not linked: %+v", e.TelegramUserID)
	}

	// Linking by contact: a forwarded contact is refused, one's own works.
	h.fake.SendText(userBudi, "/start")
	h.fake.ShareContact(userBudi, "6281211110002", 9999)
	h.waitText(userBudi, "hanya nomor telepon milik Anda")
	h.fake.ShareContact(userBudi, "+62 812-1111-0002", userBudi.ID)
	h.waitText(userBudi, "data pegawai Budi Santoso")

	// The notice goes out through the outbox.
	tr := h.announce(fx.ani)
	notice := h.waitText(userAni, "Pemberitahuan mutasi:")
	for _, want := range []string{"Dari: Pengadministrasi Umum, Dinas Kesehatan",
		"Ke: Pengadministrasi <Keuangan>, Puskesmas Sukamaju", "mutasi tetap", "kekurangan tenaga administrasi & keuangan",
		"4 Januari 2027", "Batas pengajuan keberatan"} {
		if !strings.Contains(notice.Text, want) {
			t.Errorf("notice lacks %q:\n%s", want, notice.Text)
		}
	}
	h.waitFor("notice marked sent", func() bool {
		ms := h.outbox(fx.ani)
		return len(ms) == 1 && ms[0].Status == core.OutboxSent && ms[0].TelegramMessageID != nil
	})

	// Acknowledge.
	h.press(userAni, notice, "Terima")
	h.waitText(userAni, "Tanda terima Anda telah dicatat")
	if got, _ := h.st.Transfer(ctx, tr.ID); got.AcknowledgedAt == nil {
		t.Error("acknowledgement not stored")
	}

	// Object: category → text → PDF → confirm → receipt.
	h.press(userAni, notice, "Ajukan keberatan")
	cats := h.waitText(userAni, "pilih kategori")
	h.press(userAni, cats, "Kesehatan")
	h.waitText(userAni, "tuliskan alasan")
	h.say(userAni, "Saya sedang menjalani <perawatan> rutin di RSUD & tidak dapat pindah.")
	h.waitText(userAni, "dokumen pendukung")
	up := h.fake.SendDocument(userAni, "surat-dokter.pdf", []byte("%PDF-1.4 surat dokter"), "")
	h.waitDone(up.UpdateID)
	confirm := h.waitText(userAni, "Periksa kembali keberatan")
	if !strings.Contains(confirm.Text, "Lampiran: 1 berkas") || !strings.Contains(confirm.Text, "<perawatan>") {
		t.Errorf("confirmation = %q", confirm.Text)
	}
	h.press(userAni, confirm, "Kirim")
	receipt := h.waitText(userAni, "nomor tanda terima")
	obs, err := h.st.Objections(ctx, core.ObjectionFilter{TransferID: tr.ID})
	if err != nil || len(obs) != 1 {
		t.Fatalf("objections = %v, %v", obs, err)
	}
	o := obs[0]
	if !strings.Contains(receipt.Text, o.Receipt) || o.Category != "health" || len(o.Attachments) != 1 ||
		!strings.Contains(o.Text, "<perawatan>") {
		t.Errorf("objection = %+v, receipt message %q", o, receipt.Text)
	}
	if got, _ := h.st.Transfer(ctx, tr.ID); got.Status != core.TransferObjected {
		t.Errorf("transfer status = %s", got.Status)
	}

	// Detail shows the history.
	h.press(userAni, notice, "Detail")
	detail := h.waitText(userAni, "Riwayat")
	if !strings.Contains(detail.Text, ": diumumkan") || !strings.Contains(detail.Text, ": keberatan sedang diproses") {
		t.Errorf("history = %q", detail.Text)
	}

	// Mutasi Saya shows the pending objection.
	h.say(userAni, "Mutasi Saya")
	h.waitText(userAni, "Keberatan "+o.Receipt+": sedang diproses")

	// HR rejects it with a written answer; the answer reaches Ani.
	err = h.st.InTx(ctx, func(tx core.Store) error {
		now := time.Now()
		o.Status, o.Answer, o.DecidedBy, o.DecidedAt = core.ObjectionRejected, "Kebutuhan layanan <mendesak>.", core.AdminActor(1), &now
		if err := tx.DecideObjection(ctx, &o); err != nil {
			return err
		}
		t, err := tx.Transfer(ctx, tr.ID)
		if err != nil {
			return err
		}
		ev, err := t.Transition(core.TransferAnnounced, core.AdminActor(1), now, "keberatan ditolak")
		if err != nil {
			return err
		}
		if err := tx.SaveTransition(ctx, &t, ev); err != nil {
			return err
		}
		return core.EnqueueObjectionDecision(ctx, tx, o)
	})
	if err != nil {
		t.Fatal(err)
	}
	decision := h.waitText(userAni, "tidak dikabulkan")
	if !strings.Contains(decision.Text, "Kebutuhan layanan <mendesak>.") {
		t.Errorf("decision = %q", decision.Text)
	}

	// A survey, one question at a time.
	inv := h.survey(tr, false)
	invite := h.waitText(userAni, "Survei kepuasan pascamutasi")
	h.press(userAni, invite, "Isi survei")
	q1 := h.waitText(userAni, "Pertanyaan 1/4")
	h.press(userAni, q1, "4 · Setuju")
	q2 := h.waitText(userAni, "Pertanyaan 2/4")
	// The old button again: no second answer, the open question again.
	h.press(userAni, q1, "5 · Sangat setuju")
	h.waitText(userAni, "sudah Anda jawab")
	if n := h.countText(userAni, "Pertanyaan 2/4"); n != 2 {
		t.Errorf("question 2 shown %d times, want 2", n)
	}
	h.press(userAni, q2, "Ya")
	q3 := h.waitText(userAni, "Pertanyaan 3/4")
	h.press(userAni, q3, "Sama")
	h.waitText(userAni, "Pertanyaan 4/4")
	h.say(userAni, "Lingkungan kerja baru sangat mendukung.")
	h.waitText(userAni, "Seluruh jawaban Anda telah tersimpan")
	h.press(userAni, q1, "5 · Sangat setuju")
	h.waitText(userAni, "sudah selesai")
	if got, _ := h.st.SurveyInvitation(ctx, inv); got.Status != core.InvitationAnswered || got.Progress != 4 {
		t.Errorf("invitation = %+v", got)
	}
	if n := h.count("SELECT COUNT(*) FROM survey_responses WHERE invitation_id = ?", inv); n != 4 {
		t.Errorf("responses = %d, want 4", n)
	}
	if n := h.count(`SELECT COUNT(*) FROM survey_responses r JOIN survey_questions q ON q.id = r.question_id
		WHERE r.invitation_id = ? AND ((q.position = 1 AND r.value = 4) OR (q.position = 2 AND r.value = 1)
		OR (q.position = 3 AND r.value = 1) OR (q.position = 4 AND r.value IS NULL AND r.text LIKE 'Lingkungan%'))`, inv); n != 4 {
		t.Errorf("%d of 4 answers stored as given", n)
	}

	// Budi sees nothing of Ani's.
	h.say(userBudi, "Mutasi Saya")
	h.waitText(userBudi, "tidak ada pemberitahuan mutasi")
	if n := h.countText(userBudi, "Ani"); n != 0 {
		t.Errorf("Budi saw %d messages about Ani", n)
	}

	// /putus unlinks.
	h.say(userBudi, "/putus")
	h.waitText(userBudi, "telah diputus")
	if e, _ := h.st.Employee(ctx, fx.budi.ID); e.TelegramUserID != nil {
		t.Error("Budi still linked")
	}
}

// survey creates a two-question survey invitation for tr and enqueues the
// invitation; it returns the invitation id.
func (h *harness) survey(tr core.Transfer, anonymous bool) int64 {
	h.t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	tmpl := h.insert("INSERT INTO survey_templates (name, anonymous, is_default, created_at) VALUES (?, ?, ?, ?)",
		"Kepuasan", anonymous, false, now)
	h.insert(`INSERT INTO survey_questions (template_id, position, kind, text, text_en, options, required) VALUES (?, 1, 'likert', ?, ?, ?, TRUE)`,
		tmpl, "Saya puas dengan penempatan baru.", "I am satisfied with my new placement.",
		`["Sangat tidak setuju","Tidak setuju","Netral","Setuju","Sangat setuju"]`)
	h.insert(`INSERT INTO survey_questions (template_id, position, kind, text, text_en, options, required) VALUES (?, 2, 'yesno', ?, ?, '[]', TRUE)`,
		tmpl, "Apakah Anda mendapat orientasi?", "Did you get an orientation?")
	h.insert(`INSERT INTO survey_questions (template_id, position, kind, text, text_en, options, required) VALUES (?, 3, 'choice', ?, ?, ?, TRUE)`,
		tmpl, "Dibanding tempat lama, beban kerja Anda:", "Compared with before, your workload is:", `["Lebih ringan","Sama","Lebih berat"]`)
	h.insert(`INSERT INTO survey_questions (template_id, position, kind, text, text_en, options, required) VALUES (?, 4, 'text', ?, ?, '[]', TRUE)`,
		tmpl, "Apa yang paling membantu?", "What helped most?")
	wave := h.insert("INSERT INTO survey_waves (round_id, template_id, seq, after_seconds) VALUES (?, ?, ?, ?)",
		tr.RoundID, tmpl, 1+h.count("SELECT COUNT(*) FROM survey_waves WHERE round_id = ?", tr.RoundID), 2592000)
	inv := h.insert(`INSERT INTO survey_invitations (wave_id, transfer_id, employee_id, status, due_at, invited_at, reminders_sent, progress)
		VALUES (?, ?, ?, 'invited', ?, ?, 0, 0)`, wave, tr.ID, tr.EmployeeID, now, now)
	err := h.st.InTx(ctx, func(tx core.Store) error {
		return core.EnqueueSurveyInvitation(ctx, tx, core.SurveyInvitation{ID: inv, EmployeeID: tr.EmployeeID}, 0)
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return inv
}

// insert runs an INSERT and returns the new id.
func (h *harness) insert(query string, args ...any) int64 {
	h.t.Helper()
	db, err := h.st.DB()
	if err != nil {
		h.t.Fatal(err)
	}
	res, err := db.Exec(query, args...)
	if err != nil {
		h.t.Fatalf("%s: %v", query, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		h.t.Fatal(err)
	}
	return id
}

// count runs a COUNT query.
func (h *harness) count(query string, args ...any) int {
	h.t.Helper()
	db, err := h.st.DB()
	if err != nil {
		h.t.Fatal(err)
	}
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		h.t.Fatalf("%s: %v", query, err)
	}
	return n
}
