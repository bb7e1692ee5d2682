package admin

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// settingsData is what the settings page shows: the figures the panel
// runs with. They come from the configuration (flags and SEIMBANG_*
// variables), so the page only shows them.
type settingsData struct {
	ABK            abk.Config
	Zone           string
	BotUsername    string
	SecureCookies  bool
	SessionIdle    time.Duration
	MaxFailures    int
	LockFor        time.Duration
	AddressLimit   int
	AddressWindow  time.Duration
	LinkCodeHours  int
	SnapshotTTL    time.Duration
	TrustedProxies []string
}

// settings shows the configuration the panel runs with (superadmin).
func (s *Server) settings(c *gin.Context) {
	s.render(c, http.StatusOK, "settings", settingsData{ABK: s.deps.ABK, Zone: s.deps.Location.String(), BotUsername: s.deps.BotUsername,
		SecureCookies: s.deps.SecureCookies, SessionIdle: sessionIdle, MaxFailures: maxFailures, LockFor: lockFor,
		AddressLimit: addressLimit, AddressWindow: addressWindow, LinkCodeHours: int(core.LinkCodeTTL.Hours()), SnapshotTTL: snapshotTTL,
		TrustedProxies: s.deps.TrustedProxies})
}
