package domain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Webhook event types. Payloads carry ids only: receivers read what they
// need through the API, so no personal data leaves in a webhook and an
// erasure never has to chase copies.
const (
	EventCandidateCreated           = "candidate.created"
	EventCandidateUpdated           = "candidate.updated"
	EventCandidateVisibilityChanged = "candidate.visibility_changed"
	EventCandidateErased            = "candidate.erased"
	EventAssessmentCreated          = "assessment.created"
	EventScorecardSubmitted         = "scorecard.submitted"
	// EventWebhookTest is the ping sent by POST .../webhooks/{id}/test; it
	// cannot be subscribed to.
	EventWebhookTest = "webhook.test"
)

// WebhookEventTypes lists the events an endpoint may subscribe to.
var WebhookEventTypes = []string{
	EventCandidateCreated, EventCandidateUpdated, EventCandidateVisibilityChanged, EventCandidateErased,
	EventAssessmentCreated, EventScorecardSubmitted,
}

// ValidWebhookEvent reports whether t may be subscribed to.
func ValidWebhookEvent(t string) bool { return slices.Contains(WebhookEventTypes, t) }

// Webhook limits.
const (
	MaxWebhookEndpoints          = 20
	MaxWebhookDescriptionLength  = 500
	WebhookSecretPrefix          = "whsec_"
	WebhookDefaultGrace          = 24 * time.Hour
	WebhookMaxGrace              = 7 * 24 * time.Hour
	WebhookRetryWindow           = 24 * time.Hour
	WebhookDeliveryStatePending  = "pending"
	WebhookDeliveryStateSuccess  = "succeeded"
	WebhookDeliveryStateFailed   = "failed"
	WebhookDeliveryMaxErrorChars = 300
)

// WebhookEndpoint is where an organisation wants its events sent.
type WebhookEndpoint struct {
	ID             string
	OrganisationID string
	URL            string
	Description    string
	Events         []string
	// Secret signs every delivery; PreviousSecret also signs until
	// PreviousUntil, after a rotation.
	Secret         string
	PreviousSecret string
	PreviousUntil  *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Subscribes reports whether the endpoint wants events of type t.
func (e WebhookEndpoint) Subscribes(t string) bool {
	return t == EventWebhookTest || slices.Contains(e.Events, t)
}

// Secrets are the secrets that sign a delivery sent at now.
func (e WebhookEndpoint) Secrets(now time.Time) []string {
	out := []string{e.Secret}
	if e.PreviousSecret != "" && e.PreviousUntil != nil && now.Before(*e.PreviousUntil) {
		out = append(out, e.PreviousSecret)
	}
	return out
}

// WebhookEvent is one thing that happened, for the organisation's endpoints.
// CandidateID orders delivery: one candidate's events reach an endpoint in
// the order they happened.
type WebhookEvent struct {
	ID             string
	OrganisationID string
	Type           string
	CandidateID    string
	// Data is the event's JSON object of ids.
	Data      map[string]string
	CreatedAt time.Time
}

// WebhookDelivery is one event on its way to one endpoint.
type WebhookDelivery struct {
	ID            string
	EventID       string
	EventType     string
	EndpointID    string
	State         string
	Attempts      int
	NextAttemptAt *time.Time
	LastStatus    int
	LastError     string
	CreatedAt     time.Time
	CompletedAt   *time.Time
	Log           []WebhookAttempt
}

// WebhookAttempt is one try at a delivery.
type WebhookAttempt struct {
	Number      int
	AttemptedAt time.Time
	// StatusCode is 0 when no answer came (refused, timed out).
	StatusCode int
	Latency    time.Duration
	Error      string
}

// SignWebhook is the Standard Webhooks signature header value for one
// message: "v1,<base64 HMAC-SHA256 of id.timestamp.body>" for each secret,
// space-separated. A secret is "whsec_" and the base64 of the key.
func SignWebhook(secrets []string, id string, ts time.Time, body []byte) string {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	sigs := make([]string, 0, len(secrets))
	for _, s := range secrets {
		key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(s, WebhookSecretPrefix))
		if err != nil {
			continue
		}
		mac := hmac.New(sha256.New, key)
		mac.Write([]byte(id))
		mac.Write([]byte{'.'})
		mac.Write([]byte(stamp))
		mac.Write([]byte{'.'})
		mac.Write(body)
		sigs = append(sigs, "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	}
	return strings.Join(sigs, " ")
}

// OutboxEvent is an event with its body as sent and one delivery per
// endpoint that wants it, written in the transaction of the change.
type OutboxEvent struct {
	Event   WebhookEvent
	Payload []byte
	// Deliveries name ID and EndpointID.
	Deliveries []WebhookDelivery
	// OrderingKey orders the deliveries per endpoint (the candidate's id).
	OrderingKey string
}

// DueDelivery is a delivery a worker holds, with what it needs to send it.
type DueDelivery struct {
	// LeaseUntil is when the worker's hold on it ends.
	LeaseUntil time.Time
	Seq        int64
	Delivery   WebhookDelivery
	Endpoint   WebhookEndpoint
	EventType  string
	Payload    []byte
}

// AttemptResult is an attempt at a held delivery and what follows it: the
// new state, and the next try while pending.
type AttemptResult struct {
	Due     DueDelivery
	Attempt WebhookAttempt
	State   string
	Next    *time.Time
}
