package main

import (
	"log/slog"

	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/schedule"
	"github.com/seimbang/seimbang/core/scheduler"
)

// newScheduler builds the scheduler from the survey settings.
func newScheduler(cfg Config, st *gormstore.Store, log *slog.Logger) *scheduler.Scheduler {
	return scheduler.New(st, scheduler.Config{
		Policy: schedule.Policy{
			Waves:        cfg.SurveyWaves,
			RemindEvery:  cfg.RemindEvery,
			MaxReminders: cfg.MaxReminders,
			ExpireAfter:  cfg.SurveyExpire,
			Calendar:     schedule.Calendar{Start: cfg.WorkHours.Start, End: cfg.WorkHours.End},
		},
		Log:      log.With(slog.String("part", "scheduler")),
		Tick:     cfg.SchedulerTick,
		Holidays: st.Holidays,
		// The regency's ABK setting, for the imbalance recorded when a
		// round has taken effect.
		EffectiveMinutes: cfg.EffectiveMinutes,
	})
}
