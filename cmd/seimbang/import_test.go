package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// writeXLSX writes rows to the first sheet of a new workbook at path.
func writeXLSX(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestImportCommand(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		driver, dsn := b.DSN(t)
		env := map[string]string{"SEIMBANG_DB_DRIVER": driver, "SEIMBANG_DB_DSN": dsn}
		dir := t.TempDir()
		files := map[string]string{
			"unit.csv":    "\ufeffkode;nama;induk;jenis;zona_waktu;lat;lng\nDINKES;Dinas Kesehatan;;dinas;WITA;-3,01;119,8\nPKM-A;Puskesmas A;DINKES;puskesmas;WITA;;\n",
			"jabatan.csv": "kode,unit,nama,jenis\nDINKES-PRW,DINKES,Perawat,fungsional\n",
		}
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		header := []any{"nip", "nama", "golongan", "jabatan", "tmt_jabatan"}
		good := filepath.Join(dir, "pegawai.xlsx")
		writeXLSX(t, good, [][]any{header,
			{"198503122010012003", "Siti Rahmawati", "III/b", "DINKES-PRW", "2019-03-01"},
			{"198704052011011002", "Budi Santoso", "III/a", "DINKES-PRW", "01/07/2020"},
		})
		bad := filepath.Join(dir, "pegawai-salah.xlsx")
		writeXLSX(t, bad, [][]any{header,
			{"198901012015031001", "Baru", "III/a", "DINKES-PRW", "2020-01-01"},
			{"198503122010012003", "Siti Rahmawati", "III/b", "TIDAK-ADA", "2019-03-01"},
			{"1985031220100", "Pendek", "III/a", "DINKES-PRW", "2019-03-01"},
		})

		steps := []struct {
			args     []string
			code     int
			stdout   string
			stderr   []string
			employee int // stored employees afterwards
		}{
			{[]string{"units", filepath.Join(dir, "unit.csv")}, 0, "Unit kerja: 2 baru, 0 diperbarui.", nil, 0},
			{[]string{"positions", filepath.Join(dir, "jabatan.csv")}, 0, "Jabatan: 1 baru, 0 diperbarui.", nil, 0},
			{[]string{"employees", good}, 0, "Pegawai: 2 baru, 0 diperbarui.", nil, 2},
			{[]string{"employees", good}, 0, "Pegawai: 0 baru, 2 diperbarui.", nil, 2},
			{[]string{"employees", bad}, 1, "", []string{"pegawai-salah.xlsx memuat 2 masalah; tidak ada data yang diubah",
				"Baris 3, kolom jabatan: Jabatan dengan kode TIDAK-ADA tidak ditemukan",
				"Baris 4, kolom nip: NIP atau NI PPPK harus 18 digit"}, 2},
			{[]string{"pegawai", filepath.Join(dir, "missing.xlsx")}, 1, "", []string{"missing.xlsx"}, 2},
			{[]string{"people", good}, 2, "", []string{"Jenis impor \"people\" tidak dikenal"}, 2},
			{[]string{"employees"}, 2, "", []string{"Usage: seimbang import KIND FILE"}, 2},
		}
		for _, s := range steps {
			a, out, errOut := testApp(env, "")
			code := a.run(ctx, append([]string{"import"}, s.args...))
			if code != s.code {
				t.Errorf("import %v: exit %d, want %d\nstdout: %s\nstderr: %s", s.args, code, s.code, out, errOut)
			}
			if !strings.Contains(out.String(), s.stdout) {
				t.Errorf("import %v: stdout %q lacks %q", s.args, out, s.stdout)
			}
			for _, want := range s.stderr {
				if !strings.Contains(errOut.String(), want) {
					t.Errorf("import %v: stderr %q lacks %q", s.args, errOut, want)
				}
			}
			st := storetest.OpenDSN(t, driver, dsn)
			_, n, err := st.Employees(ctx, core.EmployeeFilter{Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			if n != s.employee {
				t.Errorf("after import %v: %d employees, want %d", s.args, n, s.employee)
			}
		}
	})
}
