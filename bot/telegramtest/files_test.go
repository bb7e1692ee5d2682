package telegramtest

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// pngImage returns a w×h PNG.
func pngImage(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestUserDocumentRoundTrip has a user send a PDF, the bot download it with
// getFile and the download URL, and send it back as an upload.
func TestUserDocumentRoundTrip(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	pdf := []byte("%PDF-1.4 surat keterangan dokter")
	type download struct {
		data []byte
		err  error
	}
	got := make(chan download, 1)
	b, _ := newBot(t, fake, tgbot.WithDefaultHandler(func(ctx context.Context, b *tgbot.Bot, upd *models.Update) {
		doc := upd.Message.Document
		f, err := b.GetFile(ctx, &tgbot.GetFileParams{FileID: doc.FileID})
		if err != nil {
			got <- download{err: err}
			return
		}
		resp, err := http.Get(b.FileDownloadLink(f))
		if err != nil {
			got <- download{err: err}
			return
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		got <- download{data, err}
		_, _ = b.SendDocument(ctx, &tgbot.SendDocumentParams{
			ChatID:   upd.Message.Chat.ID,
			Document: &models.InputFileUpload{Filename: "tanda-terima.pdf", Data: bytes.NewReader(data)},
			Caption:  "Tanda terima <b>K-001</b>", ParseMode: models.ParseModeHTML,
		})
	}))
	run(t, b.Start)

	u := fake.SendDocument(alice, "surat.pdf", pdf, "lampiran")
	if d := u.Message.Document; d == nil || d.MimeType != "application/pdf" || d.FileSize != int64(len(pdf)) || d.FileName != "surat.pdf" {
		t.Fatalf("user document = %+v", d)
	}
	d := <-got
	if d.err != nil || !bytes.Equal(d.data, pdf) {
		t.Fatalf("download = %q, %v", d.data, d.err)
	}
	msgs, err := fake.WaitSent(ctx, alice.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	doc := msgs[0].Document
	if doc == nil || doc.FileName != "tanda-terima.pdf" || doc.MimeType != "application/pdf" || msgs[0].Caption != "Tanda terima K-001" {
		t.Fatalf("sent = %+v, document %+v", msgs[0], doc)
	}
	if data, ok := fake.FileContent(doc.FileID); !ok || !bytes.Equal(data, pdf) {
		t.Errorf("uploaded content = %q", data)
	}
}

func TestSendMediaValidation(t *testing.T) {
	fake := New(t)
	userPhoto := fake.SendPhoto(alice, pngImage(t, 4, 3), "").Message.Photo[0]
	userDoc := fake.SendDocument(alice, "a.txt", []byte("x"), "").Message.Document
	b, _ := newBot(t, fake)
	ctx := testContext(t)
	tests := []struct {
		name    string
		send    func() (*models.Message, error)
		wantErr string
	}{
		{"photo upload", func() (*models.Message, error) {
			return b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileUpload{Filename: "p.png", Data: bytes.NewReader(pngImage(t, 8, 6))}})
		}, ""},
		{"not an image", func() (*models.Message, error) {
			return b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileUpload{Filename: "p.png", Data: strings.NewReader("teks")}})
		}, "Bad Request: IMAGE_PROCESS_FAILED"},
		{"photo by file_id", func() (*models.Message, error) {
			return b.SendPhoto(ctx, &tgbot.SendPhotoParams{ChatID: alice.ID, Photo: &models.InputFileString{Data: userPhoto.FileID}})
		}, ""},
		{"document by file_id", func() (*models.Message, error) {
			return b.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: userDoc.FileID}})
		}, ""},
		{"photo id as document", func() (*models.Message, error) {
			return b.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: userPhoto.FileID}})
		}, "type of file mismatch"},
		{"unknown file_id", func() (*models.Message, error) {
			return b.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: "nope"}})
		}, "wrong file identifier/HTTP URL specified"},
		{"url", func() (*models.Message, error) {
			return b.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: "https://example.com/a.pdf"}})
		}, "failed to get HTTP URL content"},
		{"caption too long", func() (*models.Message, error) {
			return b.SendDocument(ctx, &tgbot.SendDocumentParams{ChatID: alice.ID, Document: &models.InputFileString{Data: userDoc.FileID}, Caption: strings.Repeat("a", 1025)})
		}, "message caption is too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := tt.send()
			if tt.wantErr == "" {
				if err != nil || (m.Document == nil && len(m.Photo) == 0) {
					t.Errorf("send = %+v, %v", m, err)
				}
				return
			}
			if !errors.Is(err, tgbot.ErrorBadRequest) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
	if got := fake.Sent(alice.ID)[0].Photo[0]; got.Width != 8 || got.Height != 6 {
		t.Errorf("photo size = %dx%d", got.Width, got.Height)
	}
}

func TestCommandsPerLanguage(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	b, _ := newBot(t, fake)
	id := []models.BotCommand{{Command: "mutasi", Description: "Mutasi Saya"}, {Command: "bahasa", Description: "Ganti bahasa"}}
	en := []models.BotCommand{{Command: "mutasi", Description: "My transfers"}}
	for _, c := range []struct {
		lang string
		cmds []models.BotCommand
	}{{"", id}, {"id", id}, {"en", en}} {
		if _, err := b.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: c.cmds, LanguageCode: c.lang}); err != nil {
			t.Fatalf("setMyCommands %q: %v", c.lang, err)
		}
	}
	got, err := b.GetMyCommands(ctx, &tgbot.GetMyCommandsParams{LanguageCode: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(en, got); diff != "" {
		t.Errorf("getMyCommands en (-want +got):\n%s", diff)
	}
	got, _ = b.GetMyCommands(ctx, &tgbot.GetMyCommandsParams{LanguageCode: "fr"})
	if len(got) != 0 {
		t.Errorf("getMyCommands fr = %v, want none", got)
	}
	if diff := cmp.Diff([]BotCommand{{"mutasi", "Mutasi Saya"}, {"bahasa", "Ganti bahasa"}}, fake.Commands("id")); diff != "" {
		t.Errorf("Commands(id) (-want +got):\n%s", diff)
	}

	tests := []struct {
		name    string
		params  tgbot.SetMyCommandsParams
		wantErr string
	}{
		{"upper case command", tgbot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "Mutasi", Description: "x"}}}, "BOT_COMMAND_INVALID"},
		{"empty description", tgbot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "mutasi", Description: ""}}}, "BOT_COMMAND_DESCRIPTION_INVALID"},
		{"long language code", tgbot.SetMyCommandsParams{Commands: id, LanguageCode: "ind"}, "invalid language code"},
		{"chat scope", tgbot.SetMyCommandsParams{Commands: en, Scope: &models.BotCommandScopeChat{ChatID: alice.ID}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := b.SetMyCommands(ctx, &tt.params)
			if tt.wantErr == "" {
				if err != nil {
					t.Error(err)
				}
				return
			}
			if !errors.Is(err, tgbot.ErrorBadRequest) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

// TestUserHelpersAsTheLibrarySeesThem decodes what the user helpers push
// with the library's own models.
func TestUserHelpersAsTheLibrarySeesThem(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	got := make(chan *models.Update, 10)
	b, _ := newBot(t, fake, tgbot.WithDefaultHandler(func(_ context.Context, _ *tgbot.Bot, upd *models.Update) { got <- upd }))
	matched := make(chan string, 10)
	b.RegisterHandler(tgbot.HandlerTypeMessageText, "start", tgbot.MatchTypeCommandStartOnly,
		func(_ context.Context, _ *tgbot.Bot, upd *models.Update) { matched <- upd.Message.Text })
	run(t, b.Start)
	next := func() *models.Update {
		select {
		case upd := <-got:
			return upd
		case <-ctx.Done():
			t.Fatal(ctx.Err())
			return nil
		}
	}

	fake.SendCommand(alice, "start", "KODE123")
	select {
	case text := <-matched:
		if text != "/start KODE123" {
			t.Errorf("start text = %q", text)
		}
	case <-ctx.Done():
		t.Fatal("the library did not match /start as a command")
	}

	fake.ShareContact(alice, "+6281234567890", alice.ID)
	if c := next().Message; c.Contact == nil || c.Contact.UserID != alice.ID || c.ForwardOrigin != nil {
		t.Errorf("own contact = %+v", c)
	}
	fake.ShareContact(alice, "+6281111111111", 777)
	if c := next().Message; c.Contact.UserID != 777 || c.ForwardOrigin == nil || c.ForwardOrigin.MessageOriginUser.SenderUser.ID != 777 {
		t.Errorf("forwarded contact = %+v", c)
	}
	fake.ShareContact(alice, "+6282222222222", 0)
	if c := next().Message; c.Contact.UserID != 0 || c.ForwardOrigin == nil || c.ForwardOrigin.MessageOriginHiddenUser == nil {
		t.Errorf("contact not on telegram = %+v", c)
	}
	fake.SendPhoto(alice, pngImage(t, 2, 2), "foto")
	if m := next().Message; len(m.Photo) != 1 || m.Photo[0].Width != 2 || m.Caption != "foto" {
		t.Errorf("photo = %+v", m)
	}
	fake.SendText(alice, "😀 lalu /bantuan")
	if m := next().Message; len(m.Entities) != 1 || m.Entities[0].Offset != 8 || m.Entities[0].Length != 8 {
		t.Errorf("command entity = %+v", m.Entities)
	}
}

// TestLibraryCommandMatchUsesByteOffsets documents that MatchTypeCommand
// slices the text with entity offsets, which Telegram counts in UTF-16 units,
// as if they were byte offsets (handlers.go): a command after non-ASCII text
// is missed, and so is "/start@botname".
func TestLibraryCommandMatchUsesByteOffsets(t *testing.T) {
	ctx := testContext(t)
	fake := New(t)
	matched := make(chan string, 10)
	other := make(chan string, 10)
	b, _ := newBot(t, fake, tgbot.WithDefaultHandler(func(_ context.Context, _ *tgbot.Bot, upd *models.Update) {
		other <- upd.Message.Text
	}))
	b.RegisterHandler(tgbot.HandlerTypeMessageText, "bantuan", tgbot.MatchTypeCommand,
		func(_ context.Context, _ *tgbot.Bot, upd *models.Update) { matched <- upd.Message.Text })
	run(t, b.Start)

	tests := []struct {
		text    string
		matches bool
	}{
		{"/bantuan", true},
		{"tolong /bantuan", true},
		{"é /bantuan", false},
		{"/bantuan@seimbang_test_bot", false},
	}
	for _, tt := range tests {
		fake.SendText(alice, tt.text)
		select {
		case got := <-matched:
			if !tt.matches || got != tt.text {
				t.Errorf("%q matched the command handler", got)
			}
		case got := <-other:
			if tt.matches || got != tt.text {
				t.Errorf("%q went to the default handler", got)
			}
		case <-ctx.Done():
			t.Fatal(ctx.Err())
		}
	}
}
