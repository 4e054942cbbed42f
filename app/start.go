package app

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/demo"
	"spilno/office"
)

// AppID is the application ID (also in FyneApp.toml).
const AppID = "org.spilno.desk"

// Run opens the Spilno window on the database launch names and returns
// when the window is closed.
func Run(launch office.Launch) {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(appIcon)
	keepFilesUntilWritten()
	SetLanguage(a.Preferences().StringWithFallback(prefLanguage, office.SystemLanguage()))
	w := a.NewWindow("Spilno")
	p := a.Preferences()
	w.Resize(fyne.NewSize(float32(p.FloatWithFallback(prefWidth, 1180)), float32(p.FloatWithFallback(prefHeight, 720))))
	w.SetMaster()
	listenKeys(w)
	a.Lifecycle().SetOnStarted(func() { fitToScreen(w) })
	s := newStarter(a, w)
	s.version = launch.Version
	s.start(launch)
	w.ShowAndRun()
	s.stop(10 * time.Second)
	if s.ui != nil {
		s.ui.store.Close()
	}
}

// start shows what launch asks for, after a warning when the database
// lies in a network or synchronised folder.
func (s *starter) start(launch office.Launch) {
	path := launch.DBPath
	if launch.Demo {
		path = launch.DemoPath
	}
	begin := func() {
		switch {
		case launch.Welcome:
			s.win.SetContent(s.welcome(launch))
		case launch.Missing:
			s.askToCreate(launch.DBPath)
		case launch.Demo:
			s.open(launch.DemoPath, true)
		default:
			s.open(launch.DBPath, false)
		}
	}
	// Off the UI goroutine: asking a dead network share about itself can
	// take as long as the share takes to time out.
	s.win.SetContent(container.NewCenter(widget.NewIcon(appIcon)))
	var place office.Place
	s.run(task{
		work: func(context.Context, func(int, int)) error { place = office.PlaceOf(path); return nil },
		done: func() {
			if place == office.SafePlace {
				begin()
				return
			}
			confirm(s.win, T("error.title"), place.Warning(path)+"\n\n"+T("start.open_anyway_question"), T("start.open_anyway"), begin, s.app.Quit)
		},
	})
}

// starter takes the window from start-up to a working UI.
type starter struct {
	*runner
	app     fyne.App
	ui      *UI
	version string
}

func newStarter(a fyne.App, w fyne.Window) *starter {
	s := &starter{app: a}
	s.runner = newRunner(w, func(err error) { showMessage(w, T("error.title"), office.ErrorMessage(err), nil) })
	return s
}

// welcome is shown once, when no database exists yet.
func (s *starter) welcome(launch office.Launch) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(T("welcome.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	text := widget.NewLabel(T("welcome.text", "path", launch.DBPath))
	text.Wrapping = fyne.TextWrapWord
	text.Alignment = fyne.TextAlignCenter
	empty := widget.NewButtonWithIcon(T("welcome.empty"), theme.DocumentCreateIcon(), func() { s.open(launch.DBPath, false) })
	empty.Importance = widget.HighImportance
	look := widget.NewButtonWithIcon(T("welcome.demo"), theme.VisibilityIcon(), func() { s.open(launch.DemoPath, true) })
	demoNote := widget.NewLabel(T("welcome.demo_note"))
	demoNote.Wrapping = fyne.TextWrapWord
	demoNote.Alignment = fyne.TextAlignCenter
	logo := canvas.NewImageFromResource(appIcon)
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(96, 96))
	box := container.NewVBox(logo, title, text, container.NewCenter(container.NewHBox(empty, look)), demoNote)
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 420), box))
}

// askToCreate asks before making a new database where the user named one
// that does not exist: a mistyped name should not start an empty register.
func (s *starter) askToCreate(path string) {
	s.win.SetContent(container.NewCenter(widget.NewIcon(appIcon)))
	confirm(s.win, "Spilno", T("start.missing", "path", path), T("start.create"), func() { s.open(path, false) }, s.app.Quit)
}

// open opens the database at path off the UI goroutine (a check and,
// after an update, a migration can take a while), writing the demo into
// it when asked and it is new, then shows the main window; or it explains
// why it cannot.
func (s *starter) open(path string, withDemo bool) {
	s.win.SetContent(container.NewCenter(widget.NewIcon(appIcon)))
	var st *data.Store
	s.run(task{title: T("start.opening"),
		work: func(ctx context.Context, _ func(int, int)) error {
			var err error
			st, err = openStore(ctx, path, withDemo)
			return err
		},
		done:   func() { s.started(st, path) },
		failed: s.fail,
	})
}

// openStore opens the database, writing the demo into a new one when asked.
func openStore(ctx context.Context, path string, withDemo bool) (*data.Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, data.FileError("open database", filepath.Dir(path), err)
	}
	st, err := data.Open(path, data.Options{})
	if err != nil {
		return nil, err
	}
	if withDemo {
		if n, err := st.CountOrganizations(ctx); err != nil || n == 0 {
			if err == nil {
				err = demo.Write(ctx, st)
			}
			if err != nil {
				st.Close()
				return nil, err
			}
		}
	}
	return st, nil
}

// started shows the main window on an open store.
func (s *starter) started(st *data.Store, path string) {
	s.ui = newUI(s.app, s.win, st, s.runner)
	s.ui.version = s.version
	s.win.SetTitle("Spilno — " + filepath.Base(path))
	s.win.SetContent(s.ui.content())
	s.win.SetCloseIntercept(s.ui.quit)
	// The check and then the daily backup run beside the user's work: both
	// read a consistent snapshot while the WAL lets writes go on. A damaged
	// file is not backed up, lest its copy push a good backup out.
	s.run(task{lasting: true,
		work: func(ctx context.Context, _ func(int, int)) error {
			if err := st.Check(ctx); err != nil {
				return err
			}
			return st.DailyBackup(ctx)
		},
		done: func() {
			if s.ui.screens[s.ui.current].titleKey() == "nav.dashboard" {
				s.ui.show(s.ui.current, place{}) // its "last backup" line
			}
		},
		failed: func(err error) {
			if data.ErrorCode(err) == data.ECorrupt {
				s.damaged(err)
				return
			}
			s.show(err)
		},
	})
}

// damaged closes a database the check after start-up found damaged, and
// offers its newest good backup as opening it would have.
func (s *starter) damaged(err error) {
	s.enter() // the screens' work ends before the store closes
	s.win.SetCloseIntercept(nil)
	s.ui.store.Close()
	s.ui = nil
	s.fail(err)
}

// fail explains why the database cannot be opened. A corrupt database with
// a good backup is offered a restore; anything else closes Spilno when the
// message is read, having written nothing.
func (s *starter) fail(err error) {
	s.win.SetContent(container.NewCenter(widget.NewIcon(appIcon)))
	e := data.AsError(err)
	if e.Code == data.ECorrupt && e.Backup != "" {
		confirm(s.win, T("error.title"), office.ErrorMessage(err), T("settings.restore"), func() {
			s.run(task{title: T("settings.restoring"),
				work: func(context.Context, func(int, int)) error { return data.RestoreFile(e.Path, e.Backup) },
				done: func() { s.open(e.Path, false) }, failed: s.fail})
		}, s.app.Quit)
		return
	}
	showMessage(s.win, T("error.title"), office.ErrorMessage(err), s.app.Quit)
}

// fitToScreen shrinks the window to the screen it opens on: a size kept
// from a larger screen, or the first size on a 1024×600 netbook, would
// put the window's edge and its buttons out of reach.
func fitToScreen(w fyne.Window) {
	width, height := workArea()
	scale := w.Canvas().Scale()
	if width == 0 || height == 0 || scale <= 0 {
		return
	}
	// Room for the window's title bar and frame, which the size excludes.
	maxW, maxH := float32(width)/scale-16, float32(height)/scale-48
	size := w.Canvas().Size()
	if size.Width > maxW || size.Height > maxH {
		w.Resize(fyne.NewSize(min(size.Width, maxW), min(size.Height, maxH)))
	}
}
