package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
	"github.com/seimbang/seimbang/core/round"
)

// TestAnnounceAfterTheDeadline: HR decides objections after the deadline
// and the replacement is proposed then. The round page asks for a new
// deadline; announcing without one, with a malformed or an earlier one,
// is refused with the reason and changes nothing; with a later one the
// replacement is announced and the round's deadline moves. The API takes
// the same deadline in its body.
func TestAnnounceAfterTheDeadline(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storetest.Backends(t)[0])
	f := seedObjections(t, h)
	ctx := context.Background()
	hr := core.AdminActor(h.users[core.RoleHR].ID)
	h.clock.now = f.round.ObjectionDeadline.Add(24 * time.Hour) // decided the day after the deadline
	if err := f.svc.Decide(ctx, f.objection.ID, round.Decision{Uphold: true, Answer: "Dikabulkan."}, hr); err != nil {
		t.Fatal(err)
	}
	rep, err := f.svc.Replacement(ctx, f.objection.ID, hr)
	if err != nil {
		t.Fatal(err)
	}
	base := "/rounds/" + itoa(f.round.ID)
	page := h.as(core.RoleHR, http.MethodGet, base, nil).Body.String()
	for _, want := range []string{`id="f-objection_deadline"`, "Batas waktu keberatan periode ini sudah lewat"} {
		if !strings.Contains(page, want) {
			t.Errorf("the round page after the deadline lacks %q", want)
		}
	}
	unchanged := func(what string) {
		t.Helper()
		tr, _ := h.st.Transfer(ctx, rep.ID)
		r, _ := h.st.Round(ctx, f.round.ID)
		if tr.Status != core.TransferDraft || !r.ObjectionDeadline.Equal(*f.round.ObjectionDeadline) ||
			len(outboxOf(t, h, rep.EmployeeID, core.OutboxKindNotice)) != 0 {
			t.Errorf("%s changed something: replacement %s, deadline %v", what, tr.Status, r.ObjectionDeadline)
		}
	}
	for _, c := range []struct{ what, value, want string }{
		{"no new deadline", "", "Isi batas waktu keberatan yang baru"},
		{"a malformed deadline", "besok pagi", "TTTT-BB-HH JJ:MM"},
		{"a past deadline", h.clock.now.Add(-time.Hour).In(h.srv.deps.Location).Format("2006-01-02T15:04"), "harus di masa depan"},
	} {
		rec := h.as(core.RoleHR, http.MethodPost, base+"/announce", url.Values{"objection_deadline": {c.value}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), c.want) {
			t.Errorf("%s: %d, want 422 saying %q", c.what, rec.Code, c.want)
		}
		unchanged(c.what)
	}
	later := h.clock.now.Add(72 * time.Hour).In(h.srv.deps.Location).Truncate(time.Minute)
	rec := h.as(core.RoleHR, http.MethodPost, base+"/announce", url.Values{"objection_deadline": {later.Format("2006-01-02T15:04")}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("announce with a new deadline: %d %s", rec.Code, rec.Body.String())
	}
	tr, _ := h.st.Transfer(ctx, rep.ID)
	r, _ := h.st.Round(ctx, f.round.ID)
	if tr.Status != core.TransferAnnounced || !r.ObjectionDeadline.Equal(later) {
		t.Errorf("after announcing: replacement %s, deadline %v, want announced and %v", tr.Status, r.ObjectionDeadline, later)
	}
	if n := len(outboxOf(t, h, rep.EmployeeID, core.OutboxKindNotice)); n != 1 {
		t.Errorf("the replacement nurse got %d notices, want 1", n)
	}
	told, _ := h.st.Transfers(ctx, core.TransferFilter{RoundID: f.round.ID, Statuses: []core.TransferStatus{core.TransferAnnounced}})
	for _, x := range told {
		msgs := outboxOf(t, h, x.EmployeeID, core.OutboxKindDeadline)
		switch {
		case x.ID == rep.ID && len(msgs) != 0:
			t.Error("the replacement nurse was told of a moved deadline as well as notified")
		case x.ID != rep.ID && (len(msgs) != 1 || !strings.Contains(msgs[0].Payload, "diperpanjang hingga")):
			t.Errorf("employee %d, told before, got %+v; want one message with the new deadline", x.EmployeeID, msgs)
		}
	}
	if len(told) < 2 {
		t.Fatalf("%d announced transfers; the fixture should leave one told before the deadline", len(told))
	}
	if page := h.as(core.RoleHR, http.MethodGet, base, nil).Body.String(); strings.Contains(page, "sudah lewat") {
		t.Error("the round page still says the deadline has passed")
	}
	// A later announcement may not shorten the window it opened.
	earlier := later.Add(-time.Hour).UTC().Format(time.RFC3339)
	rec = h.api(h.token(core.RoleHR), http.MethodPost, "/api/v1"+base+"/announce", `{"objection_deadline":"`+earlier+`"}`)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "objection_deadline") ||
		!strings.Contains(rec.Body.String(), "tidak boleh lebih awal") {
		t.Errorf("API, an earlier deadline: %d %s", rec.Code, rec.Body.String())
	}
	if r, _ := h.st.Round(ctx, f.round.ID); !r.ObjectionDeadline.Equal(later) {
		t.Errorf("a refused earlier deadline moved it to %v", r.ObjectionDeadline)
	}
	if rec := h.api(h.token(core.RoleHR), http.MethodPost, "/api/v1"+base+"/announce", `{"deadline":"besok"}`); rec.Code != http.StatusBadRequest {
		t.Errorf("API, an unknown field: %d, want 400", rec.Code)
	}
}
