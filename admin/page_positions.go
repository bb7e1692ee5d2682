package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// positionRow is a position with its unit and staffing figures.
type positionRow struct {
	core.Position
	Unit    string
	Figures *abk.PositionFigures
}

// positionList shows the positions in the caller's scope, filtered by
// unit and kind.
func (s *Server) positionList(c *gin.Context) {
	ctx := c.Request.Context()
	sc, err := s.scopeOf(ctx, caller(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	snap, err := s.snapshot(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	unitID, _ := strconv.ParseInt(c.Query("unit"), 10, 64)
	kind, q := c.Query("jenis"), strings.ToLower(strings.TrimSpace(c.Query("q")))
	var rows []positionRow
	for _, p := range snap.positions {
		if !sc.has(&p.UnitID) || (unitID != 0 && p.UnitID != unitID) || (kind != "" && string(p.Kind) != kind) {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(p.Name+" "+p.Code+" "+p.JobFamily), q) {
			continue
		}
		rows = append(rows, snap.positionRow(p))
	}
	var units []core.Unit
	for _, u := range snap.units {
		if sc.has(&u.ID) {
			units = append(units, u)
		}
	}
	s.render(c, http.StatusOK, "positions", struct {
		Rows    []positionRow
		Units   []core.Unit
		UnitID  int64
		Kind, Q string
		CanEdit bool
	}{rows, units, unitID, kind, c.Query("q"), has(editors, caller(c).Role)})
}

// position loads the position in the path within the caller's scope.
func (s *Server) position(c *gin.Context) (core.Position, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return core.Position{}, err
	}
	p, err := s.deps.Store.Position(c.Request.Context(), id)
	if err != nil {
		return p, err
	}
	return p, s.inScope(c, &p.UnitID)
}

// positionDetail shows a position, its ABK tasks and figures, a form to
// add a task, and its employees.
func (s *Server) positionDetail(c *gin.Context) {
	ctx := c.Request.Context()
	p, err := s.position(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	snap, err := s.snapshot(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	tasks, err := s.deps.Store.WorkloadTasks(ctx, p.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	staff, err := s.deps.Store.EmployeesOfPosition(ctx, p.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "position", struct {
		Row     positionRow
		Tasks   []core.WorkloadTask
		Staff   []core.Employee
		Task    *form
		CanEdit bool
	}{snap.positionRow(p), tasks, staff, newForm(), has(editors, caller(c).Role)})
}

// workloadList lists ABK tasks with their position, filtered by position
// or unit, in the caller's scope.
func (s *Server) workloadList(c *gin.Context) {
	ctx := c.Request.Context()
	sc, err := s.scopeOf(ctx, caller(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	snap, err := s.snapshot(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	unitID, _ := strconv.ParseInt(c.Query("unit"), 10, 64)
	q := strings.ToLower(strings.TrimSpace(c.Query("q")))
	type taskRow struct {
		core.WorkloadTask
		Position core.Position
		Unit     string
		Minutes  float64
	}
	var rows []taskRow
	for _, t := range snap.tasks {
		p, ok := snap.positionByID[t.PositionID]
		if !ok || !sc.has(&p.UnitID) || (unitID != 0 && p.UnitID != unitID) {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(t.Task+" "+p.Name+" "+p.Code), q) {
			continue
		}
		rows = append(rows, taskRow{t, p, snap.unitName(p.UnitID), t.YearlyVolume * t.StandardMinutes})
	}
	pg := paginate(c, len(rows), tasksPerPage)
	rows = rows[pg.From:pg.To]
	var units []core.Unit
	for _, u := range snap.units {
		if sc.has(&u.ID) {
			units = append(units, u)
		}
	}
	s.render(c, http.StatusOK, "workload", struct {
		Rows   any
		Units  []core.Unit
		UnitID int64
		Q      string
		Pager  pager
	}{rows, units, unitID, c.Query("q"), pg})
}

var positionFields = []string{"kode", "unit", "nama", "jenis", "rumpun", "pendidikan_min", "jurusan", "kompetensi", "alasan"}

func (s *Server) positionFormPage(c *gin.Context, status int, id int64, f *form) {
	units, err := s.deps.Store.Units(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, status, "position_form", struct {
		*form
		ID     int64
		Units  []core.Unit
		Kinds  []core.PositionKind
		Levels []core.EducationLevel
	}{f, id, units, []core.PositionKind{core.Structural, core.Functional, core.Executor}, core.EducationLevels})
}

func (s *Server) positionNew(c *gin.Context) {
	f := newForm()
	f.Values["unit"], f.Values["jenis"] = c.Query("unit"), string(core.Executor)
	s.positionFormPage(c, http.StatusOK, 0, f)
}

func (s *Server) positionEdit(c *gin.Context) {
	p, err := s.position(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	f := newForm()
	f.Values = map[string]string{"kode": p.Code, "unit": itoa(p.UnitID), "nama": p.Name, "jenis": string(p.Kind), "rumpun": p.JobFamily,
		"pendidikan_min": string(p.MinEducation), "jurusan": strings.Join(p.AcceptedFields, "; "), "kompetensi": strings.Join(p.Competencies, "; ")}
	s.positionFormPage(c, http.StatusOK, p.ID, f)
}

func (s *Server) positionCreate(c *gin.Context) { s.positionSubmit(c, core.Position{}) }

func (s *Server) positionUpdate(c *gin.Context) {
	p, err := s.position(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.positionSubmit(c, p)
}

func (s *Server) positionSubmit(c *gin.Context, p core.Position) {
	f := formFrom(c, positionFields...)
	v := f.Values
	p.Code, p.Name, p.Kind, p.JobFamily = v["kode"], v["nama"], core.PositionKind(v["jenis"]), v["rumpun"]
	p.MinEducation, p.AcceptedFields, p.Competencies = core.EducationLevel(v["pendidikan_min"]), core.SplitList(v["jurusan"]), core.SplitList(v["kompetensi"])
	p.UnitID, _ = strconv.ParseInt(v["unit"], 10, 64)
	err := s.savePosition(c.Request.Context(), caller(c), &p, v["alasan"])
	if err == nil {
		c.Redirect(http.StatusSeeOther, "/positions/"+itoa(p.ID)+"?flash=admin.flash.saved")
		return
	}
	if _, ok := core.AsValidation(err); !ok && !errors.Is(err, core.ErrConflict) {
		s.fail(c, err)
		return
	}
	f.setError(c, s, err, "")
	s.positionFormPage(c, http.StatusUnprocessableEntity, p.ID, f)
}

// taskAdd adds an ABK task to a position.
func (s *Server) taskAdd(c *gin.Context) {
	ctx := c.Request.Context()
	p, err := s.position(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	f := formFrom(c, "tugas", "volume", "norma_menit", "periode")
	t := core.WorkloadTask{PositionID: p.ID, Task: f.Values["tugas"], Period: f.Values["periode"]}
	vol, ok1 := optFloat(f.Values["volume"])
	mins, ok2 := optFloat(f.Values["norma_menit"])
	if !ok1 || vol == nil {
		f.Errors["volume"] = s.t(c, "admin.err.number")
	} else {
		t.YearlyVolume = *vol
	}
	if !ok2 || mins == nil {
		f.Errors["norma_menit"] = s.t(c, "admin.err.number")
	} else {
		t.StandardMinutes = *mins
	}
	if len(f.Errors) == 0 {
		err = s.inTx(ctx, func(tx Store) error {
			if err := tx.AddWorkloadTask(ctx, &t); err != nil {
				return err
			}
			return s.audit(ctx, tx, caller(c), "workload_task.create", "position", itoa(p.ID), nil, t, "")
		})
		if err == nil {
			s.dash.invalidate()
			c.Redirect(http.StatusSeeOther, "/positions/"+itoa(p.ID)+"?flash=admin.flash.saved")
			return
		}
		if _, ok := core.AsValidation(err); !ok {
			s.fail(c, err)
			return
		}
		f.setError(c, s, err, "")
	}
	snap, err := s.snapshot(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	tasks, _ := s.deps.Store.WorkloadTasks(ctx, p.ID)
	s.render(c, http.StatusUnprocessableEntity, "position", struct {
		Row     positionRow
		Tasks   []core.WorkloadTask
		Staff   []core.Employee
		Task    *form
		CanEdit bool
	}{snap.positionRow(p), tasks, nil, f, true})
}

const tasksPerPage = 100

// pager is one page of a list that is cut in memory.
type pager struct {
	Page, Pages, Total int
	From, To           int
	PrevURL, NextURL   string
}

// paginate reads ?page= and returns the page's bounds and links.
func paginate(c *gin.Context, total, per int) pager {
	p := pager{Total: total, Pages: max((total+per-1)/per, 1)}
	p.Page, _ = strconv.Atoi(c.Query("page"))
	p.Page = min(max(p.Page, 1), p.Pages)
	p.From, p.To = (p.Page-1)*per, min(p.Page*per, total)
	link := func(n int) string {
		q := c.Request.URL.Query()
		q.Set("page", strconv.Itoa(n))
		return c.Request.URL.Path + "?" + q.Encode()
	}
	if p.Page > 1 {
		p.PrevURL = link(p.Page - 1)
	}
	if p.Page < p.Pages {
		p.NextURL = link(p.Page + 1)
	}
	return p
}
