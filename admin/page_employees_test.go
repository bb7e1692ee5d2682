package admin

import (
	"html/template"
	"strings"
	"testing"

	"github.com/seimbang/seimbang/core"
)

// TestEmployeeListMarkup checks that the list's rows and unit options,
// written without html/template, are the markup the template would write,
// escaping included.
func TestEmployeeListMarkup(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`{{define "rows"}}{{$d := .}}{{range .Rows}}<tr>
<td><a href="/employees/{{.ID}}">{{.NIP}}</a></td><td><a href="/employees/{{.ID}}">{{.Name}}</a>{{if not .Active}} <small class="muted">({{$d.Inactive}})</small>{{end}}</td>
<td>{{.Golongan}}</td><td>{{.Position}}</td><td>{{.Unit}}</td><td>{{.TMT}}</td>
<td>{{if .Linked}}✓{{else}}<span class="muted">—</span>{{end}}</td></tr>
{{else}}<tr><td colspan="7">{{$d.None}}</td></tr>{{end}}{{end}}` +
		`{{define "options"}}{{$d := .}}{{range .Units}}<option value="{{.ID}}"{{if eq .ID $d.UnitID}} selected{{end}}>{{.Name}}</option>{{end}}{{end}}`))
	evil := `Ani <script>alert("x")</script> & 'Budi'`
	for _, d := range []employeeListData{
		{},
		{UnitID: 2,
			Units: []core.Unit{{ID: 1, Name: "Dinas <b>Kesehatan</b>"}, {ID: 2, Name: `Puskesmas "Arjasa" & Co`}},
			Rows: []employeeRow{
				{ID: 7, NIP: "198503142010012003", Name: evil, Golongan: "III/b", Position: "Perawat <i>", Unit: "PKM 'A'", TMT: "1 Januari 2020", Linked: true, Active: true},
				{ID: 8, NIP: "<nip>", Name: "Siti", Active: false},
			}},
	} {
		var want strings.Builder
		data := struct {
			employeeListData
			Inactive, None string
		}{d, "nonaktif <x>", "Tidak ada & kosong"}
		if err := tmpl.ExecuteTemplate(&want, "rows", data); err != nil {
			t.Fatal(err)
		}
		if got := string(d.RowsHTML(data.Inactive, data.None)); got != want.String() {
			t.Errorf("rows:\n got %s\nwant %s", got, want.String())
		}
		want.Reset()
		if err := tmpl.ExecuteTemplate(&want, "options", d); err != nil {
			t.Fatal(err)
		}
		if got := string(d.UnitOptions()); got != want.String() {
			t.Errorf("options:\n got %s\nwant %s", got, want.String())
		}
	}
}
