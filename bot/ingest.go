package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// errBadUpdate is an incoming body that is not an update.
var errBadUpdate = errors.New("not a telegram update")

// updateHead is the part of an update that routes it.
type updateHead struct {
	UpdateID int64 `json:"update_id"`
	Message  *struct {
		From *struct{ ID int64 } `json:"from"`
		Chat struct{ ID int64 }  `json:"chat"`
	} `json:"message"`
	CallbackQuery *struct {
		From struct{ ID int64 } `json:"from"`
	} `json:"callback_query"`
	MyChatMember *struct {
		Chat struct{ ID int64 } `json:"chat"`
	} `json:"my_chat_member"`
}

// user returns the id the update's handling is serialised on.
func (h updateHead) user() int64 {
	switch {
	case h.Message != nil && h.Message.From != nil:
		return h.Message.From.ID
	case h.Message != nil:
		return h.Message.Chat.ID
	case h.CallbackQuery != nil:
		return h.CallbackQuery.From.ID
	case h.MyChatMember != nil:
		return h.MyChatMember.Chat.ID
	}
	return 0
}

// parseHead reads the routing part of a raw update; a body without an
// update id is errBadUpdate.
func parseHead(raw []byte) (updateHead, error) {
	var h updateHead
	if err := json.Unmarshal(raw, &h); err != nil || h.UpdateID <= 0 {
		return h, errBadUpdate
	}
	return h, nil
}

// saveReq is an incoming update waiting to be saved; done receives the
// outcome of the batch it was saved in.
type saveReq struct {
	head updateHead
	raw  []byte
	done chan error
}

// Saving incoming updates in batches: what arrives while a batch is being
// written goes into the next one, one insert and one commit for all, so a
// busy webhook costs the database far less than an insert per update,
// and a quiet one waits for nobody.
const (
	savers         = 4       // batches written at once
	saveBatchMax   = 100     // updates in one batch
	saveBatchBytes = 4 << 20 // payload bytes in one batch (MariaDB's packets are 16 MiB at most)
)

// ingest persists one raw update, unless known already, and queues it for
// handling. It returns errBadUpdate for a body that is not an update and
// the store's error when the update could not be saved; only then must the
// sender (Telegram) deliver it again.
func (b *Bot) ingest(ctx context.Context, raw []byte) error {
	h, err := parseHead(raw)
	if err != nil {
		return err
	}
	r := &saveReq{head: h, raw: raw, done: make(chan error, 1)}
	select {
	case b.saves <- r:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-r.done:
		return err
	case <-ctx.Done(): // the saver still saves it; Telegram's retry finds it
		return ctx.Err()
	}
}

// saver writes the waiting updates in batches, for the life of the
// process.
func (b *Bot) saver() {
	for r := range b.saves {
		batch, size := []*saveReq{r}, len(r.raw)
	more:
		for len(batch) < saveBatchMax && size < saveBatchBytes {
			select {
			case r := <-b.saves:
				batch, size = append(batch, r), size+len(r.raw)
			default:
				break more
			}
		}
		err := b.save(context.Background(), batch)
		if err != nil && len(batch) > 1 {
			// The batch was rolled back: save each alone, so that an
			// update the database refuses fails only its own request.
			for _, r := range batch {
				r.done <- b.save(context.Background(), []*saveReq{r})
			}
			continue
		}
		for _, r := range batch {
			r.done <- err
		}
	}
}

// save stores a batch of updates in one transaction and hands the new
// ones to their workers. One known already was delivered before: when it
// is handled it is not touched; when it is still pending it is left to
// whoever holds it, and should that instance have died, to the recovery
// pass (see process for why only these two may handle an update).
func (b *Bot) save(ctx context.Context, batch []*saveReq) error {
	if len(batch) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	now := b.clock.Now()
	ups := make([]core.InboundUpdate, len(batch))
	for i, r := range batch {
		ups[i] = core.InboundUpdate{UpdateID: r.head.UpdateID, Payload: r.raw, ReceivedAt: now}
	}
	isNew, status, err := b.store.SaveUpdates(ctx, ups)
	if err != nil {
		return fmt.Errorf("save %d updates: %w", len(ups), err)
	}
	for i, r := range batch {
		if !isNew[i] {
			b.m.handled.WithLabelValues("redelivered").Inc()
			b.log.DebugContext(ctx, "telegram update redelivered", slog.Int64("update_id", r.head.UpdateID),
				slog.String("status", string(status[i])))
			continue
		}
		b.enqueue(queued{id: r.head.UpdateID, payload: r.raw, at: now}, r.head.user())
	}
	return nil
}

// queued is an update waiting for its worker. A fresh one carries its
// payload, so the worker need not read it back.
type queued struct {
	id      int64
	payload []byte
	at      time.Time
}

// enqueue hands an update to the worker of its user. When that worker's
// queue is full the update stays pending and the recovery pass takes it.
func (b *Bot) enqueue(q queued, user int64) {
	shard := user % int64(len(b.queues))
	if shard < 0 {
		shard = -shard
	}
	select {
	case b.queues[shard] <- q:
	default:
		b.log.Warn("telegram update queue full", slog.Int64("update_id", q.id))
	}
}

// work handles the updates of one queue until ctx ends; handlers run on
// handle, which outlives ctx so that an update being handled is finished.
func (b *Bot) work(ctx, handle context.Context, q chan queued) {
	for {
		select {
		case <-ctx.Done():
			return
		case item := <-q:
			b.processSafely(handle, item)
		}
	}
}

// processSafely processes one update; a panic outside the handler (in the
// bookkeeping around it) is logged and the update stays pending for the
// recovery pass.
func (b *Bot) processSafely(handle context.Context, item queued) {
	id := item.id
	ctx, cancel := context.WithTimeout(handle, time.Minute)
	defer cancel()
	defer func() {
		if v := recover(); v != nil {
			b.log.ErrorContext(ctx, "telegram update processing panic", slog.Int64("update_id", id),
				slog.String("panic", fmt.Sprint(v)), slog.String("stack", string(debug.Stack())))
		}
	}()
	b.process(ctx, item)
}

// maxUpdateAttempts bounds how often an update that failed for a passing
// reason (the database was unreachable) is tried.
const maxUpdateAttempts = 3

// process applies one stored update once: it takes the update's lock,
// skips it unless it is still pending, runs the handler with panic
// recovery and marks it done or failed. A panic or a final error gives the
// user a polite apology.
//
// Only two paths hand an update to process: the instance that inserted it
// (fresh, with its payload) and the recovery pass, which takes updates
// pending for longer than RecoverAfter. A fresh update whose lock is taken
// within RecoverAfter/2 of its arrival is therefore known to be pending
// without reading it back; any other is read back under the lock. The
// lock is held until the update is marked (see finisher), so nobody finds
// it pending after it was handled.
func (b *Bot) process(ctx context.Context, item queued) {
	id := item.id
	key := "update:" + strconv.FormatInt(id, 10)
	locked, err := b.lim.Lock(ctx, key, 2*time.Minute)
	if err != nil {
		b.log.WarnContext(ctx, "telegram update lock unavailable", slog.String("error", err.Error()))
		locked = true // Redis is down: the status check below still guards
	} else if !locked {
		return // another worker or instance has it
	}
	handedOver := false
	defer func() {
		if !handedOver {
			_ = b.lim.Unlock(context.WithoutCancel(ctx), key)
		}
	}()
	u := core.InboundUpdate{UpdateID: id, Payload: item.payload, Status: core.UpdatePending}
	if item.payload == nil || b.clock.Now().Sub(item.at) > b.cfg.RecoverAfter/2 {
		if u, err = b.store.InboundUpdate(ctx, id); err != nil {
			b.log.ErrorContext(ctx, "telegram update load failed", slog.Int64("update_id", id), slog.String("error", err.Error()))
			return
		}
	}
	if u.Status != core.UpdatePending {
		return
	}
	var upd models.Update
	if err := json.Unmarshal(u.Payload, &upd); err != nil {
		b.finish(ctx, id, core.UpdateFailed, "decode: "+err.Error())
		return
	}
	start := time.Now()
	err = b.safeHandle(ctx, &upd)
	b.m.seconds.Observe(time.Since(start).Seconds())
	switch {
	case err == nil:
		b.m.handled.WithLabelValues("done").Inc()
		b.finished <- finishedUpdate{id: id, lockKey: key}
		handedOver = true
	case transient(err) && u.Attempts+1 < maxUpdateAttempts:
		b.m.handled.WithLabelValues("retry").Inc()
		if _, rerr := b.store.RetryUpdate(ctx, id, err.Error()); rerr != nil {
			b.log.ErrorContext(ctx, "telegram update retry failed", slog.Int64("update_id", id), slog.String("error", rerr.Error()))
		}
		b.log.WarnContext(ctx, "telegram update will be retried", slog.Int64("update_id", id), slog.String("error", err.Error()))
		if u.Attempts == 0 {
			// The retry comes after RecoverAfter at the earliest: say
			// so now, once, rather than leave the person waiting in
			// silence (a link attempt while Redis is down, say).
			b.tell(ctx, &upd, true, func(lang i18n.Lang) string { return i18n.T(lang, "bot.err.delayed") })
		}
	default:
		b.m.handled.WithLabelValues("failed").Inc()
		b.log.ErrorContext(ctx, "telegram update failed", slog.Int64("update_id", id), slog.String("error", err.Error()))
		b.finish(ctx, id, core.UpdateFailed, err.Error())
		b.apologise(ctx, &upd, err)
	}
}

// finishedUpdate is an update handled successfully, waiting to be marked
// done; its lock is freed once it is.
type finishedUpdate struct {
	id      int64
	lockKey string
}

// Marking handled updates done in batches, like saving them. With the
// default 32 workers, 4 savers and the sender, at most about 42 of the
// MySQL pool's 50 connections are in use at once.
const (
	finishers      = 4
	finishBatchMax = 100
)

// finisher marks handled updates done, a batch of those waiting at a time,
// then frees their locks, until ch is closed and drained. An update
// handled but not yet marked when the process dies is handled again after
// the restart, as it would be had it died during the handling.
func (b *Bot) finisher(ch chan finishedUpdate) {
	ctx := context.Background()
	for f := range ch {
		batch := []finishedUpdate{f}
	more:
		for len(batch) < finishBatchMax {
			select {
			case f, ok := <-ch:
				if !ok {
					break more
				}
				batch = append(batch, f)
			default:
				break more
			}
		}
		ids := make([]int64, len(batch))
		for i, f := range batch {
			ids[i] = f.id
		}
		// An update left pending would be handled again: try hard.
		err := persist(ctx, func(ctx context.Context) error { return b.store.FinishUpdates(ctx, ids, b.clock.Now()) })
		if err != nil {
			b.log.ErrorContext(ctx, "telegram updates finish failed", slog.Int("count", len(ids)), slog.String("error", err.Error()))
		}
		for _, f := range batch {
			_ = b.lim.Unlock(ctx, f.lockKey)
		}
	}
}

// finish marks an update done or failed.
func (b *Bot) finish(ctx context.Context, id int64, st core.UpdateStatus, reason string) {
	// An update left pending would be handled again: try hard.
	err := persist(ctx, func(ctx context.Context) error { return b.store.FinishUpdate(ctx, id, st, reason, b.clock.Now()) })
	if err != nil {
		b.log.ErrorContext(ctx, "telegram update finish failed", slog.Int64("update_id", id), slog.String("error", err.Error()))
	}
}

// persist runs a write that must not be lost, three times at most, even
// after ctx ended (shutdown).
func persist(ctx context.Context, write func(context.Context) error) error {
	ctx = context.WithoutCancel(ctx)
	var err error
	for attempt := range 3 {
		wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err = write(wctx)
		cancel()
		if err == nil || attempt == 2 {
			break
		}
		time.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond)
	}
	return err
}

// panicError is a recovered handler panic.
type panicError struct {
	value any
	stack string
}

func (p *panicError) Error() string { return fmt.Sprintf("panic: %v", p.value) }

// safeHandle runs the handler and turns a panic into an error.
func (b *Bot) safeHandle(ctx context.Context, upd *models.Update) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &panicError{value: v, stack: string(debug.Stack())}
			b.log.ErrorContext(ctx, "telegram handler panic", slog.Int64("update_id", upd.ID),
				slog.String("panic", fmt.Sprint(v)), slog.String("stack", err.(*panicError).stack))
		}
	}()
	return b.handle(ctx, upd)
}

// transient reports whether err may pass by itself (an unreachable
// database or Redis), so the update is worth another try.
func transient(err error) bool {
	var p *panicError
	if errors.As(err, &p) {
		return false
	}
	if errors.Is(err, core.ErrNotFound) || errors.Is(err, core.ErrConflict) || errors.Is(err, core.ErrForbidden) {
		return false
	}
	if _, ok := core.AsValidation(err); ok {
		return false
	}
	return true
}

// apologise tells the user, politely, that their message could not be
// handled.
func (b *Bot) apologise(ctx context.Context, upd *models.Update, err error) {
	var p *panicError
	askStore := !errors.As(err, &p) // after a panic, ask the store nothing more
	b.tell(ctx, upd, askStore, func(lang i18n.Lang) string { return b.errorText(lang, err) })
}

// tell sends the sender of upd a text in their language (the linked
// employee's when askStore, else their Telegram app's) and answers a
// pressed button so that its spinner stops.
func (b *Bot) tell(ctx context.Context, upd *models.Update, askStore bool, text func(i18n.Lang) string) {
	var from *models.User
	chat := int64(0)
	switch {
	case upd.Message != nil:
		chat, from = upd.Message.Chat.ID, upd.Message.From
	case upd.CallbackQuery != nil:
		chat, from = upd.CallbackQuery.From.ID, &upd.CallbackQuery.From
		b.answer(ctx, upd.CallbackQuery.ID, "")
	}
	if chat == 0 {
		return
	}
	lang := i18n.ID
	if from != nil {
		lang = i18n.Parse(from.LanguageCode)
	}
	if askStore {
		if e, err := b.store.EmployeeByTelegram(ctx, chat); err == nil {
			lang = i18n.Parse(e.Language)
		}
	}
	b.send(ctx, chat, text(lang), nil)
}

// recoverLoop hands pending updates older than RecoverAfter to the
// workers: those whose handling was interrupted (a restart, a full queue,
// a passing failure). It runs at start and every RecoverEvery.
func (b *Bot) recoverLoop(ctx context.Context) {
	first := true
	for {
		// At start, what was pending before this bot existed is left
		// over; later, what waited longer than RecoverAfter. Neither can
		// be an update this instance is about to handle fresh.
		before := b.clock.Now().Add(-b.cfg.RecoverAfter)
		if first {
			before, first = b.created, false
		}
		ids, err := b.store.PendingUpdates(ctx, before, 500)
		if err != nil && ctx.Err() == nil {
			b.log.WarnContext(ctx, "telegram pending updates", slog.String("error", err.Error()))
		}
		for _, id := range ids {
			u, err := b.store.InboundUpdate(ctx, id)
			if err != nil {
				continue
			}
			var h updateHead
			_ = json.Unmarshal(u.Payload, &h)
			b.enqueue(queued{id: id}, h.user())
		}
		b.prune(ctx)
		select {
		case <-ctx.Done():
			return
		case <-time.After(b.cfg.RecoverEvery):
		}
	}
}

// prune deletes handled updates older than KeepUpdates, a batch per pass:
// they hold what people wrote, and Telegram redelivers within a day.
func (b *Bot) prune(ctx context.Context) {
	n, err := b.store.PruneUpdates(ctx, b.clock.Now().Add(-b.cfg.KeepUpdates), 1000)
	if err != nil && ctx.Err() == nil {
		b.log.WarnContext(ctx, "telegram prune updates", slog.String("error", err.Error()))
	} else if n > 0 {
		b.log.InfoContext(ctx, "telegram updates pruned", slog.Int("count", n))
	}
}
