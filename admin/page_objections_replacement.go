package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
)

// replace asks the planner who should fill the slot the upheld objection
// o left open, and keeps the answer as a draft proposal of the round
// linked to o for HR's review. It returns a *core.ValidationError when
// nobody fits, and a *core.ConflictError when o already has a replacement
// that is not discarded.
func (s *Server) replace(ctx context.Context, w *who, o core.Objection) (core.ObjectionReplacement, error) {
	rep := core.ObjectionReplacement{ObjectionID: o.ID, CreatedBy: w.Actor}
	err := s.inTx(ctx, func(tx Store) error {
		reps, err := tx.Replacements(ctx, o.ID)
		if err != nil {
			return err
		}
		if n := len(reps); n > 0 && reps[n-1].Status != core.ReplacementDiscarded {
			return &core.ConflictError{Key: "err.replacement_exists"}
		}
		wf, err := s.workflow(tx)
		if err != nil {
			return err
		}
		t, err := wf.Replacement(ctx, o.ID, w.Actor)
		if errors.Is(err, core.ErrNotFound) {
			return core.Invalid("replacement", "err.no_replacement")
		}
		if err != nil {
			return err
		}
		rep.TransferID = t.ID
		return tx.CreateReplacement(ctx, &rep)
	})
	return rep, err
}

// Review actions on a replacement proposal.
const (
	reviewAccept  = "accept"
	reviewDiscard = "discard"
)

// reviewReplacement accepts the objection's proposed replacement into the
// round's proposals (a draft marked accepted, announced with the round's
// next announcement) or discards it (the proposal is cancelled with reason).
func (s *Server) reviewReplacement(ctx context.Context, w *who, o core.Objection, action, reason string) (core.ObjectionReplacement, error) {
	reason = strings.TrimSpace(reason)
	v := &core.ValidationError{}
	switch action {
	case reviewAccept:
	case reviewDiscard:
		if reason == "" {
			v.Add("reason", "err.reason_required")
		}
	default:
		v.Add("action", "err.replacement_action")
	}
	if err := v.Err(); err != nil {
		return core.ObjectionReplacement{}, err
	}
	var rep core.ObjectionReplacement
	err := s.inTx(ctx, func(tx Store) error {
		reps, err := tx.Replacements(ctx, o.ID)
		if err != nil {
			return err
		}
		if len(reps) == 0 {
			return core.ErrNotFound
		}
		rep = reps[len(reps)-1]
		if rep.Status != core.ReplacementProposed {
			return &core.ConflictError{Key: "err.replacement_reviewed"}
		}
		now := s.deps.Clock.Now()
		rep.ReviewedBy, rep.ReviewedAt = w.Actor, &now
		wf, err := s.workflow(tx)
		if err != nil {
			return err
		}
		rep.Status = core.ReplacementAccepted
		if action == reviewDiscard {
			rep.Status = core.ReplacementDiscarded
			err = wf.Reject(ctx, rep.TransferID, reason, w.Actor)
		} else {
			err = wf.Accept(ctx, rep.TransferID, w.Actor) // accepted in the round's review too
		}
		if err != nil {
			return err
		}
		if err := tx.ReviewReplacement(ctx, &rep); err != nil {
			return err
		}
		return s.audit(ctx, tx, w, "objection.replacement_"+action, "transfer", itoa(rep.TransferID),
			map[string]any{"objection_id": o.ID, "review": core.ReplacementProposed},
			map[string]any{"objection_id": o.ID, "review": rep.Status}, reason)
	})
	return rep, err
}

// objectionReplace handles the "ask for a replacement" button.
func (s *Server) objectionReplace(c *gin.Context) {
	o, err := s.objectionInScope(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	if _, err := s.replace(c.Request.Context(), caller(c), o); err != nil {
		s.objectionProblem(c, err, newForm())
		return
	}
	c.Redirect(http.StatusSeeOther, "/objections/"+itoa(o.ID)+"?flash="+url.QueryEscape("admin.objections.flash_replacement")+"#replacement")
}

// objectionReplacementReview handles accepting or discarding the
// replacement.
func (s *Server) objectionReplacementReview(c *gin.Context) {
	o, err := s.objectionInScope(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	f := formFrom(c, "action", "reason")
	if _, err := s.reviewReplacement(c.Request.Context(), caller(c), o, f.Values["action"], f.Values["reason"]); err != nil {
		s.objectionProblem(c, err, f)
		return
	}
	flash := "admin.objections.flash_accepted"
	if f.Values["action"] == reviewDiscard {
		flash = "admin.objections.flash_discarded"
	}
	c.Redirect(http.StatusSeeOther, "/objections/"+itoa(o.ID)+"?flash="+url.QueryEscape(flash)+"#replacement")
}

// objectionProblem shows the objection again with err's messages when a
// person can act on them, and the error page otherwise.
func (s *Server) objectionProblem(c *gin.Context, err error, f *form) {
	p := problemOf(err, s.lang(c))
	if p.Status != http.StatusUnprocessableEntity && p.Status != http.StatusConflict {
		s.fail(c, err)
		return
	}
	f.setError(c, s, err, "")
	s.objectionPageFor(c, p.Status, f)
}
