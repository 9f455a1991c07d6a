package service

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/rungs/rungs/domain"
)

// CompetencyExplanation says in plain sentences where one competency's
// score comes from.
type CompetencyExplanation struct {
	Competency string   `json:"competency"`
	Name       string   `json:"name"`
	Dimension  string   `json:"dimension"`
	Score      float64  `json:"score"`
	Sentences  []string `json:"sentences"`
}

// Explanation is an assessment told in words.
type Explanation struct {
	AssessmentID string                  `json:"assessment_id"`
	Summary      string                  `json:"summary"`
	Communities  []string                `json:"communities"`
	Competencies []CompetencyExplanation `json:"competencies"`
}

// ParseAssessment decodes a stored assessment.
func ParseAssessment(a domain.Assessment) (domain.AssessmentDoc, error) {
	var doc domain.AssessmentDoc
	if err := json.Unmarshal(a.Body, &doc); err != nil {
		return domain.AssessmentDoc{}, fmt.Errorf("assessment %s: %w", a.ID, err)
	}
	return doc, nil
}

// ExplainDoc tells doc in words, using the names in v.
func ExplainDoc(v *FrameworkView, doc domain.AssessmentDoc) Explanation {
	res := doc.Result
	out := Explanation{AssessmentID: doc.ID, Communities: []string{}, Competencies: make([]CompetencyExplanation, 0, len(res.Competencies))}
	out.Summary = summary(res)
	for _, t := range res.TransferMap {
		if t.Message != "" {
			out.Communities = append(out.Communities, t.Message)
		}
	}
	// The title the person wrote for each background, for the sentences.
	titles := map[string]string{}
	for _, e := range doc.Inputs.Experiences {
		if _, ok := titles[e.Background]; !ok && e.Title != "" {
			titles[e.Background] = e.Title
		}
	}
	for _, c := range res.Competencies {
		ce := CompetencyExplanation{Competency: c.Slug, Name: c.Name, Dimension: c.Dimension, Score: c.Score, Sentences: []string{}}
		for _, src := range c.Sources {
			if line := sourceSentence(v, titles, c.Slug, src); line != "" {
				ce.Sentences = append(ce.Sentences, line)
			}
		}
		if len(ce.Sentences) == 0 {
			ce.Sentences = append(ce.Sentences, "Nothing in the profile shows this yet.")
		}
		out.Competencies = append(out.Competencies, ce)
	}
	return out
}

func summary(res domain.Result) string {
	var b strings.Builder
	if res.RecommendedLevel != nil {
		fmt.Fprintf(&b, "The rung that fits now is %s.", res.RecommendedLevel.Title)
	} else {
		b.WriteString("No rung fits fully yet.")
	}
	if res.NextLevel != nil {
		gaps := 0
		for _, l := range res.Levels {
			if l.Slug == res.NextLevel.Slug {
				gaps = len(l.Gaps)
			}
		}
		fmt.Fprintf(&b, " The next one is %s, with %s to grow.", res.NextLevel.Title, plural(gaps, "skill", "skills"))
	}
	return b.String()
}

func sourceSentence(v *FrameworkView, titles map[string]string, competency string, src domain.ScoreSource) string {
	switch src.Kind {
	case domain.SourceExperience:
		if src.Ref == "" {
			return ""
		}
		bg, ok := v.Background(src.Ref)
		if !ok {
			return ""
		}
		as := titles[src.Ref]
		if as == "" {
			as = bg.Title
		}
		reason := ""
		for _, e := range bg.Evidence {
			if e.Competency == competency {
				reason = strings.TrimSuffix(strings.TrimSpace(e.Rationale), ".")
			}
		}
		line := fmt.Sprintf("%s as %s", capitalise(yearsPhrase(src.Years)), article(strings.ToLower(as)))
		if reason != "" {
			line += ": " + lowerFirst(reason)
		}
		line += "."
		if src.Weight == 0 {
			line += " This adds breadth to your strongest experience."
		} else if src.Bonus > 0 {
			line += fmt.Sprintf(" Other past jobs showing it too add %.1f.", src.Bonus)
		}
		return line
	case domain.SourceSelf:
		return fmt.Sprintf("You rated yourself %s of 4.", trimNumber(src.Proficiency))
	case domain.SourceReviewer:
		return fmt.Sprintf("An interviewer rated you %s of 4.", trimNumber(src.Proficiency))
	}
	return ""
}

var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}

func yearsPhrase(y float64) string {
	switch {
	case y < 1:
		return "less than a year"
	case y == math.Trunc(y) && int(y) < len(numberWords):
		return plural(int(y), "year", "years")
	}
	return trimNumber(y) + " years"
}

func plural(n int, one, many string) string {
	w := fmt.Sprint(n)
	if n >= 0 && n < len(numberWords) {
		w = numberWords[n]
	}
	if n == 1 {
		return w + " " + one
	}
	return w + " " + many
}

func trimNumber(x float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", x), "0"), ".")
}

func article(s string) string {
	if s == "" {
		return s
	}
	if strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// lowerFirst lowers the first letter unless the word is an acronym (CRM).
func lowerFirst(s string) string {
	if s == "" || (len(s) > 1 && strings.ToUpper(s[1:2]) == s[1:2] && strings.ToLower(s[1:2]) != s[1:2]) {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
