package bot

import (
	"context"
	"html"
	"strings"

	"github.com/go-telegram/bot/models"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// menuItems are the reply-keyboard entries, in rows, by text key suffix.
var menuItems = [][]string{{"transfers", "preferences"}, {"objections", "surveys"}, {"help", "privacy"}}

// menuItem returns the menu entry whose label (in any language) is text.
func menuItem(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	for _, row := range menuItems {
		for _, item := range row {
			for _, l := range i18n.Langs {
				if strings.EqualFold(text, i18n.T(l, "bot.menu."+item)) {
					return item
				}
			}
		}
	}
	return ""
}

func langOf(e core.Employee) i18n.Lang { return i18n.Parse(e.Language) }

// menuKeyboard is the main menu for a linked employee, or the linking
// keyboard for anyone else.
func (b *Bot) menuKeyboard(s *session) models.ReplyMarkup {
	if s.emp == nil {
		return b.linkKeyboard(s)
	}
	kb := &models.ReplyKeyboardMarkup{ResizeKeyboard: true, IsPersistent: true}
	for _, row := range menuItems {
		var r []models.KeyboardButton
		for _, item := range row {
			r = append(r, models.KeyboardButton{Text: s.t("bot.menu." + item)})
		}
		kb.Keyboard = append(kb.Keyboard, r)
	}
	return kb
}

// linkKeyboard offers to share the user's own contact.
func (b *Bot) linkKeyboard(s *session) models.ReplyMarkup {
	return &models.ReplyKeyboardMarkup{ResizeKeyboard: true, Keyboard: [][]models.KeyboardButton{
		{{Text: s.t("bot.link.share_button"), RequestContact: true}},
		{{Text: s.t("bot.menu.help")}, {Text: s.t("bot.menu.privacy")}},
	}}
}

// welcome answers /start without a code.
func (b *Bot) welcome(ctx context.Context, s *session) error {
	if s.emp == nil {
		return b.howToLink(ctx, s)
	}
	return b.showMenu(ctx, s)
}

func (b *Bot) showMenu(ctx context.Context, s *session) error {
	b.send(ctx, s.chatID, s.t("bot.menu.intro", html.EscapeString(s.emp.Name)), b.menuKeyboard(s))
	return nil
}

// menuAction runs a menu entry.
func (b *Bot) menuAction(ctx context.Context, s *session, item string) error {
	switch item {
	case "transfers":
		return b.myTransfers(ctx, s)
	case "preferences":
		return b.preferences(ctx, s)
	case "objections":
		return b.objections(ctx, s)
	case "surveys":
		return b.surveys(ctx, s)
	case "help":
		return b.help(ctx, s)
	case "privacy":
		return b.privacy(ctx, s)
	}
	return nil
}

func (b *Bot) help(ctx context.Context, s *session) error {
	key := "bot.help.linked"
	if s.emp == nil {
		key = "bot.help.unlinked"
	}
	b.send(ctx, s.chatID, s.t(key), b.menuKeyboard(s))
	return nil
}

func (b *Bot) privacy(ctx context.Context, s *session) error {
	b.send(ctx, s.chatID, s.t("bot.privacy"), b.menuKeyboard(s))
	return nil
}

// chooseLanguage offers the languages (/bahasa).
func (b *Bot) chooseLanguage(ctx context.Context, s *session) error {
	b.send(ctx, s.chatID, s.t("bot.lang.choose"), inline([]button{
		{"Bahasa Indonesia", cb(cbLang, 0, "id")}, {"English", cb(cbLang, 0, "en")}}))
	return nil
}

// setLanguage stores the chosen language and shows the menu in it.
func (b *Bot) setLanguage(ctx context.Context, s *session, queryID, lang string) error {
	if lang != "id" && lang != "en" {
		b.answer(ctx, queryID, s.t("bot.err.bad_button"))
		return nil
	}
	b.answer(ctx, queryID, "")
	if s.emp == nil {
		return b.howToLink(ctx, s)
	}
	if err := b.store.SetEmployeeLanguage(ctx, s.emp.ID, lang); err != nil {
		return err
	}
	s.emp.Language, s.lang = lang, i18n.Lang(lang)
	b.send(ctx, s.chatID, s.t("bot.lang.done"), b.menuKeyboard(s))
	return nil
}
