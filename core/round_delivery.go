package core

import "time"

// NoticeDelivery is where the latest notice of one transfer stands in the
// outbox. The zero Status means no notice was queued.
type NoticeDelivery struct {
	TransferID int64
	EmployeeID int64
	MessageID  int64
	Status     OutboxStatus
	ChatID     int64 // 0: the employee has not linked Telegram
	Error      string
	SentAt     *time.Time
	// Blocked is set when Telegram refused delivery to the employee
	// (they blocked the bot).
	Blocked bool
}

// Delivery states a round's notices are counted in.
const (
	DeliveryQueued      = "queued"      // waiting for the sender
	DeliverySent        = "sent"        // Telegram accepted it
	DeliveryFailed      = "failed"      // the sender gave up
	DeliveryUnreachable = "unreachable" // not linked, or the bot is blocked
)

// State is the delivery state a person reads: sent when Telegram took it,
// else unreachable when the employee is not linked or blocked the bot,
// else the outbox status folded into queued or failed.
func (d NoticeDelivery) State() string {
	switch {
	case d.Status == OutboxSent:
		return DeliverySent
	case d.ChatID == 0 || d.Blocked:
		return DeliveryUnreachable
	case d.Status == OutboxFailed:
		return DeliveryFailed
	}
	return DeliveryQueued
}
