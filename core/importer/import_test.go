package importer_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/importer"
)

var _ importer.Store = (*gormstore.Store)(nil)
var _ importer.EmployeeSource = (*gormstore.Store)(nil)

// apply parses rows written in f and applies them, failing on any error.
func apply(tb testing.TB, s importer.Store, f format, kind importer.Kind, rows [][]any) importer.Result {
	tb.Helper()
	b, err := parse(tb, f, kind, s, rows)
	if err != nil {
		tb.Fatalf("parse %s %s: %v", f.name, kind, err)
	}
	res, err := importer.Apply(context.Background(), s, b)
	if err != nil {
		tb.Fatalf("apply %s %s: %v", f.name, kind, err)
	}
	return res
}

var (
	unitRows = [][]any{
		{"Kode", "Nama", "Induk", "Jenis", "Zona Waktu", "lat", "lng", "Keterangan"},
		{"DINKES", " Dinas Kesehatan ", "", "dinas", "wita", "-3,0125", "119,8123", "extra columns are ignored"},
		{"PKM-B", "Puskesmas B", "PKM-A", "Puskesmas", "WITA", -3.75, 119.25, ""},
		{"PKM-A", "Puskesmas A", "dinkes", "puskesmas", "WITA", -3.5, 119.5, ""},
	}
	positionRows = [][]any{
		{"kode", "unit", "nama", "jenis", "rumpun", "pendidikan_min", "jurusan"},
		{"DINKES-PRW", "dinkes", "Perawat Terampil", "Fungsional", "Perawat", "D-III", "Keperawatan; Kebidanan"},
		{"PKM-A-PRW", "PKM-A", "Perawat", "fungsional", "perawat", "D3", ""},
		{"PKM-A-ADM", "PKM-A", "Pengadministrasi Umum", "pelaksana", "pengadministrasi", "SMA", ""},
	}
	tmt          = time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC)
	employeeRows = [][]any{
		employeeHeader,
		{nip(1), "Budi  Santoso", "III/a", "DINKES-PRW", "2019-03-01", "S-1", "Keperawatan", "asuhan; imunisasi", "baik",
			"0812-3456-7890", "-3,2", "119,9"},
		{nip(2), "Siti Aminah", "II/c", "pkm-a-adm", tmt, "SMA", "", "", "", "", "", ""},
	}
	workloadRows = [][]any{
		{"jabatan", "tugas", "volume", "norma_menit"},
		{"DINKES-PRW", "Asuhan keperawatan", "1.200,5", 45},
		{"DINKES-PRW", "Dokumentasi", 300, "15"},
		{"PKM-A-ADM", "Surat menyurat", "2400", "10,5"},
	}
)

// unitView is a stored unit with its parent by code.
type unitView struct {
	Code, Name, Parent string
	Kind               core.UnitKind
	TimeZone           core.TimeZone
	Lat, Lng           *float64
}

func storedUnits(tb testing.TB, s *gormstore.Store) []unitView {
	tb.Helper()
	us, err := s.Units(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	codes := map[int64]string{}
	for _, u := range us {
		codes[u.ID] = u.Code
	}
	out := make([]unitView, len(us))
	for i, u := range us {
		out[i] = unitView{Code: u.Code, Name: u.Name, Kind: u.Kind, TimeZone: u.TimeZone, Lat: u.Lat, Lng: u.Lng}
		if u.ParentID != nil {
			out[i].Parent = codes[*u.ParentID]
		}
	}
	return out
}

func countEmployees(tb testing.TB, s *gormstore.Store) int {
	tb.Helper()
	_, n, err := s.Employees(context.Background(), core.EmployeeFilter{Limit: 1})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestImportEveryKind(t *testing.T) {
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		for _, f := range formats {
			t.Run(f.name, func(t *testing.T) {
				ctx := context.Background()
				s := be.Open(t)
				results := []importer.Result{
					apply(t, s, f, importer.Units, unitRows),
					apply(t, s, f, importer.Positions, positionRows),
					apply(t, s, f, importer.Employees, employeeRows),
					apply(t, s, f, importer.Workload, workloadRows),
				}
				wantResults := []importer.Result{{importer.Units, 3, 0}, {importer.Positions, 3, 0},
					{importer.Employees, 2, 0}, {importer.Workload, 3, 0}}
				if d := cmp.Diff(wantResults, results); d != "" {
					t.Errorf("results (-want +got):\n%s", d)
				}

				wantUnits := []unitView{
					{Code: "DINKES", Name: "Dinas Kesehatan", Kind: core.UnitOffice, TimeZone: core.WITA, Lat: ptr(-3.0125), Lng: ptr(119.8123)},
					{Code: "PKM-A", Name: "Puskesmas A", Parent: "DINKES", Kind: core.UnitHealthCentre, TimeZone: core.WITA, Lat: ptr(-3.5), Lng: ptr(119.5)},
					{Code: "PKM-B", Name: "Puskesmas B", Parent: "PKM-A", Kind: core.UnitHealthCentre, TimeZone: core.WITA, Lat: ptr(-3.75), Lng: ptr(119.25)},
				}
				if d := cmp.Diff(wantUnits, storedUnits(t, s)); d != "" {
					t.Errorf("units (-want +got):\n%s", d)
				}

				dinkes, _ := s.UnitByCode(ctx, "DINKES")
				pkmA, _ := s.UnitByCode(ctx, "PKM-A")
				ps, err := s.Positions(ctx, core.PositionFilter{})
				if err != nil {
					t.Fatal(err)
				}
				wantPositions := []core.Position{
					{Code: "DINKES-PRW", UnitID: dinkes.ID, Name: "Perawat Terampil", Kind: core.Functional, JobFamily: "perawat",
						MinEducation: "D3", AcceptedFields: []string{"Keperawatan", "Kebidanan"}},
					{Code: "PKM-A-ADM", UnitID: pkmA.ID, Name: "Pengadministrasi Umum", Kind: core.Executor, JobFamily: "pengadministrasi", MinEducation: "SMA"},
					{Code: "PKM-A-PRW", UnitID: pkmA.ID, Name: "Perawat", Kind: core.Functional, JobFamily: "perawat", MinEducation: "D3"},
				}
				ignore := cmpopts.IgnoreFields(core.Position{}, "ID", "CreatedAt", "UpdatedAt")
				if d := cmp.Diff(wantPositions, ps, ignore, cmpopts.EquateEmpty()); d != "" {
					t.Errorf("positions (-want +got):\n%s", d)
				}
				byCode := map[string]core.Position{}
				for _, p := range ps {
					byCode[p.Code] = p
				}

				e1, err := s.EmployeeByNIP(ctx, nip(1))
				if err != nil {
					t.Fatal(err)
				}
				want1 := core.Employee{NIP: nip(1), Name: "Budi Santoso", Golongan: "III/a", PositionID: ptr(byCode["DINKES-PRW"].ID),
					UnitID: &dinkes.ID, TMTJabatan: core.DateOf(tmt), BirthDate: core.Date{Year: 1970, Month: 1, Day: 1}, Gender: core.Male,
					EducationLevel: "S1", EducationField: "Keperawatan", Competencies: []string{"asuhan", "imunisasi"}, Performance: "Baik",
					Phone: "+6281234567890", HomeLat: ptr(-3.2), HomeLng: ptr(119.9), Language: "id", Active: true}
				ignoreE := cmpopts.IgnoreFields(core.Employee{}, "ID", "CreatedAt", "UpdatedAt")
				if d := cmp.Diff(want1, e1, ignoreE); d != "" {
					t.Errorf("employee 1 (-want +got):\n%s", d)
				}
				e2, err := s.EmployeeByNIP(ctx, nip(2))
				if err != nil {
					t.Fatal(err)
				}
				if e2.TMTJabatan != core.DateOf(tmt) || *e2.UnitID != pkmA.ID || e2.Golongan != "II/c" {
					t.Errorf("employee 2 = %+v", e2)
				}

				ts, err := s.WorkloadTasks(ctx, 0)
				if err != nil {
					t.Fatal(err)
				}
				wantTasks := []core.WorkloadTask{
					{PositionID: byCode["DINKES-PRW"].ID, Task: "Asuhan keperawatan", YearlyVolume: 1200.5, StandardMinutes: 45},
					{PositionID: byCode["DINKES-PRW"].ID, Task: "Dokumentasi", YearlyVolume: 300, StandardMinutes: 15},
					{PositionID: byCode["PKM-A-ADM"].ID, Task: "Surat menyurat", YearlyVolume: 2400, StandardMinutes: 10.5},
				}
				if d := cmp.Diff(wantTasks, ts, cmpopts.IgnoreFields(core.WorkloadTask{}, "ID")); d != "" {
					t.Errorf("tasks (-want +got):\n%s", d)
				}
			})
		}
	})
}

func TestSemicolonCSVWithBOM(t *testing.T) {
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		s := be.Open(t)
		semi := format{"csv;", ".csv", func(_ testing.TB, rows [][]any) []byte {
			return append([]byte("\xef\xbb\xbf"), csvBytes(rows, ";")...)
		}}
		apply(t, s, semi, importer.Units, unitRows)
		apply(t, s, semi, importer.Positions, positionRows)
		res := apply(t, s, semi, importer.Employees, employeeRows)
		if res.Created != 2 {
			t.Errorf("created %d employees, want 2", res.Created)
		}
		e, err := s.EmployeeByNIP(context.Background(), nip(1))
		if err != nil {
			t.Fatal(err)
		}
		if *e.HomeLat != -3.2 || *e.HomeLng != 119.9 || len(e.Competencies) != 2 {
			t.Errorf("semicolon file read wrongly: %+v", e)
		}
	})
}

func TestBadRowsChangeNothing(t *testing.T) {
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		for _, f := range formats {
			t.Run(f.name, func(t *testing.T) {
				s := be.Open(t)
				apply(t, s, f, importer.Units, unitRows)
				apply(t, s, f, importer.Positions, positionRows)
				apply(t, s, f, importer.Employees, employeeRows[:2])
				before := countEmployees(t, s)
				rows := [][]any{employeeHeader,
					{nip(3), "Good Row", "III/a", "DINKES-PRW", "2019-03-01", "S1", "", "", "", "", "", ""},   // 2
					{"12345", "Short NIP", "III/a", "DINKES-PRW", "2019-03-01", "S1", "", "", "", "", "", ""}, // 3
					{nip(4), "Unknown Position", "III/a", "NOPE", "2019-03-01", "", "", "", "", "", "", ""},   // 4
					{}, // 5: blank rows are skipped but still counted
					{nip(3), "Duplicate", "III/a", "DINKES-PRW", "2019-03-01", "", "", "", "", "", "", ""},            // 6
					{nip(5), "", "IX/z", "DINKES-PRW", "31/02/2019", "", "", "", "", "", "-3,2", ""},                  // 7
					{nip(6), "Bad Phone", "", "DINKES-PRW", "2019-03-01", "", "", "", "Luar Biasa", "12", "abc", "1"}, // 8
				}
				b, err := parse(t, f, importer.Employees, s, rows)
				want := []problem{
					{3, "nip", "err.nip_length"},
					{4, "jabatan", "import.position_unknown"},
					{6, "nip", "import.duplicate_nip"},
					{7, "nama", "err.required"},
					{7, "golongan", "err.golongan"},
					{7, "tmt_jabatan", "import.date"},
					{7, "lat", "err.coords_pair"},
					{8, "predikat_kinerja", "err.predikat"},
					{8, "telepon", "err.phone"},
					{8, "lat", "import.number"},
				}
				if d := cmp.Diff(want, problems(err)); d != "" {
					t.Errorf("problems (-want +got):\n%s\n%v", d, err)
				}
				if b == nil || b.Rows != 6 {
					t.Errorf("batch = %+v, want 6 rows read", b)
				}
				if _, err := importer.Apply(context.Background(), s, b); err == nil {
					t.Error("Apply accepted a batch with problems")
				}
				if after := countEmployees(t, s); after != before {
					t.Errorf("employees: %d before, %d after a rejected file", before, after)
				}
			})
		}
	})
}

func TestReimportUpdates(t *testing.T) {
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		ctx := context.Background()
		f := formats[1]
		s := be.Open(t)
		apply(t, s, f, importer.Units, unitRows)
		apply(t, s, f, importer.Positions, positionRows)
		apply(t, s, f, importer.Employees, employeeRows)
		apply(t, s, f, importer.Workload, workloadRows)

		e, _ := s.EmployeeByNIP(ctx, nip(1))
		e.TelegramUserID = ptr(int64(4242))
		if err := s.UpdateEmployee(ctx, &e); err != nil {
			t.Fatal(err)
		}
		// The monthly export: a promotion and a move, and no phone column.
		rows := [][]any{{"nip", "nama", "golongan", "jabatan", "tmt_jabatan"},
			{nip(1), "Budi Santoso", "III/b", "PKM-A-PRW", "2025-01-02"},
			{nip(2), "Siti Aminah", "II/c", "PKM-A-ADM", "2019-03-01"},
			{nip(7), "Pegawai Baru", "II/a", "PKM-A-ADM", "2026-01-05"},
		}
		res := apply(t, s, f, importer.Employees, rows)
		if d := cmp.Diff(importer.Result{Kind: importer.Employees, Created: 1, Updated: 2}, res); d != "" {
			t.Errorf("result (-want +got):\n%s", d)
		}
		if n := countEmployees(t, s); n != 3 {
			t.Errorf("%d employees after re-import, want 3", n)
		}
		got, _ := s.EmployeeByNIP(ctx, nip(1))
		pkmA, _ := s.UnitByCode(ctx, "PKM-A")
		if got.Golongan != "III/b" || *got.UnitID != pkmA.ID || got.TMTJabatan != (core.Date{Year: 2025, Month: 1, Day: 2}) {
			t.Errorf("update not applied: %+v", got)
		}
		if got.Phone != "+6281234567890" || got.EducationLevel != "S1" || got.TelegramUserID == nil || *got.TelegramUserID != 4242 || !got.Active {
			t.Errorf("update changed what the file does not hold: %+v", got)
		}

		res = apply(t, s, f, importer.Units, [][]any{{"kode", "nama"}, {"pkm-a", "UPT Puskesmas A"}})
		if res.Updated != 1 || res.Created != 0 {
			t.Errorf("unit re-import: %+v", res)
		}
		if d := cmp.Diff("DINKES", storedUnits(t, s)[1].Parent); d != "" {
			t.Errorf("a unit file without induk changed the parent: %s", d)
		}

		res = apply(t, s, f, importer.Workload, [][]any{{"jabatan", "tugas", "volume", "norma_menit"},
			{"DINKES-PRW", "Asuhan keperawatan", 1000, 40}})
		if res.Updated != 1 {
			t.Errorf("workload re-import: %+v", res)
		}
		ts, _ := s.WorkloadTasks(ctx, 0)
		if len(ts) != 2 { // one replacing DINKES-PRW's two, PKM-A-ADM's one kept
			t.Errorf("tasks after re-import: %+v", ts)
		}
	})
}

func TestExportImportRoundTrip(t *testing.T) {
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		ctx := context.Background()
		s := be.Open(t)
		for _, k := range []struct {
			kind importer.Kind
			rows [][]any
		}{{importer.Units, unitRows}, {importer.Positions, positionRows}, {importer.Employees, employeeRows}} {
			apply(t, s, formats[0], k.kind, k.rows)
		}
		var buf bytes.Buffer
		if err := importer.ExportEmployees(ctx, &buf, s); err != nil {
			t.Fatal(err)
		}
		b, err := importer.Parse(ctx, importer.Employees, "ekspor.xlsx", &buf, s)
		if err != nil {
			t.Fatalf("exported file does not import: %v", err)
		}
		if b.Updated != 2 || b.New != 0 {
			t.Errorf("re-importing the export: %d new, %d updated", b.New, b.Updated)
		}
	})
}

// TestImportAcceptsNIPPPK imports a contract employee (PPPK) beside a civil
// servant: the NI PPPK is accepted and gives the birth date and gender.
func TestImportAcceptsNIPPPK(t *testing.T) {
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		s := be.Open(t)
		apply(t, s, formats[0], importer.Units, unitRows)
		apply(t, s, formats[0], importer.Positions, positionRows)
		rows := [][]any{employeeHeader,
			{nip(1), "Budi Santoso", "III/a", "DINKES-PRW", "2019-03-01", "D3", "", "", "", "", "", ""},
			{"19880523 202321 2 047", "Rina Wulandari", "", "PKM-A-PRW", "2023-04-01", "D3", "", "", "", "", "", ""},
		}
		if res := apply(t, s, formats[0], importer.Employees, rows); res.Created != 2 {
			t.Errorf("created %d employees, want 2", res.Created)
		}
		e, err := s.EmployeeByNIP(context.Background(), "198805232023212047")
		if err != nil {
			t.Fatal(err)
		}
		if e.BirthDate != (core.Date{Year: 1988, Month: time.May, Day: 23}) || e.Gender != core.Female {
			t.Errorf("PPPK employee born %v, gender %q; want 1988-05-23, P", e.BirthDate, e.Gender)
		}
	})
}
