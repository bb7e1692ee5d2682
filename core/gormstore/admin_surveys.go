package gormstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

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

func insertQuestions(db *gorm.DB, t *core.SurveyTemplate) error {
	qs := make([]surveyQuestionRow, len(t.Questions))
	for i, q := range t.Questions {
		qs[i] = surveyQuestionRow{TemplateID: t.ID, Position: q.Position, Kind: string(q.Kind), Text: q.Text,
			TextEN: q.TextEN, Options: q.Options, Required: q.Required}
	}
	if err := db.Create(&qs).Error; err != nil {
		return translate(err, "create survey questions", "")
	}
	for i := range qs {
		t.Questions[i].ID, t.Questions[i].TemplateID = qs[i].ID, t.ID
	}
	return nil
}

// sentWith selects the invitations already sent (invited, answered or
// expired) in waves using template id.
func sentWith(db *gorm.DB, templateID int64) *gorm.DB {
	return db.Table("survey_invitations i").Joins("JOIN survey_waves w ON w.id = i.wave_id").
		Where("w.template_id = ? AND i.status <> ?", templateID, string(core.InvitationScheduled))
}

// unsentWaves is the condition on survey_waves of a wave that has sent
// nothing yet.
const unsentWaves = "NOT EXISTS (SELECT 1 FROM survey_invitations i WHERE i.wave_id = survey_waves.id AND i.status <> ?)"

// SurveyTemplates returns every template with its questions, the
// archived versions too, newest first.
func (s *Store) SurveyTemplates(ctx context.Context) ([]core.SurveyTemplate, error) {
	var rows []surveyTemplateRow
	if err := s.db.WithContext(ctx).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, translate(err, "survey templates", "")
	}
	var qs []surveyQuestionRow
	if err := s.db.WithContext(ctx).Order("template_id, position").Find(&qs).Error; err != nil {
		return nil, translate(err, "survey questions", "")
	}
	byTemplate := map[int64][]core.SurveyQuestion{}
	for _, q := range qs {
		byTemplate[q.TemplateID] = append(byTemplate[q.TemplateID], core.SurveyQuestion{ID: q.ID, TemplateID: q.TemplateID,
			Position: q.Position, Kind: core.QuestionKind(q.Kind), Text: q.Text, TextEN: q.TextEN, Options: q.Options, Required: q.Required})
	}
	out := make([]core.SurveyTemplate, len(rows))
	for i, r := range rows {
		out[i] = core.SurveyTemplate{ID: r.ID, Name: r.Name, Anonymous: r.Anonymous, IsDefault: r.IsDefault, CreatedAt: r.CreatedAt,
			ArchivedAt: r.ArchivedAt, PreviousID: r.PreviousID, Questions: byTemplate[r.ID]}
	}
	return out, nil
}

// SurveyInvitationsSentByTemplate counts, per template, the invitations
// already sent with it (invited, answered or expired).
func (s *Store) SurveyInvitationsSentByTemplate(ctx context.Context) (map[int64]int, error) {
	var rows []struct {
		TemplateID int64
		N          int
	}
	err := s.db.WithContext(ctx).Table("survey_invitations i").Select("w.template_id, COUNT(*) AS n").
		Joins("JOIN survey_waves w ON w.id = i.wave_id").Where("i.status <> ?", string(core.InvitationScheduled)).
		Group("w.template_id").Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "survey invitations sent", "")
	}
	out := map[int64]int{}
	for _, r := range rows {
		out[r.TemplateID] = r.N
	}
	return out, nil
}

// UpdateSurveyTemplate validates and saves t over the stored template
// t.ID. While no invitation has gone out with it, the template is changed
// in place and versioned is false. Once one has, the stored template is
// never changed (the answers given refer to its questions): t is stored
// as a new version (new t.ID, PreviousID the old one, default if the old
// one was), the old version is archived at at, and the waves and rounds
// that have sent nothing with it move to the new version; a wave that has
// sent invitations keeps the old version, so that everyone in one wave
// answers the same questions. It returns ErrNotFound for an unknown
// template and ErrInvalidState for an archived one (edit the newest
// version).
func (s *Store) UpdateSurveyTemplate(ctx context.Context, t *core.SurveyTemplate, at time.Time) (versioned bool, err error) {
	if err := t.Validate(); err != nil {
		return false, err
	}
	err = s.inTx(ctx, func(db *gorm.DB) error {
		var old surveyTemplateRow
		if err := db.Take(&old, "id = ?", t.ID).Error; err != nil {
			return translate(err, "survey template", "")
		}
		if old.ArchivedAt != nil {
			return fmt.Errorf("update survey template %d: archived: %w", t.ID, core.ErrInvalidState)
		}
		var sent int64
		if err := sentWith(db, old.ID).Count(&sent).Error; err != nil {
			return translate(err, "update survey template", "")
		}
		t.IsDefault, t.CreatedAt = old.IsDefault, old.CreatedAt
		if sent == 0 {
			if err := db.Model(&surveyTemplateRow{}).Where("id = ?", old.ID).
				Updates(map[string]any{"name": t.Name, "anonymous": t.Anonymous}).Error; err != nil {
				return translate(err, "update survey template", "")
			}
			if err := db.Where("template_id = ?", old.ID).Delete(&surveyQuestionRow{}).Error; err != nil {
				return translate(err, "update survey template", "")
			}
			return insertQuestions(db, t)
		}
		versioned = true
		at := at.UTC()
		prev := old.ID
		r := surveyTemplateRow{Name: t.Name, Anonymous: t.Anonymous, IsDefault: old.IsDefault, CreatedAt: now(), PreviousID: &prev}
		if err := db.Create(&r).Error; err != nil {
			return translate(err, "create survey template", "")
		}
		t.ID, t.CreatedAt, t.PreviousID = r.ID, r.CreatedAt, &prev
		if err := insertQuestions(db, t); err != nil {
			return err
		}
		if err := db.Model(&surveyTemplateRow{}).Where("id = ?", old.ID).
			Updates(map[string]any{"archived_at": &at, "is_default": false}).Error; err != nil {
			return translate(err, "archive survey template", "")
		}
		if err := db.Model(&surveyWaveRow{}).Where("template_id = ?", old.ID).Where(unsentWaves, string(core.InvitationScheduled)).
			Update("template_id", r.ID).Error; err != nil {
			return translate(err, "move survey waves", "")
		}
		return translate(db.Table("rounds").Where("survey_template_id = ?", old.ID).Update("survey_template_id", r.ID).Error,
			"move rounds' survey template", "")
	})
	return versioned, err
}

// SetDefaultSurveyTemplate makes the template the one new rounds use. It
// returns ErrNotFound for an unknown template and ErrInvalidState for an
// archived one.
func (s *Store) SetDefaultSurveyTemplate(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(db *gorm.DB) error {
		if err := usableTemplate(db, id); err != nil {
			return err
		}
		if err := db.Model(&surveyTemplateRow{}).Where("is_default = ?", true).Update("is_default", false).Error; err != nil {
			return translate(err, "default survey template", "")
		}
		return translate(db.Model(&surveyTemplateRow{}).Where("id = ?", id).Update("is_default", true).Error, "default survey template", "")
	})
}

func usableTemplate(db *gorm.DB, id int64) error {
	var r surveyTemplateRow
	if err := db.Select("id, archived_at").Take(&r, "id = ?", id).Error; err != nil {
		return translate(err, "survey template", "")
	}
	if r.ArchivedAt != nil {
		return fmt.Errorf("survey template %d is archived: %w", id, core.ErrInvalidState)
	}
	return nil
}

// RoundSurveyTemplate returns the template chosen for the round's survey
// waves, 0 when none was chosen (the default applies), or ErrNotFound for
// an unknown round.
func (s *Store) RoundSurveyTemplate(ctx context.Context, roundID int64) (int64, error) {
	var r struct{ SurveyTemplateID *int64 }
	res := s.db.WithContext(ctx).Table("rounds").Select("survey_template_id").Where("id = ?", roundID).Limit(1).Scan(&r)
	if res.Error != nil {
		return 0, translate(res.Error, "round survey template", "")
	}
	if res.RowsAffected == 0 {
		return 0, fmt.Errorf("round %d: %w", roundID, core.ErrNotFound)
	}
	if r.SurveyTemplateID == nil {
		return 0, nil
	}
	return *r.SurveyTemplateID, nil
}

// SetRoundSurveyTemplate chooses the template of the round's survey waves
// (templateID 0: the default one). Waves that have sent nothing yet move
// to it; a wave that has sent invitations keeps its template. It returns
// how many waves kept theirs, ErrNotFound for an unknown round or
// template, and ErrInvalidState for an archived template.
func (s *Store) SetRoundSurveyTemplate(ctx context.Context, roundID, templateID int64) (kept int, err error) {
	err = s.inTx(ctx, func(db *gorm.DB) error {
		var round struct{ ID int64 }
		if res := db.Table("rounds").Select("id").Where("id = ?", roundID).Limit(1).Scan(&round); res.Error != nil || res.RowsAffected == 0 {
			if res.Error != nil {
				return translate(res.Error, "round", "")
			}
			return fmt.Errorf("round %d: %w", roundID, core.ErrNotFound)
		}
		var value any
		waveTemplate := templateID
		if templateID != 0 {
			if err := usableTemplate(db, templateID); err != nil {
				return err
			}
			value = templateID
		} else {
			var def surveyTemplateRow
			err := db.Select("id").Order("id DESC").Take(&def, "is_default = ?", true).Error
			if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
				return translate(err, "default survey template", "")
			}
			waveTemplate = def.ID
		}
		if err := db.Table("rounds").Where("id = ?", roundID).Update("survey_template_id", value).Error; err != nil {
			return translate(err, "round survey template", "")
		}
		if waveTemplate != 0 {
			if err := db.Model(&surveyWaveRow{}).Where("round_id = ?", roundID).Where(unsentWaves, string(core.InvitationScheduled)).
				Update("template_id", waveTemplate).Error; err != nil {
				return translate(err, "move survey waves", "")
			}
		}
		var n int64
		if err := db.Model(&surveyWaveRow{}).Where("round_id = ? AND template_id <> ?", roundID, waveTemplate).Count(&n).Error; err != nil {
			return translate(err, "survey waves", "")
		}
		kept = int(n)
		return nil
	})
	return kept, err
}
