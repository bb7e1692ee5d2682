package importer

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/seimbang/seimbang/core"
)

// cleanCell trims spaces (including no-break spaces), byte-order marks and
// zero-width characters from both ends of a cell.
func cleanCell(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b' || r == '\u200c' || r == '\u200d'
	})
}

// parseNumber reads a number written with a decimal comma or point. With
// both, the last one is the decimal separator; a separator that occurs more
// than once groups thousands. It also reads Excel's raw form (1.5E-3).
func parseNumber(s string) (float64, bool) {
	s = strings.ReplaceAll(s, " ", "")
	if s == "" {
		return 0, false
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	switch {
	case dots > 0 && commas > 0:
		if strings.LastIndex(s, ",") > strings.LastIndex(s, ".") {
			s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
		} else {
			s = strings.ReplaceAll(s, ",", "")
		}
	case commas == 1:
		s = strings.Replace(s, ",", ".", 1)
	case commas > 1:
		s = strings.ReplaceAll(s, ",", "")
	case dots > 1:
		s = strings.ReplaceAll(s, ".", "")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// Excel serial numbers Parse accepts as dates: 1910-01-01 to 2099-12-31.
const minSerial, maxSerial = 3653, 73050

// parseDate reads an Excel date serial number, YYYY-MM-DD (with an optional
// time of day), DD/MM/YYYY or DD-MM-YYYY.
func parseDate(s string, date1904 bool) (core.Date, bool) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < minSerial || f > maxSerial {
			return core.Date{}, false
		}
		t, err := excelize.ExcelDateToTime(math.Floor(f), date1904)
		if err != nil {
			return core.Date{}, false
		}
		return core.DateOf(t), true
	}
	if len(s) > 10 && s[4] == '-' && (s[10] == ' ' || s[10] == 'T') {
		s = s[:10]
	}
	if d, err := core.ParseDate(s); err == nil {
		return d, true
	}
	for _, sep := range []string{"/", "-", "."} {
		parts := strings.Split(s, sep)
		if len(parts) != 3 || len(parts[2]) != 4 {
			continue
		}
		d, err1 := strconv.Atoi(parts[0])
		m, err2 := strconv.Atoi(parts[1])
		y, err3 := strconv.Atoi(parts[2])
		if err1 != nil || err2 != nil || err3 != nil {
			return core.Date{}, false
		}
		return core.MakeDate(y, time.Month(m), d)
	}
	return core.Date{}, false
}

// scientific reports whether s is a number in scientific notation, as
// Excel writes a long number it stored as a float (1.98503E+17): its last
// digits are lost.
func scientific(s string) bool {
	i := strings.IndexAny(s, "eE")
	if i <= 0 || i == len(s)-1 {
		return false
	}
	mant, exp := s[:i], strings.TrimPrefix(s[i+1:], "+")
	if _, err := strconv.Atoi(exp); err != nil {
		return false
	}
	_, ok := parseNumber(mant)
	return ok
}

var levelSeparators = strings.NewReplacer("-", "", " ", "", ".", "")

// educationLevel normalises the forms SIMPEG exports use for a level:
// "S-1", "S 1", "D-III", "DIV", "D.3".
func educationLevel(s string) core.EducationLevel {
	t := strings.ToUpper(levelSeparators.Replace(s))
	switch t {
	case "DI":
		t = "D1"
	case "DII":
		t = "D2"
	case "DIII":
		t = "D3"
	case "DIV":
		t = "D4"
	}
	if l, ok := core.ParseEducationLevel(t); ok {
		return l
	}
	return core.EducationLevel(s)
}

// codeKey is how codes compare: both databases compare them without case.
func codeKey(code string) string { return strings.ToLower(code) }
