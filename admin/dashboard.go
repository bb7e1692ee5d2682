package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/sync/singleflight"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// snapshotTTL is how long the workload figures are reused: the dashboard is
// the busiest page and the figures change only when data is edited (edits
// through the panel drop the snapshot at once).
const snapshotTTL = 15 * time.Second

// snapshot is the data behind the dashboard, the unit tree and the
// workload API, read once and analysed.
type snapshot struct {
	at           time.Time
	units        []core.Unit
	unitByID     map[int64]core.Unit
	positions    []core.Position
	positionByID map[int64]core.Position
	tasks        []core.WorkloadTask
	analysis     *abk.Analysis
	figures      map[int64]*abk.PositionFigures
	problem      error // why there is no analysis
	unlinked     int
	unreachable  int
	pending      int // objections waiting for a decision
	unacked      int // notices not acknowledged with the objection deadline near
	history      []historyPoint
	surveys      surveyFigures
}

// surveyFigures are the survey counts on the dashboard; OK is false when
// they could not be read.
type surveyFigures struct {
	OK                     bool
	Sent, Answered, Likert int
	Rate, Mean             float64
}

// historyPoint is the regency's imbalance on one day.
type historyPoint struct {
	Day   string  `json:"day"`
	Index float64 `json:"index"`
	Under float64 `json:"under"`
	Over  float64 `json:"over"`
}

// historyDays is how far back the dashboard shows the imbalance.
const historyDays = 180

type dashboardCache struct {
	mu         sync.Mutex
	snap       *snapshot
	refreshing bool
	totals     map[string]cachedTotal // employee list totals by filter
	// gen counts invalidations: a read begun before an edit is neither
	// shared with readers after it nor kept.
	gen uint64
	// reads lets the callers that find no snapshot or total share one
	// read: 200 people opening a cold panel would otherwise run 200 reads
	// over every employee at once, and every page would wait for seconds.
	reads singleflight.Group
}

type cachedTotal struct {
	n  int
	at time.Time
}

// invalidate drops the snapshot and the list totals, so that the next
// reader reads the data again and sees an edit at once.
func (d *dashboardCache) invalidate() {
	d.mu.Lock()
	d.snap, d.totals = nil, nil
	d.gen++
	d.mu.Unlock()
}

// totalTTL is how long an employee list total is reused. Edits through the
// panel drop it at once; others (the bot, another instance) show within it.
const totalTTL = 10 * time.Second

// employeePage returns one page of employees in scope and their total;
// the total is counted at most every totalTTL per filter and scope.
func (s *Server) employeePage(ctx context.Context, f core.EmployeeFilter, sc scope) ([]core.Employee, int, error) {
	page, err := s.deps.Store.EmployeesPage(ctx, f, sc.unitIDs())
	if err != nil {
		return nil, 0, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	if f.Offset <= 0 && len(page) < min(limit, 500) {
		return page, len(page), nil
	}
	key := fmt.Sprintf("%q|%d|%v|%v", f.Query, f.UnitID, f.Active != nil && *f.Active, sc.unitIDs())
	if f.Active == nil {
		key += "|any"
	}
	now := s.deps.Clock.Now()
	d := &s.dash
	d.mu.Lock()
	c, ok := d.totals[key]
	gen := d.gen
	d.mu.Unlock()
	if ok && now.Sub(c.at) < totalTTL {
		return page, c.n, nil
	}
	v, err, _ := d.reads.Do(fmt.Sprintf("total:%d:%s", gen, key), func() (any, error) {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		n, err := s.deps.Store.CountEmployeesIn(rctx, f, sc.unitIDs())
		if err != nil {
			return 0, err
		}
		d.mu.Lock()
		if d.gen == gen {
			if d.totals == nil || len(d.totals) > 1000 {
				d.totals = map[string]cachedTotal{}
			}
			d.totals[key] = cachedTotal{n, now}
		}
		d.mu.Unlock()
		return n, nil
	})
	if err != nil {
		return nil, 0, err
	}
	return page, v.(int), nil
}

func (sn *snapshot) unitName(id int64) string { return sn.unitByID[id].Name }

func (sn *snapshot) positionRow(p core.Position) positionRow {
	return positionRow{Position: p, Unit: sn.unitName(p.UnitID), Figures: sn.figures[p.ID]}
}

// snapshot returns the current figures. A snapshot older than snapshotTTL
// is still returned while one goroutine reads a new one, so that readers
// never queue behind the refresh; only a missing snapshot (at start or
// after an edit) is read while the callers wait, once for all of them.
func (s *Server) snapshot(ctx context.Context) (*snapshot, error) {
	d := &s.dash
	d.mu.Lock()
	sn, gen := d.snap, d.gen
	if sn != nil {
		if s.deps.Clock.Now().Sub(sn.at) >= snapshotTTL && !d.refreshing {
			d.refreshing = true
			go s.refreshSnapshot(context.WithoutCancel(ctx))
		}
		d.mu.Unlock()
		return sn, nil
	}
	d.mu.Unlock()
	v, err, _ := d.reads.Do(fmt.Sprintf("snapshot:%d", gen), func() (any, error) {
		// Not the first caller's context: its leaving must not fail
		// the others.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		sn, err := s.readSnapshot(rctx)
		if err != nil {
			return nil, err
		}
		d.mu.Lock()
		if d.gen == gen && (d.snap == nil || d.snap.at.Before(sn.at)) {
			d.snap = sn
		}
		d.mu.Unlock()
		return sn, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*snapshot), nil
}

func (s *Server) refreshSnapshot(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	sn, err := s.readSnapshot(ctx)
	d := &s.dash
	d.mu.Lock()
	defer d.mu.Unlock()
	d.refreshing = false
	if err != nil {
		s.deps.Log.WarnContext(ctx, "workload snapshot refresh failed", slog.String("error", err.Error()))
		return
	}
	if d.snap != nil && d.snap.at.Before(sn.at) {
		d.snap = sn
	}
}

func (s *Server) readSnapshot(ctx context.Context) (*snapshot, error) {
	st := s.deps.Store
	sn := &snapshot{at: s.deps.Clock.Now(), unitByID: map[int64]core.Unit{}, positionByID: map[int64]core.Position{},
		figures: map[int64]*abk.PositionFigures{}}
	var err error
	if sn.units, err = st.Units(ctx); err != nil {
		return nil, err
	}
	if sn.positions, err = st.Positions(ctx, core.PositionFilter{}); err != nil {
		return nil, err
	}
	if sn.tasks, err = st.WorkloadTasks(ctx, 0); err != nil {
		return nil, err
	}
	staff, err := st.StaffCounts(ctx)
	if err != nil {
		return nil, err
	}
	if sn.unlinked, sn.unreachable, err = st.TelegramReach(ctx); err != nil {
		return nil, err
	}
	pending, err := st.Objections(ctx, core.ObjectionFilter{Status: core.ObjectionPending})
	if err != nil {
		return nil, err
	}
	sn.pending = len(pending)
	if sn.unacked, err = s.unacknowledged(ctx); err != nil {
		return nil, err
	}
	if sent, answered, mean, n, err := st.SurveyFigures(ctx); err != nil {
		s.deps.Log.WarnContext(ctx, "survey figures failed", slog.String("error", err.Error()))
	} else {
		sn.surveys = surveyFigures{OK: true, Sent: sent, Answered: answered, Likert: n, Mean: mean}
		if sent > 0 {
			sn.surveys.Rate = float64(answered) / float64(sent) * 100
		}
	}

	units := make([]abk.Unit, len(sn.units))
	for i, u := range sn.units {
		sn.unitByID[u.ID] = u
		units[i] = abk.Unit{ID: u.ID, Code: u.Code}
		if u.ParentID != nil {
			units[i].ParentID = *u.ParentID
		}
	}
	tasks := map[int64][]abk.Task{}
	for _, t := range sn.tasks {
		tasks[t.PositionID] = append(tasks[t.PositionID], abk.Task{Name: t.Task, YearlyVolume: t.YearlyVolume, StandardMinutes: t.StandardMinutes})
	}
	positions := make([]abk.Position, len(sn.positions))
	for i, p := range sn.positions {
		sn.positionByID[p.ID] = p
		positions[i] = abk.Position{ID: p.ID, Code: p.Code, UnitID: p.UnitID, Tasks: tasks[p.ID], Actual: staff[p.ID]}
	}
	an, err := abk.Analyze(units, positions, s.deps.ABK)
	if err != nil {
		if _, ok := core.AsValidation(err); !ok {
			return nil, err
		}
		sn.problem = err
		return sn, nil
	}
	sn.analysis = an
	for i := range an.Positions {
		sn.figures[an.Positions[i].PositionID] = &an.Positions[i]
	}
	sn.history = s.imbalanceHistory(ctx, an.Imbalance)
	return sn, nil
}

// imbalanceHistory records today's imbalance and returns the recent days.
// History is a view: a failure is logged and leaves it empty.
func (s *Server) imbalanceHistory(ctx context.Context, im abk.Imbalance) []historyPoint {
	now := s.deps.Clock.Now().In(s.deps.Location)
	b, _ := json.Marshal(im)
	if err := s.deps.Store.RecordImbalance(ctx, now.Format(core.DateLayout), string(b), now); err != nil {
		s.deps.Log.WarnContext(ctx, "record imbalance failed", slog.String("error", err.Error()))
		return nil
	}
	days, err := s.deps.Store.ImbalanceHistory(ctx, now.AddDate(0, 0, -historyDays).Format(core.DateLayout))
	if err != nil {
		s.deps.Log.WarnContext(ctx, "imbalance history failed", slog.String("error", err.Error()))
		return nil
	}
	out := make([]historyPoint, 0, len(days))
	for day, figures := range days {
		var im abk.Imbalance
		if json.Unmarshal([]byte(figures), &im) == nil {
			out = append(out, historyPoint{Day: day, Index: round3(im.Index), Under: round2(im.Under), Over: round2(im.Over)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Day < out[j].Day })
	return out
}

func round3(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }

// deadlineNear is how close an objection deadline must be for an
// unacknowledged notice to need action.
const deadlineNear = 72 * time.Hour

// unacknowledged counts announced transfers whose notice is not
// acknowledged while their round's objection deadline is near.
func (s *Server) unacknowledged(ctx context.Context) (int, error) {
	ts, err := s.deps.Store.Transfers(ctx, core.TransferFilter{Statuses: []core.TransferStatus{core.TransferAnnounced}})
	if err != nil || len(ts) == 0 {
		return 0, err
	}
	rounds, err := s.deps.Store.Rounds(ctx)
	if err != nil {
		return 0, err
	}
	now := s.deps.Clock.Now()
	near := map[int64]bool{}
	for _, r := range rounds {
		if d := r.ObjectionDeadline; d != nil && d.After(now) && d.Sub(now) <= deadlineNear {
			near[r.ID] = true
		}
	}
	n := 0
	for _, t := range ts {
		if t.AcknowledgedAt == nil && near[t.RoundID] {
			n++
		}
	}
	return n, nil
}

// chartBar is one unit in the dashboard's bar chart.
type chartBar struct {
	Label    string  `json:"label"`
	Required float64 `json:"required"`
	Actual   int     `json:"actual"`
	Band     string  `json:"band"`
}

type dashboardData struct {
	Imbalance   *abk.Imbalance
	Regency     *abk.Figures
	NoWorkload  int
	Problem     string
	Chart       []chartBar
	Short, Over []treeNode
	Unlinked    int
	Unreachable int
	Pending     int
	Unacked     int
	Scoped      bool
	History     []historyPoint
	Surveys     surveyFigures
}

// dashboard shows required against actual staff per unit coloured by EJ
// band, the imbalance figures, and the counts that need action.
func (s *Server) dashboard(c *gin.Context) {
	ctx := c.Request.Context()
	w := caller(c)
	sc, err := s.scopeOf(ctx, w)
	if err != nil {
		s.fail(c, err)
		return
	}
	sn, err := s.snapshot(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := dashboardData{Unlinked: sn.unlinked, Unreachable: sn.unreachable, Pending: sn.pending, Unacked: sn.unacked, Scoped: !sc.all, Surveys: sn.surveys}
	if sn.problem != nil {
		d.Problem = problemOf(sn.problem, s.lang(c)).Message
	}
	if an := sn.analysis; an != nil {
		if sc.all {
			d.Imbalance, d.Regency, d.NoWorkload, d.History = &an.Imbalance, &an.Regency, an.NoWorkload, sn.history
		}
		var nodes []treeNode
		for _, n := range unitTree(sn.units, sc, an, s.deps.ABK.Bands) {
			if n.Figures == nil || (n.Figures.Own.Required == 0 && n.Figures.Own.Actual == 0) {
				continue
			}
			nodes = append(nodes, n)
			d.Chart = append(d.Chart, chartBar{Label: n.Unit.Name, Required: round2(n.Figures.Own.Required),
				Actual: n.Figures.Own.Actual, Band: string(n.Figures.Own.Band)})
		}
		byGap := append([]treeNode(nil), nodes...)
		sort.SliceStable(byGap, func(i, j int) bool { return byGap[i].Figures.Own.Gap < byGap[j].Figures.Own.Gap })
		for i := 0; i < len(byGap) && i < 5 && byGap[i].Figures.Own.Gap < -0.5; i++ {
			d.Short = append(d.Short, byGap[i])
		}
		for i := len(byGap) - 1; i >= 0 && len(d.Over) < 5 && byGap[i].Figures.Own.Gap > 0.5; i-- {
			d.Over = append(d.Over, byGap[i])
		}
	}
	s.render(c, http.StatusOK, "dashboard", d)
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }
