package repository

import (
	"context"
	"time"

	"github.com/rungs/rungs/domain"
)

type webhookEventRow struct {
	ID             string `gorm:"primaryKey"`
	OrganisationID string
	Type           string
	Payload        string
	CreatedAt      time.Time
}

func (webhookEventRow) TableName() string { return "webhook_events" }

type webhookDeliveryRow struct {
	Seq           int64 `gorm:"primaryKey;autoIncrement"`
	ID            string
	EventID       string
	EndpointID    string
	OrderingKey   string
	State         string
	Attempts      int
	NextAttemptAt *time.Time
	LeaseUntil    *time.Time
	LeaseOwner    *string
	LastStatus    int
	LastError     string
	CreatedAt     time.Time
	CompletedAt   *time.Time
}

func (webhookDeliveryRow) TableName() string { return "webhook_deliveries" }

func (r webhookDeliveryRow) domain(eventType string) domain.WebhookDelivery {
	return domain.WebhookDelivery{
		ID: r.ID, EventID: r.EventID, EventType: eventType, EndpointID: r.EndpointID, State: r.State, Attempts: r.Attempts,
		NextAttemptAt: utcOrNil(r.NextAttemptAt), LastStatus: r.LastStatus, LastError: r.LastError,
		CreatedAt: r.CreatedAt.UTC(), CompletedAt: utcOrNil(r.CompletedAt),
	}
}

type webhookAttemptRow struct {
	DeliveryID  string `gorm:"primaryKey"`
	Number      int    `gorm:"primaryKey"`
	AttemptedAt time.Time
	StatusCode  int
	LatencyUs   int64
	Error       string
}

func (webhookAttemptRow) TableName() string { return "webhook_attempts" }

// AddEvents writes events and their deliveries, due at once, in the
// transaction carried by ctx: multi-row inserts, whatever the count.
func (s *Webhooks) AddEvents(ctx context.Context, evs []domain.OutboxEvent) error {
	if len(evs) == 0 {
		return nil
	}
	events := make([]webhookEventRow, 0, len(evs))
	var deliveries []webhookDeliveryRow
	for _, ev := range evs {
		at := ev.Event.CreatedAt.UTC()
		events = append(events, webhookEventRow{ID: ev.Event.ID, OrganisationID: ev.Event.OrganisationID, Type: ev.Event.Type,
			Payload: string(ev.Payload), CreatedAt: at})
		for _, d := range ev.Deliveries {
			deliveries = append(deliveries, webhookDeliveryRow{ID: d.ID, EventID: ev.Event.ID, EndpointID: d.EndpointID,
				OrderingKey: ev.OrderingKey, State: domain.WebhookDeliveryStatePending, NextAttemptAt: &at, CreatedAt: at})
		}
	}
	conn := s.db.conn(ctx)
	if err := conn.CreateInBatches(&events, 500).Error; err != nil {
		return translate(err, "webhook event")
	}
	return translate(conn.CreateInBatches(&deliveries, 500).Error, "webhook delivery")
}

// Redeliver makes a delivery of the endpoint due at now: a pending one is
// moved forward, a finished one gets a new delivery of the same event
// (with newID), which is returned.
func (s *Webhooks) Redeliver(ctx context.Context, endpointID, id, newID string, now time.Time) (domain.WebhookDelivery, error) {
	var out domain.WebhookDelivery
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		row, typ, err := s.delivery(ctx, endpointID, id, true)
		if err != nil {
			return err
		}
		now := now.UTC()
		conn := s.db.conn(ctx)
		if row.State == domain.WebhookDeliveryStatePending {
			err := conn.Model(&webhookDeliveryRow{}).Where("seq = ?", row.Seq).Update("next_attempt_at", now).Error
			row.NextAttemptAt = &now
			out = row.domain(typ)
			return translate(err, "webhook delivery")
		}
		fresh := webhookDeliveryRow{ID: newID, EventID: row.EventID, EndpointID: row.EndpointID, OrderingKey: row.OrderingKey,
			State: domain.WebhookDeliveryStatePending, NextAttemptAt: &now, CreatedAt: now}
		if err := conn.Create(&fresh).Error; err != nil {
			return translate(err, "webhook delivery")
		}
		out = fresh.domain(typ)
		return nil
	})
	return out, err
}

// Prune deletes events older than before whose deliveries are all finished
// (their deliveries and attempts go with them).
func (s *Webhooks) Prune(ctx context.Context, before time.Time) error {
	err := s.db.conn(ctx).Exec(`DELETE FROM webhook_events WHERE created_at < ? AND NOT EXISTS (
		SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id AND d.state = ?)`,
		before.UTC(), domain.WebhookDeliveryStatePending).Error
	return translate(err, "webhook event")
}
