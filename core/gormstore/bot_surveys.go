package gormstore

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

type surveyResponseRow struct {
	ID           int64 `gorm:"primaryKey"`
	InvitationID *int64
	WaveID       int64
	QuestionID   int64
	UnitID       *int64
	TransferKind string
	Value        *int
	Text         string
	CreatedAt    time.Time
}

func (surveyResponseRow) TableName() string { return "survey_responses" }

// OpenSurveyInvitations returns the employee's invitations waiting for
// answers, oldest first.
func (s *Store) OpenSurveyInvitations(ctx context.Context, employeeID int64) ([]core.SurveyInvitation, error) {
	var rows []surveyInvitationRow
	err := s.db.WithContext(ctx).Where("employee_id = ? AND status = ?", employeeID, string(core.InvitationInvited)).
		Order("id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "open survey invitations", "")
	}
	out := make([]core.SurveyInvitation, len(rows))
	for i, r := range rows {
		out[i] = r.invitation()
	}
	return out, nil
}

// SurveyFormOf returns the template of the invitation's wave with its
// questions in order.
func (s *Store) SurveyFormOf(ctx context.Context, invitationID int64) (core.SurveyTemplate, error) {
	var t surveyTemplateRow
	err := s.db.WithContext(ctx).Model(&surveyTemplateRow{}).Select("survey_templates.*").
		Joins("JOIN survey_waves ON survey_waves.template_id = survey_templates.id").
		Joins("JOIN survey_invitations ON survey_invitations.wave_id = survey_waves.id").
		Where("survey_invitations.id = ?", invitationID).Take(&t).Error
	if err != nil {
		return core.SurveyTemplate{}, translate(err, "survey form", "")
	}
	return s.withQuestions(ctx, t)
}

// SaveSurveyAnswer stores one answer and advances the invitation's
// progress in one transaction. The progress must be a.Seq-1 and the
// invitation invited, else it returns ErrInvalidState (answered twice, or
// the survey closed). The answer counts for the transfer's destination
// unit; an anonymous one is stored without the invitation.
func (s *Store) SaveSurveyAnswer(ctx context.Context, a core.SurveyAnswer) error {
	at := a.At.UTC()
	return s.inTx(ctx, func(db *gorm.DB) error {
		var inv surveyInvitationRow
		if err := db.Take(&inv, "id = ?", a.InvitationID).Error; err != nil {
			return translate(err, "survey answer", "")
		}
		upd := map[string]any{"progress": a.Seq}
		if a.Last {
			upd["status"] = string(core.InvitationAnswered)
			upd["answered_at"] = &at
			upd["next_action_at"] = nil
		}
		res := db.Model(&surveyInvitationRow{}).
			Where("id = ? AND status = ? AND progress = ?", a.InvitationID, string(core.InvitationInvited), a.Seq-1).Updates(upd)
		if res.Error != nil {
			return translate(res.Error, "survey answer", "")
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("survey answer %d/%d: %w", a.InvitationID, a.Seq, core.ErrInvalidState)
		}
		var t transferRow
		if err := db.Take(&t, "id = ?", inv.TransferID).Error; err != nil {
			return translate(err, "survey answer transfer", "")
		}
		unit := t.ToUnitID
		r := surveyResponseRow{WaveID: inv.WaveID, QuestionID: a.QuestionID, UnitID: &unit, TransferKind: t.Kind,
			Value: a.Value, Text: a.Text, CreatedAt: at}
		if !a.Anonymous {
			r.InvitationID = &inv.ID
		}
		return translate(db.Create(&r).Error, "survey answer", "")
	})
}
