package admin

import (
	"context"
	"encoding/base64"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"rsc.io/qr"

	"github.com/seimbang/seimbang/core"
)

// The changes of data the panel and the API share: each runs in one
// transaction with its audit entry.

// saveUnit creates u (ID 0) or updates it.
func (s *Server) saveUnit(ctx context.Context, w *who, u *core.Unit, reason string) error {
	defer s.dash.invalidate()
	return s.inTx(ctx, func(tx Store) error {
		if u.ID == 0 {
			if err := tx.CreateUnit(ctx, u); err != nil {
				return err
			}
			return s.audit(ctx, tx, w, "unit.create", "unit", itoa(u.ID), nil, u, reason)
		}
		before, err := tx.Unit(ctx, u.ID)
		if err != nil {
			return err
		}
		u.CreatedAt = before.CreatedAt
		if err := tx.UpdateUnit(ctx, u); err != nil {
			return err
		}
		return s.audit(ctx, tx, w, "unit.update", "unit", itoa(u.ID), before, u, reason)
	})
}

// savePosition creates p (ID 0) or updates it.
func (s *Server) savePosition(ctx context.Context, w *who, p *core.Position, reason string) error {
	defer s.dash.invalidate()
	return s.inTx(ctx, func(tx Store) error {
		if p.ID == 0 {
			if err := tx.CreatePosition(ctx, p); err != nil {
				return err
			}
			return s.audit(ctx, tx, w, "position.create", "position", itoa(p.ID), nil, p, reason)
		}
		before, err := tx.Position(ctx, p.ID)
		if err != nil {
			return err
		}
		p.CreatedAt = before.CreatedAt
		if err := tx.UpdatePosition(ctx, p); err != nil {
			return err
		}
		return s.audit(ctx, tx, w, "position.update", "position", itoa(p.ID), before, p, reason)
	})
}

// saveEmployee creates e (ID 0) or updates it. The Telegram link is kept
// from the stored employee: only the bot changes it.
func (s *Server) saveEmployee(ctx context.Context, w *who, e *core.Employee, reason string) error {
	defer s.dash.invalidate()
	return s.inTx(ctx, func(tx Store) error {
		if e.ID == 0 {
			if err := tx.CreateEmployee(ctx, e); err != nil {
				return err
			}
			return s.audit(ctx, tx, w, "employee.create", "employee", itoa(e.ID), nil, e, reason)
		}
		before, err := tx.Employee(ctx, e.ID)
		if err != nil {
			return err
		}
		e.CreatedAt, e.TelegramUserID, e.TelegramLinkedAt, e.UnreachableAt = before.CreatedAt, before.TelegramUserID, before.TelegramLinkedAt, before.UnreachableAt
		if err := tx.UpdateEmployee(ctx, e); err != nil {
			return err
		}
		return s.audit(ctx, tx, w, "employee.update", "employee", itoa(e.ID), before, e, reason)
	})
}

// linkCode is a new one-time Telegram link code, shown once.
type linkCode struct {
	Code      string       `json:"code"`
	Link      string       `json:"link"`
	ExpiresAt time.Time    `json:"expires_at"`
	QR        template.URL `json:"-"` // a data: URI of the link's QR code, empty if it could not be made
}

// createLinkCode stores a new link code for e (only its hash) and returns
// the code, the bot's deep link and its QR code.
func (s *Server) createLinkCode(ctx context.Context, w *who, e core.Employee) (linkCode, error) {
	code := core.NewSecret(10)
	lc := core.LinkCode{EmployeeID: e.ID, Hash: core.HashSecret(code), ExpiresAt: s.deps.Clock.Now().Add(core.LinkCodeTTL).UTC(),
		CreatedBy: w.Actor}
	err := s.inTx(ctx, func(tx Store) error {
		if err := tx.CreateLinkCode(ctx, &lc); err != nil {
			return err
		}
		return s.audit(ctx, tx, w, "link_code.create", "employee", itoa(e.ID), nil,
			map[string]any{"link_code_id": lc.ID, "expires_at": lc.ExpiresAt}, "")
	})
	if err != nil {
		return linkCode{}, err
	}
	out := linkCode{Code: code, ExpiresAt: lc.ExpiresAt, Link: s.deepLink(code)}
	if q, err := qr.Encode(out.Link, qr.M); err == nil {
		out.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(q.PNG()))
	}
	return out, nil
}

// deepLink is the bot's start link carrying code.
func (s *Server) deepLink(code string) string {
	bot := strings.TrimPrefix(s.deps.BotUsername, "@")
	if bot == "" {
		bot = "SeimbangBot"
	}
	return "https://t.me/" + bot + "?start=" + code
}

// idParam returns the numeric path parameter, or ErrNotFound.
func idParam(c *gin.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, core.ErrNotFound
	}
	return id, nil
}

// optFloat parses an optional number; ok is false when s is not one.
func optFloat(s string) (*float64, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	if s == "" {
		return nil, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, false
	}
	return &f, true
}

func fmtFloat(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}
