package admin

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/importer"
)

// countedTables are the tables an API call, a form or an upload could
// change; a refused request must leave every count as it was.
var countedTables = []string{"units", "positions", "employees", "workload_tasks", "link_codes", "audit_log", "api_tokens",
	"admin_users", "transfers", "objections", "preferences"}

// rowCounts counts the rows of countedTables.
func (h *harness) rowCounts(tb testing.TB) map[string]int {
	tb.Helper()
	db, err := h.st.DB()
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]int{}
	for _, t := range countedTables {
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM " + t).Scan(&n); err != nil {
			tb.Fatal(err)
		}
		out[t] = n
	}
	return out
}

// checkRefused fails unless rec is a 4xx problem in JSON with a message
// in Bahasa Indonesia, and the row counts are unchanged.
func (h *harness) checkRefused(tb testing.TB, what string, rec *httptest.ResponseRecorder, before map[string]int) {
	tb.Helper()
	if !checkProblem(tb, what, rec) {
		return
	}
	if after := h.rowCounts(tb); !maps.Equal(before, after) {
		tb.Errorf("%s: refused with %d but the data changed: %v -> %v", what, rec.Code, before, after)
	}
}

// checkProblem reports whether rec is a 4xx problem in JSON with a
// message in Bahasa Indonesia, and fails tb when it is not.
func checkProblem(tb testing.TB, what string, rec *httptest.ResponseRecorder) bool {
	tb.Helper()
	if rec.Code < 400 || rec.Code >= 500 {
		tb.Errorf("%s: %d %.300s, want a 4xx problem", what, rec.Code, rec.Body.String())
		return false
	}
	var out struct {
		Error struct {
			Code, Message string
			Fields        map[string]string
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.Error.Code == "" || out.Error.Message == "" {
		tb.Errorf("%s: %d body %.300q is not a problem JSON", what, rec.Code, rec.Body.String())
		return false
	}
	if englishMessages[out.Error.Message] {
		tb.Errorf("%s: message %q is in English, want Bahasa Indonesia", what, out.Error.Message)
		return false
	}
	return true
}

// englishMessages are the English texts of the API's fixed problems.
var englishMessages = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range []string{"admin.err.bad_request", "admin.err.too_large", "err.not_found", "err.forbidden", "err.conflict", "err.internal",
		"admin.err.unauthorized", "err.invalid_state", "err.unavailable"} {
		m[i18n.T(i18n.EN, k)] = true
	}
	return m
}()

// apiBases are valid bodies of the API's JSON routes, each distorted by
// TestAPIBadBodies; the employee's position and unit belong to the HR
// token's reach.
var apiBases = map[string]string{
	"/api/v1/units":     `{"code":"PKM-B","name":"Puskesmas Balung","parent_code":"DINKES","kind":"puskesmas","time_zone":"WIB","address":"Jl. Mawar 1","lat":-8.1,"lng":113.7}`,
	"/api/v1/positions": `{"code":"J-PKM-B","unit_code":"PKM-A","name":"Bidan","kind":"fungsional","job_family":"bidan","min_education":"D3","accepted_fields":["kebidanan"],"competencies":["persalinan"]}`,
	"/api/v1/employees": `{"nip":"199203152019032004","name":"Dewi","golongan":"III/a","position_code":"J-PKM-A","tmt_jabatan":"2020-01-01","education_level":"D3","education_field":"kebidanan","competencies":["persalinan"],"performance":"baik","phone":"0812-3456-7890","lat":-8.1,"lng":113.7}`,
}

// badBodies returns malformed and oversized variants of the valid body
// base: broken JSON, wrong types, unknown fields, every string field far
// too long or full of control bytes, numbers out of range.
func badBodies(base string) map[string]string {
	out := map[string]string{
		"empty": "", "truncated": base[:len(base)/2], "array": "[]", "null": "null", "string": `"x"`, "number": "0",
		"two objects":    base + base,
		"unknown field":  strings.Replace(base, "{", `{"warna":"merah",`, 1),
		"invalid utf-8":  strings.Replace(base, `"`, "\"\xff\xfe", 1),
		"deep nesting":   strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000),
		"over 1 MiB":     strings.Replace(base, "{", `{"x":"`+strings.Repeat("A", 1<<20)+`",`, 1),
		"nul in strings": strings.ReplaceAll(base, `":"`, `":"\u0000`),
	}
	if strings.Contains(base, "-8.1") {
		out["lat 1e400"] = strings.Replace(base, "-8.1", "1e400", 1)
		out["lat 91"] = strings.Replace(base, "-8.1", "91", 1)
		out["lat as text"] = strings.Replace(base, "-8.1", `"utara"`, 1)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(base), &m); err != nil {
		panic(err)
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		for name, v := range map[string]any{"too long": strings.Repeat("Ā", 70_000), "wrong type": map[string]int{"a": 1}} {
			c := maps.Clone(m)
			switch m[k].(type) {
			case string:
				c[k] = v
			case []any:
				c[k] = []any{v}
			default:
				continue
			}
			b, _ := json.Marshal(c)
			out[k+" "+name] = string(b)
		}
	}
	for _, k := range []string{"tmt_jabatan", "nip", "phone", "golongan", "time_zone", "kind"} {
		if _, ok := m[k]; ok {
			c := maps.Clone(m)
			c[k] = "2020-13-45\x01"
			b, _ := json.Marshal(c)
			out[k+" nonsense"] = string(b)
		}
	}
	return out
}

// TestAPIBadBodies posts malformed and oversized bodies to every JSON
// route of the API: each is refused with a 4xx problem in Bahasa
// Indonesia, and nothing is written.
func TestAPIBadBodies(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		h := newHarness(t, be)
		tok := h.token(core.RoleHR)
		for _, path := range slices.Sorted(maps.Keys(apiBases)) {
			bodies := badBodies(apiBases[path])
			for _, name := range slices.Sorted(maps.Keys(bodies)) {
				before := h.rowCounts(t)
				rec := h.api(tok, http.MethodPost, path, bodies[name])
				h.checkRefused(t, "POST "+path+" with "+name, rec, before)
			}
		}
		nip := h.emps["PKM-A"].NIP
		for _, q := range []string{"?limit=-1", "?limit=abc", "?limit=99999999999999999999", "?offset=-5", "?offset=1e9",
			"?q=" + strings.Repeat("%25", 5000), "?unit=%00", "?q=%ff%fe"} {
			rec := h.api(tok, http.MethodGet, "/api/v1/employees"+q, "")
			if rec.Code >= 500 {
				t.Errorf("GET /api/v1/employees%.60s: %d", q, rec.Code)
			}
		}
		for _, p := range []string{"/api/v1/employees/" + strings.Repeat("9", 500), "/api/v1/employees/%00", "/api/v1/employees/" + nip + "%0a"} {
			before := h.rowCounts(t)
			h.checkRefused(t, "GET "+p, h.api(tok, http.MethodGet, p, ""), before)
			h.checkRefused(t, "POST "+p+"/link-codes", h.api(tok, http.MethodPost, p+"/link-codes", ""), before)
		}
	})
}

// upload builds a multipart body with a file field named field.
func upload(field, name string, data []byte, fields map[string]string) (string, *bytes.Buffer) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if field != "" {
		fw, _ := mw.CreateFormFile(field, name)
		fw.Write(data)
	}
	mw.Close()
	return mw.FormDataContentType(), &buf
}

// badUploads are files no import may accept, by name.
func badUploads(tb testing.TB) map[string]struct {
	name string
	data []byte
} {
	type file = struct {
		name string
		data []byte
	}
	var tmpl bytes.Buffer
	if err := importer.WriteTemplate(&tmpl, importer.Employees, i18n.ID); err != nil {
		tb.Fatal(err)
	}
	broken := bytes.Clone(tmpl.Bytes())
	broken = broken[:len(broken)/2]
	return map[string]file{
		"empty":                {"pegawai.csv", nil},
		"garbage xlsx":         {"pegawai.xlsx", bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 1000)},
		"truncated xlsx":       {"pegawai.xlsx", broken},
		"xlsx named csv":       {"pegawai.csv", tmpl.Bytes()},
		"executable":           {"pegawai.exe", []byte("MZ\x90\x00\x03")},
		"path in name":         {"../../../etc/passwd", []byte("root:x:0:0:root:/root:/bin/bash\n")},
		"nul bytes":            {"pegawai.csv", []byte("nip;nama\x00;jabatan;tmt_jabatan\n\x00\x00\x00\n")},
		"one huge line":        {"pegawai.csv", append([]byte("nip;nama;jabatan;tmt_jabatan\n"), bytes.Repeat([]byte("x;"), 2<<20)...)},
		"bad rows":             {"pegawai.csv", []byte("nip;nama;jabatan;tmt_jabatan\n123;<script>alert(1)</script>;J-PKM-A;kemarin\n")},
		"unterminated quote":   {"pegawai.csv", []byte("nip;nama;jabatan;tmt_jabatan\n\"199203152019032004;Dewi;J-PKM-A;2020-01-01\n")},
		"utf-16 bom":           {"pegawai.csv", []byte("\xff\xfen\x00i\x00p\x00")},
		"over the size limit":  {"pegawai.csv", append([]byte("nip;nama;jabatan;tmt_jabatan\n"), bytes.Repeat([]byte("199203152019032004;Dewi;J-PKM-A;2020-01-01\n"), int(importer.DefaultLimits.MaxBytes/44)+1)...)},
		"old excel (ole file)": {"pegawai.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0}},
	}
}

// TestBadUploads sends files no import may accept to the API and the
// panel's import form, and requests that are not uploads at all: each is
// refused with a clear 4xx (problem JSON in Bahasa Indonesia from the
// API, the import page with its problems from the panel) and nothing is
// written.
func TestBadUploads(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		h := newHarness(t, be)
		tok := h.token(core.RoleHR)
		files := badUploads(t)
		for _, name := range slices.Sorted(maps.Keys(files)) {
			f := files[name]
			before := h.rowCounts(t)
			ct, body := upload("file", f.name, f.data, nil)
			rec := h.do(http.MethodPost, "/api/v1/imports/employees", body, map[string]string{"Content-Type": ct, "Authorization": "Bearer " + tok})
			h.checkRefused(t, "API import of "+name, rec, before)

			c, csrf := h.session(core.RoleHR)
			ct, body = upload("file", f.name, f.data, map[string]string{"jenis": "employees", "csrf": csrf})
			rec = h.do(http.MethodPost, "/import", body, map[string]string{"Content-Type": ct}, c)
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `id="import-problems"`) {
				t.Errorf("panel import of %s: %d, want 422 with the problems listed", name, rec.Code)
			}
			if strings.Contains(rec.Body.String(), "<script>alert") {
				t.Errorf("panel import of %s shows a script from the file unescaped", name)
			}
			if after := h.rowCounts(t); !maps.Equal(before, after) {
				t.Errorf("panel import of %s changed the data", name)
			}
		}
		for name, req := range map[string]struct{ ct, body, path string }{
			"json instead of a file": {"application/json", `{"file":"x"}`, "/api/v1/imports/employees"},
			"multipart without file": {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--\r\n", "/api/v1/imports/employees"},
			"broken multipart":       {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nnip", "/api/v1/imports/employees"},
			"multipart no boundary":  {"multipart/form-data", "x", "/api/v1/imports/employees"},
			"unknown kind":           {"application/json", "{}", "/api/v1/imports/gaji"},
			"kind with traversal":    {"application/json", "{}", "/api/v1/imports/..%2f..%2fetc%2fpasswd"},
		} {
			before := h.rowCounts(t)
			rec := h.do(http.MethodPost, req.path, strings.NewReader(req.body), map[string]string{"Content-Type": req.ct, "Authorization": "Bearer " + tok})
			h.checkRefused(t, "API import, "+name, rec, before)
		}
	})
}

// FuzzAPIBody posts arbitrary bodies to the API's JSON routes: never a
// 5xx, and a refused body changes nothing.
func FuzzAPIBody(f *testing.F) {
	paths := slices.Sorted(maps.Keys(apiBases))
	for i, p := range paths {
		f.Add(uint8(i), apiBases[p])
		for _, b := range badBodies(apiBases[p]) {
			if len(b) < 4096 {
				f.Add(uint8(i), b)
			}
		}
	}
	h := newHarness(f, storetest.Backends(f)[0])
	h.srv.deps.Log = slog.New(slog.DiscardHandler) // the fuzz target may not log through f
	tok := h.token(core.RoleHR)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, route uint8, body string) {
		h.t = t
		path := paths[int(route)%len(paths)]
		before := h.rowCounts(t)
		rec := h.api(tok, http.MethodPost, path, body)
		if rec.Code < 300 {
			// Accepted: undo it, so the next input starts from the seed.
			db, _ := h.st.DB()
			for _, tbl := range []string{"link_codes", "audit_log", "employees", "workload_tasks", "positions", "units"} {
				if _, err := db.ExecContext(ctx, fmt.Sprintf("DELETE FROM %s WHERE id > (SELECT COALESCE(MAX(id), 0) FROM (SELECT id FROM %s ORDER BY id LIMIT %d) x)", tbl, tbl, before[tbl])); err != nil {
					t.Fatal(err)
				}
			}
			return
		}
		h.checkRefused(t, fmt.Sprintf("POST %s %.200q", path, body), rec, before)
	})
}
