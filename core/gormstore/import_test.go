package gormstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

func TestImportUnitsUpsertsAndSetsParents(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		s := b.Open(t)
		f := seed(t, s) // DINKES
		units := []core.Unit{
			{Code: "PKM-B", Name: "Puskesmas B", Kind: core.UnitHealthCentre, TimeZone: core.WITA},
			{Code: "pkm-a", Name: "Puskesmas A", Kind: core.UnitHealthCentre, TimeZone: core.WITA},
			{ID: f.unit.ID, Code: "dinkes", Name: "Dinas Kesehatan Kabupaten", Kind: core.UnitOffice, TimeZone: core.WIT},
		}
		err := s.ImportUnits(ctx, units, []string{"PKM-A", "DINKES", ""}, []string{"kode", "nama", "induk"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Units(ctx)
		if err != nil {
			t.Fatal(err)
		}
		byCode := map[string]core.Unit{}
		for _, u := range got {
			byCode[u.Code] = u
		}
		if len(got) != 3 {
			t.Fatalf("%d units, want 3: %+v", len(got), got)
		}
		d := byCode["DINKES"]
		if d.ID != f.unit.ID || d.Name != "Dinas Kesehatan Kabupaten" || d.TimeZone != core.WITA || d.Lat == nil {
			t.Errorf("DINKES updated beyond its columns or not at all: %+v", d)
		}
		if p := byCode["pkm-a"].ParentID; p == nil || *p != f.unit.ID {
			t.Errorf("pkm-a parent = %v, want %d", p, f.unit.ID)
		}
		if p := byCode["PKM-B"].ParentID; p == nil || *p != byCode["pkm-a"].ID {
			t.Errorf("PKM-B parent = %v, want pkm-a", p)
		}
		// Without the induk column parents stay.
		if err := s.ImportUnits(ctx, units[:1], []string{""}, []string{"kode", "nama"}); err != nil {
			t.Fatal(err)
		}
		if u, _ := s.UnitByCode(ctx, "PKM-B"); u.ParentID == nil {
			t.Error("an import without induk removed a parent")
		}
	})
}

func TestImportEmployeesUpsertsInBulk(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		s := b.Open(t)
		f := seed(t, s)
		linked := employee(nipN(1), f.position)
		linked.TelegramUserID = ptr(int64(77))
		if err := s.CreateEmployee(ctx, &linked); err != nil {
			t.Fatal(err)
		}
		es := make([]core.Employee, 1998) // two statements
		for i := range es {
			es[i] = employee(manyNIP(i), f.position)
			es[i].UnitID = &f.unit.ID
			es[i].Name = "Imported"
			es[i].Phone = ""
			if err := es[i].Validate(); err != nil {
				t.Fatal(err)
			}
		}
		cols := []string{"nip", "nama", "jabatan"}
		if err := s.ImportEmployees(ctx, es, cols); err != nil {
			t.Fatal(err)
		}
		ids, err := s.EmployeeIDsByNIP(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) != len(es) || ids[nipN(1)] != linked.ID {
			t.Errorf("EmployeeIDsByNIP: %d NIPs, %s -> %d (want %d)", len(ids), nipN(1), ids[nipN(1)], linked.ID)
		}
		got, err := s.EmployeeByNIP(ctx, nipN(1))
		if err != nil {
			t.Fatal(err)
		}
		want := linked
		want.Name = "Imported"
		if d := cmp.Diff(want, got, cmpopts.IgnoreFields(core.Employee{}, "CreatedAt", "UpdatedAt", "ID")); d != "" {
			t.Errorf("updated employee (-want +got):\n%s", d)
		}
		all, err := s.AllEmployees(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != len(es) || all[0].NIP > all[1].NIP {
			t.Errorf("AllEmployees: %d, not ordered by NIP", len(all))
		}
	})
}

func TestImportIsAllOrNothing(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		s := b.Open(t)
		f := seed(t, s)
		es := make([]core.Employee, 1500)
		for i := range es {
			es[i] = employee(manyNIP(i), f.position)
			es[i].UnitID = &f.unit.ID
			es[i].Validate()
		}
		missing := int64(987654)
		es[1400].PositionID = &missing // fails in the second statement
		err := s.ImportEmployees(ctx, es, []string{"nip", "nama", "jabatan"})
		var ve *core.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("err = %v, want a validation error for the unknown position", err)
		}
		if ids, _ := s.EmployeeIDsByNIP(ctx); len(ids) != 0 {
			t.Errorf("%d employees stored by a failed import", len(ids))
		}
	})
}

func TestImportPositionsAndWorkload(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		ctx := context.Background()
		s := b.Open(t)
		f := seed(t, s)
		e := employee(nipN(1), f.position)
		if err := s.CreateEmployee(ctx, &e); err != nil {
			t.Fatal(err)
		}
		pkm := core.Unit{Code: "PKM", Name: "Puskesmas"}
		if err := s.CreateUnit(ctx, &pkm); err != nil {
			t.Fatal(err)
		}
		ps := []core.Position{
			{ID: f.position.ID, Code: "DINKES-PRW", UnitID: pkm.ID, Name: "Perawat Mahir", Kind: core.Functional, JobFamily: "perawat"},
			{Code: "DINKES-ADM", UnitID: f.unit.ID, Name: "Pengadministrasi", Kind: core.Executor},
		}
		if err := s.ImportPositions(ctx, ps, []string{"kode", "unit", "nama", "jenis", "rumpun"}); err != nil {
			t.Fatal(err)
		}
		got, err := s.PositionByCode(ctx, "DINKES-PRW")
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Perawat Mahir" || got.MinEducation != "D3" || got.ID != f.position.ID || got.UnitID != pkm.ID {
			t.Errorf("position updated beyond its columns or not at all: %+v", got)
		}
		if moved, _ := s.Employee(ctx, e.ID); moved.UnitID == nil || *moved.UnitID != pkm.ID {
			t.Errorf("employee's unit = %v, want the moved position's unit %d", moved.UnitID, pkm.ID)
		}
		adm, err := s.PositionByCode(ctx, "DINKES-ADM")
		if err != nil {
			t.Fatal(err)
		}
		keep := []core.WorkloadTask{{Task: "Surat", YearlyVolume: 10, StandardMinutes: 5}}
		if err := s.ReplaceWorkloadTasks(ctx, adm.ID, keep); err != nil {
			t.Fatal(err)
		}
		if err := s.ReplaceWorkloadTasks(ctx, f.position.ID, []core.WorkloadTask{{Task: "Lama", YearlyVolume: 1, StandardMinutes: 1}}); err != nil {
			t.Fatal(err)
		}
		tasks := []core.WorkloadTask{
			{PositionID: f.position.ID, Period: "2026", Task: "Asuhan", YearlyVolume: 1200, StandardMinutes: 45},
			{PositionID: f.position.ID, Period: "2026", Task: "Dokumentasi", YearlyVolume: 300, StandardMinutes: 15},
		}
		start := time.Now()
		if err := s.ImportWorkload(ctx, tasks); err != nil {
			t.Fatal(err)
		}
		all, err := s.WorkloadTasks(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, w := range all {
			names = append(names, w.Task)
		}
		if d := cmp.Diff([]string{"Asuhan", "Dokumentasi", "Surat"}, names, cmpopts.SortSlices(func(a, b string) bool { return a < b })); d != "" {
			t.Errorf("tasks after import (-want +got):\n%s (%v)", d, time.Since(start))
		}
	})
}

// manyNIP returns a different valid NIP for each i below 1998; i = 999
// gives nipN(1).
func manyNIP(i int) string {
	n := nipN(i%999 + 1)
	return n[:14] + string(rune('1'+i/999)) + n[15:]
}
