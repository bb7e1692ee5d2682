package admin

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/demo"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// chromiumPath returns Debian's chromium, skipping the test when it is
// missing (failing under CI=true).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; under CI=true the browser tests must run")
	}
	t.Skip("chromium not installed")
	return ""
}

// artifactDir is where screenshots go: $SEIMBANG_ARTIFACTS/<test> when
// set, else a temporary directory.
func artifactDir(t *testing.T) string {
	t.Helper()
	base := os.Getenv("SEIMBANG_ARTIFACTS")
	if base == "" {
		return t.TempDir()
	}
	dir := filepath.Join(base, strings.ReplaceAll(t.Name(), "/", "_"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// newBrowser starts a headless chromium with a fresh profile and returns
// a context driving one tab for up to two minutes, and the page errors
// seen so far (exceptions, console errors and Content-Security-Policy
// violations).
func newBrowser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	return newBrowserFor(t, 2*time.Minute)
}

// newBrowserFor is newBrowser with the tab's time limit.
func newBrowserFor(t *testing.T, limit time.Duration) (context.Context, func() []string) {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)), chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, limit)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	var mu sync.Mutex
	var problems []string
	lctx, stopListening := context.WithCancel(ctx)
	messages := chromedp.Console(lctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			// A refused form answers 422 on purpose; the browser logs it.
			if m.IsException() || (m.Type == "error" && !strings.Contains(m.Text, "status of 422")) {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	t.Cleanup(func() { stopListening(); <-done; cancelTime(); cancelTab(); cancelAlloc() })
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), problems...)
	}
}

// waitFor waits until the JavaScript expression is true.
func waitFor(expr string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond))(ctx, tg)
		return chromedp.Void{}, err
	}
}

// screenshot saves the whole page as dir/name.png (PNG at quality 100).
func screenshot(dir, name string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		buf, err := chromedp.FullScreenshot(100)(ctx, tg)
		if err != nil {
			return chromedp.Void{}, err
		}
		return chromedp.Void{}, os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644)
	}
}

// TestBrowser drives the panel in chromium over the demo regency: log in,
// see the dashboard chart, find an employee, create a link code, import a
// file with a bad row and then the fixed one, and visit the main pages,
// keeping a screenshot of each.
func TestBrowser(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	h := newHarness(t, storetest.Backends(t)[0])
	if !raceEnabled { // the demo makes better screenshots but loads slowly under -race
		if _, err := demo.Load(context.Background(), h.st, demo.Generate(1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.st.RecordImbalance(context.Background(), "2026-10-23", `{"index":0.2,"under":150,"over":200}`, h.clock.now); err != nil {
		t.Fatal(err)
	}
	dir := artifactDir(t)
	ctx, problems := newBrowser(t)
	u := h.ts.URL
	hr := h.users[core.RoleHR]
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
		screenshot(dir, "01-login"),
		chromedp.SendKeys(`input[name=email]`, hr.Email),
		chromedp.SendKeys(`input[name=password]`, testPassword),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`canvas#workload-chart[data-ready="1"]`),
		chromedp.WaitVisible(`canvas#history-chart[data-ready="1"]`),
		screenshot(dir, "02-dashboard"))
	heading := read(`main h1`)
	chartDrawn, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`Chart.getChart(document.getElementById("workload-chart")) !== undefined`))
	if err != nil {
		t.Fatal(err)
	}
	step("find an employee",
		chromedp.Navigate(u+"/employees"),
		chromedp.WaitVisible(`input[name=q]`),
		chromedp.SendKeys(`input[name=q]`, "Siti Aminah"),
		waitFor(`location.search.includes("Aminah") && document.getElementById("total").textContent.trim().startsWith("1 ")`),
		chromedp.WaitVisible(`//td/a[contains(., "Siti Aminah")]`),
		screenshot(dir, "03-employees-search"))
	total := read(`#total`)
	step("create a link code",
		chromedp.Click(`//td/a[contains(., "Siti Aminah")]`),
		chromedp.WaitVisible(`#create-link-code`),
		chromedp.Click(`#create-link-code`),
		chromedp.WaitVisible(`#link-code-value`),
		chromedp.WaitVisible(`img.qr`),
		screenshot(dir, "04-employee-link-code"))
	code, link := read(`#link-code-value`), read(`#link-code-link`)
	if w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelector("img.qr").naturalWidth`)); err != nil || w < 21 {
		t.Errorf("QR code image width %d, %v: not drawn", w, err)
	}
	bad, good := filepath.Join(t.TempDir(), "pegawai-salah.csv"), filepath.Join(t.TempDir(), "pegawai.csv")
	os.WriteFile(bad, []byte(badEmployees), 0o644)
	os.WriteFile(good, []byte(goodEmployees), 0o644)
	step("import a file with a bad row",
		chromedp.Navigate(u+"/import"),
		chromedp.WaitVisible(`#import-form`),
		chromedp.SetValue(`select[name=jenis]`, "employees"),
		chromedp.SetUploadFiles(`input[name=file]`, []string{bad}),
		chromedp.Click(`#import-check`),
		chromedp.WaitVisible(`#import-problems`),
		screenshot(dir, "05-import-bad-row"))
	if p := read(`#import-problems`); !strings.Contains(p, "Baris 3") {
		t.Errorf("import problems = %q, want row 3 named", p)
	}
	step("import the fixed file",
		chromedp.SetUploadFiles(`input[name=file]`, []string{good}),
		chromedp.Click(`#import-check`),
		chromedp.WaitVisible(`#import-apply`),
		screenshot(dir, "06-import-preview"),
		chromedp.Click(`#import-apply`),
		chromedp.WaitVisible(`#import-done`),
		screenshot(dir, "07-import-done"))
	if e, err := h.st.EmployeeByNIP(context.Background(), "198807072012121002"); err != nil || e.Name != "Agus Salim" {
		t.Errorf("imported employee: %+v, %v", e, err)
	}
	step("visit the main pages",
		chromedp.Navigate(u+"/units"), chromedp.WaitVisible(`main table`), screenshot(dir, "08-units"),
		chromedp.Navigate(u+"/positions"), chromedp.WaitVisible(`main table`), screenshot(dir, "09-positions"),
		chromedp.Navigate(u+"/workload"), chromedp.WaitVisible(`main table`), screenshot(dir, "10-workload"),
		chromedp.Navigate(u+"/lang/en?next=/employees"), chromedp.WaitVisible(`input[name=q]`), screenshot(dir, "11-employees-en"))
	step("tablet",
		chromedp.EmulateViewport(820, 1180, chromedp.EmulateTouch),
		chromedp.Navigate(u+"/"), chromedp.WaitVisible(`canvas#workload-chart[data-ready="1"]`), screenshot(dir, "12-tablet-dashboard"),
		chromedp.Navigate(u+"/employees"), chromedp.WaitVisible(`input[name=q]`), screenshot(dir, "13-tablet-employees"))
	if wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)); err != nil || wide {
		t.Errorf("the employee list scrolls sideways on a tablet (%v)", err)
	}
	if heading != "Dasbor" {
		t.Errorf("dashboard heading = %q", heading)
	}
	if !chartDrawn {
		t.Error("the dashboard chart was not drawn")
	}
	if !strings.HasPrefix(total, "1 ") {
		t.Errorf("search total = %q, want one match", total)
	}
	if len(code) < 10 || !strings.HasSuffix(link, "?start="+code) || !strings.HasPrefix(link, "https://t.me/SeimbangUjiBot") {
		t.Errorf("link code %q, link %q", code, link)
	}
	if _, err := h.st.UseLinkCode(context.Background(), core.HashSecret(code), h.clock.now); err != nil {
		t.Errorf("the shown code is not usable: %v", err)
	}
	for _, p := range problems() {
		t.Errorf("page problem: %s", p)
	}
	t.Logf("screenshots in %s", dir)
}
