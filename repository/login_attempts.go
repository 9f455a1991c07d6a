package repository

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

type loginAttemptRow struct {
	AccountKey  string `gorm:"primaryKey"`
	Attempts    int
	WindowStart int64
}

func (loginAttemptRow) TableName() string { return "login_attempts" }

// LoginAttempts counts login attempts per account in fixed windows. Window
// starts are Unix seconds so that both databases compare them as numbers.
type LoginAttempts struct{ db *DB }

// NewLoginAttempts returns the login attempt store.
func NewLoginAttempts(db *DB) *LoginAttempts { return &LoginAttempts{db: db} }

// Begin counts one attempt for key unless max attempts are already counted
// in the current window; a window older than window restarts at now. The
// check and the count are one UPDATE, so concurrent attempts cannot both
// take the last one. When refused it returns how long the window still runs.
func (s *LoginAttempts) Begin(ctx context.Context, key string, now time.Time, window time.Duration, max int) (bool, time.Duration, error) {
	conn := s.db.conn(ctx)
	nowS := now.Unix()
	cut := now.Add(-window).Unix()
	seed := loginAttemptRow{AccountKey: key, Attempts: 0, WindowStart: nowS}
	if err := conn.Clauses(clause.OnConflict{DoNothing: true}).Create(&seed).Error; err != nil {
		return false, 0, translate(err, "login attempt")
	}
	res := conn.Exec(`UPDATE login_attempts
		SET attempts = CASE WHEN window_start <= ? THEN 1 ELSE attempts + 1 END,
		    window_start = CASE WHEN window_start <= ? THEN ? ELSE window_start END
		WHERE account_key = ? AND (window_start <= ? OR attempts < ?)`,
		cut, cut, nowS, key, cut, max)
	if res.Error != nil {
		return false, 0, translate(res.Error, "login attempt")
	}
	if res.RowsAffected == 1 {
		return true, 0, nil
	}
	var row loginAttemptRow
	if err := conn.Where("account_key = ?", key).Take(&row).Error; err != nil {
		return false, 0, translate(err, "login attempt")
	}
	wait := time.Unix(row.WindowStart, 0).Add(window).Sub(now)
	return false, max0(wait), nil
}

// Clear forgets key's attempts.
func (s *LoginAttempts) Clear(ctx context.Context, key string) error {
	return translate(s.db.conn(ctx).Where("account_key = ?", key).Delete(&loginAttemptRow{}).Error, "login attempt")
}

// Prune deletes windows that ended before cutoff; attempts on unknown
// emails would otherwise stay forever.
func (s *LoginAttempts) Prune(ctx context.Context, cutoff time.Time) (int64, error) {
	res := s.db.conn(ctx).Where("window_start < ?", cutoff.Unix()).Delete(&loginAttemptRow{})
	return res.RowsAffected, translate(res.Error, "login attempt")
}

func max0(d time.Duration) time.Duration {
	if d < time.Second {
		return time.Second
	}
	return d
}
