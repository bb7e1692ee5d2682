package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

var bom = []byte("\xef\xbb\xbf")

// csvTable reads comma- or semicolon-separated UTF-8.
type csvTable struct {
	data  []byte
	comma rune
}

// openCSV checks the encoding and picks the separator from the header line.
func openCSV(data []byte) (table, error) {
	data = bytes.TrimPrefix(data, bom)
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidUTF8At(data)], []byte("\n"))
		return nil, fileProblem("import.file_not_utf8", line)
	}
	return &csvTable{data: data, comma: detectComma(data)}, nil
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// detectComma counts commas and semicolons outside quotes on the first
// non-blank line; the more frequent one separates fields, a comma on a tie.
func detectComma(data []byte) rune {
	commas, semis, quoted := 0, 0, false
	seen := false
	for _, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n' && seen:
			return pick(commas, semis)
		case c == ',':
			commas++
		case c == ';':
			semis++
		}
		if c != '\n' && c != '\r' && c != ' ' && c != '\t' {
			seen = true
		}
	}
	return pick(commas, semis)
}

func pick(commas, semis int) rune {
	if semis > commas {
		return ';'
	}
	return ','
}

func (t *csvTable) each(fn func(row int, cells []string) error) error {
	r := csv.NewReader(bytes.NewReader(t.data))
	r.Comma = t.comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	extra := 0 // lines inside quoted cells so far: a spreadsheet shows each record as one row
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return fileProblem("import.csv_syntax", pe.StartLine)
			}
			return err
		}
		// The spreadsheet row is the record's first line, less the line
		// breaks inside earlier quoted cells: csv skips blank lines, which
		// a spreadsheet shows as empty rows.
		line, _ := r.FieldPos(0)
		if err := fn(line-extra, rec); err != nil {
			return err
		}
		for _, c := range rec {
			extra += strings.Count(c, "\n")
		}
	}
}

func (t *csvTable) formula(int, int) string { return "" }
func (t *csvTable) date1904() bool          { return false }
func (t *csvTable) close()                  {}
