package gormstore

import (
	"context"
	"time"

	"github.com/seimbang/seimbang/core"
)

type unitRow struct {
	ID                   int64 `gorm:"primaryKey"`
	Code                 string
	Name                 string
	ParentID             *int64
	Kind                 string
	Address              string
	Lat, Lng             *float64
	TimeZone             string
	ExcludedFromPlanning bool
	CreatedAt, UpdatedAt time.Time
}

func (unitRow) TableName() string { return "units" }

func toUnitRow(u *core.Unit) unitRow {
	return unitRow{ID: u.ID, Code: u.Code, Name: u.Name, ParentID: u.ParentID, Kind: string(u.Kind),
		Address: u.Address, Lat: u.Lat, Lng: u.Lng, TimeZone: string(u.TimeZone),
		ExcludedFromPlanning: u.ExcludedFromPlanning, CreatedAt: u.CreatedAt.UTC(), UpdatedAt: u.UpdatedAt.UTC()}
}

func (r unitRow) unit() core.Unit {
	return core.Unit{ID: r.ID, Code: r.Code, Name: r.Name, ParentID: r.ParentID, Kind: core.UnitKind(r.Kind),
		Address: r.Address, Lat: r.Lat, Lng: r.Lng, TimeZone: core.TimeZone(r.TimeZone),
		ExcludedFromPlanning: r.ExcludedFromPlanning, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// CreateUnit validates and stores u, setting its ID and stamps.
func (s *Store) CreateUnit(ctx context.Context, u *core.Unit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	u.CreatedAt, u.UpdatedAt = now(), now()
	r := toUnitRow(u)
	r.ID = 0
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return translate(err, "create unit", u.Code)
	}
	u.ID = r.ID
	return nil
}

// UpdateUnit validates and stores every field of u. A parent that would
// make the unit its own ancestor is refused.
func (s *Store) UpdateUnit(ctx context.Context, u *core.Unit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	for p := u.ParentID; p != nil; {
		if *p == u.ID {
			return core.Invalid("induk", "err.unit_cycle")
		}
		parent, err := s.Unit(ctx, *p)
		if err != nil {
			return err
		}
		p = parent.ParentID
	}
	u.UpdatedAt = now()
	r := toUnitRow(u)
	res := s.db.WithContext(ctx).Model(&unitRow{}).Where("id = ?", u.ID).Select("*").Omit("id", "created_at").Updates(&r)
	if res.Error != nil {
		return translate(res.Error, "update unit", u.Code)
	}
	if res.RowsAffected == 0 {
		return translate(errNoRows, "update unit", "")
	}
	return nil
}

// Unit returns the unit with id, or ErrNotFound.
func (s *Store) Unit(ctx context.Context, id int64) (core.Unit, error) {
	var r unitRow
	err := s.db.WithContext(ctx).Take(&r, "id = ?", id).Error
	return r.unit(), translate(err, "unit", "")
}

// UnitByCode returns the unit with code, or ErrNotFound.
func (s *Store) UnitByCode(ctx context.Context, code string) (core.Unit, error) {
	var r unitRow
	err := s.db.WithContext(ctx).Take(&r, "code = ?", code).Error
	return r.unit(), translate(err, "unit by code", "")
}

// Units returns every unit ordered by code.
func (s *Store) Units(ctx context.Context) ([]core.Unit, error) {
	var rows []unitRow
	if err := s.db.WithContext(ctx).Order("code").Find(&rows).Error; err != nil {
		return nil, translate(err, "units", "")
	}
	out := make([]core.Unit, len(rows))
	for i, r := range rows {
		out[i] = r.unit()
	}
	return out, nil
}
