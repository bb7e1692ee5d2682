package core

import (
	"strconv"
	"strings"
	"time"
)

// RatingPeriodBounds returns the first and last day of a performance
// rating (SKP) period: a year ("2026") or a month ("2026-06"); ok is
// false for anything else.
func RatingPeriodBounds(p string) (first, last Date, ok bool) {
	p = strings.TrimSpace(p)
	y, m, hasMonth := strings.Cut(p, "-")
	year, err := strconv.Atoi(y)
	if err != nil || len(y) != 4 || year < 1900 {
		return first, last, false
	}
	if !hasMonth {
		return Date{Year: year, Month: 1, Day: 1}, Date{Year: year, Month: 12, Day: 31}, true
	}
	month, err := strconv.Atoi(m)
	if err != nil || len(m) != 2 || month < 1 || month > 12 {
		return first, last, false
	}
	end := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC)
	return Date{Year: year, Month: time.Month(month), Day: 1}, DateOf(end), true
}
