package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// Every change to a candidate reaches the organisation's receiver, in the
// order it happened, signed so that an independent Standard Webhooks check
// passes, with ids and no personal data; the other organisation hears nothing.
func TestWebhooksDeliverEveryEventSignedAndInOrder(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		rx, ry := newReceiver(t, always(204)), newReceiver(t, always(204))
		hook := f.registerWebhook(f.recX, f.orgX, rx.srv.URL+"/hooks?token=abc", allEvents...)
		f.registerWebhook(f.recY, f.orgY, ry.srv.URL, allEvents...)
		if !strings.HasPrefix(hook.Secret, "whsec_") || len(hook.Secret) < 40 {
			t.Fatalf("secret %q", hook.Secret)
		}
		for _, path := range []string{"/v1/orgs/" + f.orgX + "/webhooks", "/v1/orgs/" + f.orgX + "/webhooks/" + hook.ID} {
			if rec := f.do(http.MethodGet, path, f.recX, ""); rec.Code != 200 || strings.Contains(rec.Body.String(), hook.Secret) ||
				strings.Contains(rec.Body.String(), `"secret"`) {
				t.Fatalf("GET %s shows the secret or failed: %d %s", path, rec.Code, rec.Body)
			}
		}
		startWorker(t, f.authServer, service.WorkerConfig{})

		rec := f.do(http.MethodPost, "/v1/candidates", f.recX, profileBody)
		f.mustStatus(rec, http.StatusCreated)
		var c Candidate
		decode(t, rec, &c)
		etag := rec.Header().Get("ETag")
		rec = f.doWith(http.MethodPatch, "/v1/candidates/"+c.ID, f.recX, `{"headline":"Now a community lead"}`,
			map[string]string{"If-Match": etag, "Content-Type": mimeMergePatch})
		f.mustStatus(rec, http.StatusOK)
		etag = rec.Header().Get("ETag")
		doc, _ := f.assess(f.recX, "/v1/candidates/"+c.ID+"/assessments")
		sc := `{"ratings":[{"competency":"stakeholder-influence","proficiency":3}],"overall_recommendation":"yes"}`
		rec = f.do(http.MethodPost, "/v1/candidates/"+c.ID+"/scorecards", f.recX, sc)
		f.mustStatus(rec, http.StatusCreated)
		var card struct {
			ID string `json:"id"`
		}
		decode(t, rec, &card)
		f.mustStatus(f.doWith(http.MethodDelete, "/v1/candidates/"+c.ID, f.recX, "", map[string]string{"If-Match": etag}), http.StatusNoContent)

		got := rx.waitAcked(t, 5)
		want := []string{"candidate.created", "candidate.updated", "assessment.created", "scorecard.submitted", "candidate.erased"}
		seen := map[string]bool{}
		for i, g := range got {
			if g.Event.Type != want[i] {
				t.Fatalf("event %d is %s, want %s (all: %v)", i, g.Event.Type, want[i], types(got))
			}
			if err := verifyStandardWebhook(hook.Secret, g.Header, g.Body, time.Now()); err != nil {
				t.Fatalf("event %d: %v", i, err)
			}
			id := g.Header.Get("webhook-id")
			if seen[id] || g.Event.Data["event_id"] != id {
				t.Fatalf("event %d: webhook-id %q repeated or not the body's event_id %q", i, id, g.Event.Data["event_id"])
			}
			seen[id] = true
			if g.Event.Data["candidate_id"] != c.ID || g.Event.Data["organisation_id"] != f.orgX || g.Header.Get("Content-Type") != "application/json" {
				t.Fatalf("event %d: %s %v", i, g.Body, g.Header)
			}
			for _, personal := range []string{"Ada", "Lovelace", "ada.contact", "Major Gifts", "donor"} {
				if strings.Contains(string(g.Body), personal) {
					t.Fatalf("event %d carries personal data %q: %s", i, personal, g.Body)
				}
			}
		}
		if got[2].Event.Data["assessment_id"] != doc.ID || got[3].Event.Data["scorecard_id"] != card.ID || got[1].Event.Data["version"] != "2" {
			t.Fatalf("ids in the events: %s %s %s", got[1].Body, got[2].Body, got[3].Body)
		}
		if len(got[4].Event.Data) != 3 {
			t.Fatalf("candidate.erased carries more than ids: %s", got[4].Body)
		}
		if n := len(ry.all()); n != 0 {
			t.Fatalf("organisation Y heard %d events about X's candidate", n)
		}
		// The receiver's answer is recorded just after it arrives.
		ds := f.deliveries(f.recX, f.orgX, hook.ID)
		for deadline := time.Now().Add(5 * time.Second); !allSucceeded(ds) && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
			ds = f.deliveries(f.recX, f.orgX, hook.ID)
		}
		if len(ds) != 5 {
			t.Fatalf("%d deliveries listed", len(ds))
		}
		for _, d := range ds {
			if d.State != "succeeded" || d.Attempts != 1 || d.LastStatusCode != 204 || len(d.AttemptLog) != 1 || d.CompletedAt == nil || d.NextAttemptAt != nil {
				t.Fatalf("delivery listed as %+v", d)
			}
		}
	})
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

func allSucceeded(ds []WebhookDelivery) bool {
	for _, d := range ds {
		if d.State != "succeeded" {
			return false
		}
	}
	return true
}

func types(rs []received) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Event.Type
	}
	return out
}

// A receiver that answers 500 three times and then 200 gets the event
// acknowledged exactly once; every attempt is listed, and they all carry
// the same webhook-id.
func TestWebhookRetriesUntilAcknowledged(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		r := newReceiver(t, func(n int) int {
			if n < 3 {
				return 500
			}
			return 200
		})
		hook := f.registerWebhook(f.recX, f.orgX, r.srv.URL, "candidate.created")
		metrics := NewMetrics(nil)
		startWorker(t, f.authServer, service.WorkerConfig{RetryBase: 20 * time.Millisecond, Observe: metrics.WebhookAttempt})
		f.mustStatus(f.do(http.MethodPost, "/v1/candidates", f.recX, profileBody), http.StatusCreated)
		r.waitAcked(t, 1)
		time.Sleep(200 * time.Millisecond) // nothing more may come
		all := r.all()
		if len(all) != 4 || len(r.acked()) != 1 {
			t.Fatalf("%d requests, %d acknowledged", len(all), len(r.acked()))
		}
		for _, g := range all {
			if g.Header.Get("webhook-id") != all[0].Header.Get("webhook-id") || verifyStandardWebhook(hook.Secret, g.Header, g.Body, time.Now()) != nil {
				t.Fatalf("attempts differ in id or signature: %v", g.Header)
			}
		}
		var d WebhookDelivery
		deadline := time.Now().Add(5 * time.Second)
		for d.State != "succeeded" && time.Now().Before(deadline) {
			d = f.deliveries(f.recX, f.orgX, hook.ID)[0]
		}
		if d.State != "succeeded" || d.Attempts != 4 || len(d.AttemptLog) != 4 || d.LastStatusCode != 200 {
			t.Fatalf("delivery %+v", d)
		}
		for i, a := range d.AttemptLog {
			want := 500
			if i == 3 {
				want = 200
			}
			if a.Number != i+1 || a.StatusCode != want || a.LatencyMS <= 0 || (want == 500) != (a.Error != "") {
				t.Fatalf("attempt %d: %+v", i, a)
			}
		}
		// Every recorded attempt is counted by outcome.
		want := []string{`rungs_webhook_attempts_total{outcome="retry"} 3`, `rungs_webhook_attempts_total{outcome="delivered"} 1`,
			"rungs_webhook_attempt_duration_seconds_count 4"}
		var body string
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			rec := httptest.NewRecorder()
			metrics.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
			if body = rec.Body.String(); containsAll(body, want) {
				break
			}
		}
		if !containsAll(body, want) {
			t.Fatalf("metrics lack %v", want)
		}
		// The same delivery read alone.
		rec := f.do(http.MethodGet, "/v1/orgs/"+f.orgX+"/webhooks/"+hook.ID+"/deliveries/"+d.ID, f.recX, "")
		f.mustStatus(rec, http.StatusOK)
	})
}

// With the allow flag off, a webhook must be https on a public address:
// loopback, metadata, private and names resolving to loopback are refused.
func TestWebhookURLsMustBePublic(t *testing.T) {
	db := repotest.SQLite(t)
	s := newAuthServerWith(t, db, Config{}, cheapArgon2, func(d *Deps) {
		orgs := repository.NewOrganisations(db)
		d.Webhooks = service.NewWebhooks(db, repository.NewWebhooks(db), orgs, service.NewAudit(repository.NewAuditLog(db), nil),
			d.Policy, service.WebhookGuard{}, nil)
	})
	admin := s.admin()
	org := s.org(admin, "Acme")
	for _, u := range []string{"http://127.0.0.1/hook", "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/hook",
		"https://127.0.0.1/hook", "https://169.254.169.254/", "https://10.0.0.1/", "https://[::1]/hook", "https://localhost/hook",
		"http://93.184.216.34/hook", "https://user:pw@93.184.216.34/hook", "not a url"} {
		rec := s.do(http.MethodPost, "/v1/orgs/"+org+"/webhooks", admin, `{"url":"`+u+`","events":["candidate.created"]}`)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d %s", u, rec.Code, rec.Body)
		}
		if p := problemOf(t, rec); len(p.Errors) != 1 || p.Errors[0].Field != "url" {
			t.Fatalf("%s: %+v", u, p)
		}
	}
	rec := s.do(http.MethodPost, "/v1/orgs/"+org+"/webhooks", admin, `{"url":"https://93.184.216.34/hook","events":["candidate.created"]}`)
	s.mustStatus(rec, http.StatusCreated)
}

// Bad subscriptions are refused by field; the twenty-first webhook is a 409.
func TestWebhookRegistrationRules(t *testing.T) {
	s := newAuthServer(t, Config{}, cheapArgon2)
	admin := s.admin()
	org := s.org(admin, "Acme")
	path := "/v1/orgs/" + org + "/webhooks"
	for body, field := range map[string]string{
		`{"url":"https://example.org/h","events":["candidate.created","candidate.hired"]}`:                                "events[1]",
		`{"url":"https://example.org/h","events":["webhook.test"]}`:                                                       "events[0]",
		`{"url":"https://example.org/h","events":[]}`:                                                                     "events",
		`{"url":"https://example.org/h","events":["candidate.created"],"description":"` + strings.Repeat("d", 501) + `"}`: "description",
		`{"events":["candidate.created"]}`:                                                                                "url",
	} {
		rec := s.send(s.loose, http.MethodPost, path, admin, body)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d %s", body, rec.Code, rec.Body)
		}
		if p := problemOf(t, rec); len(p.Errors) == 0 || p.Errors[0].Field != field {
			t.Fatalf("%s: %+v, want field %s", body, p, field)
		}
	}
	for i := 0; i < domain.MaxWebhookEndpoints; i++ {
		s.registerWebhook(admin, org, "https://example.org/h", "candidate.created", "candidate.created")
	}
	rec := s.do(http.MethodPost, path, admin, `{"url":"https://example.org/h","events":["candidate.created"]}`)
	if rec.Code != http.StatusConflict {
		t.Fatalf("21st webhook: %d %s", rec.Code, rec.Body)
	}
	var list WebhookList
	decode(t, s.do(http.MethodGet, path+"?limit=15", admin, ""), &list)
	if len(list.Items) != 15 || list.NextCursor == "" || len(list.Items[0].Events) != 1 {
		t.Fatalf("first page: %d items, cursor %q, events %v", len(list.Items), list.NextCursor, list.Items[0].Events)
	}
	var rest WebhookList
	decode(t, s.do(http.MethodGet, path+"?cursor="+list.NextCursor, admin, ""), &rest)
	if len(rest.Items) != 5 || rest.NextCursor != "" {
		t.Fatalf("second page: %d items, cursor %q", len(rest.Items), rest.NextCursor)
	}
}
