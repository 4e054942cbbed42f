// Package app is Spilno's Fyne GUI: one file per screen, no SQL here. Screens
// reach the store through small interfaces so that tests can use a real
// store on a temp file.
package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
)

// prefLanguage is the key of the interface language in Fyne's preferences:
// the language belongs to the user, not to the database, and is needed
// before any database is open.
const prefLanguage = "language"

// screen is one entry of the navigation list.
type screen interface {
	titleKey() string
	icon() fyne.Resource
	build() fyne.CanvasObject
	// unsaved tells whether leaving the screen would lose typed text.
	unsaved() bool
}

// UI is the main window's content: navigation on the left, a screen on the
// right.
type UI struct {
	app     fyne.App
	win     fyne.Window
	store   *data.Store
	screens []screen
	current int
	nav     *widget.List
	body    *fyne.Container
	root    *fyne.Container

	caseDialog *caseForm // the case dialog on show, if any
}

func newUI(a fyne.App, w fyne.Window, st *data.Store) *UI {
	ui := &UI{app: a, win: w, store: st, body: container.NewStack()}
	ui.makeScreens()
	return ui
}

func (ui *UI) makeScreens() {
	ui.screens = []screen{
		newDashboardScreen(ui),
		newReferralsScreen(ui, ui.store),
		newCasesScreen(ui, ui.store),
		newProtocolScreen(ui, ui.store),
		newCatalogueScreen(ui, ui.store),
		newOrganizationsScreen(ui, ui.store),
		newReportsScreen(ui),
		newSettingsScreen(ui, ui.store),
	}
}

// content builds the whole window content.
func (ui *UI) content() fyne.CanvasObject {
	ui.nav = widget.NewList(
		func() int { return len(ui.screens) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Organizations and more"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(ui.screens[i].icon())
			row.Objects[1].(*widget.Label).SetText(T(ui.screens[i].titleKey()))
		},
	)
	ui.nav.OnSelected = func(i widget.ListItemID) {
		if i == ui.current {
			return
		}
		if !ui.unsaved() {
			ui.show(i)
			return
		}
		// Stay on the screen with typed text until the user says to drop it.
		ui.nav.Select(ui.current)
		ui.confirmDiscard(func() {
			ui.show(i)
			ui.nav.Select(i)
		})
	}
	ui.show(ui.current)
	ui.nav.Select(ui.current)
	split := container.NewHSplit(ui.nav, ui.body)
	split.Offset = 0.18
	ui.root = container.NewStack(split)
	return ui.root
}

// show puts screen i on the right. Screens are built anew each time, so
// that they show the store as it is now.
func (ui *UI) show(i int) {
	ui.current = i
	ui.body.Objects = []fyne.CanvasObject{ui.screens[i].build()}
	ui.body.Refresh()
}

// showScreen selects a screen by its title key (used by dashboard links).
func (ui *UI) showScreen(key string) {
	for i, s := range ui.screens {
		if s.titleKey() == key {
			ui.nav.Select(i)
			return
		}
	}
}

// unsaved tells whether the screen on show holds typed, unsaved text.
func (ui *UI) unsaved() bool {
	return ui.screens[ui.current].unsaved()
}

// rebuild makes every screen anew: after a language change or a restore.
func (ui *UI) rebuild() {
	ui.makeScreens()
	ui.win.SetContent(ui.content())
}

// confirmDiscard asks before typed text is thrown away; then runs discard.
func (ui *UI) confirmDiscard(discard func()) {
	if !ui.unsaved() {
		discard()
		return
	}
	d := dialog.NewCustomConfirm(T("unsaved.title"), T("unsaved.discard"), T("unsaved.keep"),
		widget.NewLabel(T("unsaved.text")), func(ok bool) {
			if ok {
				discard()
			}
		}, ui.win)
	d.Show()
}

// showError shows an error from the store as a sentence, never a panic.
func (ui *UI) showError(err error) {
	showMessage(ui.win, T("error.title"), ErrorMessage(err), nil)
}

// showMessage is an information dialog with a translated OK button.
func showMessage(w fyne.Window, title, text string, onClose func()) {
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, T("button.ok"), label, w)
	d.Resize(fyne.NewSize(480, 0))
	if onClose != nil {
		d.SetOnClosed(onClose)
	}
	d.Show()
}

// confirm asks a yes/no question with translated buttons; onNo may be nil.
func confirm(w fyne.Window, title, text, yes string, onYes, onNo func()) {
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, yes, T("button.cancel"), label, func(ok bool) {
		if ok {
			onYes()
		} else if onNo != nil {
			onNo()
		}
	}, w)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}

// runWithProgress runs work off the UI goroutine behind a progress dialog
// with a Cancel button; done gets work's error on the UI goroutine.
func runWithProgress(w fyne.Window, title string, work func(ctx context.Context) error, done func(error)) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustom(title, T("button.cancel"), bar, w)
	d.SetOnClosed(cancel)
	d.Show()
	go func() {
		err := work(ctx)
		fyne.Do(func() {
			d.SetOnClosed(nil)
			d.Hide()
			cancel()
			done(err)
		})
	}()
}

// saveAs asks where to save a file named name, then calls write with the
// chosen path.
func (ui *UI) saveAs(name string, write func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		write(path)
	}, ui.win)
	d.SetFileName(name)
	d.Show()
}

// export writes a document off the UI goroutine behind a progress bar that
// can be cancelled, then says where it went or what went wrong.
func (ui *UI) export(path string, work func(ctx context.Context) error) {
	runWithProgress(ui.win, T("catalogue.exporting"), work, func(err error) {
		switch {
		case err == context.Canceled:
		case err != nil:
			ui.showError(err)
		default:
			showMessage(ui.win, T("catalogue.exported_title"), T("catalogue.exported", "path", path), nil)
		}
	})
}
