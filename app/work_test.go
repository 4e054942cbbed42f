package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
)

// blocked is work that runs until it is cancelled, telling started when
// it has begun.
func blocked(started chan<- struct{}) func(context.Context, func(int, int)) error {
	return func(ctx context.Context, _ func(int, int)) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	}
}

func TestCancelStopsLongWorkAndClosesItsDialog(t *testing.T) {
	ui := newTestUI(t, "en")
	ui.win.SetContent(ui.content())
	started := make(chan struct{})
	reported := false
	ui.run(task{title: "Writing", work: blocked(started),
		done: func() { reported = true }, failed: func(error) { reported = true }})
	<-started
	if !strings.Contains(ui.textsNow(), "Writing") {
		t.Fatal("no dialog says what is being done")
	}
	test.Tap(ui.buttonNow("Cancel"))
	ui.settle()
	if reported {
		t.Fatal("a cancelled task reported an end")
	}
	if n := len(ui.win.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("%d dialogs stay up after the cancel", n)
	}
}

func TestLongWorkThatEndsClosesItsDialogAndSaysSo(t *testing.T) {
	ui := newTestUI(t, "en")
	ui.win.SetContent(ui.content())
	done := false
	ui.run(task{title: "Writing", work: func(_ context.Context, progress func(int, int)) error {
		for i := 0; i <= 100; i++ {
			progress(i, 100)
		}
		return nil
	}, done: func() { done = true }})
	ui.settle()
	if !done || len(ui.win.Canvas().Overlays().List()) != 0 {
		t.Fatalf("done %v, dialogs %d", done, len(ui.win.Canvas().Overlays().List()))
	}
}

func TestLeavingAScreenDropsWhatItWasLoading(t *testing.T) {
	ui := newTestUI(t, "en")
	ui.win.SetContent(ui.content())
	started := make(chan struct{})
	shown := false
	status := widget.NewLabel("")
	load(ui.runner, nil, status, func(ctx context.Context) (int, error) {
		close(started)
		<-ctx.Done()
		return 0, ctx.Err()
	}, func(int) { shown = true })
	<-started
	ui.goTo(place{screen: "nav.settings"})
	ui.settle()
	if shown || ui.pending.Load() != 0 {
		t.Fatalf("shown %v, pending %d", shown, ui.pending.Load())
	}
}

func TestTheNewestSearchWins(t *testing.T) {
	ui := newTestUI(t, "en")
	var shown []string
	var search slot
	first := make(chan struct{})
	load(ui.runner, &search, nil, func(ctx context.Context) (string, error) {
		close(first)
		<-ctx.Done() // a slow query, overtaken by the next keystroke
		return "old", nil
	}, func(v string) { shown = append(shown, v) })
	<-first
	load(ui.runner, &search, nil, func(context.Context) (string, error) { return "new", nil },
		func(v string) { shown = append(shown, v) })
	ui.settle()
	if len(shown) != 1 || shown[0] != "new" {
		t.Fatalf("shown %v", shown)
	}
}

func TestAFailedLoadSaysWhyInsteadOfShowingNothing(t *testing.T) {
	ui := newTestUI(t, "uk")
	ui.win.SetContent(ui.content())
	status := widget.NewLabel("")
	shown := false
	load(ui.runner, nil, status, func(context.Context) ([]data.Organization, error) {
		return nil, &data.Error{Code: data.EDiskFull}
	}, func([]data.Organization) { shown = true })
	ui.settle()
	if shown || status.Importance != widget.DangerImportance || status.Text == "" || !status.Visible() {
		t.Fatalf("shown %v, status %q", shown, status.Text)
	}
	ui.wantText("Диск заповнений")
}

// failingCases is a store whose cases cannot be read.
type failingCases struct{ referralStore }

func (failingCases) CasesPage(context.Context, string, int, int) ([]data.Case, error) {
	return nil, &data.Error{Code: data.ECorrupt, Path: "spilno.db"}
}

func (failingCases) CountCasesUpTo(context.Context, string, int) (int, error) {
	return 0, &data.Error{Code: data.ECorrupt, Path: "spilno.db"}
}

// A screen whose store fails to read shows the reason, not an empty list.
func TestAScreenOnADatabaseThatFailsSaysSo(t *testing.T) {
	s, ui := openScreen[*casesScreen](t, "en", "nav.cases", noDemo)
	s.store = failingCases{s.store}
	ui.typeText(s.search, "x")
	if s.count.Importance != widget.DangerImportance || s.count.Text == "" || s.count.Text == Plural("cases.count", 0) {
		t.Fatalf("the count says %q", s.count.Text)
	}
	ui.wantText("is damaged")
}

func TestClosingTheWindowStopsTheWorkBeforeTheStoreCloses(t *testing.T) {
	ui := newTestUI(t, "en")
	started := make(chan struct{})
	returned := false
	ui.run(task{lasting: true, work: func(ctx context.Context, _ func(int, int)) error {
		close(started)
		<-ctx.Done() // the daily backup, say, that stops when asked
		returned = true
		return ctx.Err()
	}})
	<-started
	ui.stop(time.Minute)
	if !returned {
		t.Fatal("the store would be closed under running work")
	}
	ui.settle()
}

// A closed progress dialog stops its animation: left running, it kept
// redrawing the window (40 % of a core, idle, in the window under Xvfb).
func TestAClosedProgressDialogStopsAnimating(t *testing.T) {
	ui := newTestUI(t, "en")
	ui.win.SetContent(ui.content())
	p := showProgress(ui.runner, "Opening", func() {})
	if !p.waiting.Running() {
		t.Fatal("the bar does not move while the work runs")
	}
	p.close()
	if p.waiting.Running() {
		t.Fatal("the bar goes on moving after the dialog closed")
	}
}
