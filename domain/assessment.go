package domain

import "time"

// Who made an assessment.
const (
	MadeByPerson       = "person"
	MadeByOrganisation = "organisation"
)

// AssessmentDoc is an assessment as stored and answered: the inputs as they
// were, the framework version it was scored with, the engine's full result,
// and the progress since the previous assessment by the same maker.
type AssessmentDoc struct {
	ID          string `json:"id"`
	CandidateID string `json:"candidate_id"`
	// MadeBy is "person" (the job seeker) or "organisation".
	MadeBy         string       `json:"made_by"`
	OrganisationID string       `json:"organisation_id,omitempty"`
	CreatedAt      time.Time    `json:"created_at"`
	Framework      FrameworkRef `json:"framework"`
	Inputs         ScoreInput   `json:"inputs"`
	// Scorecards lists the ids of the scorecards counted as reviewer ratings.
	Scorecards []string  `json:"scorecards"`
	Result     Result    `json:"result"`
	Progress   *Progress `json:"progress,omitempty"`
}

// Progress is the change since the previous assessment.
type Progress struct {
	PreviousAssessmentID string             `json:"previous_assessment_id"`
	Competencies         []CompetencyChange `json:"competencies"`
	Dimensions           DimensionChanges   `json:"dimensions"`
	Levels               []LevelChange      `json:"levels"`
	GapsClosed           []ClosedGap        `json:"gaps_closed"`
	GapsOpened           []ClosedGap        `json:"gaps_opened"`
}

// CompetencyChange is one competency's score before and after.
type CompetencyChange struct {
	Competency string  `json:"competency"`
	Before     float64 `json:"before"`
	After      float64 `json:"after"`
	Change     float64 `json:"change"`
}

// Change is a number before and after.
type Change struct {
	Before float64 `json:"before"`
	After  float64 `json:"after"`
	Change float64 `json:"change"`
}

// DimensionChanges are the three dimension scores before and after.
type DimensionChanges struct {
	People    Change `json:"people"`
	Influence Change `json:"influence"`
	Craft     Change `json:"craft"`
}

// LevelChange is one rung's fit before and after.
type LevelChange struct {
	Level     string  `json:"level"`
	FitBefore float64 `json:"fit_before"`
	FitAfter  float64 `json:"fit_after"`
	Change    float64 `json:"change"`
	MetBefore bool    `json:"met_before"`
	MetAfter  bool    `json:"met_after"`
}

// ClosedGap is one expectation of a rung: reached since (closed) or no
// longer reached (opened).
type ClosedGap struct {
	Level      string `json:"level"`
	Competency string `json:"competency"`
}

// ResultSummary is the part of a result that progress compares. It is
// kept beside each assessment, so that the next one compares against it
// without reading the whole stored document.
type ResultSummary struct {
	Competencies []ScoreBrief    `json:"c"`
	Dimensions   DimensionScores `json:"d"`
	Levels       []LevelBrief    `json:"l"`
	// Profile, Recommended and Next are the profile kind and the slugs of
	// the rung that fits now and the next one ("" when none).
	Profile     string `json:"p,omitempty"`
	Recommended string `json:"r,omitempty"`
	Next        string `json:"n,omitempty"`
}

// ScoreBrief is one competency's score.
type ScoreBrief struct {
	Slug  string  `json:"s"`
	Score float64 `json:"v"`
}

// LevelBrief is one rung's fit and the competencies it still lacks.
type LevelBrief struct {
	Slug string   `json:"s"`
	Fit  float64  `json:"f"`
	Met  bool     `json:"m"`
	Gaps []string `json:"g"`
}

// Summarise returns the summary of r.
func Summarise(r Result) ResultSummary {
	s := ResultSummary{Dimensions: r.Dimensions, Competencies: make([]ScoreBrief, len(r.Competencies)), Levels: make([]LevelBrief, len(r.Levels)),
		Profile: r.Profile.Kind}
	if r.RecommendedLevel != nil {
		s.Recommended = r.RecommendedLevel.Slug
	}
	if r.NextLevel != nil {
		s.Next = r.NextLevel.Slug
	}
	for i, c := range r.Competencies {
		s.Competencies[i] = ScoreBrief{Slug: c.Slug, Score: c.Score}
	}
	for i, l := range r.Levels {
		gaps := make([]string, len(l.Gaps))
		for j, g := range l.Gaps {
			gaps[j] = g.Competency
		}
		s.Levels[i] = LevelBrief{Slug: l.Slug, Fit: l.Fit, Met: l.Met, Gaps: gaps}
	}
	return s
}

// CompareResults returns the progress from prev to cur. Competencies and
// rungs missing from one side (another framework version) count from 0.
func CompareResults(prevID string, prev, cur ResultSummary) Progress {
	p := Progress{
		PreviousAssessmentID: prevID,
		Competencies:         []CompetencyChange{},
		Levels:               []LevelChange{},
		GapsClosed:           []ClosedGap{},
		GapsOpened:           []ClosedGap{},
	}
	before := map[string]float64{}
	for _, c := range prev.Competencies {
		before[c.Slug] = c.Score
	}
	for _, c := range cur.Competencies {
		b := before[c.Slug]
		p.Competencies = append(p.Competencies, CompetencyChange{Competency: c.Slug, Before: b, After: c.Score, Change: round1(c.Score - b)})
	}
	change := func(b, a float64) Change { return Change{Before: b, After: a, Change: round1(a - b)} }
	p.Dimensions = DimensionChanges{
		People:    change(prev.Dimensions.People, cur.Dimensions.People),
		Influence: change(prev.Dimensions.Influence, cur.Dimensions.Influence),
		Craft:     change(prev.Dimensions.Craft, cur.Dimensions.Craft),
	}
	prevLevels := map[string]LevelBrief{}
	for _, l := range prev.Levels {
		prevLevels[l.Slug] = l
	}
	for _, l := range cur.Levels {
		b, existed := prevLevels[l.Slug]
		p.Levels = append(p.Levels, LevelChange{Level: l.Slug, FitBefore: b.Fit, FitAfter: l.Fit, Change: round1(l.Fit - b.Fit), MetBefore: b.Met, MetAfter: l.Met})
		had, has := gapSet(b.Gaps), gapSet(l.Gaps)
		for _, g := range b.Gaps {
			if !has[g] {
				p.GapsClosed = append(p.GapsClosed, ClosedGap{Level: l.Slug, Competency: g})
			}
		}
		for _, g := range l.Gaps {
			if existed && !had[g] {
				p.GapsOpened = append(p.GapsOpened, ClosedGap{Level: l.Slug, Competency: g})
			}
		}
	}
	return p
}

func gapSet(gaps []string) map[string]bool {
	m := make(map[string]bool, len(gaps))
	for _, g := range gaps {
		m[g] = true
	}
	return m
}
