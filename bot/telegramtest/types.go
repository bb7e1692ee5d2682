package telegramtest

import "encoding/json"

// The types below are the Bot API objects the fake reads and writes, declared
// here rather than borrowed from the library under test so that a mistake in
// the library's models shows up as a failing test instead of being mirrored.

// User is a Telegram user or bot, as in https://core.telegram.org/bots/api#user.
type User struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name,omitempty"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

// Chat is a chat as it appears inside a Message. The fake only has private
// chats: a user's chat has the user's id.
type Chat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	Username  string `json:"username,omitempty"`
}

// MessageEntity marks a span of a text: a command, bold text, a link...
// Offset and Length count UTF-16 code units, as Telegram does.
type MessageEntity struct {
	Type          string `json:"type"`
	Offset        int    `json:"offset"`
	Length        int    `json:"length"`
	URL           string `json:"url,omitempty"`
	Language      string `json:"language,omitempty"`
	CustomEmojiID string `json:"custom_emoji_id,omitempty"`
}

// Message is a message in a chat, sent by a user or by the bot.
//
// The fields tagged json:"-" are what the fake records for inspection and
// never sends to the bot: RawText is the text exactly as the bot sent it
// (before parse_mode was applied, Text is the parsed plain text), Keyboard is
// the reply keyboard (or its removal) sent along with the message, Deleted
// says the bot deleted it, Edits counts successful edits.
type Message struct {
	MessageID       int                   `json:"message_id"`
	From            *User                 `json:"from,omitempty"`
	Chat            Chat                  `json:"chat"`
	Date            int64                 `json:"date"`
	EditDate        int64                 `json:"edit_date,omitempty"`
	ForwardOrigin   *MessageOrigin        `json:"forward_origin,omitempty"`
	Text            string                `json:"text,omitempty"`
	Entities        []MessageEntity       `json:"entities,omitempty"`
	Caption         string                `json:"caption,omitempty"`
	CaptionEntities []MessageEntity       `json:"caption_entities,omitempty"`
	Document        *Document             `json:"document,omitempty"`
	Photo           []PhotoSize           `json:"photo,omitempty"`
	Contact         *Contact              `json:"contact,omitempty"`
	ReplyMarkup     *InlineKeyboardMarkup `json:"reply_markup,omitempty"`

	RawText   string               `json:"-"`
	ParseMode string               `json:"-"`
	Keyboard  *ReplyKeyboardMarkup `json:"-"`
	Deleted   bool                 `json:"-"`
	Edits     int                  `json:"-"`
}

// Button returns the inline button labelled text, if the message has one.
func (m Message) Button(text string) (InlineKeyboardButton, bool) {
	if m.ReplyMarkup == nil {
		return InlineKeyboardButton{}, false
	}
	for _, row := range m.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			if b.Text == text {
				return b, true
			}
		}
	}
	return InlineKeyboardButton{}, false
}

// hasCallbackData reports whether one of the message's inline buttons carries data.
func (m Message) hasCallbackData(data string) bool {
	if m.ReplyMarkup == nil {
		return false
	}
	for _, row := range m.ReplyMarkup.InlineKeyboard {
		for _, b := range row {
			if b.CallbackData == data {
				return true
			}
		}
	}
	return false
}

// MessageOrigin says where a forwarded message came from: a "user", or a
// "hidden_user" known only by name.
type MessageOrigin struct {
	Type           string `json:"type"`
	Date           int64  `json:"date"`
	SenderUser     *User  `json:"sender_user,omitempty"`
	SenderUserName string `json:"sender_user_name,omitempty"`
}

// InlineKeyboardMarkup is the inline keyboard attached to a message.
type InlineKeyboardMarkup struct {
	InlineKeyboard [][]InlineKeyboardButton `json:"inline_keyboard"`
}

// InlineKeyboardButton is one inline button. The fake stores the fields the
// bot sent; it drops an empty copy_text, which Telegram ignores (see the
// package documentation).
type InlineKeyboardButton struct {
	Text                         string          `json:"text"`
	URL                          string          `json:"url,omitempty"`
	CallbackData                 string          `json:"callback_data,omitempty"`
	WebApp                       json.RawMessage `json:"web_app,omitempty"`
	LoginURL                     json.RawMessage `json:"login_url,omitempty"`
	SwitchInlineQuery            *string         `json:"switch_inline_query,omitempty"`
	SwitchInlineQueryCurrentChat *string         `json:"switch_inline_query_current_chat,omitempty"`
	SwitchInlineQueryChosenChat  json.RawMessage `json:"switch_inline_query_chosen_chat,omitempty"`
	CopyText                     *CopyTextButton `json:"copy_text,omitempty"`
	CallbackGame                 json.RawMessage `json:"callback_game,omitempty"`
	Pay                          bool            `json:"pay,omitempty"`
}

// CopyTextButton is the payload of a copy_text inline button.
type CopyTextButton struct {
	Text string `json:"text"`
}

// ReplyKeyboardMarkup records a reply keyboard sent with a message, or its
// removal (RemoveKeyboard) or a force-reply request (ForceReply).
type ReplyKeyboardMarkup struct {
	Keyboard              [][]KeyboardButton `json:"keyboard,omitempty"`
	IsPersistent          bool               `json:"is_persistent,omitempty"`
	ResizeKeyboard        bool               `json:"resize_keyboard,omitempty"`
	OneTimeKeyboard       bool               `json:"one_time_keyboard,omitempty"`
	InputFieldPlaceholder string             `json:"input_field_placeholder,omitempty"`
	Selective             bool               `json:"selective,omitempty"`
	RemoveKeyboard        bool               `json:"remove_keyboard,omitempty"`
	ForceReply            bool               `json:"force_reply,omitempty"`
}

// KeyboardButton is one button of a reply keyboard.
type KeyboardButton struct {
	Text            string `json:"text"`
	RequestContact  bool   `json:"request_contact,omitempty"`
	RequestLocation bool   `json:"request_location,omitempty"`
}

// Contact is a shared phone contact. UserID is zero when the contact is not
// a Telegram user.
type Contact struct {
	PhoneNumber string `json:"phone_number"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name,omitempty"`
	UserID      int64  `json:"user_id,omitempty"`
}

// Document is a general file attached to a message.
type Document struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int64  `json:"file_size,omitempty"`
}

// PhotoSize is one size of a photo.
type PhotoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int64  `json:"file_size,omitempty"`
}

// File is the answer to getFile: FilePath completes the download URL
// <URL>/file/bot<token>/<FilePath>.
type File struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileSize     int64  `json:"file_size,omitempty"`
	FilePath     string `json:"file_path,omitempty"`
}

// CallbackQuery is a press on an inline button. Message is the message the
// button belongs to, or, when that message is gone, an inaccessible message
// (date 0), as Telegram sends it.
type CallbackQuery struct {
	ID           string   `json:"id"`
	From         User     `json:"from"`
	Message      *Message `json:"message,omitempty"`
	ChatInstance string   `json:"chat_instance"`
	Data         string   `json:"data,omitempty"`
}

// ChatMember is a member's status in a chat ("member", "kicked", ...).
type ChatMember struct {
	Status    string `json:"status"`
	User      User   `json:"user"`
	UntilDate int64  `json:"until_date,omitempty"`
}

// ChatMemberUpdated reports a change of a member's status; in a private chat,
// the bot's own status changing to "kicked" means the user blocked the bot.
type ChatMemberUpdated struct {
	Chat          Chat       `json:"chat"`
	From          User       `json:"from"`
	Date          int64      `json:"date"`
	OldChatMember ChatMember `json:"old_chat_member"`
	NewChatMember ChatMember `json:"new_chat_member"`
}

// Update is one incoming update. Exactly one of the pointer fields is set.
type Update struct {
	UpdateID      int64              `json:"update_id"`
	Message       *Message           `json:"message,omitempty"`
	EditedMessage *Message           `json:"edited_message,omitempty"`
	CallbackQuery *CallbackQuery     `json:"callback_query,omitempty"`
	MyChatMember  *ChatMemberUpdated `json:"my_chat_member,omitempty"`
}

// kind returns the update's type as allowed_updates names it.
func (u Update) kind() string {
	switch {
	case u.Message != nil:
		return "message"
	case u.EditedMessage != nil:
		return "edited_message"
	case u.CallbackQuery != nil:
		return "callback_query"
	case u.MyChatMember != nil:
		return "my_chat_member"
	}
	return ""
}

// BotCommand is one entry of the bot's command menu.
type BotCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// WebhookInfo is the answer to getWebhookInfo.
type WebhookInfo struct {
	URL                  string   `json:"url"`
	HasCustomCertificate bool     `json:"has_custom_certificate"`
	PendingUpdateCount   int      `json:"pending_update_count"`
	IPAddress            string   `json:"ip_address,omitempty"`
	LastErrorDate        int64    `json:"last_error_date,omitempty"`
	LastErrorMessage     string   `json:"last_error_message,omitempty"`
	MaxConnections       int      `json:"max_connections,omitempty"`
	AllowedUpdates       []string `json:"allowed_updates,omitempty"`
}

// CallbackAnswer records the bot's answerCallbackQuery for a button press.
type CallbackAnswer struct {
	QueryID   string
	Text      string
	ShowAlert bool
	URL       string
}
