package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/importer"
)

// xlsxBytes returns a workbook whose first sheet holds rows; a string that
// starts with "=" is written as a formula without a stored value.
func xlsxBytes(tb testing.TB, rows [][]any) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			var err error
			if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
				err = f.SetCellFormula("Sheet1", cell, s[1:])
			} else {
				err = f.SetCellValue("Sheet1", cell, v)
			}
			if err != nil {
				tb.Fatalf("set %s: %v", cell, err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatalf("write xlsx: %v", err)
	}
	return buf.Bytes()
}

// csvBytes joins rows of cells with sep, quoting cells that need it.
func csvBytes(rows [][]any, sep string) []byte {
	var b strings.Builder
	for _, row := range rows {
		for i, v := range row {
			if i > 0 {
				b.WriteString(sep)
			}
			s := fmt.Sprint(v)
			switch v := v.(type) {
			case nil:
				s = ""
			case time.Time:
				s = v.Format("02/01/2006")
			}
			if strings.ContainsAny(s, sep+"\"\n") {
				s = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
			}
			b.WriteString(s)
		}
		b.WriteString("\r\n")
	}
	return []byte(b.String())
}

// format writes rows as one file format.
type format struct {
	name  string
	ext   string
	bytes func(tb testing.TB, rows [][]any) []byte
}

var formats = []format{
	{"csv", ".csv", func(_ testing.TB, rows [][]any) []byte { return csvBytes(rows, ",") }},
	{"xlsx", ".xlsx", xlsxBytes},
}

// parse runs Parse on rows written in format f.
func parse(tb testing.TB, f format, kind importer.Kind, lk importer.Lookup, rows [][]any) (*importer.Batch, error) {
	tb.Helper()
	return importer.Parse(context.Background(), kind, "data"+f.ext, bytes.NewReader(f.bytes(tb, rows)), lk)
}

// problem is a FieldError without its arguments, for comparing.
type problem struct {
	Row        int
	Field, Key string
}

func problems(err error) []problem {
	ve, ok := core.AsValidation(err)
	if !ok {
		return nil
	}
	out := make([]problem, len(ve.Fields))
	for i, f := range ve.Fields {
		out[i] = problem{f.Row, f.Field, f.Key}
	}
	return out
}

// memLookup is a Lookup over fixed data.
type memLookup struct {
	units     []core.Unit
	positions []core.Position
	tasks     []core.WorkloadTask
	nips      map[string]int64
}

func (m *memLookup) Units(context.Context) ([]core.Unit, error) { return m.units, nil }
func (m *memLookup) Positions(context.Context, core.PositionFilter) ([]core.Position, error) {
	return m.positions, nil
}
func (m *memLookup) WorkloadTasks(context.Context, int64) ([]core.WorkloadTask, error) {
	return m.tasks, nil
}
func (m *memLookup) EmployeeIDsByNIP(context.Context) (map[string]int64, error) { return m.nips, nil }

// regency is a small stored regency for lookups without a database.
func regency() *memLookup {
	return &memLookup{
		units: []core.Unit{{ID: 1, Code: "DINKES", Name: "Dinas Kesehatan"}, {ID: 2, Code: "PKM-A", Name: "Puskesmas A", ParentID: ptr(int64(1))}},
		positions: []core.Position{{ID: 10, Code: "DINKES-PRW", UnitID: 1, Name: "Perawat", Kind: core.Functional},
			{ID: 11, Code: "PKM-A-PRW", UnitID: 2, Name: "Perawat", Kind: core.Functional}},
		nips: map[string]int64{"198503122010012003": 100},
	}
}

func ptr[T any](v T) *T { return &v }

var employeeHeader = []any{"nip", "nama", "golongan", "jabatan", "tmt_jabatan", "pendidikan", "jurusan", "kompetensi",
	"predikat_kinerja", "telepon", "lat", "lng"}

// nip returns a valid NIP, a different one for every n >= 0.
func nip(n int) string {
	birth := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n/999)
	return fmt.Sprintf("%s2010011%03d", birth.Format("20060102"), 1+n%999)
}
