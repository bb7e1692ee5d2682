package core

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
	"time"
)

// Role is an admin panel role.
type Role string

const (
	RoleSuperadmin Role = "superadmin" // users, tokens, settings, and all of hr
	RoleHR         Role = "hr"         // everything about data and rounds
	RoleUnit       Role = "unit"       // a unit head: own unit tree, comments only
	RoleAuditor    Role = "auditor"    // read-only, including the audit log
)

// Roles lists every role.
var Roles = []Role{RoleSuperadmin, RoleHR, RoleUnit, RoleAuditor}

// ParseRole returns the role named s.
func ParseRole(s string) (Role, bool) {
	for _, r := range Roles {
		if string(r) == strings.ToLower(strings.TrimSpace(s)) {
			return r, true
		}
	}
	return "", false
}

// AdminUser is a person who uses the panel.
type AdminUser struct {
	ID                 int64
	Email              string
	Name               string
	PasswordHash       string
	Role               Role
	UnitID             *int64 // for RoleUnit: the root of the unit tree they see
	FailedLogins       int
	LockedUntil        *time.Time
	LastLoginAt        *time.Time
	MustChangePassword bool
	Disabled           bool
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Validate checks the user's own fields.
func (u *AdminUser) Validate() error {
	v := &ValidationError{}
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	at := strings.LastIndexByte(u.Email, '@')
	if u.Email == "" {
		v.Add("email", "err.required")
	} else if at < 1 || at == len(u.Email)-1 || strings.ContainsAny(u.Email, " <>\"") || len(u.Email) > 190 {
		v.Add("email", "err.email", u.Email)
	}
	if _, ok := ParseRole(string(u.Role)); !ok {
		v.Add("peran", "err.role", string(u.Role))
	}
	if u.Role == RoleUnit && u.UnitID == nil {
		v.Add("unit", "err.unit_role_needs_unit")
	}
	checkLen(v, "nama", u.Name, 200)
	if u.PasswordHash == "" {
		v.Add("kata_sandi", "err.required")
	}
	return v.Err()
}

// APIToken is a bearer token for the JSON API, stored as a SHA-256 hash.
type APIToken struct {
	ID         int64
	Name       string
	Hash       string
	Prefix     string // the first characters, to recognise a token in lists
	Role       Role
	UnitID     *int64
	CreatedBy  Actor
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// LinkCode is a one-time code that links an employee's Telegram account,
// stored as a SHA-256 hash. It is single use and expires.
type LinkCode struct {
	ID         int64
	EmployeeID int64
	Hash       string
	ExpiresAt  time.Time
	UsedAt     *time.Time
	CreatedBy  Actor
	CreatedAt  time.Time
}

// LinkCodeTTL is how long a link code is valid.
const LinkCodeTTL = 72 * time.Hour

// Session is a logged-in panel session; ID is the hash of the cookie value.
type Session struct {
	ID        string
	UserID    int64
	CSRFToken string
	CreatedAt time.Time
	ExpiresAt time.Time
	IP        string
	UserAgent string
}

// NewSecret returns a random secret of n bytes as unpadded base32 (letters
// and digits only, safe in URLs, deep links and Telegram's start payload).
func NewSecret(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

// HashSecret returns the hex SHA-256 of a high-entropy secret (token, link
// code, session id). Passwords use bcrypt instead.
func HashSecret(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}
