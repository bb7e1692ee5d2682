package core_test

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// anyOrder compares lists of problems regardless of their order.
var anyOrder = cmpopts.SortSlices(func(a, b string) bool { return a < b })

// problems returns each problem of err as "field: key", or as
// "row N, field: key" for import rows. It fails the test when err is not a
// *core.ValidationError.
func problems(tb testing.TB, err error) []string {
	tb.Helper()
	v, ok := core.AsValidation(err)
	if !ok {
		tb.Fatalf("error %v (%T) is not a *core.ValidationError", err, err)
	}
	out := make([]string, len(v.Fields))
	for i, f := range v.Fields {
		out[i] = f.Field + ": " + f.Key
		if f.Row > 0 {
			out[i] = fmt.Sprintf("row %d, %s", f.Row, out[i])
		}
	}
	return out
}

func TestValidationErrorMessages(t *testing.T) {
	tests := []struct {
		name   string
		build  func() *core.ValidationError
		id, en string
	}{
		{
			name:  "one problem",
			build: func() *core.ValidationError { return core.Invalid("nama", "err.required") },
			id:    "Wajib diisi.",
			en:    "Required.",
		},
		{
			name:  "with an argument",
			build: func() *core.ValidationError { return core.Invalid("golongan", "err.golongan", "V/a") },
			id:    `Golongan "V/a" tidak dikenal (gunakan I/a sampai IV/e).`,
			en:    `Unknown rank "V/a" (use I/a to IV/e).`,
		},
		{
			name: "import rows, one line each",
			build: func() *core.ValidationError {
				v := &core.ValidationError{}
				v.AddRow(3, "nip", "err.required")
				v.AddRow(4, "golongan", "err.golongan", "V/a")
				return v
			},
			id: "Baris 3, kolom nip: Wajib diisi.\n" +
				`Baris 4, kolom golongan: Golongan "V/a" tidak dikenal (gunakan I/a sampai IV/e).`,
			en: "Row 3, column nip: Required.\n" +
				`Row 4, column golongan: Unknown rank "V/a" (use I/a to IV/e).`,
		},
		{
			name: "merged onto a row",
			build: func() *core.ValidationError {
				v := &core.ValidationError{}
				v.Merge(7, core.Invalid("telepon", "err.phone", "12345"))
				v.Merge(8, nil)
				return v
			},
			id: `Baris 7, kolom telepon: Nomor telepon "12345" bukan nomor Indonesia yang sah.`,
			en: `Row 7, column telepon: "12345" is not a valid Indonesian phone number.`,
		},
		{
			name: "merged without a row keeps the rows it had",
			build: func() *core.ValidationError {
				inner := &core.ValidationError{}
				inner.AddRow(2, "kode", "err.required")
				v := core.Invalid("nama", "err.too_long", 200)
				v.Merge(0, inner)
				return v
			},
			id: "Terlalu panjang (paling banyak 200 karakter).\nBaris 2, kolom kode: Wajib diisi.",
			en: "Too long (at most 200 characters).\nRow 2, column kode: Required.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.build()
			err := v.Err()
			if err == nil {
				t.Fatal("Err() = nil for a ValidationError with problems")
			}
			if got := err.Error(); got != tt.id {
				t.Errorf("Error() = %q, want %q", got, tt.id)
			}
			if got := v.Message(i18n.ID); got != tt.id {
				t.Errorf("Message(id) = %q, want %q", got, tt.id)
			}
			if got := v.Message(i18n.EN); got != tt.en {
				t.Errorf("Message(en) = %q, want %q", got, tt.en)
			}
		})
	}
}

func TestValidationErrorErrIsNilWithoutProblems(t *testing.T) {
	var empty core.ValidationError
	if err := empty.Err(); err != nil {
		t.Errorf("empty ValidationError.Err() = %v, want nil", err)
	}
	var none *core.ValidationError
	if err := none.Err(); err != nil {
		t.Errorf("nil *ValidationError.Err() = %v, want nil", err)
	}
}

func TestAsValidationThroughWrapping(t *testing.T) {
	v := core.Invalid("nip", "err.required")
	wrapped := fmt.Errorf("import employees: %w", fmt.Errorf("row 3: %w", v))
	got, ok := core.AsValidation(wrapped)
	if !ok || got != v {
		t.Errorf("AsValidation(wrapped) = %p, %v; want %p, true", got, ok, v)
	}
	if _, ok := core.AsValidation(errors.New("disk full")); ok {
		t.Error("AsValidation found a ValidationError in a plain error")
	}
	if _, ok := core.AsValidation(nil); ok {
		t.Error("AsValidation(nil) reported a ValidationError")
	}
}

func TestSentinels(t *testing.T) {
	conflict := &core.ConflictError{Field: "nip", Key: "err.duplicate_nip", Args: []any{"198503122010011003"}}
	wrapped := fmt.Errorf("create employee: %w", conflict)
	tests := []struct {
		name   string
		err    error
		target error
		want   bool
	}{
		{"invalid state is a conflict", core.ErrInvalidState, core.ErrConflict, true},
		{"a conflict is not an invalid state", core.ErrConflict, core.ErrInvalidState, false},
		{"not found is not a conflict", core.ErrNotFound, core.ErrConflict, false},
		{"wrapped not found", fmt.Errorf("unit 9: %w", core.ErrNotFound), core.ErrNotFound, true},
		{"duplicate NIP is a conflict", wrapped, core.ErrConflict, true},
		{"duplicate NIP is not an invalid state", wrapped, core.ErrInvalidState, false},
		{"duplicate NIP is not not-found", wrapped, core.ErrNotFound, false},
		{"forbidden", fmt.Errorf("x: %w", core.ErrForbidden), core.ErrForbidden, true},
		{"unavailable is not forbidden", core.ErrUnavailable, core.ErrForbidden, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errors.Is(tt.err, tt.target); got != tt.want {
				t.Errorf("errors.Is(%v, %v) = %v, want %v", tt.err, tt.target, got, tt.want)
			}
		})
	}
	if got, want := conflict.Error(), "NIP 198503122010011003 sudah terdaftar."; got != want {
		t.Errorf("ConflictError.Error() = %q, want %q", got, want)
	}
	if got, want := conflict.Message(i18n.EN), "NIP 198503122010011003 is already registered."; got != want {
		t.Errorf("ConflictError.Message(en) = %q, want %q", got, want)
	}
}

// TestEveryErrorKeyHasTexts fails when core's code names an "err.*" text
// that a catalogue lacks, which would show a person the bare key.
func TestEveryErrorKeyHasTexts(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`^err\.[a-z0-9_]+$`)
	fset := token.NewFileSet()
	found := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !key.MatchString(s) {
				return true
			}
			found++
			for _, lang := range i18n.Langs {
				if i18n.T(lang, s) == s || !i18n.Has(s) {
					t.Errorf("%s: key %q has no %s text", fset.Position(lit.Pos()), s, lang)
				}
			}
			return true
		})
	}
	if found < 20 {
		t.Errorf("found only %d error keys in core; is the scan broken?", found)
	}
}

func TestFieldErrorMessageWithoutRow(t *testing.T) {
	f := core.FieldError{Field: "nip", Key: "err.nip_sequence"}
	want := map[i18n.Lang]string{
		i18n.ID: "Tiga digit terakhir NIP (nomor urut) tidak boleh 000.",
		i18n.EN: "The last three digits of the NIP (sequence) cannot be 000.",
	}
	got := map[i18n.Lang]string{i18n.ID: f.Message(i18n.ID), i18n.EN: f.Message(i18n.EN)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FieldError.Message mismatch (-want +got):\n%s", diff)
	}
}
