package admin

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/demo"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/importer"
)

// TestLoad measures the dashboard and the employee list (page and API)
// with 40,000 employees and 200 concurrent clients. It runs only with
// SEIMBANG_LOAD_TEST=1: on MariaDB (SEIMBANG_TEST_MYSQL_DSN) by default, on
// SQLite with SEIMBANG_LOAD_BACKEND=sqlite. Results, with the CPU time the
// process and (given SEIMBANG_LOAD_DB_PID) the database server spent per
// request, go to the test log (see BENCHMARKS.md).
func TestLoad(t *testing.T) {
	want := cmp.Or(os.Getenv("SEIMBANG_LOAD_BACKEND"), "mysql")
	if os.Getenv("SEIMBANG_LOAD_TEST") != "1" || (want == "mysql" && os.Getenv(storetest.MySQLEnv) == "") {
		t.Skip("set SEIMBANG_LOAD_TEST=1 and " + storetest.MySQLEnv + " or SEIMBANG_LOAD_BACKEND=sqlite")
	}
	var be storetest.Backend
	for _, b := range storetest.Backends(t) {
		if b.Name == want {
			be = b
		}
	}
	h := newHarness(t, be)
	ctx := context.Background()
	if _, err := demo.Load(ctx, h.st, demo.Generate(1)); err != nil {
		t.Fatal(err)
	}
	ps, _ := h.st.Positions(ctx, core.PositionFilter{})
	names := []string{"Ahmad", "Siti", "Budi", "Dewi", "Agus", "Rina", "Hendra", "Wati", "Joko", "Lestari"}
	var csv strings.Builder
	csv.WriteString("nip;nama;jabatan;tmt_jabatan\n")
	extra := 40000 - 2964 - 2
	for i := range extra {
		birth := time.Date(1962, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%7300)
		start := fmt.Sprintf("%04d%02d", 2005+i%15, 1+i%12)
		nip := birth.Format("20060102") + start + fmt.Sprint(1+i%2) + fmt.Sprintf("%03d", 100+i/7300)
		fmt.Fprintf(&csv, "%s;%s %s %d;%s;2020-01-0%d\n", nip, names[i%10], names[(i/10)%10], i, ps[i%len(ps)].Code, 1+i%9)
	}
	start := time.Now()
	b, err := importer.Parse(ctx, importer.Employees, "load.csv", strings.NewReader(csv.String()), h.st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := importer.Apply(ctx, h.st, b); err != nil {
		t.Fatal(err)
	}
	_, total, _ := h.st.Employees(ctx, core.EmployeeFilter{})
	t.Logf("loaded %d employees in %s", total, time.Since(start).Round(time.Millisecond))

	unitCode := ""
	if u, err := h.st.Unit(ctx, ps[5].UnitID); err == nil {
		unitCode = u.Code
	}
	apiToken := h.token(core.RoleHR)
	targets := []struct{ name, path string }{
		{"dashboard", "/"},
		{"employees page 1", "/employees"},
		{"employees page 300", "/employees?page=300"},
		{"employees search", "/employees?q=Dewi+Agus+1"},
		{"employees unit+sort", "/employees?unit=" + itoa(ps[5].UnitID) + "&sort=-nip"},
		{"employees active p300", "/employees?active=1&page=300"},
		{"employees by TMT", "/employees?sort=-tmt"},
		{"api employees", "/api/v1/employees?limit=50"},
		{"api employees deep", "/api/v1/employees?limit=50&offset=14950"},
		{"api employees unit", "/api/v1/employees?unit=" + unitCode + "&sort=-nip"},
	}
	dbPID := os.Getenv("SEIMBANG_LOAD_DB_PID")
	run := func(label string, clients int, d time.Duration, think func() time.Duration) {
		cpu0, db0 := processCPU(), pidCPU(dbPID)
		tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
		defer tr.CloseIdleConnections()
		hc := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		var mu sync.Mutex
		lat := map[string][]time.Duration{}
		errs := 0
		deadline := time.Now().Add(d)
		var wg sync.WaitGroup
		for i := range clients {
			cookie, _ := h.session(core.RoleHR)
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := rand.New(rand.NewPCG(uint64(i), 7))
				for time.Now().Before(deadline) {
					tg := targets[r.IntN(len(targets))]
					req, _ := http.NewRequest(http.MethodGet, h.ts.URL+tg.path, nil)
					req.AddCookie(cookie)
					req.Header.Set("Authorization", "Bearer "+apiToken)
					t0 := time.Now()
					resp, err := hc.Do(req)
					ok := err == nil && resp.StatusCode == http.StatusOK
					if err == nil {
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
					}
					el := time.Since(t0)
					mu.Lock()
					if ok {
						lat[tg.name] = append(lat[tg.name], el)
					} else {
						errs++
					}
					mu.Unlock()
					time.Sleep(think())
				}
			}()
		}
		wg.Wait()
		cpu, db := processCPU()-cpu0, pidCPU(dbPID)-db0
		var all []time.Duration
		t.Logf("%s: %d clients for %s, %d errors", label, clients, d, errs)
		for _, tg := range targets {
			ls := lat[tg.name]
			all = append(all, ls...)
			t.Logf("  %-22s n=%6d %s", tg.name, len(ls), pct(ls))
		}
		t.Logf("  %-22s n=%6d %s, %.0f req/s", "all", len(all), pct(all), float64(len(all))/d.Seconds())
		if n := time.Duration(max(len(all)+errs, 1)); dbPID != "" {
			t.Logf("  CPU per request: this process (server and clients) %s, database server %s", (cpu / n).Round(10*time.Microsecond), (db / n).Round(10*time.Microsecond))
		} else {
			t.Logf("  CPU per request: this process (server and clients) %s", (cpu / n).Round(10*time.Microsecond))
		}
		t.Logf("  load average: %s", loadAverage())
	}
	for _, tg := range targets {
		cookie, _ := h.session(core.RoleHR)
		for i := range 3 {
			t0 := time.Now()
			rec := h.do(http.MethodGet, tg.path, nil, map[string]string{"Authorization": "Bearer " + apiToken}, cookie)
			t.Logf("single %s #%d: %d in %s", tg.name, i, rec.Code, time.Since(t0).Round(100*time.Microsecond))
		}
	}
	// CPU time per request of each target alone, one request at a time:
	// on a shared machine this says more about the code than latency does.
	for _, tg := range targets {
		cookie, _ := h.session(core.RoleHR)
		hdr := map[string]string{"Authorization": "Bearer " + apiToken}
		const n = 200
		var ls []time.Duration
		cpu0, db0 := processCPU(), pidCPU(dbPID)
		for range n {
			t0 := time.Now()
			if rec := h.do(http.MethodGet, tg.path, nil, hdr, cookie); rec.Code != http.StatusOK {
				t.Fatalf("%s: %d", tg.name, rec.Code)
			}
			ls = append(ls, time.Since(t0))
		}
		cpu, db := (processCPU()-cpu0)/n, (pidCPU(dbPID)-db0)/n
		line := fmt.Sprintf("serial %-22s %s; CPU per request: handler %s", tg.name, pct(ls), cpu.Round(10*time.Microsecond))
		if dbPID != "" {
			line += ", database server " + db.Round(10*time.Microsecond).String()
		}
		t.Log(line)
	}
	if os.Getenv("SEIMBANG_LOAD_SINGLE") == "1" {
		return
	}
	run("warm-up", 20, 5*time.Second, func() time.Duration { return 0 })
	if path := os.Getenv("SEIMBANG_LOAD_PROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		pprof.StartCPUProfile(f)
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	run("people (think time 0.5–1.5 s)", 200, 30*time.Second, func() time.Duration {
		return 500*time.Millisecond + time.Duration(rand.IntN(1000))*time.Millisecond
	})
	run("saturation (no think time)", 200, 15*time.Second, func() time.Duration { return 0 })
}

func pct(ls []time.Duration) string {
	if len(ls) == 0 {
		return "-"
	}
	s := slices.Clone(ls)
	slices.Sort(s)
	at := func(p float64) time.Duration {
		return s[min(len(s)-1, int(p*float64(len(s))))].Round(100 * time.Microsecond)
	}
	return fmt.Sprintf("p50=%-8s p95=%-8s p99=%-8s max=%s", at(.50), at(.95), at(.99), s[len(s)-1].Round(time.Millisecond))
}

// processCPU returns the CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// pidCPU returns the CPU time process pid has used, from /proc (Linux);
// zero when pid is empty or unreadable.
func pidCPU(pid string) time.Duration {
	if pid == "" {
		return 0
	}
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0
	}
	// Fields after the command name (which may hold spaces): utime and
	// stime are the 12th and 13th, in clock ticks (100 a second).
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}
