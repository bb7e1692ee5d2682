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
	if unitIDs != nil && len(unitIDs) == 0 {
		return nil, 0, nil
	}
	q := s.db.WithContext(ctx).Model(&employeeRow{})
	if t := strings.TrimSpace(f.Query); t != "" {
		esc := likeEscape(t)
		q = q.Where("(nip LIKE ? ESCAPE '!' OR name LIKE ? ESCAPE '!')", esc+"%", "%"+esc+"%")
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
	order, ok := employeeSorts[f.Sort]
	if !ok {
		order = employeeSorts[""]
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 500)
	// Ids first, from the index alone, then the rows of the page: a deep
	// page then skips index entries, not whole rows.
	var ids []int64
	if err := q.Session(&gorm.Session{}).Order(order).Limit(limit).Offset(max(f.Offset, 0)).Pluck("id", &ids).Error; err != nil {
		return nil, 0, translate(err, "employees", "")
	}
	// A first page that is not full holds every match: no count needed,
	// which saves a second scan for most searches.
	total := int64(len(ids))
	if f.Offset > 0 || len(ids) == limit {
		if err := q.Count(&total).Error; err != nil {
			return nil, 0, translate(err, "count employees", "")
		}
	}
	if len(ids) == 0 {
		return nil, int(total), nil
	}
	var rows []employeeRow
	if err := s.db.WithContext(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, 0, translate(err, "employees", "")
	}
	byID := make(map[int64]employeeRow, len(rows))
	for _, r := range rows {
		byID[r.ID] = r
	}
	out := make([]core.Employee, 0, len(ids))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r.employee())
		}
	}
	return out, int(total), nil
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
