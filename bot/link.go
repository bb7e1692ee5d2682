package bot

import (
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/seimbang/seimbang/core"
)

// Link attempts allowed per Telegram user and window.
const (
	linkAttempts = 5
	linkWindow   = time.Hour
)

// linkAllowed counts a linking attempt and reports whether it may go on;
// over the limit the user is told to wait.
func (b *Bot) linkAllowed(ctx context.Context, s *session) (bool, error) {
	ok, err := b.lim.Allow(ctx, "link:"+strconv.FormatInt(s.userID, 10), linkAttempts, linkWindow)
	if err != nil {
		return false, err // without Redis no attempt is counted: refuse
	}
	if !ok {
		b.send(ctx, s.chatID, s.t("bot.link.too_many"), nil)
	}
	return ok, nil
}

// linkByCode links the sender with a one-time code from HR (the deep link
// https://t.me/<bot>?start=CODE). The code is looked up by its hash and
// used once.
func (b *Bot) linkByCode(ctx context.Context, s *session, code string) error {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) > 64 {
		code = code[:64]
	}
	if ok, err := b.linkAllowed(ctx, s); !ok {
		return err
	}
	if s.emp != nil {
		b.send(ctx, s.chatID, s.t("bot.link.already", html.EscapeString(s.emp.Name)), b.menuKeyboard(s))
		return nil
	}
	lc, err := b.store.UseLinkCode(ctx, core.HashSecret(code), b.clock.Now())
	if errors.Is(err, core.ErrNotFound) {
		b.send(ctx, s.chatID, s.t("bot.link.bad_code"), b.linkKeyboard(s))
		return nil
	}
	if err != nil {
		return err
	}
	return b.link(ctx, s, lc.EmployeeID, "code")
}

// linkByContact links the sender whose own shared contact carries the
// phone on record of exactly one employee. A forwarded contact, or one of
// another user, is refused.
func (b *Bot) linkByContact(ctx context.Context, s *session, m *models.Message) error {
	c := m.Contact
	if c.UserID != m.From.ID || m.ForwardOrigin != nil {
		b.send(ctx, s.chatID, s.t("bot.link.not_own_contact"), b.linkKeyboard(s))
		return nil
	}
	if s.emp != nil {
		b.send(ctx, s.chatID, s.t("bot.link.already", html.EscapeString(s.emp.Name)), b.menuKeyboard(s))
		return nil
	}
	if ok, err := b.linkAllowed(ctx, s); !ok {
		return err
	}
	phone, err := core.NormalizePhone(c.PhoneNumber)
	if err != nil {
		b.send(ctx, s.chatID, s.t("bot.link.no_match"), b.linkKeyboard(s))
		return nil
	}
	emps, err := b.store.EmployeesByPhone(ctx, phone)
	if err != nil {
		return err
	}
	if len(emps) != 1 { // none, or a shared number: only a code can tell
		b.send(ctx, s.chatID, s.t("bot.link.no_match"), b.linkKeyboard(s))
		return nil
	}
	return b.link(ctx, s, emps[0].ID, "contact")
}

// link stores the link, records it in the audit log and greets the
// employee with the menu.
func (b *Bot) link(ctx context.Context, s *session, employeeID int64, how string) error {
	now := b.clock.Now()
	err := b.store.LinkTelegram(ctx, employeeID, s.userID, now)
	if errors.Is(err, core.ErrConflict) {
		b.send(ctx, s.chatID, s.t("bot.link.taken"), b.linkKeyboard(s))
		return nil
	}
	if err != nil {
		return err
	}
	e, err := b.store.Employee(ctx, employeeID)
	if err != nil {
		return err
	}
	b.audit(ctx, core.EmployeeActor(e.ID), "telegram.link", e.ID, fmt.Sprintf(`{"by":%q}`, how))
	b.log.InfoContext(ctx, "telegram linked", slog.Int64("employee_id", e.ID), slog.String("by", how))
	s.emp, s.lang = &e, langOf(e)
	b.send(ctx, s.chatID, s.t("bot.link.done", html.EscapeString(e.Name), html.EscapeString(e.NIP)), b.menuKeyboard(s))
	return nil
}

// unlink removes the sender's link (/putus).
func (b *Bot) unlink(ctx context.Context, s *session) error {
	id := s.inactive
	if s.emp != nil {
		id = s.emp.ID
	}
	if id == 0 {
		return b.howToLink(ctx, s)
	}
	if err := b.store.UnlinkTelegram(ctx, id); err != nil {
		return err
	}
	b.endConv(ctx, s)
	b.audit(ctx, core.EmployeeActor(id), "telegram.unlink", id, "")
	s.emp, s.inactive = nil, 0
	b.send(ctx, s.chatID, s.t("bot.unlink.done"), b.linkKeyboard(s))
	return nil
}

// howToLink is all an unlinked user sees: how to link, and whom to ask.
func (b *Bot) howToLink(ctx context.Context, s *session) error {
	if s.inactive != 0 {
		b.send(ctx, s.chatID, s.t("bot.link.inactive"), nil)
		return nil
	}
	b.send(ctx, s.chatID, s.t("bot.link.how"), b.linkKeyboard(s))
	return nil
}

// audit appends an audit entry; a failure is logged, not shown.
func (b *Bot) audit(ctx context.Context, actor core.Actor, action string, employeeID int64, after string) {
	err := b.store.AppendAudit(ctx, &core.AuditEntry{At: b.clock.Now(), Actor: actor, Action: action,
		ObjectType: "employee", ObjectID: strconv.FormatInt(employeeID, 10), After: after, Reason: "telegram"})
	if err != nil {
		b.log.WarnContext(ctx, "audit failed", slog.String("action", action), slog.String("error", err.Error()))
	}
}
