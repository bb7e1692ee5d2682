package scheduler

import (
	"context"
	"fmt"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
	"github.com/seimbang/seimbang/core/planning"
)

// snapshotWhenMoved records the round's imbalance figures after it took
// effect (evaluation.LabelEffective), in the transaction that applies its
// last approved transfer, so the evaluation can compare them with the
// figures at the announcement.
func snapshotWhenMoved(ctx context.Context, tx core.Store, r core.Round, now time.Time) error {
	left, err := tx.Transfers(ctx, core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{core.TransferApproved}, Limit: 1})
	if err != nil || len(left) > 0 {
		return err
	}
	st, ok := tx.(evaluation.SnapshotStore)
	if !ok {
		return fmt.Errorf("scheduler: the store's transaction (%T) cannot record imbalance snapshots", tx)
	}
	p, err := planning.Params(&r, 0)
	if err != nil {
		p.ABK.EffectiveMinutes = 0
	}
	return evaluation.RecordSnapshot(ctx, st, r, evaluation.LabelEffective, p.ABK.EffectiveMinutes, now)
}
