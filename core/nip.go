package core

import (
	"strings"
	"time"
)

// Gender as encoded in the 15th digit of a NIP.
type Gender string

const (
	Male   Gender = "L" // digit 1, laki-laki
	Female Gender = "P" // digit 2, perempuan
)

// NIP is a parsed civil servant number (Nomor Induk Pegawai): 18 digits,
// birth date YYYYMMDD, civil-service start YYYYMM, gender 1/2, sequence.
// A government employee with a work agreement has an NI PPPK of the same
// shape whose digits 13–14 are "21" instead of the month of appointment;
// for one, PPPK is set and StartMonth is 0.
type NIP struct {
	Number     string
	BirthDate  Date
	StartYear  int
	StartMonth time.Month
	Gender     Gender
	Sequence   int
	PPPK       bool
}

// pppkMarker is what an NI PPPK holds where a NIP has the month of
// appointment; no month is 21, so the two cannot be confused.
const pppkMarker = "21"

// firstPPPKYear is the year the first PPPK were appointed (PP 49/2018).
const firstPPPKYear = 2019

// ParseNIP validates s, a NIP or an NI PPPK, and derives the birth date,
// start year and month (the year only for an NI PPPK) and gender. Spaces
// and dots, as NIPs are often written ("19850312 201001 1 003"), are
// ignored. It returns a *ValidationError naming the first problem found.
func ParseNIP(s string) (NIP, error) {
	n := strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
	if n == "" {
		return NIP{}, Invalid("nip", "err.required")
	}
	if len(n) != 18 {
		return NIP{}, Invalid("nip", "err.nip_length", len([]rune(n)))
	}
	for _, r := range n {
		if r < '0' || r > '9' {
			return NIP{}, Invalid("nip", "err.nip_digits")
		}
	}
	num := func(from, to int) int {
		x := 0
		for _, c := range n[from:to] {
			x = x*10 + int(c-'0')
		}
		return x
	}
	birth, ok := MakeDate(num(0, 4), time.Month(num(4, 6)), num(6, 8))
	if !ok || birth.Year < 1900 {
		return NIP{}, Invalid("nip", "err.nip_birth", n[0:8])
	}
	sy, sm := num(8, 12), time.Month(num(12, 14))
	pppk := n[12:14] == pppkMarker
	switch {
	case pppk && sy < firstPPPKYear, !pppk && (sm < 1 || sm > 12 || sy < 1900):
		return NIP{}, Invalid("nip", "err.nip_start", n[8:14])
	}
	// after is the first day after the month (for an NI PPPK, the year) of
	// appointment.
	after := Date{sy, sm, 1}.AddDate(0, 1, 0)
	if pppk {
		sm, after = 0, Date{sy + 1, time.January, 1}
	}
	// A person cannot start service before they are born, nor as a child.
	if !birth.AddDate(15, 0, 0).Before(after) {
		return NIP{}, Invalid("nip", "err.nip_start_before_birth", n[8:14], n[0:8])
	}
	var g Gender
	switch n[14] {
	case '1':
		g = Male
	case '2':
		g = Female
	default:
		return NIP{}, Invalid("nip", "err.nip_gender", string(n[14]))
	}
	seq := num(15, 18)
	if seq == 0 {
		return NIP{}, Invalid("nip", "err.nip_sequence")
	}
	return NIP{Number: n, BirthDate: birth, StartYear: sy, StartMonth: sm, Gender: g, Sequence: seq, PPPK: pppk}, nil
}

// Golongan is a civil-service rank, I/a … IV/e.
type Golongan string

// Golongans lists every rank from lowest to highest.
var Golongans = func() []Golongan {
	var out []Golongan
	for _, g := range []struct {
		roman string
		last  byte
	}{{"I", 'd'}, {"II", 'd'}, {"III", 'd'}, {"IV", 'e'}} {
		for c := byte('a'); c <= g.last; c++ {
			out = append(out, Golongan(g.roman+"/"+string(c)))
		}
	}
	return out
}()

// golonganSeparators removes what people write between a rank's numeral
// and letter; built once, as a Replacer is costly to build.
var golonganSeparators = strings.NewReplacer(" ", "", "/", "", "-", "", ".", "")

// ParseGolongan accepts "III/b", "iii/B", "III b", "IIIb" and "3/b".
func ParseGolongan(s string) (Golongan, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = golonganSeparators.Replace(t)
	if t == "" {
		return "", Invalid("golongan", "err.required")
	}
	letter := t[len(t)-1:]
	roman := t[:len(t)-1]
	switch roman {
	case "1":
		roman = "I"
	case "2":
		roman = "II"
	case "3":
		roman = "III"
	case "4":
		roman = "IV"
	}
	g := Golongan(roman + "/" + strings.ToLower(letter))
	for _, x := range Golongans {
		if x == g {
			return g, nil
		}
	}
	return "", Invalid("golongan", "err.golongan", s)
}

// Rank returns the rank's order (I/a = 1, IV/e = 17), or 0 when unknown.
func (g Golongan) Rank() int {
	for i, x := range Golongans {
		if x == g {
			return i + 1
		}
	}
	return 0
}

// NormalizePhone returns an Indonesian phone number as +62…, accepting the
// usual forms: 0812-3456-7890, 62812…, +62 812 …, 0062 812…, (0274) 512345,
// and a mobile number without its 0 (812…). It returns a *ValidationError
// when the number cannot be Indonesian.
func NormalizePhone(s string) (string, error) {
	var digits strings.Builder
	plus := false
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '+' && i == 0:
			plus = true
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')' || r == '\u00a0':
		default:
			return "", Invalid("telepon", "err.phone", s)
		}
	}
	d := digits.String()
	if len(d) > 2 && d[:2] == "00" && d[2] != '0' { // the international call prefix: 0062…
		d, plus = d[2:], true
	}
	switch {
	case strings.TrimSpace(s) == "":
		return "", Invalid("telepon", "err.required")
	case d == "":
		return "", Invalid("telepon", "err.phone", s)
	case strings.HasPrefix(d, "62"):
		d = d[2:]
	case plus:
		return "", Invalid("telepon", "err.phone_country", s)
	case strings.HasPrefix(d, "0"):
		d = d[1:]
	case d[0] != '8':
		// Without +62, 62 or a leading 0 only a mobile number is
		// unambiguous; 6591234567 is Singapore missing its plus.
		return "", Invalid("telepon", "err.phone", s)
	}
	d = strings.TrimPrefix(d, "0") // "+62 0812…" is written too
	// National significant numbers: mobiles 8xx with 9–12 digits, landlines
	// with an area code 2x–9x and 7–11 digits in all.
	if len(d) < 7 || len(d) > 12 || d[0] == '0' || d[0] == '1' {
		return "", Invalid("telepon", "err.phone", s)
	}
	if d[0] == '8' && len(d) < 9 {
		return "", Invalid("telepon", "err.phone", s)
	}
	return "+62" + d, nil
}
