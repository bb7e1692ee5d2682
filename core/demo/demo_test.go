package demo_test

import (
	"crypto/sha256"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/demo"
)

const seed = 20261123

// effectiveMinutes is one person's effective working time in a year in the
// national ABK guideline: 1,250 hours.
const effectiveMinutes = 75000

// index holds a dataset's records by natural key.
type index struct {
	units     map[string]demo.Unit
	positions map[string]demo.Position
	employees map[string]demo.Employee
	tasks     map[string][]demo.WorkloadTask // by position code
	staff     map[string]int                 // holders by position code
}

func indexOf(tb testing.TB, ds demo.Dataset) index {
	tb.Helper()
	ix := index{units: map[string]demo.Unit{}, positions: map[string]demo.Position{}, employees: map[string]demo.Employee{},
		tasks: map[string][]demo.WorkloadTask{}, staff: map[string]int{}}
	for _, u := range ds.Units {
		if _, dup := ix.units[u.Code]; dup {
			tb.Errorf("unit code %s twice", u.Code)
		}
		ix.units[u.Code] = u
	}
	for _, p := range ds.Positions {
		if _, dup := ix.positions[p.Code]; dup {
			tb.Errorf("position code %s twice", p.Code)
		}
		ix.positions[p.Code] = p
	}
	for _, e := range ds.Employees {
		if _, dup := ix.employees[e.NIP]; dup {
			tb.Errorf("NIP %s twice", e.NIP)
		}
		ix.employees[e.NIP] = e
		ix.staff[e.PositionCode]++
	}
	for _, w := range ds.WorkloadTasks {
		ix.tasks[w.PositionCode] = append(ix.tasks[w.PositionCode], w)
	}
	return ix
}

// required is the staff a position's workload needs by the ABK formula.
func (ix index) required(code string) float64 {
	minutes := 0.0
	for _, w := range ix.tasks[code] {
		minutes += w.YearlyVolume * w.StandardMinutes
	}
	return minutes / effectiveMinutes
}

func (ix index) ratio(code string) float64 {
	return float64(ix.staff[code]) / ix.required(code)
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := demo.Generate(seed), demo.Generate(seed)
	if diff := diff(a, b); diff != "" {
		t.Fatalf("same seed, different datasets (-first +second):\n%s", diff)
	}
	c := demo.Generate(seed + 1)
	if reflect.DeepEqual(a.Employees, c.Employees) {
		t.Error("different seeds gave the same employees")
	}
	same := 0
	for i := range min(len(a.Employees), len(c.Employees)) {
		if a.Employees[i].NIP == c.Employees[i].NIP {
			same++
		}
	}
	if same > len(a.Employees)/100 {
		t.Errorf("different seeds share %d of %d NIPs", same, len(a.Employees))
	}
}

// TestGenerateKeepsItsNIPs pins the NIPs of the default seed. Load
// recognises employees it loaded before by NIP, so a change to the
// generator that changes them makes "seimbang demo" add a second set of
// employees to a database that holds the demo already. If you change the
// generator on purpose, update the digest and say so in the release notes.
func TestGenerateKeepsItsNIPs(t *testing.T) {
	ds := demo.Generate(seed)
	h := sha256.New()
	for _, e := range ds.Employees {
		fmt.Fprintln(h, e.NIP)
	}
	const want = "33c46d61b526f92912fec08049802c22192e4c122c0d711bce6738dc7c76ce7b"
	if got := fmt.Sprintf("%x", h.Sum(nil)); got != want || len(ds.Employees) != 2964 {
		t.Errorf("NIPs of seed %d changed: %d employees, digest %s; want 2964, %s", seed, len(ds.Employees), got, want)
	}
}

func TestGenerateCounts(t *testing.T) {
	ds := demo.Generate(seed)
	tests := []struct {
		what   string
		got    int
		lo, hi int
	}{
		{"units", len(ds.Units), 36, 45},
		{"positions", len(ds.Positions), 180, 250},
		{"employees", len(ds.Employees), 2700, 3300},
		{"preferences", len(ds.Preferences), 20, 40},
		{"workload tasks", len(ds.WorkloadTasks), len(ds.Positions) * 3, len(ds.Positions) * 10},
	}
	for _, tt := range tests {
		if tt.got < tt.lo || tt.got > tt.hi {
			t.Errorf("%d %s, want %d to %d", tt.got, tt.what, tt.lo, tt.hi)
		}
	}
}

func TestGenerateUnits(t *testing.T) {
	ds := demo.Generate(seed)
	seen := map[string]demo.Unit{}
	zones := map[core.TimeZone]int{}
	kinds := map[core.UnitKind]int{}
	for _, u := range ds.Units {
		if u.ParentCode != "" {
			parent, ok := seen[u.ParentCode]
			if !ok {
				t.Errorf("unit %s: parent %s is not listed before it", u.Code, u.ParentCode)
			}
			switch u.Kind {
			case core.UnitHealthCentre:
				if parent.Code != "DINKES" {
					t.Errorf("health centre %s is under %s, want the health office", u.Code, parent.Code)
				}
			case core.UnitSchool:
				if parent.Code != "DISDIK" {
					t.Errorf("school %s is under %s, want the education office", u.Code, parent.Code)
				}
			}
		}
		seen[u.Code] = u
		zones[u.TimeZone]++
		kinds[u.Kind]++
		if !strings.Contains(u.Name+u.Address, "Sukamaju") && u.Kind == core.UnitOffice {
			t.Errorf("office %s (%s, %s) does not say it is Sukamaju's", u.Code, u.Name, u.Address)
		}
	}
	if zones[core.WIB] < 3 || zones[core.WITA] < 3 || zones[core.WIB]+zones[core.WITA] != len(ds.Units) {
		t.Errorf("time zones %v, want units in both WIB and WITA only", zones)
	}
	wantKinds := map[core.UnitKind]int{core.UnitOffice: 8, core.UnitHealthCentre: 5, core.UnitSchool: 10, core.UnitDistrict: 4, core.UnitHospital: 1}
	for k, n := range wantKinds {
		if kinds[k] < n {
			t.Errorf("%d units of kind %s, want at least %d", kinds[k], k, n)
		}
	}
	for _, code := range []string{"SETDA", "DINKES", "DISDIK", "BKPSDM", "BAPPEDA"} {
		if _, ok := seen[code]; !ok {
			t.Errorf("no unit %s", code)
		}
	}
}

func TestGenerateReferencesResolve(t *testing.T) {
	ds := demo.Generate(seed)
	ix := indexOf(t, ds)
	kinds := map[core.PositionKind]int{}
	families := map[string]bool{}
	for _, p := range ds.Positions {
		if _, ok := ix.units[p.UnitCode]; !ok {
			t.Errorf("position %s: unknown unit %s", p.Code, p.UnitCode)
		}
		if len(ix.tasks[p.Code]) == 0 {
			t.Errorf("position %s has no workload task", p.Code)
		}
		if ix.staff[p.Code] == 0 {
			t.Errorf("position %s has nobody", p.Code)
		}
		kinds[p.Kind]++
		families[p.JobFamily] = true
	}
	for _, k := range []core.PositionKind{core.Structural, core.Functional, core.Executor} {
		if kinds[k] < 10 {
			t.Errorf("%d %s positions, want at least 10", kinds[k], k)
		}
	}
	for _, f := range []string{"guru-kelas", "guru-mapel", "perawat", "bidan", "dokter", "pengadministrasi", "analis", "pranata-komputer"} {
		if !families[f] {
			t.Errorf("no position of job family %s", f)
		}
	}
	for _, w := range ds.WorkloadTasks {
		if _, ok := ix.positions[w.PositionCode]; !ok {
			t.Errorf("task %q: unknown position %s", w.Task, w.PositionCode)
		}
	}
	for _, e := range ds.Employees {
		if _, ok := ix.positions[e.PositionCode]; !ok {
			t.Errorf("employee %s: unknown position %s", e.NIP, e.PositionCode)
		}
	}
}

func TestGeneratePreferences(t *testing.T) {
	ds := demo.Generate(seed)
	ix := indexOf(t, ds)
	who := map[string]bool{}
	willing := map[core.Willingness]int{}
	for _, p := range ds.Preferences {
		e, ok := ix.employees[p.NIP]
		if !ok {
			t.Errorf("preference of unknown NIP %s", p.NIP)
			continue
		}
		if who[p.NIP] {
			t.Errorf("two preferences of %s", p.NIP)
		}
		who[p.NIP] = true
		willing[p.Willingness]++
		own := ix.positions[e.PositionCode].UnitCode
		if len(p.UnitCodes) > core.MaxPreferredUnits {
			t.Errorf("%s prefers %d units", p.NIP, len(p.UnitCodes))
		}
		seen := map[string]bool{}
		for _, code := range p.UnitCodes {
			if _, ok := ix.units[code]; !ok {
				t.Errorf("%s prefers unknown unit %s", p.NIP, code)
			}
			if code == own {
				t.Errorf("%s prefers their own unit %s", p.NIP, code)
			}
			if seen[code] {
				t.Errorf("%s prefers %s twice", p.NIP, code)
			}
			seen[code] = true
		}
		if p.EmployeeID != 0 || p.UnitIDs != nil {
			t.Errorf("preference of %s carries IDs %d %v before loading", p.NIP, p.EmployeeID, p.UnitIDs)
		}
	}
	for _, w := range []core.Willingness{core.WillingYes, core.WillingNo, core.WillingConditional} {
		if willing[w] == 0 {
			t.Errorf("no preference with willingness %s", w)
		}
	}
}

// TestGenerateRecordsAreValid checks every record with its core Validate once
// references are resolved, and that Validate has nothing left to normalise.
func TestGenerateRecordsAreValid(t *testing.T) {
	for _, s := range []uint64{seed, 1, 42} {
		ds := demo.Generate(s)
		for _, u := range ds.Units {
			got := u.Unit
			got.ID, got.ParentID = 100, ptr(int64(1))
			want := got
			if err := got.Validate(); err != nil {
				t.Errorf("seed %d: unit %s: %v", s, u.Code, err)
			}
			if diff := diff(want, got); diff != "" {
				t.Errorf("seed %d: unit %s not normalised (-generated +validated):\n%s", s, u.Code, diff)
			}
		}
		for _, p := range ds.Positions {
			got := p.Position
			got.UnitID = 1
			want := got
			if err := got.Validate(); err != nil {
				t.Errorf("seed %d: position %s: %v", s, p.Code, err)
			}
			if diff := diff(want, got); diff != "" {
				t.Errorf("seed %d: position %s not normalised (-generated +validated):\n%s", s, p.Code, diff)
			}
		}
		for _, w := range ds.WorkloadTasks {
			got := w.WorkloadTask
			got.PositionID = 1
			if err := got.Validate(); err != nil {
				t.Errorf("seed %d: task %q of %s: %v", s, w.Task, w.PositionCode, err)
			}
		}
		for _, e := range ds.Employees {
			got := e.Employee
			got.PositionID, got.UnitID = ptr(int64(1)), ptr(int64(1))
			want := got
			if err := got.Validate(); err != nil {
				t.Errorf("seed %d: employee %s: %v", s, e.NIP, err)
			}
			if diff := diff(want, got); diff != "" {
				t.Errorf("seed %d: employee %s not normalised (-generated +validated):\n%s", s, e.NIP, diff)
			}
			if !e.Active {
				t.Errorf("seed %d: employee %s is inactive", s, e.NIP)
			}
		}
		for _, p := range ds.Preferences {
			got := p.Preference
			got.EmployeeID = 1
			for i := range p.UnitCodes {
				got.UnitIDs = append(got.UnitIDs, int64(i+1))
			}
			if err := got.Validate(); err != nil {
				t.Errorf("seed %d: preference of %s: %v", s, p.NIP, err)
			}
		}
	}
}

func TestGenerateNIPsAndPhones(t *testing.T) {
	ds := demo.Generate(seed)
	nips, phones := map[string]bool{}, map[string]bool{}
	for _, e := range ds.Employees {
		n, err := core.ParseNIP(e.NIP)
		if err != nil {
			t.Errorf("NIP %s of %s: %v", e.NIP, e.Name, err)
			continue
		}
		if n.Number != e.NIP || n.BirthDate != e.BirthDate || n.Gender != e.Gender {
			t.Errorf("NIP %s says born %s, %s; record says %s, %s", e.NIP, n.BirthDate, n.Gender, e.BirthDate, e.Gender)
		}
		if nips[e.NIP] {
			t.Errorf("NIP %s twice", e.NIP)
		}
		nips[e.NIP] = true
		p, err := core.NormalizePhone(e.Phone)
		if err != nil || p != e.Phone {
			t.Errorf("phone %q of %s normalises to %q, %v", e.Phone, e.NIP, p, err)
		}
		if !strings.HasPrefix(e.Phone, "+628") {
			t.Errorf("phone %s of %s is not a mobile number", e.Phone, e.NIP)
		}
		if phones[e.Phone] {
			t.Errorf("phone %s twice", e.Phone)
		}
		phones[e.Phone] = true
	}
	genders := map[core.Gender]int{}
	for _, e := range ds.Employees {
		genders[e.Gender]++
	}
	if genders[core.Male] < len(ds.Employees)/4 || genders[core.Female] < len(ds.Employees)/4 {
		t.Errorf("genders %v, want both well represented", genders)
	}
}

// TestGenerateCareers checks ages, service, tenure and rank against the
// rules of the civil service.
func TestGenerateCareers(t *testing.T) {
	ds := demo.Generate(seed)
	ix := indexOf(t, ds)
	// Entry ranks by education: SMA II/a, D3 II/c, D4 and S1 III/a, S2 III/b.
	entry := map[core.EducationLevel]core.Golongan{"SMA": "II/a", "D3": "II/c", "D4": "III/a", "S1": "III/a", "S2": "III/b"}
	recent, long := 0, 0
	for _, e := range ds.Employees {
		n, err := core.ParseNIP(e.NIP)
		if err != nil {
			t.Fatalf("NIP %s: %v", e.NIP, err)
		}
		start := core.Date{Year: n.StartYear, Month: n.StartMonth, Day: 1}
		if age := e.BirthDate.YearsUntil(demo.AsOf); age < 19 || age >= 58 {
			t.Errorf("%s is %d on %s, want 19 to 57 (retirement at 58)", e.NIP, age, demo.AsOf)
		}
		if age := e.BirthDate.YearsUntil(start); age < 18 {
			t.Errorf("%s joined the service at %d", e.NIP, age)
		}
		if !start.Before(demo.AsOf) {
			t.Errorf("%s joins the service on %s, after %s", e.NIP, start, demo.AsOf)
		}
		if e.TMTJabatan.Before(start) || !e.TMTJabatan.Before(demo.AsOf) {
			t.Errorf("%s started in the position on %s, outside service %s to %s", e.NIP, e.TMTJabatan, start, demo.AsOf)
		}
		switch years := e.TMTJabatan.YearsUntil(demo.AsOf); {
		case years < 2:
			recent++
		case years >= 5:
			long++
		}
		lowest, ok := entry[e.EducationLevel]
		if !ok {
			t.Errorf("%s has education %s", e.NIP, e.EducationLevel)
			continue
		}
		if e.Golongan.Rank() < lowest.Rank() {
			t.Errorf("%s with %s holds %s, below the entry rank %s", e.NIP, e.EducationLevel, e.Golongan, lowest)
		}
		if e.EducationLevel == "SMA" && e.Golongan.Rank() > core.Golongan("III/d").Rank() {
			t.Errorf("%s with SMA holds %s", e.NIP, e.Golongan)
		}
		if strings.HasPrefix(string(e.Golongan), "IV/") && e.EducationLevel.Rank() < core.EducationLevel("D4").Rank() {
			t.Errorf("%s with %s holds %s", e.NIP, e.EducationLevel, e.Golongan)
		}
		p := ix.positions[e.PositionCode]
		if !p.Accepts(e.EducationLevel, e.EducationField) {
			t.Errorf("%s (%s %s) does not fit position %s (min %s, fields %v)", e.NIP, e.EducationLevel, e.EducationField,
				p.Code, p.MinEducation, p.AcceptedFields)
		}
		if len(e.Competencies) == 0 {
			t.Errorf("%s has no competency", e.NIP)
		}
		if e.Performance.Score() == 0 {
			t.Errorf("%s has no performance rating", e.NIP)
		}
	}
	n := len(ds.Employees)
	if recent < n/10 || recent > n*2/5 {
		t.Errorf("%d of %d started in their position less than two years ago, want 10%% to 40%%", recent, n)
	}
	if long < n/10 {
		t.Errorf("%d of %d have held their position five years or more, want at least 10%%", long, n)
	}
}

func TestGenerateHomesNearUnit(t *testing.T) {
	ds := demo.Generate(seed)
	ix := indexOf(t, ds)
	for _, e := range ds.Employees {
		u := ix.units[ix.positions[e.PositionCode].UnitCode]
		if e.HomeLat == nil || e.HomeLng == nil {
			t.Errorf("%s has no home", e.NIP)
			continue
		}
		if km := distanceKm(*u.Lat, *u.Lng, *e.HomeLat, *e.HomeLng); km > 30 {
			t.Errorf("%s lives %.0f km from %s", e.NIP, km, u.Code)
		}
	}
}

func distanceKm(lat1, lng1, lat2, lng2 float64) float64 {
	rad := math.Pi / 180
	dLat, dLng := (lat2-lat1)*rad, (lng2-lng1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 6371 * 2 * math.Atan2(math.Sqrt(a), math.Sqrt(1-a))
}

func TestGenerateNames(t *testing.T) {
	ds := demo.Generate(seed)
	distinct := map[string]bool{}
	marks := map[string]int{}
	for _, e := range ds.Employees {
		distinct[e.Name] = true
		name, _, _ := strings.Cut(e.Name, ",") // drop academic titles after the name
		for _, prefix := range []string{"dr. ", "Ns. ", "apt. "} {
			name = strings.TrimPrefix(name, prefix)
		}
		switch {
		case strings.HasPrefix(name, "Ni "):
			marks["balinese"]++
			if e.Gender != core.Female {
				t.Errorf("%s (%s) is a woman's name on a man's NIP", e.Name, e.NIP)
			}
		case strings.HasPrefix(name, "I "):
			marks["balinese"]++
			if e.Gender != core.Male {
				t.Errorf("%s (%s) is a man's name on a woman's NIP", e.Name, e.NIP)
			}
		}
		for _, marga := range []string{"Siregar", "Simanjuntak", "Nasution", "Harahap", "Sinaga", "Lubis"} {
			if strings.HasSuffix(name, " "+marga) {
				marks["batak"]++
			}
		}
		words := strings.Fields(name)
		for i := 1; i < len(words); i++ {
			if slices.Contains(words[:i], words[i]) {
				t.Errorf("%q repeats %q", e.Name, words[i])
			}
		}
		if len(words) > 5 || len(e.Name) > 100 {
			t.Errorf("implausible name %q", e.Name)
		}
		if strings.Contains(e.Name, "S.Kep.") && e.EducationField != "Keperawatan" {
			t.Errorf("%s has a nursing degree but studied %s", e.Name, e.EducationField)
		}
		if strings.HasPrefix(e.Name, "dr. ") && e.EducationField != "Kedokteran" && e.EducationField != "Manajemen Rumah Sakit" {
			t.Errorf("%s is a doctor but studied %s", e.Name, e.EducationField)
		}
	}
	if len(distinct) < len(ds.Employees)*3/4 {
		t.Errorf("only %d distinct names among %d employees", len(distinct), len(ds.Employees))
	}
	if marks["balinese"] < 20 || marks["batak"] < 20 {
		t.Errorf("names from across Indonesia: %v, want Balinese and Batak names among others", marks)
	}
}

// TestGenerateImbalances checks the staffing stories the demo tells, with the
// required staff computed here from the workload tasks.
func TestGenerateImbalances(t *testing.T) {
	for _, s := range []uint64{seed, 7} {
		ds := demo.Generate(s)
		ix := indexOf(t, ds)
		tests := []struct {
			code, story string
			short       bool
		}{
			{"PKM-RHU.PERAWAT", "a health centre short of nurses", true},
			{"SDN-1-RHU.GURU-KELAS", "a remote school short of teachers", true},
			{"SDN-2-RHU.GURU-KELAS", "a remote school short of teachers", true},
			{"SDN-LBT.GURU-KELAS", "a remote school short of teachers", true},
			{"SMPN-1-RHU.GURU-MTK", "a remote school short of teachers", true},
			{"SETDA.PENGADM", "an office with surplus administrative staff", false},
			{"PKM-SKM.PERAWAT", "nurses to spare in town", false},
			{"SDN-1-SKM.GURU-KELAS", "teachers to spare in town", false},
		}
		for _, tt := range tests {
			r := ix.ratio(tt.code)
			if tt.short && !(r < 0.7) || !tt.short && !(r > 1.3) {
				t.Errorf("seed %d: %s (%s): %d staff for %.1f required, ratio %.2f", s, tt.code, tt.story, ix.staff[tt.code], ix.required(tt.code), r)
			}
		}
		if u := ix.units["PKM-RHU"]; u.Kind != core.UnitHealthCentre {
			t.Errorf("PKM-RHU is a %s, want a health centre", u.Kind)
		}
		if u := ix.units["SDN-LBT"]; u.Kind != core.UnitSchool {
			t.Errorf("SDN-LBT is a %s, want a school", u.Kind)
		}
		if p := ix.positions["SETDA.PENGADM"]; p.JobFamily != "pengadministrasi" || p.Kind != core.Executor {
			t.Errorf("SETDA.PENGADM is %s %s, want pelaksana pengadministrasi", p.Kind, p.JobFamily)
		}
		for _, im := range demo.Imbalances() {
			r := ix.ratio(im.PositionCode)
			if im.Factor < 1 && !(r < 0.7) || im.Factor > 1 && !(r > 1.3) {
				t.Errorf("seed %d: %s (%s) has ratio %.2f, want it clearly on the side of %.2f", s, im.PositionCode, im.Story, r, im.Factor)
			}
		}
		balanced := 0
		for _, p := range ds.Positions {
			if r := ix.ratio(p.Code); r >= 0.75 && r <= 1.25 {
				balanced++
			}
		}
		if balanced < len(ds.Positions)*4/5 {
			t.Errorf("seed %d: only %d of %d positions staffed within 25%% of their workload", s, balanced, len(ds.Positions))
		}
	}
}

// TestGenerateAnySeed checks that every seed tells the same story.
func TestGenerateAnySeed(t *testing.T) {
	for s := range uint64(8) {
		ds := demo.Generate(s)
		ix := indexOf(t, ds)
		if n := len(ds.Employees); n < 2700 || n > 3300 {
			t.Errorf("seed %d: %d employees", s, n)
		}
		if n := len(ds.Preferences); n != 30 {
			t.Errorf("seed %d: %d preferences, want 30", s, n)
		}
		for _, im := range demo.Imbalances() {
			r := ix.ratio(im.PositionCode)
			if im.Factor < 1 && !(r < 0.7) || im.Factor > 1 && !(r > 1.3) {
				t.Errorf("seed %d: %s has ratio %.2f, want it clearly on the side of %.2f", s, im.PositionCode, r, im.Factor)
			}
		}
	}
}

// TestGenerateWorkloadIsRealistic keeps the ABK figures in human ranges.
func TestGenerateWorkloadIsRealistic(t *testing.T) {
	ds := demo.Generate(seed)
	for _, w := range ds.WorkloadTasks {
		if w.StandardMinutes < 1 || w.StandardMinutes > 8*60*5 {
			t.Errorf("%s: %q takes %.0f minutes", w.PositionCode, w.Task, w.StandardMinutes)
		}
		if w.YearlyVolume < 1 || w.YearlyVolume != math.Trunc(w.YearlyVolume) {
			t.Errorf("%s: %q happens %v times a year", w.PositionCode, w.Task, w.YearlyVolume)
		}
		if w.Period != demo.Period {
			t.Errorf("%s: period %q", w.PositionCode, w.Period)
		}
	}
	ix := indexOf(t, ds)
	for _, p := range ds.Positions {
		if p.Kind == core.Structural {
			if r := ix.required(p.Code); math.Round(r) != float64(ix.staff[p.Code]) {
				t.Errorf("structural %s: %d holders for %.2f required", p.Code, ix.staff[p.Code], r)
			}
		}
	}
}

// diff is cmp.Diff with a fast path for equal values: a whole regency is
// slow to walk with cmp under the race detector.
func diff(want, got any, opts ...cmp.Option) string {
	if reflect.DeepEqual(want, got) {
		return ""
	}
	return cmp.Diff(want, got, opts...)
}

func ptr[T any](v T) *T { return &v }
