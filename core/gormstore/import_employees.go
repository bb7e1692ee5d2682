package gormstore

import (
	"context"

	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

// employeeImportColumns maps import columns to the employees columns they set.
var employeeImportColumns = map[string][]string{
	"nama": {"name"}, "golongan": {"golongan"}, "jabatan": {"position_id", "unit_id"}, "tmt_jabatan": {"tmt_jabatan"},
	"pendidikan": {"education_level"}, "jurusan": {"education_field"}, "kompetensi": {"competencies"},
	"predikat_kinerja": {"performance"}, "telepon": {"phone"}, "lat": {"home_lat"}, "lng": {"home_lng"},
}

// ImportEmployees upserts employees by NIP in one transaction, a thousand
// rows per statement. A stored employee gets the columns the file holds
// (and the birth date and gender its NIP encodes); its Telegram link,
// language and active flag stay as they are. A row naming the period of
// its performance rating (PerformancePeriod) adds it to the employee's
// rating history. The caller validates the employees and sets each one's
// UnitID from its position.
func (s *Store) ImportEmployees(ctx context.Context, es []core.Employee, columns []string) error {
	t := now()
	rows := make([]employeeRow, len(es))
	for i := range es {
		rows[i] = toEmployeeRow(&es[i])
		rows[i].ID, rows[i].CreatedAt, rows[i].UpdatedAt = 0, t, t
	}
	update := importColumns(columns, employeeImportColumns, "birth_date", "gender", "updated_at")
	return s.inTx(ctx, func(db *gorm.DB) error {
		if err := upsert(db, rows, "nip", update); err != nil {
			return translate(err, "import employees", "")
		}
		return importRatings(db, es)
	})
}

// EmployeeIDsByNIP returns every stored NIP with its employee's id, in one
// query.
func (s *Store) EmployeeIDsByNIP(ctx context.Context) (map[string]int64, error) {
	var rows []struct {
		ID  int64
		NIP string `gorm:"column:nip"`
	}
	if err := s.db.WithContext(ctx).Model(&employeeRow{}).Select("id, nip").Find(&rows).Error; err != nil {
		return nil, translate(err, "employee nips", "")
	}
	m := make(map[string]int64, len(rows))
	for _, r := range rows {
		m[r.NIP] = r.ID
	}
	return m, nil
}

// AllEmployees returns every employee ordered by NIP, in one query, for
// exports.
func (s *Store) AllEmployees(ctx context.Context) ([]core.Employee, error) {
	var rows []employeeRow
	if err := s.db.WithContext(ctx).Order("nip").Find(&rows).Error; err != nil {
		return nil, translate(err, "all employees", "")
	}
	out := make([]core.Employee, len(rows))
	for i, r := range rows {
		out[i] = r.employee()
	}
	return out, nil
}
