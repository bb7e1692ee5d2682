package scheduler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// latestZone is the zone where a date begins first (WIT, UTC+9); every
// transfer due anywhere in Indonesia is due by that zone's date.
var latestZone = core.WIT.Location()

// takeEffect applies approved transfers whose effective date has begun in
// the target unit's zone.
func (s *Scheduler) takeEffect(ctx context.Context, now time.Time, rep *Report) error {
	due, err := s.store.ApprovedTransfersDue(ctx, core.DateOf(now.In(latestZone)))
	if err != nil {
		return err
	}
	for _, t := range due {
		done, err := s.applyTransfer(ctx, t.ID, now)
		if err != nil {
			return fmt.Errorf("transfer %d takes effect: %w", t.ID, err)
		}
		if done {
			rep.Effective++
		}
	}
	return nil
}

// applyTransfer moves the employee, records the transition, schedules the
// survey waves and tells the employee, all in one transaction. It reports
// false when the date has not begun in the target zone yet or another
// instance applied the transfer first.
func (s *Scheduler) applyTransfer(ctx context.Context, id int64, now time.Time) (bool, error) {
	applied := false
	err := s.store.InTx(ctx, func(tx core.Store) error {
		st, err := txStore(tx)
		if err != nil {
			return err
		}
		t, err := st.Transfer(ctx, id)
		if err != nil || t.Status != core.TransferApproved {
			return err
		}
		r, err := st.Round(ctx, t.RoundID)
		if err != nil {
			return err
		}
		to, err := st.Unit(ctx, t.ToUnitID)
		if err != nil {
			return err
		}
		loc := to.TimeZone.Location()
		if now.Before(r.EffectiveDate.In(loc)) {
			return nil
		}
		ev, err := t.Transition(core.TransferEffective, core.ActorScheduler, now, i18n.T(i18n.ID, "schedule.reason_effective", r.EffectiveDate.String()))
		if err != nil {
			return err
		}
		if err := st.SaveTransition(ctx, &t, ev); err != nil {
			if errors.Is(err, core.ErrInvalidState) {
				return nil // another instance was first
			}
			return err
		}
		e, err := st.Employee(ctx, t.EmployeeID)
		if err != nil {
			return err
		}
		before := placement(e)
		e.PositionID, e.UnitID = &t.ToPositionID, &t.ToUnitID
		if t.Kind == core.Permanent {
			e.TMTJabatan = r.EffectiveDate
		}
		if err := st.UpdateEmployee(ctx, &e); err != nil {
			return err
		}
		if err := audit(ctx, st, now, "employee.move", e.ID, before, placement(e), ev.Reason); err != nil {
			return err
		}
		if err := s.scheduleWaves(ctx, st, t, r.EffectiveDate, loc); err != nil {
			return err
		}
		if err := core.EnqueueTransferEffective(ctx, st, t, r.EffectiveDate); err != nil {
			return err
		}
		if err := s.snapshotWhenMoved(ctx, st, r, now); err != nil {
			return err
		}
		applied = true
		return nil
	})
	return applied, err
}

// endTemporary returns people from temporary assignments whose end date
// has begun in the assignment unit's zone.
func (s *Scheduler) endTemporary(ctx context.Context, now time.Time, rep *Report) error {
	due, err := s.store.TemporaryTransfersEnding(ctx, core.DateOf(now.In(latestZone)))
	if err != nil {
		return err
	}
	for _, t := range due {
		done, err := s.returnFromAssignment(ctx, t.ID, now)
		if err != nil {
			return fmt.Errorf("temporary transfer %d ends: %w", t.ID, err)
		}
		if done {
			rep.Ended++
		}
	}
	return nil
}

func (s *Scheduler) returnFromAssignment(ctx context.Context, id int64, now time.Time) (bool, error) {
	ended := false
	err := s.store.InTx(ctx, func(tx core.Store) error {
		st, err := txStore(tx)
		if err != nil {
			return err
		}
		t, err := st.Transfer(ctx, id)
		if err != nil || t.Status != core.TransferEffective || t.Kind != core.Temporary {
			return err
		}
		to, err := st.Unit(ctx, t.ToUnitID)
		if err != nil {
			return err
		}
		if now.Before(t.EndDate.In(to.TimeZone.Location())) {
			return nil
		}
		ev, err := t.Transition(core.TransferEnded, core.ActorScheduler, now, i18n.T(i18n.ID, "schedule.reason_ended", t.EndDate.String()))
		if err != nil {
			return err
		}
		if err := st.SaveTransition(ctx, &t, ev); err != nil {
			if errors.Is(err, core.ErrInvalidState) {
				return nil
			}
			return err
		}
		e, err := st.Employee(ctx, t.EmployeeID)
		if err != nil {
			return err
		}
		before := placement(e)
		e.PositionID, e.UnitID = &t.FromPositionID, &t.FromUnitID
		if err := st.UpdateEmployee(ctx, &e); err != nil {
			return err
		}
		if err := audit(ctx, st, now, "employee.return", e.ID, before, placement(e), ev.Reason); err != nil {
			return err
		}
		if err := core.EnqueueAssignmentEnded(ctx, st, t); err != nil {
			return err
		}
		ended = true
		return nil
	})
	return ended, err
}

// placement is the part of an employee a move changes, for the audit log.
func placement(e core.Employee) string {
	b, _ := json.Marshal(map[string]any{"position_id": e.PositionID, "unit_id": e.UnitID, "tmt_jabatan": e.TMTJabatan})
	return string(b)
}

func audit(ctx context.Context, st Store, now time.Time, action string, employeeID int64, before, after, reason string) error {
	return st.AppendAudit(ctx, &core.AuditEntry{At: now, Actor: core.ActorScheduler, Action: action,
		ObjectType: "employee", ObjectID: fmt.Sprint(employeeID), Before: before, After: after, Reason: reason})
}
