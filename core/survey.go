package core

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// QuestionKind is how a survey question is answered.
type QuestionKind string

const (
	QuestionLikert QuestionKind = "likert" // 1–5 with labels
	QuestionYesNo  QuestionKind = "yesno"
	QuestionChoice QuestionKind = "choice" // one of Options
	QuestionText   QuestionKind = "text"   // free text
)

// SurveyTemplate is a questionnaire. Responses to an anonymous template are
// stored without the employee link and shown only in groups of
// MinAnonymousGroup or more.
type SurveyTemplate struct {
	ID        int64
	Name      string
	Anonymous bool
	IsDefault bool
	Questions []SurveyQuestion
	CreatedAt time.Time
	// ArchivedAt is set on a version replaced by an edit made after
	// invitations went out with it; PreviousID names the version an edit
	// replaced.
	ArchivedAt *time.Time
	PreviousID *int64
}

// Bounds of a survey template, so that every question fits a Telegram
// message and its options fit inline buttons.
const (
	MaxSurveyNameRunes   = 200
	MaxQuestionRunes     = 1000
	MaxChoiceOptions     = 10
	MaxSurveyOptionRunes = 100
)

// MinAnonymousGroup is the smallest group whose anonymous answers are shown.
const MinAnonymousGroup = 5

// SurveyQuestion is one question of a template.
type SurveyQuestion struct {
	ID         int64
	TemplateID int64
	Position   int // 1-based order in the template
	Kind       QuestionKind
	Text       string
	TextEN     string
	// Options are the choices of a choice question, or the five labels of a
	// Likert question (lowest first).
	Options  []string
	Required bool
}

// Validate trims and checks a template and numbers its questions in
// order. A problem with question N is reported on the field
// "pertanyaan.N", one with the template as a whole on "nama" or
// "pertanyaan".
func (s *SurveyTemplate) Validate() error {
	v := &ValidationError{}
	s.Name = strings.TrimSpace(s.Name)
	switch {
	case s.Name == "":
		v.Add("nama", "err.required")
	case utf8.RuneCountInString(s.Name) > MaxSurveyNameRunes:
		v.Add("nama", "err.too_long", MaxSurveyNameRunes)
	}
	if len(s.Questions) == 0 {
		v.Add("pertanyaan", "err.no_questions")
	}
	for i := range s.Questions {
		q := &s.Questions[i]
		q.Position = i + 1
		field := fmt.Sprintf("pertanyaan.%d", q.Position)
		q.Text, q.TextEN = strings.TrimSpace(q.Text), strings.TrimSpace(q.TextEN)
		for j := range q.Options {
			q.Options[j] = strings.TrimSpace(q.Options[j])
		}
		switch {
		case q.Text == "":
			v.Add(field, "err.question_text", q.Position)
		case utf8.RuneCountInString(q.Text) > MaxQuestionRunes || utf8.RuneCountInString(q.TextEN) > MaxQuestionRunes:
			v.Add(field, "err.question_too_long", q.Position, MaxQuestionRunes)
		}
		switch q.Kind {
		case QuestionLikert:
			if len(q.Options) != 0 && len(q.Options) != 5 {
				v.Add(field, "err.likert_labels", q.Position)
			}
		case QuestionChoice:
			if len(q.Options) < 2 {
				v.Add(field, "err.choice_options", q.Position)
			} else if len(q.Options) > MaxChoiceOptions {
				v.Add(field, "err.choice_too_many", q.Position, MaxChoiceOptions)
			}
		case QuestionYesNo, QuestionText:
			q.Options = nil
		default:
			v.Add(field, "err.question_kind", q.Position)
		}
		for _, o := range q.Options {
			if o == "" || utf8.RuneCountInString(o) > MaxSurveyOptionRunes {
				v.Add(field, "err.option_text", q.Position, MaxSurveyOptionRunes)
				break
			}
		}
	}
	return v.Err()
}

// SurveyWave is one survey round for the transfers of a round, sent a fixed
// time after each transfer's effective date (by default 30 and 90 days).
type SurveyWave struct {
	ID         int64
	RoundID    int64
	TemplateID int64
	Seq        int           // 1, 2, …
	After      time.Duration // after the effective date
}

// InvitationStatus is where one employee's survey in a wave stands.
type InvitationStatus string

const (
	InvitationScheduled InvitationStatus = "scheduled" // waiting for its time
	InvitationInvited   InvitationStatus = "invited"   // sent, not answered
	InvitationAnswered  InvitationStatus = "answered"
	InvitationExpired   InvitationStatus = "expired"
)

// SurveyInvitation is one employee's survey in one wave; it carries the
// schedule (next action, reminders) and the answering progress.
type SurveyInvitation struct {
	ID            int64
	WaveID        int64
	TransferID    int64
	EmployeeID    int64
	Status        InvitationStatus
	DueAt         time.Time  // when the invitation is to be sent
	NextActionAt  *time.Time // the next invitation/reminder/expiry check
	InvitedAt     *time.Time
	RemindersSent int
	LastSentAt    *time.Time // the invitation's or the last reminder's send time
	ExpiresAt     *time.Time
	Progress      int // questions answered so far
	AnsweredAt    *time.Time
	// ManualReminderAt and ManualReminderBy record the one reminder HR may
	// send by hand; nil when none was sent.
	ManualReminderAt *time.Time
	ManualReminderBy Actor
}

// SurveyResponse is one answer. InvitationID is nil for anonymous templates.
type SurveyResponse struct {
	ID           int64
	InvitationID *int64
	WaveID       int64
	QuestionID   int64
	UnitID       *int64 // the unit the answer counts for
	TransferKind TransferKind
	Value        *int // Likert 1–5, yes/no 1/0, choice index
	Text         string
	CreatedAt    time.Time
}

// DueInvitation is a survey invitation the scheduler has claimed, with what
// it needs to act on it: the employee (ID, language, Telegram link, unit)
// and the time zone of the employee's unit (WIB when they have none).
type DueInvitation struct {
	Invitation SurveyInvitation
	Employee   Employee
	Zone       TimeZone
}
