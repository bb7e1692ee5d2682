package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/i18n"
)

// updateTarget is an object the API's PATCH routes change: its path,
// bodies to start the fuzzer from, how to read it from the store, and
// how to read back the object an answer names, as the API shows it.
type updateTarget struct {
	path   string
	seeds  []string
	stored func(ctx context.Context) (any, error)
	// answered decodes a 2xx answer and returns it with the stored
	// object it names, shown the way the API shows it, and the stored
	// object's id.
	answered func(ctx context.Context, body []byte) (got, want any, id int64, err error)
}

// updateTargets are the PATCH routes of units, positions and employees on
// the harness's objects in Dinas Kesehatan's tree.
func (h *harness) updateTargets() []updateTarget {
	st := h.st
	long, over := strings.Repeat("Ā", 70_000), strings.Repeat("Ā", 2001)
	names := func(ctx context.Context) nameIndex {
		n, err := h.srv.names(ctx)
		if err != nil {
			h.t.Fatal(err)
		}
		return n
	}
	unit := func(code string) updateTarget {
		return updateTarget{
			path: "/api/v1/units/" + code,
			seeds: []string{`{}`, `{"name":"Puskesmas Arjasa Baru","reason":"Ganti nama"}`, `{"code":"PKM-B"}`, `{"code":"DINKES"}`,
				`{"code":""}`, `{"parent_code":""}`, `{"parent_code":"PKM-A"}`, `{"parent_code":"SD-1"}`, `{"parent_code":"NOPE"}`,
				`{"kind":"sekolah"}`, `{"kind":"bulan"}`, `{"time_zone":"WITA"}`, `{"time_zone":"UTC"}`, `{"lat":null,"lng":null}`,
				`{"lat":90,"lng":180}`, `{"lat":90.0000001}`, `{"lat":-8.1}`, `{"lat":1e308}`, `{"lng":-1e-320}`, `{"address":"` + long + `"}`,
				`{"name":"` + long + `"}`, `{"name":"\u0000"}`, `{"name":" "}`, `{"reason":"` + long + `"}`, `{"name":null}`, `{"lat":"8"}`,
				`{"warna":"merah"}`, `{"name":"A"} {"name":"B"}`, `{"name":"A","name":"B"}`, `{"name":"` + over + `","reason":"` + over + `"}`},
			stored: func(ctx context.Context) (any, error) { return st.UnitByCode(ctx, code) },
			answered: func(ctx context.Context, body []byte) (any, any, int64, error) {
				var got unitJSON
				if err := json.Unmarshal(body, &got); err != nil {
					return nil, nil, 0, err
				}
				u, err := st.UnitByCode(ctx, got.Code)
				return got, unitOut(u, names(ctx)), u.ID, err
			},
		}
	}
	pos := updateTarget{
		path: "/api/v1/positions/J-PKM-A",
		seeds: []string{`{}`, `{"name":"Perawat Ahli","reason":"Nomenklatur baru"}`, `{"code":"J-PKM-B"}`, `{"code":"J-SD-1"}`,
			`{"unit_code":"SD-1"}`, `{"unit_code":"DINKES"}`, `{"unit_code":""}`, `{"kind":"struktural"}`, `{"kind":"x"}`,
			`{"min_education":"S1"}`, `{"min_education":"S9"}`, `{"job_family":"` + over + `","reason":"` + over + `"}`, `{"accepted_fields":null}`, `{"accepted_fields":["keperawatan",""]}`,
			`{"competencies":["` + long + `"]}`, `{"job_family":"` + long + `"}`, `{"accepted_fields":[1]}`, `{"name":""}`},
		stored: func(ctx context.Context) (any, error) { return st.PositionByCode(ctx, "J-PKM-A") },
		answered: func(ctx context.Context, body []byte) (any, any, int64, error) {
			var got positionJSON
			if err := json.Unmarshal(body, &got); err != nil {
				return nil, nil, 0, err
			}
			p, err := st.PositionByCode(ctx, got.Code)
			return got, positionOut(p, names(ctx)), p.ID, err
		},
	}
	nip := h.emps["PKM-A"].NIP
	emp := updateTarget{
		path: "/api/v1/employees/" + nip,
		seeds: []string{`{}`, `{"name":"Siti Aminah, S.Kep.","reason":"Gelar baru"}`, `{"nip":"199203152019032004"}`,
			`{"nip":"199001012015031001"}`, `{"nip":"123"}`, `{"nip":""}`, `{"golongan":"III/a"}`, `{"golongan":"V/z"}`,
			`{"position_code":"J-SD-1"}`, `{"position_code":""}`, `{"position_code":"NOPE"}`, `{"unit_code":"SD-1"}`,
			`{"tmt_jabatan":"2020-01-01"}`, `{"tmt_jabatan":"2020-02-30"}`, `{"tmt_jabatan":"9999-12-31"}`, `{"tmt_jabatan":"0000-01-01"}`,
			`{"birth_date":"1985-03-14"}`, `{"gender":"P"}`, `{"education_level":"D3","education_field":"keperawatan"}`,
			`{"education_level":"SMP"}`, `{"competencies":null}`, `{"competencies":["` + long + `"]}`, `{"performance":"sangat baik"}`,
			`{"performance":"buruk sekali"}`, `{"phone":"0812-3456-7890"}`, `{"phone":"+62 812 3456 7890"}`, `{"phone":"` + long + `"}`,
			`{"lat":-8.1,"lng":113.7}`, `{"lat":-91}`, `{"active":false}`, `{"active":null}`, `{"telegram_linked":true}`,
			`{"name":"` + long + `"}`, `{"name":"\udc00"}`, `{"active":"ya"}`, `{"phone":"` + over + `","reason":"` + over + `"}`},
		stored: func(ctx context.Context) (any, error) { return st.EmployeeByNIP(ctx, nip) },
		answered: func(ctx context.Context, body []byte) (any, any, int64, error) {
			var got employeeJSON
			if err := json.Unmarshal(body, &got); err != nil {
				return nil, nil, 0, err
			}
			e, err := st.EmployeeByNIP(ctx, got.NIP)
			return got, employeeOut(e, names(ctx)), e.ID, err
		},
	}
	return []updateTarget{unit("PKM-A"), unit("DINKES"), pos, emp}
}

// maxSeed bounds the bodies a fuzz target starts from: a long input makes
// every mutation and every minimisation slow. The longer bodies run in
// TestChangeBodiesEveryBackend.
const maxSeed = 8 << 10

// FuzzAPIUpdate patches the harness's units, position and employee with
// arbitrary bodies as the HR staff: never a 5xx; a refusal is a problem in Bahasa Indonesia that leaves the object
// and every table as they were; an acceptance answers with the object as
// it is then stored.
func FuzzAPIUpdate(f *testing.F) {
	h := newHarness(f, storetest.Backends(f)[0])
	logs := h.quietLog()
	tok := h.token(core.RoleHR)
	targets := h.updateTargets()
	for i, tg := range targets {
		seeds := tg.seeds
		if base := h.api(tok, http.MethodGet, tg.path, "").Body.String(); strings.HasPrefix(base, "{") {
			seeds = append(seeds, base) // the object as the API shows it: a PATCH that changes nothing
			for _, b := range badBodies(apiBases[tg.path[:strings.LastIndex(tg.path, "/")]]) {
				if len(b) < 4096 {
					seeds = append(seeds, b)
				}
			}
		}
		for _, s := range seeds {
			if len(s) <= maxSeed {
				f.Add(uint8(i), s)
			}
		}
	}
	h.api(tok, http.MethodGet, "/api/v1/units", "") // the token's last use is kept to the minute
	snap := h.snapshot(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, route uint8, body string) {
		h.t = t
		tg := targets[int(route)%len(targets)]
		what := fmt.Sprintf("PATCH %s with %.200q", tg.path, body)
		logs.Reset()
		defer func() {
			if logs.Len() > 0 {
				t.Errorf("%s: the server logged:\n%.1000s", what, logs.String())
			}
		}()
		before, err := tg.stored(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rec := h.api(tok, http.MethodPatch, tg.path, body)
		if rec.Code < 300 {
			got, want, id, err := tg.answered(ctx, rec.Body.Bytes())
			if err != nil {
				t.Fatalf("%s: %d %.300s, and reading it back: %v", what, rec.Code, rec.Body.String(), err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: the answer is not what is stored (-stored +answer):\n%s", what, diff)
			}
			if bid := idOf(before); id != bid {
				t.Errorf("%s: the answer names object %d, want %d", what, id, bid)
			}
			snap.restore(t)
			return
		}
		if !checkProblem(t, what, rec) {
			return
		}
		after, err := tg.stored(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, after); diff != "" {
			t.Errorf("%s: refused with %d but the object changed (-before +after):\n%s", what, rec.Code, diff)
		}
		if tables := snap.changed(t); len(tables) > 0 {
			t.Errorf("%s: refused with %d but tables %v changed", what, rec.Code, tables)
			snap.restore(t)
		}
	})
}

// quietLog sends the server's warnings and errors to the returned buffer
// instead of the test's log, which a fuzz target may not write to: an
// input that makes the server log one fails.
func (h *harness) quietLog() *strings.Builder {
	var b strings.Builder
	h.srv.deps.Log = slog.New(slog.NewTextHandler(&b, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return &b
}

// idOf returns the id of a unit, position or employee.
func idOf(v any) int64 {
	switch o := v.(type) {
	case core.Unit:
		return o.ID
	case core.Position:
		return o.ID
	case core.Employee:
		return o.ID
	}
	panic(fmt.Sprintf("idOf %T", v))
}

// TestAPIBodyTooLarge sends JSON bodies over the API's limit to the create
// and update routes: each is refused with 413 and a message in Bahasa
// Indonesia that names the limit, and nothing is written.
func TestAPIBodyTooLarge(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		h := newHarness(t, be)
		tok := h.token(core.RoleHR)
		huge := `{"name":"` + strings.Repeat("A", 1<<20) + `"}`
		var reqs [][2]string
		for path := range apiBases {
			reqs = append(reqs, [2]string{http.MethodPost, path})
		}
		for _, tg := range h.updateTargets() {
			reqs = append(reqs, [2]string{http.MethodPatch, tg.path})
		}
		for _, r := range reqs {
			before := h.rowCounts(t)
			rec := h.api(tok, r[0], r[1], huge)
			h.checkRefused(t, r[0]+" "+r[1]+" over 1 MiB", rec, before)
			if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), i18n.T(i18n.ID, "admin.err.too_large")) {
				t.Errorf("%s %s over 1 MiB: %d %.200s, want 413 with admin.err.too_large", r[0], r[1], rec.Code, rec.Body.String())
			}
		}
	})
}
