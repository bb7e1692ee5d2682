package gormstore

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

type announcementRow struct {
	ID         int64 `gorm:"primaryKey"`
	Text       string
	UnitCodes  list
	CreatedBy  string
	CreatedAt  time.Time
	Recipients int
	NotLinked  int
	Blocked    int
}

func (announcementRow) TableName() string { return "announcements" }

func (r announcementRow) announcement() core.Announcement {
	return core.Announcement{ID: r.ID, Text: r.Text, UnitCodes: r.UnitCodes, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt,
		Recipients: r.Recipients, NotLinked: r.NotLinked, Blocked: r.Blocked}
}

// AnnouncementAudience returns the active employees of the units (every
// unit when unitIDs is nil) who can get a message through Telegram —
// linked, and not known to have blocked the bot — with their ID, language
// and Telegram id, and counts the active ones who cannot: not linked, and
// linked but blocked.
func (s *Store) AnnouncementAudience(ctx context.Context, unitIDs []int64) (reach []core.Employee, notLinked, blocked int, err error) {
	q := func() *gorm.DB {
		db := s.db.WithContext(ctx).Model(&employeeRow{}).Where("active = ?", true)
		if unitIDs != nil {
			db = db.Where("unit_id IN ?", append([]int64{0}, unitIDs...))
		}
		return db
	}
	var rows []struct {
		ID             int64
		Language       string
		TelegramUserID *int64
	}
	if err := q().Select("id, language, telegram_user_id").Where("telegram_user_id IS NOT NULL AND unreachable_at IS NULL").
		Order("id").Scan(&rows).Error; err != nil {
		return nil, 0, 0, translate(err, "announcement audience", "")
	}
	var counts struct{ NotLinked, Blocked int }
	if err := q().Select("COALESCE(SUM(CASE WHEN telegram_user_id IS NULL THEN 1 ELSE 0 END), 0) AS not_linked, " +
		"COALESCE(SUM(CASE WHEN telegram_user_id IS NOT NULL AND unreachable_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS blocked").
		Scan(&counts).Error; err != nil {
		return nil, 0, 0, translate(err, "announcement audience", "")
	}
	reach = make([]core.Employee, len(rows))
	for i, r := range rows {
		reach[i] = core.Employee{ID: r.ID, Language: r.Language, TelegramUserID: r.TelegramUserID}
	}
	return reach, counts.NotLinked, counts.Blocked, nil
}

// CreateAnnouncement validates and stores a, setting its ID and creation
// time.
func (s *Store) CreateAnnouncement(ctx context.Context, a *core.Announcement) error {
	if err := a.Validate(); err != nil {
		return err
	}
	a.CreatedAt = now()
	r := announcementRow{Text: a.Text, UnitCodes: a.UnitCodes, CreatedBy: a.CreatedBy, CreatedAt: a.CreatedAt,
		Recipients: a.Recipients, NotLinked: a.NotLinked, Blocked: a.Blocked}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return translate(err, "create announcement", "")
	}
	a.ID = r.ID
	return nil
}

// EnqueueMany stores msgs as pending outbox messages with multi-row
// inserts, skipping any whose dedup key is already stored. Call it inside
// the transaction that records why they are sent.
func (s *Store) EnqueueMany(ctx context.Context, msgs []core.OutboxMessage) error {
	if err := insertOutbox(s.db.WithContext(ctx), msgs); err != nil {
		return translate(err, "enqueue", "")
	}
	return nil
}

// Announcement returns the announcement with id and where its messages
// stand, or ErrNotFound.
func (s *Store) Announcement(ctx context.Context, id int64) (core.Announcement, core.AnnouncementProgress, error) {
	var r announcementRow
	if err := s.db.WithContext(ctx).Take(&r, "id = ?", id).Error; err != nil {
		return core.Announcement{}, core.AnnouncementProgress{}, translate(err, "announcement", "")
	}
	p, err := s.announcementProgress(ctx, id)
	return r.announcement(), p, err
}

// Announcements returns the latest announcements, newest first, with where
// their messages stand.
func (s *Store) Announcements(ctx context.Context, limit int) ([]core.Announcement, []core.AnnouncementProgress, error) {
	var rows []announcementRow
	if err := s.db.WithContext(ctx).Order("id DESC").Limit(limit).Find(&rows).Error; err != nil {
		return nil, nil, translate(err, "announcements", "")
	}
	out := make([]core.Announcement, len(rows))
	progress := make([]core.AnnouncementProgress, len(rows))
	for i, r := range rows {
		out[i] = r.announcement()
		p, err := s.announcementProgress(ctx, r.ID)
		if err != nil {
			return nil, nil, err
		}
		progress[i] = p
	}
	return out, progress, nil
}

// announcementProgress counts the announcement's outbox messages by
// status; a failed one whose employee is marked unreachable counts as
// blocked.
func (s *Store) announcementProgress(ctx context.Context, id int64) (core.AnnouncementProgress, error) {
	var rows []struct {
		Status  string
		Blocked int
		N       int
	}
	err := s.db.WithContext(ctx).Table("outbox_messages o").
		Select("o.status, CASE WHEN e.unreachable_at IS NULL THEN 0 ELSE 1 END AS blocked, COUNT(*) AS n").
		Joins("LEFT JOIN employees e ON e.id = o.employee_id").
		Where("o.dedup_key LIKE ?", fmt.Sprintf("announcement:%d:%%", id)).
		Group("o.status, CASE WHEN e.unreachable_at IS NULL THEN 0 ELSE 1 END").Scan(&rows).Error
	if err != nil {
		return core.AnnouncementProgress{}, translate(err, "announcement progress", "")
	}
	var p core.AnnouncementProgress
	for _, r := range rows {
		switch core.OutboxStatus(r.Status) {
		case core.OutboxSent:
			p.Delivered += r.N
		case core.OutboxFailed:
			if r.Blocked == 1 {
				p.Blocked += r.N
			} else {
				p.Failed += r.N
			}
		default:
			p.Pending += r.N
		}
	}
	return p, nil
}
