package evaluation

import (
	"context"
	"encoding/json"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
	"github.com/seimbang/seimbang/core/planning"
)

// Snapshot labels this package records. "planned" is the planner's own
// (core/round): {"before", "after", "gap_closure"}.
const (
	LabelAnnounced = "announced" // when the round's notices went out
	LabelEffective = "effective" // when its last transfer took effect
	LabelPlanned   = "planned"
)

// Figures is what a LabelAnnounced or LabelEffective snapshot holds: the
// imbalance of the whole regency and, for a round with a scope, of the
// units in it, as staffed at that moment, and the effective working time
// they were measured with.
type Figures struct {
	Regency          abk.Imbalance  `json:"regency"`
	Scope            *abk.Imbalance `json:"scope,omitempty"`
	EffectiveMinutes float64        `json:"effective_minutes"`
}

// SnapshotStore is what recording a snapshot reads and writes.
type SnapshotStore interface {
	Units(ctx context.Context) ([]core.Unit, error)
	Positions(ctx context.Context, f core.PositionFilter) ([]core.Position, error)
	WorkloadTasks(ctx context.Context, positionID int64) ([]core.WorkloadTask, error)
	// StaffCounts returns how many active employees hold each position.
	StaffCounts(ctx context.Context) (map[int64]int, error)
	ImbalanceSnapshots(ctx context.Context, roundID int64) ([]Snapshot, error)
	SaveImbalanceSnapshot(ctx context.Context, roundID int64, label, figures string, at time.Time) error
}

// Measure returns the imbalance figures of the staffing the store holds
// now, for the regency and for r's scope, with the ABK defaults and
// effectiveMinutes of working time a year (0: the guideline's).
func Measure(ctx context.Context, st SnapshotStore, r core.Round, effectiveMinutes float64) (Figures, error) {
	cfg := abk.DefaultConfig()
	if effectiveMinutes > 0 {
		cfg.EffectiveMinutes = effectiveMinutes
	}
	units, err := st.Units(ctx)
	if err != nil {
		return Figures{}, err
	}
	positions, err := st.Positions(ctx, core.PositionFilter{})
	if err != nil {
		return Figures{}, err
	}
	tasks, err := st.WorkloadTasks(ctx, 0)
	if err != nil {
		return Figures{}, err
	}
	staff, err := st.StaffCounts(ctx)
	if err != nil {
		return Figures{}, err
	}
	byPos := map[int64][]abk.Task{}
	for _, t := range tasks {
		byPos[t.PositionID] = append(byPos[t.PositionID], abk.Task{Name: t.Task, YearlyVolume: t.YearlyVolume, StandardMinutes: t.StandardMinutes})
	}
	au := make([]abk.Unit, len(units))
	for i, u := range units {
		au[i] = abk.Unit{ID: u.ID, Code: u.Code}
		if u.ParentID != nil {
			au[i].ParentID = *u.ParentID
		}
	}
	scope := map[int64]bool{}
	tree := newTree(units)
	for _, id := range r.UnitIDs {
		for _, u := range tree.subtree(id) {
			scope[u] = true
		}
	}
	var all, in []abk.Position
	for _, p := range positions {
		ap := abk.Position{ID: p.ID, Code: p.Code, UnitID: p.UnitID, Tasks: byPos[p.ID], Actual: staff[p.ID]}
		all = append(all, ap)
		if scope[p.UnitID] {
			in = append(in, ap)
		}
	}
	f := Figures{EffectiveMinutes: cfg.EffectiveMinutes}
	an, err := abk.Analyze(au, all, cfg)
	if err != nil {
		return Figures{}, err
	}
	f.Regency = an.Imbalance
	if len(scope) > 0 {
		an, err := abk.Analyze(au, in, cfg)
		if err != nil {
			return Figures{}, err
		}
		f.Scope = &an.Imbalance
	}
	return f, nil
}

// RecordSnapshot saves the round's figures under label unless one is
// saved already (the first announcement, the day the transfers took
// effect). They are measured with the round's own working time, else the
// regency's regencyMinutes (0: the guideline's; see
// planning.EffectiveMinutes), except that a snapshot taken after an
// announced one uses the announced one's, so that the two compare.
// Workload data that cannot be analysed (an invalid task) is not an
// error: nothing is recorded.
func RecordSnapshot(ctx context.Context, st SnapshotStore, r core.Round, label string, regencyMinutes float64, at time.Time) error {
	effectiveMinutes := planning.EffectiveMinutes(&r, regencyMinutes)
	prev, err := st.ImbalanceSnapshots(ctx, r.ID)
	if err != nil {
		return err
	}
	for _, s := range prev {
		if s.Label == label {
			return nil
		}
		var f Figures
		if s.Label == LabelAnnounced && json.Unmarshal([]byte(s.Figures), &f) == nil && f.EffectiveMinutes > 0 {
			effectiveMinutes = f.EffectiveMinutes
		}
	}
	f, err := Measure(ctx, st, r, effectiveMinutes)
	if err != nil {
		if _, ok := core.AsValidation(err); ok {
			return nil
		}
		return err
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return st.SaveImbalanceSnapshot(ctx, r.ID, label, string(b), at)
}
