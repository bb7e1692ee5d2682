package round

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/planner"
	"github.com/seimbang/seimbang/core/planning"
)

// ReviewStore is what HR's review of the proposals writes beyond Store.
type ReviewStore interface {
	// ReviseDraftTransfer stores a draft's new target, reason, explanation
	// and manual flag; ErrInvalidState when it is no longer a draft.
	ReviseDraftTransfer(ctx context.Context, t *core.Transfer) error
	// AcceptTransfer marks a draft accepted; ErrInvalidState when it is no
	// longer a draft.
	AcceptTransfer(ctx context.Context, id int64, by core.Actor, at time.Time) error
	AddTransferComment(ctx context.Context, c *core.TransferComment) error
}

// reviewTx runs fn in one transaction with a store that can also review.
func (s *Service) reviewTx(ctx context.Context, fn func(st Store, rs ReviewStore) error) error {
	return s.tx(ctx, func(st Store) error {
		rs, ok := st.(ReviewStore)
		if !ok {
			return fmt.Errorf("round: the store's transaction (%T) cannot store reviews", st)
		}
		return fn(st, rs)
	})
}

// MaxReason bounds a written reason.
const MaxReason = core.MaxReason

// Accept records that HR reviewed a draft proposal and keeps it.
func (s *Service) Accept(ctx context.Context, transferID int64, by core.Actor) error {
	return s.reviewTx(ctx, func(st Store, rs ReviewStore) error {
		t, err := st.Transfer(ctx, transferID)
		if err != nil {
			return err
		}
		if t.Status != core.TransferDraft {
			return fmt.Errorf("accept transfer %d in status %s: %w", t.ID, t.Status, core.ErrInvalidState)
		}
		if err := rs.AcceptTransfer(ctx, t.ID, by, s.now()); err != nil {
			return err
		}
		return audit(ctx, st, s.now(), by, "transfer.accept", t.ID, "", map[string]any{"accepted": true}, "")
	})
}

// Assess checks moving the employee to the position in the round: the
// planner's hard rules, with the round's other live proposals applied
// (except the transfer being edited, exceptID), and the figures the move
// gives. An employee who already has another live proposal in the round
// is refused under planner.RuleActiveTransfer.
func (s *Service) Assess(ctx context.Context, roundID, employeeID, toPositionID, exceptID int64) (*planner.Assessment, error) {
	var a *planner.Assessment
	err := s.tx(ctx, func(st Store) error {
		r, err := st.Round(ctx, roundID)
		if err != nil {
			return err
		}
		a, err = s.assess(ctx, st, &r, employeeID, toPositionID, exceptID)
		return err
	})
	return a, err
}

func (s *Service) assess(ctx context.Context, st Store, r *core.Round, employeeID, toPositionID, exceptID int64) (*planner.Assessment, error) {
	p, err := planning.Params(r, s.EffectiveMinutes)
	if err != nil {
		return nil, err
	}
	day := r.EffectiveDate
	if day.IsZero() {
		day = core.DateOf(s.now())
	}
	in, err := planning.Load(ctx, st, r, day)
	if err != nil {
		return nil, err
	}
	kept, err := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{
		core.TransferDraft, core.TransferAnnounced, core.TransferObjected, core.TransferApproved}})
	if err != nil {
		return nil, err
	}
	accepted := make([]planner.Proposal, 0, len(kept))
	other := false
	for _, t := range kept {
		if t.ID == exceptID {
			continue
		}
		if t.EmployeeID == employeeID {
			other = true
			continue
		}
		accepted = append(accepted, proposalOf(t))
	}
	if _, err := st.Position(ctx, toPositionID); err != nil {
		return nil, fmt.Errorf("assess target: %w", core.Invalid("jabatan_tujuan", "err.unknown_reference", fmt.Sprint(toPositionID)))
	}
	a, err := planner.Assess(in, p, accepted, employeeID, toPositionID)
	if err != nil {
		return nil, err
	}
	if other && !contains(a.Rules, planner.RuleActiveTransfer) {
		a.Rules = append(a.Rules, planner.RuleActiveTransfer)
	}
	return a, nil
}

func contains(rules []planner.Rule, r planner.Rule) bool {
	for _, x := range rules {
		if x == r {
			return true
		}
	}
	return false
}

// RefusedError is a move the hard rules forbid. It is a
// *core.ValidationError on the field jabatan_tujuan (errors.As), whose
// message names the rules in Bahasa Indonesia; Assessment has them for
// other languages.
type RefusedError struct {
	Assessment *planner.Assessment
	v          *core.ValidationError
}

func refused(a *planner.Assessment) *RefusedError {
	return &RefusedError{Assessment: a, v: core.Invalid("jabatan_tujuan", "err.move_refused", a.RulesText(i18n.ID))}
}

func (e *RefusedError) Error() string { return e.v.Error() }

// Unwrap returns the validation error.
func (e *RefusedError) Unwrap() error { return e.v }

// reason checks a written reason: required (when required is set) and
// at most MaxReason characters.
func checkReason(reason string, required bool) (string, error) {
	reason = strings.TrimSpace(reason)
	if required && reason == "" {
		return "", core.Invalid("alasan", "err.manual_reason")
	}
	if len([]rune(reason)) > MaxReason {
		return "", core.Invalid("alasan", "err.too_long", MaxReason)
	}
	return reason, nil
}

// Edit moves a draft proposal to another target position after checking
// the hard rules; the new figures become its explanation and HR's reason
// (optional) its reason. It returns the assessment, and a *RefusedError
// (a *core.ValidationError) with it when a rule forbids the move.
func (s *Service) Edit(ctx context.Context, transferID, toPositionID int64, reason string, by core.Actor) (*planner.Assessment, error) {
	reason, err := checkReason(reason, false)
	if err != nil {
		return nil, err
	}
	var a *planner.Assessment
	err = s.reviewTx(ctx, func(st Store, rs ReviewStore) error {
		t, err := st.Transfer(ctx, transferID)
		if err != nil {
			return err
		}
		if t.Status != core.TransferDraft {
			return fmt.Errorf("edit transfer %d in status %s: %w", t.ID, t.Status, core.ErrInvalidState)
		}
		r, err := st.Round(ctx, t.RoundID)
		if err != nil {
			return err
		}
		a, err = s.assess(ctx, st, &r, t.EmployeeID, toPositionID, t.ID)
		if err != nil {
			return err
		}
		if !a.Allowed() {
			return refused(a)
		}
		before := t
		x, err := json.Marshal(a.Explanation)
		if err != nil {
			return err
		}
		t.ToPositionID, t.ToUnitID, t.Explanation = toPositionID, a.ToUnitID, string(x)
		// The reason is what the employee's notice says: HR's words, else
		// the explanation of the new move.
		t.Reason = reason
		if t.Reason == "" {
			t.Reason = a.Explanation.Text(i18n.ID)
		}
		if err := rs.ReviseDraftTransfer(ctx, &t); err != nil {
			return err
		}
		return audit(ctx, st, s.now(), by, "transfer.edit", t.ID, mustJSON(map[string]any{"to_position_id": before.ToPositionID,
			"to_unit_id": before.ToUnitID, "reason": before.Reason}),
			map[string]any{"to_position_id": t.ToPositionID, "to_unit_id": t.ToUnitID, "reason": t.Reason,
				"overridden": a.Notes}, reason)
	})
	return a, err
}

// Propose adds a manual proposal to a round that is not yet approved: the
// employee to the position, with HR's written reason (required). The hard
// rules are checked as for Edit; the transfer and its audit entry are
// flagged manual. It returns the new transfer and the assessment, a
// *RefusedError when a rule forbids the move, and a *core.ValidationError
// without a reason.
func (s *Service) Propose(ctx context.Context, roundID, employeeID, toPositionID int64, reason string, by core.Actor) (core.Transfer, *planner.Assessment, error) {
	reason, err := checkReason(reason, true)
	v := &core.ValidationError{}
	if err != nil {
		ve, _ := core.AsValidation(err)
		v.Merge(0, ve)
	}
	if employeeID == 0 {
		v.Add("pegawai", "err.required")
	}
	if toPositionID == 0 {
		v.Add("jabatan_tujuan", "err.required")
	}
	if err := v.Err(); err != nil {
		return core.Transfer{}, nil, err
	}
	var out core.Transfer
	var a *planner.Assessment
	err = s.tx(ctx, func(st Store) error {
		r, err := st.Round(ctx, roundID)
		if err != nil {
			return err
		}
		if r.Status != core.RoundDraft && r.Status != core.RoundPlanned && r.Status != core.RoundAnnounced {
			return fmt.Errorf("manual proposal in round %d in status %s: %w", r.ID, r.Status, core.ErrInvalidState)
		}
		if _, err := st.Employee(ctx, employeeID); err != nil {
			return fmt.Errorf("manual proposal: %w", core.Invalid("pegawai", "err.unknown_reference", fmt.Sprint(employeeID)))
		}
		all, err := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID, EmployeeID: employeeID})
		if err != nil {
			return err
		}
		if len(all) > 0 {
			return core.Invalid("pegawai", "err.already_proposed")
		}
		a, err = s.assess(ctx, st, &r, employeeID, toPositionID, 0)
		if err != nil {
			return err
		}
		if !a.Allowed() {
			return refused(a)
		}
		x, err := json.Marshal(a.Explanation)
		if err != nil {
			return err
		}
		out = core.Transfer{RoundID: r.ID, EmployeeID: employeeID, FromUnitID: a.FromUnitID, FromPositionID: a.FromPositionID,
			ToUnitID: a.ToUnitID, ToPositionID: toPositionID, Kind: core.Permanent, Reason: reason, Explanation: string(x), Manual: true}
		if err := st.CreateTransfer(ctx, &out, by, reason); err != nil {
			return err
		}
		return audit(ctx, st, s.now(), by, "transfer.manual", out.ID, "", map[string]any{"manual": true,
			"employee_id": employeeID, "from_position_id": out.FromPositionID, "to_position_id": toPositionID,
			"overridden": a.Notes}, reason)
	})
	return out, a, err
}

// Comment stores a remark of an admin user on a transfer for HR to read.
func (s *Service) Comment(ctx context.Context, c *core.TransferComment, by core.Actor) error {
	return s.reviewTx(ctx, func(st Store, rs ReviewStore) error {
		if _, err := st.Transfer(ctx, c.TransferID); err != nil {
			return err
		}
		if err := rs.AddTransferComment(ctx, c); err != nil {
			return err
		}
		return audit(ctx, st, s.now(), by, "transfer.comment", c.TransferID, "", map[string]any{"comment_id": c.ID}, c.Text)
	})
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
