package telegramtest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// htmlTags maps the tags Telegram's HTML mode supports to entity types.
var htmlTags = map[string]string{
	"b": "bold", "strong": "bold", "i": "italic", "em": "italic",
	"u": "underline", "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
	"del": "strikethrough", "span": "spoiler", "tg-spoiler": "spoiler", "a": "text_link",
	"code": "code", "pre": "pre", "blockquote": "blockquote", "tg-emoji": "custom_emoji",
}

// openTag is an HTML start tag waiting for its end tag.
type openTag struct {
	name   string
	offset int // in the plain text, UTF-16 units
	url    string
	lang   string
	emoji  string
	expand bool
}

// parseHTML parses Telegram's HTML subset; msg is the error text, if any.
func parseHTML(s string) (plain string, ents []MessageEntity, msg string) {
	var out plainText
	var stack []openTag
	for i := 0; i < len(s); {
		switch s[i] {
		case '&':
			r, n := htmlEntity(s[i:])
			if n == 0 {
				r, n = '&', 1
			}
			out.rune(r)
			i += n
			continue
		case '<':
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			out.rune(r)
			i += n
			continue
		}
		begin := i
		if i+1 < len(s) && s[i+1] == '/' {
			j := tagNameEnd(s, i+2)
			name := strings.ToLower(s[i+2 : j])
			for j < len(s) && isSpace(s[j]) {
				j++
			}
			if j >= len(s) || s[j] != '>' {
				return "", nil, fmt.Sprintf("Unclosed end tag at byte offset %d", begin)
			}
			i = j + 1
			if len(stack) == 0 {
				return "", nil, fmt.Sprintf("Unexpected end tag at byte offset %d", begin)
			}
			top := stack[len(stack)-1]
			if name != top.name {
				return "", nil, fmt.Sprintf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", begin, top.name, name)
			}
			stack = stack[:len(stack)-1]
			ents = closeTag(ents, stack, top, out.n)
			continue
		}
		j := tagNameEnd(s, i+1)
		name := strings.ToLower(s[i+1 : j])
		if _, ok := htmlTags[name]; !ok {
			return "", nil, fmt.Sprintf("Unsupported start tag \"%s\" at byte offset %d", name, begin)
		}
		attrs, end, amsg := htmlAttrs(s, j, name, begin)
		if amsg != "" {
			return "", nil, amsg
		}
		i = end
		tag := openTag{name: name, offset: out.n}
		switch name {
		case "a":
			tag.url = attrs["href"]
		case "span":
			if attrs["class"] != "tg-spoiler" {
				return "", nil, fmt.Sprintf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", begin)
			}
		case "code":
			tag.lang, _ = strings.CutPrefix(attrs["class"], "language-")
		case "tg-emoji":
			if attrs["emoji-id"] == "" {
				return "", nil, fmt.Sprintf("Tag \"tg-emoji\" must have attribute \"emoji-id\" at byte offset %d", begin)
			}
			tag.emoji = attrs["emoji-id"]
		case "blockquote":
			_, tag.expand = attrs["expandable"]
		}
		stack = append(stack, tag)
	}
	if len(stack) > 0 {
		return "", nil, fmt.Sprintf("Can't find end tag corresponding to start tag \"%s\"", stack[len(stack)-1].name)
	}
	return out.b.String(), ents, ""
}

// closeTag appends the entity of a closed tag; code inside pre becomes the
// pre's language, as Telegram merges them.
func closeTag(ents []MessageEntity, stack []openTag, t openTag, end int) []MessageEntity {
	if end == t.offset {
		return ents
	}
	e := MessageEntity{Type: htmlTags[t.name], Offset: t.offset, Length: end - t.offset}
	switch t.name {
	case "a":
		if t.url == "" {
			return ents
		}
		e.URL = t.url
	case "code":
		if len(stack) > 0 && stack[len(stack)-1].name == "pre" {
			stack[len(stack)-1].lang = t.lang
			return ents
		}
	case "pre":
		e.Language = t.lang
	case "blockquote":
		if t.expand {
			e.Type = "expandable_blockquote"
		}
	case "tg-emoji":
		e.CustomEmojiID = t.emoji
	}
	return append(ents, e)
}

// tagNameEnd returns the index after the tag name starting at i.
func tagNameEnd(s string, i int) int {
	for i < len(s) && (isAlnum(s[i]) || s[i] == '-') {
		i++
	}
	return i
}

// htmlAttrs parses attributes from i up to the closing '>' and returns them
// with the index after '>'.
func htmlAttrs(s string, i int, tag string, begin int) (map[string]string, int, string) {
	attrs := map[string]string{}
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return nil, 0, fmt.Sprintf("Unclosed start tag at byte offset %d", begin)
		}
		if s[i] == '>' {
			return attrs, i + 1, ""
		}
		j := i
		for j < len(s) && (isAlnum(s[j]) || s[j] == '-' || s[j] == '_') {
			j++
		}
		if j == i {
			return nil, 0, fmt.Sprintf("Empty attribute name in the tag \"%s\" at byte offset %d", tag, begin)
		}
		name := strings.ToLower(s[i:j])
		i = j
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) || s[i] != '=' {
			attrs[name] = ""
			continue
		}
		i++
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return nil, 0, fmt.Sprintf("Unclosed start tag at byte offset %d", begin)
		}
		var raw string
		if q := s[i]; q == '"' || q == '\'' {
			k := strings.IndexByte(s[i+1:], q)
			if k < 0 {
				return nil, 0, fmt.Sprintf("Unclosed start tag at byte offset %d", begin)
			}
			raw, i = s[i+1:i+1+k], i+k+2
		} else {
			k := i
			for k < len(s) && !isSpace(s[k]) && s[k] != '>' {
				k++
			}
			raw, i = s[i:k], k
		}
		val, _, _ := parseHTML(strings.ReplaceAll(raw, "<", "&lt;"))
		attrs[name] = val
	}
}

// htmlEntity decodes the entity at the start of s (&lt; &gt; &amp; &quot;
// or a numeric one) and returns its length, 0 when there is none: Telegram
// then keeps the '&' as it is.
func htmlEntity(s string) (rune, int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 10 {
		return 0, 0
	}
	name := s[1:end]
	switch name {
	case "lt":
		return '<', end + 1
	case "gt":
		return '>', end + 1
	case "amp":
		return '&', end + 1
	case "quot":
		return '"', end + 1
	}
	if num, ok := strings.CutPrefix(name, "#"); ok {
		base := 10
		if hex, ok := strings.CutPrefix(strings.ToLower(num), "x"); ok {
			num, base = hex, 16
		}
		n, err := strconv.ParseUint(num, base, 32)
		if err == nil && n > 0 && n <= utf8.MaxRune {
			return rune(n), end + 1
		}
	}
	return 0, 0
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
