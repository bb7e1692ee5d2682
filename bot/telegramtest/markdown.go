package telegramtest

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// mdOpen is a MarkdownV2 entity waiting for its end marker.
type mdOpen struct {
	kind   string // entity type
	name   string // the name Telegram's errors use
	offset int
	begin  int // byte offset of the start marker
	lang   string
}

// markdownV2Reserved are the characters MarkdownV2 requires escaping with '\'.
const markdownV2Reserved = "_*[]()~`>#+-=|{}.!"

// parseMarkdownV2 parses MarkdownV2; msg is the error text, if any.
func parseMarkdownV2(s string) (plain string, ents []MessageEntity, msg string) {
	var out plainText
	var stack []mdOpen
	top := func() string {
		if len(stack) == 0 {
			return ""
		}
		return stack[len(stack)-1].kind
	}
	closeTop := func() {
		o := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if out.n > o.offset {
			ents = append(ents, MessageEntity{Type: o.kind, Offset: o.offset, Length: out.n - o.offset, Language: o.lang})
		}
	}
	toggle := func(kind, name string, i int) {
		if top() == kind {
			closeTop()
			return
		}
		stack = append(stack, mdOpen{kind: kind, name: name, offset: out.n, begin: i})
	}
	lineStart := true
	for i := 0; i < len(s); {
		c := s[i]
		wasLineStart := lineStart
		lineStart = c == '\n'
		if c == '\\' && i+1 < len(s) && s[i+1] > 0 && s[i+1] <= 126 {
			out.rune(rune(s[i+1]))
			i += 2
			continue
		}
		switch top() {
		case "code":
			if c == '`' {
				closeTop()
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			out.rune(r)
			i += n
			continue
		case "pre":
			if strings.HasPrefix(s[i:], "```") {
				closeTop()
				i += 3
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			out.rune(r)
			i += n
			continue
		}
		if !strings.ContainsRune(markdownV2Reserved, rune(c)) {
			r, n := utf8.DecodeRuneInString(s[i:])
			out.rune(r)
			i += n
			continue
		}
		switch {
		case c == '*':
			toggle("bold", "Bold", i)
			i++
		case c == '_' && top() == "italic":
			closeTop()
			i++
		case c == '_' && strings.HasPrefix(s[i:], "__"):
			toggle("underline", "Underline", i)
			i += 2
		case c == '_':
			toggle("italic", "Italic", i)
			i++
		case c == '~':
			toggle("strikethrough", "Strikethrough", i)
			i++
		case c == '|' && strings.HasPrefix(s[i:], "||"):
			toggle("spoiler", "Spoiler", i)
			i += 2
		case strings.HasPrefix(s[i:], "```"):
			o := mdOpen{kind: "pre", name: "Pre", begin: i}
			i += 3
			if nl := strings.IndexByte(s[i:], '\n'); nl >= 0 && !strings.ContainsAny(s[i:i+nl], " `") {
				o.lang = s[i : i+nl]
				i += nl + 1
			}
			o.offset = out.n
			stack = append(stack, o)
		case c == '`':
			stack = append(stack, mdOpen{kind: "code", name: "Code", offset: out.n, begin: i})
			i++
		case c == '[':
			stack = append(stack, mdOpen{kind: "text_link", name: "TextUrl", offset: out.n, begin: i})
			i++
		case c == ']' && top() == "text_link":
			if i+1 >= len(s) || s[i+1] != '(' {
				return "", nil, fmt.Sprintf("Can't find end of a URL at byte offset %d", i)
			}
			url, n, ok := markdownURL(s[i+2:])
			if !ok {
				return "", nil, fmt.Sprintf("Can't find end of a URL at byte offset %d", i+1)
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if out.n > o.offset {
				ents = append(ents, MessageEntity{Type: "text_link", Offset: o.offset, Length: out.n - o.offset, URL: url})
			}
			i += 2 + n
		case c == '>' && wasLineStart:
			i++
		default:
			return "", nil, fmt.Sprintf("Character '%c' is reserved and must be escaped with the preceding '\\'", c)
		}
	}
	if len(stack) > 0 {
		o := stack[len(stack)-1]
		return "", nil, fmt.Sprintf("Can't find end of %s entity at byte offset %d", o.name, o.begin)
	}
	return out.b.String(), ents, ""
}

// markdownURL reads a link URL up to the closing ')', honouring '\'
// escapes, and returns it with the bytes consumed including ')'.
func markdownURL(s string) (string, int, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		case ')':
			return b.String(), i + 1, true
		default:
			b.WriteByte(s[i])
		}
	}
	return "", 0, false
}

// parseMarkdown parses legacy Markdown (bold, italic, code, pre, links,
// no nesting); msg is the error text, if any.
func parseMarkdown(s string) (plain string, ents []MessageEntity, msg string) {
	var out plainText
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\\' && i+1 < len(s) && strings.IndexByte("_*`[", s[i+1]) >= 0 {
			out.rune(rune(s[i+1]))
			i += 2
			continue
		}
		if strings.IndexByte("_*`[", c) < 0 {
			r, n := utf8.DecodeRuneInString(s[i:])
			out.rune(r)
			i += n
			continue
		}
		begin := i
		unclosed := fmt.Sprintf("Can't find end of the entity starting at byte offset %d", begin)
		e := MessageEntity{Offset: out.n}
		var body string
		switch {
		case c == '[':
			end := strings.IndexByte(s[i+1:], ']')
			if end < 0 {
				return "", nil, unclosed
			}
			body, i = s[i+1:i+1+end], i+end+2
			e.Type = "text_link"
			if i < len(s) && s[i] == '(' {
				rp := strings.IndexByte(s[i+1:], ')')
				if rp < 0 {
					return "", nil, unclosed
				}
				e.URL, i = s[i+1:i+1+rp], i+rp+2
			}
		case strings.HasPrefix(s[i:], "```"):
			end := strings.Index(s[i+3:], "```")
			if end < 0 {
				return "", nil, unclosed
			}
			body, i = s[i+3:i+3+end], i+end+6
			e.Type = "pre"
		default:
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				return "", nil, unclosed
			}
			body, i = s[i+1:i+1+end], i+end+2
			e.Type = map[byte]string{'*': "bold", '_': "italic", '`': "code"}[c]
		}
		out.string(body)
		e.Length = out.n - e.Offset
		if e.Length > 0 && (e.Type != "text_link" || e.URL != "") {
			ents = append(ents, e)
		}
	}
	return out.b.String(), ents, ""
}
