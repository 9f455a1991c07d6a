package repository_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/rungs/rungs/domain"
	"github.com/rungs/rungs/repository"
	"github.com/rungs/rungs/repository/repotest"
)

// TestEditsRacingPublishNeverChangeThePublishedVersion runs edits of a draft
// beside its publication: every edit either lands before publishing (and is
// what was published) or is refused; none changes the version afterwards.
func TestEditsRacingPublishNeverChangeThePublishedVersion(t *testing.T) {
	repotest.Each(t, func(t *testing.T, db *repository.DB) {
		ctx := context.Background()
		store := repository.NewFrameworks(db)
		if err := store.Create(ctx, draftOf(t, "2026.2")); err != nil {
			t.Fatal(err)
		}
		const edits = 6
		var (
			wg        sync.WaitGroup
			published *domain.Framework
			pubErr    error
			editErrs  = make([]error, edits)
		)
		for i := range edits {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, editErrs[i] = store.UpdateDraft(ctx, "community-management", "2026.2", func(f *domain.Framework) error {
					f.Title = fmt.Sprintf("Edit %d", i)
					f.Competencies[0].Name = fmt.Sprintf("Communication, edit %d", i)
					return nil
				})
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			published, pubErr = store.Publish(ctx, "community-management", "2026.2", time.Now())
		}()
		wg.Wait()
		if pubErr != nil {
			t.Fatalf("publish: %v", pubErr)
		}
		for i, err := range editErrs {
			if err != nil && !errors.Is(err, domain.ErrConflict) {
				t.Fatalf("edit %d: %v", i, err)
			}
		}
		stored, err := store.Get(ctx, "community-management", "2026.2")
		if err != nil {
			t.Fatal(err)
		}
		if stored.Status != domain.StatusPublished || !reflect.DeepEqual(stored, published) {
			t.Fatalf("stored %q (%s), published %q: an edit landed after publishing", stored.Title, stored.Status, published.Title)
		}
	})
}
