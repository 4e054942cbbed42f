package app

import (
	"spilno/demo"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// press runs the main menu's item of Ctrl+key, as the window does for the
// shortcut whatever has the focus; it fails when no item has it.
func (tu *testUI) press(key fyne.KeyName) {
	tu.t.Helper()
	want := ctrl(key).ShortcutName()
	for _, m := range tu.win.MainMenu().Items {
		for _, item := range m.Items {
			if item.Shortcut != nil && item.Shortcut.ShortcutName() == want {
				item.Action()
				tu.settle()
				return
			}
		}
	}
	tu.t.Fatalf("no menu item has %s", want)
}

// key types a key into what has the focus, or the window when nothing has.
func (tu *testUI) key(name fyne.KeyName) {
	c := tu.win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
	} else {
		c.OnTypedKey()(&fyne.KeyEvent{Name: name})
	}
	tu.settle()
}

func TestEscClosesTheDialogInFrontAndTheCaseIsNotSaved(t *testing.T) {
	_, ui := openScreen[*casesScreen](t, "uk", "nav.cases", noDemo)
	ui.press(fyne.KeyN)
	f := lastCaseDialog(t, ui)
	ui.win.Canvas().Focus(f.subject)
	ui.typeText(f.subject, "Клавіатурний випадок")
	ui.key(fyne.KeyEscape)
	if ui.caseDialog != nil || ui.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Esc in the case dialog left it open")
	}
	if list, _ := ui.store.Cases(ctx, "Клавіатурний", 10); len(list) != 0 {
		t.Fatalf("Esc saved the case: %+v", list)
	}
}

func TestCtrlSSavesTheDialogInFrontAndEnterToo(t *testing.T) {
	_, ui := openScreen[*casesScreen](t, "en", "nav.cases", noDemo)
	for i, save := range []func(){func() { ui.press(fyne.KeyS) }, func() { ui.key(fyne.KeyReturn) }} {
		ui.press(fyne.KeyN)
		f := lastCaseDialog(t, ui)
		ui.win.Canvas().Focus(f.subject)
		subject := []string{"Saved with Ctrl S", "Saved with Enter"}[i]
		ui.typeText(f.subject, subject)
		save()
		if list, _ := ui.store.Cases(ctx, subject, 10); len(list) != 1 {
			t.Fatalf("%q: the case was not saved: %+v", subject, list)
		}
		if ui.win.Canvas().Overlays().Top() != nil {
			t.Fatalf("%q: the dialog stayed open after saving", subject)
		}
	}
}

func TestEnterClosesAMessageAndEscAnswersNo(t *testing.T) {
	ui := newTestUI(t, "pl")
	ui.win.SetContent(ui.content())
	showMessage(ui.win, "Tytuł", "Wiadomość", nil)
	ui.key(fyne.KeyReturn)
	if ui.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter left the message open")
	}
	answer := ""
	confirm(ui.win, "Usunąć?", "Na pewno?", "Usuń", func() { answer = "yes" }, func() { answer = "no" })
	ui.key(fyne.KeyEscape)
	if answer != "no" || ui.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("Esc on a question: answer %q", answer)
	}
}

func TestCtrlFFocusesTheSearchAndCtrlNStartsANewReferral(t *testing.T) {
	s, ui := openScreen[*referralsScreen](t, "uk", "nav.referrals", 0)
	ui.press(fyne.KeyF)
	if ui.win.Canvas().Focused() != s.search {
		t.Fatalf("Ctrl+F focused %v, not the search", ui.win.Canvas().Focused())
	}
	ui.press(fyne.KeyN)
	if s.form == nil {
		t.Fatal("Ctrl+N did not open a new referral")
	}
	ui.wantText(T("referrals.new"))
}

func TestCtrlDigitOpensTheScreensInNavigationOrderButNotUnderADialog(t *testing.T) {
	ui := newTestUI(t, "en")
	ui.win.SetContent(ui.content())
	ui.press("3")
	if got := ui.screens[ui.current].titleKey(); got != ui.screens[2].titleKey() {
		t.Fatalf("Ctrl+3 opened %s", got)
	}
	showMessage(ui.win, "t", "m", nil)
	ui.press("1")
	if ui.current != 2 {
		t.Fatal("Ctrl+1 changed the screen under a dialog")
	}
}

func TestTabLeavesMultiLineFields(t *testing.T) {
	e := newMultiLineEntry()
	if e.AcceptsTab() {
		t.Fatal("a multi-line field keeps Tab: the next field's text would land in it")
	}
}

func TestMenuHasTheUsualPlacesInTheUsersLanguage(t *testing.T) {
	ui := newTestUI(t, "uk")
	ui.win.SetContent(ui.content())
	var titles []string
	for _, m := range ui.win.MainMenu().Items {
		titles = append(titles, m.Label)
	}
	want := []string{"Файл", "Правка", "Перейти", "Довідка"}
	if len(titles) != len(want) {
		t.Fatalf("menus %v", titles)
	}
	for i := range want {
		if titles[i] != want[i] {
			t.Fatalf("menus %v, want %v", titles, want)
		}
	}
	ui.showAbout()
	ui.wantText(ui.store.Path())
	ui.wantText("SIL Open Font License")
}

func TestTheWindowOpensAsTheUserLeftIt(t *testing.T) {
	ui := newTestUI(t, "en")
	ui.win.SetContent(ui.content())
	ui.open("nav.catalogue")
	ui.split.Offset = 0.25
	ui.remember() // as Quit and closing the window do
	again := newUI(ui.app, ui.win, ui.store, ui.runner)
	again.content()
	if got := again.screens[again.current].titleKey(); got != "nav.catalogue" {
		t.Fatalf("opened on %s, not the last screen", got)
	}
	if again.split.Offset != 0.25 {
		t.Fatalf("split %v", again.split.Offset)
	}
	if w := ui.app.Preferences().Float(prefWidth); w != float64(ui.win.Canvas().Size().Width) || w == 0 {
		t.Fatalf("width kept %v", w)
	}
}

// smallScreen is what a 1024×600 screen leaves for the window's content
// once the frame, the title bar and the task bar have their share.
var smallScreen = fyne.NewSize(1008, 520)

func TestEveryScreenAndFormFitsASmallScreen(t *testing.T) {
	for _, lang := range []string{"uk", "pl"} {
		ui := newTestUI(t, lang)
		ui.app.Settings().SetTheme(theme.DefaultTheme()) // the window's sizes, not the test theme's
		if err := demo.WriteWith(ctx, ui.store, 0); err != nil {
			t.Fatal(err)
		}
		ui.win.SetContent(ui.content())
		fits := func(what string) {
			t.Helper()
			ui.settle()
			if got := ui.win.Content().MinSize(); got.Width > smallScreen.Width || got.Height > smallScreen.Height {
				t.Errorf("%s: %s needs %v", lang, what, got)
			}
		}
		for i, s := range ui.screens {
			ui.open(s.titleKey())
			fits(s.titleKey())
			if _, ok := s.(creating); ok && i > 0 { // the new-record form or dialog
				ui.press(fyne.KeyN)
				fits(s.titleKey() + " + Ctrl+N")
				if top := ui.win.Canvas().Overlays().Top(); top != nil {
					if got := top.MinSize(); got.Width > smallScreen.Width || got.Height > smallScreen.Height {
						t.Errorf("%s: the dialog of %s needs %v", lang, s.titleKey(), got)
					}
					ui.key(fyne.KeyEscape)
				}
			}
		}
	}
}
