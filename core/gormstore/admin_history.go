package gormstore

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

// dayLabel marks a regency-wide snapshot of one day in imbalance_snapshots,
// the table that also keeps each round's snapshots: "day:2026-11-23".
const dayLabel = "day:"

// RecordImbalance stores the day's (YYYY-MM-DD) imbalance figures (JSON),
// replacing those recorded earlier that day.
func (s *Store) RecordImbalance(ctx context.Context, day, figures string, at time.Time) error {
	return s.inTx(ctx, func(db *gorm.DB) error {
		if err := db.Where("round_id IS NULL AND label = ?", dayLabel+day).Delete(&snapshotRow{}).Error; err != nil {
			return translate(err, "record imbalance", "")
		}
		r := snapshotRow{TakenAt: at.UTC(), Label: dayLabel + day, Figures: figures}
		return translate(db.Create(&r).Error, "record imbalance", "")
	})
}

// ImbalanceHistory returns the figures recorded on each day from since
// (YYYY-MM-DD) on, by day.
func (s *Store) ImbalanceHistory(ctx context.Context, since string) (map[string]string, error) {
	var rows []snapshotRow
	err := s.db.WithContext(ctx).Where("round_id IS NULL AND label LIKE ? AND label >= ?", dayLabel+"%", dayLabel+since).
		Order("label").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "imbalance history", "")
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[strings.TrimPrefix(r.Label, dayLabel)] = r.Figures
	}
	return out, nil
}
