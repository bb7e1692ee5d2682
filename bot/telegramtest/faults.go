package telegramtest

import (
	"context"
	"math"
	"strings"
	"time"
)

// Rate is a token-bucket send rate: PerSecond sends a second on average,
// up to Burst at once. The zero Rate means no limit.
type Rate struct {
	PerSecond float64
	Burst     int
}

// TelegramRates returns the limits Telegram documents for a bot: about 30
// messages a second overall and about one a second in one chat. Use it as
// WithRates(TelegramRates()) or SetRates(TelegramRates()).
func TelegramRates() (global, perChat Rate) {
	return Rate{PerSecond: 30, Burst: 30}, Rate{PerSecond: 1, Burst: 1}
}

// FaultKind is a way an API call fails on purpose.
type FaultKind int

const (
	// FaultInternal answers 500 {"ok":false,"error_code":500,
	// "description":"Internal Server Error"} without executing the call.
	FaultInternal FaultKind = iota + 1
	// FaultBadGateway answers 502 with an HTML page, as Telegram's front end
	// does when the API is down, without executing the call.
	FaultBadGateway
	// FaultLostReply executes the call, then closes the connection without
	// answering: the message is sent but the bot sees a network error, so a
	// retry sends it twice.
	FaultLostReply
)

// faults is the fault-injection state.
type faults struct {
	latency time.Duration
	next    []pendingFault
	rate    float64
	kind    FaultKind
	only    map[string]bool
}

// pendingFault is a FailNext order still to be served.
type pendingFault struct {
	left    int
	kind    FaultKind
	methods map[string]bool
}

// Block makes every send or edit to chatID answer 403 "Forbidden: bot was
// blocked by the user" until Unblock. UserBlocksBot also tells the bot.
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chatFor(chatID).blocked = true
}

// Unblock undoes Block.
func (s *Server) Unblock(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chatFor(chatID).blocked = false
}

// FailNext makes the next n calls of the named methods (any method when none
// is named; names are case-insensitive) fail with kind. Orders queue up: a
// second FailNext starts when the first is used up.
func (s *Server) FailNext(n int, kind FaultKind, methods ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.next = append(s.faults.next, pendingFault{left: n, kind: kind, methods: methodSet(methods)})
}

// SetFailureRate makes each call of the named methods (any method when none
// is named) fail with kind with probability p, drawn from the generator
// seeded by WithSeed. p = 0 turns it off.
func (s *Server) SetFailureRate(p float64, kind FaultKind, methods ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.rate, s.faults.kind, s.faults.only = p, kind, methodSet(methods)
}

// SetLatency delays every API answer by d (0 for none). A call whose client
// gives up during the delay is not executed.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.latency = d
}

// SetRates sets the global and per-chat rates of sendMessage, sendDocument,
// sendPhoto, editMessageText and editMessageReplyMarkup. A call over either
// rate answers 429 "Too Many Requests: retry after N" with
// parameters.retry_after N, the whole seconds until it would pass, at least 1.
// Buckets start full.
func (s *Server) SetRates(global, perChat Rate) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cfg.globalRate, s.cfg.chatRate = global, perChat
	s.global = bucket{}
	for _, c := range s.chats {
		c.limiter = bucket{}
	}
}

// methodSet returns the lower-cased method names, nil for all methods.
func methodSet(methods []string) map[string]bool {
	if len(methods) == 0 {
		return nil
	}
	set := map[string]bool{}
	for _, m := range methods {
		set[strings.ToLower(m)] = true
	}
	return set
}

// takeFault returns the fault to apply to a call of method, or 0.
func (s *Server) takeFault(method string) FaultKind {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.faults.next {
		f := &s.faults.next[i]
		if f.left > 0 && (f.methods == nil || f.methods[method]) {
			f.left--
			kind := f.kind
			if f.left == 0 {
				s.faults.next = append(s.faults.next[:i], s.faults.next[i+1:]...)
			}
			return kind
		}
	}
	if s.faults.rate > 0 && (s.faults.only == nil || s.faults.only[method]) && s.rng.Float64() < s.faults.rate {
		return s.faults.kind
	}
	return 0
}

// delay waits out the configured latency; it reports false when the client
// went away or the Server closed meanwhile.
func (s *Server) delay(ctx context.Context) bool {
	s.mu.Lock()
	d := s.faults.latency
	s.mu.Unlock()
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}

// admitSend checks that a send or edit to c may go out now: 403 when the
// user blocked the bot, 429 when a rate is exceeded. A send that passes
// takes its tokens. Callers hold mu.
func (s *Server) admitSend(c *chat) *apiError {
	if c.blocked {
		return errBlocked
	}
	now := s.now()
	gw := s.global.wait(now, s.cfg.globalRate)
	cw := c.limiter.wait(now, s.cfg.chatRate)
	if w := max(gw, cw); w > 0 {
		return tooManyRequests(max(1, int(math.Ceil(w.Seconds()))))
	}
	s.global.take(s.cfg.globalRate)
	c.limiter.take(s.cfg.chatRate)
	return nil
}

// bucket is a token bucket; the zero bucket is full.
type bucket struct {
	started bool
	tokens  float64
	last    time.Time
}

// wait refills the bucket up to now and returns how long until one token is
// available, 0 if one is.
func (b *bucket) wait(now time.Time, r Rate) time.Duration {
	if r.PerSecond <= 0 {
		return 0
	}
	burst := float64(max(r.Burst, 1))
	if !b.started {
		b.started, b.tokens, b.last = true, burst, now
	}
	if now.After(b.last) {
		b.tokens = math.Min(burst, b.tokens+now.Sub(b.last).Seconds()*r.PerSecond)
		b.last = now
	}
	if b.tokens >= 1 {
		return 0
	}
	return time.Duration((1 - b.tokens) / r.PerSecond * float64(time.Second))
}

// take uses one token; call it after wait returned 0.
func (b *bucket) take(r Rate) {
	if r.PerSecond > 0 {
		b.tokens--
	}
}
