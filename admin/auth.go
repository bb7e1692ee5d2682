package admin

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/password"
)

// Login protection and session lifetimes.
const (
	sessionCookie = "seimbang_session"
	loginCookie   = "seimbang_login" // the CSRF token of the login form
	sessionIdle   = 8 * time.Hour    // a session unused this long ends
	// maxFailures failed logins in a row lock an account for lockFor.
	maxFailures = 5
	lockFor     = 15 * time.Minute
	// addressLimit failed logins from one address within addressWindow
	// refuse further attempts from it until the window ends.
	addressLimit  = 20
	addressWindow = 15 * time.Minute
	// slowdownStep delays the answer to each failed login, per failure
	// of the account so far, up to slowdownMax.
	slowdownStep = 250 * time.Millisecond
	slowdownMax  = 2 * time.Second
)

// currentSession returns the session named by the cookie and its user;
// ErrNotFound when there is none, it expired, or the user is disabled.
func (s *Server) currentSession(c *gin.Context) (core.Session, core.AdminUser, error) {
	raw, err := c.Cookie(sessionCookie)
	if err != nil || raw == "" {
		return core.Session{}, core.AdminUser{}, core.ErrNotFound
	}
	ctx := c.Request.Context()
	sess, err := s.deps.Sessions.Session(ctx, core.HashSecret(raw), sessionIdle)
	if err != nil {
		return core.Session{}, core.AdminUser{}, err
	}
	if !sess.ExpiresAt.IsZero() && s.deps.Clock.Now().After(sess.ExpiresAt) {
		return core.Session{}, core.AdminUser{}, core.ErrNotFound
	}
	u, err := s.users.get(ctx, s.deps.Store, s.deps.Clock.Now(), sess.UserID)
	if err != nil {
		return core.Session{}, core.AdminUser{}, err
	}
	if u.Disabled {
		return core.Session{}, core.AdminUser{}, core.ErrNotFound
	}
	return sess, u, nil
}

func (s *Server) setCookie(c *gin.Context, name, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		Secure: s.deps.SecureCookies || c.Request.TLS != nil, SameSite: http.SameSiteLaxMode})
}

type loginData struct {
	Email, Next, CSRF, Error string
}

// loginForm shows the login form with a fresh CSRF token in a cookie.
func (s *Server) loginForm(c *gin.Context) {
	if _, _, err := s.currentSession(c); err == nil {
		c.Redirect(http.StatusSeeOther, "/")
		return
	}
	tok := core.NewSecret(20)
	s.setCookie(c, loginCookie, tok, 3600)
	s.render(c, http.StatusOK, "login", loginData{Next: safeNext(c.Query("next")), CSRF: tok})
}

// login checks email and password. Failures slow down per account, lock
// the account after maxFailures in a row, and are counted per address;
// the answer never says whether the email exists. A successful login
// always starts a new session (no fixation) and replaces the old one.
func (s *Server) login(c *gin.Context) {
	ctx := c.Request.Context()
	now := s.deps.Clock.Now()
	email := strings.TrimSpace(c.PostForm("email"))
	data := loginData{Email: email, Next: safeNext(c.PostForm("next"))}
	again := func(status int, key string) {
		tok := core.NewSecret(20)
		s.setCookie(c, loginCookie, tok, 3600)
		data.CSRF, data.Error = tok, key
		s.render(c, status, "login", data)
	}
	pre, _ := c.Cookie(loginCookie)
	if pre == "" || subtle.ConstantTimeCompare([]byte(pre), []byte(c.PostForm("csrf"))) != 1 {
		again(http.StatusForbidden, "admin.err.csrf")
		return
	}
	addrKey := "login:addr:" + c.ClientIP()
	if n, err := s.deps.Sessions.Hits(ctx, addrKey); err != nil {
		s.fail(c, err)
		return
	} else if n >= addressLimit {
		s.deps.Log.WarnContext(ctx, "login refused for address", slog.String("addr", c.ClientIP()))
		again(http.StatusTooManyRequests, "admin.err.too_many")
		return
	}
	u, err := s.deps.Store.AdminUserByEmail(ctx, email)
	if err != nil && !errors.Is(err, core.ErrNotFound) {
		s.fail(c, err)
		return
	}
	found := err == nil
	if found && u.LockedUntil != nil && now.Before(*u.LockedUntil) {
		s.deps.Log.WarnContext(ctx, "login to locked account", slog.Int64("user_id", u.ID))
		s.deps.Sessions.Hit(ctx, addrKey, addressWindow)
		again(http.StatusTooManyRequests, "admin.login.locked")
		return
	}
	ok := found && !u.Disabled && password.Check(u.PasswordHash, c.PostForm("password"))
	if !found {
		password.Check(dummyHash, c.PostForm("password")) // same work whether or not the email exists
	}
	if !ok {
		s.deps.Sessions.Hit(ctx, addrKey, addressWindow)
		delay, locking := slowdownStep, false
		if found {
			u.FailedLogins++
			delay = min(time.Duration(u.FailedLogins)*slowdownStep, slowdownMax)
			if u.FailedLogins >= maxFailures {
				until := now.Add(lockFor)
				u.LockedUntil, u.FailedLogins, locking = &until, 0, true
			}
			err := s.inTx(ctx, func(tx Store) error {
				if err := tx.UpdateAdminUser(ctx, &u); err != nil {
					return err
				}
				if locking {
					return tx.AppendAudit(ctx, &core.AuditEntry{Actor: core.ActorSystem, Action: "admin_user.lock",
						ObjectType: "admin_user", ObjectID: itoa(u.ID), Reason: "failed logins", At: now})
				}
				return nil
			})
			if err != nil {
				s.fail(c, err)
				return
			}
		}
		s.deps.Log.InfoContext(ctx, "login failed", slog.String("addr", c.ClientIP()))
		s.deps.Sleep(ctx, delay)
		again(http.StatusUnauthorized, "admin.login.failed")
		return
	}
	u.FailedLogins, u.LockedUntil = 0, nil
	at := now.UTC()
	u.LastLoginAt = &at
	if err := s.deps.Store.UpdateAdminUser(ctx, &u); err != nil {
		s.fail(c, err)
		return
	}
	s.users.drop()
	if old, err := c.Cookie(sessionCookie); err == nil && old != "" {
		_ = s.deps.Sessions.DeleteSession(ctx, core.HashSecret(old))
	}
	if err := s.startSession(c, u); err != nil {
		s.fail(c, err)
		return
	}
	s.setCookie(c, loginCookie, "", -1)
	s.deps.Log.InfoContext(ctx, "login", slog.Int64("user_id", u.ID))
	next := data.Next
	if u.MustChangePassword {
		next = "/password"
	}
	c.Redirect(http.StatusSeeOther, next)
}

// dummyHash (a bcrypt hash at the cost password.Hash uses) is checked
// when the email is unknown, so that the answer takes as long as for a
// known one.
const dummyHash = "$2a$12$gs7pQgfO.7mIZ/1gJX3tSuwLznyNnLcGxaE1LbVdA44vogy9nRd6y"

// startSession creates a new session for u and sets its cookie.
func (s *Server) startSession(c *gin.Context, u core.AdminUser) error {
	raw := core.NewSecret(32)
	now := s.deps.Clock.Now().UTC()
	sess := core.Session{ID: core.HashSecret(raw), UserID: u.ID, CSRFToken: core.NewSecret(20), CreatedAt: now,
		ExpiresAt: now.Add(7 * 24 * time.Hour), IP: c.ClientIP(), UserAgent: truncate(c.Request.UserAgent(), 300)}
	if err := s.deps.Sessions.SaveSession(c.Request.Context(), sess, sessionIdle); err != nil {
		return err
	}
	s.setCookie(c, sessionCookie, raw, 0)
	return nil
}

// logout ends the session.
func (s *Server) logout(c *gin.Context) {
	w := caller(c)
	_ = s.deps.Sessions.DeleteSession(c.Request.Context(), w.Session.ID)
	s.setCookie(c, sessionCookie, "", -1)
	c.Redirect(http.StatusSeeOther, "/login")
}

// passwordForm shows the password change form.
func (s *Server) passwordForm(c *gin.Context) {
	s.render(c, http.StatusOK, "password", newForm())
}

// changePassword sets a new password after checking the current one, ends
// every other session of the user and starts a fresh one.
func (s *Server) changePassword(c *gin.Context) {
	ctx := c.Request.Context()
	w := caller(c)
	f := formFrom(c, "current", "new", "confirm")
	u := *w.User
	switch {
	case !password.Check(u.PasswordHash, f.Values["current"]):
		f.Errors["current"] = s.t(c, "admin.password.wrong_current")
	case f.Values["new"] != f.Values["confirm"]:
		f.Errors["confirm"] = s.t(c, "admin.password.mismatch")
	case f.Values["new"] == f.Values["current"]:
		f.Errors["new"] = s.t(c, "admin.password.same")
	}
	if len(f.Errors) == 0 {
		hash, err := password.Hash(f.Values["new"])
		if err != nil {
			f.setError(c, s, err, "new")
		} else {
			u.PasswordHash, u.MustChangePassword = hash, false
			err = s.inTx(ctx, func(tx Store) error {
				if err := tx.UpdateAdminUser(ctx, &u); err != nil {
					return err
				}
				return s.audit(ctx, tx, w, "admin_user.password_change", "admin_user", itoa(u.ID), nil, nil, "")
			})
			if err != nil {
				s.fail(c, err)
				return
			}
			s.users.drop()
			if err := s.deps.Sessions.DeleteUserSessions(ctx, u.ID); err != nil {
				s.fail(c, err)
				return
			}
			if err := s.startSession(c, u); err != nil {
				s.fail(c, err)
				return
			}
			c.Redirect(http.StatusSeeOther, "/?flash=admin.password.changed")
			return
		}
	}
	for _, k := range []string{"current", "new", "confirm"} {
		f.Values[k] = ""
	}
	s.render(c, http.StatusUnprocessableEntity, "password", f)
}

// safeNext keeps a redirect target on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// userTTL is how long a session's user is reused between requests. Changes
// made through this process drop it at once; another instance sees a
// disabled account or a new role within userTTL.
const userTTL = 5 * time.Second

// userCache keeps the users behind sessions for userTTL.
type userCache struct {
	mu sync.Mutex
	m  map[int64]cachedUser
}

type cachedUser struct {
	u  core.AdminUser
	at time.Time
}

func (uc *userCache) get(ctx context.Context, st Store, now time.Time, id int64) (core.AdminUser, error) {
	uc.mu.Lock()
	c, ok := uc.m[id]
	uc.mu.Unlock()
	if ok && now.Sub(c.at) < userTTL && !now.Before(c.at) {
		return c.u, nil
	}
	u, err := st.AdminUser(ctx, id)
	if err != nil {
		return u, err
	}
	uc.mu.Lock()
	if uc.m == nil || len(uc.m) > 10000 {
		uc.m = map[int64]cachedUser{}
	}
	uc.m[id] = cachedUser{u, now}
	uc.mu.Unlock()
	return u, nil
}

// drop forgets every cached user, after any change to one.
func (uc *userCache) drop() {
	uc.mu.Lock()
	uc.m = nil
	uc.mu.Unlock()
}
