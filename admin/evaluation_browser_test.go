package admin

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestBrowserSurveyResultsAndEvaluation opens the survey results and the
// round evaluation in chromium and checks that every chart is drawn by
// Chart.js, that the anonymous wave's units say "too few to show", and
// that the pages raise no script error or CSP violation.
func TestBrowserSurveyResultsAndEvaluation(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	h := newHarness(t, storetest.Backends(t)[0])
	sr := seedSurveyRound(t, h)
	dir := artifactDir(t)
	ctx, problems := newBrowser(t)
	u := h.ts.URL
	rid := itoa(sr.round.ID)
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v (screenshots in %s)", name, err, dir)
		}
	}
	eval := func(expr string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return n
	}
	drawn := `Array.from(document.querySelectorAll("canvas")).filter(c => Chart.getChart(c) !== undefined).length`
	step("log in",
		chromedp.Navigate(u+"/login"),
		chromedp.WaitVisible(`input[name=email]`),
		chromedp.SendKeys(`input[name=email]`, h.users[core.RoleHR].Email),
		chromedp.SendKeys(`input[name=password]`, testPassword),
		chromedp.Submit(`input[name=password]`),
		// The login page has a main h1 too: wait for the menu only a
		// logged-in user has, or the next navigation aborts the login's.
		chromedp.WaitVisible(`#nav-rounds`))
	step("survey results",
		chromedp.Navigate(u+"/surveys/results?round="+rid),
		chromedp.WaitVisible(`#wave-2`),
		waitFor(`document.querySelectorAll("canvas.eval-chart").length > 0 && Array.from(document.querySelectorAll("canvas.eval-chart")).every(c => c.dataset.ready === "1")`),
		screenshot(dir, "01-survey-results"))
	// Two waves of a Likert and a yes/no question each; the free text is
	// listed, not charted.
	if n := eval(`document.querySelectorAll("canvas.eval-chart").length`); n != 4 {
		t.Errorf("question charts = %d, want 4", n)
	}
	if n := eval(drawn); n != 4 {
		t.Errorf("charts drawn by Chart.js = %d, want 4", n)
	}
	if n := eval(`document.querySelectorAll("#wave-1 .too-few").length`); n != 2 {
		t.Errorf("wave 1 units marked too few to show = %d, want 2", n)
	}
	step("filter by wave",
		chromedp.SetValue(`select[name=wave]`, "1"),
		chromedp.Click(`#survey-filters button`),
		chromedp.WaitNotPresent(`#wave-2`),
		chromedp.WaitVisible(`#wave-1 canvas.eval-chart[data-ready="1"]`))
	step("non-responders",
		chromedp.Click(`#nonresponders-link`),
		chromedp.WaitVisible(`#nonresponders`),
		screenshot(dir, "02-nonresponders"))
	if n := eval(`document.querySelectorAll("#nonresponders tbody tr").length`); n != 2 {
		loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " " + document.querySelector("#nonresponders tbody").innerText`))
		t.Errorf("wave 1 non-responders = %d rows, want 2: %s", n, loc)
	}
	step("evaluation",
		chromedp.Navigate(u+"/rounds/"+rid+"/evaluation"),
		chromedp.WaitVisible(`#imbalance`),
		waitFor(`document.getElementById("rate-chart").dataset.ready === "1" && document.getElementById("imbalance-chart").dataset.ready === "1"`),
		waitFor(`Array.from(document.querySelectorAll("canvas.mean-chart")).every(c => c.dataset.ready === "1")`),
		screenshot(dir, "03-evaluation"))
	// The rate chart, the imbalance chart and one satisfaction chart per
	// wave.
	if n := eval(drawn); n != 4 {
		t.Errorf("evaluation charts drawn = %d, want 4", n)
	}
	if n := eval(`Chart.getChart(document.getElementById("rate-chart")).data.datasets[0].data.reduce((a, b) => a + b, 0)`); n != 19 {
		t.Errorf("answered in the rate chart = %d, want 9 + 10", n)
	}
	for _, p := range problems() {
		t.Errorf("page problem: %s", p)
	}
}
