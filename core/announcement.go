package core

import (
	"fmt"
	"html"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/seimbang/seimbang/core/i18n"
)

// MaxAnnouncementRunes bounds an announcement's text so that, with its
// heading, it fits one Telegram message (4,096 characters).
const MaxAnnouncementRunes = 3500

// Announcement is HR's message to every linked employee of some units and
// the units below them (every unit when UnitCodes is empty), sent through
// the outbox at the bot's rate.
type Announcement struct {
	ID        int64
	Text      string
	UnitCodes []string
	CreatedBy string
	CreatedAt time.Time
	// The audience when it was sent: the employees it was enqueued for,
	// and the active employees of the units it could not reach because
	// they had not linked Telegram or had blocked the bot.
	Recipients, NotLinked, Blocked int
}

// Validate trims the text and checks that it is there and fits one
// Telegram message.
func (a *Announcement) Validate() error {
	a.Text = strings.TrimSpace(a.Text)
	switch {
	case a.Text == "":
		return Invalid("text", "err.required")
	case utf8.RuneCountInString(a.Text) > MaxAnnouncementRunes:
		return Invalid("text", "err.too_long", MaxAnnouncementRunes)
	}
	return nil
}

// AnnouncementProgress is where an announcement's messages stand: waiting
// or being sent, delivered, failed, and failed because the employee had
// blocked the bot meanwhile (Blocked, not counted in Failed).
type AnnouncementProgress struct {
	Pending, Delivered, Failed, Blocked int
}

// Done reports whether every message has been delivered or given up.
func (p AnnouncementProgress) Done() bool { return p.Pending == 0 }

// Unreachable is how many employees of the announcement's units did not
// get it because of Telegram: not linked, or blocked the bot before or
// while it was sent.
func (a Announcement) Unreachable(p AnnouncementProgress) int {
	return a.NotLinked + a.Blocked + p.Blocked
}

// AnnouncementMessage returns, without storing it, the outbox message
// carrying announcement a to employee e: the heading and the escaped text.
// Its dedup key names the announcement and the employee.
func AnnouncementMessage(e Employee, a Announcement) (OutboxMessage, error) {
	if err := a.Validate(); err != nil {
		return OutboxMessage{}, err
	}
	lang := i18n.Parse(e.Language)
	p := OutboxPayload{Text: i18n.T(lang, "bot.announcement") + "\n\n" + html.EscapeString(a.Text)}
	return messageFor(e, OutboxKindAnnouncement, fmt.Sprintf("announcement:%d:%d", a.ID, e.ID), p)
}
