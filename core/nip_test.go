package core_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
)

func TestParseNIPAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want core.NIP
	}{
		{"plain male", "198503122010011003", core.NIP{Number: "198503122010011003",
			BirthDate: core.Date{Year: 1985, Month: time.March, Day: 12}, StartYear: 2010, StartMonth: time.January,
			Gender: core.Male, Sequence: 3}},
		{"spaced as printed on a decree", "19850312 201001 2 015", core.NIP{Number: "198503122010012015",
			BirthDate: core.Date{Year: 1985, Month: time.March, Day: 12}, StartYear: 2010, StartMonth: time.January,
			Gender: core.Female, Sequence: 15}},
		{"dotted, leap day", "19920229.201503.2.001", core.NIP{Number: "199202292015032001",
			BirthDate: core.Date{Year: 1992, Month: time.February, Day: 29}, StartYear: 2015, StartMonth: time.March,
			Gender: core.Female, Sequence: 1}},
		{"non-breaking spaces from a spreadsheet", "19700101\u00a0199403\u00a01\u00a0999", core.NIP{Number: "197001011994031999",
			BirthDate: core.Date{Year: 1970, Month: time.January, Day: 1}, StartYear: 1994, StartMonth: time.March,
			Gender: core.Male, Sequence: 999}},
		{"surrounding spaces", "  196812311990121001 ", core.NIP{Number: "196812311990121001",
			BirthDate: core.Date{Year: 1968, Month: time.December, Day: 31}, StartYear: 1990, StartMonth: time.December,
			Gender: core.Male, Sequence: 1}},
		{"appointed in the month of the 15th birthday", "200001152015011001", core.NIP{Number: "200001152015011001",
			BirthDate: core.Date{Year: 2000, Month: time.January, Day: 15}, StartYear: 2015, StartMonth: time.January,
			Gender: core.Male, Sequence: 1}},
		{"NI PPPK", "199001012021211001", core.NIP{Number: "199001012021211001",
			BirthDate: core.Date{Year: 1990, Month: time.January, Day: 1}, StartYear: 2021, Gender: core.Male, Sequence: 1, PPPK: true}},
		{"NI PPPK spaced as printed", "19880523 202321 2 047", core.NIP{Number: "198805232023212047",
			BirthDate: core.Date{Year: 1988, Month: time.May, Day: 23}, StartYear: 2023, Gender: core.Female, Sequence: 47, PPPK: true}},
		{"NI PPPK of the first year", "197512312019211999", core.NIP{Number: "197512312019211999",
			BirthDate: core.Date{Year: 1975, Month: time.December, Day: 31}, StartYear: 2019, Gender: core.Male, Sequence: 999, PPPK: true}},
		{"NI PPPK appointed in the year of the 15th birthday", "200612312021212001", core.NIP{Number: "200612312021212001",
			BirthDate: core.Date{Year: 2006, Month: time.December, Day: 31}, StartYear: 2021, Gender: core.Female, Sequence: 1, PPPK: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := core.ParseNIP(tt.in)
			if err != nil {
				t.Fatalf("ParseNIP(%q) = %v, want accepted", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseNIP(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseNIPRejects(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // the problem as "field: key"
	}{
		{"empty", "", "nip: err.required"},
		{"only spaces", "   ", "nip: err.required"},
		{"17 digits", "19850312201001100", "nip: err.nip_length"},
		{"19 digits", "1985031220100110031", "nip: err.nip_length"},
		{"dashes are not a NIP form", "19850312-201001-1-003", "nip: err.nip_length"},
		{"letter inside", "19850312201001100A", "nip: err.nip_digits"},
		{"30 February", "198502302010011003", "nip: err.nip_birth"},
		{"29 February of a common year", "199302292015032001", "nip: err.nip_birth"},
		{"birth month 13", "198513122010011003", "nip: err.nip_birth"},
		{"birth day 00", "198503002010011003", "nip: err.nip_birth"},
		{"born before 1900", "189912312010011003", "nip: err.nip_birth"},
		{"all zeros", "000000000000000000", "nip: err.nip_birth"},
		{"start month 00", "198503122010001003", "nip: err.nip_start"},
		{"start month 13", "198503122010131003", "nip: err.nip_start"},
		{"start year before 1900", "198503121899011003", "nip: err.nip_start"},
		{"start before birth", "198503121980011003", "nip: err.nip_start_before_birth"},
		{"start in the birth month", "198503121985031003", "nip: err.nip_start_before_birth"},
		{"start the month before the 15th birthday month", "200001152014121001", "nip: err.nip_start_before_birth"},
		{"gender digit 0", "198503122010010003", "nip: err.nip_gender"},
		{"gender digit 3", "198503122010013003", "nip: err.nip_gender"},
		{"sequence 000", "198503122010011000", "nip: err.nip_sequence"},
		{"month 20 is not PPPK", "198503122010201003", "nip: err.nip_start"},
		{"month 22 is not PPPK", "198503122010221003", "nip: err.nip_start"},
		{"NI PPPK before PPPK existed", "198503122018211003", "nip: err.nip_start"},
		{"NI PPPK with year 0000", "198503120000211003", "nip: err.nip_start"},
		{"NI PPPK with a bad birth date", "199002302021211001", "nip: err.nip_birth"},
		{"NI PPPK appointed in the year before the 15th birthday", "200701012021211001", "nip: err.nip_start_before_birth"},
		{"NI PPPK gender digit 3", "199001012021213001", "nip: err.nip_gender"},
		{"NI PPPK sequence 000", "199001012021211000", "nip: err.nip_sequence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := core.ParseNIP(tt.in)
			if err == nil {
				t.Fatalf("ParseNIP(%q) = %+v, want an error", tt.in, got)
			}
			if diff := cmp.Diff([]string{tt.want}, problems(t, err)); diff != "" {
				t.Errorf("ParseNIP(%q) problems mismatch (-want +got):\n%s", tt.in, diff)
			}
			if got != (core.NIP{}) {
				t.Errorf("ParseNIP(%q) returned %+v with its error, want the zero NIP", tt.in, got)
			}
		})
	}
}

func TestParseNIPMessageNamesTheProblem(t *testing.T) {
	tests := []struct {
		in, id, en string
	}{
		{"19850312201001100", "NIP atau NI PPPK harus 18 digit (yang diisi 17 karakter).", "A NIP or NI PPPK has 18 digits (this one has 17 characters)."},
		{"199001012018211001", "Digit ke-9 sampai ke-14 NIP (201821) bukan tahun dan bulan pengangkatan yang sah; pada NI PPPK, digit itu adalah tahun pengangkatan (2019 atau sesudahnya) diikuti 21.",
			"Digits 9 to 14 of the NIP (201821) are not a valid year and month of appointment; in an NI PPPK they are the year of appointment (2019 or later) followed by 21."},
		{"198502302010011003", "Delapan digit pertama NIP (19850230) bukan tanggal lahir yang sah.",
			"The first eight digits of the NIP (19850230) are not a valid birth date."},
		{"198503122010013003", "Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), bukan 3.",
			"Digit 15 of the NIP must be 1 (male) or 2 (female), not 3."},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := core.ParseNIP(tt.in)
			v, ok := core.AsValidation(err)
			if !ok {
				t.Fatalf("ParseNIP(%q) error %v is not a *ValidationError", tt.in, err)
			}
			if got := err.Error(); got != tt.id {
				t.Errorf("Error() = %q, want %q", got, tt.id)
			}
			if got := v.Message("en"); got != tt.en {
				t.Errorf("Message(en) = %q, want %q", got, tt.en)
			}
		})
	}
}

func TestParseGolongan(t *testing.T) {
	accepted := []struct {
		in   string
		want core.Golongan
	}{
		{"III/b", "III/b"},
		{"iii/B", "III/b"},
		{"III b", "III/b"},
		{"IIIb", "III/b"},
		{"3/b", "III/b"},
		{"III-b", "III/b"},
		{"III.b", "III/b"},
		{" IV/e ", "IV/e"},
		{"4e", "IV/e"},
		{"I/a", "I/a"},
		{"1/d", "I/d"},
		{"II/c", "II/c"},
		{"2 a", "II/a"},
	}
	for _, tt := range accepted {
		t.Run(tt.in, func(t *testing.T) {
			got, err := core.ParseGolongan(tt.in)
			if err != nil {
				t.Fatalf("ParseGolongan(%q) = %v, want %q", tt.in, err, tt.want)
			}
			if got != tt.want {
				t.Errorf("ParseGolongan(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	rejected := []struct {
		in, want string
	}{
		{"", "golongan: err.required"},
		{"  ", "golongan: err.required"},
		{"V/a", "golongan: err.golongan"},
		{"5/a", "golongan: err.golongan"},
		{"I/e", "golongan: err.golongan"}, // rank I stops at d
		{"III/e", "golongan: err.golongan"},
		{"IV/f", "golongan: err.golongan"},
		{"IIII/a", "golongan: err.golongan"},
		{"III", "golongan: err.golongan"},
		{"IV/", "golongan: err.golongan"},
		{"3", "golongan: err.golongan"},
		{"Penata Muda", "golongan: err.golongan"},
		{"é", "golongan: err.golongan"},
	}
	for _, tt := range rejected {
		t.Run("reject "+tt.in, func(t *testing.T) {
			got, err := core.ParseGolongan(tt.in)
			if err == nil {
				t.Fatalf("ParseGolongan(%q) = %q, want an error", tt.in, got)
			}
			if diff := cmp.Diff([]string{tt.want}, problems(t, err)); diff != "" {
				t.Errorf("ParseGolongan(%q) problems mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestGolongansAndRank(t *testing.T) {
	want := []core.Golongan{"I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
		"III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"}
	if diff := cmp.Diff(want, core.Golongans); diff != "" {
		t.Errorf("Golongans mismatch (-want +got):\n%s", diff)
	}
	ranks := []struct {
		g    core.Golongan
		want int
	}{{"I/a", 1}, {"I/d", 4}, {"II/a", 5}, {"III/a", 9}, {"III/d", 12}, {"IV/a", 13}, {"IV/e", 17}, {"V/a", 0}, {"", 0}, {"iii/a", 0}}
	for _, tt := range ranks {
		t.Run(string(tt.g), func(t *testing.T) {
			if got := tt.g.Rank(); got != tt.want {
				t.Errorf("Golongan(%q).Rank() = %d, want %d", tt.g, got, tt.want)
			}
		})
	}
}

func TestNormalizePhoneAccepts(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"0812-3456-7890", "+6281234567890"},
		{"081234567890", "+6281234567890"},
		{"0812 3456 7890", "+6281234567890"},
		{"0812.3456.7890", "+6281234567890"},
		{" 0812 3456 7890 ", "+6281234567890"},
		{"0812\u00a03456\u00a07890", "+6281234567890"},
		{"6281234567890", "+6281234567890"},
		{"62 812-3456-7890", "+6281234567890"},
		{"+6281234567890", "+6281234567890"},
		{"+62 812-3456-7890", "+6281234567890"},
		{"+62 (812) 3456 7890", "+6281234567890"},
		{"+62 0812 3456 7890", "+6281234567890"},
		{"0062 812 3456 7890", "+6281234567890"},
		{"812-3456-7890", "+6281234567890"},
		{"0811 234 567", "+62811234567"},       // an early, short mobile number
		{"0896-1234-56789", "+62896123456789"}, // the longest mobile numbers
		{"(0274) 512345", "+62274512345"},      // Yogyakarta landline
		{"021-5551234", "+62215551234"},        // Jakarta landline
		{"(021) 5551 2345", "+622155512345"},
		{"+62 21 5551234", "+62215551234"},
		{"(0511) 3304 567", "+625113304567"}, // Banjarmasin landline
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := core.NormalizePhone(tt.in)
			if err != nil {
				t.Fatalf("NormalizePhone(%q) = %v, want %q", tt.in, err, tt.want)
			}
			if got != tt.want {
				t.Errorf("NormalizePhone(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizePhoneRejects(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", "telepon: err.required"},
		{"   ", "telepon: err.required"},
		{"+1 415 555 0100", "telepon: err.phone_country"},  // United States
		{"+65 9123 4567", "telepon: err.phone_country"},    // Singapore
		{"+60 12-345 6789", "telepon: err.phone_country"},  // Malaysia
		{"+44 20 7946 0958", "telepon: err.phone_country"}, // United Kingdom
		{"0065 9123 4567", "telepon: err.phone_country"},   // Singapore through the international prefix
		{"001 415 555 0100", "telepon: err.phone_country"},
		{"6591234567", "telepon: err.phone"},  // Singapore without its plus
		{"4155550100", "telepon: err.phone"},  // US without a country code
		{"60123456789", "telepon: err.phone"}, // Malaysia without its plus
		{"+0812 3456 7890", "telepon: err.phone_country"},
		{"0812-3456-789x", "telepon: err.phone"},
		{"telepon kantor", "telepon: err.phone"},
		{"0812/3456/7890", "telepon: err.phone"},
		{"++6281234567890", "telepon: err.phone"},
		{"0812+3456", "telepon: err.phone"},
		{"0812 3456 7890 ext 12", "telepon: err.phone"},
		{"08123", "telepon: err.phone"},
		{"08123456", "telepon: err.phone"}, // a mobile number needs at least 9 digits after 0
		{"0812345678901234", "telepon: err.phone"},
		{"0000000000", "telepon: err.phone"},
		{"0123456789", "telepon: err.phone"},
		{"+62", "telepon: err.phone"},
		{"62", "telepon: err.phone"},
		{"+", "telepon: err.phone"},
		{"-", "telepon: err.phone"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := core.NormalizePhone(tt.in)
			if err == nil {
				t.Fatalf("NormalizePhone(%q) = %q, want an error", tt.in, got)
			}
			if diff := cmp.Diff([]string{tt.want}, problems(t, err)); diff != "" {
				t.Errorf("NormalizePhone(%q) problems mismatch (-want +got):\n%s", tt.in, diff)
			}
			if got != "" {
				t.Errorf("NormalizePhone(%q) returned %q with its error", tt.in, got)
			}
		})
	}
}

func TestNormalizePhoneMessageQuotesInput(t *testing.T) {
	_, err := core.NormalizePhone("+65 9123 4567")
	want := `Nomor telepon "+65 9123 4567" bukan nomor Indonesia (harus diawali +62 atau 0).`
	if err == nil || err.Error() != want {
		t.Errorf("NormalizePhone error = %v, want %q", err, want)
	}
}

func FuzzParseNIP(f *testing.F) {
	for _, s := range []string{"198503122010011003", "19850312 201001 2 015", "19920229.201503.2.001",
		"200001152015011001", "198502302010011003", "000000000000000000", "", "1", "१९८५०३१२२०१००११००३",
		"19850312201001100\u00a0", "999912319999129999", "199001012021211001", "19880523 202321 2 047",
		"200701012021211001", "198503122018211003", "999912319999219999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := core.ParseNIP(s)
		if err != nil {
			if _, ok := core.AsValidation(err); !ok {
				t.Fatalf("ParseNIP(%q) error %v is not a *ValidationError", s, err)
			}
			return
		}
		if len(n.Number) != 18 || strings.Trim(n.Number, "0123456789") != "" {
			t.Fatalf("ParseNIP(%q).Number = %q, want 18 digits", s, n.Number)
		}
		if got := strings.ReplaceAll(n.BirthDate.String(), "-", ""); got != n.Number[:8] {
			t.Errorf("ParseNIP(%q) birth date %s does not match digits %s", s, n.BirthDate, n.Number[:8])
		}
		start := fmt.Sprintf("%04d%02d", n.StartYear, int(n.StartMonth))
		// after is the first day after the month (NI PPPK: the year) of appointment.
		after := core.Date{Year: n.StartYear, Month: n.StartMonth, Day: 1}.AddDate(0, 1, 0)
		if n.PPPK {
			start = fmt.Sprintf("%04d21", n.StartYear)
			after = core.Date{Year: n.StartYear + 1, Month: time.January, Day: 1}
			if n.StartMonth != 0 || n.StartYear < 2019 {
				t.Errorf("ParseNIP(%q) is an NI PPPK appointed %d-%02d; want no month and 2019 or later", s, n.StartYear, n.StartMonth)
			}
		}
		if start != n.Number[8:14] {
			t.Errorf("ParseNIP(%q) start %s does not match digits %s", s, start, n.Number[8:14])
		}
		if want := map[byte]core.Gender{'1': core.Male, '2': core.Female}[n.Number[14]]; n.Gender != want {
			t.Errorf("ParseNIP(%q).Gender = %q, digit %c", s, n.Gender, n.Number[14])
		}
		if !n.BirthDate.AddDate(15, 0, 0).Before(after) {
			t.Errorf("ParseNIP(%q) accepted a start %d-%02d before the 15th birthday after %s", s, n.StartYear, n.StartMonth, n.BirthDate)
		}
		for _, form := range []string{n.Number, n.Number[:8] + " " + n.Number[8:14] + " " + n.Number[14:15] + " " + n.Number[15:]} {
			again, err := core.ParseNIP(form)
			if err != nil {
				t.Fatalf("ParseNIP(%q) accepted, but its form %q is rejected: %v", s, form, err)
			}
			if diff := cmp.Diff(n, again); diff != "" {
				t.Errorf("ParseNIP(%q) does not round-trip through %q (-first +again):\n%s", s, form, diff)
			}
		}
	})
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"0812-3456-7890", "+62 812 3456 7890", "6281234567890", "(0274) 512345",
		"+62 0812 3456 7890", "0062 812 3456 7890", "+65 9123 4567", "abc", "", "+", "0", "62", "620", "+62 62 2123456"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := core.NormalizePhone(s)
		if err != nil {
			if _, ok := core.AsValidation(err); !ok {
				t.Fatalf("NormalizePhone(%q) error %v is not a *ValidationError", s, err)
			}
			return
		}
		rest, ok := strings.CutPrefix(p, "+62")
		if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" || rest[0] == '0' {
			t.Fatalf("NormalizePhone(%q) = %q, want +62 and a national number", s, p)
		}
		if n := len(rest); n < 7 || n > 12 {
			t.Errorf("NormalizePhone(%q) = %q has %d national digits, want 7-12", s, p, n)
		}
		again, err := core.NormalizePhone(p)
		if err != nil || again != p {
			t.Errorf("NormalizePhone(%q) = %q, which normalises to %q, %v; want itself", s, p, again, err)
		}
	})
}

func FuzzParseGolongan(f *testing.F) {
	for _, s := range []string{"III/b", "iii b", "4e", "I/e", "", "/", "é", "IV/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g, err := core.ParseGolongan(s)
		if err != nil {
			return
		}
		if g.Rank() == 0 {
			t.Fatalf("ParseGolongan(%q) = %q, which is not a rank", s, g)
		}
		if again, err := core.ParseGolongan(string(g)); err != nil || again != g {
			t.Errorf("ParseGolongan(%q) = %q, which parses to %q, %v", s, g, again, err)
		}
	})
}
