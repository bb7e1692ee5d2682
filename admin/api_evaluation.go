package admin

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// apiSurveyResults answers GET /api/v1/surveys/results?round=&unit=&wave=:
// a round's survey results per wave, unit and question, with the response
// rates; answers to anonymous templates only in groups of five or more.
func (s *Server) apiSurveyResults(c *gin.Context) {
	q, err := s.surveyQueryOf(c, c.Query("round"), true)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, q.data.SurveyResults(q.view))
}

// apiSurveyNonResponders answers GET
// /api/v1/surveys/nonresponders?round=&unit=&wave=: who has not answered.
func (s *Server) apiSurveyNonResponders(c *gin.Context) {
	q, err := s.surveyQueryOf(c, c.Query("round"), true)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"round_id": q.Round.ID,
		"non_responders": q.data.NonResponders(q.view.WaveID, q.view.UnitID, s.deps.Clock.Now())})
}

// apiSurveyRemind answers POST /api/v1/surveys/invitations/{id}/remind:
// the one reminder by hand; 409 when it was sent already or the employee
// answered.
func (s *Server) apiSurveyRemind(c *gin.Context) {
	name, err := s.remind(c, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"invitation_id": c.Param("id"), "employee": name, "sent": true})
}

// apiRoundEvaluation answers GET /api/v1/rounds/{id}/evaluation.
func (s *Server) apiRoundEvaluation(c *gin.Context) {
	_, ev, err := s.roundEvaluation(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ev)
}
