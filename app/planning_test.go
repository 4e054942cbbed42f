package app

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/internal/readback"
)

// entryWhere is the first entry on the tab on show that match accepts.
func entryWhere(t *testing.T, ui *testUI, s *planningScreen, match func(*entry) bool) *entry {
	t.Helper()
	for _, o := range test.LaidOutObjects(s.form.tabs) {
		if e, ok := o.(*entry); ok && e.Visible() && match(e) {
			return e
		}
	}
	t.Fatalf("no such field on the tab:\n%s", ui.textsNow())
	return nil
}

func entryHolding(t *testing.T, ui *testUI, s *planningScreen, text string) *entry {
	return entryWhere(t, ui, s, func(e *entry) bool { return e.Text == text })
}

func entryHinted(t *testing.T, ui *testUI, s *planningScreen, hint string) *entry {
	return entryWhere(t, ui, s, func(e *entry) bool { return e.PlaceHolder == hint })
}

// The demo's assessment opens with its gaps worked out; a number that is
// not one is refused by name, what was typed stays, and nothing is saved;
// an override without its reason is refused; put right, both are saved
// and the gap follows the override.
func TestPlanningRefusesWhatIsWrongByNameAndSavesWhatIsRight(t *testing.T) {
	s, ui := openScreen[*planningScreen](t, "uk", "nav.planning", 300)
	a := s.view.Assessment
	if s.form == nil || !strings.Contains(ui.texts(), a.Title) {
		t.Fatalf("the screen does not open on the demo's assessment:\n%s", ui.texts())
	}
	// A newer assessment first: the dashboard's arrow must still open the
	// one the overdue measure belongs to, on its plan.
	ui.tapButton("Нова оцінка")
	ui.open("nav.dashboard")
	ui.wantText("Прострочено захід плану: «Облаштувати кризову кімнату")
	for _, o := range test.LaidOutObjects(ui.win.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "" && b.Icon == theme.NavigateNextIcon() {
			ui.tap(b)
			break
		}
	}
	s = ui.screens[ui.current].(*planningScreen)
	if s.chosen != a.ID || s.form.tabs.SelectedIndex() != planTab {
		t.Fatalf("the dashboard opened assessment %d on tab %d, want %d on the plan", s.chosen, s.form.tabs.SelectedIndex(), a.ID)
	}
	s.form.tabs.SelectIndex(3)
	ui.wantText("З каталогу:")
	ui.wantText("Потреба і спроможність за видами послуг")
	ui.wantText("зафіксовано на час затвердження")
	ui.wantText("Послуги каталогу за видами") // what is on offer and the priorities, beside the needs
	ui.wantText("Потреби за пріоритетом і цільовою групою")

	// Approved: the analysis is read, not changed; the plan moves on.
	s.form.tabs.SelectIndex(0)
	ui.wantText("Затверджено рішенням виконавчого комітету міської ради № 112")
	s.form.tabs.SelectIndex(1)
	ui.typeText(entryHolding(t, ui, s, FormatInt(18420)), "5")
	if s.unsaved() || ui.buttonNow("Додати опитування…").Disabled() == false {
		t.Fatal("the approved analysis took typing, or a survey can still be added")
	}
	s.form.tabs.SelectIndex(planTab)
	ui.wantText("Разом на заходи плану: " + FormatInt(850000)) // cancelled measures left out
	progress := entryHolding(t, ui, s, progressText(a.Measures[0].Progress))
	progress.SetText(progress.Text + "\n" + FormatDay("2026-03-02") + " — Перевірено на нараді")
	ui.tapButton("Зберегти")
	ui.wantText("Збережено")
	if stored, _ := ui.store.Assessment(ctx, a.ID); !stored.Frozen() || len(stored.Measures[0].Progress) != len(a.Measures[0].Progress)+1 {
		t.Fatalf("the plan of the approved assessment: %s, %+v", stored.Status, stored.Measures[0].Progress)
	}
	ui.tapButton("Повернути в чернетку")
	ui.tapButton("Повернути в чернетку") // the confirmation's
	ui.wantText("Оцінку повернуто в чернетку")
	a = s.view.Assessment // as read again, with the plan's new line

	s.form.tabs.SelectIndex(1)
	value := entryHolding(t, ui, s, FormatInt(18420))
	ui.retype(value, "багато")
	asOf := entryHolding(t, ui, s, FormatDay(a.Indicators[0].AsOf))
	ui.retype(asOf, "31.02.2026")
	ui.tapButton("Зберегти")
	// Every problem at once: the number and the date.
	ui.wantText("Показник 1, кількість: не число")
	ui.wantText("Показник 1, станом на: недійсна дата")
	if value.Text != "багато" || !s.unsaved() {
		t.Fatalf("the typed value became %q", value.Text)
	}
	if stored, _ := ui.store.Assessment(ctx, a.ID); *stored.Indicators[0].Value != 18420 {
		t.Fatalf("a refused save wrote %v", *stored.Indicators[0].Value)
	}
	ui.retype(value, "18 500")
	ui.retype(asOf, FormatDay(a.Indicators[0].AsOf))

	s.form.tabs.SelectIndex(3)
	ui.typeText(entryHinted(t, ui, s, T("planning.capacity_override")), "30")
	ui.tapButton("Зберегти")
	ui.wantText("Потреба 1, чому замінено обчислене: поясніть, чому обчислене число замінено")
	ui.typeText(entryHinted(t, ui, s, T("assessment.field.override_note")), "Відкриється ще одна група")
	ui.tapButton("Зберегти")
	ui.wantText("Збережено")
	if s.form.tabs.SelectedIndex() != 3 {
		t.Errorf("after saving, the screen went to tab %d", s.form.tabs.SelectedIndex())
	}
	stored, _ := ui.store.Assessment(ctx, a.ID)
	if *stored.Indicators[0].Value != 18500 || *stored.Needs[0].CapacityOverride != 30 || s.unsaved() {
		t.Fatalf("saved %v and %v", *stored.Indicators[0].Value, stored.Needs[0].CapacityOverride)
	}
	// What was not touched is saved as it was read.
	for i, m := range a.Members {
		if stored.Members[i] != m {
			t.Errorf("member %d was %+v, saved as %+v", i+1, m, stored.Members[i])
		}
	}
	for i, m := range a.Measures {
		got := stored.Measures[i]
		if got.OrganizationID != m.OrganizationID || got.ServiceTypeID != m.ServiceTypeID || got.TargetGroupID != m.TargetGroupID ||
			got.Deadline != m.Deadline || len(got.Progress) != len(m.Progress) || got.Status != m.Status {
			t.Errorf("measure %d was %+v, saved as %+v", i+1, m, got)
		}
	}
	for i, n := range a.Needs[1:] {
		if got := stored.Needs[i+1]; got.ServiceTypeID != n.ServiceTypeID || got.TargetGroupID != n.TargetGroupID || got.Unit != n.Unit ||
			got.Priority != n.Priority || got.Source != n.Source {
			t.Errorf("need %d was %+v, saved as %+v", i+2, n, got)
		}
	}
	if len(stored.Points) != len(a.Points) || stored.Points[0] != a.Points[0] {
		t.Errorf("points %v, saved as %v", a.Points, stored.Points)
	}
	gaps, _ := ui.store.Gaps(ctx, stored)
	if short, _ := gaps[0].Shortfall(); gaps[0].Capacity != 30 || short != *stored.Needs[0].InNeed-30 {
		t.Fatalf("the gap does not follow the override: %+v", gaps[0])
	}

	// Approved again: an incomplete decision is refused in the dialog,
	// which keeps what was typed.
	ui.tapButton("Затвердити…")
	d := s.approval
	d.number.SetText("")
	d.date.SetText("01.03.2026")
	d.approve()
	ui.settle()
	if !strings.Contains(d.problem.Text, "Номер рішення: обов’язкове поле") || d.date.Text != "01.03.2026" {
		t.Fatalf("approval problem %q", d.problem.Text)
	}
	d.number.SetText("130")
	d.approve()
	ui.settle()
	ui.wantText("Оцінку затверджено")
	if stored, _ = ui.store.Assessment(ctx, a.ID); !stored.Frozen() || stored.Approval.Number != "130" || stored.Approval.Date != "2026-03-01" {
		t.Fatalf("approved as %s %+v", stored.Status, stored.Approval)
	}
}

// A new assessment starts from the country's indicators; a survey export
// is tabulated and shown; the report is written and reads back.
func TestANewAssessmentTakesASurveyAndIsWritten(t *testing.T) {
	s, ui := openScreen[*planningScreen](t, "en", "nav.planning", 0)
	before := len(s.list)
	ui.tapButton("New assessment")
	if len(s.list) != before+1 || s.form == nil {
		t.Fatalf("%d assessments after New", len(s.list))
	}
	a := s.view.Assessment
	if a.Status != data.AssessmentDraft || len(a.Indicators) < 10 || !a.Indicators[0].ToCheck {
		t.Fatalf("the new assessment %+v", a)
	}
	ui.files.pick(t, "anketa.csv", "Позначка часу;Де ви живете?;Чого бракує?\n"+
		"01.03.2025;с. Гірки;Транспорт;Психолог\n01.03.2025;м. Вишнів;Психолог\n02.03.2025;с. Гірки;Транспорт\n")
	ui.tapButton("Add a survey…")
	ui.tapButton("Add")
	ui.wantText("tabulated: 3 respondents, 2 questions")
	s.form.tabs.SelectIndex(2)
	ui.wantText("Чого бракує?")
	if surveys, _ := ui.store.Surveys(ctx, a.ID); len(surveys) != 1 || surveys[0].Answers != nil {
		t.Fatalf("surveys %+v", surveys)
	}
	ui.tapButton(T("stats.export_pdf"))
	path := ui.files.saved[len(ui.files.saved)-1]
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	text := readback.PDFText(t, path)
	for _, want := range []string{"Report on the assessment", "Survey results", "Чого бракує?", "Plan of measures"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report has no %q", want)
		}
	}
}

func TestProgressLinesWithoutADateGoOnTheEntryBefore(t *testing.T) {
	got := parseProgress("01.11.2026 — зроблено\nпогоджено з директором\n\n05.11.2026: відкрито")
	if len(got) != 2 || got[0].On != "2026-11-01" || got[0].Note != "зроблено погоджено з директором" || got[1].Note != "відкрито" {
		t.Fatalf("%+v", got)
	}
	if first := parseProgress("зроблено без дати"); len(first) != 1 || first[0].On != "зроблено" {
		t.Fatalf("a first line without a date: %+v", first)
	}
	// What the form shows in each language reads back as it was.
	want := []data.Progress{{On: "2026-02-24", Note: "Штатний розпис змінено"}, {On: "2026-03-05", Note: "Посади заповнено"}}
	for _, lang := range []string{"uk", "en", "cs", "pl"} {
		SetLanguage(lang)
		if got := parseProgress(progressText(want)); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("%s: %q reads back as %+v", lang, progressText(want), got)
		}
	}
	SetLanguage("en")
}

// In English the form writes 18,420 and 420,000: saved again unchanged,
// every number reads back as it was (it was once read as 18.42 and 420);
// and an approved plan's measures themselves are read, not changed.
func TestEnglishNumbersSurviveASaveAndTheApprovedPlanIsRead(t *testing.T) {
	s, ui := openScreen[*planningScreen](t, "en", "nav.planning", 300)
	a := s.view.Assessment
	s.form.tabs.SelectIndex(planTab)
	ui.typeText(entryHolding(t, ui, s, a.Measures[0].Title), "X")
	if s.unsaved() {
		t.Fatal("the approved plan's measure took typing")
	}
	ui.tapButton("Return to draft")
	ui.tapButton("Return to draft")
	s.form.dirty = true
	ui.tapButton("Save")
	ui.wantText("Saved")
	stored, _ := ui.store.Assessment(ctx, a.ID)
	for i, ind := range a.Indicators {
		if ind.Value != nil && *stored.Indicators[i].Value != *ind.Value {
			t.Errorf("indicator %q was %v, saved as %v", ind.Name, *ind.Value, *stored.Indicators[i].Value)
		}
	}
	for i, m := range a.Measures {
		if m.Amount != nil && *stored.Measures[i].Amount != *m.Amount {
			t.Errorf("measure %q cost %v, saved as %v", m.Title, *m.Amount, *stored.Measures[i].Amount)
		}
	}
}
