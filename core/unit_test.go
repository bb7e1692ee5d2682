package core_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
)

func ptr[T any](v T) *T { return &v }

func TestParseTimeZone(t *testing.T) {
	tests := []struct {
		in     string
		want   core.TimeZone
		wantOK bool
	}{
		{"WIB", core.WIB, true},
		{"wita", core.WITA, true},
		{" Wit ", core.WIT, true},
		{"CET", "", false},
		{"", "", false},
		{"UTC+7", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := core.ParseTimeZone(tt.in)
			if ok != tt.wantOK || (ok && got != tt.want) {
				t.Errorf("ParseTimeZone(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestTimeZoneLocationShowsLocalTime(t *testing.T) {
	// 01:00 UTC is 08:00 in Jakarta, 09:00 in Makassar and 10:00 in Jayapura.
	at := time.Date(2026, time.November, 23, 1, 0, 0, 0, time.UTC)
	tests := []struct {
		zone core.TimeZone
		want string
	}{
		{core.WIB, "08:00"},
		{core.WITA, "09:00"},
		{core.WIT, "10:00"},
		{"XYZ", "08:00"}, // an unknown zone falls back to WIB
	}
	for _, tt := range tests {
		t.Run(string(tt.zone), func(t *testing.T) {
			if got := at.In(tt.zone.Location()).Format("15:04"); got != tt.want {
				t.Errorf("%s local time = %s, want %s", tt.zone, got, tt.want)
			}
		})
	}
}

// TestTimeZoneLocationIsLoadedOnce asks for each zone's location many
// times, as the scheduler does for every invitation of a page: after the
// first call nothing is read or allocated, and every caller shares one
// location per zone.
func TestTimeZoneLocationIsLoadedOnce(t *testing.T) {
	for _, z := range []core.TimeZone{core.WIB, core.WITA, core.WIT, "XYZ"} {
		first := z.Location()
		if allocs := testing.AllocsPerRun(100, func() { z.Location() }); allocs != 0 {
			t.Errorf("%s: Location allocates %.0f times a call, want 0 (loaded once)", z, allocs)
		}
		if z.Location() != first {
			t.Errorf("%s: Location returned a new location on a later call", z)
		}
	}
}

func TestUnitValidateNormalises(t *testing.T) {
	u := core.Unit{Code: " PKM-01 ", Name: "  Puskesmas Sukamaju  "}
	if err := u.Validate(); err != nil {
		t.Fatalf("Validate() = %v", err)
	}
	want := core.Unit{Code: "PKM-01", Name: "Puskesmas Sukamaju", Kind: core.UnitOther, TimeZone: core.WIB}
	if diff := cmp.Diff(want, u); diff != "" {
		t.Errorf("Validate() result mismatch (-want +got):\n%s", diff)
	}
}

func TestUnitValidate(t *testing.T) {
	valid := func() core.Unit {
		return core.Unit{ID: 4, Code: "DINKES.PKM/01_a", Name: "Puskesmas Sukamaju", Kind: core.UnitHealthCentre,
			TimeZone: core.WITA, Lat: ptr(-2.5), Lng: ptr(115.2), ParentID: ptr(int64(2))}
	}
	tests := []struct {
		name   string
		modify func(u *core.Unit)
		want   []string
	}{
		{"valid", func(u *core.Unit) {}, nil},
		{"valid without coordinates", func(u *core.Unit) { u.Lat, u.Lng = nil, nil }, nil},
		{"extreme coordinates", func(u *core.Unit) { u.Lat, u.Lng = ptr(-90.0), ptr(180.0) }, nil},
		{"every kind", func(u *core.Unit) { u.Kind = core.UnitHospital }, nil},
		{"missing code and name", func(u *core.Unit) { u.Code, u.Name = " ", "" },
			[]string{"kode: err.required", "nama: err.required"}},
		{"code with a space", func(u *core.Unit) { u.Code = "PKM 01" }, []string{"kode: err.code_chars"}},
		{"code with a letter outside ASCII", func(u *core.Unit) { u.Code = "PKM-Ü" }, []string{"kode: err.code_chars"}},
		{"code of 51 characters", func(u *core.Unit) { u.Code = strings.Repeat("A", 51) }, []string{"kode: err.too_long"}},
		{"code of 50 characters", func(u *core.Unit) { u.Code = strings.Repeat("A", 50) }, nil},
		{"name of 201 characters", func(u *core.Unit) { u.Name = strings.Repeat("n", 201) }, []string{"nama: err.too_long"}},
		{"unknown kind", func(u *core.Unit) { u.Kind = "kantor" }, []string{"jenis: err.unit_kind"}},
		{"unknown zone", func(u *core.Unit) { u.TimeZone = "CET" }, []string{"zona_waktu: err.timezone"}},
		{"latitude without longitude", func(u *core.Unit) { u.Lng = nil }, []string{"lat: err.coords_pair"}},
		{"longitude without latitude", func(u *core.Unit) { u.Lat = nil }, []string{"lat: err.coords_pair"}},
		{"latitude out of range", func(u *core.Unit) { u.Lat = ptr(90.5) }, []string{"lat: err.lat_range"}},
		{"longitude out of range", func(u *core.Unit) { u.Lng = ptr(-180.5) }, []string{"lng: err.lng_range"}},
		{"own parent", func(u *core.Unit) { u.ParentID = ptr(int64(4)) }, []string{"induk: err.unit_own_parent"}},
		{"everything wrong at once", func(u *core.Unit) {
			u.Code, u.Name, u.Kind, u.TimeZone, u.Lat, u.Lng = "a b", "", "x", "y", ptr(100.0), ptr(200.0)
		}, []string{"kode: err.code_chars", "nama: err.required", "jenis: err.unit_kind", "zona_waktu: err.timezone",
			"lat: err.lat_range", "lng: err.lng_range"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := valid()
			tt.modify(&u)
			err := u.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want valid", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Validate() = nil, want problems")
			}
			if diff := cmp.Diff(tt.want, problems(t, err), anyOrder); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func BenchmarkTimeZoneLocation(b *testing.B) {
	for range b.N {
		core.WITA.Location()
	}
}
