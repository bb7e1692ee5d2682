package planner

import (
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// Instance is everything the planner reads, as plain values a use-case
// converts from the store: the unit tree, the positions with their workload,
// the employees with their preferences, and the round's upheld objections.
type Instance struct {
	// Date is the day the time rules are evaluated on, usually the round's
	// planned effective date.
	Date       core.Date   `json:"date"`
	Units      []Unit      `json:"units"`
	Positions  []Position  `json:"positions"`
	Employees  []Employee  `json:"employees"`
	Objections []Objection `json:"objections,omitempty"`
}

// Unit is a work unit. ParentID is 0 for a top unit.
type Unit struct {
	ID       int64  `json:"id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	ParentID int64  `json:"parent_id,omitempty"`
	// Lat and Lng locate the unit when Located is set.
	Lat     float64 `json:"lat"`
	Lng     float64 `json:"lng"`
	Located bool    `json:"located"`
	// Excluded is set for a unit that asked not to be planned (or is out of
	// the round's scope): nobody leaves or joins it.
	Excluded bool `json:"excluded,omitempty"`
}

// Position is a position (jabatan) with its ABK workload. A position
// without tasks has no workload data and is not planned.
type Position struct {
	ID     int64             `json:"id"`
	Code   string            `json:"code"`
	Name   string            `json:"name"`
	UnitID int64             `json:"unit_id"`
	Kind   core.PositionKind `json:"kind"`
	// Family is the job family (rumpun), e.g. guru-kelas, perawat.
	Family string `json:"family"`
	// MinEducation is the lowest accepted education level; empty for any.
	MinEducation core.EducationLevel `json:"min_education,omitempty"`
	// AcceptedFields lists accepted fields of study; empty for any.
	AcceptedFields []string `json:"accepted_fields,omitempty"`
	// Competencies lists the competencies the position requires.
	Competencies []string   `json:"competencies,omitempty"`
	Tasks        []abk.Task `json:"tasks"`
	// RetirementAge overrides Params.RetirementAge for the people in this
	// position (functional positions have their own BUP); 0 uses the kind's.
	RetirementAge int `json:"retirement_age,omitempty"`
}

// Employee is an ASN as the planner sees them.
type Employee struct {
	ID         int64  `json:"id"`
	NIP        string `json:"nip"`
	Name       string `json:"name"`
	PositionID int64  `json:"position_id"`
	// TMT is the start date in the current position (tmt_jabatan); an
	// unknown TMT fails the minimum-time rule.
	TMT       core.Date           `json:"tmt"`
	BirthDate core.Date           `json:"birth_date"`
	Education core.EducationLevel `json:"education"`
	Field     string              `json:"field"`
	// Competencies the employee holds.
	Competencies []string      `json:"competencies,omitempty"`
	Performance  core.Predikat `json:"performance,omitempty"`
	// HomeLat and HomeLng locate the employee's home when HasHome is set.
	HomeLat float64 `json:"home_lat"`
	HomeLng float64 `json:"home_lng"`
	HasHome bool    `json:"has_home"`
	// Preferences are the ranked preferred unit ids, best first.
	Preferences []int64          `json:"preferences,omitempty"`
	Willingness core.Willingness `json:"willingness,omitempty"`
	// InActiveTransfer is set when a transfer of the employee is still
	// active (core.TransferStatus.Active).
	InActiveTransfer bool `json:"in_active_transfer,omitempty"`
}

// Objection is an objection upheld in this round.
type Objection struct {
	EmployeeID int64 `json:"employee_id"`
	// PositionID is the position the objected proposal went to; the
	// employee is not planned into it again. 0 means the employee is not
	// moved at all in this round.
	PositionID int64 `json:"position_id,omitempty"`
}
