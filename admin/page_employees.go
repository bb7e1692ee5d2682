package admin

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
)

const employeesPerPage = 50

// employeeRow is one line of the employee list, flat and preformatted:
// the list is the busiest page, and templates reach promoted fields and
// call methods through reflection.
type employeeRow struct {
	ID                                  int64
	NIP, Name, Golongan, Position, Unit string
	TMT                                 string
	Linked, Active                      bool
}

type employeeListData struct {
	Rows                      []employeeRow
	Total, Page, Pages        int
	Query, Sort, Active       string
	UnitID                    int64
	Units                     []core.Unit
	PrevURL, NextURL, SortURL string
	CanEdit                   bool
	sortBase                  url.Values
}

// SortLink returns the list URL sorted by key, toggling the direction when
// the list is already sorted by it.
func (d employeeListData) SortLink(key string) string {
	v := cloneValues(d.sortBase)
	if d.Sort == key {
		key = "-" + key
	}
	v.Set("sort", key)
	v.Del("page")
	return "/employees?" + v.Encode()
}

// RowsHTML renders the table's rows, or one row saying none when the page
// is empty. The list is the busiest page: written here with one escape per
// value it costs a fraction of html/template evaluating the same markup
// through reflection (BenchmarkEmployeeListRender).
func (d employeeListData) RowsHTML(inactive, none string) template.HTML {
	if len(d.Rows) == 0 {
		return template.HTML(`<tr><td colspan="7">` + template.HTMLEscapeString(none) + `</td></tr>`)
	}
	var b strings.Builder
	b.Grow(len(d.Rows) * 320)
	esc := func(v string) { template.HTMLEscape(&b, []byte(v)) }
	for _, r := range d.Rows {
		href := `<a href="/employees/` + strconv.FormatInt(r.ID, 10) + `">`
		b.WriteString("<tr>\n<td>" + href)
		esc(r.NIP)
		b.WriteString("</a></td><td>" + href)
		esc(r.Name)
		b.WriteString("</a>")
		if !r.Active {
			b.WriteString(` <small class="muted">(`)
			esc(inactive)
			b.WriteString(")</small>")
		}
		b.WriteString("</td>\n<td>")
		for _, v := range []string{r.Golongan, r.Position, r.Unit} {
			esc(v)
			b.WriteString("</td><td>")
		}
		esc(r.TMT)
		if r.Linked {
			b.WriteString("</td>\n<td>✓</td></tr>\n")
		} else {
			b.WriteString("</td>\n<td><span class=\"muted\">—</span></td></tr>\n")
		}
	}
	return template.HTML(b.String())
}

// UnitOptions renders the unit filter's options, the chosen one selected.
func (d employeeListData) UnitOptions() template.HTML {
	var b strings.Builder
	b.Grow(len(d.Units) * 48)
	for _, u := range d.Units {
		b.WriteString(`<option value="` + strconv.FormatInt(u.ID, 10) + `"`)
		if u.ID == d.UnitID {
			b.WriteString(" selected")
		}
		b.WriteString(">")
		template.HTMLEscape(&b, []byte(u.Name))
		b.WriteString("</option>")
	}
	return template.HTML(b.String())
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// employeeList shows one page of employees in the caller's scope, with
// search by NIP or name, unit and status filters, and sorting. htmx
// requests get the result table only.
func (s *Server) employeeList(c *gin.Context) {
	ctx := c.Request.Context()
	w := caller(c)
	sc, err := s.scopeOf(ctx, w)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := employeeListData{Query: c.Query("q"), Sort: c.Query("sort"), Active: c.Query("active"), CanEdit: has(editors, w.Role)}
	d.Page, _ = strconv.Atoi(c.Query("page"))
	d.Page = max(d.Page, 1)
	d.UnitID, _ = strconv.ParseInt(c.Query("unit"), 10, 64)
	f := core.EmployeeFilter{Query: d.Query, UnitID: d.UnitID, Sort: d.Sort, Limit: employeesPerPage, Offset: (d.Page - 1) * employeesPerPage}
	switch d.Active {
	case "1":
		t := true
		f.Active = &t
	case "0":
		t := false
		f.Active = &t
	}
	rows, total, err := s.employeePage(ctx, f, sc)
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	for _, u := range names.units {
		if sc.has(&u.ID) {
			d.Units = append(d.Units, u)
		}
	}
	d.Total, d.Pages = total, max((total+employeesPerPage-1)/employeesPerPage, 1)
	pg := page{Lang: s.lang(c)}
	for _, e := range rows {
		d.Rows = append(d.Rows, employeeRow{ID: e.ID, NIP: e.NIP, Name: e.Name, Golongan: string(e.Golongan),
			Position: names.position(e.PositionID), Unit: names.unit(e.UnitID), TMT: pg.Date(e.TMTJabatan),
			Linked: e.TelegramUserID != nil, Active: e.Active})
	}
	q := c.Request.URL.Query()
	d.sortBase = q
	if d.Page > 1 {
		v := cloneValues(q)
		v.Set("page", strconv.Itoa(d.Page-1))
		d.PrevURL = "/employees?" + v.Encode()
	}
	if d.Page < d.Pages {
		v := cloneValues(q)
		v.Set("page", strconv.Itoa(d.Page+1))
		d.NextURL = "/employees?" + v.Encode()
	}
	s.render(c, http.StatusOK, "employees", d)
}

type employeeDetailData struct {
	Employee   core.Employee
	Position   string
	Unit       string
	Preference *core.Preference
	PrefUnits  []string
	Transfers  []transferRow
	Surveys    []core.SurveyInvitation
	CanEdit    bool
	Bot        string
}

type transferRow struct {
	core.Transfer
	From, To   string
	Objections []core.Objection
}

// employee loads the employee in the path, or ErrNotFound when it does not
// exist or lies outside the caller's scope.
func (s *Server) employee(c *gin.Context) (core.Employee, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return core.Employee{}, err
	}
	e, err := s.deps.Store.Employee(c.Request.Context(), id)
	if err != nil {
		return e, err
	}
	return e, s.inScope(c, e.UnitID)
}

// inScope returns ErrNotFound when unitID lies outside the caller's scope,
// so that a unit head learns nothing of other units.
func (s *Server) inScope(c *gin.Context, unitID *int64) error {
	sc, err := s.scopeOf(c.Request.Context(), caller(c))
	if err != nil {
		return err
	}
	if !sc.has(unitID) {
		return core.ErrNotFound
	}
	return nil
}

// employeeDetail shows an employee with Telegram link status,
// preferences and transfer history.
func (s *Server) employeeDetail(c *gin.Context) {
	ctx := c.Request.Context()
	e, err := s.employee(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := employeeDetailData{Employee: e, Position: names.position(e.PositionID), Unit: names.unit(e.UnitID),
		CanEdit: has(editors, caller(c).Role), Bot: s.deps.BotUsername}
	if p, err := s.deps.Store.Preference(ctx, e.ID); err == nil {
		d.Preference = &p
		for _, id := range p.UnitIDs {
			d.PrefUnits = append(d.PrefUnits, names.unit(&id))
		}
	} else if !errors.Is(err, core.ErrNotFound) {
		s.fail(c, err)
		return
	}
	ts, err := s.deps.Store.Transfers(ctx, core.TransferFilter{EmployeeID: e.ID})
	if err != nil {
		s.fail(c, err)
		return
	}
	for _, t := range ts {
		obs, err := s.deps.Store.Objections(ctx, core.ObjectionFilter{TransferID: t.ID})
		if err != nil {
			s.fail(c, err)
			return
		}
		d.Transfers = append(d.Transfers, transferRow{Transfer: t, From: names.unit(&t.FromUnitID), To: names.unit(&t.ToUnitID), Objections: obs})
	}
	if d.Surveys, err = s.deps.Store.SurveyInvitationsOf(ctx, e.ID); err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "employee", d)
}

// employeeLinkCode creates a one-time link code and shows it once, with
// the deep link and its printable QR code.
func (s *Server) employeeLinkCode(c *gin.Context) {
	e, err := s.employee(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	lc, err := s.createLinkCode(c.Request.Context(), caller(c), e)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "linkcode", struct {
		Employee core.Employee
		Code     linkCode
	}{e, lc})
}

var employeeFields = []string{"nip", "nama", "golongan", "jabatan", "tmt_jabatan", "pendidikan", "jurusan", "kompetensi",
	"predikat_kinerja", "telepon", "lat", "lng", "bahasa", "aktif", "alasan"}

type employeeFormData struct {
	*form
	ID        int64
	Positions []core.Position
	Predikats []core.Predikat
}

func (s *Server) employeeFormPage(c *gin.Context, status int, id int64, f *form) {
	ps, err := s.deps.Store.Positions(c.Request.Context(), core.PositionFilter{})
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, status, "employee_form", employeeFormData{form: f, ID: id, Positions: ps, Predikats: core.Predikats})
}

func (s *Server) employeeNew(c *gin.Context) {
	f := newForm()
	f.Values["aktif"] = "1"
	s.employeeFormPage(c, http.StatusOK, 0, f)
}

func (s *Server) employeeEdit(c *gin.Context) {
	e, err := s.employee(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	f := newForm()
	f.Values = map[string]string{"nip": e.NIP, "nama": e.Name, "golongan": string(e.Golongan), "tmt_jabatan": dateValue(e.TMTJabatan),
		"pendidikan": string(e.EducationLevel), "jurusan": e.EducationField, "kompetensi": strings.Join(e.Competencies, "; "),
		"predikat_kinerja": string(e.Performance), "telepon": e.Phone, "lat": fmtFloat(e.HomeLat), "lng": fmtFloat(e.HomeLng),
		"bahasa": e.Language}
	if e.Active {
		f.Values["aktif"] = "1"
	}
	if e.PositionID != nil {
		if p, err := s.deps.Store.Position(c.Request.Context(), *e.PositionID); err == nil {
			f.Values["jabatan"] = p.Code
		}
	}
	s.employeeFormPage(c, http.StatusOK, e.ID, f)
}

func dateValue(d core.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func (s *Server) employeeCreate(c *gin.Context) { s.employeeSubmit(c, core.Employee{}) }

func (s *Server) employeeUpdate(c *gin.Context) {
	e, err := s.employee(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.employeeSubmit(c, e)
}

// employeeSubmit validates the posted form into e and saves it, or shows
// the form again with each problem next to its field.
func (s *Server) employeeSubmit(c *gin.Context, e core.Employee) {
	ctx := c.Request.Context()
	f := formFrom(c, employeeFields...)
	v := f.Values
	e.NIP, e.Name, e.Golongan = v["nip"], v["nama"], core.Golongan(v["golongan"])
	e.EducationLevel, e.EducationField = core.EducationLevel(v["pendidikan"]), v["jurusan"]
	e.Competencies, e.Performance, e.Phone = core.SplitList(v["kompetensi"]), core.Predikat(v["predikat_kinerja"]), v["telepon"]
	e.Language, e.Active = v["bahasa"], v["aktif"] == "1"
	e.TMTJabatan = core.Date{}
	if v["tmt_jabatan"] != "" {
		d, err := core.ParseDate(v["tmt_jabatan"])
		if err != nil {
			f.Errors["tmt_jabatan"] = s.t(c, "admin.err.date")
		}
		e.TMTJabatan = d
	}
	var ok bool
	if e.HomeLat, ok = optFloat(v["lat"]); !ok {
		f.Errors["lat"] = s.t(c, "admin.err.number")
	}
	if e.HomeLng, ok = optFloat(v["lng"]); !ok {
		f.Errors["lng"] = s.t(c, "admin.err.number")
	}
	e.PositionID = nil
	if v["jabatan"] != "" {
		p, err := s.deps.Store.PositionByCode(ctx, v["jabatan"])
		if err != nil {
			f.setError(c, s, err, "jabatan")
			if errors.Is(err, core.ErrNotFound) {
				f.Errors["jabatan"] = s.t(c, "admin.err.unknown_position", v["jabatan"])
			}
		} else {
			e.PositionID = &p.ID
		}
	}
	if len(f.Errors) == 0 {
		err := s.saveEmployee(ctx, caller(c), &e, v["alasan"])
		if err == nil {
			c.Redirect(http.StatusSeeOther, "/employees/"+itoa(e.ID)+"?flash=admin.flash.saved")
			return
		}
		if _, ok := core.AsValidation(err); !ok && !errors.Is(err, core.ErrConflict) {
			s.fail(c, err)
			return
		}
		f.setError(c, s, err, "")
	}
	s.employeeFormPage(c, http.StatusUnprocessableEntity, e.ID, f)
}

func has(roles []core.Role, r core.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}
