package gormstore_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestClaimOutboxConcurrently has four senders claim and deliver 120
// messages at once: each message is leased to exactly one of them.
func TestClaimOutboxConcurrently(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		const n = 120
		for i := range n {
			m := core.OutboxMessage{DedupKey: fmt.Sprintf("k%d", i), Kind: "announcement", ChatID: int64(1000 + i%7), Payload: `{"text":"x"}`}
			if _, err := s.Enqueue(ctx, &m); err != nil {
				t.Fatal(err)
			}
		}
		var mu sync.Mutex
		seen := map[int64]string{}
		var wg sync.WaitGroup
		for w := range 4 {
			owner := fmt.Sprintf("sender-%d", w)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					ms, err := s.ClaimOutbox(ctx, owner, time.Now().Add(time.Second), time.Minute, 7)
					if err != nil {
						t.Error(err)
						return
					}
					if len(ms) == 0 {
						return
					}
					for _, m := range ms {
						mu.Lock()
						if prev, dup := seen[m.ID]; dup {
							t.Errorf("message %d leased to %s and %s", m.ID, prev, owner)
						}
						seen[m.ID] = owner
						mu.Unlock()
						if m.Status != core.OutboxSending || m.LeaseOwner != owner {
							t.Errorf("claimed message = %+v", m)
						}
						if err := s.MarkOutboxSent(ctx, m.ID, owner, 1, time.Now()); err != nil {
							t.Error(err)
						}
					}
				}
			}()
		}
		wg.Wait()
		if len(seen) != n {
			t.Errorf("%d messages delivered, want %d", len(seen), n)
		}
	})
}

// TestClaimOutboxRules checks what is due: pending with a chat and its
// time come, or leased with the lease run out; retries and failures.
func TestClaimOutboxRules(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		now := time.Now().UTC().Truncate(time.Second)
		add := func(key string, chat int64, next time.Time) int64 {
			m := core.OutboxMessage{DedupKey: key, Kind: "announcement", ChatID: chat, Payload: `{"text":"x"}`, NextAttemptAt: next}
			if _, err := s.Enqueue(ctx, &m); err != nil {
				t.Fatal(err)
			}
			return m.ID
		}
		due := add("due", 1, now.Add(-time.Minute))
		add("no-chat", 0, now.Add(-time.Minute))
		later := add("later", 2, now.Add(time.Hour))
		ms, err := s.ClaimOutbox(ctx, "a", now, time.Minute, 10)
		if err != nil || len(ms) != 1 || ms[0].ID != due {
			t.Fatalf("claim = %+v, %v", ms, err)
		}
		if ms, _ := s.ClaimOutbox(ctx, "b", now.Add(30*time.Second), time.Minute, 10); len(ms) != 0 {
			t.Errorf("a leased message was claimed again: %+v", ms)
		}
		ms, _ = s.ClaimOutbox(ctx, "b", now.Add(2*time.Minute), time.Minute, 10)
		if len(ms) != 1 || ms[0].ID != due || ms[0].LeaseOwner != "b" {
			t.Fatalf("expired lease not taken over: %+v", ms)
		}
		// The first owner lost the lease: its retry does nothing.
		if err := s.RetryOutbox(ctx, due, "a", now, "late", true); err != nil {
			t.Fatal(err)
		}
		if m, _ := s.OutboxMessage(ctx, due); m.Status != core.OutboxSending || m.LeaseOwner != "b" {
			t.Errorf("stale owner changed the message: %+v", m)
		}
		if err := s.RetryOutbox(ctx, due, "b", now.Add(time.Hour), "5xx", true); err != nil {
			t.Fatal(err)
		}
		m, _ := s.OutboxMessage(ctx, due)
		if m.Status != core.OutboxPending || m.Attempts != 1 || m.Error != "5xx" || m.LeaseUntil != nil {
			t.Errorf("after retry: %+v", m)
		}
		ms, _ = s.ClaimOutbox(ctx, "c", now.Add(2*time.Hour), time.Minute, 10)
		if len(ms) != 2 {
			t.Fatalf("claim after an hour = %d messages", len(ms))
		}
		if err := s.FailOutbox(ctx, later, "c", "Forbidden: bot was blocked by the user"); err != nil {
			t.Fatal(err)
		}
		if m, _ := s.OutboxMessage(ctx, later); m.Status != core.OutboxFailed || m.Attempts != 1 {
			t.Errorf("after fail: %+v", m)
		}
		// A restarted sender named "c" takes back what it held.
		if n, err := s.ReleaseOutbox(ctx, "c"); err != nil || n != 1 {
			t.Errorf("release = %d, %v", n, err)
		}
		if m, _ := s.OutboxMessage(ctx, due); m.Status != core.OutboxPending || m.LeaseOwner != "" {
			t.Errorf("after release: %+v", m)
		}
	})
}

// TestInboundUpdates checks that an update is stored once and finished
// once.
func TestInboundUpdates(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		now := time.Now()
		isNew, st, err := s.SaveUpdate(ctx, 42, []byte(`{"update_id":42}`), now)
		if err != nil || !isNew || st != core.UpdatePending {
			t.Fatalf("first save = %v %s %v", isNew, st, err)
		}
		if ids, _ := s.PendingUpdates(ctx, now.Add(time.Second), 10); len(ids) != 1 || ids[0] != 42 {
			t.Errorf("pending = %v", ids)
		}
		if err := s.FinishUpdate(ctx, 42, core.UpdateDone, "", now); err != nil {
			t.Fatal(err)
		}
		isNew, st, err = s.SaveUpdate(ctx, 42, []byte(`{"update_id":42}`), now)
		if err != nil || isNew || st != core.UpdateDone {
			t.Errorf("redelivered save = %v %s %v", isNew, st, err)
		}
		if err := s.FinishUpdate(ctx, 42, core.UpdateFailed, "late", now); err != nil {
			t.Fatal(err)
		}
		if u, _ := s.InboundUpdate(ctx, 42); u.Status != core.UpdateDone || u.Attempts != 1 {
			t.Errorf("update = %+v", u)
		}
		if _, _, err := s.SaveUpdate(ctx, 43, []byte(`{"update_id":43}`), now); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PruneUpdates(ctx, now.Add(time.Hour), 100); err != nil || n != 1 {
			t.Errorf("prune = %d, %v", n, err)
		}
		if _, err := s.InboundUpdate(ctx, 42); !errors.Is(err, core.ErrNotFound) {
			t.Errorf("pruned update: %v", err)
		}
		if _, err := s.InboundUpdate(ctx, 43); err != nil {
			t.Errorf("pending update pruned: %v", err)
		}
	})
}

// TestInboundUpdateBatches checks the batched save and finish: new ids are
// stored in one go, a batch holding a known id still tells exactly which
// were new, an id twice in a batch is new once, and finishing a batch
// marks only what is pending.
func TestInboundUpdateBatches(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		s := b.Open(t)
		ctx := context.Background()
		now := time.Now()
		up := func(id int64) core.InboundUpdate {
			return core.InboundUpdate{UpdateID: id, Payload: fmt.Appendf(nil, `{"update_id":%d}`, id), ReceivedAt: now}
		}
		isNew, st, err := s.SaveUpdates(ctx, []core.InboundUpdate{up(12), up(10), up(11)})
		if err != nil || !slices.Equal(isNew, []bool{true, true, true}) {
			t.Fatalf("first batch = %v %v %v", isNew, st, err)
		}
		if u, err := s.InboundUpdate(ctx, 11); err != nil || u.Status != core.UpdatePending || string(u.Payload) != `{"update_id":11}` {
			t.Errorf("stored = %+v, %v", u, err)
		}
		if err := s.FinishUpdates(ctx, []int64{10, 12, 99}, now); err != nil {
			t.Fatal(err)
		}
		if err := s.FinishUpdate(ctx, 11, core.UpdateFailed, "rusak", now); err != nil {
			t.Fatal(err)
		}
		// 10 done, 11 failed: redelivered with new ones, one given twice.
		isNew, st, err = s.SaveUpdates(ctx, []core.InboundUpdate{up(13), up(10), up(14), up(11), up(13)})
		if err != nil {
			t.Fatal(err)
		}
		wantNew := []bool{true, false, true, false, false}
		wantSt := []core.UpdateStatus{core.UpdatePending, core.UpdateDone, core.UpdatePending, core.UpdateFailed, core.UpdatePending}
		if !slices.Equal(isNew, wantNew) || !slices.Equal(st, wantSt) {
			t.Errorf("second batch = %v %v, want %v %v", isNew, st, wantNew, wantSt)
		}
		if err := s.FinishUpdates(ctx, []int64{11, 13}, now); err != nil {
			t.Fatal(err)
		}
		for id, want := range map[int64]core.UpdateStatus{10: core.UpdateDone, 11: core.UpdateFailed, 12: core.UpdateDone,
			13: core.UpdateDone, 14: core.UpdatePending} {
			if u, err := s.InboundUpdate(ctx, id); err != nil || u.Status != want {
				t.Errorf("update %d = %s, %v; want %s", id, u.Status, err, want)
			}
		}
		if u, _ := s.InboundUpdate(ctx, 11); u.Error != "rusak" {
			t.Errorf("failed update's reason overwritten: %q", u.Error)
		}
		if ids, _ := s.PendingUpdates(ctx, now.Add(time.Second), 10); !slices.Equal(ids, []int64{14}) {
			t.Errorf("pending = %v", ids)
		}
	})
}
