package core

import (
	"strings"
	"sync"
	"time"
)

// TimeZone is one of Indonesia's three zones.
type TimeZone string

const (
	WIB  TimeZone = "WIB"  // UTC+7, Asia/Jakarta
	WITA TimeZone = "WITA" // UTC+8, Asia/Makassar
	WIT  TimeZone = "WIT"  // UTC+9, Asia/Jayapura
)

var zoneNames = map[TimeZone]string{WIB: "Asia/Jakarta", WITA: "Asia/Makassar", WIT: "Asia/Jayapura"}
var zoneOffsets = map[TimeZone]int{WIB: 7, WITA: 8, WIT: 9}

// ParseTimeZone accepts WIB, WITA or WIT in any case.
func ParseTimeZone(s string) (TimeZone, bool) {
	z := TimeZone(strings.ToUpper(strings.TrimSpace(s)))
	_, ok := zoneNames[z]
	return z, ok
}

// Location returns the zone's location, WIB's for an unknown zone. It uses
// the system's zone database when present and a fixed offset otherwise
// (Indonesia keeps no DST). The three locations are loaded once, on first
// use, and shared.
func (z TimeZone) Location() *time.Location {
	locs := zoneLocations()
	if loc, ok := locs[z]; ok {
		return loc
	}
	return locs[WIB]
}

// zoneLocations loads the three zones' locations once.
var zoneLocations = sync.OnceValue(func() map[TimeZone]*time.Location {
	locs := make(map[TimeZone]*time.Location, len(zoneNames))
	for z, name := range zoneNames {
		loc, err := time.LoadLocation(name)
		if err != nil {
			loc = time.FixedZone(string(z), zoneOffsets[z]*3600)
		}
		locs[z] = loc
	}
	return locs
})

// UnitKind classifies a work unit.
type UnitKind string

const (
	UnitOffice       UnitKind = "dinas"     // an OPD: Dinas, Badan, Sekretariat
	UnitDivision     UnitKind = "bidang"    // a division inside an office
	UnitHealthCentre UnitKind = "puskesmas" // a community health centre
	UnitSchool       UnitKind = "sekolah"   // a school
	UnitDistrict     UnitKind = "kecamatan" // a district office
	UnitHospital     UnitKind = "rsud"      // a regional hospital
	UnitOther        UnitKind = "lainnya"
)

// UnitKinds lists the known unit kinds.
var UnitKinds = []UnitKind{UnitOffice, UnitDivision, UnitHealthCentre, UnitSchool, UnitDistrict, UnitHospital, UnitOther}

// Unit is a work unit (unit kerja): an OPD or a unit inside it.
type Unit struct {
	ID       int64
	Code     string
	Name     string
	ParentID *int64
	Kind     UnitKind
	Address  string
	Lat, Lng *float64
	TimeZone TimeZone
	// ExcludedFromPlanning is set when the unit asked not to be part of
	// automatic planning; the planner then creates no arc into or out of it.
	ExcludedFromPlanning bool
	CreatedAt, UpdatedAt time.Time
}

// Validate checks the unit's own fields.
func (u *Unit) Validate() error {
	v := &ValidationError{}
	u.Code = strings.TrimSpace(u.Code)
	u.Name = strings.TrimSpace(u.Name)
	checkCode(v, "kode", u.Code)
	if u.Name == "" {
		v.Add("nama", "err.required")
	} else if len(u.Name) > 200 {
		v.Add("nama", "err.too_long", 200)
	}
	if u.Kind == "" {
		u.Kind = UnitOther
	}
	if !validKind(u.Kind) {
		v.Add("jenis", "err.unit_kind", string(u.Kind))
	}
	if u.TimeZone == "" {
		u.TimeZone = WIB
	}
	if _, ok := zoneNames[u.TimeZone]; !ok {
		v.Add("zona_waktu", "err.timezone", string(u.TimeZone))
	}
	checkLen(v, "alamat", u.Address, 500)
	checkCoords(v, "lat", "lng", u.Lat, u.Lng)
	if u.ParentID != nil && u.ID != 0 && *u.ParentID == u.ID {
		v.Add("induk", "err.unit_own_parent")
	}
	return v.Err()
}

func validKind(k UnitKind) bool {
	for _, x := range UnitKinds {
		if x == k {
			return true
		}
	}
	return false
}

// checkCode accepts 1-50 letters, digits, '.', '-', '_' and '/'.
// checkLen adds err.too_long on field when s is longer than max bytes
// (the column's size), so an oversized value is refused instead of failing
// in the database.
func checkLen(v *ValidationError, field, s string, max int) {
	if len(s) > max {
		v.Add(field, "err.too_long", max)
	}
}

// maxListBytes bounds a list field (competencies, accepted fields): the
// items and their separators, well inside the TEXT column that holds them.
const maxListBytes = 2000

// checkList adds err.too_long on field when the items of a list together
// exceed maxListBytes.
func checkList(v *ValidationError, field string, items []string) {
	n := 0
	for _, it := range items {
		n += len(it) + 1
	}
	if n > maxListBytes {
		v.Add(field, "err.too_long", maxListBytes)
	}
}

func checkCode(v *ValidationError, field, code string) {
	if code == "" {
		v.Add(field, "err.required")
		return
	}
	if len(code) > 50 {
		v.Add(field, "err.too_long", 50)
		return
	}
	for _, r := range code {
		ok := r == '.' || r == '-' || r == '_' || r == '/' ||
			(r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !ok {
			v.Add(field, "err.code_chars")
			return
		}
	}
}

// checkCoords requires both or neither coordinate, inside valid ranges.
func checkCoords(v *ValidationError, latField, lngField string, lat, lng *float64) {
	if (lat == nil) != (lng == nil) {
		v.Add(latField, "err.coords_pair")
		return
	}
	if lat != nil && (*lat < -90 || *lat > 90) {
		v.Add(latField, "err.lat_range")
	}
	if lng != nil && (*lng < -180 || *lng > 180) {
		v.Add(lngField, "err.lng_range")
	}
}
