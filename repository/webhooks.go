package repository

import (
	"context"
	"encoding/json"
	"time"

	"github.com/rungs/rungs/domain"
)

type webhookEndpointRow struct {
	ID             string `gorm:"primaryKey"`
	OrganisationID string
	URL            string
	Description    string
	Events         string
	Secret         string
	PreviousSecret *string
	PreviousUntil  *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (webhookEndpointRow) TableName() string { return "webhook_endpoints" }

func (r webhookEndpointRow) domain() (domain.WebhookEndpoint, error) {
	e := domain.WebhookEndpoint{
		ID: r.ID, OrganisationID: r.OrganisationID, URL: r.URL, Description: r.Description, Secret: r.Secret,
		PreviousSecret: textOf(r.PreviousSecret), PreviousUntil: utcOrNil(r.PreviousUntil),
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
	return e, json.Unmarshal([]byte(r.Events), &e.Events)
}

func endpointRow(e domain.WebhookEndpoint) (webhookEndpointRow, error) {
	ev, err := json.Marshal(e.Events)
	return webhookEndpointRow{
		ID: e.ID, OrganisationID: e.OrganisationID, URL: e.URL, Description: e.Description, Events: string(ev),
		Secret: e.Secret, PreviousSecret: nullText(e.PreviousSecret), PreviousUntil: utcOrNil(e.PreviousUntil),
		CreatedAt: e.CreatedAt.UTC(), UpdatedAt: e.UpdatedAt.UTC(),
	}, err
}

// Webhooks stores webhook endpoints, the event outbox and deliveries.
type Webhooks struct{ db *DB }

// NewWebhooks returns the webhook store.
func NewWebhooks(db *DB) *Webhooks { return &Webhooks{db: db} }

// CreateEndpoint inserts e.
func (s *Webhooks) CreateEndpoint(ctx context.Context, e domain.WebhookEndpoint) error {
	row, err := endpointRow(e)
	if err != nil {
		return err
	}
	return translate(s.db.conn(ctx).Create(&row).Error, "webhook")
}

// UpdateEndpoint stores e's secrets and description over the stored row.
func (s *Webhooks) UpdateEndpoint(ctx context.Context, e domain.WebhookEndpoint) error {
	row, err := endpointRow(e)
	if err != nil {
		return err
	}
	res := s.db.conn(ctx).Model(&webhookEndpointRow{}).Where("id = ? AND organisation_id = ?", e.ID, e.OrganisationID).
		Updates(map[string]any{"secret": row.Secret, "previous_secret": row.PreviousSecret, "previous_until": row.PreviousUntil,
			"updated_at": row.UpdatedAt})
	if res.Error != nil {
		return translate(res.Error, "webhook")
	}
	if res.RowsAffected == 0 {
		return domain.Errorf(domain.ErrNotFound, "webhook not found")
	}
	return nil
}

// CountEndpoints counts the organisation's endpoints.
func (s *Webhooks) CountEndpoints(ctx context.Context, orgID string) (int, error) {
	var n int64
	err := s.db.conn(ctx).Model(&webhookEndpointRow{}).Where("organisation_id = ?", orgID).Count(&n).Error
	return int(n), translate(err, "webhook")
}

// Endpoint returns one endpoint of the organisation; lock holds it until
// the transaction ends.
func (s *Webhooks) Endpoint(ctx context.Context, orgID, id string, lock bool) (domain.WebhookEndpoint, error) {
	if !wellFormedID(orgID) || !wellFormedID(id) {
		return domain.WebhookEndpoint{}, domain.Errorf(domain.ErrNotFound, "webhook not found")
	}
	var row webhookEndpointRow
	q := s.db.conn(ctx).Where("id = ? AND organisation_id = ?", id, orgID)
	if lock {
		q = s.db.forUpdate(q)
	}
	if err := q.Take(&row).Error; err != nil {
		return domain.WebhookEndpoint{}, translate(err, "webhook")
	}
	return row.domain()
}

// Endpoints lists the organisation's endpoints oldest first, after the id
// after, at most limit (0: all).
func (s *Webhooks) Endpoints(ctx context.Context, orgID, after string, limit int) ([]domain.WebhookEndpoint, error) {
	if !wellFormedID(orgID) {
		return nil, nil
	}
	q := s.db.conn(ctx).Where("organisation_id = ?", orgID).Order("id")
	if after != "" {
		q = q.Where("id > ?", after)
	}
	if limit > 0 {
		q = q.Limit(limit)
	}
	var rows []webhookEndpointRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, translate(err, "webhook")
	}
	return endpoints(rows)
}

// EndpointsOf lists every endpoint of the given organisations.
func (s *Webhooks) EndpointsOf(ctx context.Context, orgIDs []string) ([]domain.WebhookEndpoint, error) {
	var rows []webhookEndpointRow
	if err := s.db.conn(ctx).Where("organisation_id IN ?", orgIDs).Order("id").Find(&rows).Error; err != nil {
		return nil, translate(err, "webhook")
	}
	return endpoints(rows)
}

func endpoints(rows []webhookEndpointRow) ([]domain.WebhookEndpoint, error) {
	out := make([]domain.WebhookEndpoint, len(rows))
	for i, r := range rows {
		e, err := r.domain()
		if err != nil {
			return nil, err
		}
		out[i] = e
	}
	return out, nil
}

// DeleteEndpoint removes an endpoint with its deliveries.
func (s *Webhooks) DeleteEndpoint(ctx context.Context, orgID, id string) error {
	if !wellFormedID(orgID) || !wellFormedID(id) {
		return domain.Errorf(domain.ErrNotFound, "webhook not found")
	}
	res := s.db.conn(ctx).Where("id = ? AND organisation_id = ?", id, orgID).Delete(&webhookEndpointRow{})
	if res.Error != nil {
		return translate(res.Error, "webhook")
	}
	if res.RowsAffected == 0 {
		return domain.Errorf(domain.ErrNotFound, "webhook not found")
	}
	return nil
}
