package bot

import (
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// maxSurveyText bounds a free-text survey answer.
const maxSurveyText = 1000

// surveys lists the employee's open surveys (the Survei menu).
func (b *Bot) surveys(ctx context.Context, s *session) error {
	invs, err := b.store.OpenSurveyInvitations(ctx, s.emp.ID)
	if err != nil {
		return err
	}
	if len(invs) == 0 {
		b.send(ctx, s.chatID, s.t("bot.survey.none"), b.menuKeyboard(s))
		return nil
	}
	var rows [][]button
	for i, inv := range invs {
		form, err := b.store.SurveyFormOf(ctx, inv.ID)
		if err != nil {
			return err
		}
		rows = append(rows, []button{{s.t("bot.survey.item", i+1, inv.Progress, len(form.Questions)), cb(cbSurvey, inv.ID)}})
	}
	b.send(ctx, s.chatID, s.t("bot.survey.choose"), inline(rows...))
	return nil
}

// ownInvitation returns the invitation id names when it is the sender's.
func (b *Bot) ownInvitation(ctx context.Context, s *session, id int64) (core.SurveyInvitation, bool, error) {
	inv, err := b.store.SurveyInvitation(ctx, id)
	if errors.Is(err, core.ErrNotFound) {
		return inv, false, nil
	}
	if err != nil {
		return inv, false, err
	}
	if inv.EmployeeID != s.emp.ID {
		b.log.WarnContext(ctx, "telegram access to another's survey refused",
			slog.Int64("user_id", s.userID), slog.Int64("invitation_id", id))
		return inv, false, nil
	}
	return inv, true, nil
}

// surveyStep starts or resumes a survey, or takes a button answer.
func (b *Bot) surveyStep(ctx context.Context, s *session, a *action) error {
	inv, ok, err := b.ownInvitation(ctx, s, a.cb.ID)
	if err != nil || !ok {
		return errOr(err, b.refuse(ctx, s, a))
	}
	b.answer(ctx, a.q, "")
	if inv.Status != core.InvitationInvited {
		b.send(ctx, s.chatID, s.t("bot.survey.closed"), nil)
		return nil
	}
	form, err := b.store.SurveyFormOf(ctx, inv.ID)
	if err != nil {
		return err
	}
	if a.cb.Verb == cbAnswer {
		seq, value, ok := parseAnswer(a.cb.Arg)
		if !ok || seq < 1 || seq > len(form.Questions) || !validValue(form.Questions[seq-1], value) {
			b.send(ctx, s.chatID, s.t("bot.err.bad_button"), nil)
			return nil
		}
		return b.saveAnswer(ctx, s, inv, form, seq, &value, "")
	}
	return b.askQuestion(ctx, s, inv, form)
}

// parseAnswer reads "<seq>_<value>".
func parseAnswer(arg string) (int, int, bool) {
	a, v, ok := strings.Cut(arg, "_")
	if !ok {
		return 0, 0, false
	}
	seq, err1 := strconv.Atoi(a)
	val, err2 := strconv.Atoi(v)
	return seq, val, err1 == nil && err2 == nil
}

// validValue checks a button answer against its question.
func validValue(q core.SurveyQuestion, v int) bool {
	switch q.Kind {
	case core.QuestionLikert:
		return v >= 1 && v <= 5
	case core.QuestionYesNo:
		return v == 0 || v == 1
	case core.QuestionChoice:
		return v >= 0 && v < len(q.Options)
	}
	return false
}

// askQuestion shows the next unanswered question with its progress, or
// the thanks when all are answered.
func (b *Bot) askQuestion(ctx context.Context, s *session, inv core.SurveyInvitation, form core.SurveyTemplate) error {
	seq := inv.Progress + 1
	if seq > len(form.Questions) {
		b.endConv(ctx, s)
		b.send(ctx, s.chatID, s.t("bot.survey.thanks"), b.menuKeyboard(s))
		return nil
	}
	q := form.Questions[seq-1]
	text := q.Text
	if s.lang == i18n.EN && q.TextEN != "" {
		text = q.TextEN
	}
	head := s.t("bot.survey.progress", seq, len(form.Questions)) + "\n\n" + html.EscapeString(text)
	var rows [][]button
	switch q.Kind {
	case core.QuestionLikert:
		labels := q.Options
		if len(labels) != 5 {
			labels = nil
			for v := 1; v <= 5; v++ {
				labels = append(labels, s.t(fmt.Sprintf("bot.survey.likert%d", v)))
			}
		}
		for v := 1; v <= 5; v++ {
			rows = append(rows, []button{{fmt.Sprintf("%d · %s", v, labels[v-1]), cb(cbAnswer, inv.ID, fmt.Sprintf("%d_%d", seq, v))}})
		}
	case core.QuestionYesNo:
		rows = append(rows, []button{{s.t("bot.survey.yes"), cb(cbAnswer, inv.ID, fmt.Sprintf("%d_1", seq))},
			{s.t("bot.survey.no"), cb(cbAnswer, inv.ID, fmt.Sprintf("%d_0", seq))}})
	case core.QuestionChoice:
		for i, o := range q.Options {
			rows = append(rows, []button{{o, cb(cbAnswer, inv.ID, fmt.Sprintf("%d_%d", seq, i))}})
		}
	case core.QuestionText:
		if err := b.saveConv(ctx, s, &conv{Flow: flowSurvey, Invitation: inv.ID, Seq: seq}); err != nil {
			return err
		}
		b.send(ctx, s.chatID, head+"\n\n"+s.t("bot.survey.type_answer", maxSurveyText), nil)
		return nil
	}
	b.send(ctx, s.chatID, head, inline(rows...))
	return nil
}

// surveyInput takes a free-text answer.
func (b *Bot) surveyInput(ctx context.Context, s *session, st *conv, m *models.Message) error {
	text := strings.TrimSpace(m.Text)
	if text == "" || utf8.RuneCountInString(text) > maxSurveyText {
		b.send(ctx, s.chatID, s.t("bot.err.too_long", maxSurveyText), nil)
		return nil
	}
	inv, ok, err := b.ownInvitation(ctx, s, st.Invitation)
	if err != nil || !ok {
		b.endConv(ctx, s)
		return err
	}
	if inv.Status != core.InvitationInvited {
		b.endConv(ctx, s)
		b.send(ctx, s.chatID, s.t("bot.survey.closed"), nil)
		return nil
	}
	form, err := b.store.SurveyFormOf(ctx, inv.ID)
	if err != nil {
		return err
	}
	if st.Seq < 1 || st.Seq > len(form.Questions) || form.Questions[st.Seq-1].Kind != core.QuestionText {
		b.endConv(ctx, s)
		return b.askQuestion(ctx, s, inv, form)
	}
	return b.saveAnswer(ctx, s, inv, form, st.Seq, nil, text)
}

// saveAnswer stores one answer and moves on; an answer to a question
// answered already is refused and the current question shown.
func (b *Bot) saveAnswer(ctx context.Context, s *session, inv core.SurveyInvitation, form core.SurveyTemplate, seq int, value *int, text string) error {
	q := form.Questions[seq-1]
	err := b.store.SaveSurveyAnswer(ctx, core.SurveyAnswer{InvitationID: inv.ID, QuestionID: q.ID, Seq: seq,
		Last: seq == len(form.Questions), Anonymous: form.Anonymous, Value: value, Text: text, At: b.clock.Now()})
	if errors.Is(err, core.ErrInvalidState) {
		b.send(ctx, s.chatID, s.t("bot.survey.already"), nil)
		fresh, ferr := b.store.SurveyInvitation(ctx, inv.ID)
		if ferr != nil {
			return ferr
		}
		if fresh.Status != core.InvitationInvited {
			return nil
		}
		return b.askQuestion(ctx, s, fresh, form)
	}
	if err != nil {
		return err
	}
	b.endConv(ctx, s)
	inv.Progress = seq
	return b.askQuestion(ctx, s, inv, form)
}
