package admin

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// The JSON API under /api/v1: bearer tokens, the caller's unit scope, and
// errors as {"error": {"code", "message"}} in Bahasa Indonesia.

type unitJSON struct {
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	ParentCode string   `json:"parent_code,omitempty"`
	Kind       string   `json:"kind"`
	Address    string   `json:"address,omitempty"`
	TimeZone   string   `json:"time_zone"`
	Lat        *float64 `json:"lat,omitempty"`
	Lng        *float64 `json:"lng,omitempty"`
}

type positionJSON struct {
	Code           string   `json:"code"`
	UnitCode       string   `json:"unit_code"`
	Name           string   `json:"name"`
	Kind           string   `json:"kind"`
	JobFamily      string   `json:"job_family,omitempty"`
	MinEducation   string   `json:"min_education,omitempty"`
	AcceptedFields []string `json:"accepted_fields"`
	Competencies   []string `json:"competencies"`
}

type employeeJSON struct {
	NIP            string   `json:"nip"`
	Name           string   `json:"name"`
	Golongan       string   `json:"golongan,omitempty"`
	PositionCode   string   `json:"position_code,omitempty"`
	UnitCode       string   `json:"unit_code,omitempty"`
	TMTJabatan     string   `json:"tmt_jabatan,omitempty"`
	BirthDate      string   `json:"birth_date,omitempty"`
	Gender         string   `json:"gender,omitempty"`
	EducationLevel string   `json:"education_level,omitempty"`
	EducationField string   `json:"education_field,omitempty"`
	Competencies   []string `json:"competencies"`
	Performance    string   `json:"performance,omitempty"`
	Phone          string   `json:"phone,omitempty"`
	Lat            *float64 `json:"lat,omitempty"`
	Lng            *float64 `json:"lng,omitempty"`
	TelegramLinked bool     `json:"telegram_linked"`
	Active         *bool    `json:"active,omitempty"`
}

// maxBodyBytes bounds a JSON body of the API (admin.err.too_large names it).
const maxBodyBytes = 1 << 20

// bind decodes the JSON body into v, refusing unknown fields and anything
// after the one JSON value (errBadRequest), and bodies over maxBodyBytes
// (errTooLarge).
func bind(c *gin.Context, v any) error { return decodeBody(c, v, false) }

// bindOptional is bind for a body that may be left out.
func bindOptional(c *gin.Context, v any) error { return decodeBody(c, v, true) }

func decodeBody(c *gin.Context, v any, optional bool) error {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxBodyBytes)
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && !(optional && errors.Is(err, io.EOF)) {
		return bodyError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return bodyError(err)
	}
	return nil
}

// bodyError is errTooLarge when reading the body stopped at its limit,
// errBadRequest otherwise.
func bodyError(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return errTooLarge
	}
	return errBadRequest
}

// The JSON names of the fields that core's validation names as the
// import columns (and the panel's forms) do.
var (
	unitFieldNames = map[string]string{"kode": "code", "nama": "name", "induk": "parent_code", "jenis": "kind",
		"alamat": "address", "zona_waktu": "time_zone", "alasan": "reason"}
	positionFieldNames = map[string]string{"kode": "code", "unit": "unit_code", "nama": "name", "jenis": "kind",
		"rumpun": "job_family", "pendidikan_min": "min_education", "jurusan": "accepted_fields", "kompetensi": "competencies",
		"alasan": "reason"}
	employeeFieldNames = map[string]string{"nama": "name", "jabatan": "position_code", "unit": "position_code",
		"pendidikan": "education_level", "jurusan": "education_field", "kompetensi": "competencies",
		"predikat_kinerja": "performance", "telepon": "phone",
		"alasan": "reason"}
)

// apiFields renames the fields of a validation error from the names the
// panel's forms use to the JSON names of the request; other errors pass
// unchanged.
func apiFields(err error, names map[string]string) error {
	v, ok := core.AsValidation(err)
	if !ok {
		return err
	}
	out := &core.ValidationError{}
	for _, f := range v.Fields {
		if n, ok := names[f.Field]; ok {
			f.Field = n
		}
		out.Fields = append(out.Fields, f)
	}
	return out
}

func (s *Server) apiUnits(c *gin.Context) {
	ctx := c.Request.Context()
	sc, err := s.scopeOf(ctx, caller(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := []unitJSON{}
	for _, u := range names.units {
		if sc.has(&u.ID) {
			out = append(out, unitOut(u, names))
		}
	}
	c.JSON(http.StatusOK, gin.H{"units": out})
}

func unitOut(u core.Unit, n nameIndex) unitJSON {
	j := unitJSON{Code: u.Code, Name: u.Name, Kind: string(u.Kind), Address: u.Address, TimeZone: string(u.TimeZone), Lat: u.Lat, Lng: u.Lng}
	if u.ParentID != nil {
		j.ParentCode = n.unitByID[*u.ParentID].Code
	}
	return j
}

// unitByCode resolves a unit code in the request; an unknown code is a
// validation problem on field.
func (s *Server) unitByCode(c *gin.Context, code, field string) (core.Unit, error) {
	u, err := s.deps.Store.UnitByCode(c.Request.Context(), code)
	if errors.Is(err, core.ErrNotFound) {
		return u, core.Invalid(field, "err.unknown_reference", code)
	}
	return u, err
}

func (s *Server) apiUnitCreate(c *gin.Context) {
	var in unitJSON
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	s.apiSaveUnit(c, http.StatusCreated, core.Unit{}, in, "")
}

// apiUnitUpdate changes the fields of the unit in the path that the body
// names; the others keep their values.
func (s *Server) apiUnitUpdate(c *gin.Context) {
	u, err := s.deps.Store.UnitByCode(c.Request.Context(), c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	in := struct {
		unitJSON
		Reason string `json:"reason"`
	}{unitJSON: unitOut(u, names)}
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	s.apiSaveUnit(c, http.StatusOK, u, in.unitJSON, in.Reason)
}

// apiSaveUnit stores u as in describes it and answers with it.
func (s *Server) apiSaveUnit(c *gin.Context, status int, u core.Unit, in unitJSON, reason string) {
	u.Code, u.Name, u.Kind, u.Address, u.TimeZone = in.Code, in.Name, core.UnitKind(in.Kind), in.Address, core.TimeZone(in.TimeZone)
	u.Lat, u.Lng, u.ParentID = in.Lat, in.Lng, nil
	if in.ParentCode != "" {
		p, err := s.unitByCode(c, in.ParentCode, "induk")
		if err != nil {
			s.fail(c, apiFields(err, unitFieldNames))
			return
		}
		u.ParentID = &p.ID
	}
	if err := s.saveUnit(c.Request.Context(), caller(c), &u, reason); err != nil {
		s.fail(c, apiFields(err, unitFieldNames))
		return
	}
	names, err := s.names(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, unitOut(u, names))
}

func (s *Server) apiPositions(c *gin.Context) {
	ctx := c.Request.Context()
	sc, err := s.scopeOf(ctx, caller(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	filter := int64(0)
	if code := c.Query("unit"); code != "" {
		u, err := s.deps.Store.UnitByCode(ctx, code)
		if err == nil && !sc.has(&u.ID) {
			err = core.ErrNotFound
		}
		if err != nil {
			s.fail(c, err)
			return
		}
		filter = u.ID
	}
	out := []positionJSON{}
	ps, err := s.deps.Store.Positions(ctx, core.PositionFilter{UnitID: filter})
	if err != nil {
		s.fail(c, err)
		return
	}
	for _, p := range ps {
		if sc.has(&p.UnitID) {
			out = append(out, positionOut(p, names))
		}
	}
	c.JSON(http.StatusOK, gin.H{"positions": out})
}

func positionOut(p core.Position, n nameIndex) positionJSON {
	return positionJSON{Code: p.Code, UnitCode: n.unitByID[p.UnitID].Code, Name: p.Name, Kind: string(p.Kind), JobFamily: p.JobFamily,
		MinEducation: string(p.MinEducation), AcceptedFields: orEmpty(p.AcceptedFields), Competencies: orEmpty(p.Competencies)}
}

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func (s *Server) apiPositionCreate(c *gin.Context) {
	var in positionJSON
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	s.apiSavePosition(c, http.StatusCreated, core.Position{}, in, "")
}

// apiPositionUpdate changes the fields of the position in the path that
// the body names; the others keep their values.
func (s *Server) apiPositionUpdate(c *gin.Context) {
	p, err := s.deps.Store.PositionByCode(c.Request.Context(), c.Param("code"))
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	in := struct {
		positionJSON
		Reason string `json:"reason"`
	}{positionJSON: positionOut(p, names)}
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	s.apiSavePosition(c, http.StatusOK, p, in.positionJSON, in.Reason)
}

// apiSavePosition stores p as in describes it and answers with it.
func (s *Server) apiSavePosition(c *gin.Context, status int, p core.Position, in positionJSON, reason string) {
	p.Code, p.Name, p.Kind, p.JobFamily = in.Code, in.Name, core.PositionKind(in.Kind), in.JobFamily
	p.MinEducation, p.AcceptedFields, p.Competencies, p.UnitID = core.EducationLevel(in.MinEducation), core.CleanList(in.AcceptedFields), core.CleanList(in.Competencies), 0
	if in.UnitCode != "" {
		u, err := s.unitByCode(c, in.UnitCode, "unit")
		if err != nil {
			s.fail(c, apiFields(err, positionFieldNames))
			return
		}
		p.UnitID = u.ID
	}
	if err := s.savePosition(c.Request.Context(), caller(c), &p, reason); err != nil {
		s.fail(c, apiFields(err, positionFieldNames))
		return
	}
	names, err := s.names(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, positionOut(p, names))
}

func employeeOut(e core.Employee, n nameIndex) employeeJSON {
	j := employeeJSON{NIP: e.NIP, Name: e.Name, Golongan: string(e.Golongan), TMTJabatan: dateValue(e.TMTJabatan),
		BirthDate: dateValue(e.BirthDate), Gender: string(e.Gender), EducationLevel: string(e.EducationLevel),
		EducationField: e.EducationField, Competencies: orEmpty(e.Competencies), Performance: string(e.Performance),
		Phone: e.Phone, Lat: e.HomeLat, Lng: e.HomeLng, TelegramLinked: e.Linked(), Active: &e.Active}
	if e.PositionID != nil {
		j.PositionCode = n.positions[*e.PositionID].Code
	}
	if e.UnitID != nil {
		j.UnitCode = n.unitByID[*e.UnitID].Code
	}
	return j
}

// apiEmployees lists employees in the caller's scope: ?q= matches a NIP
// prefix or part of the name, ?unit= a unit code; ?limit= (at most 500)
// and ?offset= page through them.
func (s *Server) apiEmployees(c *gin.Context) {
	ctx := c.Request.Context()
	sc, err := s.scopeOf(ctx, caller(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	f := core.EmployeeFilter{Query: c.Query("q"), Sort: c.Query("sort")}
	f.Limit, _ = strconv.Atoi(c.Query("limit"))
	f.Offset, _ = strconv.Atoi(c.Query("offset"))
	if code := c.Query("unit"); code != "" {
		u, err := s.deps.Store.UnitByCode(ctx, code)
		if err == nil && !sc.has(&u.ID) {
			err = core.ErrNotFound
		}
		if err != nil {
			s.fail(c, err)
			return
		}
		f.UnitID = u.ID
	}
	es, total, err := s.employeePage(ctx, f, sc)
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]employeeJSON, len(es))
	for i, e := range es {
		out[i] = employeeOut(e, names)
	}
	c.JSON(http.StatusOK, gin.H{"employees": out, "total": total})
}

// apiEmployeeByNIP loads the employee in the path within the caller's scope.
func (s *Server) apiEmployeeByNIP(c *gin.Context) (core.Employee, error) {
	e, err := s.deps.Store.EmployeeByNIP(c.Request.Context(), c.Param("nip"))
	if err != nil {
		return e, err
	}
	return e, s.inScope(c, e.UnitID)
}

func (s *Server) apiEmployee(c *gin.Context) {
	e, err := s.apiEmployeeByNIP(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, employeeOut(e, names))
}

func (s *Server) apiEmployeeCreate(c *gin.Context) {
	var in employeeJSON
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	s.apiSaveEmployee(c, http.StatusCreated, core.Employee{}, in, "")
}

// apiEmployeeUpdate changes the fields of the employee in the path that
// the body names; the others keep their values. The unit follows the
// position; the Telegram link is the bot's.
func (s *Server) apiEmployeeUpdate(c *gin.Context) {
	e, err := s.apiEmployeeByNIP(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	in := struct {
		employeeJSON
		Reason string `json:"reason"`
	}{employeeJSON: employeeOut(e, names)}
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	s.apiSaveEmployee(c, http.StatusOK, e, in.employeeJSON, in.Reason)
}

// apiSaveEmployee stores e as in describes it and answers with it.
func (s *Server) apiSaveEmployee(c *gin.Context, status int, e core.Employee, in employeeJSON, reason string) {
	ctx := c.Request.Context()
	e.NIP, e.Name, e.Golongan, e.EducationLevel = in.NIP, in.Name, core.Golongan(in.Golongan), core.EducationLevel(in.EducationLevel)
	e.EducationField, e.Competencies, e.Performance, e.Phone = in.EducationField, core.CleanList(in.Competencies), core.Predikat(in.Performance), in.Phone
	e.HomeLat, e.HomeLng, e.Active = in.Lat, in.Lng, in.Active == nil || *in.Active
	e.TMTJabatan, e.PositionID = core.Date{}, nil
	if in.TMTJabatan != "" {
		d, err := core.ParseDate(in.TMTJabatan)
		if err != nil {
			s.fail(c, apiFields(core.Invalid("tmt_jabatan", "err.date", in.TMTJabatan), employeeFieldNames))
			return
		}
		e.TMTJabatan = d
	}
	if in.PositionCode != "" {
		p, err := s.deps.Store.PositionByCode(ctx, in.PositionCode)
		if errors.Is(err, core.ErrNotFound) {
			err = core.Invalid("jabatan", "err.unknown_reference", in.PositionCode)
		}
		if err != nil {
			s.fail(c, apiFields(err, employeeFieldNames))
			return
		}
		e.PositionID = &p.ID
	}
	if err := s.saveEmployee(ctx, caller(c), &e, reason); err != nil {
		s.fail(c, apiFields(err, employeeFieldNames))
		return
	}
	names, err := s.names(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, employeeOut(e, names))
}

// apiLinkCode creates a one-time Telegram link code for the employee.
func (s *Server) apiLinkCode(c *gin.Context) {
	e, err := s.apiEmployeeByNIP(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	lc, err := s.createLinkCode(c.Request.Context(), caller(c), e)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"code": lc.Code, "link": lc.Link, "expires_at": lc.ExpiresAt.Format(time.RFC3339)})
}

// apiWorkload returns the ABK figures per unit and position in the
// caller's scope, and the regency's imbalance figures.
func (s *Server) apiWorkload(c *gin.Context) {
	ctx := c.Request.Context()
	sc, err := s.scopeOf(ctx, caller(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	sn, err := s.snapshot(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	if sn.problem != nil {
		s.fail(c, sn.problem)
		return
	}
	type unitOutJSON struct {
		Code string      `json:"code"`
		Name string      `json:"name"`
		Own  abk.Figures `json:"own"`
		Tree abk.Figures `json:"total"`
	}
	type posOut struct {
		Code     string `json:"code"`
		UnitCode string `json:"unit_code"`
		Name     string `json:"name"`
		abk.Figures
		HasWorkload bool `json:"has_workload"`
	}
	units, positions := []unitOutJSON{}, []posOut{}
	for _, u := range sn.analysis.Units {
		if sc.has(&u.UnitID) {
			un := sn.unitByID[u.UnitID]
			units = append(units, unitOutJSON{un.Code, un.Name, u.Own, u.Total})
		}
	}
	for _, p := range sn.analysis.Positions {
		if sc.has(&p.UnitID) {
			pos := sn.positionByID[p.PositionID]
			positions = append(positions, posOut{pos.Code, sn.unitByID[p.UnitID].Code, pos.Name, p.Figures, p.HasWorkload})
		}
	}
	out := gin.H{"units": units, "positions": positions}
	if sc.all {
		out["regency"], out["imbalance"] = sn.analysis.Regency, sn.analysis.Imbalance
	}
	c.JSON(http.StatusOK, out)
}
