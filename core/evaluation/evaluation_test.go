package evaluation_test

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/evaluation"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/i18n"
	"github.com/seimbang/seimbang/core/round"
	"github.com/seimbang/seimbang/core/schedule"
	"github.com/seimbang/seimbang/core/scheduler"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

func ptr[T any](v T) *T { return &v }

// ran is a round that was planned, announced, objected to, approved and
// took effect, with two survey waves: the first on an anonymous template,
// the second on a named one.
type ran struct {
	st         *gormstore.Store
	round      core.Round
	units      map[string]core.Unit
	moved      []core.Transfer // effective transfers
	unitOf     map[int64]string
	waves      []core.SurveyWave
	anon, name core.SurveyTemplate
	clk        *clock
	sched      *scheduler.Scheduler
	upheld     int64 // the employee whose objection was upheld
	rejected   int64
}

// questions are a Likert, a yes/no, a three-way choice and a free text.
func questions() []core.SurveyQuestion {
	return []core.SurveyQuestion{
		{Kind: core.QuestionLikert, Text: "Beban kerja sesuai", Required: true},
		{Kind: core.QuestionYesNo, Text: "Menerima pelatihan", Required: true},
		{Kind: core.QuestionChoice, Text: "Waktu tempuh", Options: []string{"< 30 menit", "30–60 menit", "> 60 menit"}, Required: true},
		{Kind: core.QuestionText, Text: "Komentar"},
	}
}

// runRound builds Dinas Kesehatan (WITA) with three health centres: KOTA
// has 14 nurses for 4 needed, HULU none for 6, HILIR none for 2. The
// planner moves 8; one objection is upheld (that transfer is cancelled)
// and one rejected, so 7 nurses move on 4 January 2027.
func runRound(t *testing.T, st *gormstore.Store) *ran {
	t.Helper()
	ctx := context.Background()
	r := &ran{st: st, units: map[string]core.Unit{}, unitOf: map[int64]string{}}
	office := core.Unit{Code: "DINKES", Name: "Dinas Kesehatan", Kind: core.UnitOffice, TimeZone: core.WITA}
	if err := st.CreateUnit(ctx, &office); err != nil {
		t.Fatal(err)
	}
	r.units["DINKES"] = office
	pos := map[string]core.Position{}
	for i, c := range []struct {
		code   string
		volume float64
	}{{"PKM-KOTA", 3000}, {"PKM-HULU", 4500}, {"PKM-HILIR", 1500}} {
		u := core.Unit{Code: c.code, Name: "Puskesmas " + c.code[4:], Kind: core.UnitHealthCentre, ParentID: &office.ID,
			TimeZone: core.WITA, Lat: ptr(-1.0 - float64(i)/10), Lng: ptr(116.0)}
		if err := st.CreateUnit(ctx, &u); err != nil {
			t.Fatal(err)
		}
		r.units[c.code] = u
		p := core.Position{Code: c.code + "-PRW", UnitID: u.ID, Name: "Perawat", Kind: core.Functional, JobFamily: "perawat"}
		if err := st.CreatePosition(ctx, &p); err != nil {
			t.Fatal(err)
		}
		// required staff = volume × 100 minutes / 75,000 minutes
		if err := st.ReplaceWorkloadTasks(ctx, p.ID, []core.WorkloadTask{{Task: "Asuhan keperawatan", YearlyVolume: c.volume, StandardMinutes: 100}}); err != nil {
			t.Fatal(err)
		}
		pos[c.code] = p
	}
	for i := range 14 {
		p := pos["PKM-KOTA"]
		e := core.Employee{NIP: fmt.Sprintf("19850101201001%d%03d", 1+i%2, i+1), Name: fmt.Sprintf("Perawat %02d", i+1),
			PositionID: &p.ID, TMTJabatan: core.Date{Year: 2018, Month: 1, Day: 2}, EducationLevel: "D3", Active: true,
			TelegramUserID: ptr(int64(700 + i))}
		if err := st.CreateEmployee(ctx, &e); err != nil {
			t.Fatal(err)
		}
	}
	r.clk = &clock{t: time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)}
	svc := &round.Service{Store: st, Clock: r.clk}
	hr := core.AdminActor(1)
	deadline := r.clk.t.Add(7 * 24 * time.Hour)
	effective := core.Date{Year: 2027, Month: 1, Day: 4}
	rd, err := svc.Create(ctx, round.NewRound{Name: "Mutasi Januari 2027", UnitCodes: []string{"DINKES"},
		ObjectionDeadline: &deadline, EffectiveDate: effective}, hr)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := svc.Plan(ctx, rd.ID, hr)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Proposals) != 8 {
		t.Fatalf("the planner proposed %d moves, want 8", len(plan.Proposals))
	}
	if _, err := svc.Announce(ctx, rd.ID, nil, hr); err != nil {
		t.Fatal(err)
	}
	ts, _ := st.Transfers(ctx, core.TransferFilter{RoundID: rd.ID})
	var toHulu []core.Transfer
	for _, tr := range ts {
		if tr.ToUnitID == r.units["PKM-HULU"].ID {
			toHulu = append(toHulu, tr)
		}
	}
	object := func(tr core.Transfer, cat core.ObjectionCategory, uphold bool) {
		t.Helper()
		ev, err := tr.Transition(core.TransferObjected, core.EmployeeActor(tr.EmployeeID), r.clk.t, "keberatan")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SaveTransition(ctx, &tr, ev); err != nil {
			t.Fatal(err)
		}
		o := core.Objection{TransferID: tr.ID, EmployeeID: tr.EmployeeID, Category: cat, Text: "Mohon dipertimbangkan."}
		if err := st.CreateObjection(ctx, &o); err != nil {
			t.Fatal(err)
		}
		if err := svc.Decide(ctx, o.ID, round.Decision{Uphold: uphold, Answer: "Jawaban BKPSDM."}, hr); err != nil {
			t.Fatal(err)
		}
	}
	object(toHulu[0], "family", true)
	object(toHulu[1], "distance", false)
	r.upheld, r.rejected = toHulu[0].EmployeeID, toHulu[1].EmployeeID
	if n, err := svc.Approve(ctx, rd.ID, "800/12/BKPSDM/2026", effective, hr); err != nil || n != 7 {
		t.Fatalf("approve = %d, %v; want 7", n, err)
	}

	// Two waves: 30 days on an anonymous template, 90 on a named one.
	r.anon = core.SurveyTemplate{Name: "Survei anonim", Anonymous: true, Questions: questions()}
	r.name = core.SurveyTemplate{Name: "Survei bernama", Questions: questions()}
	for _, tpl := range []*core.SurveyTemplate{&r.anon, &r.name} {
		if err := st.CreateSurveyTemplate(ctx, tpl); err != nil {
			t.Fatal(err)
		}
	}
	for i, tpl := range []core.SurveyTemplate{r.anon, r.name} {
		w := core.SurveyWave{RoundID: rd.ID, TemplateID: tpl.ID, Seq: i + 1, After: []time.Duration{720 * time.Hour, 2160 * time.Hour}[i]}
		if err := st.CreateSurveyWave(ctx, &w); err != nil {
			t.Fatal(err)
		}
		r.waves = append(r.waves, w)
	}
	r.clk.t = time.Date(2027, 1, 3, 16, 0, 0, 0, time.UTC) // 00:00 WITA on 4 January
	r.sched = scheduler.New(st, scheduler.Config{Clock: r.clk, Policy: schedule.Policy{Waves: []time.Duration{720 * time.Hour},
		RemindEvery: 72 * time.Hour, MaxReminders: 3, ExpireAfter: 336 * time.Hour,
		Calendar: schedule.Calendar{Start: 8 * time.Hour, End: 16 * time.Hour}}})
	if rep, err := r.sched.Tick(ctx); err != nil || rep.Effective != 7 {
		t.Fatalf("effective = %+v, %v; want 7", rep, err)
	}
	ts, _ = st.Transfers(ctx, core.TransferFilter{RoundID: rd.ID, Statuses: []core.TransferStatus{core.TransferEffective}})
	r.moved = ts
	for _, tr := range ts {
		for code, u := range r.units {
			if u.ID == tr.ToUnitID {
				r.unitOf[tr.EmployeeID] = code
			}
		}
	}
	r.round, _ = st.Round(ctx, rd.ID)
	return r
}

// invite moves the clock to when wave seq is due (a weekday morning in
// WITA) and lets the scheduler send its invitations.
func (r *ran) invite(t *testing.T, at time.Time) {
	t.Helper()
	r.clk.t = at
	if _, err := r.sched.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// answer is one employee's answers: Likert 1–5, yes (1) or no (0), a
// choice index and a comment ("" skips it).
type answer struct {
	likert, yes, choice int
	text                string
}

// answerWave lets each employee in answers answer their invitation of the
// wave through the store, as the bot does.
func (r *ran) answerWave(t *testing.T, wave core.SurveyWave, tpl core.SurveyTemplate, answers map[int64]answer) {
	t.Helper()
	ctx := context.Background()
	for emp, a := range answers {
		invs, err := r.st.OpenSurveyInvitations(ctx, emp)
		if err != nil {
			t.Fatal(err)
		}
		var inv core.SurveyInvitation
		for _, i := range invs {
			if i.WaveID == wave.ID {
				inv = i
			}
		}
		if inv.ID == 0 {
			t.Fatalf("employee %d has no open invitation in wave %d", emp, wave.Seq)
		}
		vals := []*int{&a.likert, &a.yes, &a.choice, nil}
		for i, q := range tpl.Questions {
			sa := core.SurveyAnswer{InvitationID: inv.ID, QuestionID: q.ID, Seq: i + 1, Last: i == len(tpl.Questions)-1,
				Anonymous: tpl.Anonymous, Value: vals[i], At: r.clk.t}
			if q.Kind == core.QuestionText {
				sa.Text = a.text
			}
			if err := r.st.SaveSurveyAnswer(ctx, sa); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestEvaluationOfARoundThatRan(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		ctx := context.Background()
		r := runRound(t, st)
		hulu, hilir := r.units["PKM-HULU"].ID, r.units["PKM-HILIR"].ID
		var huluEmp, hilirEmp []int64
		for _, tr := range r.moved {
			if tr.ToUnitID == hulu {
				huluEmp = append(huluEmp, tr.EmployeeID)
			} else if tr.ToUnitID == hilir {
				hilirEmp = append(hilirEmp, tr.EmployeeID)
			}
		}
		slices.Sort(huluEmp)
		slices.Sort(hilirEmp)
		if len(huluEmp) != 5 || len(hilirEmp) != 2 {
			t.Fatalf("moved to HULU %d, HILIR %d; want 5 and 2", len(huluEmp), len(hilirEmp))
		}

		// Wave 1 (anonymous), Wednesday 3 February 2027, 10:00 WITA:
		// everyone answers.
		r.invite(t, time.Date(2027, 2, 3, 2, 0, 0, 0, time.UTC))
		all := append(slices.Clone(huluEmp), hilirEmp...)
		likert := []int{5, 4, 4, 3, 5, 2, 4}
		yes := []int{1, 1, 0, 1, 1, 0, 1}
		choice := []int{0, 1, 1, 2, 0, 1, 1}
		texts := []string{"Rekan kerja ramah", "", "Jarak jauh", "", "Perlu pelatihan", "", "Alat kurang"}
		w1 := map[int64]answer{}
		for i, e := range all {
			w1[e] = answer{likert[i], yes[i], choice[i], texts[i]}
		}
		r.answerWave(t, r.waves[0], r.anon, w1)

		// Wave 2 (named), Monday 5 April 2027: everyone but one nurse of
		// each health centre answers.
		r.invite(t, time.Date(2027, 4, 5, 2, 0, 0, 0, time.UTC))
		w2 := map[int64]answer{}
		for i, e := range all {
			if e == huluEmp[4] || e == hilirEmp[1] {
				continue
			}
			w2[e] = answer{likert: 1 + i%5, yes: i % 2, choice: i % 3, text: fmt.Sprintf("Catatan %d", i)}
		}
		r.answerWave(t, r.waves[1], r.name, w2)

		// Performance: 2026 (before) and 2027 (after, the period the move
		// falls in) for three nurses, only 2026 for a fourth.
		ratings := []evaluation.Rating{
			{EmployeeID: all[0], Period: "2026", Predikat: "Baik"}, {EmployeeID: all[0], Period: "2027", Predikat: "Sangat Baik"},
			{EmployeeID: all[1], Period: "2026", Predikat: "Baik"}, {EmployeeID: all[1], Period: "2027", Predikat: "Baik"},
			{EmployeeID: all[2], Period: "2025", Predikat: "Sangat Baik"}, {EmployeeID: all[2], Period: "2026-12", Predikat: "Baik"},
			{EmployeeID: all[2], Period: "2027-06", Predikat: "Butuh Perbaikan"},
			{EmployeeID: all[3], Period: "2026", Predikat: "Kurang"},
		}
		for _, rt := range ratings {
			if err := st.SavePerformanceRating(ctx, rt); err != nil {
				t.Fatal(err)
			}
		}

		d, err := evaluation.Load(ctx, st, r.round.ID)
		if err != nil {
			t.Fatal(err)
		}
		ev := d.Evaluate(0, i18n.ID)

		t.Run("transfers and response rate per wave", func(t *testing.T) {
			want := evaluation.TransferCounts{Total: 8, Moved: 7, Cancelled: 1, Permanent: 8}
			if ev.Transfers != want {
				t.Errorf("transfers = %+v, want %+v", ev.Transfers, want)
			}
			if len(ev.Waves) != 2 {
				t.Fatalf("waves = %d", len(ev.Waves))
			}
			if got := ev.Waves[0].Rate; got.Sent != 7 || got.Answered != 7 || !near(got.Rate, 1) {
				t.Errorf("wave 1 rate = %+v, want 7 of 7", got)
			}
			if got := ev.Waves[1].Rate; got.Sent != 7 || got.Answered != 5 || got.Waiting != 2 || !near(got.Rate, 5.0/7) {
				t.Errorf("wave 2 rate = %+v, want 5 of 7 with 2 waiting", got)
			}
		})

		t.Run("anonymous wave: the whole round only", func(t *testing.T) {
			w := ev.Waves[0]
			if !w.Anonymous || w.All.Hidden || w.All.Respondents != 7 {
				t.Fatalf("wave 1 all = %+v", w.All)
			}
			q := w.All.Questions
			wantLikert := make([]int, 5)
			sum := 0
			for _, v := range likert {
				wantLikert[v-1]++
				sum += v
			}
			if !slices.Equal(q[0].Counts, wantLikert) || !near(q[0].Mean, float64(sum)/7) {
				t.Errorf("Likert = %v mean %v, want %v mean %v", q[0].Counts, q[0].Mean, wantLikert, float64(sum)/7)
			}
			nYes := 0
			for _, v := range yes {
				nYes += v
			}
			if !slices.Equal(q[1].Counts, []int{nYes, 7 - nYes}) || !near(q[1].YesShare, float64(nYes)/7) {
				t.Errorf("yes/no = %v share %v", q[1].Counts, q[1].YesShare)
			}
			wantChoice := make([]int, 3)
			for _, c := range choice {
				wantChoice[c]++
			}
			if !slices.Equal(q[2].Counts, wantChoice) {
				t.Errorf("choice = %v, want %v", q[2].Counts, wantChoice)
			}
			var wantTexts []string
			for _, s := range texts {
				if s != "" {
					wantTexts = append(wantTexts, s)
				}
			}
			sort.Strings(wantTexts)
			var got []string
			for _, a := range q[3].Texts {
				if a.Name != "" {
					t.Errorf("anonymous text %q attributed to %q", a.Text, a.Name)
				}
				got = append(got, a.Text)
			}
			if !slices.Equal(got, wantTexts) {
				t.Errorf("texts = %q, want %q", got, wantTexts)
			}
			if !near(w.All.Overall, float64(sum)/7) {
				t.Errorf("overall = %v", w.All.Overall)
			}
			// HILIR has 2 respondents; HULU has 5, but the whole minus
			// HULU would show HILIR's two, so both are hidden.
			if len(w.ByUnit) != 2 {
				t.Fatalf("by unit = %+v", w.ByUnit)
			}
			for _, g := range w.ByUnit {
				if !g.Hidden || g.Questions != nil {
					t.Errorf("unit %s (%d respondents) shows figures in an anonymous wave: %+v", g.Label, g.Respondents, g)
				}
			}
			if len(w.ByKind) != 1 || w.ByKind[0].Kind != core.Permanent || w.ByKind[0].Hidden || w.ByKind[0].Respondents != 7 {
				t.Errorf("by kind = %+v", w.ByKind)
			}
			for _, g := range w.ByKind {
				for _, q := range g.Questions {
					if len(q.Texts) > 0 {
						t.Error("the breakdown by kind lists anonymous free text")
					}
				}
			}
		})

		t.Run("anonymous wave filtered by unit", func(t *testing.T) {
			res := d.SurveyResults(evaluation.View{WaveID: r.waves[0].ID, UnitID: hulu, Lang: i18n.ID})
			if len(res.Waves) != 1 || !res.Waves[0].All.Hidden || res.Waves[0].All.Respondents != 5 {
				t.Errorf("HULU alone = %+v; want hidden (the rest of the round is 2)", res.Waves[0].All)
			}
			res = d.SurveyResults(evaluation.View{WaveID: r.waves[0].ID, UnitID: r.units["DINKES"].ID, Lang: i18n.ID})
			if res.Waves[0].All.Hidden || res.Waves[0].All.Respondents != 7 {
				t.Errorf("Dinas Kesehatan's tree = %+v; want shown", res.Waves[0].All)
			}
			if res.Waves[0].ByKind != nil {
				t.Error("a unit filter shows the breakdown by kind")
			}
		})

		t.Run("named wave: every unit, texts attributed", func(t *testing.T) {
			w := ev.Waves[1]
			if w.Anonymous || w.All.Respondents != 5 {
				t.Fatalf("wave 2 = %+v", w.All)
			}
			for _, g := range w.ByUnit {
				want := map[int64]int{hulu: 4, hilir: 1}[g.UnitID]
				if g.Hidden || g.Respondents != want {
					t.Errorf("unit %s: hidden %v respondents %d, want shown %d", g.Label, g.Hidden, g.Respondents, want)
				}
			}
			names := map[string]bool{}
			for _, a := range w.All.Questions[3].Texts {
				names[a.Name] = true
			}
			for e := range w2 {
				emp, _ := st.Employee(ctx, e)
				if !names[emp.Name] {
					t.Errorf("%s's comment is not attributed", emp.Name)
				}
			}
		})

		t.Run("non-responders", func(t *testing.T) {
			nr := d.NonResponders(r.waves[1].ID, 0, r.clk.t)
			var got []string
			for _, n := range nr {
				got = append(got, n.Name)
				if n.Status != core.InvitationInvited || !n.CanRemind || !n.Linked || n.InvitedAt == nil {
					t.Errorf("non-responder %+v", n)
				}
			}
			var want []string
			for _, e := range []int64{huluEmp[4], hilirEmp[1]} {
				emp, _ := st.Employee(ctx, e)
				want = append(want, emp.Name)
			}
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("non-responders = %v, want %v", got, want)
			}
			if nr := d.NonResponders(r.waves[1].ID, hilir, r.clk.t); len(nr) != 1 || nr[0].UnitCode != "PKM-HILIR" {
				t.Errorf("HILIR's non-responders = %+v", nr)
			}
			if nr := d.NonResponders(r.waves[0].ID, 0, r.clk.t); len(nr) != 0 {
				t.Errorf("wave 1 non-responders = %+v, want none", nr)
			}
		})

		t.Run("imbalance when announced and after", func(t *testing.T) {
			// Announced: KOTA 14 for 4, HULU 0 for 6, HILIR 0 for 2.
			a := ev.Imbalance.Announced
			if a == nil || a.Label != evaluation.LabelAnnounced {
				t.Fatalf("announced = %+v", a)
			}
			if !near(a.Regency.Required, 12) || a.Regency.Actual != 14 || !near(a.Regency.Under, 8) || !near(a.Regency.Over, 10) ||
				!near(a.Regency.Index, 18.0/12) {
				t.Errorf("announced figures = %+v", a.Regency)
			}
			if a.Scope == nil || !near(a.Scope.Index, 18.0/12) {
				t.Errorf("announced scope = %+v", a.Scope)
			}
			// After: KOTA 7 for 4, HULU 5 for 6, HILIR 2 for 2.
			e := ev.Imbalance.Effective
			if e == nil {
				t.Fatal("no snapshot after the round took effect")
			}
			if e.Regency.Actual != 14 || !near(e.Regency.Under, 1) || !near(e.Regency.Over, 3) || !near(e.Regency.Index, 4.0/12) {
				t.Errorf("effective figures = %+v", e.Regency)
			}
			if !e.TakenAt.Equal(time.Date(2027, 1, 3, 16, 0, 0, 0, time.UTC)) {
				t.Errorf("effective snapshot taken at %v", e.TakenAt)
			}
			if ev.Imbalance.Forecast == nil {
				t.Error("the planner's forecast is missing")
			}
		})

		t.Run("performance before and after", func(t *testing.T) {
			p := ev.Performance
			count := func(pc []evaluation.PredikatCount) map[core.Predikat]int {
				m := map[core.Predikat]int{}
				for _, c := range pc {
					if c.N > 0 {
						m[c.Predikat] = c.N
					}
				}
				return m
			}
			// before: Baik, Baik, Baik (2026-12 beats 2025), Kurang;
			// after: Sangat Baik, Baik, Butuh Perbaikan.
			if !p.Imported || p.Moved != 7 || p.Both != 3 || p.Improved != 1 || p.Same != 1 || p.Declined != 1 {
				t.Errorf("performance = %+v", p)
			}
			if got := count(p.Before); len(got) != 2 || got["Baik"] != 3 || got["Kurang"] != 1 {
				t.Errorf("before = %v", got)
			}
			if got := count(p.After); len(got) != 3 || got["Sangat Baik"] != 1 || got["Baik"] != 1 || got["Butuh Perbaikan"] != 1 {
				t.Errorf("after = %v", got)
			}
		})

		t.Run("objections and how they ended", func(t *testing.T) {
			o := ev.Objections
			if o.Total != 2 || o.Upheld != 1 || o.Rejected != 1 || o.Pending != 0 || len(o.List) != 2 {
				t.Errorf("objections = %+v", o)
			}
			for _, c := range o.ByCategory {
				switch c.Category {
				case "family":
					if c.Total != 1 || c.Upheld != 1 {
						t.Errorf("family = %+v", c)
					}
				case "distance":
					if c.Total != 1 || c.Rejected != 1 {
						t.Errorf("distance = %+v", c)
					}
				default:
					if c.Total != 0 {
						t.Errorf("%s = %+v", c.Category, c)
					}
				}
			}
		})

		t.Run("a unit head sees their tree only", func(t *testing.T) {
			ev := d.Evaluate(hilir, i18n.ID)
			if ev.Transfers.Total != 2 || ev.Objections.Total != 0 {
				t.Errorf("HILIR's evaluation: transfers %+v objections %d", ev.Transfers, ev.Objections.Total)
			}
			if w := ev.Waves[0]; !w.All.Hidden || w.All.Respondents != 2 {
				t.Errorf("HILIR's anonymous wave = %+v; want hidden", w.All)
			}
			if w := ev.Waves[1]; w.All.Hidden || w.All.Respondents != 1 || w.Rate.Sent != 2 {
				t.Errorf("HILIR's named wave = %+v rate %+v", w.All, w.Rate)
			}
		})
	})
}

func TestPerformanceNotImported(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		st := b.Open(t)
		r := runRound(t, st)
		d, err := evaluation.Load(context.Background(), st, r.round.ID)
		if err != nil {
			t.Fatal(err)
		}
		ev := d.Evaluate(0, i18n.ID)
		if ev.Performance.Imported || ev.Performance.Moved != 7 {
			t.Errorf("performance = %+v; want not imported", ev.Performance)
		}
		if len(ev.Waves) != 2 || ev.Waves[0].Rate.Sent != 0 || ev.Waves[0].Rate.Scheduled != 7 {
			t.Errorf("waves before any invitation = %+v", ev.Waves)
		}
	})
}
