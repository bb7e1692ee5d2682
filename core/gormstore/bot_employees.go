package gormstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/seimbang/seimbang/core"
)

// EmployeesByPhone returns the active employees whose phone on record is
// phone (normalised +62… form), by id.
func (s *Store) EmployeesByPhone(ctx context.Context, phone string) ([]core.Employee, error) {
	var rows []employeeRow
	if err := s.db.WithContext(ctx).Where("phone = ? AND active = ?", phone, true).Order("id").Find(&rows).Error; err != nil {
		return nil, translate(err, "employees by phone", "")
	}
	out := make([]core.Employee, len(rows))
	for i, r := range rows {
		out[i] = r.employee()
	}
	return out, nil
}

// LinkTelegram links the employee to Telegram user userID at at, clears a
// previous unreachable mark and hands the employee's pending outbox
// messages the new chat, so notices enqueued before linking go out now. A
// Telegram user linked to another employee is a *core.ConflictError;
// a missing employee is ErrNotFound.
func (s *Store) LinkTelegram(ctx context.Context, employeeID, userID int64, at time.Time) error {
	t := at.UTC()
	return s.inTx(ctx, func(db *gorm.DB) error {
		res := db.Model(&employeeRow{}).Where("id = ?", employeeID).
			Updates(map[string]any{"telegram_user_id": userID, "telegram_linked_at": &t, "unreachable_at": nil, "updated_at": now()})
		if res.Error != nil {
			return translate(res.Error, "link telegram", "")
		}
		if res.RowsAffected == 0 {
			return translate(errNoRows, "link telegram", "")
		}
		err := db.Model(&outboxRow{}).Where("employee_id = ? AND status = ?", employeeID, string(core.OutboxPending)).
			Updates(map[string]any{"chat_id": userID}).Error
		return translate(err, "link telegram outbox", "")
	})
}

// UnlinkTelegram removes the employee's Telegram link; their pending
// outbox messages wait for the next link.
func (s *Store) UnlinkTelegram(ctx context.Context, employeeID int64) error {
	return s.inTx(ctx, func(db *gorm.DB) error {
		err := db.Model(&employeeRow{}).Where("id = ?", employeeID).
			Updates(map[string]any{"telegram_user_id": nil, "telegram_linked_at": nil, "updated_at": now()}).Error
		if err != nil {
			return translate(err, "unlink telegram", "")
		}
		err = db.Model(&outboxRow{}).Where("employee_id = ? AND status = ?", employeeID, string(core.OutboxPending)).
			Updates(map[string]any{"chat_id": 0}).Error
		return translate(err, "unlink telegram outbox", "")
	})
}

// SetEmployeeLanguage stores the employee's bot language, "id" or "en".
func (s *Store) SetEmployeeLanguage(ctx context.Context, employeeID int64, lang string) error {
	if lang != "id" && lang != "en" {
		return core.Invalid("bahasa", "err.language", lang)
	}
	err := s.db.WithContext(ctx).Model(&employeeRow{}).Where("id = ?", employeeID).
		Updates(map[string]any{"language": lang, "updated_at": now()}).Error
	return translate(err, "set language", "")
}

// SearchUnits returns one page of units whose name contains query or whose
// code starts with it (all units when query is blank), by name, and how
// many match in all.
func (s *Store) SearchUnits(ctx context.Context, query string, offset, limit int) ([]core.Unit, int, error) {
	q := s.db.WithContext(ctx).Model(&unitRow{})
	if t := strings.TrimSpace(query); t != "" {
		esc := likeEscape(t)
		q = q.Where("(name LIKE ? ESCAPE '!' OR code LIKE ? ESCAPE '!')", "%"+esc+"%", esc+"%")
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, translate(err, "count units", "")
	}
	var rows []unitRow
	if err := q.Order("name, id").Offset(max(offset, 0)).Limit(limit).Find(&rows).Error; err != nil {
		return nil, 0, translate(err, "search units", "")
	}
	out := make([]core.Unit, len(rows))
	for i, r := range rows {
		out[i] = r.unit()
	}
	return out, int(total), nil
}

// AcknowledgeTransfer records the acknowledgement of a transfer at at,
// once; it reports whether this call recorded it.
func (s *Store) AcknowledgeTransfer(ctx context.Context, transferID int64, at time.Time) (bool, error) {
	res := s.db.WithContext(ctx).Model(&transferRow{}).Where("id = ? AND acknowledged_at IS NULL", transferID).
		Updates(map[string]any{"acknowledged_at": at.UTC()})
	if res.Error != nil {
		return false, translate(res.Error, "acknowledge transfer", "")
	}
	return res.RowsAffected == 1, nil
}

// SubmitObjection stores the objection and moves its transfer from
// announced to objected in one transaction, with the employee as the actor
// and an audit entry. It returns ErrInvalidState (a *core.StateError) when
// the transfer is not announced, for instance because an objection is
// already pending, and a *core.ValidationError for an invalid objection.
func (s *Store) SubmitObjection(ctx context.Context, o *core.Objection, at time.Time) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx core.Store) error {
		t, err := tx.Transfer(ctx, o.TransferID)
		if err != nil {
			return err
		}
		actor := core.EmployeeActor(o.EmployeeID)
		ev, err := t.Transition(core.TransferObjected, actor, at, "keberatan")
		if err != nil {
			return fmt.Errorf("submit objection on transfer %d: %w", t.ID, err)
		}
		if err := tx.SaveTransition(ctx, &t, ev); err != nil {
			return err
		}
		if err := tx.CreateObjection(ctx, o); err != nil {
			return err
		}
		return tx.AppendAudit(ctx, &core.AuditEntry{At: at, Actor: actor, Action: "objection.create",
			ObjectType: "objection", ObjectID: fmt.Sprint(o.ID),
			After:  fmt.Sprintf(`{"transfer_id":%d,"category":%q,"receipt":%q}`, o.TransferID, o.Category, o.Receipt),
			Reason: "telegram"})
	})
}

// PreferenceLock returns the round that keeps the employee's preference
// from changing, and true; false when none does. A round holds the
// preferences of the employees in its scope (its units, or the whole
// regency when it names none) and of those it proposes to move, from its
// announcement until its decree is approved: the proposals were made with
// those preferences, and HR decides objections beside them. While a round
// is planned the planner may run again and reads them afresh; once it is
// approved they count for the next round.
func (s *Store) PreferenceLock(ctx context.Context, employeeID int64) (core.Round, bool, error) {
	var units []*int64
	if err := s.db.WithContext(ctx).Model(&employeeRow{}).Where("id = ?", employeeID).Pluck("unit_id", &units).Error; err != nil {
		return core.Round{}, false, translate(err, "preference lock", "")
	}
	var unitID *int64
	if len(units) == 1 {
		unitID = units[0]
	}
	q := s.db.WithContext(ctx).Model(&roundRow{}).Where("status = ?", string(core.RoundAnnounced))
	inScope := "NOT EXISTS (SELECT 1 FROM round_units ru WHERE ru.round_id = rounds.id)"
	args := []any{employeeID}
	if unitID != nil {
		inScope += " OR EXISTS (SELECT 1 FROM round_units ru WHERE ru.round_id = rounds.id AND ru.unit_id = ?)"
		args = append([]any{*unitID}, args...)
	}
	var ids []int64
	err := q.Where("("+inScope+" OR EXISTS (SELECT 1 FROM transfers t WHERE t.round_id = rounds.id AND t.employee_id = ?))", args...).
		Order("id").Limit(1).Pluck("id", &ids).Error
	if err != nil || len(ids) == 0 {
		return core.Round{}, false, translate(err, "preference lock", "")
	}
	r, err := s.Round(ctx, ids[0])
	return r, err == nil, err
}

// SaveOpenPreference saves p unless a round holds the employee's
// preferences (see PreferenceLock), checking and saving in one
// transaction; when one does, it saves nothing and returns that round and
// true.
func (s *Store) SaveOpenPreference(ctx context.Context, p *core.Preference) (core.Round, bool, error) {
	var r core.Round
	locked := false
	err := s.InTx(ctx, func(tx core.Store) error {
		st := tx.(*Store)
		var err error
		if r, locked, err = st.PreferenceLock(ctx, p.EmployeeID); err != nil || locked {
			return err
		}
		return st.SavePreference(ctx, p)
	})
	return r, locked, err
}
