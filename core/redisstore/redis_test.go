package redisstore

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
)

func TestMain(m *testing.M) {
	SetLogger(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}

func TestEmbeddedServerSpeaksRedis(t *testing.T) {
	ctx := context.Background()
	c, err := Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !c.Embedded() {
		t.Fatal("empty URL did not start the embedded server")
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Client.Set(ctx, "k", "v", time.Minute).Err(); err != nil {
		t.Fatal(err)
	}
	if got := c.Client.Get(ctx, "k").Val(); got != "v" {
		t.Errorf("get = %q", got)
	}
	if n := c.Client.Incr(ctx, "n").Val(); n != 1 {
		t.Errorf("incr = %d", n)
	}
}

func TestExternalServer(t *testing.T) {
	url := os.Getenv("SEIMBANG_TEST_REDIS_URL")
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("SEIMBANG_TEST_REDIS_URL is not set; under CI=true the Redis test must run")
		}
		t.Skip("SEIMBANG_TEST_REDIS_URL not set")
	}
	ctx := context.Background()
	c, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Embedded() {
		t.Fatal("a configured URL started the embedded server")
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatalf("ping %s: %v", url, err)
	}
}

func TestUnreachableServerIsUnavailable(t *testing.T) {
	ctx := context.Background()
	c, err := Open(ctx, "redis://127.0.0.1:1/0")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Ping(ctx); !errors.Is(err, core.ErrUnavailable) {
		t.Errorf("ping of a closed port: err = %v, want ErrUnavailable", err)
	}
}

func TestMalformedURLHidesPassword(t *testing.T) {
	_, err := Open(context.Background(), "redis://:s3cret@host:notaport/0")
	if err == nil {
		t.Fatal("malformed URL accepted")
	}
	if contains(err.Error(), "s3cret") {
		t.Errorf("error repeats the password: %v", err)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
