// Package redisstore connects Seimbang to Redis: the configured server, or,
// when none is configured, an embedded in-process server speaking the
// Redis protocol, so that both cases run the same go-redis code path.
// Redis holds only what may be lost: conversation state, rate limits,
// locks and caches.
package redisstore

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/seimbang/seimbang/core"
)

// Conn is a Redis client and, when embedded, the server it talks to.
type Conn struct {
	Client   *redis.Client
	embedded *miniredis.Miniredis
}

// Open connects to the Redis at rawURL (redis://[:password@]host:port/db),
// or starts an embedded server when rawURL is empty. A configured server
// that does not answer is not an error here: readiness reports it, and the
// client reconnects by itself when it comes back.
func Open(ctx context.Context, rawURL string) (*Conn, error) {
	if rawURL == "" {
		m := miniredis.NewMiniRedis()
		if err := m.StartAddr("127.0.0.1:0"); err != nil {
			return nil, fmt.Errorf("start embedded redis: %w", err)
		}
		c := redis.NewClient(&redis.Options{Addr: m.Addr()})
		return &Conn{Client: c, embedded: m}, nil
	}
	opts, err := redis.ParseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("malformed Redis URL (expected redis://host:6379/0): %s", redactURL(rawURL, err))
	}
	opts.DialTimeout = 2 * time.Second
	opts.ReadTimeout = 2 * time.Second
	opts.WriteTimeout = 2 * time.Second
	return &Conn{Client: redis.NewClient(opts)}, nil
}

// Embedded reports whether the server is the in-process one.
func (c *Conn) Embedded() bool { return c.embedded != nil }

// Ping reports whether Redis answers; it returns core.ErrUnavailable
// (wrapped) when it does not.
func (c *Conn) Ping(ctx context.Context) error {
	if err := c.Client.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("%w: redis: %v", core.ErrUnavailable, err)
	}
	return nil
}

// Close closes the client and stops an embedded server.
func (c *Conn) Close() error {
	err := c.Client.Close()
	if c.embedded != nil {
		c.embedded.Close()
	}
	return err
}

// redactURL describes a parse error without repeating a password.
func redactURL(raw string, err error) string {
	if strings.Contains(raw, "@") {
		return "the URL could not be parsed"
	}
	return err.Error()
}

// quietLogger sends go-redis's internal messages (reconnect attempts) to
// slog at debug level instead of the standard logger.
type quietLogger struct{ log *slog.Logger }

func (q quietLogger) Printf(ctx context.Context, format string, v ...any) {
	q.log.DebugContext(ctx, "redis client", slog.String("detail", fmt.Sprintf(format, v...)))
}

// SetLogger routes go-redis's internal messages to log at debug level.
// go-redis keeps one such logger per process.
func SetLogger(log *slog.Logger) { redis.SetLogger(quietLogger{log}) }
