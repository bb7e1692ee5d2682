package admin

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"github.com/seimbang/seimbang/core"
)

type auditData struct {
	Entries []core.AuditEntry
	Filter  map[string]string
	Query   string
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
	s.render(c, http.StatusOK, "audit", auditData{Entries: es, Filter: v, Query: c.Request.URL.RawQuery})
}

// auditExport downloads the filtered audit log as xlsx or csv.
func (s *Server) auditExport(c *gin.Context) {
	f, _ := s.auditFilter(c, 100000)
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
