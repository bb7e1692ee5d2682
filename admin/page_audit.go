package admin

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"github.com/seimbang/seimbang/core"
)

type auditData struct {
	Entries []core.AuditEntry
	Filter  map[string]string
	// Query is the filter as a query string (each value escaped), for the
	// export links.
	Query template.URL
}

// auditFilter reads the audit filters from the query string.
func (s *Server) auditFilter(c *gin.Context, limit int) (core.AuditFilter, map[string]string) {
	v := map[string]string{}
	for _, k := range []string{"aktor", "objek", "id", "dari", "sampai"} {
		v[k] = strings.TrimSpace(c.Query(k))
	}
	f := core.AuditFilter{Actor: core.Actor(v["aktor"]), ObjectType: v["objek"], ObjectID: v["id"], Limit: limit}
	if d, err := core.ParseDate(v["dari"]); err == nil {
		f.Since = d.In(s.deps.Location)
	}
	if d, err := core.ParseDate(v["sampai"]); err == nil {
		f.Until = d.AddDate(0, 0, 1).In(s.deps.Location)
	}
	return f, v
}

// auditList shows the audit log, newest first, filtered by actor, object
// and dates.
func (s *Server) auditList(c *gin.Context) {
	f, v := s.auditFilter(c, 200)
	es, err := s.deps.Store.AuditEntries(c.Request.Context(), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	q := url.Values{}
	for k, x := range v {
		if x != "" {
			q.Set(k, x)
		}
	}
	s.render(c, http.StatusOK, "audit", auditData{Entries: es, Filter: v, Query: template.URL(q.Encode())})
}

// auditExport downloads the filtered audit log as xlsx or csv.
func (s *Server) auditExport(c *gin.Context) {
	f, _ := s.auditFilter(c, auditExportLimit)
	s.sendAudit(c, f)
}

// auditExportLimit is the most entries one export holds.
const auditExportLimit = 100000

// sendAudit answers with the entries f selects as an xlsx file, or csv
// when ?format=csv.
func (s *Server) sendAudit(c *gin.Context, f core.AuditFilter) {
	es, err := s.deps.Store.AuditEntries(c.Request.Context(), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	header := []string{"id", "waktu", "aktor", "tindakan", "objek", "id_objek", "sebelum", "sesudah", "alasan"}
	rows := make([][]string, len(es))
	for i, e := range es {
		rows[i] = []string{itoa(e.ID), e.At.In(s.deps.Location).Format(time.RFC3339), string(e.Actor), e.Action, e.ObjectType,
			e.ObjectID, e.Before, e.After, e.Reason}
	}
	name := "audit-" + s.deps.Clock.Now().In(s.deps.Location).Format("20060102-1504")
	if c.Query("format") == "csv" {
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		cw.Write(header)
		for _, r := range rows {
			cw.Write(csvSafe(r))
		}
		cw.Flush()
		c.Header("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
		return
	}
	b, err := xlsxOf("Audit", header, rows)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
	c.Data(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b)
}

// auditJSON is an audit entry in the JSON API; before and after are the
// object's JSON as recorded.
type auditJSON struct {
	ID         int64           `json:"id"`
	At         time.Time       `json:"at"`
	Actor      string          `json:"actor"`
	Action     string          `json:"action"`
	ObjectType string          `json:"object_type"`
	ObjectID   string          `json:"object_id"`
	Before     json.RawMessage `json:"before,omitempty"`
	After      json.RawMessage `json:"after,omitempty"`
	Reason     string          `json:"reason,omitempty"`
}

// rawJSON returns recorded JSON as it is, and anything else as a JSON
// string.
func rawJSON(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	if json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	b, _ := json.Marshal(s)
	return b
}

// apiAuditFilter reads the API's audit filters: actor, action,
// object_type, object_id, since and until (dates, inclusive), before_id
// and limit (at most max). A wrong date or number is a validation error.
func (s *Server) apiAuditFilter(c *gin.Context, limit, most int) (core.AuditFilter, error) {
	f := core.AuditFilter{Actor: core.Actor(c.Query("actor")), Action: c.Query("action"), ObjectType: c.Query("object_type"),
		ObjectID: c.Query("object_id"), Limit: limit}
	v := &core.ValidationError{}
	for _, d := range []struct {
		name string
		set  func(core.Date)
	}{
		{"since", func(d core.Date) { f.Since = d.In(s.deps.Location) }},
		{"until", func(d core.Date) { f.Until = d.AddDate(0, 0, 1).In(s.deps.Location) }},
	} {
		if q := c.Query(d.name); q != "" {
			if day, err := core.ParseDate(q); err == nil {
				d.set(day)
			} else {
				v.Add(d.name, "err.date", q)
			}
		}
	}
	if q := c.Query("before_id"); q != "" {
		x, err := strconv.ParseInt(q, 10, 64)
		if err != nil || x < 1 {
			v.Add("before_id", "admin.err.number")
		}
		f.BeforeID = x
	}
	if q := c.Query("limit"); q != "" {
		x, err := strconv.Atoi(q)
		if err != nil || x < 1 || x > most {
			v.Add("limit", "admin.err.range", 1, most)
		}
		f.Limit = x
	}
	return f, v.Err()
}

// apiAudit lists audit entries newest first; next_before_id, when
// present, asks for the following page.
func (s *Server) apiAudit(c *gin.Context) {
	f, err := s.apiAuditFilter(c, 200, 1000)
	if err != nil {
		s.fail(c, err)
		return
	}
	es, err := s.deps.Store.AuditEntries(c.Request.Context(), f)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]auditJSON, len(es))
	for i, e := range es {
		out[i] = auditJSON{ID: e.ID, At: e.At, Actor: string(e.Actor), Action: e.Action, ObjectType: e.ObjectType, ObjectID: e.ObjectID,
			Before: rawJSON(e.Before), After: rawJSON(e.After), Reason: e.Reason}
	}
	body := gin.H{"entries": out}
	if len(es) == f.Limit {
		body["next_before_id"] = es[len(es)-1].ID
	}
	c.JSON(http.StatusOK, body)
}

// apiAuditExport downloads the filtered audit log as xlsx, or csv with
// ?format=csv.
func (s *Server) apiAuditExport(c *gin.Context) {
	f, err := s.apiAuditFilter(c, auditExportLimit, auditExportLimit)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.sendAudit(c, f)
}

// csvSafe keeps spreadsheet programs from running a cell as a formula.
func csvSafe(r []string) []string {
	out := make([]string, len(r))
	for i, v := range r {
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
			v = "'" + v
		}
		out[i] = v
	}
	return out
}

// xlsxOf writes one sheet with a header row, streaming, as an xlsx file.
func xlsxOf(sheet string, header []string, rows [][]string) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", sheet)
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	row := func(n int, vals []string) error {
		cells := make([]any, len(vals))
		for i, v := range vals {
			cells[i] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		return sw.SetRow(cell, cells)
	}
	if err := row(1, header); err != nil {
		return nil, err
	}
	for i, r := range rows {
		if err := row(i+2, r); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
