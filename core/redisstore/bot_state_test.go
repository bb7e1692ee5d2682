package redisstore

import (
	"context"
	"os"
	"testing"
	"time"
)

// botConns returns the embedded server and, when SEIMBANG_TEST_REDIS_URL
// is set, the external one.
func botConns(t *testing.T) map[string]*Conn {
	t.Helper()
	ctx := context.Background()
	out := map[string]*Conn{}
	e, err := Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	out["embedded"] = e
	if url := os.Getenv("SEIMBANG_TEST_REDIS_URL"); url != "" {
		c, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		out["external"] = c
	}
	return out
}

func TestBotState(t *testing.T) {
	for name, conn := range botConns(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			b := NewBotState(conn)
			b.prefix = "seimbang:test:" + b.owner + ":"
			if v, err := b.LoadState(ctx, "u1"); err != nil || v != nil {
				t.Fatalf("empty state = %q, %v", v, err)
			}
			if err := b.SaveState(ctx, "u1", []byte(`{"a":1}`), time.Minute); err != nil {
				t.Fatal(err)
			}
			if v, _ := b.LoadState(ctx, "u1"); string(v) != `{"a":1}` {
				t.Errorf("state = %q", v)
			}
			_ = b.DeleteState(ctx, "u1")
			if v, _ := b.LoadState(ctx, "u1"); v != nil {
				t.Errorf("deleted state = %q", v)
			}

			for i := 1; i <= 4; i++ {
				ok, err := b.Allow(ctx, "x", 3, time.Minute)
				if err != nil || ok != (i <= 3) {
					t.Errorf("allow #%d = %v, %v", i, ok, err)
				}
			}

			// 10 per second: slots 0, 100ms, 200ms, ...; a maximum wait
			// of 250ms admits three more. The clock stands still, so a
			// slow machine between calls changes nothing.
			at := time.Now()
			b.now = func() time.Time { return at }
			var waits []time.Duration
			for range 5 {
				w, ok, err := b.Reserve(ctx, "send", 10, 250*time.Millisecond)
				if err != nil {
					t.Fatal(err)
				}
				if ok {
					waits = append(waits, w)
				}
			}
			if len(waits) != 3 || waits[0] != 0 || waits[1] != 100*time.Millisecond || waits[2] != 200*time.Millisecond {
				t.Errorf("waits = %v", waits)
			}
			if err := b.Pause(ctx, "p", 2*time.Second); err != nil {
				t.Fatal(err)
			}
			if w, ok, _ := b.Reserve(ctx, "p", 10, time.Second); ok || w < time.Second {
				t.Errorf("after pause: wait %v ok %v", w, ok)
			}

			if ok, _ := b.Lock(ctx, "l", time.Minute); !ok {
				t.Error("lock not taken")
			}
			other := &BotState{c: b.c, prefix: b.prefix, owner: "other"}
			if ok, _ := other.Lock(ctx, "l", time.Minute); ok {
				t.Error("lock taken twice")
			}
			_ = b.Unlock(ctx, "l")
			if ok, _ := other.Lock(ctx, "l", time.Minute); !ok {
				t.Error("lock not freed")
			}
		})
	}
}
