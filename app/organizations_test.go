package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"spilno/data"
)

var ctx = context.Background()

func showOrganizations(t *testing.T, language string) (*organizationsScreen, *UI) {
	t.Helper()
	return openScreen[*organizationsScreen](t, language, "nav.organizations", noDemo)
}

func TestTypeSaveAndFindOrganizationByCyrillicSearch(t *testing.T) {
	s, ui := showOrganizations(t, "uk")
	f := s.form
	test.Type(f.name, "Служба у справах дітей")
	test.Type(f.shortName, "ССД")
	f.sector.setKey(data.SectorChildService)
	test.Type(f.registryID, "4123 4568")
	test.Type(f.email, "ssd@rada.gov.ua")
	test.Type(f.phone, "+380 3342 2-11-40")
	test.Tap(f.saveButton)

	wantText(t, ui.win, "Збережено: Служба у справах дітей")
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
	if len(s.items) != 2 {
		t.Fatalf("list shows %d", len(s.items))
	}

	test.Type(s.search, "СЛУЖБА")
	if len(s.items) != 1 || s.items[0].Name != "Служба у справах дітей" {
		t.Fatalf("search СЛУЖБА found %+v", s.items)
	}
	wantText(t, ui.win, "Служба у справах дітей")
	wantNoText(t, ui.win, "Вишнівський ліцей")
	wantText(t, ui.win, "1 організація")

	s.search.SetText("")
	test.Type(s.search, "ссд")
	if len(s.items) != 1 {
		t.Fatalf("search ссд found %d", len(s.items))
	}
}

func mustSaveOrg(t *testing.T, ui *UI, name string, sector data.Sector) *data.Organization {
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
	test.Type(f.name, "Центр соціальних служб")
	test.Type(f.email, "cnsp@")
	// Sector is left unchosen.
	test.Tap(f.saveButton)

	wantText(t, ui.win, "Не збережено")
	wantText(t, ui.win, "Ел. пошта: недійсна адреса ел. пошти")
	wantText(t, ui.win, "Сектор: обов’язкове поле")
	if f.name.Text != "Центр соціальних служб" || f.email.Text != "cnsp@" {
		t.Fatalf("typed text lost: %q %q", f.name.Text, f.email.Text)
	}
	if orgs, _ := ui.store.Organizations(ctx, ""); len(orgs) != 0 {
		t.Fatalf("a refused save stored %v", orgs)
	}
	// Correcting the field clears its message as the user types.
	test.Type(f.email, "ua.example.gov")
	f.email.SetText("cnsp@rada.gov.ua")
	if f.fields[fieldIndex(f, "email")].problem.Visible() {
		t.Fatal("the e-mail message stays after the fix")
	}
	f.sector.setKey(data.SectorSocialServices)
	test.Tap(f.saveButton)
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
	test.Type(s.form.phone, "call me")
	wantText(t, ui.win, "not a phone number")
	wantNoText(t, ui.win, "Name: required") // untouched fields wait for a save
}

func TestContactsAreSavedAndValidated(t *testing.T) {
	s, ui := showOrganizations(t, "cs")
	f := s.form
	test.Type(f.name, "Sociální služby Hlučín")
	f.sector.setKey(data.SectorSocialServices)
	tapButton(t, ui.win, "Přidat kontaktní osobu")
	tapButton(t, ui.win, "Přidat kontaktní osobu")
	test.Type(f.contacts[0].name, "Jana Nováková")
	test.Type(f.contacts[0].phone, "595 020 111")
	test.Type(f.contacts[1].email, "spatne")
	test.Tap(f.saveButton)
	wantText(t, ui.win, "Kontakt 2, jméno a příjmení: povinný údaj")
	f.contacts[1].email.SetText("")
	test.Tap(f.saveButton)
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
	s.list.Select(0)
	if s.form.editing != o.ID {
		t.Fatalf("selecting did not open the organization")
	}
	test.Tap(s.form.deleteButton)
	wantText(t, ui.win, "Usunąć „Miejski Ośrodek Pomocy Społecznej”")
	tapButton(t, ui.win, "Anuluj")
	if orgs, _ := ui.store.Organizations(ctx, ""); len(orgs) != 1 {
		t.Fatal("cancel deleted")
	}
	// The protocol names it as a participant.
	p := data.Protocol{Title: "Protokół", Participants: []data.Participant{{OrganizationID: o.ID}}}
	if _, err := ui.store.CreateProtocol(ctx, &p); err != nil {
		t.Fatal(err)
	}
	test.Tap(s.form.deleteButton)
	tapButton(t, ui.win, "Usuń")
	wantText(t, ui.win, "Nie można usunąć: odwołuje się do niej 1 rekord")
	if orgs, _ := ui.store.Organizations(ctx, ""); len(orgs) != 1 {
		t.Fatal("an organization in use was deleted")
	}
}

func TestUnsavedTextIsKeptWhenTheUserChoosesToKeepEditing(t *testing.T) {
	s, ui := showOrganizations(t, "en")
	mustSaveOrg(t, ui, "Police", data.SectorPolice)
	s.reload("")
	test.Type(s.form.name, "Half-typed name")
	s.list.Select(0)
	wantText(t, ui.win, "Unsaved changes")
	tapButton(t, ui.win, "Keep editing")
	if s.form.name.Text != "Half-typed name" || s.form.editing != "" {
		t.Fatalf("typed text lost: %q (editing %q)", s.form.name.Text, s.form.editing)
	}
	s.list.Select(0)
	tapButton(t, ui.win, "Discard")
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
	wantText(t, ui.win, "(choose)") // the empty form is drawn first
	s.list.Select(0)
	// The choices are drawn with their values, not the "(choose)" placeholder.
	wantText(t, ui.win, "Police")
	wantText(t, ui.win, "State institution")
	if got := s.form.contacts[0].position.Text; got != "inspector" {
		t.Fatalf("contact position %q", got)
	}
	if s.form.dirty {
		t.Fatal("opening marked the form as changed")
	}
}

func TestLeavingTheScreenWithTypedTextAsksFirst(t *testing.T) {
	s, ui := showOrganizations(t, "uk")
	test.Type(s.form.name, "Недописана назва")
	ui.showScreen("nav.settings")
	wantText(t, ui.win, "Незбережені зміни")
	tapButton(t, ui.win, "Продовжити редагування")
	if ui.screens[ui.current] != s || s.form.name.Text != "Недописана назва" {
		t.Fatalf("left the screen or lost the text: %q", s.form.name.Text)
	}
	ui.showScreen("nav.settings")
	tapButton(t, ui.win, "Відкинути")
	if ui.screens[ui.current].titleKey() != "nav.settings" {
		t.Fatalf("still on %s", ui.screens[ui.current].titleKey())
	}
}
