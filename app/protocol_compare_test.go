package app

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/internal/readback"
)

// draftOfVersion1 makes the demo's draft (version 2) a copy of the approved
// version 1 with one edit, and shows the screen anew.
func draftOfVersion1(t *testing.T, ui *testUI, edit func(*data.Protocol)) *protocolScreen {
	t.Helper()
	v1, err := ui.store.Protocol(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	v2 := v1.Clone()
	v2.Version, v2.ApprovalBody, v2.DecisionNumber, v2.DecisionDate = 2, "", "", ""
	edit(&v2)
	if err := ui.store.SaveProtocol(ctx, &v2); err != nil {
		t.Fatal(err)
	}
	s := ui.screens[ui.current].(*protocolScreen)
	s.reopen()
	ui.settle()
	return ui.screens[ui.current].(*protocolScreen)
}

// wordingOnTop is what the comparison dialog in front shows, in pieces:
// the marked ones by their colour, and all the plain text together.
func wordingOnTop(ui *testUI) (marked map[fyne.ThemeColorName][]string, plain string) {
	marked = map[fyne.ThemeColorName][]string{}
	for _, o := range test.LaidOutObjects(ui.win.Canvas().Overlays().Top()) {
		text, ok := o.(*widget.RichText)
		if !ok {
			continue
		}
		for _, seg := range text.Segments {
			ts := seg.(*widget.TextSegment)
			if c := ts.Style.ColorName; c == theme.ColorNameError || c == theme.ColorNameSuccess {
				marked[c] = append(marked[c], ts.Text)
			} else {
				plain += ts.Text
			}
		}
	}
	return marked, plain
}

// Whichever version is open, the older one is the current wording; the
// changed word is marked on each side, the words kept are not.
func TestCompareShowsTheChangedWordsInTwoColumns(t *testing.T) {
	_, ui := showProtocol(t, "uk", true)
	s := draftOfVersion1(t, ui, func(p *data.Protocol) {
		st := &p.Situations[0].Steps[0]
		st.Action = strings.Replace(st.Action, "установи", "організації", 1)
	})
	for _, open := range []int{2, 1} {
		s.open(open)
		ui.settle()
		ui.tapButton("Порівняти з…")
		ui.tapButton("Показати")
		ui.wantText("Чинна редакція (версія 1)")
		ui.wantText("Запропонована редакція (версія 2)")
		ui.wantText("Ситуація: Насильство або жорстоке поводження з дитиною")
		marked, plain := wordingOnTop(ui)
		if !slices.Equal(marked[theme.ColorNameError], []string{"установи"}) ||
			!slices.Equal(marked[theme.ColorNameSuccess], []string{"організації"}) {
			t.Fatalf("with version %d open, marked: %q", open, marked)
		}
		if !strings.Contains(plain, "Прийняти повідомлення від будь-якої особи чи ") {
			t.Fatalf("the words kept are not shown plain: %q", plain)
		}
		if w := ui.win.Canvas().Overlays().Top().MinSize().Width; w > 1024 {
			t.Fatalf("the comparison needs %v px of width", w)
		}
		ui.tapButton("Закрити")
	}
	ui.tapButton("Порівняти з…")
	ui.tapButton("Показати")
	ui.tapButton("Друк / зберегти в PDF…")
	ui.wantText("Звіт сформовано")
	if len(ui.files.saved) != 1 || !strings.HasSuffix(filepath.Base(ui.files.saved[0]), "-1-2.pdf") {
		t.Fatalf("saved %v", ui.files.saved)
	}
}

func TestCompareOfVersionsThatDoNotDifferSaysSo(t *testing.T) {
	_, ui := showProtocol(t, "en", true)
	draftOfVersion1(t, ui, func(*data.Protocol) {})
	ui.tapButton("Compare with…")
	ui.tapButton("Show")
	ui.wantText("The two versions do not differ.")
	ui.wantNoText("Current wording")
}

func TestTheComparisonIsWrittenWithAReasonColumnWhenAsked(t *testing.T) {
	_, ui := showProtocol(t, "uk", true)
	draftOfVersion1(t, ui, func(p *data.Protocol) { p.Purpose += " Доповнення." })
	ui.tapButton("Порівняти з…")
	checksIn(ui, T("protocol.compare_reasons"))[0].SetChecked(true)
	ui.tapButton(T("protocol.compare_write"))
	ui.settle()
	if len(ui.files.saved) != 1 {
		t.Fatalf("saved %v", ui.files.saved)
	}
	if text := readback.PDFText(t, ui.files.saved[0]); !strings.Contains(text, "Обґрунтування змін") {
		t.Fatalf("no reason column:\n%.500s", text)
	}
}
