package admin

import (
	"errors"
	"net/http"
	"strconv"

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
}

func viewUser(u core.AdminUser) userView {
	return userView{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, UnitID: u.UnitID, Disabled: u.Disabled,
		Locked: u.LockedUntil != nil}
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

// userSubmit creates or edits an admin user. A new user, or one whose
// password is reset, gets a generated password shown once and must
// change it at the next login.
func (s *Server) userSubmit(c *gin.Context, u core.AdminUser) {
	ctx := c.Request.Context()
	w := caller(c)
	f := formFrom(c, userFields...)
	v := f.Values
	before := viewUser(u)
	u.Email, u.Name, u.Role, u.Disabled = v["email"], v["nama"], core.Role(v["peran"]), v["nonaktif"] == "1"
	u.UnitID = nil
	if id, err := strconv.ParseInt(v["unit"], 10, 64); err == nil && id > 0 {
		u.UnitID = &id
	}
	if u.ID == w.User.ID && (u.Disabled || u.Role != core.RoleSuperadmin) {
		f.Errors["peran"] = s.t(c, "admin.users.not_self")
		s.userFormPage(c, http.StatusUnprocessableEntity, u.ID, f)
		return
	}
	if v["buka_kunci"] == "1" {
		u.LockedUntil, u.FailedLogins = nil, 0
	}
	var newPassword string
	if u.ID == 0 || v["atur_ulang_sandi"] == "1" {
		newPassword = password.Generate()
		hash, err := password.Hash(newPassword)
		if err != nil {
			s.fail(c, err)
			return
		}
		u.PasswordHash, u.MustChangePassword = hash, true
	}
	err := s.inTx(ctx, func(tx Store) error {
		if u.ID == 0 {
			if err := tx.CreateAdminUser(ctx, &u); err != nil {
				return err
			}
			return s.audit(ctx, tx, w, "admin_user.create", "admin_user", itoa(u.ID), nil, viewUser(u), v["alasan"])
		}
		if err := tx.UpdateAdminUser(ctx, &u); err != nil {
			return err
		}
		after := viewUser(u)
		return s.audit(ctx, tx, w, "admin_user.update", "admin_user", itoa(u.ID), before, after, v["alasan"])
	})
	if err != nil {
		if _, ok := core.AsValidation(err); !ok && !errors.Is(err, core.ErrConflict) {
			s.fail(c, err)
			return
		}
		f.setError(c, s, err, "")
		s.userFormPage(c, http.StatusUnprocessableEntity, u.ID, f)
		return
	}
	s.users.drop()
	if u.Disabled || newPassword != "" {
		_ = s.deps.Sessions.DeleteUserSessions(ctx, u.ID)
	}
	if newPassword == "" {
		c.Redirect(http.StatusSeeOther, "/users?flash=admin.flash.saved")
		return
	}
	s.render(c, http.StatusOK, "user_password", struct {
		Email, Password string
	}{u.Email, newPassword})
}
