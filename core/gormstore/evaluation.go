package gormstore

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
)

// RoundSurveyInvitations returns the invitations of every wave of the
// round, by id.
func (s *Store) RoundSurveyInvitations(ctx context.Context, roundID int64) ([]core.SurveyInvitation, error) {
	var rows []surveyInvitationRow
	err := s.db.WithContext(ctx).Model(&surveyInvitationRow{}).Select("survey_invitations.*").
		Joins("JOIN survey_waves ON survey_waves.id = survey_invitations.wave_id").
		Where("survey_waves.round_id = ?", roundID).Order("survey_invitations.id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "round survey invitations", "")
	}
	out := make([]core.SurveyInvitation, len(rows))
	for i, r := range rows {
		out[i] = r.invitation()
	}
	return out, nil
}

// RoundSurveyResponses returns the answers given in every wave of the
// round, by id.
func (s *Store) RoundSurveyResponses(ctx context.Context, roundID int64) ([]core.SurveyResponse, error) {
	var rows []surveyResponseRow
	err := s.db.WithContext(ctx).Model(&surveyResponseRow{}).Select("survey_responses.*").
		Joins("JOIN survey_waves ON survey_waves.id = survey_responses.wave_id").
		Where("survey_waves.round_id = ?", roundID).Order("survey_responses.id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "round survey responses", "")
	}
	out := make([]core.SurveyResponse, len(rows))
	for i, r := range rows {
		out[i] = core.SurveyResponse{ID: r.ID, InvitationID: r.InvitationID, WaveID: r.WaveID, QuestionID: r.QuestionID,
			UnitID: r.UnitID, TransferKind: core.TransferKind(r.TransferKind), Value: r.Value, Text: r.Text, CreatedAt: r.CreatedAt}
	}
	return out, nil
}

// EmployeesByID returns the employees with the ids, by id; unknown ids are
// left out.
func (s *Store) EmployeesByID(ctx context.Context, ids []int64) ([]core.Employee, error) {
	out := make([]core.Employee, 0, len(ids))
	const chunk = 1000
	for start := 0; start < len(ids); start += chunk {
		var rows []employeeRow
		part := ids[start:min(start+chunk, len(ids))]
		if err := s.db.WithContext(ctx).Where("id IN ?", part).Order("id").Find(&rows).Error; err != nil {
			return nil, translate(err, "employees by id", "")
		}
		for _, r := range rows {
			out = append(out, r.employee())
		}
	}
	return out, nil
}

// ImbalanceSnapshots returns the round's imbalance snapshots, oldest first.
func (s *Store) ImbalanceSnapshots(ctx context.Context, roundID int64) ([]evaluation.Snapshot, error) {
	var rows []snapshotRow
	if err := s.db.WithContext(ctx).Where("round_id = ?", roundID).Order("taken_at, id").Find(&rows).Error; err != nil {
		return nil, translate(err, "imbalance snapshots", "")
	}
	out := make([]evaluation.Snapshot, len(rows))
	for i, r := range rows {
		out[i] = evaluation.Snapshot{Label: r.Label, TakenAt: r.TakenAt, Figures: r.Figures}
	}
	return out, nil
}

type ratingRow struct {
	ID         int64 `gorm:"primaryKey"`
	EmployeeID int64
	Period     string
	Predikat   string
	CreatedAt  time.Time
}

func (ratingRow) TableName() string { return "performance_ratings" }

// PerformanceRatings returns the imported ratings of the employees.
func (s *Store) PerformanceRatings(ctx context.Context, employeeIDs []int64) ([]evaluation.Rating, error) {
	var out []evaluation.Rating
	const chunk = 1000
	for start := 0; start < len(employeeIDs); start += chunk {
		var rows []ratingRow
		part := employeeIDs[start:min(start+chunk, len(employeeIDs))]
		if err := s.db.WithContext(ctx).Where("employee_id IN ?", part).Order("employee_id, period").Find(&rows).Error; err != nil {
			return nil, translate(err, "performance ratings", "")
		}
		for _, r := range rows {
			out = append(out, evaluation.Rating{EmployeeID: r.EmployeeID, Period: r.Period, Predikat: core.Predikat(r.Predikat)})
		}
	}
	return out, nil
}

// SavePerformanceRating records the employee's rating for a period,
// replacing one recorded for the same period.
func (s *Store) SavePerformanceRating(ctx context.Context, r evaluation.Rating) error {
	row := ratingRow{EmployeeID: r.EmployeeID, Period: r.Period, Predikat: string(r.Predikat), CreatedAt: now()}
	return translate(saveRatings(s.db.WithContext(ctx), []ratingRow{row}), "save performance rating", "")
}

func saveRatings(db *gorm.DB, rows []ratingRow) error {
	if len(rows) == 0 {
		return nil
	}
	return db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "employee_id"}, {Name: "period"}},
		DoUpdates: clause.AssignmentColumns([]string{"predikat", "created_at"}),
	}).CreateInBatches(rows, 1000).Error
}

// importRatings records the ratings of imported employees whose row names
// the rating's period, in the import's transaction.
func importRatings(db *gorm.DB, es []core.Employee) error {
	var nips []string
	for _, e := range es {
		if e.PerformancePeriod != "" && e.Performance != "" {
			nips = append(nips, e.NIP)
		}
	}
	if len(nips) == 0 {
		return nil
	}
	ids := map[string]int64{}
	const chunk = 1000
	for start := 0; start < len(nips); start += chunk {
		var found []struct {
			ID  int64
			NIP string `gorm:"column:nip"`
		}
		if err := db.Model(&employeeRow{}).Select("id, nip").Where("nip IN ?", nips[start:min(start+chunk, len(nips))]).Find(&found).Error; err != nil {
			return translate(err, "import performance ratings", "")
		}
		for _, f := range found {
			ids[f.NIP] = f.ID
		}
	}
	t := now()
	var rows []ratingRow
	for _, e := range es {
		if id, ok := ids[e.NIP]; ok && e.PerformancePeriod != "" && e.Performance != "" {
			rows = append(rows, ratingRow{EmployeeID: id, Period: e.PerformancePeriod, Predikat: string(e.Performance), CreatedAt: t})
		}
	}
	return translate(saveRatings(db, rows), "import performance ratings", "")
}

// MarkManualReminder records that by sent the invitation's one reminder by
// hand at at. It returns a *core.ConflictError (ErrConflict) when one was
// sent already, and ErrNotFound when the invitation does not exist.
func (s *Store) MarkManualReminder(ctx context.Context, invitationID int64, by core.Actor, at time.Time) error {
	return s.inTx(ctx, func(db *gorm.DB) error {
		res := db.Table("survey_invitations").Where("id = ? AND manual_reminder_at IS NULL", invitationID).
			Updates(map[string]any{"manual_reminder_at": at.UTC(), "manual_reminder_by": string(by)})
		if res.Error != nil {
			return translate(res.Error, "mark manual reminder", "")
		}
		if res.RowsAffected == 1 {
			return nil
		}
		var r surveyInvitationRow
		if err := db.Take(&r, "id = ?", invitationID).Error; err != nil {
			return translate(err, "mark manual reminder", "")
		}
		when := ""
		if r.ManualReminderAt != nil {
			when = r.ManualReminderAt.In(core.WIB.Location()).Format("2006-01-02 15:04") + " WIB"
		}
		return fmt.Errorf("manual reminder for invitation %d: %w", invitationID,
			&core.ConflictError{Field: "invitation", Key: "eval.err.reminded_already", Args: []any{when}})
	})
}
