package admin

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/seimbang/seimbang/core"
	"github.com/seimbang/seimbang/core/abk"
)

// The objection inbox in the JSON API: the same views, decisions and
// replacement reviews as the panel.

type figuresJSON struct {
	Required float64 `json:"required"`
	Actual   int     `json:"actual"`
	Gap      float64 `json:"gap"`
	EJ       float64 `json:"ej"`
	Band     string  `json:"band"`
}

type placeJSON struct {
	UnitCode     string       `json:"unit_code"`
	Unit         string       `json:"unit"`
	PositionCode string       `json:"position_code"`
	Position     string       `json:"position"`
	PositionLoad *figuresJSON `json:"position_workload"`
	UnitLoad     *figuresJSON `json:"unit_workload"`
}

type objectionTransferJSON struct {
	ID                int64      `json:"id"`
	RoundID           int64      `json:"round_id"`
	Round             string     `json:"round"`
	Status            string     `json:"status"`
	Kind              string     `json:"kind"`
	EndDate           string     `json:"end_date,omitempty"`
	EffectiveDate     string     `json:"effective_date,omitempty"`
	ObjectionDeadline *time.Time `json:"objection_deadline,omitempty"`
	Acknowledged      bool       `json:"acknowledged"`
	From              placeJSON  `json:"from"`
	To                placeJSON  `json:"to"`
	Reason            string     `json:"reason,omitempty"`
}

type preferenceJSON struct {
	Willingness string   `json:"willingness"`
	Units       []string `json:"preferred_units"`
	Health      bool     `json:"health_constraint"`
	Family      bool     `json:"family_constraint"`
	Domicile    bool     `json:"domicile_constraint"`
	Reason      string   `json:"reason,omitempty"`
}

type personJSON struct {
	NIP  string `json:"nip"`
	Name string `json:"name"`
}

type replacementJSON struct {
	ID         int64                 `json:"id"`
	Status     string                `json:"status"`
	Employee   personJSON            `json:"employee"`
	Transfer   objectionTransferJSON `json:"transfer"`
	CreatedAt  time.Time             `json:"created_at"`
	ReviewedAt *time.Time            `json:"reviewed_at,omitempty"`
}

type attachmentJSON struct {
	N   int    `json:"n"`
	URL string `json:"url"`
}

type objectionJSON struct {
	ID          int64                 `json:"id"`
	Receipt     string                `json:"receipt"`
	Status      string                `json:"status"`
	Category    string                `json:"category"`
	Text        string                `json:"text"`
	Attachments []attachmentJSON      `json:"attachments"`
	CreatedAt   time.Time             `json:"created_at"`
	Answer      string                `json:"answer,omitempty"`
	DecidedBy   string                `json:"decided_by,omitempty"`
	DecidedAt   *time.Time            `json:"decided_at,omitempty"`
	Employee    personJSON            `json:"employee"`
	Transfer    objectionTransferJSON `json:"transfer"`
	Preference  *preferenceJSON       `json:"preference"`
	Replacement *replacementJSON      `json:"replacement"`
}

func figuresOut(f *abk.Figures) *figuresJSON {
	if f == nil {
		return nil
	}
	return &figuresJSON{Required: round2(f.Required), Actual: f.Actual, Gap: round2(f.Gap), EJ: round2(f.EJ), Band: string(f.Band)}
}

func placeOut(p place) placeJSON {
	j := placeJSON{UnitCode: p.UnitCode, Unit: p.Unit, PositionCode: p.PositionCode, Position: p.Position}
	if p.PositionFigures != nil && p.PositionFigures.HasWorkload {
		j.PositionLoad = figuresOut(&p.PositionFigures.Figures)
	}
	if p.UnitFigures != nil {
		j.UnitLoad = figuresOut(&p.UnitFigures.Total)
	}
	return j
}

func transferOut(t core.Transfer, r core.Round, from, to place) objectionTransferJSON {
	return objectionTransferJSON{ID: t.ID, RoundID: r.ID, Round: r.Name, Status: string(t.Status), Kind: string(t.Kind),
		EndDate: dateValue(t.EndDate), EffectiveDate: dateValue(r.EffectiveDate), ObjectionDeadline: r.ObjectionDeadline,
		Acknowledged: t.AcknowledgedAt != nil, From: placeOut(from), To: placeOut(to), Reason: t.Reason}
}

func objectionOut(v objectionView) objectionJSON {
	j := objectionJSON{ID: v.ID, Receipt: v.Receipt, Status: string(v.Status), Category: string(v.Category), Text: v.Text,
		Attachments: []attachmentJSON{}, CreatedAt: v.CreatedAt, Answer: v.Answer, DecidedBy: string(v.DecidedBy),
		DecidedAt: v.DecidedAt, Employee: personJSON{NIP: v.Employee.NIP, Name: v.Employee.Name},
		Transfer: transferOut(v.Transfer, v.Round, v.From, v.To)}
	for i := range v.Attachments {
		j.Attachments = append(j.Attachments, attachmentJSON{N: i + 1, URL: "/api/v1/objections/" + itoa(v.ID) + "/files/" + itoa(int64(i+1))})
	}
	if p := v.Preference; p != nil {
		j.Preference = &preferenceJSON{Willingness: string(p.Willingness), Units: orEmpty(v.PrefUnits), Health: p.Health,
			Family: p.Family, Domicile: p.Domicile, Reason: p.Reason}
	}
	if r := v.Replacement; r != nil {
		j.Replacement = &replacementJSON{ID: r.ID, Status: string(r.Status), Employee: personJSON{NIP: r.Employee.NIP, Name: r.Employee.Name},
			Transfer: transferOut(r.Transfer, v.Round, r.From, r.To), CreatedAt: r.CreatedAt, ReviewedAt: r.ReviewedAt}
	}
	return j
}

// apiObjections lists objections in the caller's scope: ?status=
// (pending, upheld, rejected; all when absent), ?round= (id), ?category=;
// nearest objection deadline first.
func (s *Server) apiObjections(c *gin.Context) {
	ctx := c.Request.Context()
	f, err := s.inboxFilter(c, "")
	if err != nil {
		s.fail(c, err)
		return
	}
	obs, err := s.deps.Store.ObjectionInbox(ctx, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	views, err := s.objectionViews(ctx, obs)
	if err != nil {
		s.fail(c, err)
		return
	}
	unacked, err := s.unacknowledged(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]objectionJSON, len(views))
	for i, v := range views {
		out[i] = objectionOut(v)
	}
	c.JSON(http.StatusOK, gin.H{"objections": out, "unacknowledged_near_deadline": unacked,
		"near_deadline_hours": int(deadlineNear.Hours())})
}

// apiObjectionView answers with the objection in the path as it is now.
func (s *Server) apiObjectionView(c *gin.Context, status int, id int64) {
	o, err := s.deps.Store.Objection(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	views, err := s.objectionViews(c.Request.Context(), []core.Objection{o})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, objectionOut(views[0]))
}

func (s *Server) apiObjection(c *gin.Context) {
	o, err := s.objectionInScope(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.apiObjectionView(c, http.StatusOK, o.ID)
}

// apiObjectionDecision upholds or rejects a pending objection with the
// written answer the employee receives in Telegram.
func (s *Server) apiObjectionDecision(c *gin.Context) {
	o, err := s.objectionInScope(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var in struct {
		Decision string `json:"decision"`
		Answer   string `json:"answer"`
	}
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	if err := s.decide(c.Request.Context(), caller(c), o, in.Decision, in.Answer); err != nil {
		s.fail(c, err)
		return
	}
	s.apiObjectionView(c, http.StatusOK, o.ID)
}

// apiObjectionReplacement asks the planner for a replacement for the slot
// of an upheld objection; the answer is the objection with it.
func (s *Server) apiObjectionReplacement(c *gin.Context) {
	o, err := s.objectionInScope(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	if _, err := s.replace(c.Request.Context(), caller(c), o); err != nil {
		s.fail(c, err)
		return
	}
	s.apiObjectionView(c, http.StatusCreated, o.ID)
}

// apiObjectionReplacementReview accepts or discards the replacement.
func (s *Server) apiObjectionReplacementReview(c *gin.Context) {
	o, err := s.objectionInScope(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	var in struct {
		Action string `json:"action"`
		Reason string `json:"reason"`
	}
	if err := bind(c, &in); err != nil {
		s.fail(c, err)
		return
	}
	if _, err := s.reviewReplacement(c.Request.Context(), caller(c), o, in.Action, in.Reason); err != nil {
		s.fail(c, err)
		return
	}
	s.apiObjectionView(c, http.StatusOK, o.ID)
}
