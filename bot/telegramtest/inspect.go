package telegramtest

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// Stats counts what the Server did.
type Stats struct {
	Requests          int // API calls answered, faults included
	Sent              int // messages the bot sent (sendMessage, sendDocument, sendPhoto)
	Duplicates        int // sends whose dedup key (WithDedupKey) was seen before
	Edited            int // successful edits
	Deleted           int // successful deletions
	BadRequests       int // 400 answers
	Forbidden         int // 403 answers
	TooManyRequests   int // 429 answers
	ServerErrors      int // 5xx answers, injected faults included
	LostReplies       int // calls executed but answered by closing the connection
	UpdatesPushed     int // updates queued by the test
	UpdatesFetched    int // updates returned by getUpdates, repeats included
	WebhookDeliveries int // updates the webhook accepted with 2xx
	WebhookFailures   int // webhook posts that failed and will be retried
}

// Request is one API call as the Server answered it.
type Request struct {
	Method string // as Telegram matches it: lower case, e.g. "sendmessage"
	ChatID int64  // the numeric chat_id parameter, 0 when absent
	Status int    // HTTP status of the answer; 0 for a lost reply
	Time   time.Time
}

// record logs an answered call and counts it; status 0 is a lost reply.
func (s *Server) record(method string, chatID int64, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Method: method, ChatID: chatID, Status: status, Time: s.now()})
	s.stats.Requests++
	switch {
	case status == http.StatusBadRequest:
		s.stats.BadRequests++
	case status == http.StatusForbidden:
		s.stats.Forbidden++
	case status == http.StatusTooManyRequests:
		s.stats.TooManyRequests++
	case status >= 500:
		s.stats.ServerErrors++
	case status == 0:
		s.stats.LostReplies++
	}
	s.notify()
}

// sent counts a message the bot sent and checks it for duplicates. Callers
// hold mu.
func (s *Server) sent(m Message) {
	s.stats.Sent++
	if key := s.cfg.dedupKey(m); key != "" {
		if s.dedup[key] {
			s.stats.Duplicates++
		}
		s.dedup[key] = true
	}
	s.notify()
}

// defaultDedupKey is the chat id with the text or caption as sent; a
// message without either is not counted.
func defaultDedupKey(m Message) string {
	if m.RawText == "" {
		return ""
	}
	return strconv.FormatInt(m.Chat.ID, 10) + "\x00" + m.RawText
}

// Stats returns the counters so far.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Requests returns every API call answered so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Sent returns the messages the bot sent to chatID, in order, each in its
// current state: edits applied, Deleted set for deleted ones.
func (s *Server) Sent(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sentTo(chatID)
}

// sentTo is Sent. Callers hold mu.
func (s *Server) sentTo(chatID int64) []Message {
	c, ok := s.chats[chatID]
	if !ok {
		return nil
	}
	var out []Message
	for _, m := range c.messages {
		if m.From != nil && m.From.ID == s.cfg.botUser.ID {
			out = append(out, *m)
		}
	}
	return out
}

// Messages returns the whole conversation in chatID, the user's messages
// and the bot's, in order.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chats[chatID]
	if !ok {
		return nil
	}
	out := make([]Message, len(c.messages))
	for i, m := range c.messages {
		out[i] = *m
	}
	return out
}

// LastSent returns the last message the bot sent to chatID.
func (s *Server) LastSent(chatID int64) (Message, bool) {
	msgs := s.Sent(chatID)
	if len(msgs) == 0 {
		return Message{}, false
	}
	return msgs[len(msgs)-1], true
}

// WaitSent waits until the bot has sent at least n messages to chatID and
// returns them all. It returns an error naming what it saw when ctx ends
// first.
func (s *Server) WaitSent(ctx context.Context, chatID int64, n int) ([]Message, error) {
	var msgs []Message
	err := s.Wait(ctx, func() bool {
		msgs = s.Sent(chatID)
		return len(msgs) >= n
	})
	if err != nil {
		return msgs, fmt.Errorf("telegramtest: waiting for %d messages to chat %d, got %d: %w", n, chatID, len(msgs), err)
	}
	return msgs, nil
}

// Wait calls cond now, after every change of the Server's state (a call
// answered, a message sent or edited, an update pushed or delivered) and at
// least every waitRecheck, until it returns true; the periodic check lets
// cond also look at state the Server does not see, such as the bot's
// database. It returns ctx's error if ctx ends first. cond runs without the
// Server's lock held, so it may call any Server method.
func (s *Server) Wait(ctx context.Context, cond func() bool) error {
	tick := time.NewTicker(waitRecheck)
	defer tick.Stop()
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-changed:
		case <-tick.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// waitRecheck is how often Wait re-evaluates its condition without a change.
const waitRecheck = 10 * time.Millisecond

// CallbackAnswer returns the bot's answerCallbackQuery for a button press
// (the query id is Update.CallbackQuery.ID), if it answered.
func (s *Server) CallbackAnswer(queryID string) (CallbackAnswer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q, ok := s.queries[queryID]
	if !ok || q.answer == nil {
		return CallbackAnswer{}, false
	}
	return *q.answer, true
}

// Commands returns the command menu set for the default scope and a
// language code ("" for all languages).
func (s *Server) Commands(languageCode string) []BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands["default/"+languageCode])
}
