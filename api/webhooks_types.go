package api

import (
	"time"

	"github.com/rungs/rungs/domain"
)

// CreateWebhookRequest registers an endpoint for the organisation's events.
type CreateWebhookRequest struct {
	// https, resolving to a public address.
	URL         string   `json:"url" validate:"required" example:"https://hr.example.com/hooks/rungs"`
	Events      []string `json:"events" validate:"required,min=1,max=10" enums:"candidate.created,candidate.updated,candidate.visibility_changed,candidate.erased,assessment.created,scorecard.submitted" example:"candidate.created,assessment.created"`
	Description string   `json:"description,omitempty" example:"Our applicant tracking system" text:"multiline"`
}

// RotateWebhookSecretRequest sets how long the old secret keeps signing.
type RotateWebhookSecretRequest struct {
	// 0 to 168; default 24. Both secrets sign every delivery meanwhile.
	GracePeriodHours *int `json:"grace_period_hours,omitempty" example:"24"`
}

// Webhook is an endpoint, without its secret.
type Webhook struct {
	ID          string   `json:"id" format:"uuid" example:"0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b71"`
	URL         string   `json:"url" example:"https://hr.example.com/hooks/rungs"`
	Events      []string `json:"events" example:"candidate.created,assessment.created"`
	Description string   `json:"description" example:"Our applicant tracking system"`
	// Until then the secret before the last rotation signs too.
	PreviousSecretExpiresAt *time.Time `json:"previous_secret_expires_at,omitempty" example:"2026-03-02T09:30:00Z"`
	CreatedAt               time.Time  `json:"created_at" example:"2026-03-01T09:30:00Z"`
	UpdatedAt               time.Time  `json:"updated_at" example:"2026-03-01T09:30:00Z"`
}

// NewWebhook is an endpoint with its signing secret, shown in this answer only.
type NewWebhook struct {
	Webhook
	// Standard Webhooks secret: "whsec_" and the base64 of the HMAC key.
	Secret string `json:"secret" example:"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"`
}

// WebhookList is a page of endpoints.
type WebhookList struct {
	Items      []Webhook `json:"items"`
	NextCursor string    `json:"next_cursor,omitempty"`
}

// WebhookAttempt is one try at a delivery.
type WebhookAttempt struct {
	Number      int       `json:"number" example:"1"`
	AttemptedAt time.Time `json:"attempted_at" example:"2026-03-01T09:30:00Z"`
	// 0 when no answer came (refused, timed out).
	StatusCode int     `json:"status_code" example:"500"`
	LatencyMS  float64 `json:"latency_ms" example:"12.5"`
	Error      string  `json:"error,omitempty" example:"answered 500"`
}

// WebhookDelivery is one event on its way to one endpoint.
type WebhookDelivery struct {
	ID string `json:"id" format:"uuid" example:"0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b72"`
	// The webhook-id header: the same on every attempt and redelivery.
	EventID   string `json:"event_id" example:"msg_0195f3c2-7a4e-7b1a-9c3d-2f1e4d5c6b73"`
	EventType string `json:"event_type" example:"candidate.created"`
	State     string `json:"state" enums:"pending,succeeded,failed" example:"pending"`
	Attempts  int    `json:"attempts" example:"3"`
	// When the next attempt is due, while pending.
	NextAttemptAt  *time.Time       `json:"next_attempt_at,omitempty" example:"2026-03-01T09:31:00Z"`
	LastStatusCode int              `json:"last_status_code" example:"500"`
	CreatedAt      time.Time        `json:"created_at" example:"2026-03-01T09:30:00Z"`
	CompletedAt    *time.Time       `json:"completed_at,omitempty" example:"2026-03-01T09:35:00Z"`
	AttemptLog     []WebhookAttempt `json:"attempt_log"`
}

// WebhookDeliveryList is a page of deliveries, newest first.
type WebhookDeliveryList struct {
	Items      []WebhookDelivery `json:"items"`
	NextCursor string            `json:"next_cursor,omitempty"`
}

func toWebhook(e domain.WebhookEndpoint) Webhook {
	out := Webhook{ID: e.ID, URL: e.URL, Events: e.Events, Description: e.Description,
		CreatedAt: apiTime(e.CreatedAt), UpdatedAt: apiTime(e.UpdatedAt)}
	if e.PreviousUntil != nil && e.PreviousUntil.After(time.Now()) {
		t := apiTime(*e.PreviousUntil)
		out.PreviousSecretExpiresAt = &t
	}
	if out.Events == nil {
		out.Events = []string{}
	}
	return out
}

func toWebhookDelivery(d domain.WebhookDelivery) WebhookDelivery {
	out := WebhookDelivery{ID: d.ID, EventID: d.EventID, EventType: d.EventType, State: d.State, Attempts: d.Attempts,
		LastStatusCode: d.LastStatus, CreatedAt: apiTime(d.CreatedAt), AttemptLog: make([]WebhookAttempt, len(d.Log))}
	if d.NextAttemptAt != nil && d.State == domain.WebhookDeliveryStatePending {
		t := apiTime(*d.NextAttemptAt)
		out.NextAttemptAt = &t
	}
	if d.CompletedAt != nil {
		t := apiTime(*d.CompletedAt)
		out.CompletedAt = &t
	}
	for i, a := range d.Log {
		out.AttemptLog[i] = WebhookAttempt{Number: a.Number, AttemptedAt: apiTime(a.AttemptedAt), StatusCode: a.StatusCode,
			LatencyMS: float64(a.Latency.Microseconds()) / 1000, Error: a.Error}
	}
	return out
}
