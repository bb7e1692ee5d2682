package admin

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/report"
)

// pangkat names each golongan's rank title, as decrees print it.
var pangkat = map[string]string{
	"I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
	"II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur", "II/d": "Pengatur Tingkat I",
	"III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I", "III/c": "Penata", "III/d": "Penata Tingkat I",
	"IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda", "IV/d": "Pembina Utama Madya", "IV/e": "Pembina Utama",
}

// pangkatGolongan is "Penata Muda, III/a", or the golongan alone when its
// title is unknown, or "—".
func pangkatGolongan(g core.Golongan) string {
	s := strings.TrimSpace(string(g))
	if s == "" {
		return "—"
	}
	if p, ok := pangkat[s]; ok {
		return p + ", " + s
	}
	return s
}

// inDecree reports whether a transfer of an approved round is in its SK.
func inDecree(st core.TransferStatus) bool {
	switch st {
	case core.TransferApproved, core.TransferEffective, core.TransferEnded, core.TransferEvaluated:
		return true
	}
	return false
}

// decreeDocument is the decree attachment of an approved round in the usual
// Indonesian form (always in Bahasa Indonesia: it is a legal document):
// No, Nama, NIP, Pangkat/Golongan, the old and new position and unit, TMT,
// and the signature block. It returns ErrInvalidState before approval.
func (s *Server) decreeDocument(ctx context.Context, r core.Round) (report.Document, error) {
	const lang = i18n.ID
	if r.ApprovedAt == nil {
		return report.Document{}, fmt.Errorf("decree of round %d in status %s: %w", r.ID, r.Status, core.ErrInvalidState)
	}
	snap, err := s.snapshot(ctx)
	if err != nil {
		return report.Document{}, err
	}
	ts, err := s.deps.Store.Transfers(ctx, core.TransferFilter{RoundID: r.ID})
	if err != nil {
		return report.Document{}, err
	}
	ts = slices.DeleteFunc(ts, func(t core.Transfer) bool { return !inDecree(t.Status) })
	emps, err := s.transferEmployees(ctx, ts)
	if err != nil {
		return report.Document{}, err
	}
	tmt := core.FormatDate(lang, r.EffectiveDate)
	var rows [][]string
	for _, t := range ts {
		e := emps[t.EmployeeID]
		from := snap.positionByID[t.FromPositionID].Name + " — " + snap.unitName(t.FromUnitID)
		to := snap.positionByID[t.ToPositionID].Name + " — " + snap.unitName(t.ToUnitID)
		rows = append(rows, []string{fmt.Sprint(len(rows) + 1), e.Name, e.NIP, pangkatGolongan(e.Golongan), from, to, tmt})
	}
	signed := core.DateOf(r.ApprovedAt.In(s.deps.Location))
	place := strings.TrimSpace(s.deps.Place)
	if place == "" {
		place = "...................."
	}
	return report.Document{
		Title: i18n.T(lang, "admin.rounds.decree.title"),
		Lines: []string{
			i18n.T(lang, "admin.rounds.decree.number", r.SKNumber),
			i18n.T(lang, "admin.rounds.decree.date", core.FormatDate(lang, signed)),
			i18n.T(lang, "admin.rounds.decree.about", strings.ToUpper(r.Name)),
		},
		Tables: []report.Table{{
			Columns: []report.Column{
				{Title: "No", Width: 0.4, Align: report.Right},
				{Title: i18n.T(lang, "admin.rounds.decree.name"), Width: 2},
				{Title: "NIP", Width: 1.6},
				{Title: i18n.T(lang, "admin.rounds.decree.rank"), Width: 1.5},
				{Title: i18n.T(lang, "admin.rounds.decree.from"), Width: 2.6},
				{Title: i18n.T(lang, "admin.rounds.decree.to"), Width: 2.6},
				{Title: "TMT", Width: 1.2},
			},
			Rows:  rows,
			Notes: []string{i18n.T(lang, "admin.rounds.decree.count", len(rows))},
		}},
		Closing: []string{
			place + ", " + core.FormatDate(lang, signed),
			i18n.T(lang, "admin.rounds.decree.official"),
			"", "", "",
			"(....................................)",
			"NIP. ....................................",
		},
		Landscape: true,
		Sheet:     "Lampiran SK",
	}, nil
}

// roundDecree downloads the decree attachment as xlsx or PDF (by the
// path's extension).
func (s *Server) roundDecree(c *gin.Context) {
	r, err := s.roundParam(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	doc, err := s.decreeDocument(c.Request.Context(), r)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.sendDocument(c, doc, "lampiran-sk-"+r.SKNumber, strings.HasSuffix(c.Request.URL.Path, ".pdf"))
}

// sendDocument writes doc as a PDF or xlsx download named after name.
func (s *Server) sendDocument(c *gin.Context, doc report.Document, name string, pdf bool) {
	var buf bytes.Buffer
	ext, ct := "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	write := doc.WriteXLSX
	if pdf {
		ext, ct, write = "pdf", "application/pdf", doc.WritePDF
	}
	if err := write(&buf); err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+report.Filename(name, ext)+`"`)
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, ct, buf.Bytes())
}
