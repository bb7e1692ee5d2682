package gormstore

import (
	"context"
	"time"

	"github.com/seimbang/seimbang/core"
)

// DeleteDraftProposals deletes the planner's draft proposals of a round
// (never a manual one, never one that was announced) with their history,
// before the planner proposes again; it returns how many it deleted.
func (s *Store) DeleteDraftProposals(ctx context.Context, roundID int64) (int, error) {
	res := s.db.WithContext(ctx).Where("round_id = ? AND status = ? AND manual = ?", roundID, string(core.TransferDraft), false).
		Delete(&transferRow{})
	if res.Error != nil {
		return 0, translate(res.Error, "delete draft proposals", "")
	}
	return int(res.RowsAffected), nil
}

type snapshotRow struct {
	ID      int64 `gorm:"primaryKey"`
	TakenAt time.Time
	RoundID *int64
	Label   string
	Figures string
}

func (snapshotRow) TableName() string { return "imbalance_snapshots" }

// SaveImbalanceSnapshot records the imbalance figures (JSON) of a moment
// in a round's life, such as "announced" or "effective".
func (s *Store) SaveImbalanceSnapshot(ctx context.Context, roundID int64, label, figures string, at time.Time) error {
	r := snapshotRow{TakenAt: at.UTC(), RoundID: &roundID, Label: label, Figures: figures}
	return translate(s.db.WithContext(ctx).Create(&r).Error, "save imbalance snapshot", "")
}
