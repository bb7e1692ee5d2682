package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/importer"
)

// province returns the units and positions files of a regency with 60
// units and 600 positions, and an employee workbook of n rows over them.
func province(tb testing.TB, n int) (units, positions [][]any, employees []byte) {
	tb.Helper()
	units = [][]any{{"kode", "nama", "induk", "jenis"}, {"PEMDA", "Pemerintah Kabupaten", "", "dinas"}}
	positions = [][]any{{"kode", "unit", "nama", "jenis", "rumpun", "pendidikan_min"}}
	var ps []core.Position
	for u := range 60 {
		code := fmt.Sprintf("U%02d", u)
		units = append(units, []any{code, "Unit " + code, "PEMDA", "puskesmas"})
		for p := range 10 {
			pc := fmt.Sprintf("%s-P%d", code, p)
			positions = append(positions, []any{pc, code, "Jabatan " + pc, "fungsional", "perawat", "D3"})
			ps = append(ps, core.Position{ID: int64(len(ps) + 1), Code: pc})
		}
	}
	es := make([]core.Employee, n)
	for i := range es {
		pos := ps[i%len(ps)].ID
		es[i] = core.Employee{NIP: nip(i), Name: fmt.Sprintf("Pegawai Nomor %d", i), Golongan: "III/a", PositionID: &pos,
			TMTJabatan: core.Date{Year: 2015 + i%10, Month: time.Month(1 + i%12), Day: 1 + i%28}, EducationLevel: "D3",
			EducationField: "Keperawatan", Competencies: []string{"asuhan keperawatan", "imunisasi"}, Performance: "Baik",
			Phone: fmt.Sprintf("0812%08d", i), HomeLat: ptr(-3 - float64(i%100)/100), HomeLng: ptr(119 + float64(i%100)/100)}
	}
	var buf bytes.Buffer
	if err := importer.WriteEmployees(&buf, es, ps); err != nil {
		tb.Fatal(err)
	}
	return units, positions, buf.Bytes()
}

// BenchmarkImportEmployees40k imports a 40,000-row employee workbook
// into an empty store (create) and again over itself (update).
func BenchmarkImportEmployees40k(b *testing.B) {
	const n = 40_000
	units, positions, file := province(b, n)
	b.Logf("workbook: %d rows, %.1f MiB", n, float64(len(file))/(1<<20))
	for _, be := range storetest.Backends(b) {
		fresh := func() *gormstore.Store {
			s := be.Open(b)
			apply(b, s, formats[0], importer.Units, units)
			apply(b, s, formats[0], importer.Positions, positions)
			return s
		}
		// run imports the file into s, adding the time of each phase.
		var parse, write, cpu time.Duration
		run := func(b *testing.B, s *gormstore.Store) {
			ctx := context.Background()
			cpu0, start := cpuTime(), time.Now()
			batch, err := importer.Parse(ctx, importer.Employees, "pegawai.xlsx", bytes.NewReader(file), s)
			if err != nil {
				b.Fatal(err)
			}
			parsed := time.Now()
			if _, err := importer.Apply(ctx, s, batch); err != nil {
				b.Fatal(err)
			}
			parse, write = parse+parsed.Sub(start), write+time.Since(parsed)
			cpu += cpuTime() - cpu0
		}
		report := func(b *testing.B, runs int) {
			b.ReportMetric(parse.Seconds()/float64(runs), "parse-s/op")
			b.ReportMetric(write.Seconds()/float64(runs), "write-s/op")
			b.ReportMetric(cpu.Seconds()/float64(runs), "cpu-s/op")
			parse, write, cpu = 0, 0, 0
		}
		b.Run(be.Name+"/create", func(b *testing.B) {
			runs := 0
			for b.Loop() {
				b.StopTimer()
				s := fresh()
				b.StartTimer()
				run(b, s)
				runs++
			}
			report(b, runs)
		})
		b.Run(be.Name+"/update", func(b *testing.B) {
			s := fresh()
			run(b, s)
			parse, write, cpu = 0, 0, 0
			runs := 0
			for b.Loop() {
				run(b, s)
				runs++
			}
			report(b, runs)
		})
	}
}

// BenchmarkExportEmployees40k writes 40,000 employees to a workbook.
func BenchmarkExportEmployees40k(b *testing.B) {
	const n = 40_000
	es := make([]core.Employee, n)
	ps := []core.Position{{ID: 1, Code: "U00-P0"}}
	for i := range es {
		es[i] = core.Employee{NIP: nip(i), Name: fmt.Sprintf("Pegawai Nomor %d", i), Golongan: "III/a", PositionID: ptr(int64(1)),
			TMTJabatan: core.Date{Year: 2019, Month: 3, Day: 1}, EducationLevel: "D3", Competencies: []string{"a", "b"},
			Phone: "+6281234567890", HomeLat: ptr(-3.2), HomeLng: ptr(119.9)}
	}
	for b.Loop() {
		if err := importer.WriteEmployees(&bytes.Buffer{}, es, ps); err != nil {
			b.Fatal(err)
		}
	}
}
