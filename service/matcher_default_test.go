package service

import (
	"testing"

	"github.com/rungs/rungs/domain"
)

// realTitles are job titles as people write them, by the background of the
// default framework they must resolve to.
var realTitles = []struct {
	slug   string
	titles []string
}{
	{"sales", []string{
		"Account Executive", "SDR", "Senior Account Executive II", "Sr. Account-Exec.",
		"Acount Executve", "Sales Representative", "Inside Sales Rep",
		"Business Development Representative", "BDR", "Sales Development Rep", "VP of Sales",
		"Sales Manager", "Regional Sales Manager", "Outside Sales Representative",
		"Enterprise Account Executive", "Territory Sales Manager", "Sales Associate",
		"Sales Executive", "Sales Director",
	}},
	{"account-management", []string{
		"Customer Success Manager", "Account Manager", "Key Account Manager",
		"Client Relationship Manager", "CSM", "Client Services Manager",
		"Senior Customer Success Manager", "Account Director", "Relationship Manager",
		"Client Success Manager",
	}},
	{"marketing", []string{
		"Marketing Manager", "Digital Marketing Manager", "Marketing Coordinator",
		"Brand Manager", "Product Marketing Manager", "Marketing Specialist", "Growth Marketer",
		"Mktg Mgr", "Marketing Executive", "Content Marketing Manager", "Marketer",
		"Marketing Director",
	}},
	{"fundraising", []string{
		"Major Gifts Officer", "Officer, Major Gifts", "Development Officer",
		"Director of Development", "Head of Fundraising", "Fundraiser",
		"Donor Relations Manager", "Annual Giving Manager", "Philanthropy Manager",
		"Fundraising Manager", "Development Director", "Gift Officer", "Major Gift Officer",
		"Fund raiser", "MGO", "Fundraising Coordinator", "Development Manager",
	}},
	{"teaching", []string{
		"High School Teacher", "Teacher", "Middle School Teacher", "Secondary School Teacher",
		"Lecturer", "Classroom Teacher", "Elementary School Teacher", "Primary School Teacher",
		"English Teacher", "Math Teacher", "Substitute Teacher",
		"Teaching Assistant",
	}},
	{"hospitality", []string{
		"Bartender", "bartendr", "Bar Manager", "Restaurant Manager", "Front Desk Agent",
		"Concierge", "Hotel Manager", "Server", "Head Bartender", "Guest Relations Manager",
		"Hotel Receptionist",
	}},
	{"real-estate", []string{
		"Realtor", "Real Estate Agent", "Estate Agent", "Property Manager", "Letting Agent",
		"Real Estate Broker", "Leasing Agent", "Real Estate Salesperson", "Realtor®", "Realter",
		"Real Estate Associate",
	}},
	{"customer-support", []string{
		"Customer Service Representative", "CSR", "Customer Support Specialist", "Support Agent",
		"Call Center Agent", "Technical Support Specialist", "Customer Care Representative",
		"Customer Service Rep", "Support Team Lead", "Customer Service Agent",
		"Customer Support Representative", "Customer Service Advisor",
	}},
	{"event-planning", []string{
		"Event Planner", "Event Manager", "Events Coordinator", "Conference Organizer",
		"Meeting Planner", "Wedding Planner", "Event Coordinator", "Conference Producer",
		"Events Manager", "Event Organiser", "Events Executive",
	}},
	{"web-content-editing", []string{
		"Web Content Editor", "Content Editor", "Web Editor", "Content Manager", "Copy Editor",
		"Digital Content Editor", "Content Producer",
	}},
	{"journalism", []string{
		"Journalist", "Reporter", "News Reporter", "Correspondent", "News Editor",
		"Feature Writer", "Broadcast Journalist", "Staff Writer", "Freelance Journalist",
	}},
	{"hr-internal-communications", []string{
		"HR Business Partner", "HR Generalist", "Internal Communications Manager",
		"Human Resources Generalist", "Employee Engagement Manager", "People Partner",
		"Internal Comms Manager", "HR Manager", "Internal Communications Specialist",
		"Human Resources Business Partner",
	}},
	{"volunteer-coordination", []string{
		"Volunteer Coordinator", "Volunteer Manager", "Volunteer Services Manager",
		"Volunteer Program Manager", "Volunteer Programme Manager",
		"Volunteer Engagement Coordinator", "Coordinator of Volunteers",
	}},
	{"association-membership", []string{
		"Membership Manager", "Membership Coordinator", "Chapter Relations Manager",
		"Member Services Manager", "Member Engagement Manager", "Membership Director",
		"Component Relations Manager", "Chapter Manager",
	}},
	{"social-media-specialist", []string{
		"Social Media Manager", "Social Media Specialist", "Social Media Coordinator",
		"Social Media Strategist", "Digital Engagement Officer", "SMM", "Social Media Executive",
		"Social Media Mgr",
	}},
	{"developer-relations", []string{
		"Developer Advocate", "Developer Evangelist", "DevRel Engineer",
		"Developer Relations Manager", "Technical Evangelist", "Head of Developer Relations",
		"Dev Advocate", "Developer Relations Engineer", "Developer Experience Engineer",
	}},
	{"community-organizing", []string{
		"Community Organizer", "Community Organiser", "Field Organizer", "Union Organizer",
		"Tenant Organizer", "Campaign Organizer", "Outreach Coordinator", "Organizer",
		"Community Development Worker",
	}},
	{"coaching", []string{
		"Coach", "Head Coach", "Sports Coach", "Assistant Coach", "Personal Trainer",
		"Fitness Instructor", "Youth Coach", "Basketball Coach", "Soccer Coach", "Life Coach",
		"Football Coach",
	}},
	{"nursing-care", []string{
		"Registered Nurse", "RN", "Nurse", "Charge Nurse", "Staff Nurse", "Nursing Assistant",
		"Care Assistant", "Home Health Aide", "CNA", "Care Worker", "Nurse Practitioner",
	}},
	{"retail-management", []string{
		"Store Manager", "Retail Manager", "Assistant Store Manager", "Shop Manager",
		"Retail Supervisor", "Department Manager", "Store Mgr", "Retail Store Manager",
		"Assistant Manager",
	}},
	{"online-community-moderation", []string{
		"Forum Moderator", "Community Moderator", "Content Moderator",
		"Trust and Safety Specialist", "Trust & Safety Analyst", "Moderator",
		"Discord Moderator", "Reddit Moderator",
	}},
	{"community-management", []string{
		"Community Manager", "Head of Community", "Online Community Manager",
		"Community Coordinator", "Community Lead",
	}},
}

func defaultFrameworkMatcher(t *testing.T) (*Matcher, *domain.Framework) {
	t.Helper()
	f, err := domain.DefaultFrameworkVersion("2026.1")
	if err != nil {
		t.Fatal(err)
	}
	return NewMatcher(f.Backgrounds), f
}

func TestDefaultFrameworkResolvesRealTitles(t *testing.T) {
	m, f := defaultFrameworkMatcher(t)
	n := 0
	for _, group := range realTitles {
		for _, title := range group.titles {
			n++
			r, ok := m.Best(title)
			if !ok || r.Slug != group.slug || r.Score < f.Scoring.MatchMinScore {
				t.Errorf("Best(%q) = %+v, want %s at %v or more", title, r, group.slug, f.Scoring.MatchMinScore)
			}
		}
	}
	if n < 70 {
		t.Errorf("only %d titles checked", n)
	}
}

func TestDefaultFrameworkAliasesResolveToTheirBackground(t *testing.T) {
	m, f := defaultFrameworkMatcher(t)
	for _, b := range f.Backgrounds {
		for _, text := range append([]string{b.Title}, b.Aliases...) {
			if r := bestMatch(m, text); r.Slug != b.Slug || r.Score != 1 {
				t.Errorf("Best(%q) = %+v, want %s at 1 (another background shares the alias?)", text, r, b.Slug)
			}
		}
	}
}

func TestDefaultFrameworkRejectsUnrelatedTitles(t *testing.T) {
	m, f := defaultFrameworkMatcher(t)
	for _, q := range []string{"xyzzy qwerty", "astronaut", "airline pilot", "plumber", "tax accountant", "quantum physicist", "operations manager", "manager"} {
		if r, ok := m.Best(q); ok && r.Score >= f.Scoring.MatchMinScore {
			t.Errorf("Best(%q) = %+v, want nothing at %v or more", q, r, f.Scoring.MatchMinScore)
		}
	}
	for _, r := range m.Match("xyzzy qwerty", 0) {
		if r.Score >= 0.4 {
			t.Errorf("Match(xyzzy qwerty) has %+v, want every score below 0.4", r)
		}
	}
}

func TestDefaultFrameworkPartialTitles(t *testing.T) {
	m, _ := defaultFrameworkMatcher(t)
	tests := []struct {
		query, slug string
		min         float64
	}{
		{"gifts officer", "fundraising", 0.7},
		{"major gi", "fundraising", 0.6},
		{"account ex", "sales", 0.7},
		{"real est", "real-estate", 0.7},
		{"community man", "community-management", 0.8},
		{"bartend", "hospitality", 0.7},
	}
	for _, tt := range tests {
		if r := bestMatch(m, tt.query); r.Slug != tt.slug || r.Score < tt.min || r.Score >= 1 {
			t.Errorf("Best(%q) = %+v, want %s in [%v, 1)", tt.query, r, tt.slug, tt.min)
		}
	}
}
