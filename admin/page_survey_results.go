package admin

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/report"
)

// surveyQuery is what a survey results request selects: a round, a unit
// tree (by code) and a wave (by its number), as read from the query string
// (round, unit, wave) and checked against the caller's scope.
type surveyQuery struct {
	Round    core.Round
	Rounds   []core.Round // every round, for the page's choice
	UnitCode string
	WaveSeq  int
	data     *evaluation.Data
	view     evaluation.View
	units    []core.Unit // the units the caller may filter by
}

// surveyQueryOf reads and checks the query. A round that does not exist is
// ErrNotFound; a unit outside a unit head's tree is ErrForbidden; an
// unknown unit code or wave number is a validation problem. Without a
// round and when required is false, the newest round is taken (nil Round
// when there is none).
func (s *Server) surveyQueryOf(c *gin.Context, roundParam string, required bool) (*surveyQuery, error) {
	ctx := c.Request.Context()
	w := caller(c)
	q := &surveyQuery{view: evaluation.View{Lang: s.lang(c)}}
	if isAPI(c) {
		q.view.Lang = i18n.ID
	}
	rounds, err := s.deps.Store.Rounds(ctx)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rounds, func(a, b core.Round) int { return int(b.ID - a.ID) })
	q.Rounds = rounds
	raw := strings.TrimSpace(roundParam)
	if raw == "" {
		if required || len(rounds) == 0 {
			if required {
				return nil, core.Invalid("round", "err.required")
			}
			return q, nil
		}
		raw = strconv.FormatInt(rounds[0].ID, 10)
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return nil, core.ErrNotFound
	}
	if q.data, err = evaluation.Load(ctx, s.deps.Store, id); err != nil {
		return nil, err
	}
	q.Round = q.data.Round
	sc, err := s.scopeOf(ctx, w)
	if err != nil {
		return nil, err
	}
	if !sc.all {
		if w.UnitID == nil {
			return nil, core.ErrForbidden
		}
		q.view.Root, q.view.UnitID = *w.UnitID, *w.UnitID
	}
	for _, u := range q.data.Units {
		if sc.has(&u.ID) {
			q.units = append(q.units, u)
		}
	}
	if code := strings.TrimSpace(c.Query("unit")); code != "" {
		u, err := s.deps.Store.UnitByCode(ctx, code)
		if errors.Is(err, core.ErrNotFound) {
			return nil, core.Invalid("unit", "err.unknown_reference", code)
		} else if err != nil {
			return nil, err
		}
		if !sc.has(&u.ID) {
			return nil, core.ErrForbidden
		}
		q.UnitCode, q.view.UnitID = u.Code, u.ID
	}
	if raw := strings.TrimSpace(c.Query("wave")); raw != "" {
		n, err := strconv.Atoi(raw)
		found := false
		for _, wv := range q.data.Waves {
			if err == nil && wv.Seq == n {
				q.WaveSeq, q.view.WaveID, found = n, wv.ID, true
			}
		}
		if !found {
			return nil, core.Invalid("wave", "eval.err.unknown_wave", raw)
		}
	}
	return q, nil
}

// surveyResultsData is what survey_results.html draws.
type surveyResultsData struct {
	Q       *surveyQuery
	Units   []core.Unit
	Waves   []evaluation.Wave
	Results evaluation.Results
	Query   template.URL // the filter as a query string, for the links
}

// surveyResults shows a round's survey results per wave, unit and
// question, with charts, filtered by round, unit and wave.
func (s *Server) surveyResults(c *gin.Context) {
	q, err := s.surveyQueryOf(c, c.Query("round"), false)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := surveyResultsData{Q: q}
	if q.data != nil {
		d.Units, d.Waves, d.Results = q.units, q.data.Waves, q.data.SurveyResults(q.view)
		d.Query = q.queryString()
	}
	s.render(c, http.StatusOK, "survey_results", d)
}

// queryString is the query's filter as round=…&unit=…&wave=…, each
// value escaped, for links.
func (q *surveyQuery) queryString() template.URL {
	v := []string{"round=" + strconv.FormatInt(q.Round.ID, 10)}
	if q.UnitCode != "" {
		v = append(v, "unit="+urlQueryEscape(q.UnitCode))
	}
	if q.WaveSeq != 0 {
		v = append(v, "wave="+strconv.Itoa(q.WaveSeq))
	}
	return template.URL(strings.Join(v, "&"))
}

// surveyResultsExport downloads the filtered results as xlsx.
func (s *Server) surveyResultsExport(c *gin.Context) {
	q, err := s.surveyQueryOf(c, c.Query("round"), true)
	if err != nil {
		s.fail(c, err)
		return
	}
	lang := s.lang(c)
	doc := evaluation.ResultsDocument(q.data.SurveyResults(q.view), lang, s.deps.Clock.Now().In(s.deps.Location))
	var buf bytes.Buffer
	if err := doc.WriteXLSX(&buf); err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+report.Filename(doc.Title+" "+q.Round.Name, "xlsx")+`"`)
	c.Data(http.StatusOK, xlsxType, buf.Bytes())
}

func init() {
	// days is a duration in whole days, for wave names.
	funcs["days"] = func(d time.Duration) int { return int(d / (24 * time.Hour)) }
}
