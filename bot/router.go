package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// session is one update's sender: their chat, the employee linked to
// them (nil when unlinked) and their language.
type session struct {
	userID   int64
	chatID   int64
	emp      *core.Employee
	inactive int64 // the id of the linked employee when no longer active
	lang     i18n.Lang
}

// t returns the text key in the session's language.
func (s *session) t(key string, args ...any) string { return i18n.T(s.lang, key, args...) }

// Per-user limits on incoming messages.
const (
	userRateWindow = time.Minute
	maxTextRunes   = 4096
)

// handle routes one update. Handlers answer the person themselves; a
// returned error is unexpected and becomes an apology.
func (b *Bot) handle(ctx context.Context, upd *models.Update) error {
	switch {
	case upd.Message != nil:
		return b.onMessage(ctx, upd.Message)
	case upd.CallbackQuery != nil:
		return b.onCallback(ctx, upd.CallbackQuery)
	case upd.MyChatMember != nil:
		return b.onMember(ctx, upd.MyChatMember)
	}
	return nil
}

// newSession identifies the sender of an update.
func (b *Bot) newSession(ctx context.Context, user *models.User, chat int64) (*session, error) {
	s := &session{userID: user.ID, chatID: chat, lang: i18n.Parse(user.LanguageCode)}
	e, err := b.store.EmployeeByTelegram(ctx, user.ID)
	switch {
	case err == nil && !e.Active:
		// No longer in service: the link stays for HR to see, but the
		// bot shows nothing of the record.
		s.inactive, s.lang = e.ID, i18n.Parse(e.Language)
	case err == nil:
		s.emp, s.lang = &e, i18n.Parse(e.Language)
	case !errors.Is(err, core.ErrNotFound):
		return nil, err
	}
	return s, nil
}

// allow applies the per-user rate limit; over it, the user is told once a
// minute and the message is dropped.
func (b *Bot) allow(ctx context.Context, s *session) bool {
	ok, err := b.lim.Allow(ctx, "user:"+strconv.FormatInt(s.userID, 10), b.cfg.UserLimit, userRateWindow)
	if err != nil || ok {
		return true // without Redis, no limit
	}
	if warn, _ := b.lim.Allow(ctx, "userwarn:"+strconv.FormatInt(s.userID, 10), 1, userRateWindow); warn {
		b.send(ctx, s.chatID, s.t("bot.err.too_fast"), nil)
	}
	return false
}

func (b *Bot) onMessage(ctx context.Context, m *models.Message) error {
	if m.Chat.Type != models.ChatTypePrivate || m.From == nil || m.From.IsBot {
		return nil
	}
	s, err := b.newSession(ctx, m.From, m.Chat.ID)
	if err != nil {
		return err
	}
	if !b.allow(ctx, s) {
		return nil
	}
	if m.Contact != nil {
		return b.linkByContact(ctx, s, m)
	}
	cmd, arg := command(m.Text)
	switch cmd {
	case "start":
		if arg != "" {
			return b.linkByCode(ctx, s, arg)
		}
		return b.welcome(ctx, s)
	case "putus":
		return b.unlink(ctx, s)
	case "bantuan", "help":
		return b.help(ctx, s)
	case "privasi", "privacy":
		return b.privacy(ctx, s)
	}
	if s.emp == nil {
		if item := menuItem(m.Text); item == "help" || item == "privacy" {
			return b.menuAction(ctx, s, item)
		}
		return b.howToLink(ctx, s)
	}
	switch cmd {
	case "menu":
		return b.showMenu(ctx, s)
	case "bahasa", "language":
		return b.chooseLanguage(ctx, s)
	case "mutasi":
		return b.myTransfers(ctx, s)
	case "preferensi":
		return b.preferences(ctx, s)
	case "keberatan":
		return b.objections(ctx, s)
	case "survei":
		return b.surveys(ctx, s)
	case "batal", "cancel":
		_ = b.state.DeleteState(ctx, stateKey(s))
		b.send(ctx, s.chatID, s.t("bot.flow.cancelled"), b.menuKeyboard(s))
		return nil
	case "":
	default:
		b.send(ctx, s.chatID, s.t("bot.unknown"), b.menuKeyboard(s))
		return nil
	}
	if item := menuItem(m.Text); item != "" {
		_ = b.state.DeleteState(ctx, stateKey(s)) // a menu choice leaves any flow
		return b.menuAction(ctx, s, item)
	}
	if utf8.RuneCountInString(m.Text) > maxTextRunes {
		b.send(ctx, s.chatID, s.t("bot.err.too_long", maxTextRunes), nil)
		return nil
	}
	st, err := b.loadConv(ctx, s)
	if err != nil {
		return err
	}
	if st == nil {
		if m.Text != "" {
			b.send(ctx, s.chatID, s.t("bot.flow.expired_text"), b.menuKeyboard(s))
		} else {
			b.send(ctx, s.chatID, s.t("bot.unknown"), b.menuKeyboard(s))
		}
		return nil
	}
	switch st.Flow {
	case flowObjection:
		return b.objectionInput(ctx, s, st, m)
	case flowPreference:
		return b.preferenceInput(ctx, s, st, m)
	case flowSurvey:
		return b.surveyInput(ctx, s, st, m)
	}
	b.send(ctx, s.chatID, s.t("bot.unknown"), b.menuKeyboard(s))
	return nil
}

// command splits "/cmd@bot args" into "cmd" and "args"; text that is not a
// command gives "", "". Telegram's entity offsets are not needed: a
// command is always at the start of the text.
func command(text string) (string, string) {
	text = strings.TrimSpace(text)
	if !strings.HasPrefix(text, "/") {
		return "", ""
	}
	word, arg, _ := strings.Cut(text[1:], " ")
	word, _, _ = strings.Cut(word, "@")
	return strings.ToLower(word), strings.TrimSpace(arg)
}

func (b *Bot) onCallback(ctx context.Context, q *models.CallbackQuery) error {
	chat := q.From.ID
	msgID := 0
	if q.Message.Message != nil {
		if q.Message.Message.Chat.Type != models.ChatTypePrivate {
			b.answer(ctx, q.ID, "")
			return nil
		}
		chat, msgID = q.Message.Message.Chat.ID, q.Message.Message.ID
	}
	s, err := b.newSession(ctx, &q.From, chat)
	if err != nil {
		return err
	}
	if !b.allow(ctx, s) {
		b.answer(ctx, q.ID, "")
		return nil
	}
	c, err := parseCallback(q.Data)
	if err != nil {
		b.log.WarnContext(ctx, "telegram callback rejected", slog.Int64("user_id", s.userID), slog.Int("bytes", len(q.Data)))
		b.answer(ctx, q.ID, s.t("bot.err.bad_button"))
		return nil
	}
	if c.Verb == cbLang {
		return b.setLanguage(ctx, s, q.ID, c.Arg)
	}
	if s.emp == nil {
		b.answer(ctx, q.ID, "")
		return b.howToLink(ctx, s)
	}
	a := &action{q: q.ID, msgID: msgID, cb: c}
	switch c.Verb {
	case cbAck:
		return b.acknowledge(ctx, s, a)
	case cbDetail:
		return b.detail(ctx, s, a)
	case cbObject, cbObjCat, cbObjStep:
		return b.objectionStep(ctx, s, a)
	case cbPrefStart, cbPrefUnit, cbPrefPage, cbPrefNext, cbPrefWill, cbPrefCons, cbPrefReason, cbPrefSave:
		return b.preferenceStep(ctx, s, a)
	case cbSurvey, cbAnswer:
		return b.surveyStep(ctx, s, a)
	}
	b.answer(ctx, q.ID, s.t("bot.err.bad_button"))
	return nil
}

// action is one button press.
type action struct {
	q     string // callback query id
	msgID int    // the message carrying the button, 0 when inaccessible
	cb    callback
}

// onMember records that a user blocked the bot (unreachable) or came back.
func (b *Bot) onMember(ctx context.Context, m *models.ChatMemberUpdated) error {
	if m.Chat.Type != models.ChatTypePrivate {
		return nil
	}
	e, err := b.store.EmployeeByTelegram(ctx, m.From.ID)
	if errors.Is(err, core.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	var at *time.Time
	if m.NewChatMember.Type == models.ChatMemberTypeBanned || m.NewChatMember.Type == models.ChatMemberTypeLeft {
		now := b.clock.Now()
		at = &now
	}
	return b.store.SetUnreachable(ctx, e.ID, at)
}

// Conversation flows kept in Redis.
const (
	flowObjection  = "objection"
	flowPreference = "preference"
	flowSurvey     = "survey"
)

// convTTL is how long an unfinished conversation is remembered.
const convTTL = 30 * time.Minute

// conv is a conversation in progress. It holds nothing confirmed: what an
// employee confirms is in the database before the bot says so.
type conv struct {
	Flow       string `json:"flow"`
	Step       string `json:"step"`
	TransferID int64  `json:"transfer_id,omitempty"`
	Category   string `json:"category,omitempty"`
	Text       string `json:"text,omitempty"`
	Files      []string
	Units      []int64 `json:"units,omitempty"`
	Query      string  `json:"query,omitempty"`
	Willing    string  `json:"willing,omitempty"`
	Health     bool    `json:"health,omitempty"`
	Family     bool    `json:"family,omitempty"`
	Domicile   bool    `json:"domicile,omitempty"`
	Invitation int64   `json:"invitation,omitempty"`
	Seq        int     `json:"seq,omitempty"`
}

func stateKey(s *session) string { return "conv:" + strconv.FormatInt(s.userID, 10) }

// loadConv returns the user's conversation, or nil when there is none
// (never started, expired, or Redis lost it).
func (b *Bot) loadConv(ctx context.Context, s *session) (*conv, error) {
	raw, err := b.state.LoadState(ctx, stateKey(s))
	if err != nil {
		if errors.Is(err, core.ErrUnavailable) {
			return nil, nil // Redis is down: as good as lost
		}
		return nil, err
	}
	if raw == nil {
		return nil, nil
	}
	var c conv
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, nil
	}
	return &c, nil
}

// saveConv stores the conversation for convTTL.
func (b *Bot) saveConv(ctx context.Context, s *session, c *conv) error {
	raw, err := json.Marshal(c)
	if err != nil {
		return err
	}
	if err := b.state.SaveState(ctx, stateKey(s), raw, convTTL); err != nil {
		return fmt.Errorf("save conversation: %w", err)
	}
	return nil
}

func (b *Bot) endConv(ctx context.Context, s *session) { _ = b.state.DeleteState(ctx, stateKey(s)) }
