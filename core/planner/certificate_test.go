package planner

import (
	"errors"
	"slices"
	"testing"
)

func TestCertificateRejectsBrokenPlans(t *testing.T) {
	in := GenerateInstance(5, 4000, 20)
	p := DefaultParams()
	plan := mustPropose(t, in, p)
	if !plan.Certificate.Optimal || plan.Certificate.MinReducedCost < 0 || plan.Certificate.ArcsChecked < plan.Stats.Arcs {
		t.Fatalf("certificate %+v does not cover the %d arcs", plan.Certificate, plan.Stats.Arcs)
	}
	if len(plan.Proposals) < 10 {
		t.Fatal("too few proposals to break")
	}
	// clone copies the plan deeply enough to break it.
	clone := func() *Plan {
		c := *plan
		c.Proposals = slices.Clone(plan.Proposals)
		cert := *plan.Certificate
		cert.Positions = map[int64]int64{}
		for k, v := range plan.Certificate.Positions {
			cert.Positions[k] = v
		}
		c.Certificate = &cert
		return &c
	}
	// recount sets the objective to what the proposals give, so that only
	// the duals can reveal a broken plan.
	recount := func(c *Plan) {
		n := newNet(in, p)
		if err := n.load(c.Proposals); err != nil {
			t.Fatal(err)
		}
		c.Objective = n.objective()
	}
	tests := []struct {
		name   string
		break_ func(c *Plan)
	}{
		{"a proposal dropped", func(c *Plan) { c.Proposals = c.Proposals[1:]; recount(c) }},
		{"a proposal sent elsewhere", func(c *Plan) {
			n := newNet(in, p)
			for i, pr := range c.Proposals {
				e := n.empIdx[pr.EmployeeID]
				for _, a := range n.appendEligible(nil, e) {
					if id := n.pos[a.q].id; id != pr.ToPositionID {
						c.Proposals[i].ToPositionID, c.Proposals[i].ToUnitID = id, n.units[n.pos[a.q].unit].id
						recount(c)
						return
					}
				}
			}
			t.Fatal("no proposal could be redirected")
		}},
		{"a potential changed", func(c *Plan) {
			id := c.Proposals[0].ToPositionID
			c.Certificate.Positions[id] -= c.Certificate.GapUnit * 300
		}},
		{"the objective misstated", func(c *Plan) { c.Objective.GapAfter-- }},
		{"a rule broken", func(c *Plan) {
			for i := range in.Positions {
				if in.Positions[i].Kind == "struktural" {
					c.Proposals[0].ToPositionID = in.Positions[i].ID
					return
				}
			}
		}},
		{"no certificate", func(c *Plan) { c.Certificate = nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := clone()
			tt.break_(c)
			if err := Verify(in, p, c); !errors.Is(err, ErrCertificate) {
				t.Errorf("Verify = %v, want ErrCertificate", err)
			}
		})
	}
	if err := Verify(in, p, clone()); err != nil {
		t.Errorf("Verify rejects the intact plan: %v", err)
	}
}
