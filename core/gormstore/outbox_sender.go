package gormstore

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/seimbang/seimbang/core"
)

// ClaimOutbox leases up to n due messages to owner until now+lease and
// returns them, oldest due first. A message is due when it is pending, has
// a chat and its next attempt time has come, or when a sender's lease on it
// ran out (the sender died). On MySQL the candidates are locked with
// FOR UPDATE SKIP LOCKED so that concurrent senders take different rows
// without waiting; on SQLite the transaction is IMMEDIATE, which serialises
// claims. Either way no message is leased to two senders at once.
func (s *Store) ClaimOutbox(ctx context.Context, owner string, now time.Time, lease time.Duration, n int) ([]core.OutboxMessage, error) {
	now = now.UTC()
	until := now.Add(lease)
	var rows []outboxRow
	err := s.inTx(ctx, func(db *gorm.DB) error {
		q := db.Model(&outboxRow{}).
			Where("(status = ? AND next_attempt_at <= ? AND chat_id <> 0) OR (status = ? AND lease_until < ?)",
				string(core.OutboxPending), now, string(core.OutboxSending), now).
			Order("next_attempt_at, id").Limit(n)
		if s.dialect == MySQL {
			q = q.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
		}
		var ids []int64
		if err := q.Pluck("id", &ids).Error; err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		if err := db.Model(&outboxRow{}).Where("id IN ?", ids).
			Updates(map[string]any{"status": string(core.OutboxSending), "lease_owner": owner, "lease_until": until}).Error; err != nil {
			return err
		}
		return db.Where("id IN ?", ids).Order("next_attempt_at, id").Find(&rows).Error
	})
	if err != nil {
		return nil, translate(err, "claim outbox", "")
	}
	out := make([]core.OutboxMessage, len(rows))
	for i, r := range rows {
		out[i] = r.message()
	}
	return out, nil
}

// ReleaseOutbox puts the messages leased to owner back to pending, due
// now, and returns how many there were.
func (s *Store) ReleaseOutbox(ctx context.Context, owner string) (int, error) {
	res := s.db.WithContext(ctx).Model(&outboxRow{}).
		Where("status = ? AND lease_owner = ?", string(core.OutboxSending), owner).
		Updates(map[string]any{"status": string(core.OutboxPending), "lease_owner": "", "lease_until": nil})
	return int(res.RowsAffected), translate(res.Error, "release outbox", "")
}

// MarkOutboxSent records that the message was delivered with Telegram's
// message id. It is recorded even when owner's lease ran out meanwhile:
// the message did go out.
func (s *Store) MarkOutboxSent(ctx context.Context, id int64, owner string, messageID int64, at time.Time) error {
	t := at.UTC()
	err := s.db.WithContext(ctx).Model(&outboxRow{}).
		Where("id = ? AND status IN ?", id, []string{string(core.OutboxSending), string(core.OutboxPending)}).
		Updates(map[string]any{"status": string(core.OutboxSent), "telegram_message_id": messageID, "sent_at": &t,
			"lease_owner": "", "lease_until": nil, "error": "", "attempts": gorm.Expr("attempts + 1")}).Error
	return translate(err, "mark outbox sent", "")
}

// RetryOutbox puts a message owner still leases back to pending until next
// with the reason, counting an attempt when counted is set.
func (s *Store) RetryOutbox(ctx context.Context, id int64, owner string, next time.Time, reason string, counted bool) error {
	attempts := gorm.Expr("attempts")
	if counted {
		attempts = gorm.Expr("attempts + 1")
	}
	err := s.db.WithContext(ctx).Model(&outboxRow{}).
		Where("id = ? AND status = ? AND lease_owner = ?", id, string(core.OutboxSending), owner).
		Updates(map[string]any{"status": string(core.OutboxPending), "next_attempt_at": next.UTC(), "error": tgClip(reason, 1000),
			"lease_owner": "", "lease_until": nil, "attempts": attempts}).Error
	return translate(err, "retry outbox", "")
}

// FailOutbox gives up a message owner leases, recording the reason.
func (s *Store) FailOutbox(ctx context.Context, id int64, owner string, reason string) error {
	err := s.db.WithContext(ctx).Model(&outboxRow{}).
		Where("id = ? AND status = ? AND lease_owner = ?", id, string(core.OutboxSending), owner).
		Updates(map[string]any{"status": string(core.OutboxFailed), "error": tgClip(reason, 1000),
			"lease_owner": "", "lease_until": nil, "attempts": gorm.Expr("attempts + 1")}).Error
	return translate(err, "fail outbox", "")
}

// SetUnreachable marks the employee unreachable through Telegram since at
// (they blocked the bot), or reachable again when at is nil.
func (s *Store) SetUnreachable(ctx context.Context, employeeID int64, at *time.Time) error {
	err := s.db.WithContext(ctx).Model(&employeeRow{}).Where("id = ?", employeeID).
		Updates(map[string]any{"unreachable_at": utc(at), "updated_at": now()}).Error
	return translate(err, "set unreachable", "")
}
