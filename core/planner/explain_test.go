package planner

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/i18n"
)

// whyInstance: position 1 has two people too many, position 2 lacks one,
// position 3 is balanced. Employee 1 is too new to move; employee 2 lives
// next to unit 2; employee 3 stays.
func whyInstance() *Instance {
	b := newBuilder().unit(1, -7, 110).unit(2, -7.1, 110).unit(3, -7.2, 110)
	b.position(1, 1, "perawat", core.Functional, 1, "keperawatan")
	b.position(2, 2, "perawat", core.Functional, 2, "keperawatan")
	b.position(3, 3, "perawat", core.Functional, 1, "keperawatan")
	b.position(4, 3, "bidan", core.Functional, 3, "kebidanan")
	b.staff(1, 3, "keperawatan").staff(2, 1, "keperawatan").staff(3, 1, "keperawatan").staff(4, 1, "kebidanan")
	b.in.Employees[0].TMT = GenerateDate.AddDate(0, -3, 0)
	b.in.Employees[1].HasHome, b.in.Employees[1].HomeLat, b.in.Employees[1].HomeLng = true, -7.1, 110
	b.in.Employees[2].Preferences = []int64{3}
	b.in.Units[0].Name, b.in.Units[1].Name, b.in.Units[2].Name = "Puskesmas Kota", "Puskesmas Bukit", "Puskesmas Pantai"
	return b.in
}

func TestWhyNot(t *testing.T) {
	in, p := whyInstance(), DefaultParams()
	plan := mustPropose(t, in, p)
	if len(plan.Proposals) != 1 || plan.Proposals[0].EmployeeID != 2 || plan.Proposals[0].ToPositionID != 2 {
		t.Fatalf("proposals %+v, want employee 2 to position 2", plan.Proposals)
	}
	n := newNet(in, p)
	moveTo3 := n.wSoft * n.soft(n.empIdx[3], n.posIdx[3])
	swap := n.wSoft * (n.soft(n.empIdx[3], n.posIdx[2]) - n.soft(n.empIdx[2], n.posIdx[2]))
	if swap <= 0 || swap >= moveTo3 {
		t.Fatalf("instance does not separate the cases: swap %d, move %d", swap, moveTo3)
	}
	tests := []struct {
		name     string
		employee int64
		unit     int64
		want     Refusal
		text     string
	}{
		{"a rule about the employee", 1, 2, Refusal{Rules: []Rule{RuleMinTime}, Held: true},
			"Pegawai 1 tidak dapat dipindahkan dalam periode ini karena masa dalam jabatan sekarang kurang dari 2 tahun (atau TMT jabatan belum tercatat)."},
		{"a rule about the target", 3, 0, Refusal{PositionID: 2, Extra: swap}, ""},
		{"a rule about the pair", 6, 1, Refusal{PositionID: 1, Rules: []Rule{RuleJobFamily, RuleEducationField}},
			"Pegawai 6 tidak dapat dipindahkan ke Jabatan 1 (Puskesmas Kota) karena rumpun jabatan berbeda (jabatan fungsional hanya menerima rumpunnya sendiri) dan jurusan pendidikan tidak diterima jabatan tujuan."},
		{"the need is lower than the cost", 3, 3, Refusal{PositionID: 3, Extra: moveTo3},
			"Pegawai 3 tidak dipindahkan ke Jabatan 3 (Puskesmas Pantai): kebutuhan di sana lebih rendah daripada biaya pemindahannya, selisih 5 poin (biaya pemindahan 5 poin; setelah rencana jabatan itu terisi 1 dari kebutuhan 1,00)."},
		{"a filled position: taking employee 2's place", 3, 2, Refusal{PositionID: 2, Extra: swap}, ""},
		{"anywhere: the cheapest is the swap", 3, 0, Refusal{PositionID: 2, Extra: swap}, ""},
		{"already there", 2, 2, Refusal{Here: true, MovedTo: 2}, "Dalam rencana ini Pegawai 2 dipindahkan ke Jabatan 2 (Puskesmas Bukit). Pegawai 2 sudah berada di Puskesmas Bukit."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := WhyNot(in, p, plan, tt.employee, tt.unit)
			if err != nil {
				t.Fatal(err)
			}
			got := Refusal{PositionID: r.PositionID, Rules: r.Rules, Held: r.Held, Extra: r.Extra, Here: r.Here, MovedTo: r.MovedTo}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("refusal (-want +got):\n%s", diff)
			}
			if tt.text != "" {
				if diff := cmp.Diff(tt.text, r.Text(i18n.ID)); diff != "" {
					t.Errorf("text (-want +got):\n%s", diff)
				}
			}
			if r.Text(i18n.EN) == r.Text(i18n.ID) {
				t.Errorf("English text equals Indonesian: %q", r.Text(i18n.EN))
			}
		})
	}
	if _, err := WhyNot(in, p, plan, 99, 0); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("unknown employee: %v, want ErrNotFound", err)
	}
	if _, err := WhyNot(in, p, &Plan{}, 3, 0); !errors.Is(err, ErrCertificate) {
		t.Errorf("no certificate: %v, want ErrCertificate", err)
	}
}

func TestWhyNotOnAGeneratedRegency(t *testing.T) {
	in, p := GenerateInstance(9, 4000, 20), DefaultParams()
	plan := mustPropose(t, in, p)
	moved := map[int64]bool{}
	for _, pr := range plan.Proposals {
		moved[pr.EmployeeID] = true
	}
	asked := 0
	for _, e := range in.Employees {
		if asked == 30 || len(e.Preferences) == 0 || moved[e.ID] {
			continue
		}
		asked++
		r, err := WhyNot(in, p, plan, e.ID, e.Preferences[0])
		if err != nil {
			t.Fatal(err)
		}
		if !r.Here && r.PositionID != 0 && len(r.Rules) == 0 && !r.Blocked && r.Extra < 0 {
			t.Errorf("employee %d: negative extra %d: the plan would not be optimal", e.ID, r.Extra)
		}
		if r.Text(i18n.ID) == "" {
			t.Errorf("employee %d: empty text", e.ID)
		}
	}
}

func TestExplanationText(t *testing.T) {
	b := newBuilder().unit(1, -7, 110).unit(2, -7.1, 110)
	b.position(1, 1, "perawat", core.Functional, 1.2, "keperawatan", "ners")
	b.position(2, 2, "perawat", core.Functional, 3.6, "keperawatan", "ners")
	b.in.Positions[1].Competencies = []string{"BLS", "Asuhan Keperawatan"}
	b.staff(1, 3, "keperawatan").staff(2, 2, "keperawatan")
	e := &b.in.Employees[0]
	e.Preferences, e.Competencies, e.HasHome, e.HomeLat, e.HomeLng = []int64{2}, []string{"bls"}, true, -7.09, 110
	b.in.Units[0].Name, b.in.Units[1].Name = "Puskesmas Kota", "Puskesmas Bukit"
	b.in.Positions[0].Name, b.in.Positions[1].Name = "Perawat", "Perawat"
	plan := mustPropose(t, b.in, DefaultParams())
	if len(plan.Proposals) != 1 {
		t.Fatalf("proposals %+v", plan.Proposals)
	}
	x := plan.Proposals[0].Explanation
	wantID := "Pegawai 1 dipindahkan dari Perawat (Puskesmas Kota) ke Perawat (Puskesmas Bukit). " +
		"Jabatan asal kelebihan 1,80 orang: kebutuhan 1,20, terisi 3 (EJ 0,40, kelas E); setelah rencana terisi 2. " +
		"Jabatan tujuan kekurangan 1,60 orang: kebutuhan 3,60, terisi 2 (EJ 1,80, kelas A); setelah rencana terisi 3. " +
		"Pendidikan S1 keperawatan memenuhi syarat (minimal D3; jurusan: keperawatan, ners). " +
		"Kompetensi yang disyaratkan: 1 dari 2 dimiliki (belum: Asuhan Keperawatan). " +
		"Unit tujuan adalah pilihan ke-1. Jarak dari rumah ke unit tujuan sekitar 1,1 km. " +
		"Setelah rencana ini, satu orang lagi di jabatan tujuan masih akan menutup 0,20 orang kesenjangan. " +
		"Biaya pemindahan 4 poin (pemindahan 1, preferensi 0, jarak 0, kompetensi 1, kinerja 1, masa jabatan 1)."
	if diff := cmp.Diff(wantID, x.Text(i18n.ID)); diff != "" {
		t.Errorf("Indonesian (-want +got):\n%s", diff)
	}
	wantEN := "Pegawai 1 is moved from Perawat (Puskesmas Kota) to Perawat (Puskesmas Bukit). " +
		"The source position has 1.80 people too many: needs 1.20, has 3 (EJ 0.40, band E); after the plan it has 2."
	if got := x.Text(i18n.EN); !strings.HasPrefix(got, wantEN) {
		t.Errorf("English = %q, want it to start with %q", got, wantEN)
	}
}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

func TestTextCataloguesInStep(t *testing.T) {
	id, en := texts[i18n.ID], texts[i18n.EN]
	for k, v := range id {
		w, ok := en[k]
		if !ok {
			t.Errorf("key %q missing in English", k)
			continue
		}
		a, b := verb.FindAllString(v, -1), verb.FindAllString(w, -1)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("key %q: verbs differ: %v, %v", k, a, b)
		}
	}
	for k := range en {
		if _, ok := id[k]; !ok {
			t.Errorf("key %q missing in Indonesian", k)
		}
	}
	for _, r := range ruleOrder {
		if _, ok := id["rule."+string(r)]; !ok {
			t.Errorf("rule %q has no text", r)
		}
	}
}

// TestEveryTextKeyExists finds every key the package passes to text and
// checks that the catalogues hold it.
func TestEveryTextKeyExists(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	call := regexp.MustCompile(`text\(lang, "([a-z_.]+)"`)
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(b), -1) {
			if strings.HasSuffix(m[1], ".") {
				continue // a prefix such as "rule.", checked by TestTextCataloguesInStep
			}
			found++
			if _, ok := texts[i18n.ID][m[1]]; !ok {
				t.Errorf("%s: key %q is not in the catalogue", f, m[1])
			}
		}
	}
	if found < 30 {
		t.Errorf("only %d keys found: the pattern no longer matches the code", found)
	}
}

func TestWhyNotBlocked(t *testing.T) {
	b := newBuilder().unit(1, -7, 110).unit(2, -7.1, 110)
	b.position(1, 1, "perawat", core.Functional, 1, "keperawatan")
	b.position(2, 2, "perawat", core.Functional, 3, "keperawatan")
	b.staff(1, 1, "keperawatan").staff(2, 1, "keperawatan")
	in, p := b.in, DefaultParams()
	plan := mustPropose(t, in, p)
	swap, err := WhyNot(in, p, plan, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if swap.Blocked || swap.Extra != 14 {
		t.Errorf("refusal %+v, want the cost of a swap, 14 points", swap)
	}
	in.Employees[1].TMT = GenerateDate.AddDate(0, -2, 0) // now nobody can take the place
	plan = mustPropose(t, in, p)
	r, err := WhyNot(in, p, plan, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Blocked || r.PositionID != 2 {
		t.Errorf("refusal %+v, want blocked at position 2", r)
	}
	want := "Pegawai 1 tidak dapat dipindahkan ke Jabatan 2 (Unit 2): jabatan asalnya akan kekurangan pegawai dan tidak ada yang dapat menggantikannya."
	if got := r.Text(i18n.ID); got != want {
		t.Errorf("text = %q", got)
	}
}
