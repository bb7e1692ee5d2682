package scheduler

import (
	"context"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
)

// snapshotWhenMoved records the round's imbalance figures after it took
// effect (evaluation.LabelEffective), in the transaction that applies its
// last approved transfer, so the evaluation can compare them with the
// figures at the announcement.
func (s *Scheduler) snapshotWhenMoved(ctx context.Context, st Store, r core.Round, now time.Time) error {
	left, err := st.Transfers(ctx, core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{core.TransferApproved}, Limit: 1})
	if err != nil || len(left) > 0 {
		return err
	}
	return evaluation.RecordSnapshot(ctx, st, r, evaluation.LabelEffective, s.effectiveMinutes, now)
}
