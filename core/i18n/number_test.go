package i18n

import "testing"

func TestNumber(t *testing.T) {
	tests := []struct {
		lang     Lang
		x        float64
		decimals int
		want     string
	}{
		{ID, 1234.5, 1, "1.234,5"},
		{EN, 1234.5, 1, "1,234.5"},
		{ID, 40000, 0, "40.000"},
		{ID, 1234567.891, 2, "1.234.567,89"},
		{ID, -0.004, 2, "0,00"},
		{ID, -12.5, 1, "-12,5"},
		{ID, 0.114, 3, "0,114"},
	}
	for _, tt := range tests {
		if got := Number(tt.lang, tt.x, tt.decimals); got != tt.want {
			t.Errorf("Number(%s, %v, %d) = %q, want %q", tt.lang, tt.x, tt.decimals, got, tt.want)
		}
	}
	if got := Percent(ID, 0.555); got != "55,5%" {
		t.Errorf("Percent = %q", got)
	}
}
