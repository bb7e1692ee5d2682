package gormstore

import (
	"context"

	"github.com/seimbang/seimbang/core"
)

// SurveyFigures returns how many survey invitations went out (invited,
// answered or expired), how many were answered, and the mean and number of
// the answers to Likert (1–5) questions.
func (s *Store) SurveyFigures(ctx context.Context) (sent, answered int, meanLikert float64, likert int, err error) {
	var inv []struct {
		Status string
		N      int
	}
	err = s.db.WithContext(ctx).Table("survey_invitations").Select("status, COUNT(*) AS n").
		Where("status IN ?", []string{"invited", "answered", "expired"}).Group("status").Scan(&inv).Error
	if err != nil {
		return 0, 0, 0, 0, translate(err, "survey figures", "")
	}
	for _, r := range inv {
		sent += r.N
		if r.Status == "answered" {
			answered = r.N
		}
	}
	var agg struct {
		N    int
		Mean *float64
	}
	err = s.db.WithContext(ctx).Table("survey_responses r").Select("COUNT(r.value) AS n, AVG(r.value) AS mean").
		Joins("JOIN survey_questions q ON q.id = r.question_id").Where("q.kind = ? AND r.value IS NOT NULL", "likert").Scan(&agg).Error
	if err != nil {
		return 0, 0, 0, 0, translate(err, "survey figures", "")
	}
	if agg.Mean != nil {
		meanLikert = *agg.Mean
	}
	return sent, answered, meanLikert, agg.N, nil
}

// SurveyInvitationsOf returns every survey invitation of the employee,
// oldest first.
func (s *Store) SurveyInvitationsOf(ctx context.Context, employeeID int64) ([]core.SurveyInvitation, error) {
	var rows []surveyInvitationRow
	if err := s.db.WithContext(ctx).Where("employee_id = ?", employeeID).Order("id").Find(&rows).Error; err != nil {
		return nil, translate(err, "survey invitations", "")
	}
	out := make([]core.SurveyInvitation, len(rows))
	for i, r := range rows {
		out[i] = r.invitation()
	}
	return out, nil
}
