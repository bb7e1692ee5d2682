// Package report writes the documents HR prints or files: a title, a few
// lines about what the document is, tables, and a closing block (a place,
// a date, a signature). The same Document is written as xlsx, for people
// who go on working with the figures, and as PDF, for the file and the
// printer. It knows nothing about rounds or surveys; the callers fill in
// the words, already translated.
package report

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"
)

// Align is how a column's cells sit.
type Align int

const (
	Left Align = iota
	Right
	Center
)

// Column is one column of a table. Width is relative to the other
// columns' widths (0 counts as 1).
type Column struct {
	Title string
	Width float64
	Align Align
}

// Table is a titled grid of text. Rows shorter than Columns are padded
// with empty cells; longer rows are an error.
type Table struct {
	Heading string
	Columns []Column
	Rows    [][]string
	// Notes are lines printed under the table.
	Notes []string
}

// Document is what is written. Lines go under the title; Closing goes
// after the last table, aligned right (where the signature block sits in
// an Indonesian letter).
type Document struct {
	Title     string
	Lines     []string
	Tables    []Table
	Closing   []string
	Landscape bool
	// Sheet names the xlsx sheet (Excel allows 31 characters).
	Sheet string
}

func (d Document) check() error {
	if d.Title == "" {
		return errors.New("report: a document needs a title")
	}
	for i, t := range d.Tables {
		if len(t.Columns) == 0 {
			return fmt.Errorf("report: table %d has no columns", i+1)
		}
		for j, r := range t.Rows {
			if len(r) > len(t.Columns) {
				return fmt.Errorf("report: table %d row %d has %d cells for %d columns", i+1, j+1, len(r), len(t.Columns))
			}
		}
	}
	return nil
}

func cell(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}

// WriteXLSX writes the document as one sheet: title and lines on top, each
// table with a bold header row, then the closing lines. Cells are stored as
// text, so that an NIP keeps its 18 digits.
func (d Document) WriteXLSX(w io.Writer) error {
	if err := d.check(); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := d.Sheet
	if sheet == "" {
		sheet = "Sheet1"
	}
	if utf8.RuneCountInString(sheet) > 31 {
		sheet = string([]rune(sheet)[:31])
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDDDDD"}}})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	row := 1
	put := func(col int, v string, style int) error {
		name, err := excelize.CoordinatesToCellName(col, row)
		if err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, name, v); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, name, name, style)
	}
	if err := put(1, d.Title, title); err != nil {
		return err
	}
	row++
	for _, l := range d.Lines {
		if err := put(1, l, text); err != nil {
			return err
		}
		row++
	}
	widths := map[int]int{}
	for _, t := range d.Tables {
		row++
		if t.Heading != "" {
			if err := put(1, t.Heading, head); err != nil {
				return err
			}
			row++
		}
		for i, c := range t.Columns {
			if err := put(i+1, c.Title, head); err != nil {
				return err
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c.Title))
		}
		row++
		for _, r := range t.Rows {
			for i := range t.Columns {
				v := cell(r, i)
				if err := put(i+1, v, text); err != nil {
					return err
				}
				widths[i] = max(widths[i], utf8.RuneCountInString(v))
			}
			row++
		}
		for _, n := range t.Notes {
			if err := put(1, n, text); err != nil {
				return err
			}
			row++
		}
	}
	if len(d.Closing) > 0 {
		row++
		for _, l := range d.Closing {
			if err := put(1, l, text); err != nil {
				return err
			}
			row++
		}
	}
	for i, n := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, float64(min(max(n, 4), 60)+2)); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// PDF page geometry in millimetres.
const (
	margin     = 12.0
	lineHeight = 5.0
	fontSize   = 9.0
)

// WritePDF writes the document on A4 pages. A table's header row is
// repeated on every page it continues on; long cells wrap inside their
// column. Text outside Windows-1252 (which the standard PDF fonts cover)
// is written as "?".
func (d Document) WritePDF(w io.Writer) error {
	if err := d.check(); err != nil {
		return err
	}
	orientation := "P"
	if d.Landscape {
		orientation = "L"
	}
	pdf := fpdf.New(orientation, "mm", "A4", "")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, margin)
	pdf.SetTitle(d.Title, true)
	pdf.SetCreator("Seimbang", true)
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pageW, pageH := pdf.GetPageSize()
	usable := pageW - 2*margin
	bottom := pageH - margin

	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-margin + 2)
		pdf.SetFont("Helvetica", "", 7)
		pdf.CellFormat(0, 4, fmt.Sprintf("%d / {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 13)
	pdf.MultiCell(usable, 6, tr(d.Title), "", "C", false)
	pdf.SetFont("Helvetica", "", fontSize)
	for _, l := range d.Lines {
		pdf.MultiCell(usable, lineHeight, tr(l), "", "L", false)
	}

	for _, t := range d.Tables {
		pdf.Ln(3)
		total := 0.0
		for _, c := range t.Columns {
			total += colWeight(c)
		}
		widths := make([]float64, len(t.Columns))
		for i, c := range t.Columns {
			widths[i] = usable * colWeight(c) / total
		}
		// linesOf splits every cell of a row into the lines it takes in
		// its column; the row is as tall as its tallest cell.
		linesOf := func(r []string, bold bool) ([][]string, float64) {
			style := ""
			if bold {
				style = "B"
			}
			pdf.SetFont("Helvetica", style, fontSize)
			out := make([][]string, len(t.Columns))
			n := 1
			for i := range t.Columns {
				ls := wrap(cell(r, i), widths[i]-2, func(s string) float64 { return pdf.GetStringWidth(tr(s)) })
				for j := range ls {
					ls[j] = tr(ls[j])
				}
				out[i] = ls
				n = max(n, len(ls))
			}
			return out, float64(n)*lineHeight + 1
		}
		drawRow := func(cells [][]string, h float64, bold bool) {
			style := ""
			if bold {
				style = "B"
				pdf.SetFillColor(221, 221, 221)
			}
			pdf.SetFont("Helvetica", style, fontSize)
			x, y := pdf.GetX(), pdf.GetY()
			for i, c := range t.Columns {
				pdf.Rect(x, y, widths[i], h, map[bool]string{true: "FD", false: "D"}[bold])
				align := map[Align]string{Left: "L", Right: "R", Center: "C"}[c.Align]
				if bold {
					align = "C"
				}
				for j, l := range cells[i] {
					pdf.SetXY(x+1, y+0.5+float64(j)*lineHeight)
					pdf.CellFormat(widths[i]-2, lineHeight, l, "", 0, align, false, 0, "")
				}
				x += widths[i]
			}
			pdf.SetXY(margin, y+h)
		}
		titles := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			titles[i] = c.Title
		}
		header, headerH := linesOf(titles, true)

		if t.Heading != "" {
			if pdf.GetY()+lineHeight+headerH+lineHeight > bottom {
				pdf.AddPage()
			}
			pdf.SetFont("Helvetica", "B", 10)
			pdf.MultiCell(usable, 6, tr(t.Heading), "", "L", false)
		}
		if pdf.GetY()+headerH+lineHeight > bottom {
			pdf.AddPage()
		}
		drawRow(header, headerH, true)
		for _, r := range t.Rows {
			cells, h := linesOf(r, false)
			if pdf.GetY()+h > bottom {
				pdf.AddPage()
				drawRow(header, headerH, true)
			}
			drawRow(cells, h, false)
		}
		pdf.SetFont("Helvetica", "", fontSize)
		for _, n := range t.Notes {
			pdf.MultiCell(usable, lineHeight, tr(n), "", "L", false)
		}
	}

	if len(d.Closing) > 0 {
		need := float64(len(d.Closing))*lineHeight + 8
		if pdf.GetY()+need > bottom {
			pdf.AddPage()
		}
		pdf.Ln(8)
		pdf.SetFont("Helvetica", "", fontSize+1)
		blockW := usable / 3
		for _, l := range d.Closing {
			pdf.SetX(margin + usable - blockW)
			pdf.MultiCell(blockW, lineHeight+0.5, tr(l), "", "L", false)
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return pdf.Output(w)
}

// wrap breaks text into lines no wider than w as measured by width:
// between words where it can, inside a word longer than a line. It always
// returns at least one line.
func wrap(text string, w float64, width func(string) float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			next := word
			if line != "" {
				next = line + " " + word
			}
			if width(next) <= w {
				line = next
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			line = ""
			for width(word) > w {
				rs := []rune(word)
				n := len(rs) - 1
				for n > 1 && width(string(rs[:n])) > w {
					n--
				}
				lines = append(lines, string(rs[:n]))
				word = string(rs[n:])
			}
			line = word
		}
		lines = append(lines, line)
	}
	return lines
}

func colWeight(c Column) float64 {
	if c.Width <= 0 {
		return 1
	}
	return c.Width
}

// Filename turns a title into a safe download file name with the given
// extension: letters, digits and dashes only.
func Filename(title, ext string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	name := strings.TrimSuffix(b.String(), "-")
	if name == "" {
		name = "laporan"
	}
	if len(name) > 80 {
		name = strings.TrimSuffix(name[:80], "-")
	}
	return name + "." + ext
}
