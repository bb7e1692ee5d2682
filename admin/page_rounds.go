package admin

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/round"
)

// The round pages (periode mutasi): the list and the create form here; the
// review table, planning, edits, announcement, approval, the decree and
// the unreachable list in the other page_rounds_*.go files. Stable ids
// and names browser tests drive are listed in templates/rounds.html.

// roundQueries are the reads of the round pages beyond the core stores.
type roundQueries interface {
	// TransferComments returns the comments on a round's transfers.
	TransferComments(ctx context.Context, roundID int64) ([]core.TransferComment, error)
	// RoundNotices returns where each transfer's latest notice stands.
	RoundNotices(ctx context.Context, roundID int64) ([]core.NoticeDelivery, error)
}

// rounds returns the round workflow; ErrUnavailable when the store
// cannot run it.
func (s *Server) rounds() (*round.Service, error) {
	if s.deps.Rounds == nil {
		return nil, core.ErrUnavailable
	}
	return s.deps.Rounds, nil
}

// roundWorkflow loads the round in the path and the workflow that acts on
// it; when either fails it has answered and returns false.
func (s *Server) roundWorkflow(c *gin.Context) (core.Round, *round.Service, bool) {
	r, err := s.roundParam(c)
	if err != nil {
		s.fail(c, err)
		return core.Round{}, nil, false
	}
	svc, err := s.rounds()
	if err != nil {
		s.fail(c, err)
		return core.Round{}, nil, false
	}
	return r, svc, true
}

// transferWorkflow is roundWorkflow for a route naming a transfer of the
// round as well.
func (s *Server) transferWorkflow(c *gin.Context) (core.Round, core.Transfer, *round.Service, bool) {
	r, t, err := s.roundTransfer(c)
	if err != nil {
		s.fail(c, err)
		return core.Round{}, core.Transfer{}, nil, false
	}
	svc, err := s.rounds()
	if err != nil {
		s.fail(c, err)
		return core.Round{}, core.Transfer{}, nil, false
	}
	return r, t, svc, true
}

// roundParam loads the round in the path.
func (s *Server) roundParam(c *gin.Context) (core.Round, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return core.Round{}, err
	}
	return s.deps.Store.Round(c.Request.Context(), id)
}

// roundList shows every round, newest first.
func (s *Server) roundList(c *gin.Context) {
	rs, err := s.deps.Store.Rounds(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "rounds", struct {
		Rounds  []core.Round
		CanEdit bool
	}{rs, has(editors, caller(c).Role)})
}

var roundFields = []string{"nama", "unit_codes", "min_years", "max_moves", "voluntary", "objection_deadline", "effective_date"}

func (s *Server) roundFormPage(c *gin.Context, status int, f *form) {
	units, err := s.deps.Store.Units(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	f.Extra = units
	s.render(c, status, "round_form", f)
}

// roundNew shows the create form with the planner's defaults.
func (s *Server) roundNew(c *gin.Context) {
	f := newForm()
	now := s.deps.Clock.Now().In(s.deps.Location)
	f.Values["objection_deadline"] = now.AddDate(0, 0, 14).Format(localTimeLayout)
	f.Values["effective_date"] = core.DateOf(now.AddDate(0, 1, 0)).String()
	s.roundFormPage(c, http.StatusOK, f)
}

// roundCreate opens a round from the form; field errors come back next
// to their fields and nothing is stored.
func (s *Server) roundCreate(c *gin.Context) {
	f := formFrom(c, roundFields...)
	in, v := s.newRoundOf(f.Values)
	svc, err := s.rounds()
	if err != nil {
		s.fail(c, err)
		return
	}
	var r core.Round
	if v.Err() != nil {
		// Report the service's problems beside the form's own.
		if cerr := svc.Check(c.Request.Context(), in); cerr != nil {
			ve, ok := core.AsValidation(cerr)
			if !ok {
				s.fail(c, cerr)
				return
			}
			v.Merge(0, ve)
		}
		err = v.Err()
	} else {
		r, err = svc.Create(c.Request.Context(), in, caller(c).Actor)
	}
	if err == nil {
		c.Redirect(http.StatusSeeOther, "/rounds/"+itoa(r.ID)+"?flash=admin.rounds.flash.created")
		return
	}
	if _, ok := core.AsValidation(err); !ok {
		s.fail(c, err)
		return
	}
	f.setError(c, s, err, "")
	if ve, ok := core.AsValidation(err); ok {
		for _, fe := range ve.Fields {
			if fe.Field == "params" {
				f.Errors["min_years"] = fe.Message(s.lang(c))
			}
		}
	}
	s.roundFormPage(c, http.StatusUnprocessableEntity, f)
}

// newRoundOf reads the form's values into a NewRound, with the problems
// the service cannot see (unparsable numbers and dates).
func (s *Server) newRoundOf(v map[string]string) (round.NewRound, *core.ValidationError) {
	bad := &core.ValidationError{}
	in := round.NewRound{Name: v["nama"], UnitCodes: core.SplitList(strings.ReplaceAll(v["unit_codes"], ",", ";"))}
	params := map[string]any{}
	for _, k := range []string{"min_years", "max_moves"} {
		n, ok := optFloat(v[k])
		switch {
		case !ok || (n != nil && (*n < 0 || *n != float64(int(*n)))):
			bad.Add(k, "admin.err.number")
		case n != nil && k == "min_years":
			params["min_years_in_position"] = int(*n)
		case n != nil && *n > 0:
			params["max_moves"] = int(*n)
		}
	}
	if v["voluntary"] != "" {
		params["voluntary_only"] = true
	}
	if len(params) > 0 {
		b, _ := json.Marshal(params) // numbers and booleans only
		in.Params = string(b)
	}
	if d := v["objection_deadline"]; d != "" {
		t, err := s.parseLocalTime(d)
		if err != nil {
			bad.Add("objection_deadline", "admin.err.datetime")
		} else {
			in.ObjectionDeadline = &t
		}
	}
	if d := v["effective_date"]; d != "" {
		day, err := core.ParseDate(d)
		if err != nil {
			bad.Add("effective_date", "admin.err.date")
		}
		in.EffectiveDate = day
	}
	return in, bad
}

// localTimeLayout is how a datetime-local field sends a moment.
const localTimeLayout = "2006-01-02T15:04"

// parseLocalTime reads a datetime-local field, given in the regency's
// time zone, as a UTC moment.
func (s *Server) parseLocalTime(v string) (time.Time, error) {
	t, err := time.ParseInLocation(localTimeLayout, v, s.deps.Location)
	return t.UTC(), err
}
