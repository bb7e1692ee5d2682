package gormstore

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

type imbalanceRow struct {
	Day        string `gorm:"primaryKey"`
	Figures    string
	RecordedAt time.Time
}

func (imbalanceRow) TableName() string { return "imbalance_history" }

// RecordImbalance stores the day's imbalance figures (JSON), replacing
// those recorded earlier that day.
func (s *Store) RecordImbalance(ctx context.Context, day, figures string, at time.Time) error {
	r := imbalanceRow{Day: day, Figures: figures, RecordedAt: at.UTC()}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "day"}},
		DoUpdates: clause.AssignmentColumns([]string{"figures", "recorded_at"}),
	}).Create(&r).Error
	return translate(err, "record imbalance", "")
}

// ImbalanceHistory returns the figures recorded on each day from since
// (YYYY-MM-DD) on, by day.
func (s *Store) ImbalanceHistory(ctx context.Context, since string) (map[string]string, error) {
	var rows []imbalanceRow
	if err := s.db.WithContext(ctx).Where("day >= ?", since).Order("day").Find(&rows).Error; err != nil {
		return nil, translate(err, "imbalance history", "")
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.Day] = r.Figures
	}
	return out, nil
}
