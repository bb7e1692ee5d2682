package admin

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
)

// The survey template pages: the list (with the template each round's
// waves use), one template, and (page_survey_template_form.go) the form
// that creates and edits them. HR edits; the auditor reads.
//
// A template that invitations have gone out with is never changed in
// place, because the answers given refer to its questions: saving an edit
// stores a new version, archives the old one, and moves to the new version
// every wave and round that has sent nothing yet (see
// gormstore.UpdateSurveyTemplate).

// surveyTemplateStore is what these pages need beyond Store; the database
// store and its transactions provide it.
type surveyTemplateStore interface {
	SurveyTemplate(ctx context.Context, id int64) (core.SurveyTemplate, error)
	SurveyTemplates(ctx context.Context) ([]core.SurveyTemplate, error)
	SurveyInvitationsSentByTemplate(ctx context.Context) (map[int64]int, error)
	DefaultSurveyTemplate(ctx context.Context) (core.SurveyTemplate, error)
	CreateSurveyTemplate(ctx context.Context, t *core.SurveyTemplate) error
	UpdateSurveyTemplate(ctx context.Context, t *core.SurveyTemplate, at time.Time) (versioned bool, err error)
	SetDefaultSurveyTemplate(ctx context.Context, id int64) error
	RoundSurveyTemplate(ctx context.Context, roundID int64) (int64, error)
	SetRoundSurveyTemplate(ctx context.Context, roundID, templateID int64) (kept int, err error)
}

func templateStoreOf(st any) (surveyTemplateStore, error) {
	ts, ok := st.(surveyTemplateStore)
	if !ok {
		return nil, core.ErrUnavailable
	}
	return ts, nil
}

// inTemplateTx runs fn with the survey template store of one transaction.
func (s *Server) inTemplateTx(ctx context.Context, fn func(tx Store, ts surveyTemplateStore) error) error {
	return s.inTx(ctx, func(tx Store) error {
		ts, err := templateStoreOf(tx)
		if err != nil {
			return err
		}
		return fn(tx, ts)
	})
}

type templateRow struct {
	core.SurveyTemplate
	Sent int
}

type roundTemplateRow struct {
	Round    core.Round
	Template string
	Chosen   bool
}

type surveyTemplatesPage struct {
	Templates []templateRow
	Rounds    []roundTemplateRow
	CanEdit   bool
}

// surveyTemplateList lists the templates, the default one first created
// if there is none yet, and which template each round's waves use.
func (s *Server) surveyTemplateList(c *gin.Context) {
	ctx := c.Request.Context()
	ts, err := templateStoreOf(s.deps.Store)
	if err != nil {
		s.fail(c, err)
		return
	}
	def, err := s.ensureDefaultTemplate(ctx, ts)
	if err != nil {
		s.fail(c, err)
		return
	}
	all, err := ts.SurveyTemplates(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	sent, err := ts.SurveyInvitationsSentByTemplate(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	rounds, err := s.deps.Store.Rounds(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := surveyTemplatesPage{CanEdit: slices.Contains(editors, caller(c).Role)}
	name := map[int64]string{}
	for _, t := range all {
		d.Templates = append(d.Templates, templateRow{t, sent[t.ID]})
		name[t.ID] = t.Name
	}
	for _, r := range rounds {
		id, err := ts.RoundSurveyTemplate(ctx, r.ID)
		if err != nil {
			s.fail(c, err)
			return
		}
		row := roundTemplateRow{Round: r, Template: def.Name, Chosen: id != 0}
		if id != 0 {
			row.Template = name[id]
		}
		d.Rounds = append(d.Rounds, row)
	}
	s.render(c, http.StatusOK, "survey_templates", d)
}

// ensureDefaultTemplate returns the default template, storing the
// standard post-transfer questionnaire first when there is none, so that
// HR sees and can copy it before any round reaches its surveys.
func (s *Server) ensureDefaultTemplate(ctx context.Context, ts surveyTemplateStore) (core.SurveyTemplate, error) {
	def, err := ts.DefaultSurveyTemplate(ctx)
	if !errors.Is(err, core.ErrNotFound) {
		return def, err
	}
	def = core.StandardSurveyTemplate()
	return def, ts.CreateSurveyTemplate(ctx, &def)
}

type surveyTemplatePage struct {
	Template core.SurveyTemplate
	Sent     int
	Newer    *core.SurveyTemplate // the version that replaced an archived one
	Rounds   []core.Round
	CanEdit  bool
}

// surveyTemplateDetail shows a template's questions, its version and, for
// HR, the actions on it.
func (s *Server) surveyTemplateDetail(c *gin.Context) {
	ctx := c.Request.Context()
	ts, t, ok := s.templateParam(c)
	if !ok {
		return
	}
	sent, err := ts.SurveyInvitationsSentByTemplate(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	all, err := ts.SurveyTemplates(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	rounds, err := s.deps.Store.Rounds(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := surveyTemplatePage{Template: t, Sent: sent[t.ID], Rounds: rounds, CanEdit: slices.Contains(editors, caller(c).Role)}
	for i := range all {
		if all[i].PreviousID != nil && *all[i].PreviousID == t.ID {
			d.Newer = &all[i]
		}
	}
	s.render(c, http.StatusOK, "survey_template", d)
}

// templateParam loads the template in the path, answering the request
// itself when it cannot.
func (s *Server) templateParam(c *gin.Context) (surveyTemplateStore, core.SurveyTemplate, bool) {
	ts, err := templateStoreOf(s.deps.Store)
	if err != nil {
		s.fail(c, err)
		return nil, core.SurveyTemplate{}, false
	}
	id, err := idParam(c, "id")
	if err != nil {
		s.fail(c, err)
		return nil, core.SurveyTemplate{}, false
	}
	t, err := ts.SurveyTemplate(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return nil, core.SurveyTemplate{}, false
	}
	return ts, t, true
}

// surveyTemplateCopy stores a copy of the template (not the default) and
// opens it for editing.
func (s *Server) surveyTemplateCopy(c *gin.Context) {
	ctx := c.Request.Context()
	_, t, ok := s.templateParam(c)
	if !ok {
		return
	}
	from := t.ID
	cp := core.SurveyTemplate{Name: s.t(c, "admin.stpl.copy_name", t.Name), Anonymous: t.Anonymous}
	for _, q := range t.Questions {
		cp.Questions = append(cp.Questions, core.SurveyQuestion{Kind: q.Kind, Text: q.Text, TextEN: q.TextEN,
			Options: append([]string(nil), q.Options...), Required: q.Required})
	}
	if n := []rune(cp.Name); len(n) > core.MaxSurveyNameRunes {
		cp.Name = string(n[:core.MaxSurveyNameRunes])
	}
	err := s.inTemplateTx(ctx, func(tx Store, ts surveyTemplateStore) error {
		if err := ts.CreateSurveyTemplate(ctx, &cp); err != nil {
			return err
		}
		return s.audit(ctx, tx, caller(c), "survey_template.copy", "survey_template", itoa(cp.ID), nil,
			map[string]any{"copied_from": from, "template": cp}, "")
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/survey-templates/"+itoa(cp.ID)+"/edit?flash=admin.stpl.copied")
}

// surveyTemplateDefault makes the template the default for rounds that
// have not chosen one.
func (s *Server) surveyTemplateDefault(c *gin.Context) {
	ctx := c.Request.Context()
	_, t, ok := s.templateParam(c)
	if !ok {
		return
	}
	err := s.inTemplateTx(ctx, func(tx Store, ts surveyTemplateStore) error {
		before, err := ts.DefaultSurveyTemplate(ctx)
		if err != nil && !errors.Is(err, core.ErrNotFound) {
			return err
		}
		if err := ts.SetDefaultSurveyTemplate(ctx, t.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, caller(c), "survey_template.default", "survey_template", itoa(t.ID),
			map[string]any{"default_id": before.ID}, map[string]any{"default_id": t.ID}, "")
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/survey-templates/"+itoa(t.ID)+"?flash=admin.stpl.made_default")
}

// surveyTemplateForRound chooses the template for a round's survey waves;
// waves that already sent invitations keep theirs.
func (s *Server) surveyTemplateForRound(c *gin.Context) {
	ctx := c.Request.Context()
	_, t, ok := s.templateParam(c)
	if !ok {
		return
	}
	roundID, err := parseID(c.PostForm("round"))
	if err != nil {
		s.fail(c, core.Invalid("round", "err.required"))
		return
	}
	kept := 0
	err = s.inTemplateTx(ctx, func(tx Store, ts surveyTemplateStore) error {
		before, err := ts.RoundSurveyTemplate(ctx, roundID)
		if err != nil {
			return err
		}
		if kept, err = ts.SetRoundSurveyTemplate(ctx, roundID, t.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, caller(c), "round.survey_template", "round", itoa(roundID),
			map[string]any{"survey_template_id": before}, map[string]any{"survey_template_id": t.ID, "waves_kept": kept}, "")
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	flash := "admin.stpl.round_set"
	if kept > 0 {
		flash = "admin.stpl.round_set_kept"
	}
	c.Redirect(http.StatusSeeOther, "/survey-templates?flash="+flash)
}
