package gormstore

import (
	"context"
	"errors"
	"time"

	"github.com/seimbang/seimbang/core"
)

type outboxRow struct {
	ID                int64 `gorm:"primaryKey"`
	DedupKey          string
	Kind              string
	EmployeeID        *int64
	ChatID            int64
	Payload           string
	Status            string
	Attempts          int
	NextAttemptAt     time.Time
	LeaseOwner        string
	LeaseUntil        *time.Time
	TelegramMessageID *int64
	Error             string
	CreatedAt         time.Time
	SentAt            *time.Time
}

func (outboxRow) TableName() string { return "outbox_messages" }

func (r outboxRow) message() core.OutboxMessage {
	return core.OutboxMessage{ID: r.ID, DedupKey: r.DedupKey, Kind: r.Kind, EmployeeID: r.EmployeeID, ChatID: r.ChatID,
		Payload: r.Payload, Status: core.OutboxStatus(r.Status), Attempts: r.Attempts, NextAttemptAt: r.NextAttemptAt,
		LeaseOwner: r.LeaseOwner, LeaseUntil: r.LeaseUntil, TelegramMessageID: r.TelegramMessageID, Error: r.Error,
		CreatedAt: r.CreatedAt, SentAt: r.SentAt}
}

// Enqueue stores m as pending unless a message with m.DedupKey exists, and
// reports whether it was new. Either way m.ID is the stored message's id.
func (s *Store) Enqueue(ctx context.Context, m *core.OutboxMessage) (bool, error) {
	if m.DedupKey == "" || m.Kind == "" || m.Payload == "" {
		return false, core.Invalid("pesan", "err.required")
	}
	var existing outboxRow
	err := s.db.WithContext(ctx).Select("id").Take(&existing, "dedup_key = ?", m.DedupKey).Error
	if err == nil {
		m.ID = existing.ID
		return false, nil
	}
	if !errors.Is(translate(err, "", ""), core.ErrNotFound) {
		return false, translate(err, "enqueue", "")
	}
	m.CreatedAt = now()
	if m.NextAttemptAt.IsZero() {
		m.NextAttemptAt = m.CreatedAt
	}
	m.Status = core.OutboxPending
	r := outboxRow{DedupKey: m.DedupKey, Kind: m.Kind, EmployeeID: m.EmployeeID, ChatID: m.ChatID, Payload: m.Payload,
		Status: string(m.Status), NextAttemptAt: m.NextAttemptAt.UTC(), CreatedAt: m.CreatedAt}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		if errors.Is(translate(err, "", ""), core.ErrConflict) {
			// Another writer enqueued the same key between our read and insert.
			if err := s.db.WithContext(ctx).Select("id").Take(&existing, "dedup_key = ?", m.DedupKey).Error; err == nil {
				m.ID = existing.ID
				return false, nil
			}
		}
		return false, translate(err, "enqueue", "")
	}
	m.ID = r.ID
	return true, nil
}

// OutboxMessage returns the message with id, or ErrNotFound.
func (s *Store) OutboxMessage(ctx context.Context, id int64) (core.OutboxMessage, error) {
	var r outboxRow
	err := s.db.WithContext(ctx).Take(&r, "id = ?", id).Error
	return r.message(), translate(err, "outbox message", "")
}
