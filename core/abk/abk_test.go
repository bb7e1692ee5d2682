package abk

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/seimbang/seimbang/core"
)

var approx = cmpopts.EquateApprox(0, 1e-9)

func TestRequiredStaff(t *testing.T) {
	tests := []struct {
		name      string
		tasks     []Task
		effective float64
		want      float64
	}{
		{"none", nil, 75000, 0},
		{"one person", []Task{{"a", 1250, 60}}, 75000, 1},
		{"sum of tasks", []Task{{"a", 1000, 30}, {"b", 500, 90}}, 75000, 1.0},
		{"fraction", []Task{{"a", 100, 15}}, 75000, 0.02},
		{"other effective time", []Task{{"a", 1250, 60}}, 60000, 1.25},
		{"zero effective time", []Task{{"a", 1250, 60}}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RequiredStaff(tt.tasks, tt.effective); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("RequiredStaff = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBands(t *testing.T) {
	tests := []struct {
		ej   float64
		want Band
	}{
		{1.2, BandA}, {1.0001, BandA}, {1.00, BandB}, {0.90, BandB}, {0.8999, BandC}, {0.70, BandC},
		{0.6999, BandD}, {0.50, BandD}, {0.4999, BandE}, {0, BandE},
	}
	for _, tt := range tests {
		if got := DefaultBands.Of(tt.ej); got != tt.want {
			t.Errorf("Of(%v) = %q, want %q", tt.ej, got, tt.want)
		}
	}
	custom := Bands{A: 1.1, B: 1.0, C: 0.8, D: 0.6}
	if got := custom.Of(1.05); got != BandB {
		t.Errorf("custom Of(1.05) = %q, want B", got)
	}
}

func TestFigures(t *testing.T) {
	cfg := DefaultConfig()
	tests := []struct {
		name     string
		workload float64
		actual   int
		want     Figures
	}{
		{"short", 300000, 3, Figures{WorkloadMinutes: 300000, Required: 4, Actual: 3, Gap: -1, EJ: 4.0 / 3, Band: BandA, Ratio: 0.75}},
		{"balanced", 150000, 2, Figures{WorkloadMinutes: 150000, Required: 2, Actual: 2, Gap: 0, EJ: 1, Band: BandB, Ratio: 1}},
		{"surplus", 150000, 4, Figures{WorkloadMinutes: 150000, Required: 2, Actual: 4, Gap: 2, EJ: 0.5, Band: BandD, Ratio: 2}},
		{"nobody", 75000, 0, Figures{WorkloadMinutes: 75000, Required: 1, Gap: -1, Band: BandA}},
		{"nothing", 0, 0, Figures{}},
		{"no work", 0, 2, Figures{Actual: 2, Gap: 2, Band: BandE}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, cfg.Figures(tt.workload, tt.actual), approx); diff != "" {
				t.Errorf("Figures (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMeasure(t *testing.T) {
	cfg := DefaultConfig()
	got := cfg.Measure([]Staffing{
		{UnitID: 1, Required: 2, Actual: 3},
		{UnitID: 1, Required: 4, Actual: 2},
		{UnitID: 2, Required: 1, Actual: 1},
		{UnitID: 3, Required: 0, Actual: 2},
		{UnitID: 4, Required: 2, Actual: 1},
	})
	r1 := 5.0 / 6
	ratios := []float64{0.5, r1, 1}
	mean := (0.5 + r1 + 1) / 3
	var pairs float64
	for _, a := range ratios {
		for _, b := range ratios {
			pairs += math.Abs(a - b)
		}
	}
	want := Imbalance{
		Required: 9, Actual: 9, Under: 3, Over: 3, TotalGap: 6, Index: 6.0 / 9, UnderIndex: 3.0 / 9, OverIndex: 3.0 / 9,
		Units: 3, RatioMin: 0.5, RatioMax: 1, ShortShare: 1.0 / 3, Gini: pairs / (2 * 9 * mean),
	}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("Measure (-want +got):\n%s", diff)
	}
	if got := cfg.Measure(nil); got != (Imbalance{}) {
		t.Errorf("Measure(nil) = %+v, want zero", got)
	}
}

func TestGiniAndClosure(t *testing.T) {
	tests := []struct {
		xs   []float64
		want float64
	}{{nil, 0}, {[]float64{1, 1, 1}, 0}, {[]float64{0, 0, 0, 1}, 0.75}, {[]float64{0, 0}, 0}, {[]float64{1, 3}, 0.25}}
	for _, tt := range tests {
		if got := Gini(tt.xs); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Gini(%v) = %v, want %v", tt.xs, got, tt.want)
		}
	}
	if got := GapClosure(Imbalance{TotalGap: 10}, Imbalance{TotalGap: 4}); math.Abs(got-0.6) > 1e-12 {
		t.Errorf("GapClosure = %v, want 0.6", got)
	}
	if got := GapClosure(Imbalance{}, Imbalance{TotalGap: 4}); got != 0 {
		t.Errorf("GapClosure from zero = %v, want 0", got)
	}
}

// tasks returns one task worth people persons of workload.
func tasks(people float64) []Task {
	return []Task{{Name: "t", YearlyVolume: people * 1250, StandardMinutes: 60}}
}

func TestAnalyzeRollsUpTheTree(t *testing.T) {
	units := []Unit{{1, "DINAS", 0}, {2, "BIDANG", 1}, {3, "SEKSI", 2}, {4, "UPT", 1}, {5, "LAIN", 0}}
	positions := []Position{
		{1, "P1", 1, tasks(2), 2},
		{2, "P2", 2, tasks(3), 1},
		{3, "P3", 3, tasks(1), 2},
		{4, "P4", 4, tasks(4), 4},
		{5, "P5", 5, tasks(1), 0},
		{6, "P6", 3, nil, 5}, // no workload data: left out
	}
	a, err := Analyze(units, positions, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	type totals struct {
		Required float64
		Actual   int
		Depth    int
	}
	var got []totals
	for _, u := range a.Units {
		got = append(got, totals{u.Total.Required, u.Total.Actual, u.Depth})
	}
	want := []totals{{10, 9, 0}, {4, 3, 1}, {1, 2, 2}, {4, 4, 1}, {1, 0, 0}}
	if diff := cmp.Diff(want, got, approx); diff != "" {
		t.Errorf("unit totals (-want +got):\n%s", diff)
	}
	if a.Units[1].Own.Required != 3 || a.Units[1].Own.Actual != 1 {
		t.Errorf("own figures of BIDANG = %+v", a.Units[1].Own)
	}
	if a.Regency.Required != 11 || a.Regency.Actual != 9 || a.NoWorkload != 1 {
		t.Errorf("regency = %+v, no workload %d", a.Regency, a.NoWorkload)
	}
	if a.Positions[5].HasWorkload || !a.Positions[0].HasWorkload {
		t.Error("HasWorkload is wrong")
	}
	// Under: P2 2 + P5 1; Over: P3 1.
	if a.Imbalance.Under != 3 || a.Imbalance.Over != 1 || a.Imbalance.Units != 5 {
		t.Errorf("imbalance = %+v", a.Imbalance)
	}
}

func TestValidateListsEveryProblem(t *testing.T) {
	units := []Unit{{1, "A", 0}, {2, "B", 9}, {3, "A", 0}, {4, "C", 5}, {5, "D", 4}, {0, "E", 0}}
	positions := []Position{
		{1, "P1", 1, []Task{{"t", -1, 10}}, 1},
		{2, "P2", 7, []Task{{"t", 1, 0}}, 1},
		{2, "P1", 1, nil, -1},
	}
	cfg := DefaultConfig()
	cfg.EffectiveMinutes = 0
	err := Validate(units, positions, cfg)
	v, ok := core.AsValidation(err)
	if !ok {
		t.Fatalf("Validate = %v, want a validation error", err)
	}
	var keys []string
	for _, f := range v.Fields {
		keys = append(keys, f.Key)
	}
	want := []string{
		"abk.effective_time",
		"abk.duplicate_unit", "abk.unit_id", "abk.unknown_parent", "abk.unit_cycle",
		"abk.negative_volume",
		"abk.unknown_unit", "abk.minutes",
		"abk.duplicate_position", "abk.duplicate_position", "abk.negative_actual",
	}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if _, err := Analyze(units, positions, cfg); err == nil {
		t.Error("Analyze accepted invalid input")
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"default", DefaultConfig(), true},
		{"bands out of order", Config{EffectiveMinutes: 1, Bands: Bands{A: 0.5, B: 0.9, C: 0.7, D: 0.5}}, false},
		{"negative effective time", Config{EffectiveMinutes: -5, Bands: DefaultBands}, false},
		{"infinite effective time", Config{EffectiveMinutes: math.Inf(1), Bands: DefaultBands}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.cfg.Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate = %v, want ok %v", err, tt.ok)
			}
		})
	}
}
