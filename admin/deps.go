package admin

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
	"github.com/seimbang/seimbang/core/importer"
)

// Store is what the panel and the API need from persistence. cmd hands in
// the database store; inside InTx the transaction's store must satisfy
// Store too.
type Store interface {
	core.UnitStore
	core.PositionStore
	core.WorkloadStore
	core.EmployeeStore
	core.PreferenceStore
	core.TransferStore
	core.RoundStore
	core.ObjectionStore
	core.AuditStore
	core.AdminStore
	core.TokenStore
	core.LinkCodeStore
	importer.Store
	roundQueries
	evaluation.Store
	// SurveyInvitation returns ErrNotFound when there is no such invitation.
	SurveyInvitation(ctx context.Context, id int64) (core.SurveyInvitation, error)
	// AllEmployees returns every employee, for the xlsx export.
	AllEmployees(ctx context.Context) ([]core.Employee, error)

	// EmployeesIn is Employees restricted to unitIDs (nil: every unit).
	EmployeesIn(ctx context.Context, f core.EmployeeFilter, unitIDs []int64) ([]core.Employee, int, error)
	// EmployeesPage is one page of EmployeesIn without its total.
	EmployeesPage(ctx context.Context, f core.EmployeeFilter, unitIDs []int64) ([]core.Employee, error)
	CountEmployeesIn(ctx context.Context, f core.EmployeeFilter, unitIDs []int64) (int, error)
	// EmployeesOfPosition returns the active holders of a position.
	EmployeesOfPosition(ctx context.Context, positionID int64) ([]core.Employee, error)
	// StaffCounts returns how many active employees hold each position.
	StaffCounts(ctx context.Context) (map[int64]int, error)
	// TelegramReach counts active employees not linked, and linked but unreachable.
	TelegramReach(ctx context.Context) (unlinked, unreachable int, err error)
	AdminUsers(ctx context.Context) ([]core.AdminUser, error)
	APITokens(ctx context.Context) ([]core.APIToken, error)
	// RevokeAPIToken returns ErrNotFound when no such unrevoked token exists.
	RevokeAPIToken(ctx context.Context, id int64, at time.Time) error
	TouchAPIToken(ctx context.Context, id int64, at time.Time) error
	// RecordImbalance stores a day's (YYYY-MM-DD) imbalance figures as JSON.
	RecordImbalance(ctx context.Context, day, figures string, at time.Time) error
	// SurveyFigures counts survey invitations sent and answered, and the
	// mean and number of Likert answers.
	SurveyFigures(ctx context.Context) (sent, answered int, meanLikert float64, likert int, err error)
	// SurveyInvitationsOf returns the employee's survey invitations.
	SurveyInvitationsOf(ctx context.Context, employeeID int64) ([]core.SurveyInvitation, error)
	// ImbalanceHistory returns the figures by day from since on.
	ImbalanceHistory(ctx context.Context, since string) (map[string]string, error)
	// ObjectionInbox returns the selected objections, nearest deadline first.
	ObjectionInbox(ctx context.Context, f core.ObjectionInboxFilter) ([]core.Objection, error)
	// CreateReplacement links a replacement proposal to its objection; a
	// *ConflictError when one that is not discarded exists.
	CreateReplacement(ctx context.Context, r *core.ObjectionReplacement) error
	// Replacements returns the replacements of the objections.
	Replacements(ctx context.Context, objectionIDs ...int64) ([]core.ObjectionReplacement, error)
	// ReviewReplacement stores HR's review of a proposed replacement; a
	// *ConflictError when it was reviewed already.
	ReviewReplacement(ctx context.Context, r *core.ObjectionReplacement) error

	// AnnouncementAudience returns the reachable active employees of the
	// units (nil: all) and counts those not linked and those blocked.
	AnnouncementAudience(ctx context.Context, unitIDs []int64) (reach []core.Employee, notLinked, blocked int, err error)
	CreateAnnouncement(ctx context.Context, a *core.Announcement) error
	// Announcement returns ErrNotFound when there is no such announcement.
	Announcement(ctx context.Context, id int64) (core.Announcement, core.AnnouncementProgress, error)
	Announcements(ctx context.Context, limit int) ([]core.Announcement, []core.AnnouncementProgress, error)
	// EnqueueMany stores outbox messages, skipping known dedup keys.
	EnqueueMany(ctx context.Context, msgs []core.OutboxMessage) error

	InTx(ctx context.Context, fn func(tx core.Store) error) error
	Ping(ctx context.Context) error
}

// Sessions keeps login sessions, login failure counters and uploads
// awaiting confirmation. Everything in it may be lost: people then log in
// or upload again.
type Sessions interface {
	SaveSession(ctx context.Context, s core.Session, ttl time.Duration) error
	// Session returns the session and extends its life to idle from now;
	// ErrNotFound when it does not exist or expired.
	Session(ctx context.Context, id string, idle time.Duration) (core.Session, error)
	DeleteSession(ctx context.Context, id string) error
	DeleteUserSessions(ctx context.Context, userID int64) error
	// Hit counts an event under key in a window and returns the count.
	Hit(ctx context.Context, key string, window time.Duration) (int64, error)
	Hits(ctx context.Context, key string) (int64, error)
	ResetHits(ctx context.Context, key string) error
	// StashUpload keeps an uploaded file until its import is confirmed.
	StashUpload(ctx context.Context, id string, data []byte, ttl time.Duration) error
	// Upload returns ErrNotFound when the stashed file expired.
	Upload(ctx context.Context, id string) ([]byte, error)
	DropUpload(ctx context.Context, id string) error
}

// BotFiles opens the files employees sent the bot (objection
// attachments), by their Telegram file id, without the browser ever
// seeing the bot's token.
type BotFiles interface {
	// OpenFile returns the file's content, at most MaxAttachmentBytes long.
	// It returns ErrNotFound when Telegram does not know the file, a
	// *core.ValidationError when it is larger, and ErrUnavailable when the
	// Bot API cannot be reached.
	OpenFile(ctx context.Context, fileID string) (io.ReadCloser, error)
}

// inTx runs fn in one transaction of the store.
func (s *Server) inTx(ctx context.Context, fn func(tx Store) error) error {
	return s.deps.Store.InTx(ctx, func(tx core.Store) error {
		st, ok := tx.(Store)
		if !ok {
			return fmt.Errorf("transaction store %T lacks the panel's queries", tx)
		}
		return fn(st)
	})
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
