package repository

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

type loginFailureRow struct {
	PairKey     string `gorm:"primaryKey"`
	AccountKey  string
	Failures    int
	NextAllowed int64
	LastFailure int64
}

func (loginFailureRow) TableName() string { return "login_failures" }

type knownSourceRow struct {
	PairKey     string `gorm:"primaryKey"`
	LastSuccess int64
}

func (knownSourceRow) TableName() string { return "login_known_sources" }

// LoginFailures counts failed logins per account and source address, and
// remembers the pairs that signed in successfully. Times are Unix seconds so
// that both databases compare them as numbers.
type LoginFailures struct{ db *DB }

// NewLoginFailures returns the login failure store.
func NewLoginFailures(db *DB) *LoginFailures { return &LoginFailures{db: db} }

// Begin counts one attempt for the pair unless it must still wait, and sets
// the wait before the next one to delay(failures so far). The check and the
// count are one UPDATE, so concurrent attempts cannot share one turn. A pair
// whose last failure is older than window starts again from one. When
// refused it returns how long the pair must still wait; either way, the
// pair's failures counted so far, this attempt included when allowed.
func (s *LoginFailures) Begin(ctx context.Context, pair, account string, now time.Time, window time.Duration, delay func(failures int) time.Duration) (bool, time.Duration, int, error) {
	conn := s.db.conn(ctx)
	nowS, cut := now.Unix(), now.Add(-window).Unix()
	seed := loginFailureRow{PairKey: pair, AccountKey: account, LastFailure: nowS}
	if err := conn.Clauses(clause.OnConflict{DoNothing: true}).Create(&seed).Error; err != nil {
		return false, 0, 0, translate(err, "login attempt")
	}
	var row loginFailureRow
	if err := conn.Where("pair_key = ?", pair).Take(&row).Error; err != nil {
		return false, 0, 0, translate(err, "login attempt")
	}
	failures := row.Failures
	if row.LastFailure <= cut {
		failures = 0
	} else if row.NextAllowed > nowS {
		return false, time.Duration(row.NextAllowed-nowS) * time.Second, failures, nil
	}
	n := failures + 1
	next := now.Add(delay(n)).Unix()
	// Only the attempt that read this row's state may take the turn.
	res := conn.Exec(`UPDATE login_failures SET failures = ?, next_allowed = ?, last_failure = ?
		WHERE pair_key = ? AND failures = ? AND next_allowed = ? AND last_failure = ?`,
		n, next, nowS, pair, row.Failures, row.NextAllowed, row.LastFailure)
	if res.Error != nil {
		return false, 0, 0, translate(res.Error, "login attempt")
	}
	if res.RowsAffected != 1 {
		// Another attempt took the turn first: this one waits like the next.
		return false, max(time.Second, delay(n)), n, nil
	}
	return true, 0, n, nil
}

// AccountPressure returns how many failures, and from how many distinct
// sources, the account had since the cutoff.
func (s *LoginFailures) AccountPressure(ctx context.Context, account string, since time.Time) (failures, sources int, err error) {
	var row struct {
		Failures int
		Sources  int
	}
	err = s.db.conn(ctx).Raw(`SELECT COALESCE(SUM(failures), 0) AS failures, COUNT(*) AS sources
		FROM login_failures WHERE account_key = ? AND last_failure > ? AND failures > 0`, account, since.Unix()).Scan(&row).Error
	return row.Failures, row.Sources, translate(err, "login attempt")
}

// Succeeded forgets the pair's failures and remembers it as a known source.
func (s *LoginFailures) Succeeded(ctx context.Context, pair string, now time.Time) error {
	conn := s.db.conn(ctx)
	if err := conn.Where("pair_key = ?", pair).Delete(&loginFailureRow{}).Error; err != nil {
		return translate(err, "login attempt")
	}
	row := knownSourceRow{PairKey: pair, LastSuccess: now.Unix()}
	return translate(conn.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "pair_key"}},
		DoUpdates: clause.AssignmentColumns([]string{"last_success"}),
	}).Create(&row).Error, "login source")
}

// Known reports whether the pair signed in successfully since the cutoff.
func (s *LoginFailures) Known(ctx context.Context, pair string, since time.Time) (bool, error) {
	var n int64
	err := s.db.conn(ctx).Model(&knownSourceRow{}).Where("pair_key = ? AND last_success > ?", pair, since.Unix()).Count(&n).Error
	return n > 0, translate(err, "login source")
}

// Prune deletes failures older than failuresBefore and known sources older
// than knownBefore; attempts on unknown emails would otherwise stay forever.
func (s *LoginFailures) Prune(ctx context.Context, failuresBefore, knownBefore time.Time) error {
	conn := s.db.conn(ctx)
	if err := conn.Where("last_failure < ?", failuresBefore.Unix()).Delete(&loginFailureRow{}).Error; err != nil {
		return translate(err, "login attempt")
	}
	return translate(conn.Where("last_success < ?", knownBefore.Unix()).Delete(&knownSourceRow{}).Error, "login source")
}
