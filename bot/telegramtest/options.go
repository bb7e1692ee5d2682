package telegramtest

import "time"

// config is what the options set.
type config struct {
	token        string
	botUser      User
	now          func() time.Time
	seed         uint64
	anyChat      bool
	firstUpdate  int64
	retryMin     time.Duration
	retryMax     time.Duration
	dedupKey     func(Message) string
	globalRate   Rate
	chatRate     Rate
	latency      time.Duration
	maxBodyBytes int64
}

// Option configures a Server in New.
type Option func(*config)

// WithToken sets the token the Server accepts; requests with any other token
// get 401. The part before the colon is the bot's user id, as in Telegram.
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithBotUsername sets the username getMe reports (default "seimbang_test_bot").
func WithBotUsername(username string) Option {
	return func(c *config) { c.botUser.Username = username }
}

// WithClock makes the Server read the time from now: message dates and the
// rate limiters follow it, so a test can move time instead of sleeping.
// Long-poll timeouts, latency and webhook retries still use real timers.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithSeed seeds the generator that decides probabilistic faults
// (SetFailureRate), so a run is repeatable. The default seed is 1.
func WithSeed(seed uint64) Option { return func(c *config) { c.seed = seed } }

// WithAnyChat lets the bot send to chat ids the fake has never seen; it then
// creates a private chat for them. Without it, such sends answer 400
// "chat not found" as Telegram does for a user who never talked to the bot.
func WithAnyChat() Option { return func(c *config) { c.anyChat = true } }

// WithFirstUpdateID sets the update_id of the first pushed update (default 1000).
func WithFirstUpdateID(id int64) Option { return func(c *config) { c.firstUpdate = id } }

// WithWebhookRetry sets the delay before redelivering an update the webhook
// did not accept (doubling from min up to max; default 50ms to 1s).
func WithWebhookRetry(minDelay, maxDelay time.Duration) Option {
	return func(c *config) { c.retryMin, c.retryMax = minDelay, maxDelay }
}

// WithDedupKey sets the key Stats.Duplicates counts repeated sends by; an
// empty key is not counted. The default key is the chat id with the text or
// caption.
func WithDedupKey(key func(Message) string) Option { return func(c *config) { c.dedupKey = key } }

// WithRates sets the global and per-chat send rates (see SetRates).
func WithRates(global, perChat Rate) Option {
	return func(c *config) { c.globalRate, c.chatRate = global, perChat }
}

// WithLatency delays every API answer by d (see SetLatency).
func WithLatency(d time.Duration) Option { return func(c *config) { c.latency = d } }
