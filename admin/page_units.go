package admin

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// nameIndex resolves unit and position ids to names for display.
type nameIndex struct {
	units     []core.Unit
	unitByID  map[int64]core.Unit
	positions map[int64]core.Position
}

// names returns the index of the current snapshot.
func (s *Server) names(ctx context.Context) (nameIndex, error) {
	sn, err := s.snapshot(ctx)
	if err != nil {
		return nameIndex{}, err
	}
	return nameIndex{units: sn.units, unitByID: sn.unitByID, positions: sn.positionByID}, nil
}

func (n nameIndex) unit(id *int64) string {
	if id == nil {
		return ""
	}
	return n.unitByID[*id].Name
}

func (n nameIndex) position(id *int64) string {
	if id == nil {
		return ""
	}
	return n.positions[*id].Name
}

// treeNode is a unit in the tree with its workload figures.
type treeNode struct {
	Unit     core.Unit
	Depth    int
	Figures  *abk.UnitFigures
	Band     abk.Band
	Children int
}

// unitTree returns the units in scope in tree order (each parent before
// its children), with their figures when an analysis is at hand.
func unitTree(units []core.Unit, sc scope, an *abk.Analysis, bands abk.Bands) []treeNode {
	children := map[int64][]core.Unit{}
	var roots []core.Unit
	byID := map[int64]bool{}
	for _, u := range units {
		byID[u.ID] = true
	}
	for _, u := range units {
		if u.ParentID != nil && byID[*u.ParentID] {
			children[*u.ParentID] = append(children[*u.ParentID], u)
		} else {
			roots = append(roots, u)
		}
	}
	figs := map[int64]*abk.UnitFigures{}
	if an != nil {
		for i := range an.Units {
			figs[an.Units[i].UnitID] = &an.Units[i]
		}
	}
	var out []treeNode
	var walk func(u core.Unit, depth int)
	walk = func(u core.Unit, depth int) {
		if sc.has(&u.ID) {
			n := treeNode{Unit: u, Depth: depth, Figures: figs[u.ID], Children: len(children[u.ID])}
			if n.Figures != nil {
				n.Band = n.Figures.Total.Band
			}
			out = append(out, n)
		}
		for _, c := range children[u.ID] {
			walk(c, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return out
}

// unitList shows the unit tree in the caller's scope with each unit's
// required and actual staff.
func (s *Server) unitList(c *gin.Context) {
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
	s.render(c, http.StatusOK, "units", struct {
		Tree    []treeNode
		CanEdit bool
	}{unitTree(snap.units, sc, snap.analysis, s.deps.ABK.Bands), has(editors, caller(c).Role)})
}

// unit loads the unit in the path within the caller's scope.
func (s *Server) unit(c *gin.Context) (core.Unit, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return core.Unit{}, err
	}
	if err := s.inScope(c, &id); err != nil {
		return core.Unit{}, err
	}
	return s.deps.Store.Unit(c.Request.Context(), id)
}

// unitDetail shows a unit, its sub-units, positions and staff counts.
func (s *Server) unitDetail(c *gin.Context) {
	ctx := c.Request.Context()
	u, err := s.unit(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	snap, err := s.snapshot(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	sub := scope{ids: map[int64]bool{}}
	for _, id := range subtree(snap.units, u.ID) {
		sub.ids[id] = true
	}
	ps, err := s.deps.Store.Positions(ctx, core.PositionFilter{UnitID: u.ID})
	if err != nil {
		s.fail(c, err)
		return
	}
	var rows []positionRow
	for _, p := range ps {
		rows = append(rows, snap.positionRow(p))
	}
	parent := ""
	if u.ParentID != nil {
		parent = snap.unitName(*u.ParentID)
	}
	s.render(c, http.StatusOK, "unit", struct {
		Unit      core.Unit
		Parent    string
		Tree      []treeNode
		Positions []positionRow
		CanEdit   bool
	}{u, parent, unitTree(snap.units, sub, snap.analysis, s.deps.ABK.Bands), rows, has(editors, caller(c).Role)})
}

var unitFields = []string{"kode", "nama", "induk", "jenis", "alamat", "zona_waktu", "lat", "lng", "alasan"}

func (s *Server) unitFormPage(c *gin.Context, status int, id int64, f *form) {
	units, err := s.deps.Store.Units(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, status, "unit_form", struct {
		*form
		ID    int64
		Units []core.Unit
		Kinds []core.UnitKind
	}{f, id, units, core.UnitKinds})
}

func (s *Server) unitNew(c *gin.Context) {
	f := newForm()
	f.Values["zona_waktu"], f.Values["jenis"] = "WIB", string(core.UnitOffice)
	f.Values["induk"] = c.Query("induk")
	s.unitFormPage(c, http.StatusOK, 0, f)
}

func (s *Server) unitEdit(c *gin.Context) {
	u, err := s.unit(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	f := newForm()
	f.Values = map[string]string{"kode": u.Code, "nama": u.Name, "jenis": string(u.Kind), "alamat": u.Address,
		"zona_waktu": string(u.TimeZone), "lat": fmtFloat(u.Lat), "lng": fmtFloat(u.Lng)}
	if u.ParentID != nil {
		f.Values["induk"] = itoa(*u.ParentID)
	}
	s.unitFormPage(c, http.StatusOK, u.ID, f)
}

func (s *Server) unitCreate(c *gin.Context) { s.unitSubmit(c, core.Unit{}) }

func (s *Server) unitUpdate(c *gin.Context) {
	u, err := s.unit(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.unitSubmit(c, u)
}

func (s *Server) unitSubmit(c *gin.Context, u core.Unit) {
	f := formFrom(c, unitFields...)
	v := f.Values
	u.Code, u.Name, u.Kind, u.Address, u.TimeZone = v["kode"], v["nama"], core.UnitKind(v["jenis"]), v["alamat"], core.TimeZone(v["zona_waktu"])
	u.ParentID = nil
	if v["induk"] != "" {
		id, err := strconv.ParseInt(v["induk"], 10, 64)
		if err != nil {
			f.Errors["induk"] = s.t(c, "admin.err.choose")
		}
		u.ParentID = &id
	}
	var ok bool
	if u.Lat, ok = optFloat(v["lat"]); !ok {
		f.Errors["lat"] = s.t(c, "admin.err.number")
	}
	if u.Lng, ok = optFloat(v["lng"]); !ok {
		f.Errors["lng"] = s.t(c, "admin.err.number")
	}
	if len(f.Errors) == 0 {
		err := s.saveUnit(c.Request.Context(), caller(c), &u, v["alasan"])
		if err == nil {
			c.Redirect(http.StatusSeeOther, "/units/"+itoa(u.ID)+"?flash=admin.flash.saved")
			return
		}
		if _, ok := core.AsValidation(err); !ok && !errors.Is(err, core.ErrConflict) {
			s.fail(c, err)
			return
		}
		f.setError(c, s, err, "")
	}
	s.unitFormPage(c, http.StatusUnprocessableEntity, u.ID, f)
}
