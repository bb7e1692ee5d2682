package core

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/seimbang/seimbang/core/i18n"
)

// OutboxPayload is what the sender delivers for one outbox message: an HTML
// text (Telegram's parse mode HTML, already escaped) and inline buttons.
type OutboxPayload struct {
	Text    string           `json:"text"`
	Buttons [][]OutboxButton `json:"buttons,omitempty"`
}

// OutboxButton is an inline button naming an action on an object, such as
// {Action: ButtonAcknowledge, ID: transferID}. The bot turns it into its own
// callback data and checks, when pressed, that the object belongs to the
// person pressing it.
type OutboxButton struct {
	Text   string `json:"text"`
	Action string `json:"action"`
	ID     int64  `json:"id"`
}

// Button actions the bot understands.
const (
	ButtonAcknowledge = "ack"    // acknowledge a transfer notice
	ButtonObject      = "object" // start an objection against a transfer
	ButtonDetail      = "detail" // show a transfer's details
	ButtonSurvey      = "survey" // start or resume a survey invitation
)

// Outbox message kinds.
const (
	OutboxKindNotice       = "notice"
	OutboxKindDecision     = "decision"
	OutboxKindDecree       = "decree"
	OutboxKindCancel       = "cancel"
	OutboxKindSurvey       = "survey_invite"
	OutboxKindSurveyRemind = "survey_remind"
	OutboxKindAnnouncement = "announcement"
	OutboxKindDeadline     = "deadline"
)

// NoticeStore is what the notice use-cases read and write; a core.Store
// (or the transaction InTx hands out) satisfies it.
type NoticeStore interface {
	Employee(ctx context.Context, id int64) (Employee, error)
	Unit(ctx context.Context, id int64) (Unit, error)
	Position(ctx context.Context, id int64) (Position, error)
	Round(ctx context.Context, id int64) (Round, error)
	Enqueue(ctx context.Context, m *OutboxMessage) (bool, error)
}

// EnqueueTransferNotice puts the notice of an announced transfer in the
// outbox: from → to, kind, reason, effective date and objection deadline,
// with the buttons Terima, Ajukan keberatan and Detail. Call it with the
// transaction that announces the transfer, so the notice exists exactly
// when the announcement does. Announcing the same transfer again after a
// revision sends a new notice; repeating the same call does not.
func EnqueueTransferNotice(ctx context.Context, s NoticeStore, t Transfer) error {
	e, err := s.Employee(ctx, t.EmployeeID)
	if err != nil {
		return fmt.Errorf("transfer notice %d: %w", t.ID, err)
	}
	r, err := s.Round(ctx, t.RoundID)
	if err != nil {
		return fmt.Errorf("transfer notice %d: %w", t.ID, err)
	}
	lang := i18n.Parse(e.Language)
	body, err := TransferSummary(ctx, s, lang, t, r)
	if err != nil {
		return fmt.Errorf("transfer notice %d: %w", t.ID, err)
	}
	p := OutboxPayload{
		Text: i18n.T(lang, "bot.notice.title", html.EscapeString(r.Name)) + "\n\n" + body + "\n\n" + i18n.T(lang, "bot.notice.footer"),
		Buttons: [][]OutboxButton{
			{{Text: i18n.T(lang, "bot.btn.ack"), Action: ButtonAcknowledge, ID: t.ID},
				{Text: i18n.T(lang, "bot.btn.object"), Action: ButtonObject, ID: t.ID}},
			{{Text: i18n.T(lang, "bot.btn.detail"), Action: ButtonDetail, ID: t.ID}},
		},
	}
	key := fmt.Sprintf("notice:transfer:%d:%d", t.ID, t.UpdatedAt.UnixMicro())
	return enqueueFor(ctx, s, e, OutboxKindNotice, key, p)
}

// EnqueueObjectionDecision tells the employee HR's decision on their
// objection with HR's written answer. Call it in the transaction that
// stores the decision.
func EnqueueObjectionDecision(ctx context.Context, s NoticeStore, o Objection) error {
	e, err := s.Employee(ctx, o.EmployeeID)
	if err != nil {
		return fmt.Errorf("objection decision %d: %w", o.ID, err)
	}
	lang := i18n.Parse(e.Language)
	key := "bot.decision.rejected"
	if o.Status == ObjectionUpheld {
		key = "bot.decision.upheld"
	}
	p := OutboxPayload{
		Text: i18n.T(lang, key, html.EscapeString(o.Receipt)) + "\n\n" +
			i18n.T(lang, "bot.decision.answer", html.EscapeString(o.Answer)),
		Buttons: [][]OutboxButton{{{Text: i18n.T(lang, "bot.btn.detail"), Action: ButtonDetail, ID: o.TransferID}}},
	}
	return enqueueFor(ctx, s, e, OutboxKindDecision, fmt.Sprintf("decision:objection:%d", o.ID), p)
}

// EnqueueDecree tells the employee that their transfer is in the approved
// decree (SK number and effective date). Call it in the approving
// transaction.
func EnqueueDecree(ctx context.Context, s NoticeStore, t Transfer) error {
	e, err := s.Employee(ctx, t.EmployeeID)
	if err != nil {
		return fmt.Errorf("decree notice %d: %w", t.ID, err)
	}
	r, err := s.Round(ctx, t.RoundID)
	if err != nil {
		return fmt.Errorf("decree notice %d: %w", t.ID, err)
	}
	lang := i18n.Parse(e.Language)
	to, err := placeName(ctx, s, t.ToUnitID, t.ToPositionID)
	if err != nil {
		return fmt.Errorf("decree notice %d: %w", t.ID, err)
	}
	p := OutboxPayload{
		Text:    i18n.T(lang, "bot.decree", html.EscapeString(r.SKNumber), to, FormatDate(lang, r.EffectiveDate)),
		Buttons: [][]OutboxButton{{{Text: i18n.T(lang, "bot.btn.detail"), Action: ButtonDetail, ID: t.ID}}},
	}
	return enqueueFor(ctx, s, e, OutboxKindDecree, fmt.Sprintf("decree:transfer:%d", t.ID), p)
}

// EnqueueCancellation tells the employee that their transfer was cancelled
// and why. Call it in the cancelling transaction.
func EnqueueCancellation(ctx context.Context, s NoticeStore, t Transfer, reason string) error {
	e, err := s.Employee(ctx, t.EmployeeID)
	if err != nil {
		return fmt.Errorf("cancellation notice %d: %w", t.ID, err)
	}
	lang := i18n.Parse(e.Language)
	to, err := placeName(ctx, s, t.ToUnitID, t.ToPositionID)
	if err != nil {
		return fmt.Errorf("cancellation notice %d: %w", t.ID, err)
	}
	p := OutboxPayload{Text: i18n.T(lang, "bot.cancelled", to, html.EscapeString(reason))}
	return enqueueFor(ctx, s, e, OutboxKindCancel, fmt.Sprintf("cancel:transfer:%d", t.ID), p)
}

// EnqueueDeadlineMoved tells the employee of an announced transfer that
// the round's objection deadline moved later (HR announced more proposals
// after the first deadline passed), with the new deadline in the time
// zone of their unit. Call it in the transaction that moves the deadline.
func EnqueueDeadlineMoved(ctx context.Context, s NoticeStore, t Transfer, r Round) error {
	if r.ObjectionDeadline == nil {
		return fmt.Errorf("deadline notice %d: round %d has no deadline", t.ID, r.ID)
	}
	e, err := s.Employee(ctx, t.EmployeeID)
	if err != nil {
		return fmt.Errorf("deadline notice %d: %w", t.ID, err)
	}
	zone := WIB
	if u, err := s.Unit(ctx, t.FromUnitID); err == nil {
		zone = u.TimeZone
	}
	lang := i18n.Parse(e.Language)
	p := OutboxPayload{
		Text:    i18n.T(lang, "bot.deadline_moved", html.EscapeString(r.Name), FormatTime(lang, *r.ObjectionDeadline, zone)),
		Buttons: [][]OutboxButton{{{Text: i18n.T(lang, "bot.btn.detail"), Action: ButtonDetail, ID: t.ID}}},
	}
	key := fmt.Sprintf("deadline:transfer:%d:%d", t.ID, r.ObjectionDeadline.Unix())
	return enqueueFor(ctx, s, e, OutboxKindDeadline, key, p)
}

// EnqueueSurveyInvitation invites the employee to answer a survey wave, or
// reminds them (reminder > 0 is the reminder's number). Call it in the
// transaction that records the invitation or reminder as sent.
func EnqueueSurveyInvitation(ctx context.Context, s NoticeStore, inv SurveyInvitation, reminder int) error {
	e, err := s.Employee(ctx, inv.EmployeeID)
	if err != nil {
		return fmt.Errorf("survey invitation %d: %w", inv.ID, err)
	}
	m, err := SurveyInvitationMessage(e, inv, reminder)
	if err != nil {
		return err
	}
	if _, err := s.Enqueue(ctx, &m); err != nil {
		return fmt.Errorf("enqueue %s: %w", m.Kind, err)
	}
	return nil
}

// SurveyInvitationMessage returns, without storing it, the outbox message
// that invites employee e to answer inv's survey, or reminds them
// (reminder > 0 is the reminder's number). Its dedup key names the
// invitation and the reminder, so a message is stored once however often
// it is built.
func SurveyInvitationMessage(e Employee, inv SurveyInvitation, reminder int) (OutboxMessage, error) {
	lang := i18n.Parse(e.Language)
	kind, text := OutboxKindSurvey, i18n.T(lang, "bot.survey.invite")
	if reminder > 0 {
		kind, text = OutboxKindSurveyRemind, i18n.T(lang, "bot.survey.remind")
	}
	p := OutboxPayload{Text: text,
		Buttons: [][]OutboxButton{{{Text: i18n.T(lang, "bot.btn.survey"), Action: ButtonSurvey, ID: inv.ID}}}}
	return messageFor(e, kind, fmt.Sprintf("survey:invitation:%d:%d", inv.ID, reminder), p)
}

// EnqueueAnnouncement puts HR's announcement number id, a plain text, in
// the outbox for employee e (see AnnouncementMessage); repeating a call
// sends nothing twice. It returns a validation error for an empty text or
// one longer than MaxAnnouncementRunes.
func EnqueueAnnouncement(ctx context.Context, s NoticeStore, e Employee, id int64, text string) error {
	m, err := AnnouncementMessage(e, Announcement{ID: id, Text: text})
	if err != nil {
		return err
	}
	if _, err := s.Enqueue(ctx, &m); err != nil {
		return fmt.Errorf("enqueue %s: %w", m.Kind, err)
	}
	return nil
}

// enqueueFor stores p for e. An employee who has not linked Telegram yet
// gets chat id 0: the message waits until they link (see the bot store's
// link method, which hands such messages their chat).
func enqueueFor(ctx context.Context, s NoticeStore, e Employee, kind, key string, p OutboxPayload) error {
	m, err := messageFor(e, kind, key, p)
	if err != nil {
		return err
	}
	if _, err := s.Enqueue(ctx, &m); err != nil {
		return fmt.Errorf("enqueue %s: %w", kind, err)
	}
	return nil
}

// messageFor builds the outbox message carrying p to e (chat id 0 while e
// has not linked Telegram).
func messageFor(e Employee, kind, key string, p OutboxPayload) (OutboxMessage, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return OutboxMessage{}, err
	}
	var chat int64
	if e.TelegramUserID != nil {
		chat = *e.TelegramUserID
	}
	id := e.ID
	return OutboxMessage{DedupKey: key, Kind: kind, EmployeeID: &id, ChatID: chat, Payload: string(b)}, nil
}

// TransferSummary describes a transfer in lang as HTML: from → to (unit and
// position), kind (with the end date of a temporary assignment), reason,
// effective date and objection deadline.
func TransferSummary(ctx context.Context, s NoticeStore, lang i18n.Lang, t Transfer, r Round) (string, error) {
	from, err := placeName(ctx, s, t.FromUnitID, t.FromPositionID)
	if err != nil {
		return "", err
	}
	to, err := placeName(ctx, s, t.ToUnitID, t.ToPositionID)
	if err != nil {
		return "", err
	}
	kind := i18n.T(lang, "bot.kind.permanent")
	if t.Kind == Temporary {
		kind = i18n.T(lang, "bot.kind.temporary", FormatDate(lang, t.EndDate))
	}
	reason := strings.TrimSpace(t.Reason)
	if reason == "" {
		reason = i18n.T(lang, "bot.notice.no_reason")
	}
	lines := []string{
		i18n.T(lang, "bot.notice.from", from),
		i18n.T(lang, "bot.notice.to", to),
		i18n.T(lang, "bot.notice.kind", kind),
		i18n.T(lang, "bot.notice.reason", html.EscapeString(reason)),
	}
	if !r.EffectiveDate.IsZero() {
		lines = append(lines, i18n.T(lang, "bot.notice.effective", FormatDate(lang, r.EffectiveDate)))
	}
	if r.ObjectionDeadline != nil {
		zone := WIB
		if u, err := s.Unit(ctx, t.FromUnitID); err == nil {
			zone = u.TimeZone
		}
		lines = append(lines, i18n.T(lang, "bot.notice.deadline", FormatTime(lang, *r.ObjectionDeadline, zone)))
	}
	return strings.Join(lines, "\n"), nil
}

// placeName returns "position, unit" as escaped HTML.
func placeName(ctx context.Context, s NoticeStore, unitID, positionID int64) (string, error) {
	u, err := s.Unit(ctx, unitID)
	if err != nil {
		return "", err
	}
	if positionID == 0 {
		return html.EscapeString(u.Name), nil
	}
	p, err := s.Position(ctx, positionID)
	if err != nil {
		return "", err
	}
	return html.EscapeString(p.Name + ", " + u.Name), nil
}

var monthNames = map[i18n.Lang][12]string{
	i18n.ID: {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
	i18n.EN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// FormatDate writes a date as people read it: "23 November 2026"; "-" for
// the zero Date.
func FormatDate(lang i18n.Lang, d Date) string {
	if d.IsZero() {
		return "-"
	}
	names, ok := monthNames[lang]
	if !ok {
		names = monthNames[i18n.ID]
	}
	return fmt.Sprintf("%d %s %d", d.Day, names[d.Month-1], d.Year)
}

// FormatTime writes a moment in zone z: "23 November 2026 16.00 WIB".
func FormatTime(lang i18n.Lang, t time.Time, z TimeZone) string {
	lt := t.In(z.Location())
	sep := "."
	if lang == i18n.EN {
		sep = ":"
	}
	return fmt.Sprintf("%s %02d%s%02d %s", FormatDate(lang, DateOf(lt)), lt.Hour(), sep, lt.Minute(), z)
}
