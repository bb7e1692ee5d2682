package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/seimbang/seimbang/core"
)

// BotState holds what the Telegram bot keeps in Redis: conversation
// state, rate-limit counters, the shared send rate and short locks. Every
// key starts with "seimbang:bot:". Errors wrap core.ErrUnavailable.
type BotState struct {
	c      *redis.Client
	prefix string
	owner  string // this process's lock token
	now    func() time.Time
}

// NewBotState returns the bot's Redis state on conn.
func NewBotState(conn *Conn) *BotState {
	return &BotState{c: conn.Client, prefix: "seimbang:bot:", owner: core.NewSecret(10), now: time.Now}
}

// WithPrefix returns the same state under another key prefix, so that
// several bots (or tests) can share one Redis.
func (b *BotState) WithPrefix(prefix string) *BotState {
	c := *b
	c.prefix = prefix
	return &c
}

func botUnavailable(op string, err error) error {
	return fmt.Errorf("%w: redis %s: %v", core.ErrUnavailable, op, err)
}

// LoadState returns the state stored under key, or nil when there is none.
func (b *BotState) LoadState(ctx context.Context, key string) ([]byte, error) {
	v, err := b.c.Get(ctx, b.prefix+"state:"+key).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, botUnavailable("load state", err)
	}
	return v, nil
}

// SaveState stores value under key for ttl.
func (b *BotState) SaveState(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	if err := b.c.Set(ctx, b.prefix+"state:"+key, value, ttl).Err(); err != nil {
		return botUnavailable("save state", err)
	}
	return nil
}

// DeleteState forgets the state under key.
func (b *BotState) DeleteState(ctx context.Context, key string) error {
	if err := b.c.Del(ctx, b.prefix+"state:"+key).Err(); err != nil {
		return botUnavailable("delete state", err)
	}
	return nil
}

// Allow counts one event for key in a fixed window and reports whether at
// most limit happened in it. SET NX starts the window with its expiry,
// INCR counts; pipelined, they cost one round trip and no script.
func (b *BotState) Allow(ctx context.Context, key string, limit int, window time.Duration) (bool, error) {
	k := b.prefix + "count:" + key
	var incr *redis.IntCmd
	_, err := b.c.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.SetNX(ctx, k, 0, window)
		incr = p.Incr(ctx, k)
		return nil
	})
	if err != nil {
		return false, botUnavailable("allow", err)
	}
	return incr.Val() <= int64(limit), nil
}

// reserveScript is GCRA with reservations: the key holds the theoretical
// arrival time (TAT, microseconds) of the next free slot. A caller books
// the slot at max(TAT, now) and moves TAT one interval on, unless it would
// wait longer than the maximum.
var reserveScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local maxwait = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat - now
if wait > maxwait then return {0, string.format('%.0f', wait)} end
local nt = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', nt), 'PX', math.floor((nt - now) / 1000) + 1000)
return {1, string.format('%.0f', wait)}`)

// Reserve books the next slot of a rate of perSecond for key, shared by
// every instance, and returns how long to wait for it. When the wait would
// exceed maxWait it books nothing and reports ok false with the wait.
func (b *BotState) Reserve(ctx context.Context, key string, perSecond float64, maxWait time.Duration) (time.Duration, bool, error) {
	interval := int64(float64(time.Second/time.Microsecond) / perSecond)
	now := b.now().UnixMicro()
	res, err := reserveScript.Run(ctx, b.c, []string{b.prefix + "rate:" + key}, now, interval, maxWait.Microseconds()).Slice()
	if err != nil {
		return 0, false, botUnavailable("reserve", err)
	}
	if len(res) != 2 {
		return 0, false, botUnavailable("reserve", fmt.Errorf("unexpected answer %v", res))
	}
	ok, _ := res[0].(int64)
	s, _ := res[1].(string)
	wait, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false, botUnavailable("reserve", err)
	}
	return time.Duration(wait) * time.Microsecond, ok == 1, nil
}

var pauseScript = redis.NewScript(`
local until_ = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < until_ then
  redis.call('SET', KEYS[1], string.format('%.0f', until_), 'PX', tonumber(ARGV[2]))
end
return 1`)

// Pause keeps key's rate from booking a slot earlier than d from now, as
// Telegram asks with retry_after.
func (b *BotState) Pause(ctx context.Context, key string, d time.Duration) error {
	until := b.now().Add(d).UnixMicro()
	if err := pauseScript.Run(ctx, b.c, []string{b.prefix + "rate:" + key}, until, d.Milliseconds()+1000).Err(); err != nil {
		return botUnavailable("pause", err)
	}
	return nil
}

// Lock takes key for ttl when it is free and reports whether it did.
func (b *BotState) Lock(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	ok, err := b.c.SetNX(ctx, b.prefix+"lock:"+key, b.owner, ttl).Result()
	if err != nil {
		return false, botUnavailable("lock", err)
	}
	return ok, nil
}

// Unlock frees key. Holders finish well within the lock's time to live,
// so a plain DEL cannot free a lock that passed to someone else.
func (b *BotState) Unlock(ctx context.Context, key string) error {
	if err := b.c.Del(ctx, b.prefix+"lock:"+key).Err(); err != nil {
		return botUnavailable("unlock", err)
	}
	return nil
}
