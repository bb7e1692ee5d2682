package importer

import (
	"context"
	"errors"
	"fmt"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// Writer stores a checked batch. Each method writes all its records in one
// transaction, or none. Records with an ID update the stored record by its
// natural key, the others are created. columns lists the import columns
// (the names of DESIGN.md) the file holds: an update sets only those, so a
// column missing from the file keeps its stored value. *gormstore.Store is
// a Writer.
type Writer interface {
	// ImportUnits upserts units by code, then, when columns holds "induk",
	// sets the parent of each to the unit coded parents[i] ("" for none).
	ImportUnits(ctx context.Context, units []core.Unit, parents []string, columns []string) error
	// ImportPositions upserts positions by code.
	ImportPositions(ctx context.Context, ps []core.Position, columns []string) error
	// ImportEmployees upserts employees by NIP, keeping an update's
	// Telegram link, language and active flag.
	ImportEmployees(ctx context.Context, es []core.Employee, columns []string) error
	// ImportWorkload replaces the tasks of every position in tasks.
	ImportWorkload(ctx context.Context, tasks []core.WorkloadTask) error
}

// Store is what parsing and applying need together.
type Store interface {
	Lookup
	Writer
}

// Result is what Apply wrote.
type Result struct {
	Kind             Kind
	Created, Updated int
}

// Message describes the result in lang.
func (r Result) Message(lang i18n.Lang) string {
	return i18n.T(lang, "import.result."+string(r.Kind), r.Created, r.Updated)
}

// ErrNotChecked is returned by Apply for a batch that Parse did not
// complete.
var ErrNotChecked = errors.New("import: batch was not checked by Parse")

// Apply writes every row of b, in one transaction, or none. It refuses a
// batch with problems with their *core.ValidationError. Rows are upserted
// by natural key, so a record another writer created since Parse is
// updated rather than duplicated; the Result's counts are those Parse saw.
// A reference that disappeared since Parse makes the store fail and
// nothing is written.
func Apply(ctx context.Context, w Writer, b *Batch) (Result, error) {
	if b == nil {
		return Result{}, ErrNotChecked
	}
	if err := b.Err(); err != nil {
		return Result{}, err
	}
	var err error
	switch b.Kind {
	case Units:
		err = w.ImportUnits(ctx, b.units, b.parents, b.Columns)
	case Positions:
		err = w.ImportPositions(ctx, b.positions, b.Columns)
	case Employees:
		err = w.ImportEmployees(ctx, b.employees, b.Columns)
	case Workload:
		err = w.ImportWorkload(ctx, b.tasks)
	default:
		return Result{}, ErrNotChecked
	}
	if err != nil {
		return Result{}, fmt.Errorf("import %s: %w", b.Kind, err)
	}
	return Result{Kind: b.Kind, Created: b.New, Updated: b.Updated}, nil
}
