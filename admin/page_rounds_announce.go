package admin

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
)

// roundAnnounce announces the round's draft proposals: each employee's
// notice enters the outbox with the announcement, and the round page then
// shows the delivery counts, polled while notices wait for the sender.
// The form may carry a new, later objection deadline (required once the
// round's own has passed).
func (s *Server) roundAnnounce(c *gin.Context) {
	ctx := c.Request.Context()
	r, svc, ok := s.roundWorkflow(c)
	if !ok {
		return
	}
	release, err := s.lockRound(ctx, "announce", r.ID)
	if err != nil {
		s.roundFailed(c, r, err)
		return
	}
	defer release()
	var deadline *time.Time
	if v := strings.TrimSpace(c.PostForm("objection_deadline")); v != "" {
		t, err := s.parseLocalTime(v)
		if err != nil {
			s.roundFailed(c, r, core.Invalid("objection_deadline", "admin.err.datetime"))
			return
		}
		deadline = &t
	}
	n, err := svc.Announce(ctx, r.ID, deadline, caller(c).Actor)
	if err != nil {
		s.roundFailed(c, r, err)
		return
	}
	s.deps.Log.InfoContext(ctx, "round announced", slog.Int64("round_id", r.ID), slog.Int("transfers", n))
	s.roundDone(c, r.ID, "admin.rounds.flash.announced")
}

// roundApprove approves the round with the SK number and effective date;
// a refusal (missing fields, pending objections) comes back on the page.
func (s *Server) roundApprove(c *gin.Context) {
	ctx := c.Request.Context()
	r, svc, ok := s.roundWorkflow(c)
	if !ok {
		return
	}
	f := formFrom(c, "sk_number", "effective_date")
	var day core.Date
	var err error
	if v := f.Values["effective_date"]; v != "" {
		if day, err = core.ParseDate(v); err != nil {
			f.Errors["effective_date"] = s.t(c, "admin.err.date")
		}
	}
	if len(f.Errors) == 0 {
		_, err = svc.Approve(ctx, r.ID, f.Values["sk_number"], day, caller(c).Actor)
		if err == nil {
			s.dash.invalidate()
			s.roundDone(c, r.ID, "admin.rounds.flash.approved")
			return
		}
		if _, ok := core.AsValidation(err); !ok {
			s.roundFailed(c, r, err)
			return
		}
		f.setError(c, s, err, "")
	}
	v, err := s.roundView(c, r)
	if err != nil {
		s.fail(c, err)
		return
	}
	v.Approve = f
	s.render(c, http.StatusUnprocessableEntity, "round", v)
}
