package core

import (
	"strings"
	"time"
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
}

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

// Validate checks a template and its questions.
func (s *SurveyTemplate) Validate() error {
	v := &ValidationError{}
	s.Name = strings.TrimSpace(s.Name)
	if s.Name == "" {
		v.Add("nama", "err.required")
	}
	if len(s.Questions) == 0 {
		v.Add("pertanyaan", "err.no_questions")
	}
	for i := range s.Questions {
		q := &s.Questions[i]
		q.Position = i + 1
		q.Text = strings.TrimSpace(q.Text)
		if q.Text == "" {
			v.Add("pertanyaan", "err.question_text", q.Position)
		}
		switch q.Kind {
		case QuestionLikert:
			if len(q.Options) != 0 && len(q.Options) != 5 {
				v.Add("pertanyaan", "err.likert_labels", q.Position)
			}
		case QuestionChoice:
			if len(q.Options) < 2 {
				v.Add("pertanyaan", "err.choice_options", q.Position)
			}
		case QuestionYesNo, QuestionText:
		default:
			v.Add("pertanyaan", "err.question_kind", q.Position)
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
