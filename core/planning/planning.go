// Package planning runs the transfer planner on what the store holds: it
// turns units, positions with their workload, employees with their
// preferences, active transfers and upheld objections into a planner
// instance, and a round's parameters into planner parameters.
package planning

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
	"github.com/seimbang/seimbang/core/planner"
)

// Store is what planning reads.
type Store interface {
	Units(ctx context.Context) ([]core.Unit, error)
	Positions(ctx context.Context, f core.PositionFilter) ([]core.Position, error)
	WorkloadTasks(ctx context.Context, positionID int64) ([]core.WorkloadTask, error)
	ActiveEmployees(ctx context.Context) ([]core.Employee, error)
	Preferences(ctx context.Context) ([]core.Preference, error)
	Transfers(ctx context.Context, f core.TransferFilter) ([]core.Transfer, error)
	Objections(ctx context.Context, f core.ObjectionFilter) ([]core.Objection, error)
	Transfer(ctx context.Context, id int64) (core.Transfer, error)
}

// Load builds the planner's instance as of date. When round is not nil,
// units outside its scope are excluded and its upheld objections apply;
// the round's own draft proposals do not count as active transfers.
func Load(ctx context.Context, s Store, round *core.Round, date core.Date) (*planner.Instance, error) {
	in := &planner.Instance{Date: date}
	units, err := s.Units(ctx)
	if err != nil {
		return nil, err
	}
	scope := map[int64]bool{}
	if round != nil {
		for _, id := range round.UnitIDs {
			scope[id] = true
		}
	}
	byID := make(map[int64]core.Unit, len(units))
	for _, u := range units {
		byID[u.ID] = u
	}
	for _, u := range units {
		pu := planner.Unit{ID: u.ID, Code: u.Code, Name: u.Name, Excluded: u.ExcludedFromPlanning}
		if u.ParentID != nil {
			pu.ParentID = *u.ParentID
		}
		if u.Lat != nil && u.Lng != nil {
			pu.Lat, pu.Lng, pu.Located = *u.Lat, *u.Lng, true
		}
		if len(scope) > 0 && !inScope(u, byID, scope) {
			pu.Excluded = true
		}
		in.Units = append(in.Units, pu)
	}
	positions, err := s.Positions(ctx, core.PositionFilter{})
	if err != nil {
		return nil, err
	}
	tasks, err := s.WorkloadTasks(ctx, 0)
	if err != nil {
		return nil, err
	}
	byPos := map[int64][]abk.Task{}
	for _, t := range tasks {
		byPos[t.PositionID] = append(byPos[t.PositionID], abk.Task{Name: t.Task, YearlyVolume: t.YearlyVolume, StandardMinutes: t.StandardMinutes})
	}
	for _, p := range positions {
		in.Positions = append(in.Positions, planner.Position{ID: p.ID, Code: p.Code, Name: p.Name, UnitID: p.UnitID,
			Kind: p.Kind, Family: p.JobFamily, MinEducation: p.MinEducation, AcceptedFields: p.AcceptedFields,
			Competencies: p.Competencies, Tasks: byPos[p.ID]})
	}
	prefs, err := s.Preferences(ctx)
	if err != nil {
		return nil, err
	}
	prefOf := map[int64]core.Preference{}
	for _, p := range prefs {
		prefOf[p.EmployeeID] = p
	}
	active, err := s.Transfers(ctx, core.TransferFilter{Statuses: []core.TransferStatus{
		core.TransferDraft, core.TransferAnnounced, core.TransferObjected, core.TransferApproved}})
	if err != nil {
		return nil, err
	}
	moving := map[int64]bool{}
	target := make(map[int64]int64, len(active)) // transfer id → target position
	for _, t := range active {
		target[t.ID] = t.ToPositionID
		if round != nil && t.RoundID == round.ID && t.Status == core.TransferDraft {
			continue
		}
		moving[t.EmployeeID] = true
	}
	employees, err := s.ActiveEmployees(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range employees {
		// An active employee without a position is passed on as such: the
		// planner refuses to run and names them rather than guess.
		var pos int64
		if e.PositionID != nil {
			pos = *e.PositionID
		}
		pe := planner.Employee{ID: e.ID, NIP: e.NIP, Name: e.Name, PositionID: pos, TMT: e.TMTJabatan,
			BirthDate: e.BirthDate, Education: e.EducationLevel, Field: e.EducationField, Competencies: e.Competencies,
			Performance: e.Performance, InActiveTransfer: moving[e.ID]}
		if e.HomeLat != nil && e.HomeLng != nil {
			pe.HomeLat, pe.HomeLng, pe.HasHome = *e.HomeLat, *e.HomeLng, true
		}
		if p, ok := prefOf[e.ID]; ok {
			pe.Preferences, pe.Willingness = p.UnitIDs, p.Willingness
		}
		in.Employees = append(in.Employees, pe)
	}
	if round != nil {
		upheld, err := s.Objections(ctx, core.ObjectionFilter{Status: core.ObjectionUpheld, RoundID: round.ID})
		if err != nil {
			return nil, err
		}
		for _, o := range upheld {
			// An upheld objection cancelled its transfer; look it up alone.
			to := target[o.TransferID]
			if to == 0 {
				t, err := s.Transfer(ctx, o.TransferID)
				if err != nil {
					return nil, err
				}
				to = t.ToPositionID
			}
			in.Objections = append(in.Objections, planner.Objection{EmployeeID: o.EmployeeID, PositionID: to})
		}
	}
	return in, nil
}

// inScope reports whether u or one of its ancestors is in scope.
func inScope(u core.Unit, byID map[int64]core.Unit, scope map[int64]bool) bool {
	for seen := 0; seen <= len(byID); seen++ {
		if scope[u.ID] {
			return true
		}
		if u.ParentID == nil {
			return false
		}
		u = byID[*u.ParentID]
	}
	return false
}

// Params returns the planner parameters of a round: the defaults with the
// round's stored JSON applied over them, and effectiveMinutes as the ABK
// effective time when the round does not set its own.
func Params(round *core.Round, effectiveMinutes float64) (planner.Params, error) {
	p := planner.DefaultParams()
	if effectiveMinutes > 0 {
		p.ABK.EffectiveMinutes = effectiveMinutes
	}
	if round == nil || strings.TrimSpace(round.Params) == "" || round.Params == "{}" {
		return p, nil
	}
	dec := json.NewDecoder(strings.NewReader(round.Params))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return p, core.Invalid("params", "err.planner_params", err.Error())
	}
	return p, nil
}

// EffectiveMinutes returns the ABK effective time a round is measured
// with: its own parameters' when they set one, else regency (the regency's
// setting; 0: the guideline's). Parameters that do not parse count as
// unset.
func EffectiveMinutes(round *core.Round, regency float64) float64 {
	p, err := Params(round, regency)
	if err != nil {
		p, _ = Params(nil, regency)
	}
	return p.ABK.EffectiveMinutes
}

// Run loads the instance for round (nil: the whole regency) as of date and
// proposes the optimal plan; the planner refuses and lists problems when
// the data is inconsistent.
func Run(ctx context.Context, s Store, round *core.Round, date core.Date, effectiveMinutes float64) (*planner.Plan, *planner.Instance, error) {
	p, err := Params(round, effectiveMinutes)
	if err != nil {
		return nil, nil, err
	}
	in, err := Load(ctx, s, round, date)
	if err != nil {
		return nil, nil, fmt.Errorf("load planner instance: %w", err)
	}
	plan, err := planner.Propose(in, p)
	if err != nil {
		return nil, in, err
	}
	return plan, in, nil
}
