package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/storage/repository"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/office"
)

// files chooses the files the user saves documents to and imports from.
// The window asks with Fyne's file dialogs; tests put a chooser of their own.
type files interface {
	// save asks where to save a document named name; then gets the path.
	save(name string, then func(path string))
	// open asks for a file to import; then gets its path.
	open(exts []string, then func(path string))
}

// fileDialogs are Fyne's file dialogs in the window.
type fileDialogs struct {
	win  fyne.Window
	show func(error)
}

func (f fileDialogs) save(name string, then func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			f.show(data.FileError("choose a file", "", err))
			return
		}
		if w == nil {
			return // the user cancelled
		}
		path := w.URI().Path()
		w.Close() // nothing was written: see untouchedUntilWritten
		then(path)
	}, f.win)
	d.SetFileName(name)
	showWithKeys(f.win, d, dialogKeys{cancel: d.Hide})
}

// tables are the files Spilno reads tables from.
var tables = []string{".csv", ".xlsx", ".xlsm", ".txt"}

// open asks for a file with one of the endings exts.
func (f fileDialogs) open(exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			f.show(data.FileError("choose a file", "", err))
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close() // the file is read off the UI goroutine, by path
		then(path)
	}, f.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	showWithKeys(f.win, d, dialogKeys{cancel: d.Hide})
}

// exportTo asks where to save a document, then writes it as long work
// and says where it went or what went wrong. A name typed without the
// document's ending gets it, asking before it replaces a file so named.
func (ui *UI) exportTo(name string, write func(ctx context.Context, doc office.Document) error) {
	ui.exportWith(name, "", write)
}

// exportWith is exportTo for a document protected with password ("" for
// none).
func (ui *UI) exportWith(name, password string, write func(ctx context.Context, doc office.Document) error) {
	ext := filepath.Ext(name)
	ui.files.save(name, func(path string) {
		if strings.EqualFold(filepath.Ext(path), ext) {
			ui.writeDocument(path, password, write)
			return
		}
		path += ext
		if _, err := os.Stat(path); err != nil {
			ui.writeDocument(path, password, write)
			return
		}
		confirm(ui.win, T("common.replace_title"), T("common.replace_text", "file", filepath.Base(path), "folder", filepath.Dir(path)),
			T("common.replace"), func() { ui.writeDocument(path, password, write) }, nil)
	})
}

// writeDocument writes a document to path as long work.
func (ui *UI) writeDocument(path, password string, write func(ctx context.Context, doc office.Document) error) {
	lang := Language()
	ui.run(task{title: T("common.exporting"),
		work: func(ctx context.Context, progress func(int, int)) error {
			return write(ctx, office.Document{Path: path, Lang: lang, Progress: progress, Password: password})
		},
		done: func() {
			text := T("common.exported", "folder", filepath.Dir(path), "file", filepath.Base(path))
			if password != "" {
				text += "\n" + T("protect.done")
			}
			showMessage(ui.win, T("common.exported_title"), text, nil)
		},
	})
}

// readFile reads a chosen file off the UI goroutine, as part of an import.
func readFile(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, data.FileError("read file", path, err)
	}
	return f, nil
}

// untouchedUntilWritten keeps Fyne's save dialog from emptying a file the
// user chose to overwrite before anything is written to it: Fyne opens
// (and so truncates) the file as the dialog closes, but Spilno writes each
// document beside it and renames it into place only once it is whole, so
// that a failed or cancelled export leaves the old file as it was.
type untouchedUntilWritten struct{ fileRepository }

type fileRepository interface {
	repository.AppendableRepository
	repository.ListableRepository
	repository.HierarchicalRepository
	repository.CopyableRepository
	repository.MovableRepository
}

// keepFilesUntilWritten wraps the repository of file: URIs.
func keepFilesUntilWritten() {
	r, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if files, ok := r.(fileRepository); ok {
		repository.Register("file", untouchedUntilWritten{files})
	}
}

func (r untouchedUntilWritten) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	return &lazyWriter{uri: u, open: r.fileRepository.Writer}, nil
}

// lazyWriter opens its file on the first write.
type lazyWriter struct {
	uri  fyne.URI
	open func(fyne.URI) (fyne.URIWriteCloser, error)
	w    fyne.URIWriteCloser
}

func (l *lazyWriter) URI() fyne.URI { return l.uri }

func (l *lazyWriter) Write(p []byte) (int, error) {
	if l.w == nil {
		w, err := l.open(l.uri)
		if err != nil {
			return 0, err
		}
		l.w = w
	}
	return l.w.Write(p)
}

func (l *lazyWriter) Close() error {
	if l.w == nil {
		return nil
	}
	return l.w.Close()
}

// exportProtected asks whether a document of personal data is to be
// protected with a password, then exports it as exportTo does. The
// password goes into the file's encryption only; Spilno keeps no copy.
func (ui *UI) exportProtected(name string, write func(ctx context.Context, doc office.Document) error) {
	password, repeat := newPasswordEntry(), newPasswordEntry()
	fields := []*field{newField("password", password), newField("password_repeat", repeat)}
	text := widget.NewLabel(T("protect.text"))
	text.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	export := func(pw string) {
		d.Hide()
		ui.exportWith(name, pw, write)
	}
	check := func() bool {
		problems := data.AsError(office.CheckPassword(password.Text, repeat.Text)).Fields
		for _, f := range fields {
			f.setProblem(problemsFor(problems, f.key))
		}
		return len(problems) == 0
	}
	asked := false // problems show once the user has asked to protect, then follow the typing
	protect := &widget.Button{Text: T("protect.yes"), Importance: widget.HighImportance, OnTapped: func() {
		asked = true
		if check() {
			export(password.Text)
		}
	}}
	for _, e := range []*entry{password, repeat} {
		e.OnChanged = func(string) {
			if asked {
				check()
			}
		}
		e.OnSubmitted = func(string) { protect.OnTapped() }
	}
	buttons := container.NewHBox(layout.NewSpacer(), widget.NewButton(T("button.cancel"), func() { d.Hide() }),
		widget.NewButton(T("protect.none"), func() { export("") }), protect)
	d = dialog.NewCustomWithoutButtons(T("protect.title"), container.NewVBox(text, formGrid(fields...), buttons), ui.win)
	d.Resize(fyne.NewSize(560, 0))
	showWithKeys(ui.win, d, dialogKeys{cancel: d.Hide, confirm: protect.OnTapped})
}
