package bot

import (
	"strings"
	"testing"
)

// FuzzParseCallback feeds arbitrary callback data to the parser: it never
// panics, and what it accepts is exactly what the bot itself would build
// (a known verb, a canonical id, a safe argument), so a forged button can
// name nothing the handlers do not expect.
func FuzzParseCallback(f *testing.F) {
	for _, s := range []string{"ack:42", "oc:7:health", "sa:123456789012345678:12_5", "lang:0:en", "px:0:ok",
		"", ":", "ack:", "ack:042", "ack:-1", "oc:7:HEALTH", "oc:7:he:alth", "zzz:1", "ack:1" + strings.Repeat("0", 64),
		"sv:9223372036854775807", "sa:1:\x00", "ack:١٢"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		c, err := parseCallback(data)
		if err != nil {
			if c != (callback{}) {
				t.Fatalf("parseCallback(%q) failed but returned %+v", data, c)
			}
			return
		}
		if len(data) > maxCallbackData {
			t.Fatalf("parseCallback(%q) accepted %d bytes", data, len(data))
		}
		withArg, known := callbackArgs[c.Verb]
		if !known || withArg != (c.Arg != "") || c.ID < 0 {
			t.Fatalf("parseCallback(%q) = %+v: unknown verb or wrong shape", data, c)
		}
		if c.Arg != "" && !validArg(c.Arg) {
			t.Fatalf("parseCallback(%q) passed argument %q", data, c.Arg)
		}
		if c.String() != data {
			t.Fatalf("parseCallback(%q) = %+v, which encodes as %q", data, c, c.String())
		}
	})
}
