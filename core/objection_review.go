package core

import "time"

// ObjectionInboxFilter selects objections for HR's inbox; zero values
// select all.
type ObjectionInboxFilter struct {
	Status   ObjectionStatus
	RoundID  int64
	Category ObjectionCategory
	// UnitIDs limits the inbox to objections against transfers from or to
	// one of these units; nil means every unit, an empty non-nil slice none.
	UnitIDs []int64
	Limit   int // default 200, at most 1000
}

// ReplacementStatus is where HR's review of a replacement proposal stands.
type ReplacementStatus string

const (
	ReplacementProposed  ReplacementStatus = "proposed"  // made by the planner, awaiting review
	ReplacementAccepted  ReplacementStatus = "accepted"  // kept among the round's proposals
	ReplacementDiscarded ReplacementStatus = "discarded" // the proposal was cancelled
)

// ObjectionReplacement links an upheld objection to the proposal the
// planner made to fill the slot it left open, and records HR's review.
type ObjectionReplacement struct {
	ID          int64
	ObjectionID int64
	TransferID  int64
	Status      ReplacementStatus
	CreatedBy   Actor
	CreatedAt   time.Time
	ReviewedBy  Actor
	ReviewedAt  *time.Time
}
