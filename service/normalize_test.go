package service

import "testing"

func TestNormalizeTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Account Executive", "account executive"},
		{"Sr. Account-Exec.", "account executive"},
		{"Senior Account Executive II", "account executive"},
		{"Junior Sales Rep III", "sale representative"},
		{"Head of Fundraising", "fundraising"},
		{"Chief Development Officer", "development officer"},
		{"Major Gifts Officer", "major gift officer"},
		{"Officer, Major Gifts", "officer major gift"},
		{"Store Mgr", "store manager"},
		{"Customer Service Rep", "customer service representative"},
		{"HR Coord.", "human resource coordinator"},
		{"Dev Advocate", "developer advocate"},
		{"Account Manager I", "account manager"},
		{"Account Manager, Level 2", "account manager"},
		{"V.P. of Sales", "sale"},
		{"Vice President, Sales", "sale"},
		{"R.N.", "registered nurse"},
		{"Réceptionniste", "receptionniste"},
		{"ÉDUCATRICE", "educatrice"},
		{"E\u0301ducatrice", "educatrice"}, // decomposed accent
		{"Straße", "strasse"},
		{"Women’s Soccer Coach", "women soccer coach"},
		{"Part-time Bartender", "bartender"},
		{"Volunteer Programme Manager", "volunteer program manager"},
		{"Activities Coordinator", "activity coordinator"},
		{"Business Analyst", "business analyst"},
		{"Trust & Safety Specialist", "trust safety specialist"},
		{"Lead", ""},
		{"  ", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := normalizeTitle(tt.in); got != tt.want {
			t.Errorf("normalizeTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeKeepsRoleWords(t *testing.T) {
	for _, w := range []string{"officer", "manager", "director", "assistant", "associate", "executive", "coordinator", "volunteer"} {
		if got := normalizeTitle(w); got != w {
			t.Errorf("normalizeTitle(%q) = %q, want the word kept", w, got)
		}
	}
}

func TestNormalizeMarksTheWordBeingTyped(t *testing.T) {
	tests := []struct {
		in   string
		open bool
	}{
		{"account ex", true},
		{"account ex ", false},
		{"account ex.", false},
		{"account exec", false}, // expanded: the word is complete
		{"account ex senior", false},
		{"", false},
	}
	for _, tt := range tests {
		var tok titleTokenizer
		tok.normalize(tt.in)
		if tok.open != tt.open {
			t.Errorf("normalize(%q).open = %v, want %v", tt.in, tok.open, tt.open)
		}
	}
}

func TestNormalizeBoundsLongInput(t *testing.T) {
	long := ""
	for range 100 {
		long += "community manager "
	}
	var tok titleTokenizer
	tok.normalize(long)
	if len(tok.spans) > maxTitleTokens {
		t.Errorf("got %d tokens, want at most %d", len(tok.spans), maxTitleTokens)
	}
}
