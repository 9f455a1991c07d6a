package domain

import "testing"

// BenchmarkScore scores a five-experience profile with self-ratings and three reviewers on
// the default framework.
func BenchmarkScore(b *testing.B) { benchScore(b, defaultScorer(b)) }

// BenchmarkScoreLatest is the same profile on the version being calibrated,
// each experience with a highlight of about 200 characters and seniority
// inferred from the titles.
func BenchmarkScoreLatest(b *testing.B) { benchScore(b, latestScorer(b)) }

func benchScore(b *testing.B, s *Scorer) {
	in := ScoreInput{
		Experiences: []ExperienceInput{
			{Background: "sales", Title: "Account Executive", MatchScore: 0.9, Years: 4},
			{Background: "fundraising", Title: "Major Gifts Officer", MatchScore: 0.9, Years: 3},
			{Background: "volunteer-coordination", MatchScore: 1, Years: 1.5},
			{Background: "social-media-specialist", MatchScore: 1, Years: 2, CommunityServed: "a local choir's followers"},
			{Background: "sales", Title: "Inside sales", MatchScore: 0.8, Years: 1},
		},
		SelfRatings: []SelfRating{
			{Competency: "communication", Proficiency: 3, Evidence: "Pitched to 200 prospects a quarter"},
			{Competency: "stakeholder-influence", Proficiency: 3},
			{Competency: "social-media", Proficiency: 2, Evidence: "Ran the choir's Instagram"},
			{Competency: "measurement-analytics", Proficiency: 1},
		},
	}
	for i, r := range []string{"reviewer-a", "reviewer-b", "reviewer-c"} {
		for j, c := range s.f.Competencies {
			in.Reviews = append(in.Reviews, ReviewerRating{Reviewer: r, Competency: c.Slug, Proficiency: (i + j) % 5})
		}
	}
	if s.p.RecommendFit > 0 {
		for i := range in.Experiences {
			in.Experiences[i].Highlights = []string{"Recruited and trained 40 volunteers for the spring appeal, grew the monthly donor circle from 60 to 310 members and persuaded the board to fund a new mentoring programme for alumni."}
		}
		in.Experiences[1].Title = "Senior Major Gifts Officer"
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Score(in); err != nil {
			b.Fatal(err)
		}
	}
}
