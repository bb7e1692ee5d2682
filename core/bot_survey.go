package core

import "time"

// SurveyAnswer is one answer an employee gives to question number Seq of
// an invitation; Last says it is the template's last question.
type SurveyAnswer struct {
	InvitationID int64
	QuestionID   int64
	Seq          int // the question's 1-based position
	Last         bool
	Anonymous    bool // the template is anonymous: store without the invitation
	Value        *int // Likert 1–5, yes 1 / no 0, choice index
	Text         string
	At           time.Time
}
