package bot

import (
	"context"
	"errors"
	"fmt"
	"html"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"

	"github.com/seimbang/seimbang/core"
)

// Preference steps.
const (
	prefStepUnits   = "units"
	prefStepWilling = "willing"
	prefStepCons    = "constraints"
	prefStepReason  = "reason"
	prefStepConfirm = "confirm"
)

const (
	unitPageSize    = 8
	maxQueryRunes   = 50
	maxReasonRunes  = 500
	unitButtonRunes = 40
)

// preferences shows the stored preference and offers to replace it.
func (b *Bot) preferences(ctx context.Context, s *session) error {
	p, err := b.store.Preference(ctx, s.emp.ID)
	text := s.t("bot.pref.none")
	switch {
	case err == nil:
		summary, err := b.preferenceSummary(ctx, s, p)
		if err != nil {
			return err
		}
		text = s.t("bot.pref.current", summary)
	case !errors.Is(err, core.ErrNotFound):
		return err
	}
	r, locked, err := b.store.PreferenceLock(ctx, s.emp.ID)
	if err != nil {
		return err
	}
	if locked {
		b.send(ctx, s.chatID, text+"\n\n"+b.lockedText(ctx, s, r), b.menuKeyboard(s))
		return nil
	}
	b.send(ctx, s.chatID, text, inline([]button{{s.t("bot.pref.change"), cb(cbPrefStart, 0)}}))
	return nil
}

// lockedText tells the employee that a round holds their preferences, why,
// until when, and what they can do meanwhile.
func (b *Bot) lockedText(ctx context.Context, s *session, r core.Round) string {
	text := s.t("bot.pref.locked", html.EscapeString(r.Name))
	if r.ObjectionDeadline != nil && !b.deadlinePassed(r) {
		text += "\n" + s.t("bot.pref.locked_deadline", core.FormatTime(s.lang, *r.ObjectionDeadline, b.zone(ctx, s)))
	}
	return text
}

// preferenceSummary describes a preference as HTML.
func (b *Bot) preferenceSummary(ctx context.Context, s *session, p core.Preference) (string, error) {
	var lines []string
	for i, id := range p.UnitIDs {
		u, err := b.store.Unit(ctx, id)
		if err != nil {
			return "", err
		}
		lines = append(lines, fmt.Sprintf("%d. %s", i+1, html.EscapeString(u.Name)))
	}
	if len(lines) == 0 {
		lines = append(lines, s.t("bot.pref.no_units"))
	}
	lines = append(lines, s.t("bot.pref.willing_line", s.t("bot.pref.willing."+string(p.Willingness))))
	var cons []string
	for _, c := range []struct {
		on  bool
		key string
	}{{p.Health, "health"}, {p.Family, "family"}, {p.Domicile, "domicile"}} {
		if c.on {
			cons = append(cons, s.t("bot.pref.cons."+c.key))
		}
	}
	if len(cons) == 0 {
		cons = append(cons, s.t("bot.pref.cons.none"))
	}
	lines = append(lines, s.t("bot.pref.cons_line", strings.Join(cons, ", ")))
	if p.Reason != "" {
		lines = append(lines, s.t("bot.pref.reason_line", html.EscapeString(p.Reason)))
	}
	return strings.Join(lines, "\n"), nil
}

// preferenceStep handles the preference buttons.
func (b *Bot) preferenceStep(ctx context.Context, s *session, a *action) error {
	b.answer(ctx, a.q, "")
	if a.cb.Verb == cbPrefStart {
		r, locked, err := b.store.PreferenceLock(ctx, s.emp.ID)
		if err != nil {
			return err
		}
		if locked {
			b.endConv(ctx, s)
			b.send(ctx, s.chatID, b.lockedText(ctx, s, r), b.menuKeyboard(s))
			return nil
		}
		st := &conv{Flow: flowPreference, Step: prefStepUnits}
		if err := b.saveConv(ctx, s, st); err != nil {
			return err
		}
		return b.unitList(ctx, s, st, 0, 0)
	}
	st, err := b.loadConv(ctx, s)
	if err != nil {
		return err
	}
	if st == nil || st.Flow != flowPreference {
		b.send(ctx, s.chatID, s.t("bot.flow.expired"), inline([]button{{s.t("bot.pref.change"), cb(cbPrefStart, 0)}}))
		return nil
	}
	switch {
	case a.cb.Verb == cbPrefPage && st.Step == prefStepUnits:
		return b.unitList(ctx, s, st, int(min(a.cb.ID, 1000)), a.msgID)
	case a.cb.Verb == cbPrefUnit && st.Step == prefStepUnits:
		if _, err := b.store.Unit(ctx, a.cb.ID); errors.Is(err, core.ErrNotFound) {
			b.send(ctx, s.chatID, s.t("bot.err.bad_button"), nil)
			return nil
		} else if err != nil {
			return err
		}
		if !slices.Contains(st.Units, a.cb.ID) && len(st.Units) < core.MaxPreferredUnits {
			st.Units = append(st.Units, a.cb.ID)
		}
		if len(st.Units) == core.MaxPreferredUnits {
			return b.askWilling(ctx, s, st)
		}
		if err := b.saveConv(ctx, s, st); err != nil {
			return err
		}
		return b.unitList(ctx, s, st, 0, a.msgID)
	case a.cb.Verb == cbPrefNext && st.Step == prefStepUnits:
		return b.askWilling(ctx, s, st)
	case a.cb.Verb == cbPrefWill && st.Step == prefStepWilling:
		w := core.Willingness(a.cb.Arg)
		if w != core.WillingYes && w != core.WillingNo && w != core.WillingConditional {
			b.send(ctx, s.chatID, s.t("bot.err.bad_button"), nil)
			return nil
		}
		st.Willing, st.Step = string(w), prefStepCons
		if err := b.saveConv(ctx, s, st); err != nil {
			return err
		}
		return b.askConstraints(ctx, s, st, 0)
	case a.cb.Verb == cbPrefCons && st.Step == prefStepCons:
		switch a.cb.Arg {
		case "health":
			st.Health = !st.Health
		case "family":
			st.Family = !st.Family
		case "domicile":
			st.Domicile = !st.Domicile
		case "done":
			st.Step = prefStepReason
			if err := b.saveConv(ctx, s, st); err != nil {
				return err
			}
			b.send(ctx, s.chatID, s.t("bot.pref.ask_reason", maxReasonRunes),
				inline([]button{{s.t("bot.btn.skip"), cb(cbPrefReason, 0)}}))
			return nil
		default:
			b.send(ctx, s.chatID, s.t("bot.err.bad_button"), nil)
			return nil
		}
		if err := b.saveConv(ctx, s, st); err != nil {
			return err
		}
		return b.askConstraints(ctx, s, st, a.msgID)
	case a.cb.Verb == cbPrefReason && st.Step == prefStepReason:
		return b.confirmPreference(ctx, s, st)
	case a.cb.Verb == cbPrefSave && st.Step == prefStepConfirm:
		if a.cb.Arg != "ok" {
			b.endConv(ctx, s)
			b.send(ctx, s.chatID, s.t("bot.flow.cancelled"), b.menuKeyboard(s))
			return nil
		}
		p := core.Preference{EmployeeID: s.emp.ID, UnitIDs: st.Units, Willingness: core.Willingness(st.Willing),
			Health: st.Health, Family: st.Family, Domicile: st.Domicile, Reason: st.Text}
		r, locked, err := b.store.SaveOpenPreference(ctx, &p)
		if err != nil {
			return err
		}
		b.endConv(ctx, s)
		if locked { // announced while the employee was choosing
			b.send(ctx, s.chatID, b.lockedText(ctx, s, r), b.menuKeyboard(s))
			return nil
		}
		b.send(ctx, s.chatID, s.t("bot.pref.saved"), b.menuKeyboard(s))
		return nil
	}
	b.send(ctx, s.chatID, s.t("bot.err.bad_button"), nil)
	return nil
}

// preferenceInput takes a search text for the unit list, or the reason.
func (b *Bot) preferenceInput(ctx context.Context, s *session, st *conv, m *models.Message) error {
	text := strings.TrimSpace(m.Text)
	switch st.Step {
	case prefStepUnits:
		if utf8.RuneCountInString(text) > maxQueryRunes {
			b.send(ctx, s.chatID, s.t("bot.err.too_long", maxQueryRunes), nil)
			return nil
		}
		st.Query = text
		if err := b.saveConv(ctx, s, st); err != nil {
			return err
		}
		return b.unitList(ctx, s, st, 0, 0)
	case prefStepReason:
		if utf8.RuneCountInString(text) > maxReasonRunes {
			b.send(ctx, s.chatID, s.t("bot.err.too_long", maxReasonRunes), nil)
			return nil
		}
		st.Text = text
		return b.confirmPreference(ctx, s, st)
	}
	b.send(ctx, s.chatID, s.t("bot.pref.use_buttons"), nil)
	return nil
}

// unitList shows one page of the units matching the search, editing the
// list message msgID when there is one.
func (b *Bot) unitList(ctx context.Context, s *session, st *conv, page, msgID int) error {
	units, total, err := b.store.SearchUnits(ctx, st.Query, page*unitPageSize, unitPageSize)
	if err != nil {
		return err
	}
	var rows [][]button
	for _, u := range units {
		name := u.Name
		if utf8.RuneCountInString(name) > unitButtonRunes {
			name = string([]rune(name)[:unitButtonRunes-1]) + "…"
		}
		if slices.Contains(st.Units, u.ID) {
			name = "✓ " + name
		}
		rows = append(rows, []button{{name, cb(cbPrefUnit, u.ID)}})
	}
	var nav []button
	if page > 0 {
		nav = append(nav, button{s.t("bot.btn.prev"), cb(cbPrefPage, int64(page-1))})
	}
	if (page+1)*unitPageSize < total {
		nav = append(nav, button{s.t("bot.btn.next"), cb(cbPrefPage, int64(page+1))})
	}
	rows = append(rows, nav)
	if len(st.Units) > 0 {
		rows = append(rows, []button{{s.t("bot.pref.units_done"), cb(cbPrefNext, 0)}})
	}
	var chosen []string
	for i, id := range st.Units {
		if u, err := b.store.Unit(ctx, id); err == nil {
			chosen = append(chosen, fmt.Sprintf("%d. %s", i+1, html.EscapeString(u.Name)))
		}
	}
	text := s.t("bot.pref.ask_units", core.MaxPreferredUnits)
	if st.Query != "" {
		text += "\n" + s.t("bot.pref.search", html.EscapeString(st.Query), total)
	}
	if total == 0 {
		text += "\n" + s.t("bot.pref.no_results")
	}
	if len(chosen) > 0 {
		text += "\n\n" + s.t("bot.pref.chosen") + "\n" + strings.Join(chosen, "\n")
	}
	b.edit(ctx, s.chatID, msgID, text, inline(rows...))
	return nil
}

func (b *Bot) askWilling(ctx context.Context, s *session, st *conv) error {
	st.Step = prefStepWilling
	if err := b.saveConv(ctx, s, st); err != nil {
		return err
	}
	b.send(ctx, s.chatID, s.t("bot.pref.ask_willing"), inline(
		[]button{{s.t("bot.pref.willing.yes"), cb(cbPrefWill, 0, "yes")}},
		[]button{{s.t("bot.pref.willing.conditional"), cb(cbPrefWill, 0, "conditional")}},
		[]button{{s.t("bot.pref.willing.no"), cb(cbPrefWill, 0, "no")}}))
	return nil
}

func (b *Bot) askConstraints(ctx context.Context, s *session, st *conv, msgID int) error {
	mark := func(on bool, key string) string {
		if on {
			return "✓ " + s.t("bot.pref.cons."+key)
		}
		return s.t("bot.pref.cons." + key)
	}
	b.edit(ctx, s.chatID, msgID, s.t("bot.pref.ask_cons"), inline(
		[]button{{mark(st.Health, "health"), cb(cbPrefCons, 0, "health")}},
		[]button{{mark(st.Family, "family"), cb(cbPrefCons, 0, "family")}},
		[]button{{mark(st.Domicile, "domicile"), cb(cbPrefCons, 0, "domicile")}},
		[]button{{s.t("bot.btn.next"), cb(cbPrefCons, 0, "done")}}))
	return nil
}

func (b *Bot) confirmPreference(ctx context.Context, s *session, st *conv) error {
	st.Step = prefStepConfirm
	if err := b.saveConv(ctx, s, st); err != nil {
		return err
	}
	p := core.Preference{UnitIDs: st.Units, Willingness: core.Willingness(st.Willing), Health: st.Health,
		Family: st.Family, Domicile: st.Domicile, Reason: st.Text}
	summary, err := b.preferenceSummary(ctx, s, p)
	if err != nil {
		return err
	}
	b.send(ctx, s.chatID, s.t("bot.pref.confirm", summary), inline([]button{
		{s.t("bot.btn.save"), cb(cbPrefSave, 0, "ok")}, {s.t("bot.btn.cancel"), cb(cbPrefSave, 0, "cancel")}}))
	return nil
}
