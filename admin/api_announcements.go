package admin

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
)

type announcementIn struct {
	UnitCodes []string `json:"unit_codes"`
	Text      string   `json:"text"`
}

type announcementJSON struct {
	ID          int64     `json:"id"`
	Text        string    `json:"text"`
	UnitCodes   []string  `json:"unit_codes"`
	CreatedBy   string    `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
	Recipients  int       `json:"recipients"`
	Pending     int       `json:"pending"`
	Delivered   int       `json:"delivered"`
	Unreachable int       `json:"unreachable"`
	NotLinked   int       `json:"not_linked"`
	Blocked     int       `json:"blocked"`
	Failed      int       `json:"failed"`
	Done        bool      `json:"done"`
}

func announcementOut(a core.Announcement, p core.AnnouncementProgress) announcementJSON {
	codes := a.UnitCodes
	if codes == nil {
		codes = []string{}
	}
	return announcementJSON{ID: a.ID, Text: a.Text, UnitCodes: codes, CreatedBy: a.CreatedBy, CreatedAt: a.CreatedAt,
		Recipients: a.Recipients, Pending: p.Pending, Delivered: p.Delivered, Unreachable: a.Unreachable(p),
		NotLinked: a.NotLinked, Blocked: a.Blocked + p.Blocked, Failed: p.Failed, Done: p.Done()}
}

// apiAnnouncementCreate sends a message to every linked employee of the
// units (all units when unit_codes is absent or empty) and answers 202
// with the recipients; GET /api/v1/announcements/{id} follows delivery.
func (s *Server) apiAnnouncementCreate(c *gin.Context) {
	var in announcementIn
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	a, err := s.announce(ctx, caller(c), in.UnitCodes, in.Text)
	if err != nil {
		s.fail(c, err)
		return
	}
	a, p, err := s.deps.Store.Announcement(ctx, a.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/announcements/"+itoa(a.ID))
	c.JSON(http.StatusAccepted, announcementOut(a, p))
}

// apiAnnouncement returns an announcement with its delivery counts.
func (s *Server) apiAnnouncement(c *gin.Context) {
	id, err := idParam(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	a, p, err := s.deps.Store.Announcement(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, announcementOut(a, p))
}
