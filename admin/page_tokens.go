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

// tokenCreate creates a token and shows its secret once.
func (s *Server) tokenCreate(c *gin.Context) {
	f := formFrom(c, "nama", "peran", "unit")
	t := core.APIToken{Name: f.Values["nama"], Role: core.Role(f.Values["peran"])}
	if id, err := strconv.ParseInt(f.Values["unit"], 10, 64); err == nil && id > 0 {
		t.UnitID = &id
	}
	secret, err := s.createToken(c.Request.Context(), caller(c), &t, "")
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

// createToken stores t with a new secret, in one transaction with its
// audit entry, and returns the secret; only its hash is stored. It returns
// a validation error when t's name, role or unit is missing or wrong.
func (s *Server) createToken(ctx context.Context, w *who, t *core.APIToken, reason string) (string, error) {
	secret := TokenPrefix + core.NewSecret(24)
	t.Name = strings.TrimSpace(t.Name)
	t.Hash, t.Prefix, t.CreatedBy = core.HashSecret(secret), secret[:10], w.Actor
	err := s.inTx(ctx, func(tx Store) error {
		if err := tx.CreateAPIToken(ctx, t); err != nil {
			return err
		}
		return s.audit(ctx, tx, w, "api_token.create", "api_token", itoa(t.ID), nil,
			map[string]any{"name": t.Name, "prefix": t.Prefix, "role": t.Role, "unit_id": t.UnitID}, reason)
	})
	return secret, err
}

// tokenRevoke revokes a token; it stops working at once.
func (s *Server) tokenRevoke(c *gin.Context) {
	id, err := idParam(c, "id")
	if err == nil {
		err = s.revokeToken(c.Request.Context(), caller(c), id, strings.TrimSpace(c.PostForm("alasan")))
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/tokens?flash=admin.tokens.revoked")
}

// revokeToken revokes the token with id and audits it; ErrNotFound when
// there is no such unrevoked token.
func (s *Server) revokeToken(ctx context.Context, w *who, id int64, reason string) error {
	return s.inTx(ctx, func(tx Store) error {
		if err := tx.RevokeAPIToken(ctx, id, s.deps.Clock.Now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, w, "api_token.revoke", "api_token", itoa(id), nil, nil, reason)
	})
}

// tokenJSON is an API token in the JSON API; Token, the secret, is only
// in the answer to its creation.
type tokenJSON struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	Role       core.Role  `json:"role"`
	UnitCode   string     `json:"unit_code,omitempty"`
	CreatedBy  string     `json:"created_by"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
	Token      string     `json:"token,omitempty"`
}

func tokenOut(t core.APIToken, n nameIndex) tokenJSON {
	j := tokenJSON{ID: t.ID, Name: t.Name, Prefix: t.Prefix, Role: t.Role, CreatedBy: string(t.CreatedBy), CreatedAt: t.CreatedAt,
		LastUsedAt: t.LastUsedAt, RevokedAt: t.RevokedAt}
	if t.UnitID != nil {
		j.UnitCode = n.unitByID[*t.UnitID].Code
	}
	return j
}

// apiTokens lists the API tokens, revoked ones included, without secrets.
func (s *Server) apiTokens(c *gin.Context) {
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
	out := make([]tokenJSON, len(ts))
	for i, t := range ts {
		out[i] = tokenOut(t, names)
	}
	c.JSON(http.StatusOK, gin.H{"tokens": out})
}

// apiTokenCreate creates a token; the answer carries its secret, which is
// never shown again.
func (s *Server) apiTokenCreate(c *gin.Context) {
	var in struct {
		Name     string `json:"name"`
		Role     string `json:"role"`
		UnitCode string `json:"unit_code"`
		Reason   string `json:"reason"`
	}
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	t := core.APIToken{Name: in.Name, Role: core.Role(in.Role)}
	if in.UnitCode != "" {
		u, err := s.unitByCode(c, in.UnitCode, "unit_code")
		if err != nil {
			s.fail(c, err)
			return
		}
		t.UnitID = &u.ID
	}
	secret, err := s.createToken(c.Request.Context(), caller(c), &t, in.Reason)
	if err != nil {
		s.fail(c, apiFields(err, userFieldNames))
		return
	}
	names, err := s.names(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	out := tokenOut(t, names)
	out.Token = secret
	c.JSON(http.StatusCreated, out)
}

// apiTokenRevoke revokes a token; it stops working at once.
func (s *Server) apiTokenRevoke(c *gin.Context) {
	var in struct {
		Reason string `json:"reason"`
	}
	id, err := idParam(c, "id")
	if err == nil {
		err = bindOptional(c, &in)
	}
	if err == nil {
		err = s.revokeToken(c.Request.Context(), caller(c), id, strings.TrimSpace(in.Reason))
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
