package admin

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
)

// planLockTTL bounds how long a planner run holds its round's lock if the
// process dies before releasing it.
const planLockTTL = 5 * time.Minute

// roundPlan runs the planner for the round and stores its proposals. The
// button is disabled while the request runs (htmx shows "running"), and a
// lock per round in the session store refuses a second run started by a
// double click, another tab or another instance until the first ends.
func (s *Server) roundPlan(c *gin.Context) {
	ctx := c.Request.Context()
	r, svc, ok := s.roundWorkflow(c)
	if !ok {
		return
	}
	release, err := s.lockRound(ctx, "plan", r.ID)
	if err != nil {
		s.roundFailed(c, r, err)
		return
	}
	defer release()
	plan, err := svc.Plan(ctx, r.ID, caller(c).Actor)
	if err != nil {
		s.roundFailed(c, r, err)
		return
	}
	s.dash.invalidate()
	s.deps.Log.InfoContext(ctx, "round planned", slog.Int64("round_id", r.ID), slog.Int("proposals", len(plan.Proposals)))
	s.roundDone(c, r.ID, "admin.rounds.flash.planned")
}

// lockRound takes the round's lock for an action that must not run twice
// at once; it returns a *core.ConflictError when it is taken.
func (s *Server) lockRound(ctx context.Context, action string, id int64) (func(), error) {
	key := "round-" + action + ":" + itoa(id)
	n, err := s.deps.Sessions.Hit(ctx, key, planLockTTL)
	if err != nil {
		return nil, err
	}
	release := func() { _ = s.deps.Sessions.ResetHits(context.WithoutCancel(ctx), key) }
	if n > 1 {
		return nil, &core.ConflictError{Key: "admin.rounds.err.running"}
	}
	return release, nil
}

// roundDone sends the browser back to the round page with a flash: a
// redirect, or for htmx a full-page navigation.
func (s *Server) roundDone(c *gin.Context, id int64, flash string) {
	to := "/rounds/" + itoa(id) + "?flash=" + flash
	if c.GetHeader("HX-Request") == "true" {
		c.Header("HX-Redirect", to)
		c.Status(http.StatusNoContent)
		return
	}
	c.Redirect(http.StatusSeeOther, to)
}

// roundFailed shows why a round action was refused: the message in place
// for htmx, else the round page with the message on top.
func (s *Server) roundFailed(c *gin.Context, r core.Round, err error) {
	p := problemOf(err, s.lang(c))
	if p.Internal {
		s.fail(c, err)
		return
	}
	msg := p.Message
	if len(p.Fields) > 0 {
		msg = ""
		for _, m := range p.Fields {
			msg += m + " "
		}
	}
	if c.GetHeader("HX-Request") == "true" {
		s.render(c, p.Status, "round_message", msg)
		return
	}
	v, verr := s.roundView(c, r)
	if verr != nil {
		s.fail(c, verr)
		return
	}
	v.Message = msg
	s.render(c, p.Status, "round", v)
}
