package telegramtest

import (
	"context"
	"errors"
	"strings"
	"testing"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// button builds a one-button inline keyboard.
func button(b models.InlineKeyboardButton) models.ReplyMarkup {
	return &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{b}}}
}

// TestSendMessageValidation sends through the library what Telegram accepts
// and what it rejects, and checks the fake answers alike.
func TestSendMessageValidation(t *testing.T) {
	manyButtons := make([]models.InlineKeyboardButton, 101)
	for i := range manyButtons {
		manyButtons[i] = models.InlineKeyboardButton{Text: "b", CallbackData: "d"}
	}
	tests := []struct {
		name    string
		params  tgbot.SendMessageParams // ChatID defaults to alice
		wantErr string                  // "" for success
	}{
		{"plain text", tgbot.SendMessageParams{Text: "Halo"}, ""},
		{"html", tgbot.SendMessageParams{Text: `<b>Mutasi</b> <i>ke</i> <a href="https://x.id">unit</a> &amp; <code>A&lt;B</code>`, ParseMode: models.ParseModeHTML}, ""},
		{"empty text", tgbot.SendMessageParams{Text: ""}, "Bad Request: message text is empty"},
		{"blank after parsing", tgbot.SendMessageParams{Text: "<b> </b>", ParseMode: models.ParseModeHTML}, "message text is empty"},
		{"4096 characters", tgbot.SendMessageParams{Text: strings.Repeat("é", 4096)}, ""},
		{"4097 characters", tgbot.SendMessageParams{Text: strings.Repeat("a", 4097)}, "Bad Request: message is too long"},
		{"length counted after parsing", tgbot.SendMessageParams{Text: "<b>" + strings.Repeat("a", 4096) + "</b>", ParseMode: models.ParseModeHTML}, ""},
		{"length counted in UTF-16", tgbot.SendMessageParams{Text: strings.Repeat("😀", 2049)}, "message is too long"},
		{"unclosed html tag", tgbot.SendMessageParams{Text: "<b>Halo", ParseMode: models.ParseModeHTML}, `can't parse entities: Can't find end tag corresponding to start tag "b"`},
		{"unknown html tag", tgbot.SendMessageParams{Text: "Halo<br>", ParseMode: models.ParseModeHTML}, `Unsupported start tag "br" at byte offset 4`},
		{"unescaped <", tgbot.SendMessageParams{Text: "2 < 3", ParseMode: models.ParseModeHTML}, `Unsupported start tag "" at byte offset 2`},
		{"crossed html tags", tgbot.SendMessageParams{Text: "<b><i>x</b></i>", ParseMode: models.ParseModeHTML}, `Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`},
		{"unknown parse mode", tgbot.SendMessageParams{Text: "x", ParseMode: "Plain"}, "Bad Request: unsupported parse_mode"},
		{"markdownv2 reserved character", tgbot.SendMessageParams{Text: "Selesai.", ParseMode: models.ParseModeMarkdown}, `Character '.' is reserved`},
		{"markdownv2 escaped", tgbot.SendMessageParams{Text: tgbot.EscapeMarkdown("Selesai. (1-2)") + " *tebal*", ParseMode: models.ParseModeMarkdown}, ""},
		{"legacy markdown unclosed", tgbot.SendMessageParams{Text: "*tebal", ParseMode: models.ParseModeMarkdownV1}, "Can't find end of the entity starting at byte offset 0"},
		{"nil chat id", tgbot.SendMessageParams{ChatID: nil, Text: "x"}, "Bad Request: chat_id is empty"},
		{"unknown chat", tgbot.SendMessageParams{ChatID: int64(999), Text: "x"}, "Bad Request: chat not found"},
		{"chat by username", tgbot.SendMessageParams{ChatID: "@alice", Text: "x"}, ""},
		{"callback button", tgbot.SendMessageParams{Text: "x", ReplyMarkup: button(models.InlineKeyboardButton{Text: "Ya", CallbackData: strings.Repeat("d", 64)})}, ""},
		{"callback_data of 65 bytes", tgbot.SendMessageParams{Text: "x", ReplyMarkup: button(models.InlineKeyboardButton{Text: "Ya", CallbackData: strings.Repeat("d", 65)})}, "Bad Request: BUTTON_DATA_INVALID"},
		{"callback_data of 33 two-byte characters", tgbot.SendMessageParams{Text: "x", ReplyMarkup: button(models.InlineKeyboardButton{Text: "Ya", CallbackData: strings.Repeat("é", 33)})}, "BUTTON_DATA_INVALID"},
		{"two action fields", tgbot.SendMessageParams{Text: "x", ReplyMarkup: button(models.InlineKeyboardButton{Text: "Ya", CallbackData: "y", URL: "https://x.id"})}, "exactly one of the optional fields must be used, found url, callback_data"},
		{"copy_text with callback_data", tgbot.SendMessageParams{Text: "x", ReplyMarkup: button(models.InlineKeyboardButton{Text: "Ya", CallbackData: "y", CopyText: models.CopyTextButton{Text: "123"}})}, "found callback_data, copy_text"},
		{"copy_text alone", tgbot.SendMessageParams{Text: "x", ReplyMarkup: button(models.InlineKeyboardButton{Text: "Salin", CopyText: models.CopyTextButton{Text: "123"}})}, ""},
		{"no action field", tgbot.SendMessageParams{Text: "x", ReplyMarkup: button(models.InlineKeyboardButton{Text: "Ya"})}, "Bad Request: BUTTON_COPY_TEXT_INVALID"},
		{"empty button text", tgbot.SendMessageParams{Text: "x", ReplyMarkup: button(models.InlineKeyboardButton{CallbackData: "y"})}, "Bad Request: BUTTON_TEXT_INVALID"},
		{"ftp url", tgbot.SendMessageParams{Text: "x", ReplyMarkup: button(models.InlineKeyboardButton{Text: "Ya", URL: "ftp://x.id"})}, "Bad Request: BUTTON_URL_INVALID"},
		{"101 buttons", tgbot.SendMessageParams{Text: "x", ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{manyButtons}}}, "Bad Request: reply markup is too long"},
		{"contact keyboard", tgbot.SendMessageParams{Text: "x", ReplyMarkup: &models.ReplyKeyboardMarkup{Keyboard: [][]models.KeyboardButton{{{Text: "Bagikan kontak", RequestContact: true}}}, ResizeKeyboard: true}}, ""},
		{"remove keyboard", tgbot.SendMessageParams{Text: "x", ReplyMarkup: &models.ReplyKeyboardRemove{RemoveKeyboard: true}}, ""},
	}
	fake := New(t)
	fake.AddUser(alice)
	b, _ := newBot(t, fake)
	ctx := testContext(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.params
			if p.ChatID == nil && tt.name != "nil chat id" {
				p.ChatID = alice.ID
			}
			before := fake.Stats().Sent
			_, err := b.SendMessage(ctx, &p)
			sent := fake.Stats().Sent - before
			if tt.wantErr == "" {
				if err != nil || sent != 1 {
					t.Fatalf("err = %v, sent %d; want success", err, sent)
				}
				return
			}
			if !errors.Is(err, tgbot.ErrorBadRequest) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want ErrorBadRequest containing %q", err, tt.wantErr)
			}
			if sent != 0 {
				t.Errorf("a rejected message was recorded as sent")
			}
		})
	}

	last, _ := fake.LastSent(alice.ID)
	if last.Keyboard == nil || !last.Keyboard.RemoveKeyboard {
		t.Errorf("last message keyboard = %+v, want a removal", last.Keyboard)
	}
}

func TestEditAndDelete(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	userMsg := fake.SendText(alice, "halo").Message.MessageID
	b, _ := newBot(t, fake)
	sent, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "Status: draf", ReplyMarkup: noticeKeyboard()})
	if err != nil {
		t.Fatal(err)
	}

	steps := []struct {
		name    string
		do      func() error
		wantErr string
	}{
		{"edit text keeping the keyboard", func() error {
			_, err := b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "Status: diumumkan", ReplyMarkup: noticeKeyboard()})
			return err
		}, ""},
		{"same text and keyboard", func() error {
			_, err := b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "Status: diumumkan", ReplyMarkup: noticeKeyboard()})
			return err
		}, "Bad Request: message is not modified"},
		{"user's message", func() error {
			_, err := b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: alice.ID, MessageID: userMsg, Text: "x"})
			return err
		}, "Bad Request: message can't be edited"},
		{"missing message", func() error {
			_, err := b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: alice.ID, MessageID: 99, Text: "x"})
			return err
		}, "Bad Request: message to edit not found"},
		{"remove the keyboard", func() error {
			_, err := b.EditMessageReplyMarkup(ctx, &tgbot.EditMessageReplyMarkupParams{ChatID: alice.ID, MessageID: sent.ID})
			return err
		}, ""},
		{"remove it again", func() error {
			_, err := b.EditMessageReplyMarkup(ctx, &tgbot.EditMessageReplyMarkupParams{ChatID: alice.ID, MessageID: sent.ID})
			return err
		}, "message is not modified"},
		{"delete", func() error {
			_, err := b.DeleteMessage(ctx, &tgbot.DeleteMessageParams{ChatID: alice.ID, MessageID: sent.ID})
			return err
		}, ""},
		{"delete again", func() error {
			_, err := b.DeleteMessage(ctx, &tgbot.DeleteMessageParams{ChatID: alice.ID, MessageID: sent.ID})
			return err
		}, "Bad Request: message to delete not found"},
		{"edit a deleted message", func() error {
			_, err := b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: alice.ID, MessageID: sent.ID, Text: "x"})
			return err
		}, "message to edit not found"},
	}
	for _, st := range steps {
		err := st.do()
		switch {
		case st.wantErr == "" && err != nil:
			t.Errorf("%s: %v", st.name, err)
		case st.wantErr != "" && (!errors.Is(err, tgbot.ErrorBadRequest) || !strings.Contains(err.Error(), st.wantErr)):
			t.Errorf("%s: err = %v, want %q", st.name, err, st.wantErr)
		}
	}

	msgs := fake.Sent(alice.ID)
	if len(msgs) != 1 || msgs[0].Text != "Status: diumumkan" || msgs[0].ReplyMarkup != nil || !msgs[0].Deleted || msgs[0].Edits != 2 {
		t.Errorf("sent = %+v", msgs)
	}
}

// TestCallbackOnDeletedMessage checks that a press on a deleted message
// reaches the library as an inaccessible message: Message.Message is nil.
func TestCallbackOnDeletedMessage(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	got := make(chan *models.Update, 1)
	b, _ := newBot(t, fake, tgbot.WithDefaultHandler(func(_ context.Context, _ *tgbot.Bot, upd *models.Update) { got <- upd }))
	sent, err := b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: "@alice", Text: "x"})
	if err == nil {
		t.Fatalf("sent to an unknown username: %+v", sent)
	}
	fake.AddUser(alice)
	sent, err = b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: alice.ID, Text: "x", ReplyMarkup: noticeKeyboard()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.DeleteMessage(ctx, &tgbot.DeleteMessageParams{ChatID: alice.ID, MessageID: sent.ID}); err != nil {
		t.Fatal(err)
	}
	run(t, b.Start)
	press := fake.ForgeCallback(alice, sent.ID, "ack:1")
	select {
	case upd := <-got:
		cq := upd.CallbackQuery
		if cq == nil || cq.ID != press.CallbackQuery.ID || cq.Message.Type != models.MaybeInaccessibleMessageTypeInaccessibleMessage ||
			cq.Message.Message != nil || cq.Message.InaccessibleMessage.MessageID != sent.ID {
			t.Errorf("callback = %+v", cq)
		}
	case <-ctx.Done():
		t.Fatal(ctx.Err())
	}
	if _, err := b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: press.CallbackQuery.ID}); err != nil {
		t.Errorf("answer: %v", err)
	}
	_, err = b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: press.CallbackQuery.ID})
	if !errors.Is(err, tgbot.ErrorBadRequest) || !strings.Contains(err.Error(), "query ID is invalid") {
		t.Errorf("second answer: err = %v", err)
	}
}
