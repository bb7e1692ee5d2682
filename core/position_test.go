package core_test

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
)

func TestParsePositionKind(t *testing.T) {
	tests := []struct {
		in     string
		want   core.PositionKind
		wantOK bool
	}{
		{"struktural", core.Structural, true},
		{"Fungsional", core.Functional, true},
		{" PELAKSANA ", core.Executor, true},
		{"structural", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := core.ParsePositionKind(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ParsePositionKind(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestParseEducationLevel(t *testing.T) {
	tests := []struct {
		in     string
		want   core.EducationLevel
		wantOK bool
	}{
		{"S1", "S1", true},
		{"s2", "S2", true},
		{" d3 ", "D3", true},
		{"SMK", "SMA", true},
		{"SLTA", "SMA", true},
		{"MA", "SMA", true},
		{"SLTP", "SMP", true},
		{"MTs", "SMP", true},
		{"SD", "SD", true},
		{"S3", "S3", true},
		{"S4", "", false},
		{"Sarjana", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := core.ParseEducationLevel(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ParseEducationLevel(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestEducationLevelOrder(t *testing.T) {
	order := []core.EducationLevel{"SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"}
	for i := 1; i < len(order); i++ {
		if !(order[i-1].Rank() < order[i].Rank()) {
			t.Errorf("%s ranks %d, not below %s at %d", order[i-1], order[i-1].Rank(), order[i], order[i].Rank())
		}
	}
	if got := core.EducationLevel("S4").Rank(); got != 0 {
		t.Errorf("unknown level ranks %d, want 0", got)
	}
}

func TestPositionAccepts(t *testing.T) {
	nurse := core.Position{MinEducation: "D3", AcceptedFields: []string{"Keperawatan", "Ners"}}
	clerk := core.Position{MinEducation: "SMA"}
	anyone := core.Position{}
	tests := []struct {
		name  string
		p     core.Position
		level core.EducationLevel
		field string
		want  bool
	}{
		{"nurse with D3 nursing", nurse, "D3", "Keperawatan", true},
		{"nurse with S1 nursing, field in other case and padded", nurse, "S1", "  keperawatan ", true},
		{"second accepted field", nurse, "S1", "NERS", true},
		{"nursing with only SMA", nurse, "SMA", "Keperawatan", false},
		{"D3 in another field", nurse, "D3", "Kebidanan", false},
		{"no field given", nurse, "S1", "", false},
		{"unknown level", nurse, "", "Keperawatan", false},
		{"clerk with SMA, any field", clerk, "SMA", "IPS", true},
		{"clerk with S2", clerk, "S2", "Hukum", true},
		{"clerk with SMP", clerk, "SMP", "", false},
		{"open position, no education", anyone, "", "", true},
		{"open position, SD", anyone, "SD", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Accepts(tt.level, tt.field); got != tt.want {
				t.Errorf("Accepts(%q, %q) = %v, want %v", tt.level, tt.field, got, tt.want)
			}
		})
	}
}

func TestPositionValidate(t *testing.T) {
	valid := func() core.Position {
		return core.Position{Code: "PKM-01.PERAWAT", UnitID: 3, Name: "Perawat Terampil", Kind: core.Functional,
			JobFamily: "perawat", MinEducation: "D3", AcceptedFields: []string{"Keperawatan"}}
	}
	tests := []struct {
		name   string
		modify func(p *core.Position)
		want   []string
	}{
		{"valid", func(p *core.Position) {}, nil},
		{"no education requirement", func(p *core.Position) { p.MinEducation = "" }, nil},
		{"kind in capitals", func(p *core.Position) { p.Kind = "Pelaksana" }, nil},
		{"missing everything", func(p *core.Position) { *p = core.Position{} },
			[]string{"kode: err.required", "nama: err.required", "unit: err.required", "jenis: err.position_kind"}},
		{"unknown kind", func(p *core.Position) { p.Kind = "honorer" }, []string{"jenis: err.position_kind"}},
		{"unknown education", func(p *core.Position) { p.MinEducation = "S4" }, []string{"pendidikan_min: err.education"}},
		{"long job family", func(p *core.Position) { p.JobFamily = strings.Repeat("x", 101) }, []string{"rumpun: err.too_long"}},
		{"long name", func(p *core.Position) { p.Name = strings.Repeat("x", 201) }, []string{"nama: err.too_long"}},
		{"code with a comma", func(p *core.Position) { p.Code = "A,B" }, []string{"kode: err.code_chars"}},
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
}

func TestPositionValidateNormalises(t *testing.T) {
	p := core.Position{Code: " SD-01.GURU ", UnitID: 1, Name: " Guru Kelas ", Kind: core.Functional, JobFamily: " Guru-Kelas "}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	want := core.Position{Code: "SD-01.GURU", UnitID: 1, Name: "Guru Kelas", Kind: core.Functional, JobFamily: "guru-kelas"}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("Validate() result mismatch (-want +got):\n%s", diff)
	}
}

func TestWorkloadTaskValidate(t *testing.T) {
	valid := func() core.WorkloadTask {
		return core.WorkloadTask{PositionID: 9, Period: "2026", Task: "Melaksanakan asuhan keperawatan",
			YearlyVolume: 4200, StandardMinutes: 30}
	}
	tests := []struct {
		name   string
		modify func(w *core.WorkloadTask)
		want   []string
	}{
		{"valid", func(w *core.WorkloadTask) {}, nil},
		{"zero volume is allowed", func(w *core.WorkloadTask) { w.YearlyVolume = 0 }, nil},
		{"fractional minutes", func(w *core.WorkloadTask) { w.StandardMinutes = 7.5 }, nil},
		{"no position", func(w *core.WorkloadTask) { w.PositionID = 0 }, []string{"jabatan: err.required"}},
		{"blank task", func(w *core.WorkloadTask) { w.Task = "  " }, []string{"tugas: err.required"}},
		{"task of 501 characters", func(w *core.WorkloadTask) { w.Task = strings.Repeat("t", 501) }, []string{"tugas: err.too_long"}},
		{"negative volume", func(w *core.WorkloadTask) { w.YearlyVolume = -1 }, []string{"volume: err.volume"}},
		{"volume not a number", func(w *core.WorkloadTask) { w.YearlyVolume = math.NaN() }, []string{"volume: err.volume"}},
		{"infinite volume", func(w *core.WorkloadTask) { w.YearlyVolume = math.Inf(1) }, []string{"volume: err.volume"}},
		{"zero minutes", func(w *core.WorkloadTask) { w.StandardMinutes = 0 }, []string{"norma_menit: err.minutes"}},
		{"minutes not a number", func(w *core.WorkloadTask) { w.StandardMinutes = math.NaN() }, []string{"norma_menit: err.minutes"}},
		{"minutes beyond reason", func(w *core.WorkloadTask) { w.StandardMinutes = 2e6 }, []string{"norma_menit: err.minutes"}},
		{"all wrong", func(w *core.WorkloadTask) { *w = core.WorkloadTask{YearlyVolume: -5} },
			[]string{"jabatan: err.required", "tugas: err.required", "volume: err.volume", "norma_menit: err.minutes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := valid()
			tt.modify(&w)
			err := w.Validate()
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

func TestCleanList(t *testing.T) {
	tests := []struct {
		in   []string
		want []string
	}{
		{[]string{"Keperawatan", "Ners"}, []string{"Keperawatan", "Ners"}},
		{[]string{" a ", "", " "}, []string{"a"}},
		{[]string{"asuhan;triase"}, []string{"asuhan", "triase"}},
		{nil, nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, core.CleanList(tt.in)); diff != "" {
			t.Errorf("CleanList(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Keperawatan; Ners", []string{"Keperawatan", "Ners"}},
		{" a ;; b ; ", []string{"a", "b"}},
		{"single", []string{"single"}},
		{"", nil},
		{" ; ", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, core.SplitList(tt.in)); diff != "" {
			t.Errorf("SplitList(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}
