// Package scheduler makes approved transfers take effect on their date and
// runs the survey waves after them: invitations and polite reminders inside
// working hours, until answered or expired. Its schedule lives in the
// database; work is claimed under leases so that several instances share
// it and every message is enqueued exactly once, in the same transaction
// as the state change that causes it.
package scheduler

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
	"github.com/seimbang/seimbang/core/schedule"
)

// Store is what the scheduler needs from persistence. The store handed to
// InTx's function must satisfy Store too (gormstore does).
type Store interface {
	InTx(ctx context.Context, fn func(tx core.Store) error) error
	// AdvanceSurveyInvitations hands fn a locked page of due invitations
	// and stores what fn returns in the same transaction; see gormstore.
	AdvanceSurveyInvitations(ctx context.Context, now time.Time, limit int,
		fn func(due []core.DueInvitation) ([]core.SurveyInvitation, []core.OutboxMessage, error)) (int, error)
	SaveSurveyInvitation(ctx context.Context, inv *core.SurveyInvitation, owner string) error
	SurveyInvitation(ctx context.Context, id int64) (core.SurveyInvitation, error)
	// MarkManualReminder records HR's one reminder by hand; a second one
	// is a *core.ConflictError.
	MarkManualReminder(ctx context.Context, invitationID int64, by core.Actor, at time.Time) error
	ApprovedTransfersDue(ctx context.Context, day core.Date) ([]core.Transfer, error)
	TemporaryTransfersEnding(ctx context.Context, day core.Date) ([]core.Transfer, error)
	SurveyWaves(ctx context.Context, roundID int64) ([]core.SurveyWave, error)
	CreateSurveyWave(ctx context.Context, w *core.SurveyWave) error
	CreateSurveyInvitation(ctx context.Context, inv *core.SurveyInvitation) (bool, error)
	DefaultSurveyTemplate(ctx context.Context) (core.SurveyTemplate, error)
	// RoundSurveyTemplate returns the template chosen for the round, 0 for
	// the default one.
	RoundSurveyTemplate(ctx context.Context, roundID int64) (int64, error)
	CreateSurveyTemplate(ctx context.Context, t *core.SurveyTemplate) error

	Transfer(ctx context.Context, id int64) (core.Transfer, error)
	SaveTransition(ctx context.Context, t *core.Transfer, ev core.TransferEvent) error
	Employee(ctx context.Context, id int64) (core.Employee, error)
	UpdateEmployee(ctx context.Context, e *core.Employee) error
	Unit(ctx context.Context, id int64) (core.Unit, error)
	Position(ctx context.Context, id int64) (core.Position, error)
	Round(ctx context.Context, id int64) (core.Round, error)
	Enqueue(ctx context.Context, m *core.OutboxMessage) (bool, error)
	AppendAudit(ctx context.Context, a *core.AuditEntry) error
	// Transfers, with the snapshot store, decide and record the imbalance
	// once a round has fully taken effect.
	Transfers(ctx context.Context, f core.TransferFilter) ([]core.Transfer, error)
	evaluation.SnapshotStore
}

// Scheduler does the timed work. Create it with New and call Run, or Tick
// from tests with a fake clock.
type Scheduler struct {
	store  Store
	policy schedule.Policy
	clock  core.Clock
	log    *slog.Logger
	batch  int
	tick   time.Duration
	// effectiveMinutes is the regency's ABK effective time (0: the
	// guideline's), for the imbalance recorded when a round took effect.
	effectiveMinutes float64
	// holidays refreshes policy.Calendar.Holidays; nil keeps them fixed.
	holidays func(ctx context.Context) (map[core.Date]bool, error)
}

// Config sets up a Scheduler.
type Config struct {
	Policy schedule.Policy
	Clock  core.Clock
	Log    *slog.Logger
	Batch  int           // invitations per page, default 500
	Tick   time.Duration // how often Run looks, default 1 minute
	// Holidays, when set, is asked for the public holidays at every tick,
	// so that HR's changes apply without a restart.
	Holidays func(ctx context.Context) (map[core.Date]bool, error)
	// EffectiveMinutes is the regency's ABK effective working time a year
	// (0: the guideline's), for a round's imbalance after it took effect
	// when no figures were recorded at its announcement.
	EffectiveMinutes float64
}

// New returns a scheduler.
func New(s Store, c Config) *Scheduler {
	if c.Clock == nil {
		c.Clock = core.SystemClock{}
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.Batch <= 0 {
		c.Batch = 500
	}
	if c.Tick <= 0 {
		c.Tick = time.Minute
	}
	return &Scheduler{store: s, policy: c.Policy, clock: c.Clock, log: c.Log, batch: c.Batch, tick: c.Tick, holidays: c.Holidays,
		effectiveMinutes: c.EffectiveMinutes}
}

// Run ticks until ctx ends. A failed tick is logged and retried at the
// next one; nothing is lost because the schedule is in the database.
func (s *Scheduler) Run(ctx context.Context) error {
	t := time.NewTicker(s.tick)
	defer t.Stop()
	for {
		if _, err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.log.ErrorContext(ctx, "scheduler tick failed", slog.String("error", err.Error()))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Report counts what one tick did.
type Report struct {
	Effective, Ended, Invited, Reminded, Expired, Unreachable int
}

// Tick does everything due at the clock's now: transfers taking effect,
// temporary assignments ending, then invitations, reminders and expiries.
func (s *Scheduler) Tick(ctx context.Context) (Report, error) {
	var rep Report
	now := s.clock.Now()
	if s.holidays != nil {
		h, err := s.holidays(ctx)
		if err != nil {
			return rep, err
		}
		s.policy.Calendar.Holidays = h
	}
	if err := s.takeEffect(ctx, now, &rep); err != nil {
		return rep, err
	}
	if err := s.endTemporary(ctx, now, &rep); err != nil {
		return rep, err
	}
	for {
		var page Report // counted once the page is committed
		n, err := s.store.AdvanceSurveyInvitations(ctx, now, s.batch, func(due []core.DueInvitation) ([]core.SurveyInvitation, []core.OutboxMessage, error) {
			page = Report{}
			return s.advance(due, now, &page)
		})
		if err != nil {
			return rep, err
		}
		rep.Invited += page.Invited
		rep.Reminded += page.Reminded
		rep.Expired += page.Expired
		rep.Unreachable += page.Unreachable
		if n == 0 {
			return rep, nil
		}
		if ctx.Err() != nil {
			return rep, ctx.Err()
		}
	}
}

// txStore returns the transaction's store as the scheduler's Store.
func txStore(tx core.Store) (Store, error) {
	st, ok := tx.(Store)
	if !ok {
		return nil, fmt.Errorf("scheduler: the store's transaction (%T) lacks the scheduler's methods", tx)
	}
	return st, nil
}
