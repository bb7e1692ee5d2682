package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
	"github.com/seimbang/seimbang/core/round"
)

// The objection inbox: HR reads each pending objection beside its
// transfer, the employee's preferences and both units' workload, upholds
// or rejects it with a written answer the employee receives in Telegram,
// and on uphold asks the planner for a replacement and reviews it.

// place is one end of a transfer with its workload figures.
type place struct {
	UnitID, PositionID     int64
	Unit, UnitCode         string
	Position, PositionCode string
	PositionFigures        *abk.PositionFigures
	UnitFigures            *abk.UnitFigures
}

// objectionView is an objection with everything HR weighs it against.
type objectionView struct {
	core.Objection
	Employee    core.Employee
	Transfer    core.Transfer
	Round       core.Round
	From, To    place
	Preference  *core.Preference
	PrefUnits   []string
	Replacement *replacementView // the latest replacement, if any
}

// replacementView is a replacement proposal under review.
type replacementView struct {
	core.ObjectionReplacement
	Transfer core.Transfer
	Employee core.Employee
	From, To place
}

// placeOf returns a unit and position with their figures.
func placeOf(sn *snapshot, units map[int64]*abk.UnitFigures, unitID, positionID int64) place {
	u, p := sn.unitByID[unitID], sn.positionByID[positionID]
	return place{UnitID: unitID, PositionID: positionID, Unit: u.Name, UnitCode: u.Code, Position: p.Name, PositionCode: p.Code,
		PositionFigures: sn.figures[positionID], UnitFigures: units[unitID]}
}

func unitFigures(sn *snapshot) map[int64]*abk.UnitFigures {
	out := map[int64]*abk.UnitFigures{}
	if sn.analysis != nil {
		for i := range sn.analysis.Units {
			out[sn.analysis.Units[i].UnitID] = &sn.analysis.Units[i]
		}
	}
	return out
}

// objectionViews loads what each objection is weighed against.
func (s *Server) objectionViews(ctx context.Context, obs []core.Objection) ([]objectionView, error) {
	st := s.deps.Store
	sn, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	units := unitFigures(sn)
	rounds := map[int64]core.Round{}
	ids := make([]int64, len(obs))
	for i, o := range obs {
		ids[i] = o.ID
	}
	reps, err := st.Replacements(ctx, ids...)
	if err != nil {
		return nil, err
	}
	latest := map[int64]core.ObjectionReplacement{}
	for _, r := range reps {
		latest[r.ObjectionID] = r
	}
	out := make([]objectionView, 0, len(obs))
	for _, o := range obs {
		v := objectionView{Objection: o}
		if v.Transfer, err = st.Transfer(ctx, o.TransferID); err != nil {
			return nil, err
		}
		r, ok := rounds[v.Transfer.RoundID]
		if !ok {
			if r, err = st.Round(ctx, v.Transfer.RoundID); err != nil {
				return nil, err
			}
			rounds[r.ID] = r
		}
		v.Round = r
		if v.Employee, err = st.Employee(ctx, o.EmployeeID); err != nil {
			return nil, err
		}
		v.From = placeOf(sn, units, v.Transfer.FromUnitID, v.Transfer.FromPositionID)
		v.To = placeOf(sn, units, v.Transfer.ToUnitID, v.Transfer.ToPositionID)
		if p, err := st.Preference(ctx, o.EmployeeID); err == nil {
			v.Preference = &p
			for _, id := range p.UnitIDs {
				v.PrefUnits = append(v.PrefUnits, sn.unitName(id))
			}
		} else if !errors.Is(err, core.ErrNotFound) {
			return nil, err
		}
		if rep, ok := latest[o.ID]; ok {
			rv := &replacementView{ObjectionReplacement: rep}
			if rv.Transfer, err = st.Transfer(ctx, rep.TransferID); err != nil {
				return nil, err
			}
			if rv.Employee, err = st.Employee(ctx, rv.Transfer.EmployeeID); err != nil {
				return nil, err
			}
			rv.From = placeOf(sn, units, rv.Transfer.FromUnitID, rv.Transfer.FromPositionID)
			rv.To = placeOf(sn, units, rv.Transfer.ToUnitID, rv.Transfer.ToPositionID)
			v.Replacement = rv
		}
		out = append(out, v)
	}
	return out, nil
}

// objectionInScope loads the objection in the path; ErrNotFound when it
// does not exist or its transfer touches no unit in the caller's scope.
func (s *Server) objectionInScope(c *gin.Context) (core.Objection, error) {
	ctx := c.Request.Context()
	id, err := idParam(c, "id")
	if err != nil {
		return core.Objection{}, err
	}
	o, err := s.deps.Store.Objection(ctx, id)
	if err != nil {
		return o, err
	}
	t, err := s.deps.Store.Transfer(ctx, o.TransferID)
	if err != nil {
		return o, err
	}
	sc, err := s.scopeOf(ctx, caller(c))
	if err != nil {
		return o, err
	}
	if !sc.has(&t.FromUnitID) && !sc.has(&t.ToUnitID) {
		return o, core.ErrNotFound
	}
	return o, nil
}

// inboxFilter reads the status, round and category of the query; an
// unknown value is a validation problem on its parameter. defaultStatus
// applies when status is absent; "all" selects every status.
func (s *Server) inboxFilter(c *gin.Context, defaultStatus core.ObjectionStatus) (core.ObjectionInboxFilter, error) {
	ctx := c.Request.Context()
	f := core.ObjectionInboxFilter{Status: defaultStatus}
	v := &core.ValidationError{}
	if st, ok := c.GetQuery("status"); ok {
		switch core.ObjectionStatus(st) {
		case core.ObjectionPending, core.ObjectionUpheld, core.ObjectionRejected:
			f.Status = core.ObjectionStatus(st)
		case "", "all":
			f.Status = ""
		default:
			v.Add("status", "err.objection_status")
		}
	}
	if r := c.Query("round"); r != "" {
		id, err := strconv.ParseInt(r, 10, 64)
		if err == nil {
			_, err = s.deps.Store.Round(ctx, id)
		}
		if errors.Is(err, core.ErrNotFound) || id <= 0 {
			v.Add("round", "err.unknown_reference", r)
		} else if err != nil {
			return f, err
		}
		f.RoundID = id
	}
	if cat := c.Query("category"); cat != "" {
		f.Category = core.ObjectionCategory(cat)
		if !validObjectionCategory(f.Category) {
			v.Add("category", "err.objection_category")
		}
	}
	sc, err := s.scopeOf(ctx, caller(c))
	if err != nil {
		return f, err
	}
	if !sc.all {
		f.UnitIDs = sc.unitIDs()
	}
	return f, v.Err()
}

func validObjectionCategory(c core.ObjectionCategory) bool {
	for _, x := range core.ObjectionCategories {
		if x == c {
			return true
		}
	}
	return false
}

type inboxData struct {
	Rows           []objectionView
	Rounds         []core.Round
	Categories     []core.ObjectionCategory
	Status         string
	RoundID        int64
	Category       string
	Unacknowledged int
	NearHours      int
	Problem        string
}

// objectionList is the inbox: objections (pending by default) filtered by
// status, round and category, nearest deadline first, and how many
// announced transfers are still unacknowledged near their deadline.
func (s *Server) objectionList(c *gin.Context) {
	ctx := c.Request.Context()
	d := inboxData{Categories: core.ObjectionCategories, Status: c.DefaultQuery("status", string(core.ObjectionPending)),
		Category: c.Query("category"), NearHours: int(deadlineNear.Hours())}
	f, err := s.inboxFilter(c, core.ObjectionPending)
	status := http.StatusOK
	if v, ok := core.AsValidation(err); ok {
		d.Problem, status = problemOf(v, s.lang(c)).Message, http.StatusUnprocessableEntity
	} else if err != nil {
		s.fail(c, err)
		return
	}
	d.RoundID = f.RoundID
	if status == http.StatusOK {
		obs, err := s.deps.Store.ObjectionInbox(ctx, f)
		if err != nil {
			s.fail(c, err)
			return
		}
		if d.Rows, err = s.objectionViews(ctx, obs); err != nil {
			s.fail(c, err)
			return
		}
	}
	if d.Rounds, err = s.deps.Store.Rounds(ctx); err != nil {
		s.fail(c, err)
		return
	}
	if d.Unacknowledged, err = s.unacknowledged(ctx); err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, status, "objections", d)
}

type objectionPage struct {
	*form
	View      objectionView
	CanDecide bool
	FilesOn   bool
	Pending   bool
	Upheld    bool
}

// objectionDetail shows one objection with the decision form (HR) and,
// once upheld, the replacement proposal.
func (s *Server) objectionDetail(c *gin.Context) { s.objectionPageFor(c, http.StatusOK, newForm()) }

func (s *Server) objectionPageFor(c *gin.Context, status int, f *form) {
	o, err := s.objectionInScope(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	views, err := s.objectionViews(c.Request.Context(), []core.Objection{o})
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, status, "objection", objectionPage{form: f, View: views[0], CanDecide: has(editors, caller(c).Role),
		FilesOn: s.deps.Files != nil, Pending: o.Status == core.ObjectionPending, Upheld: o.Status == core.ObjectionUpheld})
}

// workflow is the round workflow over st, the transaction's store, so that
// its changes and the panel's own (audit, replacement link) commit as one.
func (s *Server) workflow(st Store) (*round.Service, error) {
	rs, ok := st.(round.Store)
	if !ok {
		return nil, errors.New("the panel's store lacks the round workflow's methods")
	}
	return &round.Service{Store: rs, Clock: s.deps.Clock, EffectiveMinutes: s.deps.ABK.EffectiveMinutes}, nil
}

// decide records HR's decision on objection o with its written answer and
// audits it on the objection; the round workflow moves the transfer and
// queues the answer to the employee in the same transaction.
func (s *Server) decide(ctx context.Context, w *who, o core.Objection, decision, answer string) error {
	d := round.Decision{Answer: answer}
	v := &core.ValidationError{}
	switch core.ObjectionStatus(decision) {
	case core.ObjectionUpheld:
		d.Uphold = true
	case core.ObjectionRejected:
	default:
		v.Add("decision", "err.decision_choice")
	}
	// The workflow checks the answer too (and its length); checking here
	// names every missing field at once.
	if strings.TrimSpace(answer) == "" {
		v.Add("answer", "err.required")
	}
	if err := v.Err(); err != nil {
		return err
	}
	err := s.inTx(ctx, func(tx Store) error {
		wf, err := s.workflow(tx)
		if err != nil {
			return err
		}
		if err := wf.Decide(ctx, o.ID, d, w.Actor); err != nil {
			return err
		}
		after, err := tx.Objection(ctx, o.ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, w, "objection.decide", "objection", itoa(o.ID),
			map[string]any{"status": o.Status}, map[string]any{"status": after.Status, "answer": after.Answer}, after.Answer)
	})
	if err == nil {
		s.dash.invalidate()
	}
	return err
}

// objectionDecide handles the decision form.
func (s *Server) objectionDecide(c *gin.Context) {
	o, err := s.objectionInScope(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	f := formFrom(c, "decision", "answer")
	if err := s.decide(c.Request.Context(), caller(c), o, f.Values["decision"], f.Values["answer"]); err != nil {
		s.objectionProblem(c, err, f)
		return
	}
	flash := "admin.objections.flash_rejected"
	if f.Values["decision"] == string(core.ObjectionUpheld) {
		flash = "admin.objections.flash_upheld"
	}
	c.Redirect(http.StatusSeeOther, "/objections/"+itoa(o.ID)+"?flash="+url.QueryEscape(flash))
}
