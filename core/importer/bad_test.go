package importer_test

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/importer"
)

func zipWith(tb testing.TB, name, body string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	w, _ := z.Create(name)
	w.Write([]byte(body))
	if err := z.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestBadFiles(t *testing.T) {
	unitCSV := []byte("kode,nama\nA,Unit A\nB,Unit B\nC,Unit C\n")
	tests := []struct {
		name     string
		filename string
		data     []byte
		limits   importer.Limits
		want     []problem
	}{
		{"too big", "u.csv", unitCSV, importer.Limits{MaxBytes: 10, MaxRows: 10}, []problem{{0, "file", "import.file_too_big"}}},
		{"too many rows", "u.csv", unitCSV, importer.Limits{MaxBytes: 1 << 20, MaxRows: 2}, []problem{{0, "file", "import.too_many_rows"}}},
		{"text named xlsx", "unit.xlsx", unitCSV, importer.DefaultLimits, []problem{{0, "file", "import.file_not_xlsx"}}},
		{"old xls", "unit.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...), importer.DefaultLimits,
			[]problem{{0, "file", "import.file_xls"}}},
		{"zip, not a workbook", "unit.xlsx", zipWith(t, "hello.txt", "hi"), importer.DefaultLimits, []problem{{0, "file", "import.file_not_xlsx"}}},
		{"broken workbook", "unit.xlsx", zipWith(t, "xl/workbook.xml", "<workbook"), importer.DefaultLimits, []problem{{0, "file", "import.file_broken"}}},
		{"pdf", "unit.pdf", []byte("%PDF-1.4"), importer.DefaultLimits, []problem{{0, "file", "import.file_type"}}},
		{"empty", "unit.csv", []byte("\xef\xbb\xbf \r\n\r\n"), importer.DefaultLimits, []problem{{0, "file", "import.file_empty"}}},
		{"only blank rows", "unit.csv", []byte(",,\n , ,\n"), importer.DefaultLimits, []problem{{0, "file", "import.file_empty"}}},
		{"latin-1", "unit.csv", []byte("kode,nama\nA,Dinas Kesehatan\nB,Caf\xe9\n"), importer.DefaultLimits,
			[]problem{{0, "file", "import.file_not_utf8"}}},
		{"missing and doubled columns", "unit.csv", []byte("\n\nKODE,alamat,Alamat\nA,x,y\n"), importer.DefaultLimits,
			[]problem{{3, "nama", "import.missing_column"}, {3, "alamat", "import.duplicate_column"}}},
		{"wrong kind", "unit.csv", []byte("nip,nama\n198503122010012003,Siti\n"), importer.DefaultLimits,
			[]problem{{1, "kode", "import.missing_column"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.limits.Parse(context.Background(), importer.Units, tt.filename, bytes.NewReader(tt.data), regency())
			if d := cmp.Diff(tt.want, problems(err)); d != "" {
				t.Errorf("problems (-want +got):\n%s\nerr: %v", d, err)
			}
			if _, err := importer.Apply(context.Background(), nil, b); err == nil {
				t.Error("Apply accepted a bad file")
			}
		})
	}
}

func TestReferences(t *testing.T) {
	tests := []struct {
		name string
		kind importer.Kind
		rows [][]any
		want []problem
	}{
		{"unit parent", importer.Units, [][]any{{"kode", "nama", "induk"},
			{"X", "X", "NOPE"}, {"Y", "Y", "pkm-a"}, {"Z", "Z", "Y"}, {"S", "S", "s"}},
			[]problem{{2, "induk", "import.parent_unknown"}, {5, "induk", "err.unit_own_parent"}}},
		{"unit cycle through stored units", importer.Units, [][]any{{"kode", "nama", "induk"},
			{"DINKES", "Dinas Kesehatan", "PKM-A"}},
			[]problem{{2, "induk", "err.unit_cycle"}}},
		{"unit cycle in the file", importer.Units, [][]any{{"kode", "nama", "induk"},
			{"P", "P", "Q"}, {"Q", "Q", "R"}, {"R", "R", "P"}, {"T", "T", "P"}},
			[]problem{{2, "induk", "err.unit_cycle"}, {3, "induk", "err.unit_cycle"}, {4, "induk", "err.unit_cycle"}}},
		{"duplicate unit code", importer.Units, [][]any{{"kode", "nama"}, {"A", "A"}, {"a", "A again"}},
			[]problem{{3, "kode", "import.duplicate_code"}}},
		{"position unit", importer.Positions, [][]any{{"kode", "unit", "nama", "jenis"},
			{"P1", "NOPE", "Perawat", "fungsional"}, {"P2", "", "Perawat", "fungsional"}, {"P3", "DINKES", "Perawat", "manajer"},
			{"P4", "DINKES", "Perawat", ""}},
			[]problem{{2, "unit", "import.unit_unknown"}, {3, "unit", "err.required"}, {4, "jenis", "err.position_kind"},
				{5, "jenis", "err.required"}}},
		{"employee position", importer.Employees, [][]any{{"nip", "nama", "jabatan", "tmt_jabatan"},
			{nip(1), "A", "NOPE", "2019-03-01"}, {nip(2), "B", "", "2019-03-01"}},
			[]problem{{2, "jabatan", "import.position_unknown"}, {3, "jabatan", "err.required"}}},
		{"duplicate NIP written two ways", importer.Employees, [][]any{{"nip", "nama", "jabatan", "tmt_jabatan"},
			{"198503122010012003", "A", "DINKES-PRW", "2019-03-01"}, {"19850312 201001 2 003", "B", "DINKES-PRW", "2019-03-01"}},
			[]problem{{3, "nip", "import.duplicate_nip"}}},
		{"workload position and numbers", importer.Workload, [][]any{{"jabatan", "tugas", "volume", "norma_menit"},
			{"NOPE", "Tugas", 10, 5}, {"DINKES-PRW", "Tugas", -1, 0}, {"DINKES-PRW", "Lain", "banyak", ""}, {"dinkes-prw", "tugas", 1, 1}},
			[]problem{{2, "jabatan", "import.position_unknown"}, {3, "volume", "err.volume"}, {3, "norma_menit", "err.minutes"},
				{4, "volume", "import.number"}, {4, "norma_menit", "err.required"}, {5, "tugas", "import.duplicate_task"}}},
	}
	for _, tt := range tests {
		for _, f := range formats {
			t.Run(tt.name+"/"+f.name, func(t *testing.T) {
				_, err := parse(t, f, tt.kind, regency(), tt.rows)
				if d := cmp.Diff(tt.want, problems(err)); d != "" {
					t.Errorf("problems (-want +got):\n%s\nerr: %v", d, err)
				}
			})
		}
	}
}

func TestCSVRowNumbers(t *testing.T) {
	data := "kode,nama,alamat\r\n" +
		"A,Unit A,\"Jl. Merdeka 1,\r\nKelurahan \"\"Baru\"\"\r\nKota\"\r\n" + // row 2, three lines
		"\r\n" + // row 3, blank
		",Tanpa Kode,\r\n" + // row 4
		"B,\"Unit\nB\",x\n" + // row 5, two lines
		"A,Lagi,\n" // row 6
	b, err := importer.Parse(context.Background(), importer.Units, "unit.csv", strings.NewReader(data), regency())
	want := []problem{{4, "kode", "err.required"}, {6, "kode", "import.duplicate_code"}}
	if d := cmp.Diff(want, problems(err)); d != "" {
		t.Errorf("problems (-want +got):\n%s\nerr: %v", d, err)
	}
	if got := b.Preview[0].Cells[2]; got != "Jl. Merdeka 1,\nKelurahan \"Baru\"\nKota" {
		t.Errorf("quoted cell read as %q", got)
	}
}

func TestExcelCells(t *testing.T) {
	rows := [][]any{{"nip", "nama", "jabatan", "tmt_jabatan", "telepon"},
		{198503122010012003.0, "Rounded By Excel", "DINKES-PRW", "2019-03-01", ""},                 // 2: a number cell loses digits
		{"1.98503E+17", "Copied As Shown", "DINKES-PRW", "2019-03-01", ""},                         // 3
		{nip(5), "Formula", "=VLOOKUP(A4,Sheet2!A:B,2,0)", "2019-03-01", ""},                       // 4
		{nip(6), "Phone Number", "DINKES-PRW", 43525, 6.28123456789e12},                            // 5: serial date, phone as number
		{" " + nip(7) + "\u00a0", "\tSpaces ", " DINKES-PRW ", " 2019-03-01 ", " 0812 3456 7890 "}, // 6
	}
	b, err := parse(t, formats[1], importer.Employees, regency(), rows)
	want := []problem{{2, "nip", "import.nip_rounded"}, {3, "nip", "import.number_scientific"},
		{4, "jabatan", "import.formula_no_value"}}
	if d := cmp.Diff(want, problems(err)); d != "" {
		t.Errorf("problems (-want +got):\n%s\nerr: %v", d, err)
	}
	if !strings.Contains(err.Error(), "=VLOOKUP(A4,Sheet2!A:B,2,0)") {
		t.Errorf("formula problem does not show the formula: %v", err)
	}
	if got := b.Preview[3].Cells; got[3] != "43525" {
		t.Errorf("serial date cell read as %q", got[3])
	}
	if got := b.Preview[4].Cells; got[0] != nip(7) || got[1] != "Spaces" || got[2] != "DINKES-PRW" {
		t.Errorf("cells not trimmed: %q", got)
	}
}

func TestTemplates(t *testing.T) {
	lk := regency()
	lk.units = append(lk.units[:0:0], lk.units...)
	for _, kind := range importer.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			var buf bytes.Buffer
			if err := importer.WriteTemplate(&buf, kind, i18n.ID); err != nil {
				t.Fatal(err)
			}
			b, err := importer.Parse(context.Background(), kind, "templat.xlsx", &buf, lk)
			if err != nil {
				t.Fatalf("the template's example does not import: %v", err)
			}
			var names []string
			for _, c := range importer.Columns(kind) {
				names = append(names, c.Name)
			}
			if d := cmp.Diff(names, b.Columns); d != "" || b.Rows != 1 {
				t.Errorf("template has %d rows, columns (-want +got):\n%s", b.Rows, d)
			}
			for _, lang := range i18n.Langs {
				buf.Reset()
				if err := importer.WriteTemplate(&buf, kind, lang); err != nil {
					t.Fatal(err)
				}
				f, err := excelize.OpenReader(&buf)
				if err != nil {
					t.Fatal(err)
				}
				sheets := f.GetSheetList()
				guide, err := f.GetRows(sheets[len(sheets)-1])
				f.Close()
				if err != nil || len(sheets) != 2 || len(guide) != 3+len(names) {
					t.Fatalf("%s guide: sheets %q, %d rows, %v", lang, sheets, len(guide), err)
				}
				for i, name := range names {
					if row := guide[3+i]; row[0] != name || len(row) != 3 || strings.HasPrefix(row[2], "import.") {
						t.Errorf("%s guide row for %s: %q", lang, name, row)
					}
				}
			}
		})
	}
}
