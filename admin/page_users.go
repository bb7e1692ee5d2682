package admin

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/password"
)

// userView is an admin user as the audit log records it: no password hash.
type userView struct {
	ID       int64     `json:"id"`
	Email    string    `json:"email"`
	Name     string    `json:"name"`
	Role     core.Role `json:"role"`
	UnitID   *int64    `json:"unit_id,omitempty"`
	Disabled bool      `json:"disabled"`
	Locked   bool      `json:"locked"`
	// MustChangePassword shows a password reset in the audit log.
	MustChangePassword bool `json:"must_change_password"`
}

func viewUser(u core.AdminUser) userView {
	return userView{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, UnitID: u.UnitID, Disabled: u.Disabled,
		Locked: u.LockedUntil != nil, MustChangePassword: u.MustChangePassword}
}

// userList shows every admin user.
func (s *Server) userList(c *gin.Context) {
	users, err := s.deps.Store.AdminUsers(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	type row struct {
		core.AdminUser
		Unit   string
		Locked bool
	}
	now := s.deps.Clock.Now()
	var rows []row
	for _, u := range users {
		rows = append(rows, row{u, names.unit(u.UnitID), u.LockedUntil != nil && now.Before(*u.LockedUntil)})
	}
	s.render(c, http.StatusOK, "users", rows)
}

var userFields = []string{"email", "nama", "peran", "unit", "nonaktif", "buka_kunci", "atur_ulang_sandi", "alasan"}

func (s *Server) userFormPage(c *gin.Context, status int, id int64, f *form) {
	units, err := s.deps.Store.Units(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, status, "user_form", struct {
		*form
		ID    int64
		Units []core.Unit
		Roles []core.Role
	}{f, id, units, core.Roles})
}

func (s *Server) userNew(c *gin.Context) {
	f := newForm()
	f.Values["peran"] = string(core.RoleHR)
	s.userFormPage(c, http.StatusOK, 0, f)
}

func (s *Server) adminUser(c *gin.Context) (core.AdminUser, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return core.AdminUser{}, err
	}
	return s.deps.Store.AdminUser(c.Request.Context(), id)
}

func (s *Server) userEdit(c *gin.Context) {
	u, err := s.adminUser(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	f := newForm()
	f.Values = map[string]string{"email": u.Email, "nama": u.Name, "peran": string(u.Role)}
	if u.UnitID != nil {
		f.Values["unit"] = itoa(*u.UnitID)
	}
	if u.Disabled {
		f.Values["nonaktif"] = "1"
	}
	s.userFormPage(c, http.StatusOK, u.ID, f)
}

func (s *Server) userCreate(c *gin.Context) { s.userSubmit(c, core.AdminUser{}) }

func (s *Server) userUpdate(c *gin.Context) {
	u, err := s.adminUser(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.userSubmit(c, u)
}

// userSubmit creates or edits an admin user from the panel's form.
func (s *Server) userSubmit(c *gin.Context, u core.AdminUser) {
	f := formFrom(c, userFields...)
	v := f.Values
	before := u
	u.Email, u.Name, u.Role, u.Disabled = v["email"], v["nama"], core.Role(v["peran"]), v["nonaktif"] == "1"
	u.UnitID = nil
	if id, err := strconv.ParseInt(v["unit"], 10, 64); err == nil && id > 0 {
		u.UnitID = &id
	}
	if v["buka_kunci"] == "1" {
		u.LockedUntil, u.FailedLogins = nil, 0
	}
	newPassword, err := s.saveUser(c.Request.Context(), caller(c), before, &u, v["atur_ulang_sandi"] == "1", v["alasan"])
	if err != nil {
		if _, ok := core.AsValidation(err); !ok && !errors.Is(err, core.ErrConflict) {
			s.fail(c, err)
			return
		}
		f.setError(c, s, err, "")
		s.userFormPage(c, http.StatusUnprocessableEntity, u.ID, f)
		return
	}
	if newPassword == "" {
		c.Redirect(http.StatusSeeOther, "/users?flash=admin.flash.saved")
		return
	}
	s.render(c, http.StatusOK, "user_password", struct {
		Email, Password string
	}{u.Email, newPassword})
}

// saveUser creates u (when u.ID is 0) or stores it as the edit of before,
// in one transaction with its audit entry. A new user, or one whose
// password is reset, gets a generated password that is returned once and
// must be changed at the next login; the user's sessions end when they are
// disabled or their password is reset. It returns a validation error when
// superadmins would disable or demote themselves, and a conflict when the
// email is taken.
func (s *Server) saveUser(ctx context.Context, w *who, before core.AdminUser, u *core.AdminUser, resetPassword bool, reason string) (string, error) {
	if w.User != nil && u.ID != 0 && u.ID == w.User.ID && (u.Disabled || u.Role != core.RoleSuperadmin) {
		return "", core.Invalid("peran", "admin.users.not_self")
	}
	var newPassword string
	if u.ID == 0 || resetPassword {
		newPassword = password.Generate()
		hash, err := password.Hash(newPassword)
		if err != nil {
			return "", err
		}
		u.PasswordHash, u.MustChangePassword = hash, true
	}
	err := s.inTx(ctx, func(tx Store) error {
		if u.ID == 0 {
			if err := tx.CreateAdminUser(ctx, u); err != nil {
				return err
			}
			return s.audit(ctx, tx, w, "admin_user.create", "admin_user", itoa(u.ID), nil, viewUser(*u), reason)
		}
		if err := tx.UpdateAdminUser(ctx, u); err != nil {
			return err
		}
		action := "admin_user.update"
		if resetPassword {
			action = "admin_user.reset_password"
		}
		return s.audit(ctx, tx, w, action, "admin_user", itoa(u.ID), viewUser(before), viewUser(*u), reason)
	})
	if err != nil {
		return "", err
	}
	s.users.drop()
	if u.Disabled || newPassword != "" {
		_ = s.deps.Sessions.DeleteUserSessions(ctx, u.ID)
	}
	return newPassword, nil
}

// userJSON is an admin user in the JSON API; the password hash never
// leaves the server.
type userJSON struct {
	ID                 int64      `json:"id"`
	Email              string     `json:"email"`
	Name               string     `json:"name"`
	Role               core.Role  `json:"role"`
	UnitCode           string     `json:"unit_code,omitempty"`
	Active             bool       `json:"active"`
	Locked             bool       `json:"locked"`
	MustChangePassword bool       `json:"must_change_password"`
	LastLoginAt        *time.Time `json:"last_login_at,omitempty"`
	CreatedAt          time.Time  `json:"created_at"`
}

func (s *Server) userOut(u core.AdminUser, n nameIndex) userJSON {
	j := userJSON{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Active: !u.Disabled,
		Locked: u.LockedUntil != nil && s.deps.Clock.Now().Before(*u.LockedUntil), MustChangePassword: u.MustChangePassword,
		LastLoginAt: u.LastLoginAt, CreatedAt: u.CreatedAt}
	if u.UnitID != nil {
		j.UnitCode = n.unitByID[*u.UnitID].Code
	}
	return j
}

// userInput is the body of POST and PATCH /api/v1/users: a PATCH changes
// only the fields it names; "unit_code": "" removes the unit.
type userInput struct {
	Email    *string `json:"email"`
	Name     *string `json:"name"`
	Role     *string `json:"role"`
	UnitCode *string `json:"unit_code"`
	Active   *bool   `json:"active"`
	Unlock   bool    `json:"unlock"`
	Reason   string  `json:"reason"`
}

// apply copies the named fields onto u, resolving the unit code.
func (in userInput) apply(c *gin.Context, s *Server, u *core.AdminUser) error {
	if in.Email != nil {
		u.Email = *in.Email
	}
	if in.Name != nil {
		u.Name = strings.TrimSpace(*in.Name)
	}
	if in.Role != nil {
		u.Role = core.Role(*in.Role)
	}
	if in.Active != nil {
		u.Disabled = !*in.Active
	}
	if in.Unlock {
		u.LockedUntil, u.FailedLogins = nil, 0
	}
	if in.UnitCode != nil {
		u.UnitID = nil
		if *in.UnitCode != "" {
			unit, err := s.unitByCode(c, *in.UnitCode, "unit_code")
			if err != nil {
				return err
			}
			u.UnitID = &unit.ID
		}
	}
	return nil
}

// userFieldNames maps the user form's field names to the API's.
var userFieldNames = map[string]string{"nama": "name", "peran": "role", "unit": "unit_code", "kata_sandi": "password"}

// answerUser sends u, and its generated password when there is one.
func (s *Server) answerUser(c *gin.Context, status int, u core.AdminUser, newPassword string) {
	names, err := s.names(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	if newPassword == "" {
		c.JSON(status, s.userOut(u, names))
		return
	}
	c.JSON(status, gin.H{"user": s.userOut(u, names), "password": newPassword})
}

// apiUsers lists every admin user.
func (s *Server) apiUsers(c *gin.Context) {
	users, err := s.deps.Store.AdminUsers(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]userJSON, len(users))
	for i, u := range users {
		out[i] = s.userOut(u, names)
	}
	c.JSON(http.StatusOK, gin.H{"users": out})
}

// apiUserCreate creates an admin user and answers with a temporary
// password, shown once, that must be changed at the first login.
func (s *Server) apiUserCreate(c *gin.Context) {
	var in userInput
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	var u core.AdminUser
	if err := in.apply(c, s, &u); err != nil {
		s.fail(c, err)
		return
	}
	newPassword, err := s.saveUser(c.Request.Context(), caller(c), core.AdminUser{}, &u, false, in.Reason)
	if err != nil {
		s.fail(c, apiFields(err, userFieldNames))
		return
	}
	s.answerUser(c, http.StatusCreated, u, newPassword)
}

// apiUserUpdate changes an admin user's email, name, role, unit or active
// flag, or unlocks the account.
func (s *Server) apiUserUpdate(c *gin.Context) {
	u, err := s.adminUser(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var in userInput
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	before := u
	if err := in.apply(c, s, &u); err != nil {
		s.fail(c, err)
		return
	}
	if _, err := s.saveUser(c.Request.Context(), caller(c), before, &u, false, in.Reason); err != nil {
		s.fail(c, apiFields(err, userFieldNames))
		return
	}
	s.answerUser(c, http.StatusOK, u, "")
}

// apiUserResetPassword gives an admin user a new temporary password, shown
// once; their sessions end and they must change it at the next login.
func (s *Server) apiUserResetPassword(c *gin.Context) {
	u, err := s.adminUser(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if err := bindOptional(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	newPassword, err := s.saveUser(c.Request.Context(), caller(c), u, &u, true, in.Reason)
	if err != nil {
		s.fail(c, apiFields(err, userFieldNames))
		return
	}
	s.answerUser(c, http.StatusOK, u, newPassword)
}
