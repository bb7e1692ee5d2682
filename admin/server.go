// Package admin is the HR panel and JSON API: a Gin server with
// server-rendered pages, health and readiness probes and Prometheus
// metrics. It imports core, never a store and never the bot.
//
// Every page and API route is registered from one access table
// (routes.go) naming the roles it admits; access.go authenticates a panel
// session (cookie, CSRF token on every change) or an API bearer token and
// applies the table. auth.go holds login, lockout and password change;
// scope.go limits a unit head to their unit tree and appends audit
// entries; problem.go is the one place errors become statuses and
// messages. Pages live one per file (page_*.go) with their templates in
// templates/, rendered in the caller's language from core/i18n
// (admin.json); api.go is /api/v1, described by openapi.json. Front-end
// assets in static/ are vendored from npm (see static/README.md).
package admin

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
	"github.com/seimbang/seimbang/core/round"
)

func init() { gin.SetMode(gin.ReleaseMode) }

// Check is one dependency readiness depends on, such as the database.
type Check struct {
	Name string
	Ping func(ctx context.Context) error
}

// Deps is what the server needs from the rest of the program.
type Deps struct {
	Log      *slog.Logger
	Checks   []Check
	Registry *prometheus.Registry // metrics are registered here and served at /metrics
	// ShutdownTimeout bounds how long in-flight requests may take to finish
	// after the server is told to stop.
	ShutdownTimeout time.Duration
	// Mounts are handlers of other edges served on the same address, such
	// as the Telegram webhook; cmd wires them so admin never imports them.
	Mounts []Mount

	// Store and Sessions enable the panel and the JSON API; without them
	// only the probes, metrics and mounts are served.
	Store    Store
	Sessions Sessions
	// Clock tells the time; the system clock when nil.
	Clock core.Clock
	// Location is the zone times are shown in; Asia/Jakarta when nil.
	Location *time.Location
	// SecureCookies marks cookies Secure (behind TLS or an https BaseURL);
	// requests arriving over TLS get Secure cookies either way.
	SecureCookies bool
	// TrustedProxies are the proxy addresses whose X-Forwarded-For is
	// believed; none when empty, so the peer address counts.
	TrustedProxies []string
	// BotUsername names the Telegram bot for deep links (without @).
	BotUsername string
	// Sleep delays an answer after a failed login; time-based when nil.
	Sleep func(ctx context.Context, d time.Duration)
	// ABK is the workload analysis configuration; abk.DefaultConfig when zero.
	ABK abk.Config
	// Rounds is the transfer round workflow; when nil it is built on Store
	// if the store can run it (the database store can).
	Rounds *round.Service
	// Place is where decrees are signed (the regency's seat), for the
	// closing of the decree attachment; empty leaves a blank to fill in.
	Place string
	// Files opens objection attachments through the Bot API; without it
	// (no bot token) the panel says they cannot be opened.
	Files BotFiles
	// Reminder sends HR's one survey reminder by hand; without it the
	// reminder button answers 503.
	Reminder Reminder
}

// Mount is a handler served at one method and path.
type Mount struct {
	Method, Path string
	Handler      http.Handler
}

// Server is the panel's HTTP server.
type Server struct {
	deps    Deps
	engine  *gin.Engine
	latency *prometheus.HistogramVec
	pages   map[string]*template.Template
	table   []route
	dash    dashboardCache
	users   userCache
}

// New builds the server and registers its metrics in d.Registry.
func New(d Deps) *Server {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Registry == nil {
		d.Registry = prometheus.NewRegistry()
	}
	if d.ShutdownTimeout == 0 {
		d.ShutdownTimeout = 20 * time.Second
	}
	if d.Clock == nil {
		d.Clock = core.SystemClock{}
	}
	if d.Location == nil {
		d.Location = core.WIB.Location()
	}
	if d.Sleep == nil {
		d.Sleep = sleep
	}
	if d.ABK.EffectiveMinutes == 0 {
		d.ABK = abk.DefaultConfig()
	}
	if rs, ok := d.Store.(round.Store); ok && d.Rounds == nil {
		d.Rounds = &round.Service{Store: rs, Clock: d.Clock, EffectiveMinutes: d.ABK.EffectiveMinutes}
	}
	s := &Server{deps: d, engine: gin.New()}
	if err := s.engine.SetTrustedProxies(d.TrustedProxies); err != nil {
		d.Log.Warn("trusted proxies ignored", slog.String("error", err.Error()))
		_ = s.engine.SetTrustedProxies(nil)
	}
	s.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "seimbang_http_request_duration_seconds",
		Help:    "HTTP request latency by route and status.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"method", "route", "status"})
	d.Registry.MustRegister(s.latency)
	s.engine.Use(s.recoverPanics, s.observe, securityHeaders)
	s.routes()
	return s
}

func (s *Server) routes() {
	s.engine.GET("/healthz", s.healthz)
	s.engine.GET("/readyz", s.readyz)
	s.engine.GET("/metrics", gin.WrapH(promhttp.HandlerFor(s.deps.Registry, promhttp.HandlerOpts{})))
	for _, m := range s.deps.Mounts {
		s.engine.Handle(m.Method, m.Path, gin.WrapH(m.Handler))
	}
	if s.deps.Store != nil && s.deps.Sessions != nil {
		s.panelRoutes()
	}
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.engine }

// Serve answers requests on ln until ctx ends, then stops accepting new
// connections and waits up to ShutdownTimeout for in-flight requests.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.engine,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // imports upload large files
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.deps.Log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.deps.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// healthz answers 200 while the process runs.
func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readyz answers 200 when every dependency answers and 503 otherwise,
// naming each dependency's state.
func (s *Server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
	defer cancel()
	status, checks := http.StatusOK, gin.H{}
	for _, ch := range s.deps.Checks {
		if err := ch.Ping(ctx); err != nil {
			status = http.StatusServiceUnavailable
			checks[ch.Name] = "unavailable"
			s.deps.Log.WarnContext(ctx, "readiness check failed", slog.String("check", ch.Name), slog.String("error", err.Error()))
			continue
		}
		checks[ch.Name] = "ok"
	}
	word := "ok"
	if status != http.StatusOK {
		word = "unavailable"
	}
	c.JSON(status, gin.H{"status": word, "checks": checks})
}

// observe records each request's latency under its route pattern (not the
// raw path, so that ids do not explode the label set).
func (s *Server) observe(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	s.latency.WithLabelValues(c.Request.Method, route, strconv.Itoa(c.Writer.Status())).Observe(time.Since(start).Seconds())
}

// recoverPanics turns a panic in a handler into a 500 and one log line,
// keeping the process alive.
func (s *Server) recoverPanics(c *gin.Context) {
	defer func() {
		if r := recover(); r != nil {
			if err, ok := r.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(r)
			}
			s.deps.Log.ErrorContext(c.Request.Context(), "handler panic", slog.Any("panic", r), slog.String("route", c.FullPath()))
			c.AbortWithStatus(http.StatusInternalServerError)
		}
	}()
	c.Next()
}
