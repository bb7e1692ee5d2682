// Package round is the transfer round workflow of HR: open a round, let
// the planner propose, review, announce to the employees, decide their
// objections (with a replacement proposal on uphold), and approve the
// decree. Every step changes the transfers, their history, the audit log
// and the outbox in one transaction, so that an employee is told exactly
// when the change they are told about is saved.
package round

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/planner"
	"github.com/seimbang/seimbang/core/planning"
)

// Store is what the workflow needs; the store handed to InTx's function
// must satisfy it too (gormstore does).
type Store interface {
	core.Store
	planning.Store
	evaluation.SnapshotStore
	DeleteDraftProposals(ctx context.Context, roundID int64) (int, error)
}

// Service runs the workflow.
type Service struct {
	Store Store
	Clock core.Clock
	// EffectiveMinutes is the regency's ABK effective time (0: default).
	EffectiveMinutes float64
}

func (s *Service) now() time.Time {
	if s.Clock == nil {
		return time.Now().UTC()
	}
	return s.Clock.Now().UTC()
}

// tx runs fn in one transaction with the workflow's store.
func (s *Service) tx(ctx context.Context, fn func(st Store) error) error {
	return s.Store.InTx(ctx, func(tx core.Store) error {
		st, ok := tx.(Store)
		if !ok {
			return fmt.Errorf("round: the store's transaction (%T) lacks the workflow's methods", tx)
		}
		return fn(st)
	})
}

// NewRound is what HR gives to open a round.
type NewRound struct {
	Name              string
	UnitCodes         []string // the scope; empty for the whole regency
	Params            string   // planner parameters as JSON; empty for the defaults
	ObjectionDeadline *time.Time
	EffectiveDate     core.Date
}

// Create opens a round after checking its name, scope and parameters; it
// returns a *core.ValidationError listing every problem.
func (s *Service) Create(ctx context.Context, in NewRound, by core.Actor) (core.Round, error) {
	r, v, err := s.check(ctx, in, by)
	if err != nil {
		return core.Round{}, err
	}
	if err := v.Err(); err != nil {
		return core.Round{}, err
	}
	err = s.tx(ctx, func(st Store) error {
		if err := st.CreateRound(ctx, &r); err != nil {
			return err
		}
		return audit(ctx, st, s.now(), by, "round.create", r.ID, "", r, "")
	})
	return r, err
}

// Check returns every problem Create would find in in, as a
// *core.ValidationError, without storing anything; nil when there is none.
func (s *Service) Check(ctx context.Context, in NewRound) error {
	_, v, err := s.check(ctx, in, "")
	if err != nil {
		return err
	}
	return v.Err()
}

func (s *Service) check(ctx context.Context, in NewRound, by core.Actor) (core.Round, *core.ValidationError, error) {
	r := core.Round{Name: in.Name, Params: strings.TrimSpace(in.Params), ObjectionDeadline: in.ObjectionDeadline,
		EffectiveDate: in.EffectiveDate, CreatedBy: string(by)}
	v := &core.ValidationError{}
	for _, code := range in.UnitCodes {
		u, err := s.Store.UnitByCode(ctx, code)
		if errors.Is(err, core.ErrNotFound) {
			v.Add("unit_codes", "err.unit_not_found", code)
			continue
		} else if err != nil {
			return r, nil, err
		}
		r.UnitIDs = append(r.UnitIDs, u.ID)
	}
	if _, err := planning.Params(&r, s.EffectiveMinutes); err != nil {
		ve, _ := core.AsValidation(err)
		v.Merge(0, ve)
	}
	if in.ObjectionDeadline != nil && !in.ObjectionDeadline.After(s.now()) {
		v.Add("objection_deadline", "err.deadline_past")
	}
	if err := r.Validate(); err != nil {
		ve, _ := core.AsValidation(err)
		v.Merge(0, ve)
	}
	return r, v, nil
}

// Plan runs the planner for a draft or planned round and stores its
// proposals as draft transfers, replacing the planner's earlier drafts
// (manual proposals stay). It returns the plan.
func (s *Service) Plan(ctx context.Context, roundID int64, by core.Actor) (*planner.Plan, error) {
	var plan *planner.Plan
	err := s.tx(ctx, func(st Store) error {
		r, err := st.Round(ctx, roundID)
		if err != nil {
			return err
		}
		if r.Status != core.RoundDraft && r.Status != core.RoundPlanned {
			return fmt.Errorf("plan round %d in status %s: %w", r.ID, r.Status, core.ErrInvalidState)
		}
		if _, err := st.DeleteDraftProposals(ctx, r.ID); err != nil {
			return err
		}
		day := r.EffectiveDate
		if day.IsZero() {
			day = core.DateOf(s.now())
		}
		params, err := planning.Params(&r, s.EffectiveMinutes)
		if err != nil {
			return err
		}
		in, err := planning.Load(ctx, st, &r, day)
		if err != nil {
			return fmt.Errorf("load planner instance: %w", err)
		}
		// Whoever still has a transfer in the round (a manual proposal, a
		// rejected or announced one) is not planned again: one transfer
		// per employee and round.
		rest, err := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID})
		if err != nil {
			return err
		}
		held := make(map[int64]bool, len(rest))
		for _, t := range rest {
			held[t.EmployeeID] = true
		}
		for i := range in.Employees {
			if held[in.Employees[i].ID] {
				in.Employees[i].InActiveTransfer = true
			}
		}
		p, err := planner.Propose(in, params)
		if err != nil {
			return err
		}
		for _, pr := range p.Proposals {
			x, err := json.Marshal(pr.Explanation)
			if err != nil {
				return err
			}
			t := core.Transfer{RoundID: r.ID, EmployeeID: pr.EmployeeID, FromUnitID: pr.FromUnitID,
				FromPositionID: pr.FromPositionID, ToUnitID: pr.ToUnitID, ToPositionID: pr.ToPositionID,
				Kind: core.Permanent, Reason: pr.Explanation.Text(i18n.ID), Explanation: string(x)}
			if err := st.CreateTransfer(ctx, &t, core.ActorPlanner, i18n.T(i18n.ID, "round.reason_planned")); err != nil {
				return err
			}
		}
		r.Status = core.RoundPlanned
		if err := st.UpdateRound(ctx, &r); err != nil {
			return err
		}
		figures, _ := json.Marshal(map[string]any{"before": p.Before, "after": p.After, "gap_closure": p.GapClosure})
		if err := st.SaveImbalanceSnapshot(ctx, r.ID, "planned", string(figures), s.now()); err != nil {
			return err
		}
		plan = p
		return audit(ctx, st, s.now(), by, "round.plan", r.ID, "", map[string]any{"proposals": len(p.Proposals),
			"gap_closure": p.GapClosure, "optimal": p.Certificate != nil && p.Certificate.Optimal}, "")
	})
	return plan, err
}

// Reject cancels one draft proposal with HR's reason.
func (s *Service) Reject(ctx context.Context, transferID int64, reason string, by core.Actor) error {
	return s.tx(ctx, func(st Store) error {
		t, err := st.Transfer(ctx, transferID)
		if err != nil {
			return err
		}
		if t.Status != core.TransferDraft {
			return fmt.Errorf("reject transfer %d in status %s: %w", t.ID, t.Status, core.ErrInvalidState)
		}
		return transition(ctx, st, &t, core.TransferCancelled, by, s.now(), reason, "transfer.reject")
	})
}

// Announce tells every employee with a draft proposal in the round: each
// transfer becomes announced and its notice enters the outbox in the same
// transaction. The round's objection deadline must lie in the future.
// A non-nil deadline becomes the round's new one first: that is how
// proposals made after the first deadline passed (a replacement for an
// upheld objection) are announced with time to object. It may only move
// the deadline later, so that nobody already told loses time, and those
// told are told of the new deadline. It returns how many were announced.
func (s *Service) Announce(ctx context.Context, roundID int64, deadline *time.Time, by core.Actor) (int, error) {
	n := 0
	err := s.tx(ctx, func(st Store) error {
		r, err := st.Round(ctx, roundID)
		if err != nil {
			return err
		}
		if r.Status != core.RoundPlanned && r.Status != core.RoundAnnounced {
			return fmt.Errorf("announce round %d in status %s: %w", r.ID, r.Status, core.ErrInvalidState)
		}
		now := s.now()
		var moved *time.Time // the earlier deadline, when this call moves it
		switch {
		case deadline != nil && !deadline.After(now):
			return core.Invalid("objection_deadline", "err.deadline_past")
		case deadline != nil && r.ObjectionDeadline != nil && deadline.Before(*r.ObjectionDeadline):
			return core.Invalid("objection_deadline", "err.deadline_earlier")
		case deadline != nil:
			moved, r.ObjectionDeadline = r.ObjectionDeadline, deadline
		case r.ObjectionDeadline != nil && !r.ObjectionDeadline.After(now):
			return core.Invalid("objection_deadline", "err.deadline_extend")
		case r.ObjectionDeadline == nil:
			return core.Invalid("objection_deadline", "err.deadline_past")
		}
		if moved != nil && r.ObjectionDeadline.After(*moved) {
			// Those told already learn that they have longer to object.
			told, err := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{core.TransferAnnounced}})
			if err != nil {
				return err
			}
			for _, t := range told {
				if err := core.EnqueueDeadlineMoved(ctx, st, t, r); err != nil {
					return err
				}
			}
		}
		drafts, err := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{core.TransferDraft}})
		if err != nil {
			return err
		}
		for _, t := range drafts {
			if err := transition(ctx, st, &t, core.TransferAnnounced, by, s.now(), "", ""); err != nil {
				return err
			}
			if err := core.EnqueueTransferNotice(ctx, st, t); err != nil {
				return err
			}
			n++
		}
		if r.AnnouncedAt == nil {
			r.AnnouncedAt = &now
		}
		r.Status = core.RoundAnnounced
		if err := st.UpdateRound(ctx, &r); err != nil {
			return err
		}
		if err := evaluation.RecordSnapshot(ctx, st, r, evaluation.LabelAnnounced, s.EffectiveMinutes, now); err != nil {
			return err
		}
		after := map[string]any{"announced": n}
		if deadline != nil {
			after["objection_deadline"], after["objection_deadline_before"] = deadline.UTC(), moved
		}
		return audit(ctx, st, now, by, "round.announce", r.ID, "", after, "")
	})
	return n, err
}

// Decision is HR's answer to an objection.
type Decision struct {
	Uphold bool
	Answer string // the written answer the employee receives
}

// Decide records HR's decision on a pending objection and tells the
// employee. Upheld: the transfer is cancelled. Rejected: it goes back to
// announced and proceeds to the decree. It returns a *core.ValidationError
// without a written answer.
func (s *Service) Decide(ctx context.Context, objectionID int64, d Decision, by core.Actor) error {
	d.Answer = strings.TrimSpace(d.Answer)
	if d.Answer == "" {
		return core.Invalid("answer", "err.required")
	}
	if len([]rune(d.Answer)) > 2000 {
		return core.Invalid("answer", "err.too_long", 2000)
	}
	return s.tx(ctx, func(st Store) error {
		o, err := st.Objection(ctx, objectionID)
		if err != nil {
			return err
		}
		now := s.now()
		o.Status, o.Answer, o.DecidedBy, o.DecidedAt = core.ObjectionRejected, d.Answer, by, &now
		to := core.TransferAnnounced
		if d.Uphold {
			o.Status, to = core.ObjectionUpheld, core.TransferCancelled
		}
		if err := st.DecideObjection(ctx, &o); err != nil {
			return err
		}
		t, err := st.Transfer(ctx, o.TransferID)
		if err != nil {
			return err
		}
		reason := i18n.T(i18n.ID, "round.reason_objection", o.Receipt, d.Answer)
		if err := transition(ctx, st, &t, to, by, now, reason, "objection.decide"); err != nil {
			return err
		}
		return core.EnqueueObjectionDecision(ctx, st, o)
	})
}

// Replacement asks the planner who should fill the slot an upheld
// objection left open, keeping every other proposal of the round as it
// is, and stores the answer as a new draft proposal. It returns the new
// transfer, or ErrNotFound (wrapped) when nobody can fill the slot without
// widening the gap.
func (s *Service) Replacement(ctx context.Context, objectionID int64, by core.Actor) (core.Transfer, error) {
	var out core.Transfer
	err := s.tx(ctx, func(st Store) error {
		o, err := st.Objection(ctx, objectionID)
		if err != nil {
			return err
		}
		if o.Status != core.ObjectionUpheld {
			return fmt.Errorf("replacement for objection %d in status %s: %w", o.ID, o.Status, core.ErrInvalidState)
		}
		objected, err := st.Transfer(ctx, o.TransferID)
		if err != nil {
			return err
		}
		r, err := st.Round(ctx, objected.RoundID)
		if err != nil {
			return err
		}
		p, err := planning.Params(&r, s.EffectiveMinutes)
		if err != nil {
			return err
		}
		day := r.EffectiveDate
		if day.IsZero() {
			day = core.DateOf(s.now())
		}
		in, err := planning.Load(ctx, st, &r, day)
		if err != nil {
			return err
		}
		kept, err := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{
			core.TransferDraft, core.TransferAnnounced, core.TransferObjected, core.TransferApproved}})
		if err != nil {
			return err
		}
		accepted := make([]planner.Proposal, 0, len(kept))
		for _, t := range kept {
			accepted = append(accepted, proposalOf(t))
		}
		// The kept proposals are part of the plan, not transfers that block
		// their employees; whoever has another transfer in the round (the
		// objector, a rejected proposal, a discarded replacement) cannot
		// be proposed in it again.
		all, err := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID})
		if err != nil {
			return err
		}
		inRound := map[int64]bool{}
		for _, t := range all {
			inRound[t.EmployeeID] = true
		}
		for i := range in.Employees {
			if inRound[in.Employees[i].ID] {
				in.Employees[i].InActiveTransfer = true
			}
			for _, t := range kept {
				if t.EmployeeID == in.Employees[i].ID {
					in.Employees[i].InActiveTransfer = false
				}
			}
		}
		rep, err := planner.Replace(in, p, accepted, proposalOf(objected))
		if err != nil {
			return err
		}
		if rep.Proposal == nil {
			return fmt.Errorf("replacement for objection %d (%d candidates): %w", o.ID, rep.Candidates, core.ErrNotFound)
		}
		x, err := json.Marshal(rep.Proposal.Explanation)
		if err != nil {
			return err
		}
		out = core.Transfer{RoundID: r.ID, EmployeeID: rep.Proposal.EmployeeID, FromUnitID: rep.Proposal.FromUnitID,
			FromPositionID: rep.Proposal.FromPositionID, ToUnitID: rep.Proposal.ToUnitID, ToPositionID: rep.Proposal.ToPositionID,
			Kind: core.Permanent, Reason: rep.Proposal.Explanation.Text(i18n.ID), Explanation: string(x)}
		reason := i18n.T(i18n.ID, "round.reason_replacement", o.Receipt)
		if err := st.CreateTransfer(ctx, &out, core.ActorPlanner, reason); err != nil {
			return err
		}
		return audit(ctx, st, s.now(), by, "transfer.replacement", out.ID, "", out, reason)
	})
	return out, err
}

func proposalOf(t core.Transfer) planner.Proposal {
	return planner.Proposal{EmployeeID: t.EmployeeID, FromPositionID: t.FromPositionID, FromUnitID: t.FromUnitID,
		ToPositionID: t.ToPositionID, ToUnitID: t.ToUnitID}
}

// Approve puts the round's announced transfers in the decree (SK) with its
// number and effective date and tells each employee. Pending objections
// must be decided first; it returns a *core.ValidationError naming them.
func (s *Service) Approve(ctx context.Context, roundID int64, sk string, effective core.Date, by core.Actor) (int, error) {
	sk = strings.TrimSpace(sk)
	v := &core.ValidationError{}
	if sk == "" {
		v.Add("sk_number", "err.required")
	}
	if effective.IsZero() {
		v.Add("effective_date", "err.required")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	n := 0
	err := s.tx(ctx, func(st Store) error {
		r, err := st.Round(ctx, roundID)
		if err != nil {
			return err
		}
		if r.Status != core.RoundAnnounced {
			return fmt.Errorf("approve round %d in status %s: %w", r.ID, r.Status, core.ErrInvalidState)
		}
		pending, err := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{core.TransferObjected}})
		if err != nil {
			return err
		}
		if len(pending) > 0 {
			return core.Invalid("objections", "err.objections_pending", len(pending))
		}
		now := s.now()
		r.Status, r.SKNumber, r.EffectiveDate, r.ApprovedAt = core.RoundApproved, sk, effective, &now
		if err := st.UpdateRound(ctx, &r); err != nil {
			return err
		}
		announced, err := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{core.TransferAnnounced}})
		if err != nil {
			return err
		}
		for _, t := range announced {
			if err := transition(ctx, st, &t, core.TransferApproved, by, now, "SK "+sk, ""); err != nil {
				return err
			}
			if err := core.EnqueueDecree(ctx, st, t); err != nil {
				return err
			}
			n++
		}
		return audit(ctx, st, now, by, "round.approve", r.ID, "", map[string]any{"sk_number": sk,
			"effective_date": effective.String(), "approved": n}, "")
	})
	return n, err
}

// transition moves t and stores the event, auditing it under action when
// action is not empty.
func transition(ctx context.Context, st Store, t *core.Transfer, to core.TransferStatus, by core.Actor, at time.Time, reason, action string) error {
	from := t.Status
	ev, err := t.Transition(to, by, at, reason)
	if err != nil {
		return err
	}
	if err := st.SaveTransition(ctx, t, ev); err != nil {
		return err
	}
	if action == "" {
		return nil
	}
	return st.AppendAudit(ctx, &core.AuditEntry{At: at, Actor: by, Action: action, ObjectType: "transfer",
		ObjectID: fmt.Sprint(t.ID), Before: fmt.Sprintf(`{"status":%q}`, from), After: fmt.Sprintf(`{"status":%q}`, to), Reason: reason})
}

func audit(ctx context.Context, st Store, at time.Time, by core.Actor, action string, id int64, before string, after any, reason string) error {
	b, err := json.Marshal(after)
	if err != nil {
		return err
	}
	objectType, _, _ := strings.Cut(action, ".")
	return st.AppendAudit(ctx, &core.AuditEntry{At: at, Actor: by, Action: action, ObjectType: objectType,
		ObjectID: fmt.Sprint(id), Before: before, After: string(b), Reason: reason})
}
