package gormstore

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/seimbang/seimbang/core"
)

// ClaimSurveyInvitations leases up to limit open invitations whose next
// action is due at now and whose lease is free or expired, for owner until
// now+lease, and returns them. Two instances never hold one invitation at
// once: MySQL skips rows another transaction has locked (FOR UPDATE SKIP
// LOCKED); SQLite serialises the claim in its IMMEDIATE transaction.
func (s *Store) ClaimSurveyInvitations(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]core.SurveyInvitation, error) {
	now = now.UTC()
	var rows []surveyInvitationRow
	err := s.inTx(ctx, func(db *gorm.DB) error {
		q := db.Where("status IN ? AND next_action_at <= ? AND (lease_until IS NULL OR lease_until < ?)",
			[]string{string(core.InvitationScheduled), string(core.InvitationInvited)}, now, now).
			Order("next_action_at, id").Limit(limit)
		if s.dialect == MySQL {
			q = q.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
		}
		if err := q.Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		ids := make([]int64, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
		}
		until := now.Add(lease)
		return db.Model(&surveyInvitationRow{}).Where("id IN ?", ids).
			Updates(map[string]any{"lease_owner": owner, "lease_until": until}).Error
	})
	if err != nil {
		return nil, translate(err, "claim survey invitations", "")
	}
	out := make([]core.SurveyInvitation, len(rows))
	for i, r := range rows {
		out[i] = r.invitation()
	}
	return out, nil
}

// SaveSurveyInvitation stores inv's schedule state (status, next action,
// send times, reminder count, expiry) and releases the lease, provided
// owner still holds it; otherwise it returns ErrInvalidState and changes
// nothing. It also returns ErrInvalidState, changing nothing, when the
// stored invitation was answered meanwhile. An owner of "" saves without a
// lease (a person's action).
func (s *Store) SaveSurveyInvitation(ctx context.Context, inv *core.SurveyInvitation, owner string) error {
	q := s.db.WithContext(ctx).Model(&surveyInvitationRow{}).Where("id = ?", inv.ID)
	if owner != "" {
		q = q.Where("lease_owner = ?", owner)
	}
	if inv.Status != core.InvitationAnswered {
		// The employee may have finished the survey meanwhile; an answered
		// invitation never goes back to waiting or expired.
		q = q.Where("status <> ?", string(core.InvitationAnswered))
	}
	res := q.Updates(map[string]any{
		"status": string(inv.Status), "next_action_at": utc(inv.NextActionAt), "invited_at": utc(inv.InvitedAt),
		"reminders_sent": inv.RemindersSent, "last_sent_at": utc(inv.LastSentAt), "expires_at": utc(inv.ExpiresAt), "lease_owner": "", "lease_until": nil,
	})
	if res.Error != nil {
		return translate(res.Error, "save survey invitation", "")
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("save survey invitation %d: lease lost: %w", inv.ID, core.ErrInvalidState)
	}
	return nil
}

// ApprovedTransfersDue returns approved transfers of rounds whose effective
// date is on or before day, oldest first.
func (s *Store) ApprovedTransfersDue(ctx context.Context, day core.Date) ([]core.Transfer, error) {
	var rows []transferRow
	err := s.db.WithContext(ctx).Model(&transferRow{}).Select("transfers.*").
		Joins("JOIN rounds ON rounds.id = transfers.round_id").
		Where("transfers.status = ? AND rounds.effective_date IS NOT NULL AND rounds.effective_date <= ?",
			string(core.TransferApproved), date(day)).
		Order("transfers.id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "approved transfers due", "")
	}
	return transfers(rows), nil
}

// TemporaryTransfersEnding returns effective temporary assignments whose
// end date is on or before day.
func (s *Store) TemporaryTransfersEnding(ctx context.Context, day core.Date) ([]core.Transfer, error) {
	var rows []transferRow
	err := s.db.WithContext(ctx).Where("status = ? AND kind = ? AND end_date <= ?",
		string(core.TransferEffective), string(core.Temporary), date(day)).Order("id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "temporary transfers ending", "")
	}
	return transfers(rows), nil
}

func transfers(rows []transferRow) []core.Transfer {
	out := make([]core.Transfer, len(rows))
	for i, r := range rows {
		out[i] = r.transfer()
	}
	return out
}
