package core

import (
	"strings"
	"time"
)

// Predikat is an SKP performance predicate.
type Predikat string

// Predikats lists the predicates from best to worst.
var Predikats = []Predikat{"Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"}

// ParsePredikat accepts a predicate in any case; empty means not rated.
func ParsePredikat(s string) (Predikat, bool) {
	t := strings.Join(strings.Fields(s), " ")
	if t == "" {
		return "", true
	}
	for _, p := range Predikats {
		if strings.EqualFold(string(p), t) {
			return p, true
		}
	}
	return "", false
}

// Score returns 5 for Sangat Baik down to 1 for Sangat Kurang, 0 if unrated.
func (p Predikat) Score() int {
	for i, x := range Predikats {
		if x == p {
			return len(Predikats) - i
		}
	}
	return 0
}

// Employee is an ASN in a position.
type Employee struct {
	ID             int64
	NIP            string
	Name           string
	Golongan       Golongan
	PositionID     *int64
	UnitID         *int64 // the position's unit, kept for filtering
	TMTJabatan     Date   // start date in the current position
	BirthDate      Date   // derived from the NIP
	Gender         Gender // derived from the NIP
	EducationLevel EducationLevel
	EducationField string
	Competencies   []string
	Performance    Predikat
	Phone          string // +62…, empty when unknown
	HomeLat        *float64
	HomeLng        *float64
	// TelegramUserID is set once the employee linked the bot.
	TelegramUserID   *int64
	TelegramLinkedAt *time.Time
	// UnreachableAt is set when Telegram refused delivery (blocked bot).
	UnreachableAt *time.Time
	Language      string // "id" or "en", the bot language
	Active        bool
	CreatedAt     time.Time
	UpdatedAt     time.Time

	// PerformancePeriod is the period Performance rates ("2026",
	// "2026-06") when an import names it; the rating is then kept in the
	// employee's rating history. Not stored on the employee.
	PerformancePeriod string
}

// Validate checks the employee's fields and derives birth date and gender
// from the NIP. It returns a *ValidationError listing every problem.
func (e *Employee) Validate() error {
	v := &ValidationError{}
	e.Name = strings.Join(strings.Fields(e.Name), " ")
	nip, err := ParseNIP(e.NIP)
	if err != nil {
		ve, _ := AsValidation(err)
		v.Merge(0, ve)
	} else {
		e.NIP, e.BirthDate, e.Gender = nip.Number, nip.BirthDate, nip.Gender
	}
	if e.Name == "" {
		v.Add("nama", "err.required")
	} else if len(e.Name) > 200 {
		v.Add("nama", "err.too_long", 200)
	}
	if e.Golongan != "" {
		if g, err := ParseGolongan(string(e.Golongan)); err != nil {
			v.Add("golongan", "err.golongan", string(e.Golongan))
		} else {
			e.Golongan = g
		}
	}
	if !e.TMTJabatan.IsZero() && !e.BirthDate.IsZero() && !e.BirthDate.AddDate(15, 0, 0).Before(e.TMTJabatan) {
		v.Add("tmt_jabatan", "err.tmt_before_birth")
	}
	if e.EducationLevel != "" {
		if l, ok := ParseEducationLevel(string(e.EducationLevel)); ok {
			e.EducationLevel = l
		} else {
			v.Add("pendidikan", "err.education", string(e.EducationLevel))
		}
	}
	if p, ok := ParsePredikat(string(e.Performance)); ok {
		e.Performance = p
	} else {
		v.Add("predikat_kinerja", "err.predikat", string(e.Performance))
	}
	if e.Phone != "" {
		if p, err := NormalizePhone(e.Phone); err != nil {
			v.Add("telepon", "err.phone", e.Phone)
		} else {
			e.Phone = p
		}
	}
	checkLen(v, "jurusan", e.EducationField, 100)
	checkList(v, "kompetensi", e.Competencies)
	checkCoords(v, "lat", "lng", e.HomeLat, e.HomeLng)
	if e.Language == "" {
		e.Language = "id"
	}
	if e.Language != "id" && e.Language != "en" {
		v.Add("bahasa", "err.language", e.Language)
	}
	return v.Err()
}

// Linked reports whether the employee has linked a Telegram account.
func (e *Employee) Linked() bool { return e.TelegramUserID != nil }

// Willingness is an employee's stated willingness to move.
type Willingness string

const (
	WillingYes         Willingness = "yes"
	WillingNo          Willingness = "no"
	WillingConditional Willingness = "conditional"
)

// MaxPreferredUnits is how many units an employee may rank.
const MaxPreferredUnits = 3

// Preference is an employee's ranked preferred units and constraints.
type Preference struct {
	EmployeeID  int64
	UnitIDs     []int64 // ranked, best first, at most MaxPreferredUnits
	Willingness Willingness
	Health      bool // a health constraint
	Family      bool // a family constraint
	Domicile    bool // a domicile constraint
	Reason      string
	UpdatedAt   time.Time
}

// Validate checks the preference.
func (p *Preference) Validate() error {
	v := &ValidationError{}
	if p.EmployeeID == 0 {
		v.Add("pegawai", "err.required")
	}
	if len(p.UnitIDs) > MaxPreferredUnits {
		v.Add("unit", "err.too_many_units", MaxPreferredUnits)
	}
	seen := map[int64]bool{}
	for _, id := range p.UnitIDs {
		if seen[id] {
			v.Add("unit", "err.duplicate_unit")
			break
		}
		seen[id] = true
	}
	switch p.Willingness {
	case WillingYes, WillingNo, WillingConditional:
	default:
		v.Add("kesediaan", "err.willingness")
	}
	p.Reason = strings.TrimSpace(p.Reason)
	if len([]rune(p.Reason)) > 500 {
		v.Add("alasan", "err.too_long", 500)
	}
	return v.Err()
}
