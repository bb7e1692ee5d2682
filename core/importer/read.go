package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/seimbang/seimbang/core"
)

// Limits bound what Parse accepts, so one bad upload cannot exhaust the
// server. A zero field takes its value from DefaultLimits.
type Limits struct {
	MaxBytes int64 // the file's size
	MaxRows  int   // data rows, the header not counted
}

// orDefault fills zero fields from DefaultLimits.
func (l Limits) orDefault() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultLimits.MaxBytes
	}
	if l.MaxRows <= 0 {
		l.MaxRows = DefaultLimits.MaxRows
	}
	return l
}

// DefaultLimits accept a large agency's export: 200,000 rows in 64 MiB.
var DefaultLimits = Limits{MaxBytes: 64 << 20, MaxRows: 200_000}

// table is a file's first sheet.
type table interface {
	// each calls fn with every row's spreadsheet number (1-based) and its
	// cells, which fn must not keep. It stops at fn's first error.
	each(fn func(row int, cells []string) error) error
	// formula returns the formula of the cell at row and 0-based col, or ""
	// when the cell holds none or the format has no formulas.
	formula(row, col int) string
	// date1904 reports whether date serial numbers count from 1904.
	date1904() bool
	close()
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// errTooManyRows stops reading at the row limit.
var errTooManyRows = errors.New("too many rows")

// fileProblem is a problem with the whole file, safe to show a person.
func fileProblem(key string, args ...any) *core.ValidationError {
	return core.Invalid("file", key, args...)
}

// openTable reads r up to lim.MaxBytes and opens it as a table: xlsx when the
// content is a zip archive, csv otherwise. Problems with the file are
// *core.ValidationError.
func openTable(filename string, r io.Reader, lim Limits) (table, error) {
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", filepath.Base(filename), err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, fileProblem("import.file_too_big", lim.MaxBytes>>20)
	}
	ext := strings.ToLower(filepath.Ext(filename))
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return nil, fileProblem("import.file_empty")
	case bytes.HasPrefix(data, oleMagic):
		// An Excel 97-2003 workbook, or an xlsx protected by a password.
		return nil, fileProblem("import.file_xls")
	case bytes.HasPrefix(data, zipMagic):
		return openXLSX(filepath.Base(filename), data, lim)
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls":
		return nil, fileProblem("import.file_not_xlsx", filepath.Base(filename))
	case ext != "" && ext != ".csv" && ext != ".txt":
		return nil, fileProblem("import.file_type", ext)
	}
	return openCSV(data)
}
