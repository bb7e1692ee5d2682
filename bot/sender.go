package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/seimbang/seimbang/core"
)

// Sender delivers the outbox: it claims due messages under a lease, paces
// them to the shared global rate and about one a second per chat, and
// records each as sent, retried later or failed.
type Sender struct {
	cfg   Config
	store OutboxSenderStore
	lim   Limiter
	clock core.Clock
	log   *slog.Logger
	api   *tgbot.Bot
	wake  chan struct{}
	m     *outboxMetrics
}

// Sender tuning.
const (
	outboxLease       = time.Minute
	maxOutboxAttempts = 8
	sendTimeout       = 20 * time.Second
	chatRate          = 1.0             // messages per second in one chat
	maxChatWait       = 3 * time.Second // a longer per-chat wait puts the message back
	maxGlobalWait     = 10 * time.Second
)

// NewSender returns a sender for cfg. It makes no network call.
func NewSender(cfg Config, d Deps) (*Sender, error) {
	cfg.defaults()
	if cfg.Token == "" {
		return nil, errors.New("telegram token is empty")
	}
	if d.Clock == nil {
		d.Clock = core.SystemClock{}
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	api, err := newAPI(cfg, d.Log)
	if err != nil {
		return nil, err
	}
	return &Sender{cfg: cfg, store: d.Store, lim: d.Limiter, clock: d.Clock, log: d.Log, api: api,
		wake: make(chan struct{}, 1), m: newOutboxMetrics(d.Metrics)}, nil
}

// Wake makes an idle sender look for due messages now.
func (s *Sender) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run delivers until ctx ends, then waits for the sends in flight and
// records their outcome.
func (s *Sender) Run(ctx context.Context) error {
	if n, err := s.store.ReleaseOutbox(ctx, s.cfg.Owner); err != nil {
		s.log.WarnContext(ctx, "outbox release failed", slog.String("error", err.Error()))
	} else if n > 0 {
		s.log.InfoContext(ctx, "outbox messages of a previous run taken back", slog.Int("count", n))
	}
	slots := max(4, int(s.cfg.Rate)+2)
	sem := make(chan struct{}, slots)
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		free := slots - len(sem)
		var msgs []core.OutboxMessage
		if free > 0 {
			var err error
			msgs, err = s.store.ClaimOutbox(ctx, s.cfg.Owner, s.clock.Now(), outboxLease, free)
			if err != nil && ctx.Err() == nil {
				s.log.WarnContext(ctx, "outbox claim failed", slog.String("error", err.Error()))
			}
		}
		for _, m := range msgs {
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer func() { <-sem; wg.Done() }()
				s.deliver(ctx, m)
			}()
		}
		if len(msgs) > 0 && len(msgs) == free {
			// Busy: claim again as soon as a slot frees.
			select {
			case <-ctx.Done():
				return nil
			case sem <- struct{}{}:
				<-sem
			}
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-s.wake:
		case <-time.After(s.cfg.OutboxPoll):
		}
	}
}

// deliver sends one leased message and records the outcome. The outcome
// is recorded even when ctx ends meanwhile.
func (s *Sender) deliver(ctx context.Context, m core.OutboxMessage) {
	rec := context.WithoutCancel(ctx)
	var p core.OutboxPayload
	if err := json.Unmarshal([]byte(m.Payload), &p); err != nil || p.Text == "" {
		s.fail(rec, m, "invalid payload")
		return
	}
	markup, err := outboxMarkup(p)
	if err != nil {
		s.fail(rec, m, err.Error())
		return
	}
	// About one message a second per chat, shared by all instances.
	chat := "chat:" + strconv.FormatInt(m.ChatID, 10)
	if wait, ok, err := s.lim.Reserve(ctx, chat, chatRate, maxChatWait); err == nil && !ok {
		s.retry(rec, m, s.clock.Now().Add(wait), "paced per chat", false)
		return
	} else if err == nil && !sleep(ctx, wait) {
		s.retry(rec, m, s.clock.Now(), "shutdown", false)
		return
	}
	if wait, ok, err := s.lim.Reserve(ctx, globalRateKey, s.cfg.Rate, maxGlobalWait); err == nil && !ok {
		s.retry(rec, m, s.clock.Now().Add(wait), "paced globally", false)
		return
	} else if err == nil && !sleep(ctx, wait) {
		s.retry(rec, m, s.clock.Now(), "shutdown", false)
		return
	} else if err != nil {
		// Redis is away: pace this instance alone.
		if !sleep(ctx, time.Duration(float64(time.Second)/s.cfg.Rate)) {
			s.retry(rec, m, s.clock.Now(), "shutdown", false)
			return
		}
	}
	sctx, cancel := context.WithTimeout(rec, sendTimeout)
	params := &tgbot.SendMessageParams{ChatID: m.ChatID, Text: p.Text, ParseMode: models.ParseModeHTML}
	if markup != nil {
		params.ReplyMarkup = markup
	}
	sent, err := s.api.SendMessage(sctx, params)
	cancel()
	if err == nil {
		s.m.results.WithLabelValues("sent").Inc()
		// A sent message left "sending" would go out again: try hard.
		if err := persist(rec, func(ctx context.Context) error {
			return s.store.MarkOutboxSent(ctx, m.ID, s.cfg.Owner, int64(sent.ID), s.clock.Now())
		}); err != nil {
			s.log.ErrorContext(rec, "outbox mark sent failed", slog.Int64("outbox_id", m.ID), slog.String("error", err.Error()))
		}
		return
	}
	s.outcome(rec, m, err)
}

// outcome records a failed send: 429 waits retry_after, 403 marks the
// employee unreachable and fails, 400 fails with Telegram's reason, and
// anything else (5xx, network) is retried with backoff up to
// maxOutboxAttempts.
func (s *Sender) outcome(ctx context.Context, m core.OutboxMessage, err error) {
	reason := redactToken(err.Error(), s.cfg.Token)
	var tooMany *tgbot.TooManyRequestsError
	switch {
	case errors.As(err, &tooMany):
		wait := time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
		if perr := s.lim.Pause(ctx, globalRateKey, wait); perr != nil {
			s.log.WarnContext(ctx, "outbox pause failed", slog.String("error", perr.Error()))
		}
		s.m.results.WithLabelValues("rate_limited").Inc()
		s.log.WarnContext(ctx, "telegram rate limit", slog.Int64("outbox_id", m.ID), slog.Int("retry_after", tooMany.RetryAfter))
		s.retryCounted(ctx, m, s.clock.Now().Add(wait), reason)
	case errors.Is(err, tgbot.ErrorForbidden):
		if m.EmployeeID != nil {
			now := s.clock.Now()
			if uerr := s.store.SetUnreachable(ctx, *m.EmployeeID, &now); uerr != nil {
				s.log.ErrorContext(ctx, "mark unreachable failed", slog.String("error", uerr.Error()))
			}
		}
		s.fail(ctx, m, reason)
	case errors.Is(err, tgbot.ErrorBadRequest), errors.Is(err, tgbot.ErrorUnauthorized), errors.Is(err, tgbot.ErrorNotFound):
		s.fail(ctx, m, reason)
	default:
		s.m.results.WithLabelValues("retry").Inc()
		s.retryCounted(ctx, m, s.clock.Now().Add(retryDelay(s.cfg.RetryBase, m.Attempts)), reason)
	}
}

// retryDelay is the backoff after the given attempts: base doubling up to
// 5 minutes, with jitter.
func retryDelay(base time.Duration, attempts int) time.Duration {
	d := base << min(attempts, 9)
	d = min(d, 5*time.Minute)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// retryCounted retries unless the attempts are used up.
func (s *Sender) retryCounted(ctx context.Context, m core.OutboxMessage, next time.Time, reason string) {
	if m.Attempts+1 >= maxOutboxAttempts {
		s.fail(ctx, m, fmt.Sprintf("gave up after %d attempts: %s", m.Attempts+1, reason))
		return
	}
	s.retry(ctx, m, next, reason, true)
}

func (s *Sender) retry(ctx context.Context, m core.OutboxMessage, next time.Time, reason string, counted bool) {
	if err := s.store.RetryOutbox(ctx, m.ID, s.cfg.Owner, next, reason, counted); err != nil {
		s.log.ErrorContext(ctx, "outbox retry failed", slog.Int64("outbox_id", m.ID), slog.String("error", err.Error()))
	}
}

func (s *Sender) fail(ctx context.Context, m core.OutboxMessage, reason string) {
	s.m.results.WithLabelValues("failed").Inc()
	s.log.WarnContext(ctx, "outbox message failed", slog.Int64("outbox_id", m.ID), slog.String("kind", m.Kind),
		slog.String("reason", reason))
	if err := s.store.FailOutbox(ctx, m.ID, s.cfg.Owner, reason); err != nil {
		s.log.ErrorContext(ctx, "outbox fail failed", slog.Int64("outbox_id", m.ID), slog.String("error", err.Error()))
	}
}

// outboxMarkup turns the payload's buttons into an inline keyboard.
func outboxMarkup(p core.OutboxPayload) (*models.InlineKeyboardMarkup, error) {
	if len(p.Buttons) == 0 {
		return nil, nil
	}
	var rows [][]button
	for _, r := range p.Buttons {
		var row []button
		for _, bt := range r {
			verb, ok := outboxVerbs[bt.Action]
			if !ok {
				return nil, fmt.Errorf("unknown button action %q", bt.Action)
			}
			row = append(row, button{bt.Text, cb(verb, bt.ID)})
		}
		rows = append(rows, row)
	}
	return inline(rows...), nil
}
