package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
	"github.com/xuri/excelize/v2"

	"github.com/seimbang/seimbang/core/report"
)

func decree(rows int) report.Document {
	d := report.Document{
		Title:     "LAMPIRAN KEPUTUSAN BUPATI SUKAMAJU",
		Lines:     []string{"Nomor: 800/123/BKPSDM/2026", "Tentang: Mutasi Pegawai Negeri Sipil"},
		Landscape: true,
		Sheet:     "Lampiran SK",
		Closing:   []string{"Sukamaju, 23 November 2026", "Bupati Sukamaju,", "", "", "Andi Wijaya"},
	}
	t := report.Table{Heading: "Daftar pegawai", Columns: []report.Column{
		{Title: "No", Width: 0.5, Align: report.Right}, {Title: "Nama", Width: 3}, {Title: "NIP", Width: 2.5},
		{Title: "Pangkat/Gol", Width: 2}, {Title: "Dari", Width: 4}, {Title: "Ke", Width: 4}, {Title: "TMT", Width: 1.5},
	}}
	for i := 1; i <= rows; i++ {
		t.Rows = append(t.Rows, []string{fmt.Sprint(i), fmt.Sprintf("Pegawai Nomor %d", i), nip(i),
			"Penata (III/c)", "Sub Bagian Umum dan Kepegawaian Dinas Pendidikan dan Kebudayaan", "Bidang Anggaran BPKAD", "1 Januari 2027"})
	}
	d.Tables = []report.Table{t}
	return d
}

func pdfText(t *testing.T, b []byte) (string, int) {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("the PDF does not open: %v", err)
	}
	var all strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		rows, err := p.GetTextByRow()
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		for _, row := range rows {
			for _, w := range row.Content {
				all.WriteString(w.S)
			}
			all.WriteString("\n")
		}
		all.WriteString("\f")
	}
	return all.String(), r.NumPage()
}

func TestPDFHoldsEveryRowAndRepeatsTheHeader(t *testing.T) {
	var buf bytes.Buffer
	if err := decree(120).WritePDF(&buf); err != nil {
		t.Fatal(err)
	}
	text, pages := pdfText(t, buf.Bytes())
	if pages < 3 {
		t.Fatalf("120 wrapped rows fit on %d pages; expected the table to continue over several", pages)
	}
	for i := 1; i <= 120; i++ {
		nip := nip(i)
		if !strings.Contains(text, nip) {
			t.Fatalf("NIP %s of row %d is missing from the PDF", nip, i)
		}
		if !strings.Contains(text, fmt.Sprintf("Pegawai Nomor %d\n", i)) && !strings.Contains(text, fmt.Sprintf("Pegawai Nomor %d", i)) {
			t.Fatalf("name of row %d is missing", i)
		}
	}
	for n, page := range strings.Split(strings.TrimSuffix(text, "\f"), "\f") {
		if !strings.Contains(page, "Pangkat/Gol") {
			t.Errorf("page %d has no table header", n+1)
		}
	}
	for _, want := range []string{"LAMPIRAN KEPUTUSAN BUPATI SUKAMAJU", "Nomor: 800/123/BKPSDM/2026", "Andi Wijaya"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

func TestPDFWritesIndonesianAccentsAndRefusesOverlongRows(t *testing.T) {
	d := report.Document{Title: "Catatan", Tables: []report.Table{{Columns: []report.Column{{Title: "Nama"}},
		Rows: [][]string{{"Désirée Ñoto"}}}}}
	var buf bytes.Buffer
	if err := d.WritePDF(&buf); err != nil {
		t.Fatal(err)
	}
	if text, _ := pdfText(t, buf.Bytes()); !strings.Contains(text, "Désirée Ñoto") {
		t.Errorf("accented name lost: %q", text)
	}
	d.Tables[0].Rows = append(d.Tables[0].Rows, []string{"a", "b"})
	if err := d.WritePDF(&buf); err == nil {
		t.Error("a row with more cells than columns was written")
	}
	if err := d.WriteXLSX(&buf); err == nil {
		t.Error("a row with more cells than columns was written to xlsx")
	}
}

func TestXLSXKeepsNIPsAsText(t *testing.T) {
	var buf bytes.Buffer
	if err := decree(3).WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Lampiran SK")
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, r := range rows {
		if len(r) >= 3 && len(r[2]) == 18 {
			found = append(found, r[2])
		}
	}
	want := make([]string, 3)
	for i := range want {
		want[i] = nip(i + 1)
	}
	if strings.Join(found, ",") != strings.Join(want, ",") {
		t.Errorf("NIPs in the sheet: %v, want %v", found, want)
	}
	if rows[0][0] != "LAMPIRAN KEPUTUSAN BUPATI SUKAMAJU" {
		t.Errorf("first cell %q, want the title", rows[0][0])
	}
}

func TestFilename(t *testing.T) {
	for in, want := range map[string]string{
		"Lampiran SK 800/12 — Putaran 2026": "lampiran-sk-800-12-putaran-2026.pdf",
		"../../etc/passwd":                  "etc-passwd.pdf",
		"":                                  "laporan.pdf",
	} {
		if got := report.Filename(in, "pdf"); got != want {
			t.Errorf("Filename(%q) = %q, want %q", in, got, want)
		}
	}
}

// nip is an 18-digit NIP-like number for row i.
func nip(i int) string { return fmt.Sprintf("19850101%010d", 4000000000+i) }
