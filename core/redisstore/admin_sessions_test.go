package redisstore

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
)

func TestAdminSessions(t *testing.T) {
	urls := map[string]string{"embedded": ""}
	if u := os.Getenv("SEIMBANG_TEST_REDIS_URL"); u != "" {
		urls["external"] = u
	}
	for name, url := range urls {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			c, err := Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { c.Close() })
			a := NewAdminSessions(c)
			a.prefix = "seimbang-test:" + core.NewSecret(5) + ":"
			s := core.Session{ID: core.HashSecret(core.NewSecret(20)), UserID: 7, CSRFToken: "x", CreatedAt: time.Now().UTC()}
			if err := a.SaveSession(ctx, s, time.Minute); err != nil {
				t.Fatal(err)
			}
			got, err := a.Session(ctx, s.ID, time.Minute)
			if err != nil || got.UserID != 7 || got.CSRFToken != "x" {
				t.Fatalf("session = %+v, %v", got, err)
			}
			if ttl := c.Client.TTL(ctx, a.sessionKey(s.ID)).Val(); ttl <= 0 || ttl > time.Minute {
				t.Errorf("session ttl after reading = %s", ttl)
			}
			if err := a.DeleteUserSessions(ctx, 7); err != nil {
				t.Fatal(err)
			}
			if _, err := a.Session(ctx, s.ID, time.Minute); !errors.Is(err, core.ErrNotFound) {
				t.Errorf("session after DeleteUserSessions: %v", err)
			}
			for i := int64(1); i <= 3; i++ {
				if n, err := a.Hit(ctx, "ip:1.2.3.4", time.Minute); err != nil || n != i {
					t.Fatalf("hit %d = %d, %v", i, n, err)
				}
			}
			if n, _ := a.Hits(ctx, "ip:1.2.3.4"); n != 3 {
				t.Errorf("hits = %d", n)
			}
			a.ResetHits(ctx, "ip:1.2.3.4")
			if n, _ := a.Hits(ctx, "ip:1.2.3.4"); n != 0 {
				t.Errorf("hits after reset = %d", n)
			}
		})
	}
}
