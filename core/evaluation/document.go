package evaluation

import (
	"fmt"
	"strings"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/report"
)

// num formats a number in lang.
func num(lang i18n.Lang, f float64, decimals int) string { return i18n.Number(lang, f, decimals) }

func pct(lang i18n.Lang, share float64) string { return num(lang, share*100, 1) + "%" }

// generated is the line naming when a document was made.
func generated(lang i18n.Lang, now time.Time) string {
	zone, _ := now.Zone()
	return i18n.T(lang, "eval.doc.generated", core.FormatDate(lang, core.DateOf(now))+" "+now.Format("15:04")+" "+zone)
}

// waveHeading names a wave: "Gelombang 1 (30 hari setelah TMT), Survei X".
func waveHeading(lang i18n.Lang, w WaveResults) string {
	h := i18n.T(lang, "eval.wave_heading", w.Seq, w.AfterDays, w.Template)
	if w.Anonymous {
		h += " · " + i18n.T(lang, "eval.anonymous")
	}
	return h
}

func rateTable(lang i18n.Lang, heading string, waves []WaveResults) report.Table {
	t := report.Table{Heading: heading, Columns: []report.Column{
		{Title: i18n.T(lang, "eval.wave"), Width: 2}, {Title: i18n.T(lang, "eval.rate.invitations"), Align: report.Right},
		{Title: i18n.T(lang, "eval.rate.sent"), Align: report.Right}, {Title: i18n.T(lang, "eval.rate.answered"), Align: report.Right},
		{Title: i18n.T(lang, "eval.rate.waiting"), Align: report.Right}, {Title: i18n.T(lang, "eval.rate.expired"), Align: report.Right},
		{Title: i18n.T(lang, "eval.rate.rate"), Align: report.Right}}}
	for _, w := range waves {
		r := w.Rate
		t.Rows = append(t.Rows, []string{i18n.T(lang, "eval.wave_short", w.Seq, w.AfterDays), fmt.Sprint(r.Invitations), fmt.Sprint(r.Sent),
			fmt.Sprint(r.Answered), fmt.Sprint(r.Waiting), fmt.Sprint(r.Expired), pct(lang, r.Rate)})
	}
	if len(waves) == 0 {
		t.Notes = []string{i18n.T(lang, "eval.no_waves")}
	}
	return t
}

// breakdown describes a question's figures in one cell.
func breakdown(lang i18n.Lang, q Question) (detail, summary string) {
	if q.Hidden {
		return i18n.T(lang, "eval.too_few"), "—"
	}
	var parts []string
	for i, l := range q.Labels {
		if i < len(q.Counts) {
			parts = append(parts, fmt.Sprintf("%s: %d", l, q.Counts[i]))
		}
	}
	switch q.Kind {
	case core.QuestionLikert:
		if q.Answers > 0 {
			summary = num(lang, q.Mean, 2)
		}
	case core.QuestionYesNo:
		if q.Answers > 0 {
			summary = pct(lang, q.YesShare) + " " + strings.ToLower(i18n.T(lang, "eval.yes"))
		}
	case core.QuestionText:
		parts = []string{i18n.T(lang, "eval.texts_count", len(q.Texts))}
	}
	return strings.Join(parts, "; "), summary
}

func questionTable(lang i18n.Lang, heading string, g Group) report.Table {
	t := report.Table{Heading: heading, Columns: []report.Column{
		{Title: i18n.T(lang, "eval.no_col"), Width: 0.5, Align: report.Right}, {Title: i18n.T(lang, "eval.question"), Width: 4},
		{Title: i18n.T(lang, "eval.answers"), Align: report.Right}, {Title: i18n.T(lang, "eval.detail"), Width: 4},
		{Title: i18n.T(lang, "eval.mean_or_yes"), Width: 1.3, Align: report.Right}}}
	if g.Hidden {
		t.Notes = []string{i18n.T(lang, "eval.too_few_group", g.Respondents, core.MinAnonymousGroup)}
		return t
	}
	for _, q := range g.Questions {
		detail, summary := breakdown(lang, q)
		t.Rows = append(t.Rows, []string{fmt.Sprint(q.Position), q.Text, fmt.Sprint(q.Answers), detail, summary})
	}
	if g.OverallN > 0 {
		t.Notes = []string{i18n.T(lang, "eval.overall_line", num(lang, g.Overall, 2), g.OverallN)}
	}
	return t
}

func groupTable(lang i18n.Lang, heading, first string, gs []Group) report.Table {
	t := report.Table{Heading: heading, Columns: []report.Column{{Title: first, Width: 3},
		{Title: i18n.T(lang, "eval.respondents"), Align: report.Right}, {Title: i18n.T(lang, "eval.overall"), Align: report.Right}}}
	for _, g := range gs {
		v := "—"
		switch {
		case g.Hidden:
			v = i18n.T(lang, "eval.too_few")
		case g.OverallN > 0:
			v = num(lang, g.Overall, 2)
		}
		t.Rows = append(t.Rows, []string{g.Label, fmt.Sprint(g.Respondents), v})
	}
	if len(gs) == 0 {
		t.Notes = []string{i18n.T(lang, "eval.no_answers")}
	}
	return t
}

func textTable(lang i18n.Lang, heading string, w WaveResults) (report.Table, bool) {
	t := report.Table{Heading: heading, Columns: []report.Column{{Title: i18n.T(lang, "eval.question"), Width: 2}, {Title: i18n.T(lang, "eval.answer"), Width: 5}}}
	if !w.Anonymous {
		t.Columns = append(t.Columns, report.Column{Title: i18n.T(lang, "eval.name"), Width: 2})
	}
	for _, q := range w.All.Questions {
		for _, a := range q.Texts {
			row := []string{q.Text, a.Text}
			if !w.Anonymous {
				row = append(row, a.Name)
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return t, len(t.Rows) > 0
}

// ResultsDocument is a round's survey results as a document to export.
func ResultsDocument(r Results, lang i18n.Lang, now time.Time) report.Document {
	d := report.Document{Title: i18n.T(lang, "eval.results_title"), Sheet: i18n.T(lang, "eval.results_sheet"), Landscape: true,
		Lines: []string{i18n.T(lang, "eval.doc.round", r.Round), generated(lang, now)}}
	d.Tables = append(d.Tables, rateTable(lang, i18n.T(lang, "eval.rate_title"), r.Waves))
	for _, w := range r.Waves {
		h := waveHeading(lang, w)
		d.Tables = append(d.Tables, questionTable(lang, h+" · "+w.All.Label, w.All))
		d.Tables = append(d.Tables, groupTable(lang, h+" · "+i18n.T(lang, "eval.by_unit"), i18n.T(lang, "eval.unit"), w.ByUnit))
		if len(w.ByKind) > 0 {
			d.Tables = append(d.Tables, groupTable(lang, h+" · "+i18n.T(lang, "eval.by_kind"), i18n.T(lang, "eval.kind"), w.ByKind))
		}
		if t, ok := textTable(lang, h+" · "+i18n.T(lang, "eval.texts"), w); ok {
			d.Tables = append(d.Tables, t)
		}
	}
	return d
}

func imbalanceRows(lang i18n.Lang, a, b *abk.Imbalance) [][]string {
	v := func(m *abk.Imbalance, f func(abk.Imbalance) string) string {
		if m == nil {
			return i18n.T(lang, "eval.not_recorded")
		}
		return f(*m)
	}
	rows := []struct {
		key string
		f   func(abk.Imbalance) string
	}{
		{"eval.imb.index", func(m abk.Imbalance) string { return num(lang, m.Index, 3) }},
		{"eval.imb.under", func(m abk.Imbalance) string { return num(lang, m.Under, 1) }},
		{"eval.imb.over", func(m abk.Imbalance) string { return num(lang, m.Over, 1) }},
		{"eval.imb.required", func(m abk.Imbalance) string { return num(lang, m.Required, 1) }},
		{"eval.imb.actual", func(m abk.Imbalance) string { return fmt.Sprint(m.Actual) }},
		{"eval.imb.short_share", func(m abk.Imbalance) string { return pct(lang, m.ShortShare) }},
		{"eval.imb.gini", func(m abk.Imbalance) string { return num(lang, m.Gini, 3) }},
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = []string{i18n.T(lang, r.key), v(a, r.f), v(b, r.f)}
	}
	return out
}

// Headings name the two moments compared, with their dates in loc.
func (c ImbalanceChange) Headings(lang i18n.Lang, loc *time.Location) (string, string) {
	a, e := i18n.T(lang, "eval.imb.announced"), i18n.T(lang, "eval.imb.effective")
	if c.Announced != nil {
		if c.Announced.Label == LabelPlanned {
			a = i18n.T(lang, "eval.imb.planned")
		}
		a += " (" + core.FormatDate(lang, core.DateOf(c.Announced.TakenAt.In(loc))) + ")"
	}
	if c.Effective != nil {
		e += " (" + core.FormatDate(lang, core.DateOf(c.Effective.TakenAt.In(loc))) + ")"
	}
	return a, e
}

// EvaluationDocument is a round's evaluation as a document to export;
// times are shown in loc.
func EvaluationDocument(ev Evaluation, lang i18n.Lang, now time.Time, loc *time.Location) report.Document {
	d := report.Document{Title: i18n.T(lang, "eval.title"), Sheet: i18n.T(lang, "eval.sheet"), Landscape: true,
		Lines: []string{i18n.T(lang, "eval.doc.round", ev.Round)}}
	if ev.SKNumber != "" {
		d.Lines = append(d.Lines, i18n.T(lang, "eval.doc.sk", ev.SKNumber))
	}
	if day, err := core.ParseDate(ev.EffectiveDate); err == nil {
		d.Lines = append(d.Lines, i18n.T(lang, "eval.doc.effective", core.FormatDate(lang, day)))
	}
	d.Lines = append(d.Lines, generated(lang, now.In(loc)))
	tc := ev.Transfers
	d.Tables = append(d.Tables, report.Table{Heading: i18n.T(lang, "eval.transfers"), Columns: []report.Column{
		{Title: i18n.T(lang, "eval.tr.total"), Align: report.Right}, {Title: i18n.T(lang, "eval.tr.moved"), Align: report.Right},
		{Title: i18n.T(lang, "eval.tr.cancelled"), Align: report.Right}, {Title: i18n.T(lang, "eval.tr.pending"), Align: report.Right},
		{Title: i18n.T(lang, "eval.kind.permanent"), Align: report.Right}, {Title: i18n.T(lang, "eval.kind.temporary"), Align: report.Right}},
		Rows: [][]string{{fmt.Sprint(tc.Total), fmt.Sprint(tc.Moved), fmt.Sprint(tc.Cancelled), fmt.Sprint(tc.Pending),
			fmt.Sprint(tc.Permanent), fmt.Sprint(tc.Temporary)}}})
	d.Tables = append(d.Tables, rateTable(lang, i18n.T(lang, "eval.rate_title"), ev.Waves))
	for _, w := range ev.Waves {
		h := waveHeading(lang, w)
		d.Tables = append(d.Tables, questionTable(lang, h+" · "+i18n.T(lang, "eval.satisfaction"), w.All))
		d.Tables = append(d.Tables, groupTable(lang, h+" · "+i18n.T(lang, "eval.by_unit"), i18n.T(lang, "eval.unit"), w.ByUnit))
		d.Tables = append(d.Tables, groupTable(lang, h+" · "+i18n.T(lang, "eval.by_kind"), i18n.T(lang, "eval.kind"), w.ByKind))
	}
	a, e := ev.Imbalance.Headings(lang, loc)
	var ai, ei *abk.Imbalance
	if ev.Imbalance.Announced != nil {
		ai = &ev.Imbalance.Announced.Regency
	}
	if ev.Imbalance.Effective != nil {
		ei = &ev.Imbalance.Effective.Regency
	}
	imb := report.Table{Heading: i18n.T(lang, "eval.imbalance"), Columns: []report.Column{{Title: i18n.T(lang, "eval.imb.figure"), Width: 3},
		{Title: a, Width: 2, Align: report.Right}, {Title: e, Width: 2, Align: report.Right}}, Rows: imbalanceRows(lang, ai, ei)}
	if ev.Imbalance.Forecast != nil {
		imb.Notes = append(imb.Notes, i18n.T(lang, "eval.imb.forecast_line", num(lang, ev.Imbalance.Forecast.Index, 3)))
	}
	d.Tables = append(d.Tables, imb)
	p := ev.Performance
	perf := report.Table{Heading: i18n.T(lang, "eval.performance"), Columns: []report.Column{{Title: i18n.T(lang, "eval.perf.predikat"), Width: 3},
		{Title: i18n.T(lang, "eval.perf.before"), Align: report.Right}, {Title: i18n.T(lang, "eval.perf.after"), Align: report.Right}}}
	if !p.Imported {
		perf.Notes = []string{i18n.T(lang, "eval.perf.not_imported")}
	} else {
		for i := range p.Before {
			perf.Rows = append(perf.Rows, []string{string(p.Before[i].Predikat), fmt.Sprint(p.Before[i].N), fmt.Sprint(p.After[i].N)})
		}
		perf.Notes = []string{i18n.T(lang, "eval.perf.change_line", p.Both, p.Improved, p.Same, p.Declined)}
	}
	d.Tables = append(d.Tables, perf)
	o := ev.Objections
	cats := report.Table{Heading: i18n.T(lang, "eval.objections"), Columns: []report.Column{{Title: i18n.T(lang, "eval.obj.category"), Width: 2},
		{Title: i18n.T(lang, "eval.obj.total"), Align: report.Right}, {Title: i18n.T(lang, "eval.obj.upheld"), Align: report.Right},
		{Title: i18n.T(lang, "eval.obj.rejected"), Align: report.Right}, {Title: i18n.T(lang, "eval.obj.pending"), Align: report.Right}}}
	for _, c := range o.ByCategory {
		cats.Rows = append(cats.Rows, []string{c.Label, fmt.Sprint(c.Total), fmt.Sprint(c.Upheld), fmt.Sprint(c.Rejected), fmt.Sprint(c.Pending)})
	}
	cats.Rows = append(cats.Rows, []string{i18n.T(lang, "eval.obj.sum"), fmt.Sprint(o.Total), fmt.Sprint(o.Upheld), fmt.Sprint(o.Rejected), fmt.Sprint(o.Pending)})
	d.Tables = append(d.Tables, cats)
	if len(o.List) > 0 {
		list := report.Table{Heading: i18n.T(lang, "eval.obj.list"), Columns: []report.Column{{Title: i18n.T(lang, "eval.obj.receipt"), Width: 1.5},
			{Title: i18n.T(lang, "eval.name"), Width: 2}, {Title: "NIP", Width: 2}, {Title: i18n.T(lang, "eval.obj.category"), Width: 1.2},
			{Title: i18n.T(lang, "eval.obj.outcome"), Width: 1.2}, {Title: i18n.T(lang, "eval.obj.answer"), Width: 4}}}
		for _, l := range o.List {
			list.Rows = append(list.Rows, []string{l.Receipt, l.Name, l.NIP, i18n.T(lang, "eval.category."+string(l.Category)),
				i18n.T(lang, "eval.obj.status."+string(l.Status)), l.Answer})
		}
		d.Tables = append(d.Tables, list)
	}
	return d
}
