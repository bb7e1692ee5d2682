// Package migrations holds the versioned SQL schema, one set per dialect,
// embedded in the binary and applied with goose.
package migrations

import (
	"embed"
	"io/fs"
)

//go:embed mysql/*.sql sqlite/*.sql
var files embed.FS

// FS returns the migrations of dialect ("mysql" or "sqlite").
func FS(dialect string) (fs.FS, error) {
	return fs.Sub(files, dialect)
}
