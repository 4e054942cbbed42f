package app

import (
	"context"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/demo"
)

// AppID is the application ID (also in FyneApp.toml).
const AppID = "org.spilno.desk"

// Config says which database the window opens.
type Config struct {
	DBPath   string // the database to open
	DemoPath string // where the demo database lives
	Demo     bool   // open the demo database, writing it when new
	Welcome  bool   // no database yet: offer to start empty or with the demo
}

// Run opens the Spilno window and returns when it is closed.
func Run(cfg Config) {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(appIcon)
	SetLanguage(a.Preferences().StringWithFallback(prefLanguage, SystemLanguage()))
	w := a.NewWindow("Spilno")
	w.Resize(fyne.NewSize(1180, 760))
	w.SetMaster()
	s := &starter{app: a, win: w}
	if cfg.Welcome {
		w.SetContent(s.welcome(cfg))
	} else if cfg.Demo {
		s.open(cfg.DemoPath, true)
	} else {
		s.open(cfg.DBPath, false)
	}
	w.ShowAndRun()
	if s.ui != nil {
		s.ui.store.Close()
	}
}

// starter takes the window from start-up to a working UI.
type starter struct {
	app fyne.App
	win fyne.Window
	ui  *UI
}

// welcome is shown once, when no database exists yet.
func (s *starter) welcome(cfg Config) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(T("welcome.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	text := widget.NewLabel(T("welcome.text", "path", cfg.DBPath))
	text.Wrapping = fyne.TextWrapWord
	text.Alignment = fyne.TextAlignCenter
	empty := widget.NewButtonWithIcon(T("welcome.empty"), theme.DocumentCreateIcon(), func() { s.open(cfg.DBPath, false) })
	empty.Importance = widget.HighImportance
	look := widget.NewButtonWithIcon(T("welcome.demo"), theme.VisibilityIcon(), func() { s.open(cfg.DemoPath, true) })
	demoNote := widget.NewLabel(T("welcome.demo_note"))
	demoNote.Wrapping = fyne.TextWrapWord
	demoNote.Alignment = fyne.TextAlignCenter
	logo := canvas.NewImageFromResource(appIcon)
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(96, 96))
	box := container.NewVBox(logo, title, text, container.NewCenter(container.NewHBox(empty, look)), demoNote)
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 420), box))
}

// open opens the database at path (writing the demo into it when asked and
// it is new) and shows the main window, or explains why it cannot.
func (s *starter) open(path string, withDemo bool) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		s.fail(err)
		return
	}
	st, err := data.Open(path, data.Options{})
	if err != nil {
		s.fail(err)
		return
	}
	if withDemo {
		if orgs, err := st.Organizations(context.Background(), ""); err == nil && len(orgs) == 0 {
			if err := demo.Write(context.Background(), st); err != nil {
				st.Close()
				s.fail(err)
				return
			}
		}
	}
	s.ui = newUI(s.app, s.win, st)
	s.win.SetTitle("Spilno — " + filepath.Base(path))
	s.win.SetContent(s.ui.content())
	s.win.SetCloseIntercept(func() {
		s.ui.confirmDiscard(s.win.Close)
	})
	// The daily backup runs beside the user's work: VACUUM INTO reads a
	// consistent snapshot while the WAL lets writes go on.
	go func() {
		if err := st.DailyBackup(context.Background()); err != nil {
			fyne.Do(func() { s.ui.showError(err) })
		}
	}()
}

// fail explains why the database cannot be opened. A corrupt database with
// a good backup is offered a restore; anything else closes Spilno when the
// message is read, having written nothing.
func (s *starter) fail(err error) {
	s.win.SetContent(container.NewCenter(widget.NewIcon(appIcon)))
	e := data.AsError(err)
	if e.Code == data.ECorrupt && e.Backup != "" {
		confirm(s.win, T("error.title"), ErrorMessage(err), T("settings.restore"), func() {
			if err := data.RestoreFile(e.Path, e.Backup); err != nil {
				s.fail(err)
				return
			}
			s.open(e.Path, false)
		}, s.app.Quit)
		return
	}
	showMessage(s.win, T("error.title"), ErrorMessage(err), s.app.Quit)
}
