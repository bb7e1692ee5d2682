package planner

import (
	"testing"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// need returns tasks that need people persons.
func need(people float64) []abk.Task {
	return []abk.Task{{Name: "tugas", YearlyVolume: people * 1250, StandardMinutes: 60}}
}

// builder builds small instances by hand.
type builder struct {
	in *Instance
}

func newBuilder() *builder {
	return &builder{in: &Instance{Date: GenerateDate}}
}

func (b *builder) unit(id int64, lat, lng float64) *builder {
	b.in.Units = append(b.in.Units, Unit{ID: id, Code: "U" + itoa(id), Name: "Unit " + itoa(id), Lat: lat, Lng: lng, Located: true})
	return b
}

func (b *builder) position(id, unit int64, family string, kind core.PositionKind, required float64, fields ...string) *builder {
	b.in.Positions = append(b.in.Positions, Position{ID: id, Code: "P" + itoa(id), Name: "Jabatan " + itoa(id), UnitID: unit,
		Kind: kind, Family: family, MinEducation: "D3", AcceptedFields: fields, Tasks: need(required)})
	return b
}

// staff adds count movable employees with the given field to a position.
func (b *builder) staff(pos int64, count int, field string) *builder {
	for range count {
		id := int64(len(b.in.Employees) + 1)
		b.in.Employees = append(b.in.Employees, Employee{
			ID: id, NIP: "19800101200501100" + itoa(id%10) + itoa(id), Name: "Pegawai " + itoa(id), PositionID: pos,
			TMT: GenerateDate.AddDate(-4, 0, 0), BirthDate: core.Date{Year: 1980, Month: 1, Day: 1},
			Education: "S1", Field: field, Performance: "Baik", Willingness: core.WillingYes,
		})
	}
	return b
}

// last returns the last employee added.
func (b *builder) last() *Employee { return &b.in.Employees[len(b.in.Employees)-1] }

func itoa(i int64) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// mustPropose plans and verifies the plan.
func mustPropose(tb testing.TB, in *Instance, p Params) *Plan {
	tb.Helper()
	plan, err := Propose(in, p)
	if err != nil {
		tb.Fatalf("Propose: %v", err)
	}
	if err := Verify(in, p, plan); err != nil {
		tb.Fatalf("Verify: %v", err)
	}
	return plan
}

// keys returns the message keys of a validation error.
func keys(tb testing.TB, err error) []string {
	tb.Helper()
	v, ok := core.AsValidation(err)
	if !ok {
		tb.Fatalf("error %v is not a validation error", err)
	}
	var out []string
	for _, f := range v.Fields {
		out = append(out, f.Key)
	}
	return out
}
