package admin

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/redisstore"
	"github.com/seimbang/seimbang/core/scheduler"
)

// testPassword is every seeded user's password.
const testPassword = "kata-sandi-uji-123"

// harness is a panel on a fresh database with two unit trees: Dinas
// Kesehatan (with a health centre) and Dinas Pendidikan (with a school),
// a position and an employee in each leaf, and a user of every role; the
// unit user heads Dinas Kesehatan.
type harness struct {
	t        testing.TB
	srv      *Server
	ts       *httptest.Server
	st       *gormstore.Store
	sessions *redisstore.AdminSessions
	users    map[core.Role]core.AdminUser
	units    map[string]core.Unit     // by code
	pos      map[string]core.Position // by code
	emps     map[string]core.Employee // by unit code of the leaf: PKM-A, SD-1
	clock    *fakeClock
}

type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time { return c.now }

func newHarness(t testing.TB, b storetest.Backend) *harness {
	t.Helper()
	ctx := context.Background()
	st := b.Open(t)
	rc, err := redisstore.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rc.Close() })
	h := &harness{t: t, st: st, sessions: redisstore.NewAdminSessions(rc), users: map[core.Role]core.AdminUser{},
		units: map[string]core.Unit{}, pos: map[string]core.Position{}, emps: map[string]core.Employee{},
		clock: &fakeClock{now: time.Date(2026, 11, 23, 3, 0, 0, 0, time.UTC)}}
	h.seed(ctx)
	h.srv = New(Deps{Log: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn})), Store: st, Sessions: h.sessions, Clock: h.clock,
		BotUsername: "SeimbangUjiBot", Sleep: func(context.Context, time.Duration) {}, Reminder: scheduler.New(st, scheduler.Config{Clock: h.clock})})
	h.ts = httptest.NewServer(h.srv.Handler())
	t.Cleanup(h.ts.Close)
	return h
}

func (h *harness) seed(ctx context.Context) {
	t := h.t
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	addUnit := func(code, name string, kind core.UnitKind, parent string) {
		u := core.Unit{Code: code, Name: name, Kind: kind}
		if parent != "" {
			id := h.units[parent].ID
			u.ParentID = &id
		}
		must(h.st.CreateUnit(ctx, &u))
		h.units[code] = u
	}
	addUnit("DINKES", "Dinas Kesehatan", core.UnitOffice, "")
	addUnit("PKM-A", "Puskesmas Arjasa", core.UnitHealthCentre, "DINKES")
	addUnit("DISDIK", "Dinas Pendidikan", core.UnitOffice, "")
	addUnit("SD-1", "SD Negeri 1 Kalisat", core.UnitSchool, "DISDIK")
	for i, leaf := range []string{"PKM-A", "SD-1"} {
		p := core.Position{Code: "J-" + leaf, UnitID: h.units[leaf].ID, Name: []string{"Perawat", "Guru Kelas"}[i], Kind: core.Functional}
		must(h.st.CreatePosition(ctx, &p))
		h.pos[p.Code] = p
		must(h.st.AddWorkloadTask(ctx, &core.WorkloadTask{PositionID: p.ID, Task: "Pelayanan", YearlyVolume: 1000, StandardMinutes: 150}))
		e := core.Employee{NIP: []string{"198503142010012003", "199001012015031001"}[i], Name: []string{"Siti Aminah", "Budi Santoso"}[i],
			PositionID: &p.ID, Active: true}
		must(h.st.CreateEmployee(ctx, &e))
		h.emps[leaf] = e
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(testPassword), bcrypt.MinCost)
	must(err)
	for _, r := range core.Roles {
		u := core.AdminUser{Email: string(r) + "@seimbang.test", Name: string(r), PasswordHash: string(hash), Role: r}
		if r == core.RoleUnit {
			id := h.units["DINKES"].ID
			u.UnitID = &id
		}
		must(h.st.CreateAdminUser(ctx, &u))
		h.users[r] = u
	}
}

// session starts a session for the role's user directly in the session
// store and returns its cookie and CSRF token.
func (h *harness) session(r core.Role) (*http.Cookie, string) {
	h.t.Helper()
	raw := core.NewSecret(32)
	s := core.Session{ID: core.HashSecret(raw), UserID: h.users[r].ID, CSRFToken: core.NewSecret(20), CreatedAt: h.clock.now,
		ExpiresAt: h.clock.now.Add(time.Hour)}
	if err := h.sessions.SaveSession(context.Background(), s, time.Hour); err != nil {
		h.t.Fatal(err)
	}
	return &http.Cookie{Name: sessionCookie, Value: raw}, s.CSRFToken
}

// token creates an API token of the role (unit: Dinas Kesehatan) and
// returns its secret.
func (h *harness) token(r core.Role) string {
	h.t.Helper()
	secret := TokenPrefix + core.NewSecret(24)
	tok := core.APIToken{Name: "uji " + string(r), Hash: core.HashSecret(secret), Prefix: secret[:10], Role: r, CreatedBy: "test"}
	if r == core.RoleUnit {
		id := h.units["DINKES"].ID
		tok.UnitID = &id
	}
	if err := h.st.CreateAPIToken(context.Background(), &tok); err != nil {
		h.t.Fatal(err)
	}
	return secret
}

// do sends a request through the handler (no network) and returns the
// recorder.
func (h *harness) do(method, target string, body io.Reader, hdr map[string]string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	if body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	h.srv.Handler().ServeHTTP(rec, req)
	return rec
}

// as sends a panel request as the role, with its CSRF token on changes.
func (h *harness) as(r core.Role, method, target string, form url.Values) *httptest.ResponseRecorder {
	c, csrf := h.session(r)
	var body io.Reader
	if method != http.MethodGet {
		if form == nil {
			form = url.Values{}
		}
		form.Set("csrf", csrf)
		body = strings.NewReader(form.Encode())
	}
	return h.do(method, target, body, nil, c)
}

// api sends an API request with the bearer token.
func (h *harness) api(secret, method, target, body string) *httptest.ResponseRecorder {
	hdr := map[string]string{"Content-Type": "application/json"}
	if secret != "" {
		hdr["Authorization"] = "Bearer " + secret
	}
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	return h.do(method, target, r, hdr)
}

// browser is an HTTP client with a cookie jar against the test server.
type browser struct {
	h *harness
	c *http.Client
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (h *harness) browser() *browser {
	jar, _ := cookiejar.New(nil)
	b := &browser{h: h, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	return b
}

func (b *browser) fetch(method, path string, form url.Values) (*http.Response, string) {
	b.h.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, b.h.ts.URL+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.h.t.Fatal(err)
	}
	defer resp.Body.Close()
	bs, _ := io.ReadAll(resp.Body)
	return resp, string(bs)
}

// login posts the login form with password pw and returns the answer.
func (b *browser) login(email, pw string) (*http.Response, string) {
	b.h.t.Helper()
	_, page := b.fetch(http.MethodGet, "/login", nil)
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		b.h.t.Fatalf("login page has no csrf field:\n%s", page)
	}
	return b.fetch(http.MethodPost, "/login", url.Values{"email": {email}, "password": {pw}, "csrf": {m[1]}, "next": {"/"}})
}

func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.h.ts.URL)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// testLog sends the server's log lines to the test's log.
type testLog struct{ t testing.TB }

func (w testLog) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}
