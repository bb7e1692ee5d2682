package admin

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
)

// Reminder sends the one survey reminder HR may send by hand
// (core/scheduler.Scheduler.RemindNow).
type Reminder interface {
	// RemindNow returns a *core.ConflictError when the invitation was
	// already reminded by hand, answered, expired or not sent yet.
	RemindNow(ctx context.Context, invitationID int64, by core.Actor) error
}

// nonRespondersData is what survey_results_nonresponders.html draws.
type nonRespondersData struct {
	Q      *surveyQuery
	Units  []core.Unit
	Waves  []evaluation.Wave
	List   []evaluation.NonResponder
	Query  template.URL
	Sent   string // the name of the employee just reminded
	Error  string // why a reminder was refused
	Remind bool   // the caller may send reminders
}

// surveyNonResponders lists who has not answered a round's survey (per
// wave and unit), with the invitations and reminders sent. Whether
// someone answered is invitation state, not an answer, so the list is the
// same for anonymous and named templates.
func (s *Server) surveyNonResponders(c *gin.Context) {
	s.renderNonResponders(c, http.StatusOK, "", "")
}

func (s *Server) renderNonResponders(c *gin.Context, status int, sent, problem string) {
	q, err := s.surveyQueryOf(c, c.Query("round"), false)
	if err != nil {
		s.fail(c, err)
		return
	}
	w := caller(c)
	d := nonRespondersData{Q: q, Sent: sent, Error: problem, Remind: w.Role == core.RoleSuperadmin || w.Role == core.RoleHR}
	if q.data != nil {
		d.Units, d.Waves, d.Query = q.units, q.data.Waves, q.queryString()
		d.List = q.data.NonResponders(q.view.WaveID, q.view.UnitID, s.deps.Clock.Now())
	}
	s.render(c, status, "survey_results_nonresponders", d)
}

// surveyRemind sends HR's one reminder by hand for an invitation, then
// shows the list again with what happened.
func (s *Server) surveyRemind(c *gin.Context) {
	name, err := s.remind(c, c.Param("id"))
	if err != nil {
		var ce *core.ConflictError
		if errors.As(err, &ce) {
			s.renderNonResponders(c, http.StatusConflict, "", ce.Message(s.lang(c)))
			return
		}
		s.fail(c, err)
		return
	}
	s.renderNonResponders(c, http.StatusOK, name, "")
}

// remind checks that the invitation belongs to the round in the query and
// to the caller's scope, and sends the reminder; it returns the employee's
// name.
func (s *Server) remind(c *gin.Context, rawID string) (string, error) {
	ctx := c.Request.Context()
	id, err := strconv.ParseInt(rawID, 10, 64)
	if err != nil || id <= 0 {
		return "", core.ErrNotFound
	}
	if s.deps.Reminder == nil {
		return "", core.ErrUnavailable
	}
	inv, err := s.deps.Store.SurveyInvitation(ctx, id)
	if err != nil {
		return "", err
	}
	t, err := s.deps.Store.Transfer(ctx, inv.TransferID)
	if err != nil {
		return "", err
	}
	sc, err := s.scopeOf(ctx, caller(c))
	if err != nil {
		return "", err
	}
	if !sc.has(&t.ToUnitID) {
		return "", core.ErrForbidden
	}
	if err := s.deps.Reminder.RemindNow(ctx, id, caller(c).Actor); err != nil {
		return "", err
	}
	e, err := s.deps.Store.Employee(ctx, inv.EmployeeID)
	if err != nil {
		return "", err
	}
	return e.Name, nil
}
