package chart

// Colours. The chart is drawn on colorBackground; every text colour has a
// WCAG 2 contrast ratio of at least 4.5:1 against it and every line colour at
// least 3:1 (radar_test.go checks both).
const (
	colorBackground = "#ffffff"
	colorText       = "#1f2328" // titles, axis labels, legend text
	colorMuted      = "#57606a" // ring numbers
	colorGrid       = "#8c959f" // rings and spokes
	colorDimension  = "#3d4a5c" // dimension arcs and their names
	colorScore      = "#1d4ed8" // the candidate's score: outline, points and score figures
	colorCurrent    = "#c2410c" // expectations of the recommended rung
	colorNext       = "#7e22ce" // expectations of the next rung
)

// scoreFillOpacity tints the area inside the score outline; the outline, not
// the fill, carries the contrast.
const scoreFillOpacity = "0.18"

// textFonts is the font stack of every text. Text widths are estimated with
// Arial metrics (Helvetica and Liberation Sans share them).
const textFonts = "Arial, Helvetica, Liberation Sans, sans-serif"

// lineStyle is how one series is stroked. The three series differ in dash
// pattern and width, not only in colour.
type lineStyle struct {
	color     string
	width     string
	dasharray string // "none" for a solid line
	linecap   string
}

var (
	styleScore   = lineStyle{color: colorScore, width: "2", dasharray: "none", linecap: "butt"}
	styleCurrent = lineStyle{color: colorCurrent, width: "2", dasharray: "7 4", linecap: "butt"}
	// Round caps on near-zero dashes draw dots as wide as the line.
	styleNext = lineStyle{color: colorNext, width: "3", dasharray: "0.1 5.5", linecap: "round"}
)
