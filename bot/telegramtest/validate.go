package telegramtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits from the Bot API documentation.
const (
	maxTextLen      = 4096 // sendMessage text, after entity parsing
	maxCaptionLen   = 1024 // media captions, after entity parsing
	maxCallbackData = 64   // callback_data, in bytes
	maxButtons      = 100  // buttons in one reply markup
	maxAnswerText   = 200  // answerCallbackQuery text
	maxCommands     = 100
)

// text is a parsed message text or caption.
type text struct {
	raw, mode, plain string
	entities         []MessageEntity
}

// messageText validates the text parameter of sendMessage and
// editMessageText: required, valid UTF-8, parseable under parse_mode, and
// 1–4096 characters once parsed.
func messageText(p params) (text, *apiError) {
	t, aerr := parseTextParam(p, "text", "entities")
	if aerr != nil {
		return t, aerr
	}
	if strings.TrimSpace(t.plain) == "" {
		return t, badRequest("message text is empty")
	}
	if utf16Len(t.plain) > maxTextLen {
		return t, badRequest("message is too long")
	}
	return t, nil
}

// caption validates an optional media caption: at most 1024 characters
// once parsed.
func caption(p params) (text, *apiError) {
	t, aerr := parseTextParam(p, "caption", "caption_entities")
	if aerr != nil {
		return t, aerr
	}
	if utf16Len(t.plain) > maxCaptionLen {
		return t, badRequest("message caption is too long")
	}
	return t, nil
}

// parseTextParam parses the named text with parse_mode, or with the given
// entities parameter when there is no parse_mode.
func parseTextParam(p params, name, entitiesName string) (text, *apiError) {
	t := text{raw: p.get(name), mode: p.get("parse_mode")}
	if !utf8.ValidString(t.raw) {
		return t, badRequest("strings must be encoded in UTF-8")
	}
	plain, ents, aerr := parseEntities(t.raw, t.mode)
	if aerr != nil {
		return t, aerr
	}
	t.plain, t.entities = plain, ents
	if raw := p.get(entitiesName); t.mode == "" && raw != "" {
		if err := json.Unmarshal([]byte(raw), &t.entities); err != nil {
			return t, badRequest("can't parse entities JSON object")
		}
	}
	return t, nil
}

// replyMarkup validates the optional reply_markup parameter. It returns the
// inline keyboard to attach to the message, or the reply keyboard (or its
// removal or a force reply) that goes with it.
func replyMarkup(p params) (*InlineKeyboardMarkup, *ReplyKeyboardMarkup, *apiError) {
	raw := strings.TrimSpace(p.get("reply_markup"))
	if raw == "" || raw == "null" {
		return nil, nil, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &obj); err != nil {
		return nil, nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	switch {
	case obj["inline_keyboard"] != nil:
		kb, aerr := inlineKeyboard(obj["inline_keyboard"])
		return kb, nil, aerr
	case obj["keyboard"] != nil:
		kb, aerr := replyKeyboard([]byte(raw), obj["keyboard"])
		return nil, kb, aerr
	case obj["remove_keyboard"] != nil:
		return nil, &ReplyKeyboardMarkup{RemoveKeyboard: true}, nil
	case obj["force_reply"] != nil:
		return nil, &ReplyKeyboardMarkup{ForceReply: true}, nil
	}
	return nil, nil, badRequest("can't parse reply keyboard markup JSON object")
}

// inlineKeyboard validates an inline_keyboard array of rows of buttons; a
// keyboard without buttons is no keyboard.
func inlineKeyboard(raw json.RawMessage) (*InlineKeyboardMarkup, *apiError) {
	var rows []json.RawMessage
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array")
	}
	kb := &InlineKeyboardMarkup{InlineKeyboard: [][]InlineKeyboardButton{}}
	total := 0
	for _, rawRow := range rows {
		var buttons []json.RawMessage
		if err := json.Unmarshal(rawRow, &buttons); err != nil {
			return nil, badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays")
		}
		row := make([]InlineKeyboardButton, 0, len(buttons))
		for _, rawButton := range buttons {
			b, aerr := inlineButton(rawButton)
			if aerr != nil {
				return nil, aerr
			}
			row = append(row, b)
		}
		total += len(row)
		kb.InlineKeyboard = append(kb.InlineKeyboard, row)
	}
	switch {
	case total > maxButtons:
		return nil, badRequest("reply markup is too long")
	case total == 0:
		return nil, nil
	}
	return kb, nil
}

// inlineButton validates one inline button: a non-empty text and exactly one
// action field, callback_data of 1–64 bytes, an http(s) or tg URL.
func inlineButton(raw json.RawMessage) (InlineKeyboardButton, *apiError) {
	const prefix = "can't parse inline keyboard button: "
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return InlineKeyboardButton{}, badRequest(prefix + "InlineKeyboardButton must be an Object")
	}
	if fields["text"] == nil {
		return InlineKeyboardButton{}, badRequest(prefix + "Can't find field \"text\"")
	}
	var b InlineKeyboardButton
	if err := json.Unmarshal(raw, &b); err != nil {
		return b, badRequest(prefix+"%s", jsonFieldError(err))
	}
	if b.Text == "" {
		return b, badRequest("BUTTON_TEXT_INVALID")
	}
	if b.CopyText != nil && b.CopyText.Text == "" {
		b.CopyText = nil
	}
	var actions []string
	present := func(name string, ok bool) {
		if ok {
			actions = append(actions, name)
		}
	}
	present("url", b.URL != "")
	present("callback_data", b.CallbackData != "")
	present("web_app", isObject(b.WebApp))
	present("login_url", isObject(b.LoginURL))
	present("switch_inline_query", b.SwitchInlineQuery != nil)
	present("switch_inline_query_current_chat", b.SwitchInlineQueryCurrentChat != nil)
	present("switch_inline_query_chosen_chat", isObject(b.SwitchInlineQueryChosenChat))
	present("copy_text", b.CopyText != nil)
	present("callback_game", isObject(b.CallbackGame))
	present("pay", b.Pay)
	switch {
	case len(actions) == 0 && fields["copy_text"] != nil:
		return b, badRequest("BUTTON_COPY_TEXT_INVALID")
	case len(actions) == 0:
		return b, badRequest(prefix + "Text buttons are unallowed in the inline keyboard")
	case len(actions) > 1:
		return b, badRequest(prefix+"exactly one of the optional fields must be used, found %s", strings.Join(actions, ", "))
	}
	if len(b.CallbackData) > maxCallbackData {
		return b, badRequest("BUTTON_DATA_INVALID")
	}
	if b.URL != "" && !validButtonURL(b.URL) {
		return b, badRequest("BUTTON_URL_INVALID")
	}
	return b, nil
}

// replyKeyboard validates a reply keyboard: rows of buttons, each a string
// or an object with a non-empty text.
func replyKeyboard(whole []byte, raw json.RawMessage) (*ReplyKeyboardMarkup, *apiError) {
	var rows [][]json.RawMessage
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, badRequest("field \"keyboard\" of the ReplyKeyboardMarkup must be an Array of Arrays")
	}
	var kb ReplyKeyboardMarkup
	if err := json.Unmarshal(whole, &struct {
		*ReplyKeyboardMarkup
		Keyboard json.RawMessage `json:"keyboard"`
	}{ReplyKeyboardMarkup: &kb}); err != nil {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	total := 0
	for _, rawRow := range rows {
		row := make([]KeyboardButton, 0, len(rawRow))
		for _, rawButton := range rawRow {
			var b KeyboardButton
			var s string
			if json.Unmarshal(rawButton, &s) == nil {
				b.Text = s
			} else if err := json.Unmarshal(rawButton, &b); err != nil {
				return nil, badRequest("can't parse keyboard button: %s", jsonFieldError(err))
			}
			if b.Text == "" {
				return nil, badRequest("BUTTON_TEXT_INVALID")
			}
			if b.RequestContact && b.RequestLocation {
				return nil, badRequest("can't parse keyboard button: exactly one of the optional fields must be used")
			}
			row = append(row, b)
		}
		total += len(row)
		kb.Keyboard = append(kb.Keyboard, row)
	}
	if total > maxButtons {
		return nil, badRequest("reply markup is too long")
	}
	return &kb, nil
}

// validButtonURL reports whether a button URL has a scheme Telegram accepts.
func validButtonURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "tg":
		return true
	}
	return false
}

// isObject reports whether raw holds a JSON object (not null, not absent).
func isObject(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '{'
}

// jsonFieldError names the field a JSON decode error is about.
func jsonFieldError(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "Field \"" + te.Field + "\" has wrong type"
	}
	return err.Error()
}

// commands validates setMyCommands' commands: at most 100, each command 1–32
// characters of a–z, 0–9 and _, each description 1–256 characters.
func commands(p params) ([]BotCommand, *apiError) {
	var cmds []BotCommand
	if err := json.Unmarshal([]byte(p.get("commands")), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	if len(cmds) > maxCommands {
		return nil, badRequest("too many commands specified")
	}
	for _, c := range cmds {
		if !validCommand(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := utf8.RuneCountInString(strings.TrimSpace(c.Description)); n < 1 || n > 256 {
			return nil, badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	return cmds, nil
}

// validCommand reports whether name is 1–32 of a–z, 0–9 and _.
func validCommand(name string) bool {
	if name == "" || len(name) > 32 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// commandsKey returns the key commands are stored under: the scope (default
// when absent) and the language code, which must be empty or two letters.
func commandsKey(p params) (string, *apiError) {
	lang := p.get("language_code")
	if lang != "" && (len(lang) != 2 || !isLower(lang)) {
		return "", badRequest("invalid language code specified")
	}
	scope := "default"
	if raw := p.get("scope"); raw != "" {
		var sc struct {
			Type   string          `json:"type"`
			ChatID json.RawMessage `json:"chat_id"`
			UserID int64           `json:"user_id"`
		}
		if err := json.Unmarshal([]byte(raw), &sc); err != nil || sc.Type == "" {
			return "", badRequest("can't parse BotCommandScope JSON object")
		}
		scope = sc.Type
		if len(sc.ChatID) > 0 {
			scope += ":" + strings.Trim(string(sc.ChatID), `"`)
		}
		if sc.UserID != 0 {
			scope += ":" + strconv.FormatInt(sc.UserID, 10)
		}
	}
	return scope + "/" + lang, nil
}

func isLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
