package abk

import "slices"

// Unit is a work unit in the unit tree. ParentID is 0 for a top unit.
type Unit struct {
	ID       int64  `json:"id"`
	Code     string `json:"code"`
	ParentID int64  `json:"parent_id,omitempty"`
}

// Position is a position with its ABK tasks and the number of people in it.
type Position struct {
	ID     int64  `json:"id"`
	Code   string `json:"code"`
	UnitID int64  `json:"unit_id"`
	Tasks  []Task `json:"tasks"`
	Actual int    `json:"actual"`
}

// PositionFigures are the figures of one position. HasWorkload is false when
// the position has no task: it is then left out of every aggregate and of
// the imbalance figures, since missing data is not zero workload.
type PositionFigures struct {
	PositionID  int64 `json:"position_id"`
	UnitID      int64 `json:"unit_id"`
	HasWorkload bool  `json:"has_workload"`
	Figures
}

// UnitFigures are the figures of one unit: Own over the positions of the
// unit itself, Total over its whole subtree (the parent-unit rollup).
type UnitFigures struct {
	UnitID   int64   `json:"unit_id"`
	ParentID int64   `json:"parent_id,omitempty"`
	Depth    int     `json:"depth"` // 0 for a top unit
	Own      Figures `json:"own"`
	Total    Figures `json:"total"`
}

// Analysis is the workload analysis of a regency.
type Analysis struct {
	Positions []PositionFigures `json:"positions"` // in input order
	Units     []UnitFigures     `json:"units"`     // in input order
	Regency   Figures           `json:"regency"`
	Imbalance Imbalance         `json:"imbalance"`
	// NoWorkload counts positions without any task.
	NoWorkload int `json:"no_workload"`
}

// Analyze computes the figures of every position, unit, parent unit and the
// regency, and the imbalance figures. It returns a *core.ValidationError
// listing every problem of the input (see Validate) and computes nothing
// then.
func Analyze(units []Unit, positions []Position, cfg Config) (*Analysis, error) {
	if err := Validate(units, positions, cfg); err != nil {
		return nil, err
	}
	idx := make(map[int64]int, len(units))
	for i, u := range units {
		idx[u.ID] = i
	}
	a := &Analysis{Positions: make([]PositionFigures, len(positions)), Units: make([]UnitFigures, len(units))}
	own := make([]float64, len(units))
	ownActual := make([]int, len(units))
	staffing := make([]Staffing, 0, len(positions))
	var workload float64
	var actual int
	for i, p := range positions {
		w := WorkloadMinutes(p.Tasks)
		pf := PositionFigures{PositionID: p.ID, UnitID: p.UnitID, HasWorkload: len(p.Tasks) > 0, Figures: cfg.Figures(w, p.Actual)}
		a.Positions[i] = pf
		if !pf.HasWorkload {
			a.NoWorkload++
			continue
		}
		u := idx[p.UnitID]
		own[u] += w
		ownActual[u] += p.Actual
		workload += w
		actual += p.Actual
		staffing = append(staffing, Staffing{UnitID: p.UnitID, Required: pf.Required, Actual: p.Actual})
	}
	for i, u := range units {
		a.Units[i] = UnitFigures{UnitID: u.ID, ParentID: u.ParentID, Own: cfg.Figures(own[i], ownActual[i])}
		a.Units[i].Total = a.Units[i].Own
	}
	// Roll subtrees up, deepest units first.
	depth := unitDepths(units, idx)
	order := make([]int, len(units))
	for i := range order {
		order[i] = i
		a.Units[i].Depth = depth[i]
	}
	slices.SortStableFunc(order, func(x, y int) int { return depth[y] - depth[x] })
	for _, i := range order {
		if p := units[i].ParentID; p != 0 {
			j := idx[p]
			a.Units[j].Total = cfg.add(a.Units[j].Total, a.Units[i].Total)
		}
	}
	a.Regency = cfg.Figures(workload, actual)
	a.Imbalance = cfg.Measure(staffing)
	return a, nil
}

// unitDepths returns each unit's distance from its top unit. The tree must
// be valid (no unknown parent, no cycle).
func unitDepths(units []Unit, idx map[int64]int) []int {
	depth := make([]int, len(units))
	for i := range depth {
		depth[i] = -1
	}
	var walk func(i int) int
	walk = func(i int) int {
		if depth[i] >= 0 {
			return depth[i]
		}
		if p := units[i].ParentID; p != 0 {
			depth[i] = walk(idx[p]) + 1
		} else {
			depth[i] = 0
		}
		return depth[i]
	}
	for i := range units {
		walk(i)
	}
	return depth
}
