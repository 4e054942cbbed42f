package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
)

// What Ctrl+S, Ctrl+F and Ctrl+N do on a screen, for the screens where
// they mean something.
type (
	// saving screens save the form on show.
	saving interface{ saveKey() }
	// finding screens put the cursor into their search field.
	finding interface{ findKey() }
	// creating screens start a new record, as their New button does.
	creating interface{ newKey() }
)

// ctrl is Ctrl+key (Cmd+key on a Mac).
func ctrl(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

func menuItem(key string, shortcut fyne.Shortcut, action func()) *fyne.MenuItem {
	item := fyne.NewMenuItem(T(key), action)
	item.Shortcut = shortcut
	return item
}

// mainMenu is the window's menu. Its shortcuts reach the window whatever
// has the focus (Fyne runs them before the focused field sees the key),
// which is why the keyboard's shortcuts live here.
func (ui *UI) mainMenu() *fyne.MainMenu {
	quit := menuItem("menu.quit", ctrl(fyne.KeyQ), ui.quit)
	quit.IsQuit = true
	file := fyne.NewMenu(T("menu.file"),
		menuItem("menu.new_referral", nil, ui.newReferral),
		menuItem("menu.new_case", nil, ui.newCase),
		fyne.NewMenuItemSeparator(),
		menuItem("menu.backup", nil, ui.backUpNow),
		menuItem("menu.exports", nil, func() { ui.goTo(place{screen: "nav.reports"}) }),
		fyne.NewMenuItemSeparator(),
		quit)
	edit := fyne.NewMenu(T("menu.edit"),
		menuItem("menu.new_record", ctrl(fyne.KeyN), ui.newRecord),
		menuItem("menu.save", ctrl(fyne.KeyS), ui.saveInFront),
		menuItem("menu.find", ctrl(fyne.KeyF), ui.find))
	var screens []*fyne.MenuItem
	for i, s := range ui.screens {
		var shortcut fyne.Shortcut
		if i < 10 { // Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth
			shortcut = ctrl(fyne.KeyName(strconv.Itoa((i + 1) % 10)))
		}
		screens = append(screens, menuItem(s.titleKey(), shortcut, func() { ui.openScreen(i) }))
	}
	help := fyne.NewMenu(T("menu.help"),
		menuItem("menu.guide", nil, ui.showGuide),
		menuItem("menu.about", nil, ui.showAbout))
	return fyne.NewMainMenu(file, edit, fyne.NewMenu(T("menu.go"), screens...), help)
}

// covered tells whether a dialog is in front: the screen's shortcuts wait.
func (ui *UI) covered() bool { return anyDialog(ui.win.Canvas()) }

func (ui *UI) openScreen(i int) {
	if !ui.covered() && i != ui.current {
		ui.goTo(place{screen: ui.screens[i].titleKey()})
	}
}

// saveInFront saves the dialog in front, or else the screen's form.
func (ui *UI) saveInFront() {
	if keys, ok := inFront(ui.win.Canvas()); ok {
		if keys.save != nil {
			keys.save()
		}
		return
	}
	if s, ok := ui.screens[ui.current].(saving); ok && !ui.covered() {
		s.saveKey()
	}
}

func (ui *UI) find() {
	if s, ok := ui.screens[ui.current].(finding); ok && !ui.covered() {
		s.findKey()
	}
}

func (ui *UI) newRecord() {
	if s, ok := ui.screens[ui.current].(creating); ok && !ui.covered() {
		s.newKey()
	}
}

func (ui *UI) newReferral() {
	if !ui.covered() {
		ui.goTo(place{screen: "nav.referrals", newReferral: &data.Referral{Urgency: data.UrgencyRoutine}})
	}
}

func (ui *UI) newCase() {
	if !ui.covered() {
		ui.goTo(place{screen: "nav.cases", newCase: true})
	}
}

func (ui *UI) backUpNow() {
	if !ui.covered() {
		ui.goTo(place{screen: "nav.settings", backUp: true})
	}
}

// quit closes the window, asking first about unsaved typing.
func (ui *UI) quit() {
	ui.confirmDiscard(func() {
		ui.remember()
		ui.win.Close()
	})
}

// focusSearch puts the cursor into a list screen's search field.
func (ui *UI) focusSearch(search *entry) {
	if search != nil {
		ui.win.Canvas().Focus(search)
	}
}

// tapIfEnabled does what tapping b would: a shortcut never does what the
// button on screen would refuse (saving an approved protocol).
func tapIfEnabled(b *widget.Button) {
	if b != nil && !b.Disabled() && b.OnTapped != nil {
		b.OnTapped()
	}
}

func (s *referralsScreen) saveKey() {
	if s.form != nil {
		s.form.save(false)
	}
}

func (s *referralsScreen) findKey() {
	if s.form == nil && s.detail == nil {
		s.ui.focusSearch(s.search)
	}
}

func (s *referralsScreen) newKey() {
	s.ui.confirmDiscard(func() { s.openForm(data.Referral{Urgency: data.UrgencyRoutine}) })
}

func (s *dashboardScreen) newKey() { s.ui.newReferral() } // the dashboard's work is referrals

func (s *casesScreen) findKey() { s.ui.focusSearch(s.search) }
func (s *casesScreen) newKey()  { s.openNew() }

func (s *catalogueScreen) saveKey() {
	if s.form != nil {
		tapIfEnabled(s.form.saveButton)
	}
}

func (s *catalogueScreen) findKey() {
	if s.form == nil {
		s.ui.focusSearch(s.search)
	}
}

func (s *catalogueScreen) newKey() {
	s.ui.confirmDiscard(func() { s.openForm(data.Service{Status: data.StatusActive}) })
}

func (s *organizationsScreen) saveKey() { tapIfEnabled(s.form.saveButton) }
func (s *organizationsScreen) findKey() { s.ui.focusSearch(s.search) }
func (s *organizationsScreen) newKey()  { s.onNew() }
func (s *protocolScreen) saveKey()      { tapIfEnabled(s.saveButton) }
func (s *settingsScreen) saveKey()      { tapIfEnabled(s.saveButton) }
