package gormstore

import (
	"context"
	"time"

	"github.com/seimbang/seimbang/core"
)

type auditRow struct {
	ID         int64 `gorm:"primaryKey"`
	At         time.Time
	Actor      string
	Action     string
	ObjectType string
	ObjectID   string
	BeforeJSON string `gorm:"column:before_json"`
	AfterJSON  string `gorm:"column:after_json"`
	Reason     string
}

func (auditRow) TableName() string { return "audit_log" }

// AppendAudit stores a; At defaults to now.
func (s *Store) AppendAudit(ctx context.Context, a *core.AuditEntry) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if a.At.IsZero() {
		a.At = now()
	}
	r := auditRow{At: a.At.UTC(), Actor: string(a.Actor), Action: a.Action, ObjectType: a.ObjectType,
		ObjectID: a.ObjectID, BeforeJSON: a.Before, AfterJSON: a.After, Reason: a.Reason}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return translate(err, "append audit", "")
	}
	a.ID = r.ID
	return nil
}

// AuditEntries returns the selected entries, newest first (at most
// f.Limit, default 200).
func (s *Store) AuditEntries(ctx context.Context, f core.AuditFilter) ([]core.AuditEntry, error) {
	q := s.db.WithContext(ctx).Order("id DESC")
	if f.Actor != "" {
		q = q.Where("actor = ?", string(f.Actor))
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.ObjectType != "" {
		q = q.Where("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != "" {
		q = q.Where("object_id = ?", f.ObjectID)
	}
	if !f.Since.IsZero() {
		q = q.Where("at >= ?", f.Since.UTC())
	}
	if !f.Until.IsZero() {
		q = q.Where("at < ?", f.Until.UTC())
	}
	if f.BeforeID > 0 {
		q = q.Where("id < ?", f.BeforeID)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 200
	}
	var rows []auditRow
	if err := q.Limit(limit).Find(&rows).Error; err != nil {
		return nil, translate(err, "audit entries", "")
	}
	out := make([]core.AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = core.AuditEntry{ID: r.ID, At: r.At, Actor: core.Actor(r.Actor), Action: r.Action, ObjectType: r.ObjectType,
			ObjectID: r.ObjectID, Before: r.BeforeJSON, After: r.AfterJSON, Reason: r.Reason}
	}
	return out, nil
}
