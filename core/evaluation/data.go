// Package evaluation computes what HR reads after a round: the survey
// results per wave, unit and question with the response rates and the
// people who have not answered, and the evaluation of the round (response
// rate, satisfaction by unit and transfer kind, the imbalance figures when
// it was announced and after it took effect, performance ratings before and
// after, and the objections and how they ended). Answers to anonymous
// templates are shown only in groups of core.MinAnonymousGroup or more
// (see privacy.go). It reads through a narrow Store and returns plain
// structs; the edges draw them.
package evaluation

import (
	"context"
	"fmt"
	"time"

	"github.com/seimbang/seimbang/core"
)

// Snapshot is the imbalance figures (JSON) recorded at one moment of a
// round's life, such as "planned", "announced" or "effective".
type Snapshot struct {
	Label   string
	TakenAt time.Time
	Figures string
}

// Rating is one imported performance rating (SKP predicate) of an
// employee for a period: "2026" (a year) or "2026-06" (a month).
type Rating struct {
	EmployeeID int64
	Period     string
	Predikat   core.Predikat
}

// Store is what the evaluation reads.
type Store interface {
	Round(ctx context.Context, id int64) (core.Round, error)
	Units(ctx context.Context) ([]core.Unit, error)
	Transfers(ctx context.Context, f core.TransferFilter) ([]core.Transfer, error)
	Objections(ctx context.Context, f core.ObjectionFilter) ([]core.Objection, error)
	SurveyWaves(ctx context.Context, roundID int64) ([]core.SurveyWave, error)
	SurveyTemplate(ctx context.Context, id int64) (core.SurveyTemplate, error)
	// RoundSurveyInvitations returns the invitations of every wave of the
	// round, by id.
	RoundSurveyInvitations(ctx context.Context, roundID int64) ([]core.SurveyInvitation, error)
	// RoundSurveyResponses returns the answers given in every wave of the
	// round, by id.
	RoundSurveyResponses(ctx context.Context, roundID int64) ([]core.SurveyResponse, error)
	// EmployeesByID returns the employees with the ids, in any order.
	EmployeesByID(ctx context.Context, ids []int64) ([]core.Employee, error)
	// ImbalanceSnapshots returns the round's snapshots, oldest first.
	ImbalanceSnapshots(ctx context.Context, roundID int64) ([]Snapshot, error)
	// PerformanceRatings returns the ratings of the employees.
	PerformanceRatings(ctx context.Context, employeeIDs []int64) ([]Rating, error)
}

// Wave is a survey wave with its template.
type Wave struct {
	core.SurveyWave
	Template core.SurveyTemplate
}

// Data is everything the computations read about one round. It serves
// one request: it is not safe for concurrent use.
type Data struct {
	Round       core.Round
	Units       []core.Unit
	Transfers   []core.Transfer
	Employees   map[int64]core.Employee // the round's employees
	Waves       []Wave
	Invitations []core.SurveyInvitation
	Responses   []core.SurveyResponse
	Objections  []core.Objection
	Snapshots   []Snapshot
	Ratings     []Rating

	unitByID map[int64]core.Unit
}

// Load reads the round's data. It returns ErrNotFound (wrapped) when the
// round does not exist.
func Load(ctx context.Context, s Store, roundID int64) (*Data, error) {
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return nil, err
	}
	d := &Data{Round: r, Employees: map[int64]core.Employee{}}
	if d.Units, err = s.Units(ctx); err != nil {
		return nil, err
	}
	if d.Transfers, err = s.Transfers(ctx, core.TransferFilter{RoundID: r.ID}); err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(d.Transfers))
	for _, t := range d.Transfers {
		ids = append(ids, t.EmployeeID)
	}
	emps, err := s.EmployeesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, e := range emps {
		d.Employees[e.ID] = e
	}
	waves, err := s.SurveyWaves(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	templates := map[int64]core.SurveyTemplate{}
	for _, w := range waves {
		tpl, ok := templates[w.TemplateID]
		if !ok {
			if tpl, err = s.SurveyTemplate(ctx, w.TemplateID); err != nil {
				return nil, fmt.Errorf("template of wave %d: %w", w.ID, err)
			}
			templates[w.TemplateID] = tpl
		}
		d.Waves = append(d.Waves, Wave{SurveyWave: w, Template: tpl})
	}
	if d.Invitations, err = s.RoundSurveyInvitations(ctx, r.ID); err != nil {
		return nil, err
	}
	if d.Responses, err = s.RoundSurveyResponses(ctx, r.ID); err != nil {
		return nil, err
	}
	if d.Objections, err = s.Objections(ctx, core.ObjectionFilter{RoundID: r.ID}); err != nil {
		return nil, err
	}
	if d.Snapshots, err = s.ImbalanceSnapshots(ctx, r.ID); err != nil {
		return nil, err
	}
	if d.Ratings, err = s.PerformanceRatings(ctx, ids); err != nil {
		return nil, err
	}
	return d, nil
}

// unit returns the unit with id, or a zero unit.
func (d *Data) unit(id int64) core.Unit {
	if d.unitByID == nil {
		d.unitByID = make(map[int64]core.Unit, len(d.Units))
		for _, u := range d.Units {
			d.unitByID[u.ID] = u
		}
	}
	return d.unitByID[id]
}

// transferByID indexes the round's transfers by id.
func (d *Data) transferByID() map[int64]core.Transfer {
	out := make(map[int64]core.Transfer, len(d.Transfers))
	for _, t := range d.Transfers {
		out[t.ID] = t
	}
	return out
}
