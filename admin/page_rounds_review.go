package admin

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/planner"
)

// unitWhatIf is a unit's own workload before the round and after every
// live proposal of the round (what-if), from the current ABK figures.
type unitWhatIf struct {
	ID                    int64
	Name                  string
	Known                 bool // the unit has workload data
	Required              float64
	Before, After         int
	EJBefore, EJAfter     float64
	BandBefore, BandAfter abk.Band
}

// reviewRow is one proposal in the review table with everything HR weighs
// beside it.
type reviewRow struct {
	core.Transfer
	Employee     core.Employee
	FromPosition string
	FromUnit     unitWhatIf
	ToPosition   string
	ToUnit       unitWhatIf
	// Figures are the planner's (or the edit's) position figures.
	Figures     *planner.Explanation
	Explanation string
	// OwnReason is set when the reason is a person's, not the planner's
	// explanation repeated.
	OwnReason  bool
	Preference *core.Preference
	Preferred  []string // the ranked units' names
	Objections []core.Objection
	Comments   []core.TransferComment
	Delivery   string // core.Delivery*, empty before the announcement
}

// deliveryCounts are a round's notices by delivery state.
type deliveryCounts struct {
	Total, Queued, Sent, Failed, Unreachable int
}

// Pending reports whether some notices still wait for the sender.
func (d deliveryCounts) Pending() bool { return d.Queued > 0 }

// roundView is the data of the round page.
type roundView struct {
	Round       core.Round
	Scope       []string // the scope's unit names; empty: the whole regency
	Rows        []reviewRow
	Pager       pager
	Status      string // the status filter
	Counts      map[string]int
	Total       int
	Unaccepted  int // drafts HR has not accepted yet
	Delivery    deliveryCounts
	CanEdit     bool
	CanComment  bool
	CanDownload bool
	Approve     *form
	Message     string
	// DeadlinePassed: the objection deadline is missing or over, so an
	// announcement needs a new one.
	DeadlinePassed bool
}

const reviewPerPage = 50

// roundDetail shows the round and its review table. A unit head sees only
// the proposals from or to their unit tree.
func (s *Server) roundDetail(c *gin.Context) {
	r, err := s.roundParam(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	v, err := s.roundView(c, r)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "round", v)
}

// roundView builds the round page for the caller.
func (s *Server) roundView(c *gin.Context, r core.Round) (*roundView, error) {
	ctx := c.Request.Context()
	w := caller(c)
	sc, err := s.scopeOf(ctx, w)
	if err != nil {
		return nil, err
	}
	snap, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	all, err := s.deps.Store.Transfers(ctx, core.TransferFilter{RoundID: r.ID})
	if err != nil {
		return nil, err
	}
	v := &roundView{Round: r, Status: c.Query("status"), Counts: map[string]int{},
		CanEdit: has(editors, w.Role), CanComment: has(commenters, w.Role), CanDownload: has(readers, w.Role), Approve: newForm()}
	v.DeadlinePassed = r.ObjectionDeadline == nil || !r.ObjectionDeadline.After(s.deps.Clock.Now())
	v.Approve.Values["effective_date"] = r.EffectiveDate.String()
	v.Approve.Values["sk_number"] = r.SKNumber
	for _, id := range r.UnitIDs {
		v.Scope = append(v.Scope, snap.unitName(id))
	}
	whatIf := s.whatIf(snap, all)
	notices, err := s.deliveries(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	var shown []core.Transfer
	for _, t := range all {
		if !sc.has(&t.FromUnitID) && !sc.has(&t.ToUnitID) {
			continue
		}
		v.Total++
		v.Counts[string(t.Status)]++
		if t.Status == core.TransferDraft && t.AcceptedAt == nil {
			v.Unaccepted++
		}
		if v.Status == "" || string(t.Status) == v.Status {
			shown = append(shown, t)
		}
	}
	for _, t := range all {
		if !sc.has(&t.FromUnitID) && !sc.has(&t.ToUnitID) {
			continue
		}
		if n, ok := notices[t.ID]; ok {
			v.Delivery.Total++
			switch n.state {
			case core.DeliverySent:
				v.Delivery.Sent++
			case core.DeliveryFailed:
				v.Delivery.Failed++
			case core.DeliveryUnreachable:
				v.Delivery.Unreachable++
			default:
				v.Delivery.Queued++
			}
		}
	}
	v.Pager = paginate(c, len(shown), reviewPerPage)
	shown = shown[v.Pager.From:v.Pager.To]
	objs, err := s.deps.Store.Objections(ctx, core.ObjectionFilter{RoundID: r.ID})
	if err != nil {
		return nil, err
	}
	comments, err := s.deps.Store.TransferComments(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	emps, err := s.transferEmployees(ctx, shown)
	if err != nil {
		return nil, err
	}
	lang := s.lang(c)
	for _, t := range shown {
		row := reviewRow{Transfer: t, FromPosition: snap.positionByID[t.FromPositionID].Name, ToPosition: snap.positionByID[t.ToPositionID].Name,
			FromUnit: whatIf[t.FromUnitID], ToUnit: whatIf[t.ToUnitID], Delivery: notices[t.ID].state, Employee: emps[t.EmployeeID]}
		if p, err := s.deps.Store.Preference(ctx, t.EmployeeID); err == nil {
			row.Preference = &p
			for _, id := range p.UnitIDs {
				row.Preferred = append(row.Preferred, snap.unitName(id))
			}
		} else if !errors.Is(err, core.ErrNotFound) {
			return nil, err
		}
		var x planner.Explanation
		if t.Explanation != "" && json.Unmarshal([]byte(t.Explanation), &x) == nil {
			row.Figures, row.Explanation = &x, x.Text(lang)
		}
		row.OwnReason = t.Manual || row.Figures == nil || t.Reason != row.Figures.Text(i18n.ID)
		for _, o := range objs {
			if o.TransferID == t.ID {
				row.Objections = append(row.Objections, o)
			}
		}
		for _, cm := range comments {
			if cm.TransferID == t.ID {
				row.Comments = append(row.Comments, cm)
			}
		}
		v.Rows = append(v.Rows, row)
	}
	return v, nil
}

// whatIf returns each unit's own figures now and after the round's live
// proposals, counting only positions with workload data.
func (s *Server) whatIf(snap *snapshot, ts []core.Transfer) map[int64]unitWhatIf {
	net := map[int64]int{}
	for _, t := range ts {
		if !t.Status.Active() {
			continue
		}
		if f := snap.figures[t.FromPositionID]; f != nil && f.HasWorkload {
			net[t.FromUnitID]--
		}
		if f := snap.figures[t.ToPositionID]; f != nil && f.HasWorkload {
			net[t.ToUnitID]++
		}
	}
	out := map[int64]unitWhatIf{}
	var units []abk.UnitFigures
	if snap.analysis != nil {
		units = snap.analysis.Units
	}
	for _, u := range units {
		w := unitWhatIf{ID: u.UnitID, Name: snap.unitName(u.UnitID), Known: u.Own.WorkloadMinutes > 0, Required: u.Own.Required,
			Before: u.Own.Actual, EJBefore: u.Own.EJ, BandBefore: u.Own.Band}
		after := s.deps.ABK.Figures(u.Own.WorkloadMinutes, u.Own.Actual+net[u.UnitID])
		w.After, w.EJAfter, w.BandAfter = after.Actual, after.EJ, after.Band
		out[u.UnitID] = w
	}
	for _, u := range snap.units {
		if _, ok := out[u.ID]; !ok {
			out[u.ID] = unitWhatIf{ID: u.ID, Name: u.Name}
		}
	}
	return out
}

// notice is a transfer's notice delivery as the round pages show it.
type notice struct {
	core.NoticeDelivery
	state string
}

// deliveries returns the round's notices by transfer with their state.
func (s *Server) deliveries(ctx context.Context, roundID int64) (map[int64]notice, error) {
	ns, err := s.deps.Store.RoundNotices(ctx, roundID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]notice, len(ns))
	for _, n := range ns {
		out[n.TransferID] = notice{n, n.State()}
	}
	return out, nil
}

// roundDelivery is the delivery counts, polled by htmx while notices wait
// for the sender (the round page's fragment).
func (s *Server) roundDelivery(c *gin.Context) {
	r, err := s.roundParam(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	v, err := s.roundView(c, r)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "round", v)
}

// Role sets of the round pages.
var (
	// commenters may leave comments on proposals; HR reads them.
	commenters = []core.Role{core.RoleSuperadmin, core.RoleHR, core.RoleUnit}
	// readers may download the decree and the unreachable list.
	readers = []core.Role{core.RoleSuperadmin, core.RoleHR, core.RoleAuditor}
)
