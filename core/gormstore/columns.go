package gormstore

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/seimbang/seimbang/core"
)

// date stores a core.Date as DATE (MySQL) or YYYY-MM-DD text (SQLite);
// the zero Date is NULL.
type date core.Date

// Value implements driver.Valuer.
func (d date) Value() (driver.Value, error) {
	if core.Date(d).IsZero() {
		return nil, nil
	}
	return core.Date(d).String(), nil
}

// Scan implements sql.Scanner.
func (d *date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = date{}
		return nil
	case time.Time:
		*d = date(core.DateOf(v.UTC()))
		return nil
	case []byte:
		return d.parse(string(v))
	case string:
		return d.parse(v)
	}
	return fmt.Errorf("scan date from %T", src)
}

func (d *date) parse(s string) error {
	if len(s) > 10 {
		s = s[:10]
	}
	p, err := core.ParseDate(s)
	if err != nil {
		return err
	}
	*d = date(p)
	return nil
}

// list stores a []string as ';'-separated text.
type list []string

// Value implements driver.Valuer.
func (l list) Value() (driver.Value, error) { return strings.Join(l, ";"), nil }

// Scan implements sql.Scanner.
func (l *list) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*l = nil
	case []byte:
		*l = core.SplitList(string(v))
	case string:
		*l = core.SplitList(v)
	default:
		return fmt.Errorf("scan list from %T", src)
	}
	return nil
}

// jsonList stores a []string as a JSON array, for values that may contain
// ';'; it also reads a ';'-separated list.
type jsonList []string

// Value implements driver.Valuer.
func (l jsonList) Value() (driver.Value, error) {
	if l == nil {
		return "[]", nil
	}
	b, err := json.Marshal([]string(l))
	return string(b), err
}

// Scan implements sql.Scanner.
func (l *jsonList) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case nil:
		*l = nil
		return nil
	case []byte:
		b = v
	case string:
		b = []byte(v)
	default:
		return fmt.Errorf("scan json list from %T", src)
	}
	if t := strings.TrimSpace(string(b)); !strings.HasPrefix(t, "[") {
		*l = core.SplitList(t) // options typed as "a; b; c" by hand
		return nil
	}
	if err := json.Unmarshal(b, (*[]string)(l)); err != nil {
		return err
	}
	if len(*l) == 0 {
		*l = nil
	}
	return nil
}

// utc returns t in UTC, or nil for nil.
func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// now is the store's clock for created/updated stamps, always UTC and cut
// to microseconds as both dialects keep them.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
