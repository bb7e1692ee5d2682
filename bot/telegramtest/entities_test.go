package telegramtest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseEntities(t *testing.T) {
	tests := []struct {
		name      string
		mode      string
		text      string
		wantPlain string
		want      []MessageEntity
		wantErr   string
	}{
		{"no mode keeps tags", "", "<b>x</b>", "<b>x</b>", nil, ""},
		{"html nested", "HTML", "<b>a<i>b</i></b>", "ab",
			[]MessageEntity{{Type: "bold", Offset: 0, Length: 2}, {Type: "italic", Offset: 1, Length: 1}}, ""},
		{"html mode is case-insensitive", "html", "<u>x</u>", "x", []MessageEntity{{Type: "underline", Offset: 0, Length: 1}}, ""},
		{"html entities decoded", "HTML", "&lt;a&gt; &amp; &quot;&#33;&#x21; & x", `<a> & "!! & x`, nil, ""},
		{"html link", "HTML", `<a href="https://x.id/?a=1&amp;b=2">x</a>`, "x",
			[]MessageEntity{{Type: "text_link", Offset: 0, Length: 1, URL: "https://x.id/?a=1&b=2"}}, ""},
		{"html offsets in utf-16", "HTML", "😀<b>é</b>", "😀é", []MessageEntity{{Type: "bold", Offset: 2, Length: 1}}, ""},
		{"html pre with language", "HTML", `<pre><code class="language-go">x</code></pre>`, "x",
			[]MessageEntity{{Type: "pre", Offset: 0, Length: 1, Language: "go"}}, ""},
		{"html spoiler span", "HTML", `<span class="tg-spoiler">x</span>`, "x", []MessageEntity{{Type: "spoiler", Offset: 0, Length: 1}}, ""},
		{"html span without class", "HTML", `<span>x</span>`, "", nil, `Tag "span" must have class "tg-spoiler"`},
		{"html expandable quote", "HTML", `<blockquote expandable>x</blockquote>`, "x",
			[]MessageEntity{{Type: "expandable_blockquote", Offset: 0, Length: 1}}, ""},
		{"html upper-case tag", "HTML", "<B>x</B>", "x", []MessageEntity{{Type: "bold", Offset: 0, Length: 1}}, ""},
		{"html unclosed start tag", "HTML", "<b", "", nil, "Unclosed start tag at byte offset 0"},
		{"html stray end tag", "HTML", "x</b>", "", nil, "Unexpected end tag at byte offset 1"},
		{"html unknown tag", "HTML", "<p>x</p>", "", nil, `Unsupported start tag "p" at byte offset 0`},
		{"html unclosed tag", "HTML", "<b>x<i>y</i>", "", nil, `Can't find end tag corresponding to start tag "b"`},
		{"markdownv2", "MarkdownV2", `*b* _i_ __u__ ~s~ ||sp|| ` + "`c`" + ` [l](https://x.id/\)) \.`, "b i u s sp c l .",
			[]MessageEntity{
				{Type: "bold", Offset: 0, Length: 1}, {Type: "italic", Offset: 2, Length: 1},
				{Type: "underline", Offset: 4, Length: 1}, {Type: "strikethrough", Offset: 6, Length: 1},
				{Type: "spoiler", Offset: 8, Length: 2}, {Type: "code", Offset: 11, Length: 1},
				{Type: "text_link", Offset: 13, Length: 1, URL: "https://x.id/)"},
			}, ""},
		{"markdownv2 code keeps reserved characters", "MarkdownV2", "`a.b-c`", "a.b-c", []MessageEntity{{Type: "code", Offset: 0, Length: 5}}, ""},
		{"markdownv2 pre", "MarkdownV2", "```go\nx.y\n```", "x.y\n", []MessageEntity{{Type: "pre", Offset: 0, Length: 4, Language: "go"}}, ""},
		{"markdownv2 quote at line start", "MarkdownV2", ">kutipan", "kutipan", nil, ""},
		{"markdownv2 reserved", "MarkdownV2", "a-b", "", nil, `Character '-' is reserved and must be escaped with the preceding '\'`},
		{"markdownv2 unclosed", "MarkdownV2", "x *tebal", "", nil, "Can't find end of Bold entity at byte offset 2"},
		{"markdown legacy", "Markdown", "*b* _i_ `c` [l](https://x.id) a.b", "b i c l a.b",
			[]MessageEntity{
				{Type: "bold", Offset: 0, Length: 1}, {Type: "italic", Offset: 2, Length: 1},
				{Type: "code", Offset: 4, Length: 1}, {Type: "text_link", Offset: 6, Length: 1, URL: "https://x.id"},
			}, ""},
		{"markdown legacy escape", "Markdown", `\*x`, "*x", nil, ""},
		{"unknown mode", "Markdown2", "x", "", nil, "unsupported parse_mode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain, ents, aerr := parseEntities(tt.text, tt.mode)
			if tt.wantErr != "" {
				if aerr == nil || aerr.code != 400 || !strings.Contains(aerr.description, tt.wantErr) {
					t.Errorf("error = %+v, want one containing %q", aerr, tt.wantErr)
				}
				return
			}
			if aerr != nil {
				t.Fatalf("error = %s", aerr.description)
			}
			if plain != tt.wantPlain {
				t.Errorf("plain = %q, want %q", plain, tt.wantPlain)
			}
			if diff := cmp.Diff(tt.want, ents); diff != "" {
				t.Errorf("entities (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCommandEntities(t *testing.T) {
	tests := []struct {
		text string
		want []MessageEntity
	}{
		{"/start", []MessageEntity{{Type: "bot_command", Offset: 0, Length: 6}}},
		{"/start KODE", []MessageEntity{{Type: "bot_command", Offset: 0, Length: 6}}},
		{"/start@seimbang_bot", []MessageEntity{{Type: "bot_command", Offset: 0, Length: 19}}},
		{"a/b", nil},
		{"/", nil},
		{"x /bantuan, /putus", []MessageEntity{{Type: "bot_command", Offset: 2, Length: 8}, {Type: "bot_command", Offset: 12, Length: 6}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, commandEntities(tt.text)); diff != "" {
			t.Errorf("commandEntities(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}
