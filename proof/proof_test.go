//go:build proof

package proof

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
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
// after bot-flow use its linked employees.
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
		{"panel-load", (*suite).panelLoad},
		{"broadcast-sigkill", (*suite).broadcastSigkill},
		{"telegram-429-5xx", (*suite).telegramFaults},
		{"redis-outage", (*suite).redisOutage},
		{"mariadb-restart", (*suite).mariadbRestart},
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
	s.t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(7 * 24 * time.Hour).UTC()
	r := core.Round{Name: name, ObjectionDeadline: &deadline, EffectiveDate: core.Date{Year: 2027, Month: 1, Day: 4}, CreatedBy: "admin:1"}
	if err := s.st.CreateRound(ctx, &r); err != nil {
		s.t.Fatal(err)
	}
	ps, err := s.st.Positions(ctx, core.PositionFilter{})
	if err != nil {
		s.t.Fatal(err)
	}
	out := make([]core.Transfer, len(users))
	for i, eu := range users {
		var to core.Position
		for _, p := range ps {
			if p.ID != *eu.emp.PositionID && (eu.emp.UnitID == nil || p.UnitID != *eu.emp.UnitID) {
				to = p
				break
			}
		}
		from, _ := s.st.Position(ctx, *eu.emp.PositionID)
		tr := core.Transfer{RoundID: r.ID, EmployeeID: eu.emp.ID, FromUnitID: from.UnitID, FromPositionID: from.ID,
			ToUnitID: to.UnitID, ToPositionID: to.ID, Kind: core.Permanent, Reason: "Pemerataan beban kerja"}
		if err := s.st.CreateTransfer(ctx, &tr, core.ActorPlanner, "usulan"); err != nil {
			s.t.Fatal(err)
		}
		err := s.st.InTx(ctx, func(tx core.Store) error {
			ev, err := tr.Transition(core.TransferAnnounced, core.AdminActor(1), time.Now(), "")
			if err != nil {
				return err
			}
			if err := tx.SaveTransition(ctx, &tr, ev); err != nil {
				return err
			}
			return core.EnqueueTransferNotice(ctx, tx, tr)
		})
		if err != nil {
			s.t.Fatal(err)
		}
		out[i] = tr
	}
	return out
}

// botFlow: N employees at once link with a code, read their transfer
// notice and acknowledge it, file an objection through the whole dialogue
// and answer a survey. Every update must be handled, every objection and
// response stored.
func (s *suite) botFlow(t *testing.T) {
	ctx := context.Background()
	n := pick(50, 1000)
	var emps []core.Employee
	for len(emps) < n { // the store hands out at most 500 a page
		page, _, err := s.st.Employees(ctx, core.EmployeeFilter{Limit: min(500, n-len(emps)), Offset: len(emps)})
		if err != nil || len(page) == 0 {
			t.Fatalf("demo employees: %d, %v", len(emps), err)
		}
		emps = append(emps, page...)
	}
	codes := make([]string, n)
	for i := range n {
		s.users = append(s.users, employeeUser{u: telegramtest.User{ID: int64(7_000_000 + i), FirstName: fmt.Sprintf("Pegawai%d", i),
			LanguageCode: "id"}, emp: emps[i]})
		codes[i] = core.NewSecret(10)
		lc := core.LinkCode{EmployeeID: emps[i].ID, Hash: core.HashSecret(codes[i]), ExpiresAt: time.Now().Add(core.LinkCodeTTL),
			CreatedBy: core.AdminActor(1)}
		if err := s.st.CreateLinkCode(ctx, &lc); err != nil {
			t.Fatal(err)
		}
	}
	updatesBefore := s.count("SELECT COUNT(*) FROM telegram_updates")
	var lat latencies
	var failed atomic.Int64
	var pushed atomic.Int64
	step := func(ctx context.Context, u telegramtest.User, push func(), want string, nth int) (telegramtest.Message, bool) {
		start := time.Now()
		push()
		pushed.Add(1)
		m, ok := s.waitText(ctx, u, want, nth)
		if !ok {
			failed.Add(1)
			return m, false
		}
		lat.add(time.Since(start))
		return m, true
	}
	press := func(ctx context.Context, u telegramtest.User, m telegramtest.Message, label, want string, nth int) (telegramtest.Message, bool) {
		b, ok := m.Button(label)
		if !ok {
			failed.Add(1)
			return m, false
		}
		return step(ctx, u, func() { s.fake.PressButton(u, m.MessageID, b.CallbackData) }, want, nth)
	}
	ctx, cancel := context.WithTimeout(ctx, pick(5*time.Minute, 20*time.Minute))
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for i, eu := range s.users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			step(ctx, eu.u, func() { s.fake.SendCommand(eu.u, "start", codes[i]) }, "telah terhubung", 1)
		}()
	}
	wg.Wait()
	linkTime := time.Since(start)

	// The notices and the survey invitations go out through the outbox.
	bstart := time.Now()
	trs := s.announce("Mutasi Uji Beban", s.users)
	tmpl := core.SurveyTemplate{Name: "Kepuasan uji", Questions: []core.SurveyQuestion{{Position: 1, Kind: core.QuestionLikert,
		Text: "Saya puas dengan penempatan baru.", TextEN: "I am satisfied.", Options: []string{"Sangat tidak setuju", "Tidak setuju",
			"Netral", "Setuju", "Sangat setuju"}, Required: true}}}
	if err := s.st.CreateSurveyTemplate(ctx, &tmpl); err != nil {
		t.Fatal(err)
	}
	wave := core.SurveyWave{RoundID: trs[0].RoundID, TemplateID: tmpl.ID, Seq: 1, After: time.Hour}
	if err := s.st.CreateSurveyWave(ctx, &wave); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	for _, tr := range trs {
		inv := core.SurveyInvitation{WaveID: wave.ID, TransferID: tr.ID, EmployeeID: tr.EmployeeID, Status: core.InvitationInvited,
			DueAt: now, InvitedAt: &now}
		if _, err := s.st.CreateSurveyInvitation(ctx, &inv); err != nil {
			t.Fatal(err)
		}
		if err := s.st.InTx(ctx, func(tx core.Store) error { return core.EnqueueSurveyInvitation(ctx, tx, inv, 0) }); err != nil {
			t.Fatal(err)
		}
	}
	var noticesIn atomic.Int64
	for _, eu := range s.users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, ok := s.waitText(ctx, eu.u, "Survei kepuasan pascamutasi", 1); ok {
				noticesIn.Add(1)
			}
		}()
	}
	wg.Wait()
	broadcast := time.Since(bstart)

	fstart := time.Now()
	for _, eu := range s.users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := eu.u
			notice, ok := s.waitText(ctx, u, "Pemberitahuan mutasi:", 1)
			if !ok {
				failed.Add(1)
				return
			}
			if _, ok := press(ctx, u, notice, "Terima", "Tanda terima Anda telah dicatat", 1); !ok {
				return
			}
			cats, ok := press(ctx, u, notice, "Ajukan keberatan", "pilih kategori", 1)
			if !ok {
				return
			}
			if _, ok := press(ctx, u, cats, "Kesehatan", "tuliskan alasan", 1); !ok {
				return
			}
			files, ok := step(ctx, u, func() { s.fake.SendText(u, "Saya sedang menjalani perawatan rutin di RSUD.") }, "dokumen pendukung", 1)
			if !ok {
				return
			}
			confirm, ok := press(ctx, u, files, "Lewati", "Periksa kembali keberatan", 1)
			if !ok {
				return
			}
			if _, ok := press(ctx, u, confirm, "Kirim", "nomor tanda terima", 1); !ok {
				return
			}
			inv, ok := s.waitText(ctx, u, "Survei kepuasan pascamutasi", 1)
			if !ok {
				failed.Add(1)
				return
			}
			q, ok := press(ctx, u, inv, "Isi survei", "Pertanyaan 1/1", 1)
			if !ok {
				return
			}
			press(ctx, u, q, "4 · Setuju", "Seluruh jawaban Anda telah tersimpan", 1)
		}()
	}
	wg.Wait()
	flow := time.Since(fstart)
	total := time.Since(start)

	// Counted, not assumed: every update stored and handled, every
	// acknowledgement, objection and response in the database.
	var handled, notDone int
	if !waitFor(time.Minute, func() bool {
		notDone = s.count("SELECT COUNT(*) FROM telegram_updates WHERE status <> 'done'")
		return notDone == 0
	}) {
		t.Errorf("%d updates not handled", notDone)
	}
	handled = s.count("SELECT COUNT(*) FROM telegram_updates") - updatesBefore
	acks := s.count("SELECT COUNT(*) FROM transfers WHERE round_id = ? AND acknowledged_at IS NOT NULL", trs[0].RoundID)
	objs := s.count("SELECT COUNT(*) FROM objections o JOIN transfers t ON t.id = o.transfer_id WHERE t.round_id = ?", trs[0].RoundID)
	resp := s.count("SELECT COUNT(*) FROM survey_responses r JOIN survey_questions q ON q.id = r.question_id WHERE q.template_id = ?", tmpl.ID)
	lost := int(pushed.Load()) - handled
	report("bot-flow", "%d employees at once, %d updates (link, notice ack, 6-step objection, survey): %.0f updates/s over the flow, "+
		"reply p50 %s p99 %s; link %.1f s, %d notices + %d invitations delivered in %.1f s (%.1f msg/s at rate 25), flow %.1f s, total %.1f s; "+
		"stored: %d acks, %d objections, %d responses; %d lost, %d steps without reply; load %s",
		n, pushed.Load(), float64(pushed.Load()-int64(n))/flow.Seconds(), ms(lat.pct(50)), ms(lat.pct(99)), linkTime.Seconds(),
		n, noticesIn.Load(), broadcast.Seconds(), float64(2*n)/broadcast.Seconds(), flow.Seconds(), total.Seconds(), acks, objs, resp,
		max(lost, 0), failed.Load(), loadAvg())
	if acks != n || objs != n || resp != n || lost > 0 || failed.Load() > 0 {
		t.Errorf("bot flow lost work: %d acks, %d objections, %d responses of %d; %d updates lost; %d steps failed", acks, objs, resp, n, lost, failed.Load())
	}
}

// panelLoad: C clients at once read the dashboard, the employee list and
// the API's employee list for D seconds.
func (s *suite) panelLoad(t *testing.T) {
	clients := pick(20, 200)
	d := pick(10*time.Second, 60*time.Second)
	emps := s.count("SELECT COUNT(*) FROM employees")
	var lat latencies
	var errs, n atomic.Int64
	codes := sync.Map{}
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var wg sync.WaitGroup
	paths := []string{"/api/v1/employees?limit=50", "/api/v1/workload", "/api/v1/employees?q=Siti&limit=50"}
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	c := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; ctx.Err() == nil; j++ {
				p := paths[(i+j)%len(paths)]
				st := time.Now()
				code := get(c, s.url+p, map[string]string{"Authorization": "Bearer " + s.token})
				lat.add(time.Since(st))
				n.Add(1)
				if code != http.StatusOK {
					errs.Add(1)
					v, _ := codes.LoadOrStore(code, new(atomic.Int64))
					v.(*atomic.Int64).Add(1)
				}
			}
		}()
	}
	wg.Wait()
	var bad []string
	codes.Range(func(k, v any) bool {
		bad = append(bad, fmt.Sprintf("%v×%d", k, v.(*atomic.Int64).Load()))
		return true
	})
	report("panel-load", "%d clients for %s on %d employees (API list, workload, search): %.0f req/s, p50 %s p99 %s, %d errors %v; load %s",
		clients, d, emps, float64(n.Load())/d.Seconds(), ms(lat.pct(50)), ms(lat.pct(99)), errs.Load(), bad, loadAvg())
	if errs.Load() > 0 {
		t.Errorf("%d requests failed: %v", errs.Load(), bad)
	}
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
