package importer

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// sheetNames are the Indonesian sheet names of templates and exports.
var sheetNames = map[Kind]string{Units: "unit", Positions: "jabatan", Employees: "pegawai", Workload: "beban_kerja"}

// textColumns hold identifiers Excel must keep as typed: an 18-digit NIP
// typed into a number column loses its last digits.
var textColumns = map[string]bool{"kode": true, "induk": true, "unit": true, "jabatan": true, "nip": true,
	"telepon": true, "tmt_jabatan": true, "periode": true, "periode_kinerja": true}

// examples are the templates' example rows, in Columns order.
var examples = map[Kind][]any{
	Units:     {"DINKES", "Dinas Kesehatan", "", "dinas", "WITA", -3.0125, 119.8123, "Jl. Pahlawan No. 1"},
	Positions: {"DINKES-PRW", "DINKES", "Perawat Terampil", "fungsional", "perawat", "D3", "Keperawatan", "asuhan keperawatan"},
	Employees: {"198503122010012003", "Siti Rahmawati", "III/b", "DINKES-PRW", "2019-03-01", "D3", "Keperawatan",
		"asuhan keperawatan;imunisasi", "Baik", "081234567890", -3.2, 119.9, "2025"},
	Workload: {"DINKES-PRW", "Melakukan asuhan keperawatan", 1200, 45, "2026"},
}

// WriteTemplate writes an .xlsx template for kind to w: on the first sheet
// the header row and one example row, identifier columns formatted as
// text; on a second sheet a guide to each column in lang, Indonesian when
// lang is not given.
func WriteTemplate(w io.Writer, kind Kind, lang ...i18n.Lang) error {
	ex, ok := examples[kind]
	if !ok {
		return fmt.Errorf("import template: unknown kind %q", kind)
	}
	guide := i18n.ID
	if len(lang) > 0 {
		guide = lang[0]
	}
	return writeSheet(w, kind, func(row func([]any) error) error { return row(ex) },
		func(f *excelize.File) error { return writeGuide(f, kind, guide) })
}

// writeGuide adds a sheet that explains each column of kind.
func writeGuide(f *excelize.File, kind Kind, lang i18n.Lang) error {
	name := i18n.T(lang, "import.guide.sheet")
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	rows := [][]any{{i18n.T(lang, "import.guide.intro")}, {},
		{i18n.T(lang, "import.guide.column"), i18n.T(lang, "import.guide.required"), i18n.T(lang, "import.guide.description")}}
	for _, c := range columns[kind] {
		req := i18n.T(lang, "import.guide.no")
		if c.Required {
			req = i18n.T(lang, "import.guide.yes")
		}
		rows = append(rows, []any{c.Name, req, i18n.T(lang, "import.col."+string(kind)+"."+c.Name)})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(name, cell, &r); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(name, "A", "B", 18); err != nil {
		return err
	}
	return f.SetColWidth(name, "C", "C", 100)
}

// EmployeeSource is what ExportEmployees reads; *gormstore.Store is one.
type EmployeeSource interface {
	AllEmployees(ctx context.Context) ([]core.Employee, error)
	Positions(ctx context.Context, f core.PositionFilter) ([]core.Position, error)
}

// ExportEmployees writes every stored employee to w as .xlsx in the import
// format, so an edited export can be imported again.
func ExportEmployees(ctx context.Context, w io.Writer, src EmployeeSource) error {
	es, err := src.AllEmployees(ctx)
	if err != nil {
		return fmt.Errorf("export employees: %w", err)
	}
	ps, err := src.Positions(ctx, core.PositionFilter{})
	if err != nil {
		return fmt.Errorf("export employees: %w", err)
	}
	return WriteEmployees(w, es, ps)
}

// WriteEmployees writes es to w as .xlsx in the import format; positions
// give the position codes.
func WriteEmployees(w io.Writer, es []core.Employee, positions []core.Position) error {
	codes := make(map[int64]string, len(positions))
	for _, p := range positions {
		codes[p.ID] = p.Code
	}
	return writeSheet(w, Employees, func(row func([]any) error) error {
		cells := make([]any, len(columns[Employees]))
		for i := range es {
			e := &es[i]
			pos := ""
			if e.PositionID != nil {
				pos = codes[*e.PositionID]
			}
			cells = append(cells[:0], e.NIP, e.Name, string(e.Golongan), pos, e.TMTJabatan.String(),
				string(e.EducationLevel), e.EducationField, strings.Join(e.Competencies, ";"), string(e.Performance),
				e.Phone, optional(e.HomeLat), optional(e.HomeLng))
			if err := row(cells); err != nil {
				return err
			}
		}
		return nil
	}, nil)
}

func optional(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// writeSheet streams one sheet of kind: a bold header row, then the rows
// that rows emits in Columns order; then more, when not nil, adds to the
// workbook.
func writeSheet(w io.Writer, kind Kind, rows func(row func([]any) error) error, more func(*excelize.File) error) error {
	f := excelize.NewFile()
	defer f.Close()
	name := sheetNames[kind]
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49})
	if err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@", text
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	cols := columns[kind]
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: bold, Value: c.Name}
		if textColumns[c.Name] {
			if err := sw.SetColStyle(i+1, i+1, text); err != nil {
				return err
			}
		}
		width := max(12, float64(len(c.Name))+4)
		if c.Name == "nama" || c.Name == "tugas" || c.Name == "nip" {
			width = 28
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	n := 1
	err = rows(func(cells []any) error {
		n++
		cell, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, cells)
	})
	if err != nil {
		return fmt.Errorf("write %s sheet: %w", name, err)
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if more != nil {
		if err := more(f); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}
