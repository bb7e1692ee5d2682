package telegramtest

import (
	"context"
	"encoding/json"
	"slices"
	"time"
)

// queued is an update waiting to be fetched or delivered.
type queued struct {
	id        int64
	body      json.RawMessage // the update as sent, update_id included
	inFlight  bool            // a webhook delivery is under way
	attempts  int
	notBefore time.Time // next webhook attempt
}

// poller is the getUpdates call currently waiting; a newer call closes
// conflict to end it with 409, as Telegram does.
type poller struct {
	conflict chan struct{}
}

// PushUpdate queues u for the bot, to be fetched with getUpdates or posted
// to the webhook. A zero UpdateID gets the next id; a non-zero one is kept,
// so a test can deliver the same update twice. It returns u with its id.
// An update of a kind the bot's last allowed_updates excludes is not
// created, as with Telegram: it is returned with UpdateID 0.
func (s *Server) PushUpdate(u Update) Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.push(u)
}

// push queues u. Callers hold mu.
func (s *Server) push(u Update) Update {
	if !s.allows(u.kind()) {
		u.UpdateID = 0
		return u
	}
	if u.UpdateID == 0 {
		u.UpdateID = s.nextUpdate
	}
	s.nextUpdate = max(s.nextUpdate, u.UpdateID+1)
	body, err := json.Marshal(u)
	if err != nil {
		panic("telegramtest: marshal update: " + err.Error())
	}
	s.queue = append(s.queue, &queued{id: u.UpdateID, body: body})
	s.stats.UpdatesPushed++
	s.notify()
	return u
}

// PushRawUpdate queues an update given as a JSON object without update_id,
// such as {"message": {...}}, to test what the bot does with updates the
// typed helpers cannot build (unknown fields or enum values). It returns the
// update_id given to it, 0 when allowed_updates excludes it; invalid JSON
// fails the test and returns 0.
func (s *Server) PushRawUpdate(update json.RawMessage) int64 {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(update, &fields); err != nil {
		s.tb.Errorf("telegramtest: PushRawUpdate: %v", err)
		return 0
	}
	kind := ""
	for k := range fields {
		kind = k
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.allows(kind) {
		return 0
	}
	id := s.nextUpdate
	s.nextUpdate++
	fields["update_id"], _ = json.Marshal(id)
	body, _ := json.Marshal(fields)
	s.queue = append(s.queue, &queued{id: id, body: body})
	s.stats.UpdatesPushed++
	s.notify()
	return id
}

// Pending returns how many updates wait to be confirmed (polling) or
// accepted by the webhook.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// Polling reports whether a getUpdates call is waiting for updates.
func (s *Server) Polling() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.poll != nil
}

// getUpdates implements Telegram's getUpdates: updates with an id below
// offset are confirmed and forgotten; the rest (up to limit, default and
// maximum 100) are returned and stay queued until a later call confirms
// them. With timeout > 0 the call waits up to that many seconds for an
// update. A newer call ends a waiting one with 409; with a webhook set the
// call answers 409.
func (s *Server) getUpdates(ctx context.Context, p params) (any, *apiError) {
	offset, _, aerr := p.integer("offset")
	if aerr != nil {
		return nil, aerr
	}
	limit, _, aerr := p.integer("limit")
	if aerr != nil {
		return nil, aerr
	}
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _, aerr := p.integer("timeout")
	if aerr != nil {
		return nil, aerr
	}
	var allowed []string
	if raw := p.get("allowed_updates"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &allowed); err != nil {
			return nil, badRequest("can't parse allowed_updates JSON array")
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hook != nil {
		return nil, conflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
	}
	if allowed != nil {
		s.allowed = allowed
	}
	s.confirm(offset)
	if s.poll != nil {
		close(s.poll.conflict)
	}
	me := &poller{conflict: make(chan struct{})}
	s.poll = me
	s.notify()
	defer func() {
		if s.poll == me {
			s.poll = nil
			s.notify()
		}
	}()

	var deadline <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(time.Duration(timeout) * time.Second)
		defer t.Stop()
		deadline = t.C
	}
	for {
		if s.poll != me {
			return nil, conflict("terminated by other getUpdates request; make sure that only one bot instance is running")
		}
		if ups := s.fetch(int(limit)); len(ups) > 0 || timeout <= 0 || s.hook != nil {
			return ups, nil
		}
		changed := s.changed
		s.mu.Unlock()
		woke := s.waitChange(ctx, changed, deadline)
		s.mu.Lock()
		if !woke {
			return []json.RawMessage{}, nil
		}
	}
}

// confirm forgets the updates Telegram considers confirmed by offset: those
// with a smaller id, or for a negative offset all but the last -offset.
// Callers hold mu.
func (s *Server) confirm(offset int64) {
	switch {
	case offset > 0:
		s.queue = slices.DeleteFunc(s.queue, func(q *queued) bool { return q.id < offset && !q.inFlight })
	case offset < 0 && int64(len(s.queue)) > -offset:
		s.queue = slices.Clone(s.queue[int64(len(s.queue))+offset:])
	}
}

// fetch returns up to limit queued updates. Callers hold mu.
func (s *Server) fetch(limit int) []json.RawMessage {
	out := []json.RawMessage{}
	for _, q := range s.queue {
		if len(out) == limit {
			break
		}
		out = append(out, q.body)
	}
	s.stats.UpdatesFetched += len(out)
	return out
}

// allows reports whether the last allowed_updates (of getUpdates or
// setWebhook) lets an update kind be created; like Telegram's, the setting
// does not affect updates already queued. Callers hold mu.
func (s *Server) allows(kind string) bool {
	return len(s.allowed) == 0 || slices.Contains(s.allowed, kind)
}
