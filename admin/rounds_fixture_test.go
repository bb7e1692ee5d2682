package admin

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"

	"github.com/seimbang/seimbang/core"
)

// roundFixture adds to the harness what a round needs: nurses in Puskesmas
// Arjasa (PKM-A, under Dinas Kesehatan) beyond their position's need, two
// short nurse positions in Puskesmas Hulu (PKM-H, also under Dinas
// Kesehatan), and teachers in SD Negeri 1 (DISDIK) beyond their need with
// a short school SD-2. Every new employee may move (TMT 2018); all but the
// last nurse (not linked) have Telegram.
type roundFixture struct {
	surplusNurse, hulu, pustu, surplusTeacher, shortSchool core.Position
	nurses, teachers                                       []core.Employee
	unlinked                                               core.Employee
}

func (h *harness) roundFixture() *roundFixture {
	h.t.Helper()
	t, ctx := h.t, context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	unit := func(code, name, parent string) core.Unit {
		pid := h.units[parent].ID
		u := core.Unit{Code: code, Name: name, Kind: core.UnitHealthCentre, ParentID: &pid}
		must(h.st.CreateUnit(ctx, &u))
		h.units[code] = u
		return u
	}
	pos := func(code, name, family string, unitID int64, required float64) core.Position {
		p := core.Position{Code: code, UnitID: unitID, Name: name, Kind: core.Functional, JobFamily: family}
		must(h.st.CreatePosition(ctx, &p))
		must(h.st.AddWorkloadTask(ctx, &core.WorkloadTask{PositionID: p.ID, Task: "Pelayanan", YearlyVolume: required * 750, StandardMinutes: 100}))
		h.pos[code] = p
		return p
	}
	f := &roundFixture{}
	hulu := unit("PKM-H", "Puskesmas Hulu", "DINKES")
	sd2 := unit("SD-2", "SD Negeri 2 Sumberjambe", "DISDIK")
	f.surplusNurse = pos("P-KOTA", "Perawat Terampil", "perawat", h.units["PKM-A"].ID, 2)
	f.hulu = pos("P-HULU", "Perawat Terampil", "perawat", hulu.ID, 3)
	f.pustu = pos("P-PUSTU", "Perawat Pustu", "perawat", hulu.ID, 2)
	f.surplusTeacher = pos("G-SD1", "Guru Kelas Ahli", "guru-kelas", h.units["SD-1"].ID, 1)
	f.shortSchool = pos("G-SD2", "Guru Kelas Ahli", "guru-kelas", sd2.ID, 2)
	seq := 0
	hire := func(name string, p core.Position, linked bool) core.Employee {
		seq++
		chat := int64(9000 + seq)
		e := core.Employee{NIP: fmt.Sprintf("19860214201101%d%03d", 1+seq%2, seq), Name: name, Golongan: "III/a",
			PositionID: &p.ID, TMTJabatan: core.Date{Year: 2018, Month: 1, Day: 2}, EducationLevel: "S1", Active: true, Phone: "0812345678" + fmt.Sprint(seq%10)}
		if linked {
			e.TelegramUserID = &chat
		}
		must(h.st.CreateEmployee(ctx, &e))
		return e
	}
	for i, n := range []string{"Ani Rahmawati", "Bambang Wijaya", "Citra Lestari", "Dewi Kartika", "Eko Prasetyo", "Fajar Nugroho"} {
		f.nurses = append(f.nurses, hire(n, f.surplusNurse, i < 5))
	}
	f.unlinked = f.nurses[5]
	for _, n := range []string{"Gita Puspita", "Hadi Susanto", "Indah Permata"} {
		f.teachers = append(f.teachers, hire(n, f.surplusTeacher, true))
	}
	return f
}

// transferRows returns the ids of the proposal rows on a round page.
func transferRows(page string) []string {
	var ids []string
	for _, m := range regexp.MustCompile(`<tr id="t-(\d+)"`).FindAllStringSubmatch(page, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// pdfText returns the text of a PDF, one line per text row.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("the PDF does not open: %v", err)
	}
	var all strings.Builder
	for i := 1; i <= r.NumPage(); i++ {
		rows, err := r.Page(i).GetTextByRow()
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		for _, row := range rows {
			for _, w := range row.Content {
				all.WriteString(w.S)
			}
			all.WriteString("\n")
		}
	}
	return all.String()
}
