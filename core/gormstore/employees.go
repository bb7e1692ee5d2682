package gormstore

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

type employeeRow struct {
	ID               int64  `gorm:"primaryKey"`
	NIP              string `gorm:"column:nip"`
	Name             string
	Golongan         string
	PositionID       *int64
	UnitID           *int64
	TMTJabatan       date `gorm:"column:tmt_jabatan"`
	BirthDate        date
	Gender           string
	EducationLevel   string
	EducationField   string
	Competencies     list
	Performance      string
	Phone            string
	HomeLat          *float64
	HomeLng          *float64
	TelegramUserID   *int64 `gorm:"column:telegram_user_id"`
	TelegramLinkedAt *time.Time
	UnreachableAt    *time.Time
	Language         string
	Active           bool
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func (employeeRow) TableName() string { return "employees" }

func toEmployeeRow(e *core.Employee) employeeRow {
	return employeeRow{ID: e.ID, NIP: e.NIP, Name: e.Name, Golongan: string(e.Golongan), PositionID: e.PositionID,
		UnitID: e.UnitID, TMTJabatan: date(e.TMTJabatan), BirthDate: date(e.BirthDate), Gender: string(e.Gender),
		EducationLevel: string(e.EducationLevel), EducationField: e.EducationField, Competencies: e.Competencies,
		Performance: string(e.Performance), Phone: e.Phone, HomeLat: e.HomeLat, HomeLng: e.HomeLng,
		TelegramUserID: e.TelegramUserID, TelegramLinkedAt: utc(e.TelegramLinkedAt), UnreachableAt: utc(e.UnreachableAt),
		Language: e.Language, Active: e.Active, CreatedAt: e.CreatedAt.UTC(), UpdatedAt: e.UpdatedAt.UTC()}
}

func (r employeeRow) employee() core.Employee {
	return core.Employee{ID: r.ID, NIP: r.NIP, Name: r.Name, Golongan: core.Golongan(r.Golongan), PositionID: r.PositionID,
		UnitID: r.UnitID, TMTJabatan: core.Date(r.TMTJabatan), BirthDate: core.Date(r.BirthDate), Gender: core.Gender(r.Gender),
		EducationLevel: core.EducationLevel(r.EducationLevel), EducationField: r.EducationField, Competencies: r.Competencies,
		Performance: core.Predikat(r.Performance), Phone: r.Phone, HomeLat: r.HomeLat, HomeLng: r.HomeLng,
		TelegramUserID: r.TelegramUserID, TelegramLinkedAt: r.TelegramLinkedAt, UnreachableAt: r.UnreachableAt,
		Language: r.Language, Active: r.Active, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// CreateEmployee validates and stores e. When e has a position, its unit is
// taken from the position. A duplicate NIP is a *core.ConflictError.
func (s *Store) CreateEmployee(ctx context.Context, e *core.Employee) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if err := s.placeEmployee(ctx, e); err != nil {
		return err
	}
	e.CreatedAt, e.UpdatedAt = now(), now()
	r := toEmployeeRow(e)
	r.ID = 0
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return translate(err, "create employee", e.NIP)
	}
	e.ID = r.ID
	return nil
}

// placeEmployee sets e.UnitID from e's position.
func (s *Store) placeEmployee(ctx context.Context, e *core.Employee) error {
	if e.PositionID == nil {
		return nil
	}
	var unitID int64
	err := s.db.WithContext(ctx).Model(&positionRow{}).Where("id = ?", *e.PositionID).Pluck("unit_id", &unitID).Error
	if err != nil {
		return translate(err, "employee position", "")
	}
	if unitID == 0 {
		return core.Invalid("jabatan", "err.unknown_reference", "jabatan")
	}
	e.UnitID = &unitID
	return nil
}

// UpdateEmployee validates and stores every field of e.
func (s *Store) UpdateEmployee(ctx context.Context, e *core.Employee) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if err := s.placeEmployee(ctx, e); err != nil {
		return err
	}
	e.UpdatedAt = now()
	r := toEmployeeRow(e)
	res := s.db.WithContext(ctx).Model(&employeeRow{}).Where("id = ?", e.ID).Select("*").Omit("id", "created_at").Updates(&r)
	if res.Error != nil {
		return translate(res.Error, "update employee", e.NIP)
	}
	if res.RowsAffected == 0 {
		return translate(errNoRows, "update employee", "")
	}
	return nil
}

// Employee returns the employee with id, or ErrNotFound.
func (s *Store) Employee(ctx context.Context, id int64) (core.Employee, error) {
	var r employeeRow
	err := s.db.WithContext(ctx).Take(&r, "id = ?", id).Error
	return r.employee(), translate(err, "employee", "")
}

// EmployeeByNIP returns the employee with nip, or ErrNotFound.
func (s *Store) EmployeeByNIP(ctx context.Context, nip string) (core.Employee, error) {
	var r employeeRow
	err := s.db.WithContext(ctx).Take(&r, "nip = ?", nip).Error
	return r.employee(), translate(err, "employee by nip", "")
}

// EmployeeByTelegram returns the employee linked to a Telegram user id.
func (s *Store) EmployeeByTelegram(ctx context.Context, userID int64) (core.Employee, error) {
	var r employeeRow
	err := s.db.WithContext(ctx).Take(&r, "telegram_user_id = ?", userID).Error
	return r.employee(), translate(err, "employee by telegram", "")
}

// employeeSorts maps a list's sort key to its ORDER BY, for the employees
// table and for its alias e.
var employeeSorts = map[string][2]string{
	"":     {"name, id", "e.name, e.id"},
	"name": {"name, id", "e.name, e.id"}, "-name": {"name DESC, id DESC", "e.name DESC, e.id DESC"},
	"nip": {"nip", "e.nip"}, "-nip": {"nip DESC", "e.nip DESC"},
	"tmt": {"tmt_jabatan, id", "e.tmt_jabatan, e.id"}, "-tmt": {"tmt_jabatan DESC, id DESC", "e.tmt_jabatan DESC, e.id DESC"},
}

// Employees returns one page of the selected employees and their total.
// Query matches a NIP prefix or any part of the name; LIKE wildcards in it
// are taken literally.
func (s *Store) Employees(ctx context.Context, f core.EmployeeFilter) ([]core.Employee, int, error) {
	return s.EmployeesIn(ctx, f, nil)
}

// likeEscape escapes LIKE's wildcards with '!', which both dialects accept
// as an ESCAPE character without quoting differences.
func likeEscape(s string) string {
	return strings.NewReplacer("!", "!!", "%", "!%", "_", "!_").Replace(s)
}

type preferenceRow struct {
	EmployeeID         int64  `gorm:"primaryKey;autoIncrement:false"`
	Unit1ID            *int64 `gorm:"column:unit1_id"`
	Unit2ID            *int64 `gorm:"column:unit2_id"`
	Unit3ID            *int64 `gorm:"column:unit3_id"`
	Willingness        string
	ConstraintHealth   bool
	ConstraintFamily   bool
	ConstraintDomicile bool
	Reason             string
	UpdatedAt          time.Time
}

func (preferenceRow) TableName() string { return "preferences" }

// SavePreference creates or replaces the employee's preference.
func (s *Store) SavePreference(ctx context.Context, p *core.Preference) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.UpdatedAt = now()
	r := preferenceRow{EmployeeID: p.EmployeeID, Willingness: string(p.Willingness), ConstraintHealth: p.Health,
		ConstraintFamily: p.Family, ConstraintDomicile: p.Domicile, Reason: p.Reason, UpdatedAt: p.UpdatedAt}
	slots := []**int64{&r.Unit1ID, &r.Unit2ID, &r.Unit3ID}
	for i, id := range p.UnitIDs {
		*slots[i] = &id
	}
	return s.inTx(ctx, func(db *gorm.DB) error {
		if err := db.Where("employee_id = ?", p.EmployeeID).Delete(&preferenceRow{}).Error; err != nil {
			return translate(err, "save preference", "")
		}
		return translate(db.Create(&r).Error, "save preference", "")
	})
}

// Preference returns the employee's preference, or ErrNotFound.
func (s *Store) Preference(ctx context.Context, employeeID int64) (core.Preference, error) {
	var r preferenceRow
	if err := s.db.WithContext(ctx).Take(&r, "employee_id = ?", employeeID).Error; err != nil {
		return core.Preference{}, translate(err, "preference", "")
	}
	return r.preference(), nil
}

func (r preferenceRow) preference() core.Preference {
	p := core.Preference{EmployeeID: r.EmployeeID, Willingness: core.Willingness(r.Willingness), Health: r.ConstraintHealth,
		Family: r.ConstraintFamily, Domicile: r.ConstraintDomicile, Reason: r.Reason, UpdatedAt: r.UpdatedAt}
	for _, u := range []*int64{r.Unit1ID, r.Unit2ID, r.Unit3ID} {
		if u != nil {
			p.UnitIDs = append(p.UnitIDs, *u)
		}
	}
	return p
}
