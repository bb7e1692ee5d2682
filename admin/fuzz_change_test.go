package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/round"
)

// changeRoute is a route that changes data from a JSON body (API, with a
// bearer token) or a form (panel, with a session and its CSRF token).
type changeRoute struct {
	method, path string
	role         core.Role
	form         bool
	seeds        []string
	// back, for an API route, says where the object an accepted body
	// changed is read back: the path, and the array of the answer holding
	// it by "id" ("" when the path answers with the object itself).
	back func(out map[string]any) (path, list string)
}

// changeFixture is the objections fixture and a draft round on Dinas
// Kesehatan with one manual proposal (a nurse of Puskesmas Kota to
// Puskesmas Hulu), a nurse position in Puskesmas Arjasa, a survey
// template and a spare token.
type changeFixture struct {
	objectionFixture
	draft    core.Round
	proposal core.Transfer
	template core.SurveyTemplate
	spare    core.APIToken
}

func (h *harness) changeFixture(tb testing.TB) changeFixture {
	tb.Helper()
	ctx := context.Background()
	f := changeFixture{objectionFixture: seedObjections(tb, h)}
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	hr := core.AdminActor(h.users[core.RoleHR].ID)
	var err error
	f.draft, err = f.svc.Create(ctx, round.NewRound{Name: "Mutasi Dinkes 2027", UnitCodes: []string{"DINKES"}}, hr)
	must(err)
	p := core.Position{Code: "PKM-A-PRW", UnitID: h.units["PKM-A"].ID, Name: "Perawat Terampil", Kind: core.Functional, JobFamily: "perawat"}
	must(h.st.CreatePosition(ctx, &p))
	h.pos[p.Code] = p
	nurse, err := h.st.EmployeeByNIP(ctx, "198602022011012010")
	must(err)
	f.proposal = core.Transfer{RoundID: f.draft.ID, EmployeeID: nurse.ID, FromUnitID: h.units["PKM-KOTA"].ID, FromPositionID: h.pos["PKM-KOTA-PRW"].ID,
		ToUnitID: h.units["PKM-HULU"].ID, ToPositionID: h.pos["PKM-HULU-PRW"].ID, Manual: true, Reason: "Pemerataan perawat."}
	must(h.st.CreateTransfer(ctx, &f.proposal, hr, "usulan manual"))
	f.template = core.StandardSurveyTemplate()
	f.template.Name = "Survei Uji"
	must(h.st.CreateSurveyTemplate(ctx, &f.template))
	f.spare = core.APIToken{Name: "cadangan", Hash: core.HashSecret(TokenPrefix + "cadangan"), Prefix: "smb_cadang", Role: core.RoleAuditor, CreatedBy: "test"}
	must(h.st.CreateAPIToken(ctx, &f.spare))
	return f
}

// changeRoutes lists the routes, other than the API's PATCH of units,
// positions and employees (FuzzAPIUpdate), that change data from a body,
// each on an object of the fixture, with bodies to start the fuzzer from.
func (h *harness) changeRoutes(f changeFixture) []changeRoute {
	long, over := strings.Repeat("Ā", 70_000), strings.Repeat("Ā", 2001)
	id := func(v int64) string { return fmt.Sprint(v) }
	draft, tr, obj := id(f.draft.ID), id(f.proposal.ID), id(f.objection.ID)
	unitUser := id(h.users[core.RoleUnit].ID)
	nurse := "198602022011011009" // in Puskesmas Kota, not moving
	inList := func(path, list string) func(map[string]any) (string, string) {
		return func(map[string]any) (string, string) { return path, list }
	}
	byID := func(prefix string) func(map[string]any) (string, string) {
		return func(out map[string]any) (string, string) { return fmt.Sprintf("%s%v", prefix, out["id"]), "" }
	}
	form := func(kv ...string) string {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Add(kv[i], kv[i+1])
		}
		return v.Encode()
	}
	api := func(method, path string, role core.Role, back func(map[string]any) (string, string), seeds ...string) changeRoute {
		return changeRoute{method: method, path: path, role: role, back: back,
			seeds: append(seeds, `{}`, `null`, `[]`, ``, `{"reason":"`+long+`"}`, `{"reason":"`+over+`"}`, `{"warna":"merah"}`)}
	}
	panel := func(path string, role core.Role, seeds ...string) changeRoute {
		return changeRoute{method: http.MethodPost, path: path, role: role, form: true,
			seeds: append(seeds, ``, `alasan=`+long, `alasan=`+over, `%zz`, `a=1&a=2&alasan=%00`)}
	}
	hr, super := core.RoleHR, core.RoleSuperadmin
	return []changeRoute{
		api(http.MethodPatch, "/api/v1/transfers/"+tr, hr, inList("/api/v1/rounds/"+draft+"/transfers", "transfers"),
			`{"action":"reject","reason":"`+long+`"}`, `{"action":"accept"}`, `{"action":"reject","reason":"Formasi dibekukan"}`, `{"action":"reject","reason":" "}`,
			`{"action":"edit","to_position_code":"PKM-A-PRW","reason":"Lebih dekat"}`, `{"action":"edit","to_position_code":"J-SD-1"}`,
			`{"action":"edit","to_position_code":""}`, `{"action":"hapus"}`, `{"action":null}`, `{"action":["accept"]}`),
		api(http.MethodPost, "/api/v1/rounds/"+draft+"/transfers", hr, inList("/api/v1/rounds/"+draft+"/transfers", "transfers"),
			`{"nip":"`+nurse+`","to_position_code":"PKM-A-PRW","reason":"Kebutuhan IGD"}`, `{"nip":"`+nurse+`","to_position_code":"PKM-A-PRW"}`,
			`{"nip":"123","to_position_code":"NOPE","reason":"x"}`, `{"nip":"`+f.objector.NIP+`","to_position_code":"PKM-HULU-PRW","reason":"x"}`),
		api(http.MethodPost, "/api/v1/rounds", hr, byID("/api/v1/rounds/"),
			`{"name":"Mutasi Guru 2028","unit_codes":["SD-1"],"objection_deadline":"2026-12-10T09:00:00Z","effective_date":"2027-01-04","params":{"min_years_in_position":2}}`,
			`{"name":"x","params":{"max_moves":-1,"bogus":1}}`, `{"name":"x","params":"x"}`, `{"name":"x","objection_deadline":"kemarin"}`,
			`{"name":"x","effective_date":"2027-02-30"}`, `{"name":"`+long+`"}`, `{"name":"x","unit_codes":["PKM-HULU"]}`, `{"name":"x","params":{"max_moves":1e400}}`),
		api(http.MethodPost, "/api/v1/rounds/"+id(f.round.ID)+"/approve", hr, byID("/api/v1/rounds/"),
			`{"sk_number":"800/123/BKPSDM/2026","effective_date":"2027-01-04"}`, `{"sk_number":"","effective_date":"2027-01-04"}`,
			`{"sk_number":"x","effective_date":"04-01-2027"}`),
		api(http.MethodPost, "/api/v1/objections/"+obj+"/decision", hr, byID("/api/v1/objections/"),
			`{"decision":"upheld","answer":"Keberatan Anda dikabulkan."}`, `{"decision":"rejected","answer":"Ditolak."}`,
			`{"decision":"upheld","answer":" "}`, `{"decision":"mungkin","answer":"x"}`, `{"decision":"upheld","answer":"`+long+`"}`),
		api(http.MethodPost, "/api/v1/objections/"+obj+"/replacement/review", hr, byID("/api/v1/objections/"),
			`{"action":"accept"}`, `{"action":"discard","reason":"Tidak cocok"}`),
		api(http.MethodPatch, "/api/v1/users/"+unitUser, super, inList("/api/v1/users", "users"),
			`{"name":"Kepala Dinas Kesehatan","reason":"Pergantian"}`, `{"role":"auditor","unit_code":""}`, `{"role":"unit","unit_code":""}`,
			`{"role":"raja"}`, `{"unit_code":"NOPE"}`, `{"email":"bukan-email"}`, `{"email":"hr@seimbang.test"}`, `{"active":false}`,
			`{"unlock":true}`, `{"name":null,"email":null}`, `{"name":"`+long+`"}`),
		api(http.MethodPost, "/api/v1/users", super, inList("/api/v1/users", "users"),
			`{"email":"kepala@seimbang.test","name":"Kepala","role":"unit","unit_code":"DISDIK"}`, `{"email":"kepala@seimbang.test","role":"unit"}`,
			`{"email":"superadmin@seimbang.test","name":"x","role":"hr"}`, `{"email":"a@b","role":"hr","active":false}`,
			`{"email":"k@seimbang.test","name":"`+long+`","role":"hr"}`, `{"email":"`+long+`@x.id","role":"hr"}`),
		api(http.MethodPost, "/api/v1/users/"+unitUser+"/password-reset", super, nil, `{"reason":"Lupa kata sandi"}`),
		api(http.MethodPost, "/api/v1/tokens", super, inList("/api/v1/tokens", "tokens"),
			`{"name":"SIMPEG","role":"auditor"}`, `{"name":"Dinkes","role":"unit","unit_code":"DINKES"}`, `{"name":"","role":"superadmin"}`,
			`{"name":"x","role":"unit"}`, `{"name":"`+long+`","role":"auditor"}`),
		api(http.MethodPost, "/api/v1/tokens/"+id(f.spare.ID)+"/revoke", super, nil, `{"reason":"Bocor"}`),
		api(http.MethodPost, "/api/v1/announcements", hr, byID("/api/v1/announcements/"),
			`{"text":"Rapat koordinasi Senin pukul 09.00.","unit_codes":["DINKES"]}`, `{"text":" ","unit_codes":[]}`,
			`{"text":"x","unit_codes":["NOPE"]}`, `{"text":"`+long+`"}`),

		panel("/units/"+id(h.units["PKM-A"].ID), hr, form("kode", "PKM-A", "nama", "Puskesmas Arjasa", "jenis", "puskesmas", "zona_waktu", "WIB",
			"induk", id(h.units["DINKES"].ID), "lat", "-8.1", "lng", "113.7", "alasan", "Koordinat"),
			form("kode", "PKM-A", "nama", "Puskesmas Arjasa", "jenis", "puskesmas", "zona_waktu", "WIB", "induk", id(h.units["PKM-A"].ID)),
			form("kode", "", "nama", "", "jenis", "x", "zona_waktu", "UTC", "induk", "abc", "lat", "1e400")),
		panel("/positions/"+id(h.pos["J-PKM-A"].ID), hr, form("kode", "J-PKM-A", "nama", "Perawat Ahli", "jenis", "fungsional", "unit",
			id(h.units["PKM-A"].ID), "jurusan", "Keperawatan; ;Ners", "kompetensi", "IGD", "pendidikan_min", "D3"),
			form("kode", "J-PKM-A", "nama", "x", "jenis", "x", "unit", "99999999999999999999")),
		panel("/employees/"+id(h.emps["PKM-A"].ID), hr, form("nip", h.emps["PKM-A"].NIP, "nama", "Siti Aminah", "jabatan", "J-PKM-A",
			"aktif", "1", "telepon", "0812-3456-7890", "tmt_jabatan", "2020-01-01", "golongan", "III/a", "lat", "-8.1", "lng", "113.7"),
			form("nip", "1", "nama", "", "jabatan", "-1", "tmt_jabatan", "2020-13-45", "lat", "NaN")),
		panel("/rounds/"+draft+"/transfers/"+tr+"/edit", hr, form("jabatan_tujuan", id(h.pos["PKM-A-PRW"].ID), "alasan", "Lebih dekat"),
			form("jabatan_tujuan", "abc"), form("jabatan_tujuan", id(h.pos["PKM-A-PRW"].ID), "alasan", long), form("jabatan_tujuan", id(h.pos["J-SD-1"].ID), "alasan", "x")),
		panel("/rounds/"+draft+"/transfers", hr, form("nip", nurse, "jabatan_tujuan", id(h.pos["PKM-A-PRW"].ID), "alasan", "Kebutuhan IGD"),
			form("nip", "x", "jabatan_tujuan", "0"), form("nip", nurse, "jabatan_tujuan", id(h.pos["PKM-A-PRW"].ID), "alasan", long)),
		panel("/rounds/"+draft+"/transfers/"+tr+"/reject", hr, form("alasan", long), form("alasan", " "), form("alasan", "Formasi dibekukan")),
		panel("/rounds/"+draft+"/transfers/"+tr+"/accept", hr, form()),
		panel("/rounds/"+draft+"/transfers/"+tr+"/comments", hr, form("komentar", "Puskesmas Hulu butuh perawat IGD"), form("komentar", " "), form("komentar", long)),
		panel("/rounds", hr, form("nama", "Mutasi Guru 2028", "unit_codes", "SD-1", "objection_deadline", "2026-12-10T16:00", "effective_date", "2027-01-04"),
			form("nama", "", "unit_codes", "NOPE,,;", "objection_deadline", "besok"), form("nama", long, "unit_codes", "SD-1")),
		panel("/objections/"+obj+"/decision", hr, form("decision", "upheld", "answer", "Keberatan Anda dikabulkan."), form("decision", "x", "answer", " "), form("decision", "rejected", "answer", long)),
		panel("/objections/"+obj+"/replacement/review", hr, form("action", "accept"), form("action", "discard")),
		panel("/survey-templates/"+id(f.template.ID), hr, templateForm("Survei Uji Baru", true, [4]string{"1", "likert", "Apakah Anda betah?", ""}).Encode(),
			templateForm("", false, [4]string{"x", "pilihan", "Pilih", strings.Repeat("a\n", 100)}).Encode(), "rows=999999999&q0_text=x",
			"rows=-1", "rows=3&action=more", templateForm(long, false, [4]string{"1", "likert", long, ""}).Encode()),
		panel("/users/"+unitUser, super, form("email", "unit@seimbang.test", "nama", "Kepala Dinkes", "peran", "unit", "unit", id(h.units["DINKES"].ID)),
			form("email", "unit@seimbang.test", "nama", "x", "peran", "hr", "nonaktif", "1", "buka_kunci", "1", "atur_ulang_sandi", "1"),
			form("email", "", "peran", "raja", "unit", "x"), form("email", "unit@seimbang.test", "nama", long, "peran", "auditor")),
		panel("/tokens", super, form("nama", "SIMPEG", "peran", "auditor"), form("nama", "", "peran", "unit"), form("nama", long, "peran", "auditor")),
		panel("/tokens/"+id(f.spare.ID)+"/revoke", super, form("alasan", "Bocor")),
		panel("/announcements", hr, form("text", "Rapat koordinasi Senin.", "unit", "DINKES"), form("text", " ", "unit", "NOPE"), form("text", long, "unit", "DINKES")),
	}
}

// changeClient sends a body to a changeRoute as its role: with a bearer
// token to the API, with a session and its CSRF token to the panel.
type changeClient struct {
	h        *harness
	tokens   map[core.Role]string
	sessions map[core.Role]*http.Cookie
	csrf     map[core.Role]string
}

func (h *harness) changeClient() *changeClient {
	c := &changeClient{h: h, tokens: map[core.Role]string{}, sessions: map[core.Role]*http.Cookie{}, csrf: map[core.Role]string{}}
	for _, r := range []core.Role{core.RoleHR, core.RoleSuperadmin} {
		c.tokens[r] = h.token(r)
		c.sessions[r], c.csrf[r] = h.session(r)
		h.api(c.tokens[r], http.MethodGet, "/api/v1/rounds", "") // the token's last use is kept to the minute
	}
	return c
}

func (c *changeClient) send(rt changeRoute, body string) *httptest.ResponseRecorder {
	if !rt.form {
		return c.h.api(c.tokens[rt.role], rt.method, rt.path, body)
	}
	if body != "" {
		body += "&"
	}
	return c.h.do(rt.method, rt.path, strings.NewReader(body+"csrf="+c.csrf[rt.role]), nil, c.sessions[rt.role])
}

// TestChangeBodiesEveryBackend sends the bodies the change fuzz targets
// start from, and bodies over the API's limit, on every backend (MariaDB
// refuses what SQLite stores, such as a text longer than its column):
// never a 5xx, and a refusal changes no row count.
func TestChangeBodiesEveryBackend(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		h := newHarness(t, be)
		routes := h.changeRoutes(h.changeFixture(t))
		for _, tg := range h.updateTargets() {
			routes = append(routes, changeRoute{method: http.MethodPatch, path: tg.path, role: core.RoleHR, seeds: tg.seeds})
		}
		c := h.changeClient()
		huge := `{"reason":"` + strings.Repeat("A", 1<<20) + `"}`
		for _, rt := range routes {
			for _, body := range append(rt.seeds, huge) {
				what := fmt.Sprintf("%s %s with %.200q", rt.method, rt.path, body)
				before := h.rowCounts(t)
				rec := c.send(rt, body)
				switch {
				case rec.Code >= 500:
					t.Errorf("%s: %d %.300s", what, rec.Code, rec.Body.String())
				case rec.Code >= 400 && !rt.form:
					h.checkRefused(t, what, rec, before)
				case rec.Code >= 400:
					if after := h.rowCounts(t); !maps.Equal(before, after) {
						t.Errorf("%s: refused with %d but the data changed: %v -> %v", what, rec.Code, before, after)
					}
				}
			}
		}
	})
}

// FuzzChange sends arbitrary bodies to every route, other than the API's
// PATCH of units, positions and employees, that changes data from a JSON
// body or a form, each as after a change (the dashboard's cache empty):
// never a 5xx nor a line in the server's log; a refusal changes no table,
// and from the API it is a problem in Bahasa Indonesia; an API acceptance
// answers with the object as it then reads back.
func FuzzChange(f *testing.F) {
	h := newHarness(f, storetest.Backends(f)[0])
	logs := h.quietLog()
	routes := h.changeRoutes(h.changeFixture(f))
	c := h.changeClient()
	for i, rt := range routes {
		for _, s := range rt.seeds {
			if len(s) <= maxSeed {
				f.Add(uint8(i), s)
			}
		}
	}
	snap := h.snapshot(f)
	f.Fuzz(func(t *testing.T, route uint8, body string) {
		h.t = t
		rt := routes[int(route)%len(routes)]
		what := fmt.Sprintf("%s %s with %.200q", rt.method, rt.path, body)
		logs.Reset()
		h.srv.dash.invalidate() // as after any change: the next read recomputes the figures
		defer func() {
			if logs.Len() > 0 {
				t.Errorf("%s: the server logged:\n%.1000s", what, logs.String())
			}
		}()
		rec := c.send(rt, body)
		switch {
		case rec.Code >= 500:
			t.Fatalf("%s: %d %.300s", what, rec.Code, rec.Body.String())
		case rec.Code < 400:
			if !rt.form && rt.back != nil {
				checkReadBack(t, h, what, rec.Body.Bytes(), rt, c.tokens[rt.role])
			}
			snap.restore(t)
			return
		}
		if !rt.form && !checkProblem(t, what, rec) {
			return
		}
		if tables := snap.changed(t); len(tables) > 0 {
			t.Errorf("%s: refused with %d but tables %v changed", what, rec.Code, tables)
			snap.restore(t)
		}
	})
}

// checkReadBack fails unless the object an API answer shows is the one
// the API reads back afterwards; a secret shown once is left out.
func checkReadBack(t *testing.T, h *harness, what string, answer []byte, rt changeRoute, tok string) {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal(answer, &out); err != nil {
		t.Fatalf("%s: the answer is not a JSON object: %v: %.300s", what, err, answer)
	}
	if u, ok := out["user"].(map[string]any); ok {
		out = u
	}
	delete(out, "token")
	path, list := rt.back(out)
	rec := h.api(tok, http.MethodGet, path, "")
	var back map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &back); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("%s: read back %s: %d %.300s", what, path, rec.Code, rec.Body.String())
	}
	if list != "" {
		items, _ := back[list].([]any)
		back = nil
		for _, it := range items {
			if m, ok := it.(map[string]any); ok && fmt.Sprint(m["id"]) == fmt.Sprint(out["id"]) {
				back = m
			}
		}
	}
	if diff := cmp.Diff(back, out); diff != "" {
		t.Errorf("%s: the answer is not what reads back from %s (-stored +answer):\n%s", what, path, diff)
	}
}
