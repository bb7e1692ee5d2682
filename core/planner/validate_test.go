package planner

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

func TestValidateRefusesBadInput(t *testing.T) {
	valid := func() *Instance {
		return newBuilder().unit(1, -7, 110).unit(2, -7.1, 110).
			position(1, 1, "perawat", "fungsional", 2, "keperawatan").
			position(2, 2, "perawat", "fungsional", 3, "keperawatan").
			staff(1, 3, "keperawatan").staff(2, 2, "keperawatan").in
	}
	tests := []struct {
		name   string
		change func(in *Instance, p *Params)
		want   []string
	}{
		{"valid", func(*Instance, *Params) {}, nil},
		{"position in an unknown unit", func(in *Instance, _ *Params) { in.Positions[1].UnitID = 9 }, []string{"abk.unknown_unit"}},
		{"negative volume", func(in *Instance, _ *Params) { in.Positions[0].Tasks[0].YearlyVolume = -1 }, []string{"abk.negative_volume"}},
		{"zero standard time", func(in *Instance, _ *Params) { in.Positions[0].Tasks[0].StandardMinutes = 0 }, []string{"abk.minutes"}},
		{"zero effective time", func(_ *Instance, p *Params) { p.ABK.EffectiveMinutes = 0 }, []string{"abk.effective_time"}},
		{"employee without a position", func(in *Instance, _ *Params) { in.Employees[0].PositionID = 0 }, []string{"planner.no_position"}},
		{"employee in an unknown position", func(in *Instance, _ *Params) { in.Employees[0].PositionID = 99 }, []string{"planner.unknown_position"}},
		{"duplicate unit code", func(in *Instance, _ *Params) { in.Units[1].Code = in.Units[0].Code }, []string{"abk.duplicate_unit"}},
		{"duplicate position code", func(in *Instance, _ *Params) { in.Positions[1].Code = in.Positions[0].Code }, []string{"abk.duplicate_position"}},
		{"duplicate NIP", func(in *Instance, _ *Params) { in.Employees[1].NIP = in.Employees[0].NIP }, []string{"planner.duplicate_employee"}},
		{"duplicate employee id", func(in *Instance, _ *Params) { in.Employees[1].ID = in.Employees[0].ID }, []string{"planner.duplicate_employee"}},
		{"unknown preferred unit", func(in *Instance, _ *Params) { in.Employees[0].Preferences = []int64{7} }, []string{"planner.unknown_unit"}},
		{"unknown position kind", func(in *Instance, _ *Params) { in.Positions[0].Kind = "direktur" }, []string{"planner.position_kind"}},
		{"no date", func(in *Instance, _ *Params) { in.Date = core.Date{} }, []string{"planner.date"}},
		{"objection for nobody", func(in *Instance, _ *Params) { in.Objections = []Objection{{EmployeeID: 42}} }, []string{"planner.unknown_objection"}},
		{"bad weights", func(_ *Instance, p *Params) { p.Weights.Move = 0; p.Weights.Distance = 500 }, []string{"planner.weight_range", "planner.move_weight"}},
		{"negative cap", func(_ *Instance, p *Params) { p.MaxMoves = -1 }, []string{"planner.negative_param"}},
		{"every problem at once", func(in *Instance, p *Params) {
			in.Positions[1].UnitID = 9
			in.Positions[0].Tasks = append(in.Positions[0].Tasks, abk.Task{Name: "x", YearlyVolume: -3, StandardMinutes: 10})
			in.Employees[0].PositionID = 0
			in.Employees[1].NIP = in.Employees[2].NIP
			p.ABK.EffectiveMinutes = 0
		}, []string{"abk.effective_time", "abk.negative_volume", "abk.unknown_unit", "planner.no_position", "planner.duplicate_employee"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, p := valid(), DefaultParams()
			tt.change(in, &p)
			err := Validate(in, p)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate = %v, want nil", err)
				}
				return
			}
			got := keys(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if _, err := Propose(in, p); err == nil {
				t.Error("Propose ran on invalid input")
			}
			if _, err := Greedy(in, p); err == nil {
				t.Error("Greedy ran on invalid input")
			}
		})
	}
}
