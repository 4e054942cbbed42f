package app

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/internal/readback"
	"spilno/office"
)

// The screen opens on the last whole quarter with the demo's numbers and
// charts; a number of referrals opens exactly those in the register, with
// the condition the bar has no field for said under it; the arrows and
// the kinds move through time; a wrong range is refused by name; the
// report is written for the period on show.
func TestStatisticsShowThePeriodAndOpenTheReferralsBehindANumber(t *testing.T) {
	s, ui := openScreen[*statisticsScreen](t, "uk", "nav.statistics", 300)
	quarter := data.QuarterOf(time.Now()).Previous()
	if s.period != quarter {
		t.Fatalf("the screen opens on %v, want the last whole quarter %v", s.period, quarter)
	}
	stats, err := ui.store.Statistics(ctx, quarter, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	texts := ui.texts()
	for _, want := range []string{office.PeriodText(quarter, "uk"), "надіслано " + FormatInt(stats.Sent.N), "Хто виявляє: за організацією", "Дотримання строків: за організацією"} {
		if !strings.Contains(texts, want) {
			t.Errorf("the screen lacks %q", want)
		}
	}
	if charts := visibleImages(ui); charts < 10 {
		t.Errorf("%d charts on the screen", charts)
	}
	// The first sender's count for the period.
	sender := stats.ByFrom[0]
	link := findLink(t, ui, s, "stats.by_sender", 0, 1)
	if link.Text != FormatInt(sender.N) {
		t.Fatalf("the link says %q, want %d", link.Text, sender.N)
	}
	link.OnTapped()
	ui.settle()
	register, ok := ui.screens[ui.current].(*referralsScreen)
	if !ok {
		t.Fatalf("the number opened %s", ui.screens[ui.current].titleKey())
	}
	if register.total != sender.N {
		t.Errorf("the register shows %d referrals behind the number %d", register.total, sender.N)
	}
	ui.wantText("відправник: " + sender.Label)
	if register.sentFrom.Text != FormatDay(quarter.From) || register.sentTo.Text != FormatDay(quarter.To) {
		t.Errorf("the register's dates: %q – %q", register.sentFrom.Text, register.sentTo.Text)
	}

	ui.open("nav.statistics")
	if s.period != quarter {
		t.Fatalf("coming back, the screen shows %v", s.period)
	}
	ui.tap(iconButton(t, ui, theme.NavigateBackIcon()))
	ui.settle()
	if s.period != quarter.Previous() || !strings.Contains(ui.texts(), office.PeriodText(quarter.Previous(), "uk")) {
		t.Errorf("back goes to %v", s.period)
	}
	// Forward as far as the quarter under way, and no further.
	for range 2 {
		ui.tap(iconButton(t, ui, theme.NavigateNextIcon()))
		ui.settle()
	}
	if current := data.QuarterOf(time.Now()); s.period != current || !iconButton(t, ui, theme.NavigateNextIcon()).Disabled() {
		t.Errorf("forward from the quarter before last: %v, want %v and the arrow disabled", s.period, current)
	}
	ui.wantText("Період ще триває")
	for range 2 {
		ui.tap(iconButton(t, ui, theme.NavigateBackIcon()))
		ui.settle()
	}
	s.choose.setKey(periodYear)
	ui.settle()
	if s.period != data.YearOf(mustDay(t, quarter.Previous().From)) {
		t.Errorf("the year is %v", s.period)
	}
	s.choose.setKey(periodRange)
	ui.retype(s.from, "01.10.2026")
	ui.retype(s.to, "01.09.2026")
	ui.tapButton("Показати")
	ui.wantText("Кінець періоду: не раніше за початок періоду")
	if !ui.button("Звіт для виконкому (PDF)").Disabled() || len(s.body.Objects) > 0 {
		t.Error("after a wrong range the tables of the period before stay, or can be exported")
	}
	ui.retype(s.to, "")
	ui.tapButton("Показати")
	ui.wantText("Кінець періоду: обов’язкове поле")
	ui.retype(s.to, "31.02.2026")
	ui.tapButton("Показати")
	ui.wantText("Кінець періоду: недійсна дата")
	if s.from.Text != "01.10.2026" {
		t.Errorf("the refused range lost the first day typed: %q", s.from.Text)
	}
	ui.retype(s.to, "31.10.2026")
	ui.tapButton("Показати")
	ui.settle()
	if s.period != (data.Period{From: "2026-10-01", To: "2026-10-31"}) || s.view.Period != s.period {
		t.Errorf("the range shows %v / %v", s.period, s.view.Period)
	}
	ui.tapButton("Звіт для виконкому (PDF)")
	ui.wantText("Звіт сформовано")
	saved := ui.files.saved[len(ui.files.saved)-1]
	if fi, err := os.Stat(saved); err != nil || fi.Size() < 1000 {
		t.Fatalf("the report: %v", err)
	}
	if text := readback.PDFText(t, saved); !strings.Contains(text, "01.10.2026 – 31.10.2026") {
		t.Errorf("the report is not of the range:\n%.500s", text)
	}
}

func mustDay(t *testing.T, day string) time.Time {
	t.Helper()
	d, err := time.ParseInLocation(time.DateOnly, day, time.Local)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// findLink is the link of a number in a section (by its title key).
func findLink(t *testing.T, ui *testUI, s *statisticsScreen, key string, row, col int) *widget.Hyperlink {
	t.Helper()
	title := T(key)
	for i, o := range s.body.Objects {
		if l, ok := o.(*widget.Label); ok && l.Text == title {
			grid := s.body.Objects[i+2].(*fyne.Container) // under the title and the line of its basis
			columns := len(s.view.Sections[0].Columns)
			for _, sec := range s.view.Sections {
				if sec.Title == title {
					columns = len(sec.Columns)
				}
			}
			link, ok := grid.Objects[(row+1)*columns+col].(*widget.Hyperlink)
			if !ok {
				t.Fatalf("%s: row %d column %d is not a link", key, row, col)
			}
			return link
		}
	}
	t.Fatalf("no section %q", title)
	return nil
}

func visibleImages(ui *testUI) int {
	n := 0
	for _, o := range test.LaidOutObjects(ui.win.Canvas().Content()) {
		if img, ok := o.(*canvas.Image); ok && o.Visible() && img.Resource != nil && strings.HasPrefix(img.Resource.Name(), "chart-") {
			n++
		}
	}
	return n
}

// iconButton finds the visible button with no text and this icon.
func iconButton(t *testing.T, ui *testUI, icon fyne.Resource) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(ui.win.Canvas().Content()) {
		if b, ok := o.(*widget.Button); ok && b.Visible() && b.Text == "" && b.Icon != nil && b.Icon.Name() == icon.Name() {
			return b
		}
	}
	t.Fatalf("no button with the icon %s", icon.Name())
	return nil
}
