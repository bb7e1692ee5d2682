package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

func TestEmployeeForm(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		h := newHarness(t, be)
		ctx := context.Background()
		form := url.Values{"nip": {"12345"}, "nama": {""}, "jabatan": {"J-PKM-A"}, "aktif": {"1"}, "telepon": {"0812-3456-7890"}}
		rec := h.as(core.RoleHR, http.MethodPost, "/employees", form)
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("invalid employee: %d", rec.Code)
		}
		for _, id := range []string{`id="e-nip"`, `id="e-nama"`} {
			if !strings.Contains(body, id) {
				t.Errorf("no message next to %s", id)
			}
		}
		form.Set("nip", "199203152019032004")
		form.Set("nama", "Dewi Lestari")
		form.Set("alasan", "pegawai baru")
		rec = h.as(core.RoleHR, http.MethodPost, "/employees", form)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("valid employee: %d %s", rec.Code, rec.Body.String())
		}
		e, err := h.st.EmployeeByNIP(ctx, "199203152019032004")
		if err != nil || e.UnitID == nil || *e.UnitID != h.units["PKM-A"].ID || e.Phone != "+6281234567890" {
			t.Fatalf("stored employee %+v, %v", e, err)
		}
		form.Set("nama", "Dewi Lestari, S.Kep.")
		if rec := h.as(core.RoleHR, http.MethodPost, "/employees/"+itoa(e.ID), form); rec.Code != http.StatusSeeOther {
			t.Fatalf("update: %d", rec.Code)
		}
		es, _ := h.st.AuditEntries(ctx, core.AuditFilter{ObjectType: "employee", ObjectID: itoa(e.ID)})
		if len(es) != 2 || es[0].Action != "employee.update" || !strings.Contains(es[0].Before, `"Dewi Lestari"`) ||
			!strings.Contains(es[0].After, "S.Kep.") || es[1].Reason != "pegawai baru" || es[0].Actor != core.AdminActor(h.users[core.RoleHR].ID) {
			t.Errorf("audit entries: %+v", es)
		}
		form.Set("nip", h.emps["SD-1"].NIP)
		if rec := h.as(core.RoleHR, http.MethodPost, "/employees", form); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `id="e-nip"`) {
			t.Errorf("duplicate NIP: %d, want 422 with the message next to nip", rec.Code)
		}
	})
}

func TestAPI(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		h := newHarness(t, be)
		tok := h.token(core.RoleHR)
		call := func(method, path, body string, want int) map[string]any {
			t.Helper()
			rec := h.api(tok, method, path, body)
			if rec.Code != want {
				t.Fatalf("%s %s: %d %s, want %d", method, path, rec.Code, rec.Body.String(), want)
			}
			var out map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
				t.Fatalf("%s %s: %v", method, path, err)
			}
			return out
		}
		call("POST", "/api/v1/units", `{"code":"PKM-B","name":"Puskesmas Balung","parent_code":"DINKES","kind":"puskesmas","time_zone":"WIB"}`, 201)
		call("POST", "/api/v1/positions", `{"code":"J-PKM-B","unit_code":"PKM-B","name":"Bidan","kind":"fungsional"}`, 201)
		emp := call("POST", "/api/v1/employees", `{"nip":"199203152019032004","name":"Dewi","position_code":"J-PKM-B","tmt_jabatan":"2020-01-01"}`, 201)
		if emp["unit_code"] != "PKM-B" || emp["birth_date"] != "1992-03-15" || emp["gender"] != "P" {
			t.Errorf("created employee: %v", emp)
		}
		got := call("GET", "/api/v1/employees?q=Dewi&unit=PKM-B", "", 200)
		if got["total"] != 1.0 {
			t.Errorf("list: %v", got)
		}
		call("GET", "/api/v1/employees/199203152019032004", "", 200)
		e := call("POST", "/api/v1/employee", "", 404)["error"].(map[string]any)
		if e["code"] != "not_found" || e["message"] != "Data tidak ditemukan." {
			t.Errorf("unknown route error: %v", e)
		}
		lc := call("POST", "/api/v1/employees/199203152019032004/link-codes", "", 201)
		if code, _ := lc["code"].(string); code == "" || lc["link"] != "https://t.me/SeimbangUjiBot?start="+code || lc["expires_at"] == nil {
			t.Errorf("link code: %v", lc)
		} else if _, err := h.st.UseLinkCode(context.Background(), core.HashSecret(code), h.clock.now); err != nil {
			t.Errorf("link code not usable: %v", err)
		}
		e = call("POST", "/api/v1/employees", `{"nip":"199203152019032004","name":"Dewi"}`, 409)["error"].(map[string]any)
		if e["code"] != "conflict" || !strings.Contains(e["message"].(string), "NIP") {
			t.Errorf("duplicate: %v", e)
		}
		e = call("POST", "/api/v1/employees", `{"nip":"123","name":""}`, 422)["error"].(map[string]any)
		if e["code"] != "validation" || e["fields"].(map[string]any)["nip"] == nil {
			t.Errorf("invalid: %v", e)
		}
		call("POST", "/api/v1/units", `{"code":`, 400)
		call("POST", "/api/v1/units", `{"code":"X","name":"Y","color":"red"}`, 400)
		w := call("GET", "/api/v1/workload", "", 200)
		if _, ok := w["imbalance"]; !ok || len(w["units"].([]any)) != 5 {
			t.Errorf("workload: %v", w)
		}
		var doc map[string]any
		if rec := h.do("GET", "/api/openapi.json", nil, nil); rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &doc) != nil {
			t.Errorf("openapi.json: %d", rec.Code)
		}
	})
}

// multipartFile builds a multipart body with the file and extra fields.
func multipartFile(t *testing.T, name, content string, fields map[string]string) (string, *bytes.Buffer) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(content))
	mw.Close()
	return mw.FormDataContentType(), &buf
}

const goodEmployees = "nip;nama;jabatan;tmt_jabatan\n199203152019032004;Dewi Lestari;J-PKM-A;2020-01-01\n198807072012121002;Agus Salim;J-SD-1;2015-05-01\n"
const badEmployees = "nip;nama;jabatan;tmt_jabatan\n199203152019032004;Dewi Lestari;J-PKM-A;2020-01-01\n19880707;Agus Salim;J-SD-1;2015-05-01\n"

func TestImport(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		h := newHarness(t, be)
		ctx := context.Background()
		upload := func(content string) (int, string) {
			c, csrf := h.session(core.RoleHR)
			ct, body := multipartFile(t, "pegawai.csv", content, map[string]string{"jenis": "employees", "csrf": csrf})
			rec := h.do(http.MethodPost, "/import", body, map[string]string{"Content-Type": ct}, c)
			return rec.Code, rec.Body.String()
		}
		code, page := upload(badEmployees)
		if code != http.StatusUnprocessableEntity || !strings.Contains(page, "Baris 3") || !strings.Contains(page, `id="import-problems"`) {
			t.Fatalf("bad file: %d\n%s", code, page)
		}
		if _, n, _ := h.st.Employees(ctx, core.EmployeeFilter{}); n != 2 {
			t.Errorf("a refused file changed the employees: %d", n)
		}
		code, page = upload(goodEmployees)
		m := regexp.MustCompile(`action="/import/([^/]+)/apply"`).FindStringSubmatch(page)
		if code != http.StatusOK || m == nil || !strings.Contains(page, "2 baris: 2 baru, 0 diperbarui") {
			t.Fatalf("good file: %d\n%s", code, page)
		}
		if rec := h.as(core.RoleSuperadmin, http.MethodPost, "/import/"+m[1]+"/apply", nil); rec.Code != http.StatusNotFound {
			t.Errorf("another user applying the upload: %d, want 404", rec.Code)
		}
		rec := h.as(core.RoleHR, http.MethodPost, "/import/"+m[1]+"/apply", nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `id="import-done"`) {
			t.Fatalf("apply: %d\n%s", rec.Code, rec.Body.String())
		}
		if _, n, _ := h.st.Employees(ctx, core.EmployeeFilter{}); n != 4 {
			t.Errorf("employees after the import: %d, want 4", n)
		}
		if es, _ := h.st.AuditEntries(ctx, core.AuditFilter{ObjectType: "import"}); len(es) != 1 || !strings.Contains(es[0].After, `"created":2`) {
			t.Errorf("import audit: %+v", es)
		}

		tok := h.token(core.RoleHR)
		ct, body := multipartFile(t, "pegawai.csv", strings.Replace(badEmployees, "Dewi", "Dewi L.", 1), nil)
		rec = h.do(http.MethodPost, "/api/v1/imports/employees", body, map[string]string{"Content-Type": ct, "Authorization": "Bearer " + tok})
		var out struct {
			Error struct {
				Code     string
				Problems []struct {
					Row     int
					Column  string
					Message string
				}
			}
		}
		json.Unmarshal(rec.Body.Bytes(), &out)
		if rec.Code != 422 || out.Error.Code != "validation" || len(out.Error.Problems) == 0 || out.Error.Problems[0].Row != 3 {
			t.Errorf("API import of a bad file: %d %s", rec.Code, rec.Body.String())
		}
		if e, _ := h.st.EmployeeByNIP(ctx, "199203152019032004"); e.Name != "Dewi Lestari" {
			t.Errorf("a refused API import changed a name to %q", e.Name)
		}

		for _, r := range []core.Role{core.RoleHR, core.RoleUnit} {
			rec := h.as(r, http.MethodGet, "/employees/export", nil)
			if rec.Code != 200 || rec.Header().Get("Content-Type") != xlsxType {
				t.Fatalf("export as %s: %d", r, rec.Code)
			}
			x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			rows, _ := x.GetRows(x.GetSheetName(0))
			want := map[core.Role]int{core.RoleHR: 5, core.RoleUnit: 3}[r] // header + rows
			if len(rows) != want {
				t.Errorf("export as %s: %d rows, want %d", r, len(rows), want)
			}
		}
	})
}

func TestUsersTokensAudit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	ctx := context.Background()
	rec := h.as(core.RoleSuperadmin, http.MethodPost, "/users", url.Values{"email": {"kepala@seimbang.test"}, "peran": {"unit"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "field-error") {
		t.Errorf("unit user without unit: %d", rec.Code)
	}
	rec = h.as(core.RoleSuperadmin, http.MethodPost, "/users", url.Values{"email": {"kepala@seimbang.test"}, "peran": {"unit"},
		"unit": {itoa(h.units["DISDIK"].ID)}})
	m := regexp.MustCompile(`id="new-password">([^<]+)<`).FindStringSubmatch(rec.Body.String())
	if rec.Code != 200 || m == nil {
		t.Fatalf("create user: %d", rec.Code)
	}
	if resp, _ := h.browser().login("kepala@seimbang.test", m[1]); resp.Header.Get("Location") != "/password" {
		t.Errorf("new user's first login goes to %q, want /password", resp.Header.Get("Location"))
	}

	rec = h.as(core.RoleSuperadmin, http.MethodPost, "/tokens", url.Values{"nama": {"SIMPEG"}, "peran": {"auditor"}})
	tm := regexp.MustCompile(`id="new-token">(smb_[A-Z0-9]+)<`).FindStringSubmatch(rec.Body.String())
	if tm == nil {
		t.Fatalf("create token: %d", rec.Code)
	}
	if rec := h.api(tm[1], "GET", "/api/v1/units", ""); rec.Code != 200 {
		t.Errorf("new token: %d", rec.Code)
	}
	if rec := h.as(core.RoleSuperadmin, http.MethodGet, "/tokens", nil); strings.Contains(rec.Body.String(), tm[1]) {
		t.Error("the token list shows a secret")
	}
	ts, _ := h.st.APITokens(ctx)
	if rec := h.as(core.RoleSuperadmin, http.MethodPost, "/tokens/"+itoa(ts[0].ID)+"/revoke", nil); rec.Code != http.StatusSeeOther {
		t.Errorf("revoke: %d", rec.Code)
	}
	if rec := h.api(tm[1], "GET", "/api/v1/units", ""); rec.Code != 401 {
		t.Errorf("revoked token: %d, want 401", rec.Code)
	}

	rec = h.as(core.RoleAuditor, http.MethodGet, "/audit?objek=admin_user", nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "admin_user.create") || strings.Contains(rec.Body.String(), "api_token.create") {
		t.Errorf("audit page filtered by object: %d", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "$2a$") {
		t.Error("the audit log shows a password hash")
	}
	// The page's own csv link exports what the page shows.
	link := regexp.MustCompile(`href="(/audit/export\?format=csv[^"]*)"`).FindStringSubmatch(rec.Body.String())
	if link == nil {
		t.Fatal("the audit page has no csv export link")
	}
	rec = h.as(core.RoleAuditor, http.MethodGet, html.UnescapeString(link[1]), nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "admin_user.create") || strings.Contains(rec.Body.String(), "api_token.create") {
		t.Errorf("the filtered page's csv export: %d %s", rec.Code, rec.Body.String())
	}
	rec = h.as(core.RoleAuditor, http.MethodGet, "/audit/export?format=csv", nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "api_token.revoke") {
		t.Errorf("csv export: %d %s", rec.Code, rec.Body.String())
	}
	rec = h.as(core.RoleAuditor, http.MethodGet, "/audit/export", nil)
	if rec.Code != 200 || rec.Header().Get("Content-Type") != xlsxType {
		t.Errorf("xlsx export: %d", rec.Code)
	}
}

func TestEmployeeTransfersAndActionCounts(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	ctx := context.Background()
	deadline := h.clock.now.Add(48 * time.Hour)
	r := core.Round{Name: "Mutasi 2026", Status: core.RoundStatus("announced"), ObjectionDeadline: &deadline, CreatedBy: "test"}
	if err := h.st.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	e := h.emps["PKM-A"]
	tr := core.Transfer{RoundID: r.ID, EmployeeID: e.ID, FromUnitID: h.units["PKM-A"].ID, FromPositionID: h.pos["J-PKM-A"].ID,
		ToUnitID: h.units["SD-1"].ID, ToPositionID: h.pos["J-SD-1"].ID, Kind: core.Permanent, Reason: "beban kerja", Status: core.TransferDraft}
	if err := h.st.CreateTransfer(ctx, &tr, "test", "usulan"); err != nil {
		t.Fatal(err)
	}
	ev, err := tr.Transition(core.TransferAnnounced, "test", h.clock.now, "diumumkan")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.st.SaveTransition(ctx, &tr, ev); err != nil {
		t.Fatal(err)
	}
	o := core.Objection{TransferID: tr.ID, EmployeeID: e.ID, Receipt: "KB-0001", Category: "family", Text: "Anak saya sakit <b>parah</b>", Status: core.ObjectionPending}
	if err := h.st.CreateObjection(ctx, &o); err != nil {
		t.Fatal(err)
	}
	tpl := core.SurveyTemplate{Name: "Kepuasan", Questions: []core.SurveyQuestion{{Position: 1, Kind: core.QuestionLikert, Text: "Puas?",
		TextEN: "Satisfied?", Options: []string{"1", "2", "3", "4", "5"}, Required: true}}}
	if err := h.st.CreateSurveyTemplate(ctx, &tpl); err != nil {
		t.Fatal(err)
	}
	wave := core.SurveyWave{RoundID: r.ID, TemplateID: tpl.ID, Seq: 1, After: 720 * time.Hour}
	if err := h.st.CreateSurveyWave(ctx, &wave); err != nil {
		t.Fatal(err)
	}
	inv := core.SurveyInvitation{WaveID: wave.ID, TransferID: tr.ID, EmployeeID: e.ID, Status: core.InvitationInvited, DueAt: h.clock.now, InvitedAt: &h.clock.now}
	if _, err := h.st.CreateSurveyInvitation(ctx, &inv); err != nil {
		t.Fatal(err)
	}
	four := 4
	if err := h.st.SaveSurveyAnswer(ctx, core.SurveyAnswer{InvitationID: inv.ID, QuestionID: tpl.Questions[0].ID, Seq: 1, Last: true, Value: &four, At: h.clock.now}); err != nil {
		t.Fatal(err)
	}
	body := h.as(core.RoleHR, http.MethodGet, "/employees/"+itoa(e.ID), nil).Body.String()
	for _, want := range []string{"KB-0001", "diumumkan", "Anak saya sakit &lt;b&gt;parah&lt;/b&gt;", "Survei kepuasan", "<td>dijawab</td>"} {
		if !strings.Contains(body, want) {
			t.Errorf("employee page lacks %q", want)
		}
	}
	body = h.as(core.RoleHR, http.MethodGet, "/", nil).Body.String()
	for _, want := range []string{`<span class="big">1</span>keberatan menunggu`, `<span class="big">1</span>pemberitahuan belum dibaca`,
		`<span class="big">100 %</span>tingkat jawaban survei (1 dari 1)`, `<span class="big">4,00</span>rata-rata kepuasan`} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
}

func TestDashboardHistory(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	if err := h.st.RecordImbalance(context.Background(), "2026-11-01", `{"index":0.5,"under":3,"over":4}`, h.clock.now); err != nil {
		t.Fatal(err)
	}
	body := h.as(core.RoleHR, http.MethodGet, "/", nil).Body.String()
	for _, want := range []string{`id="history-chart"`, "2026-11-01", "2026-11-23", "0,500"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %q", want)
		}
	}
	if body := h.as(core.RoleUnit, http.MethodGet, "/", nil).Body.String(); strings.Contains(body, "history-chart") {
		t.Error("a unit head sees the regency's history")
	}
}

func TestSettingsPage(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	body := h.as(core.RoleSuperadmin, http.MethodGet, "/settings", nil).Body.String()
	for _, want := range []string{"75.000", "1.250 jam", "@SeimbangUjiBot", "5 kali gagal berturut-turut mengunci akun selama 15m0s", "72 jam"} {
		if !strings.Contains(body, want) {
			t.Errorf("settings page lacks %q", want)
		}
	}
}
