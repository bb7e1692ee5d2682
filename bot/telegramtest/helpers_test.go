package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

var alice = User{ID: 4201, FirstName: "Alice", Username: "alice", LanguageCode: "id"}

// testContext returns a context that ends with the test or after 15 seconds.
func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// errorLog collects the errors the library reports to its errors handler.
type errorLog struct {
	mu   sync.Mutex
	errs []error
}

func (l *errorLog) add(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errs = append(l.errs, err)
}

func (l *errorLog) all() []error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]error(nil), l.errs...)
}

// newBot returns a library bot pointed at fake, with getMe run at start.
// Library errors go to the returned log instead of the standard logger.
func newBot(t *testing.T, fake *Server, opts ...tgbot.Option) (*tgbot.Bot, *errorLog) {
	t.Helper()
	log := &errorLog{}
	all := append([]tgbot.Option{
		tgbot.WithServerURL(fake.URL()),
		tgbot.WithErrorsHandler(log.add),
		tgbot.WithDefaultHandler(func(context.Context, *tgbot.Bot, *models.Update) {}),
	}, opts...)
	b, err := tgbot.New(fake.Token(), all...)
	if err != nil {
		t.Fatalf("tgbot.New: %v", err)
	}
	return b, log
}

// run starts fn(ctx) in a goroutine and stops it when the test ends.
func run(t *testing.T, fn func(ctx context.Context)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
}

// apiAnswer is a raw Bot API answer.
type apiAnswer struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// call posts a raw request to the fake and decodes the answer.
func call(t testing.TB, ctx context.Context, url, contentType string, body []byte) (int, apiAnswer) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var a apiAnswer
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	return resp.StatusCode, a
}

// callJSON calls method with a JSON body.
func callJSON(t testing.TB, ctx context.Context, fake *Server, method string, body any) (int, apiAnswer) {
	t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return call(t, ctx, fake.URL()+"/bot"+fake.Token()+"/"+method, "application/json", raw)
}

// updateIDs decodes a getUpdates result into its update ids.
func updateIDs(t *testing.T, result json.RawMessage) []int64 {
	t.Helper()
	var ups []struct {
		UpdateID int64 `json:"update_id"`
	}
	if err := json.Unmarshal(result, &ups); err != nil {
		t.Fatalf("decode updates %s: %v", result, err)
	}
	ids := []int64{}
	for _, u := range ups {
		ids = append(ids, u.UpdateID)
	}
	return ids
}
