package gormstore

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

type roundRow struct {
	ID                int64 `gorm:"primaryKey"`
	Name              string
	Status            string
	Params            string
	ObjectionDeadline *time.Time
	EffectiveDate     date
	SKNumber          string `gorm:"column:sk_number"`
	CreatedBy         string
	CreatedAt         time.Time
	AnnouncedAt       *time.Time
	ApprovedAt        *time.Time
}

func (roundRow) TableName() string { return "rounds" }

type roundUnitRow struct {
	RoundID int64 `gorm:"primaryKey;autoIncrement:false"`
	UnitID  int64 `gorm:"primaryKey;autoIncrement:false"`
}

func (roundUnitRow) TableName() string { return "round_units" }

func toRoundRow(r *core.Round) roundRow {
	p := r.Params
	if p == "" {
		p = "{}"
	}
	return roundRow{ID: r.ID, Name: r.Name, Status: string(r.Status), Params: p,
		ObjectionDeadline: utc(r.ObjectionDeadline), EffectiveDate: date(r.EffectiveDate), SKNumber: r.SKNumber,
		CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt.UTC(), AnnouncedAt: utc(r.AnnouncedAt), ApprovedAt: utc(r.ApprovedAt)}
}

func (r roundRow) round() core.Round {
	return core.Round{ID: r.ID, Name: r.Name, Status: core.RoundStatus(r.Status), Params: r.Params,
		ObjectionDeadline: r.ObjectionDeadline, EffectiveDate: core.Date(r.EffectiveDate), SKNumber: r.SKNumber,
		CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, AnnouncedAt: r.AnnouncedAt, ApprovedAt: r.ApprovedAt}
}

// CreateRound validates and stores r with its unit scope.
func (s *Store) CreateRound(ctx context.Context, r *core.Round) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.CreatedAt = now()
	row := toRoundRow(r)
	row.ID = 0
	return s.inTx(ctx, func(db *gorm.DB) error {
		if err := db.Create(&row).Error; err != nil {
			return translate(err, "create round", "")
		}
		r.ID = row.ID
		return s.saveRoundUnits(db, r)
	})
}

func (s *Store) saveRoundUnits(db *gorm.DB, r *core.Round) error {
	if err := db.Where("round_id = ?", r.ID).Delete(&roundUnitRow{}).Error; err != nil {
		return translate(err, "round units", "")
	}
	if len(r.UnitIDs) == 0 {
		return nil
	}
	rows := make([]roundUnitRow, len(r.UnitIDs))
	for i, u := range r.UnitIDs {
		rows[i] = roundUnitRow{RoundID: r.ID, UnitID: u}
	}
	return translate(db.Create(&rows).Error, "round units", "")
}

// UpdateRound validates and stores every field of r and its scope.
func (s *Store) UpdateRound(ctx context.Context, r *core.Round) error {
	if err := r.Validate(); err != nil {
		return err
	}
	row := toRoundRow(r)
	return s.inTx(ctx, func(db *gorm.DB) error {
		res := db.Model(&roundRow{}).Where("id = ?", r.ID).Select("*").Omit("id", "created_at", "created_by").Updates(&row)
		if res.Error != nil {
			return translate(res.Error, "update round", "")
		}
		if res.RowsAffected == 0 {
			return translate(errNoRows, "update round", "")
		}
		return s.saveRoundUnits(db, r)
	})
}

// Round returns the round with id and its scope, or ErrNotFound.
func (s *Store) Round(ctx context.Context, id int64) (core.Round, error) {
	var row roundRow
	if err := s.db.WithContext(ctx).Take(&row, "id = ?", id).Error; err != nil {
		return core.Round{}, translate(err, "round", "")
	}
	r := row.round()
	if err := s.db.WithContext(ctx).Model(&roundUnitRow{}).Where("round_id = ?", id).Order("unit_id").Pluck("unit_id", &r.UnitIDs).Error; err != nil {
		return core.Round{}, translate(err, "round units", "")
	}
	return r, nil
}

// Rounds returns every round, newest first, without their scopes.
func (s *Store) Rounds(ctx context.Context) ([]core.Round, error) {
	var rows []roundRow
	if err := s.db.WithContext(ctx).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, translate(err, "rounds", "")
	}
	out := make([]core.Round, len(rows))
	for i, r := range rows {
		out[i] = r.round()
	}
	return out, nil
}
