package admin

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
)

func TestReadiness(t *testing.T) {
	dbUp := true
	s := New(Deps{Checks: []Check{
		{Name: "database", Ping: func(context.Context) error {
			if !dbUp {
				return errors.New("connection refused")
			}
			return nil
		}},
		{Name: "redis", Ping: func(context.Context) error { return nil }},
	}})
	get := func(path string) (int, map[string]any) {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		var body map[string]any
		json.Unmarshal(rec.Body.Bytes(), &body)
		return rec.Code, body
	}
	if code, body := get("/readyz"); code != 200 || body["status"] != "ok" {
		t.Errorf("ready with all checks up: %d %v", code, body)
	}
	dbUp = false
	code, body := get("/readyz")
	if code != http.StatusServiceUnavailable {
		t.Errorf("readyz with the database down = %d, want 503", code)
	}
	if checks, _ := body["checks"].(map[string]any); checks["database"] != "unavailable" || checks["redis"] != "ok" {
		t.Errorf("checks = %v", body["checks"])
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Errorf("healthz with the database down = %d, want 200 (the process lives)", code)
	}
}

func TestMetricsCountRequests(t *testing.T) {
	s := New(Deps{})
	for range 3 {
		s.Handler().ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/healthz", nil))
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	want := `seimbang_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"} 3`
	if !strings.Contains(rec.Body.String(), want) {
		t.Errorf("metrics lack %q:\n%s", want, rec.Body.String())
	}
}

func TestServeFinishesInFlightRequestsOnShutdown(t *testing.T) {
	s := New(Deps{ShutdownTimeout: 5 * time.Second})
	started, release := make(chan struct{}), make(chan struct{})
	s.engine.GET("/slow", func(c *gin.Context) {
		close(started)
		<-release
		c.String(http.StatusOK, "selesai")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/slow")
		if err != nil {
			got <- err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		got <- string(b)
	}()
	<-started
	stop() // SIGTERM arrives while the request is in flight
	time.AfterFunc(50*time.Millisecond, func() { close(release) })
	if body := <-got; body != "selesai" {
		t.Errorf("in-flight request got %q, want it to finish", body)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve returned %v", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("server still accepts requests after shutdown")
	}
}
