package planner

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchSizes is the curve of BENCHMARKS.md (planner section): 200 employees per unit
// and ten positions per unit, from 1,000 employees to an agency of 200,000.
var benchSizes = []struct{ employees, units int }{
	{1000, 5}, {4000, 20}, {12000, 60}, {40000, 200}, {200000, 1000},
}

// peakMemory runs f and returns by how much it raised the process's
// resident memory at its peak (Linux: the high-water mark is reset through
// /proc/self/clear_refs), or false where that cannot be measured.
func peakMemory(f func()) (uint64, bool) {
	runtime.GC()
	debug.FreeOSMemory()
	base, ok := status("VmRSS")
	if !ok || os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) != nil {
		f()
		return 0, false
	}
	f()
	peak, ok := status("VmHWM")
	if !ok || peak < base {
		return 0, false
	}
	return peak - base, true
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// status returns a memory figure of /proc/self/status in bytes.
func status(key string) (uint64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

func BenchmarkPropose(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(fmt.Sprintf("employees=%d/units=%d", s.employees, s.units), func(b *testing.B) {
			in, p := GenerateInstance(1, s.employees, s.units), DefaultParams()
			var plan *Plan
			var err error
			var cpu time.Duration
			peak, measured := peakMemory(func() {
				before := cpuTime()
				for b.Loop() {
					if plan, err = Propose(in, p); err != nil {
						b.Fatal(err)
					}
				}
				cpu = cpuTime() - before
			})
			if !plan.Certificate.Optimal {
				b.Fatal("not certified")
			}
			if measured {
				b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(plan.Stats.Build.Seconds(), "build-s")
			b.ReportMetric(plan.Stats.Solve.Seconds(), "solve-s")
			b.ReportMetric(plan.Stats.Certify.Seconds(), "certify-s")
			b.ReportMetric(float64(plan.Stats.Arcs), "arcs")
			b.ReportMetric(float64(plan.Stats.Pairs), "pairs")
			b.ReportMetric(float64(plan.Objective.Moves), "moves")
			b.ReportMetric(float64(plan.Objective.Soft), "soft")
			b.ReportMetric(float64(plan.Stats.Phases), "phases")
			b.ReportMetric(plan.GapClosure*100, "closure-%")
		})
	}
}

func BenchmarkGreedy(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(fmt.Sprintf("employees=%d/units=%d", s.employees, s.units), func(b *testing.B) {
			in, p := GenerateInstance(1, s.employees, s.units), DefaultParams()
			var plan *Plan
			var err error
			for b.Loop() {
				if plan, err = Greedy(in, p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(plan.Objective.Moves), "moves")
			b.ReportMetric(float64(plan.Objective.Soft), "soft")
			b.ReportMetric(plan.GapClosure*100, "closure-%")
		})
	}
}
