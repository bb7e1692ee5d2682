package bot

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

// updateMetrics count incoming updates by outcome and time their handling.
type updateMetrics struct {
	handled *prometheus.CounterVec
	seconds prometheus.Histogram
}

func newUpdateMetrics(reg prometheus.Registerer) *updateMetrics {
	m := &updateMetrics{
		handled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "seimbang_bot_updates_total",
			Help: "Telegram updates by outcome: done, failed, retry, redelivered.",
		}, []string{"result"}),
		seconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "seimbang_bot_update_duration_seconds",
			Help:    "Time to handle one Telegram update, replies included.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}),
	}
	m.handled, m.seconds = registered(reg, m.handled), registered(reg, m.seconds)
	for _, r := range []string{"done", "failed", "retry", "redelivered"} {
		m.handled.WithLabelValues(r)
	}
	return m
}

// outboxMetrics count outbox deliveries by outcome.
type outboxMetrics struct {
	results *prometheus.CounterVec
}

func newOutboxMetrics(reg prometheus.Registerer) *outboxMetrics {
	m := &outboxMetrics{results: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "seimbang_outbox_deliveries_total",
		Help: "Outbox send attempts by outcome: sent, retry, rate_limited, failed.",
	}, []string{"result"})}
	m.results = registered(reg, m.results)
	for _, r := range []string{"sent", "retry", "rate_limited", "failed"} {
		m.results.WithLabelValues(r)
	}
	return m
}

// registered registers c on reg (nothing when reg is nil) and returns it,
// or the equal collector registered before.
func registered[T prometheus.Collector](reg prometheus.Registerer, c T) T {
	if reg == nil {
		return c
	}
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if e, ok := are.ExistingCollector.(T); ok {
				return e
			}
		}
		panic(err)
	}
	return c
}
