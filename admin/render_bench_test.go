package admin

import (
	"io"
	"testing"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// BenchmarkEmployeeListRender measures the busiest template: 50 rows and a
// unit filter of 60 units.
func BenchmarkEmployeeListRender(b *testing.B) {
	s := New(Deps{})
	s.loadTemplates()
	d := employeeListData{Total: 40000, Page: 3, Pages: 800}
	for i := range 60 {
		d.Units = append(d.Units, core.Unit{ID: int64(i + 1), Name: "Puskesmas Sukamaju Baru"})
	}
	for i := range 50 {
		d.Rows = append(d.Rows, employeeRow{ID: int64(i), NIP: "198503142010012003", Name: "Siti Aminah, S.Kep.", Golongan: "III/b",
			Position: "Perawat Terampil", Unit: "Puskesmas Sukamaju", TMT: "1 Januari 2020", Active: true})
	}
	p := page{Lang: i18n.ID, Who: &who{Role: core.RoleHR, User: &core.AdminUser{Email: "hr@x"}}, CSRF: "x", Path: "/employees", Data: d}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.pages["employees"].ExecuteTemplate(io.Discard, "layout.html", p); err != nil {
			b.Fatal(err)
		}
	}
}
