package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// laterScreen stands for a screen that a later version brings; it says so
// in one honest line rather than showing made-up content.
type laterScreen struct {
	key string
	res fyne.Resource
}

func (s laterScreen) titleKey() string    { return s.key }
func (s laterScreen) icon() fyne.Resource { return s.res }
func (s laterScreen) unsaved() bool       { return false }

func (s laterScreen) build() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(T(s.key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(title, widget.NewLabel(T("later.text")))
}
