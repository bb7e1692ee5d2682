package schedule

import (
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
)

var (
	wib  = core.WIB.Location()
	wita = core.WITA.Location()
	wit  = core.WIT.Location()
)

// Monday 23 November 2026 is a working day; 25 December 2026 (a Friday)
// is Christmas.
var christmas = core.Date{Year: 2026, Month: 12, Day: 25}

func office() Calendar {
	return Calendar{Start: 8 * time.Hour, End: 16 * time.Hour, Holidays: map[core.Date]bool{christmas: true}}
}

func at(loc *time.Location, y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, loc)
}

func TestNextOpen(t *testing.T) {
	c := office()
	tests := []struct {
		name string
		t    time.Time
		loc  *time.Location
		want time.Time
	}{
		{"inside hours stays", at(wib, 2026, 11, 23, 10, 0), wib, at(wib, 2026, 11, 23, 10, 0)},
		{"before opening waits for 08:00", at(wib, 2026, 11, 23, 6, 30), wib, at(wib, 2026, 11, 23, 8, 0)},
		{"16:00 is closed, next morning", at(wib, 2026, 11, 23, 16, 0), wib, at(wib, 2026, 11, 24, 8, 0)},
		{"15:59 is open", at(wib, 2026, 11, 23, 15, 59), wib, at(wib, 2026, 11, 23, 15, 59)},
		{"Friday evening to Monday", at(wita, 2026, 11, 27, 17, 0), wita, at(wita, 2026, 11, 30, 8, 0)},
		{"Saturday to Monday", at(wit, 2026, 11, 28, 9, 0), wit, at(wit, 2026, 11, 30, 8, 0)},
		{"Christmas Eve evening skips the holiday and the weekend", at(wib, 2026, 12, 24, 18, 0), wib, at(wib, 2026, 12, 28, 8, 0)},
		{"on the holiday itself", at(wita, 2026, 12, 25, 9, 0), wita, at(wita, 2026, 12, 28, 8, 0)},
		// 07:30 WIB is 09:30 WIT: open in Papua, closed in Java.
		{"same instant open in WIT", at(wib, 2026, 11, 23, 7, 30), wit, at(wib, 2026, 11, 23, 7, 30)},
		{"same instant closed in WIB", at(wib, 2026, 11, 23, 7, 30), wib, at(wib, 2026, 11, 23, 8, 0)},
		// 14:30 WIB is 16:30 WIT: closed in Papua until the next morning.
		{"afternoon in Java is evening in Papua", at(wib, 2026, 11, 23, 14, 30), wit, at(wit, 2026, 11, 24, 8, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.NextOpen(tt.t, tt.loc); !got.Equal(tt.want) {
				t.Errorf("NextOpen(%v) in %v = %v, want %v", tt.t, tt.loc, got.In(tt.loc), tt.want.In(tt.loc))
			}
		})
	}
	any := Calendar{}
	sunday := at(wib, 2026, 11, 29, 23, 0)
	if got := any.NextOpen(sunday, wib); !got.Equal(sunday) {
		t.Errorf("any-time calendar moved Sunday night to %v", got)
	}
}

func policy() Policy {
	return Policy{Waves: []time.Duration{30 * 24 * time.Hour, 90 * 24 * time.Hour}, RemindEvery: 72 * time.Hour,
		MaxReminders: 3, ExpireAfter: 14 * 24 * time.Hour, Calendar: office()}
}

func TestWaveDue(t *testing.T) {
	p := policy()
	eff := core.Date{Year: 2026, Month: 11, Day: 2} // a Monday
	// +30 days is Wednesday 2 December 00:00 WITA: sent at 08:00 WITA.
	if got, want := p.WaveDue(eff, 0, wita), at(wita, 2026, 12, 2, 8, 0); !got.Equal(want) {
		t.Errorf("wave 1 due %v, want %v", got.In(wita), want)
	}
	// +90 days is Saturday 31 January 2027: sent Monday 2 February.
	if got, want := p.WaveDue(eff, 1, wit), at(wit, 2027, 2, 1, 8, 0); !got.Equal(want) {
		t.Errorf("wave 2 due %v, want %v", got.In(wit), want)
	}
}

func ptr(t time.Time) *time.Time { return &t }

func TestNextAction(t *testing.T) {
	p := policy()
	invited := at(wib, 2026, 11, 23, 9, 0) // Monday 09:00 WIB
	tests := []struct {
		name     string
		inv      Invitation
		now      time.Time
		loc      *time.Location
		want     Action
		wantWhen time.Time
	}{
		{"not yet due", Invitation{Status: core.InvitationScheduled, DueAt: at(wib, 2026, 11, 24, 8, 0)},
			at(wib, 2026, 11, 23, 12, 0), wib, Wait, at(wib, 2026, 11, 24, 8, 0)},
		{"due now", Invitation{Status: core.InvitationScheduled, DueAt: at(wib, 2026, 11, 24, 8, 0)},
			at(wib, 2026, 11, 24, 8, 1), wib, Invite, at(wib, 2026, 11, 24, 8, 1)},
		{"came due overnight while down: waits for the opening", Invitation{Status: core.InvitationScheduled, DueAt: at(wib, 2026, 11, 24, 8, 0)},
			at(wib, 2026, 11, 24, 19, 0), wib, Wait, at(wib, 2026, 11, 25, 8, 0)},
		{"came due while down, back inside hours: sent at once", Invitation{Status: core.InvitationScheduled, DueAt: at(wib, 2026, 11, 24, 8, 0)},
			at(wib, 2026, 11, 26, 10, 0), wib, Invite, at(wib, 2026, 11, 26, 10, 0)},
		{"first reminder three days later", Invitation{Status: core.InvitationInvited, InvitedAt: ptr(invited)},
			at(wib, 2026, 11, 24, 9, 0), wib, Wait, at(wib, 2026, 11, 26, 9, 0)},
		{"first reminder due", Invitation{Status: core.InvitationInvited, InvitedAt: ptr(invited)},
			at(wib, 2026, 11, 26, 9, 0), wib, Remind, at(wib, 2026, 11, 26, 9, 0)},
		{"second reminder lands on Sunday: moved to Monday", Invitation{Status: core.InvitationInvited, InvitedAt: ptr(invited),
			RemindersSent: 1, LastSentAt: ptr(at(wib, 2026, 11, 26, 9, 0))},
			at(wib, 2026, 11, 28, 10, 0), wib, Wait, at(wib, 2026, 11, 30, 8, 0)},
		{"reminder missed while down in the evening: next opening", Invitation{Status: core.InvitationInvited, InvitedAt: ptr(invited)},
			at(wib, 2026, 11, 26, 20, 0), wib, Wait, at(wib, 2026, 11, 27, 8, 0)},
		{"no more after the maximum", Invitation{Status: core.InvitationInvited, InvitedAt: ptr(invited), RemindersSent: 3,
			LastSentAt: ptr(at(wib, 2026, 12, 2, 9, 0))},
			at(wib, 2026, 12, 5, 9, 0), wib, Wait, invited.Add(14 * 24 * time.Hour)},
		{"expires after 14 days", Invitation{Status: core.InvitationInvited, InvitedAt: ptr(invited), RemindersSent: 3},
			invited.Add(14 * 24 * time.Hour), wib, Expire, invited.Add(14 * 24 * time.Hour)},
		{"a reminder that would fall after expiry is not sent", Invitation{Status: core.InvitationInvited, InvitedAt: ptr(invited),
			RemindersSent: 2, LastSentAt: ptr(at(wib, 2026, 12, 4, 15, 0))},
			at(wib, 2026, 12, 5, 9, 0), wib, Wait, invited.Add(14 * 24 * time.Hour)},
		{"answered gets nothing more", Invitation{Status: core.InvitationAnswered, InvitedAt: ptr(invited)},
			at(wib, 2026, 11, 26, 9, 0), wib, Done, time.Time{}},
		{"expired gets nothing more", Invitation{Status: core.InvitationExpired, InvitedAt: ptr(invited)},
			at(wib, 2026, 11, 26, 9, 0), wib, Done, time.Time{}},
		{"reminder due in WIT evening waits for Papua's morning", Invitation{Status: core.InvitationInvited, InvitedAt: ptr(at(wit, 2026, 11, 23, 15, 0))},
			at(wit, 2026, 11, 26, 16, 30), wit, Wait, at(wit, 2026, 11, 27, 8, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, when := p.Next(tt.inv, tt.now, tt.loc)
			if got != tt.want || !when.Equal(tt.wantWhen) {
				t.Errorf("Next = %v at %v, want %v at %v", got, when.In(tt.loc), tt.want, tt.wantWhen.In(tt.loc))
			}
		})
	}
}

// TestRemindersOverAWave walks a clock through a whole wave the way the
// scheduler does and checks every message lands inside office hours on a
// working day, at most MaxReminders reminders, then expiry.
func TestRemindersOverAWave(t *testing.T) {
	p := policy()
	loc := wita
	inv := Invitation{Status: core.InvitationScheduled, DueAt: p.WaveDue(core.Date{Year: 2026, Month: 11, Day: 20}, 0, loc)}
	now := at(loc, 2026, 12, 1, 0, 0)
	var sent []time.Time
	expired := false
	for steps := 0; steps < 100 && !expired; steps++ {
		act, when := p.Next(inv, now, loc)
		switch act {
		case Wait:
			if !when.After(now) {
				t.Fatalf("Wait at %v until %v: not in the future", now, when)
			}
			now = when
		case Invite:
			inv.Status, inv.InvitedAt, inv.LastSentAt = core.InvitationInvited, ptr(now), ptr(now)
			sent = append(sent, now)
		case Remind:
			inv.RemindersSent++
			inv.LastSentAt = ptr(now)
			sent = append(sent, now)
		case Expire:
			inv.Status = core.InvitationExpired
			expired = true
		case Done:
			t.Fatal("Done before expiry")
		}
	}
	if !expired {
		t.Fatal("the wave never expired")
	}
	if len(sent) != 1+p.MaxReminders {
		t.Errorf("sent %d messages, want the invitation and %d reminders: %v", len(sent), p.MaxReminders, sent)
	}
	for _, s := range sent {
		if !p.Calendar.Open(s, loc) {
			t.Errorf("message sent at %v, outside office hours in WITA", s.In(loc))
		}
	}
}
