package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/seimbang/seimbang/core"
)

// AdminSessions keeps the panel's login sessions and its login failure
// counters in Redis. A lost session only means logging in again.
type AdminSessions struct {
	c      *redis.Client
	prefix string
}

// NewAdminSessions returns the session store on conn.
func NewAdminSessions(conn *Conn) *AdminSessions {
	return &AdminSessions{c: conn.Client, prefix: "seimbang:admin:"}
}

func (a *AdminSessions) sessionKey(id string) string { return a.prefix + "session:" + id }
func (a *AdminSessions) userKey(uid int64) string {
	return a.prefix + "user-sessions:" + strconv.FormatInt(uid, 10)
}

// SaveSession stores s until ttl passes, replacing a session with its id.
func (a *AdminSessions) SaveSession(ctx context.Context, s core.Session, ttl time.Duration) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	_, err = a.c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, a.sessionKey(s.ID), b, ttl)
		p.SAdd(ctx, a.userKey(s.UserID), s.ID)
		p.Expire(ctx, a.userKey(s.UserID), 30*24*time.Hour)
		return nil
	})
	return unavailable("save session", err)
}

// Session returns the session with id and extends its life to idle from
// now (0 leaves it); core.ErrNotFound (wrapped) when it does not exist or
// expired.
func (a *AdminSessions) Session(ctx context.Context, id string, idle time.Duration) (core.Session, error) {
	var cmd *redis.StringCmd
	if idle > 0 {
		cmd = a.c.GetEx(ctx, a.sessionKey(id), idle)
	} else {
		cmd = a.c.Get(ctx, a.sessionKey(id))
	}
	b, err := cmd.Bytes()
	if errors.Is(err, redis.Nil) {
		return core.Session{}, fmt.Errorf("session: %w", core.ErrNotFound)
	}
	if err != nil {
		return core.Session{}, unavailable("session", err)
	}
	var s core.Session
	if err := json.Unmarshal(b, &s); err != nil {
		return core.Session{}, fmt.Errorf("session: %w", core.ErrNotFound)
	}
	return s, nil
}

// DeleteSession removes the session with id; a missing one is no error.
func (a *AdminSessions) DeleteSession(ctx context.Context, id string) error {
	return unavailable("delete session", a.c.Del(ctx, a.sessionKey(id)).Err())
}

// DeleteUserSessions removes every session of the user, such as after a
// password change.
func (a *AdminSessions) DeleteUserSessions(ctx context.Context, userID int64) error {
	ids, err := a.c.SMembers(ctx, a.userKey(userID)).Result()
	if err != nil {
		return unavailable("user sessions", err)
	}
	keys := []string{a.userKey(userID)}
	for _, id := range ids {
		keys = append(keys, a.sessionKey(id))
	}
	return unavailable("delete user sessions", a.c.Del(ctx, keys...).Err())
}

// Hit counts one event under key in a fixed window starting at the first
// event, and returns the count so far.
func (a *AdminSessions) Hit(ctx context.Context, key string, window time.Duration) (int64, error) {
	k := a.prefix + "hits:" + key
	var incr *redis.IntCmd
	_, err := a.c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		incr = p.Incr(ctx, k)
		p.ExpireNX(ctx, k, window)
		return nil
	})
	if err != nil {
		return 0, unavailable("hit", err)
	}
	return incr.Val(), nil
}

// Hits returns the count under key, 0 when none.
func (a *AdminSessions) Hits(ctx context.Context, key string) (int64, error) {
	n, err := a.c.Get(ctx, a.prefix+"hits:"+key).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	return n, unavailable("hits", err)
}

// ResetHits forgets the count under key.
func (a *AdminSessions) ResetHits(ctx context.Context, key string) error {
	return unavailable("reset hits", a.c.Del(ctx, a.prefix+"hits:"+key).Err())
}

func unavailable(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w: %v", op, core.ErrUnavailable, err)
}

// StashUpload keeps an uploaded file for ttl, until the person confirms
// its import.
func (a *AdminSessions) StashUpload(ctx context.Context, id string, data []byte, ttl time.Duration) error {
	return unavailable("stash upload", a.c.Set(ctx, a.prefix+"upload:"+id, data, ttl).Err())
}

// Upload returns a stashed file; core.ErrNotFound (wrapped) when it
// expired or never existed.
func (a *AdminSessions) Upload(ctx context.Context, id string) ([]byte, error) {
	b, err := a.c.Get(ctx, a.prefix+"upload:"+id).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("upload: %w", core.ErrNotFound)
	}
	return b, unavailable("upload", err)
}

// DropUpload forgets a stashed file.
func (a *AdminSessions) DropUpload(ctx context.Context, id string) error {
	return unavailable("drop upload", a.c.Del(ctx, a.prefix+"upload:"+id).Err())
}
