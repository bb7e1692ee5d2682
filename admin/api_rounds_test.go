package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/gormstore/storetest"
)

// TestRoundAPI runs a round through /api/v1: create (a refusal first),
// plan, edit (a refused move first), a manual proposal, reject, announce,
// approve and the decree, with the role refusals on the way.
func TestRoundAPI(t *testing.T) {
	storetest.Run(t, func(t *testing.T, b storetest.Backend) {
		h := newHarness(t, b)
		f := h.roundFixture()
		ctx := context.Background()
		hr, unit, auditor := h.token(core.RoleHR), h.token(core.RoleUnit), h.token(core.RoleAuditor)
		decode := func(body string, v any) {
			t.Helper()
			if err := json.Unmarshal([]byte(body), v); err != nil {
				t.Fatalf("answer is not JSON: %v: %s", err, body)
			}
		}
		var problem struct {
			Error struct {
				Code, Message string
				Fields        map[string]string
			}
		}

		rec := h.api(hr, http.MethodPost, "/api/v1/rounds", `{"name": "", "unit_codes": ["NOPE"], "params": {"max_moves": -1, "bogus": 1}}`)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("invalid round: %d %s", rec.Code, rec.Body.String())
		}
		decode(rec.Body.String(), &problem)
		for _, k := range []string{"nama", "unit_codes", "params"} {
			if problem.Error.Fields[k] == "" {
				t.Errorf("problem lacks field %s: %+v", k, problem)
			}
		}
		if rec := h.api(unit, http.MethodPost, "/api/v1/rounds", `{"name": "x"}`); rec.Code != http.StatusForbidden {
			t.Errorf("unit token created a round: %d", rec.Code)
		}
		rec = h.api(hr, http.MethodPost, "/api/v1/rounds", `{"name": "Mutasi API 2027", "objection_deadline": "2026-12-10T09:00:00Z", "effective_date": "2027-01-04", "params": {"min_years_in_position": 2}}`)
		if rec.Code != http.StatusCreated {
			t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
		}
		var r roundJSON
		decode(rec.Body.String(), &r)
		if r.Status != "draft" || r.EffectiveDate != "2027-01-04" || !strings.Contains(string(r.Params), "min_years_in_position") {
			t.Errorf("created %+v", r)
		}
		base := fmt.Sprintf("/api/v1/rounds/%d", r.ID)

		if rec := h.api(auditor, http.MethodPost, base+"/plan", ""); rec.Code != http.StatusForbidden {
			t.Errorf("auditor planned: %d", rec.Code)
		}
		rec = h.api(hr, http.MethodPost, base+"/plan", "")
		if rec.Code != http.StatusOK {
			t.Fatalf("plan: %d %s", rec.Code, rec.Body.String())
		}
		var planned struct {
			Transfers  []transferJSON `json:"transfers"`
			Proposals  int            `json:"proposals"`
			GapClosure float64        `json:"gap_closure"`
		}
		decode(rec.Body.String(), &planned)
		if planned.Proposals < 4 || len(planned.Transfers) != planned.Proposals || planned.GapClosure <= 0 {
			t.Fatalf("plan answer %+v", planned)
		}
		var nurse, teacher transferJSON
		for _, tr := range planned.Transfers {
			if tr.From.PositionCode == "P-KOTA" && nurse.ID == 0 {
				nurse = tr
			}
			if tr.From.PositionCode == "G-SD1" {
				teacher = tr
			}
			if tr.Explanation == nil || tr.Explanation.To.Required == 0 {
				t.Errorf("proposal %d lacks its explanation", tr.ID)
			}
		}

		// The unit token sees only Dinas Kesehatan's proposals.
		rec = h.api(unit, http.MethodGet, base+"/transfers", "")
		var seen struct{ Transfers []transferJSON }
		decode(rec.Body.String(), &seen)
		for _, tr := range seen.Transfers {
			if tr.From.PositionCode == "G-SD1" {
				t.Errorf("unit token sees a school's transfer")
			}
		}
		if len(seen.Transfers) == 0 {
			t.Error("unit token sees no transfer")
		}
		patch := func(tok string, id int64, body string) (int, string) {
			rec := h.api(tok, http.MethodPatch, fmt.Sprintf("/api/v1/transfers/%d", id), body)
			return rec.Code, rec.Body.String()
		}
		if code, _ := patch(unit, nurse.ID, `{"action": "accept"}`); code != http.StatusForbidden {
			t.Errorf("unit token accepted: %d", code)
		}

		// Edit: a school post is refused for a nurse, naming the rule.
		code, body := patch(hr, nurse.ID, `{"action": "edit", "to_position_code": "G-SD2"}`)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "rumpun jabatan berbeda") || !strings.Contains(body, "to_position_code") && !strings.Contains(body, "jabatan_tujuan") {
			t.Fatalf("refused edit: %d %s", code, body)
		}
		other := "P-PUSTU"
		if nurse.To.PositionCode == "P-PUSTU" {
			other = "P-HULU"
		}
		code, body = patch(hr, nurse.ID, `{"action": "edit", "to_position_code": "`+other+`", "reason": "Dekat rumah"}`)
		var edited transferJSON
		decode(body, &edited)
		if code != http.StatusOK || edited.To.PositionCode != other || edited.Reason != "Dekat rumah" || edited.Explanation == nil {
			t.Fatalf("edit: %d %s", code, body)
		}
		if code, _ := patch(hr, nurse.ID, `{"action": "maybe"}`); code != http.StatusUnprocessableEntity {
			t.Errorf("unknown action: %d", code)
		}
		if code, _ := patch(hr, teacher.ID, `{"action": "reject"}`); code != http.StatusUnprocessableEntity {
			t.Errorf("reject without reason: %d", code)
		}
		if code, body := patch(hr, teacher.ID, `{"action": "reject", "reason": "Sekolah direnovasi"}`); code != http.StatusOK || !strings.Contains(body, `"cancelled"`) {
			t.Errorf("reject: %d %s", code, body)
		}
		if code, body := patch(hr, nurse.ID, `{"action": "accept"}`); code != http.StatusOK || !strings.Contains(body, `"accepted":true`) {
			t.Errorf("accept: %d %s", code, body)
		}

		// Manual proposal for the nurse without Telegram.
		inRound := map[string]bool{}
		for _, tr := range planned.Transfers {
			inRound[tr.NIP] = true
		}
		spare := f.unlinked
		if inRound[spare.NIP] {
			for _, e := range f.nurses {
				if !inRound[e.NIP] {
					spare = e
				}
			}
		}
		rec = h.api(hr, http.MethodPost, base+"/transfers", `{"nip": "`+spare.NIP+`", "to_position_code": "P-HULU"}`)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "alasan") {
			t.Errorf("manual without reason: %d %s", rec.Code, rec.Body.String())
		}
		rec = h.api(hr, http.MethodPost, base+"/transfers", `{"nip": "`+spare.NIP+`", "to_position_code": "P-HULU", "reason": "Permintaan kepala Puskesmas"}`)
		var manual transferJSON
		decode(rec.Body.String(), &manual)
		if rec.Code != http.StatusCreated || !manual.Manual || manual.Status != "draft" {
			t.Fatalf("manual: %d %s", rec.Code, rec.Body.String())
		}

		// Announce, approve, decree.
		rec = h.api(hr, http.MethodPost, base+"/announce", "")
		if rec.Code != http.StatusOK {
			t.Fatalf("announce: %d %s", rec.Code, rec.Body.String())
		}
		decode(rec.Body.String(), &r)
		if r.Status != "announced" || r.Delivery == nil || r.Delivery.Queued+r.Delivery.Unreachable != planned.Proposals {
			t.Errorf("announced round %+v (want %d notices)", r.Delivery, planned.Proposals)
		}
		rec = h.api(hr, http.MethodGet, base+"/unreachable", "")
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), f.unlinked.NIP) || !strings.Contains(rec.Body.String(), `"not_linked"`) {
			t.Errorf("unreachable: %d %s", rec.Code, rec.Body.String())
		}
		if rec := h.api(hr, http.MethodGet, base+"/decree.pdf", ""); rec.Code != http.StatusConflict {
			t.Errorf("decree before approval: %d", rec.Code)
		}
		rec = h.api(hr, http.MethodPost, base+"/approve", `{"sk_number": " ", "effective_date": "2027-01-04"}`)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "sk_number") {
			t.Errorf("approve without SK: %d %s", rec.Code, rec.Body.String())
		}
		rec = h.api(hr, http.MethodPost, base+"/approve", `{"sk_number": "821/45/BKPSDM/2026", "effective_date": "2027-01-04"}`)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"approved"`) {
			t.Fatalf("approve: %d %s", rec.Code, rec.Body.String())
		}
		rec = h.api(auditor, http.MethodGet, base+"/decree.pdf", "")
		if rec.Code != http.StatusOK {
			t.Fatalf("decree: %d", rec.Code)
		}
		text := pdfText(t, rec.Body.Bytes())
		approved, _ := h.st.Transfers(ctx, core.TransferFilter{RoundID: r.ID, Statuses: []core.TransferStatus{core.TransferApproved}})
		if len(approved) != planned.Proposals {
			t.Errorf("%d approved, want %d", len(approved), planned.Proposals)
		}
		for _, tr := range approved {
			e, _ := h.st.Employee(ctx, tr.EmployeeID)
			if !strings.Contains(text, e.Name) || !strings.Contains(text, e.NIP) {
				t.Errorf("decree lacks %s %s", e.Name, e.NIP)
			}
		}
		if !strings.Contains(text, "821/45/BKPSDM/2026") {
			t.Error("decree lacks the SK number")
		}
		if rec := h.api(hr, http.MethodGet, base+"/decree.xlsx", ""); rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Disposition"), ".xlsx") {
			t.Errorf("decree xlsx: %d", rec.Code)
		}
		if rec := h.api(unit, http.MethodGet, base+"/decree.pdf", ""); rec.Code != http.StatusForbidden {
			t.Errorf("unit token downloaded the decree: %d", rec.Code)
		}
		rec = h.api(unit, http.MethodGet, "/api/v1/rounds", "")
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Mutasi API 2027") {
			t.Errorf("round list: %d", rec.Code)
		}
	})
}
