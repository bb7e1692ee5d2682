package core_test

import (
	"testing"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

func TestFormatDate(t *testing.T) {
	tests := []struct {
		lang i18n.Lang
		d    core.Date
		want string
	}{
		{i18n.ID, core.Date{Year: 2026, Month: 11, Day: 23}, "23 November 2026"},
		{i18n.ID, core.Date{Year: 2026, Month: 8, Day: 1}, "1 Agustus 2026"},
		{i18n.EN, core.Date{Year: 2026, Month: 8, Day: 1}, "1 August 2026"},
		{i18n.ID, core.Date{}, "-"},
	}
	for _, tt := range tests {
		if got := core.FormatDate(tt.lang, tt.d); got != tt.want {
			t.Errorf("FormatDate(%s, %v) = %q, want %q", tt.lang, tt.d, got, tt.want)
		}
	}
}
