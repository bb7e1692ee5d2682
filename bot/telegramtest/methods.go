package telegramtest

import (
	"context"
	"encoding/json"
	"reflect"
)

// handler executes one Bot API method and returns its result or error.
type handler func(s *Server, ctx context.Context, p params) (any, *apiError)

// methods maps lower-cased method names to their handlers; Telegram matches
// method names case-insensitively. Other methods answer 404 "Not Found".
var methods = map[string]handler{
	"getme":                  (*Server).getMe,
	"getupdates":             (*Server).getUpdates,
	"setwebhook":             (*Server).setWebhook,
	"deletewebhook":          (*Server).deleteWebhook,
	"getwebhookinfo":         (*Server).getWebhookInfo,
	"sendmessage":            (*Server).sendMessage,
	"senddocument":           (*Server).sendDocument,
	"sendphoto":              (*Server).sendPhoto,
	"sendchataction":         (*Server).sendChatAction,
	"editmessagetext":        (*Server).editMessageText,
	"editmessagereplymarkup": (*Server).editMessageReplyMarkup,
	"deletemessage":          (*Server).deleteMessage,
	"answercallbackquery":    (*Server).answerCallbackQuery,
	"setmycommands":          (*Server).setMyCommands,
	"getmycommands":          (*Server).getMyCommands,
	"deletemycommands":       (*Server).deleteMyCommands,
	"getfile":                (*Server).getFile,
}

// getMe reports the bot user, whose id is the token's numeric prefix.
func (s *Server) getMe(context.Context, params) (any, *apiError) {
	u := s.cfg.botUser
	return map[string]any{
		"id": u.ID, "is_bot": true, "first_name": u.FirstName, "username": u.Username,
		"can_join_groups": true, "can_read_all_group_messages": false,
		"supports_inline_queries": false, "can_connect_to_business": false, "has_main_web_app": false,
	}, nil
}

// sendMessage checks the text and reply_markup, then the chat (known,
// not blocked, within the rates), and only then records the message.
func (s *Server) sendMessage(_ context.Context, p params) (any, *apiError) {
	t, aerr := messageText(p)
	if aerr != nil {
		return nil, aerr
	}
	inline, kb, aerr := replyMarkup(p)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, aerr := s.sendTarget(p)
	if aerr != nil {
		return nil, aerr
	}
	m := s.newMessage(c, s.cfg.botUser)
	m.Text, m.Entities, m.RawText, m.ParseMode = t.plain, t.entities, t.raw, t.mode
	m.ReplyMarkup, m.Keyboard = inline, kb
	s.sent(*m)
	return *m, nil
}

// sendDocument sends a document; see sendMedia.
func (s *Server) sendDocument(_ context.Context, p params) (any, *apiError) {
	return s.sendMedia(p, "document")
}

// sendPhoto sends a photo; see sendMedia.
func (s *Server) sendPhoto(_ context.Context, p params) (any, *apiError) {
	return s.sendMedia(p, "photo")
}

// sendMedia sends a document or photo: an uploaded file, or the file_id of
// a file the fake knows. URLs are refused: the fake has no network.
func (s *Server) sendMedia(p params, kind string) (any, *apiError) {
	t, aerr := caption(p)
	if aerr != nil {
		return nil, aerr
	}
	inline, kb, aerr := replyMarkup(p)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, stored, aerr := s.mediaParam(p, kind)
	if aerr != nil {
		return nil, aerr
	}
	c, aerr := s.sendTarget(p)
	if aerr != nil {
		return nil, aerr
	}
	if !stored {
		s.storeFile(f)
	}
	m := s.newMessage(c, s.cfg.botUser)
	m.Caption, m.CaptionEntities, m.RawText, m.ParseMode = t.plain, t.entities, t.raw, t.mode
	m.ReplyMarkup, m.Keyboard = inline, kb
	attach(m, f)
	s.sent(*m)
	return *m, nil
}

// sendTarget resolves the chat of a send and admits it (block, rates).
// Callers hold mu.
func (s *Server) sendTarget(p params) (*chat, *apiError) {
	c, aerr := s.targetChat(p)
	if aerr != nil {
		return nil, aerr
	}
	return c, s.admitSend(c)
}

// sendChatAction accepts Telegram's actions for a known, unblocked chat
// and records nothing.
func (s *Server) sendChatAction(_ context.Context, p params) (any, *apiError) {
	switch p.get("action") {
	case "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
		"upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note":
	default:
		return nil, badRequest("wrong parameter action in request")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, aerr := s.targetChat(p)
	if aerr != nil {
		return nil, aerr
	}
	if c.blocked {
		return nil, errBlocked
	}
	return true, nil
}

// editTarget finds the bot's message named by chat_id and message_id for an
// edit. Callers hold mu.
func (s *Server) editTarget(p params) (*chat, *Message, *apiError) {
	if p.get("inline_message_id") != "" {
		return nil, nil, badRequest("message to edit not found")
	}
	id, _, aerr := p.integer("message_id")
	if aerr != nil {
		return nil, nil, aerr
	}
	c, aerr := s.targetChat(p)
	if aerr != nil {
		return nil, nil, aerr
	}
	m := c.message(id)
	if m == nil || m.Deleted {
		return nil, nil, badRequest("message to edit not found")
	}
	if m.From == nil || m.From.ID != s.cfg.botUser.ID {
		return nil, nil, badRequest("message can't be edited")
	}
	return c, m, nil
}

// editMessageText replaces the text of a bot message. As in Telegram, an
// edit without reply_markup removes the inline keyboard, and an edit that
// changes nothing answers 400 "message is not modified".
func (s *Server) editMessageText(_ context.Context, p params) (any, *apiError) {
	t, aerr := messageText(p)
	if aerr != nil {
		return nil, aerr
	}
	inline, _, aerr := replyMarkup(p)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, aerr := s.editTarget(p)
	if aerr != nil {
		return nil, aerr
	}
	if m.Text == "" {
		return nil, badRequest("there is no text in the message to edit")
	}
	if m.Text == t.plain && reflect.DeepEqual(m.Entities, t.entities) && sameMarkup(m.ReplyMarkup, inline) {
		return nil, errNotModified
	}
	if aerr := s.admitSend(c); aerr != nil {
		return nil, aerr
	}
	e := *m
	e.Text, e.Entities, e.RawText, e.ParseMode = t.plain, t.entities, t.raw, t.mode
	e.ReplyMarkup = inline
	return s.edited(c, e), nil
}

// editMessageReplyMarkup replaces (or, without reply_markup, removes) the
// inline keyboard of a bot message.
func (s *Server) editMessageReplyMarkup(_ context.Context, p params) (any, *apiError) {
	inline, _, aerr := replyMarkup(p)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, m, aerr := s.editTarget(p)
	if aerr != nil {
		return nil, aerr
	}
	if sameMarkup(m.ReplyMarkup, inline) {
		return nil, errNotModified
	}
	if aerr := s.admitSend(c); aerr != nil {
		return nil, aerr
	}
	e := *m
	e.ReplyMarkup = inline
	return s.edited(c, e), nil
}

// errNotModified is Telegram's answer to an edit that changes nothing.
var errNotModified = badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")

// edited stores an edit of a bot message and returns the new message.
// Callers hold mu.
func (s *Server) edited(c *chat, e Message) Message {
	e.EditDate = s.now().Unix()
	e.Edits++
	c.replace(e)
	s.stats.Edited++
	s.notify()
	return e
}

// sameMarkup reports whether two inline keyboards are equal, nil and empty alike.
func sameMarkup(a, b *InlineKeyboardMarkup) bool {
	empty := func(k *InlineKeyboardMarkup) bool { return k == nil || len(k.InlineKeyboard) == 0 }
	if empty(a) || empty(b) {
		return empty(a) == empty(b)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// deleteMessage marks a message of the chat deleted; Sent still lists it.
func (s *Server) deleteMessage(_ context.Context, p params) (any, *apiError) {
	id, _, aerr := p.integer("message_id")
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, aerr := s.targetChat(p)
	if aerr != nil {
		return nil, aerr
	}
	m := c.message(id)
	if m == nil || m.Deleted {
		return nil, badRequest("message to delete not found")
	}
	d := *m
	d.Deleted = true
	c.replace(d)
	s.stats.Deleted++
	s.notify()
	return true, nil
}

// answerCallbackQuery records the answer to a query the fake sent; a query
// can be answered once, with at most 200 characters of text.
func (s *Server) answerCallbackQuery(_ context.Context, p params) (any, *apiError) {
	id := p.get("callback_query_id")
	text := p.get("text")
	if utf16Len(text) > maxAnswerText {
		return nil, badRequest("MESSAGE_TOO_LONG")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	q, ok := s.queries[id]
	if !ok || q.answer != nil {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	q.answer = &CallbackAnswer{QueryID: id, Text: text, ShowAlert: p.boolean("show_alert"), URL: p.get("url")}
	s.notify()
	return true, nil
}

// setMyCommands stores the commands per scope and language_code.
func (s *Server) setMyCommands(_ context.Context, p params) (any, *apiError) {
	cmds, aerr := commands(p)
	if aerr != nil {
		return nil, aerr
	}
	key, aerr := commandsKey(p)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands[key] = cmds
	s.notify()
	return true, nil
}

// getMyCommands returns the commands stored for exactly that scope and
// language_code, none if there are none.
func (s *Server) getMyCommands(_ context.Context, p params) (any, *apiError) {
	key, aerr := commandsKey(p)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cmds := s.commands[key]
	if cmds == nil {
		cmds = []BotCommand{}
	}
	return cmds, nil
}

// deleteMyCommands forgets the commands of a scope and language_code.
func (s *Server) deleteMyCommands(_ context.Context, p params) (any, *apiError) {
	key, aerr := commandsKey(p)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.commands, key)
	s.notify()
	return true, nil
}
