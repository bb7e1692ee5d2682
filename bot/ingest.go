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

// ingest persists one raw update, unless known already, and queues it for
// handling. It returns errBadUpdate for a body that is not an update and
// the store's error when the update could not be saved; only then must the
// sender (Telegram) deliver it again.
func (b *Bot) ingest(ctx context.Context, raw []byte) error {
	var h updateHead
	if err := json.Unmarshal(raw, &h); err != nil || h.UpdateID <= 0 {
		return errBadUpdate
	}
	now := b.clock.Now()
	isNew, status, err := b.store.SaveUpdate(ctx, h.UpdateID, raw, now)
	if err != nil {
		return fmt.Errorf("save update %d: %w", h.UpdateID, err)
	}
	if !isNew && status != core.UpdatePending {
		b.m.handled.WithLabelValues("redelivered").Inc()
		b.log.DebugContext(ctx, "telegram update redelivered", slog.Int64("update_id", h.UpdateID))
		return nil
	}
	q := queued{id: h.UpdateID}
	if isNew { // only a new update may skip the database check
		q.payload, q.at = raw, now
	}
	b.enqueue(q, h.user())
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
	defer b.lim.Unlock(context.WithoutCancel(ctx), key)
	// A fresh update, saved moments ago by this instance, is pending:
	// no recovery pass takes an update this young. Others are read back.
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
		b.finish(ctx, id, core.UpdateDone, "")
	case transient(err) && u.Attempts+1 < maxUpdateAttempts:
		b.m.handled.WithLabelValues("retry").Inc()
		if _, rerr := b.store.RetryUpdate(ctx, id, err.Error()); rerr != nil {
			b.log.ErrorContext(ctx, "telegram update retry failed", slog.Int64("update_id", id), slog.String("error", rerr.Error()))
		}
		b.log.WarnContext(ctx, "telegram update will be retried", slog.Int64("update_id", id), slog.String("error", err.Error()))
	default:
		b.m.handled.WithLabelValues("failed").Inc()
		b.log.ErrorContext(ctx, "telegram update failed", slog.Int64("update_id", id), slog.String("error", err.Error()))
		b.finish(ctx, id, core.UpdateFailed, err.Error())
		b.apologise(ctx, &upd, err)
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
	var p *panicError
	if !errors.As(err, &p) { // after a panic, ask the store nothing more
		if e, err := b.store.EmployeeByTelegram(ctx, chat); err == nil {
			lang = i18n.Parse(e.Language)
		}
	}
	b.send(ctx, chat, b.errorText(lang, err), nil)
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
