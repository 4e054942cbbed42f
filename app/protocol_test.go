package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"spilno/data"
)

func showProtocol(t *testing.T, language string, withDemo bool) (*protocolScreen, *UI) {
	t.Helper()
	return openScreen[*protocolScreen](t, language, "nav.protocol", demoIf(withDemo))
}

func TestStartFromTemplateEditAStepAndSave(t *testing.T) {
	s, ui := showProtocol(t, "uk", false)
	police := mustSaveOrg(t, ui, "Ювенальна превенція", data.SectorPolice)
	wantText(t, ui.win, "Протоколу ще немає")
	tapButton(t, ui.win, "Почати з шаблону")
	s = ui.screens[ui.current].(*protocolScreen)
	if s.doc.Version != 1 || s.doc.Status != data.ProtocolDraft || len(s.doc.Situations) < 5 {
		t.Fatalf("template draft %+v", s.doc)
	}
	// Add a participant.
	s.tabs.SelectIndex(1)
	tapButton(t, ui.win, "Додати учасника")
	if len(s.doc.Participants) != 1 {
		t.Fatal("no participant row")
	}
	s.doc.Participants[0].OrganizationID, s.doc.Participants[0].OrganizationName = police.ID, police.Name
	// Edit the second step of the first situation: the police answers, within 12 hours.
	s.tabs.SelectIndex(2)
	s.situationList.Select(0)
	s.stepList.Select(1)
	s.editStep(1)
	f := s.stepDialog
	selectOption(t, f.responsible, "Ювенальна превенція")
	f.amount.SetText("12")
	f.unit.setKey(data.DeadlineHours)
	f.toCheck.SetChecked(false)
	f.save()
	if s.stepDialog != nil {
		t.Fatalf("step form refused: %s", f.problem.Text)
	}
	tapButton(t, ui.win, "Зберегти")
	wantText(t, ui.win, "Версію 1 збережено.")
	got, _ := ui.store.Protocol(ctx, 1)
	st := got.Situations[0].Steps[1]
	if st.ResponsibleOrganizationID != police.ID || st.Deadline.Amount != 12 || st.Deadline.Unit != data.DeadlineHours || st.DeadlineToCheck {
		t.Fatalf("stored step %+v", st)
	}
}

func TestStepFormNamesItsProblems(t *testing.T) {
	s, ui := showProtocol(t, "en", true)
	s.open(2) // the demo's draft
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
	s.open(2)
	responsible := s.doc.Situations[0].Steps[0].ResponsibleOrganizationID
	for i, p := range s.doc.Participants {
		if p.OrganizationID == responsible {
			s.doc.Participants = append(s.doc.Participants[:i], s.doc.Participants[i+1:]...)
			break
		}
	}
	s.dirty = true
	tapButton(t, ui.win, "Зберегти")
	wantText(t, ui.win, "Ситуація 1, крок 1, відповідальний: має бути серед учасників")
	if !s.dirty {
		t.Fatal("a refused save dropped the edits")
	}
}

func TestApproveNeedsTheDecisionThenTheVersionIsReadOnly(t *testing.T) {
	s, ui := showProtocol(t, "uk", true)
	s.open(2)
	tapButton(t, ui.win, "Затвердити…")
	a := s.approveDialog
	a.number.SetText("")
	a.date.SetText("23.11.2026")
	a.approve()
	if !strings.Contains(a.problem.Text, "Номер рішення: обов’язкове поле") || a.date.Text != "23.11.2026" {
		t.Fatalf("approval problem %q", a.problem.Text)
	}
	a.number.SetText("301")
	a.approve()
	s = ui.screens[ui.current].(*protocolScreen)
	if s.doc.Version != 2 || s.doc.Status != data.ProtocolApproved || !s.saveButton.Disabled() {
		t.Fatalf("after approval: v%d %s", s.doc.Version, s.doc.Status)
	}
	wantText(t, ui.win, "доступна лише для читання")
	v1, _ := ui.store.Protocol(ctx, 1)
	if v1.Status != data.ProtocolSuperseded {
		t.Fatalf("v1 is %s", v1.Status)
	}
	tapButton(t, ui.win, "Нова версія")
	s = ui.screens[ui.current].(*protocolScreen)
	if s.doc.Version != 3 || s.doc.Status != data.ProtocolDraft {
		t.Fatalf("new version v%d %s", s.doc.Version, s.doc.Status)
	}
}

func TestProtocolExportsWriteFiles(t *testing.T) {
	_, ui := showProtocol(t, "uk", true)
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		run  func(path string) error
	}{
		{"p.pdf", func(p string) error { return ExportProtocol(ctx, ui.store, 1, "pdf", p, "uk") }},
		{"p.xlsx", func(p string) error { return ExportProtocol(ctx, ui.store, 2, "xlsx", p, "uk") }},
		{"d.pdf", func(p string) error { return ExportProtocolDiff(ctx, ui.store, 1, 2, p, "uk") }},
	} {
		path := filepath.Join(dir, c.name)
		if err := c.run(path); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if fi, err := os.Stat(path); err != nil || fi.Size() < 1000 {
			t.Fatalf("%s: %v %v", c.name, fi, err)
		}
	}
	if err := ExportProtocol(ctx, ui.store, 9, "pdf", filepath.Join(dir, "x.pdf"), "uk"); data.ErrorCode(err) != data.ENotFound {
		t.Fatalf("missing version: %v", err)
	}
	_ = test.NewTempApp
}
