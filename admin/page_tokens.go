package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
)

// TokenPrefix starts every API token, so that a leaked one is easy to spot.
const TokenPrefix = "smb_"

type tokenPage struct {
	Tokens []tokenRow
	Units  []core.Unit
	Roles  []core.Role
	Form   *form
	New    string // a token just created, shown once
}

type tokenRow struct {
	core.APIToken
	Unit string
}

// tokenList shows the API tokens (never their secrets) and a form for a
// new one.
func (s *Server) tokenList(c *gin.Context) { s.tokenPage(c, http.StatusOK, newForm(), "") }

func (s *Server) tokenPage(c *gin.Context, status int, f *form, created string) {
	ts, err := s.deps.Store.APITokens(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	d := tokenPage{Units: names.units, Roles: core.Roles, Form: f, New: created}
	for _, t := range ts {
		d.Tokens = append(d.Tokens, tokenRow{t, names.unit(t.UnitID)})
	}
	s.render(c, status, "tokens", d)
}

// tokenCreate creates a token and shows its secret once; only its hash is
// stored.
func (s *Server) tokenCreate(c *gin.Context) {
	ctx := c.Request.Context()
	w := caller(c)
	f := formFrom(c, "nama", "peran", "unit")
	secret := TokenPrefix + core.NewSecret(24)
	t := core.APIToken{Name: f.Values["nama"], Hash: core.HashSecret(secret), Prefix: secret[:10],
		Role: core.Role(f.Values["peran"]), CreatedBy: w.Actor}
	if id, err := strconv.ParseInt(f.Values["unit"], 10, 64); err == nil && id > 0 {
		t.UnitID = &id
	}
	err := s.inTx(ctx, func(tx Store) error {
		if err := tx.CreateAPIToken(ctx, &t); err != nil {
			return err
		}
		return s.audit(ctx, tx, w, "api_token.create", "api_token", itoa(t.ID), nil,
			map[string]any{"name": t.Name, "prefix": t.Prefix, "role": t.Role, "unit_id": t.UnitID}, "")
	})
	if err != nil {
		if _, ok := core.AsValidation(err); !ok && !errors.Is(err, core.ErrConflict) {
			s.fail(c, err)
			return
		}
		f.setError(c, s, err, "")
		s.tokenPage(c, http.StatusUnprocessableEntity, f, "")
		return
	}
	s.tokenPage(c, http.StatusOK, newForm(), secret)
}

// tokenRevoke revokes a token; it stops working at once.
func (s *Server) tokenRevoke(c *gin.Context) {
	ctx := c.Request.Context()
	id, err := idParam(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	err = s.inTx(ctx, func(tx Store) error {
		if err := tx.RevokeAPIToken(ctx, id, s.deps.Clock.Now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, caller(c), "api_token.revoke", "api_token", itoa(id), nil, nil, strings.TrimSpace(c.PostForm("alasan")))
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/tokens?flash=admin.tokens.revoked")
}
