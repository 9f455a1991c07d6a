package repository

import (
	"context"
	"errors"
	"strings"

	"gorm.io/gorm"

	"github.com/rungs/rungs/domain"
)

// translate maps driver errors to domain categories; what stays unclassified
// reaches the API as a 500 without its text.
func translate(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return domain.Errorf(domain.ErrNotFound, "%s not found", what)
	case errors.Is(err, gorm.ErrDuplicatedKey), isUniqueViolation(err):
		return domain.Errorf(domain.ErrConflict, "%s already exists", what)
	case errors.Is(err, gorm.ErrForeignKeyViolated), isForeignKeyViolation(err):
		// What it refers to was deleted meanwhile (a candidate erased while
		// an assessment of it was being made).
		return domain.Errorf(domain.ErrNotFound, "what the %s refers to no longer exists", what)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case isBusy(err):
		return &domain.RetryAfterError{Category: domain.ErrUnavailable, Msg: "the database is busy; try again", Seconds: 1}
	}
	return err
}

func isUniqueViolation(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}

func isForeignKeyViolation(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "FOREIGN KEY constraint failed") || strings.Contains(msg, "SQLSTATE 23503")
}

func isBusy(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked")
}
