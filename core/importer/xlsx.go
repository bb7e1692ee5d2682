package importer

import (
	"bytes"
	"errors"

	"github.com/xuri/excelize/v2"
)

// xlsxTable streams the first sheet of a workbook.
type xlsxTable struct {
	f      *excelize.File
	sheet  string
	is1904 bool
}

// maxUnzipped bounds the uncompressed size of a workbook, against zip bombs.
const maxUnzipped = 1 << 30

// openXLSX opens a workbook held in data.
func openXLSX(data []byte, lim Limits) (table, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: max(maxUnzipped, 20*lim.MaxBytes)})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, fileProblem("import.file_not_xlsx", "xlsx")
		}
		return nil, fileProblem("import.file_broken")
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, fileProblem("import.file_broken")
	}
	t := &xlsxTable{f: f, sheet: sheets[0]}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		t.is1904 = *p.Date1904
	}
	return t, nil
}

// each reads the raw cell values: numbers as stored (dates as serial
// numbers), text as typed. The iterator visits every row number, so a row
// missing from the file arrives empty.
func (t *xlsxTable) each(fn func(row int, cells []string) error) (err error) {
	rows, err := t.f.Rows(t.sheet)
	if err != nil {
		return fileProblem("import.file_broken")
	}
	defer func() {
		if cerr := rows.Close(); err == nil && cerr != nil {
			err = fileProblem("import.file_broken")
		}
	}()
	raw := excelize.Options{RawCellValue: true}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(raw)
		if err != nil {
			if errors.Is(err, excelize.ErrMaxRows) {
				return errTooManyRows
			}
			return fileProblem("import.file_broken")
		}
		if err := fn(n, cells); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return errTooManyRows
		}
		return fileProblem("import.file_broken")
	}
	return nil
}

// formula looks the cell up in the whole sheet, which it loads once; it
// is only asked about cells that turned out empty.
func (t *xlsxTable) formula(row, col int) string {
	cell, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		return ""
	}
	f, err := t.f.GetCellFormula(t.sheet, cell)
	if err != nil {
		return ""
	}
	return f
}

func (t *xlsxTable) date1904() bool { return t.is1904 }

func (t *xlsxTable) close() { t.f.Close() }
