package core

import (
	"time"
	"unicode/utf8"
)

// OutboxStatus is where an outgoing message stands.
type OutboxStatus string

const (
	OutboxPending OutboxStatus = "pending" // waiting to be sent
	OutboxSending OutboxStatus = "sending" // claimed by a sender under a lease
	OutboxSent    OutboxStatus = "sent"
	OutboxFailed  OutboxStatus = "failed" // given up, with the reason
)

// OutboxMessage is a message the system initiates, persisted before it is
// sent. DedupKey makes enqueueing idempotent (e.g. "notice:transfer:42").
type OutboxMessage struct {
	ID                int64
	DedupKey          string
	Kind              string // notice, decision, decree, cancel, survey_invite, survey_remind, announcement
	EmployeeID        *int64
	ChatID            int64
	Payload           string // JSON: text, buttons, parse mode
	Status            OutboxStatus
	Attempts          int
	NextAttemptAt     time.Time
	LeaseOwner        string
	LeaseUntil        *time.Time
	TelegramMessageID *int64
	Error             string
	CreatedAt         time.Time
	SentAt            *time.Time
}

// UpdateStatus is where an inbound Telegram update stands.
type UpdateStatus string

const (
	UpdatePending UpdateStatus = "pending"
	UpdateDone    UpdateStatus = "done"
	UpdateFailed  UpdateStatus = "failed"
)

// InboundUpdate is a Telegram update persisted before it is processed, so
// none is lost and a redelivered one is applied once.
type InboundUpdate struct {
	UpdateID    int64
	Payload     []byte
	Status      UpdateStatus
	Attempts    int
	Error       string
	ReceivedAt  time.Time
	ProcessedAt *time.Time
}

// MaxReason bounds a written reason, in characters: of a change in the
// audit log, of a transfer's change of status, of a manual proposal.
const MaxReason = 2000

// AuditEntry is an append-only record of an action.
type AuditEntry struct {
	ID         int64
	At         time.Time
	Actor      Actor
	Action     string // e.g. employee.create, transfer.edit, round.approve
	ObjectType string
	ObjectID   string
	Before     string // JSON, empty when created
	After      string // JSON, empty when deleted
	Reason     string
}

// Validate checks that the entry names its actor and action and that its
// reason is at most MaxReason characters.
func (a *AuditEntry) Validate() error {
	v := &ValidationError{}
	if a.Actor == "" || a.Action == "" {
		v.Add("aktor", "err.required")
	}
	if utf8.RuneCountInString(a.Reason) > MaxReason {
		v.Add("alasan", "err.too_long", MaxReason)
	}
	return v.Err()
}
