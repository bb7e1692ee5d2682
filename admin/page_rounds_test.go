package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestRoundPages drives a round through the panel: create (with field
// errors first), plan, review, edit (a refused move, then an allowed
// one), a manual proposal, accept and reject, a unit head's comment,
// announce, the unreachable list, approve and the decree.
func TestRoundPages(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b)
		f := h.roundFixture()
		ctx := context.Background()

		// Create: every problem next to its field, nothing stored.
		rec := h.as(core.RoleHR, http.MethodPost, "/rounds", url.Values{"nama": {""}, "unit_codes": {"NOPE"},
			"min_years": {"dua"}, "objection_deadline": {"kemarin"}, "effective_date": {"2026-02-30"}})
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("invalid create: %d", rec.Code)
		}
		for _, want := range []string{`id="e-nama"`, `id="e-unit_codes"`, `id="e-min_years"`, `id="e-objection_deadline"`, `id="e-effective_date"`, "NOPE"} {
			if !strings.Contains(body, want) {
				t.Errorf("invalid create page lacks %s", want)
			}
		}
		if rs, _ := h.st.Rounds(ctx); len(rs) != 0 {
			t.Fatalf("a refused form stored %d rounds", len(rs))
		}
		if rec := h.as(core.RoleUnit, http.MethodPost, "/rounds", url.Values{"nama": {"x"}}); rec.Code != http.StatusForbidden {
			t.Errorf("unit head created a round: %d", rec.Code)
		}
		rec = h.as(core.RoleHR, http.MethodPost, "/rounds", url.Values{"nama": {"Mutasi Semester I 2027"},
			"objection_deadline": {"2026-12-10T16:00"}, "effective_date": {"2027-01-04"}})
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/rounds/") {
			t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
		}
		rs, _ := h.st.Rounds(ctx)
		if len(rs) != 1 || rs[0].ObjectionDeadline == nil || rs[0].ObjectionDeadline.UTC().Hour() != 9 {
			t.Fatalf("stored rounds %+v (deadline 16:00 WIB is 09:00 UTC)", rs)
		}
		rid := itoa(rs[0].ID)
		if rec := h.as(core.RoleHR, http.MethodGet, "/rounds", nil); !strings.Contains(rec.Body.String(), "Mutasi Semester I 2027") {
			t.Error("round list lacks the round")
		}

		// Plan.
		if rec := h.as(core.RoleAuditor, http.MethodPost, "/rounds/"+rid+"/plan", nil); rec.Code != http.StatusForbidden {
			t.Errorf("auditor ran the planner: %d", rec.Code)
		}
		rec = h.as(core.RoleHR, http.MethodPost, "/rounds/"+rid+"/plan", nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("plan: %d %s", rec.Code, rec.Body.String())
		}
		ts, _ := h.st.Transfers(ctx, core.TransferFilter{RoundID: rs[0].ID})
		if len(ts) < 4 {
			t.Fatalf("planner proposed %d transfers, want nurses and teachers", len(ts))
		}
		page := h.as(core.RoleHR, http.MethodGet, "/rounds/"+rid, nil).Body.String()
		if got := len(transferRows(page)); got != len(ts) {
			t.Errorf("review table shows %d rows, want %d", got, len(ts))
		}
		var nurse, teacher core.Transfer
		proposed := map[int64]bool{}
		for _, tr := range ts {
			proposed[tr.EmployeeID] = true
			if tr.FromPositionID == f.surplusNurse.ID && nurse.ID == 0 {
				nurse = tr
			}
			if tr.FromPositionID == f.surplusTeacher.ID {
				teacher = tr
			}
		}
		if nurse.ID == 0 || teacher.ID == 0 {
			t.Fatalf("no nurse or teacher proposal in %+v", ts)
		}
		// The row shows the explanation and both units' before → after.
		for _, want := range []string{"Puskesmas Arjasa", "Puskesmas Hulu", "Jabatan asal kelebihan", "Terisi 7 → "} {
			if !strings.Contains(page, want) {
				t.Errorf("review page lacks %q", want)
			}
		}

		// Edit: a teacher's post is refused for a nurse, with the reason,
		// and nothing changes.
		nid := itoa(nurse.ID)
		rec = h.as(core.RoleHR, http.MethodPost, "/rounds/"+rid+"/transfers/"+nid+"/edit", url.Values{"jabatan_tujuan": {itoa(f.shortSchool.ID)}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "rumpun jabatan berbeda") {
			t.Fatalf("refused edit: %d %s", rec.Code, rec.Body.String())
		}
		if got, _ := h.st.Transfer(ctx, nurse.ID); got.ToPositionID != nurse.ToPositionID {
			t.Fatal("a refused edit changed the transfer")
		}
		other := f.pustu
		if nurse.ToPositionID == f.pustu.ID {
			other = f.hulu
		}
		rec = h.as(core.RoleHR, http.MethodPost, "/rounds/"+rid+"/transfers/"+nid+"/check", url.Values{"jabatan_tujuan": {itoa(other.ID)}})
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `id="assessment" data-allowed="1"`) {
			t.Fatalf("check: %d %s", rec.Code, rec.Body.String())
		}
		rec = h.as(core.RoleHR, http.MethodPost, "/rounds/"+rid+"/transfers/"+nid+"/edit", url.Values{"jabatan_tujuan": {itoa(other.ID)}, "alasan": {"Lebih dekat rumah"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("edit: %d %s", rec.Code, rec.Body.String())
		}
		if got, _ := h.st.Transfer(ctx, nurse.ID); got.ToPositionID != other.ID || got.Reason != "Lebih dekat rumah" {
			t.Fatalf("edited transfer %+v", got)
		}

		// Manual proposal: the reason is required; then it is stored and
		// audited as manual.
		var spare core.Employee
		for _, e := range f.nurses {
			if !proposed[e.ID] && (spare.ID == 0 || e.ID == f.unlinked.ID) {
				spare = e
			}
		}
		rec = h.as(core.RoleHR, http.MethodPost, "/rounds/"+rid+"/transfers", url.Values{"nip": {spare.NIP}, "jabatan_tujuan": {itoa(f.hulu.ID)}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `id="e-alasan"`) {
			t.Fatalf("manual without reason: %d", rec.Code)
		}
		rec = h.as(core.RoleHR, http.MethodPost, "/rounds/"+rid+"/transfers", url.Values{"nip": {spare.NIP}, "jabatan_tujuan": {itoa(f.hulu.ID)},
			"alasan": {"Permintaan kepala Puskesmas Hulu"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("manual: %d %s", rec.Code, rec.Body.String())
		}
		audits, _ := h.st.AuditEntries(ctx, core.AuditFilter{ObjectType: "transfer"})
		var manual, edit bool
		for _, a := range audits {
			manual = manual || (a.Action == "transfer.manual" && strings.Contains(a.After, `"manual":true`) && a.Reason == "Permintaan kepala Puskesmas Hulu")
			edit = edit || (a.Action == "transfer.edit" && a.Reason == "Lebih dekat rumah")
		}
		if !manual || !edit {
			t.Errorf("audit lacks the manual proposal (%v) or the edit (%v): %+v", manual, edit, audits)
		}
		if !strings.Contains(h.as(core.RoleHR, http.MethodGet, "/rounds/"+rid, nil).Body.String(), `data-manual="1"`) {
			t.Error("the manual proposal is not flagged in the table")
		}

		// Accept and reject; the unit head comments but cannot decide.
		if rec := h.as(core.RoleHR, http.MethodPost, "/rounds/"+rid+"/transfers/"+nid+"/accept", nil); rec.Code != http.StatusSeeOther {
			t.Fatalf("accept: %d", rec.Code)
		}
		if got, _ := h.st.Transfer(ctx, nurse.ID); got.AcceptedAt == nil {
			t.Error("accept did not record it")
		}
		tid := itoa(teacher.ID)
		if rec := h.as(core.RoleHR, http.MethodPost, "/rounds/"+rid+"/transfers/"+tid+"/reject", nil); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("reject without reason: %d", rec.Code)
		}
		if rec := h.as(core.RoleHR, http.MethodPost, "/rounds/"+rid+"/transfers/"+tid+"/reject", url.Values{"alasan": {"Sekolah sedang direnovasi"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("reject: %d", rec.Code)
		}
		unitPage := h.as(core.RoleUnit, http.MethodGet, "/rounds/"+rid, nil).Body.String()
		if !strings.Contains(unitPage, `id="t-`+nid+`"`) || strings.Contains(unitPage, `id="t-`+tid+`"`) || strings.Contains(unitPage, "Gita Puspita") {
			t.Error("the unit head must see the Dinas Kesehatan proposals only")
		}
		if strings.Contains(unitPage, `id="accept-`) || strings.Contains(unitPage, `id="plan-button"`) {
			t.Error("the unit head is offered decisions")
		}
		for _, p := range []string{"/transfers/" + nid + "/accept", "/transfers/" + nid + "/reject", "/transfers/" + nid + "/edit", "/announce", "/approve"} {
			if rec := h.as(core.RoleUnit, http.MethodPost, "/rounds/"+rid+p, url.Values{"alasan": {"x"}}); rec.Code != http.StatusForbidden {
				t.Errorf("unit head POST %s: %d", p, rec.Code)
			}
		}
		if rec := h.as(core.RoleUnit, http.MethodPost, "/rounds/"+rid+"/transfers/"+tid+"/comments", url.Values{"komentar": {"x"}}); rec.Code != http.StatusNotFound {
			t.Errorf("unit head commented outside their units: %d", rec.Code)
		}
		if rec := h.as(core.RoleUnit, http.MethodPost, "/rounds/"+rid+"/transfers/"+nid+"/comments", url.Values{"komentar": {" "}}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("empty comment: %d", rec.Code)
		}
		if rec := h.as(core.RoleUnit, http.MethodPost, "/rounds/"+rid+"/transfers/"+nid+"/comments", url.Values{"komentar": {"Puskesmas Hulu butuh perawat IGD"}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("comment: %d", rec.Code)
		}
		if !strings.Contains(h.as(core.RoleHR, http.MethodGet, "/rounds/"+rid, nil).Body.String(), "Puskesmas Hulu butuh perawat IGD") {
			t.Error("HR does not see the unit head's comment")
		}
		if audits, _ := h.st.AuditEntries(ctx, core.AuditFilter{Actor: core.AdminActor(h.users[core.RoleUnit].ID)}); len(audits) != 1 || audits[0].Action != "transfer.comment" {
			t.Errorf("comment audit: %+v", audits)
		}

		// Announce: notices queue; the delivery counts and the unreachable
		// list show the employee without Telegram.
		rec = h.as(core.RoleHR, http.MethodPost, "/rounds/"+rid+"/announce", nil)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("announce: %d %s", rec.Code, rec.Body.String())
		}
		page = h.as(core.RoleHR, http.MethodGet, "/rounds/"+rid, nil).Body.String()
		if !strings.Contains(page, `id="delivery-unreachable">1<`) || !strings.Contains(page, `hx-trigger="every 2s"`) {
			t.Errorf("delivery counts missing or not polling")
		}
		un := h.as(core.RoleHR, http.MethodGet, "/rounds/"+rid+"/unreachable", nil).Body.String()
		if !strings.Contains(un, f.unlinked.Name) || !strings.Contains(un, f.unlinked.NIP) || !strings.Contains(un, "Belum menautkan Telegram") {
			t.Errorf("unreachable list lacks %s", f.unlinked.Name)
		}
		if strings.Contains(un, f.nurses[0].Name) && proposed[f.nurses[0].ID] {
			t.Errorf("a linked employee is listed as unreachable")
		}
		rec = h.as(core.RoleHR, http.MethodGet, "/rounds/"+rid+"/unreachable.xlsx", nil)
		if x, err := excelize.OpenReader(rec.Body); err != nil {
			t.Errorf("unreachable xlsx: %v", err)
		} else if rows, _ := x.GetRows(x.GetSheetList()[0]); !strings.Contains(strings.Join(flat(rows), "|"), f.unlinked.NIP) {
			t.Errorf("unreachable xlsx lacks the NIP")
		}
		if rec := h.as(core.RoleUnit, http.MethodGet, "/rounds/"+rid+"/unreachable", nil); rec.Code != http.StatusForbidden {
			t.Errorf("unit head read the unreachable list: %d", rec.Code)
		}

		// Approve: the SK number is required; then the decree lists every
		// approved transfer.
		if rec := h.as(core.RoleHR, http.MethodGet, "/rounds/"+rid+"/decree.pdf", nil); rec.Code != http.StatusConflict {
			t.Errorf("decree before approval: %d", rec.Code)
		}
		rec = h.as(core.RoleHR, http.MethodPost, "/rounds/"+rid+"/approve", url.Values{"sk_number": {""}, "effective_date": {"2027-01-04"}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "approve-form") {
			t.Fatalf("approve without SK: %d", rec.Code)
		}
		rec = h.as(core.RoleHR, http.MethodPost, "/rounds/"+rid+"/approve", url.Values{"sk_number": {"800/123/BKPSDM/2026"}, "effective_date": {"2027-01-04"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body.String())
		}
		approved, _ := h.st.Transfers(ctx, core.TransferFilter{RoundID: rs[0].ID, Statuses: []core.TransferStatus{core.TransferApproved}})
		if len(approved) != len(ts) { // every proposal, the rejected teacher out and the manual one in
			t.Errorf("%d approved, want %d", len(approved), len(ts))
		}
		h.srv.deps.Place = "Sukamaju" // SEIMBANG_DECREE_PLACE
		rec = h.as(core.RoleAuditor, http.MethodGet, "/rounds/"+rid+"/decree.pdf", nil)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" {
			t.Fatalf("decree pdf: %d", rec.Code)
		}
		text := pdfText(t, rec.Body.Bytes())
		for _, want := range []string{"LAMPIRAN KEPUTUSAN", "800/123/BKPSDM/2026", "TENTANG", "4 Januari 2027", "Penata Muda, III/a", "PEJABAT PEMBINA KEPEGAWAIAN", "Sukamaju,"} {
			if !strings.Contains(text, want) {
				t.Errorf("decree PDF lacks %q", want)
			}
		}
		for _, tr := range approved {
			e, _ := h.st.Employee(ctx, tr.EmployeeID)
			if !strings.Contains(text, e.Name) || !strings.Contains(text, e.NIP) {
				t.Errorf("decree PDF lacks %s %s", e.Name, e.NIP)
			}
		}
		if strings.Contains(text, "Gita Puspita") && !containsEmployee(approved, f.teachers[0].ID) {
			t.Error("the rejected teacher is in the decree")
		}
		rec = h.as(core.RoleHR, http.MethodGet, "/rounds/"+rid+"/decree.xlsx", nil)
		x, err := excelize.OpenReader(rec.Body)
		if err != nil {
			t.Fatalf("decree xlsx: %v", err)
		}
		rows, _ := x.GetRows(x.GetSheetList()[0])
		all := strings.Join(flat(rows), "|")
		for _, tr := range approved {
			e, _ := h.st.Employee(ctx, tr.EmployeeID)
			if !strings.Contains(all, e.NIP) {
				t.Errorf("decree xlsx lacks %s", e.NIP)
			}
		}
		if rec := h.as(core.RoleUnit, http.MethodGet, "/rounds/"+rid+"/decree.pdf", nil); rec.Code != http.StatusForbidden {
			t.Errorf("unit head downloaded the decree: %d", rec.Code)
		}
	})
}

func containsEmployee(ts []core.Transfer, id int64) bool {
	for _, t := range ts {
		if t.EmployeeID == id {
			return true
		}
	}
	return false
}

func flat(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// TestRoundDeliveryFragment checks the polled delivery counts: htmx gets
// the counts alone, and they move when the sender marks a notice sent.
func TestRoundDeliveryFragment(t *testing.T) {
	h := newHarness(t, storetest.Backends(t)[0])
	h.roundFixture()
	ctx := context.Background()
	h.as(core.RoleHR, http.MethodPost, "/rounds", url.Values{"nama": {"M"}, "objection_deadline": {"2026-12-10T16:00"}})
	h.as(core.RoleHR, http.MethodPost, "/rounds/1/plan", nil)
	if rec := h.as(core.RoleHR, http.MethodPost, "/rounds/1/announce", nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("announce: %d", rec.Code)
	}
	c, _ := h.session(core.RoleAuditor)
	get := func() string {
		rec := h.do(http.MethodGet, "/rounds/1/delivery", nil, map[string]string{"HX-Request": "true"}, c)
		if rec.Code != http.StatusOK {
			t.Fatalf("delivery: %d", rec.Code)
		}
		return rec.Body.String()
	}
	body := get()
	if strings.Contains(body, "<html") || !strings.Contains(body, `id="delivery-sent">0<`) || !strings.Contains(body, `hx-trigger="every 2s"`) {
		t.Fatalf("fragment: %s", body)
	}
	ns, err := h.st.RoundNotices(ctx, 1)
	if err != nil || len(ns) == 0 {
		t.Fatalf("notices %v, %v", ns, err)
	}
	for _, n := range ns {
		if n.ChatID == 0 {
			continue
		}
		if err := h.st.MarkOutboxSent(ctx, n.MessageID, "test", 1, h.clock.now); err != nil {
			t.Fatal(err)
		}
		break
	}
	if body := get(); !strings.Contains(body, `id="delivery-sent">1<`) {
		t.Errorf("after one notice was sent: %s", body)
	}
}

// TestRoundPlanRunsOnce checks that a second planner run of the same round
// while one runs (a double click, another tab) is refused, and that the
// htmx form gets the refusal in place.
func TestRoundPlanRunsOnce(t *testing.T) {
	h := newHarness(t, storetest.Backends(t)[0])
	h.roundFixture()
	ctx := context.Background()
	h.as(core.RoleHR, http.MethodPost, "/rounds", url.Values{"nama": {"M"}, "objection_deadline": {"2026-12-10T16:00"}})
	// A run in progress holds the round's lock.
	if _, err := h.sessions.Hit(ctx, "round-plan:1", time.Minute); err != nil {
		t.Fatal(err)
	}
	c, csrf := h.session(core.RoleHR)
	rec := h.do(http.MethodPost, "/rounds/1/plan", strings.NewReader("csrf="+csrf), map[string]string{"HX-Request": "true"}, c)
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), `id="round-message"`) || strings.Contains(rec.Body.String(), "<html") {
		t.Fatalf("second run: %d %s", rec.Code, rec.Body.String())
	}
	if ts, _ := h.st.Transfers(ctx, core.TransferFilter{RoundID: 1}); len(ts) != 0 {
		t.Fatal("the refused run planned")
	}
	if err := h.sessions.ResetHits(ctx, "round-plan:1"); err != nil {
		t.Fatal(err)
	}
	rec = h.do(http.MethodPost, "/rounds/1/plan", strings.NewReader("csrf="+csrf), map[string]string{"HX-Request": "true"}, c)
	if rec.Code != http.StatusNoContent || rec.Header().Get("HX-Redirect") != "/rounds/1?flash=admin.rounds.flash.planned" {
		t.Fatalf("run: %d %v", rec.Code, rec.Header())
	}
	// The lock is released: planning again works.
	if rec := h.as(core.RoleHR, http.MethodPost, "/rounds/1/plan", nil); rec.Code != http.StatusSeeOther {
		t.Errorf("second run after the first ended: %d", rec.Code)
	}
}

// TestRoundMoveForms checks the edit and manual forms' check step: the
// figures of an allowed move, the reasons of a refused one, nothing saved.
func TestRoundMoveForms(t *testing.T) {
	h := newHarness(t, storetest.Backends(t)[0])
	f := h.roundFixture()
	ctx := context.Background()
	h.as(core.RoleHR, http.MethodPost, "/rounds", url.Values{"nama": {"M"}, "objection_deadline": {"2026-12-10T16:00"}})
	h.as(core.RoleHR, http.MethodPost, "/rounds/1/plan", nil)
	ts, _ := h.st.Transfers(ctx, core.TransferFilter{RoundID: 1})
	if rec := h.as(core.RoleHR, http.MethodGet, "/rounds/1/transfers/"+itoa(ts[0].ID)+"/edit", nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `id="check-button"`) {
		t.Fatalf("edit form: %d", rec.Code)
	}
	if rec := h.as(core.RoleUnit, http.MethodGet, "/rounds/1/transfers/"+itoa(ts[0].ID)+"/edit", nil); rec.Code != http.StatusForbidden {
		t.Errorf("unit head opened the edit form: %d", rec.Code)
	}
	rec := h.as(core.RoleHR, http.MethodGet, "/rounds/1/transfers/new?nip=000000000000000000", nil)
	if !strings.Contains(rec.Body.String(), "tidak ditemukan") {
		t.Errorf("manual form with an unknown NIP: %s", rec.Body.String())
	}
	inRound := map[int64]bool{}
	for _, tr := range ts {
		inRound[tr.EmployeeID] = true
	}
	var spare core.Employee
	for _, e := range f.nurses {
		if !inRound[e.ID] {
			spare = e
		}
	}
	rec = h.as(core.RoleHR, http.MethodPost, "/rounds/1/transfers/check", url.Values{"nip": {spare.NIP}, "jabatan_tujuan": {itoa(f.shortSchool.ID)}})
	if body := rec.Body.String(); !strings.Contains(body, `data-allowed="0"`) || !strings.Contains(body, "rumpun jabatan berbeda") {
		t.Errorf("manual check of a refused move: %s", body)
	}
	rec = h.as(core.RoleHR, http.MethodPost, "/rounds/1/transfers/check", url.Values{"nip": {spare.NIP}, "jabatan_tujuan": {itoa(f.hulu.ID)}})
	if body := rec.Body.String(); !strings.Contains(body, `data-allowed="1"`) || !strings.Contains(body, "Puskesmas Hulu") {
		t.Errorf("manual check of an allowed move: %s", body)
	}
	if after, _ := h.st.Transfers(ctx, core.TransferFilter{RoundID: 1}); len(after) != len(ts) {
		t.Error("a check stored a proposal")
	}
}

// TestRoundPagesInBothLanguages renders every round page in Indonesian and
// English and looks for a text key shown instead of its text.
func TestRoundPagesInBothLanguages(t *testing.T) {
	h := newHarness(t, storetest.Backends(t)[0])
	h.roundFixture()
	ctx := context.Background()
	h.as(core.RoleHR, http.MethodPost, "/rounds", url.Values{"nama": {"M"}, "objection_deadline": {"2026-12-10T16:00"}})
	h.as(core.RoleHR, http.MethodPost, "/rounds/1/plan", nil)
	ts, _ := h.st.Transfers(ctx, core.TransferFilter{RoundID: 1})
	h.as(core.RoleHR, http.MethodPost, "/rounds/1/transfers/"+itoa(ts[0].ID)+"/accept", nil)
	edit := "/rounds/1/transfers/" + itoa(ts[1].ID) + "/edit"
	check := func(lang string, pages ...string) {
		for _, p := range pages {
			c, _ := h.session(core.RoleHR)
			rec := h.do(http.MethodGet, p, nil, nil, c, &http.Cookie{Name: "lang", Value: lang})
			if rec.Code != http.StatusOK {
				t.Errorf("%s %s: %d", lang, p, rec.Code)
				continue
			}
			if i := strings.Index(rec.Body.String(), "admin.rounds."); i >= 0 {
				t.Errorf("%s %s shows a text key: %s", lang, p, rec.Body.String()[i:min(i+60, rec.Body.Len())])
			}
		}
	}
	check("id", edit)
	check("en", edit)
	h.as(core.RoleHR, http.MethodPost, "/rounds/1/announce", nil)
	if rec := h.as(core.RoleHR, http.MethodGet, edit, nil); rec.Code != http.StatusConflict {
		t.Errorf("edit form of an announced transfer: %d", rec.Code)
	}
	for _, lang := range []string{"id", "en"} {
		check(lang, "/rounds", "/rounds/new", "/rounds/1", "/rounds/1/unreachable", "/rounds/1/transfers/new")
	}
}
