package gormstore

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"

	gomysql "github.com/go-sql-driver/mysql"
	"github.com/ncruces/go-sqlite3"
	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

// uniqueRules maps a unique constraint, by its MySQL name and its SQLite
// "table.column" form, to what a person is told.
var uniqueRules = []struct {
	mysqlKey, sqliteCols, field, key string
}{
	{"uq_employees_nip", "employees.nip", "nip", "err.duplicate_nip"},
	{"uq_employees_telegram", "employees.telegram_user_id", "telegram", "err.duplicate_telegram"},
	{"uq_units_code", "units.code", "kode", "err.duplicate_code"},
	{"uq_positions_code", "positions.code", "kode", "err.duplicate_code"},
	{"uq_admin_users_email", "admin_users.email", "email", "err.duplicate_email"},
	{"uq_transfers_round_employee", "transfers.round_id, transfers.employee_id", "pegawai", "err.transfer_exists"},
}

// translate maps a database error to core's errors: not found, a unique
// rule broken (a *core.ConflictError naming it, with value filled into the
// message when it takes one), a missing reference or a row still in use.
// Other errors are wrapped unchanged.
func translate(err error, op string, value string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%s: %w", op, core.ErrNotFound)
	}
	if unreachable(err) {
		return fmt.Errorf("%s: %w: %v", op, core.ErrUnavailable, err)
	}
	if c := uniqueViolation(err); c != "" {
		for _, r := range uniqueRules {
			if strings.Contains(c, r.mysqlKey) || c == r.sqliteCols {
				ce := &core.ConflictError{Field: r.field, Key: r.key}
				if strings.Contains(r.key, "nip") || strings.Contains(r.key, "code") || strings.Contains(r.key, "email") {
					ce.Args = []any{value}
				}
				return fmt.Errorf("%s: %w", op, ce)
			}
		}
		return fmt.Errorf("%s: %w", op, &core.ConflictError{Key: "err.duplicate"})
	}
	var me *gomysql.MySQLError
	if errors.As(err, &me) {
		switch me.Number {
		case 1452: // child row: referenced row missing
			return fmt.Errorf("%s: %w", op, core.Invalid("", "err.unknown_reference", op))
		case 1451: // parent row still referenced
			return fmt.Errorf("%s: %w", op, &core.ConflictError{Key: "err.in_use"})
		}
	}
	var se *sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode() == sqlite3.CONSTRAINT_FOREIGNKEY {
		return fmt.Errorf("%s: %w", op, core.Invalid("", "err.unknown_reference", op))
	}
	return fmt.Errorf("%s: %w", op, err)
}

// unreachable reports whether err says the database cannot be reached
// (refused or dropped connections, a server gone away) rather than that
// the statement failed: a person is told to try again later.
func unreachable(err error) bool {
	var op *net.OpError
	var me *gomysql.MySQLError
	return errors.Is(err, driver.ErrBadConn) || errors.Is(err, gomysql.ErrInvalidConn) || errors.As(err, &op) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		(errors.As(err, &me) && (me.Number == 1053 || me.Number == 2006 || me.Number == 2013)) // shutdown, gone away, lost
}

// markUnreachable makes every GORM operation's error wrap
// core.ErrUnavailable when the database cannot be reached, so each edge
// answers "try again later" (503) instead of an internal error.
func markUnreachable(db *gorm.DB) {
	mark := func(tx *gorm.DB) {
		if tx.Error != nil && unreachable(tx.Error) && !errors.Is(tx.Error, core.ErrUnavailable) {
			tx.Error = fmt.Errorf("%w: %w", core.ErrUnavailable, tx.Error)
		}
	}
	cb := db.Callback()
	_ = cb.Create().After("*").Register("seimbang:unreachable", mark)
	_ = cb.Query().After("*").Register("seimbang:unreachable", mark)
	_ = cb.Update().After("*").Register("seimbang:unreachable", mark)
	_ = cb.Delete().After("*").Register("seimbang:unreachable", mark)
	_ = cb.Row().After("*").Register("seimbang:unreachable", mark)
	_ = cb.Raw().After("*").Register("seimbang:unreachable", mark)
}

// uniqueViolation returns the violated unique constraint as MySQL names it
// or as SQLite lists its columns, or "".
func uniqueViolation(err error) string {
	var me *gomysql.MySQLError
	if errors.As(err, &me) && me.Number == 1062 {
		return me.Message // "Duplicate entry 'x' for key 'employees.uq_employees_nip'"
	}
	var se *sqlite3.Error
	if errors.As(err, &se) && (se.ExtendedCode() == sqlite3.CONSTRAINT_UNIQUE || se.ExtendedCode() == sqlite3.CONSTRAINT_PRIMARYKEY) {
		msg := se.Error() // "sqlite3: constraint failed: UNIQUE constraint failed: employees.nip"
		if i := strings.Index(msg, "constraint failed: "); i >= 0 {
			msg = msg[strings.LastIndex(msg, "failed: ")+len("failed: "):]
		}
		return strings.TrimSpace(msg)
	}
	return ""
}

// errNoRows reports that an update matched no row.
var errNoRows = gorm.ErrRecordNotFound
