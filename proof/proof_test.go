//go:build proof

package proof

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/seimbang/seimbang/bot/telegramtest"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
)

// suite is the running system: the binary, its MariaDB and Redis, the
// fake Bot API and a store on the same database for setting up and
// counting.
type suite struct {
	t     *testing.T
	dir   string
	bin   string
	db    *mariadb
	redis *redis
	fake  *telegramtest.Server
	st    *gormstore.Store
	app   *proc
	url   string
	token string // an HR API token
	users []employeeUser
}

// employeeUser is one simulated employee with a Telegram account.
type employeeUser struct {
	u   telegramtest.User
	emp core.Employee
}

func (s *suite) env() []string {
	return []string{"SEIMBANG_DB_DRIVER=mysql", "SEIMBANG_DB_DSN=" + s.db.dsn, "SEIMBANG_REDIS_URL=" + s.redis.url(),
		"SEIMBANG_HTTP_ADDR=" + strings.TrimPrefix(s.url, "http://"), "SEIMBANG_TELEGRAM_TOKEN=" + s.fake.Token(),
		"SEIMBANG_TELEGRAM_API_URL=" + s.fake.URL(), "SEIMBANG_TELEGRAM_MODE=polling",
		"SEIMBANG_TELEGRAM_RATE=25", "SEIMBANG_SHUTDOWN_TIMEOUT=5s", "SEIMBANG_LOG_LEVEL=info"}
}

// startApp starts "seimbang serve" and waits until /readyz answers 200.
func (s *suite) startApp() {
	s.t.Helper()
	if s.app == nil {
		s.app = startProc(s.t, "seimbang", filepath.Join(s.dir, "seimbang.log"), s.env(), s.bin, "serve")
	} else {
		s.app.start(s.t)
	}
	if !waitFor(2*time.Minute, func() bool { return get(http.DefaultClient, s.url+"/readyz", nil) == http.StatusOK }) {
		s.t.Fatalf("seimbang did not become ready:\n%s", s.app.tail())
	}
}

// TestProof runs every scenario in order on one system; the scenarios
// after bot-flow use its linked employees, and panel-load runs on the
// employees import-40k brought.
func TestProof(t *testing.T) {
	os.Remove(resultsFile())
	dir, err := os.MkdirTemp("", "seimbang-proof-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { // kept, with the servers' logs, when a scenario failed
		if t.Failed() {
			t.Logf("logs kept in %s", dir)
			return
		}
		os.RemoveAll(dir)
	})
	s := &suite{t: t, dir: dir}
	t0 := time.Now()
	s.bin = buildBinary(t, s.dir)
	s.db = startMariaDB(t, s.dir)
	s.redis = startRedis(t, s.dir)
	s.fake = telegramtest.New(t, telegramtest.WithBotUsername("SeimbangProofBot"))
	s.url = fmt.Sprintf("http://127.0.0.1:%d", freePort(t))
	runBinary(t, s.bin, s.env(), "migrate")
	runBinary(t, s.bin, s.env(), "demo")
	s.token = strings.TrimSpace(runBinary(t, s.bin, s.env(), "token", "create", "--name", "proof", "--role", "hr"))
	st, err := gormstore.Open(context.Background(), gormstore.MySQL, s.db.dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s.st = st
	s.startApp()
	report("setup", "binary built, private MariaDB and Redis, fake Bot API, demo regency loaded in %.1f s; load %s",
		time.Since(t0).Seconds(), loadAvg())

	for _, sc := range []struct {
		name string
		fn   func(*suite, *testing.T)
	}{
		{"bot-flow", (*suite).botFlow},
		{"import-40k", (*suite).import40k},
		{"panel-load", (*suite).panelLoad},
		{"broadcast-rate", (*suite).broadcastRate},
		{"broadcast-sigkill", (*suite).broadcastSigkill},
		{"survey-wave-sigkill", (*suite).surveyWaveSigkill},
		{"import-sigkill", (*suite).importSigkill},
		{"telegram-429-5xx", (*suite).telegramFaults},
		{"redis-outage", (*suite).redisOutage},
		{"mariadb-restart", (*suite).mariadbRestart},
		{"two-instances", (*suite).twoInstances},
	} {
		if !t.Run(sc.name, func(t *testing.T) { s.t = t; sc.fn(s, t) }) {
			s.t = t
			if s.app.cmd.ProcessState != nil { // keep going with a running system
				s.startApp()
			}
		}
		s.t = t
	}
}

// waitText waits until the bot sent u at least n messages containing want
// and returns the last one.
func (s *suite) waitText(ctx context.Context, u telegramtest.User, want string, n int) (telegramtest.Message, bool) {
	for {
		var last telegramtest.Message
		c := 0
		for _, m := range s.fake.Sent(u.ID) {
			if strings.Contains(m.Text, want) {
				c++
				last = m
			}
		}
		if c >= n {
			return last, true
		}
		select {
		case <-ctx.Done():
			return last, false
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// count runs a COUNT query on the system's database.
func (s *suite) count(q string, args ...any) int {
	s.t.Helper()
	db, err := s.st.DB()
	if err != nil {
		s.t.Fatal(err)
	}
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		s.t.Fatal(err)
	}
	return n
}

// announce creates a round with one announced transfer for each user and
// their notices, as the round workflow does, and returns the transfers.
func (s *suite) announce(name string, users []employeeUser) []core.Transfer {
	return s.transfers(name, core.Date{Year: 2027, Month: 1, Day: 4}, users, func(ctx context.Context, tx core.Store, tr *core.Transfer) error {
		return core.EnqueueTransferNotice(ctx, tx, *tr)
	})
}

// transfers creates a round effective on the given day with one transfer
// for each user from where they work now, announces each and calls then
// in the same transaction, and returns the transfers.
func (s *suite) transfers(name string, effective core.Date, users []employeeUser,
	then func(ctx context.Context, tx core.Store, tr *core.Transfer) error) []core.Transfer {
	s.t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(7 * 24 * time.Hour).UTC()
	r := core.Round{Name: name, ObjectionDeadline: &deadline, EffectiveDate: effective, CreatedBy: "admin:1"}
	if err := s.st.CreateRound(ctx, &r); err != nil {
		s.t.Fatal(err)
	}
	ps, err := s.st.Positions(ctx, core.PositionFilter{})
	if err != nil {
		s.t.Fatal(err)
	}
	out := make([]core.Transfer, len(users))
	for i, eu := range users {
		emp, err := s.st.Employee(ctx, eu.emp.ID) // a scenario may have moved them
		if err != nil {
			s.t.Fatal(err)
		}
		var to core.Position
		for _, p := range ps {
			if p.ID != *emp.PositionID && (emp.UnitID == nil || p.UnitID != *emp.UnitID) {
				to = p
				break
			}
		}
		from, _ := s.st.Position(ctx, *emp.PositionID)
		tr := core.Transfer{RoundID: r.ID, EmployeeID: emp.ID, FromUnitID: from.UnitID, FromPositionID: from.ID,
			ToUnitID: to.UnitID, ToPositionID: to.ID, Kind: core.Permanent, Reason: "Pemerataan beban kerja"}
		if err := s.st.CreateTransfer(ctx, &tr, core.ActorPlanner, "usulan"); err != nil {
			s.t.Fatal(err)
		}
		err = s.st.InTx(ctx, func(tx core.Store) error {
			ev, err := tr.Transition(core.TransferAnnounced, core.AdminActor(1), time.Now(), "")
			if err != nil {
				return err
			}
			if err := tx.SaveTransition(ctx, &tr, ev); err != nil {
				return err
			}
			return then(ctx, tx, &tr)
		})
		if err != nil {
			s.t.Fatal(err)
		}
		out[i] = tr
	}
	return out
}

// broadcastSigkill: a round's notices are going out when the process is
// killed with SIGKILL; after a restart every notice is sent, none lost,
// and duplicates are counted.
func (s *suite) broadcastSigkill(t *testing.T) {
	before := s.notices()
	trs := s.announce("Mutasi Uji SIGKILL", s.users)
	n := len(trs)
	countDelivered := func() (int, int) { return s.delivered(before) }
	waitFor(2*time.Minute, func() bool { d, _ := countDelivered(); return d >= n/3 })
	s.app.kill(syscall.SIGKILL)
	atKill, _ := countDelivered()
	start := time.Now()
	s.startApp()
	ok := waitFor(10*time.Minute, func() bool { d, _ := countDelivered(); return d == n })
	delivered, dup := countDelivered()
	pending := s.count("SELECT COUNT(*) FROM outbox_messages WHERE status NOT IN ('sent','failed')")
	report("broadcast-sigkill", "%d notices, SIGKILL after %d delivered; after restart %d/%d delivered in %.1f s, %d lost, %d duplicated, %d outbox rows pending; load %s",
		n, atKill, delivered, n, time.Since(start).Seconds(), n-delivered, dup, pending, loadAvg())
	if !ok || delivered != n {
		t.Errorf("%d notices lost after SIGKILL", n-delivered)
	}
	if dup > 1 { // at most the one message in flight at the kill
		t.Errorf("%d notices sent twice", dup)
	}
}

// telegramFaults: a broadcast while the Bot API answers 429 (Telegram's
// own rates, 1 message a second per chat) and fails 10 %% of calls with
// 5xx, and in bursts: for 5 s it answers only 502s, and later for 5 s
// only 429s (its global rate cut to one message a second).
func (s *suite) telegramFaults(t *testing.T) {
	global, perChat := telegramtest.TelegramRates()
	normal := func() {
		s.fake.SetRates(global, perChat)
		s.fake.SetFailureRate(0.10, telegramtest.FaultBadGateway)
	}
	normal()
	defer s.fake.SetFailureRate(0, 0)
	defer s.fake.SetRates(telegramtest.Rate{}, telegramtest.Rate{})
	before := s.fake.Stats()
	counts := s.notices()
	trs := s.announce("Mutasi Uji Gangguan", s.users)
	n := len(trs)
	start := time.Now()
	delivered := func() (int, int) { return s.delivered(counts) }
	// One burst of each kind, early enough to hit the short run too.
	done := make(chan struct{})
	burstsDone := make(chan struct{})
	var bursts []string
	go func() {
		defer close(burstsDone)
		for _, b := range []struct {
			name string
			set  func()
		}{
			{"5 s of only 502s", func() { s.fake.SetFailureRate(1, telegramtest.FaultBadGateway) }},
			{"5 s of only 429s", func() { s.fake.SetRates(telegramtest.Rate{PerSecond: 1, Burst: 1}, perChat) }},
		} {
			select {
			case <-done:
				return
			case <-time.After(time.Second):
			}
			b.set()
			bursts = append(bursts, b.name)
			select {
			case <-done:
			case <-time.After(5 * time.Second):
			}
			normal()
		}
	}()
	ok := waitFor(10*time.Minute, func() bool { d, _ := delivered(); return d == n })
	close(done)
	<-burstsDone
	d, dup := delivered()
	after := s.fake.Stats()
	report("telegram-429-5xx", "%d notices with 10%% 502s, Telegram's rates and bursts (%s): "+
		"%d delivered in %.1f s, %d lost, %d duplicated; API answers %s; load %s",
		n, strings.Join(bursts, ", then "), d, time.Since(start).Seconds(), n-d, dup, statsDiff(before, after), loadAvg())
	if !ok || dup > 0 {
		t.Errorf("%d lost, %d duplicated", n-d, dup)
	}
}

// redisOutage: Redis stopped for D seconds under use. The bot keeps
// answering (menu and buttons need no Redis), a link attempt is kept and
// the person told so at once, then handled when Redis is back;
// /readyz says 503, and after the restart everything works again.
func (s *suite) redisOutage(t *testing.T) {
	d := pick(5*time.Second, 30*time.Second)
	s.redis.kill(syscall.SIGTERM)
	start := time.Now()
	var asked, answered, ready503 int
	ctx := context.Background()
	users := s.users[:min(20, len(s.users))]
	for time.Since(start) < d {
		for _, eu := range users {
			before := len(s.fake.Sent(eu.u.ID))
			s.fake.SendText(eu.u, "Mutasi Saya")
			asked++
			wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			if waitSent(wctx, s.fake, eu.u.ID, before+1) {
				answered++
			}
			cancel()
		}
		if get(http.DefaultClient, s.url+"/readyz", nil) == http.StatusServiceUnavailable {
			ready503++
		}
	}
	// Linking must count attempts in Redis: the attempt is kept and
	// retried until Redis is back (or refused politely when it stays
	// away), and the person is told so at once.
	stranger := telegramtest.User{ID: 7_999_999, FirstName: "Tamu", LanguageCode: "id"}
	linkAt := time.Now()
	s.fake.SendCommand(stranger, "start", "KODE-APAPUN")
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	told := waitSent(wctx, s.fake, stranger.ID, 1)
	cancel()
	toldAfter := time.Since(linkAt)
	s.redis.start(t)
	s.redis.waitUp(30 * time.Second)
	restart := time.Now()
	recovered := waitFor(2*time.Minute, func() bool { return get(http.DefaultClient, s.url+"/readyz", nil) == http.StatusOK })
	recovery := time.Since(restart)
	// After the outage: a new link works again (it needs Redis).
	late := s.users[0]
	before := len(s.fake.Sent(late.u.ID))
	s.fake.SendText(late.u, "/menu")
	wctx, cancel = context.WithTimeout(ctx, 30*time.Second)
	after := waitSent(wctx, s.fake, late.u.ID, before+1)
	cancel()
	wctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	handled := waitSent(wctx, s.fake, stranger.ID, 2) // the notice, then the answer to the code
	cancel()
	linkWait := time.Since(linkAt)
	var notDone int
	waitFor(time.Minute, func() bool {
		notDone = s.count("SELECT COUNT(*) FROM telegram_updates WHERE status NOT IN ('done', 'failed')")
		return notDone == 0
	})
	report("redis-outage", "Redis down %s: %d/%d menu messages answered meanwhile, /readyz 503 %d times; ready again %.1f s after Redis "+
		"restarted: %v; a link attempt made during the outage (it needs Redis): told it is kept %.1f s after it was sent: %v, handled %.1f s after: %v; "+
		"bot answers after: %v; %d updates unhandled; load %s", d, answered, asked, ready503, recovery.Seconds(), recovered,
		toldAfter.Seconds(), told, linkWait.Seconds(), handled, after, notDone, loadAvg())
	if answered != asked || !told || !handled || !recovered || !after || notDone > 0 {
		t.Errorf("redis outage: %d/%d answered, told %v, handled %v, recovered %v, after %v, %d unhandled",
			answered, asked, told, handled, recovered, after, notDone)
	}
}

// mariadbRestart: MariaDB killed and restarted. Meanwhile the API
// answers 503 (never 500), updates sent meanwhile are handled after
// the restart, and everything recovers by itself.
func (s *suite) mariadbRestart(t *testing.T) {
	down := pick(5*time.Second, 20*time.Second)
	s.db.kill(syscall.SIGKILL)
	start := time.Now()
	codes := map[int]int{}
	users := s.users[:min(20, len(s.users))]
	var ups []int64
	for time.Since(start) < down {
		codes[get(http.DefaultClient, s.url+"/api/v1/employees?limit=5", map[string]string{"Authorization": "Bearer " + s.token})]++
		codes[get(http.DefaultClient, s.url+"/readyz", nil)]++
		if len(ups) < len(users) {
			ups = append(ups, s.fake.SendText(users[len(ups)].u, "Mutasi Saya").UpdateID)
		}
		time.Sleep(200 * time.Millisecond)
	}
	s.db.start(t)
	restart := time.Now()
	s.db.waitUp(3 * time.Minute)
	recovered := waitFor(3*time.Minute, func() bool {
		return get(http.DefaultClient, s.url+"/api/v1/employees?limit=5", map[string]string{"Authorization": "Bearer " + s.token}) == http.StatusOK
	})
	recovery := time.Since(restart)
	var handled int
	waitFor(2*time.Minute, func() bool {
		handled = s.count(fmt.Sprintf("SELECT COUNT(*) FROM telegram_updates WHERE status = 'done' AND update_id IN (%s)", joinIDs(ups)))
		return handled == len(ups)
	})
	report("mariadb-restart", "MariaDB down %s: answers meanwhile %v (no 500 wanted); API back %.1f s after restart: %v; "+
		"%d/%d updates sent during the outage handled after it; load %s", down, codes, recovery.Seconds(), recovered, handled, len(ups), loadAvg())
	if codes[http.StatusInternalServerError] > 0 || !recovered || handled != len(ups) {
		t.Errorf("mariadb restart: codes %v, recovered %v, %d/%d updates", codes, recovered, handled, len(ups))
	}
}

func joinIDs(ids []int64) string {
	if len(ids) == 0 {
		return "0"
	}
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = fmt.Sprint(id)
	}
	return strings.Join(s, ",")
}

func waitSent(ctx context.Context, f *telegramtest.Server, chat int64, n int) bool {
	for {
		if len(f.Sent(chat)) >= n {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-time.After(25 * time.Millisecond):
		}
	}
}

func statsDiff(a, b telegramtest.Stats) string {
	return fmt.Sprintf("%d calls, %d sent, %d×429, %d×5xx, %d lost replies", b.Requests-a.Requests, b.Sent-a.Sent,
		b.TooManyRequests-a.TooManyRequests, b.ServerErrors-a.ServerErrors, b.LostReplies-a.LostReplies)
}

// notices counts, per user, the transfer notices the bot sent them.
func (s *suite) notices() []int {
	out := make([]int, len(s.users))
	for i, eu := range s.users {
		for _, m := range s.fake.Sent(eu.u.ID) {
			if strings.Contains(m.Text, "Pemberitahuan mutasi:") {
				out[i]++
			}
		}
	}
	return out
}

// delivered compares notice counts with before: how many users got at
// least one new notice, and how many extra copies arrived.
func (s *suite) delivered(before []int) (got, dup int) {
	for i, c := range s.notices() {
		if c > before[i] {
			got++
		}
		if c > before[i]+1 {
			dup += c - before[i] - 1
		}
	}
	return got, dup
}
