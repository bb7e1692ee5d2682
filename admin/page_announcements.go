package admin

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
)

type announcementsPage struct {
	Units   []core.Unit
	Form    *form
	Chosen  map[string]bool
	Preview *announcementPreview
	History []announcementView
	CanSend bool
	Max     int
}

// announcementPreview is who an announcement would reach, shown before HR
// sends it.
type announcementPreview struct {
	Text                           string
	UnitCodes                      []string
	Recipients, NotLinked, Blocked int
}

type announcementView struct {
	core.Announcement
	Progress    core.AnnouncementProgress
	Unreachable int
	Units       string
}

func viewOf(a core.Announcement, p core.AnnouncementProgress, n nameIndex) announcementView {
	names := make([]string, 0, len(a.UnitCodes))
	for _, code := range a.UnitCodes {
		name := code
		for _, u := range n.units {
			if u.Code == code {
				name = u.Name
			}
		}
		names = append(names, name)
	}
	return announcementView{Announcement: a, Progress: p, Unreachable: a.Unreachable(p), Units: strings.Join(names, ", ")}
}

// announcementList shows the history and, for HR, the form to write one.
func (s *Server) announcementList(c *gin.Context) {
	s.announcementsPage(c, http.StatusOK, newForm(), nil, nil)
}

func (s *Server) announcementsPage(c *gin.Context, status int, f *form, chosen []string, pv *announcementPreview) {
	ctx := c.Request.Context()
	names, err := s.names(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	as, ps, err := s.deps.Store.Announcements(ctx, 100)
	if err != nil {
		s.fail(c, err)
		return
	}
	d := announcementsPage{Units: names.units, Form: f, Chosen: map[string]bool{}, Preview: pv,
		CanSend: slices.Contains(editors, caller(c).Role), Max: core.MaxAnnouncementRunes}
	for _, code := range chosen {
		d.Chosen[code] = true
	}
	for i, a := range as {
		d.History = append(d.History, viewOf(a, ps[i], names))
	}
	s.render(c, status, "announcements", d)
}

// announcementPreviewForm counts who the written announcement would reach
// and shows it with a button that sends it.
func (s *Server) announcementPreviewForm(c *gin.Context) {
	ctx := c.Request.Context()
	f := formFrom(c, "text")
	codes := c.PostFormArray("unit")
	a := core.Announcement{Text: f.Values["text"], UnitCodes: codes}
	err := a.Validate()
	var reach []core.Employee
	var ids []int64
	if err == nil {
		ids, err = s.audienceUnits(ctx, a.UnitCodes)
	}
	if err == nil {
		reach, a.NotLinked, a.Blocked, err = s.deps.Store.AnnouncementAudience(ctx, ids)
	}
	if err != nil {
		s.announcementFormError(c, f, codes, err)
		return
	}
	s.announcementsPage(c, http.StatusOK, f, codes, &announcementPreview{Text: a.Text, UnitCodes: codes,
		Recipients: len(reach), NotLinked: a.NotLinked, Blocked: a.Blocked})
}

// announcementCreate sends the announcement and shows its progress.
func (s *Server) announcementCreate(c *gin.Context) {
	f := formFrom(c, "text")
	codes := c.PostFormArray("unit")
	a, err := s.announce(c.Request.Context(), caller(c), codes, f.Values["text"])
	if err != nil {
		s.announcementFormError(c, f, codes, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/announcements/"+itoa(a.ID)+"?flash=admin.ann.queued")
}

func (s *Server) announcementFormError(c *gin.Context, f *form, codes []string, err error) {
	if _, ok := core.AsValidation(err); !ok {
		s.fail(c, err)
		return
	}
	f.Values["unit_codes"] = ""
	f.setError(c, s, err, "")
	s.announcementsPage(c, http.StatusUnprocessableEntity, f, codes, nil)
}

// announcementDetail shows an announcement and how its messages stand; an
// htmx request gets the counts alone, polled until every message is
// delivered or given up.
func (s *Server) announcementDetail(c *gin.Context) {
	ctx := c.Request.Context()
	id, err := idParam(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	a, p, err := s.deps.Store.Announcement(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.render(c, http.StatusOK, "announcement", viewOf(a, p, names))
}

// audienceUnits resolves unit codes to the units and the units below
// them; no code is every unit (nil). An unknown code is a validation error
// on unit_codes. It may recompute the dashboard's figures, which writes:
// call it before a transaction, never inside one (on SQLite the write would
// wait for the transaction around it).
func (s *Server) audienceUnits(ctx context.Context, codes []string) ([]int64, error) {
	if len(codes) == 0 {
		return nil, nil
	}
	names, err := s.names(ctx)
	if err != nil {
		return nil, err
	}
	ids := []int64{}
	for _, code := range codes {
		i := slices.IndexFunc(names.units, func(u core.Unit) bool { return u.Code == code })
		if i < 0 {
			return nil, core.Invalid("unit_codes", "err.unit_not_found", code)
		}
		ids = append(ids, subtree(names.units, names.units[i].ID)...)
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// announce stores the announcement and enqueues one message for every
// employee of the units who can be reached, in one transaction with its
// audit entry; the bot's sender delivers them at its rate.
func (s *Server) announce(ctx context.Context, w *who, codes []string, text string) (core.Announcement, error) {
	codes = slices.Compact(slices.Sorted(slices.Values(codes)))
	a := core.Announcement{Text: text, UnitCodes: codes, CreatedBy: string(w.Actor)}
	if err := a.Validate(); err != nil {
		return a, err
	}
	ids, err := s.audienceUnits(ctx, codes)
	if err != nil {
		return a, err
	}
	err = s.inTx(ctx, func(tx Store) error {
		reach, notLinked, blocked, err := tx.AnnouncementAudience(ctx, ids)
		if err != nil {
			return err
		}
		a.Recipients, a.NotLinked, a.Blocked = len(reach), notLinked, blocked
		if err := tx.CreateAnnouncement(ctx, &a); err != nil {
			return err
		}
		msgs := make([]core.OutboxMessage, len(reach))
		for i, e := range reach {
			if msgs[i], err = core.AnnouncementMessage(e, a); err != nil {
				return err
			}
		}
		if err := tx.EnqueueMany(ctx, msgs); err != nil {
			return err
		}
		return s.audit(ctx, tx, w, "announcement.create", "announcement", itoa(a.ID), nil,
			map[string]any{"unit_codes": a.UnitCodes, "text": a.Text, "recipients": a.Recipients,
				"not_linked": a.NotLinked, "blocked": a.Blocked}, "")
	})
	return a, err
}
