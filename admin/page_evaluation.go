package admin

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
	"github.com/seimbang/seimbang/core/report"
)

// evaluationData is what evaluation.html draws.
type evaluationData struct {
	Rounds []core.Round
	Round  core.Round
	Eval   evaluation.Evaluation
	// Announced and Effective head the imbalance columns.
	Announced, Effective string
}

// roundEvaluation computes the evaluation of the round in the path as the
// caller may see it (a unit head: their unit tree).
func (s *Server) roundEvaluation(c *gin.Context) (*surveyQuery, evaluation.Evaluation, error) {
	q, err := s.surveyQueryOf(c, c.Param("id"), true)
	if err != nil {
		return nil, evaluation.Evaluation{}, err
	}
	return q, q.data.Evaluate(q.view.Root, q.view.Lang), nil
}

// evaluationPage shows the evaluation of a round: response rates,
// satisfaction by unit and transfer kind, the imbalance when announced and
// after the transfers took effect, performance before and after, and the
// objections.
func (s *Server) evaluationPage(c *gin.Context) {
	q, ev, err := s.roundEvaluation(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := evaluationData{Rounds: q.Rounds, Round: q.Round, Eval: ev}
	d.Announced, d.Effective = ev.Imbalance.Headings(q.view.Lang, s.deps.Location)
	s.render(c, http.StatusOK, "evaluation", d)
}

// evaluationIndex opens the evaluation of the round chosen (?round=), or
// of the newest round, or shows that there is no round yet.
func (s *Server) evaluationIndex(c *gin.Context) {
	if id, err := strconv.ParseInt(c.Query("round"), 10, 64); err == nil && id > 0 {
		c.Redirect(http.StatusSeeOther, "/rounds/"+strconv.FormatInt(id, 10)+"/evaluation")
		return
	}
	rounds, err := s.deps.Store.Rounds(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	var newest int64
	for _, r := range rounds {
		newest = max(newest, r.ID)
	}
	if newest == 0 {
		s.render(c, http.StatusOK, "evaluation", evaluationData{})
		return
	}
	c.Redirect(http.StatusSeeOther, "/rounds/"+strconv.FormatInt(newest, 10)+"/evaluation")
}

// evaluationExport downloads the evaluation as xlsx or, with format=pdf,
// as PDF.
func (s *Server) evaluationExport(c *gin.Context) {
	q, ev, err := s.roundEvaluation(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	doc := evaluation.EvaluationDocument(ev, q.view.Lang, s.deps.Clock.Now(), s.deps.Location)
	var buf bytes.Buffer
	ext, typ := "xlsx", xlsxType
	if c.Query("format") == "pdf" {
		ext, typ = "pdf", "application/pdf"
		err = doc.WritePDF(&buf)
	} else {
		err = doc.WriteXLSX(&buf)
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+report.Filename(doc.Title+" "+q.Round.Name, ext)+`"`)
	c.Data(http.StatusOK, typ, buf.Bytes())
}
