package repository

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/rungs/rungs/domain"
)

// claimSQL picks due deliveries that head their chain: no earlier pending
// delivery of the same candidate to the same endpoint, so that one
// candidate's events arrive in order. The due index is read in order and
// each row's chain head found by index (a correlated subquery, not an anti
// join over every pending row), so a claim stops after limit heads however
// long the backlog. On PostgreSQL the rows are locked and others' locked
// rows skipped, so concurrent workers never pick the same one.
const claimSQL = `SELECT d.seq FROM webhook_deliveries d
WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?)
  AND d.seq = (SELECT min(p.seq) FROM webhook_deliveries p WHERE p.endpoint_id = d.endpoint_id
      AND p.ordering_key = d.ordering_key AND p.state = 'pending')
ORDER BY d.next_attempt_at, d.seq LIMIT ?`

type dueRow struct {
	D              webhookDeliveryRow `gorm:"embedded"`
	Type           string
	Payload        string
	OrganisationID string
	URL            string
	Secret         string
	PreviousSecret *string
	PreviousUntil  *time.Time
}

// Claim leases up to limit due deliveries to owner until now+lease and
// counts the attempt it is about to make. A worker that dies holding one
// loses it when the lease ends, and another worker tries again.
func (s *Webhooks) Claim(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]domain.DueDelivery, error) {
	now = now.UTC()
	var out []domain.DueDelivery
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		q := claimSQL
		if s.db.Dialect() == DialectPostgres {
			q += " FOR UPDATE OF d SKIP LOCKED"
		}
		conn := s.db.conn(ctx)
		var seqs []int64
		if err := conn.Raw(q, now, now, limit).Scan(&seqs).Error; err != nil {
			return err
		}
		if len(seqs) == 0 {
			return nil
		}
		until := now.Add(lease)
		if err := conn.Model(&webhookDeliveryRow{}).Where("seq IN ?", seqs).
			Updates(map[string]any{"attempts": gorm.Expr("attempts + 1"), "lease_until": until, "lease_owner": owner}).Error; err != nil {
			return err
		}
		var rows []dueRow
		if err := conn.Raw(`SELECT d.*, e.type, e.payload, w.organisation_id, w.url, w.secret, w.previous_secret, w.previous_until
			FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id JOIN webhook_endpoints w ON w.id = d.endpoint_id
			WHERE d.seq IN ? ORDER BY d.seq`, seqs).Scan(&rows).Error; err != nil {
			return err
		}
		out = make([]domain.DueDelivery, len(rows))
		for i, r := range rows {
			out[i] = domain.DueDelivery{
				LeaseUntil: until,
				Seq:        r.D.Seq, Delivery: r.D.domain(r.Type), EventType: r.Type, Payload: []byte(r.Payload),
				Endpoint: domain.WebhookEndpoint{ID: r.D.EndpointID, OrganisationID: r.OrganisationID, URL: r.URL, Secret: r.Secret,
					PreviousSecret: textOf(r.PreviousSecret), PreviousUntil: utcOrNil(r.PreviousUntil)},
			}
		}
		return nil
	})
	if err != nil {
		// Not committed: nothing is leased, so nothing may be sent.
		return nil, translate(err, "webhook delivery")
	}
	return out, nil
}

// Finish records attempts of deliveries owner holds, with their outcome
// (state, and when pending the next try), all in one transaction. It
// reports per result whether it was recorded: false when the lease was lost
// (expired and taken, or the endpoint deleted), and then nothing is written
// for it.
func (s *Webhooks) Finish(ctx context.Context, owner string, rs []domain.AttemptResult) ([]bool, error) {
	done := make([]bool, len(rs))
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		conn := s.db.conn(ctx)
		var attempts []webhookAttemptRow
		for i, r := range rs {
			a := r.Attempt
			upd := map[string]any{"state": r.State, "last_status": a.StatusCode, "last_error": a.Error,
				"next_attempt_at": utcOrNil(r.Next), "lease_until": nil, "lease_owner": nil}
			if r.State != domain.WebhookDeliveryStatePending {
				upd["completed_at"] = a.AttemptedAt.UTC()
			}
			res := conn.Model(&webhookDeliveryRow{}).Where("seq = ? AND lease_owner = ? AND attempts = ?", r.Due.Seq, owner, r.Due.Delivery.Attempts).Updates(upd)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				continue
			}
			done[i] = true
			attempts = append(attempts, webhookAttemptRow{DeliveryID: r.Due.Delivery.ID, Number: a.Number, AttemptedAt: a.AttemptedAt.UTC(),
				StatusCode: a.StatusCode, LatencyUs: a.Latency.Microseconds(), Error: a.Error})
		}
		if len(attempts) == 0 {
			return nil
		}
		return conn.CreateInBatches(&attempts, 500).Error
	})
	if err != nil {
		return make([]bool, len(rs)), translate(err, "webhook delivery")
	}
	return done, nil
}

// Release gives back deliveries owner holds and did not attempt: they are
// due again at once, and the attempt counted by Claim is uncounted.
func (s *Webhooks) Release(ctx context.Context, owner string, ds []domain.DueDelivery) error {
	seqs := make([]int64, len(ds))
	for i, d := range ds {
		seqs[i] = d.Seq
	}
	err := s.db.conn(ctx).Model(&webhookDeliveryRow{}).Where("seq IN ? AND lease_owner = ?", seqs, owner).
		Updates(map[string]any{"attempts": gorm.Expr("attempts - 1"), "lease_until": nil, "lease_owner": nil}).Error
	return translate(err, "webhook delivery")
}

// delivery reads one delivery of the endpoint with its event's type.
func (s *Webhooks) delivery(ctx context.Context, endpointID, id string, lock bool) (webhookDeliveryRow, string, error) {
	var row webhookDeliveryRow
	if !wellFormedID(endpointID) || !wellFormedID(id) {
		return row, "", domain.Errorf(domain.ErrNotFound, "delivery not found")
	}
	q := s.db.conn(ctx).Where("id = ? AND endpoint_id = ?", id, endpointID)
	if lock {
		q = s.db.forUpdate(q)
	}
	if err := q.Take(&row).Error; err != nil {
		return row, "", translate(err, "delivery")
	}
	var typ string
	err := s.db.conn(ctx).Model(&webhookEventRow{}).Where("id = ?", row.EventID).Pluck("type", &typ).Error
	return row, typ, translate(err, "delivery")
}

// Delivery returns one delivery of the endpoint with its attempts.
func (s *Webhooks) Delivery(ctx context.Context, endpointID, id string) (domain.WebhookDelivery, error) {
	row, typ, err := s.delivery(ctx, endpointID, id, false)
	if err != nil {
		return domain.WebhookDelivery{}, err
	}
	out := []domain.WebhookDelivery{row.domain(typ)}
	return out[0], s.attachAttempts(ctx, out)
}

// Deliveries lists the endpoint's deliveries newest first, before the id
// before, with their attempts.
func (s *Webhooks) Deliveries(ctx context.Context, endpointID, before string, limit int) ([]domain.WebhookDelivery, error) {
	var rows []struct {
		D    webhookDeliveryRow `gorm:"embedded"`
		Type string
	}
	q := s.db.conn(ctx).Table("webhook_deliveries d").Select("d.*, e.type").
		Joins("JOIN webhook_events e ON e.id = d.event_id").Where("d.endpoint_id = ?", endpointID)
	if before != "" {
		q = q.Where("d.id < ?", before)
	}
	if err := q.Order("d.id DESC").Limit(limit).Scan(&rows).Error; err != nil {
		return nil, translate(err, "delivery")
	}
	out := make([]domain.WebhookDelivery, len(rows))
	for i, r := range rows {
		out[i] = r.D.domain(r.Type)
	}
	return out, s.attachAttempts(ctx, out)
}

func (s *Webhooks) attachAttempts(ctx context.Context, ds []domain.WebhookDelivery) error {
	if len(ds) == 0 {
		return nil
	}
	ids := make([]string, len(ds))
	at := make(map[string]int, len(ds))
	for i, d := range ds {
		ids[i], at[d.ID] = d.ID, i
	}
	var rows []webhookAttemptRow
	if err := s.db.conn(ctx).Where("delivery_id IN ?", ids).Order("delivery_id, number").Find(&rows).Error; err != nil {
		return translate(err, "delivery")
	}
	for _, r := range rows {
		d := &ds[at[r.DeliveryID]]
		d.Log = append(d.Log, domain.WebhookAttempt{Number: r.Number, AttemptedAt: r.AttemptedAt.UTC(), StatusCode: r.StatusCode,
			Latency: time.Duration(r.LatencyUs) * time.Microsecond, Error: r.Error})
	}
	return nil
}
