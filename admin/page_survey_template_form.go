package admin

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
)

// maxQuestionRows bounds the question rows one form posts.
const maxQuestionRows = 60

// questionRow is one question row of the template form.
type questionRow struct {
	Order, Kind, Text, TextEN, Options string
	Required                           bool
	Error                              string
}

type templateFormPage struct {
	ID        int64 // 0 for a new template
	Name      string
	Anonymous bool
	Rows      []questionRow
	Errors    map[string]string
	Message   string
	Sent      int // invitations already sent with the template being edited
	Kinds     []core.QuestionKind
}

var questionKinds = []core.QuestionKind{core.QuestionLikert, core.QuestionYesNo, core.QuestionChoice, core.QuestionText}

func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id <= 0 {
		return 0, core.ErrNotFound
	}
	return id, nil
}

// rowsOf turns a template's questions into form rows, with blank rows to
// add more.
func rowsOf(t core.SurveyTemplate, blank int) []questionRow {
	var rows []questionRow
	for _, q := range t.Questions {
		rows = append(rows, questionRow{Order: strconv.Itoa(q.Position), Kind: string(q.Kind), Text: q.Text, TextEN: q.TextEN,
			Options: strings.Join(q.Options, "\n"), Required: q.Required})
	}
	for range blank {
		rows = append(rows, questionRow{Kind: string(core.QuestionLikert), Required: true})
	}
	return rows
}

// surveyTemplateNew shows an empty template form.
func (s *Server) surveyTemplateNew(c *gin.Context) {
	s.render(c, http.StatusOK, "survey_template_form", templateFormPage{Rows: rowsOf(core.SurveyTemplate{}, 4),
		Errors: map[string]string{}, Kinds: questionKinds})
}

// surveyTemplateEdit shows the form filled with the template; an archived
// version cannot be edited.
func (s *Server) surveyTemplateEdit(c *gin.Context) {
	ts, t, ok := s.templateParam(c)
	if !ok {
		return
	}
	if t.ArchivedAt != nil {
		s.fail(c, core.ErrInvalidState)
		return
	}
	sent, err := ts.SurveyInvitationsSentByTemplate(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "survey_template_form", templateFormPage{ID: t.ID, Name: t.Name, Anonymous: t.Anonymous,
		Rows: rowsOf(t, 2), Errors: map[string]string{}, Sent: sent[t.ID], Kinds: questionKinds})
}

// readTemplateForm reads the posted form into the page (to show again) and
// the template (to save): rows without any text are dropped, the others
// ordered by their order number, then by their place in the form. A Likert
// question without labels gets the standard five.
func readTemplateForm(c *gin.Context) (templateFormPage, core.SurveyTemplate, []int) {
	p := templateFormPage{Name: strings.TrimSpace(c.PostForm("nama")), Anonymous: c.PostForm("anonim") == "1",
		Errors: map[string]string{}, Kinds: questionKinds}
	n, _ := strconv.Atoi(c.PostForm("rows"))
	n = min(max(n, 0), maxQuestionRows)
	for i := range n {
		k := "q" + strconv.Itoa(i) + "_"
		p.Rows = append(p.Rows, questionRow{Order: strings.TrimSpace(c.PostForm(k + "order")), Kind: c.PostForm(k + "kind"),
			Text: strings.TrimSpace(c.PostForm(k + "text")), TextEN: strings.TrimSpace(c.PostForm(k + "text_en")),
			Options: strings.TrimSpace(c.PostForm(k + "options")), Required: c.PostForm(k+"required") == "1"})
	}
	var used []int // indexes of p.Rows, in question order
	for i, r := range p.Rows {
		if r.Text != "" || r.TextEN != "" || r.Options != "" {
			used = append(used, i)
		}
	}
	order := func(i int) int {
		if v, err := strconv.Atoi(p.Rows[i].Order); err == nil {
			return v
		}
		return maxQuestionRows + 1000
	}
	slices.SortStableFunc(used, func(a, b int) int { return cmp.Compare(order(a), order(b)) })
	t := core.SurveyTemplate{Name: p.Name, Anonymous: p.Anonymous}
	for _, i := range used {
		r := p.Rows[i]
		var opts []string
		for _, line := range strings.Split(r.Options, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				opts = append(opts, line)
			}
		}
		kind := core.QuestionKind(r.Kind)
		if kind == core.QuestionLikert && len(opts) == 0 {
			opts = core.StandardSurveyTemplate().Questions[0].Options
		}
		t.Questions = append(t.Questions, core.SurveyQuestion{Kind: kind, Text: r.Text, TextEN: r.TextEN, Options: opts, Required: r.Required})
	}
	return p, t, used
}

// showTemplateErrors puts err's messages next to the name and the
// question rows they concern.
func (s *Server) showTemplateErrors(c *gin.Context, p templateFormPage, used []int, err error) {
	if _, ok := core.AsValidation(err); !ok {
		s.fail(c, err)
		return
	}
	prob := problemOf(err, s.lang(c))
	for field, msg := range prob.Fields {
		if n, ok := strings.CutPrefix(field, "pertanyaan."); ok {
			if pos, err := strconv.Atoi(n); err == nil && pos >= 1 && pos <= len(used) {
				p.Rows[used[pos-1]].Error = msg
				continue
			}
		}
		p.Errors[field] = msg
	}
	if len(prob.Fields) == 0 {
		p.Message = prob.Message
	}
	s.render(c, http.StatusUnprocessableEntity, "survey_template_form", p)
}

// moreRows answers the "add rows" button: the form again with three more
// blank rows, nothing saved.
func (s *Server) moreRows(c *gin.Context, p templateFormPage) bool {
	if c.PostForm("action") != "more" {
		return false
	}
	for range 3 {
		if len(p.Rows) < maxQuestionRows {
			p.Rows = append(p.Rows, questionRow{Kind: string(core.QuestionLikert), Required: true})
		}
	}
	s.render(c, http.StatusOK, "survey_template_form", p)
	return true
}

// surveyTemplateCreate stores a new template.
func (s *Server) surveyTemplateCreate(c *gin.Context) {
	ctx := c.Request.Context()
	p, t, used := readTemplateForm(c)
	if s.moreRows(c, p) {
		return
	}
	err := s.inTemplateTx(ctx, func(tx Store, ts surveyTemplateStore) error {
		if err := ts.CreateSurveyTemplate(ctx, &t); err != nil {
			return err
		}
		return s.audit(ctx, tx, caller(c), "survey_template.create", "survey_template", itoa(t.ID), nil, t, "")
	})
	if err != nil {
		s.showTemplateErrors(c, p, used, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/survey-templates/"+itoa(t.ID)+"?flash=admin.flash.saved")
}

// surveyTemplateUpdate saves an edit: in place while nothing was sent with
// the template, else as a new version.
func (s *Server) surveyTemplateUpdate(c *gin.Context) {
	ctx := c.Request.Context()
	ts, old, ok := s.templateParam(c)
	if !ok {
		return
	}
	p, t, used := readTemplateForm(c)
	p.ID = old.ID
	if sent, err := ts.SurveyInvitationsSentByTemplate(ctx); err == nil {
		p.Sent = sent[old.ID]
	}
	if s.moreRows(c, p) {
		return
	}
	t.ID = old.ID
	versioned := false
	err := s.inTemplateTx(ctx, func(tx Store, ts surveyTemplateStore) error {
		var err error
		if versioned, err = ts.UpdateSurveyTemplate(ctx, &t, s.deps.Clock.Now()); err != nil {
			return err
		}
		action := "survey_template.update"
		if versioned {
			action = "survey_template.version"
		}
		return s.audit(ctx, tx, caller(c), action, "survey_template", itoa(t.ID), old, t, "")
	})
	if err != nil {
		s.showTemplateErrors(c, p, used, err)
		return
	}
	flash := "admin.flash.saved"
	if versioned {
		flash = "admin.stpl.versioned"
	}
	c.Redirect(http.StatusSeeOther, "/survey-templates/"+itoa(t.ID)+"?flash="+flash)
}
