package bot

import (
	"crypto/subtle"
	"errors"
	"io"
	"log/slog"
	"net/http"
)

// maxUpdateBytes bounds an incoming webhook body.
const maxUpdateBytes = 1 << 20

// WebhookHandler receives updates posted by Telegram. It answers 401 to a
// request without the right X-Telegram-Bot-Api-Secret-Token, 400 to a body
// that is not an update, 503 when the update could not be saved (Telegram
// then delivers it again) and 200 only once the update is in the database.
func (b *Bot) WebhookHandler() http.Handler {
	secret := []byte(b.cfg.WebhookSecret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := []byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"))
		if len(secret) == 0 || subtle.ConstantTimeCompare(got, secret) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxUpdateBytes+1))
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if len(body) > maxUpdateBytes {
			http.Error(w, "too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err := b.ingest(r.Context(), body); err != nil {
			if errors.Is(err, errBadUpdate) {
				http.Error(w, "not an update", http.StatusBadRequest)
				return
			}
			b.log.ErrorContext(r.Context(), "telegram webhook update not saved", slog.String("error", err.Error()))
			http.Error(w, "try again", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
