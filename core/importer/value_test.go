package importer

import (
	"testing"

	"github.com/seimbang/seimbang/core"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1250", 1250, true},
		{"-3,25", -3.25, true},
		{"-3.25", -3.25, true},
		{"1.250,5", 1250.5, true},
		{"1,250.5", 1250.5, true},
		{"1.250.000", 1250000, true},
		{"1,250,000", 1250000, true},
		{"1.250", 1.25, true},
		{"1 250", 1250, true},
		{"1.5E-3", 0.0015, true},
		{"", 0, false},
		{"abc", 0, false},
		{"NaN", 0, false},
		{"Inf", 0, false},
		{"1,2,3.4.5", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseNumber(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	march1 := core.Date{Year: 2019, Month: 3, Day: 1}
	tests := []struct {
		in       string
		date1904 bool
		want     core.Date
		ok       bool
	}{
		{"2019-03-01", false, march1, true},
		{"01/03/2019", false, march1, true},
		{"1/3/2019", false, march1, true},
		{"01-03-2019", false, march1, true},
		{"2019-03-01 00:00:00", false, march1, true},
		{"2019-03-01T00:00:00Z", false, march1, true},
		{"43525", false, march1, true},   // Excel's serial number
		{"43525.5", false, march1, true}, // with a time of day
		{"42063", true, march1, true},    // the 1904 system
		{"2019", false, core.Date{}, false},
		{"31/02/2019", false, core.Date{}, false},
		{"2019-02-30", false, core.Date{}, false},
		{"03/01/19", false, core.Date{}, false},
		{"kemarin", false, core.Date{}, false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in, tt.date1904)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseDate(%q, %v) = %v, %v; want %v, %v", tt.in, tt.date1904, got, ok, tt.want, tt.ok)
		}
	}
}

func TestScientific(t *testing.T) {
	for in, want := range map[string]bool{
		"1.98503E+17": true, "1,98503E+17": true, "1.98503122010012E+17": true, "6.28123E+12": true, "2E5": true,
		"198503122010012003": false, "E+17": false, "1.5E": false, "Eko": false, "": false, "III/e": false,
	} {
		if got := scientific(in); got != want {
			t.Errorf("scientific(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestNormalizeHeader(t *testing.T) {
	for in, want := range map[string]string{
		"TMT Jabatan": "tmt_jabatan", " \ufeffNIP ": "nip", "Predikat-Kinerja *": "predikat_kinerja",
		"zona_waktu": "zona_waktu", "Norma  Menit": "norma_menit", "\u00a0": "",
	} {
		if got := normalizeHeader(in); got != want {
			t.Errorf("normalizeHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDetectComma(t *testing.T) {
	for in, want := range map[string]rune{
		"kode,nama\nA;B,C;D;E\n":      ',',
		"kode;nama;induk\nA,1;B;C\n":  ';',
		"\n\n\"a;b;c\",d\n":           ',',
		"\"nama, lengkap\";nip\n":     ';',
		"nip":                         ',',
		"kode;nama":                   ';',
		"\r\nkode;nama,x;y\r\n1,2,3,": ';',
	} {
		if got := detectComma([]byte(in)); got != want {
			t.Errorf("detectComma(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEducationLevel(t *testing.T) {
	for in, want := range map[string]core.EducationLevel{
		"S-1": "S1", "s 2": "S2", "D-III": "D3", "DIV": "D4", "D.3": "D3", "SLTA": "SMA", "SMK": "SMA", "Sarjana": "Sarjana",
	} {
		if got := educationLevel(in); got != want {
			t.Errorf("educationLevel(%q) = %q, want %q", in, got, want)
		}
	}
}
