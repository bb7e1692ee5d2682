package importer_test

import (
	"context"
	"slices"
	"testing"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/importer"
)

// TestPerformancePeriodKeepsARatingHistory imports the employees twice
// with periode_kinerja, as an HR office does after each SKP year: both
// years' ratings are kept for the evaluation of transfers, a re-import of
// one year replaces that year's, and a bad period rejects the file.
func TestPerformancePeriodKeepsARatingHistory(t *testing.T) {
	storetest.Run(t, func(t *testing.T, be storetest.Backend) {
		ctx := context.Background()
		f := formats[0]
		s := be.Open(t)
		apply(t, s, f, importer.Units, unitRows)
		apply(t, s, f, importer.Positions, positionRows)
		head := []any{"nip", "nama", "jabatan", "tmt_jabatan", "predikat_kinerja", "periode_kinerja"}
		apply(t, s, f, importer.Employees, [][]any{head,
			{nip(1), "Budi Santoso", "DINKES-PRW", "2019-03-01", "Baik", "2025"},
			{nip(2), "Siti Aminah", "PKM-A-ADM", "2019-03-01", "", ""},
		})
		apply(t, s, f, importer.Employees, [][]any{head,
			{nip(1), "Budi Santoso", "DINKES-PRW", "2019-03-01", "Sangat Baik", "2026"},
			{nip(2), "Siti Aminah", "PKM-A-ADM", "2019-03-01", "Kurang", "2026-06"},
		})
		apply(t, s, f, importer.Employees, [][]any{head,
			{nip(1), "Budi Santoso", "DINKES-PRW", "2019-03-01", "Butuh Perbaikan", "2026"},
		})
		budi, _ := s.EmployeeByNIP(ctx, nip(1))
		siti, _ := s.EmployeeByNIP(ctx, nip(2))
		got, err := s.PerformanceRatings(ctx, []int64{budi.ID, siti.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := []evaluation.Rating{{EmployeeID: budi.ID, Period: "2025", Predikat: "Baik"},
			{EmployeeID: budi.ID, Period: "2026", Predikat: "Butuh Perbaikan"}, {EmployeeID: siti.ID, Period: "2026-06", Predikat: "Kurang"}}
		if !slices.Equal(got, want) {
			t.Errorf("ratings = %+v, want %+v", got, want)
		}
		if budi.Performance != "Butuh Perbaikan" {
			t.Errorf("current rating = %q", budi.Performance)
		}

		_, err = parse(t, f, importer.Employees, s, [][]any{head,
			{nip(1), "Budi Santoso", "DINKES-PRW", "2019-03-01", "Baik", "2026/2027"},
			{nip(2), "Siti Aminah", "PKM-A-ADM", "2019-03-01", "", "2026"},
		})
		wantProblems := []problem{{2, "periode_kinerja", "eval.err.period"}, {3, "periode_kinerja", "eval.err.period_without_rating"}}
		if got := problems(err); !slices.Equal(got, wantProblems) {
			t.Errorf("problems = %+v, want %+v", got, wantProblems)
		}
		if v, _ := core.AsValidation(err); v != nil && v.Fields[0].Message("id") == "eval.err.period" {
			t.Error("the period problem has no text")
		}
	})
}
