package telegramtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// fakeClock is a settable clock for WithClock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestRateLimits(t *testing.T) {
	tests := []struct {
		name           string
		global, chat   Rate
		chats          []int64
		wantRetryAfter []int // per send: 0 for success, else the retry_after expected
	}{
		{"no limits", Rate{}, Rate{}, []int64{1, 1, 1, 1}, []int{0, 0, 0, 0}},
		{"global burst of two", Rate{PerSecond: 2, Burst: 2}, Rate{}, []int64{1, 2, 3}, []int{0, 0, 1}},
		{"one a second per chat", Rate{}, Rate{PerSecond: 1, Burst: 1}, []int64{1, 1, 2, 2}, []int{0, 1, 0, 1}},
		{"slow global rate waits longer", Rate{PerSecond: 0.25, Burst: 1}, Rate{}, []int64{1, 2}, []int{0, 4}},
	}
	telegramGlobal, telegramChat := TelegramRates()
	tests = append(tests, struct {
		name           string
		global, chat   Rate
		chats          []int64
		wantRetryAfter []int
	}{"telegram rates", telegramGlobal, telegramChat, []int64{1, 2, 3, 1}, []int{0, 0, 0, 1}})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := testContext(t)
			clock := &fakeClock{t: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}
			fake := New(t, WithClock(clock.Now), WithAnyChat(), WithRates(tt.global, tt.chat))
			b, _ := newBot(t, fake)
			for i, chatID := range tt.chats {
				_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: chatID, Text: fmt.Sprint("pesan ", i)})
				want := tt.wantRetryAfter[i]
				if want == 0 {
					if err != nil {
						t.Errorf("send %d: %v", i, err)
					}
					continue
				}
				var tooMany *tgbot.TooManyRequestsError
				if !errors.As(err, &tooMany) || tooMany.RetryAfter != want ||
					!strings.Contains(err.Error(), fmt.Sprintf("Too Many Requests: retry after %d", want)) {
					t.Errorf("send %d: err = %v, want 429 retry after %d", i, err, want)
				}
			}
			if got, want := fake.Stats().TooManyRequests, countNonZero(tt.wantRetryAfter); got != want {
				t.Errorf("429s served = %d, want %d", got, want)
			}

			// After retry_after seconds every chat may send again.
			clock.Add(5 * time.Second)
			for _, chatID := range tt.chats[:1] {
				if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: chatID, Text: "nanti"}); err != nil {
					t.Errorf("after waiting: %v", err)
				}
			}
		})
	}
}

func countNonZero(xs []int) int {
	n := 0
	for _, x := range xs {
		if x != 0 {
			n++
		}
	}
	return n
}

// TestTooManyRequestsWrapped documents why callers must use errors.As: the
// library's IsTooManyRequestsError is a type assertion and misses a wrapped
// error (errors.go).
func TestTooManyRequestsWrapped(t *testing.T) {
	fake := New(t, WithAnyChat(), WithRates(Rate{}, Rate{PerSecond: 1, Burst: 1}))
	b, _ := newBot(t, fake)
	ctx := testContext(t)
	_, _ = b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 1, Text: "a"})
	_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 1, Text: "b"})
	wrapped := fmt.Errorf("send outbox message 7: %w", err)
	var tooMany *tgbot.TooManyRequestsError
	if !tgbot.IsTooManyRequestsError(err) || tgbot.IsTooManyRequestsError(wrapped) || !errors.As(wrapped, &tooMany) {
		t.Errorf("IsTooManyRequestsError(err)=%v, (wrapped)=%v, errors.As(wrapped)=%v",
			tgbot.IsTooManyRequestsError(err), tgbot.IsTooManyRequestsError(wrapped), errors.As(wrapped, &tooMany))
	}
}

func TestBlockedUser(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	got := make(chan *models.Update, 1)
	b, _ := newBot(t, fake, tgbot.WithDefaultHandler(func(_ context.Context, _ *tgbot.Bot, upd *models.Update) { got <- upd }))
	run(t, b.Start)

	fake.UserBlocksBot(alice)
	select {
	case upd := <-got:
		if upd.MyChatMember == nil || upd.MyChatMember.NewChatMember.Type != models.ChatMemberTypeBanned || upd.MyChatMember.Chat.ID != alice.ID {
			t.Errorf("update = %+v", upd)
		}
	case <-ctx.Done():
		t.Fatal(ctx.Err())
	}
	_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "Pemberitahuan mutasi"})
	if !errors.Is(err, tgbot.ErrorForbidden) || !strings.Contains(err.Error(), "Forbidden: bot was blocked by the user") {
		t.Errorf("send to a blocked user: err = %v", err)
	}
	fake.Unblock(alice.ID)
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "Pemberitahuan mutasi"}); err != nil {
		t.Errorf("after unblock: %v", err)
	}
	if st := fake.Stats(); st.Forbidden != 1 || st.Sent != 1 {
		t.Errorf("stats = %+v", st)
	}
}

func TestInjectedFaults(t *testing.T) {
	tests := []struct {
		name      string
		kind      FaultKind
		check     func(error) bool
		wantSent  int // after the failed call
		wantStats func(Stats) bool
	}{
		{"internal error", FaultInternal, func(err error) bool {
			return err != nil && strings.Contains(err.Error(), "500 Internal Server Error") &&
				!errors.Is(err, tgbot.ErrorBadRequest) && !errors.Is(err, tgbot.ErrorForbidden)
		}, 0, func(s Stats) bool { return s.ServerErrors == 1 }},
		{"bad gateway html", FaultBadGateway, func(err error) bool {
			return err != nil && strings.Contains(err.Error(), "error decode response body")
		}, 0, func(s Stats) bool { return s.ServerErrors == 1 }},
		{"lost reply", FaultLostReply, func(err error) bool {
			var ue *url.Error
			return errors.As(err, &ue)
		}, 1, func(s Stats) bool { return s.LostReplies == 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := testContext(t)
			fake := New(t)
			fake.AddUser(alice)
			b, _ := newBot(t, fake)
			fake.FailNext(1, tt.kind, "sendMessage")
			send := func() error {
				_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "Pemberitahuan 1"})
				return err
			}
			if err := send(); !tt.check(err) {
				t.Errorf("faulty call: err = %v", err)
			}
			if got := fake.Stats().Sent; got != tt.wantSent {
				t.Errorf("sent after the fault = %d, want %d", got, tt.wantSent)
			}
			if err := send(); err != nil {
				t.Errorf("retry: %v", err)
			}
			st := fake.Stats()
			if !tt.wantStats(st) || st.Duplicates != tt.wantSent {
				t.Errorf("stats = %+v", st)
			}
		})
	}
}

func TestFailNextOnlyNamedMethods(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	fake.AddUser(alice)
	b, _ := newBot(t, fake)
	fake.FailNext(2, FaultInternal, "sendDocument")
	if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "x"}); err != nil {
		t.Errorf("sendMessage: %v", err)
	}
	fake.FailNext(1, FaultInternal)
	if _, err := b.GetMe(ctx); err == nil {
		t.Error("getMe succeeded despite FailNext for any method")
	}
}

// TestFailureRateIsSeeded checks that a probabilistic fault pattern repeats
// with the same seed.
func TestFailureRateIsSeeded(t *testing.T) {
	pattern := func(seed uint64) string {
		fake := New(t, WithSeed(seed), WithAnyChat())
		fake.SetFailureRate(0.3, FaultInternal, "sendMessage")
		b, _ := newBot(t, fake)
		ctx := testContext(t)
		var sb strings.Builder
		for i := range 40 {
			if _, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: 1, Text: fmt.Sprint(i)}); err != nil {
				sb.WriteByte('x')
			} else {
				sb.WriteByte('.')
			}
		}
		return sb.String()
	}
	a, b := pattern(7), pattern(7)
	if a != b || !strings.Contains(a, "x") || !strings.Contains(a, ".") {
		t.Errorf("patterns %s and %s", a, b)
	}
}

func TestLatency(t *testing.T) {
	fake := New(t, WithLatency(200*time.Millisecond))
	fake.AddUser(alice)
	b, _ := newBot(t, fake, tgbot.WithCheckInitTimeout(5*time.Second))
	ctx, cancel := context.WithTimeout(testContext(t), 20*time.Millisecond)
	defer cancel()
	_, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "x"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want deadline exceeded", err)
	}
	fake.SetLatency(0)
	if _, err := b.SendMessage(testContext(t), &tgbot.SendMessageParams{ChatID: alice.ID, Text: "y"}); err != nil {
		t.Fatal(err)
	}
	msgs := fake.Sent(alice.ID)
	if len(msgs) != 1 || msgs[0].Text != "y" {
		t.Errorf("sent = %+v; a call abandoned during the delay must not run", msgs)
	}
}
