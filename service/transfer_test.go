package service

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/rungs/rungs/domain"
)

// defaultOnly serves the embedded default framework as the only published version.
type defaultOnly struct{ v *FrameworkView }

func (d defaultOnly) Resolve(_ context.Context, ref string) (*FrameworkView, error) {
	if ref == "" || ref == d.v.Ref() {
		return d.v, nil
	}
	return nil, domain.Errorf(domain.ErrNotFound, "framework %s not found", ref)
}

func newDefaultTransferMap(t *testing.T) *TransferMap {
	t.Helper()
	f, err := domain.DefaultFrameworkVersion("2026.1")
	if err != nil {
		t.Fatal(err)
	}
	return NewTransferMap(defaultOnly{NewFrameworkView(f)})
}

func TestTransferMapResolvesTitlesAndKeepsWhatWasTyped(t *testing.T) {
	tm := newDefaultTransferMap(t)
	res, err := tm.Compute(context.Background(), TransferRequest{Experiences: []ExperienceRequest{
		{Title: "  Major Gifts Officer ", Years: 8},
		{Background: "teaching", Title: "Maths teacher (evenings)", Years: 2, CommunityServed: "my adult learners"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	first, second := res.TransferMap[0], res.TransferMap[1]
	if first.Background.Slug != "fundraising" || first.InputTitle != "Major Gifts Officer" || first.MatchScore != 1 ||
		first.Message != "You already have a community: your donors." {
		t.Errorf("first entry %+v", first)
	}
	// A background picked by slug is taken as given, whatever the title says.
	if second.Background.Slug != "teaching" || second.MatchScore != 1 || second.CommunityServed != "my adult learners" ||
		second.Message != "You already have a community: your adult learners." {
		t.Errorf("second entry %+v", second)
	}
}

func TestTransferMapRejectsWhatItCannotPlace(t *testing.T) {
	tm := newDefaultTransferMap(t)
	tests := []struct {
		name  string
		exps  []ExperienceRequest
		field string
		rule  string
	}{
		{"a title that matches nothing", []ExperienceRequest{{Title: "xyzzy qwerty", Years: 3}}, "experiences[0].title", "match"},
		{"a title that matches weakly", []ExperienceRequest{{Title: "Gardening Officer", Years: 3}}, "experiences[0].title", "match"},
		{"neither background nor title", []ExperienceRequest{{Background: "sales", Years: 1}, {Years: 3}}, "experiences[1].title", "required"},
		{"an unknown background", []ExperienceRequest{{Background: "astronaut", Years: 3}}, "experiences[0].background", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tm.Compute(context.Background(), TransferRequest{Experiences: tt.exps})
			var verr *domain.ValidationError
			if !errors.As(err, &verr) || !errors.Is(err, domain.ErrInvalid) || len(verr.Fields) != 1 {
				t.Fatalf("err = %v; want one field error", err)
			}
			fe := verr.Fields[0]
			if fe.Field != tt.field || fe.Rule != tt.rule {
				t.Errorf("field error %+v; want %s (%s)", fe, tt.field, tt.rule)
			}
			if tt.rule == "match" && len(fe.Suggestions) != suggestionCount {
				t.Errorf("suggestions %v; want %d", fe.Suggestions, suggestionCount)
			}
		})
	}
}

func TestSuggestionsPutMatcherCandidatesFirstThenSpelling(t *testing.T) {
	f, err := domain.DefaultFrameworkVersion("2026.1")
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(f.Backgrounds)
	tests := []struct {
		title string
		first string
	}{
		{"Gardening Officer", "fundraising"},   // the matcher's weak candidate leads
		{"Accountant", "account-management"},   // no shared word: spelt most like "account manager"
		{"Nurse practitioner", "nursing-care"}, // a known word
		{"xyzzy", f.Backgrounds[0].Slug},       // nothing alike: framework order
		{"", f.Backgrounds[0].Slug},            // nothing typed
		{"Gärtnerin im Stadtpark", ""},         // any text gives three distinct slugs
	}
	for _, tt := range tests {
		got, scores := suggest(f.Backgrounds, tt.title, m.Match(tt.title, suggestionCount))
		if len(got) != suggestionCount || got[0] == got[1] || got[1] == got[2] || got[0] == got[2] {
			t.Errorf("%q: %v; want three distinct backgrounds", tt.title, got)
		}
		if len(scores) != len(got) {
			t.Errorf("%q: scores %v for %v; want one each", tt.title, scores, got)
		}
		for _, sc := range scores {
			if sc < 0 || sc > 1 {
				t.Errorf("%q: score %v out of 0..1", tt.title, sc)
			}
		}
		if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
			t.Errorf("%q: %v; want %s first", tt.title, got, tt.first)
		}
		for _, slug := range got {
			if !slices.ContainsFunc(f.Backgrounds, func(b domain.Background) bool { return b.Slug == slug }) {
				t.Errorf("%q: unknown slug %s", tt.title, slug)
			}
		}
	}
}

func TestTransferMapUnknownFrameworkIsNotFound(t *testing.T) {
	tm := newDefaultTransferMap(t)
	_, err := tm.Compute(context.Background(), TransferRequest{
		Framework: "community-management@1999.1", Experiences: []ExperienceRequest{{Background: "sales", Years: 1}},
	})
	if !errors.Is(err, domain.ErrNotFound) {
		t.Errorf("err = %v; want not found", err)
	}
}
