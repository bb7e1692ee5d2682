package admin

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestAnnouncementInTheBrowser has HR compose an announcement to Dinas
// Kesehatan in chromium, check the audience, send it, and watch the
// progress page (htmx polling) reach its final counts once the real
// sender has delivered through the fake Bot API; the employee got the text
// as written.
func TestAnnouncementInTheBrowser(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	h := newHarness(t, storetest.Backends(t)[0])
	siti, _ := audienceFixture(t, h)
	fake := startSender(t, h)
	dir := artifactDir(t)
	ctx, problems := newBrowser(t)
	hr := h.users[core.RoleHR]
	text := "Mohon perbarui data <golongan> & pendidikan Anda sebelum 30 November."
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
		chromedp.Navigate(h.ts.URL+"/login"),
		chromedp.WaitVisible(`input[name=email]`),
		chromedp.SendKeys(`input[name=email]`, hr.Email),
		chromedp.SendKeys(`input[name=password]`, testPassword),
		chromedp.Submit(`input[name=password]`),
		// The login page has a main h1 too: wait for the menu only a
		// logged-in user has, or the next navigation aborts the login's.
		chromedp.WaitVisible(`#nav-rounds`))
	step("compose and check the audience",
		chromedp.Click(`//nav//a[@href="/announcements"]`),
		chromedp.WaitVisible(`#ann-compose`),
		chromedp.Click(`#ann-preview`),
		chromedp.WaitVisible(`#e-text`),
		screenshot(dir, "01-announcement-empty"),
		chromedp.SetValue(`#f-unit`, "DINKES"),
		chromedp.SendKeys(`#f-text`, text),
		chromedp.Click(`#ann-preview`),
		chromedp.WaitVisible(`#ann-confirm`),
		screenshot(dir, "02-announcement-audience"))
	if got := read(`#ann-audience`); !strings.Contains(got, "kepada 1 pegawai") || !strings.Contains(got, "1 pegawai belum menautkan Telegram dan 1 pegawai memblokir bot") {
		t.Errorf("audience = %q", got)
	}
	step("send and watch the progress",
		chromedp.Click(`#ann-send`),
		chromedp.WaitVisible(`#ann-progress`),
		waitFor(`document.getElementById("ann-delivered").textContent.trim() === "1" && !document.getElementById("ann-progress").hasAttribute("hx-trigger")`),
		screenshot(dir, "03-announcement-done"))
	if d, u, f := read(`#ann-delivered`), read(`#ann-unreachable`), read(`#ann-failed`); d != "1" || u != "2" || f != "0" {
		t.Errorf("final counts delivered %s, unreachable %s, failed %s; want 1, 2, 0", d, u, f)
	}
	if body := read(`#ann-body`); body != text {
		t.Errorf("the page shows %q, want the text as written", body)
	}
	sent := fake.Sent(siti)
	if len(sent) != 1 || !strings.Contains(sent[0].Text, text) {
		t.Errorf("Siti received %+v", sent)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}
