package core_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/seimbang/seimbang/core"
)

// allowed is the transfer life of DESIGN.md, written out pair by pair:
// draft → announced → (objected → upheld: cancelled or revised to draft |
// rejected: announced) → approved → effective → (ended →) evaluated, or
// cancelled before it takes effect.
var allowed = map[[2]core.TransferStatus]bool{
	{core.TransferDraft, core.TransferAnnounced}:     true,
	{core.TransferDraft, core.TransferCancelled}:     true,
	{core.TransferAnnounced, core.TransferObjected}:  true,
	{core.TransferAnnounced, core.TransferApproved}:  true,
	{core.TransferAnnounced, core.TransferCancelled}: true,
	{core.TransferObjected, core.TransferAnnounced}:  true, // objection rejected
	{core.TransferObjected, core.TransferDraft}:      true, // objection upheld, proposal revised
	{core.TransferObjected, core.TransferCancelled}:  true, // objection upheld, proposal dropped
	{core.TransferApproved, core.TransferEffective}:  true,
	{core.TransferApproved, core.TransferCancelled}:  true,
	{core.TransferEffective, core.TransferEnded}:     true,
	{core.TransferEffective, core.TransferEvaluated}: true,
	{core.TransferEnded, core.TransferEvaluated}:     true,
}

var allStatuses = []core.TransferStatus{"draft", "announced", "objected", "approved", "effective", "ended", "evaluated", "cancelled"}

func TestTransferStatusesListsEveryStatus(t *testing.T) {
	if diff := cmp.Diff(allStatuses, core.TransferStatuses, cmpopts.SortSlices(func(a, b core.TransferStatus) bool { return a < b })); diff != "" {
		t.Errorf("TransferStatuses mismatch (-want +got):\n%s", diff)
	}
}

func TestTransitionEveryPair(t *testing.T) {
	wita := time.FixedZone("WITA", 8*3600)
	at := time.Date(2026, time.November, 23, 9, 30, 0, 0, wita)
	before := time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)
	for _, from := range allStatuses {
		for _, to := range allStatuses {
			t.Run(string(from)+"→"+string(to), func(t *testing.T) {
				tr := core.Transfer{ID: 7, RoundID: 2, EmployeeID: 40, ToPositionID: 9, Status: from, UpdatedAt: before}
				orig := tr
				ev, err := tr.Transition(to, core.AdminActor(3), at, "  Kebutuhan guru di sekolah terpencil ")
				if core.CanTransition(from, to) != allowed[[2]core.TransferStatus{from, to}] {
					t.Errorf("CanTransition(%s, %s) = %v", from, to, !allowed[[2]core.TransferStatus{from, to}])
				}
				if !allowed[[2]core.TransferStatus{from, to}] {
					if err == nil {
						t.Fatalf("Transition(%s → %s) succeeded, want refused", from, to)
					}
					if !errors.Is(err, core.ErrInvalidState) || !errors.Is(err, core.ErrConflict) {
						t.Errorf("error %v matches neither ErrInvalidState nor ErrConflict", err)
					}
					if _, ok := core.AsValidation(err); ok {
						t.Errorf("error %v is a validation error, want a state error", err)
					}
					if diff := cmp.Diff(orig, tr); diff != "" {
						t.Errorf("refused transition changed the transfer (-before +after):\n%s", diff)
					}
					if ev != (core.TransferEvent{}) {
						t.Errorf("refused transition returned event %+v", ev)
					}
					return
				}
				if err != nil {
					t.Fatalf("Transition(%s → %s) = %v", from, to, err)
				}
				wantAt := time.Date(2026, time.November, 23, 1, 30, 0, 0, time.UTC)
				want := core.TransferEvent{TransferID: 7, From: from, To: to, Actor: "admin:3",
					Reason: "Kebutuhan guru di sekolah terpencil", At: wantAt}
				if diff := cmp.Diff(want, ev); diff != "" {
					t.Errorf("event mismatch (-want +got):\n%s", diff)
				}
				if ev.At.Location() != time.UTC {
					t.Errorf("event time is in %v, want UTC", ev.At.Location())
				}
				wantT := orig
				wantT.Status, wantT.UpdatedAt = to, wantAt
				if diff := cmp.Diff(wantT, tr); diff != "" {
					t.Errorf("transfer after transition mismatch (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestTransitionNeedsAReason(t *testing.T) {
	at := time.Date(2026, time.November, 23, 2, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		from   core.TransferStatus
		to     core.TransferStatus
		reason string
		want   []string // nil: accepted without a reason
	}{
		{"cancel a draft", core.TransferDraft, core.TransferCancelled, "", []string{"alasan: err.reason_required"}},
		{"cancel an announced transfer with blanks", core.TransferAnnounced, core.TransferCancelled, "  \t", []string{"alasan: err.reason_required"}},
		{"cancel after an upheld objection", core.TransferObjected, core.TransferCancelled, "", []string{"alasan: err.reason_required"}},
		{"cancel an approved transfer", core.TransferApproved, core.TransferCancelled, "", []string{"alasan: err.reason_required"}},
		{"revise after an upheld objection", core.TransferObjected, core.TransferDraft, "", []string{"alasan: err.reason_required"}},
		{"cancel with a reason too long", core.TransferDraft, core.TransferCancelled, strings.Repeat("Ā", core.MaxReason+1), []string{"alasan: err.too_long"}},
		{"announce", core.TransferDraft, core.TransferAnnounced, "", nil},
		{"approve", core.TransferAnnounced, core.TransferApproved, "", nil},
		{"take effect", core.TransferApproved, core.TransferEffective, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := core.Transfer{ID: 1, Status: tt.from}
			orig := tr
			ev, err := tr.Transition(tt.to, core.ActorScheduler, at, tt.reason)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Transition = %v, want accepted without a reason", err)
				}
				if ev.Reason != "" || ev.Actor != core.ActorScheduler || tr.Status != tt.to {
					t.Errorf("event %+v, status %s", ev, tr.Status)
				}
				return
			}
			if diff := cmp.Diff(tt.want, problems(t, err)); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
			if errors.Is(err, core.ErrConflict) {
				t.Errorf("a missing reason matches ErrConflict: %v", err)
			}
			if diff := cmp.Diff(orig, tr); diff != "" {
				t.Errorf("refused transition changed the transfer (-before +after):\n%s", diff)
			}
		})
	}
}

func TestTransitionNeedsAnActor(t *testing.T) {
	tr := core.Transfer{ID: 1, Status: core.TransferDraft}
	_, err := tr.Transition(core.TransferAnnounced, "", time.Now(), "")
	if diff := cmp.Diff([]string{"aktor: err.required"}, problems(t, err)); diff != "" {
		t.Errorf("problems mismatch (-want +got):\n%s", diff)
	}
	if tr.Status != core.TransferDraft {
		t.Errorf("status = %s, want draft unchanged", tr.Status)
	}
}

// TestTransferLife walks one transfer through an objection that is rejected,
// to its evaluation, and checks the trail of who did what.
func TestTransferLife(t *testing.T) {
	tr := core.Transfer{ID: 12, Status: core.TransferDraft}
	day := func(d int) time.Time { return time.Date(2026, time.December, d, 3, 0, 0, 0, time.UTC) }
	steps := []struct {
		to     core.TransferStatus
		actor  core.Actor
		at     time.Time
		reason string
	}{
		{core.TransferAnnounced, core.AdminActor(1), day(1), ""},
		{core.TransferObjected, core.EmployeeActor(40), day(2), "Anak saya bersekolah di Sukamaju"},
		{core.TransferAnnounced, core.AdminActor(1), day(5), "Keberatan ditolak: sekolah tersedia di tempat tujuan"},
		{core.TransferApproved, core.AdminActor(2), day(10), "SK 800/123/BKPSDM/2026"},
		{core.TransferEffective, core.ActorScheduler, day(15), ""},
		{core.TransferEvaluated, core.ActorScheduler, day(30), ""},
	}
	var got []core.TransferEvent
	for _, s := range steps {
		ev, err := tr.Transition(s.to, s.actor, s.at, s.reason)
		if err != nil {
			t.Fatalf("Transition(%s) from %s = %v", s.to, tr.Status, err)
		}
		got = append(got, ev)
	}
	want := []core.TransferEvent{
		{TransferID: 12, From: "draft", To: "announced", Actor: "admin:1", At: day(1)},
		{TransferID: 12, From: "announced", To: "objected", Actor: "employee:40", Reason: "Anak saya bersekolah di Sukamaju", At: day(2)},
		{TransferID: 12, From: "objected", To: "announced", Actor: "admin:1", Reason: "Keberatan ditolak: sekolah tersedia di tempat tujuan", At: day(5)},
		{TransferID: 12, From: "announced", To: "approved", Actor: "admin:2", Reason: "SK 800/123/BKPSDM/2026", At: day(10)},
		{TransferID: 12, From: "approved", To: "effective", Actor: "system:scheduler", At: day(15)},
		{TransferID: 12, From: "effective", To: "evaluated", Actor: "system:scheduler", At: day(30)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events mismatch (-want +got):\n%s", diff)
	}
	if _, err := tr.Transition(core.TransferCancelled, core.AdminActor(1), day(31), "terlambat"); !errors.Is(err, core.ErrInvalidState) {
		t.Errorf("cancelling an evaluated transfer = %v, want ErrInvalidState", err)
	}
}

func TestTransferStatusActive(t *testing.T) {
	want := map[core.TransferStatus]bool{"draft": true, "announced": true, "objected": true, "approved": true,
		"effective": false, "ended": false, "evaluated": false, "cancelled": false}
	for _, s := range allStatuses {
		if got := s.Active(); got != want[s] {
			t.Errorf("%s.Active() = %v, want %v", s, got, want[s])
		}
	}
}

func TestTransferValidate(t *testing.T) {
	valid := func() core.Transfer {
		return core.Transfer{RoundID: 1, EmployeeID: 2, FromPositionID: 3, ToPositionID: 4}
	}
	tests := []struct {
		name   string
		modify func(tr *core.Transfer)
		want   []string
	}{
		{"valid", func(tr *core.Transfer) {}, nil},
		{"temporary with an end date", func(tr *core.Transfer) {
			tr.Kind, tr.EndDate = core.Temporary, date(2027, time.June, 30)
		}, nil},
		{"manual with a reason", func(tr *core.Transfer) { tr.Manual, tr.Reason = true, "Permintaan kepala dinas" }, nil},
		{"missing employee, round and target", func(tr *core.Transfer) { *tr = core.Transfer{} },
			[]string{"pegawai: err.required", "periode: err.required", "jabatan_tujuan: err.required"}},
		{"same position", func(tr *core.Transfer) { tr.ToPositionID = 3 }, []string{"jabatan_tujuan: err.same_position"}},
		{"unknown kind", func(tr *core.Transfer) { tr.Kind = "rotasi" }, []string{"jenis: err.transfer_kind"}},
		{"temporary without an end date", func(tr *core.Transfer) { tr.Kind = core.Temporary }, []string{"tanggal_selesai: err.end_date_required"}},
		{"permanent with an end date", func(tr *core.Transfer) { tr.EndDate = date(2027, time.June, 30) }, []string{"tanggal_selesai: err.end_date_permanent"}},
		{"manual without a reason", func(tr *core.Transfer) { tr.Manual, tr.Reason = true, "  " }, []string{"alasan: err.manual_reason"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := valid()
			tt.modify(&tr)
			err := tr.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Validate() = %v, want valid", err)
				}
				return
			}
			if diff := cmp.Diff(tt.want, problems(t, err), anyOrder); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
	tr := valid()
	if err := tr.Validate(); err != nil || tr.Kind != core.Permanent || tr.Status != core.TransferDraft {
		t.Errorf("Validate() = %v, kind %q, status %q; want permanent draft by default", err, tr.Kind, tr.Status)
	}
}
