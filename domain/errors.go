// Package domain holds Rungs' entities, their rules and the scoring engine.
// It imports the standard library only.
package domain

import (
	"errors"
	"fmt"
)

// Error categories. Concrete errors wrap one of these so that errors.Is works
// across layers and the API maps each category to one HTTP status.
var (
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("conflict")
	ErrInvalid      = errors.New("invalid")
	ErrUnauthorized = errors.New("unauthorized")
	ErrForbidden    = errors.New("forbidden")
	ErrRateLimited  = errors.New("rate limited")
	ErrUnavailable  = errors.New("unavailable")
	// ErrPreconditionRequired: a change to an existing resource came without If-Match.
	ErrPreconditionRequired = errors.New("precondition required")
	// ErrPreconditionFailed: If-Match names a version that is no longer current.
	ErrPreconditionFailed = errors.New("precondition failed")
)

// FieldError names one input field (by its JSON path) and the rule it broke.
type FieldError struct {
	Field   string `json:"field"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
	// Value is the offending value when echoing it helps the caller (a slug, not a secret).
	Value string `json:"value,omitempty"`
	// Suggestions lists close alternatives, e.g. background slugs for an unmatched title.
	Suggestions []string `json:"suggestions,omitempty"`
	// Scores are how well each suggestion matched, 0..1, in the same order.
	Scores []float64 `json:"scores,omitempty"`
}

// ValidationError is an ErrInvalid carrying every problem found at once.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	if len(e.Fields) == 1 {
		return fmt.Sprintf("invalid %s: %s", e.Fields[0].Field, e.Fields[0].Message)
	}
	return fmt.Sprintf("%d invalid fields", len(e.Fields))
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// Add records one problem.
func (e *ValidationError) Add(field, rule, message string) {
	e.Fields = append(e.Fields, FieldError{Field: field, Rule: rule, Message: message})
}

// AddValue records one problem with the offending value (never a secret).
func (e *ValidationError) AddValue(field, rule, message, value string) {
	e.Fields = append(e.Fields, FieldError{Field: field, Rule: rule, Message: message, Value: value})
}

// OrNil returns e when it holds problems and nil otherwise.
func (e *ValidationError) OrNil() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Errorf wraps a category with a message safe to show to clients.
func Errorf(category error, format string, args ...any) error {
	return &categorized{category: category, msg: fmt.Sprintf(format, args...)}
}

type categorized struct {
	category error
	msg      string
}

func (e *categorized) Error() string { return e.msg }
func (e *categorized) Unwrap() error { return e.category }

// RetryAfterError is an error that tells the client when to try again.
type RetryAfterError struct {
	Category error
	Msg      string
	Seconds  int
}

func (e *RetryAfterError) Error() string { return e.Msg }
func (e *RetryAfterError) Unwrap() error { return e.Category }
