package gormstore

import (
	"context"

	"github.com/seimbang/seimbang/core"
)

type holidayRow struct {
	Day  date `gorm:"primaryKey;autoIncrement:false"`
	Name string
}

func (holidayRow) TableName() string { return "holidays" }

// SetHoliday records d as a public holiday named name (replacing its name
// when it exists).
func (s *Store) SetHoliday(ctx context.Context, d core.Date, name string) error {
	if d.IsZero() {
		return core.Invalid("tanggal", "err.required")
	}
	r := holidayRow{Day: date(d), Name: name}
	return translate(s.db.WithContext(ctx).Save(&r).Error, "set holiday", "")
}

// Holidays returns every recorded public holiday.
func (s *Store) Holidays(ctx context.Context) (map[core.Date]bool, error) {
	var rows []holidayRow
	if err := s.db.WithContext(ctx).Find(&rows).Error; err != nil {
		return nil, translate(err, "holidays", "")
	}
	out := make(map[core.Date]bool, len(rows))
	for _, r := range rows {
		out[core.Date(r.Day)] = true
	}
	return out, nil
}
