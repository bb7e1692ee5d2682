package round

import (
	"context"
	"fmt"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
	"github.com/seimbang/seimbang/core/planning"
)

// snapshotAnnounced records the regency's imbalance figures when the
// round is first announced (evaluation.LabelAnnounced), for the round's
// evaluation to compare with those after it took effect.
func (s *Service) snapshotAnnounced(ctx context.Context, st Store, r core.Round, now time.Time) error {
	es, ok := st.(evaluation.SnapshotStore)
	if !ok {
		return fmt.Errorf("round: the store (%T) cannot record imbalance snapshots", st)
	}
	minutes := s.EffectiveMinutes
	if p, err := planning.Params(&r, s.EffectiveMinutes); err == nil {
		minutes = p.ABK.EffectiveMinutes
	}
	return evaluation.RecordSnapshot(ctx, es, r, evaluation.LabelAnnounced, minutes, now)
}
