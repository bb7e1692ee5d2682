package gormstore

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

type surveyTemplateRow struct {
	ID         int64 `gorm:"primaryKey"`
	Name       string
	Anonymous  bool
	IsDefault  bool
	CreatedAt  time.Time
	ArchivedAt *time.Time
	PreviousID *int64
}

func (surveyTemplateRow) TableName() string { return "survey_templates" }

type surveyQuestionRow struct {
	ID         int64 `gorm:"primaryKey"`
	TemplateID int64
	Position   int
	Kind       string
	Text       string
	TextEN     string `gorm:"column:text_en"`
	Options    jsonList
	Required   bool
}

func (surveyQuestionRow) TableName() string { return "survey_questions" }

type surveyWaveRow struct {
	ID           int64 `gorm:"primaryKey"`
	RoundID      int64
	TemplateID   int64
	Seq          int
	AfterSeconds int64
}

func (surveyWaveRow) TableName() string { return "survey_waves" }

func (r surveyWaveRow) wave() core.SurveyWave {
	return core.SurveyWave{ID: r.ID, RoundID: r.RoundID, TemplateID: r.TemplateID, Seq: r.Seq,
		After: time.Duration(r.AfterSeconds) * time.Second}
}

type surveyInvitationRow struct {
	ID            int64 `gorm:"primaryKey"`
	WaveID        int64
	TransferID    int64
	EmployeeID    int64
	Status        string
	DueAt         time.Time
	NextActionAt  *time.Time
	InvitedAt     *time.Time
	RemindersSent int
	LastSentAt    *time.Time
	ExpiresAt     *time.Time
	Progress      int
	AnsweredAt    *time.Time
	LeaseOwner    string
	LeaseUntil    *time.Time
	// ManualReminderAt and ManualReminderBy are written only by
	// MarkManualReminder.
	ManualReminderAt *time.Time `gorm:"->"`
	ManualReminderBy string     `gorm:"->"`
}

func (surveyInvitationRow) TableName() string { return "survey_invitations" }

func (r surveyInvitationRow) invitation() core.SurveyInvitation {
	return core.SurveyInvitation{ID: r.ID, WaveID: r.WaveID, TransferID: r.TransferID, EmployeeID: r.EmployeeID,
		Status: core.InvitationStatus(r.Status), DueAt: r.DueAt, NextActionAt: r.NextActionAt, InvitedAt: r.InvitedAt,
		RemindersSent: r.RemindersSent, LastSentAt: r.LastSentAt, ExpiresAt: r.ExpiresAt, Progress: r.Progress, AnsweredAt: r.AnsweredAt,
		ManualReminderAt: r.ManualReminderAt, ManualReminderBy: core.Actor(r.ManualReminderBy)}
}

func toInvitationRow(i *core.SurveyInvitation) surveyInvitationRow {
	return surveyInvitationRow{ID: i.ID, WaveID: i.WaveID, TransferID: i.TransferID, EmployeeID: i.EmployeeID,
		Status: string(i.Status), DueAt: i.DueAt.UTC(), NextActionAt: utc(i.NextActionAt), InvitedAt: utc(i.InvitedAt),
		RemindersSent: i.RemindersSent, LastSentAt: utc(i.LastSentAt), ExpiresAt: utc(i.ExpiresAt), Progress: i.Progress, AnsweredAt: utc(i.AnsweredAt)}
}

// CreateSurveyTemplate validates and stores t with its questions. When
// t.IsDefault is set, no other template stays the default.
func (s *Store) CreateSurveyTemplate(ctx context.Context, t *core.SurveyTemplate) error {
	if err := t.Validate(); err != nil {
		return err
	}
	t.CreatedAt = now()
	return s.inTx(ctx, func(db *gorm.DB) error {
		if t.IsDefault {
			if err := db.Model(&surveyTemplateRow{}).Where("is_default = ?", true).Update("is_default", false).Error; err != nil {
				return translate(err, "create survey template", "")
			}
		}
		r := surveyTemplateRow{Name: t.Name, Anonymous: t.Anonymous, IsDefault: t.IsDefault, CreatedAt: t.CreatedAt, PreviousID: t.PreviousID}
		if err := db.Create(&r).Error; err != nil {
			return translate(err, "create survey template", "")
		}
		t.ID = r.ID
		return insertQuestions(db, t)
	})
}

// SurveyTemplate returns the template with id and its questions in order.
func (s *Store) SurveyTemplate(ctx context.Context, id int64) (core.SurveyTemplate, error) {
	var r surveyTemplateRow
	if err := s.db.WithContext(ctx).Take(&r, "id = ?", id).Error; err != nil {
		return core.SurveyTemplate{}, translate(err, "survey template", "")
	}
	return s.withQuestions(ctx, r)
}

// DefaultSurveyTemplate returns the default template, or ErrNotFound.
func (s *Store) DefaultSurveyTemplate(ctx context.Context) (core.SurveyTemplate, error) {
	var r surveyTemplateRow
	if err := s.db.WithContext(ctx).Order("id DESC").Take(&r, "is_default = ?", true).Error; err != nil {
		return core.SurveyTemplate{}, translate(err, "default survey template", "")
	}
	return s.withQuestions(ctx, r)
}

func (s *Store) withQuestions(ctx context.Context, r surveyTemplateRow) (core.SurveyTemplate, error) {
	t := core.SurveyTemplate{ID: r.ID, Name: r.Name, Anonymous: r.Anonymous, IsDefault: r.IsDefault, CreatedAt: r.CreatedAt,
		ArchivedAt: r.ArchivedAt, PreviousID: r.PreviousID}
	var qs []surveyQuestionRow
	if err := s.db.WithContext(ctx).Where("template_id = ?", r.ID).Order("position").Find(&qs).Error; err != nil {
		return core.SurveyTemplate{}, translate(err, "survey questions", "")
	}
	for _, q := range qs {
		t.Questions = append(t.Questions, core.SurveyQuestion{ID: q.ID, TemplateID: q.TemplateID, Position: q.Position,
			Kind: core.QuestionKind(q.Kind), Text: q.Text, TextEN: q.TextEN, Options: q.Options, Required: q.Required})
	}
	return t, nil
}

// CreateSurveyWave stores w; a second wave with the same round and Seq is
// a conflict.
func (s *Store) CreateSurveyWave(ctx context.Context, w *core.SurveyWave) error {
	if w.RoundID == 0 || w.TemplateID == 0 || w.Seq < 1 || w.After <= 0 {
		return core.Invalid("gelombang", "err.required")
	}
	r := surveyWaveRow{RoundID: w.RoundID, TemplateID: w.TemplateID, Seq: w.Seq, AfterSeconds: int64(w.After / time.Second)}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return translate(err, "create survey wave", "")
	}
	w.ID = r.ID
	return nil
}

// SurveyWaves returns a round's waves in order.
func (s *Store) SurveyWaves(ctx context.Context, roundID int64) ([]core.SurveyWave, error) {
	var rows []surveyWaveRow
	if err := s.db.WithContext(ctx).Where("round_id = ?", roundID).Order("seq").Find(&rows).Error; err != nil {
		return nil, translate(err, "survey waves", "")
	}
	out := make([]core.SurveyWave, len(rows))
	for i, r := range rows {
		out[i] = r.wave()
	}
	return out, nil
}

// CreateSurveyInvitation stores inv unless the wave already has one for the
// transfer; it reports whether inv was new and sets inv.ID either way.
func (s *Store) CreateSurveyInvitation(ctx context.Context, inv *core.SurveyInvitation) (bool, error) {
	if inv.Status == "" {
		inv.Status = core.InvitationScheduled
	}
	if inv.NextActionAt == nil {
		due := inv.DueAt
		inv.NextActionAt = &due
	}
	var existing surveyInvitationRow
	err := s.db.WithContext(ctx).Select("id").Take(&existing, "wave_id = ? AND transfer_id = ?", inv.WaveID, inv.TransferID).Error
	if err == nil {
		inv.ID = existing.ID
		return false, nil
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return false, translate(err, "create survey invitation", "")
	}
	r := toInvitationRow(inv)
	r.ID = 0
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return false, translate(err, "create survey invitation", "")
	}
	inv.ID = r.ID
	return true, nil
}

// SurveyInvitation returns the invitation with id, or ErrNotFound.
func (s *Store) SurveyInvitation(ctx context.Context, id int64) (core.SurveyInvitation, error) {
	var r surveyInvitationRow
	err := s.db.WithContext(ctx).Take(&r, "id = ?", id).Error
	return r.invitation(), translate(err, "survey invitation", "")
}
