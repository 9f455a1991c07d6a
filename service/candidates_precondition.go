package service

import (
	"strconv"

	"github.com/rungs/rungs/domain"
)

// Precondition is a client's If-Match: absent, "*", or a version.
type Precondition struct {
	Present bool
	Any     bool
	// Tags are the candidate versions the client names (a tag this API
	// never issued names none, and so never matches).
	Tags []CandidateTag
}

// CandidateTag is what a candidate's ETag says: which candidate, which version.
type CandidateTag struct {
	ID      string
	Version int
}

// ETag is a candidate version's strong ETag: its id and version, so that a
// profile deleted and made again never matches a tag of the old one.
func (t CandidateTag) ETag() string { return `"` + t.ID + `.` + strconv.Itoa(t.Version) + `"` }

// TagOf is c's current tag.
func TagOf(c domain.Candidate) CandidateTag { return CandidateTag{ID: c.ID, Version: c.Version} }

var errNeedIfMatch = domain.Errorf(domain.ErrPreconditionRequired,
	"Send If-Match with the ETag of the candidate you last read, so that no one else's change is lost.")

var errStale = domain.Errorf(domain.ErrPreconditionFailed,
	"The candidate changed since you read it: read it again, then retry with its new ETag.")

func (p Precondition) check(c domain.Candidate) error {
	if !p.Present {
		return errNeedIfMatch
	}
	if p.Any {
		return nil
	}
	for _, t := range p.Tags {
		if t == TagOf(c) {
			return nil
		}
	}
	return errStale
}
