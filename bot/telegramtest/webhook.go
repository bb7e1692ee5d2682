package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"syscall"
	"time"
)

// webhook is the webhook set with setWebhook.
type webhook struct {
	url, secret string
	maxConn     int
	allowed     []string
	lastErrDate int64
	lastErrMsg  string
	cancel      context.CancelFunc
}

// errNotLoopback refuses a webhook connection off the loopback interface.
var errNotLoopback = errors.New("telegramtest: webhook delivery is limited to loopback addresses")

// webhookClient posts updates to webhooks; it dials loopback addresses only,
// ignores proxy settings and does not follow redirects.
var webhookClient = &http.Client{
	Timeout: 30 * time.Second,
	Transport: &http.Transport{
		Proxy:               nil,
		MaxIdleConnsPerHost: 100,
		DialContext: (&net.Dialer{
			Timeout: 5 * time.Second,
			Control: func(_, address string, _ syscall.RawConn) error {
				host, _, err := net.SplitHostPort(address)
				if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
					return errNotLoopback
				}
				return nil
			},
		}).DialContext,
	},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// setWebhook implements setWebhook: it validates url (http or https on a
// loopback host: the fake never leaves the machine, and unlike Telegram it
// accepts plain http so that httptest servers work), secret_token (1–256 of
// A–Z, a–z, 0–9, _ and -) and max_connections (1–100, default 40), then
// starts posting queued updates. An empty url deletes the webhook.
func (s *Server) setWebhook(_ context.Context, p params) (any, *apiError) {
	raw := p.get("url")
	if raw == "" {
		return s.deleteWebhook(context.Background(), p)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, badRequest("bad webhook: An HTTPS URL must be provided for webhook")
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, badRequest("bad webhook: the fake Bot API server delivers to loopback addresses only")
	}
	secret := p.get("secret_token")
	if len(secret) > 256 || !validSecret(secret) {
		return nil, badRequest("secret token contains unallowed characters")
	}
	maxConn, given, aerr := p.integer("max_connections")
	if aerr != nil {
		return nil, aerr
	}
	if !given {
		maxConn = 40
	}
	if maxConn < 1 || maxConn > 100 {
		return nil, badRequest("bad webhook: max_connections must be between 1 and 100")
	}
	var allowed []string
	if rawAllowed := p.get("allowed_updates"); rawAllowed != "" {
		if err := json.Unmarshal([]byte(rawAllowed), &allowed); err != nil {
			return nil, badRequest("can't parse allowed_updates JSON array")
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.done:
		return nil, errInternal
	default:
	}
	s.stopWebhook()
	if p.boolean("drop_pending_updates") {
		s.queue = nil
	}
	if allowed != nil {
		s.allowed = allowed
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &webhook{url: raw, secret: secret, maxConn: int(maxConn), allowed: allowed, cancel: cancel}
	s.hook = h
	s.wg.Add(h.maxConn)
	for range h.maxConn {
		go s.deliverLoop(ctx, h)
	}
	s.notify()
	return true, nil
}

// validSecret reports whether a secret token uses only A–Z, a–z, 0–9, _ and -.
func validSecret(secret string) bool {
	for i := 0; i < len(secret); i++ {
		if c := secret[i]; !isAlnum(c) && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// deleteWebhook stops webhook delivery; with drop_pending_updates it also
// forgets the queued updates, which are otherwise left for getUpdates.
func (s *Server) deleteWebhook(_ context.Context, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopWebhook()
	if p.boolean("drop_pending_updates") {
		s.queue = nil
	}
	s.notify()
	return true, nil
}

// stopWebhook cancels the current webhook's deliveries. Callers hold mu.
func (s *Server) stopWebhook() {
	if s.hook != nil {
		s.hook.cancel()
		s.hook = nil
	}
}

// getWebhookInfo reports the webhook, the pending updates and the last
// delivery error; with no webhook the url is empty.
func (s *Server) getWebhookInfo(context.Context, params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := WebhookInfo{PendingUpdateCount: len(s.queue)}
	if h := s.hook; h != nil {
		info.URL, info.IPAddress, info.MaxConnections = h.url, "127.0.0.1", h.maxConn
		info.LastErrorDate, info.LastErrorMessage, info.AllowedUpdates = h.lastErrDate, h.lastErrMsg, h.allowed
	}
	return info, nil
}

// WebhookInfo returns what getWebhookInfo would answer.
func (s *Server) WebhookInfo() WebhookInfo {
	info, _ := s.getWebhookInfo(context.Background(), params{})
	return info.(WebhookInfo)
}

// deliverLoop is one webhook connection: it posts queued updates one at a
// time until ctx ends. An update leaves the queue when the webhook answers
// 2xx; otherwise it is retried after a growing delay (WithWebhookRetry).
// Several loops run at once (max_connections), so updates may reach the bot
// concurrently and out of order, as with Telegram.
func (s *Server) deliverLoop(ctx context.Context, h *webhook) {
	defer s.wg.Done()
	for {
		s.mu.Lock()
		q, wait := s.nextDelivery()
		if q == nil {
			changed := s.changed
			s.mu.Unlock()
			var timer *time.Timer
			var retry <-chan time.Time
			if wait > 0 {
				timer = time.NewTimer(wait)
				retry = timer.C
			}
			select {
			case <-changed:
			case <-retry:
			case <-ctx.Done():
			}
			if timer != nil {
				timer.Stop()
			}
			if ctx.Err() != nil {
				return
			}
			continue
		}
		q.inFlight = true
		s.mu.Unlock()

		failure := post(ctx, h, q.body)

		s.mu.Lock()
		q.inFlight = false
		switch {
		case failure == "":
			s.queue = slices.DeleteFunc(s.queue, func(x *queued) bool { return x == q })
			s.stats.WebhookDeliveries++
		case ctx.Err() == nil:
			q.attempts++
			q.notBefore = time.Now().Add(s.retryDelay(q.attempts))
			h.lastErrDate, h.lastErrMsg = s.now().Unix(), failure
			s.stats.WebhookFailures++
		}
		s.notify()
		s.mu.Unlock()
		if ctx.Err() != nil {
			return
		}
	}
}

// nextDelivery returns the first queued update due for delivery, or how
// long until one is due. Callers hold mu.
func (s *Server) nextDelivery() (*queued, time.Duration) {
	now := time.Now()
	var wait time.Duration
	for _, q := range s.queue {
		if q.inFlight {
			continue
		}
		if !q.notBefore.After(now) {
			return q, 0
		}
		if d := q.notBefore.Sub(now); wait == 0 || d < wait {
			wait = d
		}
	}
	return nil, wait
}

// retryDelay returns the delay before the given attempt.
func (s *Server) retryDelay(attempt int) time.Duration {
	d := s.cfg.retryMin
	for i := 1; i < attempt && d < s.cfg.retryMax; i++ {
		d *= 2
	}
	return min(d, s.cfg.retryMax)
}

// post sends one update to the webhook and returns "" when it answered 2xx,
// otherwise the error getWebhookInfo reports, worded like Telegram's.
func post(ctx context.Context, h *webhook, body []byte) string {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url, bytes.NewReader(body))
	if err != nil {
		return err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	if h.secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", h.secret)
	}
	resp, err := webhookClient.Do(req)
	if err != nil {
		var ne net.Error
		switch {
		case errors.Is(err, syscall.ECONNREFUSED):
			return "Connection refused"
		case errors.As(err, &ne) && ne.Timeout():
			return "Read timeout expired"
		}
		return err.Error()
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Sprintf("Wrong response from the webhook: %s", resp.Status)
	}
	return ""
}
