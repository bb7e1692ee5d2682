package telegramtest

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// DefaultToken is the bot token a Server accepts unless WithToken says otherwise.
const DefaultToken = "7000000001:AAFakeTokenForTelegramTestOnly_12345"

// Server is a fake Telegram Bot API server on a loopback httptest server.
// All its methods are safe for concurrent use.
type Server struct {
	tb    testing.TB
	cfg   config
	http  *httptest.Server
	done  chan struct{}
	close sync.Once
	wg    sync.WaitGroup // webhook delivery workers

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every state change
	state
}

// state is everything the Server guards with mu.
type state struct {
	chats      map[int64]*chat
	usernames  map[string]int64
	queue      []*queued
	nextUpdate int64
	allowed    []string
	poll       *poller
	hook       *webhook
	commands   map[string][]BotCommand
	queries    map[string]*query
	nextQuery  int
	files      map[string]*file
	paths      map[string]*file
	nextFile   int
	requests   []Request
	stats      Stats
	dedup      map[string]bool
	faults     faults
	global     bucket
	rng        *rand.Rand
}

// New starts a fake Bot API server on loopback and closes it when tb's test
// ends. The bot under test points at it with tgbot.WithServerURL(s.URL()) and
// the token s.Token().
func New(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	cfg := config{
		token:        DefaultToken,
		botUser:      User{IsBot: true, FirstName: "Seimbang Test", Username: "seimbang_test_bot"},
		now:          time.Now,
		seed:         1,
		firstUpdate:  1000,
		retryMin:     50 * time.Millisecond,
		retryMax:     time.Second,
		dedupKey:     defaultDedupKey,
		maxBodyBytes: 50 << 20,
	}
	for _, o := range opts {
		o(&cfg)
	}
	cfg.botUser.ID = botID(cfg.token)
	s := &Server{
		tb:      tb,
		cfg:     cfg,
		done:    make(chan struct{}),
		changed: make(chan struct{}),
		state: state{
			chats:      map[int64]*chat{},
			usernames:  map[string]int64{},
			nextUpdate: cfg.firstUpdate,
			commands:   map[string][]BotCommand{},
			queries:    map[string]*query{},
			files:      map[string]*file{},
			paths:      map[string]*file{},
			dedup:      map[string]bool{},
			rng:        rand.New(rand.NewPCG(cfg.seed, cfg.seed^0x5eb1)),
		},
	}
	s.faults.latency = cfg.latency
	s.http = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	tb.Cleanup(s.Close)
	return s
}

// URL returns the base URL to hand to tgbot.WithServerURL.
func (s *Server) URL() string { return s.http.URL }

// Token returns the token the Server accepts.
func (s *Server) Token() string { return s.cfg.token }

// Bot returns the bot's own user, as getMe reports it.
func (s *Server) Bot() User { return s.cfg.botUser }

// Close stops webhook delivery, ends pending long polls and shuts the HTTP
// server down. It is safe to call more than once; New registers it with
// tb.Cleanup.
func (s *Server) Close() {
	s.close.Do(func() {
		close(s.done)
		s.mu.Lock()
		s.stopWebhook()
		s.notify()
		s.mu.Unlock()
		s.wg.Wait()
		s.http.Close()
	})
}

// notify wakes everything waiting for a state change. Callers hold mu.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// now returns the Server's clock time.
func (s *Server) now() time.Time { return s.cfg.now() }

// serveHTTP routes /bot<token>/<method> to the API and
// /file/bot<token>/<path> to file downloads.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	if rest, ok := strings.CutPrefix(path, "/file/bot"); ok {
		s.serveFile(w, r, rest)
		return
	}
	rest, ok := strings.CutPrefix(path, "/bot")
	if !ok {
		writeJSON(w, http.StatusNotFound, errorBody(errNotFound))
		return
	}
	token, method, _ := strings.Cut(rest, "/")
	if token != s.cfg.token {
		writeJSON(w, http.StatusUnauthorized, errorBody(errUnauthorized))
		return
	}
	s.serveAPI(w, r, method)
}

// serveAPI answers one Bot API call, applying latency and faults first.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, method string) {
	name := strings.ToLower(method)
	h, known := methods[name]
	p, perr := readParams(r, s.cfg.maxBodyBytes)
	if !s.delay(r.Context()) {
		return
	}
	fault := s.takeFault(name)
	var (
		result any
		aerr   *apiError
	)
	switch {
	case fault == FaultInternal:
		aerr = errInternal
	case fault == FaultBadGateway:
		s.record(name, 0, http.StatusBadGateway)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte(badGatewayHTML))
		return
	case !known || method == "":
		aerr = errNotFound
	case perr != nil:
		aerr = perr
	default:
		result, aerr = h(s, r.Context(), p)
	}
	code := http.StatusOK
	if aerr != nil {
		code = aerr.code
	}
	if fault == FaultLostReply {
		s.record(name, p.chatID(), 0)
		dropConnection(w)
		return
	}
	s.record(name, p.chatID(), code)
	if aerr != nil {
		writeJSON(w, code, errorBody(aerr))
		return
	}
	writeJSON(w, code, map[string]any{"ok": true, "result": result})
}

// botID returns the numeric bot id at the start of a token.
func botID(token string) int64 {
	id, _, _ := strings.Cut(token, ":")
	var n int64
	for _, c := range id {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int64(c-'0')
	}
	return n
}

// writeJSON writes v as the JSON body with the given status.
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// dropConnection closes the client connection without an HTTP answer.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("telegramtest: response writer cannot hijack")
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

// waitChange blocks until the state changes, ctx ends or the Server closes;
// it reports false in the last two cases.
func (s *Server) waitChange(ctx context.Context, changed <-chan struct{}, timeout <-chan time.Time) bool {
	select {
	case <-changed:
		return true
	case <-timeout:
		return false
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}
