package gormstore_test

import (
	"context"
	"errors"
	"testing"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

func TestUnitTreeRejectsCycles(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		top := core.Unit{Code: "DISDIK", Name: "Dinas Pendidikan", Kind: core.UnitOffice}
		if err := s.CreateUnit(ctx, &top); err != nil {
			t.Fatal(err)
		}
		school := core.Unit{Code: "SDN-01", Name: "SD Negeri 1", Kind: core.UnitSchool, ParentID: &top.ID, TimeZone: core.WITA}
		if err := s.CreateUnit(ctx, &school); err != nil {
			t.Fatal(err)
		}
		top.ParentID = &school.ID // the office under its own school
		err := s.UpdateUnit(ctx, &top)
		if v, ok := core.AsValidation(err); !ok || v.Fields[0].Key != "err.unit_cycle" {
			t.Errorf("cycle: err = %v, want err.unit_cycle", err)
		}
		got, _ := s.Unit(ctx, top.ID)
		if got.ParentID != nil {
			t.Error("the refused parent was stored")
		}
		school.Name = "SD Negeri 1 Sukamaju"
		school.ExcludedFromPlanning = true
		if err := s.UpdateUnit(ctx, &school); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Unit(ctx, school.ID)
		if got.Name != "SD Negeri 1 Sukamaju" || !got.ExcludedFromPlanning || got.TimeZone != core.WITA {
			t.Errorf("updated unit = %+v", got)
		}
		orphan := core.Unit{Code: "X", Name: "Yatim", Kind: core.UnitOther, ParentID: new(int64)}
		*orphan.ParentID = 424242
		if err := s.CreateUnit(ctx, &orphan); err == nil {
			t.Error("a unit under an unknown parent was stored")
		} else if _, ok := core.AsValidation(err); !ok && !errors.Is(err, core.ErrConflict) {
			t.Errorf("unknown parent: err = %v, want a clear validation error", err)
		}
		units, err := s.Units(ctx)
		if err != nil || len(units) != 2 {
			t.Errorf("units = %d, %v", len(units), err)
		}
	})
}
