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

	"github.com/seimbang/seimbang/bot/telegramtest"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/round"
)

// objectionFixture is a round in Dinas Kesehatan whose planner moved two
// nurses from a crowded health centre to a short one, one of whom
// objects; and a teachers' round in Dinas Pendidikan (outside the unit
// head's tree) with one objection.
type objectionFixture struct {
	round     core.Round
	svc       *round.Service
	short     core.Position
	objection core.Objection // Dinas Kesehatan, pending
	transfer  core.Transfer  // the objected transfer
	objector  core.Employee
	other     core.Objection // Dinas Pendidikan, pending
}

func ptrTo[T any](v T) *T { return &v }

func seedObjections(t testing.TB, h *harness) objectionFixture {
	t.Helper()
	ctx := context.Background()
	st := h.st
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var f objectionFixture
	var pos []core.Position
	for i, code := range []string{"PKM-HULU", "PKM-KOTA"} {
		u := core.Unit{Code: code, Name: []string{"Puskesmas Hulu", "Puskesmas Kota"}[i], Kind: core.UnitHealthCentre,
			ParentID: ptrTo(h.units["DINKES"].ID), TimeZone: core.WIB, Lat: ptrTo(-8.1 - float64(i)/10), Lng: ptrTo(113.7)}
		must(st.CreateUnit(ctx, &u))
		h.units[code] = u
		p := core.Position{Code: code + "-PRW", UnitID: u.ID, Name: "Perawat Terampil", Kind: core.Functional, JobFamily: "perawat"}
		must(st.CreatePosition(ctx, &p))
		must(st.ReplaceWorkloadTasks(ctx, p.ID, []core.WorkloadTask{{Task: "Asuhan keperawatan", YearlyVolume: 3000, StandardMinutes: 100}}))
		h.pos[p.Code] = p
		pos = append(pos, p)
	}
	f.short = pos[0]
	for i := range 10 {
		p := pos[1]
		if i < 2 {
			p = pos[0]
		}
		e := core.Employee{NIP: fmt.Sprintf("19860202201101%d%03d", 1+i%2, i+1), Name: fmt.Sprintf("Perawat %s", nurseNames[i]),
			PositionID: &p.ID, TMTJabatan: core.Date{Year: 2018, Month: 1, Day: 2}, EducationLevel: "D3", Active: true,
			TelegramUserID: ptrTo(int64(7000 + i))}
		must(st.CreateEmployee(ctx, &e))
	}
	hr := core.AdminActor(h.users[core.RoleHR].ID)
	f.svc = &round.Service{Store: st, Clock: h.clock}
	deadline := h.clock.now.Add(48 * time.Hour) // near: within deadlineNear
	r, err := f.svc.Create(ctx, round.NewRound{Name: "Mutasi Perawat Januari 2027", UnitCodes: []string{"PKM-HULU", "PKM-KOTA"},
		ObjectionDeadline: &deadline, EffectiveDate: core.Date{Year: 2027, Month: 1, Day: 4}}, hr)
	must(err)
	if _, err := f.svc.Plan(ctx, r.ID, hr); err != nil {
		t.Fatal(err)
	}
	if n, err := f.svc.Announce(ctx, r.ID, nil, hr); err != nil || n != 2 {
		t.Fatalf("announce = %d, %v; want 2 transfers", n, err)
	}
	f.round, _ = st.Round(ctx, r.ID)
	ts, err := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID})
	must(err)
	f.transfer = ts[0]
	f.objector, err = st.Employee(ctx, f.transfer.EmployeeID)
	must(err)
	must(st.SavePreference(ctx, &core.Preference{EmployeeID: f.objector.ID, UnitIDs: []int64{pos[1].UnitID},
		Willingness: core.WillingNo, Family: true, Reason: "Merawat ibu yang sakit di kota."}))
	f.objection = core.Objection{TransferID: f.transfer.ID, EmployeeID: f.objector.ID, Category: "family",
		Text: "Ibu saya sakit dan tinggal bersama saya di kota.", Attachments: []string{"file-a", "file-b"}}
	must(st.SubmitObjection(ctx, &f.objection, h.clock.now))

	// The teachers' round: one manual transfer in Dinas Pendidikan.
	sd2 := core.Unit{Code: "SD-2", Name: "SD Negeri 2 Kalisat", Kind: core.UnitSchool, ParentID: ptrTo(h.units["DISDIK"].ID)}
	must(st.CreateUnit(ctx, &sd2))
	guru := core.Position{Code: "J-SD-2", UnitID: sd2.ID, Name: "Guru Kelas", Kind: core.Functional}
	must(st.CreatePosition(ctx, &guru))
	r2, err := f.svc.Create(ctx, round.NewRound{Name: "Mutasi Guru 2027", UnitCodes: []string{"DISDIK"}, ObjectionDeadline: &deadline}, hr)
	must(err)
	budi := h.emps["SD-1"]
	tr := core.Transfer{RoundID: r2.ID, EmployeeID: budi.ID, FromUnitID: h.units["SD-1"].ID, FromPositionID: h.pos["J-SD-1"].ID,
		ToUnitID: sd2.ID, ToPositionID: guru.ID, Manual: true, Reason: "Pemerataan guru kelas."}
	must(st.CreateTransfer(ctx, &tr, hr, "usulan manual"))
	r2.Status = core.RoundPlanned
	must(st.UpdateRound(ctx, &r2))
	if _, err := f.svc.Announce(ctx, r2.ID, nil, hr); err != nil {
		t.Fatal(err)
	}
	f.other = core.Objection{TransferID: tr.ID, EmployeeID: budi.ID, Category: "distance", Text: "Sekolah baru terlalu jauh dari rumah."}
	must(st.SubmitObjection(ctx, &f.other, h.clock.now))
	return f
}

var nurseNames = []string{"Ayu", "Bagus", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hana", "Indra", "Joko"}

// outboxOf returns the outbox messages of kind for the employee.
func outboxOf(t *testing.T, h *harness, employeeID int64, kind string) []core.OutboxMessage {
	t.Helper()
	var out []core.OutboxMessage
	for id := int64(1); ; id++ {
		m, err := h.st.OutboxMessage(context.Background(), id)
		if err != nil {
			return out
		}
		if m.Kind == kind && m.EmployeeID != nil && *m.EmployeeID == employeeID {
			out = append(out, m)
		}
	}
}

func TestObjectionInbox(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	f := seedObjections(t, h)
	dinkes, disdik := "/objections/"+itoa(f.objection.ID), "/objections/"+itoa(f.other.ID)

	body := h.as(core.RoleHR, http.MethodGet, "/objections", nil).Body.String()
	for _, want := range []string{f.objection.Receipt, f.other.Receipt, f.objector.Name, f.objector.NIP, "Puskesmas Kota", "Puskesmas Hulu",
		"Ibu saya sakit", "Keluarga", "Jarak", "Tidak bersedia dimutasi.", "Kendala keluarga.", "Mutasi tetap", "4 Januari 2027",
		`href="` + dinkes + `/files/2"`, "Jabatan: kebutuhan 4,0, ada 8, selisih 4,0", "1 mutasi yang diumumkan belum dikonfirmasi"} {
		if !strings.Contains(body, want) {
			t.Errorf("HR's inbox lacks %q", want)
		}
	}
	// The teachers' round has the same deadline and comes second; the
	// nurse round's objection is the older one.
	if i, j := strings.Index(body, f.objection.Receipt), strings.Index(body, f.other.Receipt); i > j {
		t.Error("the inbox is not sorted by deadline, then age")
	}
	body = h.as(core.RoleHR, http.MethodGet, "/objections?category=distance", nil).Body.String()
	if strings.Contains(body, f.objection.Receipt) || !strings.Contains(body, f.other.Receipt) {
		t.Error("the category filter does not select distance objections only")
	}
	body = h.as(core.RoleHR, http.MethodGet, "/objections?round="+itoa(f.round.ID), nil).Body.String()
	if !strings.Contains(body, f.objection.Receipt) || strings.Contains(body, f.other.Receipt) {
		t.Error("the round filter does not select the round's objections only")
	}
	if rec := h.as(core.RoleHR, http.MethodGet, "/objections?category=gaji", nil); rec.Code != http.StatusUnprocessableEntity ||
		!strings.Contains(rec.Body.String(), "Pilih kategori keberatan") {
		t.Errorf("an unknown category: %d, want 422 with the Indonesian message", rec.Code)
	}

	body = h.as(core.RoleUnit, http.MethodGet, "/objections", nil).Body.String()
	if !strings.Contains(body, f.objection.Receipt) || strings.Contains(body, f.other.Receipt) {
		t.Error("the unit head of Dinas Kesehatan must see its objection and not Dinas Pendidikan's")
	}
	if rec := h.as(core.RoleUnit, http.MethodGet, disdik, nil); rec.Code != http.StatusNotFound {
		t.Errorf("the unit head opened another tree's objection: %d, want 404", rec.Code)
	}
	for _, r := range []core.Role{core.RoleUnit, core.RoleAuditor} {
		body = h.as(r, http.MethodGet, dinkes, nil).Body.String()
		if strings.Contains(body, `id="decision-form"`) || !strings.Contains(body, "keputusan diambil oleh BKPSDM") {
			t.Errorf("%s sees a decision form", r)
		}
	}
	body = h.as(core.RoleHR, http.MethodGet, dinkes, nil).Body.String()
	for _, want := range []string{`id="decision-form"`, "Perawat Terampil", "Puskesmas Hulu", "Merawat ibu yang sakit di kota.",
		"Mutasi Perawat Januari 2027", "Unit: kebutuhan", "Lampiran 1", "Lampiran tidak dapat dibuka karena bot Telegram belum dikonfigurasi."} {
		if !strings.Contains(body, want) {
			t.Errorf("the objection page lacks %q", want)
		}
	}
	if !strings.Contains(h.as(core.RoleHR, http.MethodGet, "/", nil).Body.String(), `href="/objections"`) {
		t.Error("the menu has no link to the objection inbox")
	}
}

func TestObjectionDecisionInPanel(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	f := seedObjections(t, h)
	ctx := context.Background()
	base := "/objections/" + itoa(f.objection.ID)

	rec := h.as(core.RoleHR, http.MethodPost, base+"/decision", url.Values{"answer": {"  "}})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("an empty decision: %d, want 422", rec.Code)
	}
	for _, want := range []string{"Pilih keputusan: kabulkan", "Wajib diisi.", `id="e-answer"`} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("the refused form lacks %q", want)
		}
	}
	long := strings.Repeat("panjang ", 300)
	rec = h.as(core.RoleHR, http.MethodPost, base+"/decision", url.Values{"decision": {"upheld"}, "answer": {long}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "2000") {
		t.Errorf("an over-long answer: %d, want 422 naming the limit", rec.Code)
	}
	for _, r := range []core.Role{core.RoleUnit, core.RoleAuditor} {
		if rec := h.as(r, http.MethodPost, base+"/decision", url.Values{"decision": {"upheld"}, "answer": {"Dikabulkan."}}); rec.Code != http.StatusForbidden {
			t.Errorf("%s decided: %d, want 403", r, rec.Code)
		}
		if rec := h.as(r, http.MethodPost, base+"/replacement", nil); rec.Code != http.StatusForbidden {
			t.Errorf("%s asked for a replacement: %d, want 403", r, rec.Code)
		}
	}
	if o, _ := h.st.Objection(ctx, f.objection.ID); o.Status != core.ObjectionPending {
		t.Fatalf("refused decisions changed the objection to %s", o.Status)
	}
	if n := len(outboxOf(t, h, f.objector.ID, core.OutboxKindDecision)); n != 0 {
		t.Fatalf("refused decisions sent %d answers", n)
	}

	answer := "Keberatan Anda kami kabulkan karena Anda merawat orang tua yang sakit."
	rec = h.as(core.RoleHR, http.MethodPost, base+"/decision", url.Values{"decision": {"upheld"}, "answer": {answer}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("uphold: %d %s", rec.Code, rec.Body.String())
	}
	o, _ := h.st.Objection(ctx, f.objection.ID)
	tr, _ := h.st.Transfer(ctx, f.transfer.ID)
	if o.Status != core.ObjectionUpheld || o.Answer != answer || tr.Status != core.TransferCancelled {
		t.Errorf("after uphold: objection %s %q, transfer %s", o.Status, o.Answer, tr.Status)
	}
	msgs := outboxOf(t, h, f.objector.ID, core.OutboxKindDecision)
	if len(msgs) != 1 || !strings.Contains(msgs[0].Payload, "merawat orang tua yang sakit") || msgs[0].ChatID != *f.objector.TelegramUserID {
		t.Errorf("the employee's answer in the outbox: %+v", msgs)
	}
	var entries []core.AuditEntry
	all, _ := h.st.AuditEntries(ctx, core.AuditFilter{ObjectType: "objection", ObjectID: itoa(o.ID)})
	for _, e := range all {
		if e.Action == "objection.decide" {
			entries = append(entries, e)
		}
	}
	if len(entries) != 1 || entries[0].Actor != core.AdminActor(h.users[core.RoleHR].ID) ||
		!strings.Contains(entries[0].After, "upheld") || !strings.Contains(entries[0].Before, "pending") {
		t.Errorf("audit of the decision: %+v", entries)
	}
	rec = h.as(core.RoleHR, http.MethodPost, base+"/decision", url.Values{"decision": {"rejected"}, "answer": {"Ditolak."}})
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "sudah diputuskan") {
		t.Errorf("deciding twice: %d, want 409 saying it was decided", rec.Code)
	}

	body := h.as(core.RoleHR, http.MethodGet, base, nil).Body.String()
	if !strings.Contains(body, `id="ask-replacement"`) || !strings.Contains(body, answer) {
		t.Error("the upheld objection offers no replacement button or lacks the answer")
	}
	if rec := h.as(core.RoleHR, http.MethodPost, base+"/replacement", nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("ask for a replacement: %d %s", rec.Code, rec.Body.String())
	}
	reps, _ := h.st.Replacements(ctx, o.ID)
	if len(reps) != 1 || reps[0].Status != core.ReplacementProposed {
		t.Fatalf("replacements = %+v", reps)
	}
	repl, _ := h.st.Transfer(ctx, reps[0].TransferID)
	replEmp, _ := h.st.Employee(ctx, repl.EmployeeID)
	if repl.ToPositionID != f.short.ID || repl.EmployeeID == f.objector.ID || repl.Status != core.TransferDraft {
		t.Errorf("the replacement %+v is not another nurse into the open slot", repl)
	}
	body = h.as(core.RoleHR, http.MethodGet, base, nil).Body.String()
	for _, want := range []string{`id="replacement-card"`, replEmp.Name, replEmp.NIP, "menunggu tinjauan", `id="replacement-accept"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the replacement review lacks %q", want)
		}
	}
	if rec := h.as(core.RoleHR, http.MethodPost, base+"/replacement", nil); rec.Code != http.StatusConflict ||
		!strings.Contains(rec.Body.String(), "sudah memiliki usulan pengganti") {
		t.Errorf("a second replacement: %d, want 409", rec.Code)
	}
	if rec := h.as(core.RoleHR, http.MethodPost, base+"/replacement/review", url.Values{"action": {"discard"}}); rec.Code != http.StatusUnprocessableEntity ||
		!strings.Contains(rec.Body.String(), "Alasan wajib diisi") {
		t.Errorf("discarding without a reason: %d, want 422", rec.Code)
	}
	if rec := h.as(core.RoleHR, http.MethodPost, base+"/replacement/review", url.Values{"action": {"accept"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", rec.Code, rec.Body.String())
	}
	reps, _ = h.st.Replacements(ctx, o.ID)
	if reps[0].Status != core.ReplacementAccepted || reps[0].ReviewedBy != core.AdminActor(h.users[core.RoleHR].ID) {
		t.Errorf("after accept: %+v", reps[0])
	}
	entries, _ = h.st.AuditEntries(ctx, core.AuditFilter{ObjectType: "transfer", ObjectID: itoa(repl.ID)})
	actions := map[string]bool{}
	for _, e := range entries {
		actions[e.Action] = true
	}
	if got, _ := h.st.Transfer(ctx, repl.ID); got.AcceptedAt == nil {
		t.Error("the accepted replacement is not accepted in the round's review")
	}
	if !actions["transfer.replacement"] || !actions["objection.replacement_accept"] || !actions["transfer.accept"] {
		t.Errorf("audit of the replacement: %v", actions)
	}
	// The accepted replacement is announced with the round.
	if n, err := f.svc.Announce(ctx, f.round.ID, nil, core.AdminActor(h.users[core.RoleHR].ID)); err != nil || n != 1 {
		t.Errorf("announcing the replacement: %d, %v", n, err)
	}
	if len(outboxOf(t, h, replEmp.ID, core.OutboxKindNotice)) != 1 {
		t.Error("the replacement nurse got no notice")
	}
}

func TestObjectionReplacementDiscard(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	f := seedObjections(t, h)
	ctx := context.Background()
	tok := h.token(core.RoleHR)
	base := "/api/v1/objections/" + itoa(f.objection.ID)
	if rec := h.api(tok, http.MethodPost, base+"/replacement", ""); rec.Code != http.StatusConflict ||
		!strings.Contains(rec.Body.String(), `"invalid_state"`) {
		t.Errorf("a replacement for a pending objection: %d %s, want 409", rec.Code, rec.Body.String())
	}
	if rec := h.api(tok, http.MethodPost, base+"/decision", `{"decision":"upheld","answer":"Dikabulkan."}`); rec.Code != http.StatusOK {
		t.Fatalf("uphold: %d %s", rec.Code, rec.Body.String())
	}
	rec := h.api(tok, http.MethodPost, base+"/replacement", "")
	if rec.Code != http.StatusCreated {
		t.Fatalf("replacement: %d %s", rec.Code, rec.Body.String())
	}
	var got objectionJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got.Replacement == nil {
		t.Fatalf("replacement answer %s: %v", rec.Body.String(), err)
	}
	rec = h.api(tok, http.MethodPost, base+"/replacement/review", `{"action":"discard","reason":"Pegawai ini sedang tugas belajar."}`)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"status":"discarded"`) {
		t.Fatalf("discard: %d %s", rec.Code, rec.Body.String())
	}
	tr, _ := h.st.Transfer(ctx, got.Replacement.Transfer.ID)
	if tr.Status != core.TransferCancelled {
		t.Errorf("the discarded replacement is %s, want cancelled", tr.Status)
	}
	if rec := h.api(tok, http.MethodPost, base+"/replacement/review", `{"action":"accept"}`); rec.Code != http.StatusConflict {
		t.Errorf("reviewing a discarded replacement: %d, want 409", rec.Code)
	}
	// After a discard HR may ask again, and gets someone else.
	rec = h.api(tok, http.MethodPost, base+"/replacement", "")
	var again objectionJSON
	if rec.Code != http.StatusCreated || json.Unmarshal(rec.Body.Bytes(), &again) != nil || again.Replacement == nil ||
		again.Replacement.Employee.NIP == got.Replacement.Employee.NIP || again.Replacement.Status != "proposed" {
		t.Errorf("asking again after a discard: %d %s", rec.Code, rec.Body.String())
	}
}

func TestObjectionAPI(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	f := seedObjections(t, h)
	tokens := map[core.Role]string{}
	for _, r := range core.Roles {
		tokens[r] = h.token(r)
	}
	var list struct {
		Objections []objectionJSON `json:"objections"`
		Unacked    int             `json:"unacknowledged_near_deadline"`
	}
	rec := h.api(tokens[core.RoleHR], http.MethodGet, "/api/v1/objections?status=pending", "")
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &list) != nil {
		t.Fatalf("list: %d %s", rec.Code, rec.Body.String())
	}
	if len(list.Objections) != 2 || list.Objections[0].Receipt != f.objection.Receipt || list.Unacked != 1 {
		t.Fatalf("pending objections: %+v", list)
	}
	o := list.Objections[0]
	if o.Employee.NIP != f.objector.NIP || o.Category != "family" || o.Transfer.To.UnitCode != "PKM-HULU" || o.Transfer.From.UnitCode != "PKM-KOTA" ||
		o.Transfer.EffectiveDate != "2027-01-04" || o.Transfer.Kind != "permanent" || o.Preference == nil || !o.Preference.Family ||
		o.Transfer.From.PositionLoad == nil || o.Transfer.From.PositionLoad.Actual != 8 || o.Transfer.To.UnitLoad == nil ||
		len(o.Attachments) != 2 || o.Attachments[1].URL != "/api/v1/objections/"+itoa(f.objection.ID)+"/files/2" {
		t.Errorf("objection JSON: %+v", o)
	}
	rec = h.api(tokens[core.RoleHR], http.MethodGet, "/api/v1/objections?status=pending&round="+itoa(f.round.ID), "")
	if json.Unmarshal(rec.Body.Bytes(), &list) != nil || len(list.Objections) != 1 {
		t.Errorf("round filter: %s", rec.Body.String())
	}
	rec = h.api(tokens[core.RoleUnit], http.MethodGet, "/api/v1/objections", "")
	if json.Unmarshal(rec.Body.Bytes(), &list) != nil || len(list.Objections) != 1 || list.Objections[0].ID != f.objection.ID {
		t.Errorf("the unit token sees: %s", rec.Body.String())
	}
	if rec := h.api(tokens[core.RoleUnit], http.MethodGet, "/api/v1/objections/"+itoa(f.other.ID), ""); rec.Code != http.StatusNotFound {
		t.Errorf("the unit token read another tree's objection: %d", rec.Code)
	}
	var problem struct {
		Error problem `json:"error"`
	}
	rec = h.api(tokens[core.RoleAuditor], http.MethodGet, "/api/v1/objections?status=bogus&round=999", "")
	if rec.Code != http.StatusUnprocessableEntity || json.Unmarshal(rec.Body.Bytes(), &problem) != nil ||
		!strings.Contains(problem.Error.Fields["status"], "Pilih status keberatan") || problem.Error.Fields["round"] == "" {
		t.Errorf("bad filters: %d %s", rec.Code, rec.Body.String())
	}

	path := "/api/v1/objections/" + itoa(f.objection.ID) + "/decision"
	for _, r := range []core.Role{core.RoleUnit, core.RoleAuditor} {
		if rec := h.api(tokens[r], http.MethodPost, path, `{"decision":"rejected","answer":"Ditolak."}`); rec.Code != http.StatusForbidden ||
			!strings.Contains(rec.Body.String(), `"forbidden"`) {
			t.Errorf("%s decided through the API: %d %s", r, rec.Code, rec.Body.String())
		}
	}
	rec = h.api(tokens[core.RoleHR], http.MethodPost, path, `{"decision":"maybe"}`)
	if rec.Code != http.StatusUnprocessableEntity || json.Unmarshal(rec.Body.Bytes(), &problem) != nil ||
		problem.Error.Fields["decision"] == "" || problem.Error.Fields["answer"] != "Wajib diisi." {
		t.Errorf("a bad decision: %d %s", rec.Code, rec.Body.String())
	}
	if rec := h.api(tokens[core.RoleHR], http.MethodPost, path, `{"decision":"rejected","answer":"x","extra":1}`); rec.Code != http.StatusBadRequest {
		t.Errorf("an unknown field: %d, want 400", rec.Code)
	}
	answer := "Formasi di Puskesmas Hulu sangat mendesak; keberatan tidak dapat dikabulkan."
	rec = h.api(tokens[core.RoleHR], http.MethodPost, path, `{"decision":"rejected","answer":"`+answer+`"}`)
	var decided objectionJSON
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &decided) != nil || decided.Status != "rejected" ||
		decided.Answer != answer || decided.Transfer.Status != "announced" {
		t.Fatalf("reject: %d %s", rec.Code, rec.Body.String())
	}
	if msgs := outboxOf(t, h, f.objector.ID, core.OutboxKindDecision); len(msgs) != 1 || !strings.Contains(msgs[0].Payload, "sangat mendesak") {
		t.Errorf("the employee's answer in the outbox: %+v", msgs)
	}
	if rec := h.api(tokens[core.RoleHR], http.MethodPost, path, `{"decision":"upheld","answer":"Lagi."}`); rec.Code != http.StatusConflict {
		t.Errorf("deciding twice: %d, want 409", rec.Code)
	}
	if rec := h.api(tokens[core.RoleHR], http.MethodPost, "/api/v1/objections/"+itoa(f.objection.ID)+"/replacement", ""); rec.Code != http.StatusConflict {
		t.Errorf("a replacement for a rejected objection: %d, want 409", rec.Code)
	}
	if rec := h.api(tokens[core.RoleHR], http.MethodGet, "/api/v1/objections/424242", ""); rec.Code != http.StatusNotFound {
		t.Errorf("an unknown objection: %d", rec.Code)
	}
}

// TestObjectionAttachments opens a photo and a PDF an employee sent the
// bot through the fake Bot API: the right bytes and content types, the
// token never in what the browser gets, unknown and oversized files
// refused in Indonesian.
func TestObjectionAttachments(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	f := seedObjections(t, h)
	fake := telegramtest.New(t)
	h.srv.deps.Files = TelegramFiles{APIURL: fake.URL(), Token: fake.Token()}
	u := telegramtest.User{ID: *f.objector.TelegramUserID, FirstName: "Ayu"}
	img := bytes.NewBuffer(testPNG(t))
	pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	photo := fake.SendPhoto(u, img.Bytes(), "")
	doc := fake.SendDocument(u, "surat-dokter.pdf", pdf, "")
	big := fake.SendDocument(u, "besar.pdf", append([]byte("%PDF-1.4\n"), make([]byte, MaxAttachmentBytes+1)...), "")
	o := core.Objection{TransferID: f.transfer.ID, EmployeeID: f.objector.ID, Receipt: "KB-LAMPIRAN", Category: "health", Text: "Surat dokter terlampir.",
		Attachments: []string{photo.Message.Photo[0].FileID, doc.Message.Document.FileID, "tidak-ada", big.Message.Document.FileID}}
	if err := h.st.CreateObjection(context.Background(), &o); err != nil {
		t.Fatal(err)
	}
	base := "/objections/" + itoa(o.ID) + "/files/"
	rec := h.as(core.RoleAuditor, http.MethodGet, base+"1", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "image/png" || !bytes.Equal(rec.Body.Bytes(), img.Bytes()) {
		t.Errorf("photo: %d %s, %d bytes", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len())
	}
	rec = h.api(h.token(core.RoleUnit), http.MethodGet, "/api/v1"+base+"2", "")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" || !bytes.Equal(rec.Body.Bytes(), pdf) ||
		!strings.Contains(rec.Header().Get("Content-Disposition"), `filename="keberatan-KB-LAMPIRAN-2.pdf"`) {
		t.Errorf("PDF through the API: %d %v", rec.Code, rec.Header())
	}
	rec = h.as(core.RoleHR, http.MethodGet, base+"3", nil)
	if rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), fake.Token()) {
		t.Errorf("an unknown file id: %d, want 404 without the token", rec.Code)
	}
	rec = h.as(core.RoleHR, http.MethodGet, base+"4", nil)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "lebih besar dari 20 MB") {
		t.Errorf("an oversized file: %d %s", rec.Code, rec.Body.String())
	}
	if rec := h.as(core.RoleHR, http.MethodGet, base+"5", nil); rec.Code != http.StatusNotFound {
		t.Errorf("attachment 5 of 4: %d", rec.Code)
	}
	page := h.as(core.RoleHR, http.MethodGet, "/objections/"+itoa(o.ID), nil).Body.String()
	if strings.Contains(page, fake.Token()) || strings.Contains(page, photo.Message.Photo[0].FileID) || !strings.Contains(page, `href="`+base+"2") {
		t.Error("the objection page shows the token or a file id, or lacks the attachment link")
	}
	if rec := h.as(core.RoleUnit, http.MethodGet, "/objections/"+itoa(f.other.ID)+"/files/1", nil); rec.Code != http.StatusNotFound {
		t.Errorf("a unit head opened another tree's attachment: %d", rec.Code)
	}
	h.srv.deps.Files = TelegramFiles{APIURL: "http://127.0.0.1:1", Token: fake.Token()}
	rec = h.as(core.RoleHR, http.MethodGet, base+"1", nil)
	if rec.Code != http.StatusServiceUnavailable || strings.Contains(rec.Body.String(), fake.Token()) {
		t.Errorf("an unreachable Bot API: %d", rec.Code)
	}
}
