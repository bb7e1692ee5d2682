package admin

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestAccessTable walks every route of the access table with every role
// and checks that exactly the roles it names get in; routes outside the
// table are only the probes and static files.
func TestAccessTable(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	h.token(core.RoleHR) // token 1, revoked by POST /tokens/1/revoke
	tokens := map[core.Role]string{}
	for _, r := range core.Roles {
		tokens[r] = h.token(r)
	}
	spare := core.AdminUser{Email: "cadangan@seimbang.test", Name: "Cadangan", PasswordHash: "x", Role: core.RoleHR}
	if err := h.st.CreateAdminUser(context.Background(), &spare); err != nil {
		t.Fatal(err)
	}
	fill := strings.NewReplacer(":id/revoke", "1/revoke", ":lang", "en", ":kind", "employees", ":nip", h.emps["PKM-A"].NIP,
		"/units/:code", "/units/PKM-A", "/positions/:code", "/positions/J-PKM-A")
	target := func(rt route) string {
		p := rt.Path
		switch {
		case strings.HasPrefix(p, "/employees/:id"):
			p = strings.Replace(p, ":id", itoa(h.emps["PKM-A"].ID), 1)
		case strings.HasPrefix(p, "/units/:id"):
			p = strings.Replace(p, ":id", itoa(h.units["PKM-A"].ID), 1)
		case strings.HasPrefix(p, "/positions/:id"):
			p = strings.Replace(p, ":id", itoa(h.pos["J-PKM-A"].ID), 1)
		case strings.HasPrefix(p, "/api/v1/users/:id"):
			p = strings.Replace(p, ":id", itoa(spare.ID), 1)
		case strings.HasPrefix(p, "/users/:id"):
			p = strings.Replace(p, ":id", itoa(h.users[core.RoleHR].ID), 1)
		}
		return fill.Replace(p)
	}
	for _, rt := range h.srv.table {
		if rt.Via == viaNone {
			continue
		}
		for _, r := range core.Roles {
			t.Run(rt.Method+" "+rt.Path+" as "+string(r), func(t *testing.T) {
				var code int
				if rt.Via == viaSession {
					code = h.as(r, rt.Method, target(rt), nil).Code
				} else {
					body := ""
					if rt.Method == http.MethodPost || rt.Method == http.MethodPatch {
						body = "{}"
					}
					code = h.api(tokens[r], rt.Method, target(rt), body).Code
				}
				allowed := slices.Contains(rt.Roles, r)
				if allowed && (code == http.StatusForbidden || code == http.StatusUnauthorized || code >= 500) {
					t.Errorf("%s may use it but got %d", r, code)
				}
				if !allowed && code != http.StatusForbidden {
					t.Errorf("%s may not use it but got %d, want 403", r, code)
				}
			})
		}
	}
	t.Run("every route is in the table", func(t *testing.T) {
		inTable := map[string]bool{}
		for _, rt := range h.srv.table {
			inTable[rt.Method+" "+rt.Path] = true
		}
		for _, r := range h.srv.engine.Routes() {
			k := r.Method + " " + r.Path
			switch k {
			case "GET /healthz", "GET /readyz", "GET /metrics", "GET /static/*file":
				continue
			}
			if !inTable[k] {
				t.Errorf("route %s is not in the access table", k)
			}
		}
	})
	t.Run("without login", func(t *testing.T) {
		for _, rt := range h.srv.table {
			var rec = h.do(rt.Method, target(rt), strings.NewReader(""), nil)
			switch {
			case rt.Via == viaSession && rt.Method == http.MethodGet:
				if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/login") {
					t.Errorf("%s %s without a session: %d %s, want a redirect to /login", rt.Method, rt.Path, rec.Code, rec.Header().Get("Location"))
				}
			case rt.Via == viaSession:
				if rec.Code != http.StatusUnauthorized {
					t.Errorf("%s %s without a session: %d, want 401", rt.Method, rt.Path, rec.Code)
				}
			case rt.Via == viaToken:
				if rec.Code != http.StatusUnauthorized {
					t.Errorf("%s %s without a token: %d, want 401", rt.Method, rt.Path, rec.Code)
				}
			}
		}
	})
}

// TestOpenAPIMatchesRoutes keeps /api/openapi.json in step with the API
// routes: every route is documented and every documented path exists.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for p, ops := range doc.Paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+p] = true
		}
	}
	s := New(Deps{})
	registered := map[string]bool{}
	for _, rt := range s.accessTable() {
		if rt.Via != viaToken {
			continue
		}
		p := rt.Path
		for _, seg := range strings.Split(p, "/") {
			if strings.HasPrefix(seg, ":") {
				p = strings.Replace(p, seg, "{"+seg[1:]+"}", 1)
			}
		}
		registered[rt.Method+" "+p] = true
	}
	for k := range registered {
		if !documented[k] {
			t.Errorf("route %s is missing from openapi.json", k)
		}
	}
	for k := range documented {
		if !registered[k] {
			t.Errorf("openapi.json documents %s, which is not a route", k)
		}
	}
}
