package gormstore

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/seimbang/seimbang/core"
)

type telegramUpdateRow struct {
	UpdateID    int64 `gorm:"primaryKey;autoIncrement:false"`
	Payload     string
	Status      string
	Attempts    int
	Error       string
	ReceivedAt  time.Time
	ProcessedAt *time.Time
}

func (telegramUpdateRow) TableName() string { return "telegram_updates" }

// SaveUpdate stores an incoming update as pending unless its id is known
// already; it reports whether it was new and the stored status, so a
// redelivered update is recognised.
func (s *Store) SaveUpdate(ctx context.Context, id int64, payload []byte, at time.Time) (bool, core.UpdateStatus, error) {
	r := telegramUpdateRow{UpdateID: id, Payload: string(payload), Status: string(core.UpdatePending), ReceivedAt: at.UTC()}
	err := retryDeadlock(ctx, func() error { return s.db.WithContext(ctx).Create(&r).Error })
	if err == nil {
		return true, core.UpdatePending, nil
	}
	if !errors.Is(translate(err, "", ""), core.ErrConflict) {
		return false, "", translate(err, "save update", "")
	}
	var st string
	if err := s.db.WithContext(ctx).Model(&telegramUpdateRow{}).Where("update_id = ?", id).Pluck("status", &st).Error; err != nil {
		return false, "", translate(err, "save update", "")
	}
	return false, core.UpdateStatus(st), nil
}

// errSomeKnown rolls back a batch of updates some of which were stored
// already.
var errSomeKnown = errors.New("some updates are known")

// SaveUpdates stores a batch of incoming updates (their UpdateID, Payload
// and ReceivedAt) as SaveUpdate stores one, but with one multi-row insert
// and one commit for the batch. It reports for each, in the order of ups,
// whether it was new and its stored status; an id given twice is new at
// most once. When some ids are known already (a redelivery), the batch is
// rolled back and its updates are saved one by one, so that which were new
// is known exactly.
func (s *Store) SaveUpdates(ctx context.Context, ups []core.InboundUpdate) ([]bool, []core.UpdateStatus, error) {
	isNew := make([]bool, len(ups))
	status := make([]core.UpdateStatus, len(ups))
	first := make(map[int64]int, len(ups))
	rows := make([]telegramUpdateRow, 0, len(ups))
	for i, u := range ups {
		if _, dup := first[u.UpdateID]; dup {
			continue
		}
		first[u.UpdateID] = i
		rows = append(rows, telegramUpdateRow{UpdateID: u.UpdateID, Payload: string(u.Payload),
			Status: string(core.UpdatePending), ReceivedAt: u.ReceivedAt.UTC()})
	}
	// One order of row locks for concurrent batches: no deadlock between them.
	slices.SortFunc(rows, func(a, b telegramUpdateRow) int { return cmp.Compare(a.UpdateID, b.UpdateID) })
	err := errSomeKnown
	if len(rows) > 1 {
		err = retryDeadlock(ctx, func() error {
			return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
				res := tx.Clauses(s.insertIgnore()).Create(&rows)
				if res.Error == nil && res.RowsAffected != int64(len(rows)) {
					return errSomeKnown
				}
				return res.Error
			})
		})
	}
	switch {
	case err == nil:
		for _, i := range first {
			isNew[i], status[i] = true, core.UpdatePending
		}
	case errors.Is(err, errSomeKnown):
		for _, i := range first {
			u := ups[i]
			if isNew[i], status[i], err = s.SaveUpdate(ctx, u.UpdateID, u.Payload, u.ReceivedAt); err != nil {
				return nil, nil, err
			}
		}
	default:
		return nil, nil, translate(err, "save updates", "")
	}
	for i, u := range ups {
		status[i] = status[first[u.UpdateID]]
	}
	return isNew, status, nil
}

// insertIgnore makes an INSERT skip rows whose key exists.
func (s *Store) insertIgnore() clause.Expression {
	if s.dialect == MySQL {
		return clause.Insert{Modifier: "IGNORE"}
	}
	return clause.OnConflict{DoNothing: true}
}

// InboundUpdate returns the stored update with id, or ErrNotFound.
func (s *Store) InboundUpdate(ctx context.Context, id int64) (core.InboundUpdate, error) {
	var r telegramUpdateRow
	if err := s.db.WithContext(ctx).Take(&r, "update_id = ?", id).Error; err != nil {
		return core.InboundUpdate{}, translate(err, "inbound update", "")
	}
	return core.InboundUpdate{UpdateID: r.UpdateID, Payload: []byte(r.Payload), Status: core.UpdateStatus(r.Status),
		Attempts: r.Attempts, Error: r.Error, ReceivedAt: r.ReceivedAt, ProcessedAt: r.ProcessedAt}, nil
}

// FinishUpdate marks a pending update done or failed with the reason. An
// update finished already stays as it is.
func (s *Store) FinishUpdate(ctx context.Context, id int64, status core.UpdateStatus, reason string, at time.Time) error {
	t := at.UTC()
	err := retryDeadlock(ctx, func() error {
		return s.db.WithContext(ctx).Model(&telegramUpdateRow{}).
			Where("update_id = ? AND status = ?", id, string(core.UpdatePending)).
			Updates(map[string]any{"status": string(status), "error": tgClip(reason, 1000), "processed_at": &t,
				"attempts": gorm.Expr("attempts + 1")}).Error
	})
	return translate(err, "finish update", "")
}

// FinishUpdates marks the pending updates among ids done at at, in one
// statement.
func (s *Store) FinishUpdates(ctx context.Context, ids []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	ids = slices.Clone(ids)
	slices.Sort(ids)
	t := at.UTC()
	err := retryDeadlock(ctx, func() error {
		return s.db.WithContext(ctx).Model(&telegramUpdateRow{}).
			Where("update_id IN ? AND status = ?", ids, string(core.UpdatePending)).
			Updates(map[string]any{"status": string(core.UpdateDone), "error": "", "processed_at": &t,
				"attempts": gorm.Expr("attempts + 1")}).Error
	})
	return translate(err, "finish updates", "")
}

// RetryUpdate counts a failed attempt of a pending update and returns the
// attempts so far.
func (s *Store) RetryUpdate(ctx context.Context, id int64, reason string) (int, error) {
	err := s.db.WithContext(ctx).Model(&telegramUpdateRow{}).Where("update_id = ?", id).
		Updates(map[string]any{"attempts": gorm.Expr("attempts + 1"), "error": tgClip(reason, 1000)}).Error
	if err != nil {
		return 0, translate(err, "retry update", "")
	}
	var n int
	err = s.db.WithContext(ctx).Model(&telegramUpdateRow{}).Where("update_id = ?", id).Pluck("attempts", &n).Error
	return n, translate(err, "retry update", "")
}

// PendingUpdates returns the ids of updates still pending that arrived
// before before, oldest first.
func (s *Store) PendingUpdates(ctx context.Context, before time.Time, limit int) ([]int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Model(&telegramUpdateRow{}).
		Where("status = ? AND received_at < ?", string(core.UpdatePending), before.UTC()).
		Order("update_id").Limit(limit).Pluck("update_id", &ids).Error
	return ids, translate(err, "pending updates", "")
}

// PruneUpdates deletes handled (done or failed) updates received before
// before, at most limit of them, and returns how many it deleted. Pending
// ones are kept whatever their age.
func (s *Store) PruneUpdates(ctx context.Context, before time.Time, limit int) (int, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Model(&telegramUpdateRow{}).
		Where("status <> ? AND received_at < ?", string(core.UpdatePending), before.UTC()).
		Order("update_id").Limit(limit).Pluck("update_id", &ids).Error
	if err != nil || len(ids) == 0 {
		return 0, translate(err, "prune updates", "")
	}
	res := s.db.WithContext(ctx).Where("update_id IN ?", ids).Delete(&telegramUpdateRow{})
	return int(res.RowsAffected), translate(res.Error, "prune updates", "")
}

// tgClip cuts s to at most n bytes on a rune boundary.
func tgClip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n]
}
