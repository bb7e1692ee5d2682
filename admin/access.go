package admin

import (
	"crypto/subtle"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// via says how a route authenticates its caller.
type via int

const (
	viaNone    via = iota // public: login page, static files, OpenAPI document
	viaSession            // the panel: a session cookie, a CSRF token on every change
	viaToken              // the JSON API: a bearer token
)

// route is one entry of the access table: every page and API route is
// registered from it, and the roles it names are the only ones let in.
type route struct {
	Method, Path string
	Via          via
	Roles        []core.Role
	Handler      gin.HandlerFunc
}

// Role sets of the access table.
var (
	anyRole   = []core.Role{core.RoleSuperadmin, core.RoleHR, core.RoleUnit, core.RoleAuditor}
	editors   = []core.Role{core.RoleSuperadmin, core.RoleHR}
	superOnly = []core.Role{core.RoleSuperadmin}
	auditors  = []core.Role{core.RoleSuperadmin, core.RoleAuditor}
)

// who is the authenticated caller of a request.
type who struct {
	Actor   core.Actor
	Role    core.Role
	UnitID  *int64
	User    *core.AdminUser // nil for an API token
	Session *core.Session   // nil for an API token
	Token   *core.APIToken  // nil for a session
}

const whoKey = "seimbang.who"

func caller(c *gin.Context) *who {
	w, _ := c.Get(whoKey)
	p, _ := w.(*who)
	return p
}

// panelRoutes registers the access table.
func (s *Server) panelRoutes() {
	s.loadTemplates()
	s.table = s.accessTable()
	s.engine.GET("/static/*file", s.static)
	s.engine.NoRoute(s.notFound)
	for _, rt := range s.table {
		rt := rt
		var chain []gin.HandlerFunc
		switch rt.Via {
		case viaSession:
			chain = append(chain, s.sessionAuth, s.allow(rt.Roles))
		case viaToken:
			chain = append(chain, s.tokenAuth, s.allow(rt.Roles))
		}
		s.engine.Handle(rt.Method, rt.Path, append(chain, rt.Handler)...)
	}
}

// allow lets only the named roles through; others get 403.
func (s *Server) allow(roles []core.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		w := caller(c)
		if w == nil || !slices.Contains(roles, w.Role) {
			s.fail(c, core.ErrForbidden)
			return
		}
		c.Next()
	}
}

// sessionAuth loads the session and its user from the cookie, sends a
// person without one to the login page, insists on a password change
// when one is due, and checks the CSRF token of every change.
func (s *Server) sessionAuth(c *gin.Context) {
	ctx := c.Request.Context()
	sess, user, err := s.currentSession(c)
	if err != nil {
		if !errors.Is(err, core.ErrNotFound) {
			s.fail(c, err)
			return
		}
		if c.Request.Method == http.MethodGet {
			c.Redirect(http.StatusSeeOther, "/login?next="+urlQueryEscape(c.Request.URL.RequestURI()))
			c.Abort()
			return
		}
		s.fail(c, errUnauthorized)
		return
	}
	if !safeMethod(c.Request.Method) {
		sent := c.GetHeader("X-CSRF-Token")
		if sent == "" {
			sent = c.PostForm("csrf")
		}
		if subtle.ConstantTimeCompare([]byte(sent), []byte(sess.CSRFToken)) != 1 {
			s.deps.Log.WarnContext(ctx, "csrf token refused", slog.Int64("user_id", user.ID), slog.String("path", c.FullPath()))
			s.fail(c, errCSRF)
			return
		}
	}
	if user.MustChangePassword && c.FullPath() != "/password" && c.FullPath() != "/logout" {
		c.Redirect(http.StatusSeeOther, "/password")
		c.Abort()
		return
	}
	c.Set(whoKey, &who{Actor: core.AdminActor(user.ID), Role: user.Role, UnitID: user.UnitID, User: &user, Session: &sess})
	c.Next()
}

// tokenAuth authenticates an API call by its bearer token.
func (s *Server) tokenAuth(c *gin.Context) {
	h := c.GetHeader("Authorization")
	secret, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || strings.TrimSpace(secret) == "" {
		c.Header("WWW-Authenticate", `Bearer realm="seimbang"`)
		s.fail(c, errUnauthorized)
		return
	}
	t, err := s.deps.Store.APITokenByHash(c.Request.Context(), core.HashSecret(strings.TrimSpace(secret)))
	if err != nil {
		if errors.Is(err, core.ErrNotFound) {
			err = errUnauthorized
			c.Header("WWW-Authenticate", `Bearer realm="seimbang", error="invalid_token"`)
		}
		s.fail(c, err)
		return
	}
	// last_used_at is kept to the minute: writing it on every call would
	// make all of a busy program's concurrent calls queue on one row.
	if now := s.deps.Clock.Now(); t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= tokenTouchEvery {
		_ = s.deps.Store.TouchAPIToken(c.Request.Context(), t.ID, now)
	}
	c.Set(whoKey, &who{Actor: core.TokenActor(t.ID), Role: t.Role, UnitID: t.UnitID, Token: &t})
	c.Next()
}

// tokenTouchEvery is how stale a token's last use may be shown.
const tokenTouchEvery = time.Minute

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// isAPI reports whether the request is for the JSON API.
func isAPI(c *gin.Context) bool { return strings.HasPrefix(c.Request.URL.Path, "/api/") }

// fail answers with the problem err maps to: JSON for the API and htmx
// fragments, an error page otherwise. It aborts the handler chain.
func (s *Server) fail(c *gin.Context, err error) {
	lang := s.lang(c)
	if isAPI(c) {
		lang = i18n.ID
	}
	p := problemOf(err, lang)
	if p.Internal {
		s.deps.Log.ErrorContext(c.Request.Context(), "request failed", slog.String("route", c.FullPath()), slog.String("error", err.Error()))
	}
	if isAPI(c) {
		c.AbortWithStatusJSON(p.Status, gin.H{"error": p})
		return
	}
	c.Abort()
	s.render(c, p.Status, "error", p)
}

func (s *Server) notFound(c *gin.Context) { s.fail(c, core.ErrNotFound) }

// securityHeaders sets the headers every answer carries: a CSP without
// inline scripts, no framing, no MIME sniffing, no referrer to other sites.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	c.Next()
}
