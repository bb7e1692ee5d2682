package schedule

import (
	"time"

	"github.com/seimbang/seimbang/core"
)

// Policy is how surveys are timed (SEIMBANG_SURVEY_* settings).
type Policy struct {
	Waves        []time.Duration // after the effective date, e.g. 720h and 2160h
	RemindEvery  time.Duration
	MaxReminders int
	ExpireAfter  time.Duration // counted from the invitation
	Calendar     Calendar
}

// WaveDue returns when wave (0-based) of a transfer is due: midnight at
// the start of the effective date in the target unit's zone plus the
// wave's offset, moved to the calendar's next opening.
func (p Policy) WaveDue(effective core.Date, wave int, loc *time.Location) time.Time {
	return p.Calendar.NextOpen(effective.In(loc).Add(p.Waves[wave]), loc)
}

// Action is what the scheduler does next for one invitation.
type Action int

const (
	Wait   Action = iota // nothing is due before At
	Invite               // send the invitation now
	Remind               // send a reminder now
	Expire               // close the invitation unanswered now
	Done                 // answered or expired: nothing more, ever
)

func (a Action) String() string {
	return [...]string{"wait", "invite", "remind", "expire", "done"}[a]
}

// Invitation is the scheduling state of one employee's survey in a wave.
type Invitation struct {
	Status        core.InvitationStatus
	DueAt         time.Time  // when the invitation may go out
	InvitedAt     *time.Time // when it went out
	RemindersSent int
	LastSentAt    *time.Time // the invitation's or the last reminder's time
}

// Next returns what to do with inv at now for a recipient in loc, and,
// for Wait, when to look again. An answered or expired invitation is Done.
// Reminders go out RemindEvery after the previous message, at the
// calendar's next opening, at most MaxReminders times, and never after the
// invitation expires; a reminder that came due while the process was down
// goes out at the next opening.
func (p Policy) Next(inv Invitation, now time.Time, loc *time.Location) (Action, time.Time) {
	switch inv.Status {
	case core.InvitationAnswered, core.InvitationExpired:
		return Done, time.Time{}
	}
	if inv.InvitedAt == nil {
		at := p.Calendar.NextOpen(inv.DueAt, loc)
		if now.Before(at) {
			return Wait, at
		}
		if !p.Calendar.Open(now, loc) {
			return Wait, p.Calendar.NextOpen(now, loc)
		}
		return Invite, now
	}
	expires := inv.InvitedAt.Add(p.ExpireAfter)
	if !now.Before(expires) {
		return Expire, now
	}
	if inv.RemindersSent >= p.MaxReminders {
		return Wait, expires
	}
	last := *inv.InvitedAt
	if inv.LastSentAt != nil {
		last = *inv.LastSentAt
	}
	at := p.Calendar.NextOpen(last.Add(p.RemindEvery), loc)
	if !now.Before(at) && !p.Calendar.Open(now, loc) {
		at = p.Calendar.NextOpen(now, loc)
	}
	if !at.Before(expires) {
		return Wait, expires
	}
	if now.Before(at) {
		return Wait, at
	}
	return Remind, now
}
