package gormstore

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"syscall"
	"testing"

	gomysql "github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

// TestUnreachableIsUnavailable checks which database errors mean "the
// database cannot be reached" (a 503 for the panel, a retry for the bot)
// and that translate wraps them in core.ErrUnavailable; the proof suite's
// mariadb-restart scenario checks the same on a killed server.
func TestUnreachableIsUnavailable(t *testing.T) {
	for _, err := range []error{driver.ErrBadConn, gomysql.ErrInvalidConn, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED},
		syscall.ECONNRESET, &gomysql.MySQLError{Number: 2006, Message: "MySQL server has gone away"}, &gomysql.MySQLError{Number: 1053}} {
		wrapped := fmt.Errorf("query: %w", err)
		if !unreachable(wrapped) {
			t.Errorf("unreachable(%v) = false", err)
		}
		if got := translate(wrapped, "employee", ""); !errors.Is(got, core.ErrUnavailable) {
			t.Errorf("translate(%v) = %v, want core.ErrUnavailable", err, got)
		}
	}
	for _, err := range []error{gorm.ErrRecordNotFound, &gomysql.MySQLError{Number: 1062, Message: "Duplicate entry"},
		&gomysql.MySQLError{Number: 1064, Message: "syntax"}, errors.New("sql: no rows in result set")} {
		if unreachable(err) || errors.Is(translate(err, "employee", ""), core.ErrUnavailable) {
			t.Errorf("%v taken for an unreachable database", err)
		}
	}
}
