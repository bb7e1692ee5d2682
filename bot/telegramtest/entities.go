package telegramtest

import (
	"sort"
	"strings"
)

// parseEntities applies parse_mode to text the way Telegram does: it returns
// the plain text and its entities, or 400 "can't parse entities: ..." with
// Telegram's wording for the common mistakes (unknown or unclosed HTML tags,
// unescaped MarkdownV2 characters, unclosed Markdown entities). Modes are
// matched case-insensitively; an unknown mode answers 400
// "unsupported parse_mode".
func parseEntities(text, mode string) (string, []MessageEntity, *apiError) {
	var (
		plain string
		ents  []MessageEntity
		msg   string
	)
	switch strings.ToLower(mode) {
	case "":
		return text, nil, nil
	case "html":
		plain, ents, msg = parseHTML(text)
	case "markdown":
		plain, ents, msg = parseMarkdown(text)
	case "markdownv2":
		plain, ents, msg = parseMarkdownV2(text)
	default:
		return "", nil, badRequest("unsupported parse_mode")
	}
	if msg != "" {
		return "", nil, badRequest("can't parse entities: %s", msg)
	}
	sort.SliceStable(ents, func(i, j int) bool {
		if ents[i].Offset != ents[j].Offset {
			return ents[i].Offset < ents[j].Offset
		}
		return ents[i].Length > ents[j].Length
	})
	return plain, ents, nil
}

// plainText accumulates parsed text and its length in UTF-16 code units.
type plainText struct {
	b strings.Builder
	n int
}

func (p *plainText) rune(r rune) {
	p.b.WriteRune(r)
	p.n += utf16Len(string(r))
}

func (p *plainText) string(s string) {
	p.b.WriteString(s)
	p.n += utf16Len(s)
}

// utf16Len returns the length of s in UTF-16 code units, Telegram's unit for
// text lengths and entity offsets.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
