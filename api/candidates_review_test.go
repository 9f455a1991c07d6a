package api

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
)

// TestAProfileMadeAgainHasNewETags: a tag of a deleted profile neither
// revalidates nor changes the new one.
func TestAProfileMadeAgainHasNewETags(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		_, old := f.putProfile(f.seeker, profileBody, "", http.StatusCreated)
		f.mustStatus(f.doWith(http.MethodDelete, "/v1/me/candidate", f.seeker, "", map[string]string{"If-Match": old}), http.StatusNoContent)
		_, fresh := f.putProfile(f.seeker, profileBody, "", http.StatusCreated)
		if fresh == old {
			t.Fatalf("the new profile reuses the old ETag %s", old)
		}
		if rec := f.doWith(http.MethodGet, "/v1/me/candidate", f.seeker, "", map[string]string{"If-None-Match": old}); rec.Code != http.StatusOK {
			t.Fatalf("revalidated with the old tag: %d", rec.Code)
		}
		rec := f.doWith(http.MethodPatch, "/v1/me/candidate", f.seeker, `{"headline":"stale"}`, map[string]string{"If-Match": old, "Content-Type": mimeMergePatch})
		if rec.Code != http.StatusPreconditionFailed {
			t.Fatalf("patched with the old tag: %d", rec.Code)
		}
	})
}

// TestDeletingAProfileDropsItsStoredAnswers: a retry of a create made
// before the profile was deleted is not answered with the deleted data.
func TestDeletingAProfileDropsItsStoredAnswers(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		c, etag := f.putProfile(f.seeker, profileBody, "", http.StatusCreated)
		f.mustStatus(postWithKey(f.e, "/v1/me/candidate/assessments", f.seeker, "k-1", ""), http.StatusCreated)
		f.mustStatus(f.doWith(http.MethodDelete, "/v1/me/candidate", f.seeker, "", map[string]string{"If-Match": etag}), http.StatusNoContent)
		if tables := tablesHolding(t, db, c.ID); len(tables) > 0 {
			t.Fatalf("the deleted profile is still in %v", tables)
		}
		// The key stays taken (a retry must not run again), but its answer is gone.
		if rec := postWithKey(f.e, "/v1/me/candidate/assessments", f.seeker, "k-1", ""); rec.Code != http.StatusGone || strings.Contains(rec.Body.String(), c.ID) {
			t.Fatalf("retry after deletion: %d %s", rec.Code, rec.Body.String())
		}
	})
}

// TestAnOrganisationsSnapshotFollowsConsent: an organisation that assesses
// a shared profile shows in the person's access log, and reads its own
// snapshot only while the profile is shared.
func TestAnOrganisationsSnapshotFollowsConsent(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		shared := strings.Replace(profileBody, `"display_name"`, `"visibility":"recruiters","display_name"`, 1)
		c, etag := f.putProfile(f.seeker, shared, "", http.StatusCreated)
		byY, _ := f.assess(f.recY, "/v1/candidates/"+c.ID+"/assessments")
		var log AccessLog
		decode(t, f.do(http.MethodGet, "/v1/me/access-log", f.seeker, ""), &log)
		found := false
		for _, e := range log.Items {
			found = found || (e.What == "assessed" && e.OrganisationName == "Org Y")
		}
		if !found {
			t.Fatalf("access log %+v", log.Items)
		}
		f.putProfile(f.seeker, profileBody, etag, http.StatusOK) // private again
		if rec := f.do(http.MethodGet, "/v1/assessments/"+byY.ID, f.recY, ""); rec.Code != http.StatusNotFound {
			t.Fatalf("Y read its snapshot after consent was withdrawn: %d", rec.Code)
		}
		f.mustStatus(f.do(http.MethodGet, "/v1/assessments/"+byY.ID, f.seeker, ""), http.StatusOK)
	})
}

// TestRacingFirstSavesMakeOneProfile: concurrent first saves without
// If-Match make one profile; the others are told to send If-Match.
func TestRacingFirstSavesMakeOneProfile(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		f := newCandidateFlow(t, db)
		const racers = 12
		codes := make([]int, racers)
		var wg sync.WaitGroup
		for i := range racers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = f.sendWith(f.e, http.MethodPut, "/v1/me/candidate", f.seeker, profileBody, nil).Code
			}()
		}
		wg.Wait()
		created := 0
		for _, code := range codes {
			switch code {
			case http.StatusCreated:
				created++
			case http.StatusPreconditionRequired:
			default:
				t.Fatalf("status %d among %v", code, codes)
			}
		}
		if created != 1 {
			t.Fatalf("%d profiles created: %v", created, codes)
		}
	})
}
