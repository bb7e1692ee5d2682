package admin

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// slowReads is the real store whose first staffing count and employee
// count wait until the test lets them go, counting how many were asked
// for meanwhile: a cold panel's slow read, with people arriving during it.
type slowReads struct {
	Store
	release        chan struct{}
	staff, counted atomic.Int64
}

func (s *slowReads) StaffCounts(ctx context.Context) (map[int64]int, error) {
	s.staff.Add(1)
	<-s.release
	return s.Store.StaffCounts(ctx)
}

func (s *slowReads) CountEmployeesIn(ctx context.Context, f core.EmployeeFilter, unitIDs []int64) (int, error) {
	s.counted.Add(1)
	<-s.release
	return s.Store.CountEmployeesIn(ctx, f, unitIDs)
}

// TestColdPanelReadsOnce: twenty people open the dashboard and the
// employee list of a panel nobody has opened yet (after a start or an
// import). They all get their page, from one read of the figures and one
// count of the employees, not twenty each, which on 40,000 employees kept
// everyone waiting for seconds.
func TestColdPanelReadsOnce(t *testing.T) {
	h := newHarness(t, storetest.Backends(t)[0])
	slow := &slowReads{Store: h.st, release: make(chan struct{})}
	srv := New(Deps{Log: slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn})), Store: slow,
		Sessions: h.sessions, Clock: h.clock, Sleep: func(context.Context, time.Duration) {}})
	cookie, _ := h.session(core.RoleHR)
	token := h.token(core.RoleHR)
	const people = 20
	codes := make(chan int, 2*people)
	var wg sync.WaitGroup
	for range people {
		wg.Add(2)
		go func() {
			defer wg.Done()
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.AddCookie(cookie)
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, req)
			codes <- rec.Code
		}()
		go func() {
			defer wg.Done()
			req := httptest.NewRequest(http.MethodGet, "/api/v1/employees?limit=1", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, req)
			codes <- rec.Code
		}()
	}
	// Let the first reads start, and give everyone else the time to
	// arrive at the store too, if they are going to.
	deadline := time.Now().Add(10 * time.Second)
	for (slow.staff.Load() == 0 || slow.counted.Load() == 0) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	close(slow.release)
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != http.StatusOK {
			t.Errorf("a request answered %d", c)
		}
	}
	if n := slow.staff.Load(); n != 1 {
		t.Errorf("%d people read the staffing figures, want one read for all", n)
	}
	if n := slow.counted.Load(); n != 1 {
		t.Errorf("%d people counted the employees, want one count for all", n)
	}
}
