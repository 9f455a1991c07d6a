package api

import (
	"net/http"
)

// orgXWebhooks is for organisation X's webhooks: its recruiters, admins and
// its keys with the webhooks scope.
func orgXWebhooks(ok int) [callerCount]int {
	return [callerCount]int{401, 403, 403, ok, 404, ok, 403, ok}
}

const matrixWebhookBody = `{"url":"http://127.0.0.1:9/hooks","events":["candidate.created"]}`

// newWebhookX registers a webhook of organisation X as its admin.
func (m *matrix) newWebhookX() string {
	m.s.t.Helper()
	rec := m.s.do(http.MethodPost, "/v1/orgs/"+m.orgX+"/webhooks", m.admin, matrixWebhookBody)
	m.s.mustStatus(rec, http.StatusCreated)
	var w NewWebhook
	decode(m.s.t, rec, &w)
	return w.ID
}

// webhookFixtures makes X's shared webhook and a test delivery to it.
func (m *matrix) webhookFixtures() {
	if m.webhookX != "" {
		return
	}
	m.webhookX = m.newWebhookX()
	rec := m.s.do(http.MethodPost, "/v1/orgs/"+m.orgX+"/webhooks/"+m.webhookX+"/test", m.admin, "")
	m.s.mustStatus(rec, http.StatusAccepted)
	var d WebhookDelivery
	decode(m.s.t, rec, &d)
	m.deliveryX = d.ID
}

func webhookMatrixRows() []matrixRow {
	onX := func(suffix, body string) func(*matrix, caller) (string, string) {
		return func(m *matrix, _ caller) (string, string) {
			m.webhookFixtures()
			return "/v1/orgs/" + m.orgX + "/webhooks/" + m.webhookX + suffix, body
		}
	}
	delivery := func(suffix string) func(*matrix, caller) (string, string) {
		return func(m *matrix, _ caller) (string, string) {
			m.webhookFixtures()
			return "/v1/orgs/" + m.orgX + "/webhooks/" + m.webhookX + "/deliveries/" + m.deliveryX + suffix, ""
		}
	}
	return []matrixRow{
		{route: "POST /v1/orgs/:id/webhooks", scope: "webhooks", want: orgXWebhooks(201), request: func(m *matrix, _ caller) (string, string) {
			return "/v1/orgs/" + m.orgX + "/webhooks", matrixWebhookBody
		}},
		{route: "GET /v1/orgs/:id/webhooks", scope: "webhooks", want: orgXWebhooks(200), request: func(m *matrix, _ caller) (string, string) {
			return "/v1/orgs/" + m.orgX + "/webhooks", ""
		}},
		{route: "GET /v1/orgs/:id/webhooks/:wid", scope: "webhooks", want: orgXWebhooks(200), request: onX("", "")},
		{route: "DELETE /v1/orgs/:id/webhooks/:wid", scope: "webhooks", want: orgXWebhooks(204), request: func(m *matrix, _ caller) (string, string) {
			return "/v1/orgs/" + m.orgX + "/webhooks/" + m.newWebhookX(), ""
		}},
		{route: "POST /v1/orgs/:id/webhooks/:wid/rotate-secret", scope: "webhooks", want: orgXWebhooks(200), request: onX("/rotate-secret", `{"grace_period_hours":1}`)},
		{route: "POST /v1/orgs/:id/webhooks/:wid/test", scope: "webhooks", want: orgXWebhooks(202), request: onX("/test", "")},
		{route: "GET /v1/orgs/:id/webhooks/:wid/deliveries", scope: "webhooks", want: orgXWebhooks(200), request: onX("/deliveries", "")},
		{route: "GET /v1/orgs/:id/webhooks/:wid/deliveries/:did", scope: "webhooks", want: orgXWebhooks(200), request: delivery("")},
		{route: "POST /v1/orgs/:id/webhooks/:wid/deliveries/:did/redeliver", scope: "webhooks", want: orgXWebhooks(202), request: delivery("/redeliver")},
	}
}
