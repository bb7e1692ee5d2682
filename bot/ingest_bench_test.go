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
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seimbang/seimbang/bot"
	"github.com/seimbang/seimbang/bot/telegramtest"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestWebhookThroughput measures incoming updates in webhook mode:
// SEIMBANG_BENCH_UPDATES=N button presses from 200 linked employees,
// posted by 32 concurrent connections with the secret, each persisted
// before its 200 and then handled (session, ownership check, the stored
// acknowledgement, answerCallbackQuery). It reports the accepted and
// handled rates and the POST latency, on every backend. Skipped without
// the variable; results go to BENCHMARKS.md.
func TestWebhookThroughput(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("SEIMBANG_BENCH_UPDATES"))
	if n <= 0 {
		t.Skip("set SEIMBANG_BENCH_UPDATES=N to run the webhook benchmark")
	}
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b, bot.ModeWebhook, withConfig(func(c *bot.Config) { c.Workers = 32 }))
		ctx := context.Background()
		const users = 200
		type member struct {
			user telegramtest.User
			tr   core.Transfer
		}
		var ms []member
		for i := range users {
			e := core.Employee{NIP: fmt.Sprintf("19850312201001%d%03d", 1+i%2, i+100), Name: fmt.Sprintf("Pegawai %d", i),
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
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
		lat := make([]time.Duration, n)
		var next atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		for range 32 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= n {
						return
					}
					req, _ := http.NewRequest(http.MethodPost, h.hook.URL+bot.WebhookPath, bytes.NewReader(bodies[i]))
					req.Header.Set("X-Telegram-Bot-Api-Secret-Token", h.cfg.WebhookSecret)
					t0 := time.Now()
					resp, err := client.Do(req)
					if err != nil {
						t.Error(err)
						return
					}
					resp.Body.Close()
					lat[i] = time.Since(t0)
					if resp.StatusCode != http.StatusOK {
						t.Errorf("update %d: %d", i, resp.StatusCode)
					}
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
		handled := time.Since(start)
		slices.Sort(lat)
		t.Logf("BENCH webhook %s: %d updates, accepted %.0f/s (p50 %v, p99 %v), handled %.0f/s end to end",
			b.Name, n, float64(n)/accepted.Seconds(), lat[n/2].Round(time.Microsecond), lat[n*99/100].Round(time.Microsecond),
			float64(n)/handled.Seconds())
	})
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
