package service

import "testing"

// TestDefaultFrameworkResolvesAccentedAndPluralTitles complements the table of
// real titles: titles as written in other languages' spellings (accents, gender
// endings and markers), plurals from job boards, and typos, all on the default
// framework.
func TestDefaultFrameworkResolvesAccentedAndPluralTitles(t *testing.T) {
	m, f := defaultFrameworkMatcher(t)
	for title, slug := range map[string]string{
		"Fundraisér":              "fundraising",
		"Dévelopment Officer":     "fundraising",
		"Journaliste":             "journalism",
		"Profesora":               "teaching",
		"Éducateur":               "teaching",
		"Cónsierge":               "hospitality",
		"Realtór":                 "real-estate",
		"Event Managér":           "event-planning",
		"Social Média Manager":    "social-media-specialist",
		"Volunteer Coördinator":   "volunteer-coordination",
		"Community-Manager/in":    "community-management",
		"Community Manager (H/F)": "community-management",
		"Fundraising Managerin":   "fundraising",
		"Teachers":                "teaching",
		"Nurses":                  "nursing-care",
		"Store Managers":          "retail-management",
		"Event Planners":          "event-planning",
		"Realtors":                "real-estate",
		"Baristas":                "hospitality",
		"Jouranlist":              "journalism",
		"Regsitered Nurse":        "nursing-care",
		"Volunter Cordinator":     "volunteer-coordination",
		"Socal Media Manger":      "social-media-specialist",
	} {
		r, ok := m.Best(title)
		if !ok || r.Slug != slug || r.Score < f.Scoring.MatchMinScore {
			t.Errorf("Best(%q) = %+v, want %s at %v or more", title, r, slug, f.Scoring.MatchMinScore)
		}
	}
}
