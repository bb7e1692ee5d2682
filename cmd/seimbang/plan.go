package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/planner"
	"github.com/seimbang/seimbang/core/planning"
)

// plan runs the planner over the whole regency or one round and prints the
// proposals with their explanations and the imbalance before and after.
// It changes nothing.
func (a *app) plan(ctx context.Context, args []string) error {
	fs, build := a.flags("plan", "plan [--round ID] [--json] [--date YYYY-MM-DD] [options]")
	roundID := fs.Int64("round", 0, "plan this round's scope with its parameters (default: the whole regency)")
	asJSON := fs.Bool("json", false, "print the plan as JSON")
	dateFlag := fs.String("date", "", "evaluate the time rules on this date (default: the round's effective date, else today)")
	lang := fs.String("lang", "id", "language of the explanations: id or en")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := build()
	if err != nil {
		return err
	}
	_, st, err := a.connect(ctx, cfg, true)
	if err != nil {
		return err
	}
	defer st.Close()
	var round *core.Round
	if *roundID != 0 {
		r, err := st.Round(ctx, *roundID)
		if err != nil {
			return fmt.Errorf("round %s: %w", strconv.FormatInt(*roundID, 10), err)
		}
		round = &r
	}
	day := core.DateOf(time.Now().In(cfg.TimeZone))
	if round != nil && !round.EffectiveDate.IsZero() {
		day = round.EffectiveDate
	}
	if *dateFlag != "" {
		if day, err = core.ParseDate(*dateFlag); err != nil {
			return core.Invalid("date", "err.date", *dateFlag)
		}
	}
	p, _, err := planning.Run(ctx, st, round, day, cfg.EffectiveMinutes)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	}
	printPlan(a, p, i18n.Parse(*lang))
	return nil
}

func printPlan(a *app, p *planner.Plan, lang i18n.Lang) {
	out := a.stdout
	if len(p.Proposals) == 0 {
		fmt.Fprintln(out, i18n.T(lang, "cli.plan_none"))
	} else {
		fmt.Fprintln(out, i18n.T(lang, "cli.plan_header", len(p.Proposals)))
	}
	for i, pr := range p.Proposals {
		x := pr.Explanation
		fmt.Fprintln(out, i18n.T(lang, "cli.plan_line", i+1, x.EmployeeName, x.NIP,
			x.From.PositionName+", "+x.From.UnitName, x.To.PositionName+", "+x.To.UnitName))
		fmt.Fprintln(out, "   "+x.Text(lang))
	}
	b, f := p.Before, p.After
	n := func(x float64, d int) string { return i18n.Number(lang, x, d) }
	fmt.Fprintln(out)
	fmt.Fprintln(out, i18n.T(lang, "cli.plan_before_after", n(b.TotalGap, 1), n(b.Index, 3), n(b.Under, 1), n(b.Over, 1),
		n(f.TotalGap, 1), n(f.Index, 3), i18n.Percent(lang, p.GapClosure)))
	fmt.Fprintln(out, i18n.T(lang, "cli.plan_ratio", n(b.RatioMin, 2), n(f.RatioMin, 2), n(b.RatioMax, 2), n(f.RatioMax, 2), n(b.Gini, 3), n(f.Gini, 3)))
	if c := p.Certificate; c != nil && c.Optimal {
		fmt.Fprintln(out, i18n.T(lang, "cli.plan_certified", n(float64(c.ArcsChecked), 0), c.MinReducedCost))
	} else if c != nil {
		fmt.Fprintln(out, i18n.T(lang, "cli.plan_not_certified"))
	}
}
