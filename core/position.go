package core

import (
	"strings"
	"time"
)

// PositionKind is the kind of a jabatan.
type PositionKind string

const (
	Structural PositionKind = "struktural" // management; never planned automatically
	Functional PositionKind = "fungsional" // a professional job family: teacher, nurse…
	Executor   PositionKind = "pelaksana"  // executor / administrative
)

// ParsePositionKind accepts the Indonesian names in any case.
func ParsePositionKind(s string) (PositionKind, bool) {
	k := PositionKind(strings.ToLower(strings.TrimSpace(s)))
	switch k {
	case Structural, Functional, Executor:
		return k, true
	}
	return "", false
}

// EducationLevel is a formal education level; levels compare by Rank.
type EducationLevel string

// EducationLevels lists the levels from lowest to highest.
var EducationLevels = []EducationLevel{"SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"}

// ParseEducationLevel accepts a level in any case; SMK, SLTA and MA count as
// SMA, and SLTP as SMP.
func ParseEducationLevel(s string) (EducationLevel, bool) {
	l := strings.ToUpper(strings.TrimSpace(s))
	switch l {
	case "SMK", "SLTA", "MA":
		l = "SMA"
	case "SLTP", "MTS":
		l = "SMP"
	}
	for _, x := range EducationLevels {
		if string(x) == l {
			return x, true
		}
	}
	return "", false
}

// Rank returns the level's order (SD = 1), or 0 when unknown.
func (l EducationLevel) Rank() int {
	for i, x := range EducationLevels {
		if x == l {
			return i + 1
		}
	}
	return 0
}

// Position is a jabatan in a unit.
type Position struct {
	ID        int64
	Code      string
	UnitID    int64
	Name      string
	Kind      PositionKind
	JobFamily string // rumpun, e.g. guru-kelas, perawat, pengadministrasi
	// MinEducation is the lowest accepted education level; empty for any.
	MinEducation EducationLevel
	// AcceptedFields lists accepted fields of study; empty for any.
	AcceptedFields []string
	Competencies   []string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Validate checks the position's own fields.
func (p *Position) Validate() error {
	v := &ValidationError{}
	p.Code = strings.TrimSpace(p.Code)
	p.Name = strings.TrimSpace(p.Name)
	p.JobFamily = strings.ToLower(strings.TrimSpace(p.JobFamily))
	checkCode(v, "kode", p.Code)
	if p.Name == "" {
		v.Add("nama", "err.required")
	} else if len(p.Name) > 200 {
		v.Add("nama", "err.too_long", 200)
	}
	if p.UnitID == 0 {
		v.Add("unit", "err.required")
	}
	if _, ok := ParsePositionKind(string(p.Kind)); !ok {
		v.Add("jenis", "err.position_kind", string(p.Kind))
	}
	if len(p.JobFamily) > 100 {
		v.Add("rumpun", "err.too_long", 100)
	}
	checkList(v, "jurusan", p.AcceptedFields)
	checkList(v, "kompetensi", p.Competencies)
	if p.MinEducation != "" && p.MinEducation.Rank() == 0 {
		v.Add("pendidikan_min", "err.education", string(p.MinEducation))
	}
	return v.Err()
}

// Accepts reports whether an employee with the given education may hold the
// position: the level is at least MinEducation and the field is accepted.
func (p *Position) Accepts(level EducationLevel, field string) bool {
	if p.MinEducation != "" && level.Rank() < p.MinEducation.Rank() {
		return false
	}
	if len(p.AcceptedFields) == 0 {
		return true
	}
	f := strings.ToLower(strings.TrimSpace(field))
	for _, a := range p.AcceptedFields {
		if strings.ToLower(a) == f {
			return true
		}
	}
	return false
}

// WorkloadTask is one ABK task of a position: how often it happens in a
// year and the standard minutes it takes.
type WorkloadTask struct {
	ID              int64
	PositionID      int64
	Period          string // the ABK period, e.g. "2026"
	Task            string
	YearlyVolume    float64
	StandardMinutes float64
}

// Validate checks the task's own fields.
func (w *WorkloadTask) Validate() error {
	v := &ValidationError{}
	w.Task = strings.TrimSpace(w.Task)
	if w.PositionID == 0 {
		v.Add("jabatan", "err.required")
	}
	if w.Task == "" {
		v.Add("tugas", "err.required")
	} else if len(w.Task) > 500 {
		v.Add("tugas", "err.too_long", 500)
	}
	if !(w.YearlyVolume >= 0) || w.YearlyVolume > 1e9 {
		v.Add("volume", "err.volume")
	}
	if !(w.StandardMinutes > 0) || w.StandardMinutes > 1e6 {
		v.Add("norma_menit", "err.minutes")
	}
	return v.Err()
}

// CleanList returns items as a list field keeps them: each item trimmed,
// empty items dropped, and an item holding ';' split there, as SplitList
// reads a typed list.
func CleanList(items []string) []string { return SplitList(strings.Join(items, ";")) }

// SplitList splits a ';'-separated import cell into trimmed, non-empty items.
func SplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
