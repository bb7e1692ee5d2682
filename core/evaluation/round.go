package evaluation

import (
	"encoding/json"
	"sort"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
	"github.com/seimbang/seimbang/core/i18n"
)

// Evaluation is the evaluation of one round.
type Evaluation struct {
	RoundID       int64            `json:"round_id"`
	Round         string           `json:"round"`
	Status        core.RoundStatus `json:"status"`
	SKNumber      string           `json:"sk_number,omitempty"`
	EffectiveDate string           `json:"effective_date,omitempty"`
	Transfers     TransferCounts   `json:"transfers"`
	// Waves holds each wave's response rate and satisfaction per question
	// and overall, by unit and by transfer kind.
	Waves       []WaveResults   `json:"waves"`
	Imbalance   ImbalanceChange `json:"imbalance"`
	Performance Performance     `json:"performance"`
	Objections  Objections      `json:"objections"`
}

// TransferCounts counts the round's transfers by outcome and kind.
type TransferCounts struct {
	Total     int `json:"total"`
	Moved     int `json:"moved"` // took effect (effective, ended or evaluated)
	Cancelled int `json:"cancelled"`
	Pending   int `json:"pending"` // not decided or not effective yet
	Permanent int `json:"permanent"`
	Temporary int `json:"temporary"`
}

// ImbalancePoint is the imbalance at one moment.
type ImbalancePoint struct {
	Label   string         `json:"label"`
	TakenAt time.Time      `json:"taken_at"`
	Regency abk.Imbalance  `json:"regency"`
	Scope   *abk.Imbalance `json:"scope,omitempty"`
}

// ImbalanceChange is the imbalance when the round was announced (or, for
// a round announced before snapshots were kept, when it was planned), the
// planner's forecast, and the imbalance after the transfers took effect.
// A missing moment is nil.
type ImbalanceChange struct {
	Announced *ImbalancePoint `json:"announced"`
	Forecast  *abk.Imbalance  `json:"forecast,omitempty"`
	Effective *ImbalancePoint `json:"effective"`
}

// Performance compares the performance ratings of the moved employees
// before and after their transfer took effect: the latest rating of a
// period that ended by the effective date, and the latest of a period that
// ends after it.
type Performance struct {
	// Imported is false when no rating of any moved employee was imported.
	Imported bool `json:"imported"`
	Moved    int  `json:"moved"`
	// Before and After count the ratings by predicate, best first
	// (core.Predikats order).
	Before   []PredikatCount `json:"before"`
	After    []PredikatCount `json:"after"`
	Both     int             `json:"both"` // rated before and after
	Improved int             `json:"improved"`
	Same     int             `json:"same"`
	Declined int             `json:"declined"`
}

// PredikatCount is how many ratings had one predicate.
type PredikatCount struct {
	Predikat core.Predikat `json:"predikat"`
	N        int           `json:"n"`
}

// Objections is the round's objections and how they ended.
type Objections struct {
	Total      int                 `json:"total"`
	Pending    int                 `json:"pending"`
	Upheld     int                 `json:"upheld"`
	Rejected   int                 `json:"rejected"`
	ByCategory []ObjectionCategory `json:"by_category"`
	List       []ObjectionLine     `json:"list"`
}

// ObjectionCategory counts one category's objections by outcome.
type ObjectionCategory struct {
	Category core.ObjectionCategory `json:"category"`
	Label    string                 `json:"label"`
	Total    int                    `json:"total"`
	Pending  int                    `json:"pending"`
	Upheld   int                    `json:"upheld"`
	Rejected int                    `json:"rejected"`
}

// ObjectionLine is one objection.
type ObjectionLine struct {
	Receipt   string                 `json:"receipt"`
	NIP       string                 `json:"nip"`
	Name      string                 `json:"name"`
	Category  core.ObjectionCategory `json:"category"`
	Status    core.ObjectionStatus   `json:"status"`
	Answer    string                 `json:"answer,omitempty"`
	CreatedAt time.Time              `json:"created_at"`
	DecidedAt *time.Time             `json:"decided_at,omitempty"`
}

// Evaluate computes the round's evaluation as the caller with root (the
// unit a unit head heads; 0 for everyone else) may see it: a unit head sees
// the survey figures and objections of their unit tree only; the imbalance
// figures are the regency's.
func (d *Data) Evaluate(root int64, lang i18n.Lang) Evaluation {
	ev := Evaluation{RoundID: d.Round.ID, Round: d.Round.Name, Status: d.Round.Status, SKNumber: d.Round.SKNumber}
	if !d.Round.EffectiveDate.IsZero() {
		ev.EffectiveDate = d.Round.EffectiveDate.String()
	}
	in := d.unitsIn(root)
	touches := func(t core.Transfer) bool { return in == nil || in[t.ToUnitID] || in[t.FromUnitID] }
	var moved []core.Transfer
	for _, t := range d.Transfers {
		if !touches(t) {
			continue
		}
		ev.Transfers.Total++
		switch t.Status {
		case core.TransferEffective, core.TransferEnded, core.TransferEvaluated:
			ev.Transfers.Moved++
			moved = append(moved, t)
		case core.TransferCancelled:
			ev.Transfers.Cancelled++
		default:
			ev.Transfers.Pending++
		}
		if t.Kind == core.Temporary {
			ev.Transfers.Temporary++
		} else {
			ev.Transfers.Permanent++
		}
	}
	ev.Waves = d.SurveyResults(View{UnitID: root, Root: root, Lang: lang}).Waves
	ev.Imbalance = d.imbalance()
	ev.Performance = d.performance(moved)
	ev.Objections = d.objections(touches, lang)
	return ev
}

func (d *Data) imbalance() ImbalanceChange {
	var out ImbalanceChange
	for _, s := range d.Snapshots {
		switch s.Label {
		case LabelAnnounced, LabelEffective:
			var f Figures
			if json.Unmarshal([]byte(s.Figures), &f) != nil {
				continue
			}
			p := &ImbalancePoint{Label: s.Label, TakenAt: s.TakenAt, Regency: f.Regency, Scope: f.Scope}
			if s.Label == LabelAnnounced && (out.Announced == nil || out.Announced.Label != LabelAnnounced) {
				out.Announced = p
			}
			if s.Label == LabelEffective && out.Effective == nil {
				out.Effective = p
			}
		case LabelPlanned:
			var f struct {
				Before abk.Imbalance `json:"before"`
				After  abk.Imbalance `json:"after"`
			}
			if json.Unmarshal([]byte(s.Figures), &f) != nil {
				continue
			}
			// The latest plan is the one announced.
			after := f.After
			out.Forecast = &after
			if out.Announced == nil || out.Announced.Label == LabelPlanned {
				out.Announced = &ImbalancePoint{Label: LabelPlanned, TakenAt: s.TakenAt, Regency: f.Before}
			}
		}
	}
	return out
}

func (d *Data) performance(moved []core.Transfer) Performance {
	out := Performance{Moved: len(moved)}
	byEmp := map[int64][]Rating{}
	for _, r := range d.Ratings {
		byEmp[r.EmployeeID] = append(byEmp[r.EmployeeID], r)
	}
	before, after := map[core.Predikat]int{}, map[core.Predikat]int{}
	eff := d.Round.EffectiveDate
	for _, t := range moved {
		// Before: the latest rating of a period that ended by the effective
		// date. After: the latest of a period that ends after it (at least
		// partly worked in the new position).
		var b, a *Rating
		var bEnd, aEnd core.Date
		for i, r := range byEmp[t.EmployeeID] {
			_, last, ok := core.RatingPeriodBounds(r.Period)
			if !ok || r.Predikat.Score() == 0 {
				continue
			}
			out.Imported = true
			if !last.After(eff) {
				if b == nil || last.After(bEnd) {
					b, bEnd = &byEmp[t.EmployeeID][i], last
				}
			} else if a == nil || last.After(aEnd) {
				a, aEnd = &byEmp[t.EmployeeID][i], last
			}
		}
		if b != nil {
			before[b.Predikat]++
		}
		if a != nil {
			after[a.Predikat]++
		}
		if a != nil && b != nil {
			out.Both++
			switch sa, sb := a.Predikat.Score(), b.Predikat.Score(); {
			case sa > sb:
				out.Improved++
			case sa < sb:
				out.Declined++
			default:
				out.Same++
			}
		}
	}
	for _, p := range core.Predikats {
		out.Before = append(out.Before, PredikatCount{Predikat: p, N: before[p]})
		out.After = append(out.After, PredikatCount{Predikat: p, N: after[p]})
	}
	return out
}

func (d *Data) objections(touches func(core.Transfer) bool, lang i18n.Lang) Objections {
	out := Objections{List: []ObjectionLine{}}
	tr := d.transferByID()
	cats := map[core.ObjectionCategory]*ObjectionCategory{}
	for _, c := range core.ObjectionCategories {
		cats[c] = &ObjectionCategory{Category: c, Label: i18n.T(lang, "eval.category."+string(c))}
	}
	for _, o := range d.Objections {
		if t, ok := tr[o.TransferID]; !ok || !touches(t) {
			continue
		}
		c := cats[o.Category]
		if c == nil {
			c = &ObjectionCategory{Category: o.Category, Label: string(o.Category)}
			cats[o.Category] = c
		}
		out.Total++
		c.Total++
		switch o.Status {
		case core.ObjectionUpheld:
			out.Upheld++
			c.Upheld++
		case core.ObjectionRejected:
			out.Rejected++
			c.Rejected++
		default:
			out.Pending++
			c.Pending++
		}
		e := d.Employees[o.EmployeeID]
		out.List = append(out.List, ObjectionLine{Receipt: o.Receipt, NIP: e.NIP, Name: e.Name, Category: o.Category,
			Status: o.Status, Answer: o.Answer, CreatedAt: o.CreatedAt, DecidedAt: o.DecidedAt})
	}
	for _, c := range core.ObjectionCategories {
		out.ByCategory = append(out.ByCategory, *cats[c])
		delete(cats, c)
	}
	var rest []ObjectionCategory
	for _, c := range cats {
		rest = append(rest, *c)
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].Category < rest[j].Category })
	out.ByCategory = append(out.ByCategory, rest...)
	return out
}

// NonResponder is an employee who has not answered a wave's survey.
type NonResponder struct {
	InvitationID  int64                 `json:"invitation_id"`
	WaveID        int64                 `json:"wave_id"`
	WaveSeq       int                   `json:"wave_seq"`
	NIP           string                `json:"nip"`
	Name          string                `json:"name"`
	UnitID        int64                 `json:"-"`
	UnitCode      string                `json:"unit_code"`
	Unit          string                `json:"unit"`
	Status        core.InvitationStatus `json:"status"` // invited (still open) or expired
	Linked        bool                  `json:"telegram_linked"`
	InvitedAt     *time.Time            `json:"invited_at,omitempty"`
	RemindersSent int                   `json:"reminders_sent"`
	LastSentAt    *time.Time            `json:"last_sent_at,omitempty"`
	ManualAt      *time.Time            `json:"manual_reminder_at,omitempty"`
	// CanRemind says HR may still send the one reminder by hand.
	CanRemind bool `json:"can_remind"`
}

// NonResponders lists who was invited to a wave (every wave when waveID is
// 0) and has not answered, within the tree under unitID (0: the round),
// by wave and name. Whether someone answered is not what they answered,
// so the list is the same for anonymous and named templates.
func (d *Data) NonResponders(waveID, unitID int64, now time.Time) []NonResponder {
	in := d.unitsIn(unitID)
	tr := d.transferByID()
	seq := map[int64]int{}
	for _, w := range d.Waves {
		seq[w.ID] = w.Seq
	}
	out := []NonResponder{}
	for _, inv := range d.Invitations {
		if waveID != 0 && inv.WaveID != waveID {
			continue
		}
		if inv.Status != core.InvitationInvited && inv.Status != core.InvitationExpired {
			continue
		}
		u := d.unit(answerUnit(tr[inv.TransferID]))
		if in != nil && !in[u.ID] {
			continue
		}
		e := d.Employees[inv.EmployeeID]
		out = append(out, NonResponder{InvitationID: inv.ID, WaveID: inv.WaveID, WaveSeq: seq[inv.WaveID], NIP: e.NIP, Name: e.Name,
			UnitID: u.ID, UnitCode: u.Code, Unit: u.Name, Status: inv.Status, Linked: e.Linked(), InvitedAt: inv.InvitedAt,
			RemindersSent: inv.RemindersSent, LastSentAt: inv.LastSentAt, ManualAt: inv.ManualReminderAt,
			CanRemind: inv.Status == core.InvitationInvited && inv.ManualReminderAt == nil && (inv.ExpiresAt == nil || now.Before(*inv.ExpiresAt))})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].WaveSeq != out[j].WaveSeq {
			return out[i].WaveSeq < out[j].WaveSeq
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// InvitationUnit returns the unit the invitation's answers count for, and
// whether the invitation belongs to the round.
func (d *Data) InvitationUnit(invitationID int64) (int64, bool) {
	tr := d.transferByID()
	for _, inv := range d.Invitations {
		if inv.ID == invitationID {
			return answerUnit(tr[inv.TransferID]), true
		}
	}
	return 0, false
}
