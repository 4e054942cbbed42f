package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/demo"
)

// newTestUI gives a UI on a real store in a temp file, in a test window,
// with the interface in the given language.
func newTestUI(t *testing.T, language string) (*UI, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	SetLanguage(language)
	t.Cleanup(func() { SetLanguage("en") })
	st, err := data.Open(filepath.Join(t.TempDir(), "spilno.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1200, 800))
	t.Cleanup(w.Close)
	ui := newUI(a, w, st)
	return ui, w
}

// noDemo asks openScreen for an empty database.
const noDemo = -1

// openScreen shows the screen of type S (by its title key) in a test
// window on a temp store; unless referrals is noDemo, the demo community
// with that many referrals is written first.
func openScreen[S screen](t *testing.T, language, key string, referrals int) (S, *UI) {
	t.Helper()
	ui, w := newTestUI(t, language)
	if referrals != noDemo {
		if err := demo.WriteWith(ctx, ui.store, referrals); err != nil {
			t.Fatal(err)
		}
	}
	w.SetContent(ui.content())
	ui.showScreen(key)
	return ui.screens[ui.current].(S), ui
}

// demoIf is the referrals to write for a test that wants the demo or not.
func demoIf(withDemo bool) int {
	if withDemo {
		return demo.DefaultReferrals
	}
	return noDemo
}

// texts collects every text the user can see in the window, dialogs included.
func texts(w fyne.Window) string {
	var out []string
	objs := []fyne.CanvasObject{w.Canvas().Content()}
	objs = append(objs, w.Canvas().Overlays().List()...)
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

// tapButton taps the visible button with the given text, in a dialog or the window.
func tapButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	objs := append(w.Canvas().Overlays().List(), w.Canvas().Content())
	for _, root := range objs {
		for _, o := range test.LaidOutObjects(root) {
			if b, ok := o.(*widget.Button); ok && b.Visible() && b.Text == text {
				test.Tap(b)
				return
			}
		}
	}
	t.Fatalf("no button %q on screen:\n%s", text, texts(w))
}

func wantText(t *testing.T, w fyne.Window, want string) {
	t.Helper()
	if got := texts(w); !strings.Contains(got, want) {
		t.Fatalf("the window does not show %q; it shows:\n%s", want, got)
	}
}

func wantNoText(t *testing.T, w fyne.Window, unwanted string) {
	t.Helper()
	if got := texts(w); strings.Contains(got, unwanted) {
		t.Fatalf("the window shows %q, and should not:\n%s", unwanted, got)
	}
}

// tableTexts is what the cells of a table show, row by row: the test
// renderer does not lay table cells out, so each cell is made and updated
// as the table would.
func tableTexts(tb *widget.Table) string {
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
