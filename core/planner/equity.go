package planner

import (
	"github.com/seimbang/seimbang/core/i18n"
)

// EquityEffect sets the plan made with the equity option beside the plain
// one, so that a round can see what equity costs and what it buys.
type EquityEffect struct {
	Weight int   `json:"weight"`
	Plain  *Plan `json:"plain"`
	Equity *Plan `json:"equity"`
	// ShortRatio is the ratio below which a unit counts as short.
	ShortRatio float64 `json:"short_ratio"`
}

// CompareEquity plans the round twice, without the equity option and with
// it (Params.Equity, or DefaultEquity when that is 0). Both plans close
// the same total gap in the default gap-first mode; the equity plan chooses
// among them the one that helps the units with the lowest staffing ratio
// first. It returns Propose's errors.
func CompareEquity(in *Instance, p Params) (*EquityEffect, error) {
	w := p.Equity
	if w == 0 {
		w = DefaultEquity
	}
	p.Equity = 0
	plain, err := Propose(in, p)
	if err != nil {
		return nil, err
	}
	p.Equity = w
	eq, err := Propose(in, p)
	if err != nil {
		return nil, err
	}
	return &EquityEffect{Weight: w, Plain: plain, Equity: eq, ShortRatio: p.ABK.ShortRatio}, nil
}

// Text renders the comparison in lang.
func (x *EquityEffect) Text(lang i18n.Lang) string {
	a, b := x.Equity.After, x.Plain.After
	return text(lang, "equity", i18n.Number(lang, a.RatioMin, 2), i18n.Number(lang, b.RatioMin, 2), i18n.Number(lang, a.Gini, 3), i18n.Number(lang, b.Gini, 3),
		i18n.Number(lang, x.ShortRatio, 1), i18n.Percent(lang, a.ShortShare), i18n.Percent(lang, b.ShortShare))
}
