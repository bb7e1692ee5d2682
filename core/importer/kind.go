package importer

import "strings"

// Kind is what a file holds.
type Kind string

// The import kinds of DESIGN.md.
const (
	Units     Kind = "units"
	Positions Kind = "positions"
	Employees Kind = "employees"
	Workload  Kind = "workload"
)

// Kinds lists the kinds in the order they are imported: each refers only
// to kinds before it.
var Kinds = []Kind{Units, Positions, Employees, Workload}

// ParseKind accepts a kind's name in any case, and its Indonesian name
// (unit, jabatan, pegawai, beban_kerja).
func ParseKind(s string) (Kind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "units", "unit":
		return Units, true
	case "positions", "jabatan":
		return Positions, true
	case "employees", "pegawai":
		return Employees, true
	case "workload", "beban_kerja", "abk":
		return Workload, true
	}
	return "", false
}

// Column is one column of an import kind.
type Column struct {
	Name     string // the header, as in DESIGN.md
	Required bool   // the header must be present
}

var columns = map[Kind][]Column{
	Units: {{"kode", true}, {"nama", true}, {"induk", false}, {"jenis", false}, {"zona_waktu", false},
		{"lat", false}, {"lng", false}, {"alamat", false}},
	Positions: {{"kode", true}, {"unit", true}, {"nama", true}, {"jenis", true}, {"rumpun", false},
		{"pendidikan_min", false}, {"jurusan", false}, {"kompetensi", false}},
	Employees: {{"nip", true}, {"nama", true}, {"golongan", false}, {"jabatan", true}, {"tmt_jabatan", true},
		{"pendidikan", false}, {"jurusan", false}, {"kompetensi", false}, {"predikat_kinerja", false},
		{"telepon", false}, {"lat", false}, {"lng", false}, {"periode_kinerja", false}},
	Workload: {{"jabatan", true}, {"tugas", true}, {"volume", true}, {"norma_menit", true}, {"periode", false}},
}

// Columns returns the columns of kind in template order.
func Columns(kind Kind) []Column {
	return append([]Column(nil), columns[kind]...)
}

// normalizeHeader turns a header cell into a column name: "TMT Jabatan *"
// becomes tmt_jabatan.
func normalizeHeader(s string) string {
	s = strings.ToLower(cleanCell(s))
	s = strings.TrimRight(s, " *")
	return strings.Join(strings.Fields(headerSeparators.Replace(s)), "_")
}

var headerSeparators = strings.NewReplacer("-", " ", "_", " ")
