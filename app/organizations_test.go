package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"spilno/data"
)

func showOrganizations(t *testing.T, language string) (*organizationsScreen, *testUI) {
	t.Helper()
	return openScreen[*organizationsScreen](t, language, "nav.organizations", noDemo)
}

func TestTypeSaveAndFindOrganizationByCyrillicSearch(t *testing.T) {
	s, ui := showOrganizations(t, "uk")
	f := s.form
	ui.typeText(f.name, "Служба у справах дітей")
	ui.typeText(f.shortName, "ССД")
	f.sector.setKey(data.SectorChildService)
	ui.typeText(f.registryID, "4123 4568")
	ui.typeText(f.email, "ssd@rada.gov.ua")
	ui.typeText(f.phone, "+380 3342 2-11-40")
	ui.tap(f.saveButton)

	ui.wantText("Збережено: Служба у справах дітей")
	ui.typeText(f.shortName, "!")
	ui.wantNoText("Збережено:") // the next edit makes "saved" untrue
	saved, err := ui.store.Organizations(ctx, "")
	if err != nil || len(saved) != 1 {
		t.Fatalf("store holds %v (%v)", saved, err)
	}
	got, _ := ui.store.Organization(ctx, saved[0].ID)
	if got.ShortName != "ССД" || got.RegistryID != "41234568" || got.Sector != data.SectorChildService {
		t.Fatalf("stored %+v", got)
	}
	mustSaveOrg(t, ui, "Вишнівський ліцей № 1", data.SectorEducation)
	s.reload("")
	ui.settle()
	if len(s.items) != 2 {
		t.Fatalf("list shows %d", len(s.items))
	}

	ui.typeText(s.search, "СЛУЖБА")
	if len(s.items) != 1 || s.items[0].Name != "Служба у справах дітей" {
		t.Fatalf("search СЛУЖБА found %+v", s.items)
	}
	ui.wantText("Служба у справах дітей")
	ui.wantNoText("Вишнівський ліцей")
	ui.wantText("1 організація")

	s.search.SetText("")
	ui.typeText(s.search, "ссд")
	if len(s.items) != 1 {
		t.Fatalf("search ссд found %d", len(s.items))
	}
}

func mustSaveOrg(t *testing.T, ui *testUI, name string, sector data.Sector) *data.Organization {
	t.Helper()
	o := &data.Organization{Name: name, Sector: sector}
	if err := ui.store.SaveOrganization(ctx, o); err != nil {
		t.Fatal(err)
	}
	return o
}

func TestRefusedSaveNamesTheFieldAndKeepsTheText(t *testing.T) {
	s, ui := showOrganizations(t, "uk")
	f := s.form
	ui.typeText(f.name, "Центр соціальних служб")
	ui.typeText(f.email, "cnsp@")
	// Sector is left unchosen.
	ui.tap(f.saveButton)

	ui.wantText("Не збережено")
	ui.wantText("Ел. пошта: недійсна адреса ел. пошти")
	ui.wantText("Сектор: обов’язкове поле")
	if f.name.Text != "Центр соціальних служб" || f.email.Text != "cnsp@" {
		t.Fatalf("typed text lost: %q %q", f.name.Text, f.email.Text)
	}
	if orgs, _ := ui.store.Organizations(ctx, ""); len(orgs) != 0 {
		t.Fatalf("a refused save stored %v", orgs)
	}
	// Correcting the field clears its message as the user types.
	ui.typeText(f.email, "ua.example.gov")
	f.email.SetText("cnsp@rada.gov.ua")
	if f.fields[fieldIndex(f, "email")].problem.Visible() {
		t.Fatal("the e-mail message stays after the fix")
	}
	f.sector.setKey(data.SectorSocialServices)
	ui.tap(f.saveButton)
	if orgs, _ := ui.store.Organizations(ctx, ""); len(orgs) != 1 {
		t.Fatalf("corrected save stored %d", len(orgs))
	}
}

func fieldIndex(f *organizationForm, key string) int {
	for i, fl := range f.fields {
		if fl.key == key {
			return i
		}
	}
	return -1
}

func TestValidationShowsAsYouTypeInEnglish(t *testing.T) {
	s, ui := showOrganizations(t, "en")
	ui.typeText(s.form.phone, "call me")
	ui.wantText("not a phone number")
	ui.wantNoText("Name: required") // untouched fields wait for a save
}

func TestContactsAreSavedAndValidated(t *testing.T) {
	s, ui := showOrganizations(t, "cs")
	f := s.form
	ui.typeText(f.name, "Sociální služby Hlučín")
	f.sector.setKey(data.SectorSocialServices)
	ui.tapButton("Přidat kontaktní osobu")
	ui.tapButton("Přidat kontaktní osobu")
	ui.typeText(f.contacts[0].name, "Jana Nováková")
	ui.typeText(f.contacts[0].phone, "595 020 111")
	ui.typeText(f.contacts[1].email, "spatne")
	ui.tap(f.saveButton)
	ui.wantText("Kontakt 2, jméno a příjmení: povinný údaj")
	f.contacts[1].email.SetText("")
	ui.tap(f.saveButton)
	orgs, _ := ui.store.Organizations(ctx, "hlucin")
	if len(orgs) != 1 {
		t.Fatalf("found %d", len(orgs))
	}
	got, _ := ui.store.Organization(ctx, orgs[0].ID)
	if len(got.Contacts) != 1 || got.Contacts[0].Name != "Jana Nováková" {
		t.Fatalf("contacts %+v", got.Contacts)
	}
}

func TestDeleteAsksFirstAndIsRefusedWhileInUse(t *testing.T) {
	s, ui := showOrganizations(t, "pl")
	o := mustSaveOrg(t, ui, "Miejski Ośrodek Pomocy Społecznej", data.SectorSocialProtection)
	s.reload("")
	ui.settle()
	s.list.Select(0)
	ui.settle()
	if s.form.editing != o.ID {
		t.Fatalf("selecting did not open the organization")
	}
	ui.tap(s.form.deleteButton)
	ui.wantText("Usunąć „Miejski Ośrodek Pomocy Społecznej”")
	ui.tapButton("Anuluj")
	if orgs, _ := ui.store.Organizations(ctx, ""); len(orgs) != 1 {
		t.Fatal("cancel deleted")
	}
	// The protocol names it as a participant.
	p := data.Protocol{Title: "Protokół", Participants: []data.Participant{{OrganizationID: o.ID}}}
	if _, err := ui.store.CreateProtocol(ctx, &p); err != nil {
		t.Fatal(err)
	}
	ui.tap(s.form.deleteButton)
	ui.tapButton("Usuń")
	ui.wantText("Nie można usunąć: odwołuje się do niej 1 rekord")
	if orgs, _ := ui.store.Organizations(ctx, ""); len(orgs) != 1 {
		t.Fatal("an organization in use was deleted")
	}
}

func TestUnsavedTextIsKeptWhenTheUserChoosesToKeepEditing(t *testing.T) {
	s, ui := showOrganizations(t, "en")
	mustSaveOrg(t, ui, "Police", data.SectorPolice)
	s.reload("")
	ui.settle()
	ui.typeText(s.form.name, "Half-typed name")
	s.list.Select(0)
	ui.wantText("Unsaved changes")
	ui.tapButton("Keep editing")
	if s.form.name.Text != "Half-typed name" || s.form.editing != "" {
		t.Fatalf("typed text lost: %q (editing %q)", s.form.name.Text, s.form.editing)
	}
	s.list.Select(0)
	ui.tapButton("Discard")
	ui.settle()
	if s.form.name.Text != "Police" {
		t.Fatalf("discard did not open the chosen organization: %q", s.form.name.Text)
	}
}

func TestOpeningAnOrganizationShowsEveryStoredValue(t *testing.T) {
	s, ui := showOrganizations(t, "en")
	o := &data.Organization{Name: "Juvenile prevention", Sector: data.SectorPolice, LegalType: data.LegalStateInstitution,
		Phone: "102", Contacts: []data.Contact{{Name: "Inna Pavliuk", Position: "inspector"}}}
	if err := ui.store.SaveOrganization(ctx, o); err != nil {
		t.Fatal(err)
	}
	s.reload("")
	ui.wantText("(choose)") // the empty form is drawn first
	s.list.Select(0)
	ui.settle()
	// The choices are drawn with their values, not the "(choose)" placeholder.
	ui.wantText("Police")
	ui.wantText("State institution")
	if got := s.form.contacts[0].position.Text; got != "inspector" {
		t.Fatalf("contact position %q", got)
	}
	if s.form.dirty {
		t.Fatal("opening marked the form as changed")
	}
}

func TestLeavingTheScreenWithTypedTextAsksFirst(t *testing.T) {
	s, ui := showOrganizations(t, "uk")
	ui.typeText(s.form.name, "Недописана назва")
	ui.open("nav.settings")
	ui.wantText("Незбережені зміни")
	ui.tapButton("Продовжити редагування")
	if ui.screens[ui.current] != s || s.form.name.Text != "Недописана назва" {
		t.Fatalf("left the screen or lost the text: %q", s.form.name.Text)
	}
	ui.open("nav.settings")
	ui.tapButton("Відкинути")
	if ui.screens[ui.current].titleKey() != "nav.settings" {
		t.Fatalf("still on %s", ui.screens[ui.current].titleKey())
	}
}

// slowSave holds a save until the test lets it go.
type slowSave struct {
	organizationStore
	gate chan struct{}
}

func (s slowSave) SaveOrganization(ctx context.Context, o *data.Organization) error {
	if err := wait(ctx, s.gate); err != nil {
		return err
	}
	return s.organizationStore.SaveOrganization(ctx, o)
}

// A long save (a rename written into thousands of referrals) cannot be
// started twice, is not "unsaved" while it runs, and ends even when the
// user goes to another screen meanwhile.
func TestALongSaveEndsWhateverTheUserDoesMeanwhile(t *testing.T) {
	s, ui := showOrganizations(t, "uk")
	gate := make(chan struct{})
	s.store = slowSave{s.store, gate}
	ui.typeText(s.form.name, "Служба у справах дітей")
	s.form.sector.setKey(data.SectorChildService)
	test.Tap(s.form.saveButton)
	if !s.form.saveButton.Disabled() {
		t.Fatal("Save can be pressed again while the save runs")
	}
	for i, sc := range ui.screens {
		if sc.titleKey() == "nav.dashboard" {
			ui.nav.Select(i)
		}
	}
	if strings.Contains(ui.textsNow(), "Незбережені зміни") || ui.screens[ui.current].titleKey() != "nav.dashboard" {
		t.Fatalf("leaving during the save asked about unsaved changes:\n%s", ui.textsNow())
	}
	close(gate)
	ui.settle()
	if saved, _ := ui.store.Organizations(ctx, "служба"); len(saved) != 1 {
		t.Fatalf("the save did not end after the user left: %v", saved)
	}
	if s.form.saveButton.Disabled() {
		t.Fatal("Save stays disabled after the save")
	}
}

func TestTheUnsavedQuestionSavesThenGoesOn(t *testing.T) {
	s, ui := showOrganizations(t, "en")
	ui.typeText(s.form.name, "Youth centre")
	s.form.sector.setKey(data.SectorOther)
	ui.press("3") // Ctrl+3: the cases
	ui.tapButton("Save")
	if got := ui.screens[ui.current].titleKey(); got != "nav.cases" {
		t.Fatalf("after Save the window shows %s", got)
	}
	if list, _ := ui.store.Organizations(ctx, "Youth centre"); len(list) != 1 {
		t.Fatalf("the organization was not saved: %v", list)
	}
	// A save that is refused stays, with its problem on screen.
	ui.open("nav.organizations")
	s = ui.screens[ui.current].(*organizationsScreen)
	ui.typeText(s.form.email, "not an address")
	ui.press("3")
	ui.tapButton("Save")
	if got := ui.screens[ui.current].titleKey(); got != "nav.organizations" {
		t.Fatalf("a refused save left for %s", got)
	}
	ui.wantText("not a valid e-mail address")
}
