package demo_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/demo"
	"github.com/seimbang/seimbang/core/i18n"
)

// memStore keeps in memory what demo.Load stores. It embeds core.Store so
// that it is one; calling a method it does not implement panics. Like the
// real stores it validates what it creates and rolls back a failed
// transaction.
type memStore struct {
	core.Store
	data    memData
	failNIP string // CreateEmployee fails for this NIP
	inTx    bool
}

type memData struct {
	units       map[int64]core.Unit
	positions   map[int64]core.Position
	tasks       map[int64][]core.WorkloadTask
	employees   map[int64]core.Employee
	preferences map[int64]core.Preference
	// byKey maps "unit:CODE", "position:CODE" and "employee:NIP" to IDs.
	byKey  map[string]int64
	nextID int64
}

func newMemStore() *memStore {
	return &memStore{data: memData{units: map[int64]core.Unit{}, positions: map[int64]core.Position{},
		tasks: map[int64][]core.WorkloadTask{}, employees: map[int64]core.Employee{}, preferences: map[int64]core.Preference{},
		byKey: map[string]int64{}}}
}

func (d memData) clone() memData {
	return memData{units: maps.Clone(d.units), positions: maps.Clone(d.positions), tasks: maps.Clone(d.tasks),
		employees: maps.Clone(d.employees), preferences: maps.Clone(d.preferences), byKey: maps.Clone(d.byKey), nextID: d.nextID}
}

func (m *memStore) InTx(ctx context.Context, fn func(core.Store) error) error {
	saved := m.data.clone()
	m.inTx = true
	defer func() { m.inTx = false }()
	if err := fn(m); err != nil {
		m.data = saved
		return err
	}
	return nil
}

func (m *memStore) id() int64 { m.data.nextID++; return m.data.nextID }

func (m *memStore) mustBeInTx() {
	if !m.inTx {
		panic("write outside a transaction")
	}
}

func notFound(what, key string) error { return fmt.Errorf("%s %s: %w", what, key, core.ErrNotFound) }

func (m *memStore) UnitByCode(_ context.Context, code string) (core.Unit, error) {
	if id, ok := m.data.byKey["unit:"+code]; ok {
		return m.data.units[id], nil
	}
	return core.Unit{}, notFound("unit", code)
}

func (m *memStore) CreateUnit(_ context.Context, u *core.Unit) error {
	m.mustBeInTx()
	if err := u.Validate(); err != nil {
		return err
	}
	if u.ParentID != nil {
		if _, ok := m.data.units[*u.ParentID]; !ok {
			return notFound("parent unit", fmt.Sprint(*u.ParentID))
		}
	}
	if _, dup := m.data.byKey["unit:"+u.Code]; dup {
		return &core.ConflictError{Field: "kode", Key: "err.duplicate_code", Args: []any{u.Code}}
	}
	u.ID = m.id()
	m.data.units[u.ID] = *u
	m.data.byKey["unit:"+u.Code] = u.ID
	return nil
}

func (m *memStore) PositionByCode(_ context.Context, code string) (core.Position, error) {
	if id, ok := m.data.byKey["position:"+code]; ok {
		return m.data.positions[id], nil
	}
	return core.Position{}, notFound("position", code)
}

func (m *memStore) CreatePosition(_ context.Context, p *core.Position) error {
	m.mustBeInTx()
	if err := p.Validate(); err != nil {
		return err
	}
	if _, ok := m.data.units[p.UnitID]; !ok {
		return notFound("unit", fmt.Sprint(p.UnitID))
	}
	if _, dup := m.data.byKey["position:"+p.Code]; dup {
		return &core.ConflictError{Field: "kode", Key: "err.duplicate_code", Args: []any{p.Code}}
	}
	p.ID = m.id()
	m.data.positions[p.ID] = *p
	m.data.byKey["position:"+p.Code] = p.ID
	return nil
}

func (m *memStore) WorkloadTasks(_ context.Context, positionID int64) ([]core.WorkloadTask, error) {
	if positionID != 0 {
		return m.data.tasks[positionID], nil
	}
	var all []core.WorkloadTask
	for _, id := range slices.Sorted(maps.Keys(m.data.tasks)) {
		all = append(all, m.data.tasks[id]...)
	}
	return all, nil
}

func (m *memStore) ReplaceWorkloadTasks(_ context.Context, positionID int64, tasks []core.WorkloadTask) error {
	m.mustBeInTx()
	if _, ok := m.data.positions[positionID]; !ok {
		return notFound("position", fmt.Sprint(positionID))
	}
	stored := make([]core.WorkloadTask, len(tasks))
	for i, t := range tasks {
		t.PositionID = positionID
		if err := t.Validate(); err != nil {
			return err
		}
		t.ID = m.id()
		stored[i] = t
	}
	m.data.tasks[positionID] = stored
	return nil
}

func (m *memStore) EmployeeByNIP(_ context.Context, nip string) (core.Employee, error) {
	if id, ok := m.data.byKey["employee:"+nip]; ok {
		return m.data.employees[id], nil
	}
	return core.Employee{}, notFound("employee", nip)
}

func (m *memStore) CreateEmployee(_ context.Context, e *core.Employee) error {
	m.mustBeInTx()
	if e.NIP == m.failNIP {
		return errors.New("disk full")
	}
	if err := e.Validate(); err != nil {
		return err
	}
	p, ok := m.data.positions[*e.PositionID]
	if !ok || *e.UnitID != p.UnitID {
		return fmt.Errorf("employee %s placed in position %d, unit %d: %w", e.NIP, *e.PositionID, *e.UnitID, core.ErrConflict)
	}
	if _, dup := m.data.byKey["employee:"+e.NIP]; dup {
		return &core.ConflictError{Field: "nip", Key: "err.duplicate_nip", Args: []any{e.NIP}}
	}
	e.ID = m.id()
	m.data.employees[e.ID] = *e
	m.data.byKey["employee:"+e.NIP] = e.ID
	return nil
}

func (m *memStore) Preference(_ context.Context, employeeID int64) (core.Preference, error) {
	p, ok := m.data.preferences[employeeID]
	if !ok {
		return core.Preference{}, notFound("preference", fmt.Sprint(employeeID))
	}
	return p, nil
}

func (m *memStore) SavePreference(_ context.Context, p *core.Preference) error {
	m.mustBeInTx()
	if err := p.Validate(); err != nil {
		return err
	}
	for _, id := range p.UnitIDs {
		if _, ok := m.data.units[id]; !ok {
			return notFound("unit", fmt.Sprint(id))
		}
	}
	m.data.preferences[p.EmployeeID] = *p
	return nil
}

// count returns a summary in which every record of ds is counted as created
// (or, with existing, as already there).
func count(ds demo.Dataset, existing bool) demo.Summary {
	c := func(n int) demo.Count {
		if existing {
			return demo.Count{Existing: n}
		}
		return demo.Count{Created: n}
	}
	return demo.Summary{Units: c(len(ds.Units)), Positions: c(len(ds.Positions)), WorkloadTasks: c(len(ds.WorkloadTasks)),
		Employees: c(len(ds.Employees)), Preferences: c(len(ds.Preferences))}
}

var memDataCmp = cmp.AllowUnexported(memData{})

func TestLoadStoresEverythingOnceAndResolvesReferences(t *testing.T) {
	ctx := context.Background()
	ds := demo.Generate(seed)
	before := demo.Generate(seed)
	m := newMemStore()

	sum, err := demo.Load(ctx, m, ds)
	if err != nil {
		t.Fatalf("Load = %v", err)
	}
	if diff := cmp.Diff(count(ds, false), sum); diff != "" {
		t.Errorf("first Load summary mismatch (-want +got):\n%s", diff)
	}
	if diff := diff(before, ds); diff != "" {
		t.Errorf("Load changed the dataset it was given (-before +after):\n%s", diff)
	}

	units := map[string]core.Unit{}
	for _, u := range m.data.units {
		units[u.Code] = u
	}
	for _, du := range ds.Units {
		u := units[du.Code]
		switch {
		case du.ParentCode == "" && u.ParentID != nil:
			t.Errorf("unit %s has a parent", du.Code)
		case du.ParentCode != "" && (u.ParentID == nil || *u.ParentID != units[du.ParentCode].ID):
			t.Errorf("unit %s: parent %v, want %s (%d)", du.Code, u.ParentID, du.ParentCode, units[du.ParentCode].ID)
		}
	}
	positions := map[string]core.Position{}
	for _, p := range m.data.positions {
		positions[p.Code] = p
		if len(m.data.tasks[p.ID]) == 0 {
			t.Errorf("position %s stored without tasks", p.Code)
		}
	}
	for _, dp := range ds.Positions {
		if got, want := positions[dp.Code].UnitID, units[dp.UnitCode].ID; got != want {
			t.Errorf("position %s in unit %d, want %s (%d)", dp.Code, got, dp.UnitCode, want)
		}
	}
	employees := map[string]core.Employee{}
	for _, e := range m.data.employees {
		employees[e.NIP] = e
	}
	for _, de := range ds.Employees {
		e := employees[de.NIP]
		p := positions[de.PositionCode]
		if e.PositionID == nil || *e.PositionID != p.ID || e.UnitID == nil || *e.UnitID != p.UnitID {
			t.Errorf("employee %s in position %v unit %v, want %s (%d) unit %d", de.NIP, e.PositionID, e.UnitID, p.Code, p.ID, p.UnitID)
		}
	}
	for _, dp := range ds.Preferences {
		p, ok := m.data.preferences[employees[dp.NIP].ID]
		if !ok {
			t.Errorf("no preference stored for %s", dp.NIP)
			continue
		}
		var want []int64
		for _, code := range dp.UnitCodes {
			want = append(want, units[code].ID)
		}
		if diff := cmp.Diff(want, p.UnitIDs); diff != "" {
			t.Errorf("preference of %s: unit IDs mismatch (-want +got):\n%s", dp.NIP, diff)
		}
	}

	snapshot := m.data.clone()
	again, err := demo.Load(ctx, m, ds)
	if err != nil {
		t.Fatalf("second Load = %v", err)
	}
	if diff := cmp.Diff(count(ds, true), again); diff != "" {
		t.Errorf("second Load summary mismatch (-want +got):\n%s", diff)
	}
	if diff := diff(snapshot, m.data, memDataCmp); diff != "" {
		t.Errorf("second Load changed the store (-before +after):\n%s", diff)
	}
}

func TestLoadSkipsWhatExists(t *testing.T) {
	ctx := context.Background()
	ds := demo.Generate(seed)
	m := newMemStore()
	// An earlier, partial load: the secretariat with its clerks' position
	// but no tasks, and one employee who has since stated a preference of
	// their own.
	part := demo.Dataset{Units: ds.Units[:1]}
	for _, p := range ds.Positions {
		if p.Code == "SETDA.PENGADM" {
			part.Positions = append(part.Positions, p)
		}
	}
	var pref demo.Preference
	for _, p := range ds.Preferences {
		if e := employeeOf(t, ds, p.NIP); e.PositionCode == "SETDA.PENGADM" {
			pref = p
			part.Employees = append(part.Employees, e)
			break
		}
	}
	if _, err := demo.Load(ctx, m, part); err != nil {
		t.Fatalf("partial Load = %v", err)
	}
	var empID int64
	for id := range m.data.employees {
		empID = id
	}
	own := core.Preference{EmployeeID: empID, Willingness: core.WillingNo, Reason: "Dicatat sendiri melalui bot"}
	m.data.preferences[empID] = own

	sum, err := demo.Load(ctx, m, ds)
	if err != nil {
		t.Fatalf("Load = %v", err)
	}
	want := count(ds, false)
	want.Units = demo.Count{Created: len(ds.Units) - 1, Existing: 1}
	want.Positions = demo.Count{Created: len(ds.Positions) - 1, Existing: 1}
	want.Employees = demo.Count{Created: len(ds.Employees) - 1, Existing: 1}
	want.Preferences = demo.Count{Created: len(ds.Preferences) - 1, Existing: 1}
	if diff := cmp.Diff(want, sum); diff != "" {
		t.Errorf("summary mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(own, m.data.preferences[empID]); diff != "" {
		t.Errorf("Load replaced the preference %s recorded (-own +stored):\n%s", pref.NIP, diff)
	}
	if len(m.data.units) != len(ds.Units) || len(m.data.positions) != len(ds.Positions) || len(m.data.employees) != len(ds.Employees) {
		t.Errorf("stored %d units, %d positions, %d employees; want %d, %d, %d", len(m.data.units), len(m.data.positions),
			len(m.data.employees), len(ds.Units), len(ds.Positions), len(ds.Employees))
	}
}

func TestLoadIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	ds := demo.Generate(seed)
	m := newMemStore()
	m.failNIP = ds.Employees[len(ds.Employees)/2].NIP
	sum, err := demo.Load(ctx, m, ds)
	if err == nil {
		t.Fatal("Load succeeded though an employee could not be stored")
	}
	if want := "create employee " + m.failNIP; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not name the failing employee (%q)", err, want)
	}
	if sum != (demo.Summary{}) {
		t.Errorf("failed Load reported %+v", sum)
	}
	if diff := diff(newMemStore().data, m.data, memDataCmp); diff != "" {
		t.Errorf("failed Load left data behind (-empty +after):\n%s", diff)
	}
}

func TestLoadRejectsAnInvalidRecord(t *testing.T) {
	ds := demo.Generate(seed)
	ds.Employees[3].Phone = "+65 9123 4567"
	m := newMemStore()
	_, err := demo.Load(context.Background(), m, ds)
	if _, ok := core.AsValidation(err); !ok {
		t.Fatalf("Load = %v, want a validation error", err)
	}
	if len(m.data.units) != 0 {
		t.Errorf("failed Load left %d units behind", len(m.data.units))
	}
}

func TestLoadNeedsReferencedUnits(t *testing.T) {
	ds := demo.Dataset{Positions: demo.Generate(seed).Positions[:1]}
	_, err := demo.Load(context.Background(), newMemStore(), ds)
	if !errors.Is(err, core.ErrNotFound) {
		t.Errorf("Load of a position without its unit = %v, want ErrNotFound", err)
	}
}

func TestSummaryMessage(t *testing.T) {
	s := demo.Summary{Units: demo.Count{Created: 40}, Positions: demo.Count{Created: 228}, WorkloadTasks: demo.Count{Created: 1341},
		Employees: demo.Count{Created: 2981, Existing: 1}, Preferences: demo.Count{Existing: 30}}
	wantID := "unit 40 baru (0 sudah ada), jabatan 228 baru (0 sudah ada), tugas ABK 1341 baru (0 sudah ada), " +
		"pegawai 2981 baru (1 sudah ada), preferensi 0 baru (30 sudah ada)"
	if got := s.String(); got != wantID {
		t.Errorf("String() = %q, want %q", got, wantID)
	}
	wantEN := "units 40 new (0 already there), positions 228 new (0 already there), workload tasks 1341 new (0 already there), " +
		"employees 2981 new (1 already there), preferences 0 new (30 already there)"
	if got := s.Message(i18n.EN); got != wantEN {
		t.Errorf("Message(en) = %q, want %q", got, wantEN)
	}
	if got := s.Created(); got != 40+228+1341+2981 {
		t.Errorf("Created() = %d", got)
	}
}

func employeeOf(tb testing.TB, ds demo.Dataset, nip string) demo.Employee {
	tb.Helper()
	for _, e := range ds.Employees {
		if e.NIP == nip {
			return e
		}
	}
	tb.Fatalf("no employee %s", nip)
	return demo.Employee{}
}
