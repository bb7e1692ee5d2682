package core

import (
	"strings"
	"time"
)

// RoundStatus is where a round (periode mutasi) stands.
type RoundStatus string

const (
	RoundDraft     RoundStatus = "draft"     // created, parameters editable
	RoundPlanned   RoundStatus = "planned"   // the planner has proposed transfers
	RoundAnnounced RoundStatus = "announced" // notices sent; objection window open
	RoundApproved  RoundStatus = "approved"  // SK signed
	RoundEffective RoundStatus = "effective" // transfers took effect
	RoundClosed    RoundStatus = "closed"    // evaluated and archived
)

// Round is a batch of proposals that ends in one decree (SK).
type Round struct {
	ID     int64
	Name   string
	Status RoundStatus
	// UnitIDs is the scope; empty means the whole regency.
	UnitIDs []int64
	// Params is the planner parameters as JSON, kept as used.
	Params            string
	ObjectionDeadline *time.Time
	EffectiveDate     Date
	SKNumber          string
	CreatedBy         string
	CreatedAt         time.Time
	AnnouncedAt       *time.Time
	ApprovedAt        *time.Time
}

// Validate checks the round's own fields.
func (r *Round) Validate() error {
	v := &ValidationError{}
	r.Name = strings.TrimSpace(r.Name)
	if r.Name == "" {
		v.Add("nama", "err.required")
	} else if len(r.Name) > 200 {
		v.Add("nama", "err.too_long", 200)
	}
	if r.Status == "" {
		r.Status = RoundDraft
	}
	if len(r.SKNumber) > 100 {
		v.Add("sk_number", "err.too_long", 100)
	}
	return v.Err()
}
