package gormstore

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// importBatch is how many rows one INSERT of an import carries: about
// 25,000 placeholders for the widest table, under both dialects' limits.
const importBatch = 1000

// upsert inserts rows importBatch at a time; a row whose key exists has the
// update columns set instead. Both dialects run it: SQLite as INSERT … ON
// CONFLICT (key) DO UPDATE, MySQL as INSERT … ON DUPLICATE KEY UPDATE.
func upsert[T any](db *gorm.DB, rows []T, key string, update []string) error {
	if len(rows) == 0 {
		return nil
	}
	return db.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: key}},
		DoUpdates: clause.AssignmentColumns(update),
	}).CreateInBatches(&rows, importBatch).Error
}

// importColumns returns the table columns an import updates: always, then
// those of each import column present in the file.
func importColumns(present []string, mapping map[string][]string, always ...string) []string {
	out := append([]string(nil), always...)
	for _, c := range present {
		out = append(out, mapping[c]...)
	}
	return out
}
