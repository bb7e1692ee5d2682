package scheduler

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/schedule"
)

// scheduleWaves creates the round's waves on first need (from the policy,
// with the template chosen for the round, else the default one) and one invitation per wave for transfer t.
func (s *Scheduler) scheduleWaves(ctx context.Context, st Store, t core.Transfer, effective core.Date, loc *time.Location) error {
	waves, err := st.SurveyWaves(ctx, t.RoundID)
	if err != nil {
		return err
	}
	if len(waves) == 0 && len(s.policy.Waves) > 0 {
		tplID, err := st.RoundSurveyTemplate(ctx, t.RoundID)
		if err != nil {
			return err
		}
		if tplID == 0 {
			tpl, err := DefaultTemplate(ctx, st)
			if err != nil {
				return err
			}
			tplID = tpl.ID
		}
		for i, after := range s.policy.Waves {
			w := core.SurveyWave{RoundID: t.RoundID, TemplateID: tplID, Seq: i + 1, After: after}
			if err := st.CreateSurveyWave(ctx, &w); err != nil && !errors.Is(err, core.ErrConflict) {
				return err
			}
		}
		if waves, err = st.SurveyWaves(ctx, t.RoundID); err != nil {
			return err
		}
	}
	for _, w := range waves {
		inv := core.SurveyInvitation{WaveID: w.ID, TransferID: t.ID, EmployeeID: t.EmployeeID,
			DueAt: s.policy.Calendar.NextOpen(effective.In(loc).Add(w.After), loc)}
		if _, err := st.CreateSurveyInvitation(ctx, &inv); err != nil {
			return err
		}
	}
	return nil
}

// advance decides what is due for each invitation of a claimed page at
// now: an invitation, a reminder, an expiry, or waiting until the next
// working hour in the employee's zone. It returns the invitations' new
// schedule state and the messages to enqueue with it.
func (s *Scheduler) advance(due []core.DueInvitation, now time.Time, rep *Report) ([]core.SurveyInvitation, []core.OutboxMessage, error) {
	invs := make([]core.SurveyInvitation, 0, len(due))
	var msgs []core.OutboxMessage
	for _, d := range due {
		loc := d.Zone.Location()
		inv := d.Invitation
		act, when := s.policy.Next(schedule.Invitation{Status: inv.Status, DueAt: inv.DueAt, InvitedAt: inv.InvitedAt,
			RemindersSent: inv.RemindersSent, LastSentAt: inv.LastSentAt}, now, loc)
		reminder := -1
		switch act {
		case schedule.Wait:
			inv.NextActionAt = &when
		case schedule.Invite:
			exp := now.Add(s.policy.ExpireAfter)
			inv.Status, inv.InvitedAt, inv.LastSentAt, inv.ExpiresAt = core.InvitationInvited, &now, &now, &exp
			reminder = 0
			rep.Invited++
			if !d.Employee.Linked() {
				rep.Unreachable++
			}
		case schedule.Remind:
			inv.RemindersSent++
			inv.LastSentAt = &now
			reminder = inv.RemindersSent
			rep.Reminded++
		case schedule.Expire, schedule.Done:
			if inv.Status != core.InvitationAnswered {
				inv.Status = core.InvitationExpired
				rep.Expired++
			}
			inv.NextActionAt = nil
		}
		if reminder >= 0 {
			m, err := core.SurveyInvitationMessage(d.Employee, inv, reminder)
			if err != nil {
				return nil, nil, err
			}
			msgs = append(msgs, m)
			_, next := s.policy.Next(schedule.Invitation{Status: inv.Status, InvitedAt: inv.InvitedAt,
				RemindersSent: inv.RemindersSent, LastSentAt: inv.LastSentAt}, now, loc)
			inv.NextActionAt = &next
		}
		invs = append(invs, inv)
	}
	return invs, msgs, nil
}

// RemindNow sends the one reminder HR may send by hand to an invited
// employee who has not answered, whatever the schedule says; it counts
// towards the reminders sent, and is audited. It returns a
// *core.ConflictError (ErrConflict) when the invitation was already
// reminded by hand, was answered, has expired or was not sent yet, and
// ErrNotFound when it does not exist.
func (s *Scheduler) RemindNow(ctx context.Context, invitationID int64, by core.Actor) error {
	now := s.clock.Now()
	return s.store.InTx(ctx, func(tx core.Store) error {
		st, err := txStore(tx)
		if err != nil {
			return err
		}
		inv, err := st.SurveyInvitation(ctx, invitationID)
		if err != nil {
			return err
		}
		expired := inv.Status == core.InvitationExpired || (inv.ExpiresAt != nil && !now.Before(*inv.ExpiresAt))
		switch {
		case inv.Status == core.InvitationAnswered:
			return remindRefused(inv, "eval.err.answered")
		case expired:
			return remindRefused(inv, "eval.err.expired")
		case inv.Status != core.InvitationInvited:
			return remindRefused(inv, "eval.err.not_sent")
		}
		if err := st.MarkManualReminder(ctx, inv.ID, by, now); err != nil {
			return err
		}
		inv.RemindersSent++
		inv.LastSentAt = &now
		if err := core.EnqueueSurveyInvitation(ctx, st, inv, inv.RemindersSent); err != nil {
			return err
		}
		if err := st.AppendAudit(ctx, &core.AuditEntry{At: now, Actor: by, Action: "survey.remind",
			ObjectType: "survey_invitation", ObjectID: fmt.Sprint(inv.ID),
			Before: fmt.Sprintf(`{"reminders_sent":%d}`, inv.RemindersSent-1),
			After:  fmt.Sprintf(`{"reminders_sent":%d,"manual":true}`, inv.RemindersSent)}); err != nil {
			return err
		}
		if err := st.SaveSurveyInvitation(ctx, &inv, ""); err != nil {
			if errors.Is(err, core.ErrInvalidState) { // answered meanwhile
				return remindRefused(inv, "eval.err.answered")
			}
			return err
		}
		return nil
	})
}

func remindRefused(inv core.SurveyInvitation, key string) error {
	return fmt.Errorf("remind invitation %d in status %s: %w", inv.ID, inv.Status, &core.ConflictError{Field: "invitation", Key: key})
}

// DefaultTemplate returns the default survey template, creating the
// standard Indonesian post-transfer questionnaire
// (core.StandardSurveyTemplate) when there is none.
func DefaultTemplate(ctx context.Context, st Store) (core.SurveyTemplate, error) {
	tpl, err := st.DefaultSurveyTemplate(ctx)
	if err == nil || !errors.Is(err, core.ErrNotFound) {
		return tpl, err
	}
	tpl = core.StandardSurveyTemplate()
	if err := st.CreateSurveyTemplate(ctx, &tpl); err != nil {
		return core.SurveyTemplate{}, err
	}
	return tpl, nil
}
