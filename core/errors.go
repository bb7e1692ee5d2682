package core

import (
	"errors"
	"fmt"
	"strings"

	"github.com/seimbang/seimbang/core/i18n"
)

// Sentinel errors. Stores and use-cases wrap them with %w; each edge maps
// them to what a person sees in one place.
var (
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("conflict")
	ErrForbidden    = errors.New("forbidden")
	ErrUnavailable  = errors.New("unavailable")
	ErrInvalidState = fmt.Errorf("%w: invalid state", ErrConflict)
)

// FieldError is one problem with one input field, optionally on one row of an
// import. Key names a text in the i18n catalogues; Args fill its verbs.
type FieldError struct {
	Row   int    // 1-based spreadsheet row (header is row 1); 0 when not an import
	Field string // the field or column name as the person knows it
	Key   string
	Args  []any
}

// Message returns the problem in lang, prefixed with the row when set.
func (f FieldError) Message(lang i18n.Lang) string {
	msg := i18n.T(lang, f.Key, f.Args...)
	if f.Row > 0 {
		return i18n.T(lang, "err.row_prefix", f.Row, f.Field, msg)
	}
	return msg
}

// ValidationError lists every problem found in a piece of input. Its Error
// text is in Bahasa Indonesia and safe to show to a person.
type ValidationError struct {
	Fields []FieldError
}

// Add appends a problem.
func (v *ValidationError) Add(field, key string, args ...any) {
	v.Fields = append(v.Fields, FieldError{Field: field, Key: key, Args: args})
}

// AddRow appends a problem found on an import row.
func (v *ValidationError) AddRow(row int, field, key string, args ...any) {
	v.Fields = append(v.Fields, FieldError{Row: row, Field: field, Key: key, Args: args})
}

// Merge appends every problem of other, placing them on row when row > 0.
func (v *ValidationError) Merge(row int, other *ValidationError) {
	if other == nil {
		return
	}
	for _, f := range other.Fields {
		if row > 0 {
			f.Row = row
		}
		v.Fields = append(v.Fields, f)
	}
}

// Err returns v when it holds a problem, else nil.
func (v *ValidationError) Err() error {
	if v == nil || len(v.Fields) == 0 {
		return nil
	}
	return v
}

// Message returns all problems in lang, one per line.
func (v *ValidationError) Message(lang i18n.Lang) string {
	lines := make([]string, len(v.Fields))
	for i, f := range v.Fields {
		lines[i] = f.Message(lang)
	}
	return strings.Join(lines, "\n")
}

func (v *ValidationError) Error() string { return v.Message(i18n.ID) }

// Invalid returns a ValidationError with one problem.
func Invalid(field, key string, args ...any) *ValidationError {
	v := &ValidationError{}
	v.Add(field, key, args...)
	return v
}

// AsValidation returns the ValidationError inside err, if any.
func AsValidation(err error) (*ValidationError, bool) {
	var v *ValidationError
	ok := errors.As(err, &v)
	return v, ok
}

// ConflictError is a conflict a person can understand, such as a duplicate
// NIP. It matches ErrConflict with errors.Is.
type ConflictError struct {
	Field string
	Key   string
	Args  []any
}

func (c *ConflictError) Error() string { return i18n.T(i18n.ID, c.Key, c.Args...) }

// Message returns the conflict in lang.
func (c *ConflictError) Message(lang i18n.Lang) string { return i18n.T(lang, c.Key, c.Args...) }

// Is makes errors.Is(err, ErrConflict) hold.
func (c *ConflictError) Is(target error) bool { return target == ErrConflict }
