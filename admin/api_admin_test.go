package admin

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/i18n"
)

// apiCall sends an API request and decodes its JSON answer, failing the
// test when the status is not want.
func (h *harness) apiCall(t *testing.T, token, method, path, body string, want int) map[string]any {
	t.Helper()
	rec := h.api(token, method, path, body)
	if rec.Code != want {
		t.Fatalf("%s %s: %d %s, want %d", method, path, rec.Code, rec.Body.String(), want)
	}
	out := map[string]any{}
	if rec.Body.Len() > 0 && strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
	}
	return out
}

// problemIn returns the error object of a problem answer.
func problemIn(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	e, ok := body["error"].(map[string]any)
	if !ok {
		t.Fatalf("answer is not a problem: %v", body)
	}
	return e
}

// fieldsIn returns the field messages of a validation problem.
func fieldsIn(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	e := problemIn(t, body)
	f, ok := e["fields"].(map[string]any)
	if e["code"] != "validation" || !ok {
		t.Fatalf("not a validation problem: %v", e)
	}
	return f
}

// lastAudit returns the newest audit entry of the object.
func (h *harness) lastAudit(t *testing.T, objType, objID string) core.AuditEntry {
	t.Helper()
	es, err := h.st.AuditEntries(context.Background(), core.AuditFilter{ObjectType: objType, ObjectID: objID, Limit: 1})
	if err != nil || len(es) == 0 {
		t.Fatalf("no audit entry for %s %s: %v", objType, objID, err)
	}
	return es[0]
}

// TestAdminAPIRefusals checks every route for users, tokens and the audit
// log: no token or a wrong one gets 401, a role without the right gets
// 403, each as a problem in Bahasa Indonesia, and nothing changes.
func TestAdminAPIRefusals(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	tokens := map[core.Role]string{}
	for _, r := range core.Roles {
		tokens[r] = h.token(r)
	}
	victim := itoa(h.users[core.RoleHR].ID)
	routes := []struct {
		method, path, body string
		allowed            []core.Role
	}{
		{"GET", "/api/v1/users", "", superOnly},
		{"POST", "/api/v1/users", `{"email":"baru@seimbang.test","role":"hr"}`, superOnly},
		{"PATCH", "/api/v1/users/" + victim, `{"role":"superadmin"}`, superOnly},
		{"POST", "/api/v1/users/" + victim + "/password-reset", "", superOnly},
		{"GET", "/api/v1/tokens", "", superOnly},
		{"POST", "/api/v1/tokens", `{"name":"x","role":"superadmin"}`, superOnly},
		{"POST", "/api/v1/tokens/1/revoke", "", superOnly},
		{"GET", "/api/v1/audit", "", auditors},
		{"GET", "/api/v1/audit/export", "", auditors},
	}
	ctx := context.Background()
	before, _ := h.st.AuditEntries(ctx, core.AuditFilter{})
	for _, rt := range routes {
		t.Run(rt.method+" "+rt.path, func(t *testing.T) {
			for _, tc := range []struct{ name, token string }{{"no token", ""}, {"wrong token", TokenPrefix + "SALAH"}} {
				rec := h.api(tc.token, rt.method, rt.path, rt.body)
				var body map[string]any
				json.Unmarshal(rec.Body.Bytes(), &body)
				if rec.Code != http.StatusUnauthorized || !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("%s: %d, want 401 with WWW-Authenticate", tc.name, rec.Code)
					continue
				}
				if e := problemIn(t, body); e["code"] != "unauthorized" || e["message"] != i18n.T(i18n.ID, "admin.err.unauthorized") {
					t.Errorf("%s: problem %v", tc.name, e)
				}
			}
			for _, r := range core.Roles {
				if slices.Contains(rt.allowed, r) {
					continue
				}
				body := h.apiCall(t, tokens[r], rt.method, rt.path, rt.body, http.StatusForbidden)
				if e := problemIn(t, body); e["code"] != "forbidden" || e["message"] != i18n.T(i18n.ID, "err.forbidden") {
					t.Errorf("%s: problem %v", r, e)
				}
			}
		})
	}
	after, _ := h.st.AuditEntries(ctx, core.AuditFilter{})
	if len(after) != len(before) {
		t.Errorf("refused calls wrote %d audit entries", len(after)-len(before))
	}
	if u, _ := h.st.AdminUser(ctx, h.users[core.RoleHR].ID); u.Role != core.RoleHR || u.PasswordHash != h.users[core.RoleHR].PasswordHash {
		t.Errorf("a refused call changed the user: %+v", u)
	}
	if ts, _ := h.st.APITokens(ctx); len(ts) != len(core.Roles) || ts[len(ts)-1].RevokedAt != nil {
		t.Errorf("a refused call changed the tokens: %d tokens", len(ts))
	}
}

// TestAdminAPIUsers drives the users API as a superadmin's program would:
// create, change role, unit and active flag, reset the password; every
// change is audited with its reason, bad input is refused in Bahasa
// Indonesia without writing anything. It runs on one backend: each
// password it sets costs a bcrypt hash, which is slow under the race
// detector on a busy machine.
func TestAdminAPIUsers(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	ctx := context.Background()
	super := h.token(core.RoleSuperadmin)

	list := h.apiCall(t, super, "GET", "/api/v1/users", "", 200)["users"].([]any)
	if len(list) != len(core.Roles) {
		t.Fatalf("users: %v", list)
	}
	for _, u := range list {
		if strings.Contains(toJSON(u), "$2a$") || strings.Contains(toJSON(u), "password_hash") {
			t.Errorf("user list shows a password hash: %v", u)
		}
	}

	f := fieldsIn(t, h.apiCall(t, super, "POST", "/api/v1/users", `{"email":"bukan-email","role":"kepala"}`, 422))
	if f["email"] != `Alamat email "bukan-email" tidak sah.` || !strings.HasPrefix(f["role"].(string), `Peran "kepala" tidak dikenal`) {
		t.Errorf("invalid user fields: %v", f)
	}
	f = fieldsIn(t, h.apiCall(t, super, "POST", "/api/v1/users", `{"email":"kepala@seimbang.test","role":"unit"}`, 422))
	if f["unit_code"] != "Pengguna dengan peran unit wajib dikaitkan dengan sebuah unit." {
		t.Errorf("unit user without unit: %v", f)
	}
	f = fieldsIn(t, h.apiCall(t, super, "POST", "/api/v1/users", `{"email":"kepala@seimbang.test","role":"unit","unit_code":"TIDAK-ADA"}`, 422))
	if f["unit_code"] != "Data yang dirujuk (TIDAK-ADA) tidak ditemukan." {
		t.Errorf("unknown unit: %v", f)
	}
	e := problemIn(t, h.apiCall(t, super, "POST", "/api/v1/users", `{"email":"hr@seimbang.test","role":"hr"}`, 409))
	if e["code"] != "conflict" {
		t.Errorf("duplicate email: %v", e)
	}
	h.apiCall(t, super, "POST", "/api/v1/users", `{"email":"x@seimbang.test","role":"hr","password":"rahasia"}`, 400)
	if n, _ := h.st.CountAdminUsers(ctx); n != len(core.Roles) {
		t.Fatalf("refused creations left %d users", n)
	}

	created := h.apiCall(t, super, "POST", "/api/v1/users",
		`{"email":"Kepala@Seimbang.test","name":"Kepala Puskesmas","role":"unit","unit_code":"PKM-A","reason":"kepala baru"}`, 201)
	user, pw := created["user"].(map[string]any), created["password"].(string)
	if user["email"] != "kepala@seimbang.test" || user["unit_code"] != "PKM-A" || user["must_change_password"] != true || user["active"] != true || len(pw) < 12 {
		t.Fatalf("created user: %v", created)
	}
	id := itoa(int64(user["id"].(float64)))
	if resp, _ := h.browser().login("kepala@seimbang.test", pw); resp.Header.Get("Location") != "/password" {
		t.Errorf("the new user's first login goes to %q, want /password", resp.Header.Get("Location"))
	}
	a := h.lastAudit(t, "admin_user", id)
	if a.Action != "admin_user.create" || !strings.HasPrefix(string(a.Actor), "token:") || a.Reason != "kepala baru" || strings.Contains(a.After, "$2") {
		t.Errorf("create audit: %+v", a)
	}

	// A refused change writes nothing.
	f = fieldsIn(t, h.apiCall(t, super, "PATCH", "/api/v1/users/"+id, `{"unit_code":"","name":"Diubah"}`, 422))
	if f["unit_code"] == nil {
		t.Errorf("unit user losing their unit: %v", f)
	}
	if u, _ := h.st.AdminUser(ctx, int64(user["id"].(float64))); u.Name != "Kepala Puskesmas" {
		t.Errorf("refused change stored name %q", u.Name)
	}
	if a2 := h.lastAudit(t, "admin_user", id); a2.ID != a.ID {
		t.Errorf("refused change audited: %+v", a2)
	}

	got := h.apiCall(t, super, "PATCH", "/api/v1/users/"+id, `{"role":"hr","unit_code":"","reason":"pindah ke BKPSDM"}`, 200)
	if got["role"] != "hr" || got["unit_code"] != nil || got["name"] != "Kepala Puskesmas" {
		t.Errorf("changed user: %v", got)
	}
	a = h.lastAudit(t, "admin_user", id)
	if a.Action != "admin_user.update" || !strings.Contains(a.Before, `"role":"unit"`) || !strings.Contains(a.After, `"role":"hr"`) || a.Reason != "pindah ke BKPSDM" {
		t.Errorf("update audit: %+v", a)
	}

	// Disabling ends the user's sessions.
	cookie := h.sessionOf(int64(user["id"].(float64)))
	got = h.apiCall(t, super, "PATCH", "/api/v1/users/"+id, `{"active":false}`, 200)
	if got["active"] != false {
		t.Errorf("disabled user: %v", got)
	}
	if rec := h.do("GET", "/", nil, nil, cookie); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
		t.Errorf("a disabled user's session still works: %d", rec.Code)
	}

	reset := h.apiCall(t, super, "POST", "/api/v1/users/"+id+"/password-reset", `{"reason":"lupa kata sandi"}`, 200)
	if p2, _ := reset["password"].(string); p2 == "" || p2 == pw {
		t.Errorf("reset: %v", reset)
	}
	a = h.lastAudit(t, "admin_user", id)
	if a.Action != "admin_user.reset_password" || a.Reason != "lupa kata sandi" || strings.Contains(a.After, reset["password"].(string)) {
		t.Errorf("reset audit: %+v", a)
	}
	h.apiCall(t, super, "POST", "/api/v1/users/999999/password-reset", "", 404)
	h.apiCall(t, super, "PATCH", "/api/v1/users/999999", `{"name":"x"}`, 404)
	h.apiCall(t, super, "PATCH", "/api/v1/users/"+id, `{"active":"ya"}`, 400)
}

// TestAdminAPITokens creates a token through the API, uses it, lists it
// without its secret and revokes it.
func TestAdminAPITokens(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		h := newHarness(t, be)
		super := h.token(core.RoleSuperadmin)

		f := fieldsIn(t, h.apiCall(t, super, "POST", "/api/v1/tokens", `{"name":" ","role":"tamu"}`, 422))
		if f["name"] != "Wajib diisi." || f["role"] == nil {
			t.Errorf("invalid token fields: %v", f)
		}
		f = fieldsIn(t, h.apiCall(t, super, "POST", "/api/v1/tokens", `{"name":"Kepala","role":"unit"}`, 422))
		if f["unit_code"] != "Pengguna dengan peran unit wajib dikaitkan dengan sebuah unit." {
			t.Errorf("unit token without unit: %v", f)
		}

		tok := h.apiCall(t, super, "POST", "/api/v1/tokens", `{"name":"SIMPEG Dinkes","role":"unit","unit_code":"DINKES","reason":"sinkron SIMPEG"}`, 201)
		secret, _ := tok["token"].(string)
		if !strings.HasPrefix(secret, TokenPrefix) || tok["prefix"] != secret[:10] || tok["unit_code"] != "DINKES" || tok["role"] != "unit" {
			t.Fatalf("created token: %v", tok)
		}
		units := h.apiCall(t, secret, "GET", "/api/v1/units", "", 200)["units"].([]any)
		if len(units) != 2 {
			t.Errorf("the unit token sees %d units, want its own tree of 2", len(units))
		}
		lastUsed := func() string {
			t.Helper()
			for _, x := range h.apiCall(t, super, "GET", "/api/v1/tokens", "", 200)["tokens"].([]any) {
				if x := x.(map[string]any); x["id"] == tok["id"] {
					s, _ := x["last_used_at"].(string)
					return s
				}
			}
			t.Fatal("the new token is not listed")
			return ""
		}
		now := h.clock.now
		if got := lastUsed(); got != now.Format(time.RFC3339) {
			t.Errorf("last used %q, want %s", got, now.Format(time.RFC3339))
		}
		tokID := int64(tok["id"].(float64))
		for _, tc := range []struct {
			ago  time.Duration
			want time.Time
		}{
			{30 * time.Second, now.Add(-30 * time.Second)}, // within the minute: not written again
			{2 * time.Minute, now},
		} {
			if err := h.st.TouchAPIToken(context.Background(), tokID, now.Add(-tc.ago)); err != nil {
				t.Fatal(err)
			}
			h.apiCall(t, secret, "GET", "/api/v1/units", "", 200)
			if got := lastUsed(); got != tc.want.Format(time.RFC3339) {
				t.Errorf("used %s after the last use: last used %q, want %s", tc.ago, got, tc.want.Format(time.RFC3339))
			}
		}
		list := h.api(super, "GET", "/api/v1/tokens", "")
		if list.Code != 200 || strings.Contains(list.Body.String(), secret) || strings.Contains(list.Body.String(), core.HashSecret(secret)) {
			t.Errorf("token list: %d, shows the secret or its hash", list.Code)
		}
		id := itoa(int64(tok["id"].(float64)))
		a := h.lastAudit(t, "api_token", id)
		if a.Action != "api_token.create" || a.Reason != "sinkron SIMPEG" || strings.Contains(a.After, secret) {
			t.Errorf("create audit: %+v", a)
		}

		h.apiCall(t, super, "POST", "/api/v1/tokens/"+id+"/revoke", `{"reason":"bocor"}`, 204)
		h.apiCall(t, secret, "GET", "/api/v1/units", "", 401)
		if a := h.lastAudit(t, "api_token", id); a.Action != "api_token.revoke" || a.Reason != "bocor" {
			t.Errorf("revoke audit: %+v", a)
		}
		h.apiCall(t, super, "POST", "/api/v1/tokens/"+id+"/revoke", "", 404)
		h.apiCall(t, super, "POST", "/api/v1/tokens/abc/revoke", "", 404)
	})
}

// TestAdminAPIAudit reads the audit log through the API with filters and
// pages, and exports it.
func TestAdminAPIAudit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	super, auditor := h.token(core.RoleSuperadmin), h.token(core.RoleAuditor)
	for _, name := range []string{"A", "B", "C"} {
		h.apiCall(t, super, "POST", "/api/v1/tokens", `{"name":"`+name+`","role":"hr","reason":"uji `+name+`"}`, 201)
	}
	h.apiCall(t, super, "POST", "/api/v1/tokens/3/revoke", "", 204)

	es := h.apiCall(t, auditor, "GET", "/api/v1/audit?action=api_token.create&object_type=api_token", "", 200)["entries"].([]any)
	if len(es) != 3 || es[0].(map[string]any)["reason"] != "uji C" || es[0].(map[string]any)["after"].(map[string]any)["name"] != "C" {
		t.Fatalf("filtered entries: %v", es)
	}
	page := h.apiCall(t, auditor, "GET", "/api/v1/audit?action=api_token.create&limit=2", "", 200)
	next, ok := page["next_before_id"].(float64)
	if len(page["entries"].([]any)) != 2 || !ok {
		t.Fatalf("first page: %v", page)
	}
	page = h.apiCall(t, auditor, "GET", "/api/v1/audit?action=api_token.create&limit=2&before_id="+itoa(int64(next)), "", 200)
	if es := page["entries"].([]any); len(es) != 1 || es[0].(map[string]any)["reason"] != "uji A" || page["next_before_id"] != nil {
		t.Errorf("last page: %v", page)
	}
	if es := h.apiCall(t, auditor, "GET", "/api/v1/audit?object_type=api_token&object_id=3", "", 200)["entries"].([]any); len(es) != 2 {
		t.Errorf("one object's entries: %v", es)
	}
	if es := h.apiCall(t, super, "GET", "/api/v1/audit?since=2000-01-01&until=2000-12-31", "", 200)["entries"].([]any); len(es) != 0 {
		t.Errorf("entries of 2000: %v", es)
	}

	f := fieldsIn(t, h.apiCall(t, auditor, "GET", "/api/v1/audit?since=kemarin&limit=5000&before_id=x", "", 422))
	if f["since"] != `Tanggal "kemarin" tidak sah (gunakan TTTT-BB-HH).` || f["limit"] != "Harus berupa bilangan bulat dari 1 sampai 1000." || f["before_id"] != "Harus berupa angka." {
		t.Errorf("bad filters: %v", f)
	}

	rec := h.api(auditor, "GET", "/api/v1/audit/export?format=csv&action=api_token.revoke", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "api_token.revoke") || strings.Contains(rec.Body.String(), "api_token.create") {
		t.Errorf("csv export: %d %s", rec.Code, rec.Body.String())
	}
	rec = h.api(auditor, "GET", "/api/v1/audit/export", "")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != xlsxType || rec.Body.Len() == 0 {
		t.Errorf("xlsx export: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	h.apiCall(t, auditor, "GET", "/api/v1/audit/export?until=31-12-2026", "", 422)
}

// sessionOf starts a session for the user directly in the session store.
func (h *harness) sessionOf(userID int64) *http.Cookie {
	h.t.Helper()
	raw := core.NewSecret(32)
	s := core.Session{ID: core.HashSecret(raw), UserID: userID, CSRFToken: core.NewSecret(20), CreatedAt: h.clock.now,
		ExpiresAt: h.clock.now.Add(time.Hour)}
	if err := h.sessions.SaveSession(context.Background(), s, time.Hour); err != nil {
		h.t.Fatal(err)
	}
	return &http.Cookie{Name: sessionCookie, Value: raw}
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestAPIDataEdits changes a unit, a position and an employee through the
// API (only the fields sent), downloads the employees as xlsx, and checks
// that each change is audited with its reason and that bad input is
// refused in Bahasa Indonesia without a write.
func TestAPIDataEdits(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	ctx := context.Background()
	hr := h.token(core.RoleHR)
	nip := h.emps["PKM-A"].NIP

	u := h.apiCall(t, hr, "PATCH", "/api/v1/units/PKM-A", `{"name":"Puskesmas Arjasa Baru","reason":"ganti nama"}`, 200)
	if u["name"] != "Puskesmas Arjasa Baru" || u["parent_code"] != "DINKES" || u["code"] != "PKM-A" {
		t.Errorf("changed unit: %v", u)
	}
	if a := h.lastAudit(t, "unit", itoa(h.units["PKM-A"].ID)); a.Action != "unit.update" || a.Reason != "ganti nama" || !strings.Contains(a.Before, "Puskesmas Arjasa") {
		t.Errorf("unit audit: %+v", a)
	}
	p := h.apiCall(t, hr, "PATCH", "/api/v1/positions/J-PKM-A", `{"name":"Perawat Ahli","competencies":["triase"]}`, 200)
	if p["name"] != "Perawat Ahli" || p["unit_code"] != "PKM-A" || p["kind"] != "fungsional" {
		t.Errorf("changed position: %v", p)
	}

	e := h.apiCall(t, hr, "PATCH", "/api/v1/employees/"+nip, `{"position_code":"J-SD-1","golongan":"III/c","reason":"mutasi"}`, 200)
	if e["unit_code"] != "SD-1" || e["golongan"] != "III/c" || e["name"] != "Siti Aminah" || e["active"] != true {
		t.Errorf("changed employee: %v", e)
	}
	if a := h.lastAudit(t, "employee", itoa(h.emps["PKM-A"].ID)); a.Action != "employee.update" || a.Reason != "mutasi" || !strings.HasPrefix(string(a.Actor), "token:") {
		t.Errorf("employee audit: %+v", a)
	}
	f := fieldsIn(t, h.apiCall(t, hr, "PATCH", "/api/v1/employees/"+nip, `{"tmt_jabatan":"kemarin"}`, 422))
	if f["tmt_jabatan"] != `Tanggal "kemarin" tidak sah (gunakan TTTT-BB-HH).` {
		t.Errorf("bad date: %v", f)
	}
	f = fieldsIn(t, h.apiCall(t, hr, "PATCH", "/api/v1/employees/"+nip, `{"name":"","golongan":"IX/z"}`, 422))
	if f["name"] != "Wajib diisi." || f["golongan"] == nil {
		t.Errorf("invalid employee: %v", f)
	}
	if got, _ := h.st.EmployeeByNIP(ctx, nip); got.Name != "Siti Aminah" || got.Golongan != "III/c" {
		t.Errorf("a refused change was stored: %+v", got)
	}
	h.apiCall(t, hr, "PATCH", "/api/v1/employees/199901012020011001", `{"name":"x"}`, 404)
	h.apiCall(t, hr, "PATCH", "/api/v1/units/TIDAK-ADA", `{"name":"x"}`, 404)
	h.apiCall(t, hr, "PATCH", "/api/v1/positions/J-PKM-A", `{"gaji":1}`, 400)

	rec := h.api(hr, "GET", "/api/v1/employees/export", "")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != xlsxType || !strings.Contains(xlsxText(t, rec.Body.Bytes()), "Budi Santoso") {
		t.Errorf("export: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	rec = h.api(h.token(core.RoleUnit), "GET", "/api/v1/employees/export", "")
	if text := xlsxText(t, rec.Body.Bytes()); rec.Code != 200 || strings.Contains(text, "Budi Santoso") {
		t.Errorf("a unit head's export shows another unit: %d", rec.Code)
	}
}
