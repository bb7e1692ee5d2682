// Package importer reads the four import kinds of DESIGN.md (units,
// positions, employees, workload) from .xlsx (first sheet) and .csv files,
// checks every row, and writes a checked file in one transaction.
//
// Reading. A file is .xlsx when its content is a zip archive and .csv
// otherwise; a file named .xlsx that is not a zip archive, and an old .xls
// workbook, are refused with an explanation. CSV is UTF-8 with or without a
// byte-order mark, comma- or semicolon-separated (the header line decides),
// with quoted fields. The first non-blank row is the header: Indonesian
// column names in any order and case ("TMT Jabatan" is tmt_jabatan), extra
// columns ignored. Blank rows are skipped. Cells are trimmed. Row numbers in
// problems are spreadsheet rows: the header is row 1.
//
// Values. Numbers (lat, lng, volume, norma_menit) accept a decimal comma
// ("-3,1") or point; with both, the last one is the decimal separator, and a
// separator repeated ("1.250.000") groups thousands. A single point is a
// decimal point: "1.250" is 1.25. tmt_jabatan accepts an Excel date cell,
// YYYY-MM-DD, DD/MM/YYYY and DD-MM-YYYY. A NIP or phone number that Excel
// stored as a number in scientific notation (1,98503E+17) has lost digits:
// it is refused with advice to format the column as text. A formula cell
// counts with the value Excel last calculated; a formula without a stored
// value is reported as such.
//
// Updating. An import is an upsert by natural key: unit code and position
// code (case-insensitive), employee NIP. A row whose key exists updates
// that record, so HR can re-import each month's SIMPEG export; nothing is
// deleted or deactivated when a record is missing from the file. Columns
// absent from the file leave the stored value unchanged; a present but
// empty cell clears it. An update never touches an employee's Telegram link,
// language or active flag. Workload rows replace the whole task list of
// every position named in the file; other positions keep theirs.
//
// All or nothing. Parse lists every problem of a file; Apply refuses a batch
// with problems and otherwise writes all its rows in one transaction.
package importer
