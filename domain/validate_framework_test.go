package domain

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func fieldsOf(t *testing.T, err error) []FieldError {
	t.Helper()
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("err = %v, want *ValidationError", err)
	}
	if !errors.Is(err, ErrInvalid) {
		t.Error("validation error does not wrap ErrInvalid")
	}
	return verr.Fields
}

func hasField(fields []FieldError, field, rule string) bool {
	return slices.ContainsFunc(fields, func(fe FieldError) bool { return fe.Field == field && fe.Rule == rule })
}

func TestValidateReportsBrokenDefault(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		mutate func(f *Framework)
		field  string
		rule   string
	}{
		{"slug with capitals", func(f *Framework) { f.Slug = "Community-Management" }, "slug", "format"},
		{"slug with double hyphen", func(f *Framework) { f.Slug = "community--management" }, "slug", "format"},
		{"empty slug", func(f *Framework) { f.Slug = "" }, "slug", "required"},
		{"overlong slug", func(f *Framework) { f.Slug = strings.Repeat("a", 65) }, "slug", "length"},
		{"overlong description", func(f *Framework) { f.Description = strings.Repeat("a", 2001) }, "description", "length"},
		{"version not dotted numbers", func(f *Framework) { f.Version = "v2026" }, "version", "format"},
		{"version single number", func(f *Framework) { f.Version = "2026" }, "version", "format"},
		{"empty title", func(f *Framework) { f.Title = " " }, "title", "required"},
		{"unknown status", func(f *Framework) { f.Status = "live" }, "status", "enum"},
		{"draft with publication time", func(f *Framework) { f.Status = StatusDraft; f.PublishedAt = &now }, "published_at", "forbidden"},
		{"unknown dimension", func(f *Framework) { f.Dimensions[1].Slug = "vibes" }, "dimensions[1].slug", "enum"},
		{"missing dimension", func(f *Framework) { f.Dimensions = f.Dimensions[:2] }, "dimensions", "missing"},
		{"duplicate competency", func(f *Framework) { f.Competencies[1].Slug = "communication" }, "competencies[1].slug", "duplicate"},
		{"competency in unknown dimension", func(f *Framework) { f.Competencies[0].Dimension = "vibes" }, "competencies[0].dimension", "enum"},
		{"zero weight", func(f *Framework) { f.Competencies[3].Weight = 0 }, "competencies[3].weight", "range"},
		{"negative weight", func(f *Framework) { f.Competencies[3].Weight = -1 }, "competencies[3].weight", "range"},
		{"huge weight", func(f *Framework) { f.Competencies[3].Weight = 5000 }, "competencies[3].weight", "range"},
		{"NaN weight", func(f *Framework) { f.Competencies[3].Weight = math.NaN() }, "competencies[3].weight", "range"},
		{"empty anchor", func(f *Framework) { f.Competencies[0].Anchors[2] = "" }, "competencies[0].anchors[2]", "required"},
		{"empty competency name", func(f *Framework) { f.Competencies[5].Name = "" }, "competencies[5].name", "required"},
		{"no competencies", func(f *Framework) { f.Competencies = nil }, "competencies", "required"},
		{"duplicate level slug", func(f *Framework) { f.Levels[2].Slug = f.Levels[1].Slug }, "levels[2].slug", "duplicate"},
		{"duplicate rank", func(f *Framework) { f.Levels[1].Rank = 1 }, "levels[1].rank", "duplicate"},
		{"rank beyond the ladder", func(f *Framework) { f.Levels[4].Rank = 6 }, "levels[4].rank", "range"},
		{"rank zero", func(f *Framework) { f.Levels[0].Rank = 0 }, "levels[0].rank", "range"},
		{"empty level summary", func(f *Framework) { f.Levels[3].Summary = "" }, "levels[3].summary", "required"},
		{"expectation of unknown competency", func(f *Framework) { f.Levels[0].Expectations[0].Competency = "juggling" }, "levels[0].expectations[0].competency", "unknown"},
		{"expectation repeated", func(f *Framework) {
			f.Levels[2].Expectations[1].Competency = f.Levels[2].Expectations[0].Competency
		}, "levels[2].expectations[1].competency", "duplicate"},
		{"minimum above 4", func(f *Framework) { f.Levels[1].Expectations[4].MinProficiency = 5 }, "levels[1].expectations[4].min_proficiency", "range"},
		{"negative minimum", func(f *Framework) { f.Levels[1].Expectations[4].MinProficiency = -1 }, "levels[1].expectations[4].min_proficiency", "range"},
		{"unknown expectation kind", func(f *Framework) { f.Levels[1].Expectations[2].Kind = "optional" }, "levels[1].expectations[2].kind", "enum"},
		{"zero importance", func(f *Framework) { f.Levels[4].Expectations[6].Importance = 0 }, "levels[4].expectations[6].importance", "range"},
		{"too many levels", func(f *Framework) {
			for len(f.Levels) <= 20 {
				f.Levels = append(f.Levels, f.Levels[0])
			}
		}, "levels", "max_items"},
		{"level without expectations", func(f *Framework) { f.Levels[0].Expectations = nil }, "levels[0].expectations", "required"},
		{"missing evidence", func(f *Framework) { f.Backgrounds[2].Evidence = f.Backgrounds[2].Evidence[1:] }, "backgrounds[2].evidence", "missing"},
		{"repeated evidence", func(f *Framework) {
			f.Backgrounds[0].Evidence[1].Competency = f.Backgrounds[0].Evidence[0].Competency
		}, "backgrounds[0].evidence[1].competency", "duplicate"},
		{"evidence of unknown competency", func(f *Framework) { f.Backgrounds[3].Evidence[5].Competency = "juggling" }, "backgrounds[3].evidence[5].competency", "unknown"},
		{"evidence above 4", func(f *Framework) { f.Backgrounds[3].Evidence[5].Proficiency = 7 }, "backgrounds[3].evidence[5].proficiency", "range"},
		{"evidence without rationale", func(f *Framework) { f.Backgrounds[3].Evidence[5].Rationale = "" }, "backgrounds[3].evidence[5].rationale", "required"},
		{"three aliases", func(f *Framework) { f.Backgrounds[4].Aliases = f.Backgrounds[4].Aliases[:3] }, "backgrounds[4].aliases", "min_items"},
		{"empty alias", func(f *Framework) { f.Backgrounds[4].Aliases[1] = "" }, "backgrounds[4].aliases[1]", "required"},
		{"alias shared by two backgrounds", func(f *Framework) { f.Backgrounds[1].Aliases[0] = " Account  Executive" }, "backgrounds[1].aliases[0]", "duplicate"},
		{"duplicate background", func(f *Framework) { f.Backgrounds[5].Slug = f.Backgrounds[0].Slug }, "backgrounds[5].slug", "duplicate"},
		{"empty community served", func(f *Framework) { f.Backgrounds[6].CommunityServed = "" }, "backgrounds[6].community_served", "required"},
		{"malformed O*NET-SOC code", func(f *Framework) { f.Backgrounds[0].OnetSOC = "41-4012" }, "backgrounds[0].onet_soc", "format"},
		{"malformed ISCO-08 code", func(f *Framework) { f.Backgrounds[0].ISCO08 = "33220" }, "backgrounds[0].isco08", "format"},
		{"empty background title", func(f *Framework) { f.Backgrounds[7].Title = "" }, "backgrounds[7].title", "required"},
		{"unknown action kind", func(f *Framework) { f.Actions[0].Kind = "reading" }, "actions[0].kind", "enum"},
		{"action for unknown competency", func(f *Framework) { f.Actions[2].Competency = "juggling" }, "actions[2].competency", "unknown"},
		{"action without title", func(f *Framework) { f.Actions[2].Title = "" }, "actions[2].title", "required"},
		{"competency without actions", func(f *Framework) {
			f.Actions = slices.DeleteFunc(f.Actions, func(a DevelopmentAction) bool { return a.Competency == "content" })
		}, "actions", "missing"},
		{"unsupported self-rating worth more than supported", func(f *Framework) { f.Scoring.SelfWeight = 0.7 }, "scoring.self_supported_weight", "order"},
		{"supported self-rating worth experience", func(f *Framework) { f.Scoring.SelfSupportedWeight = 1 }, "scoring.experience_weight", "order"},
		{"reviewers not counting most", func(f *Framework) { f.Scoring.ReviewerWeight = 1 }, "scoring.reviewer_weight", "order"},
		{"zero experience weight", func(f *Framework) { f.Scoring.ExperienceWeight = 0 }, "scoring.experience_weight", "range"},
		{"zero full years", func(f *Framework) { f.Scoring.FullYears = 0 }, "scoring.full_years", "range"},
		{"ramp of one", func(f *Framework) { f.Scoring.MinRamp = 1 }, "scoring.min_ramp", "range"},
		{"negative ramp", func(f *Framework) { f.Scoring.MinRamp = -0.1 }, "scoring.min_ramp", "range"},
		{"breadth cap below bonus", func(f *Framework) { f.Scoring.BreadthBonusMax = 0.1 }, "scoring.breadth_bonus_max", "order"},
		{"zero confidence weight", func(f *Framework) { f.Scoring.ConfidenceFullWeight = 0 }, "scoring.confidence_full_weight", "range"},
		{"people threshold above 100", func(f *Framework) { f.Scoring.PeopleThreshold = 101 }, "scoring.people_threshold", "range"},
		{"negative influence threshold", func(f *Framework) { f.Scoring.InfluenceThreshold = -1 }, "scoring.influence_threshold", "range"},
		{"tolerance above 1", func(f *Framework) { f.Scoring.MetTolerance = 1.5 }, "scoring.met_tolerance", "range"},
		{"no plan steps", func(f *Framework) { f.Scoring.PlanMaxSteps = 0 }, "scoring.plan_max_steps", "range"},
		{"more plan steps than competencies", func(f *Framework) { f.Scoring.PlanMaxSteps = 14 }, "scoring.plan_max_steps", "range"},
		{"four actions per step", func(f *Framework) { f.Scoring.PlanActionsPerStep = 4 }, "scoring.plan_actions_per_step", "range"},
		{"match score of zero", func(f *Framework) { f.Scoring.MatchMinScore = 0 }, "scoring.match_min_score", "range"},
		{"match score of one", func(f *Framework) { f.Scoring.MatchMinScore = 1 }, "scoring.match_min_score", "range"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := mustDefault(t)
			tc.mutate(f)
			fields := fieldsOf(t, f.Validate())
			if !hasField(fields, tc.field, tc.rule) {
				t.Errorf("no %s error on %s; got %+v", tc.rule, tc.field, fields)
			}
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	f := mustDefault(t)
	f.Version = "latest"
	f.Competencies[3].Weight = 0
	f.Backgrounds[2].Evidence = f.Backgrounds[2].Evidence[:12]
	f.Levels[4].Rank = 9
	f.Scoring.MatchMinScore = 2
	fields := fieldsOf(t, f.Validate())
	want := []struct{ field, rule string }{
		{"version", "format"},
		{"competencies[3].weight", "range"},
		{"backgrounds[2].evidence", "missing"},
		{"levels[4].rank", "range"},
		{"scoring.match_min_score", "range"},
	}
	for _, w := range want {
		if !hasField(fields, w.field, w.rule) {
			t.Errorf("no %s error on %s", w.rule, w.field)
		}
	}
	if len(fields) != len(want) {
		t.Errorf("got %d problems, want exactly %d: %+v", len(fields), len(want), fields)
	}
}

func TestValidateMissingEvidenceNamesTheCompetency(t *testing.T) {
	f := mustDefault(t)
	i := slices.IndexFunc(f.Backgrounds[0].Evidence, func(e Evidence) bool { return e.Competency == "content" })
	f.Backgrounds[0].Evidence = slices.Delete(f.Backgrounds[0].Evidence, i, i+1)
	fields := fieldsOf(t, f.Validate())
	if len(fields) != 1 || fields[0].Field != "backgrounds[0].evidence" || fields[0].Value != "content" {
		t.Errorf("got %+v, want one missing-evidence error naming content", fields)
	}
}

func TestValidateEmptyFramework(t *testing.T) {
	fields := fieldsOf(t, (&Framework{}).Validate())
	for _, field := range []string{"slug", "version", "title", "status", "dimensions", "competencies", "levels", "backgrounds", "actions", "scoring.experience_weight"} {
		if !slices.ContainsFunc(fields, func(fe FieldError) bool { return fe.Field == field }) {
			t.Errorf("no error on %s", field)
		}
	}
	var nilFramework *Framework
	if err := nilFramework.Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("nil framework: err = %v, want ErrInvalid", err)
	}
}

func FuzzFrameworkJSON(f *testing.F) {
	f.Add(DefaultFrameworkJSON())
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"levels":[{"rank":-1,"expectations":[{"competency":"x","min_proficiency":9}]}]}`))
	f.Add([]byte(`{"competencies":[{"slug":"a","anchors":["","","","","",""]}],"scoring":{"plan_max_steps":-3}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := DecodeFramework(data)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("decode error %v is not ErrInvalid", err)
			}
			return
		}
		err = fw.Validate()
		if err == nil {
			// A valid framework survives a round trip unchanged in validity.
			enc, merr := json.Marshal(fw)
			if merr != nil {
				t.Fatalf("marshal valid framework: %v", merr)
			}
			again, derr := DecodeFramework(enc)
			if derr != nil {
				t.Fatalf("re-decode: %v", derr)
			}
			if verr := again.Validate(); verr != nil {
				t.Fatalf("valid framework invalid after round trip: %v", verr)
			}
			return
		}
		var verr *ValidationError
		if !errors.As(err, &verr) || len(verr.Fields) == 0 {
			t.Fatalf("Validate returned %v, want a non-empty *ValidationError", err)
		}
	})
}
