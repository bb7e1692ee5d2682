package bot

import (
	"context"
	"errors"
	"html"
	"log/slog"
	"slices"
	"strings"

	"github.com/seimbang/seimbang/core"
)

// ownTransfer returns the transfer id names when it belongs to the
// session's employee and was announced to them; ok is false otherwise,
// whether it does not exist or is someone else's (the two look alike).
func (b *Bot) ownTransfer(ctx context.Context, s *session, id int64) (core.Transfer, bool, error) {
	t, err := b.store.Transfer(ctx, id)
	if errors.Is(err, core.ErrNotFound) {
		return core.Transfer{}, false, nil
	}
	if err != nil {
		return core.Transfer{}, false, err
	}
	if s.emp == nil || t.EmployeeID != s.emp.ID || t.Status == core.TransferDraft {
		b.log.WarnContext(ctx, "telegram access to another's transfer refused",
			slog.Int64("user_id", s.userID), slog.Int64("transfer_id", id))
		return core.Transfer{}, false, nil
	}
	return t, true, nil
}

// refuse answers a button naming something that is not the sender's.
func (b *Bot) refuse(ctx context.Context, s *session, a *action) error {
	b.answer(ctx, a.q, s.t("bot.err.not_yours"))
	return nil
}

// visibleTransfers are the employee's transfers, newest first, drafts left
// out (nothing was announced yet).
func (b *Bot) visibleTransfers(ctx context.Context, s *session) ([]core.Transfer, error) {
	ts, err := b.store.Transfers(ctx, core.TransferFilter{EmployeeID: s.emp.ID})
	if err != nil {
		return nil, err
	}
	ts = slices.DeleteFunc(ts, func(t core.Transfer) bool { return t.Status == core.TransferDraft })
	slices.Reverse(ts)
	return ts, nil
}

// myTransfers shows Mutasi Saya: each announced transfer with its status,
// acknowledgement and objections, the current ones first.
func (b *Bot) myTransfers(ctx context.Context, s *session) error {
	ts, err := b.visibleTransfers(ctx, s)
	if err != nil {
		return err
	}
	if len(ts) == 0 {
		b.send(ctx, s.chatID, s.t("bot.transfers.none"), b.menuKeyboard(s))
		return nil
	}
	for i, t := range ts {
		if i == 5 {
			b.send(ctx, s.chatID, s.t("bot.transfers.more", len(ts)-5), nil)
			break
		}
		text, buttons, err := b.transferCard(ctx, s, t)
		if err != nil {
			return err
		}
		b.send(ctx, s.chatID, text, inline(buttons...))
	}
	return nil
}

// transferCard describes one transfer with the buttons that apply now.
func (b *Bot) transferCard(ctx context.Context, s *session, t core.Transfer) (string, [][]button, error) {
	r, err := b.store.Round(ctx, t.RoundID)
	if err != nil {
		return "", nil, err
	}
	summary, err := core.TransferSummary(ctx, b.store, s.lang, t, r)
	if err != nil {
		return "", nil, err
	}
	lines := []string{s.t("bot.transfer.title", html.EscapeString(r.Name)), summary,
		s.t("bot.transfer.status", s.t("bot.status."+string(t.Status)))}
	if r.SKNumber != "" {
		lines = append(lines, s.t("bot.transfer.sk", html.EscapeString(r.SKNumber)))
	}
	if t.AcknowledgedAt != nil {
		lines = append(lines, s.t("bot.transfer.acked", core.FormatTime(s.lang, *t.AcknowledgedAt, b.zone(ctx, s))))
	}
	obs, err := b.store.Objections(ctx, core.ObjectionFilter{TransferID: t.ID})
	if err != nil {
		return "", nil, err
	}
	for _, o := range obs {
		line := s.t("bot.transfer.objection", html.EscapeString(o.Receipt), s.t("bot.objection.status."+string(o.Status)))
		if o.Answer != "" {
			line += "\n" + s.t("bot.decision.answer", html.EscapeString(o.Answer))
		}
		lines = append(lines, line)
	}
	var row []button
	if t.AcknowledgedAt == nil && (t.Status == core.TransferAnnounced || t.Status == core.TransferApproved) {
		row = append(row, button{s.t("bot.btn.ack"), cb(cbAck, t.ID)})
	}
	if b.objectable(t, r) {
		row = append(row, button{s.t("bot.btn.object"), cb(cbObject, t.ID)})
	}
	return strings.Join(lines, "\n"), [][]button{row}, nil
}

// objectable reports whether an objection may still be filed.
func (b *Bot) objectable(t core.Transfer, r core.Round) bool {
	return t.Status == core.TransferAnnounced && !b.deadlinePassed(r)
}

func (b *Bot) deadlinePassed(r core.Round) bool {
	return r.ObjectionDeadline != nil && !b.clock.Now().Before(*r.ObjectionDeadline)
}

// detail shows one transfer (the Detail button).
func (b *Bot) detail(ctx context.Context, s *session, a *action) error {
	t, ok, err := b.ownTransfer(ctx, s, a.cb.ID)
	if err != nil || !ok {
		return errOr(err, b.refuse(ctx, s, a))
	}
	b.answer(ctx, a.q, "")
	text, buttons, err := b.transferCard(ctx, s, t)
	if err != nil {
		return err
	}
	evs, err := b.store.TransferEvents(ctx, t.ID)
	if err != nil {
		return err
	}
	var hist []string
	for _, ev := range evs {
		if ev.To == core.TransferDraft {
			continue // the employee was not told of drafts
		}
		hist = append(hist, s.t("bot.transfer.event", core.FormatTime(s.lang, ev.At, b.zone(ctx, s)), s.t("bot.status."+string(ev.To))))
	}
	if len(hist) > 0 {
		text += "\n\n" + s.t("bot.transfer.history") + "\n" + strings.Join(hist, "\n")
	}
	b.send(ctx, s.chatID, text, inline(buttons...))
	return nil
}

// acknowledge records that the employee read the notice (Terima).
func (b *Bot) acknowledge(ctx context.Context, s *session, a *action) error {
	t, ok, err := b.ownTransfer(ctx, s, a.cb.ID)
	if err != nil || !ok {
		return errOr(err, b.refuse(ctx, s, a))
	}
	if t.AcknowledgedAt != nil {
		b.answer(ctx, a.q, s.t("bot.ack.already"))
		return nil
	}
	if t.Status == core.TransferCancelled {
		b.answer(ctx, a.q, s.t("bot.err.state"))
		return nil
	}
	now := b.clock.Now()
	recorded, err := b.store.AcknowledgeTransfer(ctx, t.ID, now)
	if err != nil {
		return err
	}
	b.answer(ctx, a.q, "")
	if !recorded {
		b.send(ctx, s.chatID, s.t("bot.ack.already"), nil)
		return nil
	}
	b.send(ctx, s.chatID, s.t("bot.ack.done", core.FormatTime(s.lang, now, b.zone(ctx, s))), nil)
	return nil
}

// errOr returns err when set, else other.
func errOr(err, other error) error {
	if err != nil {
		return err
	}
	return other
}

// zone is the time zone of the employee's unit (WIB when unknown), in
// which the bot shows times.
func (b *Bot) zone(ctx context.Context, s *session) core.TimeZone {
	if s.emp == nil || s.emp.UnitID == nil {
		return core.WIB
	}
	u, err := b.store.Unit(ctx, *s.emp.UnitID)
	if err != nil || u.TimeZone == "" {
		return core.WIB
	}
	return u.TimeZone
}
