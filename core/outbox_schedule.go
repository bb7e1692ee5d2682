package core

import (
	"context"
	"fmt"

	"github.com/seimbang/seimbang/core/i18n"
)

// EnqueueTransferEffective tells the employee that transfer t has taken
// effect: where they now work and since when. Call it in the transaction
// that moves the employee.
func EnqueueTransferEffective(ctx context.Context, s NoticeStore, t Transfer, effective Date) error {
	return enqueueMove(ctx, s, t, "effective", "schedule.msg_effective", effective)
}

// EnqueueAssignmentEnded tells the employee that their temporary
// assignment t has ended and they are back in their own position.
func EnqueueAssignmentEnded(ctx context.Context, s NoticeStore, t Transfer) error {
	return enqueueMove(ctx, s, t, "ended", "schedule.msg_ended", t.EndDate)
}

func enqueueMove(ctx context.Context, s NoticeStore, t Transfer, what, key string, day Date) error {
	e, err := s.Employee(ctx, t.EmployeeID)
	if err != nil {
		return fmt.Errorf("%s notice %d: %w", what, t.ID, err)
	}
	lang := i18n.Parse(e.Language)
	to, err := placeName(ctx, s, t.ToUnitID, t.ToPositionID)
	if err != nil {
		return err
	}
	from, err := placeName(ctx, s, t.FromUnitID, t.FromPositionID)
	if err != nil {
		return err
	}
	p := OutboxPayload{Text: i18n.T(lang, key, to, from, FormatDate(lang, day))}
	return enqueueFor(ctx, s, e, "transfer_"+what, fmt.Sprintf("%s:transfer:%d", what, t.ID), p)
}
