package gormstore

import (
	"context"
	"fmt"
	"strings"
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

// ReviseDraftTransfer stores a draft proposal's new target, reason and
// explanation (and its manual flag) and clears HR's acceptance. It returns
// ErrInvalidState when the transfer is no longer a draft.
func (s *Store) ReviseDraftTransfer(ctx context.Context, t *core.Transfer) error {
	if err := t.Validate(); err != nil {
		return err
	}
	t.UpdatedAt, t.AcceptedAt, t.AcceptedBy = now(), nil, ""
	res := s.db.WithContext(ctx).Model(&transferRow{}).Where("id = ? AND status = ?", t.ID, string(core.TransferDraft)).
		Updates(map[string]any{"to_unit_id": t.ToUnitID, "to_position_id": t.ToPositionID, "reason": t.Reason,
			"explanation": t.Explanation, "manual": t.Manual, "accepted_at": nil, "accepted_by": "", "updated_at": t.UpdatedAt})
	if res.Error != nil {
		return translate(res.Error, "revise transfer", "")
	}
	if res.RowsAffected == 0 {
		if _, err := s.Transfer(ctx, t.ID); err != nil {
			return err
		}
		return fmt.Errorf("revise transfer %d: %w", t.ID, core.ErrInvalidState)
	}
	return nil
}

// AcceptTransfer records HR's acceptance of a draft proposal. It returns
// ErrInvalidState when the transfer is no longer a draft.
func (s *Store) AcceptTransfer(ctx context.Context, id int64, by core.Actor, at time.Time) error {
	res := s.db.WithContext(ctx).Model(&transferRow{}).Where("id = ? AND status = ?", id, string(core.TransferDraft)).
		Updates(map[string]any{"accepted_at": at.UTC(), "accepted_by": string(by)})
	if res.Error != nil {
		return translate(res.Error, "accept transfer", "")
	}
	if res.RowsAffected == 0 {
		if _, err := s.Transfer(ctx, id); err != nil {
			return err
		}
		return fmt.Errorf("accept transfer %d: %w", id, core.ErrInvalidState)
	}
	return nil
}

type transferCommentRow struct {
	ID          int64 `gorm:"primaryKey"`
	TransferID  int64
	AdminUserID int64
	Text        string
	CreatedAt   time.Time
}

func (transferCommentRow) TableName() string { return "transfer_comments" }

// AddTransferComment validates and stores c.
func (s *Store) AddTransferComment(ctx context.Context, c *core.TransferComment) error {
	if err := c.Validate(); err != nil {
		return err
	}
	c.CreatedAt = now()
	r := transferCommentRow{TransferID: c.TransferID, AdminUserID: c.AuthorID, Text: c.Text, CreatedAt: c.CreatedAt}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return translate(err, "add transfer comment", "")
	}
	c.ID = r.ID
	return nil
}

// TransferComments returns the comments on a round's transfers with their
// authors' names, oldest first.
func (s *Store) TransferComments(ctx context.Context, roundID int64) ([]core.TransferComment, error) {
	var rows []struct {
		ID          int64
		TransferID  int64
		AdminUserID int64
		Text        string
		CreatedAt   time.Time
		AuthorName  string
		Email       string
	}
	err := s.db.WithContext(ctx).Table("transfer_comments").
		Select("transfer_comments.*, admin_users.name AS author_name, admin_users.email AS email").
		Joins("JOIN transfers ON transfers.id = transfer_comments.transfer_id").
		Joins("JOIN admin_users ON admin_users.id = transfer_comments.admin_user_id").
		Where("transfers.round_id = ?", roundID).Order("transfer_comments.id").Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "transfer comments", "")
	}
	out := make([]core.TransferComment, len(rows))
	for i, r := range rows {
		name := r.AuthorName
		if name == "" {
			name = r.Email
		}
		out[i] = core.TransferComment{ID: r.ID, TransferID: r.TransferID, AuthorID: r.AdminUserID, AuthorName: name,
			Text: r.Text, CreatedAt: r.CreatedAt}
	}
	return out, nil
}

// RoundNotices returns, for each transfer of the round that has one, where
// its latest notice stands in the outbox.
func (s *Store) RoundNotices(ctx context.Context, roundID int64) ([]core.NoticeDelivery, error) {
	var rows []struct {
		ID            int64
		DedupKey      string
		EmployeeID    *int64
		ChatID        int64
		Status        string
		Error         string
		SentAt        *time.Time
		TransferID    int64
		UnreachableAt *time.Time
	}
	err := s.db.WithContext(ctx).Table("outbox_messages").
		Select("outbox_messages.id, outbox_messages.dedup_key, outbox_messages.employee_id, outbox_messages.chat_id, "+
			"outbox_messages.status, outbox_messages.error, outbox_messages.sent_at, transfers.id AS transfer_id, "+
			"employees.unreachable_at AS unreachable_at").
		Joins("JOIN transfers ON transfers.employee_id = outbox_messages.employee_id").
		Joins("JOIN employees ON employees.id = transfers.employee_id").
		Where("transfers.round_id = ? AND outbox_messages.kind = ?", roundID, core.OutboxKindNotice).
		Order("outbox_messages.id").Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "round notices", "")
	}
	latest := map[int64]core.NoticeDelivery{}
	var order []int64
	for _, r := range rows {
		if !strings.HasPrefix(r.DedupKey, fmt.Sprintf("notice:transfer:%d:", r.TransferID)) {
			continue
		}
		if _, seen := latest[r.TransferID]; !seen {
			order = append(order, r.TransferID)
		}
		var emp int64
		if r.EmployeeID != nil {
			emp = *r.EmployeeID
		}
		latest[r.TransferID] = core.NoticeDelivery{TransferID: r.TransferID, EmployeeID: emp, MessageID: r.ID,
			Status: core.OutboxStatus(r.Status), ChatID: r.ChatID, Error: r.Error, SentAt: r.SentAt, Blocked: r.UnreachableAt != nil}
	}
	out := make([]core.NoticeDelivery, 0, len(order))
	for _, id := range order {
		out = append(out, latest[id])
	}
	return out, nil
}
