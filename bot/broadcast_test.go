package bot_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/seimbang/seimbang/bot"
	"github.com/seimbang/seimbang/bot/telegramtest"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/redisstore"
)

// TestBroadcast measures the outbox sender: SEIMBANG_BENCH_BROADCAST=N
// notices to N chats through the fake Bot API capped at the configured
// rate (25/s) and one message a second per chat, on SQLite. It reports the
// sustained rate, lost and duplicated messages, plain, with 5% injected
// 5xx, and with the sending process killed (SIGKILL) and restarted halfway
// (that case needs SEIMBANG_TEST_REDIS_URL, shared by the two processes).
// Without the variable it is skipped; results go to BENCHMARKS.md.
func TestBroadcast(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("SEIMBANG_BENCH_BROADCAST"))
	if n <= 0 {
		t.Skip("set SEIMBANG_BENCH_BROADCAST=N to run the broadcast benchmark")
	}
	const rate = 25.0
	cases := []struct {
		name   string
		faults float64
		kill   bool
	}{{"plain", 0, false}, {"5xx-5pct", 0.05, false}, {"sigkill", 0, true}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.kill && os.Getenv("SEIMBANG_TEST_REDIS_URL") == "" {
				t.Skip("needs SEIMBANG_TEST_REDIS_URL")
			}
			fake := telegramtest.New(t, telegramtest.WithAnyChat(),
				telegramtest.WithRates(telegramtest.Rate{PerSecond: rate, Burst: int(rate)}, telegramtest.Rate{PerSecond: 1, Burst: 1}))
			if c.faults > 0 {
				fake.SetFailureRate(c.faults, telegramtest.FaultInternal, "sendMessage")
			}
			driver, dsn := storetest.Backends(t)[0].DSN(t)
			st := storetest.OpenDSN(t, driver, dsn)
			ctx := context.Background()
			for i := range n {
				m := core.OutboxMessage{DedupKey: fmt.Sprintf("b%d", i), Kind: core.OutboxKindAnnouncement,
					ChatID: int64(100000 + i), Payload: fmt.Sprintf(`{"text":"Pengumuman nomor %d"}`, i)}
				if _, err := st.Enqueue(ctx, &m); err != nil {
					t.Fatal(err)
				}
			}
			start := time.Now()
			wctx, cancel := context.WithTimeout(ctx, time.Duration(float64(n)/rate*3+60)*time.Second)
			defer cancel()
			if c.kill {
				child := startSenderProcess(t, fake, driver, dsn)
				_ = fake.Wait(wctx, func() bool { return fake.Stats().Sent >= n/2 })
				_ = child.Process.Signal(syscall.SIGKILL)
				_ = child.Wait()
				child = startSenderProcess(t, fake, driver, dsn)
				defer func() { _ = child.Process.Kill(); _ = child.Wait() }()
			} else {
				runSender(t, fake, st, rate)
			}
			err := fake.Wait(wctx, func() bool {
				return fake.Stats().Sent-fake.Stats().Duplicates >= n &&
					countStatus(t, st, "pending")+countStatus(t, st, "sending") == 0
			})
			elapsed := time.Since(start)
			if err != nil {
				t.Fatalf("after %v: %+v", elapsed, fake.Stats())
			}
			// The rate between the first and the last delivery.
			var first, last time.Time
			for _, r := range fake.Requests() {
				if r.Method == "sendmessage" && r.Status == 200 {
					if first.IsZero() {
						first = r.Time
					}
					last = r.Time
				}
			}
			s := fake.Stats()
			got := float64(n-1) / last.Sub(first).Seconds()
			pending := countStatus(t, st, "pending") + countStatus(t, st, "sending")
			t.Logf("BENCH %s: %d notices, %.1f/s sustained (%.0f%% of %.0f/s), lost %d, duplicates %d, 429s %d, 5xx %d, wall %v, unsettled rows %d",
				c.name, n, got, got/rate*100, rate, n-(s.Sent-s.Duplicates), s.Duplicates, s.TooManyRequests, s.ServerErrors,
				elapsed.Round(time.Millisecond), pending)
			if got < 0.95*rate && !c.kill {
				t.Errorf("sustained %.1f/s, below 95%% of %.0f/s", got, rate)
			}
			if s.Duplicates > 0 && !c.kill {
				t.Errorf("%d duplicates", s.Duplicates)
			}
		})
	}
}

// runSender runs a sender on st until the test ends.
func runSender(t *testing.T, fake *telegramtest.Server, st *gormstore.Store, rate float64) {
	t.Helper()
	conn, err := redisstore.Open(context.Background(), os.Getenv("SEIMBANG_TEST_REDIS_URL"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	state := redisstore.NewBotState(conn).WithPrefix("seimbang:bench:" + core.NewSecret(6) + ":")
	s, err := bot.NewSender(bot.Config{Token: fake.Token(), APIURL: fake.URL(), Rate: rate, OutboxPoll: 20 * time.Millisecond,
		RetryBase: 100 * time.Millisecond}, bot.Deps{Store: st, State: state, Limiter: state})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _ = s.Run(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
}

// startSenderProcess runs TestSenderProcess in a child process: a sender
// the test can SIGKILL.
func startSenderProcess(t *testing.T, fake *telegramtest.Server, driver, dsn string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSenderProcess$")
	cmd.Env = append(os.Environ(), "SEIMBANG_SENDER_CHILD=1", "SEIMBANG_CHILD_API="+fake.URL(),
		"SEIMBANG_CHILD_TOKEN="+fake.Token(), "SEIMBANG_CHILD_DRIVER="+driver, "SEIMBANG_CHILD_DSN="+dsn)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// TestSenderProcess is the child of startSenderProcess.
func TestSenderProcess(t *testing.T) {
	if os.Getenv("SEIMBANG_SENDER_CHILD") != "1" {
		t.Skip("child process of TestBroadcast")
	}
	ctx := context.Background()
	st, err := gormstore.Open(ctx, os.Getenv("SEIMBANG_CHILD_DRIVER"), os.Getenv("SEIMBANG_CHILD_DSN"), nil)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := redisstore.Open(ctx, os.Getenv("SEIMBANG_TEST_REDIS_URL"))
	if err != nil {
		t.Fatal(err)
	}
	state := redisstore.NewBotState(conn).WithPrefix("seimbang:bench:child:")
	s, err := bot.NewSender(bot.Config{Token: os.Getenv("SEIMBANG_CHILD_TOKEN"), APIURL: os.Getenv("SEIMBANG_CHILD_API"),
		Rate: 25, OutboxPoll: 20 * time.Millisecond, Owner: "bench-child"}, bot.Deps{Store: st, State: state, Limiter: state})
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Run(ctx) // until killed
}

func countStatus(t *testing.T, st *gormstore.Store, status string) int {
	t.Helper()
	db, err := st.DB()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM outbox_messages WHERE status = ?", status).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
