package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seimbang/seimbang/admin"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testApp returns an app whose environment is exactly env.
func testApp(env map[string]string, stdin string) (*app, *syncBuffer, *syncBuffer) {
	out, errOut := &syncBuffer{}, &syncBuffer{}
	return &app{
		stdin: strings.NewReader(stdin), stdout: out, stderr: errOut,
		lookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	}, out, errOut
}

func sqliteEnv(t *testing.T) map[string]string {
	return map[string]string{"SEIMBANG_DB_DSN": filepath.Join(t.TempDir(), "seimbang.db"), "SEIMBANG_HTTP_ADDR": "127.0.0.1:0"}
}

// server is a running "seimbang serve".
type server struct {
	url      string
	stdout   *syncBuffer
	stderr   *syncBuffer
	stop     context.CancelFunc
	exitCode chan int
}

func startServe(t *testing.T, env map[string]string, args ...string) *server {
	t.Helper()
	a, out, errOut := testApp(env, "")
	addr := make(chan net.Addr, 1)
	a.onListen = func(ad net.Addr) { addr <- ad }
	ctx, stop := context.WithCancel(context.Background())
	s := &server{stdout: out, stderr: errOut, stop: stop, exitCode: make(chan int, 1)}
	go func() { s.exitCode <- a.run(ctx, append([]string{"serve"}, args...)) }()
	select {
	case ad := <-addr:
		s.url = "http://" + ad.String()
	case code := <-s.exitCode:
		t.Fatalf("serve exited with %d before listening:\n%s", code, errOut.String())
	case <-time.After(2 * time.Minute):
		t.Fatal("serve did not listen within 2 minutes")
	}
	t.Cleanup(func() { s.shutdown(t) })
	return s
}

// shutdown stops the server as SIGTERM would and checks it exits cleanly.
func (s *server) shutdown(t *testing.T) {
	t.Helper()
	if s.stop == nil {
		return
	}
	s.stop()
	s.stop = nil
	select {
	case code := <-s.exitCode:
		if code != 0 {
			t.Errorf("serve exited with %d after shutdown:\n%s", code, s.stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Error("serve did not stop within 30 s of shutdown")
	}
}

func (s *server) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(s.url + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServeFirstStart(t *testing.T) {
	env := sqliteEnv(t)
	env["SEIMBANG_TELEGRAM_TOKEN"] = "123456:SECRET-TOKEN-VALUE"
	s := startServe(t, env)
	if code, _ := s.get(t, "/healthz"); code != 200 {
		t.Errorf("healthz = %d", code)
	}
	if code, body := s.get(t, "/readyz"); code != 200 || !strings.Contains(body, `"redis":"ok"`) || !strings.Contains(body, `"database":"ok"`) {
		t.Errorf("readyz = %d %s", code, body)
	}
	if code, body := s.get(t, "/metrics"); code != 200 || !strings.Contains(body, "go_goroutines") {
		t.Errorf("metrics = %d, lacks go_goroutines", code)
	}
	hc, _, _ := testApp(map[string]string{"SEIMBANG_HTTP_ADDR": strings.TrimPrefix(s.url, "http://")}, "")
	if code := hc.run(context.Background(), []string{"healthcheck"}); code != 0 {
		t.Errorf("healthcheck against a ready server = %d, want 0", code)
	}
	s.shutdown(t)
	if code := hc.run(context.Background(), []string{"healthcheck"}); code != 1 {
		t.Errorf("healthcheck against a stopped server = %d, want 1", code)
	}

	out := s.stdout.String()
	if !strings.Contains(out, "Panel Seimbang: "+s.url) {
		t.Errorf("stdout lacks the panel URL %s:\n%s", s.url, out)
	}
	pw := between(out, "Kata sandi: ", " ")
	if !strings.Contains(out, "Email: "+firstAdminEmail) || len(pw) != 20 {
		t.Fatalf("stdout lacks the first admin's credentials:\n%s", out)
	}
	logs := s.stderr.String()
	for _, secret := range []string{pw, "SECRET-TOKEN-VALUE"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain a secret %q", secret)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		if !strings.HasPrefix(line, "{") {
			t.Errorf("log line is not JSON: %q", line)
		}
	}

	// A second start with the same database creates no second admin.
	s2 := startServe(t, env)
	s2.shutdown(t)
	if strings.Contains(s2.stdout.String(), "Kata sandi") {
		t.Errorf("second start printed new credentials:\n%s", s2.stdout.String())
	}
}

func between(s, from, to string) string {
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, to)
	return v
}

func TestServeReadinessFollowsRedis(t *testing.T) {
	env := sqliteEnv(t)
	env["SEIMBANG_REDIS_URL"] = "redis://127.0.0.1:1/0" // nothing listens there
	s := startServe(t, env)
	if code, body := s.get(t, "/readyz"); code != http.StatusServiceUnavailable || !strings.Contains(body, `"redis":"unavailable"`) {
		t.Errorf("readyz with Redis down = %d %s, want 503 naming redis", code, body)
	}
	if code, _ := s.get(t, "/healthz"); code != 200 {
		t.Errorf("healthz with Redis down = %d, want 200", code)
	}

	url := os.Getenv("SEIMBANG_TEST_REDIS_URL")
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("SEIMBANG_TEST_REDIS_URL is not set; under CI=true the real Redis must be tested")
		}
		return
	}
	env = sqliteEnv(t)
	env["SEIMBANG_REDIS_URL"] = url
	s = startServe(t, env)
	if code, body := s.get(t, "/readyz"); code != 200 {
		t.Errorf("readyz with a real Redis = %d %s", code, body)
	}
}

func TestServeOnMySQL(t *testing.T) {
	for _, b := range storetest.Backends(t) {
		if b.Name != "mysql" {
			continue
		}
		_, dsn := b.DSN(t)
		env := map[string]string{"SEIMBANG_DB_DRIVER": "mysql", "SEIMBANG_DB_DSN": dsn, "SEIMBANG_HTTP_ADDR": "127.0.0.1:0"}
		s := startServe(t, env)
		if code, body := s.get(t, "/readyz"); code != 200 {
			t.Errorf("readyz on MySQL = %d %s", code, body)
		}
		s.shutdown(t)
		if !strings.Contains(s.stdout.String(), "Kata sandi: ") {
			t.Errorf("first start on MySQL printed no credentials:\n%s", s.stdout.String())
		}
	}
}

func TestBadConfigurationStopsWithOneClearLine(t *testing.T) {
	dir := t.TempDir()
	readOnly := filepath.Join(dir, "ro")
	if err := os.Mkdir(readOnly, 0o500); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		env     map[string]string
		setting string
		secret  string
	}{
		{"unknown driver", map[string]string{"SEIMBANG_DB_DRIVER": "postgres"}, "SEIMBANG_DB_DRIVER", ""},
		{"malformed dsn", map[string]string{"SEIMBANG_DB_DRIVER": "mysql", "SEIMBANG_DB_DSN": "root:hunter2@tcp(127.0.0.1:3306"}, "SEIMBANG_DB_DSN", "hunter2"},
		{"unreachable mysql", map[string]string{"SEIMBANG_DB_DRIVER": "mysql", "SEIMBANG_DB_DSN": "root:hunter2@tcp(127.0.0.1:1)/seimbang"}, "SEIMBANG_DB_DSN", "hunter2"},
		{"missing sqlite dir", map[string]string{"SEIMBANG_DB_DSN": filepath.Join(dir, "nope", "s.db")}, "SEIMBANG_DB_DSN", ""},
		{"invalid duration", map[string]string{"SEIMBANG_SURVEY_REMIND_EVERY": "3 hari"}, "SEIMBANG_SURVEY_REMIND_EVERY", ""},
		{"invalid time zone", map[string]string{"SEIMBANG_TIMEZONE": "Asia/Bandung"}, "SEIMBANG_TIMEZONE", ""},
		{"invalid work hours", map[string]string{"SEIMBANG_WORK_HOURS": "16:00-08:00"}, "SEIMBANG_WORK_HOURS", ""},
		{"invalid waves", map[string]string{"SEIMBANG_SURVEY_WAVES": "720h,-5h"}, "SEIMBANG_SURVEY_WAVES", ""},
		{"webhook without secret", map[string]string{"SEIMBANG_TELEGRAM_MODE": "webhook"}, "SEIMBANG_WEBHOOK_SECRET", ""},
		{"bad redis url", map[string]string{"SEIMBANG_REDIS_URL": "localhost:6379"}, "SEIMBANG_REDIS_URL", ""},
		{"bad token", map[string]string{"SEIMBANG_TELEGRAM_TOKEN": "tokenwithoutcolon"}, "SEIMBANG_TELEGRAM_TOKEN", "tokenwithoutcolon"},
		{"overlong decree place", map[string]string{"SEIMBANG_DECREE_PLACE": strings.Repeat("Sukamaju ", 8)}, "SEIMBANG_DECREE_PLACE", ""},
		{"bad trusted proxy", map[string]string{"SEIMBANG_TRUSTED_PROXIES": "10.0.0.1, proxy.local"}, "SEIMBANG_TRUSTED_PROXIES", ""},
	}
	if os.Geteuid() != 0 { // root writes anywhere
		tests = append(tests, struct {
			name    string
			env     map[string]string
			setting string
			secret  string
		}{"unwritable sqlite dir", map[string]string{"SEIMBANG_DB_DSN": filepath.Join(readOnly, "s.db")}, "SEIMBANG_DB_DSN", ""})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"SEIMBANG_HTTP_ADDR": "127.0.0.1:0", "SEIMBANG_DB_DSN": filepath.Join(t.TempDir(), "s.db")}
			for k, v := range tt.env {
				env[k] = v
			}
			a, out, errOut := testApp(env, "")
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			if code := a.run(ctx, []string{"serve"}); code != 1 {
				t.Errorf("exit code = %d, want 1", code)
			}
			lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
			last := lines[len(lines)-1]
			if !strings.HasPrefix(last, "seimbang: ") || !strings.Contains(last, tt.setting) {
				t.Errorf("last line %q does not name %s", last, tt.setting)
			}
			all := out.String() + errOut.String()
			if strings.Contains(all, "goroutine ") || strings.Contains(all, "panic") {
				t.Errorf("output shows a panic or stack trace:\n%s", all)
			}
			if tt.secret != "" && strings.Contains(all, tt.secret) {
				t.Errorf("output repeats the secret %q:\n%s", tt.secret, all)
			}
		})
	}
}

func TestServeHelpListsEveryOption(t *testing.T) {
	a, _, errOut := testApp(map[string]string{}, "")
	if code := a.run(context.Background(), []string{"serve", "--help"}); code != 0 {
		t.Errorf("exit code = %d", code)
	}
	help := errOut.String()
	for _, o := range options {
		line := between(help, "--"+o.flag+" ", "\n")
		if !strings.Contains(line, o.env) {
			t.Errorf("help line for --%s lacks %s: %q", o.flag, o.env, line)
		}
		def := o.def
		if def == "" {
			def = `""`
		}
		if !strings.Contains(line, def) {
			t.Errorf("help line for --%s lacks the default %s: %q", o.flag, def, line)
		}
	}
	if !strings.Contains(help, "--demo") {
		t.Error("help lacks --demo")
	}
}

func TestFlagsWinOverEnvironment(t *testing.T) {
	env := sqliteEnv(t)
	env["SEIMBANG_WORK_HOURS"] = "" // set but empty: any time
	env["SEIMBANG_SURVEY_MAX_REMINDERS"] = "5"
	env["SEIMBANG_TRUSTED_PROXIES"] = "10.0.0.1, 172.16.0.0/12"
	a, _, _ := testApp(env, "")
	fs, build := a.flags("serve", "serve")
	if err := fs.Parse([]string{"--survey-max-reminders", "2"}); err != nil {
		t.Fatal(err)
	}
	cfg, err := build()
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.TrustedProxies) != 2 || cfg.TrustedProxies[1] != "172.16.0.0/12" {
		t.Errorf("trusted proxies = %q", cfg.TrustedProxies)
	}
	if cfg.MaxReminders != 2 {
		t.Errorf("max reminders = %d, want the flag's 2", cfg.MaxReminders)
	}
	if !cfg.WorkHours.Any() {
		t.Errorf("work hours = %+v, want any time for an empty variable", cfg.WorkHours)
	}
	if cfg.RemindEvery != 72*time.Hour || len(cfg.SurveyWaves) != 2 || cfg.SurveyWaves[1] != 2160*time.Hour {
		t.Errorf("defaults not applied: remind %v waves %v", cfg.RemindEvery, cfg.SurveyWaves)
	}
	if s := (Config{DBDriver: "mysql", DBDSN: "u:pw@tcp(h)/d", TelegramToken: "1:x"}).String(); strings.Contains(s, "pw@") || strings.Contains(s, "1:x") {
		t.Errorf("Config.String shows a secret: %s", s)
	}
}

func TestTokenCreateStoresOnlyTheHash(t *testing.T) {
	env := sqliteEnv(t)
	a, out, errOut := testApp(env, "")
	if code := a.run(context.Background(), []string{"token", "create", "--name", "SIMPEG sync", "--role", "hr"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	tok := strings.TrimSpace(out.String())
	if !strings.HasPrefix(tok, admin.TokenPrefix) || len(tok) < 30 {
		t.Fatalf("printed token = %q", tok)
	}
	st := storetest.OpenDSN(t, "sqlite", env["SEIMBANG_DB_DSN"])
	got, err := st.APITokenByHash(context.Background(), core.HashSecret(tok))
	if err != nil || got.Role != core.RoleHR || got.Name != "SIMPEG sync" {
		t.Fatalf("stored token = %+v, %v", got, err)
	}
	raw, _ := os.ReadFile(env["SEIMBANG_DB_DSN"])
	wal, _ := os.ReadFile(env["SEIMBANG_DB_DSN"] + "-wal")
	if bytes.Contains(raw, []byte(tok)) || bytes.Contains(wal, []byte(tok)) {
		t.Error("the token itself is stored in the database file")
	}

	a, _, errOut = testApp(env, "")
	if code := a.run(context.Background(), []string{"token", "create", "--name", "x", "--role", "unit"}); code != 1 ||
		!strings.Contains(errOut.String(), "unit") {
		t.Errorf("unit token without unit: exit %d, %s", code, errOut.String())
	}
}

func TestAdminCreateAndMigrateStatus(t *testing.T) {
	env := sqliteEnv(t)
	a, out, errOut := testApp(env, "kata-sandi-yang-panjang\n")
	if code := a.run(context.Background(), []string{"admin", "create", "--email", "hr@bkpsdm.example.go.id", "--role", "hr", "--password-stdin"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if strings.Contains(out.String()+errOut.String(), "kata-sandi-yang-panjang") {
		t.Error("the password was echoed")
	}
	st := storetest.OpenDSN(t, "sqlite", env["SEIMBANG_DB_DSN"])
	u, err := st.AdminUserByEmail(context.Background(), "hr@bkpsdm.example.go.id")
	if err != nil || u.Role != core.RoleHR || u.PasswordHash == "" || strings.Contains(u.PasswordHash, "kata-sandi") {
		t.Fatalf("stored user = %+v, %v", u, err)
	}

	a, _, errOut = testApp(env, "pendek\n")
	if code := a.run(context.Background(), []string{"admin", "create", "--email", "x@y.id", "--role", "hr", "--password-stdin"}); code != 1 ||
		!strings.Contains(errOut.String(), "minimal 10 karakter") {
		t.Errorf("short password: exit %d, %s", code, errOut.String())
	}

	a, out, _ = testApp(env, "")
	if code := a.run(context.Background(), []string{"migrate", "status"}); code != 0 || !strings.Contains(out.String(), "applied") {
		t.Errorf("migrate status: exit %d\n%s", code, out.String())
	}
	a, _, _ = testApp(env, "")
	if code := a.run(context.Background(), []string{"migrate", "sideways"}); code != 2 {
		t.Errorf("migrate sideways: exit %d, want 2", code)
	}
}
