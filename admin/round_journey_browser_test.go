package admin

import (
	"context"
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestRoundJourneyInBrowser runs a whole round in chromium, with the
// employees on a real bot through the fake Bot API: HR creates the round,
// plans, edits a proposal, announces; every proposed employee gets the
// notice; one nurse objects in Telegram with a photo; HR opens the photo,
// upholds the objection with a written answer the nurse receives, asks
// for a replacement, accepts it and announces it (the replacement gets a
// notice), approves the round and exports the decree PDF, which names
// everyone in it and not the nurse who objected; each approved employee
// gets the decree message.
func TestRoundJourneyInBrowser(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	chromiumPath(t)
	j := newJourney(t, storetest.Backends(t)[0])
	h, f := j.h, j.f
	bg := context.Background()
	dir := artifactDir(t)
	// A whole round with the bot in the loop takes a while on a loaded
	// machine (and under -race).
	ctx, problems := newBrowserFor(t, 6*time.Minute)
	start := time.Now()
	u := h.ts.URL
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v (screenshots in %s)", name, err, dir)
		}
		t.Logf("%s: done at %s", name, time.Since(start).Round(time.Millisecond))
	}
	read := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	// flashed waits for the page a redirect lands on, with its flash (the
	// poll starts again when the navigation cuts it off); a refusal shown
	// instead fails with its message.
	flashed := func(key string) chromedp.Action[chromedp.Void] {
		poll := waitFor(`document.readyState === "complete" && (location.search.includes("flash=` + key + `") ||
			document.querySelector("main [role=alert]") !== null)`)
		return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			var err error
			for range 100 {
				if _, err = poll(ctx, tg); err == nil || ctx.Err() != nil {
					break
				}
				time.Sleep(50 * time.Millisecond) // the next document is loading
			}
			if err != nil {
				return chromedp.Void{}, err
			}
			msg, err := chromedp.Evaluate[string](`location.search.includes("flash=`+key+`") ? "" :
				location.pathname + ": " + document.querySelector("main [role=alert]").textContent`)(ctx, tg)
			if err == nil && msg != "" {
				err = errors.New("refused: " + msg)
			}
			return chromedp.Void{}, err
		}
	}

	step("log in and create a round",
		chromedp.Navigate(u+"/login"),
		chromedp.WaitVisible(`input[name=email]`),
		chromedp.SendKeys(`input[name=email]`, h.users[core.RoleHR].Email),
		chromedp.SendKeys(`input[name=password]`, testPassword),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`#nav-rounds`),
		chromedp.Navigate(u+"/rounds/new"),
		chromedp.WaitVisible(`#round-form`),
		chromedp.SendKeys(`#f-nama`, "Mutasi Perawat dan Guru 2027"),
		chromedp.SetValue(`#f-objection_deadline`, deadlineField(48)),
		chromedp.SetValue(`#f-effective_date`, "2027-01-04"),
		screenshot(dir, "01-round-new"),
		chromedp.Click(`#round-create`),
		chromedp.WaitVisible(`#plan-button`))
	rounds := get(h.st.Rounds(bg))
	if len(rounds) != 1 {
		t.Fatalf("rounds = %+v", rounds)
	}
	r := rounds[0]
	rid := itoa(r.ID)

	step("plan",
		chromedp.Click(`#plan-button`),
		chromedp.WaitVisible(`#review tr[id^="t-"]`),
		screenshot(dir, "02-round-planned"))
	proposals := get(h.st.Transfers(bg, core.TransferFilter{RoundID: r.ID}))
	// HR moves one nurse bound for Puskesmas Hulu's ward to its pustu;
	// another nurse will object.
	var edited, objected core.Transfer
	for _, tr := range proposals {
		switch {
		case tr.ToPositionID == f.hulu.ID && edited.ID == 0:
			edited = tr
		case tr.FromPositionID == f.surplusNurse.ID && objected.ID == 0 && j.employee(tr.EmployeeID).TelegramUserID != nil:
			objected = tr
		}
	}
	if edited.ID == 0 || objected.ID == 0 || len(proposals) < 3 {
		t.Fatalf("proposals %+v: want nurses for Puskesmas Hulu (linked ones) and teachers", proposals)
	}
	eid := itoa(edited.ID)
	step("edit a proposal",
		chromedp.Click(`#edit-`+eid),
		chromedp.WaitVisible(`#f-jabatan_tujuan`),
		chromedp.SetValue(`#f-jabatan_tujuan`, itoa(f.pustu.ID)),
		chromedp.Click(`#check-button`),
		chromedp.WaitVisible(`#assessment[data-allowed="1"]`),
		chromedp.SendKeys(`#f-alasan`, "Pustu Puskesmas Hulu belum memiliki perawat"),
		screenshot(dir, "03-edit-checked"),
		chromedp.Click(`#save-button`),
		chromedp.WaitVisible(`#t-`+eid))
	if got, _ := h.st.Transfer(bg, edited.ID); got.ToPositionID != f.pustu.ID {
		t.Fatalf("the edit did not move the proposal to the pustu: %+v", got)
	}
	objected = get(h.st.Transfer(bg, objected.ID))
	slot := get(h.st.Position(bg, objected.ToPositionID))

	step("announce",
		chromedp.Click(`#announce-button`),
		flashed("admin.rounds.flash.announced"),
		chromedp.WaitVisible(`#round-status[data-status="announced"]`),
		screenshot(dir, "04-announced"))
	announced := get(h.st.Transfers(bg, core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{core.TransferAnnounced}}))
	objector := j.employee(objected.EmployeeID)
	notice := j.received(objector, "Pemberitahuan mutasi:", slot.Name, "Puskesmas Hulu", "4 Januari 2027", "Batas pengajuan keberatan")
	for _, tr := range announced {
		if e := j.employee(tr.EmployeeID); e.TelegramUserID != nil {
			j.received(e, "Pemberitahuan mutasi:")
		}
	}
	if e := j.employee(edited.EmployeeID); e.TelegramUserID != nil {
		j.received(e, "Pemberitahuan mutasi:", "Perawat Pustu")
	}

	reason := "Suami saya bertugas di kota dan anak kami masih balita."
	receipt := j.object(objector, notice, "Keluarga", reason, testPNG(t))
	obs := get(h.st.Objections(bg, core.ObjectionFilter{TransferID: objected.ID}))
	if len(obs) != 1 || !strings.Contains(receipt.Text, obs[0].Receipt) {
		t.Fatalf("objections %+v, receipt %q", obs, receipt.Text)
	}
	o := obs[0]
	oid := itoa(o.ID)

	step("the inbox",
		chromedp.Navigate(u+"/objections"),
		chromedp.WaitVisible(`tr[data-objection="`+oid+`"]`),
		screenshot(dir, "05-inbox"))
	row := read(`tr[data-objection="` + oid + `"]`)
	for _, want := range []string{o.Receipt, objector.Name, objector.NIP, "Keluarga", reason, "Puskesmas Arjasa", slot.Name} {
		if !strings.Contains(row, want) {
			t.Errorf("inbox row lacks %q: %s", want, row)
		}
	}
	if un := read(`#unacknowledged`); !strings.HasPrefix(un, itoa(int64(len(announced)-1))+" mutasi") {
		t.Errorf("unacknowledged count: %q, want %d", un, len(announced)-1)
	}
	step("open the objection and its photo",
		chromedp.Click(`tr[data-objection="`+oid+`"] a[href="/objections/`+oid+`"]`),
		chromedp.WaitVisible(`#decision-form`),
		screenshot(dir, "06-objection"))
	photoType, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch("/objections/`+oid+`/files/1").then(r => r.ok ? r.headers.get("Content-Type") + " " + r.headers.get("Content-Length") : "HTTP " + r.status)`, chromedp.EvalAwaitPromise))
	if err != nil || !strings.HasPrefix(photoType, "image/png") {
		t.Errorf("the photo opened from the panel: %q, %v", photoType, err)
	}

	answer := "Keberatan Anda kami kabulkan karena pertimbangan keluarga; Anda tetap di Puskesmas Arjasa."
	step("refuse a decision without an answer, then uphold",
		chromedp.Click(`input[name=decision][value=upheld]`),
		chromedp.Click(`#decide`),
		chromedp.WaitVisible(`#e-answer`),
		screenshot(dir, "07-decision-refused"),
		chromedp.Click(`input[name=decision][value=upheld]`),
		chromedp.SendKeys(`#f-answer`, answer),
		chromedp.Click(`#decide`),
		flashed("admin.objections.flash_upheld"),
		chromedp.WaitVisible(`#ask-replacement`),
		screenshot(dir, "08-upheld"))
	j.received(objector, "dikabulkan", o.Receipt, "pertimbangan keluarga")

	step("ask for a replacement and accept it",
		chromedp.Click(`#ask-replacement`),
		flashed("admin.objections.flash_replacement"),
		chromedp.WaitVisible(`#replacement-card`),
		screenshot(dir, "09-replacement"),
		chromedp.Click(`#replacement-accept`),
		flashed("admin.objections.flash_accepted"),
		chromedp.WaitVisible(`#replacement-status`))
	reps := get(h.st.Replacements(bg, o.ID))
	if len(reps) != 1 || reps[0].Status != core.ReplacementAccepted {
		t.Fatalf("replacements %+v", reps)
	}
	repl := get(h.st.Transfer(bg, reps[0].TransferID))
	substitute := j.employee(repl.EmployeeID)
	if repl.ToPositionID != slot.ID || substitute.ID == objector.ID {
		t.Errorf("the replacement %+v does not fill %s", repl, slot.Name)
	}
	if !strings.Contains(read(`#replacement-card`), substitute.NIP) {
		t.Error("the replacement card does not name the substitute")
	}

	step("announce the replacement",
		chromedp.Navigate(u+"/rounds/"+rid),
		chromedp.WaitVisible(`#announce-button`),
		chromedp.Click(`#announce-button`),
		flashed("admin.rounds.flash.announced"))
	if substitute.TelegramUserID != nil {
		j.received(substitute, "Pemberitahuan mutasi:", slot.Name)
	} else if !strings.Contains(h.as(core.RoleHR, "GET", "/rounds/"+rid+"/unreachable", nil).Body.String(), substitute.NIP) {
		t.Errorf("the substitute %s has no Telegram and is not on the unreachable list", substitute.Name)
	}

	step("approve",
		chromedp.WaitVisible(`#approve-form`),
		chromedp.SendKeys(`#f-sk_number`, "800/45/BKPSDM/2026"),
		chromedp.SetValue(`#f-effective_date`, "2027-01-04"),
		chromedp.Click(`#approve-button`),
		flashed("admin.rounds.flash.approved"),
		chromedp.WaitVisible(`#decree-pdf`),
		screenshot(dir, "10-approved"))
	approved := get(h.st.Transfers(bg, core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{core.TransferApproved}}))
	if !slices.ContainsFunc(approved, func(tr core.Transfer) bool { return tr.ID == repl.ID }) || len(approved) != len(announced) {
		t.Errorf("approved %d (replacement in: %v), want %d", len(approved), slices.ContainsFunc(approved, func(tr core.Transfer) bool { return tr.ID == repl.ID }), len(announced))
	}
	for _, tr := range approved {
		if e := j.employee(tr.EmployeeID); e.TelegramUserID != nil {
			j.received(e, "Surat Keputusan mutasi telah ditetapkan", "800/45/BKPSDM/2026")
		}
	}
	if n := j.count(objector, "Surat Keputusan mutasi"); n != 0 {
		t.Errorf("the nurse whose objection was upheld got %d decree messages", n)
	}

	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.getElementById("decree-pdf").href).then(r => r.arrayBuffer()).then(b => {
		let s = ""; new Uint8Array(b).forEach(c => s += String.fromCharCode(c)); return btoa(s) })`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("download the decree: %v", err)
	}
	pdfBytes, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdfBytes)
	for _, tr := range approved {
		e := j.employee(tr.EmployeeID)
		if !strings.Contains(text, e.Name) || !strings.Contains(text, e.NIP) {
			t.Errorf("the decree PDF lacks %s (NIP %s)", e.Name, e.NIP)
		}
	}
	if strings.Contains(text, objector.NIP) {
		t.Error("the decree PDF names the nurse whose objection was upheld")
	}
	if !strings.Contains(text, "800/45/BKPSDM/2026") || !strings.Contains(text, "4 Januari 2027") {
		t.Error("the decree PDF lacks the SK number or the TMT")
	}
	for _, p := range problems() {
		t.Errorf("page problem: %s", p)
	}
	t.Logf("screenshots in %s", dir)
}
