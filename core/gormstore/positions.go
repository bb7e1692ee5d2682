package gormstore

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

type positionRow struct {
	ID             int64 `gorm:"primaryKey"`
	Code           string
	UnitID         int64
	Name           string
	Kind           string
	JobFamily      string
	MinEducation   string
	AcceptedFields list
	Competencies   list
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (positionRow) TableName() string { return "positions" }

func toPositionRow(p *core.Position) positionRow {
	return positionRow{ID: p.ID, Code: p.Code, UnitID: p.UnitID, Name: p.Name, Kind: string(p.Kind),
		JobFamily: p.JobFamily, MinEducation: string(p.MinEducation), AcceptedFields: p.AcceptedFields,
		Competencies: p.Competencies, CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC()}
}

func (r positionRow) position() core.Position {
	return core.Position{ID: r.ID, Code: r.Code, UnitID: r.UnitID, Name: r.Name, Kind: core.PositionKind(r.Kind),
		JobFamily: r.JobFamily, MinEducation: core.EducationLevel(r.MinEducation), AcceptedFields: r.AcceptedFields,
		Competencies: r.Competencies, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// CreatePosition validates and stores p, setting its ID and stamps.
func (s *Store) CreatePosition(ctx context.Context, p *core.Position) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.CreatedAt, p.UpdatedAt = now(), now()
	r := toPositionRow(p)
	r.ID = 0
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return translate(err, "create position", p.Code)
	}
	p.ID = r.ID
	return nil
}

// UpdatePosition validates and stores every field of p.
func (s *Store) UpdatePosition(ctx context.Context, p *core.Position) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.UpdatedAt = now()
	r := toPositionRow(p)
	res := s.db.WithContext(ctx).Model(&positionRow{}).Where("id = ?", p.ID).Select("*").Omit("id", "created_at").Updates(&r)
	if res.Error != nil {
		return translate(res.Error, "update position", p.Code)
	}
	if res.RowsAffected == 0 {
		return translate(errNoRows, "update position", "")
	}
	return nil
}

// Position returns the position with id, or ErrNotFound.
func (s *Store) Position(ctx context.Context, id int64) (core.Position, error) {
	var r positionRow
	err := s.db.WithContext(ctx).Take(&r, "id = ?", id).Error
	return r.position(), translate(err, "position", "")
}

// PositionByCode returns the position with code, or ErrNotFound.
func (s *Store) PositionByCode(ctx context.Context, code string) (core.Position, error) {
	var r positionRow
	err := s.db.WithContext(ctx).Take(&r, "code = ?", code).Error
	return r.position(), translate(err, "position by code", "")
}

// Positions returns the selected positions ordered by code.
func (s *Store) Positions(ctx context.Context, f core.PositionFilter) ([]core.Position, error) {
	q := s.db.WithContext(ctx).Order("code")
	if f.UnitID != 0 {
		q = q.Where("unit_id = ?", f.UnitID)
	}
	var rows []positionRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, translate(err, "positions", "")
	}
	out := make([]core.Position, len(rows))
	for i, r := range rows {
		out[i] = r.position()
	}
	return out, nil
}

type workloadRow struct {
	ID              int64 `gorm:"primaryKey"`
	PositionID      int64
	Period          string
	Task            string
	YearlyVolume    float64
	StandardMinutes float64
}

func (workloadRow) TableName() string { return "workload_tasks" }

func toWorkloadRow(w *core.WorkloadTask) workloadRow {
	return workloadRow{ID: w.ID, PositionID: w.PositionID, Period: w.Period, Task: w.Task,
		YearlyVolume: w.YearlyVolume, StandardMinutes: w.StandardMinutes}
}

func (r workloadRow) task() core.WorkloadTask {
	return core.WorkloadTask{ID: r.ID, PositionID: r.PositionID, Period: r.Period, Task: r.Task,
		YearlyVolume: r.YearlyVolume, StandardMinutes: r.StandardMinutes}
}

// AddWorkloadTask validates and stores w.
func (s *Store) AddWorkloadTask(ctx context.Context, w *core.WorkloadTask) error {
	if err := w.Validate(); err != nil {
		return err
	}
	r := toWorkloadRow(w)
	r.ID = 0
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return translate(err, "add workload task", "")
	}
	w.ID = r.ID
	return nil
}

// WorkloadTasks returns the tasks of a position, or all when positionID is 0.
func (s *Store) WorkloadTasks(ctx context.Context, positionID int64) ([]core.WorkloadTask, error) {
	q := s.db.WithContext(ctx).Order("position_id, id")
	if positionID != 0 {
		q = q.Where("position_id = ?", positionID)
	}
	var rows []workloadRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, translate(err, "workload tasks", "")
	}
	out := make([]core.WorkloadTask, len(rows))
	for i, r := range rows {
		out[i] = r.task()
	}
	return out, nil
}

// ReplaceWorkloadTasks deletes a position's tasks and stores tasks instead.
// Call it inside InTx to make the replacement atomic with other changes.
func (s *Store) ReplaceWorkloadTasks(ctx context.Context, positionID int64, tasks []core.WorkloadTask) error {
	rows := make([]workloadRow, len(tasks))
	for i := range tasks {
		tasks[i].PositionID = positionID
		if err := tasks[i].Validate(); err != nil {
			return err
		}
		rows[i] = toWorkloadRow(&tasks[i])
		rows[i].ID = 0
	}
	return s.inTx(ctx, func(db *gorm.DB) error {
		if err := db.Where("position_id = ?", positionID).Delete(&workloadRow{}).Error; err != nil {
			return translate(err, "replace workload tasks", "")
		}
		if len(rows) == 0 {
			return nil
		}
		if err := db.CreateInBatches(&rows, 500).Error; err != nil {
			return translate(err, "replace workload tasks", "")
		}
		for i := range rows {
			tasks[i].ID = rows[i].ID
		}
		return nil
	})
}
