package repository

import "time"

// Row structs for the framework tables (migration 00002). JSON columns are
// carried as strings and converted in framework_convert.go.

type frameworkRow struct {
	ID          int64 `gorm:"primaryKey"`
	Slug        string
	Version     string
	VersionKey  string
	Status      string
	Title       string
	Description string
	Dimensions  string
	Scoring     string
	PublishedAt *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func (frameworkRow) TableName() string { return "frameworks" }

type competencyRow struct {
	FrameworkID int64  `gorm:"primaryKey;autoIncrement:false"`
	Slug        string `gorm:"primaryKey"`
	Position    int
	Name        string
	Dimension   string
	Weight      float64
	Description string
	Anchors     string
}

func (competencyRow) TableName() string { return "framework_competencies" }

type levelRow struct {
	FrameworkID        int64  `gorm:"primaryKey;autoIncrement:false"`
	Slug               string `gorm:"primaryKey"`
	Position           int
	Rank               int
	Title              string
	Summary            string
	Scope              string
	TypicalDepartments string
}

func (levelRow) TableName() string { return "framework_levels" }

type expectationRow struct {
	FrameworkID    int64  `gorm:"primaryKey;autoIncrement:false"`
	LevelSlug      string `gorm:"primaryKey"`
	CompetencySlug string `gorm:"primaryKey"`
	Position       int
	MinProficiency int
	Kind           string
	Importance     float64
}

func (expectationRow) TableName() string { return "framework_expectations" }

type backgroundRow struct {
	FrameworkID     int64  `gorm:"primaryKey;autoIncrement:false"`
	Slug            string `gorm:"primaryKey"`
	Position        int
	Title           string
	Aliases         string
	CommunityServed string
	OnetSOC         *string `gorm:"column:onet_soc"`
	ISCO08          *string `gorm:"column:isco08"`
	Summary         string
}

func (backgroundRow) TableName() string { return "framework_backgrounds" }

type evidenceRow struct {
	FrameworkID    int64  `gorm:"primaryKey;autoIncrement:false"`
	BackgroundSlug string `gorm:"primaryKey"`
	CompetencySlug string `gorm:"primaryKey"`
	Position       int
	Proficiency    int
	Rationale      string
}

func (evidenceRow) TableName() string { return "framework_evidence" }

type actionRow struct {
	FrameworkID    int64 `gorm:"primaryKey;autoIncrement:false"`
	Position       int   `gorm:"primaryKey;autoIncrement:false"`
	CompetencySlug string
	Kind           string
	Title          string
	Detail         string
}

func (actionRow) TableName() string { return "framework_actions" }

// frameworkParts is every part row of one framework version.
type frameworkParts struct {
	competencies []competencyRow
	levels       []levelRow
	expectations []expectationRow
	backgrounds  []backgroundRow
	evidence     []evidenceRow
	actions      []actionRow
}
