package bot_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seimbang/seimbang/bot"
	"github.com/seimbang/seimbang/bot/telegramtest"
	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/redisstore"
)

// testClock is the real time moved by an offset the test controls, so that
// the fake Bot API (WithClock), the bot and the store agree on "now".
type testClock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.off)
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.off += d
}

// harness is one bot, its sender, a database, Redis and the fake Bot API.
type harness struct {
	t      testing.TB
	ctx    context.Context
	mode   string
	fake   *telegramtest.Server
	st     *gormstore.Store
	store  bot.Store // what the bot is given (st, or a fault-injecting wrapper)
	rconn  *redisstore.Conn
	redis  *redisstore.BotState
	prefix string
	clock  *testClock
	hook   *httptest.Server
	route  atomic.Pointer[http.Handler]
	cfg    bot.Config

	stop  func() // stops the running bot and sender
	fx    fixture
	tweak func(*bot.Config)
}

type option func(h *harness)

// withStore wraps the store the bot sees.
func withStore(wrap func(bot.Store) bot.Store) option {
	return func(h *harness) { h.store = wrap(h.store) }
}

// withConfig changes the bot's configuration.
func withConfig(f func(*bot.Config)) option {
	return func(h *harness) { h.tweak = f }
}

// newHarness opens a fresh database on b and Redis (the external server
// when SEIMBANG_TEST_REDIS_URL is set, else an embedded one), seeds a small
// regency and starts the bot in mode against a fake Bot API.
func newHarness(t testing.TB, b storetest.Backend, mode string, opts ...option) *harness {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	h := &harness{t: t, ctx: ctx, mode: mode, clock: &testClock{}}
	h.fake = telegramtest.New(t, telegramtest.WithClock(h.clock.Now))
	h.st = b.Open(t)
	h.store = h.st
	conn, err := redisstore.Open(ctx, os.Getenv("SEIMBANG_TEST_REDIS_URL"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	h.rconn = conn
	h.prefix = "seimbang:test:" + core.NewSecret(8) + ":"
	h.redis = redisstore.NewBotState(conn).WithPrefix(h.prefix)
	t.Cleanup(func() { h.flushRedis() })
	for _, o := range opts {
		o(h)
	}
	h.fx = seedFixture(t, h.st)
	h.hook = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := h.route.Load(); p != nil {
			(*p).ServeHTTP(w, r)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(h.hook.Close)
	h.cfg = bot.Config{Token: h.fake.Token(), APIURL: h.fake.URL(), Mode: mode, Rate: 25,
		WebhookSecret: "rahasia-webhook_1", BaseURL: h.hook.URL, PollTimeout: time.Second, Workers: 4,
		RecoverAfter: time.Second, RecoverEvery: 200 * time.Millisecond, OutboxPoll: 20 * time.Millisecond,
		RetryBase: 20 * time.Millisecond}
	if h.tweak != nil {
		h.tweak(&h.cfg)
	}
	h.start()
	return h
}

// start runs a bot and a sender until the test ends or stop is called.
func (h *harness) start() {
	h.t.Helper()
	deps := bot.Deps{Store: h.store, State: h.redis, Limiter: h.redis, Clock: h.clock}
	b, err := bot.New(h.cfg, deps)
	if err != nil {
		h.t.Fatal(err)
	}
	s, err := bot.NewSender(h.cfg, deps)
	if err != nil {
		h.t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(bot.WebhookPath, b.WebhookHandler())
	var route http.Handler = mux
	h.route.Store(&route)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _ = b.Run(ctx) }()
	go func() { defer wg.Done(); _ = s.Run(ctx) }()
	var once sync.Once
	h.stop = func() { once.Do(func() { cancel(); wg.Wait() }) }
	h.t.Cleanup(h.stop)
}

// flushRedis deletes this harness's keys, as a Redis restart would.
func (h *harness) flushRedis() {
	ctx := context.Background()
	iter := h.rconn.Client.Scan(ctx, 0, h.prefix+"*", 100).Iterator()
	for iter.Next(ctx) {
		h.rconn.Client.Del(ctx, iter.Val())
	}
}

// waitText waits until the bot sent a message containing want to u and
// returns the last such message.
func (h *harness) waitText(u telegramtest.User, want string) telegramtest.Message {
	h.t.Helper()
	var found telegramtest.Message
	err := h.fake.Wait(h.ctx, func() bool {
		for _, m := range h.fake.Sent(u.ID) {
			if strings.Contains(m.Text, want) {
				found = m
			}
		}
		return found.MessageID != 0
	})
	if err != nil {
		var texts []string
		for _, m := range h.fake.Sent(u.ID) {
			texts = append(texts, m.Text)
		}
		h.t.Fatalf("no message to %d containing %q; sent:\n%s", u.ID, want, strings.Join(texts, "\n---\n"))
	}
	return found
}

// countText counts the bot's messages to u containing want.
func (h *harness) countText(u telegramtest.User, want string) int {
	n := 0
	for _, m := range h.fake.Sent(u.ID) {
		if strings.Contains(m.Text, want) {
			n++
		}
	}
	return n
}

// waitFor waits until cond holds (it may read the database).
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	if err := h.fake.Wait(h.ctx, cond); err != nil {
		h.t.Fatalf("waiting for %s: %v", what, err)
	}
}

// press presses the button labelled label on message m and waits until
// the bot has handled the press.
func (h *harness) press(u telegramtest.User, m telegramtest.Message, label string) telegramtest.Update {
	h.t.Helper()
	bt, ok := m.Button(label)
	if !ok {
		h.t.Fatalf("message %q has no button %q", m.Text, label)
	}
	return h.pressData(u, m.MessageID, bt.CallbackData, true)
}

// pressData sends a callback with data (forged when !real) and waits for
// the bot's answer to it.
func (h *harness) pressData(u telegramtest.User, msgID int, data string, real bool) telegramtest.Update {
	h.t.Helper()
	var up telegramtest.Update
	if real {
		up = h.fake.PressButton(u, msgID, data)
	} else {
		up = h.fake.ForgeCallback(u, msgID, data)
	}
	h.waitDone(up.UpdateID)
	return up
}

// waitDone waits until the update is handled (done or failed).
func (h *harness) waitDone(id int64) {
	h.t.Helper()
	h.waitFor(fmt.Sprintf("update %d handled", id), func() bool {
		u, err := h.st.InboundUpdate(context.Background(), id)
		return err == nil && u.Status != core.UpdatePending
	})
}

// say sends text from u and waits until the bot handled it.
func (h *harness) say(u telegramtest.User, text string) {
	h.t.Helper()
	up := h.fake.SendText(u, text)
	h.waitDone(up.UpdateID)
}

// fixture is a small regency: two units with a position each, a few more
// units to search, two employees, and a round with an objection deadline.
type fixture struct {
	from, to     core.Unit
	fromPos      core.Position
	toPos        core.Position
	ani, budi    core.Employee // Ani links by code, Budi by contact
	cici         core.Employee // never links in most tests
	round        core.Round
	otherUnitIDs []int64
}

func seedFixture(t testing.TB, st *gormstore.Store) fixture {
	t.Helper()
	ctx := context.Background()
	var f fixture
	f.from = core.Unit{Code: "DINKES", Name: "Dinas Kesehatan", Kind: core.UnitOffice, TimeZone: core.WIB}
	f.to = core.Unit{Code: "PKM-SUKA", Name: "Puskesmas Sukamaju", Kind: core.UnitHealthCentre, TimeZone: core.WIB}
	for _, u := range []*core.Unit{&f.from, &f.to} {
		if err := st.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 10 {
		u := core.Unit{Code: fmt.Sprintf("SD-%02d", i), Name: fmt.Sprintf("SD Negeri %02d Harapan", i), Kind: core.UnitSchool}
		if err := st.CreateUnit(ctx, &u); err != nil {
			t.Fatal(err)
		}
		f.otherUnitIDs = append(f.otherUnitIDs, u.ID)
	}
	f.fromPos = core.Position{Code: "DINKES-ADM", UnitID: f.from.ID, Name: "Pengadministrasi Umum", Kind: core.Executor}
	f.toPos = core.Position{Code: "PKM-ADM", UnitID: f.to.ID, Name: "Pengadministrasi <Keuangan>", Kind: core.Executor}
	for _, p := range []*core.Position{&f.fromPos, &f.toPos} {
		if err := st.CreatePosition(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	mk := func(nip, name, phone string) core.Employee {
		e := core.Employee{NIP: nip, Name: name, Golongan: "III/a", PositionID: &f.fromPos.ID,
			TMTJabatan: core.Date{Year: 2018, Month: 1, Day: 2}, Phone: phone, Active: true}
		if err := st.CreateEmployee(ctx, &e); err != nil {
			t.Fatal(err)
		}
		return e
	}
	f.ani = mk("198503122010012003", "Ani Suryani", "0812-1111-0001")
	f.budi = mk("198001012005011001", "Budi Santoso", "0812-1111-0002")
	f.cici = mk("199002022015012002", "Cici Lestari", "0812-1111-0003")
	deadline := time.Now().Add(7 * 24 * time.Hour).UTC()
	f.round = core.Round{Name: "Mutasi Desember 2026", ObjectionDeadline: &deadline,
		EffectiveDate: core.Date{Year: 2027, Month: 1, Day: 4}, CreatedBy: "admin:1"}
	if err := st.CreateRound(ctx, &f.round); err != nil {
		t.Fatal(err)
	}
	return f
}

// announce creates a transfer for e and announces it with its notice in
// one transaction, as the round workflow does.
func (h *harness) announce(e core.Employee) core.Transfer {
	h.t.Helper()
	ctx := context.Background()
	tr := core.Transfer{RoundID: h.fx.round.ID, EmployeeID: e.ID, FromUnitID: h.fx.from.ID, FromPositionID: h.fx.fromPos.ID,
		ToUnitID: h.fx.to.ID, ToPositionID: h.fx.toPos.ID, Kind: core.Permanent, Reason: "Puskesmas kekurangan tenaga administrasi & keuangan"}
	if err := h.st.CreateTransfer(ctx, &tr, core.ActorPlanner, "usulan"); err != nil {
		h.t.Fatal(err)
	}
	err := h.st.InTx(ctx, func(tx core.Store) error {
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
		h.t.Fatal(err)
	}
	return tr
}

// linkCode creates a link code for e and returns it.
func (h *harness) linkCode(e core.Employee) string {
	h.t.Helper()
	code := core.NewSecret(10)
	lc := core.LinkCode{EmployeeID: e.ID, Hash: core.HashSecret(code), ExpiresAt: h.clock.Now().Add(core.LinkCodeTTL),
		CreatedBy: core.AdminActor(1)}
	if err := h.st.CreateLinkCode(context.Background(), &lc); err != nil {
		h.t.Fatal(err)
	}
	return code
}

// linkAni links Ani through a code and waits for the greeting.
func (h *harness) linkAni(u telegramtest.User) {
	h.t.Helper()
	h.fake.SendCommand(u, "start", h.linkCode(h.fx.ani))
	h.waitText(u, "telah terhubung")
}

// outbox returns the outbox messages of e, by id.
func (h *harness) outbox(e core.Employee) []core.OutboxMessage {
	h.t.Helper()
	db, err := h.st.DB()
	if err != nil {
		h.t.Fatal(err)
	}
	rows, err := db.Query("SELECT id FROM outbox_messages WHERE employee_id = ? ORDER BY id", e.ID)
	if err != nil {
		h.t.Fatal(err)
	}
	defer rows.Close()
	var out []core.OutboxMessage
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			h.t.Fatal(err)
		}
		m, err := h.st.OutboxMessage(context.Background(), id)
		if err != nil {
			h.t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}
