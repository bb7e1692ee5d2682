package gormstore

import (
	"context"
	"database/sql"
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

// AdvanceSurveyInvitations runs one page of the survey schedule in one
// transaction. It locks up to limit open invitations (scheduled or invited)
// whose next action is due at now and that no live lease holds, loads their
// employees with their units' time zones in one query and hands them to fn.
// Then, in the same transaction, it stores the schedule state of the
// invitations fn returns (status, next action, send times, reminder count,
// expiry) and inserts the outbox messages fn returns with multi-row inserts,
// skipping any whose dedup key is already stored. Other instances skip the
// locked rows (FOR UPDATE SKIP LOCKED on MySQL/MariaDB; SQLite's immediate
// transactions run one at a time), so each invitation is handled by one
// instance and its message enqueued exactly once; a crash or an error from
// fn rolls the whole page back. It returns how many invitations it claimed,
// 0 when nothing is due.
func (s *Store) AdvanceSurveyInvitations(ctx context.Context, now time.Time, limit int,
	fn func(due []core.DueInvitation) ([]core.SurveyInvitation, []core.OutboxMessage, error)) (int, error) {
	now = now.UTC()
	claimed := 0
	// READ COMMITTED: the claim locks the rows it takes and no gaps, so two
	// instances moving rows along the due index do not deadlock.
	opts := &sql.TxOptions{Isolation: sql.LevelReadCommitted}
	if s.dialect != MySQL {
		opts = nil
	}
	err := s.db.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		rows, err := s.lockDueInvitations(db, now, limit)
		if err != nil || len(rows) == 0 {
			return err
		}
		claimed = len(rows)
		due, err := dueWithEmployees(db, rows)
		if err != nil {
			return err
		}
		invs, msgs, err := fn(due)
		if err != nil {
			return err
		}
		if err := saveSchedules(db, invs); err != nil {
			return err
		}
		return insertOutbox(db, msgs)
	}, opts)
	if err != nil {
		return 0, translate(err, "advance survey invitations", "")
	}
	return claimed, nil
}

// lockDueInvitations selects and locks the page, one status at a time so
// that each query walks the (status, next_action_at) index in order and
// stops at limit instead of locking every due row.
func (s *Store) lockDueInvitations(db *gorm.DB, now time.Time, limit int) ([]surveyInvitationRow, error) {
	var out []surveyInvitationRow
	for _, st := range []core.InvitationStatus{core.InvitationInvited, core.InvitationScheduled} {
		if len(out) >= limit {
			break
		}
		var rows []surveyInvitationRow
		q := db.Where("status = ? AND next_action_at <= ? AND (lease_until IS NULL OR lease_until < ?)", string(st), now, now).
			Order("next_action_at, id").Limit(limit - len(out))
		if s.dialect == MySQL {
			q = q.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
		}
		if err := q.Find(&rows).Error; err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}

// dueWithEmployees joins each invitation to its employee and unit zone.
func dueWithEmployees(db *gorm.DB, rows []surveyInvitationRow) ([]core.DueInvitation, error) {
	ids := make([]int64, 0, len(rows))
	seen := map[int64]bool{}
	for _, r := range rows {
		if !seen[r.EmployeeID] {
			seen[r.EmployeeID] = true
			ids = append(ids, r.EmployeeID)
		}
	}
	var people []struct {
		ID             int64
		Language       string
		TelegramUserID *int64
		UnitID         *int64
		TimeZone       *string
	}
	err := db.Table("employees e").Select("e.id, e.language, e.telegram_user_id, e.unit_id, u.time_zone").
		Joins("LEFT JOIN units u ON u.id = e.unit_id").Where("e.id IN ?", ids).Scan(&people).Error
	if err != nil {
		return nil, err
	}
	type person struct {
		e    core.Employee
		zone core.TimeZone
	}
	byID := make(map[int64]person, len(people))
	for _, p := range people {
		zone := core.WIB
		if p.TimeZone != nil && *p.TimeZone != "" {
			zone = core.TimeZone(*p.TimeZone)
		}
		byID[p.ID] = person{core.Employee{ID: p.ID, Language: p.Language, TelegramUserID: p.TelegramUserID, UnitID: p.UnitID}, zone}
	}
	out := make([]core.DueInvitation, len(rows))
	for i, r := range rows {
		p, ok := byID[r.EmployeeID]
		if !ok {
			return nil, fmt.Errorf("survey invitation %d: employee %d: %w", r.ID, r.EmployeeID, core.ErrNotFound)
		}
		out[i] = core.DueInvitation{Invitation: r.invitation(), Employee: p.e, Zone: p.zone}
	}
	return out, nil
}

// saveSchedules stores the invitations' schedule state with one UPDATE per
// distinct set of values: a page handled at one moment has few of them
// (the same reminder number and next reminder time per time zone).
func saveSchedules(db *gorm.DB, invs []core.SurveyInvitation) error {
	type values struct {
		status                       string
		next, invited, last, expires int64 // Unix microseconds, 0 for none
		reminders                    int
	}
	micro := func(t *time.Time) int64 {
		if t == nil {
			return 0
		}
		return t.UnixMicro()
	}
	groups := map[values][]int64{}
	first := map[values]*core.SurveyInvitation{}
	var order []values
	for i := range invs {
		inv := &invs[i]
		v := values{string(inv.Status), micro(inv.NextActionAt), micro(inv.InvitedAt), micro(inv.LastSentAt), micro(inv.ExpiresAt), inv.RemindersSent}
		if _, ok := groups[v]; !ok {
			order = append(order, v)
			first[v] = inv
		}
		groups[v] = append(groups[v], inv.ID)
	}
	for _, v := range order {
		inv := first[v]
		ids := groups[v]
		for len(ids) > 0 {
			n := min(len(ids), 1000)
			err := db.Model(&surveyInvitationRow{}).Where("id IN ?", ids[:n]).Updates(map[string]any{
				"status": string(inv.Status), "next_action_at": utc(inv.NextActionAt), "invited_at": utc(inv.InvitedAt),
				"reminders_sent": inv.RemindersSent, "last_sent_at": utc(inv.LastSentAt), "expires_at": utc(inv.ExpiresAt),
			}).Error
			if err != nil {
				return err
			}
			ids = ids[n:]
		}
	}
	return nil
}

// insertOutbox stores msgs as pending with multi-row inserts; a message
// whose dedup key is already stored is skipped.
func insertOutbox(db *gorm.DB, msgs []core.OutboxMessage) error {
	if len(msgs) == 0 {
		return nil
	}
	at := now()
	rows := make([]outboxRow, len(msgs))
	for i, m := range msgs {
		if m.DedupKey == "" || m.Kind == "" || m.Payload == "" {
			return core.Invalid("pesan", "err.required")
		}
		next := m.NextAttemptAt
		if next.IsZero() {
			next = at
		}
		rows[i] = outboxRow{DedupKey: m.DedupKey, Kind: m.Kind, EmployeeID: m.EmployeeID, ChatID: m.ChatID, Payload: m.Payload,
			Status: string(core.OutboxPending), NextAttemptAt: next.UTC(), CreatedAt: at}
	}
	return db.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(&rows, 500).Error
}
