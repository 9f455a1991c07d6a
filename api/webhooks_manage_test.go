package api

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
	"github.com/rungs/rungs/service"
)

// During a rotation's grace period both secrets sign; with no grace only
// the new one does.
func TestWebhookSecretRotation(t *testing.T) {
	f := newCandidateFlow(t, repotest.SQLite(t))
	r := newReceiver(t, always(200))
	hook := f.registerWebhook(f.recX, f.orgX, r.srv.URL, "candidate.created")
	startWorker(t, f.authServer, service.WorkerConfig{})
	base := "/v1/orgs/" + f.orgX + "/webhooks/" + hook.ID

	rotate := func(body string) NewWebhook {
		rec := f.do(http.MethodPost, base+"/rotate-secret", f.recX, body)
		f.mustStatus(rec, http.StatusOK)
		var w NewWebhook
		decode(t, rec, &w)
		if w.Secret == "" || rec.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("rotation answer %s", rec.Body)
		}
		return w
	}
	ping := func(n int) received {
		f.mustStatus(f.do(http.MethodPost, base+"/test", f.recX, ""), http.StatusAccepted)
		got := r.waitAcked(t, n)
		last := got[n-1]
		if last.Event.Type != "webhook.test" || last.Event.Data["webhook_id"] != hook.ID {
			t.Fatalf("ping %s", last.Body)
		}
		return last
	}
	second := rotate(`{"grace_period_hours":1}`)
	if second.Secret == hook.Secret || second.PreviousSecretExpiresAt == nil {
		t.Fatalf("rotation kept the secret or no grace: %+v", second)
	}
	g := ping(1)
	if n := len(strings.Fields(g.Header.Get("webhook-signature"))); n != 2 {
		t.Fatalf("%d signatures during the grace period", n)
	}
	for _, secret := range []string{hook.Secret, second.Secret} {
		if err := verifyStandardWebhook(secret, g.Header, g.Body, time.Now()); err != nil {
			t.Fatalf("during grace: %v", err)
		}
	}
	third := rotate(`{"grace_period_hours":0}`)
	g = ping(2)
	if verifyStandardWebhook(third.Secret, g.Header, g.Body, time.Now()) != nil || verifyStandardWebhook(second.Secret, g.Header, g.Body, time.Now()) == nil {
		t.Fatalf("after a rotation without grace: %v", g.Header)
	}
	// A tampered body fails the check.
	if verifyStandardWebhook(third.Secret, g.Header, append(g.Body, ' '), time.Now()) == nil {
		t.Fatal("a changed body verified")
	}
	rec := f.send(f.loose, http.MethodPost, base+"/rotate-secret", f.recX, `{"grace_period_hours":169}`)
	if rec.Code != http.StatusUnprocessableEntity || problemOf(t, rec).Errors[0].Field != "grace_period_hours" {
		t.Fatalf("grace of 169 h: %d %s", rec.Code, rec.Body)
	}
	rotate("") // no body: the default grace
}

// Redelivering a finished delivery sends the same message again as a new
// delivery; deleting the webhook stops everything.
func TestWebhookRedeliverAndDelete(t *testing.T) {
	f := newCandidateFlow(t, repotest.SQLite(t))
	r := newReceiver(t, always(200))
	hook := f.registerWebhook(f.recX, f.orgX, r.srv.URL, "candidate.created")
	startWorker(t, f.authServer, service.WorkerConfig{})
	base := "/v1/orgs/" + f.orgX + "/webhooks/" + hook.ID
	f.mustStatus(f.do(http.MethodPost, "/v1/candidates", f.recX, profileBody), http.StatusCreated)
	first := r.waitAcked(t, 1)[0]
	var d WebhookDelivery
	for d.State != "succeeded" {
		d = f.deliveries(f.recX, f.orgX, hook.ID)[0]
	}
	rec := f.do(http.MethodPost, base+"/deliveries/"+d.ID+"/redeliver", f.recX, "")
	f.mustStatus(rec, http.StatusAccepted)
	var again WebhookDelivery
	decode(t, rec, &again)
	if again.ID == d.ID || again.EventID != d.EventID || again.State != "pending" {
		t.Fatalf("redelivery %+v of %+v", again, d)
	}
	second := r.waitAcked(t, 2)[1]
	if second.Header.Get("webhook-id") != first.Header.Get("webhook-id") || string(second.Body) != string(first.Body) {
		t.Fatalf("redelivered message differs: %s vs %s", second.Body, first.Body)
	}
	if n := len(f.deliveries(f.recX, f.orgX, hook.ID)); n != 2 {
		t.Fatalf("%d deliveries listed", n)
	}
	if rec := f.do(http.MethodPost, base+"/deliveries/01a25368-9a72-78f0-ab13-d3b45749b6c3/redeliver", f.recX, ""); rec.Code != http.StatusNotFound {
		t.Fatalf("unknown delivery: %d", rec.Code)
	}
	f.mustStatus(f.do(http.MethodDelete, base, f.recX, ""), http.StatusNoContent)
	f.mustStatus(f.do(http.MethodGet, base, f.recX, ""), http.StatusNotFound)
	f.mustStatus(f.do(http.MethodPost, "/v1/candidates", f.recX, profileBody), http.StatusCreated)
	time.Sleep(150 * time.Millisecond)
	if n := len(r.all()); n != 2 {
		t.Fatalf("a deleted webhook got %d requests", n)
	}
}

// A person's own profile is not the organisation's: it hears of it only
// once it assessed it, when the person hides the profile or erases it.
func TestWebhookEventsAboutAPersonsProfile(t *testing.T) {
	f := newCandidateFlow(t, repotest.SQLite(t))
	r := newReceiver(t, always(200))
	f.registerWebhook(f.recX, f.orgX, r.srv.URL, allEvents...)
	startWorker(t, f.authServer, service.WorkerConfig{})
	shared := strings.Replace(profileBody, `"display_name"`, `"visibility":"recruiters","display_name"`, 1)
	c, etag := f.putProfile(f.seeker, shared, "", http.StatusCreated)
	f.assess(f.recX, "/v1/candidates/"+c.ID+"/assessments")
	rec := f.doWith(http.MethodPatch, "/v1/me/candidate", f.seeker, `{"visibility":"private"}`,
		map[string]string{"If-Match": etag, "Content-Type": mimeMergePatch})
	f.mustStatus(rec, http.StatusOK)
	f.mustStatus(f.doWith(http.MethodDelete, "/v1/me/candidate", f.seeker, "", map[string]string{"If-Match": rec.Header().Get("ETag")}), http.StatusNoContent)
	got := r.waitAcked(t, 3)
	if ts := types(got); strings.Join(ts, " ") != "assessment.created candidate.visibility_changed candidate.erased" {
		t.Fatalf("events %v", ts)
	}
	if got[1].Event.Data["visibility"] != "private" || got[1].Event.Data["candidate_id"] != c.ID {
		t.Fatalf("visibility event %s", got[1].Body)
	}
}

// A batch import records one event per candidate, in input order, in the
// batch's own transaction; a retry with the same Idempotency-Key creates
// neither candidates nor events again.
func TestWebhookEventsOfABatch(t *testing.T) {
	f := newCandidateFlow(t, repotest.SQLite(t))
	r := newReceiver(t, always(200))
	f.registerWebhook(f.recX, f.orgX, r.srv.URL, "candidate.created", "assessment.created")
	startWorker(t, f.authServer, service.WorkerConfig{})
	body := batchBody(50, -1, true)
	f.mustStatus(postWithKey(f.e, batchPath, f.recX, "batch-1", body), http.StatusOK)
	f.mustStatus(postWithKey(f.e, batchPath, f.recX, "batch-1", body), http.StatusOK)
	got := r.waitAcked(t, 100)
	time.Sleep(150 * time.Millisecond)
	if n := len(r.all()); n != 100 {
		t.Fatalf("%d events for a batch of 50 sent twice, want 100", n)
	}
	// Each candidate's creation arrives before its assessment.
	createdAt := map[string]int{}
	for i, g := range got {
		id := g.Event.Data["candidate_id"]
		switch g.Event.Type {
		case "candidate.created":
			createdAt[id] = i
		case "assessment.created":
			if at, ok := createdAt[id]; !ok || at > i {
				t.Fatalf("assessment of %s before its creation", id)
			}
		}
	}
	if len(createdAt) != 50 {
		t.Fatalf("%d candidates created", len(createdAt))
	}
}

// Events nobody subscribes to are not kept; an erased candidate's name is
// in no webhook table.
func TestWebhookOutboxKeepsOnlyWhatIsSubscribed(t *testing.T) {
	f := newCandidateFlow(t, repotest.SQLite(t))
	f.registerWebhook(f.recY, f.orgY, "http://127.0.0.1:9/h", allEvents...)
	f.registerWebhook(f.recX, f.orgX, "http://127.0.0.1:9/h", "scorecard.submitted")
	f.mustStatus(f.do(http.MethodPost, "/v1/candidates", f.recX, profileBody), http.StatusCreated)
	counts := rowCounts(t, f.db)
	if counts["webhook_events"] != 0 || counts["webhook_deliveries"] != 0 {
		t.Fatalf("an event nobody wants was kept: %v", counts)
	}
	if held := tablesHolding(t, f.db, "Lovelace"); len(held) != 0 && strings.Contains(strings.Join(held, " "), "webhook") {
		t.Fatalf("a webhook table holds a name: %v", held)
	}
}

// Registering a webhook is safe to retry: the same key and body replay the
// first answer (with its secret) and register nothing more.
func TestWebhookRegistrationIsIdempotent(t *testing.T) {
	f := newCandidateFlow(t, repotest.SQLite(t))
	path := "/v1/orgs/" + f.orgX + "/webhooks"
	body := `{"url":"https://example.org/h","events":["candidate.created"]}`
	first := postWithKey(f.e, path, f.recX, "hook-1", body)
	f.mustStatus(first, http.StatusCreated)
	again := postWithKey(f.e, path, f.recX, "hook-1", body)
	f.mustStatus(again, http.StatusCreated)
	if again.Body.String() != first.Body.String() || again.Header().Get("Idempotent-Replayed") != "true" {
		t.Fatalf("replay differs: %s vs %s", again.Body, first.Body)
	}
	if rec := postWithKey(f.e, path, f.recX, "hook-1", strings.Replace(body, "example.org", "example.com", 1)); rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("same key, other body: %d", rec.Code)
	}
	var list WebhookList
	decode(t, f.do(http.MethodGet, path, f.recX, ""), &list)
	if len(list.Items) != 1 {
		t.Fatalf("%d webhooks after a retry", len(list.Items))
	}
}

// With a secret key, signing secrets are sealed in the database: the
// column never holds the secret, and deliveries still verify with it,
// before and after a rotation.
func TestWebhookSecretsAreSealedAtRest(t *testing.T) {
	db := repotest.SQLite(t)
	box, err := service.NewSecretBox("a key of at least thirty-two bytes long", "webhook signing secret")
	if err != nil {
		t.Fatal(err)
	}
	f := newCandidateFlow(t, db)
	f.webhooks.UseSecretBox(box)
	r := newReceiver(t, always(200))
	hook := f.registerWebhook(f.recX, f.orgX, r.srv.URL, "candidate.created")
	w := service.NewWebhookWorker(service.WorkerConfig{Poll: 20 * time.Millisecond, Box: box}, repository.NewWebhooks(db),
		service.WebhookGuard{AllowPrivate: true}.Client(), f.webhooks.Woken(), slog.New(slog.DiscardHandler), nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	var stored string
	if err := db.SQL().QueryRow(`SELECT secret FROM webhook_endpoints WHERE id = ?`, hook.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stored, "sealed:v1:") || strings.Contains(stored, strings.TrimPrefix(hook.Secret, "whsec_")) {
		t.Fatalf("stored secret %q", stored)
	}
	if held := tablesHolding(t, db, strings.TrimPrefix(hook.Secret, "whsec_")); len(held) != 0 && !slices.Equal(held, []string{"idempotency_keys"}) {
		t.Fatalf("the secret is in %v", held)
	}
	f.mustStatus(f.do(http.MethodPost, "/v1/candidates", f.recX, profileBody), http.StatusCreated)
	g := r.waitAcked(t, 1)[0]
	if err := verifyStandardWebhook(hook.Secret, g.Header, g.Body, time.Now()); err != nil {
		t.Fatal(err)
	}
	rec := f.do(http.MethodPost, "/v1/orgs/"+f.orgX+"/webhooks/"+hook.ID+"/rotate-secret", f.recX, `{"grace_period_hours":1}`)
	f.mustStatus(rec, http.StatusOK)
	var rotated NewWebhook
	decode(t, rec, &rotated)
	f.mustStatus(f.do(http.MethodPost, "/v1/candidates", f.recX, profileBody), http.StatusCreated)
	g = r.waitAcked(t, 2)[1]
	for _, secret := range []string{hook.Secret, rotated.Secret} {
		if err := verifyStandardWebhook(secret, g.Header, g.Body, time.Now()); err != nil {
			t.Fatalf("after rotation: %v", err)
		}
	}
}
