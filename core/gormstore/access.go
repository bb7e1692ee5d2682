package gormstore

import (
	"context"
	"time"

	"github.com/seimbang/seimbang/core"
)

type adminUserRow struct {
	ID                 int64 `gorm:"primaryKey"`
	Email              string
	Name               string
	PasswordHash       string
	Role               string
	UnitID             *int64
	FailedLogins       int
	LockedUntil        *time.Time
	LastLoginAt        *time.Time
	MustChangePassword bool
	Disabled           bool
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

func (adminUserRow) TableName() string { return "admin_users" }

func toAdminUserRow(u *core.AdminUser) adminUserRow {
	return adminUserRow{ID: u.ID, Email: u.Email, Name: u.Name, PasswordHash: u.PasswordHash, Role: string(u.Role),
		UnitID: u.UnitID, FailedLogins: u.FailedLogins, LockedUntil: utc(u.LockedUntil), LastLoginAt: utc(u.LastLoginAt),
		MustChangePassword: u.MustChangePassword, Disabled: u.Disabled, CreatedAt: u.CreatedAt.UTC(), UpdatedAt: u.UpdatedAt.UTC()}
}

func (r adminUserRow) user() core.AdminUser {
	return core.AdminUser{ID: r.ID, Email: r.Email, Name: r.Name, PasswordHash: r.PasswordHash, Role: core.Role(r.Role),
		UnitID: r.UnitID, FailedLogins: r.FailedLogins, LockedUntil: r.LockedUntil, LastLoginAt: r.LastLoginAt,
		MustChangePassword: r.MustChangePassword, Disabled: r.Disabled, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// CreateAdminUser validates and stores u; a taken email is a *core.ConflictError.
func (s *Store) CreateAdminUser(ctx context.Context, u *core.AdminUser) error {
	if err := u.Validate(); err != nil {
		return err
	}
	u.CreatedAt, u.UpdatedAt = now(), now()
	r := toAdminUserRow(u)
	r.ID = 0
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return translate(err, "create admin user", u.Email)
	}
	u.ID = r.ID
	return nil
}

// UpdateAdminUser validates and stores every field of u.
func (s *Store) UpdateAdminUser(ctx context.Context, u *core.AdminUser) error {
	if err := u.Validate(); err != nil {
		return err
	}
	u.UpdatedAt = now()
	r := toAdminUserRow(u)
	res := s.db.WithContext(ctx).Model(&adminUserRow{}).Where("id = ?", u.ID).Select("*").Omit("id", "created_at").Updates(&r)
	if res.Error != nil {
		return translate(res.Error, "update admin user", u.Email)
	}
	if res.RowsAffected == 0 {
		return translate(errNoRows, "update admin user", "")
	}
	return nil
}

// AdminUser returns the user with id, or ErrNotFound.
func (s *Store) AdminUser(ctx context.Context, id int64) (core.AdminUser, error) {
	var r adminUserRow
	err := s.db.WithContext(ctx).Take(&r, "id = ?", id).Error
	return r.user(), translate(err, "admin user", "")
}

// AdminUserByEmail returns the user with email (any case), or ErrNotFound.
func (s *Store) AdminUserByEmail(ctx context.Context, email string) (core.AdminUser, error) {
	var r adminUserRow
	err := s.db.WithContext(ctx).Take(&r, "email = ?", normalizeEmail(email)).Error
	return r.user(), translate(err, "admin user by email", "")
}

func normalizeEmail(e string) string {
	u := core.AdminUser{Email: e}
	_ = u.Validate()
	return u.Email
}

// CountAdminUsers returns how many admin users exist.
func (s *Store) CountAdminUsers(ctx context.Context) (int, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&adminUserRow{}).Count(&n).Error
	return int(n), translate(err, "count admin users", "")
}

type apiTokenRow struct {
	ID         int64 `gorm:"primaryKey"`
	Name       string
	TokenHash  string
	Prefix     string
	Role       string
	UnitID     *int64
	CreatedBy  string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

func (apiTokenRow) TableName() string { return "api_tokens" }

// CreateAPIToken stores t, whose Hash must already be set.
func (s *Store) CreateAPIToken(ctx context.Context, t *core.APIToken) error {
	v := &core.ValidationError{}
	if t.Name == "" {
		v.Add("nama", "err.required")
	} else if len(t.Name) > 200 {
		v.Add("nama", "err.too_long", 200)
	}
	if _, ok := core.ParseRole(string(t.Role)); !ok {
		v.Add("peran", "err.role", string(t.Role))
	}
	if t.Role == core.RoleUnit && t.UnitID == nil {
		v.Add("unit", "err.unit_role_needs_unit")
	}
	if len(t.Hash) != 64 {
		v.Add("token", "err.required")
	}
	if err := v.Err(); err != nil {
		return err
	}
	t.CreatedAt = now()
	r := apiTokenRow{Name: t.Name, TokenHash: t.Hash, Prefix: t.Prefix, Role: string(t.Role), UnitID: t.UnitID,
		CreatedBy: string(t.CreatedBy), CreatedAt: t.CreatedAt}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return translate(err, "create api token", "")
	}
	t.ID = r.ID
	return nil
}

// APITokenByHash returns the unrevoked token with hash, or ErrNotFound.
func (s *Store) APITokenByHash(ctx context.Context, hash string) (core.APIToken, error) {
	var r apiTokenRow
	if err := s.db.WithContext(ctx).Take(&r, "token_hash = ? AND revoked_at IS NULL", hash).Error; err != nil {
		return core.APIToken{}, translate(err, "api token", "")
	}
	return core.APIToken{ID: r.ID, Name: r.Name, Hash: r.TokenHash, Prefix: r.Prefix, Role: core.Role(r.Role),
		UnitID: r.UnitID, CreatedBy: core.Actor(r.CreatedBy), CreatedAt: r.CreatedAt, LastUsedAt: r.LastUsedAt,
		RevokedAt: r.RevokedAt}, nil
}

type linkCodeRow struct {
	ID         int64 `gorm:"primaryKey"`
	EmployeeID int64
	CodeHash   string
	ExpiresAt  time.Time
	UsedAt     *time.Time
	CreatedBy  string
	CreatedAt  time.Time
}

func (linkCodeRow) TableName() string { return "link_codes" }

// CreateLinkCode stores c, whose Hash and ExpiresAt must be set.
func (s *Store) CreateLinkCode(ctx context.Context, c *core.LinkCode) error {
	if c.EmployeeID == 0 || len(c.Hash) != 64 || c.ExpiresAt.IsZero() {
		return core.Invalid("kode", "err.required")
	}
	c.CreatedAt = now()
	r := linkCodeRow{EmployeeID: c.EmployeeID, CodeHash: c.Hash, ExpiresAt: c.ExpiresAt.UTC(),
		CreatedBy: string(c.CreatedBy), CreatedAt: c.CreatedAt}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return translate(err, "create link code", "")
	}
	c.ID = r.ID
	return nil
}

// UseLinkCode marks the usable code with hash as used at now and returns
// it. A used, expired or unknown code gives ErrNotFound; of two callers
// racing for one code, exactly one succeeds.
func (s *Store) UseLinkCode(ctx context.Context, hash string, at time.Time) (core.LinkCode, error) {
	at = at.UTC()
	res := s.db.WithContext(ctx).Model(&linkCodeRow{}).
		Where("code_hash = ? AND used_at IS NULL AND expires_at > ?", hash, at).Update("used_at", at)
	if res.Error != nil {
		return core.LinkCode{}, translate(res.Error, "use link code", "")
	}
	if res.RowsAffected == 0 {
		return core.LinkCode{}, translate(errNoRows, "use link code", "")
	}
	var r linkCodeRow
	if err := s.db.WithContext(ctx).Take(&r, "code_hash = ?", hash).Error; err != nil {
		return core.LinkCode{}, translate(err, "use link code", "")
	}
	return core.LinkCode{ID: r.ID, EmployeeID: r.EmployeeID, Hash: r.CodeHash, ExpiresAt: r.ExpiresAt,
		UsedAt: r.UsedAt, CreatedBy: core.Actor(r.CreatedBy), CreatedAt: r.CreatedAt}, nil
}
