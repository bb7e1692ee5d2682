package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// Loader runs a transaction over a store; *gormstore.Store is one.
type Loader interface {
	InTx(ctx context.Context, fn func(tx core.Store) error) error
}

// store is the part of core.Store that Load uses inside its transaction.
type store interface {
	UnitByCode(ctx context.Context, code string) (core.Unit, error)
	CreateUnit(ctx context.Context, u *core.Unit) error
	PositionByCode(ctx context.Context, code string) (core.Position, error)
	CreatePosition(ctx context.Context, p *core.Position) error
	WorkloadTasks(ctx context.Context, positionID int64) ([]core.WorkloadTask, error)
	ReplaceWorkloadTasks(ctx context.Context, positionID int64, tasks []core.WorkloadTask) error
	EmployeeByNIP(ctx context.Context, nip string) (core.Employee, error)
	CreateEmployee(ctx context.Context, e *core.Employee) error
	Preference(ctx context.Context, employeeID int64) (core.Preference, error)
	SavePreference(ctx context.Context, p *core.Preference) error
}

// Count is how many records of one kind Load created and how many it found
// already present.
type Count struct {
	Created, Existing int
}

// Summary is what Load did, per kind of record.
type Summary struct {
	Units, Positions, WorkloadTasks, Employees, Preferences Count
}

// Created reports the records Load created in all.
func (s Summary) Created() int {
	return s.Units.Created + s.Positions.Created + s.WorkloadTasks.Created + s.Employees.Created + s.Preferences.Created
}

// Message describes the summary in lang.
func (s Summary) Message(lang i18n.Lang) string {
	return i18n.T(lang, "demo.summary",
		s.Units.Created, s.Units.Existing, s.Positions.Created, s.Positions.Existing,
		s.WorkloadTasks.Created, s.WorkloadTasks.Existing, s.Employees.Created, s.Employees.Existing,
		s.Preferences.Created, s.Preferences.Existing)
}

// String describes the summary in Bahasa Indonesia.
func (s Summary) String() string { return s.Message(i18n.ID) }

// Load stores ds in one transaction: all of it or, on error, none. It skips
// what exists by natural key (unit code, position code, NIP), gives a
// position its workload tasks only when it has none, and records a
// preference only for an employee who has none, so loading the same dataset
// again changes nothing. A unit or position that ds refers to but does not
// hold must already be in the store.
//
// Load returns the store's errors wrapped: a *core.ValidationError for an
// invalid record, a *core.ConflictError for a clash with stored data, and
// core.ErrNotFound for a reference to a unit or position nowhere to be found.
func Load(ctx context.Context, s Loader, ds Dataset) (Summary, error) {
	var sum Summary
	err := s.InTx(ctx, func(tx core.Store) error {
		sum = Summary{}
		l := &loader{s: tx, units: map[string]int64{}, positions: map[string]core.Position{}}
		return l.load(ctx, ds, &sum)
	})
	if err != nil {
		return Summary{}, fmt.Errorf("load demo: %w", err)
	}
	return sum, nil
}

// loader resolves natural keys to IDs while it loads.
type loader struct {
	s         store
	units     map[string]int64
	positions map[string]core.Position
}

func (l *loader) load(ctx context.Context, ds Dataset, sum *Summary) error {
	for _, u := range ds.Units {
		if err := l.unit(ctx, u, &sum.Units); err != nil {
			return err
		}
	}
	created := map[string]bool{}
	for _, p := range ds.Positions {
		isNew, err := l.position(ctx, p, &sum.Positions)
		if err != nil {
			return err
		}
		created[p.Code] = isNew
	}
	if err := l.workload(ctx, ds.WorkloadTasks, created, &sum.WorkloadTasks); err != nil {
		return err
	}
	nips := map[string]int64{}
	newEmployee := map[int64]bool{}
	for _, e := range ds.Employees {
		id, isNew, err := l.employee(ctx, e, &sum.Employees)
		if err != nil {
			return err
		}
		nips[e.NIP] = id
		newEmployee[id] = isNew
	}
	for _, p := range ds.Preferences {
		if err := l.preference(ctx, p, nips, newEmployee, &sum.Preferences); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) unit(ctx context.Context, du Unit, c *Count) error {
	got, err := l.s.UnitByCode(ctx, du.Code)
	if err == nil {
		l.units[du.Code] = got.ID
		c.Existing++
		return nil
	}
	if !errors.Is(err, core.ErrNotFound) {
		return fmt.Errorf("unit %s: %w", du.Code, err)
	}
	u := du.Unit
	if du.ParentCode != "" {
		parent, err := l.unitID(ctx, du.ParentCode)
		if err != nil {
			return fmt.Errorf("unit %s: parent: %w", du.Code, err)
		}
		u.ParentID = &parent
	}
	if err := l.s.CreateUnit(ctx, &u); err != nil {
		return fmt.Errorf("create unit %s: %w", du.Code, err)
	}
	l.units[du.Code] = u.ID
	c.Created++
	return nil
}

// unitID returns the ID of the unit with code, loaded or stored before.
func (l *loader) unitID(ctx context.Context, code string) (int64, error) {
	if id, ok := l.units[code]; ok {
		return id, nil
	}
	u, err := l.s.UnitByCode(ctx, code)
	if err != nil {
		return 0, fmt.Errorf("unit %s: %w", code, err)
	}
	l.units[code] = u.ID
	return u.ID, nil
}

func (l *loader) position(ctx context.Context, dp Position, c *Count) (bool, error) {
	got, err := l.s.PositionByCode(ctx, dp.Code)
	if err == nil {
		l.positions[dp.Code] = got
		c.Existing++
		return false, nil
	}
	if !errors.Is(err, core.ErrNotFound) {
		return false, fmt.Errorf("position %s: %w", dp.Code, err)
	}
	p := dp.Position
	p.AcceptedFields = append([]string(nil), dp.AcceptedFields...)
	p.Competencies = append([]string(nil), dp.Competencies...)
	if p.UnitID, err = l.unitID(ctx, dp.UnitCode); err != nil {
		return false, fmt.Errorf("position %s: %w", dp.Code, err)
	}
	if err := l.s.CreatePosition(ctx, &p); err != nil {
		return false, fmt.Errorf("create position %s: %w", dp.Code, err)
	}
	l.positions[dp.Code] = p
	c.Created++
	return true, nil
}

// positionByCode returns the position with code, loaded or stored before.
func (l *loader) positionByCode(ctx context.Context, code string) (core.Position, error) {
	if p, ok := l.positions[code]; ok {
		return p, nil
	}
	p, err := l.s.PositionByCode(ctx, code)
	if err != nil {
		return core.Position{}, fmt.Errorf("position %s: %w", code, err)
	}
	l.positions[code] = p
	return p, nil
}

// workload gives each position its tasks unless it already has some. It
// asks the store once for every task instead of once per position.
func (l *loader) workload(ctx context.Context, tasks []WorkloadTask, created map[string]bool, c *Count) error {
	var codes []string
	byCode := map[string][]core.WorkloadTask{}
	for _, t := range tasks {
		if _, ok := byCode[t.PositionCode]; !ok {
			codes = append(codes, t.PositionCode)
		}
		byCode[t.PositionCode] = append(byCode[t.PositionCode], t.WorkloadTask)
	}
	var hasTasks map[int64]bool
	for _, code := range codes {
		p, err := l.positionByCode(ctx, code)
		if err != nil {
			return fmt.Errorf("workload: %w", err)
		}
		if !created[code] {
			if hasTasks == nil {
				if hasTasks, err = l.positionsWithTasks(ctx); err != nil {
					return err
				}
			}
			if hasTasks[p.ID] {
				c.Existing += len(byCode[code])
				continue
			}
		}
		if err := l.s.ReplaceWorkloadTasks(ctx, p.ID, byCode[code]); err != nil {
			return fmt.Errorf("workload of position %s: %w", code, err)
		}
		c.Created += len(byCode[code])
	}
	return nil
}

func (l *loader) positionsWithTasks(ctx context.Context) (map[int64]bool, error) {
	all, err := l.s.WorkloadTasks(ctx, 0)
	if err != nil {
		return nil, fmt.Errorf("workload tasks: %w", err)
	}
	out := map[int64]bool{}
	for _, t := range all {
		out[t.PositionID] = true
	}
	return out, nil
}

func (l *loader) employee(ctx context.Context, de Employee, c *Count) (int64, bool, error) {
	got, err := l.s.EmployeeByNIP(ctx, de.NIP)
	if err == nil {
		c.Existing++
		return got.ID, false, nil
	}
	if !errors.Is(err, core.ErrNotFound) {
		return 0, false, fmt.Errorf("employee %s: %w", de.NIP, err)
	}
	e := de.Employee
	e.Competencies = append([]string(nil), de.Competencies...)
	p, err := l.positionByCode(ctx, de.PositionCode)
	if err != nil {
		return 0, false, fmt.Errorf("employee %s: %w", de.NIP, err)
	}
	unitID := p.UnitID
	e.PositionID, e.UnitID = &p.ID, &unitID
	if err := l.s.CreateEmployee(ctx, &e); err != nil {
		return 0, false, fmt.Errorf("create employee %s: %w", de.NIP, err)
	}
	c.Created++
	return e.ID, true, nil
}

func (l *loader) preference(ctx context.Context, dp Preference, nips map[string]int64, isNew map[int64]bool, c *Count) error {
	id, ok := nips[dp.NIP]
	if !ok {
		e, err := l.s.EmployeeByNIP(ctx, dp.NIP)
		if err != nil {
			return fmt.Errorf("preference of %s: %w", dp.NIP, err)
		}
		id = e.ID
	}
	if !isNew[id] {
		_, err := l.s.Preference(ctx, id)
		if err == nil {
			c.Existing++
			return nil
		}
		if !errors.Is(err, core.ErrNotFound) {
			return fmt.Errorf("preference of %s: %w", dp.NIP, err)
		}
	}
	p := dp.Preference
	p.EmployeeID, p.UnitIDs = id, nil
	for _, code := range dp.UnitCodes {
		uid, err := l.unitID(ctx, code)
		if err != nil {
			return fmt.Errorf("preference of %s: %w", dp.NIP, err)
		}
		p.UnitIDs = append(p.UnitIDs, uid)
	}
	if err := l.s.SavePreference(ctx, &p); err != nil {
		return fmt.Errorf("save preference of %s: %w", dp.NIP, err)
	}
	c.Created++
	return nil
}
