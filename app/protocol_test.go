package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/xuri/excelize/v2"

	"spilno/data"
)

func showProtocol(t *testing.T, language string, withDemo bool) (*protocolScreen, *testUI) {
	t.Helper()
	return openScreen[*protocolScreen](t, language, "nav.protocol", demoIf(withDemo))
}

func TestStartFromTemplateEditAStepAndSave(t *testing.T) {
	s, ui := showProtocol(t, "uk", false)
	police := mustSaveOrg(t, ui, "Ювенальна превенція", data.SectorPolice)
	ui.wantText("Протоколу ще немає")
	ui.tapButton("Почати з шаблону")
	s = ui.screens[ui.current].(*protocolScreen)
	if s.doc.Version != 1 || s.doc.Status != data.ProtocolDraft || len(s.doc.Situations) < 5 {
		t.Fatalf("template draft %+v", s.doc)
	}
	// Add a participant.
	s.tabs.SelectIndex(1)
	ui.tapButton("Додати учасника")
	if len(s.doc.Participants) != 1 {
		t.Fatal("no participant row")
	}
	s.doc.Participants[0].OrganizationID, s.doc.Participants[0].OrganizationName = police.ID, police.Name
	// Edit the second step of the first situation: the police answers, within 12 hours.
	s.tabs.SelectIndex(2)
	s.situationList.Select(0)
	s.stepList.Select(1)
	ui.tapButton("Змінити")
	f := s.stepDialog
	selectOption(t, f.responsible, "Ювенальна превенція")
	f.amount.SetText("12")
	f.unit.setKey(data.DeadlineHours)
	f.toCheck.SetChecked(false)
	f.save()
	if s.stepDialog != nil {
		t.Fatalf("step form refused: %s", f.problem.Text)
	}
	ui.tapButton("Зберегти")
	ui.wantText("Версію 1 збережено.")
	got, _ := ui.store.Protocol(ctx, 1)
	st := got.Situations[0].Steps[1]
	if st.ResponsibleOrganizationID != police.ID || st.Deadline.Amount != 12 || st.Deadline.Unit != data.DeadlineHours || st.DeadlineToCheck {
		t.Fatalf("stored step %+v", st)
	}
}

func TestStepFormNamesItsProblems(t *testing.T) {
	s, ui := showProtocol(t, "en", true)
	s.situationList.Select(0)
	s.editStep(-1)
	f := s.stepDialog
	f.amount.SetText("0")
	f.save()
	if s.stepDialog == nil {
		t.Fatal("an empty step was accepted")
	}
	for _, want := range []string{"Title: required", "Responsible: required", "Deadline: must be more than zero"} {
		if !strings.Contains(f.problem.Text, want) {
			t.Errorf("step problems %q lack %q", f.problem.Text, want)
		}
	}
	_ = ui
}

func TestRemovingAResponsibleParticipantIsRefusedOnSave(t *testing.T) {
	s, ui := showProtocol(t, "uk", true)
	responsible := s.doc.Situations[0].Steps[0].ResponsibleOrganizationID
	for i, p := range s.doc.Participants {
		if p.OrganizationID == responsible {
			s.doc.Participants = append(s.doc.Participants[:i], s.doc.Participants[i+1:]...)
			break
		}
	}
	s.dirty = true
	ui.tapButton("Зберегти")
	ui.wantText("Ситуація 1, крок 1, відповідальний: має бути серед учасників")
	if !s.dirty {
		t.Fatal("a refused save dropped the edits")
	}
}

func TestApproveNeedsTheDecisionThenTheVersionIsReadOnly(t *testing.T) {
	s, ui := showProtocol(t, "uk", true)
	ui.tapButton("Затвердити…")
	a := s.approveDialog
	a.number.SetText("")
	a.date.SetText("23.11.2026")
	a.approve()
	ui.settle()
	if !strings.Contains(a.problem.Text, "Номер рішення: обов’язкове поле") || a.date.Text != "23.11.2026" {
		t.Fatalf("approval problem %q", a.problem.Text)
	}
	a.number.SetText("301")
	a.approve()
	ui.settle()
	s = ui.screens[ui.current].(*protocolScreen)
	if s.doc.Version != 2 || s.doc.Status != data.ProtocolApproved || !s.saveButton.Disabled() {
		t.Fatalf("after approval: v%d %s", s.doc.Version, s.doc.Status)
	}
	ui.wantText("доступна лише для читання")
	// Read in the normal colour, not the disabled grey, and not changed by typing.
	var shown []*entry
	for _, o := range test.LaidOutObjects(ui.win.Content()) {
		if e, ok := o.(*entry); ok && o.Visible() {
			shown = append(shown, e)
		}
	}
	if len(shown) < 3 {
		t.Fatalf("%d inputs shown", len(shown))
	}
	for _, e := range shown {
		if e.Disabled() || !e.readOnly {
			t.Fatalf("an input of the approved version is disabled or editable: %q", e.Text)
		}
		before := e.Text
		ui.typeText(e, "зміна")
		if e.Text != before {
			t.Fatalf("typing changed an approved text to %q", e.Text)
		}
	}
	v1, _ := ui.store.Protocol(ctx, 1)
	if v1.Status != data.ProtocolSuperseded {
		t.Fatalf("v1 is %s", v1.Status)
	}
	ui.tapButton("Нова версія")
	s = ui.screens[ui.current].(*protocolScreen)
	if s.doc.Version != 3 || s.doc.Status != data.ProtocolDraft {
		t.Fatalf("new version v%d %s", s.doc.Version, s.doc.Status)
	}
	// With a draft, a second new version waits, and the screen says why.
	if !ui.button("Нова версія").Disabled() {
		t.Fatal("New version offered while a draft exists")
	}
	ui.wantText("уже є проєкт версії 3")
}

func TestProtocolExportsWriteFiles(t *testing.T) {
	s, ui := showProtocol(t, "uk", true)
	ui.tapButton("PDF…") // the draft, version 2
	ui.tapButton("Гаразд")
	ui.tapButton("XLSX…")
	ui.tapButton("Гаразд")
	ui.tapButton("Порівняти з…")
	ui.tapButton("Зберегти в PDF…")
	ui.wantText("Звіт сформовано")
	if len(ui.files.saved) != 3 {
		t.Fatalf("saved %v", ui.files.saved)
	}
	if text := pdfText(t, ui.files.saved[0]); !strings.Contains(text, "ПРОЄКТ") || !strings.Contains(text, s.doc.Situations[0].Name) {
		t.Fatalf("the draft's PDF lacks its mark or first situation:\n%.600s", text)
	}
	f, err := excelize.OpenFile(ui.files.saved[1])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) < 2 || !strings.HasPrefix(sheets[0], "Учасники") {
		t.Fatalf("sheets %v", sheets)
	}
	if text := pdfText(t, ui.files.saved[2]); !strings.Contains(text, "ПОРІВНЯЛЬНА ТАБЛИЦЯ") {
		t.Fatalf("the comparison table:\n%.600s", text)
	}
}

func TestExportsOfADraftWithUnsavedEditsWaitForTheSave(t *testing.T) {
	s, ui := showProtocol(t, "en", true)
	ui.typeText(s.title, " (edited)")
	ui.tapButton("PDF…")
	ui.wantText("Save the draft first")
	if len(ui.files.saved) != 0 {
		t.Fatal("a document was written from the unsaved draft")
	}
}

// After "Keep editing", switching the version again asks again: the edits
// are never dropped without the user's word.
func TestSwitchingTheVersionKeepsEditsUntilTheUserDropsThem(t *testing.T) {
	s, ui := showProtocol(t, "en", true)
	ui.typeText(s.title, " (edited)")
	edited := s.doc.Title
	for i := 0; i < 2; i++ {
		s.version.SetSelectedIndex(1) // version 1
		ui.wantText("Unsaved changes")
		ui.tapButton("Keep editing")
		if s.doc.Version != 2 || s.doc.Title != edited || s.title.Text != edited || s.version.SelectedIndex() != 0 {
			t.Fatalf("round %d: on v%d, title %q, selector %d", i, s.doc.Version, s.doc.Title, s.version.SelectedIndex())
		}
	}
	s.version.SetSelectedIndex(1)
	ui.tapButton("Discard")
	if s.doc.Version != 1 || s.dirty {
		t.Fatalf("after discarding: v%d, dirty %v", s.doc.Version, s.dirty)
	}
}
