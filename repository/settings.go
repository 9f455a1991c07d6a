package repository

import (
	"context"
	"errors"
	"time"
)

type settingRow struct {
	Key       string `gorm:"primaryKey"`
	Value     string
	UpdatedAt time.Time
}

func (settingRow) TableName() string { return "settings" }

// Settings stores small process-wide values. Never secrets: a table is
// copied into backups and replicas.
type Settings struct{ db *DB }

// NewSettings returns the settings store.
func NewSettings(db *DB) *Settings { return &Settings{db: db} }

// ErrSettingNotFound is Get's answer for a key with no value.
var ErrSettingNotFound = errors.New("setting not found")

// Get returns the value stored under key, or ErrSettingNotFound.
func (s *Settings) Get(ctx context.Context, key string) (string, error) {
	var rows []settingRow
	if err := s.db.conn(ctx).Where("key = ?", key).Limit(1).Find(&rows).Error; err != nil {
		return "", translate(err, "setting")
	}
	if len(rows) == 0 {
		return "", ErrSettingNotFound
	}
	return rows[0].Value, nil
}

// Delete removes key; a missing key is not an error.
func (s *Settings) Delete(ctx context.Context, key string) error {
	return translate(s.db.conn(ctx).Where("key = ?", key).Delete(&settingRow{}).Error, "setting")
}
