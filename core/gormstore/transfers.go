package gormstore

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

type transferRow struct {
	ID             int64 `gorm:"primaryKey"`
	RoundID        int64
	EmployeeID     int64
	FromUnitID     int64
	FromPositionID int64
	ToUnitID       int64
	ToPositionID   int64
	Kind           string
	EndDate        date
	Reason         string
	Explanation    string
	Manual         bool
	Status         string
	AcknowledgedAt *time.Time
	AcceptedAt     *time.Time
	AcceptedBy     string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (transferRow) TableName() string { return "transfers" }

func toTransferRow(t *core.Transfer) transferRow {
	return transferRow{ID: t.ID, RoundID: t.RoundID, EmployeeID: t.EmployeeID, FromUnitID: t.FromUnitID,
		FromPositionID: t.FromPositionID, ToUnitID: t.ToUnitID, ToPositionID: t.ToPositionID, Kind: string(t.Kind),
		EndDate: date(t.EndDate), Reason: t.Reason, Explanation: t.Explanation, Manual: t.Manual,
		Status: string(t.Status), AcknowledgedAt: utc(t.AcknowledgedAt), AcceptedAt: utc(t.AcceptedAt), AcceptedBy: string(t.AcceptedBy), CreatedAt: t.CreatedAt.UTC(), UpdatedAt: t.UpdatedAt.UTC()}
}

func (r transferRow) transfer() core.Transfer {
	return core.Transfer{ID: r.ID, RoundID: r.RoundID, EmployeeID: r.EmployeeID, FromUnitID: r.FromUnitID,
		FromPositionID: r.FromPositionID, ToUnitID: r.ToUnitID, ToPositionID: r.ToPositionID, Kind: core.TransferKind(r.Kind),
		EndDate: core.Date(r.EndDate), Reason: r.Reason, Explanation: r.Explanation, Manual: r.Manual,
		Status: core.TransferStatus(r.Status), AcknowledgedAt: r.AcknowledgedAt, AcceptedAt: r.AcceptedAt, AcceptedBy: core.Actor(r.AcceptedBy), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

type transferEventRow struct {
	ID         int64 `gorm:"primaryKey"`
	TransferID int64
	FromStatus string
	ToStatus   string
	Actor      string
	Reason     string
	At         time.Time
}

func (transferEventRow) TableName() string { return "transfer_events" }

// CreateTransfer validates and stores t in its initial status with a first
// event recording who proposed it and why.
func (s *Store) CreateTransfer(ctx context.Context, t *core.Transfer, by core.Actor, reason string) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if by == "" {
		return core.Invalid("aktor", "err.required")
	}
	t.CreatedAt, t.UpdatedAt = now(), now()
	row := toTransferRow(t)
	row.ID = 0
	return s.inTx(ctx, func(db *gorm.DB) error {
		if err := db.Create(&row).Error; err != nil {
			return translate(err, "create transfer", "")
		}
		t.ID = row.ID
		ev := transferEventRow{TransferID: t.ID, ToStatus: string(t.Status), Actor: string(by), Reason: reason, At: t.CreatedAt}
		return translate(db.Create(&ev).Error, "create transfer event", "")
	})
}

// Transfer returns the transfer with id, or ErrNotFound.
func (s *Store) Transfer(ctx context.Context, id int64) (core.Transfer, error) {
	var r transferRow
	err := s.db.WithContext(ctx).Take(&r, "id = ?", id).Error
	return r.transfer(), translate(err, "transfer", "")
}

// Transfers returns the selected transfers ordered by id.
func (s *Store) Transfers(ctx context.Context, f core.TransferFilter) ([]core.Transfer, error) {
	q := s.db.WithContext(ctx).Order("id")
	if f.RoundID != 0 {
		q = q.Where("round_id = ?", f.RoundID)
	}
	if f.EmployeeID != 0 {
		q = q.Where("employee_id = ?", f.EmployeeID)
	}
	if len(f.Statuses) > 0 {
		q = q.Where("status IN ?", f.Statuses)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []transferRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, translate(err, "transfers", "")
	}
	out := make([]core.Transfer, len(rows))
	for i, r := range rows {
		out[i] = r.transfer()
	}
	return out, nil
}

// SaveTransition stores t's new status and the event, provided the stored
// status is still ev.From (so two admins acting at once cannot both win).
// It returns ErrInvalidState when the transfer moved on in the meantime.
func (s *Store) SaveTransition(ctx context.Context, t *core.Transfer, ev core.TransferEvent) error {
	return s.inTx(ctx, func(db *gorm.DB) error {
		res := db.Model(&transferRow{}).Where("id = ? AND status = ?", t.ID, string(ev.From)).
			Updates(map[string]any{"status": string(ev.To), "updated_at": ev.At.UTC()})
		if res.Error != nil {
			return translate(res.Error, "save transition", "")
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("save transition of transfer %d: %w", t.ID, &core.StateError{From: ev.From, To: ev.To})
		}
		row := transferEventRow{TransferID: t.ID, FromStatus: string(ev.From), ToStatus: string(ev.To),
			Actor: string(ev.Actor), Reason: ev.Reason, At: ev.At.UTC()}
		if err := db.Create(&row).Error; err != nil {
			return translate(err, "save transition event", "")
		}
		return nil
	})
}

// TransferEvents returns the transfer's history, oldest first.
func (s *Store) TransferEvents(ctx context.Context, transferID int64) ([]core.TransferEvent, error) {
	var rows []transferEventRow
	if err := s.db.WithContext(ctx).Where("transfer_id = ?", transferID).Order("id").Find(&rows).Error; err != nil {
		return nil, translate(err, "transfer events", "")
	}
	out := make([]core.TransferEvent, len(rows))
	for i, r := range rows {
		out[i] = core.TransferEvent{ID: r.ID, TransferID: r.TransferID, From: core.TransferStatus(r.FromStatus),
			To: core.TransferStatus(r.ToStatus), Actor: core.Actor(r.Actor), Reason: r.Reason, At: r.At}
	}
	return out, nil
}

type objectionRow struct {
	ID          int64 `gorm:"primaryKey"`
	TransferID  int64
	EmployeeID  int64
	Receipt     string
	Category    string
	Text        string
	Attachments jsonList
	Status      string
	Answer      string
	DecidedBy   string
	DecidedAt   *time.Time
	CreatedAt   time.Time
}

func (objectionRow) TableName() string { return "objections" }

func (r objectionRow) objection() core.Objection {
	return core.Objection{ID: r.ID, TransferID: r.TransferID, EmployeeID: r.EmployeeID, Receipt: r.Receipt,
		Category: core.ObjectionCategory(r.Category), Text: r.Text, Attachments: r.Attachments,
		Status: core.ObjectionStatus(r.Status), Answer: r.Answer, DecidedBy: core.Actor(r.DecidedBy),
		DecidedAt: r.DecidedAt, CreatedAt: r.CreatedAt}
}

// CreateObjection validates and stores o with a fresh receipt number when
// it has none.
func (s *Store) CreateObjection(ctx context.Context, o *core.Objection) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if o.Receipt == "" {
		o.Receipt = "KB-" + core.NewSecret(5)
	}
	o.CreatedAt = now()
	r := objectionRow{TransferID: o.TransferID, EmployeeID: o.EmployeeID, Receipt: o.Receipt, Category: string(o.Category),
		Text: o.Text, Attachments: o.Attachments, Status: string(o.Status), Answer: o.Answer, CreatedAt: o.CreatedAt}
	if err := s.db.WithContext(ctx).Create(&r).Error; err != nil {
		return translate(err, "create objection", "")
	}
	o.ID = r.ID
	return nil
}

// Objection returns the objection with id, or ErrNotFound.
func (s *Store) Objection(ctx context.Context, id int64) (core.Objection, error) {
	var r objectionRow
	err := s.db.WithContext(ctx).Take(&r, "id = ?", id).Error
	return r.objection(), translate(err, "objection", "")
}

// Objections returns the selected objections, oldest first.
func (s *Store) Objections(ctx context.Context, f core.ObjectionFilter) ([]core.Objection, error) {
	q := s.db.WithContext(ctx).Model(&objectionRow{}).Order("objections.id")
	if f.Status != "" {
		q = q.Where("objections.status = ?", string(f.Status))
	}
	if f.TransferID != 0 {
		q = q.Where("objections.transfer_id = ?", f.TransferID)
	}
	if f.RoundID != 0 {
		q = q.Joins("JOIN transfers ON transfers.id = objections.transfer_id").Where("transfers.round_id = ?", f.RoundID)
	}
	var rows []objectionRow
	if err := q.Select("objections.*").Find(&rows).Error; err != nil {
		return nil, translate(err, "objections", "")
	}
	out := make([]core.Objection, len(rows))
	for i, r := range rows {
		out[i] = r.objection()
	}
	return out, nil
}

// DecideObjection stores the decision on a still pending objection; it
// returns ErrInvalidState when it was decided in the meantime.
func (s *Store) DecideObjection(ctx context.Context, o *core.Objection) error {
	if o.Status != core.ObjectionUpheld && o.Status != core.ObjectionRejected {
		return core.Invalid("keputusan", "err.required")
	}
	res := s.db.WithContext(ctx).Model(&objectionRow{}).Where("id = ? AND status = ?", o.ID, string(core.ObjectionPending)).
		Updates(map[string]any{"status": string(o.Status), "answer": o.Answer, "decided_by": string(o.DecidedBy), "decided_at": utc(o.DecidedAt)})
	if res.Error != nil {
		return translate(res.Error, "decide objection", "")
	}
	if res.RowsAffected == 0 {
		if _, err := s.Objection(ctx, o.ID); err != nil {
			return err
		}
		return fmt.Errorf("decide objection %d: %w", o.ID, &core.ConflictError{Key: "err.objection_decided"})
	}
	return nil
}
