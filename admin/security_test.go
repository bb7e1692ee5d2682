package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

func TestLogin(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		h := newHarness(t, be)
		email := h.users[core.RoleHR].Email

		t.Run("rotates the session and logs out", func(t *testing.T) {
			b := h.browser()
			b.c.Jar.SetCookies(mustURL(h.ts.URL), []*http.Cookie{{Name: sessionCookie, Value: "planted-by-attacker", Path: "/"}})
			resp, _ := b.login(email, testPassword)
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
				t.Fatalf("login: %d %s", resp.StatusCode, resp.Header.Get("Location"))
			}
			sid := b.cookie(sessionCookie)
			if sid == "" || sid == "planted-by-attacker" {
				t.Fatalf("session cookie after login = %q, want a new one", sid)
			}
			for _, c := range resp.Cookies() {
				if c.Name == sessionCookie && (!c.HttpOnly || c.SameSite != http.SameSiteLaxMode) {
					t.Errorf("session cookie flags: HttpOnly=%v SameSite=%v", c.HttpOnly, c.SameSite)
				}
			}
			resp, page := b.fetch(http.MethodGet, "/", nil)
			if resp.StatusCode != http.StatusOK || !strings.Contains(page, "Dasbor") {
				t.Fatalf("dashboard after login: %d", resp.StatusCode)
			}
			csrf := csrfField.FindStringSubmatch(page)[1]
			resp, _ = b.fetch(http.MethodPost, "/logout", url.Values{"csrf": {csrf}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("logout: %d", resp.StatusCode)
			}
			if _, err := h.sessions.Session(context.Background(), core.HashSecret(sid), 0); err == nil {
				t.Error("session still exists after logout")
			}
		})

		t.Run("wrong password and unknown email look alike", func(t *testing.T) {
			for _, e := range []string{email, "nobody@seimbang.test"} {
				resp, page := h.browser().login(e, "salah-sekali-123")
				if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "Email atau kata sandi salah") {
					t.Errorf("login %s with a wrong password: %d", e, resp.StatusCode)
				}
			}
		})

		t.Run("locked account stays locked", func(t *testing.T) {
			victim := h.users[core.RoleAuditor].Email
			for range maxFailures {
				h.browser().login(victim, "tebakan-salah-123")
			}
			u, _ := h.st.AdminUserByEmail(context.Background(), victim)
			if u.LockedUntil == nil {
				t.Fatal("account not locked after repeated failures")
			}
			resp, page := h.browser().login(victim, testPassword)
			if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(page, "dikunci") {
				t.Errorf("right password on a locked account: %d, want 429 and the lock message", resp.StatusCode)
			}
			h.clock.now = h.clock.now.Add(lockFor - time.Minute)
			if resp, _ := h.browser().login(victim, testPassword); resp.StatusCode != http.StatusTooManyRequests {
				t.Errorf("before the lock ends: %d, want 429", resp.StatusCode)
			}
			h.clock.now = h.clock.now.Add(2 * time.Minute)
			if resp, _ := h.browser().login(victim, testPassword); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("after the lock ended: %d, want a successful login", resp.StatusCode)
			}
		})

		t.Run("too many failures from one address", func(t *testing.T) {
			ctx := context.Background()
			for range addressLimit {
				h.sessions.Hit(ctx, "login:addr:127.0.0.1", addressWindow)
			}
			t.Cleanup(func() { h.sessions.ResetHits(ctx, "login:addr:127.0.0.1") })
			if resp, _ := h.browser().login(email, testPassword); resp.StatusCode != http.StatusTooManyRequests {
				t.Errorf("login from a blocked address: %d, want 429", resp.StatusCode)
			}
		})

		t.Run("login form without its CSRF token", func(t *testing.T) {
			resp, _ := h.browser().fetch(http.MethodPost, "/login", url.Values{"email": {email}, "password": {testPassword}})
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("login without csrf: %d, want 403", resp.StatusCode)
			}
		})
	})
}

func TestFirstLoginMustChangePassword(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	u := h.users[core.RoleSuperadmin]
	u.MustChangePassword = true
	if err := h.st.UpdateAdminUser(context.Background(), &u); err != nil {
		t.Fatal(err)
	}
	b := h.browser()
	resp, _ := b.login(u.Email, testPassword)
	if resp.Header.Get("Location") != "/password" {
		t.Fatalf("login with a temporary password goes to %q, want /password", resp.Header.Get("Location"))
	}
	if resp, _ := b.fetch(http.MethodGet, "/employees", nil); resp.Header.Get("Location") != "/password" {
		t.Errorf("other pages before the change go to %q, want /password", resp.Header.Get("Location"))
	}
	_, page := b.fetch(http.MethodGet, "/password", nil)
	csrf := csrfField.FindStringSubmatch(page)[1]
	resp, page = b.fetch(http.MethodPost, "/password", url.Values{"csrf": {csrf}, "current": {testPassword}, "new": {"pendek"}, "confirm": {"pendek"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "field-error") {
		t.Errorf("short password: %d, want 422 with the problem next to the field", resp.StatusCode)
	}
	old := b.cookie(sessionCookie)
	resp, _ = b.fetch(http.MethodPost, "/password", url.Values{"csrf": {csrf}, "current": {testPassword}, "new": {"kata-sandi-baru-456"}, "confirm": {"kata-sandi-baru-456"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("password change: %d", resp.StatusCode)
	}
	if b.cookie(sessionCookie) == old {
		t.Error("session not rotated after the password change")
	}
	if resp, _ := b.fetch(http.MethodGet, "/employees", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("employees after the change: %d", resp.StatusCode)
	}
	es, _ := h.st.AuditEntries(context.Background(), core.AuditFilter{ObjectType: "admin_user"})
	if len(es) == 0 || es[0].Action != "admin_user.password_change" || strings.Contains(es[0].After+es[0].Before, "$2") {
		t.Errorf("audit after the change: %+v", es)
	}
}

func TestSecurity(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		h := newHarness(t, be)
		ctx := context.Background()
		other := h.emps["SD-1"]

		t.Run("form without CSRF token is refused", func(t *testing.T) {
			c, _ := h.session(core.RoleHR)
			form := url.Values{"kode": {"BARU"}, "nama": {"Unit Baru"}, "jenis": {"dinas"}, "zona_waktu": {"WIB"}}
			rec := h.do(http.MethodPost, "/units", strings.NewReader(form.Encode()), nil, c)
			if rec.Code != http.StatusForbidden {
				t.Errorf("POST /units without csrf: %d, want 403", rec.Code)
			}
			rec = h.do(http.MethodPost, "/units", strings.NewReader(form.Encode()), map[string]string{"X-CSRF-Token": "wrong"}, c)
			if rec.Code != http.StatusForbidden {
				t.Errorf("POST /units with a wrong csrf header: %d, want 403", rec.Code)
			}
			if _, err := h.st.UnitByCode(ctx, "BARU"); err == nil {
				t.Error("the unit was created without a CSRF token")
			}
			if rec := h.as(core.RoleHR, http.MethodPost, "/units", form); rec.Code != http.StatusSeeOther {
				t.Errorf("POST /units with the token: %d, want 303", rec.Code)
			}
		})

		t.Run("unit head sees only their unit tree", func(t *testing.T) {
			for _, path := range []string{"/employees/" + itoa(other.ID), "/units/" + itoa(h.units["SD-1"].ID),
				"/units/" + itoa(h.units["DISDIK"].ID), "/positions/" + itoa(h.pos["J-SD-1"].ID)} {
				if rec := h.as(core.RoleUnit, http.MethodGet, path, nil); rec.Code != http.StatusNotFound {
					t.Errorf("unit head GET %s: %d, want 404", path, rec.Code)
				}
			}
			for _, path := range []string{"/employees", "/employees?unit=" + itoa(h.units["SD-1"].ID), "/units", "/positions", "/workload", "/"} {
				rec := h.as(core.RoleUnit, http.MethodGet, path, nil)
				if rec.Code != http.StatusOK {
					t.Errorf("unit head GET %s: %d", path, rec.Code)
				}
				for _, leak := range []string{other.Name, "SD Negeri 1 Kalisat", "Guru Kelas"} {
					if strings.Contains(rec.Body.String(), leak) {
						t.Errorf("unit head GET %s shows %q of another unit", path, leak)
					}
				}
			}
			if rec := h.as(core.RoleUnit, http.MethodGet, "/employees/"+itoa(h.emps["PKM-A"].ID), nil); rec.Code != http.StatusOK {
				t.Errorf("unit head reading own employee: %d", rec.Code)
			}
			if rec := h.as(core.RoleUnit, http.MethodPost, "/employees/"+itoa(other.ID)+"/link-codes", nil); rec.Code != http.StatusForbidden {
				t.Errorf("unit head creating a link code: %d, want 403", rec.Code)
			}
			tok := h.token(core.RoleUnit)
			for _, path := range []string{"/api/v1/employees/" + other.NIP, "/api/v1/employees?unit=SD-1", "/api/v1/positions?unit=DISDIK"} {
				if rec := h.api(tok, http.MethodGet, path, ""); rec.Code != http.StatusNotFound {
					t.Errorf("unit token GET %s: %d, want 404", path, rec.Code)
				}
			}
			for _, path := range []string{"/api/v1/employees", "/api/v1/units", "/api/v1/positions", "/api/v1/workload"} {
				rec := h.api(tok, http.MethodGet, path, "")
				if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), other.NIP) || strings.Contains(rec.Body.String(), "SD-1") {
					t.Errorf("unit token GET %s: %d %s", path, rec.Code, rec.Body.String())
				}
			}
			if rec := h.api(tok, http.MethodPost, "/api/v1/employees/"+other.NIP+"/link-codes", ""); rec.Code != http.StatusForbidden {
				t.Errorf("unit token creating a link code: %d, want 403", rec.Code)
			}
		})

		t.Run("script from data is shown escaped", func(t *testing.T) {
			e := h.emps["PKM-A"]
			e.Name = `Ani <script>alert("x")</script>`
			if err := h.st.UpdateEmployee(ctx, &e); err != nil {
				t.Fatal(err)
			}
			for _, path := range []string{"/employees?q=Ani", "/employees/" + itoa(e.ID), "/positions/" + itoa(h.pos["J-PKM-A"].ID)} {
				body := h.as(core.RoleHR, http.MethodGet, path, nil).Body.String()
				if strings.Contains(body, "<script>alert") {
					t.Errorf("%s shows the script unescaped", path)
				}
				if !strings.Contains(body, "&lt;script&gt;alert") {
					t.Errorf("%s does not show the name escaped", path)
				}
			}
		})

		t.Run("SQL metacharacters in search are harmless", func(t *testing.T) {
			for _, q := range []string{"' OR '1'='1", "%", "_", `\`, "'; DROP TABLE employees; --", "!"} {
				rec := h.as(core.RoleHR, http.MethodGet, "/employees?q="+url.QueryEscape(q), nil)
				if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `id="total">0 pegawai`) {
					t.Errorf("search %q: %d, want 200 and no match", q, rec.Code)
				}
				if rec := h.api(h.token(core.RoleHR), http.MethodGet, "/api/v1/employees?q="+url.QueryEscape(q), ""); !strings.Contains(rec.Body.String(), `"total":0`) {
					t.Errorf("API search %q: %s", q, rec.Body.String())
				}
			}
			if _, n, err := h.st.Employees(ctx, core.EmployeeFilter{}); err != nil || n != 2 {
				t.Errorf("employees after the searches: %d, %v", n, err)
			}
		})

		t.Run("wrong or missing token", func(t *testing.T) {
			for _, auth := range []string{"", "Bearer ", "Bearer smb_WRONG", "Basic dXNlcjpwYXNz", "smb_x"} {
				rec := h.do(http.MethodGet, "/api/v1/employees", nil, map[string]string{"Authorization": auth})
				if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), `"code":"unauthorized"`) {
					t.Errorf("Authorization %q: %d %s", auth, rec.Code, rec.Body.String())
				}
			}
		})

		t.Run("security headers", func(t *testing.T) {
			rec := h.do(http.MethodGet, "/login", nil, nil)
			for k, want := range map[string]string{"X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
				"Referrer-Policy": "same-origin"} {
				if got := rec.Header().Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			csp := rec.Header().Get("Content-Security-Policy")
			if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("CSP = %q", csp)
			}
			if strings.Contains(rec.Body.String(), "<script>") || strings.Contains(rec.Body.String(), " style=") {
				t.Error("login page has an inline script or style")
			}
		})
	})
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
