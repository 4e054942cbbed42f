// Package assets holds the files Spilno carries inside its binary: the icon
// now, and fonts and classifier data as the reports and catalogue need them.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.svg
var iconSVG []byte

// Icon is the application and window icon.
var Icon = fyne.NewStaticResource("spilno.svg", iconSVG)
