package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/seimbang/seimbang/core"
)

// Lookup is what Parse reads from storage to resolve references and to tell
// new records from updates. *gormstore.Store is one.
type Lookup interface {
	Units(ctx context.Context) ([]core.Unit, error)
	Positions(ctx context.Context, f core.PositionFilter) ([]core.Position, error)
	WorkloadTasks(ctx context.Context, positionID int64) ([]core.WorkloadTask, error)
	// EmployeeIDsByNIP returns every stored NIP with its employee's id.
	EmployeeIDsByNIP(ctx context.Context) (map[string]int64, error)
}

// PreviewRows is how many rows a Batch keeps for a preview.
const PreviewRows = 20

// PreviewRow is one data row as read, for a person to check before Apply.
type PreviewRow struct {
	Row    int      // the spreadsheet row
	Update bool     // the row updates a stored record
	Cells  []string // trimmed cells, in Batch.Columns order
}

// Batch is a parsed file: its rows as core records, ready for Apply, and
// what a person needs to decide whether to apply it.
type Batch struct {
	Kind     Kind
	Filename string
	// Columns are the kind's columns present in the file, in template order.
	Columns []string
	Rows    int // data rows read, blank rows not counted
	// New and Updated count the rows that create and that update a record;
	// for workload, the tasks of positions without and with stored tasks.
	New, Updated int
	Preview      []PreviewRow
	// Problems lists every problem, ordered by row.
	Problems []core.FieldError

	units     []core.Unit
	parents   []string // each unit's parent code, "" for none
	positions []core.Position
	employees []core.Employee
	tasks     []core.WorkloadTask
}

// Err returns the batch's problems as a *core.ValidationError, or nil.
func (b *Batch) Err() error {
	if b == nil || len(b.Problems) == 0 {
		return nil
	}
	return &core.ValidationError{Fields: b.Problems}
}

// Parse reads a file of kind with DefaultLimits; see Limits.Parse.
func Parse(ctx context.Context, kind Kind, filename string, r io.Reader, lk Lookup) (*Batch, error) {
	return DefaultLimits.Parse(ctx, kind, filename, r, lk)
}

// Parse reads a file of kind named filename from r and checks every row:
// its values, the record's own rules (core's Validate), references to
// other records (in the file for a unit's parent, else in lk) and
// duplicates within the file.
//
// It returns the batch and, when the file has any problem, a
// *core.ValidationError listing them all with their rows; the batch is
// returned too whenever the header could be read, for a preview. Other
// errors (reading r, asking lk) are wrapped.
func (l Limits) Parse(ctx context.Context, kind Kind, filename string, r io.Reader, lk Lookup) (*Batch, error) {
	kp, ok := parsers[kind]
	if !ok {
		return nil, fmt.Errorf("import: unknown kind %q", kind)
	}
	l = l.orDefault()
	t, err := openTable(filename, r, l)
	if err != nil {
		return nil, err
	}
	defer t.close()
	p := kp()
	if err := p.load(ctx, lk); err != nil {
		return nil, fmt.Errorf("import %s: %w", kind, err)
	}
	b := &Batch{Kind: kind, Filename: filename}
	s := &scan{ctx: ctx, b: b, p: p, t: t, limits: l}
	err = eachAhead(t, s.row)
	var ve *core.ValidationError
	switch {
	case errors.Is(err, errTooManyRows):
		return nil, fileProblem("import.too_many_rows", l.MaxRows)
	case errors.As(err, &ve):
		return nil, err
	case errors.Is(err, errStop):
	case err != nil:
		return nil, fmt.Errorf("import %s: %w", kind, err)
	case s.index == nil:
		return nil, fileProblem("import.file_empty")
	default:
		p.finish(b, &s.v)
	}
	s.explainFormulas()
	b.Problems = sortProblems(kind, s.v.Fields)
	return b, b.Err()
}

// sortProblems orders problems by row, and within a row by column as the
// template orders them.
func sortProblems(kind Kind, fs []core.FieldError) []core.FieldError {
	order := map[string]int{}
	for i, c := range columns[kind] {
		order[c.Name] = i + 1
	}
	slices.SortStableFunc(fs, func(a, c core.FieldError) int {
		if a.Row != c.Row {
			return a.Row - c.Row
		}
		return order[a.Field] - order[c.Field]
	})
	return fs
}

// errStop ends reading after a problem with the header.
var errStop = errors.New("stop")

// kindParser turns the rows of one kind into records.
type kindParser interface {
	// load reads what the kind refers to from storage.
	load(ctx context.Context, lk Lookup) error
	// row checks one data row, appends its record to b and reports whether
	// it updates a stored one. Problems go to v.
	row(r record, b *Batch, v *core.ValidationError) (update bool)
	// finish runs the checks that need every row.
	finish(b *Batch, v *core.ValidationError)
}

var parsers = map[Kind]func() kindParser{
	Units:     func() kindParser { return &unitParser{} },
	Positions: func() kindParser { return &positionParser{} },
	Employees: func() kindParser { return &employeeParser{} },
	Workload:  func() kindParser { return &workloadParser{} },
}

// record is one data row.
type record struct {
	row   int
	cells []string
	index map[string]int // column name -> cell index
	// date1904 tells how to read date serial numbers.
	date1904 bool
}

// get returns the trimmed cell of col, "" when absent.
func (r record) get(col string) string {
	i, ok := r.index[col]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return cleanCell(r.cells[i])
}

// has reports whether the file has the column.
func (r record) has(col string) bool {
	_, ok := r.index[col]
	return ok
}

// scan feeds a table's rows to a kind parser.
type scan struct {
	ctx    context.Context // checked now and then: a large file takes seconds
	b      *Batch
	p      kindParser
	t      table
	limits Limits
	index  map[string]int
	header int
	v      core.ValidationError
	// empty remembers problems on empty cells, to explain formulas.
	empty []int // indexes into v.Fields
}

func blank(cells []string) bool {
	for _, c := range cells {
		if cleanCell(c) != "" {
			return false
		}
	}
	return true
}

func (s *scan) row(n int, cells []string) error {
	if blank(cells) {
		return nil
	}
	if s.index == nil {
		return s.readHeader(n, cells)
	}
	s.b.Rows++
	if s.b.Rows > s.limits.MaxRows {
		return errTooManyRows
	}
	if s.b.Rows%1024 == 0 {
		if err := s.ctx.Err(); err != nil {
			return err
		}
	}
	r := record{row: n, cells: cells, index: s.index, date1904: s.t.date1904()}
	before := len(s.v.Fields)
	update := s.p.row(r, s.b, &s.v)
	for i := before; i < len(s.v.Fields); i++ {
		if f := s.v.Fields[i]; r.has(f.Field) && r.get(f.Field) == "" {
			s.empty = append(s.empty, i)
		}
	}
	if update {
		s.b.Updated++
	} else {
		s.b.New++
	}
	if len(s.b.Preview) < PreviewRows {
		pr := PreviewRow{Row: n, Update: update, Cells: make([]string, len(s.b.Columns))}
		for i, c := range s.b.Columns {
			pr.Cells[i] = r.get(c)
		}
		s.b.Preview = append(s.b.Preview, pr)
	}
	return nil
}

// readHeader maps the kind's columns to cells and reports duplicate and
// missing columns.
func (s *scan) readHeader(n int, cells []string) error {
	s.header = n
	s.index = map[string]int{}
	for i, c := range cells {
		name := normalizeHeader(c)
		if name == "" {
			continue
		}
		if _, dup := s.index[name]; dup {
			s.v.AddRow(n, name, "import.duplicate_column")
			continue
		}
		s.index[name] = i
	}
	for _, c := range columns[s.b.Kind] {
		if _, ok := s.index[c.Name]; ok {
			s.b.Columns = append(s.b.Columns, c.Name)
		} else if c.Required {
			s.v.AddRow(n, c.Name, "import.missing_column")
		}
	}
	if len(s.v.Fields) > 0 {
		return errStop
	}
	return nil
}

// maxFormulaChecks bounds the formula look-ups, which load the whole sheet.
const maxFormulaChecks = 200

// explainFormulas replaces "required" on an empty cell that holds a formula
// without a stored value by a problem that says so.
func (s *scan) explainFormulas() {
	for k, i := range s.empty {
		if k == maxFormulaChecks {
			return
		}
		f := &s.v.Fields[i]
		col, ok := s.index[f.Field]
		if !ok {
			continue
		}
		if formula := s.t.formula(f.Row, col); formula != "" {
			f.Key, f.Args = "import.formula_no_value", []any{"=" + formula}
		}
	}
}

// aheadChunk is how many rows the reader hands over at once.
const aheadChunk = 256

// eachAhead calls fn for every row of t like t.each, but reads the file on
// its own goroutine a few chunks ahead, so that decoding the file and
// checking its rows use two cores. fn's first error stops the reading.
func eachAhead(t table, fn func(row int, cells []string) error) error {
	type chunk struct {
		rows  []int
		cells [][]string
	}
	ch := make(chan chunk, 4)
	stop := make(chan struct{})
	var readErr error
	go func() {
		defer close(ch)
		var c chunk
		send := func() bool {
			select {
			case ch <- c:
				c = chunk{}
				return true
			case <-stop:
				return false
			}
		}
		readErr = t.each(func(n int, cells []string) error {
			c.rows, c.cells = append(c.rows, n), append(c.cells, slices.Clone(cells))
			if len(c.rows) == aheadChunk && !send() {
				return errStop
			}
			return nil
		})
		if readErr == nil && len(c.rows) > 0 {
			send()
		}
	}()
	var err error
	for c := range ch {
		for i := 0; err == nil && i < len(c.rows); i++ {
			if err = fn(c.rows[i], c.cells[i]); err != nil {
				close(stop)
			}
		}
	}
	if err != nil {
		return err
	}
	return readErr
}
