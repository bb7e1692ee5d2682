package admin

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/planner"
	"github.com/seimbang/seimbang/core/round"
)

// The round workflow under /api/v1 (DESIGN.md): rounds, their proposals,
// HR's review, announcement, approval, the decree and the unreachable list.

type roundJSON struct {
	ID                int64           `json:"id"`
	Name              string          `json:"name"`
	Status            string          `json:"status"`
	UnitCodes         []string        `json:"unit_codes"`
	Params            json.RawMessage `json:"params,omitempty"`
	ObjectionDeadline *time.Time      `json:"objection_deadline,omitempty"`
	EffectiveDate     string          `json:"effective_date,omitempty"`
	SKNumber          string          `json:"sk_number,omitempty"`
	CreatedAt         time.Time       `json:"created_at"`
	AnnouncedAt       *time.Time      `json:"announced_at,omitempty"`
	ApprovedAt        *time.Time      `json:"approved_at,omitempty"`
	// Transfers counts the round's transfers in the caller's scope by
	// status; Delivery its notices by delivery state (GET one round only).
	Transfers map[string]int `json:"transfers,omitempty"`
	Delivery  *deliveryJSON  `json:"delivery,omitempty"`
}

type deliveryJSON struct {
	Queued      int `json:"queued"`
	Sent        int `json:"sent"`
	Failed      int `json:"failed"`
	Unreachable int `json:"unreachable"`
}

type transferPlaceJSON struct {
	PositionCode string `json:"position_code"`
	Position     string `json:"position"`
	UnitCode     string `json:"unit_code"`
	Unit         string `json:"unit"`
}

type transferJSON struct {
	ID          int64                `json:"id"`
	RoundID     int64                `json:"round_id"`
	Status      string               `json:"status"`
	NIP         string               `json:"nip"`
	Name        string               `json:"name"`
	From        transferPlaceJSON    `json:"from"`
	To          transferPlaceJSON    `json:"to"`
	Reason      string               `json:"reason"`
	Manual      bool                 `json:"manual"`
	Accepted    bool                 `json:"accepted"`
	Delivery    string               `json:"delivery,omitempty"`
	Explanation *planner.Explanation `json:"explanation,omitempty"`
}

func (s *Server) roundOut(r core.Round, n nameIndex) roundJSON {
	j := roundJSON{ID: r.ID, Name: r.Name, Status: string(r.Status), UnitCodes: []string{}, ObjectionDeadline: r.ObjectionDeadline,
		SKNumber: r.SKNumber, CreatedAt: r.CreatedAt, AnnouncedAt: r.AnnouncedAt, ApprovedAt: r.ApprovedAt}
	if p := strings.TrimSpace(r.Params); p != "" && json.Valid([]byte(p)) {
		j.Params = json.RawMessage(p)
	}
	if !r.EffectiveDate.IsZero() {
		j.EffectiveDate = r.EffectiveDate.String()
	}
	for _, id := range r.UnitIDs {
		j.UnitCodes = append(j.UnitCodes, n.unitByID[id].Code)
	}
	return j
}

// transfersOut converts the transfers in the caller's scope.
func (s *Server) transfersOut(c *gin.Context, ts []core.Transfer) ([]transferJSON, error) {
	ctx := c.Request.Context()
	sc, err := s.scopeOf(ctx, caller(c))
	if err != nil {
		return nil, err
	}
	snap, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	var notices map[int64]notice
	if len(ts) > 0 {
		if notices, err = s.deliveries(ctx, ts[0].RoundID); err != nil {
			return nil, err
		}
	}
	place := func(pos, unit int64) transferPlaceJSON {
		return transferPlaceJSON{PositionCode: snap.positionByID[pos].Code, Position: snap.positionByID[pos].Name,
			UnitCode: snap.unitByID[unit].Code, Unit: snap.unitName(unit)}
	}
	var inScope []core.Transfer
	for _, t := range ts {
		if sc.has(&t.FromUnitID) || sc.has(&t.ToUnitID) {
			inScope = append(inScope, t)
		}
	}
	emps, err := s.transferEmployees(ctx, inScope)
	if err != nil {
		return nil, err
	}
	out := []transferJSON{}
	for _, t := range inScope {
		e := emps[t.EmployeeID]
		j := transferJSON{ID: t.ID, RoundID: t.RoundID, Status: string(t.Status), NIP: e.NIP, Name: e.Name,
			From: place(t.FromPositionID, t.FromUnitID), To: place(t.ToPositionID, t.ToUnitID), Reason: t.Reason,
			Manual: t.Manual, Accepted: t.AcceptedAt != nil, Delivery: notices[t.ID].state}
		var x planner.Explanation
		if t.Explanation != "" && json.Unmarshal([]byte(t.Explanation), &x) == nil {
			j.Explanation = &x
		}
		out = append(out, j)
	}
	return out, nil
}

func (s *Server) apiRounds(c *gin.Context) {
	ctx := c.Request.Context()
	rs, err := s.deps.Store.Rounds(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]roundJSON, len(rs))
	for i, r := range rs {
		full, err := s.deps.Store.Round(ctx, r.ID) // with its scope
		if err != nil {
			s.fail(c, err)
			return
		}
		out[i] = s.roundOut(full, names)
	}
	c.JSON(http.StatusOK, gin.H{"rounds": out})
}

type newRoundJSON struct {
	Name              string          `json:"name"`
	UnitCodes         []string        `json:"unit_codes"`
	Params            json.RawMessage `json:"params"`
	ObjectionDeadline *time.Time      `json:"objection_deadline"`
	EffectiveDate     string          `json:"effective_date"`
}

func (s *Server) apiRoundCreate(c *gin.Context) {
	ctx := c.Request.Context()
	var in newRoundJSON
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	svc, err := s.rounds()
	if err != nil {
		s.fail(c, err)
		return
	}
	nr := round.NewRound{Name: in.Name, UnitCodes: in.UnitCodes, ObjectionDeadline: in.ObjectionDeadline}
	if len(in.Params) > 0 && string(in.Params) != "null" {
		nr.Params = string(in.Params)
	}
	if in.EffectiveDate != "" {
		d, err := core.ParseDate(in.EffectiveDate)
		if err != nil {
			s.fail(c, core.Invalid("effective_date", "admin.err.date"))
			return
		}
		nr.EffectiveDate = d
	}
	r, err := svc.Create(ctx, nr, caller(c).Actor)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.apiRoundAnswer(c, http.StatusCreated, r.ID)
}

// apiRoundAnswer answers with the round, its transfer counts in the
// caller's scope and its delivery counts.
func (s *Server) apiRoundAnswer(c *gin.Context, status int, id int64) {
	ctx := c.Request.Context()
	r, err := s.deps.Store.Round(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	names, err := s.names(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	ts, err := s.deps.Store.Transfers(ctx, core.TransferFilter{RoundID: r.ID})
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.transfersOut(c, ts)
	if err != nil {
		s.fail(c, err)
		return
	}
	j := s.roundOut(r, names)
	j.Transfers, j.Delivery = map[string]int{}, &deliveryJSON{}
	for _, t := range list {
		j.Transfers[t.Status]++
		switch t.Delivery {
		case core.DeliveryQueued:
			j.Delivery.Queued++
		case core.DeliverySent:
			j.Delivery.Sent++
		case core.DeliveryFailed:
			j.Delivery.Failed++
		case core.DeliveryUnreachable:
			j.Delivery.Unreachable++
		}
	}
	c.JSON(status, j)
}

func (s *Server) apiRound(c *gin.Context) {
	id, err := idParam(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	s.apiRoundAnswer(c, http.StatusOK, id)
}

// apiRoundTransfersOf answers with the round's transfers in scope.
func (s *Server) apiRoundTransfersOf(c *gin.Context, status int, id int64, extra gin.H) {
	ts, err := s.deps.Store.Transfers(c.Request.Context(), core.TransferFilter{RoundID: id})
	if err != nil {
		s.fail(c, err)
		return
	}
	out, err := s.transfersOut(c, ts)
	if err != nil {
		s.fail(c, err)
		return
	}
	h := gin.H{"transfers": out}
	for k, v := range extra {
		h[k] = v
	}
	c.JSON(status, h)
}

func (s *Server) apiRoundTransfers(c *gin.Context) {
	r, err := s.roundParam(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.apiRoundTransfersOf(c, http.StatusOK, r.ID, nil)
}

// apiRoundPlan runs the planner (once at a time per round) and answers
// with the proposals and the balance before and after.
func (s *Server) apiRoundPlan(c *gin.Context) {
	ctx := c.Request.Context()
	r, svc, ok := s.roundWorkflow(c)
	if !ok {
		return
	}
	release, err := s.lockRound(ctx, "plan", r.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	defer release()
	plan, err := svc.Plan(ctx, r.ID, caller(c).Actor)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.dash.invalidate()
	s.apiRoundTransfersOf(c, http.StatusOK, r.ID, gin.H{"proposals": len(plan.Proposals), "gap_closure": plan.GapClosure,
		"before": plan.Before, "after": plan.After})
}

type manualJSON struct {
	NIP            string `json:"nip"`
	ToPositionCode string `json:"to_position_code"`
	Reason         string `json:"reason"`
}

// positionID resolves a position code of the request; unknown is a
// validation problem on field.
func (s *Server) positionID(c *gin.Context, code, field string) (int64, error) {
	if strings.TrimSpace(code) == "" {
		return 0, nil
	}
	p, err := s.deps.Store.PositionByCode(c.Request.Context(), code)
	if errors.Is(err, core.ErrNotFound) {
		return 0, core.Invalid(field, "admin.err.unknown_position", code)
	}
	return p.ID, err
}

// apiTransferCreate adds a manual proposal (nip, to_position_code and a
// written reason, all required), checked against the hard rules.
func (s *Server) apiTransferCreate(c *gin.Context) {
	ctx := c.Request.Context()
	r, svc, ok := s.roundWorkflow(c)
	if !ok {
		return
	}
	var in manualJSON
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	to, err := s.positionID(c, in.ToPositionCode, "to_position_code")
	if err != nil {
		s.fail(c, err)
		return
	}
	var empID int64
	if strings.TrimSpace(in.NIP) != "" {
		e, err := s.deps.Store.EmployeeByNIP(ctx, in.NIP)
		if errors.Is(err, core.ErrNotFound) {
			s.fail(c, core.Invalid("nip", "admin.rounds.err.no_employee", in.NIP))
			return
		} else if err != nil {
			s.fail(c, err)
			return
		}
		empID = e.ID
	}
	t, _, err := svc.Propose(ctx, r.ID, empID, to, in.Reason, caller(c).Actor)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.dash.invalidate()
	s.apiTransferAnswer(c, http.StatusCreated, t.ID)
}

func (s *Server) apiTransferAnswer(c *gin.Context, status int, id int64) {
	t, err := s.deps.Store.Transfer(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	out, err := s.transfersOut(c, []core.Transfer{t})
	if err != nil {
		s.fail(c, err)
		return
	}
	if len(out) == 0 {
		s.fail(c, core.ErrNotFound)
		return
	}
	c.JSON(status, out[0])
}

type transferActionJSON struct {
	Action         string `json:"action"`
	Reason         string `json:"reason"`
	ToPositionCode string `json:"to_position_code"`
}

// apiTransferUpdate accepts, rejects (reason required) or edits (another
// target position, re-checked against the hard rules) a draft proposal.
func (s *Server) apiTransferUpdate(c *gin.Context) {
	ctx := c.Request.Context()
	id, err := idParam(c, "id")
	if err != nil {
		s.fail(c, err)
		return
	}
	t, err := s.deps.Store.Transfer(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	if s.inScope(c, &t.FromUnitID) != nil && s.inScope(c, &t.ToUnitID) != nil {
		s.fail(c, core.ErrNotFound)
		return
	}
	var in transferActionJSON
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	svc, err := s.rounds()
	if err != nil {
		s.fail(c, err)
		return
	}
	by := caller(c).Actor
	switch in.Action {
	case "accept":
		err = svc.Accept(ctx, t.ID, by)
	case "reject":
		err = svc.Reject(ctx, t.ID, in.Reason, by)
	case "edit":
		var to int64
		if to, err = s.positionID(c, in.ToPositionCode, "to_position_code"); err == nil {
			if to == 0 {
				err = core.Invalid("to_position_code", "err.required")
			} else {
				_, err = svc.Edit(ctx, t.ID, to, in.Reason, by)
			}
		}
	default:
		err = core.Invalid("action", "admin.err.choose")
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	s.dash.invalidate()
	s.apiTransferAnswer(c, http.StatusOK, t.ID)
}

// announceJSON is the optional body of an announcement: a new, later
// objection deadline (required once the round's own has passed).
type announceJSON struct {
	ObjectionDeadline *time.Time `json:"objection_deadline"`
}

// apiRoundAnnounce announces the round's draft proposals; notices go out
// through the outbox. It answers with the round and its delivery counts.
func (s *Server) apiRoundAnnounce(c *gin.Context) {
	ctx := c.Request.Context()
	var in announceJSON
	if err := bindOptional(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	r, svc, ok := s.roundWorkflow(c)
	if !ok {
		return
	}
	release, err := s.lockRound(ctx, "announce", r.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	defer release()
	if _, err := svc.Announce(ctx, r.ID, in.ObjectionDeadline, caller(c).Actor); err != nil {
		s.fail(c, err)
		return
	}
	s.apiRoundAnswer(c, http.StatusOK, r.ID)
}

type approveJSON struct {
	SKNumber      string `json:"sk_number"`
	EffectiveDate string `json:"effective_date"`
}

func (s *Server) apiRoundApprove(c *gin.Context) {
	ctx := c.Request.Context()
	r, svc, ok := s.roundWorkflow(c)
	if !ok {
		return
	}
	var in approveJSON
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	var day core.Date
	if in.EffectiveDate != "" {
		var err error
		if day, err = core.ParseDate(in.EffectiveDate); err != nil {
			s.fail(c, core.Invalid("effective_date", "admin.err.date"))
			return
		}
	}
	if _, err := svc.Approve(ctx, r.ID, in.SKNumber, day, caller(c).Actor); err != nil {
		s.fail(c, err)
		return
	}
	s.dash.invalidate()
	s.apiRoundAnswer(c, http.StatusOK, r.ID)
}

type unreachableJSON struct {
	NIP               string     `json:"nip"`
	Name              string     `json:"name"`
	Phone             string     `json:"phone,omitempty"`
	TransferID        int64      `json:"transfer_id"`
	From              string     `json:"from"`
	To                string     `json:"to"`
	EffectiveDate     string     `json:"effective_date,omitempty"`
	ObjectionDeadline *time.Time `json:"objection_deadline,omitempty"`
	// Reason is not_linked, blocked or failed.
	Reason string `json:"reason"`
	Error  string `json:"error,omitempty"`
}

func (s *Server) apiRoundUnreachable(c *gin.Context) {
	r, rows, ok := s.unreachableOfRound(c)
	if !ok {
		return
	}
	out := make([]unreachableJSON, len(rows))
	for i, x := range rows {
		out[i] = unreachableJSON{NIP: x.Employee.NIP, Name: x.Employee.Name, Phone: x.Employee.Phone, TransferID: x.Transfer.ID,
			From: x.From, To: x.To, ObjectionDeadline: r.ObjectionDeadline, Reason: x.Why, Error: x.Error}
		if !r.EffectiveDate.IsZero() {
			out[i].EffectiveDate = r.EffectiveDate.String()
		}
	}
	c.JSON(http.StatusOK, gin.H{"employees": out})
}
