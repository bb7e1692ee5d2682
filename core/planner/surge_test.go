package planner

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// surgeInstance: unit 4 runs a vaccination drive. Position 1 has two
// nurses to spare, position 2 none (3 people for 2.5), position 3 one and
// is nearest; the midwives of position 5 are another family.
func surgeInstance() *Instance {
	b := newBuilder().unit(1, -7, 110).unit(2, -7.05, 110).unit(3, -7.2, 110).unit(4, -7.22, 110)
	b.position(1, 1, "perawat", core.Functional, 2, "keperawatan")
	b.position(2, 2, "perawat", core.Functional, 2.5, "keperawatan")
	b.position(3, 3, "perawat", core.Functional, 1, "keperawatan")
	b.position(4, 4, "perawat", core.Functional, 2, "keperawatan")
	b.position(5, 3, "bidan", core.Functional, 1, "kebidanan")
	b.staff(1, 4, "keperawatan").staff(2, 3, "keperawatan").staff(3, 2, "keperawatan").staff(4, 2, "keperawatan").staff(5, 3, "kebidanan")
	for i := range b.in.Employees {
		e := &b.in.Employees[i]
		u := b.in.Units[b.in.Positions[e.PositionID-1].UnitID-1]
		e.HasHome, e.HomeLat, e.HomeLng = true, u.Lat, u.Lng
	}
	// Too new in position for a transfer, not for an assignment; ranking
	// unit 4 first outweighs the seniority cost.
	b.in.Employees[0].TMT = GenerateDate.AddDate(0, -1, 0)
	b.in.Employees[0].Preferences = []int64{4}
	b.in.Units[3].Name = "Puskesmas Pantai"
	return b.in
}

func TestSurge(t *testing.T) {
	in, p := surgeInstance(), DefaultParams()
	start := core.Date{Year: 2026, Month: 8, Day: 1}
	type got struct {
		Employee, From int64
		End            core.Date
	}
	summary := func(sp *SurgePlan) (out []got) {
		for _, a := range sp.Assignments {
			out = append(out, got{a.EmployeeID, a.FromPositionID, a.End})
		}
		return out
	}
	end := core.Date{Year: 2026, Month: 8, Day: 14}
	tests := []struct {
		name      string
		count     int
		plan      *Plan
		want      []got
		shortfall int
	}{
		{"nearest first, never below a requirement", 2, nil, []got{{8, 3, end}, {1, 1, end}}, 0},
		{"more than can be spared", 5, nil, []got{{8, 3, end}, {1, 1, end}, {2, 1, end}}, 2},
		{"planned moves count", 5, &Plan{Proposals: []Proposal{{EmployeeID: 3, FromPositionID: 1, ToPositionID: 2}}},
			[]got{{8, 3, end}, {1, 1, end}, {5, 2, end}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp, err := Surge(in, p, SurgeRequest{UnitID: 4, Family: "Perawat", Count: tt.count, Start: start, Days: 14}, tt.plan)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, summary(sp)); diff != "" {
				t.Errorf("assignments (-want +got):\n%s", diff)
			}
			if sp.Shortfall != tt.shortfall {
				t.Errorf("shortfall %d, want %d", sp.Shortfall, tt.shortfall)
			}
		})
	}
	sp, _ := Surge(in, p, SurgeRequest{UnitID: 4, Family: "perawat", Count: 5, Start: start, Days: 14}, nil)
	want := "Pegawai 8 ditugaskan sementara dari Jabatan 3 (Unit 3) ke Puskesmas Pantai selama 14 hari, 1 Agustus 2026 sampai dengan 14 Agustus 2026."
	if got := sp.Assignments[0].Text(i18n.ID); len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("text = %q", got)
	}
	if sp.Text(i18n.ID) == "" {
		t.Error("no shortfall text")
	}
	_, err := Surge(in, p, SurgeRequest{UnitID: 4, Family: "", Count: 0, Days: 0}, nil)
	if diff := cmp.Diff([]string{"planner.surge_count", "planner.surge_days", "planner.surge_start", "planner.surge_family"}, keys(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	_, err = Surge(in, p, SurgeRequest{UnitID: 9, Family: "perawat", Count: 1, Start: start, Days: 1}, nil)
	if diff := cmp.Diff([]string{"planner.surge_unit"}, keys(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestReplace(t *testing.T) {
	in, p := GenerateInstance(4, 4000, 20), DefaultParams()
	plan := mustPropose(t, in, p)
	if len(plan.Proposals) < 5 {
		t.Fatal("too few proposals")
	}
	replaced := 0
	for i, objected := range plan.Proposals[:5] {
		accepted := append(append([]Proposal(nil), plan.Proposals[:i]...), plan.Proposals[i+1:]...)
		r, err := Replace(in, p, accepted, objected)
		if err != nil {
			t.Fatal(err)
		}
		if r.Proposal == nil {
			continue
		}
		replaced++
		got := r.Proposal
		if got.ToPositionID != objected.ToPositionID || got.EmployeeID == objected.EmployeeID {
			t.Errorf("replacement %+v does not fill the slot of %+v", got, objected)
		}
		// Every other accepted proposal stands; the result obeys every rule,
		// the objection included.
		in2 := *in
		in2.Objections = append(append([]Objection(nil), in.Objections...), Objection{EmployeeID: objected.EmployeeID, PositionID: objected.ToPositionID})
		checkRules(t, &in2, p, &Plan{Proposals: append(accepted, *got)})
	}
	if replaced == 0 {
		t.Error("no objection found a replacement")
	}
	// With nobody else to send, the slot stays open.
	small, p2 := whyInstance(), DefaultParams()
	small.Employees[2].TMT = GenerateDate.AddDate(0, -1, 0)
	plan2 := mustPropose(t, small, p2)
	r, err := Replace(small, p2, nil, plan2.Proposals[0])
	if err != nil {
		t.Fatal(err)
	}
	if r.Proposal != nil || r.Candidates != 0 {
		t.Errorf("replacement %+v from %d candidates, want none", r.Proposal, r.Candidates)
	}
}

func TestEquityHelpsTheWorstOff(t *testing.T) {
	in, p := GenerateInstance(1, 12000, 60), DefaultParams()
	x, err := CompareEquity(in, p)
	if err != nil {
		t.Fatal(err)
	}
	pe := p
	pe.Equity = x.Weight
	if err := Verify(in, pe, x.Equity); err != nil {
		t.Fatal(err)
	}
	if x.Plain.Objective.GapAfter != x.Equity.Objective.GapAfter {
		t.Errorf("gap after %d without equity, %d with: gap must come first", x.Plain.Objective.GapAfter, x.Equity.Objective.GapAfter)
	}
	// Judged by the equity objective, the plain plan is no better.
	n := newNet(in, pe)
	if err := n.load(x.Plain.Proposals); err != nil {
		t.Fatal(err)
	}
	if plain := n.objective(); plain.Value < x.Equity.Objective.Value {
		t.Errorf("plain plan %d beats the equity plan %d on the equity objective", plain.Value, x.Equity.Objective.Value)
	}
	a, b := x.Equity.After, x.Plain.After
	t.Logf("ratio min %.3f vs %.3f, Gini %.4f vs %.4f, short share %.3f vs %.3f, soft %d vs %d",
		a.RatioMin, b.RatioMin, a.Gini, b.Gini, a.ShortShare, b.ShortShare, x.Equity.Objective.Soft, x.Plain.Objective.Soft)
	if a.RatioMin < b.RatioMin || a.Gini > b.Gini {
		t.Errorf("equity did not help the worst-off: min ratio %.3f vs %.3f, Gini %.4f vs %.4f", a.RatioMin, b.RatioMin, a.Gini, b.Gini)
	}
	if x.Text(i18n.ID) == "" || x.Text(i18n.EN) == x.Text(i18n.ID) {
		t.Error("texts missing")
	}
}
