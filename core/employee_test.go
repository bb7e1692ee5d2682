package core_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
)

func TestEmployeeValidateDerivesAndNormalises(t *testing.T) {
	e := core.Employee{
		NIP:            "19850312 201001 2 015",
		Name:           "  Siti   Aminah, S.Kep. ",
		Golongan:       "3b",
		TMTJabatan:     date(2021, time.July, 1),
		EducationLevel: "s1",
		EducationField: "Keperawatan",
		Performance:    " sangat   baik ",
		Phone:          "0812-3456-7890",
		HomeLat:        ptr(-2.55),
		HomeLng:        ptr(115.1),
		Active:         true,
	}
	if err := e.Validate(); err != nil {
		t.Fatalf("Validate() = %v", err)
	}
	want := core.Employee{
		NIP:            "198503122010012015",
		Name:           "Siti Aminah, S.Kep.",
		Golongan:       "III/b",
		TMTJabatan:     date(2021, time.July, 1),
		BirthDate:      date(1985, time.March, 12),
		Gender:         core.Female,
		EducationLevel: "S1",
		EducationField: "Keperawatan",
		Performance:    "Sangat Baik",
		Phone:          "+6281234567890",
		HomeLat:        ptr(-2.55),
		HomeLng:        ptr(115.1),
		Language:       "id",
		Active:         true,
	}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("Validate() result mismatch (-want +got):\n%s", diff)
	}
}

func TestEmployeeValidateGenderFromNIP(t *testing.T) {
	tests := []struct {
		nip  string
		want core.Gender
	}{
		{"197508172000031002", core.Male},
		{"197508172000032002", core.Female},
		{"197508172021212002", core.Female}, // an NI PPPK
	}
	for _, tt := range tests {
		e := core.Employee{NIP: tt.nip, Name: "Nama"}
		if err := e.Validate(); err != nil {
			t.Fatalf("Validate(%s) = %v", tt.nip, err)
		}
		if e.Gender != tt.want || e.BirthDate != date(1975, time.August, 17) {
			t.Errorf("NIP %s gave %q born %v; want %q born 1975-08-17", tt.nip, e.Gender, e.BirthDate, tt.want)
		}
	}
}

func TestEmployeeValidate(t *testing.T) {
	valid := func() core.Employee {
		return core.Employee{NIP: "198503122010011003", Name: "Budi Santoso", Golongan: "III/c",
			TMTJabatan: date(2020, time.January, 2), EducationLevel: "S1", Performance: "Baik", Phone: "081234567890"}
	}
	tests := []struct {
		name   string
		modify func(e *core.Employee)
		want   []string
	}{
		{"valid", func(e *core.Employee) {}, nil},
		{"only NIP and name", func(e *core.Employee) { *e = core.Employee{NIP: "198503122010011003", Name: "Budi"} }, nil},
		{"English bot language", func(e *core.Employee) { e.Language = "en" }, nil},
		{"position started the day after turning 15", func(e *core.Employee) { e.TMTJabatan = date(2000, time.March, 13) }, nil},
		{"bad NIP", func(e *core.Employee) { e.NIP = "19850230201001100" }, []string{"nip: err.nip_length"}},
		{"NIP with a bad birth date", func(e *core.Employee) { e.NIP = "198502302010011003" }, []string{"nip: err.nip_birth"}},
		{"blank name", func(e *core.Employee) { e.Name = " \t " }, []string{"nama: err.required"}},
		{"name of 201 characters", func(e *core.Employee) { e.Name = strings.Repeat("a", 201) }, []string{"nama: err.too_long"}},
		{"unknown rank", func(e *core.Employee) { e.Golongan = "V/a" }, []string{"golongan: err.golongan"}},
		{"position started at 15", func(e *core.Employee) { e.TMTJabatan = date(2000, time.March, 12) }, []string{"tmt_jabatan: err.tmt_before_birth"}},
		{"position started before birth", func(e *core.Employee) { e.TMTJabatan = date(1980, time.January, 1) }, []string{"tmt_jabatan: err.tmt_before_birth"}},
		{"unknown education", func(e *core.Employee) { e.EducationLevel = "Sarjana" }, []string{"pendidikan: err.education"}},
		{"unknown performance", func(e *core.Employee) { e.Performance = "Luar Biasa" }, []string{"predikat_kinerja: err.predikat"}},
		{"foreign phone", func(e *core.Employee) { e.Phone = "+1 415 555 0100" }, []string{"telepon: err.phone"}},
		{"home latitude only", func(e *core.Employee) { e.HomeLat = ptr(-2.0) }, []string{"lat: err.coords_pair"}},
		{"home out of range", func(e *core.Employee) { e.HomeLat, e.HomeLng = ptr(-91.0), ptr(115.0) }, []string{"lat: err.lat_range"}},
		{"unsupported language", func(e *core.Employee) { e.Language = "jv" }, []string{"bahasa: err.language"}},
		{"every problem listed", func(e *core.Employee) {
			*e = core.Employee{NIP: "123", Name: " ", Golongan: "V/a", EducationLevel: "S4", Performance: "Luar Biasa",
				Phone: "+65 9123 4567", HomeLat: ptr(1.0), Language: "fr"}
		}, []string{"nip: err.nip_length", "nama: err.required", "golongan: err.golongan", "pendidikan: err.education",
			"predikat_kinerja: err.predikat", "telepon: err.phone", "lat: err.coords_pair", "bahasa: err.language"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := valid()
			tt.modify(&e)
			err := e.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want valid", err)
				}
				return
			}
			if diff := cmp.Diff(tt.want, problems(t, err), anyOrder); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEmployeeValidateMessageListsEveryProblem(t *testing.T) {
	e := core.Employee{NIP: "198503122010013003", Name: "", Phone: "12"}
	err := e.Validate()
	want := "Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), bukan 3.\n" +
		"Wajib diisi.\n" +
		`Nomor telepon "12" bukan nomor Indonesia yang sah.`
	if err == nil || err.Error() != want {
		t.Errorf("Validate() error =\n%v\nwant\n%s", err, want)
	}
}

func TestParsePredikat(t *testing.T) {
	tests := []struct {
		in        string
		want      core.Predikat
		wantOK    bool
		wantScore int
	}{
		{"Sangat Baik", "Sangat Baik", true, 5},
		{"baik", "Baik", true, 4},
		{"BUTUH  PERBAIKAN", "Butuh Perbaikan", true, 3},
		{" kurang ", "Kurang", true, 2},
		{"Sangat Kurang", "Sangat Kurang", true, 1},
		{"", "", true, 0},
		{"Cukup", "", false, 0},
	}
	for _, tt := range tests {
		got, ok := core.ParsePredikat(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ParsePredikat(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
		if s := got.Score(); s != tt.wantScore {
			t.Errorf("Predikat(%q).Score() = %d, want %d", got, s, tt.wantScore)
		}
	}
}

func TestPreferenceValidate(t *testing.T) {
	valid := func() core.Preference {
		return core.Preference{EmployeeID: 5, UnitIDs: []int64{3, 1, 2}, Willingness: core.WillingConditional,
			Family: true, Reason: "  Merawat orang tua di Sukamaju  "}
	}
	tests := []struct {
		name   string
		modify func(p *core.Preference)
		want   []string
	}{
		{"valid", func(p *core.Preference) {}, nil},
		{"no preferred unit", func(p *core.Preference) { p.UnitIDs = nil }, nil},
		{"unwilling", func(p *core.Preference) { p.Willingness = core.WillingNo }, nil},
		{"500 characters of reason outside ASCII", func(p *core.Preference) { p.Reason = strings.Repeat("é", 500) }, nil},
		{"no employee", func(p *core.Preference) { p.EmployeeID = 0 }, []string{"pegawai: err.required"}},
		{"four units", func(p *core.Preference) { p.UnitIDs = []int64{1, 2, 3, 4} }, []string{"unit: err.too_many_units"}},
		{"same unit twice", func(p *core.Preference) { p.UnitIDs = []int64{2, 2} }, []string{"unit: err.duplicate_unit"}},
		{"no willingness", func(p *core.Preference) { p.Willingness = "" }, []string{"kesediaan: err.willingness"}},
		{"unknown willingness", func(p *core.Preference) { p.Willingness = "maybe" }, []string{"kesediaan: err.willingness"}},
		{"reason of 501 characters", func(p *core.Preference) { p.Reason = strings.Repeat("a", 501) }, []string{"alasan: err.too_long"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := valid()
			tt.modify(&p)
			err := p.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want valid", err)
				}
				return
			}
			if diff := cmp.Diff(tt.want, problems(t, err), anyOrder); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
	p := valid()
	if err := p.Validate(); err != nil || p.Reason != "Merawat orang tua di Sukamaju" {
		t.Errorf("Validate() = %v, reason %q; want the reason trimmed", err, p.Reason)
	}
}
