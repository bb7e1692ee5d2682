// Package bot is Seimbang's Telegram edge: it receives updates (long
// polling or a webhook), persists each before acting on it, runs the
// conversations (linking, the menu, transfer notices, objections,
// preferences, surveys) and delivers the outbox. It is built on
// github.com/go-telegram/bot (imported as tgbot) for the Bot API calls and
// types, and does its own receiving, because the library acknowledges
// updates before handling them (see bot/telegramtest's documentation).
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/seimbang/seimbang/core"
)

// Modes.
const (
	ModePolling = "polling"
	ModeWebhook = "webhook"
	ModeOff     = "off"
)

// WebhookPath is where the webhook handler is mounted.
const WebhookPath = "/telegram/webhook"

// Config configures the bot and the sender.
type Config struct {
	Token         string
	APIURL        string  // default https://api.telegram.org
	Mode          string  // polling or webhook
	Rate          float64 // messages per second for all instances together (default 25)
	WebhookSecret string  // required in webhook mode
	BaseURL       string  // public URL; the webhook is BaseURL+WebhookPath
	// Owner names this instance in outbox leases. A stable name (host and
	// port) lets a restarted instance take back its messages at once; two
	// running instances must never share one. Default: random.
	Owner string
	// PollTimeout is the long-poll wait (default 50s).
	PollTimeout time.Duration
	// Workers is how many updates are handled at once (default 32); the
	// updates of one user are handled one at a time, in order.
	Workers int
	// RecoverAfter is how old a pending update must be before the recovery
	// pass takes it over (default 30s); RecoverEvery is how often the pass
	// runs (default 10s).
	RecoverAfter, RecoverEvery time.Duration
	// KeepUpdates is how long handled updates (which hold what users
	// wrote) are kept for recognising redeliveries (default 7 days).
	KeepUpdates time.Duration
	// OutboxPoll is how often the idle sender looks for due messages
	// (default 1s).
	OutboxPoll time.Duration
	// UserLimit is how many messages and button presses one user may send
	// a minute (default 30); more are dropped with one warning.
	UserLimit int
	// RetryBase is the first backoff of a failed send, doubling per
	// attempt up to 5 minutes (default 1s).
	RetryBase time.Duration
	// HTTPClient is used for Bot API calls (default: a client with sane
	// timeouts).
	HTTPClient *http.Client
}

func (c *Config) defaults() {
	if c.APIURL == "" {
		c.APIURL = "https://api.telegram.org"
	}
	c.APIURL = strings.TrimRight(c.APIURL, "/")
	if c.Rate <= 0 {
		c.Rate = 25
	}
	if c.Owner == "" {
		c.Owner = "bot-" + core.NewSecret(6)
	}
	if c.PollTimeout <= 0 {
		c.PollTimeout = 50 * time.Second
	}
	if c.Workers <= 0 {
		c.Workers = 32
	}
	if c.RecoverAfter <= 0 {
		c.RecoverAfter = 30 * time.Second
	}
	if c.RecoverEvery <= 0 {
		c.RecoverEvery = 10 * time.Second
	}
	if c.KeepUpdates <= 0 {
		c.KeepUpdates = 7 * 24 * time.Hour
	}
	if c.OutboxPoll <= 0 {
		c.OutboxPoll = time.Second
	}
	if c.UserLimit <= 0 {
		c.UserLimit = 30
	}
	if c.RetryBase <= 0 {
		c.RetryBase = time.Second
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Transport: &http.Transport{
			Proxy: http.ProxyFromEnvironment, MaxIdleConnsPerHost: 64, IdleConnTimeout: 90 * time.Second,
		}}
	}
}

// Deps are the bot's collaborators.
type Deps struct {
	Store   Store
	State   ConvState
	Limiter Limiter
	Clock   core.Clock
	Log     *slog.Logger
	// Metrics, when set, receives the bot's and the sender's metrics.
	Metrics prometheus.Registerer
}

// Bot receives and handles updates.
type Bot struct {
	cfg    Config
	store  Store
	state  ConvState
	lim    Limiter
	clock  core.Clock
	log    *slog.Logger
	api    *tgbot.Bot
	queues []chan queued
	saves  chan *saveReq
	// finished takes handled updates to the finishers while Run runs.
	finished chan finishedUpdate
	m        *updateMetrics
	// created is when the bot was built, before it could receive anything:
	// older pending updates are left over from before.
	created time.Time
}

// New returns a bot for cfg. It makes no network call.
func New(cfg Config, d Deps) (*Bot, error) {
	cfg.defaults()
	if cfg.Token == "" {
		return nil, errors.New("telegram token is empty")
	}
	switch cfg.Mode {
	case ModePolling:
	case ModeWebhook:
		if cfg.WebhookSecret == "" || cfg.BaseURL == "" {
			return nil, errors.New("webhook mode needs SEIMBANG_WEBHOOK_SECRET and SEIMBANG_BASE_URL")
		}
	default:
		return nil, fmt.Errorf("unknown telegram mode %q", cfg.Mode)
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
	b := &Bot{cfg: cfg, store: d.Store, state: d.State, lim: d.Limiter, clock: d.Clock, log: d.Log, api: api,
		m: newUpdateMetrics(d.Metrics), created: d.Clock.Now()}
	b.queues = make([]chan queued, cfg.Workers)
	for i := range b.queues {
		b.queues[i] = make(chan queued, 1024)
	}
	// The savers serve the webhook handler, which may be called before Run
	// and until the process ends: they live as long as the process.
	b.saves = make(chan *saveReq, 4*saveBatchMax)
	for range savers {
		go b.saver()
	}
	return b, nil
}

// newAPI returns a library client for Bot API calls only: no getMe at
// start (the process starts while Telegram is unreachable), errors to slog
// without bodies or the token.
func newAPI(cfg Config, log *slog.Logger) (*tgbot.Bot, error) {
	return tgbot.New(cfg.Token,
		tgbot.WithServerURL(cfg.APIURL),
		tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(cfg.PollTimeout, cfg.HTTPClient),
		tgbot.WithErrorsHandler(func(err error) {
			log.Warn("telegram library error", slog.String("error", redactToken(err.Error(), cfg.Token)))
		}),
		tgbot.WithDefaultHandler(func(context.Context, *tgbot.Bot, *models.Update) {}),
	)
}

// redactToken removes the bot token from a text.
func redactToken(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "***")
}

// Run sets the bot up (commands, webhook or polling), handles updates until
// ctx ends, then lets the handlers finish the updates they hold. Updates
// still queued stay pending in the database and are handled after a
// restart.
func (b *Bot) Run(ctx context.Context) error {
	b.setCommands(ctx)
	b.finished = make(chan finishedUpdate, 4096)
	var fwg sync.WaitGroup
	for range finishers {
		fwg.Add(1)
		go func() {
			defer fwg.Done()
			b.finisher(b.finished)
		}()
	}
	var wg sync.WaitGroup
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	for _, q := range b.queues {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.work(ctx, work, q)
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		b.recoverLoop(ctx)
	}()
	var err error
	if b.cfg.Mode == ModePolling {
		err = b.poll(ctx)
	} else {
		err = b.setWebhook(ctx)
		if err == nil {
			<-ctx.Done()
		}
	}
	wg.Wait()
	close(b.finished) // the workers are done: mark what they handled
	fwg.Wait()
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}

// setWebhook registers the webhook with its secret, retrying until it
// works or ctx ends.
func (b *Bot) setWebhook(ctx context.Context) error {
	delay := 100 * time.Millisecond
	for {
		cctx, cancel := context.WithTimeout(ctx, replyTimeout)
		_, err := b.api.SetWebhook(cctx, &tgbot.SetWebhookParams{
			URL: b.cfg.BaseURL + WebhookPath, SecretToken: b.cfg.WebhookSecret, AllowedUpdates: allowedUpdates,
		})
		cancel()
		if err == nil {
			b.log.InfoContext(ctx, "telegram webhook set", slog.String("url", b.cfg.BaseURL+WebhookPath))
			return nil
		}
		b.log.WarnContext(ctx, "telegram set webhook failed", slog.String("error", redactToken(err.Error(), b.cfg.Token)))
		if !sleep(ctx, delay) {
			return ctx.Err()
		}
		delay = min(delay*2, 30*time.Second)
	}
}

// allowedUpdates are the update kinds the bot asks for.
var allowedUpdates = []string{"message", "callback_query", "my_chat_member"}

// sleep waits d or until ctx ends; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
