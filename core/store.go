package core

import (
	"context"
	"time"
)

// Store is everything the use-cases need from persistence. Implementations
// return ErrNotFound (wrapped) when an object does not exist and a
// *ConflictError (matching ErrConflict) when a unique rule is broken.
// Consumers should declare the narrower interface they need.
type Store interface {
	UnitStore
	PositionStore
	WorkloadStore
	EmployeeStore
	PreferenceStore
	RoundStore
	TransferStore
	ObjectionStore
	AuditStore
	AdminStore
	TokenStore
	LinkCodeStore
	OutboxStore

	// InTx runs fn in one transaction: every change fn makes through the
	// Store it is given is kept when fn returns nil and none when it fails.
	InTx(ctx context.Context, fn func(tx Store) error) error
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
}

// UnitStore persists units.
type UnitStore interface {
	CreateUnit(ctx context.Context, u *Unit) error
	UpdateUnit(ctx context.Context, u *Unit) error
	Unit(ctx context.Context, id int64) (Unit, error)
	UnitByCode(ctx context.Context, code string) (Unit, error)
	Units(ctx context.Context) ([]Unit, error)
}

// PositionFilter selects positions; zero values select all.
type PositionFilter struct {
	UnitID int64
}

// PositionStore persists positions.
type PositionStore interface {
	CreatePosition(ctx context.Context, p *Position) error
	UpdatePosition(ctx context.Context, p *Position) error
	Position(ctx context.Context, id int64) (Position, error)
	PositionByCode(ctx context.Context, code string) (Position, error)
	Positions(ctx context.Context, f PositionFilter) ([]Position, error)
}

// WorkloadStore persists ABK tasks.
type WorkloadStore interface {
	AddWorkloadTask(ctx context.Context, w *WorkloadTask) error
	// WorkloadTasks returns the tasks of one position, or of all when
	// positionID is 0.
	WorkloadTasks(ctx context.Context, positionID int64) ([]WorkloadTask, error)
	// ReplaceWorkloadTasks deletes a position's tasks and stores tasks instead.
	ReplaceWorkloadTasks(ctx context.Context, positionID int64, tasks []WorkloadTask) error
}

// EmployeeFilter selects and orders employees. Query matches NIP or name.
type EmployeeFilter struct {
	Query  string
	UnitID int64
	Active *bool
	Sort   string // "name" (default), "nip", "-name", "-nip", "tmt"
	Limit  int    // default 50, at most 500
	Offset int
}

// EmployeeStore persists employees.
type EmployeeStore interface {
	CreateEmployee(ctx context.Context, e *Employee) error
	UpdateEmployee(ctx context.Context, e *Employee) error
	Employee(ctx context.Context, id int64) (Employee, error)
	EmployeeByNIP(ctx context.Context, nip string) (Employee, error)
	EmployeeByTelegram(ctx context.Context, userID int64) (Employee, error)
	// Employees returns one page of the selected employees and how many
	// there are in all.
	Employees(ctx context.Context, f EmployeeFilter) ([]Employee, int, error)
}

// PreferenceStore persists preferences, one per employee.
type PreferenceStore interface {
	// SavePreference creates or replaces the employee's preference.
	SavePreference(ctx context.Context, p *Preference) error
	Preference(ctx context.Context, employeeID int64) (Preference, error)
}

// RoundStore persists rounds.
type RoundStore interface {
	CreateRound(ctx context.Context, r *Round) error
	UpdateRound(ctx context.Context, r *Round) error
	Round(ctx context.Context, id int64) (Round, error)
	Rounds(ctx context.Context) ([]Round, error)
}

// TransferFilter selects transfers; zero values select all.
type TransferFilter struct {
	RoundID    int64
	EmployeeID int64
	Statuses   []TransferStatus
	// Limit, when positive, returns at most that many transfers (the
	// lowest IDs), e.g. 1 to ask whether any transfer matches.
	Limit int
}

// TransferStore persists transfers and their status history.
type TransferStore interface {
	// CreateTransfer stores a new transfer and its first event.
	CreateTransfer(ctx context.Context, t *Transfer, by Actor, reason string) error
	Transfer(ctx context.Context, id int64) (Transfer, error)
	Transfers(ctx context.Context, f TransferFilter) ([]Transfer, error)
	// SaveTransition stores t's new status and ev, provided the stored status
	// is still ev.From; otherwise it returns ErrInvalidState.
	SaveTransition(ctx context.Context, t *Transfer, ev TransferEvent) error
	TransferEvents(ctx context.Context, transferID int64) ([]TransferEvent, error)
}

// ObjectionFilter selects objections; zero values select all.
type ObjectionFilter struct {
	Status     ObjectionStatus
	TransferID int64
	RoundID    int64
}

// ObjectionStore persists objections.
type ObjectionStore interface {
	CreateObjection(ctx context.Context, o *Objection) error
	Objection(ctx context.Context, id int64) (Objection, error)
	Objections(ctx context.Context, f ObjectionFilter) ([]Objection, error)
	// DecideObjection stores the decision on a pending objection; it returns
	// a *ConflictError (ErrConflict) when the objection was already decided.
	DecideObjection(ctx context.Context, o *Objection) error
}

// AuditFilter selects audit entries; zero values select all.
type AuditFilter struct {
	Actor      Actor
	Action     string
	ObjectType string
	ObjectID   string
	Since      time.Time
	Until      time.Time
	BeforeID   int64 // only entries older than this one: the next page of a listing
	Limit      int
}

// AuditStore appends to and reads the audit log. There is no update or
// delete: the log is append-only.
type AuditStore interface {
	AppendAudit(ctx context.Context, a *AuditEntry) error
	AuditEntries(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
}

// AdminStore persists admin users.
type AdminStore interface {
	CreateAdminUser(ctx context.Context, u *AdminUser) error
	UpdateAdminUser(ctx context.Context, u *AdminUser) error
	AdminUser(ctx context.Context, id int64) (AdminUser, error)
	AdminUserByEmail(ctx context.Context, email string) (AdminUser, error)
	CountAdminUsers(ctx context.Context) (int, error)
}

// TokenStore persists API tokens.
type TokenStore interface {
	CreateAPIToken(ctx context.Context, t *APIToken) error
	// APITokenByHash returns a token that is not revoked.
	APITokenByHash(ctx context.Context, hash string) (APIToken, error)
}

// LinkCodeStore persists Telegram link codes.
type LinkCodeStore interface {
	CreateLinkCode(ctx context.Context, c *LinkCode) error
	// UseLinkCode marks the unexpired, unused code with hash as used at now
	// and returns it; ErrNotFound when there is no such usable code.
	UseLinkCode(ctx context.Context, hash string, now time.Time) (LinkCode, error)
}

// OutboxStore persists outgoing messages.
type OutboxStore interface {
	// Enqueue stores m unless a message with its DedupKey exists; it reports
	// whether m was new. m.ID is set either way.
	Enqueue(ctx context.Context, m *OutboxMessage) (bool, error)
	OutboxMessage(ctx context.Context, id int64) (OutboxMessage, error)
}

// Clock tells the time; tests move a fake one instead of sleeping.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }
