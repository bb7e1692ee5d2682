package admin

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// templateForm builds the posted form of a template: rows of
// (order, kind, text, options).
func templateForm(name string, anonymous bool, rows ...[4]string) url.Values {
	f := url.Values{"nama": {name}, "rows": {fmt.Sprint(len(rows))}}
	if anonymous {
		f.Set("anonim", "1")
	}
	for i, r := range rows {
		k := fmt.Sprintf("q%d_", i)
		f.Set(k+"order", r[0])
		f.Set(k+"kind", r[1])
		f.Set(k+"text", r[2])
		f.Set(k+"options", r[3])
		f.Set(k+"required", "1")
	}
	return f
}

func idFromLocation(t *testing.T, loc string) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscanf(strings.TrimPrefix(loc, "/survey-templates/"), "%d", &id); err != nil {
		t.Fatalf("location %q: %v", loc, err)
	}
	return id
}

func auditActions(t *testing.T, h *harness) map[string]int {
	t.Helper()
	entries, err := h.st.AuditEntries(context.Background(), core.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, e := range entries {
		out[e.Action]++
	}
	return out
}

func TestSurveyTemplatePages(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b)
		ctx := context.Background()

		// The default post-transfer questionnaire is there for everyone who reads.
		rec := h.as(core.RoleAuditor, http.MethodGet, "/survey-templates", nil)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, "Survei kepuasan pascamutasi") || strings.Contains(body, `id="stpl-new"`) {
			t.Fatalf("auditor list: %d, default shown %v, new button shown %v", rec.Code,
				strings.Contains(body, "Survei kepuasan pascamutasi"), strings.Contains(body, `id="stpl-new"`))
		}
		def, err := h.st.DefaultSurveyTemplate(ctx)
		if err != nil || len(def.Questions) != 8 {
			t.Fatalf("default template = %+v, %v", def, err)
		}
		page := h.as(core.RoleAuditor, http.MethodGet, fmt.Sprintf("/survey-templates/%d", def.ID), nil).Body.String()
		for _, want := range []string{"Tugas di jabatan baru sesuai dengan kompetensi saya.", "Beban kerja saya di unit baru wajar.",
			"Apakah Anda menerima pembekalan atau pelatihan", "Motivasi kerja saya", "Saran atau komentar Anda", "Sangat tidak setuju"} {
			if !strings.Contains(page, want) {
				t.Errorf("default template page lacks %q", want)
			}
		}
		if rec := h.as(core.RoleUnit, http.MethodGet, "/survey-templates", nil); rec.Code != http.StatusForbidden {
			t.Errorf("unit head: %d, want 403", rec.Code)
		}
		if rec := h.as(core.RoleAuditor, http.MethodPost, "/survey-templates", templateForm("X", false, [4]string{"1", "yesno", "Y?", ""})); rec.Code != http.StatusForbidden {
			t.Errorf("auditor creates: %d, want 403", rec.Code)
		}

		// Invalid: the Indonesian message sits next to the name and next to the question row.
		rec = h.as(core.RoleHR, http.MethodPost, "/survey-templates", templateForm("  ", false,
			[4]string{"1", "choice", "Unit mana yang paling membantu?", "Bidang Umum"},
			[4]string{"2", "likert", "", "a\nb\nc\nd\ne"},
			[4]string{"", "yesno", "", ""}))
		body = rec.Body.String()
		for _, want := range []string{`id="e-nama" class="field-error">Wajib diisi.`,
			`id="e-q0">Pertanyaan nomor 1 (pilihan) harus memiliki paling sedikit dua pilihan.`,
			`id="e-q1">Pertanyaan nomor 2 belum berisi teks.`, "Unit mana yang paling membantu?"} {
			if !strings.Contains(body, want) {
				t.Errorf("invalid form lacks %q (status %d)", want, rec.Code)
			}
		}
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("invalid form: %d, want 422", rec.Code)
		}
		if all, _ := h.st.SurveyTemplates(ctx); len(all) != 1 {
			t.Fatalf("an invalid form stored a template: %d templates", len(all))
		}

		// Valid, ordered by the order numbers; a scale without labels gets the standard ones.
		rec = h.as(core.RoleHR, http.MethodPost, "/survey-templates", templateForm("Survei unit sekolah", true,
			[4]string{"2", "yesno", "Apakah sarana kerja memadai?", ""},
			[4]string{"1", "likert", "Saya betah di sekolah ini.", ""},
			[4]string{"", "text", "Saran Anda?", ""},
			[4]string{"3", "choice", "Kendala terbesar?", "Jarak\nBeban mengajar\nLainnya"},
			[4]string{"", "likert", "", ""}))
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("create: %d\n%s", rec.Code, rec.Body)
		}
		id := idFromLocation(t, rec.Header().Get("Location"))
		tpl, err := h.st.SurveyTemplate(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, q := range tpl.Questions {
			texts = append(texts, q.Text)
		}
		if got := strings.Join(texts, " | "); got != "Saya betah di sekolah ini. | Apakah sarana kerja memadai? | Kendala terbesar? | Saran Anda?" || !tpl.Anonymous {
			t.Errorf("stored questions %q, anonymous %v", got, tpl.Anonymous)
		}
		if q := tpl.Questions[0]; len(q.Options) != 5 || q.Options[0] != "Sangat tidak setuju" {
			t.Errorf("scale labels = %q", q.Options)
		}
		if q := tpl.Questions[2]; q.Kind != core.QuestionChoice || len(q.Options) != 3 {
			t.Errorf("choice question = %+v", q)
		}

		// An edit while nothing was sent changes the template in place.
		rec = h.as(core.RoleHR, http.MethodPost, fmt.Sprintf("/survey-templates/%d", id), templateForm("Survei unit sekolah", true,
			[4]string{"1", "likert", "Saya nyaman di sekolah ini.", ""}, [4]string{"2", "yesno", "Apakah sarana kerja memadai?", ""}))
		if rec.Code != http.StatusSeeOther || idFromLocation(t, rec.Header().Get("Location")) != id {
			t.Fatalf("edit unused: %d to %q", rec.Code, rec.Header().Get("Location"))
		}
		if tpl, _ = h.st.SurveyTemplate(ctx, id); len(tpl.Questions) != 2 || tpl.Questions[0].Text != "Saya nyaman di sekolah ini." {
			t.Errorf("after the edit: %+v", tpl.Questions)
		}

		// Copy the default, then use the copy for a round.
		rec = h.as(core.RoleHR, http.MethodPost, fmt.Sprintf("/survey-templates/%d/copy", def.ID), nil)
		loc := rec.Header().Get("Location")
		if rec.Code != http.StatusSeeOther || !strings.HasSuffix(strings.SplitN(loc, "?", 2)[0], "/edit") {
			t.Fatalf("copy: %d to %q", rec.Code, loc)
		}
		copyID := idFromLocation(t, loc)
		cp, _ := h.st.SurveyTemplate(ctx, copyID)
		if cp.Name != "Salinan Survei kepuasan pascamutasi" || cp.IsDefault || len(cp.Questions) != 8 {
			t.Errorf("copy = %q default %v with %d questions", cp.Name, cp.IsDefault, len(cp.Questions))
		}
		round := core.Round{Name: "Mutasi Januari", Status: core.RoundDraft, CreatedBy: "admin:1"}
		if err := h.st.CreateRound(ctx, &round); err != nil {
			t.Fatal(err)
		}
		rec = h.as(core.RoleHR, http.MethodPost, fmt.Sprintf("/survey-templates/%d/rounds", copyID), url.Values{"round": {fmt.Sprint(round.ID)}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("use for round: %d %s", rec.Code, rec.Body)
		}
		if got, err := h.st.RoundSurveyTemplate(ctx, round.ID); err != nil || got != copyID {
			t.Errorf("round's template = %d, %v; want %d", got, err, copyID)
		}
		if list := h.as(core.RoleHR, http.MethodGet, "/survey-templates", nil).Body.String(); !strings.Contains(list, "Mutasi Januari</td><td>Salinan Survei kepuasan pascamutasi") {
			t.Errorf("the list does not show the round's template")
		}

		actions := auditActions(t, h)
		for _, a := range []string{"survey_template.create", "survey_template.update", "survey_template.copy", "round.survey_template"} {
			if actions[a] != 1 {
				t.Errorf("audit %s = %d entries, want 1", a, actions[a])
			}
		}
	})
}

// TestEditingASentTemplateMakesANewVersion sends an invitation with the
// default template, then edits it: the answered questions stay as they
// were in an archived version, the edit becomes the new default, the wave
// that sent keeps the old version and the one that sent nothing moves.
func TestEditingASentTemplateMakesANewVersion(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b)
		ctx := context.Background()
		h.as(core.RoleHR, http.MethodGet, "/survey-templates", nil) // creates the default
		def, err := h.st.DefaultSurveyTemplate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		e := h.emps["PKM-A"]
		round := core.Round{Name: "Mutasi Oktober", Status: core.RoundApproved, CreatedBy: "admin:1"}
		if err := h.st.CreateRound(ctx, &round); err != nil {
			t.Fatal(err)
		}
		tr := core.Transfer{RoundID: round.ID, EmployeeID: e.ID, FromUnitID: h.units["PKM-A"].ID, FromPositionID: h.pos["J-PKM-A"].ID,
			ToUnitID: h.units["SD-1"].ID, ToPositionID: h.pos["J-SD-1"].ID, Kind: core.Permanent}
		if err := h.st.CreateTransfer(ctx, &tr, core.ActorPlanner, ""); err != nil {
			t.Fatal(err)
		}
		var waves [2]core.SurveyWave
		for i := range waves {
			waves[i] = core.SurveyWave{RoundID: round.ID, TemplateID: def.ID, Seq: i + 1, After: time.Duration(30*(1+2*i)) * 24 * time.Hour}
			if err := h.st.CreateSurveyWave(ctx, &waves[i]); err != nil {
				t.Fatal(err)
			}
		}
		sent := time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC)
		inv := core.SurveyInvitation{WaveID: waves[0].ID, TransferID: tr.ID, EmployeeID: e.ID, Status: core.InvitationInvited,
			DueAt: sent, InvitedAt: &sent, LastSentAt: &sent}
		if _, err := h.st.CreateSurveyInvitation(ctx, &inv); err != nil {
			t.Fatal(err)
		}
		later := core.SurveyInvitation{WaveID: waves[1].ID, TransferID: tr.ID, EmployeeID: e.ID, DueAt: sent.Add(60 * 24 * time.Hour)}
		if _, err := h.st.CreateSurveyInvitation(ctx, &later); err != nil {
			t.Fatal(err)
		}

		edit := h.as(core.RoleHR, http.MethodGet, fmt.Sprintf("/survey-templates/%d/edit", def.ID), nil).Body.String()
		if !strings.Contains(edit, `id="stpl-version-note"`) {
			t.Error("the edit form does not warn that saving makes a new version")
		}
		rec := h.as(core.RoleHR, http.MethodPost, fmt.Sprintf("/survey-templates/%d", def.ID), templateForm(def.Name, false,
			[4]string{"1", "likert", "Tugas baru sesuai kompetensi saya.", ""}, [4]string{"2", "text", "Komentar?", ""}))
		if rec.Code != http.StatusSeeOther || !strings.Contains(rec.Header().Get("Location"), "admin.stpl.versioned") {
			t.Fatalf("edit of a sent template: %d to %q", rec.Code, rec.Header().Get("Location"))
		}
		newID := idFromLocation(t, rec.Header().Get("Location"))
		if newID == def.ID {
			t.Fatal("the sent template was changed in place")
		}
		old, _ := h.st.SurveyTemplate(ctx, def.ID)
		if old.ArchivedAt == nil || old.IsDefault || len(old.Questions) != 8 || old.Questions[0].ID != def.Questions[0].ID {
			t.Errorf("old version: archived %v default %v, %d questions", old.ArchivedAt, old.IsDefault, len(old.Questions))
		}
		nv, _ := h.st.SurveyTemplate(ctx, newID)
		if !nv.IsDefault || nv.PreviousID == nil || *nv.PreviousID != def.ID || len(nv.Questions) != 2 {
			t.Errorf("new version: default %v previous %v, %d questions", nv.IsDefault, nv.PreviousID, len(nv.Questions))
		}
		ws, _ := h.st.SurveyWaves(ctx, round.ID)
		if len(ws) != 2 || ws[0].TemplateID != def.ID || ws[1].TemplateID != newID {
			t.Errorf("waves' templates = %+v; want the sent wave on %d, the other on %d", ws, def.ID, newID)
		}
		if rec := h.as(core.RoleHR, http.MethodGet, fmt.Sprintf("/survey-templates/%d/edit", def.ID), nil); rec.Code != http.StatusConflict {
			t.Errorf("editing an archived version: %d, want 409", rec.Code)
		}
		if page := h.as(core.RoleAuditor, http.MethodGet, fmt.Sprintf("/survey-templates/%d", def.ID), nil).Body.String(); !strings.Contains(page, `id="stpl-newer"`) {
			t.Error("the archived version does not link to its replacement")
		}
		if auditActions(t, h)["survey_template.version"] != 1 {
			t.Error("no audit entry for the new version")
		}
	})
}
