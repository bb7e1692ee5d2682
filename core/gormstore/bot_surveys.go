package gormstore

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

// botInvitationRow is a survey invitation as the bot reads it.
type botInvitationRow struct {
	ID            int64 `gorm:"primaryKey"`
	WaveID        int64
	TransferID    int64
	EmployeeID    int64
	Status        string
	DueAt         time.Time
	NextActionAt  *time.Time
	InvitedAt     *time.Time
	RemindersSent int
	ExpiresAt     *time.Time
	Progress      int
	AnsweredAt    *time.Time
}

func (botInvitationRow) TableName() string { return "survey_invitations" }

func (r botInvitationRow) invitation() core.SurveyInvitation {
	return core.SurveyInvitation{ID: r.ID, WaveID: r.WaveID, TransferID: r.TransferID, EmployeeID: r.EmployeeID,
		Status: core.InvitationStatus(r.Status), DueAt: r.DueAt, NextActionAt: r.NextActionAt, InvitedAt: r.InvitedAt,
		RemindersSent: r.RemindersSent, ExpiresAt: r.ExpiresAt, Progress: r.Progress, AnsweredAt: r.AnsweredAt}
}

// botOptions reads a question's options stored as a JSON array or as
// ';'-separated text.
type botOptions []string

// Scan implements sql.Scanner.
func (o *botOptions) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*o = nil
		return nil
	case []byte:
		s = string(v)
	case string:
		s = v
	default:
		return fmt.Errorf("scan options from %T", src)
	}
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") {
		return json.Unmarshal([]byte(s), (*[]string)(o))
	}
	*o = core.SplitList(s)
	return nil
}

// Value implements driver.Valuer.
func (o botOptions) Value() (driver.Value, error) { return jsonList(o).Value() }

type botQuestionRow struct {
	ID         int64 `gorm:"primaryKey"`
	TemplateID int64
	Position   int
	Kind       string
	Text       string
	TextEn     string `gorm:"column:text_en"`
	Options    botOptions
	Required   bool
}

func (botQuestionRow) TableName() string { return "survey_questions" }

type botTemplateRow struct {
	ID        int64 `gorm:"primaryKey"`
	Name      string
	Anonymous bool
	IsDefault bool
	CreatedAt time.Time
}

func (botTemplateRow) TableName() string { return "survey_templates" }

type botResponseRow struct {
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

func (botResponseRow) TableName() string { return "survey_responses" }

// OpenSurveyInvitations returns the employee's invitations waiting for
// answers, oldest first.
func (s *Store) OpenSurveyInvitations(ctx context.Context, employeeID int64) ([]core.SurveyInvitation, error) {
	var rows []botInvitationRow
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

// SurveyInvitationByID returns the invitation with id, or ErrNotFound.
func (s *Store) SurveyInvitationByID(ctx context.Context, id int64) (core.SurveyInvitation, error) {
	var r botInvitationRow
	err := s.db.WithContext(ctx).Take(&r, "id = ?", id).Error
	return r.invitation(), translate(err, "survey invitation", "")
}

// SurveyFormOf returns the template of the invitation's wave with its
// questions in order.
func (s *Store) SurveyFormOf(ctx context.Context, invitationID int64) (core.SurveyTemplate, error) {
	var t botTemplateRow
	err := s.db.WithContext(ctx).Model(&botTemplateRow{}).Select("survey_templates.*").
		Joins("JOIN survey_waves ON survey_waves.template_id = survey_templates.id").
		Joins("JOIN survey_invitations ON survey_invitations.wave_id = survey_waves.id").
		Where("survey_invitations.id = ?", invitationID).Take(&t).Error
	if err != nil {
		return core.SurveyTemplate{}, translate(err, "survey form", "")
	}
	var qs []botQuestionRow
	if err := s.db.WithContext(ctx).Where("template_id = ?", t.ID).Order("position").Find(&qs).Error; err != nil {
		return core.SurveyTemplate{}, translate(err, "survey questions", "")
	}
	out := core.SurveyTemplate{ID: t.ID, Name: t.Name, Anonymous: t.Anonymous, IsDefault: t.IsDefault, CreatedAt: t.CreatedAt}
	for _, q := range qs {
		out.Questions = append(out.Questions, core.SurveyQuestion{ID: q.ID, TemplateID: q.TemplateID, Position: q.Position,
			Kind: core.QuestionKind(q.Kind), Text: q.Text, TextEN: q.TextEn, Options: q.Options, Required: q.Required})
	}
	return out, nil
}

// SaveSurveyAnswer stores one answer and advances the invitation's
// progress in one transaction. The progress must be a.Seq-1 and the
// invitation invited, else it returns ErrInvalidState (answered twice, or
// the survey closed). The answer counts for the transfer's destination
// unit; an anonymous one is stored without the invitation.
func (s *Store) SaveSurveyAnswer(ctx context.Context, a core.SurveyAnswer) error {
	at := a.At.UTC()
	return s.inTx(ctx, func(db *gorm.DB) error {
		var inv botInvitationRow
		if err := db.Take(&inv, "id = ?", a.InvitationID).Error; err != nil {
			return translate(err, "survey answer", "")
		}
		upd := map[string]any{"progress": a.Seq}
		if a.Last {
			upd["status"] = string(core.InvitationAnswered)
			upd["answered_at"] = &at
			upd["next_action_at"] = nil
		}
		res := db.Model(&botInvitationRow{}).
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
		r := botResponseRow{WaveID: inv.WaveID, QuestionID: a.QuestionID, UnitID: &unit, TransferKind: t.Kind,
			Value: a.Value, Text: a.Text, CreatedAt: at}
		if !a.Anonymous {
			r.InvitationID = &inv.ID
		}
		return translate(db.Create(&r).Error, "survey answer", "")
	})
}
