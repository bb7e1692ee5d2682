package gormstore

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

// This file holds the queries the admin panel needs beyond core.Store. The
// panel declares them in its own interface (admin.Store).

// EmployeesIn is Employees restricted to the units in unitIDs; a nil
// unitIDs means every unit, an empty non-nil one means none. f.UnitID, when
// set, narrows further.
func (s *Store) EmployeesIn(ctx context.Context, f core.EmployeeFilter, unitIDs []int64) ([]core.Employee, int, error) {
	page, err := s.EmployeesPage(ctx, f, unitIDs)
	if err != nil {
		return nil, 0, err
	}
	// A first page that is not full holds every match: no count needed,
	// which saves a second scan for most searches.
	if f.Offset <= 0 && len(page) < pageLimit(f) {
		return page, len(page), nil
	}
	total, err := s.CountEmployeesIn(ctx, f, unitIDs)
	return page, total, err
}

func pageLimit(f core.EmployeeFilter) int {
	if f.Limit <= 0 {
		return 50
	}
	return min(f.Limit, 500)
}

// employeeQuery applies f's selection (not its order or page) and the
// unit restriction; ok is false when the restriction selects nothing.
func (s *Store) employeeQuery(ctx context.Context, f core.EmployeeFilter, unitIDs []int64) (*gorm.DB, bool) {
	q := s.db.WithContext(ctx).Model(&employeeRow{})
	if unitIDs != nil && len(unitIDs) == 0 {
		return q, false
	}
	// Digits search the NIP by prefix (a range of the unique index); any
	// other text searches names, which the name index answers alone.
	if t := strings.TrimSpace(f.Query); t != "" {
		esc := likeEscape(t)
		if strings.Trim(t, "0123456789") == "" {
			q = q.Where("nip LIKE ? ESCAPE '!'", esc+"%")
		} else {
			q = q.Where("name LIKE ? ESCAPE '!'", "%"+esc+"%")
		}
	}
	if f.UnitID != 0 {
		q = q.Where("unit_id = ?", f.UnitID)
	}
	if unitIDs != nil {
		q = q.Where("unit_id IN ?", unitIDs)
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	return q, true
}

// CountEmployeesIn returns how many employees EmployeesIn selects in all.
func (s *Store) CountEmployeesIn(ctx context.Context, f core.EmployeeFilter, unitIDs []int64) (int, error) {
	q, ok := s.employeeQuery(ctx, f, unitIDs)
	if !ok {
		return 0, nil
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return 0, translate(err, "count employees", "")
	}
	return int(n), nil
}

// EmployeesPage returns one page of what EmployeesIn selects, without
// counting. One query: a derived table picks the page's ids from an index
// (a deep page skips index entries, not whole rows) and only those rows
// are read.
func (s *Store) EmployeesPage(ctx context.Context, f core.EmployeeFilter, unitIDs []int64) ([]core.Employee, error) {
	q, ok := s.employeeQuery(ctx, f, unitIDs)
	if !ok {
		return nil, nil
	}
	order, known := employeeSorts[f.Sort]
	if !known {
		order = employeeSorts[""]
	}
	ids := q.Select("id").Order(order[0]).Limit(pageLimit(f)).Offset(max(f.Offset, 0))
	var rows []employeeRow
	err := s.db.WithContext(ctx).Table("employees AS e").Select("e.*").Joins("JOIN (?) AS k ON k.id = e.id", ids).
		Order(order[1]).Find(&rows).Error
	if err != nil {
		return nil, translate(err, "employees", "")
	}
	out := make([]core.Employee, len(rows))
	for i, r := range rows {
		out[i] = r.employee()
	}
	return out, nil
}

// StaffCounts returns how many active employees hold each position.
func (s *Store) StaffCounts(ctx context.Context) (map[int64]int, error) {
	var rows []struct {
		PositionID int64
		N          int
	}
	err := s.db.WithContext(ctx).Model(&employeeRow{}).Select("position_id, COUNT(*) AS n").
		Where("active = ? AND position_id IS NOT NULL", true).Group("position_id").Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "staff counts", "")
	}
	out := make(map[int64]int, len(rows))
	for _, r := range rows {
		out[r.PositionID] = r.N
	}
	return out, nil
}

// TelegramReach counts active employees without a linked Telegram account
// and linked ones marked unreachable.
func (s *Store) TelegramReach(ctx context.Context) (unlinked, unreachable int, err error) {
	var a, b int64
	db := s.db.WithContext(ctx).Model(&employeeRow{})
	if err := db.Where("active = ? AND telegram_user_id IS NULL", true).Count(&a).Error; err != nil {
		return 0, 0, translate(err, "count unlinked", "")
	}
	db = s.db.WithContext(ctx).Model(&employeeRow{})
	if err := db.Where("active = ? AND telegram_user_id IS NOT NULL AND unreachable_at IS NOT NULL", true).Count(&b).Error; err != nil {
		return 0, 0, translate(err, "count unreachable", "")
	}
	return int(a), int(b), nil
}

// AdminUsers returns every admin user ordered by email.
func (s *Store) AdminUsers(ctx context.Context) ([]core.AdminUser, error) {
	var rows []adminUserRow
	if err := s.db.WithContext(ctx).Order("email").Find(&rows).Error; err != nil {
		return nil, translate(err, "admin users", "")
	}
	out := make([]core.AdminUser, len(rows))
	for i, r := range rows {
		out[i] = r.user()
	}
	return out, nil
}

// APITokens returns every API token, revoked ones included, newest first.
func (s *Store) APITokens(ctx context.Context) ([]core.APIToken, error) {
	var rows []apiTokenRow
	if err := s.db.WithContext(ctx).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, translate(err, "api tokens", "")
	}
	out := make([]core.APIToken, len(rows))
	for i, r := range rows {
		out[i] = core.APIToken{ID: r.ID, Name: r.Name, Hash: r.TokenHash, Prefix: r.Prefix, Role: core.Role(r.Role),
			UnitID: r.UnitID, CreatedBy: core.Actor(r.CreatedBy), CreatedAt: r.CreatedAt, LastUsedAt: r.LastUsedAt,
			RevokedAt: r.RevokedAt}
	}
	return out, nil
}

// RevokeAPIToken marks the token revoked at at; ErrNotFound when there is
// no such unrevoked token.
func (s *Store) RevokeAPIToken(ctx context.Context, id int64, at time.Time) error {
	res := s.db.WithContext(ctx).Model(&apiTokenRow{}).Where("id = ? AND revoked_at IS NULL", id).Update("revoked_at", at.UTC())
	if res.Error != nil {
		return translate(res.Error, "revoke api token", "")
	}
	if res.RowsAffected == 0 {
		return translate(errNoRows, "revoke api token", "")
	}
	return nil
}

// TouchAPIToken records that the token was used at at.
func (s *Store) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	err := s.db.WithContext(ctx).Model(&apiTokenRow{}).Where("id = ?", id).Update("last_used_at", at.UTC()).Error
	return translate(err, "touch api token", "")
}

// EmployeesOfPosition returns the active employees holding the position,
// by name.
func (s *Store) EmployeesOfPosition(ctx context.Context, positionID int64) ([]core.Employee, error) {
	var rows []employeeRow
	err := s.db.WithContext(ctx).Where("position_id = ? AND active = ?", positionID, true).Order("name, id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "employees of position", "")
	}
	out := make([]core.Employee, len(rows))
	for i, r := range rows {
		out[i] = r.employee()
	}
	return out, nil
}
