package core

import "github.com/seimbang/seimbang/core/i18n"

// StandardSurveyTemplate returns, unsaved, the standard Indonesian
// post-transfer questionnaire, marked as the default: fit with
// competency, workload, adaptation, support, training received (yes/no),
// motivation and overall satisfaction on a 1–5 scale, and free comments.
func StandardSurveyTemplate() SurveyTemplate {
	likert := []string{i18n.T(i18n.ID, "survey.likert1"), i18n.T(i18n.ID, "survey.likert2"), i18n.T(i18n.ID, "survey.likert3"),
		i18n.T(i18n.ID, "survey.likert4"), i18n.T(i18n.ID, "survey.likert5")}
	q := func(kind QuestionKind, key string, required bool) SurveyQuestion {
		var opts []string
		if kind == QuestionLikert {
			opts = append([]string(nil), likert...)
		}
		return SurveyQuestion{Kind: kind, Text: i18n.T(i18n.ID, key), TextEN: i18n.T(i18n.EN, key), Options: opts, Required: required}
	}
	return SurveyTemplate{Name: i18n.T(i18n.ID, "survey.default_name"), IsDefault: true, Questions: []SurveyQuestion{
		q(QuestionLikert, "survey.q_competency", true),
		q(QuestionLikert, "survey.q_workload", true),
		q(QuestionLikert, "survey.q_adaptation", true),
		q(QuestionLikert, "survey.q_support", true),
		q(QuestionYesNo, "survey.q_training", true),
		q(QuestionLikert, "survey.q_motivation", true),
		q(QuestionLikert, "survey.q_overall", true),
		q(QuestionText, "survey.q_comments", false),
	}}
}
