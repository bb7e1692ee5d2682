package gormstore

import (
	"context"

	"github.com/seimbang/seimbang/core"
)

// ActiveEmployees returns every active employee in one query, ordered by id.
func (s *Store) ActiveEmployees(ctx context.Context) ([]core.Employee, error) {
	var rows []employeeRow
	if err := s.db.WithContext(ctx).Where("active = ?", true).Order("id").Find(&rows).Error; err != nil {
		return nil, translate(err, "active employees", "")
	}
	out := make([]core.Employee, len(rows))
	for i, r := range rows {
		out[i] = r.employee()
	}
	return out, nil
}

// Preferences returns every employee's preference.
func (s *Store) Preferences(ctx context.Context) ([]core.Preference, error) {
	var rows []preferenceRow
	if err := s.db.WithContext(ctx).Order("employee_id").Find(&rows).Error; err != nil {
		return nil, translate(err, "preferences", "")
	}
	out := make([]core.Preference, len(rows))
	for i, r := range rows {
		out[i] = r.preference()
	}
	return out, nil
}
