package evaluation

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// View selects what part of a round's survey results to compute.
type View struct {
	WaveID int64 // 0: every wave
	// UnitID limits the results to the tree under the unit; 0 for the
	// whole round.
	UnitID int64
	// Root is the caller's own view: the unit a unit head heads (0 for HR
	// and auditors). The breakdown by transfer kind is given only for the
	// caller's own view, never for a narrower filter.
	Root int64
	Lang i18n.Lang
}

// Rate is how a wave's invitations stand.
type Rate struct {
	Invitations int     `json:"invitations"` // every invitation, sent or not
	Scheduled   int     `json:"scheduled"`   // not sent yet
	Sent        int     `json:"sent"`        // invited, answered or expired
	Answered    int     `json:"answered"`
	Waiting     int     `json:"waiting"` // sent, not answered, still open
	Expired     int     `json:"expired"`
	Rate        float64 `json:"rate"` // answered / sent, 0 when none was sent
}

// TextAnswer is one free-text answer; Name is empty for an anonymous
// template (an anonymous answer is never attributed).
type TextAnswer struct {
	Text string `json:"text"`
	Name string `json:"name,omitempty"`
}

// Question is one question's figures within a group.
type Question struct {
	ID       int64             `json:"id"`
	Position int               `json:"position"`
	Kind     core.QuestionKind `json:"kind"`
	Text     string            `json:"text"`
	// Labels name the counts: the five Likert labels, "yes" and "no", or
	// the choices.
	Labels  []string `json:"labels,omitempty"`
	Answers int      `json:"answers"`
	// Hidden is set when an anonymous template has too few answers to show
	// in this group; the figures are then empty.
	Hidden   bool         `json:"hidden"`
	Counts   []int        `json:"counts,omitempty"`
	Mean     float64      `json:"mean,omitempty"`      // Likert
	YesShare float64      `json:"yes_share,omitempty"` // yes/no, 0–1
	Texts    []TextAnswer `json:"texts,omitempty"`
}

// Group is the figures of one set of respondents: the view, one unit, or
// one transfer kind.
type Group struct {
	Label       string            `json:"label"`
	UnitID      int64             `json:"unit_id,omitempty"`
	UnitCode    string            `json:"unit_code,omitempty"`
	Kind        core.TransferKind `json:"kind,omitempty"`
	Respondents int               `json:"respondents"`
	Hidden      bool              `json:"hidden"`
	Questions   []Question        `json:"questions,omitempty"`
	// Overall is the mean of every shown Likert answer of the group
	// (satisfaction overall); OverallN counts those answers.
	Overall  float64 `json:"overall"`
	OverallN int     `json:"overall_n"`
}

// WaveResults is one wave's results within a view.
type WaveResults struct {
	WaveID    int64   `json:"wave_id"`
	Seq       int     `json:"seq"`
	AfterDays int     `json:"after_days"`
	Template  string  `json:"template"`
	Anonymous bool    `json:"anonymous"`
	Rate      Rate    `json:"response_rate"`
	All       Group   `json:"all"`
	ByUnit    []Group `json:"by_unit"`
	ByKind    []Group `json:"by_kind,omitempty"`
}

// Results is a round's survey results within a view.
type Results struct {
	RoundID int64         `json:"round_id"`
	Round   string        `json:"round"`
	UnitID  int64         `json:"unit_id,omitempty"`
	Waves   []WaveResults `json:"waves"`
}

// unitsIn returns the units a view covers: the tree under v.UnitID, or
// nil for every unit.
func (d *Data) unitsIn(unitID int64) map[int64]bool {
	if unitID == 0 {
		return nil
	}
	out := map[int64]bool{}
	for _, id := range newTree(d.Units).subtree(unitID) {
		out[id] = true
	}
	return out
}

// answerUnit is the unit an invitation's answers count for: the transfer's
// destination.
func answerUnit(t core.Transfer) int64 { return t.ToUnitID }

// SurveyResults computes the results of every wave (or v.WaveID's) of the
// round within the view.
func (d *Data) SurveyResults(v View) Results {
	res := Results{RoundID: d.Round.ID, Round: d.Round.Name, UnitID: v.UnitID, Waves: []WaveResults{}}
	in := d.unitsIn(v.UnitID)
	for _, w := range d.Waves {
		if v.WaveID != 0 && w.ID != v.WaveID {
			continue
		}
		res.Waves = append(res.Waves, d.wave(w, v, in))
	}
	return res
}

func (d *Data) wave(w Wave, v View, in map[int64]bool) WaveResults {
	tr := d.transferByID()
	wr := WaveResults{WaveID: w.ID, Seq: w.Seq, AfterDays: int(w.After / (24 * time.Hour)), Template: w.Template.Name,
		Anonymous: w.Template.Anonymous}
	inView := func(unit *int64) bool { return in == nil || (unit != nil && in[*unit]) }
	// Response rate: invitation state, not answers, so it is shown for any
	// group size.
	invUnit := map[int64]int64{}
	names := map[int64]string{}
	for _, inv := range d.Invitations {
		if inv.WaveID != w.ID {
			continue
		}
		t := tr[inv.TransferID]
		u := answerUnit(t)
		invUnit[inv.ID] = u
		names[inv.ID] = d.Employees[inv.EmployeeID].Name
		if !inView(&u) {
			continue
		}
		wr.Rate.add(inv.Status)
	}
	if wr.Rate.Sent > 0 {
		wr.Rate.Rate = float64(wr.Rate.Answered) / float64(wr.Rate.Sent)
	}
	var answers []core.SurveyResponse
	for _, r := range d.Responses {
		if r.WaveID == w.ID {
			answers = append(answers, r)
		}
	}
	// What each measure hides, decided once over the whole wave.
	var respHidden hidden
	qHidden := map[int64]hidden{}
	if w.Template.Anonymous {
		tree := newTree(d.Units)
		respHidden = suppress(tree, respondentsPerUnit(answers, w.Template))
		for _, q := range w.Template.Questions {
			perUnit := map[int64]int{}
			for _, r := range answers {
				if r.QuestionID == q.ID && r.UnitID != nil {
					perUnit[*r.UnitID]++
				}
			}
			qHidden[q.ID] = suppress(tree, perUnit)
		}
	}
	viewKey := whole
	if v.UnitID != 0 {
		viewKey = setKey{unit: v.UnitID}
	}
	var viewAnswers []core.SurveyResponse
	for _, r := range answers {
		if inView(r.UnitID) {
			viewAnswers = append(viewAnswers, r)
		}
	}
	wr.All = d.group(w, viewAnswers, names, v.Lang, respHidden[viewKey], func(q int64) bool { return qHidden[q][viewKey] }, true)
	wr.All.Label = i18n.T(v.Lang, "eval.group_all")
	if v.UnitID != 0 {
		u := d.unit(v.UnitID)
		wr.All.Label, wr.All.UnitID, wr.All.UnitCode = u.Name, u.ID, u.Code
	}
	// By unit: the answers counted for each unit inside the view.
	byUnit := map[int64][]core.SurveyResponse{}
	for _, r := range viewAnswers {
		if r.UnitID != nil {
			byUnit[*r.UnitID] = append(byUnit[*r.UnitID], r)
		}
	}
	for _, u := range d.Units {
		rs, ok := byUnit[u.ID]
		if !ok {
			continue
		}
		k := setKey{unit: u.ID, own: true}
		g := d.group(w, rs, names, v.Lang, respHidden[k] || wr.All.Hidden, func(q int64) bool { return qHidden[q][k] }, false)
		g.Label, g.UnitID, g.UnitCode = u.Name, u.ID, u.Code
		wr.ByUnit = append(wr.ByUnit, g)
	}
	sort.SliceStable(wr.ByUnit, func(i, j int) bool { return wr.ByUnit[i].Label < wr.ByUnit[j].Label })
	if wr.ByUnit == nil {
		wr.ByUnit = []Group{}
	}
	// By transfer kind, only in the caller's own view.
	if v.UnitID == v.Root {
		kinds := []core.TransferKind{core.Permanent, core.Temporary}
		split := make([][]core.SurveyResponse, len(kinds))
		for _, r := range viewAnswers {
			if i := slices.Index(kinds, r.TransferKind); i >= 0 {
				split[i] = append(split[i], r)
			}
		}
		resp := make([]int, len(kinds))
		for i := range kinds {
			resp[i] = respondents(split[i], w.Template)
		}
		hideKind := splitSafe(resp)
		perQ := map[int64][]bool{}
		for _, q := range w.Template.Questions {
			n := make([]int, len(kinds))
			for i := range kinds {
				for _, r := range split[i] {
					if r.QuestionID == q.ID {
						n[i]++
					}
				}
			}
			perQ[q.ID] = splitSafe(n)
		}
		for i, k := range kinds {
			if len(split[i]) == 0 {
				continue
			}
			hide := w.Template.Anonymous && (hideKind[i] || wr.All.Hidden)
			g := d.group(w, split[i], names, v.Lang, hide, func(q int64) bool { return w.Template.Anonymous && perQ[q][i] }, false)
			g.Label, g.Kind = i18n.T(v.Lang, "eval.kind."+string(k)), k
			wr.ByKind = append(wr.ByKind, g)
		}
	}
	return wr
}

func (r *Rate) add(s core.InvitationStatus) {
	r.Invitations++
	switch s {
	case core.InvitationScheduled:
		r.Scheduled++
	case core.InvitationInvited:
		r.Sent++
		r.Waiting++
	case core.InvitationAnswered:
		r.Sent++
		r.Answered++
	case core.InvitationExpired:
		r.Sent++
		r.Expired++
	}
}

// respondents counts the people who answered at least one question: the
// distinct invitations of a named template; for an anonymous one, whose
// answers carry no invitation, the most answers any question got (every
// respondent answers the first question first).
func respondents(rs []core.SurveyResponse, tpl core.SurveyTemplate) int {
	if !tpl.Anonymous {
		seen := map[int64]bool{}
		for _, r := range rs {
			if r.InvitationID != nil {
				seen[*r.InvitationID] = true
			}
		}
		return len(seen)
	}
	per := map[int64]int{}
	most := 0
	for _, r := range rs {
		per[r.QuestionID]++
		most = max(most, per[r.QuestionID])
	}
	return most
}

func respondentsPerUnit(rs []core.SurveyResponse, tpl core.SurveyTemplate) map[int64]int {
	by := map[int64][]core.SurveyResponse{}
	for _, r := range rs {
		if r.UnitID != nil {
			by[*r.UnitID] = append(by[*r.UnitID], r)
		}
	}
	out := map[int64]int{}
	for u, list := range by {
		out[u] = respondents(list, tpl)
	}
	return out
}

// group computes the figures of the answers rs. With hide set the group
// shows only its size; qHide hides single questions. Free text is listed
// only when texts is set (never in a breakdown of an anonymous template,
// where the group would attribute it).
func (d *Data) group(w Wave, rs []core.SurveyResponse, names map[int64]string, lang i18n.Lang, hide bool, qHide func(int64) bool, texts bool) Group {
	tpl := w.Template
	g := Group{Respondents: respondents(rs, tpl), Hidden: hide}
	if hide {
		return g
	}
	var sum float64
	for _, q := range tpl.Questions {
		qf := Question{ID: q.ID, Position: q.Position, Kind: q.Kind, Text: questionText(q, lang)}
		var vals []int
		var free []TextAnswer
		for _, r := range rs {
			if r.QuestionID != q.ID {
				continue
			}
			qf.Answers++
			if r.Value != nil {
				vals = append(vals, *r.Value)
			}
			if t := strings.TrimSpace(r.Text); t != "" && q.Kind == core.QuestionText {
				a := TextAnswer{Text: t}
				if !tpl.Anonymous && r.InvitationID != nil {
					a.Name = names[*r.InvitationID]
				}
				free = append(free, a)
			}
		}
		if tpl.Anonymous && qHide(q.ID) {
			qf.Hidden = true
			g.Questions = append(g.Questions, qf)
			continue
		}
		switch q.Kind {
		case core.QuestionLikert:
			qf.Labels = likertLabels(q, lang)
			qf.Counts = make([]int, 5)
			total := 0
			for _, v := range vals {
				if v >= 1 && v <= 5 {
					qf.Counts[v-1]++
					total += v
				}
			}
			if n := sumInts(qf.Counts); n > 0 {
				qf.Mean = float64(total) / float64(n)
				sum += float64(total)
				g.OverallN += n
			}
		case core.QuestionYesNo:
			qf.Labels = []string{i18n.T(lang, "eval.yes"), i18n.T(lang, "eval.no")}
			qf.Counts = make([]int, 2)
			for _, v := range vals {
				if v == 1 {
					qf.Counts[0]++
				} else if v == 0 {
					qf.Counts[1]++
				}
			}
			if n := qf.Counts[0] + qf.Counts[1]; n > 0 {
				qf.YesShare = float64(qf.Counts[0]) / float64(n)
			}
		case core.QuestionChoice:
			qf.Labels = slices.Clone(q.Options)
			qf.Counts = make([]int, len(q.Options))
			for _, v := range vals {
				if v >= 0 && v < len(q.Options) {
					qf.Counts[v]++
				}
			}
		case core.QuestionText:
			if texts || !tpl.Anonymous {
				if tpl.Anonymous {
					// No order that could follow the time of answering.
					sort.Slice(free, func(i, j int) bool { return free[i].Text < free[j].Text })
				}
				qf.Texts = free
			}
		}
		g.Questions = append(g.Questions, qf)
	}
	if g.OverallN > 0 {
		g.Overall = sum / float64(g.OverallN)
	}
	return g
}

func sumInts(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// questionText is the question in lang (English when the template has it).
func questionText(q core.SurveyQuestion, lang i18n.Lang) string {
	if lang == i18n.EN && q.TextEN != "" {
		return q.TextEN
	}
	return q.Text
}

// likertLabels are the question's five labels, or the standard ones.
func likertLabels(q core.SurveyQuestion, lang i18n.Lang) []string {
	if len(q.Options) == 5 && lang == i18n.ID {
		return slices.Clone(q.Options)
	}
	out := make([]string, 5)
	for i := range out {
		out[i] = i18n.T(lang, "survey.likert"+string(rune('1'+i)))
	}
	if len(q.Options) == 5 && lang != i18n.ID {
		// A template's own labels are in Indonesian only; keep them when
		// they differ from the standard ones.
		for i, o := range q.Options {
			if o != i18n.T(i18n.ID, "survey.likert"+string(rune('1'+i))) {
				out[i] = o
			}
		}
	}
	return out
}
