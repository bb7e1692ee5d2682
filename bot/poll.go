package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	tgbot "github.com/go-telegram/bot"
)

// poll receives updates with getUpdates until ctx ends. It deletes any
// webhook first (polling against a set webhook fails with 409). Each batch
// is persisted before the next call confirms it to Telegram, so an update
// is never acknowledged before it is saved: the offset moves past an
// update only once it is in the database.
func (b *Bot) poll(ctx context.Context) error {
	delay := time.Duration(0)
	for {
		cctx, cancel := context.WithTimeout(ctx, replyTimeout)
		_, err := b.api.DeleteWebhook(cctx, &tgbot.DeleteWebhookParams{})
		cancel()
		if err == nil {
			break
		} else if ctx.Err() != nil {
			return ctx.Err()
		} else {
			b.log.WarnContext(ctx, "telegram delete webhook failed", slog.String("error", redactToken(err.Error(), b.cfg.Token)))
		}
		delay = backoff(delay)
		if !sleep(ctx, delay) {
			return ctx.Err()
		}
	}
	b.log.InfoContext(ctx, "telegram polling started")
	var offset int64
	delay = 0
	for {
		ups, err := b.getUpdates(ctx, offset)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			b.log.WarnContext(ctx, "telegram get updates failed", slog.String("error", err.Error()))
			delay = backoff(delay)
			if !sleep(ctx, delay) {
				return ctx.Err()
			}
			continue
		}
		delay = 0
		batch := make([]*saveReq, 0, len(ups))
		next := offset
		for _, raw := range ups {
			h, err := parseHead(raw)
			if err != nil {
				b.log.WarnContext(ctx, "telegram update without id skipped")
				continue
			}
			batch = append(batch, &saveReq{head: h, raw: raw})
			next = max(next, h.UpdateID+1)
		}
		if err := b.save(ctx, batch); err != nil {
			// Not saved: do not confirm them; ask again after a pause.
			b.log.ErrorContext(ctx, "telegram updates not saved", slog.Int("count", len(batch)), slog.String("error", err.Error()))
			delay = backoff(delay)
			sleep(ctx, delay)
			continue
		}
		offset = next
	}
}

// backoff doubles d from 100 ms up to 5 s.
func backoff(d time.Duration) time.Duration {
	if d <= 0 {
		return 100 * time.Millisecond
	}
	return min(d*2, 5*time.Second)
}

// getUpdates asks for the updates from offset on, waiting up to the poll
// timeout, and returns each raw, so that one update the library's types
// cannot decode does not block the others. Errors never contain the token.
func (b *Bot) getUpdates(ctx context.Context, offset int64) ([]json.RawMessage, error) {
	body, _ := json.Marshal(map[string]any{
		"offset": offset, "timeout": int(b.cfg.PollTimeout / time.Second), "allowed_updates": allowedUpdates,
	})
	rctx, cancel := context.WithTimeout(ctx, b.cfg.PollTimeout+15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodPost, b.cfg.APIURL+"/bot"+b.cfg.Token+"/getUpdates", bytes.NewReader(body))
	if err != nil {
		return nil, errors.New("getUpdates: bad API URL")
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := b.cfg.HTTPClient.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("getUpdates: %s", redactToken(err.Error(), b.cfg.Token))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("getUpdates: read: %v", err)
	}
	var ans struct {
		OK          bool              `json:"ok"`
		Result      []json.RawMessage `json:"result"`
		ErrorCode   int               `json:"error_code"`
		Description string            `json:"description"`
	}
	if err := json.Unmarshal(raw, &ans); err != nil {
		return nil, fmt.Errorf("getUpdates: HTTP %d, answer is not JSON", resp.StatusCode)
	}
	if !ans.OK {
		return nil, fmt.Errorf("getUpdates: %d %s", ans.ErrorCode, ans.Description)
	}
	return ans.Result, nil
}
