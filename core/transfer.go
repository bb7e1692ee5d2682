package core

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// TransferStatus is where a transfer stands in its life.
type TransferStatus string

const (
	TransferDraft     TransferStatus = "draft"     // proposed, under review
	TransferAnnounced TransferStatus = "announced" // the employee was told
	TransferObjected  TransferStatus = "objected"  // an objection is pending
	TransferApproved  TransferStatus = "approved"  // in the signed SK
	TransferEffective TransferStatus = "effective" // the employee moved
	TransferEnded     TransferStatus = "ended"     // a temporary assignment ended, the person returned
	TransferEvaluated TransferStatus = "evaluated" // surveys closed
	TransferCancelled TransferStatus = "cancelled"
)

// transitions is the transfer state machine of DESIGN.md:
//
//	draft → announced → (objected → upheld: cancelled, or revised back to
//	draft | rejected: announced) → approved → effective → evaluated,
//	or cancelled before it takes effect. A temporary assignment that has
//	run its course is ended before it is evaluated.
var transitions = map[TransferStatus][]TransferStatus{
	TransferDraft:     {TransferAnnounced, TransferCancelled},
	TransferAnnounced: {TransferObjected, TransferApproved, TransferCancelled},
	TransferObjected:  {TransferAnnounced, TransferDraft, TransferCancelled},
	TransferApproved:  {TransferEffective, TransferCancelled},
	TransferEffective: {TransferEnded, TransferEvaluated},
	TransferEnded:     {TransferEvaluated},
}

// TransferStatuses lists every status.
var TransferStatuses = []TransferStatus{TransferDraft, TransferAnnounced, TransferObjected,
	TransferApproved, TransferEffective, TransferEnded, TransferEvaluated, TransferCancelled}

// CanTransition reports whether a transfer may go from one status to another.
func CanTransition(from, to TransferStatus) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Active reports whether the transfer still binds the employee, so that no
// other transfer may be planned for them.
func (s TransferStatus) Active() bool {
	switch s {
	case TransferDraft, TransferAnnounced, TransferObjected, TransferApproved:
		return true
	}
	return false
}

// TransferKind is permanent or a temporary assignment.
type TransferKind string

const (
	Permanent TransferKind = "permanent"
	Temporary TransferKind = "temporary" // penugasan sementara, has an end date
)

// Transfer is one proposed or decided move of an employee.
type Transfer struct {
	ID             int64
	RoundID        int64
	EmployeeID     int64
	FromUnitID     int64
	FromPositionID int64
	ToUnitID       int64
	ToPositionID   int64
	Kind           TransferKind
	EndDate        Date // temporary assignments only
	Reason         string
	// Explanation is the planner's explanation as JSON.
	Explanation    string
	Manual         bool // proposed by a person, not the planner
	Status         TransferStatus
	AcknowledgedAt *time.Time
	// AcceptedAt and AcceptedBy record HR's review of a draft proposal.
	AcceptedAt *time.Time
	AcceptedBy Actor
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Validate checks the transfer's own fields.
func (t *Transfer) Validate() error {
	v := &ValidationError{}
	if t.EmployeeID == 0 {
		v.Add("pegawai", "err.required")
	}
	if t.RoundID == 0 {
		v.Add("periode", "err.required")
	}
	if t.ToPositionID == 0 {
		v.Add("jabatan_tujuan", "err.required")
	}
	if t.FromPositionID != 0 && t.FromPositionID == t.ToPositionID {
		v.Add("jabatan_tujuan", "err.same_position")
	}
	switch t.Kind {
	case "":
		t.Kind = Permanent
	case Permanent, Temporary:
	default:
		v.Add("jenis", "err.transfer_kind")
	}
	if t.Kind == Temporary && t.EndDate.IsZero() {
		v.Add("tanggal_selesai", "err.end_date_required")
	}
	if t.Kind == Permanent && !t.EndDate.IsZero() {
		v.Add("tanggal_selesai", "err.end_date_permanent")
	}
	if t.Manual && strings.TrimSpace(t.Reason) == "" {
		v.Add("alasan", "err.manual_reason")
	}
	if t.Status == "" {
		t.Status = TransferDraft
	}
	return v.Err()
}

// Actor names who caused a change: an admin ("admin:12"), an employee
// ("employee:34"), the planner or the scheduler.
type Actor string

const (
	ActorPlanner   Actor = "system:planner"
	ActorScheduler Actor = "system:scheduler"
	ActorSystem    Actor = "system"
)

// AdminActor returns the actor for an admin user.
func AdminActor(id int64) Actor { return Actor(fmt.Sprintf("admin:%d", id)) }

// EmployeeActor returns the actor for an employee.
func EmployeeActor(id int64) Actor { return Actor(fmt.Sprintf("employee:%d", id)) }

// TokenActor returns the actor for an API token.
func TokenActor(id int64) Actor { return Actor(fmt.Sprintf("token:%d", id)) }

// TransferEvent records one status change: who, when and why.
type TransferEvent struct {
	ID         int64
	TransferID int64
	From       TransferStatus
	To         TransferStatus
	Actor      Actor
	Reason     string
	At         time.Time
}

// Transition moves t to status to, recording who did it, when and why. It
// returns ErrInvalidState (an ErrConflict) when the state machine forbids
// the move, and a *ValidationError when a cancellation or revision lacks a
// reason or the actor is missing. On error t is unchanged.
func (t *Transfer) Transition(to TransferStatus, actor Actor, at time.Time, reason string) (TransferEvent, error) {
	if !CanTransition(t.Status, to) {
		return TransferEvent{}, &StateError{From: t.Status, To: to}
	}
	reason = strings.TrimSpace(reason)
	if actor == "" {
		return TransferEvent{}, Invalid("aktor", "err.required")
	}
	if reason == "" && (to == TransferCancelled || (t.Status == TransferObjected && to == TransferDraft)) {
		return TransferEvent{}, Invalid("alasan", "err.reason_required")
	}
	if utf8.RuneCountInString(reason) > MaxReason {
		return TransferEvent{}, Invalid("alasan", "err.too_long", MaxReason)
	}
	ev := TransferEvent{TransferID: t.ID, From: t.Status, To: to, Actor: actor, Reason: reason, At: at.UTC()}
	t.Status = to
	t.UpdatedAt = ev.At
	return ev, nil
}

// StateError is a forbidden status change. It matches ErrInvalidState and
// ErrConflict with errors.Is.
type StateError struct {
	From, To TransferStatus
}

func (e *StateError) Error() string {
	return fmt.Sprintf("transfer cannot go from %s to %s", e.From, e.To)
}

// Is makes errors.Is(err, ErrInvalidState) and errors.Is(err, ErrConflict) hold.
func (e *StateError) Is(target error) bool { return target == ErrInvalidState || target == ErrConflict }

// ObjectionCategory is why an employee objects.
type ObjectionCategory string

// ObjectionCategories lists the categories in the order the bot offers them.
var ObjectionCategories = []ObjectionCategory{"health", "family", "competency", "distance", "other"}

// ObjectionStatus is where an objection stands.
type ObjectionStatus string

const (
	ObjectionPending  ObjectionStatus = "pending"
	ObjectionUpheld   ObjectionStatus = "upheld"
	ObjectionRejected ObjectionStatus = "rejected"
)

// Objection is an employee's keberatan against a transfer.
type Objection struct {
	ID          int64
	TransferID  int64
	EmployeeID  int64
	Receipt     string // the receipt number the employee is given
	Category    ObjectionCategory
	Text        string
	Attachments []string // Telegram file ids
	Status      ObjectionStatus
	Answer      string // HR's written answer
	DecidedBy   Actor
	DecidedAt   *time.Time
	CreatedAt   time.Time
}

// MaxObjectionText bounds an objection's text.
const MaxObjectionText = 2000

// Validate checks the objection's own fields.
func (o *Objection) Validate() error {
	v := &ValidationError{}
	if o.TransferID == 0 {
		v.Add("mutasi", "err.required")
	}
	ok := false
	for _, c := range ObjectionCategories {
		ok = ok || c == o.Category
	}
	if !ok {
		v.Add("kategori", "err.objection_category")
	}
	o.Text = strings.TrimSpace(o.Text)
	if o.Text == "" {
		v.Add("alasan", "err.required")
	} else if len([]rune(o.Text)) > MaxObjectionText {
		v.Add("alasan", "err.too_long", MaxObjectionText)
	}
	if len(o.Attachments) > 5 {
		v.Add("lampiran", "err.too_many_attachments", 5)
	}
	if o.Status == "" {
		o.Status = ObjectionPending
	}
	return v.Err()
}
