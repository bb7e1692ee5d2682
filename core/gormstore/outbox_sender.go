package gormstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
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
	var opts []*sql.TxOptions
	if s.dialect == MySQL {
		// Fewer gap locks: concurrent claims and updates deadlock less.
		opts = append(opts, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	}
	err := retryDeadlock(ctx, func() error {
		rows = nil
		return s.db.WithContext(ctx).Transaction(func(db *gorm.DB) error {
			return s.claim(db, owner, now, until, n, &rows)
		}, opts...)
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

// claim leases up to n due rows inside a transaction.
func (s *Store) claim(db *gorm.DB, owner string, now, until time.Time, n int, rows *[]outboxRow) error {
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
	return db.Where("id IN ?", ids).Order("next_attempt_at, id").Find(rows).Error
}

// retryDeadlock runs fn again, up to four more times, when MySQL chose it
// as a deadlock victim or its lock wait timed out; the statement was rolled
// back, so running it again is safe.
func retryDeadlock(ctx context.Context, fn func() error) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = fn(); err == nil {
			return nil
		}
		var me *gomysql.MySQLError
		if !errors.As(err, &me) || (me.Number != 1213 && me.Number != 1205) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt+1) * 5 * time.Millisecond):
		}
	}
	return err
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
	err := retryDeadlock(ctx, func() error {
		return s.db.WithContext(ctx).Model(&outboxRow{}).
			Where("id = ? AND status IN ?", id, []string{string(core.OutboxSending), string(core.OutboxPending)}).
			Updates(map[string]any{"status": string(core.OutboxSent), "telegram_message_id": messageID, "sent_at": &t,
				"lease_owner": "", "lease_until": nil, "error": "", "attempts": gorm.Expr("attempts + 1")}).Error
	})
	return translate(err, "mark outbox sent", "")
}

// RetryOutbox puts a message owner still leases back to pending until next
// with the reason, counting an attempt when counted is set.
func (s *Store) RetryOutbox(ctx context.Context, id int64, owner string, next time.Time, reason string, counted bool) error {
	attempts := gorm.Expr("attempts")
	if counted {
		attempts = gorm.Expr("attempts + 1")
	}
	err := retryDeadlock(ctx, func() error {
		return s.db.WithContext(ctx).Model(&outboxRow{}).
			Where("id = ? AND status = ? AND lease_owner = ?", id, string(core.OutboxSending), owner).
			Updates(map[string]any{"status": string(core.OutboxPending), "next_attempt_at": next.UTC(), "error": tgClip(reason, 1000),
				"lease_owner": "", "lease_until": nil, "attempts": attempts}).Error
	})
	return translate(err, "retry outbox", "")
}

// FailOutbox gives up a message owner leases, recording the reason.
func (s *Store) FailOutbox(ctx context.Context, id int64, owner string, reason string) error {
	err := retryDeadlock(ctx, func() error {
		return s.db.WithContext(ctx).Model(&outboxRow{}).
			Where("id = ? AND status = ? AND lease_owner = ?", id, string(core.OutboxSending), owner).
			Updates(map[string]any{"status": string(core.OutboxFailed), "error": tgClip(reason, 1000),
				"lease_owner": "", "lease_until": nil, "attempts": gorm.Expr("attempts + 1")}).Error
	})
	return translate(err, "fail outbox", "")
}

// SetUnreachable marks the employee unreachable through Telegram since at
// (they blocked the bot), or reachable again when at is nil.
func (s *Store) SetUnreachable(ctx context.Context, employeeID int64, at *time.Time) error {
	err := s.db.WithContext(ctx).Model(&employeeRow{}).Where("id = ?", employeeID).
		Updates(map[string]any{"unreachable_at": utc(at), "updated_at": now()}).Error
	return translate(err, "set unreachable", "")
}
