package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/demo"
)

var ctx = context.Background()

// testUI is a UI on a real store in a temp file, in a test window. Its
// background work hands results to the test goroutine, as fyne.Do hands
// them to the UI goroutine in the window: settle runs them.
type testUI struct {
	*UI
	t     *testing.T
	queue chan func()
	files *testFiles
}

// newTestUI gives a UI in the given language on an empty database.
func newTestUI(t *testing.T, language string) *testUI {
	t.Helper()
	a := test.NewTempApp(t)
	SetLanguage(language)
	t.Cleanup(func() { SetLanguage("en") })
	st, err := data.Open(filepath.Join(t.TempDir(), "spilno.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1200, 800))
	tu := &testUI{t: t, queue: make(chan func(), 100000), files: &testFiles{dir: t.TempDir()}}
	r := newRunner(w, nil)
	r.do = func(f func()) { tu.queue <- f }
	tu.UI = newUI(a, w, st, r)
	r.show = tu.UI.showError
	tu.UI.files = tu.files
	t.Cleanup(func() {
		tu.leave()
		tu.settle() // no work may outlive the store it reads
		st.Close()
		w.Close()
	})
	return tu
}

// settle runs background work to its end: it waits for every task and
// applies each result on the test goroutine, as the window would.
func (tu *testUI) settle() {
	tu.t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case f := <-tu.queue:
			f()
			continue
		default:
		}
		if tu.pending.Load() == 0 {
			return
		}
		select {
		case f := <-tu.queue:
			f()
		case <-deadline:
			tu.t.Fatalf("background work did not finish in a minute (%d tasks left)", tu.pending.Load())
		}
	}
}

// pumpUntil applies background results, as the window would, until done
// says so, while other work may still be running.
func (tu *testUI) pumpUntil(done func() bool) {
	tu.t.Helper()
	deadline := time.After(30 * time.Second)
	for !done() {
		select {
		case f := <-tu.queue:
			f()
		case <-deadline:
			tu.t.Fatalf("what the test waits for did not come:\n%s", tu.textsNow())
		}
	}
}

// noDemo asks openScreen for an empty database.
const noDemo = -1

// openScreen shows the screen of type S (by its title key) in a test
// window on a temp store; unless referrals is noDemo, the demo community
// with that many referrals is written first.
func openScreen[S screen](t *testing.T, language, key string, referrals int) (S, *testUI) {
	t.Helper()
	ui := newTestUI(t, language)
	if referrals != noDemo {
		if err := demo.WriteWith(ctx, ui.store, referrals); err != nil {
			t.Fatal(err)
		}
	}
	ui.win.SetContent(ui.content())
	ui.open(key)
	return ui.screens[ui.current].(S), ui
}

// open goes to a screen as a click in the navigation does, and lets it load.
func (tu *testUI) open(key string) {
	tu.t.Helper()
	tu.settle()
	for i, s := range tu.screens {
		if s.titleKey() == key {
			tu.nav.Select(i)
		}
	}
	tu.settle()
}

// demoIf is the referrals to write for a test that wants the demo or not.
func demoIf(withDemo bool) int {
	if withDemo {
		return demo.DefaultReferrals
	}
	return noDemo
}

// texts collects every text the user can see in the window, dialogs
// included, once the background work has ended.
func (tu *testUI) texts() string {
	tu.settle()
	return tu.textsNow()
}

// textsNow is what the window shows while work may still run.
func (tu *testUI) textsNow() string {
	var out []string
	objs := []fyne.CanvasObject{tu.win.Canvas().Content()}
	objs = append(objs, tu.win.Canvas().Overlays().List()...)
	for _, root := range objs {
		for _, o := range test.LaidOutObjects(root) {
			if !o.Visible() {
				continue
			}
			switch v := o.(type) {
			case *canvas.Text:
				out = append(out, v.Text)
			case *widget.Label:
				out = append(out, v.Text)
			case *tableCell:
				out = append(out, v.Text)
			case *widget.RichText:
				out = append(out, v.String())
			}
		}
	}
	return strings.Join(out, "\n")
}

// button finds the visible button with the given text, topmost first.
func (tu *testUI) button(text string) *widget.Button {
	tu.t.Helper()
	tu.settle()
	return tu.buttonNow(text)
}

// buttonNow finds a button while work may still run.
func (tu *testUI) buttonNow(text string) *widget.Button {
	tu.t.Helper()
	overlays := tu.win.Canvas().Overlays().List()
	roots := []fyne.CanvasObject{tu.win.Canvas().Content()}
	for i := range overlays {
		roots = append(roots, overlays[i])
	}
	for i := len(roots) - 1; i >= 0; i-- {
		for _, o := range test.LaidOutObjects(roots[i]) {
			if b, ok := o.(*widget.Button); ok && b.Visible() && b.Text == text {
				return b
			}
		}
	}
	tu.t.Fatalf("no button %q on screen:\n%s", text, tu.textsNow())
	return nil
}

// tapButton taps the visible button with the given text, in the topmost
// dialog or the window, and lets the work it starts finish.
func (tu *testUI) tapButton(text string) {
	tu.t.Helper()
	tu.tap(tu.button(text))
}

// tap taps an object and lets the work it starts finish.
func (tu *testUI) tap(o fyne.Tappable) {
	tu.t.Helper()
	test.Tap(o)
	tu.settle()
}

// typeText types into an entry as a user does, a key at a time, and lets
// the searches it starts finish.
func (tu *testUI) typeText(e *entry, text string) {
	tu.t.Helper()
	test.Type(e, text)
	tu.settle()
}

// retype replaces what an entry holds, as selecting all and typing does.
func (tu *testUI) retype(e *entry, text string) {
	tu.t.Helper()
	e.SetText("")
	tu.typeText(e, text)
}

func (tu *testUI) wantText(want string) {
	tu.t.Helper()
	if got := tu.texts(); !strings.Contains(got, want) {
		tu.t.Fatalf("the window does not show %q; it shows:\n%s", want, got)
	}
}

func (tu *testUI) wantNoText(unwanted string) {
	tu.t.Helper()
	if got := tu.texts(); strings.Contains(got, unwanted) {
		tu.t.Fatalf("the window shows %q, and should not:\n%s", unwanted, got)
	}
}

// testFiles is the file chooser of tests: a document is saved under its
// proposed name in a temp folder; an import reads the file named next.
type testFiles struct {
	dir   string
	saved []string // the paths the user chose to save documents to
	next  string   // the file the user picks to import
	typed string   // the name the user types instead of the one proposed, if any
}

func (f *testFiles) save(name string, then func(path string)) {
	if f.typed != "" {
		name = f.typed
	}
	path := filepath.Join(f.dir, name)
	f.saved = append(f.saved, path)
	then(path)
}

func (f *testFiles) open(_ []string, then func(path string)) { then(f.next) }

// pick makes the user pick a file with this name and content to import.
func (f *testFiles) pick(t *testing.T, name, content string) {
	t.Helper()
	f.next = filepath.Join(f.dir, name)
	if err := os.WriteFile(f.next, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tableTexts is what the cells of a table show, row by row: the test
// renderer does not lay table cells out, so each cell is made and updated
// as the table would.
func (tu *testUI) tableTexts(tb *widget.Table) string {
	tu.settle()
	tu.cells(tb) // asks for the pages of rows not read yet
	tu.settle()
	return tu.cells(tb)
}

func (tu *testUI) cells(tb *widget.Table) string {
	rows, cols := tb.Length()
	var out []string
	for r := 0; r < rows; r++ {
		var line []string
		for c := 0; c < cols; c++ {
			cell := tb.CreateCell()
			tb.UpdateCell(widget.TableCellID{Row: r, Col: c}, cell)
			switch v := cell.(type) {
			case *tableCell:
				line = append(line, v.Text)
			case *widget.Label:
				line = append(line, v.Text)
			}
		}
		out = append(out, strings.Join(line, " | "))
	}
	return strings.Join(out, "\n")
}

// entriesOnTop are the entry fields of the dialog in front, in order.
func (tu *testUI) entriesOnTop() []*entry {
	var out []*entry
	for _, o := range test.LaidOutObjects(tu.win.Canvas().Overlays().Top()) {
		if e, ok := o.(*entry); ok && o.Visible() {
			out = append(out, e)
		}
	}
	return out
}
