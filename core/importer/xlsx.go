package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"

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

// openXLSX opens a workbook held in data; name is the file's base name.
func openXLSX(name string, data []byte, lim Limits) (_ table, err error) {
	defer recoverBroken(&err)
	if !hasWorkbook(data) {
		// A zip archive, but no workbook: a .docx, an .ods, a zip renamed.
		return nil, fileProblem("import.file_not_xlsx", name)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: max(maxUnzipped, 20*lim.MaxBytes)})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, fileProblem("import.file_not_xlsx", name)
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
	defer recoverBroken(&err)
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

// hasWorkbook reports whether the zip archive in data holds a workbook part.
func hasWorkbook(data []byte) bool {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return true // let excelize say what is wrong
	}
	for _, f := range z.File {
		if strings.EqualFold(f.Name, "xl/workbook.xml") || strings.EqualFold(f.Name, "xl/workbook.bin") {
			return true
		}
	}
	return false
}

// recoverBroken turns a panic inside the spreadsheet library, on a
// malformed file, into the problem "file is broken".
func recoverBroken(err *error) {
	if r := recover(); r != nil {
		*err = fileProblem("import.file_broken")
	}
}
