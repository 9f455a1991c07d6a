package repository

import "time"

// Column helpers shared by the row converters.

// nullText stores an empty string as NULL.
func nullText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// textOf reads NULL as the empty string.
func textOf(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// utcOrNil returns t in UTC, or nil.
func utcOrNil(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// utcPtr returns t in UTC at PostgreSQL's microsecond precision, so that a
// time reads back as it was written on either backend.
func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC().Truncate(time.Microsecond)
	return &u
}

// wellFormedID reports whether id is a UUID in canonical lower-case form.
// Other strings name nothing, and PostgreSQL would refuse them with an error
// rather than find no row.
func wellFormedID(id string) bool {
	if len(id) != 36 {
		return false
	}
	for i, c := range id {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
				return false
			}
		}
	}
	return true
}
