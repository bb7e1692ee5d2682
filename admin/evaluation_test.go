package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/round"
	"github.com/seimbang/seimbang/core/schedule"
	"github.com/seimbang/seimbang/core/scheduler"
)

// surveyRound is a round whose transfers took effect in the harness's
// regency: six nurses moved into Puskesmas Arjasa (Dinas Kesehatan, the
// unit user's tree) and five into SD Negeri 1 Kalisat (Dinas Pendidikan).
// Wave 1 (anonymous) was answered by the six of Arjasa and three of
// Kalisat; wave 2 (named) by everyone but one nurse of Arjasa.
type surveyRound struct {
	round         core.Round
	arjasa        []core.Employee // moved into PKM-A
	kalisat       []core.Employee // moved into SD-1
	waves         []core.SurveyWave
	anon, named   core.SurveyTemplate
	likert1       []int // wave 1 Likert answers, in answering order
	texts1        []string
	silent2       core.Employee // did not answer wave 2
	silentInv2    int64
	answeredInv2  int64
	expiredInv1   []int64
	commentByName map[string]string // wave 2 comments by name
}

func seedSurveyRound(t *testing.T, h *harness) *surveyRound {
	t.Helper()
	ctx := context.Background()
	st := h.st
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	sr := &surveyRound{commentByName: map[string]string{}}
	src := core.Unit{Code: "PKM-SUMBER", Name: "Puskesmas Sumber", Kind: core.UnitHealthCentre, ParentID: ptrTo(h.units["DINKES"].ID)}
	must(st.CreateUnit(ctx, &src))
	from := core.Position{Code: "J-SUMBER", UnitID: src.ID, Name: "Perawat", Kind: core.Functional}
	must(st.CreatePosition(ctx, &from))
	var emps []core.Employee
	for i := range 11 {
		e := core.Employee{NIP: fmt.Sprintf("19900101201501%d%03d", 1+i%2, i+1), Name: fmt.Sprintf("Perawat Uji %02d", i+1),
			PositionID: &from.ID, Active: true, TelegramUserID: ptrTo(int64(900 + i))}
		must(st.CreateEmployee(ctx, &e))
		emps = append(emps, e)
	}
	hr := core.AdminActor(h.users[core.RoleHR].ID)
	svc := &round.Service{Store: st, Clock: h.clock}
	deadline := h.clock.now.Add(7 * 24 * time.Hour)
	effective := core.Date{Year: 2026, Month: 12, Day: 1}
	r, err := svc.Create(ctx, round.NewRound{Name: "Mutasi Desember 2026", ObjectionDeadline: &deadline, EffectiveDate: effective}, hr)
	must(err)
	for i, e := range emps {
		to := h.pos["J-PKM-A"]
		if i >= 6 {
			to = h.pos["J-SD-1"]
		}
		tr := core.Transfer{RoundID: r.ID, EmployeeID: e.ID, FromUnitID: src.ID, FromPositionID: from.ID, ToUnitID: to.UnitID,
			ToPositionID: to.ID, Kind: core.Permanent, Reason: "Pemerataan"}
		must(st.CreateTransfer(ctx, &tr, hr, "usulan uji"))
		if i < 6 {
			sr.arjasa = append(sr.arjasa, e)
		} else {
			sr.kalisat = append(sr.kalisat, e)
		}
	}
	r.Status = core.RoundPlanned
	must(st.UpdateRound(ctx, &r))
	if _, err := svc.Announce(ctx, r.ID, nil, hr); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Approve(ctx, r.ID, "800/7/BKPSDM/2026", effective, hr); err != nil {
		t.Fatal(err)
	}
	sr.anon = core.SurveyTemplate{Name: "Survei anonim", Anonymous: true, Questions: []core.SurveyQuestion{
		{Kind: core.QuestionLikert, Text: "Beban kerja sesuai", Required: true},
		{Kind: core.QuestionYesNo, Text: "Menerima pelatihan", Required: true},
		{Kind: core.QuestionText, Text: "Komentar"}}}
	sr.named = core.SurveyTemplate{Name: "Survei bernama", Questions: sr.anon.Questions}
	sr.named.Questions = append([]core.SurveyQuestion(nil), sr.anon.Questions...)
	must(st.CreateSurveyTemplate(ctx, &sr.anon))
	must(st.CreateSurveyTemplate(ctx, &sr.named))
	for i, tpl := range []core.SurveyTemplate{sr.anon, sr.named} {
		w := core.SurveyWave{RoundID: r.ID, TemplateID: tpl.ID, Seq: i + 1, After: []time.Duration{720 * time.Hour, 2160 * time.Hour}[i]}
		must(st.CreateSurveyWave(ctx, &w))
		sr.waves = append(sr.waves, w)
	}
	sched := scheduler.New(st, scheduler.Config{Clock: h.clock, Policy: schedule.Policy{RemindEvery: 72 * time.Hour, MaxReminders: 3,
		ExpireAfter: 336 * time.Hour, Calendar: schedule.Calendar{Start: 8 * time.Hour, End: 16 * time.Hour}}})
	tick := func(at time.Time) {
		t.Helper()
		h.clock.now = at
		if _, err := sched.Tick(ctx); err != nil {
			t.Fatal(err)
		}
	}
	tick(time.Date(2026, 11, 30, 17, 30, 0, 0, time.UTC)) // 00:30 WIB, 1 December
	answer := func(e core.Employee, wave core.SurveyWave, tpl core.SurveyTemplate, likert, yes int, text string) int64 {
		t.Helper()
		invs, err := st.OpenSurveyInvitations(ctx, e.ID)
		must(err)
		for _, inv := range invs {
			if inv.WaveID != wave.ID {
				continue
			}
			vals := []*int{&likert, &yes, nil}
			for i, q := range tpl.Questions {
				a := core.SurveyAnswer{InvitationID: inv.ID, QuestionID: q.ID, Seq: i + 1, Last: i == len(tpl.Questions)-1,
					Anonymous: tpl.Anonymous, Value: vals[i], At: h.clock.now}
				if q.Kind == core.QuestionText {
					a.Text = text
				}
				must(st.SaveSurveyAnswer(ctx, a))
			}
			return inv.ID
		}
		t.Fatalf("%s has no open invitation in wave %d", e.Name, wave.Seq)
		return 0
	}
	tick(time.Date(2026, 12, 31, 3, 0, 0, 0, time.UTC)) // wave 1, Thursday 10:00 WIB
	respondents := append(append([]core.Employee(nil), sr.arjasa...), sr.kalisat[:3]...)
	for i, e := range respondents {
		l := []int{5, 4, 4, 3, 5, 2, 4, 1, 3}[i]
		text := ""
		if i%3 == 0 {
			text = fmt.Sprintf("Saran anonim %d", i)
		}
		answer(e, sr.waves[0], sr.anon, l, i%2, text)
		sr.likert1 = append(sr.likert1, l)
		if text != "" {
			sr.texts1 = append(sr.texts1, text)
		}
	}
	tick(time.Date(2027, 3, 1, 3, 0, 0, 0, time.UTC)) // wave 2, Monday; wave 1 has expired
	all := append(append([]core.Employee(nil), sr.arjasa...), sr.kalisat...)
	sr.silent2 = sr.arjasa[5]
	for i, e := range all {
		if e.ID == sr.silent2.ID {
			continue
		}
		c := "Komentar " + e.Name
		id := answer(e, sr.waves[1], sr.named, 1+i%5, 1, c)
		sr.commentByName[e.Name] = c
		sr.answeredInv2 = id
	}
	invs, err := st.RoundSurveyInvitations(ctx, r.ID)
	must(err)
	for _, inv := range invs {
		switch {
		case inv.WaveID == sr.waves[1].ID && inv.EmployeeID == sr.silent2.ID:
			sr.silentInv2 = inv.ID
		case inv.WaveID == sr.waves[0].ID && inv.Status == core.InvitationExpired:
			sr.expiredInv1 = append(sr.expiredInv1, inv.ID)
		}
	}
	if sr.silentInv2 == 0 || len(sr.expiredInv1) != 2 {
		t.Fatalf("seed: silent invitation %d, expired %v", sr.silentInv2, sr.expiredInv1)
	}
	sr.round, err = st.Round(ctx, r.ID)
	must(err)
	return sr
}

func TestSurveyResultsPage(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	sr := seedSurveyRound(t, h)
	q := "?round=" + itoa(sr.round.ID)

	t.Run("hr sees the whole round, units hidden in the anonymous wave", func(t *testing.T) {
		rec := h.as(core.RoleHR, http.MethodGet, "/surveys/results"+q+"&wave=1", nil)
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, body)
		}
		for _, want := range []string{"Mutasi Desember 2026", "9 responden", "data-eval-chart", "terlalu sedikit untuk ditampilkan", sr.texts1[0]} {
			if !strings.Contains(body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		for _, e := range append(sr.arjasa, sr.kalisat...) {
			if strings.Contains(body, e.Name) {
				t.Errorf("the anonymous wave names %s", e.Name)
			}
		}
		if strings.Contains(body, "Survei bernama") {
			t.Error("the wave filter shows wave 2 too")
		}
		if want := `href="/surveys/nonresponders?round=` + itoa(sr.round.ID) + `&amp;wave=1"`; !strings.Contains(body, want) {
			t.Errorf("the non-responders link does not keep the filter: want %s", want)
		}
	})
	t.Run("named wave attributes comments", func(t *testing.T) {
		body := h.as(core.RoleAuditor, http.MethodGet, "/surveys/results"+q+"&wave=2", nil).Body.String()
		for name, c := range sr.commentByName {
			if !strings.Contains(body, c) || !strings.Contains(body, name) {
				t.Errorf("named comment %q by %s missing", c, name)
			}
		}
	})
	t.Run("unit head sees their tree only", func(t *testing.T) {
		body := h.as(core.RoleUnit, http.MethodGet, "/surveys/results"+q+"&wave=2", nil).Body.String()
		for _, e := range sr.kalisat {
			if strings.Contains(body, e.Name) {
				t.Errorf("the Dinas Kesehatan head sees %s of Dinas Pendidikan", e.Name)
			}
		}
		if !strings.Contains(body, sr.arjasa[0].Name) {
			t.Error("the Dinas Kesehatan head does not see Arjasa's comments")
		}
		// Wave 1: Dinas Kesehatan's 6 of 9 are shown to nobody, since the
		// other 3 would follow by subtraction.
		body = h.as(core.RoleUnit, http.MethodGet, "/surveys/results"+q+"&wave=1", nil).Body.String()
		if !strings.Contains(body, "Terlalu sedikit untuk ditampilkan: 6 responden") {
			t.Errorf("unit head's anonymous wave is not hidden:\n%s", body)
		}
		if rec := h.as(core.RoleUnit, http.MethodGet, "/surveys/results"+q+"&unit=SD-1", nil); rec.Code != http.StatusForbidden {
			t.Errorf("unit head filtering on another tree: %d, want 403", rec.Code)
		}
	})
	t.Run("bad filters", func(t *testing.T) {
		if rec := h.as(core.RoleHR, http.MethodGet, "/surveys/results"+q+"&wave=7", nil); rec.Code != http.StatusUnprocessableEntity ||
			!strings.Contains(rec.Body.String(), "Gelombang survei 7 tidak ada") {
			t.Errorf("unknown wave: %d", rec.Code)
		}
		if rec := h.as(core.RoleHR, http.MethodGet, "/surveys/results?round=999", nil); rec.Code != http.StatusNotFound {
			t.Errorf("unknown round: %d", rec.Code)
		}
	})
	t.Run("export xlsx", func(t *testing.T) {
		rec := h.as(core.RoleHR, http.MethodGet, "/surveys/results/export"+q, nil)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != xlsxType {
			t.Fatalf("export: %d %s", rec.Code, rec.Header().Get("Content-Type"))
		}
		x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := x.GetRows(x.GetSheetName(0))
		var all strings.Builder
		for _, r := range rows {
			all.WriteString(strings.Join(r, "|") + "\n")
		}
		for _, want := range []string{"Hasil survei kepuasan", "Beban kerja sesuai", "terlalu sedikit untuk ditampilkan", sr.texts1[0], "Komentar " + sr.arjasa[0].Name} {
			if !strings.Contains(all.String(), want) {
				t.Errorf("xlsx lacks %q", want)
			}
		}
	})
}

func TestNonRespondersAndReminderByHand(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	sr := seedSurveyRound(t, h)
	q := "?round=" + itoa(sr.round.ID)
	ctx := context.Background()

	body := h.as(core.RoleHR, http.MethodGet, "/surveys/nonresponders"+q, nil).Body.String()
	for _, e := range []core.Employee{sr.silent2, sr.kalisat[3], sr.kalisat[4]} {
		if !strings.Contains(body, e.Name) {
			t.Errorf("non-responders lack %s", e.Name)
		}
	}
	if strings.Contains(body, sr.arjasa[0].Name) {
		t.Error("a respondent is listed as a non-responder")
	}
	if !strings.Contains(body, fmt.Sprintf(`id="remind-%d"`, sr.silentInv2)) {
		t.Error("no reminder button for the open invitation")
	}
	if strings.Contains(body, fmt.Sprintf(`id="remind-%d"`, sr.expiredInv1[0])) {
		t.Error("a reminder button for an expired invitation")
	}
	unitBody := h.as(core.RoleUnit, http.MethodGet, "/surveys/nonresponders"+q, nil).Body.String()
	if !strings.Contains(unitBody, sr.silent2.Name) || strings.Contains(unitBody, sr.kalisat[3].Name) || strings.Contains(unitBody, "remind-") {
		t.Error("the unit head's list is not their tree only, or offers reminders")
	}

	remind := func(r core.Role, id int64) *http.Response {
		rec := h.as(r, http.MethodPost, fmt.Sprintf("/surveys/invitations/%d/remind%s", id, q), url.Values{})
		return rec.Result()
	}
	for _, r := range []core.Role{core.RoleAuditor, core.RoleUnit} {
		if res := remind(r, sr.silentInv2); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s sent a reminder: %d", r, res.StatusCode)
		}
	}
	before, _ := h.st.SurveyInvitation(ctx, sr.silentInv2)
	rec := h.as(core.RoleHR, http.MethodPost, fmt.Sprintf("/surveys/invitations/%d/remind%s", sr.silentInv2, q), url.Values{})
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Pengingat untuk "+sr.silent2.Name) {
		t.Fatalf("reminder: %d %s", rec.Code, rec.Body.String())
	}
	after, _ := h.st.SurveyInvitation(ctx, sr.silentInv2)
	if after.RemindersSent != before.RemindersSent+1 || after.ManualReminderAt == nil || after.ManualReminderBy != core.AdminActor(h.users[core.RoleHR].ID) {
		t.Errorf("after the reminder: %+v", after)
	}
	if m := outboxFor(t, h, fmt.Sprintf("survey:invitation:%d:%d", sr.silentInv2, after.RemindersSent)); m.Kind != core.OutboxKindSurveyRemind {
		t.Errorf("outbox message = %+v, want a survey reminder", m)
	}
	entries, _ := h.st.AuditEntries(ctx, core.AuditFilter{ObjectType: "survey_invitation", ObjectID: itoa(sr.silentInv2)})
	if len(entries) != 1 || entries[0].Action != "survey.remind" {
		t.Errorf("audit = %+v", entries)
	}

	rec = h.as(core.RoleHR, http.MethodPost, fmt.Sprintf("/surveys/invitations/%d/remind%s", sr.silentInv2, q), url.Values{})
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "hanya dapat diingatkan sekali") {
		t.Errorf("second reminder: %d", rec.Code)
	}
	if again, _ := h.st.SurveyInvitation(ctx, sr.silentInv2); again.RemindersSent != after.RemindersSent {
		t.Error("the refused reminder counted")
	}
	rec = h.as(core.RoleHR, http.MethodPost, fmt.Sprintf("/surveys/invitations/%d/remind%s", sr.answeredInv2, q), url.Values{})
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "sudah mengisi survei") {
		t.Errorf("reminder to someone who answered: %d", rec.Code)
	}
	rec = h.as(core.RoleHR, http.MethodPost, fmt.Sprintf("/surveys/invitations/%d/remind%s", sr.expiredInv1[0], q), url.Values{})
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "sudah berakhir") {
		t.Errorf("reminder for an expired survey: %d", rec.Code)
	}
	if n := len(outboxOfKind(t, h, core.OutboxKindSurveyRemind)); n != 1 {
		t.Errorf("survey reminders in the outbox = %d, want 1", n)
	}
}

// outboxFor returns the outbox message with the dedup key.
func outboxFor(t *testing.T, h *harness, key string) core.OutboxMessage {
	t.Helper()
	for id := int64(1); ; id++ {
		m, err := h.st.OutboxMessage(context.Background(), id)
		if err != nil {
			t.Fatalf("no outbox message %q", key)
		}
		if m.DedupKey == key {
			return m
		}
	}
}

func outboxOfKind(t *testing.T, h *harness, kind string) []core.OutboxMessage {
	t.Helper()
	var out []core.OutboxMessage
	for id := int64(1); ; id++ {
		m, err := h.st.OutboxMessage(context.Background(), id)
		if err != nil {
			return out
		}
		if m.Kind == kind {
			out = append(out, m)
		}
	}
}

func TestEvaluationPageAndExports(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	sr := seedSurveyRound(t, h)
	path := "/rounds/" + itoa(sr.round.ID) + "/evaluation"

	if rec := h.as(core.RoleHR, http.MethodGet, "/evaluation", nil); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != path {
		t.Errorf("/evaluation: %d → %s", rec.Code, rec.Header().Get("Location"))
	}
	rec := h.as(core.RoleAuditor, http.MethodGet, path, nil)
	body := rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, body)
	}
	for _, want := range []string{"Evaluasi periode mutasi", "Mutasi Desember 2026", "800/7/BKPSDM/2026", "rate-chart", "imbalance-chart",
		"Saat diumumkan", "Setelah berlaku", "Predikat kinerja belum diimpor"} {
		if !strings.Contains(body, want) {
			t.Errorf("evaluation page lacks %q", want)
		}
	}
	if rec := h.as(core.RoleHR, http.MethodGet, "/rounds/999/evaluation", nil); rec.Code != http.StatusNotFound {
		t.Errorf("unknown round: %d", rec.Code)
	}

	rec = h.as(core.RoleHR, http.MethodGet, path+"/export?format=pdf", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("pdf: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	text := pdfText(t, rec.Body.Bytes())
	// Eleven moved; 9 of 11 answered wave 1 and 10 of 11 wave 2.
	for _, want := range []string{"Evaluasi periode mutasi", "Mutasi Desember 2026", "800/7/BKPSDM/2026", "Tingkat respons per gelombang",
		"81,8%", "90,9%", "Ketimpangan beban kerja", "Indeks ketimpangan", "Predikat kinerja belum diimpor", "Keberatan"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q:\n%s", want, text)
		}
	}
	rec = h.as(core.RoleUnit, http.MethodGet, path+"/export", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != xlsxType {
		t.Fatalf("xlsx: %d", rec.Code)
	}
}

func TestEvaluationAPI(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	sr := seedSurveyRound(t, h)
	tokens := map[core.Role]string{}
	for _, r := range core.Roles {
		tokens[r] = h.token(r)
	}
	rid := itoa(sr.round.ID)

	t.Run("results", func(t *testing.T) {
		rec := h.api(tokens[core.RoleHR], http.MethodGet, "/api/v1/surveys/results?round="+rid, "")
		if rec.Code != http.StatusOK {
			t.Fatalf("%d %s", rec.Code, rec.Body.String())
		}
		var res evaluation.Results
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		if len(res.Waves) != 2 {
			t.Fatalf("waves = %d", len(res.Waves))
		}
		w := res.Waves[0]
		sum := 0
		for _, v := range sr.likert1 {
			sum += v
		}
		if w.All.Hidden || w.All.Respondents != 9 || w.All.Questions[0].Mean < float64(sum)/9-1e-9 || w.All.Questions[0].Mean > float64(sum)/9+1e-9 {
			t.Errorf("wave 1 = %+v, want 9 respondents with mean %v", w.All, float64(sum)/9)
		}
		if w.Rate.Sent != 11 || w.Rate.Answered != 9 || w.Rate.Expired != 2 {
			t.Errorf("wave 1 rate = %+v", w.Rate)
		}
		for _, g := range w.ByUnit {
			if !g.Hidden {
				t.Errorf("unit %s shown in the anonymous wave", g.Label)
			}
		}
		if rec := h.api(tokens[core.RoleHR], http.MethodGet, "/api/v1/surveys/results", ""); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("without a round: %d", rec.Code)
		}
	})
	t.Run("unit token sees its tree", func(t *testing.T) {
		rec := h.api(tokens[core.RoleUnit], http.MethodGet, "/api/v1/surveys/results?round="+rid+"&wave=2", "")
		var res evaluation.Results
		json.Unmarshal(rec.Body.Bytes(), &res)
		if rec.Code != http.StatusOK || len(res.Waves) != 1 || res.Waves[0].All.Respondents != 5 || res.Waves[0].Rate.Sent != 6 {
			t.Fatalf("%d %+v", rec.Code, res)
		}
		for _, g := range res.Waves[0].ByUnit {
			if g.UnitCode != "PKM-A" {
				t.Errorf("unit token sees %s", g.UnitCode)
			}
		}
		if rec := h.api(tokens[core.RoleUnit], http.MethodGet, "/api/v1/surveys/results?round="+rid+"&unit=DISDIK", ""); rec.Code != http.StatusForbidden {
			t.Errorf("unit token on another tree: %d", rec.Code)
		}
	})
	t.Run("non-responders and reminder", func(t *testing.T) {
		rec := h.api(tokens[core.RoleAuditor], http.MethodGet, "/api/v1/surveys/nonresponders?round="+rid+"&wave=2", "")
		var nr struct {
			NonResponders []evaluation.NonResponder `json:"non_responders"`
		}
		json.Unmarshal(rec.Body.Bytes(), &nr)
		if rec.Code != http.StatusOK || len(nr.NonResponders) != 1 || nr.NonResponders[0].NIP != sr.silent2.NIP || !nr.NonResponders[0].CanRemind {
			t.Fatalf("%d %+v", rec.Code, nr)
		}
		target := fmt.Sprintf("/api/v1/surveys/invitations/%d/remind", sr.silentInv2)
		for _, r := range []core.Role{core.RoleAuditor, core.RoleUnit} {
			if rec := h.api(tokens[r], http.MethodPost, target, ""); rec.Code != http.StatusForbidden {
				t.Errorf("%s reminded: %d", r, rec.Code)
			}
		}
		if rec := h.api(tokens[core.RoleHR], http.MethodPost, target, ""); rec.Code != http.StatusOK {
			t.Fatalf("reminder: %d %s", rec.Code, rec.Body.String())
		}
		rec = h.api(tokens[core.RoleHR], http.MethodPost, target, "")
		var p struct {
			Error problem `json:"error"`
		}
		json.Unmarshal(rec.Body.Bytes(), &p)
		if rec.Code != http.StatusConflict || !strings.Contains(p.Error.Message, "sudah dikirim") {
			t.Errorf("second reminder: %d %s", rec.Code, rec.Body.String())
		}
		if rec := h.api(tokens[core.RoleHR], http.MethodPost, "/api/v1/surveys/invitations/99999/remind", ""); rec.Code != http.StatusNotFound {
			t.Errorf("unknown invitation: %d", rec.Code)
		}
	})
	t.Run("evaluation", func(t *testing.T) {
		rec := h.api(tokens[core.RoleHR], http.MethodGet, "/api/v1/rounds/"+rid+"/evaluation", "")
		var ev evaluation.Evaluation
		if err := json.Unmarshal(rec.Body.Bytes(), &ev); err != nil || rec.Code != http.StatusOK {
			t.Fatalf("%d %v", rec.Code, err)
		}
		if ev.Transfers.Moved != 11 || ev.Imbalance.Announced == nil || ev.Imbalance.Effective == nil || ev.Performance.Imported {
			t.Errorf("evaluation = %+v", ev)
		}
		// Announced: Arjasa and Kalisat 2 required, 1 each; Sumber none
		// required. After: 7 and 6 for 2 each.
		if a := ev.Imbalance.Announced.Regency; a.Under != 2 || a.Required != 4 {
			t.Errorf("announced = %+v", a)
		}
		if e := ev.Imbalance.Effective.Regency; e.Under != 0 || e.Over != 9 {
			t.Errorf("effective = %+v", e)
		}
		rec = h.api(tokens[core.RoleUnit], http.MethodGet, "/api/v1/rounds/"+rid+"/evaluation", "")
		json.Unmarshal(rec.Body.Bytes(), &ev)
		if rec.Code != http.StatusOK || ev.Transfers.Total != 11 || ev.Waves[1].Rate.Sent != 6 {
			t.Errorf("unit evaluation: %d %+v", rec.Code, ev.Waves)
		}
		if rec := h.api(tokens[core.RoleHR], http.MethodGet, "/api/v1/rounds/x/evaluation", ""); rec.Code != http.StatusNotFound {
			t.Errorf("bad id: %d", rec.Code)
		}
	})
}
