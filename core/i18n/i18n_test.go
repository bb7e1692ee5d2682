package i18n

import (
	"regexp"
	"slices"
	"testing"
)

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// TestCataloguesInStep fails when a key exists in one language only or when
// the two translations of a key take different arguments.
func TestCataloguesInStep(t *testing.T) {
	id, en := Keys(ID), Keys(EN)
	slices.Sort(id)
	slices.Sort(en)
	for _, k := range id {
		if _, ok := catalogues[EN][k]; !ok {
			t.Errorf("key %q missing in en/", k)
			continue
		}
		a, b := verb.FindAllString(catalogues[ID][k], -1), verb.FindAllString(catalogues[EN][k], -1)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("key %q: verbs differ: id %v, en %v", k, a, b)
		}
	}
	for _, k := range en {
		if _, ok := catalogues[ID][k]; !ok {
			t.Errorf("key %q missing in id/", k)
		}
	}
}

func TestT(t *testing.T) {
	if got := T(EN, "err.not_found"); got == T(ID, "err.not_found") {
		t.Errorf("English text equals Indonesian: %q", got)
	}
	if got := T(ID, "no.such.key"); got != "no.such.key" {
		t.Errorf("missing key = %q, want the key itself", got)
	}
	if Parse("en-US") != EN || Parse("") != ID || Parse("in") != ID {
		t.Error("Parse does not map language codes")
	}
}
