package repository

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

type settingRow struct {
	Key       string `gorm:"primaryKey"`
	Value     string
	UpdatedAt time.Time
}

func (settingRow) TableName() string { return "settings" }

// Settings stores small process-wide values, such as a generated signing secret.
type Settings struct{ db *DB }

// NewSettings returns the settings store.
func NewSettings(db *DB) *Settings { return &Settings{db: db} }

// GetOrCreate returns the value stored under key, storing create() first when
// there is none. Concurrent callers all get the one value that won.
func (s *Settings) GetOrCreate(ctx context.Context, key string, create func() (string, error)) (string, error) {
	value, err := create()
	if err != nil {
		return "", err
	}
	row := settingRow{Key: key, Value: value, UpdatedAt: time.Now().UTC()}
	if err := s.db.conn(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return "", translate(err, "setting")
	}
	var got settingRow
	if err := s.db.conn(ctx).Where("key = ?", key).Take(&got).Error; err != nil {
		return "", translate(err, "setting")
	}
	return got.Value, nil
}
