package app

import (
	"fyne.io/fyne/v2"

	"spilno/assets"
)

// appIcon is the window and application icon.
var appIcon = fyne.NewStaticResource("spilno.svg", assets.IconSVG)
