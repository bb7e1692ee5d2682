package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/seimbang/seimbang/bot"
	"github.com/seimbang/seimbang/bot/telegramtest"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestWebhookThroughput measures incoming updates in webhook mode:
// SEIMBANG_BENCH_UPDATES=N button presses from 200 linked employees, each
// persisted before its 200 and then handled (session, ownership check, the
// stored acknowledgement, answerCallbackQuery). Without
// SEIMBANG_BENCH_RATE, 32 connections post as fast as they can (the
// saturated rate); with SEIMBANG_BENCH_RATE=R the updates are posted at R
// per second whatever the answers (an open loop, as Telegram does), and the
// latencies are those at that rate. It reports the accepted and handled
// rates, the POST latency, the time from arrival to marked processed, and
// the CPU time per update of this process (bot, fake Bot API and client)
// and of the processes listed in SEIMBANG_BENCH_PIDS ("mariadb:123,
// redis:456"). Skipped without SEIMBANG_BENCH_UPDATES; results go to
// BENCHMARKS.md.
func TestWebhookThroughput(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("SEIMBANG_BENCH_UPDATES"))
	if n <= 0 {
		t.Skip("set SEIMBANG_BENCH_UPDATES=N to run the webhook benchmark")
	}
	rate, _ := strconv.ParseFloat(os.Getenv("SEIMBANG_BENCH_RATE"), 64)
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		// The production defaults, not the harness's quick recovery: a
		// recovery pass re-queues only what waited longer than 30 s.
		h := newHarness(t, b, bot.ModeWebhook, withConfig(func(c *bot.Config) {
			c.Workers, c.RecoverAfter, c.RecoverEvery = 0, 0, 0
			if w, _ := strconv.Atoi(os.Getenv("SEIMBANG_BENCH_WORKERS")); w > 0 {
				c.Workers = w
			}
		}))
		ctx := context.Background()
		// Enough employees that none presses more than 20 times: past the
		// production limit of 30 a minute the bot drops the press and
		// warns the user once, a send paced by Telegram's global rate
		// (up to 5 s), which would measure the limit, not the intake.
		users := max(200, (n+19)/20)
		type member struct {
			user telegramtest.User
			tr   core.Transfer
		}
		var ms []member
		for i := range users {
			// 900 sequence numbers per appointment month, so any n gives valid, distinct NIPs.
			nip := fmt.Sprintf("19850312%04d%02d%d%03d", 2010+i/(900*12), 1+i/900%12, 1+i%2, 100+i%900)
			e := core.Employee{NIP: nip, Name: fmt.Sprintf("Pegawai %d", i),
				PositionID: &h.fx.fromPos.ID, Active: true}
			if err := h.st.CreateEmployee(ctx, &e); err != nil {
				t.Fatal(err)
			}
			u := telegramtest.User{ID: int64(700000 + i), FirstName: e.Name}
			if err := h.st.LinkTelegram(ctx, e.ID, u.ID, time.Now()); err != nil {
				t.Fatal(err)
			}
			tr := core.Transfer{RoundID: h.fx.round.ID, EmployeeID: e.ID, FromUnitID: h.fx.from.ID, FromPositionID: h.fx.fromPos.ID,
				ToUnitID: h.fx.to.ID, ToPositionID: h.fx.toPos.ID, Status: core.TransferAnnounced}
			if err := h.st.CreateTransfer(ctx, &tr, core.ActorPlanner, ""); err != nil {
				t.Fatal(err)
			}
			if _, err := h.st.AcknowledgeTransfer(ctx, tr.ID, time.Now()); err != nil {
				t.Fatal(err)
			}
			h.fake.AddUser(u)
			ms = append(ms, member{u, tr})
		}
		bodies := make([][]byte, n)
		for i := range n {
			m := ms[i%users]
			up := telegramtest.Update{UpdateID: int64(1_000_000 + i), CallbackQuery: &telegramtest.CallbackQuery{
				ID: fmt.Sprintf("q%d", i), From: m.user, ChatInstance: "ci", Data: "ack:" + strconv.FormatInt(m.tr.ID, 10),
				Message: &telegramtest.Message{MessageID: 1, Chat: telegramtest.Chat{ID: m.user.ID, Type: "private"}, Date: 1, Text: "x"}}}
			bodies[i], _ = json.Marshal(up)
		}
		conns := 32
		if rate > 0 {
			conns = 256 // enough that a slow answer never holds the next post back
		}
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns}}
		post := func(i int) time.Duration {
			req, _ := http.NewRequest(http.MethodPost, h.hook.URL+bot.WebhookPath, bytes.NewReader(bodies[i]))
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", h.cfg.WebhookSecret)
			t0 := time.Now()
			resp, err := client.Do(req)
			if err != nil {
				t.Error(err)
				return 0
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("update %d: %d", i, resp.StatusCode)
			}
			return time.Since(t0)
		}
		cpu0 := benchCPU(t)
		lat := make([]time.Duration, n)
		var next atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		for range conns {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= n {
						return
					}
					if rate > 0 { // post i is due at i/rate
						if d := time.Until(start.Add(time.Duration(float64(i) / rate * float64(time.Second)))); d > 0 {
							time.Sleep(d)
						}
					}
					lat[i] = post(i)
				}
			}()
		}
		wg.Wait()
		accepted := time.Since(start)
		for h.count("SELECT COUNT(*) FROM telegram_updates WHERE status = 'done' AND update_id >= 1000000") < n {
			if !sleepCtx(h.ctx, 20*time.Millisecond) {
				t.Fatal("not all updates handled in time")
			}
		}
		cpu := benchCPU(t).since(cpu0)
		e2e, last := h.processDelays(1_000_000)
		handled := last.Sub(start)
		slices.Sort(lat)
		slices.Sort(e2e)
		mode := "saturated, 32 connections"
		if rate > 0 {
			mode = fmt.Sprintf("offered %.0f/s", rate)
		}
		t.Logf("BENCH webhook %s (%s): %d updates, accepted %.0f/s (POST p50 %v, p99 %v), handled %.0f/s end to end "+
			"(arrival to processed p50 %v, p99 %v); CPU per update: %s",
			b.Name, mode, n, float64(n)/accepted.Seconds(), lat[n/2].Round(time.Microsecond), lat[n*99/100].Round(time.Microsecond),
			float64(n)/handled.Seconds(), e2e[len(e2e)/2].Round(time.Microsecond), e2e[len(e2e)*99/100].Round(time.Microsecond),
			cpu.per(n))
	})
}

// processDelays returns, for every update from id first on, the time from
// its arrival to its being marked processed, and when the last was.
func (h *harness) processDelays(first int64) ([]time.Duration, time.Time) {
	h.t.Helper()
	db, err := h.st.DB()
	if err != nil {
		h.t.Fatal(err)
	}
	rows, err := db.Query("SELECT received_at, processed_at FROM telegram_updates WHERE update_id >= ?", first)
	if err != nil {
		h.t.Fatal(err)
	}
	defer rows.Close()
	var out []time.Duration
	var last time.Time
	for rows.Next() {
		var rec, proc any
		if err := rows.Scan(&rec, &proc); err != nil {
			h.t.Fatal(err)
		}
		p := benchTime(h.t, proc)
		out = append(out, p.Sub(benchTime(h.t, rec)))
		if p.After(last) {
			last = p
		}
	}
	return out, last
}

// benchTime reads a stored time: a time.Time on MySQL, text on SQLite.
func benchTime(t testing.TB, v any) time.Time {
	switch x := v.(type) {
	case time.Time:
		return x
	case string:
		tm, err := time.Parse("2006-01-02 15:04:05.000000Z07:00", x)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	case []byte:
		return benchTime(t, string(x))
	}
	t.Fatalf("unexpected time %T", v)
	return time.Time{}
}

// cpuTimes are CPU times (user+system) of this process and of the
// processes named in SEIMBANG_BENCH_PIDS.
type cpuTimes struct {
	names []string
	used  []time.Duration
}

func benchCPU(t *testing.T) cpuTimes {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	c := cpuTimes{names: []string{"test process"}, used: []time.Duration{
		time.Duration(ru.Utime.Nano() + ru.Stime.Nano())}}
	for _, p := range strings.Split(os.Getenv("SEIMBANG_BENCH_PIDS"), ",") {
		name, pid, ok := strings.Cut(p, ":")
		if !ok {
			continue
		}
		raw, err := os.ReadFile("/proc/" + pid + "/stat")
		if err != nil {
			t.Fatal(err)
		}
		// Fields after the command's closing parenthesis; utime and stime
		// are the 14th and 15th fields of the line, in clock ticks (100/s).
		f := strings.Fields(string(raw[bytes.LastIndexByte(raw, ')')+2:]))
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		c.names = append(c.names, name)
		c.used = append(c.used, time.Duration(ut+st)*10*time.Millisecond)
	}
	return c
}

func (c cpuTimes) since(before cpuTimes) cpuTimes {
	for i := range c.used {
		c.used[i] -= before.used[i]
	}
	return c
}

// per describes the CPU time per update of each process and in all.
func (c cpuTimes) per(n int) string {
	var parts []string
	var all time.Duration
	for i, u := range c.used {
		parts = append(parts, fmt.Sprintf("%s %.2f ms", c.names[i], u.Seconds()*1000/float64(n)))
		all += u
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(", all %.2f ms", all.Seconds()*1000/float64(n))
}

// sleepCtx waits d; polling the database here keeps the measurement free
// of the fake's change notifications.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}
