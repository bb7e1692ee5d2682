// Package schedule decides when the scheduler may contact an employee:
// survey waves after a transfer's effective date, reminders at a fixed
// interval, and only inside working hours on working days in the
// employee's own time zone (WIB, WITA, WIT), skipping public holidays.
// It is pure: callers pass the time in, tests move it.
package schedule

import (
	"time"

	"github.com/seimbang/seimbang/core"
)

// Calendar is when messages may be sent: working days (Monday to Friday
// minus Holidays) between Start and End in the recipient's zone. A zero
// Start and End means any time of any day.
type Calendar struct {
	Start, End time.Duration // since local midnight, End exclusive
	Holidays   map[core.Date]bool
}

// AnyTime reports whether the calendar allows every moment.
func (c Calendar) AnyTime() bool { return c.Start == 0 && c.End == 0 }

// WorkingDay reports whether d is a working day.
func (c Calendar) WorkingDay(d core.Date) bool {
	switch d.In(time.UTC).Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	return !c.Holidays[d]
}

// Open reports whether t is inside the calendar's hours in loc.
func (c Calendar) Open(t time.Time, loc *time.Location) bool {
	if c.AnyTime() {
		return true
	}
	lt := t.In(loc)
	d := core.DateOf(lt)
	since := lt.Sub(d.In(loc))
	return c.WorkingDay(d) && since >= c.Start && since < c.End
}

// NextOpen returns t when the calendar is open at t in loc, and otherwise
// the next moment it opens. It returns t unchanged for AnyTime.
func (c Calendar) NextOpen(t time.Time, loc *time.Location) time.Time {
	if c.Open(t, loc) {
		return t
	}
	lt := t.In(loc)
	d := core.DateOf(lt)
	if lt.Sub(d.In(loc)) < c.Start && c.WorkingDay(d) {
		return d.In(loc).Add(c.Start)
	}
	// Holidays and weekends never span more than a few weeks; a year bounds
	// the search even for a calendar full of holidays.
	for i := 1; i <= 366; i++ {
		next := d.AddDate(0, 0, i)
		if c.WorkingDay(next) {
			return next.In(loc).Add(c.Start)
		}
	}
	return t
}
