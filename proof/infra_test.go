//go:build proof

package proof

import (
	"bufio"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"
)

// short reports whether the short (CI) run was asked for.
func short() bool { return os.Getenv("SEIMBANG_PROOF") == "short" }

// pick returns the short or the full value.
func pick[T any](shortV, fullV T) T {
	if short() {
		return shortV
	}
	return fullV
}

// report prints one scenario's line.
func report(name, format string, args ...any) {
	line := fmt.Sprintf("PROOF %s: %s", name, fmt.Sprintf(format, args...))
	fmt.Println(line)
	if f, err := os.OpenFile(resultsFile(), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644); err == nil {
		fmt.Fprintln(f, line)
		f.Close()
	}
}

func resultsFile() string {
	if p := os.Getenv("SEIMBANG_PROOF_RESULTS"); p != "" {
		return p
	}
	return filepath.Join(os.TempDir(), "seimbang-proof.txt")
}

func freePort(tb testing.TB) int {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// proc is a server process the suite started and may kill.
type proc struct {
	name string
	cmd  *exec.Cmd
	args []string
	env  []string
	log  string
	done chan struct{}
}

func startProc(tb testing.TB, name, logPath string, env []string, bin string, args ...string) *proc {
	tb.Helper()
	p := &proc{name: name, args: append([]string{bin}, args...), env: env, log: logPath}
	p.start(tb)
	tb.Cleanup(func() { p.kill(syscall.SIGKILL) })
	return p
}

func (p *proc) start(tb testing.TB) {
	tb.Helper()
	f, err := os.OpenFile(p.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		tb.Fatal(err)
	}
	p.cmd = exec.Command(p.args[0], p.args[1:]...)
	p.cmd.Env = append(os.Environ(), p.env...)
	p.cmd.Stdout, p.cmd.Stderr = f, f
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := p.cmd.Start(); err != nil {
		tb.Fatalf("start %s: %v", p.name, err)
	}
	p.done = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) { cmd.Wait(); f.Close(); close(done) }(p.cmd, p.done)
}

// kill sends sig to the process and waits until it is gone.
func (p *proc) kill(sig syscall.Signal) {
	if p.cmd == nil || p.cmd.Process == nil {
		return
	}
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Signal(sig)
	select {
	case <-p.done:
	case <-time.After(60 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

func (p *proc) tail() string {
	b, _ := os.ReadFile(p.log)
	if len(b) > 3000 {
		b = b[len(b)-3000:]
	}
	return string(b)
}

// waitFor polls cond until it holds or d passes.
func waitFor(d time.Duration, cond func() bool) bool {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		if cond() {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return cond()
}

// mariadb is a private MariaDB server with its own data directory, so
// the suite may kill and restart it without touching anyone else's.
type mariadb struct {
	*proc
	port int
	dsn  string // of the database "seimbang"
}

func startMariaDB(tb testing.TB, dir string) *mariadb {
	tb.Helper()
	data := filepath.Join(dir, "mysql")
	install := exec.Command("mariadb-install-db", "--no-defaults", "--datadir="+data, "--user=root",
		"--auth-root-authentication-method=normal", "--skip-test-db")
	if out, err := install.CombinedOutput(); err != nil {
		tb.Fatalf("mariadb-install-db: %v\n%s", err, out)
	}
	m := &mariadb{port: freePort(tb)}
	m.proc = startProc(tb, "mariadbd", filepath.Join(dir, "mariadb.log"), nil, "/usr/sbin/mariadbd", "--no-defaults",
		"--datadir="+data, "--user=root", fmt.Sprintf("--port=%d", m.port), "--bind-address=127.0.0.1",
		"--socket="+filepath.Join(dir, "mysqld.sock"), "--pid-file="+filepath.Join(dir, "mysqld.pid"),
		"--skip-log-bin", "--innodb-buffer-pool-size=256M", "--max-connections=500", "--innodb-flush-log-at-trx-commit=1")
	server := fmt.Sprintf("root@tcp(127.0.0.1:%d)/", m.port)
	if !m.waitUp(2 * time.Minute) {
		tb.Fatalf("private MariaDB did not start:\n%s", m.tail())
	}
	db, err := sql.Open("mysql", server)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE seimbang CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"); err != nil {
		tb.Fatal(err)
	}
	m.dsn = server + "seimbang?parseTime=true"
	return m
}

func (m *mariadb) waitUp(d time.Duration) bool {
	return waitFor(d, func() bool {
		db, err := sql.Open("mysql", fmt.Sprintf("root@tcp(127.0.0.1:%d)/", m.port))
		if err != nil {
			return false
		}
		defer db.Close()
		return db.Ping() == nil
	})
}

// redis is a private redis-server without persistence.
type redis struct {
	*proc
	port int
}

func startRedis(tb testing.TB, dir string) *redis {
	tb.Helper()
	r := &redis{port: freePort(tb)}
	r.proc = startProc(tb, "redis-server", filepath.Join(dir, "redis.log"), nil, "redis-server", "--port", fmt.Sprint(r.port),
		"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir)
	if !r.waitUp(30 * time.Second) {
		tb.Fatalf("private Redis did not start:\n%s", r.tail())
	}
	return r
}

func (r *redis) waitUp(d time.Duration) bool {
	return waitFor(d, func() bool {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", r.port), time.Second)
		if err != nil {
			return false
		}
		defer c.Close()
		fmt.Fprint(c, "PING\r\n")
		line, _ := bufio.NewReader(c).ReadString('\n')
		return strings.HasPrefix(line, "+PONG")
	})
}

func (r *redis) url() string { return fmt.Sprintf("redis://127.0.0.1:%d/0", r.port) }

// buildBinary builds cmd/seimbang as a release would.
func buildBinary(tb testing.TB, dir string) string {
	tb.Helper()
	bin := filepath.Join(dir, "seimbang")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/seimbang")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// runBinary runs one command of the binary and returns its stdout.
func runBinary(tb testing.TB, bin string, env []string, args ...string) string {
	tb.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("seimbang %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// get fetches url and returns the status (0 when the request failed).
func get(c *http.Client, url string, hdr map[string]string) int {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// latencies collects durations from many goroutines.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	l.d = append(l.d, d)
	l.mu.Unlock()
}

// pct returns the p-th percentile (0–100).
func (l *latencies) pct(p float64) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), l.d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond)) }

// loadAvg returns the 1-minute load average.
func loadAvg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}
