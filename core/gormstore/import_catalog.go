package gormstore

import (
	"context"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

// unitImportColumns maps import columns to the units columns they set.
var unitImportColumns = map[string][]string{
	"nama": {"name"}, "jenis": {"kind"}, "zona_waktu": {"time_zone"}, "lat": {"lat"}, "lng": {"lng"}, "alamat": {"address"},
}

// ImportUnits upserts units by code in one transaction: a stored unit gets
// the columns the file holds, a new one is created. When columns holds
// "induk", the parent of units[i] is then set to the unit coded parents[i],
// or none for "". The caller checks that parents exist and form no cycle;
// a parent missing at write time is a *core.ValidationError.
func (s *Store) ImportUnits(ctx context.Context, units []core.Unit, parents []string, columns []string) error {
	t := now()
	rows := make([]unitRow, len(units))
	for i := range units {
		rows[i] = toUnitRow(&units[i])
		rows[i].ID, rows[i].ParentID, rows[i].CreatedAt, rows[i].UpdatedAt = 0, nil, t, t
	}
	update := importColumns(columns, unitImportColumns, "updated_at")
	return s.inTx(ctx, func(db *gorm.DB) error {
		if err := upsert(db, rows, "code", update); err != nil {
			return translate(err, "import units", "")
		}
		if !slices.Contains(columns, "induk") {
			return nil
		}
		var ids []struct {
			ID   int64
			Code string
		}
		if err := db.Model(&unitRow{}).Select("id, code").Find(&ids).Error; err != nil {
			return translate(err, "import units", "")
		}
		byCode := make(map[string]int64, len(ids))
		for _, x := range ids {
			byCode[strings.ToLower(x.Code)] = x.ID
		}
		for i, u := range units {
			var parent *int64
			if parents[i] != "" {
				id, ok := byCode[strings.ToLower(parents[i])]
				if !ok {
					return core.Invalid("induk", "err.unit_not_found", parents[i])
				}
				parent = &id
			}
			err := db.Model(&unitRow{}).Where("id = ?", byCode[strings.ToLower(u.Code)]).Update("parent_id", parent).Error
			if err != nil {
				return translate(err, "import unit parent", "")
			}
		}
		return nil
	})
}

// positionImportColumns maps import columns to the positions columns they set.
var positionImportColumns = map[string][]string{
	"unit": {"unit_id"}, "nama": {"name"}, "jenis": {"kind"}, "rumpun": {"job_family"},
	"pendidikan_min": {"min_education"}, "jurusan": {"accepted_fields"}, "kompetensi": {"competencies"},
}

// ImportPositions upserts positions by code in one transaction. When
// columns holds "unit", the employees of a position that moved to another
// unit move with it.
func (s *Store) ImportPositions(ctx context.Context, ps []core.Position, columns []string) error {
	t := now()
	rows := make([]positionRow, len(ps))
	for i := range ps {
		rows[i] = toPositionRow(&ps[i])
		rows[i].ID, rows[i].CreatedAt, rows[i].UpdatedAt = 0, t, t
	}
	update := importColumns(columns, positionImportColumns, "updated_at")
	return s.inTx(ctx, func(db *gorm.DB) error {
		var stored []positionUnit
		if slices.Contains(columns, "unit") {
			if err := db.Model(&positionRow{}).Select("code, unit_id").Find(&stored).Error; err != nil {
				return translate(err, "import positions", "")
			}
		}
		if err := upsert(db, rows, "code", update); err != nil {
			return translate(err, "import positions", "")
		}
		return movePositionStaff(db, stored, ps)
	})
}

// positionUnit is a stored position's code and unit.
type positionUnit struct {
	Code   string
	UnitID int64
}

// movePositionStaff gives the employees of each position in ps whose unit
// differs from its stored one the new unit.
func movePositionStaff(db *gorm.DB, stored []positionUnit, ps []core.Position) error {
	before := make(map[string]int64, len(stored))
	for _, p := range stored {
		before[strings.ToLower(p.Code)] = p.UnitID
	}
	moved := map[int64][]string{} // new unit -> position codes
	for _, p := range ps {
		if old, ok := before[strings.ToLower(p.Code)]; ok && old != p.UnitID {
			moved[p.UnitID] = append(moved[p.UnitID], p.Code)
		}
	}
	for unit, codes := range moved {
		for chunk := range slices.Chunk(codes, importBatch) {
			err := db.Model(&employeeRow{}).Where("position_id IN (?)", db.Model(&positionRow{}).Select("id").Where("code IN ?", chunk)).
				Update("unit_id", unit).Error
			if err != nil {
				return translate(err, "import positions: move employees", "")
			}
		}
	}
	return nil
}

// ImportWorkload replaces, in one transaction, the tasks of every position
// that tasks name with tasks.
func (s *Store) ImportWorkload(ctx context.Context, tasks []core.WorkloadTask) error {
	rows := make([]workloadRow, len(tasks))
	var positions []int64
	seen := map[int64]bool{}
	for i := range tasks {
		rows[i] = toWorkloadRow(&tasks[i])
		rows[i].ID = 0
		if p := tasks[i].PositionID; !seen[p] {
			seen[p] = true
			positions = append(positions, p)
		}
	}
	return s.inTx(ctx, func(db *gorm.DB) error {
		for chunk := range slices.Chunk(positions, importBatch) {
			if err := db.Where("position_id IN ?", chunk).Delete(&workloadRow{}).Error; err != nil {
				return translate(err, "import workload", "")
			}
		}
		if len(rows) == 0 {
			return nil
		}
		return translate(db.CreateInBatches(&rows, importBatch).Error, "import workload", "")
	})
}
