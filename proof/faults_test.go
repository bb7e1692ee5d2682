//go:build proof

package proof

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
)

// waveEnv makes a survey wave due as soon as a transfer takes effect: one
// wave an hour after the effective date, any time of day, looked for every
// second.
var waveEnv = []string{"SEIMBANG_SURVEY_WAVES=1h", "SEIMBANG_WORK_HOURS=", "SEIMBANG_SCHEDULER_TICK=1s"}

// restartWith stops "seimbang serve" and starts it again with the suite's
// settings and extra ones (none: the suite's own).
func (s *suite) restartWith(extra ...string) {
	s.t.Helper()
	s.app.kill(syscall.SIGTERM)
	s.app.env = append(s.env(), extra...)
	s.startApp()
}

// every polls cond every interval until it holds or d passes; for
// conditions too costly to check every 50 ms.
func every(d, interval time.Duration, cond func() bool) bool {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		if cond() {
			return true
		}
		time.Sleep(interval)
	}
	return cond()
}

// wave is a round of approved transfers for the scheduler to apply and
// survey, and what each user had received before it.
type wave struct {
	round   int64
	n       int
	noticed []int // "effective" notices per user before
}

// approveWave creates a round effective tomorrow with one approved
// transfer per user, then moves its effective date to yesterday in one
// statement, so that the scheduler finds every transfer due at once.
func (s *suite) approveWave(name string) wave {
	s.t.Helper()
	tomorrow := core.DateOf(time.Now().In(core.WIT.Location())).AddDate(0, 0, 1)
	trs := s.transfers(name, tomorrow, s.users, func(ctx context.Context, tx core.Store, tr *core.Transfer) error {
		ev, err := tr.Transition(core.TransferApproved, core.AdminActor(1), time.Now(), "SK ditandatangani")
		if err != nil {
			return err
		}
		return tx.SaveTransition(ctx, tr, ev)
	})
	w := wave{round: trs[0].RoundID, n: len(trs), noticed: s.countSent("Mutasi Anda telah berlaku")}
	db, err := s.st.DB()
	if err != nil {
		s.t.Fatal(err)
	}
	yesterday := tomorrow.AddDate(0, 0, -2)
	if _, err := db.Exec("UPDATE rounds SET effective_date = ? WHERE id = ?", yesterday.String(), w.round); err != nil {
		s.t.Fatal(err)
	}
	return w
}

// countSent counts, per user, the messages the bot sent them containing text.
func (s *suite) countSent(text string) []int {
	out := make([]int, len(s.users))
	for i, eu := range s.users {
		for _, m := range s.fake.Sent(eu.u.ID) {
			if strings.Contains(m.Text, text) {
				out[i]++
			}
		}
	}
	return out
}

// waveState is a wave counted in the database and at the fake Bot API.
type waveState struct {
	effective   int // transfers in effect
	invitations int // survey_invitations rows of the round
	invitees    int // distinct employees among them
	invited     int // rows with status invited
	delivered   int // invitations whose message arrived at least once
	dup         int // extra copies of invitation messages
	noticed     int // users with a new "effective" notice
	noticeDup   int // extra copies of those
}

// state counts w now.
func (s *suite) state(w wave) waveState {
	s.t.Helper()
	var st waveState
	st.effective = s.count("SELECT COUNT(*) FROM transfers WHERE round_id = ? AND status = 'effective'", w.round)
	const invs = " FROM survey_invitations i JOIN transfers t ON t.id = i.transfer_id WHERE t.round_id = ?"
	st.invitations = s.count("SELECT COUNT(*)"+invs, w.round)
	st.invitees = s.count("SELECT COUNT(DISTINCT i.employee_id)"+invs, w.round)
	st.invited = s.count("SELECT COUNT(*)"+invs+" AND i.status = 'invited'", w.round)
	ids := s.ids("SELECT i.id"+invs, w.round)
	copies := map[int64]int{}
	for _, eu := range s.users {
		for _, m := range s.fake.Sent(eu.u.ID) {
			b, ok := m.Button("Isi survei")
			if !ok || strings.HasPrefix(m.Text, "Pengingat") {
				continue
			}
			verb, id, _ := strings.Cut(b.CallbackData, ":")
			n, err := strconv.ParseInt(id, 10, 64)
			if verb == "sv" && err == nil && ids[n] {
				copies[n]++
			}
		}
	}
	for _, c := range copies {
		st.delivered++
		st.dup += c - 1
	}
	for i, c := range s.countSent("Mutasi Anda telah berlaku") {
		if c > w.noticed[i] {
			st.noticed++
			st.noticeDup += c - w.noticed[i] - 1
		}
	}
	return st
}

// ids runs a query of ids on the system's database.
func (s *suite) ids(q string, args ...any) map[int64]bool {
	s.t.Helper()
	db, err := s.st.DB()
	if err != nil {
		s.t.Fatal(err)
	}
	rows, err := db.Query(q, args...)
	if err != nil {
		s.t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			s.t.Fatal(err)
		}
		out[id] = true
	}
	if err := rows.Err(); err != nil {
		s.t.Fatal(err)
	}
	return out
}

// inFlight counts outbox messages claimed by a sender and not yet
// recorded: after a SIGKILL, the ones that may have reached Telegram
// without being marked sent.
func (s *suite) inFlight() int {
	return s.count("SELECT COUNT(*) FROM outbox_messages WHERE status = 'sending'")
}

// surveyWaveSigkill: approved transfers come due; the scheduler applies
// them (moving each employee, telling them, scheduling the survey wave)
// and invites every employee. The process is killed with SIGKILL twice:
// while it applies the transfers, and while the invitations go out. After
// the restart every employee is invited exactly once and every message
// delivered; duplicates are at most the messages in flight at the kills.
func (s *suite) surveyWaveSigkill(t *testing.T) {
	s.restartWith(waveEnv...)
	defer s.restartWith()
	w := s.approveWave("Mutasi Uji Gelombang SIGKILL")
	n := w.n
	start := time.Now()
	waitFor(2*time.Minute, func() bool {
		return s.count("SELECT COUNT(*) FROM transfers WHERE round_id = ? AND status = 'effective'", w.round) >= n/4
	})
	s.app.kill(syscall.SIGKILL)
	first, flight1 := s.state(w), s.inFlight()
	s.startApp()
	every(5*time.Minute, 250*time.Millisecond, func() bool { return s.state(w).delivered >= n/3 })
	s.app.kill(syscall.SIGKILL)
	second, flight2 := s.state(w), s.inFlight()
	restart := time.Now()
	s.startApp()
	ok := every(10*time.Minute, 250*time.Millisecond, func() bool { st := s.state(w); return st.delivered == n && st.noticed == n })
	end := s.state(w)
	pending := s.count("SELECT COUNT(*) FROM outbox_messages WHERE status NOT IN ('sent', 'failed')")
	failed := s.count("SELECT COUNT(*) FROM outbox_messages WHERE status = 'failed'")
	scheduled := s.count("SELECT COUNT(*) FROM survey_invitations i JOIN transfers t ON t.id = i.transfer_id WHERE t.round_id = ? AND i.status <> 'invited'", w.round)
	report("survey-wave-sigkill", "%d approved transfers due at once; 1st SIGKILL while applying them (%d effective, %d invitations, %d in flight), "+
		"2nd while inviting (%d/%d invitations delivered, %d in flight); after the restart in %.1f s (%.1f s in all): %d effective, "+
		"%d invitation rows for %d employees (%d invited, %d not), %d/%d invitations and %d/%d effective notices delivered, "+
		"%d lost, %d + %d duplicated (in flight at the kills: %d), %d outbox rows pending, %d failed; load %s",
		n, first.effective, first.invitations, flight1, second.delivered, n, flight2, time.Since(restart).Seconds(), time.Since(start).Seconds(),
		end.effective, end.invitations, end.invitees, end.invited, scheduled, end.delivered, n, end.noticed, n,
		n-end.delivered+n-end.noticed, end.dup, end.noticeDup, flight1+flight2, pending, failed, loadAvg())
	if !ok || end.effective != n || end.invitations != n || end.invitees != n || end.invited != n || scheduled > 0 || pending > 0 || failed > 0 {
		t.Errorf("survey wave after SIGKILL: %+v of %d; %d invitations not invited, %d outbox rows pending, %d failed", end, n, scheduled, pending, failed)
	}
	if end.dup+end.noticeDup > flight1+flight2 {
		t.Errorf("%d messages sent twice, more than the %d in flight at the kills", end.dup+end.noticeDup, flight1+flight2)
	}
}

// importNIP is the NIP of row i of importRows: born 2000–2005, started
// in January 2026, which the demo regency does not use.
func importNIP(i int) string {
	birth := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%2000)
	return fmt.Sprintf("%s202601%d%03d", birth.Format("20060102"), 1+i%2, 1+i/2000)
}

// importRows writes an employee import of n new people, named "Uji Impor
// i", to a CSV file and returns its path.
func (s *suite) importRows(n int) string {
	s.t.Helper()
	ps, err := s.st.Positions(context.Background(), core.PositionFilter{})
	if err != nil {
		s.t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("nip;nama;jabatan;tmt_jabatan\n")
	for i := range n {
		fmt.Fprintf(&b, "%s;Uji Impor %d;%s;2026-01-0%d\n", importNIP(i), i, ps[i%len(ps)].Code, 1+i%9)
	}
	path := filepath.Join(s.dir, fmt.Sprintf("pegawai-%d.csv", n))
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		s.t.Fatal(err)
	}
	return path
}

// checksum returns MariaDB's checksum of a table.
func (s *suite) checksum(table string) int64 {
	s.t.Helper()
	db, err := s.st.DB()
	if err != nil {
		s.t.Fatal(err)
	}
	var name string
	var sum int64
	if err := db.QueryRow("CHECKSUM TABLE "+table).Scan(&name, &sum); err != nil {
		s.t.Fatal(err)
	}
	return sum
}

// holdNIP inserts an employee with nip in a transaction of its own
// connection, kept open until release rolls it back: another writer
// holding the row the import will reach, so that the import waits there.
// (A plain connection, not the store's InTx, which may run its function
// again.)
func (s *suite) holdNIP(nip string) (release func()) {
	s.t.Helper()
	ctx := context.Background()
	db, err := s.st.DB()
	if err != nil {
		s.t.Fatal(err)
	}
	c, err := db.Conn(ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	for _, q := range []string{"START TRANSACTION",
		"INSERT INTO employees (nip, name, competencies, created_at, updated_at) VALUES ('" + nip + "', 'Penahan Baris', '', NOW(6), NOW(6))"} {
		if _, err := c.ExecContext(ctx, q); err != nil {
			c.Close()
			s.t.Fatal(err)
		}
	}
	return func() {
		if _, err := c.ExecContext(ctx, "ROLLBACK"); err != nil {
			s.t.Error(err)
		}
		c.Close()
	}
}

// importSigkill: "seimbang import" of a large employee file is killed
// with SIGKILL in the middle of its transaction. The import writes 1,000
// rows a statement, about 10,000 a second: too fast to catch mid-way by
// watching. So another transaction holds, uncommitted, the NIP of the
// row three quarters in; the import waits there with the rows before it
// written, and is killed as soon as MariaDB's process list shows its
// INSERT waiting for a second (innodb_trx does not list the import's
// transaction reliably). Afterwards none of the file's rows is in the database and the
// tables it writes are unchanged; the same import run again stores every
// row.
func (s *suite) importSigkill(t *testing.T) {
	n := pick(5000, 20000)
	path := s.importRows(n)
	const mine = "SELECT COUNT(*) FROM employees WHERE name LIKE 'Uji Impor %'"
	const audits = "SELECT COUNT(*) FROM audit_log WHERE action = 'import.employees'"
	emps, ours, imports := s.count("SELECT COUNT(*) FROM employees"), s.count(mine), s.count(audits)
	tables := []string{"employees", "positions", "units"}
	sums := map[string]int64{}
	for _, tb := range tables {
		sums[tb] = s.checksum(tb)
	}
	release := s.holdNIP(importNIP(n * 3 / 4))
	defer func() {
		if release != nil {
			release()
		}
	}()
	db, err := s.st.DB()
	if err != nil {
		t.Fatal(err)
	}
	const waiting = "SELECT id FROM information_schema.processlist WHERE info LIKE 'INSERT INTO `employees`%' AND time >= 1 LIMIT 1"
	cmd := exec.Command(s.bin, "import", "employees", path)
	cmd.Env = append(os.Environ(), s.env()...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var conn int64
	// The statement that waits writes the 1,000-row batch holding the
	// held row; those before it are written.
	atKill := n * 3 / 4 / 1000 * 1000
	ended, seen := false, false
	for !ended && !seen && time.Since(start) < 40*time.Second { // MariaDB gives up a lock wait after 50 s
		select {
		case err := <-done:
			done <- err
			ended = true
		default:
		}
		// The import's INSERT, blocked on the held row for a second.
		seen = db.QueryRow(waiting).Scan(&conn) == nil
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	err = <-done
	killedAt := time.Since(start)
	release()
	release = nil
	if !seen || err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("the import was not killed mid-way (%v after %s, waiting seen %v):\n%s", err, killedAt, seen, out.String())
	}
	// MariaDB rolls the transaction back once it sees the connection gone.
	rollback := time.Now()
	// Asked once a second: asked every 50 ms, the killed connection
	// lingered for minutes.
	rolledBack := every(5*time.Minute, time.Second, func() bool {
		return s.count("SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_mysql_thread_id = ?", conn)+
			s.count("SELECT COUNT(*) FROM information_schema.processlist WHERE id = ?", conn) == 0
	})
	rollbackTime := time.Since(rollback)
	afterEmps, afterOurs, afterImports := s.count("SELECT COUNT(*) FROM employees"), s.count(mine), s.count(audits)
	var changed []string
	for _, tb := range tables {
		if s.checksum(tb) != sums[tb] {
			changed = append(changed, tb)
		}
	}
	rerun := time.Now()
	msg := strings.TrimSpace(runBinary(t, s.bin, s.env(), "import", "employees", path))
	rerunTime := time.Since(rerun)
	finalEmps, finalOurs, finalImports := s.count("SELECT COUNT(*) FROM employees"), s.count(mine), s.count(audits)
	report("import-sigkill", "import of %d employees (one transaction) SIGKILLed %.1f s after start with %d rows written, its INSERT waiting for a row another "+
		"transaction held; rolled back within %.1f s: %d of the file's rows in the database, employees %d → %d, import audit entries %d → %d, "+
		"tables changed %v; rerun stored %d rows in %.1f s (employees %d → %d; %q); load %s",
		n, killedAt.Seconds(), atKill, rollbackTime.Seconds(), afterOurs-ours, emps, afterEmps, imports, afterImports, changed,
		finalOurs-ours, rerunTime.Seconds(), emps, finalEmps, msg, loadAvg())
	if !rolledBack || afterOurs != ours || afterEmps != emps || afterImports != imports || len(changed) > 0 {
		t.Errorf("half an import left after SIGKILL: %d of the file's rows, employees %d → %d, audit %d → %d, changed %v",
			afterOurs-ours, emps, afterEmps, imports, afterImports, changed)
	}
	if finalOurs-ours != n || finalEmps != emps+n || finalImports != imports+1 {
		t.Errorf("rerun: %d of %d rows, employees %d → %d, %d audit entries", finalOurs-ours, n, emps, finalEmps, finalImports-imports)
	}
}
