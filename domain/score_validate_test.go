package domain

import (
	"errors"
	"math"
	"testing"
)

func TestScoreRejectsInvalidInput(t *testing.T) {
	tests := []struct {
		name  string
		in    ScoreInput
		field string
		value string
	}{
		{"unknown background", ScoreInput{Experiences: []ExperienceInput{scoreExp("astronaut", 1)}}, "experiences[0].background", "astronaut"},
		{"negative years", ScoreInput{Experiences: []ExperienceInput{scoreExp("sales", -1)}}, "experiences[0].years", "-1"},
		{"too many years", ScoreInput{Experiences: []ExperienceInput{scoreExp("sales", 1), scoreExp("sales", 61)}}, "experiences[1].years", "61"},
		{"NaN years", ScoreInput{Experiences: []ExperienceInput{scoreExp("sales", math.NaN())}}, "experiences[0].years", "NaN"},
		{"match score above 1", ScoreInput{Experiences: []ExperienceInput{{Background: "sales", Years: 1, MatchScore: 1.5}}}, "experiences[0].match_score", "1.5"},
		{"unknown self-rated competency", ScoreInput{SelfRatings: []SelfRating{{Competency: "juggling", Proficiency: 1}}}, "self_ratings[0].competency", "juggling"},
		{"self proficiency above 4", ScoreInput{SelfRatings: []SelfRating{{Competency: "listening", Proficiency: 5}}}, "self_ratings[0].proficiency", "5"},
		{"self-rating twice", ScoreInput{SelfRatings: []SelfRating{{Competency: "listening", Proficiency: 1}, {Competency: "listening", Proficiency: 2}}}, "self_ratings[1].competency", "listening"},
		{"unknown reviewed competency", ScoreInput{Reviews: []ReviewerRating{{Reviewer: "r", Competency: "juggling", Proficiency: 1}}}, "reviews[0].competency", "juggling"},
		{"negative reviewer proficiency", ScoreInput{Reviews: []ReviewerRating{{Reviewer: "r", Competency: "listening", Proficiency: -1}}}, "reviews[0].proficiency", "-1"},
		{"blank reviewer", ScoreInput{Reviews: []ReviewerRating{{Reviewer: " ", Competency: "listening", Proficiency: 1}}}, "reviews[0].reviewer", ""},
	}
	s := newTestScorer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Score(tt.in)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err = %v; want ErrInvalid", err)
			}
			var verr *ValidationError
			if !errors.As(err, &verr) || len(verr.Fields) != 1 {
				t.Fatalf("err = %#v; want one field error", err)
			}
			if f := verr.Fields[0]; f.Field != tt.field || f.Value != tt.value {
				t.Errorf("field %q value %q; want %q %q", f.Field, f.Value, tt.field, tt.value)
			}
		})
	}
}

func TestNewScorerRejectsBrokenFrameworks(t *testing.T) {
	if _, err := NewScorer(nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("nil framework: err = %v", err)
	}
	f := scoreTestFramework()
	f.Levels[0].Expectations[0].Competency = "juggling"
	f.Backgrounds[0].Evidence[0].Proficiency = 7
	_, err := NewScorer(f)
	var verr *ValidationError
	if !errors.As(err, &verr) || len(verr.Fields) != 2 {
		t.Fatalf("err = %v; want two field errors", err)
	}
	for _, fe := range verr.Fields {
		if fe.Field != "backgrounds[0].evidence[0].proficiency" && fe.Field != "levels[0].expectations[0].competency" {
			t.Errorf("unexpected field %q", fe.Field)
		}
	}
}
