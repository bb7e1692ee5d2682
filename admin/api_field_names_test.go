package admin

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestAPIErrorsNameTheJSONFields: a refused unit, position or employee
// names its problems by the fields of the request body, so that a client
// can put each message beside the field it sent; not by the import's
// Indonesian column names.
func TestAPIErrorsNameTheJSONFields(t *testing.T) {
	h := newHarness(t, storetest.Backends(t)[0])
	tok := h.token(core.RoleHR)
	nip := h.emps["PKM-A"].NIP
	for _, c := range []struct {
		method, path, body string
		want               []string
	}{
		{"POST", "/api/v1/units", `{"code":"","name":"","kind":"x","time_zone":"ABC","address":"` + strings.Repeat("a", 600) + `"}`,
			[]string{"address", "code", "kind", "name", "time_zone"}},
		{"POST", "/api/v1/units", `{"code":"U-1","name":"Unit","kind":"dinas","time_zone":"WIB","parent_code":"TIDAK-ADA"}`,
			[]string{"parent_code"}},
		{"PATCH", "/api/v1/units/PKM-A", `{"name":"","time_zone":"UTC"}`, []string{"name", "time_zone"}},
		{"POST", "/api/v1/positions", `{"code":"","unit_code":"TIDAK-ADA","name":"","kind":"x"}`, []string{"unit_code"}},
		{"POST", "/api/v1/positions", `{"code":"","unit_code":"PKM-A","name":"","kind":"x","min_education":"SMK","job_family":"` +
			strings.Repeat("r", 150) + `"}`, []string{"code", "job_family", "kind", "min_education", "name"}},
		{"PATCH", "/api/v1/positions/J-PKM-A", `{"name":"","min_education":"S9"}`, []string{"min_education", "name"}},
		{"POST", "/api/v1/employees", `{"nip":"199001012015011001","name":"Uji","position_code":"TIDAK-ADA"}`, []string{"position_code"}},
		{"PATCH", "/api/v1/employees/" + nip, `{"name":"","phone":"12","education_level":"X9","performance":"luar biasa","tmt_jabatan":"kemarin"}`,
			[]string{"tmt_jabatan"}},
		{"PATCH", "/api/v1/employees/" + nip, `{"name":"","phone":"12","education_level":"X9","performance":"luar biasa"}`,
			[]string{"education_level", "name", "performance", "phone"}},
	} {
		f := fieldsIn(t, h.apiCall(t, tok, c.method, c.path, c.body, http.StatusUnprocessableEntity))
		var got []string
		for k := range f {
			got = append(got, k)
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %s %s: fields %v, want %v", c.method, c.path, c.body[:min(60, len(c.body))], got, c.want)
		}
	}
}
