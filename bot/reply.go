package bot

import (
	"context"
	"errors"
	"html"
	"log/slog"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// button is an inline button with callback data.
type button struct{ text, data string }

// inline builds an inline keyboard from rows of buttons.
func inline(rows ...[]button) *models.InlineKeyboardMarkup {
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{}}
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		row := make([]models.InlineKeyboardButton, len(r))
		for i, bt := range r {
			row[i] = models.InlineKeyboardButton{Text: bt.text, CallbackData: bt.data}
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, row)
	}
	return kb
}

// replyTimeout bounds one reply call.
const replyTimeout = 15 * time.Second

// send sends an HTML text to chat, paced by the shared global rate. A 429
// is waited out once (up to 10 s); other failures are logged: what the
// user did is already saved, and the reply is not worth failing it.
func (b *Bot) send(ctx context.Context, chat int64, text string, markup models.ReplyMarkup) (int, bool) {
	for attempt := 0; attempt < 2; attempt++ {
		b.pace(ctx)
		cctx, cancel := context.WithTimeout(ctx, replyTimeout)
		m, err := b.api.SendMessage(cctx, &tgbot.SendMessageParams{ChatID: chat, Text: text,
			ParseMode: models.ParseModeHTML, ReplyMarkup: markup})
		cancel()
		if err == nil {
			return m.ID, true
		}
		var tooMany *tgbot.TooManyRequestsError
		if errors.As(err, &tooMany) && tooMany.RetryAfter <= 10 && attempt == 0 {
			wait := time.Duration(tooMany.RetryAfter) * time.Second
			_ = b.lim.Pause(ctx, globalRateKey, wait)
			if sleep(ctx, wait) {
				continue
			}
		}
		b.log.WarnContext(ctx, "telegram reply failed", slog.Int64("chat_id", chat),
			slog.String("error", redactToken(err.Error(), b.cfg.Token)))
		return 0, false
	}
	return 0, false
}

// edit replaces the text and buttons of the bot's message msgID, or sends
// a new message when it cannot (the message is too old or gone).
func (b *Bot) edit(ctx context.Context, chat int64, msgID int, text string, markup *models.InlineKeyboardMarkup) {
	if msgID > 0 {
		b.pace(ctx)
		cctx, cancel := context.WithTimeout(ctx, replyTimeout)
		params := &tgbot.EditMessageTextParams{ChatID: chat, MessageID: msgID, Text: text, ParseMode: models.ParseModeHTML}
		if markup != nil {
			params.ReplyMarkup = markup
		}
		_, err := b.api.EditMessageText(cctx, params)
		cancel()
		if err == nil {
			return
		}
	}
	if markup != nil {
		b.send(ctx, chat, text, markup)
		return
	}
	b.send(ctx, chat, text, nil)
}

// answer answers a callback query, with a short notice when text is set.
func (b *Bot) answer(ctx context.Context, queryID, text string) {
	cctx, cancel := context.WithTimeout(ctx, replyTimeout)
	defer cancel()
	if _, err := b.api.AnswerCallbackQuery(cctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: queryID, Text: text}); err != nil {
		b.log.DebugContext(ctx, "telegram answer callback failed", slog.String("error", redactToken(err.Error(), b.cfg.Token)))
	}
}

// globalRateKey is the shared send rate of every instance.
const globalRateKey = "global"

// pace waits for a slot of the shared global rate (at most 5 s).
func (b *Bot) pace(ctx context.Context) {
	wait, ok, err := b.lim.Reserve(ctx, globalRateKey, b.cfg.Rate, 5*time.Second)
	if err != nil || !ok {
		return
	}
	sleep(ctx, wait)
}

// errorText maps an error to what the person reads, in one place.
func (b *Bot) errorText(lang i18n.Lang, err error) string {
	var p *panicError
	switch {
	case errors.As(err, &p):
		return i18n.T(lang, "bot.err.internal")
	case errors.Is(err, core.ErrNotFound), errors.Is(err, core.ErrForbidden):
		return i18n.T(lang, "bot.err.not_yours")
	case errors.Is(err, core.ErrInvalidState):
		return i18n.T(lang, "bot.err.state")
	case errors.Is(err, core.ErrUnavailable):
		return i18n.T(lang, "bot.err.unavailable")
	}
	if v, ok := core.AsValidation(err); ok {
		return html.EscapeString(v.Message(lang))
	}
	var c *core.ConflictError
	if errors.As(err, &c) {
		return html.EscapeString(c.Message(lang))
	}
	return i18n.T(lang, "bot.err.internal")
}

// commands are the bot's command menu entries and their text keys.
var commands = []string{"menu", "mutasi", "preferensi", "keberatan", "survei", "bahasa", "bantuan", "privasi", "putus"}

// setCommands sets the command menu in Indonesian (the default) and
// English. Failures are logged: the bot works without the menu.
func (b *Bot) setCommands(ctx context.Context) {
	for _, lang := range i18n.Langs {
		cmds := make([]models.BotCommand, len(commands))
		for i, c := range commands {
			cmds[i] = models.BotCommand{Command: c, Description: i18n.T(lang, "bot.cmd."+c)}
		}
		code := ""
		if lang != i18n.ID {
			code = string(lang)
		}
		cctx, cancel := context.WithTimeout(ctx, replyTimeout)
		_, err := b.api.SetMyCommands(cctx, &tgbot.SetMyCommandsParams{Commands: cmds, LanguageCode: code})
		cancel()
		if err != nil {
			b.log.WarnContext(ctx, "telegram set commands failed", slog.String("error", redactToken(err.Error(), b.cfg.Token)))
		}
	}
}
