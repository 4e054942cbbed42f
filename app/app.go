// Package app is Spilno's Fyne GUI: one file per screen, no SQL here.
// Screens reach the store through small interfaces, run every piece of
// work that touches the store or a file through the runner (work.go), and
// share with the headless commands what package office holds.
package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/office"
)

// prefLanguage is the key of the interface language in Fyne's preferences:
// the language belongs to the user, not to the database, and is needed
// before any database is open.
const prefLanguage = "language"

// The window as the user left it, opened so again.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
	prefSplit  = "window.split"  // the navigation's share of the width
	prefScreen = "window.screen" // the title key of the last screen
)

// screen is one entry of the navigation list.
type screen interface {
	titleKey() string
	icon() fyne.Resource
	// build makes the screen anew, opened at a place; it starts loading
	// what it shows and returns at once.
	build(at place) fyne.CanvasObject
	// unsaved tells whether leaving the screen would lose typed text.
	unsaved() bool
}

// place is where a navigation goes: a screen, and what it opens on.
type place struct {
	screen      string               // the screen's title key
	filter      *data.ReferralFilter // Referrals: the register with this filter
	newReferral *data.Referral       // Referrals: a new referral with these details
	newService  string               // Catalogue: a new service of this organization
	newCase     bool                 // Cases: the dialog of a new case
	backUp      bool                 // Settings: back up now
	assessment  int64                // Planning: this assessment, on its plan of measures
}

// UI is the main window's content: navigation on the left, a screen on the
// right.
type UI struct {
	*runner
	app       fyne.App
	store     *data.Store
	files     files
	screens   []screen
	current   int
	nav       *widget.List
	split     *container.Split
	body      *fyne.Container
	selecting bool   // the navigation list is being set by code, not by the user
	version   string // Spilno's version, for About

	caseDialog *caseForm        // the case dialog on show, if any (for tests)
	namedList  *namedListEditor // the list editor last opened (for tests)
}

func newUI(a fyne.App, w fyne.Window, st *data.Store, r *runner) *UI {
	ui := &UI{runner: r, app: a, store: st, body: container.NewStack()}
	ui.files = fileDialogs{win: w, show: ui.showError}
	listenKeys(w)
	ui.makeScreens()
	last := a.Preferences().String(prefScreen)
	for i, s := range ui.screens {
		if s.titleKey() == last {
			ui.current = i
		}
	}
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
		newStatisticsScreen(ui, ui.store),
		newPlanningScreen(ui, ui.store),
		newReportsScreen(ui, ui.store),
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
		if ui.selecting || i == ui.current {
			return
		}
		ui.markNav(ui.current) // until the user agrees to leave
		ui.goTo(place{screen: ui.screens[i].titleKey()})
	}
	ui.show(ui.current, place{})
	ui.markNav(ui.current)
	ui.win.SetMainMenu(ui.mainMenu())
	ui.split = container.NewHSplit(ui.nav, ui.body)
	ui.split.Offset = ui.app.Preferences().FloatWithFallback(prefSplit, 0.18)
	return ui.split
}

// remember keeps the window's size, split and screen for the next start.
func (ui *UI) remember() {
	p := ui.app.Preferences()
	size := ui.win.Canvas().Size()
	p.SetFloat(prefWidth, float64(size.Width))
	p.SetFloat(prefHeight, float64(size.Height))
	if ui.split != nil {
		p.SetFloat(prefSplit, ui.split.Offset)
	}
	p.SetString(prefScreen, ui.screens[ui.current].titleKey())
}

// goTo opens a place, asking first when the screen on show holds unsaved
// typing: dashboard numbers, "new referral for this case" and the like all
// come this way, so that no screen reaches into another.
func (ui *UI) goTo(p place) {
	for i, s := range ui.screens {
		if s.titleKey() == p.screen {
			ui.confirmDiscard(func() {
				ui.show(i, p)
				ui.markNav(i)
			})
			return
		}
	}
}

// markNav selects entry i of the navigation without navigating.
func (ui *UI) markNav(i int) {
	ui.selecting = true
	defer func() { ui.selecting = false }()
	ui.nav.Select(i)
}

// show puts screen i on the right, built anew so that it shows the store
// as it is now; the work the screen before had running is cancelled.
func (ui *UI) show(i int, at place) {
	ui.enter()
	ui.current = i
	ui.body.Objects = []fyne.CanvasObject{ui.screens[i].build(at)}
	ui.body.Refresh()
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
	// Keeping the typing is the highlighted choice: dropping it must be chosen.
	var d dialog.Dialog
	drop := widget.NewButton(T("unsaved.discard"), func() { d.Hide(); discard() })
	keep := &widget.Button{Text: T("unsaved.keep"), Importance: widget.HighImportance, OnTapped: func() { d.Hide() }}
	buttons := []fyne.CanvasObject{layout.NewSpacer(), drop, keep}
	if s, ok := ui.screens[ui.current].(saving); ok {
		// Save, then go on once the save has ended, if it left nothing
		// unsaved; a refused save stays on the form with its problems.
		save := widget.NewButtonWithIcon(T("button.save"), theme.DocumentSaveIcon(), func() {
			d.Hide()
			s.saveKey()
			ui.whenIdle(func() {
				if !ui.unsaved() {
					discard()
				}
			})
		})
		buttons = []fyne.CanvasObject{layout.NewSpacer(), save, drop, keep}
	}
	d = dialog.NewCustomWithoutButtons(T("unsaved.title"), container.NewVBox(widget.NewLabel(T("unsaved.text")),
		container.NewHBox(buttons...)), ui.win)
	showWithKeys(ui.win, d, dialogKeys{cancel: d.Hide, confirm: d.Hide})
}

// showError says what went wrong, as a sentence, never a panic.
func (ui *UI) showError(err error) {
	showMessage(ui.win, T("error.title"), office.ErrorMessage(err), nil)
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
	showWithKeys(w, d, dialogKeys{cancel: d.Hide, confirm: d.Hide})
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
	showConfirm(w, d)
}

// showConfirm shows a yes/no dialog: Enter says yes, Esc cancels.
func showConfirm(w fyne.Window, d *dialog.ConfirmDialog) {
	showWithKeys(w, d, dialogKeys{cancel: d.Hide, confirm: d.Confirm})
}

// heading is a bold line that opens a part of a screen.
func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}
