package gormstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

func TestSurveyTemplatesWavesInvitations(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		tpl := core.SurveyTemplate{Name: "Survei pascamutasi", IsDefault: true, Questions: []core.SurveyQuestion{
			{Kind: core.QuestionLikert, Text: "Pekerjaan sesuai kompetensi saya.", Options: []string{"Sangat tidak setuju", "Tidak setuju", "Netral", "Setuju", "Sangat setuju"}, Required: true},
			{Kind: core.QuestionChoice, Text: "Waktu tempuh ke kantor", Options: []string{"< 30 menit", "30–60 menit", "> 60 menit; jauh"}},
			{Kind: core.QuestionText, Text: "Saran Anda"},
		}}
		if err := s.CreateSurveyTemplate(ctx, &tpl); err != nil {
			t.Fatal(err)
		}
		second := core.SurveyTemplate{Name: "Survei baru", IsDefault: true, Questions: []core.SurveyQuestion{{Kind: core.QuestionYesNo, Text: "Betah?"}}}
		if err := s.CreateSurveyTemplate(ctx, &second); err != nil {
			t.Fatal(err)
		}
		def, err := s.DefaultSurveyTemplate(ctx)
		if err != nil || def.ID != second.ID {
			t.Errorf("default template = %d (%v), want the newest default %d", def.ID, err, second.ID)
		}
		got, err := s.SurveyTemplate(ctx, tpl.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.IsDefault {
			t.Error("the older template is still the default")
		}
		if d := cmp.Diff(tpl.Questions, got.Questions); d != "" {
			t.Errorf("questions (-want +got):\n%s", d)
		}

		f := seed(t, s)
		e := employee(nipN(41), f.position)
		if err := s.CreateEmployee(ctx, &e); err != nil {
			t.Fatal(err)
		}
		r := core.Round{Name: "R", CreatedBy: "admin:1"}
		if err := s.CreateRound(ctx, &r); err != nil {
			t.Fatal(err)
		}
		w := core.SurveyWave{RoundID: r.ID, TemplateID: tpl.ID, Seq: 1, After: 720 * time.Hour}
		if err := s.CreateSurveyWave(ctx, &w); err != nil {
			t.Fatal(err)
		}
		dup := w
		if err := s.CreateSurveyWave(ctx, &dup); !errors.Is(err, core.ErrConflict) {
			t.Errorf("second wave 1 of a round: err = %v, want conflict", err)
		}
		ws, err := s.SurveyWaves(ctx, r.ID)
		if err != nil || len(ws) != 1 || ws[0].After != 720*time.Hour {
			t.Errorf("waves = %+v, %v", ws, err)
		}
		p2 := core.Position{Code: "DINKES-BDN", UnitID: f.unit.ID, Name: "Bidan", Kind: core.Functional, JobFamily: "bidan"}
		if err := s.CreatePosition(ctx, &p2); err != nil {
			t.Fatal(err)
		}
		tr := core.Transfer{RoundID: r.ID, EmployeeID: e.ID, FromUnitID: f.unit.ID, FromPositionID: f.position.ID,
			ToUnitID: f.unit.ID, ToPositionID: p2.ID}
		if err := s.CreateTransfer(ctx, &tr, core.ActorPlanner, ""); err != nil {
			t.Fatal(err)
		}
		due := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
		inv := core.SurveyInvitation{WaveID: w.ID, TransferID: tr.ID, EmployeeID: e.ID, DueAt: due}
		isNew, err := s.CreateSurveyInvitation(ctx, &inv)
		if err != nil || !isNew {
			t.Fatalf("create invitation = %v, %v", isNew, err)
		}
		again := core.SurveyInvitation{WaveID: w.ID, TransferID: tr.ID, EmployeeID: e.ID, DueAt: due.Add(time.Hour)}
		if isNew, err := s.CreateSurveyInvitation(ctx, &again); err != nil || isNew || again.ID != inv.ID {
			t.Errorf("second invitation for one transfer and wave = %v, id %d, %v", isNew, again.ID, err)
		}
		stored, err := s.SurveyInvitation(ctx, inv.ID)
		if err != nil || stored.Status != core.InvitationScheduled || !stored.NextActionAt.Equal(due) {
			t.Errorf("stored invitation = %+v, %v", stored, err)
		}

		// The scheduler claims it; meanwhile the employee answers the survey.
		claimed, err := s.ClaimSurveyInvitations(ctx, "sched", due, time.Minute, 10)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("claim = %d, %v", len(claimed), err)
		}
		db, _ := s.DB() // as the bot's answer does: the status only, the lease untouched
		if _, err := db.ExecContext(ctx, "UPDATE survey_invitations SET status = 'answered' WHERE id = ?", inv.ID); err != nil {
			t.Fatal(err)
		}
		late := claimed[0]
		late.Status, late.RemindersSent = core.InvitationInvited, 1
		if err := s.SaveSurveyInvitation(ctx, &late, "sched"); !errors.Is(err, core.ErrInvalidState) {
			t.Errorf("a late scheduler save over an answered invitation: err = %v, want ErrInvalidState", err)
		}
		if got, _ := s.SurveyInvitation(ctx, inv.ID); got.Status != core.InvitationAnswered {
			t.Errorf("answered invitation went back to %s", got.Status)
		}
	})
}
