package admin

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestBrowserRound drives a round through the panel in chromium: create
// it, run the planner, change one proposal's target after checking it,
// announce, approve with an SK number and download the decree PDF, which
// must name every approved employee with their NIP.
func TestBrowserRound(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	h := newHarness(t, storetest.Backends(t)[0])
	f := h.roundFixture()
	dir := artifactDir(t)
	ctx, problems := newBrowser(t)
	bg := context.Background()
	u := h.ts.URL
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v (screenshots in %s)", name, err, dir)
		}
	}
	read := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	step("log in",
		chromedp.Navigate(u+"/login"),
		chromedp.WaitVisible(`input[name=email]`),
		chromedp.SendKeys(`input[name=email]`, h.users[core.RoleHR].Email),
		chromedp.SendKeys(`input[name=password]`, testPassword),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`#nav-rounds`))
	step("create a round",
		chromedp.Click(`#nav-rounds`),
		chromedp.WaitVisible(`#new-round`),
		chromedp.Click(`#new-round`),
		chromedp.WaitVisible(`#round-form`),
		chromedp.SendKeys(`#f-nama`, "Mutasi Semester I 2027"),
		chromedp.SetValue(`#f-objection_deadline`, "2026-12-10T16:00"),
		chromedp.SetValue(`#f-effective_date`, "2027-01-04"),
		screenshot(dir, "01-round-form"),
		chromedp.Click(`#round-create`),
		chromedp.WaitVisible(`#plan-button`),
		screenshot(dir, "02-round-created"))
	step("run the planner",
		chromedp.Click(`#plan-button`),
		chromedp.WaitVisible(`#review tr[id^="t-"]`),
		waitFor(`document.getElementById("round-status").dataset.status === "planned"`),
		screenshot(dir, "03-review"))
	rs, _ := h.st.Rounds(bg)
	if len(rs) != 1 {
		t.Fatalf("%d rounds", len(rs))
	}
	ts, _ := h.st.Transfers(bg, core.TransferFilter{RoundID: rs[0].ID})
	var nurse core.Transfer
	for _, tr := range ts {
		if tr.FromPositionID == f.surplusNurse.ID {
			nurse = tr
			break
		}
	}
	if nurse.ID == 0 {
		t.Fatalf("no nurse proposal among %d", len(ts))
	}
	other := f.pustu
	if nurse.ToPositionID == f.pustu.ID {
		other = f.hulu
	}
	nid := itoa(nurse.ID)
	step("edit a proposal after checking it",
		chromedp.Click(`#edit-`+nid),
		chromedp.WaitVisible(`#f-jabatan_tujuan`),
		chromedp.SetValue(`#f-jabatan_tujuan`, itoa(f.shortSchool.ID)),
		chromedp.Click(`#check-button`),
		chromedp.WaitVisible(`#refused`),
		screenshot(dir, "04-edit-refused"))
	if r := read(`#refused`); !strings.Contains(r, "rumpun jabatan berbeda") {
		t.Errorf("refusal = %q", r)
	}
	step("edit to an allowed post",
		chromedp.SetValue(`#f-jabatan_tujuan`, itoa(other.ID)),
		chromedp.Click(`#check-button`),
		chromedp.WaitVisible(`#assessment[data-allowed="1"]`),
		screenshot(dir, "05-edit-checked"),
		chromedp.SendKeys(`#f-alasan`, "Lebih dekat dengan rumah"),
		chromedp.Click(`#save-button`),
		chromedp.WaitVisible(`#t-`+nid),
		screenshot(dir, "06-edited"))
	if got, _ := h.st.Transfer(bg, nurse.ID); got.ToPositionID != other.ID {
		t.Errorf("the edit did not move the proposal to %s", other.Code)
	}
	step("announce",
		chromedp.Click(`#announce-button`),
		chromedp.WaitVisible(`#delivery`),
		waitFor(`document.getElementById("round-status").dataset.status === "announced"`),
		screenshot(dir, "07-announced"))
	if n := read(`#delivery-queued`); n == "0" {
		t.Errorf("no notice queued after the announcement")
	}
	step("approve",
		chromedp.SendKeys(`#f-sk_number`, "800/123/BKPSDM/2026"),
		chromedp.Click(`#approve-button`),
		chromedp.WaitVisible(`#decree-pdf`),
		screenshot(dir, "08-approved"))
	// Download the decree the way the link does, inside the session.
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const x = new XMLHttpRequest();
		x.open("GET", document.getElementById("decree-pdf").href, false);
		x.overrideMimeType("text/plain; charset=x-user-defined");
		x.send();
		if (x.status !== 200) return "status " + x.status;
		let s = "";
		for (let i = 0; i < x.responseText.length; i++) s += String.fromCharCode(x.responseText.charCodeAt(i) & 0xff);
		return btoa(s);
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	pdfBytes, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatalf("decree download: %s", b64)
	}
	text := pdfText(t, pdfBytes)
	approved, _ := h.st.Transfers(bg, core.TransferFilter{RoundID: rs[0].ID, Statuses: []core.TransferStatus{core.TransferApproved}})
	if len(approved) != len(ts) {
		t.Errorf("%d approved, want %d", len(approved), len(ts))
	}
	for _, tr := range approved {
		e, _ := h.st.Employee(bg, tr.EmployeeID)
		if !strings.Contains(text, e.Name) || !strings.Contains(text, e.NIP) {
			t.Errorf("decree PDF lacks %s %s", e.Name, e.NIP)
		}
	}
	if !strings.Contains(text, "800/123/BKPSDM/2026") {
		t.Error("decree PDF lacks the SK number")
	}
	for _, p := range problems() {
		t.Errorf("page problem: %s", p)
	}
	t.Logf("screenshots in %s", dir)
}
