package domain

import "strings"

// plan turns the next rung's gaps (already in priority order) into at most PlanMaxSteps steps,
// each with the framework's first PlanActionsPerStep actions for that competency.
func (s *Scorer) plan(gaps []LevelGap) []PlanStep {
	n := min(len(gaps), max(0, s.p.PlanMaxSteps))
	per := max(0, s.p.PlanActionsPerStep)
	total := 0
	for _, g := range gaps[:n] {
		total += min(per, len(s.actions[s.compIndex[g.Competency]]))
	}
	steps := make([]PlanStep, 0, n)
	acts := make([]DevelopmentAction, 0, total)
	for _, g := range gaps[:n] {
		idx := s.actions[s.compIndex[g.Competency]]
		start := len(acts)
		for _, ai := range idx[:min(per, len(idx))] {
			acts = append(acts, s.f.Actions[ai])
		}
		steps = append(steps, PlanStep{
			Competency: g.Competency, Current: g.Current, Target: g.Required, Actions: acts[start:len(acts):len(acts)],
		})
	}
	return steps
}

// transferMap shows, per experience in input order, the community it served and what it evidences.
func (s *Scorer) transferMap(exps []ExperienceInput, bgOf []int32, sen []expSeniority) []TransferEntry {
	total := 0
	for _, bi := range bgOf {
		total += len(s.transfer[bi].evidence)
	}
	evBuf := make([]TransferEvidence, 0, total)
	out := make([]TransferEntry, len(exps))
	for i, e := range exps {
		bi := bgOf[i]
		b := &s.f.Backgrounds[bi]
		t := s.transfer[bi]
		community, msg := b.CommunityServed, t.message
		if override := strings.TrimSpace(e.CommunityServed); override != "" {
			community, msg = override, communityMessage(override)
		}
		start := len(evBuf)
		evBuf = append(evBuf, t.evidence...)
		out[i] = TransferEntry{
			Index: i, InputTitle: e.Title, Background: BackgroundRef{Slug: b.Slug, Title: b.Title},
			MatchScore: e.MatchScore, CommunityServed: community, Message: msg, Evidence: evBuf[start:len(evBuf):len(evBuf)],
		}
		out[i].Seniority, out[i].SeniorityInferred = sen[i].slug, sen[i].inferred
		out[i].LowConfidenceMatch = e.NearMiss
	}
	return out
}
