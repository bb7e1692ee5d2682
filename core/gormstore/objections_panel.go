package gormstore

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"github.com/seimbang/seimbang/core"
)

// This file holds the objection inbox's queries (declared by admin.Store).

// ObjectionInbox returns the selected objections, those whose round's
// objection deadline comes first at the top (rounds without a deadline
// last), then oldest first.
func (s *Store) ObjectionInbox(ctx context.Context, f core.ObjectionInboxFilter) ([]core.Objection, error) {
	if f.UnitIDs != nil && len(f.UnitIDs) == 0 {
		return nil, nil
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	q := s.db.WithContext(ctx).Model(&objectionRow{}).
		Joins("JOIN transfers ON transfers.id = objections.transfer_id").
		Joins("JOIN rounds ON rounds.id = transfers.round_id")
	if f.Status != "" {
		q = q.Where("objections.status = ?", string(f.Status))
	}
	if f.RoundID != 0 {
		q = q.Where("transfers.round_id = ?", f.RoundID)
	}
	if f.Category != "" {
		q = q.Where("objections.category = ?", string(f.Category))
	}
	if f.UnitIDs != nil {
		q = q.Where("transfers.from_unit_id IN ? OR transfers.to_unit_id IN ?", f.UnitIDs, f.UnitIDs)
	}
	var rows []objectionRow
	err := q.Select("objections.*").
		Order("CASE WHEN rounds.objection_deadline IS NULL THEN 1 ELSE 0 END, rounds.objection_deadline, objections.id").
		Limit(min(limit, 1000)).Find(&rows).Error
	if err != nil {
		return nil, translate(err, "objection inbox", "")
	}
	out := make([]core.Objection, len(rows))
	for i, r := range rows {
		out[i] = r.objection()
	}
	return out, nil
}

type replacementRow struct {
	ID          int64 `gorm:"primaryKey"`
	ObjectionID int64
	TransferID  int64
	Status      string
	CreatedBy   string
	CreatedAt   time.Time
	ReviewedBy  string
	ReviewedAt  *time.Time
}

func (replacementRow) TableName() string { return "objection_replacements" }

func (r replacementRow) replacement() core.ObjectionReplacement {
	return core.ObjectionReplacement{ID: r.ID, ObjectionID: r.ObjectionID, TransferID: r.TransferID,
		Status: core.ReplacementStatus(r.Status), CreatedBy: core.Actor(r.CreatedBy), CreatedAt: r.CreatedAt,
		ReviewedBy: core.Actor(r.ReviewedBy), ReviewedAt: r.ReviewedAt}
}

// CreateReplacement records the replacement proposal r.TransferID for the
// objection r.ObjectionID, proposed; it returns a *ConflictError when the
// objection already has a replacement that is not discarded.
func (s *Store) CreateReplacement(ctx context.Context, r *core.ObjectionReplacement) error {
	var n int64
	q := s.db.WithContext(ctx).Model(&replacementRow{}).
		Where("objection_id = ? AND status <> ?", r.ObjectionID, string(core.ReplacementDiscarded))
	if s.dialect == MySQL {
		// A locking read sees rows committed meanwhile and holds the range
		// until the transaction ends (SQLite transactions are immediate).
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	err := q.Count(&n).Error
	if err != nil {
		return translate(err, "count replacements", "")
	}
	if n > 0 {
		return fmt.Errorf("replacement for objection %d: %w", r.ObjectionID, &core.ConflictError{Key: "err.replacement_exists"})
	}
	r.Status, r.CreatedAt = core.ReplacementProposed, now()
	row := replacementRow{ObjectionID: r.ObjectionID, TransferID: r.TransferID, Status: string(r.Status),
		CreatedBy: string(r.CreatedBy), CreatedAt: r.CreatedAt}
	if err := s.db.WithContext(ctx).Create(&row).Error; err != nil {
		return translate(err, "create replacement", "")
	}
	r.ID = row.ID
	return nil
}

// Replacements returns the replacements of the objections, oldest first.
func (s *Store) Replacements(ctx context.Context, objectionIDs ...int64) ([]core.ObjectionReplacement, error) {
	if len(objectionIDs) == 0 {
		return nil, nil
	}
	var rows []replacementRow
	if err := s.db.WithContext(ctx).Where("objection_id IN ?", objectionIDs).Order("id").Find(&rows).Error; err != nil {
		return nil, translate(err, "replacements", "")
	}
	out := make([]core.ObjectionReplacement, len(rows))
	for i, r := range rows {
		out[i] = r.replacement()
	}
	return out, nil
}

// Replacement returns the replacement with id, or ErrNotFound.
func (s *Store) Replacement(ctx context.Context, id int64) (core.ObjectionReplacement, error) {
	var r replacementRow
	err := s.db.WithContext(ctx).Take(&r, "id = ?", id).Error
	return r.replacement(), translate(err, "replacement", "")
}

// ReviewReplacement stores HR's review (accepted or discarded) of a
// proposed replacement; it returns a *ConflictError when it was reviewed
// already.
func (s *Store) ReviewReplacement(ctx context.Context, r *core.ObjectionReplacement) error {
	if r.Status != core.ReplacementAccepted && r.Status != core.ReplacementDiscarded {
		return core.Invalid("keputusan", "err.required")
	}
	res := s.db.WithContext(ctx).Model(&replacementRow{}).Where("id = ? AND status = ?", r.ID, string(core.ReplacementProposed)).
		Updates(map[string]any{"status": string(r.Status), "reviewed_by": string(r.ReviewedBy), "reviewed_at": utc(r.ReviewedAt)})
	if res.Error != nil {
		return translate(res.Error, "review replacement", "")
	}
	if res.RowsAffected == 0 {
		if _, err := s.Replacement(ctx, r.ID); err != nil {
			return err
		}
		return fmt.Errorf("review replacement %d: %w", r.ID, &core.ConflictError{Key: "err.replacement_reviewed"})
	}
	return nil
}
