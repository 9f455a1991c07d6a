package domain

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Scorer scores assessments against one framework version. Build it once per version with
// NewScorer; Score is pure and safe for concurrent use. The framework must not change after.
type Scorer struct {
	f         *Framework
	p         ScoringParams
	compIndex map[string]int
	bgIndex   map[string]int
	// bgRank orders backgrounds by slug so that ties never depend on input order.
	bgRank []int
	// evidence[bg*nComp+comp] is the proficiency background bg evidences for comp.
	evidence []int8
	dimOf    []int // dimension index (0 people, 1 influence, 2 craft) or -1
	actions  [][]int
	levels   []scorerLevel
	transfer []scorerTransfer
	// liftComp marks the competencies seniority lifts (nil: none).
	liftComp []bool
	// senWords are each seniority rank's title words, as bytes.
	senWords [][][]byte
	// lexTable keys the lexicon's phrases by their first word (nil: none).
	lexTable []lexSlot
	lexShift uint
	// The hiring view's indexes (2026.2 on).
	hiring    bool
	bgKinds   [][]int8
	questions []string
	// lowerNames are the competencies' names in lower case, for sentences.
	lowerNames []string
}

type scorerLevel struct {
	lv   *Level
	exps []scorerExpectation
}

type scorerExpectation struct {
	comp       int
	min        int
	required   bool
	kind       string
	importance float64
}

type scorerTransfer struct {
	message  string
	evidence []TransferEvidence
}

// NewScorer indexes f for scoring. It fails on references the scorer cannot resolve;
// the full rules of a framework are Framework.Validate's job.
func NewScorer(f *Framework) (*Scorer, error) {
	if f == nil {
		return nil, Errorf(ErrInvalid, "framework is required")
	}
	nc := len(f.Competencies)
	s := &Scorer{
		f:         f,
		p:         f.Scoring,
		compIndex: make(map[string]int, nc),
		bgIndex:   make(map[string]int, len(f.Backgrounds)),
		dimOf:     make([]int, nc),
		actions:   make([][]int, nc),
		evidence:  make([]int8, len(f.Backgrounds)*nc),
	}
	verr := &ValidationError{}
	for i, c := range f.Competencies {
		if _, dup := s.compIndex[c.Slug]; dup {
			verr.AddValue(fmt.Sprintf("competencies[%d].slug", i), "duplicate", "duplicate competency", c.Slug)
		}
		s.compIndex[c.Slug] = i
		s.dimOf[i] = slices.Index(Dimensions, c.Dimension)
	}
	for i, b := range f.Backgrounds {
		if _, dup := s.bgIndex[b.Slug]; dup {
			verr.AddValue(fmt.Sprintf("backgrounds[%d].slug", i), "duplicate", "duplicate background", b.Slug)
		}
		s.bgIndex[b.Slug] = i
		for j, e := range b.Evidence {
			ci, ok := s.compIndex[e.Competency]
			field := fmt.Sprintf("backgrounds[%d].evidence[%d]", i, j)
			switch {
			case !ok:
				verr.AddValue(field+".competency", "unknown", "unknown competency", e.Competency)
			case e.Proficiency < 0 || e.Proficiency > MaxProficiency:
				verr.AddValue(field+".proficiency", "range", "must be between 0 and 4", fmt.Sprint(e.Proficiency))
			default:
				s.evidence[i*nc+ci] = int8(max(int(s.evidence[i*nc+ci]), e.Proficiency))
			}
		}
	}
	for i, a := range f.Actions {
		ci, ok := s.compIndex[a.Competency]
		if !ok {
			verr.AddValue(fmt.Sprintf("actions[%d].competency", i), "unknown", "unknown competency", a.Competency)
			continue
		}
		s.actions[ci] = append(s.actions[ci], i)
	}
	s.indexLevels(verr)
	s.indexLexicon()
	s.indexHiring()
	for _, c := range f.Competencies {
		s.lowerNames = append(s.lowerNames, strings.ToLower(c.Name))
	}
	for _, r := range f.Scoring.Seniority {
		words := make([][]byte, 0, len(r.Words))
		for _, w := range r.Words {
			if w != "" { // Validate reports it
				words = append(words, []byte(w))
			}
		}
		s.senWords = append(s.senWords, words)
	}
	for i, slug := range f.Scoring.LiftCompetencies {
		ci, ok := s.compIndex[slug]
		if !ok {
			verr.AddValue(fmt.Sprintf("scoring.lift_competencies[%d]", i), "unknown", "unknown competency", slug)
			continue
		}
		if s.liftComp == nil {
			s.liftComp = make([]bool, nc)
		}
		s.liftComp[ci] = true
	}
	if err := verr.OrNil(); err != nil {
		return nil, err
	}
	s.indexBackgrounds()
	return s, nil
}

func (s *Scorer) indexLevels(verr *ValidationError) {
	f := s.f
	for i := range f.Levels {
		lv := &f.Levels[i]
		sl := scorerLevel{lv: lv}
		for j, e := range lv.Expectations {
			ci, ok := s.compIndex[e.Competency]
			if !ok {
				verr.AddValue(fmt.Sprintf("levels[%d].expectations[%d].competency", i, j), "unknown", "unknown competency", e.Competency)
				continue
			}
			sl.exps = append(sl.exps, scorerExpectation{
				comp: ci, min: e.MinProficiency, required: e.Kind == ExpectationRequired || e.Kind == ExpectationGate,
				kind: e.Kind, importance: e.Importance,
			})
		}
		s.sortExpectations(sl.exps)
		s.levels = append(s.levels, sl)
	}
	slices.SortStableFunc(s.levels, func(a, b scorerLevel) int { return cmp.Compare(a.lv.Rank, b.lv.Rank) })
}

// indexBackgrounds precomputes slug order and each background's transfer-map entry.
func (s *Scorer) indexBackgrounds() {
	f := s.f
	nc := len(f.Competencies)
	order := make([]int, len(f.Backgrounds))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(f.Backgrounds[a].Slug, f.Backgrounds[b].Slug) })
	s.bgRank = make([]int, len(order))
	for rank, bi := range order {
		s.bgRank[bi] = rank
	}
	s.transfer = make([]scorerTransfer, len(f.Backgrounds))
	for bi, b := range f.Backgrounds {
		var ev []TransferEvidence
		for ci, c := range f.Competencies {
			p := int(s.evidence[bi*nc+ci])
			if p < 2 {
				continue
			}
			ev = append(ev, TransferEvidence{Competency: c.Slug, Proficiency: p, Rationale: rationale(b, c.Slug)})
		}
		// Strongest first; framework order among equals (the sort is stable).
		slices.SortStableFunc(ev, func(a, b TransferEvidence) int { return cmp.Compare(b.Proficiency, a.Proficiency) })
		s.transfer[bi] = scorerTransfer{message: communityMessage(b.CommunityServed), evidence: ev}
	}
}

func rationale(b Background, comp string) string {
	best, text := -1, ""
	for _, e := range b.Evidence {
		if e.Competency == comp && e.Proficiency > best {
			best, text = e.Proficiency, e.Rationale
		}
	}
	return text
}

func communityMessage(community string) string {
	// A typed override may already say whose community it is: "my regulars", "our members".
	for _, own := range []string{"my ", "our ", "your "} {
		if len(community) > len(own) && strings.EqualFold(community[:len(own)], own) {
			community = strings.TrimSpace(community[len(own):])
			break
		}
	}
	if community == "" {
		return ""
	}
	return "You already have a community: your " + community + "."
}

// Framework returns the framework version the scorer was built for.
func (s *Scorer) Framework() *Framework { return s.f }

// Score scores one assessment's inputs. Invalid input gives a *ValidationError listing
// every problem.
func (s *Scorer) Score(in ScoreInput) (Result, error) {
	r, err := s.resolve(in)
	if err != nil {
		return Result{}, err
	}
	var senBuf [stackBackgrounds]expSeniority
	sen := s.seniorities(in.Experiences, senBuf[:0])
	comps := s.scoreCompetencies(in, r, sen)
	dims := s.dimensionScores(comps)
	levels, recIdx := s.levelFits(comps)
	res := Result{
		Framework:    FrameworkRef{Slug: s.f.Slug, Version: s.f.Version},
		Competencies: comps,
		Dimensions:   dims,
		Profile:      s.profile(dims, comps),
		Levels:       levels,
	}
	nextIdx := recIdx + 1
	if recIdx >= 0 || nextIdx < len(levels) {
		refs := make([]LevelRef, 2)
		if recIdx >= 0 {
			refs[0] = levelRef(s.levels[recIdx].lv)
			res.RecommendedLevel = &refs[0]
		}
		if nextIdx < len(levels) {
			refs[1] = levelRef(s.levels[nextIdx].lv)
			res.NextLevel = &refs[1]
		}
	}
	var nextGaps []LevelGap
	if nextIdx < len(levels) {
		nextGaps = levels[nextIdx].Gaps
	}
	if s.p.RecommendFit > 0 {
		// The development expectations the recommended rung still misses
		// come first, then the next rung's gaps.
		if recIdx >= 0 && len(levels[recIdx].Gaps) > 0 {
			nextGaps = mergeGaps(levels[recIdx].Gaps, nextGaps)
		}
		if nextIdx < len(levels) {
			res.BlockedBy = s.blockedBy(levels[nextIdx])
			if s.p.StretchFit > 0 && levels[nextIdx].Fit+reachEpsilon >= s.p.StretchFit {
				ref := levelRef(s.levels[nextIdx].lv)
				res.StretchLevel = &ref
			}
		}
	}
	res.DevelopmentPlan = s.plan(nextGaps)
	res.HiringView = s.hiringView(in, r.expBg, comps, recIdx)
	res.TransferMap = s.transferMap(in.Experiences, r.expBg, sen)
	return res, nil
}

func levelRef(lv *Level) LevelRef { return LevelRef{Slug: lv.Slug, Rank: lv.Rank, Title: lv.Title} }

// mergeGaps lists first's gaps, then next's for competencies not in first.
func mergeGaps(first, next []LevelGap) []LevelGap {
	out := make([]LevelGap, 0, len(first)+len(next))
	out = append(out, first...)
	for _, g := range next {
		if !slices.ContainsFunc(first, func(f LevelGap) bool { return f.Competency == g.Competency }) {
			out = append(out, g)
		}
	}
	return out
}
