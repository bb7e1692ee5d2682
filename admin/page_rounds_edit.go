package admin

import (
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/planner"
	"github.com/seimbang/seimbang/core/round"
)

// roundTransfer loads the round and the transfer in the path; the
// transfer must belong to the round and, for a unit head, touch their
// unit tree.
func (s *Server) roundTransfer(c *gin.Context) (core.Round, core.Transfer, error) {
	r, err := s.roundParam(c)
	if err != nil {
		return r, core.Transfer{}, err
	}
	id, err := idParam(c, "tid")
	if err != nil {
		return r, core.Transfer{}, err
	}
	t, err := s.deps.Store.Transfer(c.Request.Context(), id)
	if err != nil {
		return r, t, err
	}
	if t.RoundID != r.ID {
		return r, t, core.ErrNotFound
	}
	if s.inScope(c, &t.FromUnitID) != nil && s.inScope(c, &t.ToUnitID) != nil {
		return r, t, core.ErrNotFound
	}
	return r, t, nil
}

// positionChoice is a target position in the edit and manual forms.
type positionChoice struct {
	ID   int64
	Name string
}

// moveForm is the edit or manual proposal form with the checked move.
type moveForm struct {
	*form
	Round     core.Round
	Transfer  *core.Transfer // nil for a manual proposal
	Employee  *core.Employee
	From      string
	Positions []positionChoice
	// Assessment is the checked move, with its refusal reasons and notes
	// in the page's language.
	Assessment *planner.Assessment
	Refused    string
	Notes      string
}

func (m *moveForm) formOf() *form { return m.form }

// positionChoices lists every position as "position — unit", by unit.
func (s *Server) positionChoices(c *gin.Context) ([]positionChoice, error) {
	snap, err := s.snapshot(c.Request.Context())
	if err != nil {
		return nil, err
	}
	out := make([]positionChoice, 0, len(snap.positions))
	for _, p := range snap.positions {
		out = append(out, positionChoice{p.ID, p.Name + " — " + snap.unitName(p.UnitID) + " (" + p.Code + ")"})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// renderMove draws the edit or manual form; with a target chosen it shows
// the checked move.
func (s *Server) renderMove(c *gin.Context, status int, m *moveForm) {
	var err error
	if m.Positions, err = s.positionChoices(c); err != nil {
		s.fail(c, err)
		return
	}
	if m.Assessment != nil {
		m.Refused, m.Notes = m.Assessment.RulesText(s.lang(c)), m.Assessment.NotesText(s.lang(c))
	}
	s.render(c, status, "round_edit", m)
}

// input is a value of the posted form (the check button posts) or of the
// query string.
func input(c *gin.Context, name string) string {
	if c.Request.Method == http.MethodPost {
		return strings.TrimSpace(c.PostForm(name))
	}
	return strings.TrimSpace(c.Query(name))
}

// transferEdit shows the form to choose another target position; with a
// target given (?jabatan_tujuan=, or posted by the check button) it checks
// that move against the hard rules and shows its figures without saving.
func (s *Server) transferEdit(c *gin.Context) {
	ctx := c.Request.Context()
	r, t, err := s.roundTransfer(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	e, err := s.deps.Store.Employee(ctx, t.EmployeeID)
	if err != nil {
		s.fail(c, err)
		return
	}
	if t.Status != core.TransferDraft {
		s.fail(c, core.ErrInvalidState) // only a draft can change its target
		return
	}
	m := &moveForm{form: newForm(), Round: r, Transfer: &t, Employee: &e}
	m.From = s.placeName(c, t.FromPositionID, t.FromUnitID)
	m.Values["jabatan_tujuan"], m.Values["alasan"] = input(c, "jabatan_tujuan"), input(c, "alasan")
	if m.Values["jabatan_tujuan"] == "" {
		m.Values["jabatan_tujuan"] = itoa(t.ToPositionID)
	}
	if to, _ := strconv.ParseInt(input(c, "jabatan_tujuan"), 10, 64); to != 0 {
		svc, err := s.rounds()
		if err != nil {
			s.fail(c, err)
			return
		}
		m.Assessment, err = svc.Assess(ctx, r.ID, t.EmployeeID, to, t.ID)
		if err != nil {
			if _, ok := core.AsValidation(err); !ok {
				s.fail(c, err)
				return
			}
			m.setError(c, s, err, "jabatan_tujuan")
		}
	}
	s.renderMove(c, http.StatusOK, m)
}

// placeName is "position — unit".
func (s *Server) placeName(c *gin.Context, positionID, unitID int64) string {
	snap, err := s.snapshot(c.Request.Context())
	if err != nil {
		return ""
	}
	return snap.positionByID[positionID].Name + " — " + snap.unitName(unitID)
}

// transferUpdate saves an edit after the hard rules pass; a refused move
// comes back with its reasons and figures and nothing is saved.
func (s *Server) transferUpdate(c *gin.Context) {
	ctx := c.Request.Context()
	r, t, svc, ok := s.transferWorkflow(c)
	if !ok {
		return
	}
	f := formFrom(c, "jabatan_tujuan", "alasan")
	to, _ := strconv.ParseInt(f.Values["jabatan_tujuan"], 10, 64)
	var a *planner.Assessment
	var err error
	if to == 0 {
		err = core.Invalid("jabatan_tujuan", "err.required")
	} else {
		a, err = svc.Edit(ctx, t.ID, to, f.Values["alasan"], caller(c).Actor)
	}
	if err == nil {
		s.dash.invalidate()
		c.Redirect(http.StatusSeeOther, "/rounds/"+itoa(r.ID)+"?flash=admin.rounds.flash.edited#t-"+itoa(t.ID))
		return
	}
	if _, ok := core.AsValidation(err); !ok {
		s.fail(c, err)
		return
	}
	e, _ := s.deps.Store.Employee(ctx, t.EmployeeID)
	m := &moveForm{form: f, Round: r, Transfer: &t, Employee: &e, Assessment: a, From: s.placeName(c, t.FromPositionID, t.FromUnitID)}
	var re *round.RefusedError
	if errors.As(err, &re) {
		m.Assessment = re.Assessment
		m.Errors["jabatan_tujuan"] = s.t(c, "err.move_refused", re.Assessment.RulesText(s.lang(c)))
	} else {
		m.setError(c, s, err, "jabatan_tujuan")
	}
	s.renderMove(c, http.StatusUnprocessableEntity, m)
}

// transferNew shows the manual proposal form; with nip and jabatan_tujuan
// given (query, or posted by the check button) it checks the move first
// without saving.
func (s *Server) transferNew(c *gin.Context) {
	ctx := c.Request.Context()
	r, err := s.roundParam(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	m := &moveForm{form: newForm(), Round: r}
	for _, k := range []string{"nip", "jabatan_tujuan", "alasan"} {
		m.Values[k] = input(c, k)
	}
	to, _ := strconv.ParseInt(m.Values["jabatan_tujuan"], 10, 64)
	if m.Values["nip"] != "" {
		e, err := s.deps.Store.EmployeeByNIP(ctx, m.Values["nip"])
		switch {
		case errors.Is(err, core.ErrNotFound):
			m.Errors["nip"] = s.t(c, "admin.rounds.err.no_employee", m.Values["nip"])
		case err != nil:
			s.fail(c, err)
			return
		default:
			m.Employee = &e
			if e.PositionID != nil && e.UnitID != nil {
				m.From = s.placeName(c, *e.PositionID, *e.UnitID)
			}
		}
	}
	if m.Employee != nil && to != 0 {
		svc, err := s.rounds()
		if err != nil {
			s.fail(c, err)
			return
		}
		if m.Assessment, err = svc.Assess(ctx, r.ID, m.Employee.ID, to, 0); err != nil {
			if _, ok := core.AsValidation(err); !ok {
				s.fail(c, err)
				return
			}
			m.setError(c, s, err, "jabatan_tujuan")
		}
	}
	s.renderMove(c, http.StatusOK, m)
}

// transferCreate stores a manual proposal: employee, target and a written
// reason, all required; the hard rules are checked as for an edit.
func (s *Server) transferCreate(c *gin.Context) {
	ctx := c.Request.Context()
	r, svc, ok := s.roundWorkflow(c)
	if !ok {
		return
	}
	f := formFrom(c, "nip", "jabatan_tujuan", "alasan")
	m := &moveForm{form: f, Round: r}
	var empID int64
	if f.Values["nip"] == "" {
		f.Errors["nip"] = s.t(c, "err.required")
	} else if e, err := s.deps.Store.EmployeeByNIP(ctx, f.Values["nip"]); errors.Is(err, core.ErrNotFound) {
		f.Errors["nip"] = s.t(c, "admin.rounds.err.no_employee", f.Values["nip"])
	} else if err != nil {
		s.fail(c, err)
		return
	} else {
		m.Employee, empID = &e, e.ID
	}
	to, _ := strconv.ParseInt(f.Values["jabatan_tujuan"], 10, 64)
	t, a, err := svc.Propose(ctx, r.ID, empID, to, f.Values["alasan"], caller(c).Actor)
	if err == nil && len(f.Errors) == 0 {
		s.dash.invalidate()
		c.Redirect(http.StatusSeeOther, "/rounds/"+itoa(r.ID)+"?flash=admin.rounds.flash.manual#t-"+itoa(t.ID))
		return
	}
	if err != nil {
		if _, ok := core.AsValidation(err); !ok {
			s.fail(c, err)
			return
		}
		nipErr := f.Errors["nip"]
		var re *round.RefusedError
		if errors.As(err, &re) {
			a = re.Assessment
			f.Errors["jabatan_tujuan"] = s.t(c, "err.move_refused", re.Assessment.RulesText(s.lang(c)))
		} else {
			f.setError(c, s, err, "nip")
		}
		if nipErr != "" {
			f.Errors["nip"] = nipErr
		}
	}
	m.Assessment = a
	if m.Employee != nil && m.Employee.PositionID != nil && m.Employee.UnitID != nil {
		m.From = s.placeName(c, *m.Employee.PositionID, *m.Employee.UnitID)
	}
	s.renderMove(c, http.StatusUnprocessableEntity, m)
}

// transferAccept records HR's acceptance of a draft proposal.
func (s *Server) transferAccept(c *gin.Context) {
	r, t, svc, ok := s.transferWorkflow(c)
	if !ok {
		return
	}
	if err := svc.Accept(c.Request.Context(), t.ID, caller(c).Actor); err != nil {
		s.roundFailed(c, r, err)
		return
	}
	s.roundDone(c, r.ID, "admin.rounds.flash.accepted")
}

// transferReject cancels a draft proposal with HR's written reason.
func (s *Server) transferReject(c *gin.Context) {
	r, t, svc, ok := s.transferWorkflow(c)
	if !ok {
		return
	}
	if err := svc.Reject(c.Request.Context(), t.ID, c.PostForm("alasan"), caller(c).Actor); err != nil {
		s.roundFailed(c, r, err)
		return
	}
	s.dash.invalidate()
	s.roundDone(c, r.ID, "admin.rounds.flash.rejected")
}

// transferComment stores a unit head's (or HR's) comment on a proposal.
func (s *Server) transferComment(c *gin.Context) {
	r, t, svc, ok := s.transferWorkflow(c)
	if !ok {
		return
	}
	w := caller(c)
	if w.User == nil {
		s.fail(c, core.ErrForbidden)
		return
	}
	cm := core.TransferComment{TransferID: t.ID, AuthorID: w.User.ID, Text: c.PostForm("komentar")}
	if err := svc.Comment(c.Request.Context(), &cm, w.Actor); err != nil {
		s.roundFailed(c, r, err)
		return
	}
	s.roundDone(c, r.ID, "admin.rounds.flash.commented")
}
