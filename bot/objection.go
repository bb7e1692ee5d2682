package bot

import (
	"context"
	"errors"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/seimbang/seimbang/core"
)

// Objection steps.
const (
	objStepCategory   = "category"
	objStepText       = "text"
	objStepAttachment = "attachment"
	objStepConfirm    = "confirm"
)

// maxAttachments is how many files an objection may carry.
const maxAttachments = 5

// objections lists the transfers the employee may still object to, and
// the objections already filed (the Keberatan menu).
func (b *Bot) objections(ctx context.Context, s *session) error {
	ts, err := b.visibleTransfers(ctx, s)
	if err != nil {
		return err
	}
	var rows [][]button
	var lines []string
	for _, t := range ts {
		r, err := b.store.Round(ctx, t.RoundID)
		if err != nil {
			return err
		}
		obs, err := b.store.Objections(ctx, core.ObjectionFilter{TransferID: t.ID})
		if err != nil {
			return err
		}
		for _, o := range obs {
			lines = append(lines, s.t("bot.transfer.objection", html.EscapeString(o.Receipt), s.t("bot.objection.status."+string(o.Status))))
		}
		if b.objectable(t, r) {
			rows = append(rows, []button{{s.t("bot.objection.against", html.EscapeString(r.Name)), cb(cbObject, t.ID)}})
		}
	}
	text := s.t("bot.objection.none_open")
	if len(rows) > 0 {
		text = s.t("bot.objection.choose")
	}
	if len(lines) > 0 {
		text = strings.Join(lines, "\n") + "\n\n" + text
	}
	if len(rows) == 0 {
		b.send(ctx, s.chatID, text, nil)
		return nil
	}
	b.send(ctx, s.chatID, text, inline(rows...))
	return nil
}

// objectionStep handles the objection buttons: start, category, skip the
// attachment, send and cancel. A press whose conversation was lost starts
// over where the button allows it, and says so otherwise.
func (b *Bot) objectionStep(ctx context.Context, s *session, a *action) error {
	t, ok, err := b.ownTransfer(ctx, s, a.cb.ID)
	if err != nil || !ok {
		return errOr(err, b.refuse(ctx, s, a))
	}
	b.answer(ctx, a.q, "")
	r, err := b.store.Round(ctx, t.RoundID)
	if err != nil {
		return err
	}
	if a.cb.Verb == cbObjStep && a.cb.Arg == "cancel" {
		b.endConv(ctx, s)
		b.send(ctx, s.chatID, s.t("bot.flow.cancelled"), b.menuKeyboard(s))
		return nil
	}
	if done, err := b.objectionClosed(ctx, s, t, r); done || err != nil {
		return err
	}
	switch a.cb.Verb {
	case cbObject:
		if err := b.saveConv(ctx, s, &conv{Flow: flowObjection, Step: objStepCategory, TransferID: t.ID}); err != nil {
			return err
		}
		var rows [][]button
		for _, c := range core.ObjectionCategories {
			rows = append(rows, []button{{s.t("bot.objection.cat." + string(c)), cb(cbObjCat, t.ID, string(c))}})
		}
		rows = append(rows, []button{{s.t("bot.btn.cancel"), cb(cbObjStep, t.ID, "cancel")}})
		b.send(ctx, s.chatID, s.t("bot.objection.ask_category", html.EscapeString(r.Name)), inline(rows...))
		return nil
	case cbObjCat:
		if !validCategory(a.cb.Arg) {
			b.send(ctx, s.chatID, s.t("bot.err.bad_button"), nil)
			return nil
		}
		// The button carries all this step needs: a lost conversation
		// simply starts again here.
		c := &conv{Flow: flowObjection, Step: objStepText, TransferID: t.ID, Category: a.cb.Arg}
		if err := b.saveConv(ctx, s, c); err != nil {
			return err
		}
		b.send(ctx, s.chatID, s.t("bot.objection.ask_text", core.MaxObjectionText), nil)
		return nil
	}
	st, err := b.loadConv(ctx, s)
	if err != nil {
		return err
	}
	if st == nil || st.Flow != flowObjection || st.TransferID != t.ID {
		b.send(ctx, s.chatID, s.t("bot.flow.expired"), inline([]button{{s.t("bot.btn.object"), cb(cbObject, t.ID)}}))
		return nil
	}
	switch {
	case a.cb.Arg == "skip" && st.Step == objStepAttachment:
		return b.confirmObjection(ctx, s, st)
	case a.cb.Arg == "send" && st.Step == objStepConfirm:
		return b.submitObjection(ctx, s, st)
	}
	b.send(ctx, s.chatID, s.t("bot.err.bad_button"), nil)
	return nil
}

// objectionClosed tells the employee when no objection can be filed: one
// is pending already, the deadline passed, or the transfer moved on. It
// reports whether it did.
func (b *Bot) objectionClosed(ctx context.Context, s *session, t core.Transfer, r core.Round) (bool, error) {
	if t.Status == core.TransferObjected {
		obs, err := b.store.Objections(ctx, core.ObjectionFilter{TransferID: t.ID, Status: core.ObjectionPending})
		if err != nil {
			return true, err
		}
		receipt := ""
		if len(obs) > 0 {
			receipt = obs[len(obs)-1].Receipt
		}
		b.endConv(ctx, s)
		b.send(ctx, s.chatID, s.t("bot.objection.pending", html.EscapeString(receipt)), nil)
		return true, nil
	}
	if t.Status != core.TransferAnnounced {
		b.endConv(ctx, s)
		b.send(ctx, s.chatID, s.t("bot.objection.not_open", s.t("bot.status."+string(t.Status))), nil)
		return true, nil
	}
	if b.deadlinePassed(r) {
		b.endConv(ctx, s)
		b.send(ctx, s.chatID, s.t("bot.objection.deadline_passed", core.FormatTime(s.lang, *r.ObjectionDeadline, b.zone(ctx, s))), nil)
		return true, nil
	}
	return false, nil
}

func validCategory(c string) bool {
	for _, x := range core.ObjectionCategories {
		if string(x) == c {
			return true
		}
	}
	return false
}

// objectionInput takes the objection's text, then its attachments.
func (b *Bot) objectionInput(ctx context.Context, s *session, st *conv, m *models.Message) error {
	switch st.Step {
	case objStepText:
		text := strings.TrimSpace(m.Text)
		if text == "" {
			b.send(ctx, s.chatID, s.t("bot.objection.ask_text", core.MaxObjectionText), nil)
			return nil
		}
		if utf8.RuneCountInString(text) > core.MaxObjectionText {
			b.send(ctx, s.chatID, s.t("bot.err.too_long", core.MaxObjectionText), nil)
			return nil
		}
		st.Text, st.Step = text, objStepAttachment
		if err := b.saveConv(ctx, s, st); err != nil {
			return err
		}
		b.send(ctx, s.chatID, s.t("bot.objection.ask_file", maxAttachments),
			inline([]button{{s.t("bot.btn.skip"), cb(cbObjStep, st.TransferID, "skip")}}))
		return nil
	case objStepAttachment, objStepConfirm:
		id := fileID(m)
		if id == "" {
			b.send(ctx, s.chatID, s.t("bot.objection.file_kind"),
				inline([]button{{s.t("bot.btn.skip"), cb(cbObjStep, st.TransferID, "skip")}}))
			return nil
		}
		if len(st.Files) >= maxAttachments {
			b.send(ctx, s.chatID, s.t("bot.objection.file_limit", maxAttachments), nil)
			return b.confirmObjection(ctx, s, st)
		}
		st.Files = append(st.Files, id)
		return b.confirmObjection(ctx, s, st)
	}
	b.send(ctx, s.chatID, s.t("bot.unknown"), b.menuKeyboard(s))
	return nil
}

// fileID returns the Telegram file id of a photo (its largest size) or a
// PDF document, or "".
func fileID(m *models.Message) string {
	switch {
	case len(m.Photo) > 0:
		return m.Photo[len(m.Photo)-1].FileID
	case m.Document != nil && (m.Document.MimeType == "application/pdf" ||
		strings.HasSuffix(strings.ToLower(m.Document.FileName), ".pdf")):
		return m.Document.FileID
	}
	return ""
}

// confirmObjection shows the objection back with Kirim and Batal.
func (b *Bot) confirmObjection(ctx context.Context, s *session, st *conv) error {
	st.Step = objStepConfirm
	if err := b.saveConv(ctx, s, st); err != nil {
		return err
	}
	text := s.t("bot.objection.confirm", s.t("bot.objection.cat."+st.Category), html.EscapeString(st.Text), len(st.Files))
	b.send(ctx, s.chatID, text, inline([]button{
		{s.t("bot.btn.send"), cb(cbObjStep, st.TransferID, "send")},
		{s.t("bot.btn.cancel"), cb(cbObjStep, st.TransferID, "cancel")}}))
	return nil
}

// submitObjection stores the objection, then gives the receipt.
func (b *Bot) submitObjection(ctx context.Context, s *session, st *conv) error {
	o := core.Objection{TransferID: st.TransferID, EmployeeID: s.emp.ID, Category: core.ObjectionCategory(st.Category),
		Text: st.Text, Attachments: st.Files}
	err := b.store.SubmitObjection(ctx, &o, b.clock.Now())
	if errors.Is(err, core.ErrInvalidState) {
		b.endConv(ctx, s)
		b.send(ctx, s.chatID, s.t("bot.err.state"), nil)
		return nil
	}
	if err != nil {
		return err
	}
	b.endConv(ctx, s)
	b.send(ctx, s.chatID, s.t("bot.objection.receipt", html.EscapeString(o.Receipt)), b.menuKeyboard(s))
	return nil
}
