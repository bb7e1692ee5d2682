package bot

import (
	"context"
	"time"

	"github.com/seimbang/seimbang/core"
)

// Store is what the bot needs from the database. The GORM store implements
// it; cmd wires it in. Methods return core.ErrNotFound (wrapped) for a
// missing object.
type Store interface {
	UpdateStore
	OutboxSenderStore
	core.NoticeStore

	EmployeeByTelegram(ctx context.Context, userID int64) (core.Employee, error)
	// EmployeesByPhone returns the active employees whose phone on record
	// is phone (normalised, +62…).
	EmployeesByPhone(ctx context.Context, phone string) ([]core.Employee, error)
	// LinkTelegram links the employee to a Telegram user at at and hands
	// the employee's waiting outbox messages their chat. A user already
	// linked to another employee is a *core.ConflictError.
	LinkTelegram(ctx context.Context, employeeID, userID int64, at time.Time) error
	// UnlinkTelegram removes the employee's Telegram link.
	UnlinkTelegram(ctx context.Context, employeeID int64) error
	// SetEmployeeLanguage stores the bot language ("id" or "en").
	SetEmployeeLanguage(ctx context.Context, employeeID int64, lang string) error
	UseLinkCode(ctx context.Context, hash string, now time.Time) (core.LinkCode, error)
	AppendAudit(ctx context.Context, a *core.AuditEntry) error

	Transfer(ctx context.Context, id int64) (core.Transfer, error)
	Transfers(ctx context.Context, f core.TransferFilter) ([]core.Transfer, error)
	TransferEvents(ctx context.Context, transferID int64) ([]core.TransferEvent, error)
	// AcknowledgeTransfer records the employee's acknowledgement at at,
	// once; it reports whether this call recorded it.
	AcknowledgeTransfer(ctx context.Context, transferID int64, at time.Time) (bool, error)
	// SubmitObjection stores o and moves its announced transfer to
	// objected in one transaction, recording the employee as the actor.
	// It returns core.ErrInvalidState when the transfer is not announced.
	SubmitObjection(ctx context.Context, o *core.Objection, at time.Time) error
	Objections(ctx context.Context, f core.ObjectionFilter) ([]core.Objection, error)

	Preference(ctx context.Context, employeeID int64) (core.Preference, error)
	// PreferenceLock returns the round that holds the employee's
	// preferences, and true: an announced round, not yet approved, whose
	// scope covers them or that proposes to move them. False when none.
	PreferenceLock(ctx context.Context, employeeID int64) (core.Round, bool, error)
	// SaveOpenPreference saves p unless a round holds the employee's
	// preferences, checking and saving in one transaction; when one does
	// it saves nothing and returns that round and true.
	SaveOpenPreference(ctx context.Context, p *core.Preference) (core.Round, bool, error)
	// SearchUnits returns one page of the units whose name or code contains
	// query (all when empty), by name, and how many match in all.
	SearchUnits(ctx context.Context, query string, offset, limit int) ([]core.Unit, int, error)

	// OpenSurveyInvitations returns the employee's invitations that wait
	// for answers (status invited), oldest first.
	OpenSurveyInvitations(ctx context.Context, employeeID int64) ([]core.SurveyInvitation, error)
	// SurveyInvitation returns one invitation, or ErrNotFound.
	SurveyInvitation(ctx context.Context, id int64) (core.SurveyInvitation, error)
	// SurveyFormOf returns the template (with its questions in order) of
	// the invitation's wave.
	SurveyFormOf(ctx context.Context, invitationID int64) (core.SurveyTemplate, error)
	// SaveSurveyAnswer stores the answer to question number a.Seq of an
	// invited invitation whose progress is a.Seq-1, and advances the
	// progress; the last answer marks it answered. An anonymous template's
	// answer is stored without the invitation. It returns
	// core.ErrInvalidState when the question was answered already or the
	// invitation is no longer open.
	SaveSurveyAnswer(ctx context.Context, a core.SurveyAnswer) error
}

// UpdateStore persists incoming Telegram updates so that none is lost and
// each is applied once.
type UpdateStore interface {
	// SaveUpdate stores an update as pending unless its id is known; it
	// reports whether it was new, and the stored status.
	SaveUpdate(ctx context.Context, id int64, payload []byte, at time.Time) (bool, core.UpdateStatus, error)
	// SaveUpdates saves a batch (UpdateID, Payload, ReceivedAt) in one
	// transaction and reports for each, in order, whether it was new and
	// its stored status.
	SaveUpdates(ctx context.Context, ups []core.InboundUpdate) (isNew []bool, status []core.UpdateStatus, err error)
	InboundUpdate(ctx context.Context, id int64) (core.InboundUpdate, error)
	// FinishUpdate marks a pending update done or failed.
	FinishUpdate(ctx context.Context, id int64, status core.UpdateStatus, reason string, at time.Time) error
	// FinishUpdates marks the pending updates among ids done.
	FinishUpdates(ctx context.Context, ids []int64, at time.Time) error
	// RetryUpdate counts a failed attempt and leaves the update pending.
	RetryUpdate(ctx context.Context, id int64, reason string) (attempts int, err error)
	// PendingUpdates returns the ids of pending updates received before
	// before, oldest first.
	PendingUpdates(ctx context.Context, before time.Time, limit int) ([]int64, error)
	// PruneUpdates deletes up to limit handled updates received before
	// before, and returns how many.
	PruneUpdates(ctx context.Context, before time.Time, limit int) (int, error)
}

// OutboxSenderStore is what the sender needs: leased claims and outcomes.
type OutboxSenderStore interface {
	// ClaimOutbox leases up to n due messages (pending with next_attempt_at
	// ≤ now and a chat, or sending with an expired lease) to owner until
	// now+lease and returns them. Several senders never get one message.
	ClaimOutbox(ctx context.Context, owner string, now time.Time, lease time.Duration, n int) ([]core.OutboxMessage, error)
	// ReleaseOutbox puts every message leased to owner back to pending and
	// returns how many: a sender restarting under the same name takes back
	// what its previous life held, without waiting for the leases to end.
	ReleaseOutbox(ctx context.Context, owner string) (int, error)
	// MarkOutboxSent records delivery with Telegram's message id.
	MarkOutboxSent(ctx context.Context, id int64, owner string, messageID int64, at time.Time) error
	// RetryOutbox puts a message back to pending until next, counting an
	// attempt when counted is set.
	RetryOutbox(ctx context.Context, id int64, owner string, next time.Time, reason string, counted bool) error
	// FailOutbox gives a message up with the reason.
	FailOutbox(ctx context.Context, id int64, owner string, reason string) error
	// SetUnreachable marks the employee unreachable at at (nil: reachable).
	SetUnreachable(ctx context.Context, employeeID int64, at *time.Time) error
}

// ConvState keeps each user's conversation state for a while; it may lose
// it at any time (expiry, a Redis restart), and the bot then starts over.
type ConvState interface {
	// LoadState returns the state stored for key, or nil when there is none.
	LoadState(ctx context.Context, key string) ([]byte, error)
	SaveState(ctx context.Context, key string, value []byte, ttl time.Duration) error
	DeleteState(ctx context.Context, key string) error
}

// Limiter counts events and paces sends, shared by every instance.
type Limiter interface {
	// Allow counts one event for key and reports whether at most limit
	// happened in the current window.
	Allow(ctx context.Context, key string, limit int, window time.Duration) (bool, error)
	// Reserve books the next slot of a rate of perSecond for key and
	// returns how long to wait for it; when that would exceed maxWait it
	// books nothing and returns the wait with ok false.
	Reserve(ctx context.Context, key string, perSecond float64, maxWait time.Duration) (wait time.Duration, ok bool, err error)
	// Pause keeps key's rate from booking a slot earlier than d from now.
	Pause(ctx context.Context, key string, d time.Duration) error
	// Lock takes key for ttl if free, reporting whether it did; Unlock
	// frees it.
	Lock(ctx context.Context, key string, ttl time.Duration) (bool, error)
	Unlock(ctx context.Context, key string) error
}
