package core

import (
	"fmt"
	"time"
)

// Date is a calendar date without a time of day or zone, such as a birth
// date or the TMT of a position. The zero Date is "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateLayout is the ISO form used in imports, the API and storage.
const DateLayout = "2006-01-02"

// ParseDate parses YYYY-MM-DD and rejects impossible dates such as 2023-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("parse date %q: %w", s, err)
	}
	return DateOf(t), nil
}

// DateOf returns the date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// MakeDate returns the date y-m-d and whether it exists on the calendar.
func MakeDate(y int, m time.Month, d int) (Date, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || t.Month() != m || t.Day() != d {
		return Date{}, false
	}
	return Date{y, m, d}, true
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// In returns midnight at the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// String returns YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.In(time.UTC).Before(e.In(time.UTC)) }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return e.Before(d) }

// AddDate returns d moved by the given years, months and days, normalised
// like time.AddDate.
func (d Date) AddDate(years, months, days int) Date {
	return DateOf(d.In(time.UTC).AddDate(years, months, days))
}

// YearsUntil returns the whole years from d until e (an age, a tenure).
func (d Date) YearsUntil(e Date) int {
	y := e.Year - d.Year
	if e.Month < d.Month || (e.Month == d.Month && e.Day < d.Day) {
		y--
	}
	return y
}

// MarshalText encodes d as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText decodes YYYY-MM-DD; an empty text is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}
