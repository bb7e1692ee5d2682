package i18n

import (
	"math"
	"strconv"
	"strings"
)

// Number formats x with the given decimals and lang's separators:
// 1.234,5 in Bahasa Indonesia, 1,234.5 in English. Negative zero after
// rounding prints as 0.
func Number(lang Lang, x float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	thousands, point := ".", ","
	if lang == EN {
		thousands, point = ",", "."
	}
	var b strings.Builder
	if x < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(point + frac)
	}
	return b.String()
}

// Percent formats a fraction (0.555) as a percentage with one decimal in
// lang ("55,5%").
func Percent(lang Lang, fraction float64) string { return Number(lang, 100*fraction, 1) + "%" }
