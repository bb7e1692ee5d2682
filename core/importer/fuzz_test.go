package importer_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/importer"
)

// fuzzParse parses data as the kinds that k selects (all for k >= 4) and
// checks that Parse neither panics nor passes a batch with problems.
func fuzzParse(t *testing.T, filename string, k uint8, data []byte) {
	kinds := importer.Kinds
	if int(k) < len(kinds) {
		kinds = kinds[k : k+1]
	}
	for _, kind := range kinds {
		b, err := importer.Parse(context.Background(), kind, filename, bytes.NewReader(data), regency())
		if err == nil && (b == nil || len(b.Problems) > 0) {
			t.Errorf("%s: no error but batch %+v", kind, b)
		}
		if b != nil && b.New+b.Updated != b.Rows {
			t.Errorf("%s: %d new + %d updated != %d rows", kind, b.New, b.Updated, b.Rows)
		}
	}
}

func FuzzParseCSV(f *testing.F) {
	f.Add(uint8(0), csvBytes(unitRows, ","))
	f.Add(uint8(1), csvBytes(positionRows, ";"))
	f.Add(uint8(2), append([]byte("\xef\xbb\xbf"), csvBytes(employeeRows, ";")...))
	f.Add(uint8(3), csvBytes(workloadRows, ","))
	f.Add(uint8(2), []byte("nip,nama,jabatan,tmt_jabatan\n\"1985\"\"03,x\n1.98503E+17,a,DINKES-PRW,43525\n"))
	f.Fuzz(func(t *testing.T, k uint8, data []byte) { fuzzParse(t, "data.csv", k, data) })
}

func FuzzParseXLSX(f *testing.F) {
	for i, kind := range importer.Kinds {
		f.Add(uint8(i), template(f, kind))
	}
	f.Add(uint8(2), xlsxBytes(f, employeeRows))
	f.Fuzz(func(t *testing.T, k uint8, data []byte) { fuzzParse(t, "data.xlsx", k, data) })
}

func template(tb testing.TB, kind importer.Kind) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := importer.WriteTemplate(&buf, kind, i18n.ID); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestMutatedWorkbooks feeds workbooks with random bytes changed to Parse,
// which must neither panic nor hang; the fuzz test searches further.
func TestMutatedWorkbooks(t *testing.T) {
	seed := template(t, importer.Employees)
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		d := bytes.Clone(seed)
		for range 1 + r.IntN(4) {
			d[r.IntN(len(d))] = byte(r.IntN(256))
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			fuzzParse(t, "data.xlsx", 2, d)
		}()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatalf("Parse hangs on a workbook: %q", d)
		}
	}
}
