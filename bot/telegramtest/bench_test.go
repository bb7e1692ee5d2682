package telegramtest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	tgbot "github.com/go-telegram/bot"
)

// BenchmarkSendMessage measures the fake's own cost per sendMessage through
// the library, with an inline keyboard, to show it is not the bottleneck of
// a broadcast benchmark.
func BenchmarkSendMessage(b *testing.B) {
	fake := New(b, WithAnyChat())
	bot, err := tgbot.New(fake.Token(), tgbot.WithServerURL(fake.URL()), tgbot.WithSkipGetMe())
	if err != nil {
		b.Fatal(err)
	}
	ctx := b.Context()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			i++
			_, err := bot.SendMessage(ctx, &tgbot.SendMessageParams{
				ChatID: int64(i%10000 + 1), Text: fmt.Sprint("Pemberitahuan ", i), ReplyMarkup: noticeKeyboard(),
			})
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkWebhookDelivery measures how fast the fake posts updates to a
// webhook that accepts them at once.
func BenchmarkWebhookDelivery(b *testing.B) {
	fake := New(b)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
	}))
	b.Cleanup(hook.Close)
	code, a := callJSON(b, b.Context(), fake, "setWebhook", map[string]any{"url": hook.URL})
	if code != http.StatusOK {
		b.Fatal(a.Description)
	}
	b.ResetTimer()
	for i := range b.N {
		fake.SendText(User{ID: int64(i%1000 + 1)}, "pesan")
	}
	if err := fake.Wait(b.Context(), func() bool { return fake.Stats().WebhookDeliveries == b.N }); err != nil {
		b.Fatal(err)
	}
}
