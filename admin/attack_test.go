package admin

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// Attacks on the panel and the API, each a test that fails if the attack
// works. Others live beside the features they attack: session fixation,
// brute force and CSRF in security_test.go (TestLogin, TestSecurity), every
// role against every route in access_test.go (TestAccessTable).

// routeParam matches a path parameter of the access table.
var routeParam = regexp.MustCompile(`:[a-z]+`)

// fillRoute puts the objects of the other unit tree (Dinas Pendidikan and
// its school) into a route's parameters. A parameter it does not know gets
// the other employee's id, so a new route is attacked too.
func (h *harness) fillOther(path string) string {
	other := h.emps["SD-1"]
	ids := map[string]string{"/employees/": itoa(other.ID), "/units/": itoa(h.units["SD-1"].ID),
		"/positions/": itoa(h.pos["J-SD-1"].ID), "/users/": itoa(h.users[core.RoleHR].ID), "/api/v1/employees/": other.NIP}
	return routeParam.ReplaceAllStringFunc(path, func(p string) string {
		switch p {
		case ":lang":
			return "en"
		case ":kind":
			return "employees"
		case ":nip":
			return other.NIP
		}
		for prefix, id := range ids {
			if strings.HasPrefix(path, prefix+p) {
				return id
			}
		}
		return itoa(other.ID)
	})
}

// TestUnitUserCannotReachAnotherUnit walks every route of the access
// table that a unit head may use, as a session and as an API token, aimed
// at the other unit tree's employee, unit and position, with and without
// filters naming that unit: the answer is 403 or 404, or a page that shows
// nothing of the other unit; and nothing is written.
func TestUnitUserCannotReachAnotherUnit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	tok := h.token(core.RoleUnit)
	other := h.emps["SD-1"]
	leaks := []string{other.Name, other.NIP, "SD Negeri 1 Kalisat", "Dinas Pendidikan", "Guru Kelas", "J-SD-1"}
	queries := []string{"", "?unit=" + itoa(h.units["SD-1"].ID), "?unit=" + itoa(h.units["DISDIK"].ID), "?unit=SD-1", "?unit=DISDIK",
		"?q=Budi", "?q=" + other.NIP}
	walked := 0
	for _, rt := range h.srv.table {
		if rt.Via == viaNone || !slices.Contains(rt.Roles, core.RoleUnit) || rt.Path == "/logout" || rt.Path == "/password" {
			continue
		}
		for _, q := range queries {
			target := h.fillOther(rt.Path) + q
			before := h.rowCounts(t)
			var code int
			var body []byte
			var ctype string
			if rt.Via == viaSession {
				rec := h.as(core.RoleUnit, rt.Method, target, url.Values{"nama": {"Diubah Penyerang"}, "unit": {itoa(h.units["SD-1"].ID)}})
				code, body, ctype = rec.Code, rec.Body.Bytes(), rec.Header().Get("Content-Type")
			} else {
				b := ""
				if rt.Method == http.MethodPost {
					b = `{"unit_code":"SD-1","parent_code":"DISDIK","code":"SERANG","name":"Diubah Penyerang"}`
				}
				rec := h.api(tok, rt.Method, target, b)
				code, body, ctype = rec.Code, rec.Body.Bytes(), rec.Header().Get("Content-Type")
			}
			walked++
			what := fmt.Sprintf("unit head %s %s (%s)", rt.Method, target, map[via]string{viaSession: "session", viaToken: "token"}[rt.Via])
			switch {
			case code < 500: // refused (403, 404, or 422 for a filter the route needs), or served: either way nothing of the other unit
				text := string(body)
				if ctype == xlsxType {
					text = xlsxText(t, body)
				}
				for _, leak := range leaks {
					if strings.Contains(text, leak) && !strings.Contains(q, leak) { // a search box shows its own query
						t.Errorf("%s: %d shows %q of the other unit", what, code, leak)
					}
				}
			default:
				t.Errorf("%s: %d, want a refusal or a page without the other unit", what, code)
			}
			if after := h.rowCounts(t); !maps.Equal(before, after) {
				t.Errorf("%s changed the data: %v -> %v", what, before, after)
			}
		}
	}
	if walked < 50 {
		t.Errorf("walked %d requests; the access table lost its unit routes?", walked)
	}
	if e, _ := h.st.Employee(context.Background(), other.ID); e.Name != other.Name {
		t.Errorf("the other unit's employee was renamed to %q", e.Name)
	}
}

// xlsxText returns every cell of a workbook's first sheet, joined.
func xlsxText(tb testing.TB, b []byte) string {
	tb.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	rows, _ := x.GetRows(x.GetSheetName(0))
	var sb strings.Builder
	for _, r := range rows {
		sb.WriteString(strings.Join(r, "\t") + "\n")
	}
	return sb.String()
}

// xss are the payloads planted in every text an employee, an import or an
// admin can set; none may reach a page unescaped.
var xss = []string{`<script>alert("xss")</script>`, `"><img src=x onerror=alert(1)>`, `'><svg onload=alert(2)>`,
	`javascript:alert(3)`}

// xssRaw matches a payload that reached the page as markup.
var xssRaw = regexp.MustCompile(`<script>alert|<img src=x onerror|<svg onload|href="javascript:`)

// TestXSSInEveryShownText plants script in every text the panel shows
// that comes from an employee (objection text), an import or a form (names,
// addresses, job families, tasks, competencies, reasons, audit entries,
// users and tokens), then reads every page of the access table as the
// superadmin with those objects in its parameters: no payload comes out
// as markup.
func TestXSSInEveryShownText(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	ctx := context.Background()
	p := func(i int) string { return xss[i%len(xss)] }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	u := core.Unit{Code: "XSS", Name: "Unit " + p(0), Kind: core.UnitOffice, Address: p(1)}
	must(h.st.CreateUnit(ctx, &u))
	pos := core.Position{Code: "J-XSS", UnitID: u.ID, Name: "Jabatan " + p(1), Kind: core.Functional, JobFamily: p(2),
		AcceptedFields: []string{p(3), p(0)}, Competencies: []string{p(1)}}
	must(h.st.CreatePosition(ctx, &pos))
	must(h.st.AddWorkloadTask(ctx, &core.WorkloadTask{PositionID: pos.ID, Task: "Tugas " + p(2), YearlyVolume: 10, StandardMinutes: 60}))
	e := core.Employee{NIP: "199203152019032004", Name: "Pegawai " + p(0), PositionID: &pos.ID, Active: true,
		EducationField: p(1), Competencies: []string{p(2), p(3)}}
	must(h.st.CreateEmployee(ctx, &e))
	deadline := h.clock.now.Add(48 * time.Hour)
	r := core.Round{Name: "Putaran " + p(0), Status: core.RoundStatus("announced"), ObjectionDeadline: &deadline, CreatedBy: "test"}
	must(h.st.CreateRound(ctx, &r))
	tr := core.Transfer{RoundID: r.ID, EmployeeID: e.ID, FromUnitID: u.ID, FromPositionID: pos.ID, ToUnitID: h.units["SD-1"].ID,
		ToPositionID: h.pos["J-SD-1"].ID, Kind: core.Permanent, Reason: "Alasan " + p(1), Status: core.TransferDraft}
	must(h.st.CreateTransfer(ctx, &tr, "test", p(2)))
	ev, err := tr.Transition(core.TransferAnnounced, "test", h.clock.now, p(3))
	must(err)
	must(h.st.SaveTransition(ctx, &tr, ev))
	o := core.Objection{TransferID: tr.ID, EmployeeID: e.ID, Receipt: "KB-0001", Category: "family", Text: "Keberatan " + p(0),
		Answer: p(1), Status: core.ObjectionPending}
	must(h.st.CreateObjection(ctx, &o))
	must(h.st.AppendAudit(ctx, &core.AuditEntry{At: h.clock.now, Actor: core.Actor(p(0)), Action: "employee.update", ObjectType: "employee",
		ObjectID: itoa(e.ID), Before: `{"nama":"` + strings.ReplaceAll(p(1), `"`, `\"`) + `"}`, After: `{"x":1}`, Reason: p(2)}))
	su := h.users[core.RoleSuperadmin]
	auditor := h.users[core.RoleAuditor]
	auditor.Name = "Pengguna " + p(3) + p(0)
	must(h.st.UpdateAdminUser(ctx, &auditor))
	must(h.st.CreateAPIToken(ctx, &core.APIToken{Name: "Token " + p(0), Hash: core.HashSecret("x"), Prefix: "smb_xss", Role: core.RoleHR, CreatedBy: core.Actor(p(1))}))

	// A CSV import whose cells and file name carry the payloads: the
	// preview (with its problems) and, once applied, the audit page.
	c, csrf := h.session(core.RoleHR)
	csv := "nip;nama;jabatan;tmt_jabatan;kompetensi\n198807072012121002;Impor " + strings.ReplaceAll(p(0), `"`, `""`) +
		";J-XSS;2015-05-01;" + strings.ReplaceAll(p(1), `"`, `""`) + "\n123;" + p(2) + ";" + p(3) + ";kemarin;x\n"
	ct, body := upload("file", p(1)+".csv", []byte(csv), map[string]string{"jenis": "employees", "csrf": csrf})
	rec := h.do(http.MethodPost, "/import", body, map[string]string{"Content-Type": ct}, c)
	if m := xssRaw.FindString(rec.Body.String()); m != "" {
		t.Errorf("import preview shows %q as markup", m)
	}
	csv = "nip;nama;jabatan;tmt_jabatan;kompetensi\n198807072012121002;Impor " + strings.ReplaceAll(p(0), `"`, `""`) + ";J-XSS;2015-05-01;x\n"
	ct, body = upload("file", p(1)+".csv", []byte(csv), map[string]string{"jenis": "employees", "csrf": csrf})
	rec = h.do(http.MethodPost, "/import", body, map[string]string{"Content-Type": ct}, c)
	if m := regexp.MustCompile(`action="/import/([^/]+)/apply"`).FindStringSubmatch(rec.Body.String()); m == nil {
		t.Errorf("import of payload names: %d, no apply form", rec.Code)
	} else {
		rec = h.do(http.MethodPost, "/import/"+m[1]+"/apply", strings.NewReader("csrf="+url.QueryEscape(csrf)), nil, c)
		if rec.Code != http.StatusOK {
			t.Errorf("apply: %d", rec.Code)
		}
	}

	ids := map[string]string{"/employees/": itoa(e.ID), "/units/": itoa(u.ID), "/positions/": itoa(pos.ID),
		"/users/": itoa(auditor.ID), "/api/v1/employees/": e.NIP}
	pages := 0
	for _, rt := range h.srv.table {
		if rt.Method != http.MethodGet || rt.Via != viaSession {
			continue
		}
		target := routeParam.ReplaceAllStringFunc(rt.Path, func(prm string) string {
			for prefix, id := range ids {
				if strings.HasPrefix(rt.Path, prefix+prm) {
					return id
				}
			}
			if prm == ":kind" {
				return "employees"
			}
			return itoa(e.ID)
		})
		for _, q := range []string{"", "?q=" + url.QueryEscape(p(0)), "?q=Pegawai", "?unit=" + itoa(u.ID)} {
			rec := h.as(core.RoleSuperadmin, http.MethodGet, target+q, nil)
			pages++
			if m := xssRaw.FindString(rec.Body.String()); m != "" {
				t.Errorf("GET %s%s (%d) shows %q as markup", target, q, rec.Code, m)
			}
		}
	}
	// The pages that show the planted objects do show them, escaped.
	for path, want := range map[string]string{"/employees/" + itoa(e.ID): "Keberatan &lt;script&gt;", "/units/" + itoa(u.ID): "Unit &lt;script&gt;",
		"/positions/" + itoa(pos.ID): "Tugas &#39;&gt;&lt;svg", "/audit": "Impor", "/users": "Pengguna"} {
		if body := h.as(core.RoleSuperadmin, http.MethodGet, path, nil).Body.String(); !strings.Contains(body, want) {
			t.Errorf("GET %s lacks %q: the payload is not where the test expects it", path, want)
		}
	}
	_ = su
	if pages < 40 {
		t.Errorf("read %d pages; the access table lost its pages?", pages)
	}
}

// TestPathTraversal asks every route that names a file (static assets,
// import templates, the language switch, uploads' kinds) for files outside
// its directory: none is served.
func TestPathTraversal(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	c, _ := h.session(core.RoleHR)
	tok := h.token(core.RoleHR)
	secrets := regexp.MustCompile(`root:x:0:0|package admin|\{\{define|\{\{template|\[mysqld\]|PRIVATE KEY`)
	for _, base := range []string{"/static/", "/import/templates/", "/lang/", "/api/v1/imports/", "/employees/", "/api/v1/employees/"} {
		for _, evil := range []string{"../../../../../../etc/passwd", "..%2f..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
			"....//....//etc/passwd", "..\\..\\..\\etc\\passwd", "%252e%252e%252fetc%252fpasswd", "../templates/layout.html",
			"../access.go", "..%2ftemplates%2flayout.html", "/etc/passwd", "%00../../etc/passwd", "..;/..;/etc/passwd"} {
			target := base + evil
			method := http.MethodGet
			var hdr map[string]string
			if strings.HasPrefix(base, "/api/v1/imports/") {
				method, hdr = http.MethodPost, map[string]string{"Authorization": "Bearer " + tok}
			} else if strings.HasPrefix(base, "/api/") {
				hdr = map[string]string{"Authorization": "Bearer " + tok}
			}
			req, err := http.NewRequest(method, h.ts.URL+target, nil)
			if err != nil {
				continue // not even a URL
			}
			for k, v := range hdr {
				req.Header.Set(k, v)
			}
			req.AddCookie(c)
			resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			buf.ReadFrom(resp.Body)
			resp.Body.Close()
			if resp.StatusCode >= 500 {
				t.Errorf("%s %s: %d", method, target, resp.StatusCode)
			}
			if m := secrets.FindString(buf.String()); m != "" {
				t.Errorf("%s %s: %d serves %q from outside its directory", method, target, resp.StatusCode, m)
			}
			if loc := resp.Header.Get("Location"); strings.HasPrefix(loc, "//") || strings.Contains(loc, "://") {
				t.Errorf("%s %s redirects off the site to %q", method, target, loc)
			}
		}
	}
	// The static route still serves what it should.
	if rec := h.do(http.MethodGet, "/static/"+firstStatic(t), nil, nil); rec.Code != http.StatusOK {
		t.Errorf("a real static file: %d", rec.Code)
	}
	// An open redirect through the language switch or the login's next.
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		rec := h.do(http.MethodGet, "/lang/en?next="+url.QueryEscape(next), nil, nil)
		if loc := rec.Header().Get("Location"); !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
			t.Errorf("/lang/en?next=%s redirects to %q", next, loc)
		}
	}
}

// firstStatic names one embedded static file.
func firstStatic(tb testing.TB) string {
	tb.Helper()
	es, err := staticFS.ReadDir("static")
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range es {
		if !e.IsDir() && !strings.HasSuffix(e.Name(), ".md") {
			return e.Name()
		}
	}
	tb.Fatal("no static file")
	return ""
}

// TestCredentialsDoNotCross checks that a session cookie does not work
// as an API token nor a token as a session, and that a revoked token or
// a logged-out session is refused.
func TestCredentialsDoNotCross(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	c, _ := h.session(core.RoleSuperadmin)
	tok := h.token(core.RoleSuperadmin)
	if rec := h.do(http.MethodGet, "/api/v1/employees", nil, map[string]string{"Authorization": "Bearer " + c.Value}); rec.Code != http.StatusUnauthorized {
		t.Errorf("session id as a bearer token: %d, want 401", rec.Code)
	}
	if rec := h.do(http.MethodGet, "/api/v1/employees", nil, nil, c); rec.Code != http.StatusUnauthorized {
		t.Errorf("session cookie on the API: %d, want 401", rec.Code)
	}
	if rec := h.do(http.MethodGet, "/users", nil, map[string]string{"Authorization": "Bearer " + tok}); rec.Code != http.StatusSeeOther {
		t.Errorf("bearer token on a panel page: %d, want a redirect to the login", rec.Code)
	}
	if rec := h.do(http.MethodGet, "/users", nil, nil, &http.Cookie{Name: sessionCookie, Value: tok}); rec.Code != http.StatusSeeOther {
		t.Errorf("token as a session cookie: %d, want a redirect to the login", rec.Code)
	}
	if rec := h.do(http.MethodGet, "/users", nil, nil, &http.Cookie{Name: sessionCookie, Value: core.HashSecret(c.Value)}); rec.Code != http.StatusSeeOther {
		t.Errorf("the stored session hash as a cookie: %d, want a redirect to the login", rec.Code)
	}
	ts, _ := h.st.APITokens(context.Background())
	var id int64
	for _, x := range ts {
		if x.Hash == core.HashSecret(tok) {
			id = x.ID
		}
	}
	if rec := h.as(core.RoleSuperadmin, http.MethodPost, fmt.Sprintf("/tokens/%d/revoke", id), nil); rec.Code >= 400 {
		t.Fatalf("revoke: %d", rec.Code)
	}
	if rec := h.api(tok, http.MethodGet, "/api/v1/employees", ""); rec.Code != http.StatusUnauthorized {
		t.Errorf("revoked token: %d, want 401", rec.Code)
	}
}
