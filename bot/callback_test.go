package bot

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseCallback(t *testing.T) {
	for _, tc := range []struct {
		data string
		want callback
		ok   bool
	}{
		{"ack:42", callback{Verb: "ack", ID: 42}, true},
		{"oc:7:health", callback{Verb: "oc", ID: 7, Arg: "health"}, true},
		{"sa:123456789012345678:12_5", callback{Verb: "sa", ID: 123456789012345678, Arg: "12_5"}, true},
		{"lang:0:en", callback{Verb: "lang", ID: 0, Arg: "en"}, true},
		{"", callback{}, false},
		{"ack", callback{}, false},
		{"ack:", callback{}, false},
		{"ack:042", callback{}, false},
		{"ack:+42", callback{}, false},
		{"ack:-1", callback{}, false},
		{"ack:4 2", callback{}, false},
		{"ack:42:x", callback{}, false},
		{"oc:7", callback{}, false},
		{"oc:7:HEALTH", callback{}, false},
		{"oc:7:he:alth", callback{}, false},
		{"oc:7:" + strings.Repeat("a", 17), callback{}, false},
		{"ack:1234567890123456789", callback{}, false},
		{"zzz:1", callback{}, false},
		{"ack:1" + strings.Repeat("0", 64), callback{}, false},
	} {
		got, err := parseCallback(tc.data)
		if (err == nil) != tc.ok {
			t.Errorf("parseCallback(%q) error = %v, want ok %v", tc.data, err, tc.ok)
			continue
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("parseCallback(%q) (-want +got):\n%s", tc.data, d)
		}
		if tc.ok && got.String() != tc.data {
			t.Errorf("round trip of %q = %q", tc.data, got.String())
		}
	}
}

// TestCallbackDataFits checks the longest data the bot builds against
// Telegram's 64-byte limit.
func TestCallbackDataFits(t *testing.T) {
	const maxID = 999999999999999999
	for verb, withArg := range callbackArgs {
		arg := []string{}
		if withArg {
			arg = append(arg, strings.Repeat("a", 16))
		}
		if d := cb(verb, maxID, arg...); len(d) > maxCallbackData {
			t.Errorf("%q is %d bytes", d, len(d))
		}
	}
}
