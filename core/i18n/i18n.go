// Package i18n holds every text a person reads, one catalogue per language.
//
// Bahasa Indonesia (id) is the primary language; English (en) is the second.
// A language's catalogue is the union of the flat JSON objects (key -> fmt
// format string) in its folder, one file per area (core.json, bot.json,
// admin.json…), embedded in the binary. A key may appear in one file only.
// A test keeps the languages' keys and verbs in step.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
)

// Lang is a catalogue language code.
type Lang string

const (
	ID Lang = "id" // Bahasa Indonesia, the default
	EN Lang = "en"
)

// Langs lists the supported languages, the default first.
var Langs = []Lang{ID, EN}

//go:embed id/*.json en/*.json
var files embed.FS

var catalogues = map[Lang]map[string]string{}

func init() {
	for _, l := range Langs {
		names, err := fs.Glob(files, string(l)+"/*.json")
		if err != nil {
			panic(err)
		}
		all := map[string]string{}
		for _, name := range names {
			b, err := files.ReadFile(name)
			if err != nil {
				panic(err)
			}
			m := map[string]string{}
			if err := json.Unmarshal(b, &m); err != nil {
				panic(fmt.Sprintf("i18n: %s: %v", name, err))
			}
			for k, v := range m {
				if _, dup := all[k]; dup {
					panic(fmt.Sprintf("i18n: key %q appears twice in %s", k, l))
				}
				all[k] = v
			}
		}
		catalogues[l] = all
	}
}

// Parse returns the language named by s ("id", "en", "en-US", "in"), or ID.
func Parse(s string) Lang {
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "en") {
		return EN
	}
	return ID
}

// T returns the text for key in lang formatted with args. A key missing in
// lang falls back to Indonesian; a key missing everywhere is returned as is,
// so a forgotten text shows up visibly instead of as an empty string.
func T(lang Lang, key string, args ...any) string {
	f, ok := catalogues[lang][key]
	if !ok {
		f, ok = catalogues[ID][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// Has reports whether key exists in the Indonesian catalogue.
func Has(key string) bool {
	_, ok := catalogues[ID][key]
	return ok
}

// Keys returns the keys of lang's catalogue.
func Keys(lang Lang) []string {
	keys := make([]string, 0, len(catalogues[lang]))
	for k := range catalogues[lang] {
		keys = append(keys, k)
	}
	return keys
}
