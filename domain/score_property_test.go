package domain

import (
	"flag"
	"math"
	"slices"
	"sync"
	"testing"

	"pgregory.net/rapid"
)

var raiseChecksOnce sync.Once

// propertyTest runs prop for 10,000 cases unless -rapid.checks is given, on both the small
// test framework and the default one. Property tests run in parallel.
func propertyTest(t *testing.T, prop func(t *rapid.T, s *Scorer)) {
	raiseChecksOnce.Do(func() {
		explicit := false
		flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "rapid.checks" })
		if !explicit {
			if err := flag.Set("rapid.checks", "10000"); err != nil {
				t.Fatal(err)
			}
		}
	})
	scorers := []*Scorer{newTestScorer(t), defaultScorer(t), latestScorer(t)}
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		prop(rt, rapid.SampledFrom(scorers).Draw(rt, "framework"))
	})
}

func genYears() *rapid.Generator[float64] {
	return rapid.OneOf(
		rapid.Just(0.0),
		rapid.Map(rapid.IntRange(0, 2*MaxExperienceYears), func(half int) float64 { return float64(half) / 2 }),
		rapid.Float64Range(0, MaxExperienceYears),
	)
}

func genExperience(s *Scorer) *rapid.Generator[ExperienceInput] {
	return rapid.Custom(func(t *rapid.T) ExperienceInput {
		return ExperienceInput{
			Background: s.f.Backgrounds[rapid.IntRange(0, len(s.f.Backgrounds)-1).Draw(t, "background")].Slug,
			MatchScore: 1,
			Years:      genYears().Draw(t, "years"),
		}
	})
}

func genInput(t *rapid.T, s *Scorer) ScoreInput {
	var in ScoreInput
	in.Experiences = rapid.SliceOfN(genExperience(s), 0, 5).Draw(t, "experiences")
	for _, c := range s.f.Competencies {
		if rapid.IntRange(0, 3).Draw(t, "self-rated") == 0 {
			in.SelfRatings = append(in.SelfRatings, SelfRating{
				Competency:  c.Slug,
				Proficiency: rapid.IntRange(0, MaxProficiency).Draw(t, "self"),
				Evidence:    rapid.SampledFrom([]string{"", " ", "Led the member forum"}).Draw(t, "evidence"),
			})
		}
	}
	n := rapid.IntRange(0, 8).Draw(t, "reviews")
	for range n {
		in.Reviews = append(in.Reviews, ReviewerRating{
			Reviewer:    rapid.SampledFrom([]string{"r1", "r2", "r3"}).Draw(t, "reviewer"),
			Competency:  s.f.Competencies[rapid.IntRange(0, len(s.f.Competencies)-1).Draw(t, "competency")].Slug,
			Proficiency: rapid.IntRange(0, MaxProficiency).Draw(t, "rating"),
		})
	}
	return in
}

func scoreOrFail(t *rapid.T, s *Scorer, in ScoreInput) Result {
	res, err := s.Score(in)
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	return res
}

func recommendedRank(r Result) int {
	if r.RecommendedLevel == nil {
		return 0
	}
	return r.RecommendedLevel.Rank
}

func inRange(x, lo, hi float64) bool { return x >= lo && x <= hi && !math.IsNaN(x) }

func TestScorePropertyRanges(t *testing.T) {
	propertyTest(t, func(t *rapid.T, s *Scorer) {
		res := scoreOrFail(t, s, genInput(t, s))
		for _, c := range res.Competencies {
			if !inRange(c.Score, 0, 4) || !inRange(c.Confidence, 0, 1) {
				t.Fatalf("%s: score %v confidence %v", c.Slug, c.Score, c.Confidence)
			}
			for _, src := range c.Sources {
				if !inRange(src.Proficiency, 0, 4) || src.Weight < 0 {
					t.Fatalf("%s: source %+v", c.Slug, src)
				}
			}
		}
		if !noNilSlices(res) {
			t.Fatalf("a list would encode as null: %+v", res)
		}
		d := res.Dimensions
		for _, x := range []float64{d.People, d.Influence, d.Craft} {
			if !inRange(x, 0, 100) {
				t.Fatalf("dimensions %+v", d)
			}
		}
		for _, l := range res.Levels {
			if !inRange(l.Fit, 0, 100) {
				t.Fatalf("%s fit %v", l.Slug, l.Fit)
			}
			if !slices.IsSortedFunc(l.Gaps, compareGaps) {
				t.Fatalf("%s gaps out of order: %+v", l.Slug, l.Gaps)
			}
		}
	})
}

func TestScorePropertyMoreExperienceNeverLowers(t *testing.T) {
	propertyTest(t, func(t *rapid.T, s *Scorer) {
		in := genInput(t, s)
		more := in
		more.Experiences = append([]ExperienceInput(nil), in.Experiences...)
		if len(more.Experiences) > 0 && rapid.Bool().Draw(t, "longer") {
			i := rapid.IntRange(0, len(more.Experiences)-1).Draw(t, "which")
			more.Experiences[i].Years = rapid.Float64Range(more.Experiences[i].Years, MaxExperienceYears).Draw(t, "years")
		} else {
			more.Experiences = append(more.Experiences, genExperience(s).Draw(t, "added"))
		}
		before, after := scoreOrFail(t, s, in), scoreOrFail(t, s, more)
		for i, c := range after.Competencies {
			if c.Score < before.Competencies[i].Score {
				t.Fatalf("%s fell from %v to %v", c.Slug, before.Competencies[i].Score, c.Score)
			}
		}
		b, a := before.Dimensions, after.Dimensions
		if a.People < b.People || a.Influence < b.Influence || a.Craft < b.Craft {
			t.Fatalf("dimensions fell from %+v to %+v", b, a)
		}
		for i, l := range after.Levels {
			if l.Fit < before.Levels[i].Fit || (before.Levels[i].Met && !l.Met) {
				t.Fatalf("%s fell from fit %v met %v to %v %v", l.Slug, before.Levels[i].Fit, before.Levels[i].Met, l.Fit, l.Met)
			}
		}
		if recommendedRank(after) < recommendedRank(before) {
			t.Fatalf("recommended rung fell from %d to %d", recommendedRank(before), recommendedRank(after))
		}
	})
}

func TestScorePropertySelfRatingWeights(t *testing.T) {
	propertyTest(t, func(t *rapid.T, s *Scorer) {
		in := genInput(t, s)
		ci := rapid.IntRange(0, len(s.f.Competencies)-1).Draw(t, "competency")
		slug := s.f.Competencies[ci].Slug
		var others []SelfRating
		for _, r := range in.SelfRatings {
			if r.Competency != slug {
				others = append(others, r)
			}
		}
		v := float64(rapid.IntRange(0, MaxProficiency).Draw(t, "claim"))
		with := func(evidence string) (score, weight float64) {
			in := in
			in.SelfRatings = append(append([]SelfRating(nil), others...), SelfRating{Competency: slug, Proficiency: int(v), Evidence: evidence})
			res := scoreOrFail(t, s, in)
			srcs := res.Competencies[ci].Sources
			var self, exp, rev float64
			for _, src := range srcs {
				switch src.Kind {
				case SourceSelf:
					self = src.Weight
				case SourceExperience:
					exp += src.Weight
				case SourceReviewer:
					rev += src.Weight
				}
			}
			if self >= exp || (rev > 0 && self >= rev) {
				t.Fatalf("self weight %v not below experience %v and reviewers %v", self, exp, rev)
			}
			return res.Competencies[ci].Score, self
		}
		unsupported, uw := with("")
		// Evidence the lexicon reads nothing in: its own effect is tested apart.
		supported, sw := with("Did this for two years at a member association")
		if sw <= uw {
			t.Fatalf("supported self-rating weighs %v, unsupported %v", sw, uw)
		}
		// The supported claim pulls the score at least as far towards itself.
		if math.Abs(supported-v) > math.Abs(unsupported-v) || (supported-unsupported)*(v-unsupported) < 0 {
			t.Fatalf("claim %v: unsupported %v, supported %v", v, unsupported, supported)
		}
		hasReviews := false
		for _, r := range in.Reviews {
			hasReviews = hasReviews || r.Competency == slug
		}
		if !hasReviews {
			// A reviewer saying the same thing pulls further than the supported claim.
			rin := in
			rin.SelfRatings = others
			rin.Reviews = append(append([]ReviewerRating(nil), in.Reviews...), ReviewerRating{Reviewer: "rx", Competency: slug, Proficiency: int(v)})
			reviewed := scoreOrFail(t, s, rin).Competencies[ci].Score
			if math.Abs(reviewed-v) > math.Abs(supported-v) {
				t.Fatalf("claim %v: reviewer gives %v, supported self-rating %v", v, reviewed, supported)
			}
		}
	})
}

func TestScorePropertyNoEvidenceScoresZero(t *testing.T) {
	propertyTest(t, func(t *rapid.T, s *Scorer) {
		var in ScoreInput
		for range rapid.IntRange(0, 4).Draw(t, "experiences") {
			e := genExperience(s).Draw(t, "experience")
			e.Years = 0
			in.Experiences = append(in.Experiences, e)
		}
		res := scoreOrFail(t, s, in)
		for _, c := range res.Competencies {
			if c.Score != 0 || c.Confidence != 0 || len(c.Sources) != 0 {
				t.Fatalf("%+v without evidence", c)
			}
		}
		if res.Dimensions != (DimensionScores{}) || res.RecommendedLevel != nil || res.Profile.Kind != ProfileEmerging ||
			res.NextLevel == nil || res.NextLevel.Rank != s.levels[0].lv.Rank {
			t.Fatalf("dimensions %+v recommended %+v next %+v profile %s", res.Dimensions, res.RecommendedLevel, res.NextLevel, res.Profile.Kind)
		}
	})
}

func TestScorePropertyDeterministic(t *testing.T) {
	fresh, err := NewScorer(scoreTestFramework())
	if err != nil {
		t.Fatal(err)
	}
	propertyTest(t, func(t *rapid.T, s *Scorer) {
		in := genInput(t, s)
		first := scoreOrFail(t, s, in)
		// Results hold no maps, so equal values encode to identical JSON; the golden
		// tests pin the bytes.
		if second := scoreOrFail(t, s, in); !sameResult(first, second) {
			t.Fatalf("same input, different output:\n%+v\n%+v", first, second)
		}
		if s.f.Slug == fresh.f.Slug {
			if other := scoreOrFail(t, fresh, in); !sameResult(first, other) {
				t.Fatalf("a second scorer disagrees:\n%+v\n%+v", first, other)
			}
		}
	})
}

func TestScorePropertyOrderIndependent(t *testing.T) {
	propertyTest(t, func(t *rapid.T, s *Scorer) {
		in := genInput(t, s)
		perm := rapid.Permutation(indexes(len(in.Experiences))).Draw(t, "order")
		shuffled := ScoreInput{
			Experiences: make([]ExperienceInput, len(perm)),
			SelfRatings: rapid.Permutation(in.SelfRatings).Draw(t, "self order"),
			Reviews:     rapid.Permutation(in.Reviews).Draw(t, "review order"),
		}
		for i, p := range perm {
			shuffled.Experiences[i] = in.Experiences[p]
		}
		a, b := scoreOrFail(t, s, in), scoreOrFail(t, s, shuffled)
		for i, p := range perm {
			want := a.TransferMap[p]
			want.Index = i
			if !sameTransfer(b.TransferMap[i], want) {
				t.Fatalf("transfer entry %d: %+v; want %+v", i, b.TransferMap[i], want)
			}
		}
		a.TransferMap, b.TransferMap = nil, nil
		if !sameResult(a, b) {
			t.Fatalf("reordering changed the result:\n%+v\n%+v", a, b)
		}
	})
}

func indexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// sameResult compares results field by field; reflect.DeepEqual is far slower under -race.
func sameResult(a, b Result) bool {
	if a.Framework != b.Framework || a.Dimensions != b.Dimensions || a.Profile != b.Profile ||
		!sameRef(a.RecommendedLevel, b.RecommendedLevel) || !sameRef(a.NextLevel, b.NextLevel) {
		return false
	}
	return slices.EqualFunc(a.Competencies, b.Competencies, func(x, y CompetencyScore) bool {
		return x.Slug == y.Slug && x.Name == y.Name && x.Dimension == y.Dimension && x.Score == y.Score &&
			x.Confidence == y.Confidence && slices.Equal(x.Sources, y.Sources)
	}) && slices.EqualFunc(a.Levels, b.Levels, func(x, y LevelFit) bool {
		return x.Slug == y.Slug && x.Rank == y.Rank && x.Title == y.Title && x.Fit == y.Fit && x.Met == y.Met &&
			slices.Equal(x.Gaps, y.Gaps)
	}) && slices.EqualFunc(a.DevelopmentPlan, b.DevelopmentPlan, func(x, y PlanStep) bool {
		return x.Competency == y.Competency && x.Current == y.Current && x.Target == y.Target && slices.Equal(x.Actions, y.Actions)
	}) && slices.EqualFunc(a.TransferMap, b.TransferMap, sameTransfer)
}

func sameRef(a, b *LevelRef) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func sameTransfer(x, y TransferEntry) bool {
	return x.Index == y.Index && x.InputTitle == y.InputTitle && x.Background == y.Background && x.MatchScore == y.MatchScore &&
		x.CommunityServed == y.CommunityServed && x.Message == y.Message && slices.Equal(x.Evidence, y.Evidence)
}

// noNilSlices checks every list in a result encodes as [] rather than null.
func noNilSlices(r Result) bool {
	if r.Competencies == nil || r.Levels == nil || r.DevelopmentPlan == nil || r.TransferMap == nil {
		return false
	}
	for _, c := range r.Competencies {
		if c.Sources == nil {
			return false
		}
	}
	for _, l := range r.Levels {
		if l.Gaps == nil {
			return false
		}
	}
	for _, st := range r.DevelopmentPlan {
		if st.Actions == nil {
			return false
		}
	}
	for _, e := range r.TransferMap {
		if e.Evidence == nil {
			return false
		}
	}
	return true
}
