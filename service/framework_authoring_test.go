package service

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/rungs/rungs/domain"
)

var testAdmin = Principal{Kind: PrincipalUser, UserID: "admin-1", Role: RoleAdmin}

func fields(err error) []string {
	var verr *domain.ValidationError
	if !errors.As(err, &verr) {
		return nil
	}
	var out []string
	for _, f := range verr.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestCreateDraftCopiesTheLatestWithTheNextVersion(t *testing.T) {
	s, store, _ := newTestFrameworks(t)
	ctx := context.Background()
	d, err := s.CreateDraft(ctx, testAdmin, "community-management")
	if err != nil {
		t.Fatal(err)
	}
	base := store.versions["community-management@2026.1"]
	if d.Version != "2026.2" || d.Status != domain.StatusDraft || d.PublishedAt != nil {
		t.Fatalf("draft %s %s", d.Version, d.Status)
	}
	same := clone(d)
	same.Version = base.Version
	if !sameContent(same, base) {
		t.Fatal("the draft is not a copy of the latest")
	}
	if _, err := s.CreateDraft(ctx, testAdmin, "community-management"); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("second draft: %v", err)
	}
	if _, err := s.Resolve(ctx, "community-management@2026.2"); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("a draft resolved for scoring: %v", err)
	}
	if v, err := s.View(ctx, "community-management@2026.2"); err != nil || !v.Draft() {
		t.Fatalf("view of the draft: %v", err)
	}
	if v, _ := s.View(ctx, ""); v.Ref() != "community-management@2026.1" {
		t.Fatalf("latest became %s", v.Ref())
	}
	if _, err := s.CreateDraft(ctx, testAdmin, "nursing"); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("draft of an unknown framework: %v", err)
	}
}

func TestCreateDraftGoesAboveRetiredVersions(t *testing.T) {
	s, store, _ := newTestFrameworks(t)
	retired := clone(store.versions["community-management@2026.1"])
	retired.Version, retired.Status = "2026.5", domain.StatusRetired
	store.put(retired)
	d, err := s.CreateDraft(context.Background(), testAdmin, "community-management")
	if err != nil || d.Version != "2026.6" {
		t.Fatalf("draft %v %v", d, err)
	}
}

func TestReplacingAPartRefusesItsOwnProblemsAndReportsTheOthers(t *testing.T) {
	s, _, _ := newTestFrameworks(t)
	ctx := context.Background()
	d, err := s.CreateDraft(ctx, testAdmin, "community-management")
	if err != nil {
		t.Fatal(err)
	}

	levels := slices.Clone(d.Levels)
	levels[0].Expectations = slices.Clone(levels[0].Expectations)
	levels[0].Expectations[0].MinProficiency = 7
	_, err = s.ReplaceLevels(ctx, testAdmin, d.Slug, d.Version, levels)
	if got := fields(err); !slices.Equal(got, []string{"levels[0].expectations[0].min_proficiency"}) {
		t.Fatalf("levels with a proficiency of 7: %v", err)
	}

	// Dropping a competency is allowed on a draft; what now dangles is pending.
	var comps []domain.Competency
	for _, c := range d.Competencies {
		if c.Slug != "content" {
			comps = append(comps, c)
		}
	}
	res, err := s.ReplaceCompetencies(ctx, testAdmin, d.Slug, d.Version, comps)
	if err != nil || len(res.Framework.Competencies) != 12 || len(res.Pending) == 0 {
		t.Fatalf("replace competencies: %v, %d pending", err, len(res.Pending))
	}
	for _, p := range res.Pending {
		if p.Value != "content" {
			t.Fatalf("unexpected pending problem %+v", p)
		}
	}
	_, err = s.Publish(ctx, testAdmin, d.Slug, d.Version)
	if got := fields(err); len(got) != len(res.Pending) {
		t.Fatalf("publish listed %d problems, %d pending", len(got), len(res.Pending))
	}

	// Fix each part; the last fix leaves nothing pending and publishing succeeds.
	drop := func(slug string) bool { return slug == "content" }
	for i := range d.Levels {
		d.Levels[i].Expectations = slices.DeleteFunc(slices.Clone(d.Levels[i].Expectations), func(e domain.Expectation) bool { return drop(e.Competency) })
	}
	for i := range d.Backgrounds {
		d.Backgrounds[i].Evidence = slices.DeleteFunc(slices.Clone(d.Backgrounds[i].Evidence), func(e domain.Evidence) bool { return drop(e.Competency) })
	}
	actions := slices.DeleteFunc(slices.Clone(d.Actions), func(a domain.DevelopmentAction) bool { return drop(a.Competency) })
	if _, err := s.ReplaceLevels(ctx, testAdmin, d.Slug, d.Version, d.Levels); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReplaceBackgrounds(ctx, testAdmin, d.Slug, d.Version, d.Backgrounds); err != nil {
		t.Fatal(err)
	}
	res, err = s.ReplaceActions(ctx, testAdmin, d.Slug, d.Version, actions)
	if err != nil || len(res.Pending) != 0 {
		t.Fatalf("after the last fix: %v, pending %+v", err, res.Pending)
	}
	if s.Pending(res.Framework) != nil {
		t.Fatal("Pending disagrees")
	}
	if _, err := s.View(ctx, ""); err != nil {
		t.Fatal(err)
	}
	pub, err := s.Publish(ctx, testAdmin, d.Slug, d.Version)
	if err != nil || pub.Status != domain.StatusPublished {
		t.Fatalf("publish: %v", err)
	}
	// This process sees its own publication at once, without waiting for the TTL.
	if v, _ := s.View(ctx, ""); v.Ref() != "community-management@2026.2" || len(v.Framework().Competencies) != 12 {
		t.Fatalf("latest after publishing: %s", v.Ref())
	}
	if _, err := s.ReplaceActions(ctx, testAdmin, d.Slug, d.Version, actions); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("editing a published version: %v", err)
	}
}

func TestRetireFallsBackToTheNextLatest(t *testing.T) {
	s, _, _ := newTestFrameworks(t)
	ctx := context.Background()
	d, _ := s.CreateDraft(ctx, testAdmin, "community-management")
	if _, err := s.Publish(ctx, testAdmin, d.Slug, d.Version); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Retire(ctx, testAdmin, d.Slug, d.Version); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.View(ctx, ""); v.Ref() != "community-management@2026.1" {
		t.Fatalf("latest after retiring 2026.2: %s", v.Ref())
	}
	v, err := s.View(ctx, "community-management@2026.2")
	if err != nil || v.Framework().Status != domain.StatusRetired {
		t.Fatalf("retired version: %v", err)
	}
	if _, err := s.Retire(ctx, testAdmin, d.Slug, d.Version); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("retiring twice: %v", err)
	}
}

type recordingTx struct{}

func (recordingTx) InTx(ctx context.Context, fn func(context.Context) error) error { return fn(ctx) }

type auditEntries struct{ entries []domain.AuditEntry }

func (a *auditEntries) Append(_ context.Context, e domain.AuditEntry) error {
	a.entries = append(a.entries, e)
	return nil
}

func (a *auditEntries) AppendMany(_ context.Context, es []domain.AuditEntry) error {
	a.entries = append(a.entries, es...)
	return nil
}

func (a *auditEntries) Anonymise(_ context.Context, id string) error {
	for i := range a.entries {
		if a.entries[i].PrincipalID == id {
			a.entries[i].PrincipalID = ""
		}
		if a.entries[i].ObjectID == id {
			a.entries[i].ObjectID = ""
		}
	}
	return nil
}

func TestAuthoringWritesAreAudited(t *testing.T) {
	store := newFakeFrameworkStore()
	log := &auditEntries{}
	s := NewFrameworks(store, FrameworksOptions{Tx: recordingTx{}, Audit: NewAudit(log, nil)})
	ctx := context.Background()
	f, _ := domain.DefaultFrameworkVersion("2026.1")
	if err := s.Import(ctx, testAdmin, f); err != nil {
		t.Fatal(err)
	}
	if err := s.Import(ctx, testAdmin, f); !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("second import: %v", err)
	}
	d, err := s.CreateDraft(ctx, testAdmin, f.Slug)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReplaceCompetencies(ctx, testAdmin, d.Slug, d.Version, d.Competencies[1:]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReplaceActions(ctx, testAdmin, d.Slug, d.Version, d.Actions[:1]); err == nil {
		t.Fatal("refused edit accepted")
	}
	if _, err := s.Publish(ctx, testAdmin, d.Slug, d.Version); err == nil {
		t.Fatal("published a draft with dangling references")
	}
	var got []string
	for _, e := range log.entries {
		if e.PrincipalID != "admin-1" || e.ObjectType != ObjectFramework {
			t.Fatalf("entry %+v", e)
		}
		got = append(got, e.Action+" "+e.ObjectID)
	}
	want := []string{
		"framework:import community-management@2026.1",
		"framework:draft community-management@2026.2",
		"framework:edit community-management@2026.2",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("audit log %q, want %q (failed writes are not recorded)", got, want)
	}
}
