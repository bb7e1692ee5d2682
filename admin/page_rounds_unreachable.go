package admin

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/report"
)

// unreachableRow is an employee of the round whom Telegram cannot reach,
// with what HR must tell them another way.
type unreachableRow struct {
	Employee core.Employee
	Transfer core.Transfer
	From, To string
	// Why is core.DeliveryUnreachable's cause: not_linked, blocked or
	// failed; Error is the sender's reason for a failure.
	Why   string
	Error string
}

// unreachableList returns the round's live proposals whose employee has
// not linked Telegram, blocked the bot, or whose notice failed.
func (s *Server) unreachableList(ctx context.Context, r core.Round, sc scope) ([]unreachableRow, error) {
	snap, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	ts, err := s.deps.Store.Transfers(ctx, core.TransferFilter{RoundID: r.ID})
	if err != nil {
		return nil, err
	}
	notices, err := s.deliveries(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	ts = slices.DeleteFunc(ts, func(t core.Transfer) bool {
		return !t.Status.Active() && !inDecree(t.Status) || (!sc.has(&t.FromUnitID) && !sc.has(&t.ToUnitID))
	})
	emps, err := s.transferEmployees(ctx, ts)
	if err != nil {
		return nil, err
	}
	var out []unreachableRow
	for _, t := range ts {
		e := emps[t.EmployeeID]
		row := unreachableRow{Employee: e, Transfer: t, From: snap.positionByID[t.FromPositionID].Name + " — " + snap.unitName(t.FromUnitID),
			To: snap.positionByID[t.ToPositionID].Name + " — " + snap.unitName(t.ToUnitID)}
		n, noticed := notices[t.ID]
		switch {
		case noticed && n.state == core.DeliverySent:
			continue
		case e.TelegramUserID == nil:
			row.Why = "not_linked"
		case e.UnreachableAt != nil:
			row.Why = "blocked"
		case noticed && n.state == core.DeliveryFailed:
			row.Why, row.Error = "failed", n.Error
		default:
			continue
		}
		out = append(out, row)
	}
	return out, nil
}

// unreachableOfRound reads the round in the path and its unreachable
// employees within the caller's scope; when that fails it has answered
// and returns false.
func (s *Server) unreachableOfRound(c *gin.Context) (core.Round, []unreachableRow, bool) {
	ctx := c.Request.Context()
	r, err := s.roundParam(c)
	if err != nil {
		s.fail(c, err)
		return core.Round{}, nil, false
	}
	sc, err := s.scopeOf(ctx, caller(c))
	if err != nil {
		s.fail(c, err)
		return core.Round{}, nil, false
	}
	rows, err := s.unreachableList(ctx, r, sc)
	if err != nil {
		s.fail(c, err)
		return core.Round{}, nil, false
	}
	return r, rows, true
}

// roundUnreachable lists the employees HR must notify another way:
// printable (print CSS) and exportable as xlsx.
func (s *Server) roundUnreachable(c *gin.Context) {
	r, rows, ok := s.unreachableOfRound(c)
	if !ok {
		return
	}
	s.render(c, http.StatusOK, "round_unreachable", struct {
		Round core.Round
		Rows  []unreachableRow
	}{r, rows})
}

// unreachableDocument is the list as a document for xlsx or PDF.
func (s *Server) unreachableDocument(lang i18n.Lang, r core.Round, rows []unreachableRow) report.Document {
	deadline := "—"
	if r.ObjectionDeadline != nil {
		deadline = core.FormatTime(lang, *r.ObjectionDeadline, core.WIB)
	}
	tmt := "—"
	if !r.EffectiveDate.IsZero() {
		tmt = core.FormatDate(lang, r.EffectiveDate)
	}
	out := make([][]string, len(rows))
	for i, x := range rows {
		why := i18n.T(lang, "admin.rounds.unreachable."+x.Why)
		if x.Error != "" {
			why += ": " + x.Error
		}
		out[i] = []string{itoa(int64(i + 1)), x.Employee.Name, x.Employee.NIP, x.Employee.Phone, x.From, x.To, tmt, deadline, why}
	}
	t := func(k string) string { return i18n.T(lang, "admin.rounds."+k) }
	return report.Document{
		Title: t("unreachable.title"),
		Lines: []string{r.Name, t("unreachable.lead")},
		Tables: []report.Table{{Columns: []report.Column{{Title: "No", Width: 0.4, Align: report.Right}, {Title: t("decree.name"), Width: 1.8},
			{Title: "NIP", Width: 1.6}, {Title: t("phone"), Width: 1.2}, {Title: t("from"), Width: 2.2}, {Title: t("to"), Width: 2.2},
			{Title: "TMT", Width: 1.1}, {Title: t("deadline"), Width: 1.4}, {Title: t("unreachable.why"), Width: 1.6}}, Rows: out}},
		Landscape: true,
		Sheet:     strings.TrimSpace(t("unreachable.sheet")),
	}
}

// roundUnreachableExport downloads the list as xlsx.
func (s *Server) roundUnreachableExport(c *gin.Context) {
	r, rows, ok := s.unreachableOfRound(c)
	if !ok {
		return
	}
	s.sendDocument(c, s.unreachableDocument(s.lang(c), r, rows), "tidak-terjangkau-"+r.Name, false)
}
