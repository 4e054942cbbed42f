package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"spilno/data"
)

func showCatalogue(t *testing.T, language string, withDemo bool) (*catalogueScreen, *UI) {
	t.Helper()
	return openScreen[*catalogueScreen](t, language, "nav.catalogue", demoIf(withDemo))
}

func selectOption(t *testing.T, sel *widget.Select, prefix string) {
	t.Helper()
	for i, o := range sel.Options {
		if strings.HasPrefix(o, prefix) {
			sel.SetSelectedIndex(i)
			return
		}
	}
	t.Fatalf("no option %q in %v", prefix, sel.Options)
}

func tick(t *testing.T, g *checkGrid, label string) {
	t.Helper()
	for _, c := range g.checks {
		if c.Text == label {
			test.Tap(c)
			return
		}
	}
	t.Fatalf("no check box %q", label)
}

func TestCreateAServiceInTheFormAndFindItInTheTable(t *testing.T) {
	s, ui := showCatalogue(t, "uk", false)
	mustSaveOrg(t, ui, "Центр надання соціальних послуг", data.SectorSocialServices)
	s.refresh()
	tapButton(t, ui.win, "Нова послуга")
	f := s.form
	selectOption(t, f.provider, "Центр надання")
	selectOption(t, f.serviceType, "К-4 ")
	test.Type(f.name, "Соціальний супровід сімей")
	tick(t, f.groups, "Сім'ї з дітьми")
	tick(t, f.forms, "Вдома")
	test.Type(f.ageMin, "0")
	test.Type(f.ageMax, "18")
	test.Type(f.hours[0].opens, "8:00")
	test.Type(f.hours[0].closes, "17:00")
	test.Type(f.verifiedOn, "01.10.2026")
	test.Tap(f.saveButton)
	wantText(t, ui.win, "Збережено: Соціальний супровід сімей")

	list, _ := ui.store.Services(ctx, data.ServiceFilter{})
	if len(list) != 1 {
		t.Fatalf("stored %d services", len(list))
	}
	got := list[0]
	if got.TypeCode != "К-4" || *got.AgeMax != 18 || got.VerifiedOn != "2026-10-01" || len(got.Forms) != 1 ||
		got.Schedule[0] != (data.OpeningHours{Day: 1, Opens: "08:00", Closes: "17:00"}) || got.TargetGroupNames[0] != "Сім'ї з дітьми" {
		t.Fatalf("stored %+v", got)
	}
	tapButton(t, ui.win, "До переліку")
	test.Type(s.search, "СУПРОВІД")
	if len(s.items) != 1 {
		t.Fatalf("search found %d", len(s.items))
	}
	if got := tableTexts(&s.table.Table); !strings.Contains(got, "Соціальний супровід сімей | Центр надання соціальних послуг | К-4 Соціальний супровід | Діє | 01.10.2026") {
		t.Fatalf("table shows %q", got)
	}
	wantText(t, ui.win, "1 послуга")
}

func TestServiceFormNamesProblemsAndKeepsTheText(t *testing.T) {
	s, ui := showCatalogue(t, "en", true)
	tapButton(t, ui.win, "New service")
	f := s.form
	test.Type(f.name, "Evening club")
	test.Type(f.ageMin, "18")
	test.Type(f.ageMax, "6")
	test.Type(f.capacity, "many")
	test.Type(f.hours[2].opens, "18:00")
	test.Type(f.hours[2].closes, "09:00")
	test.Type(f.verifiedOn, "31.02.2026")
	test.Tap(f.saveButton)
	for _, want := range []string{"Provider: required", "Service type: required", "Age to: must not be below “age from”",
		"Capacity: a whole number", "Wednesday: closing must be after opening", "Last verified on: not a date"} {
		wantText(t, ui.win, want)
	}
	if f.name.Text != "Evening club" || f.capacity.Text != "many" || f.hours[2].opens.Text != "18:00" {
		t.Fatal("typed text lost")
	}
	if list, _ := ui.store.Services(ctx, data.ServiceFilter{Query: "evening"}); len(list) != 0 {
		t.Fatal("a refused service was stored")
	}
	// Leaving with typed text asks first.
	tapButton(t, ui.win, "Back to the list")
	wantText(t, ui.win, "Unsaved changes")
	tapButton(t, ui.win, "Keep editing")
	if s.form == nil || f.name.Text != "Evening club" {
		t.Fatal("the form was left")
	}
}

func TestDuplicateServiceAsksBeforeCreating(t *testing.T) {
	s, ui := showCatalogue(t, "uk", true)
	tapButton(t, ui.win, "Нова послуга")
	f := s.form
	selectOption(t, f.provider, "Центр надання соціальних послуг")
	selectOption(t, f.serviceType, "002.0")
	test.Type(f.name, "психологічне консультування ПІДЛІТКІВ")
	before, _ := ui.store.Services(ctx, data.ServiceFilter{})
	test.Tap(f.saveButton)
	wantText(t, ui.win, "Можливий дублікат")
	tapButton(t, ui.win, "Скасувати")
	if after, _ := ui.store.Services(ctx, data.ServiceFilter{}); len(after) != len(before) {
		t.Fatal("cancelled duplicate was stored")
	}
	test.Tap(f.saveButton)
	tapButton(t, ui.win, "Усе одно створити")
	if after, _ := ui.store.Services(ctx, data.ServiceFilter{}); len(after) != len(before)+1 {
		t.Fatal("confirmed duplicate was not stored")
	}
}

func TestFiltersCombineAndHeadersSort(t *testing.T) {
	s, ui := showCatalogue(t, "uk", true)
	if len(s.items) != 60 {
		t.Fatalf("demo shows %d", len(s.items))
	}
	selectOption(t, s.groupFilter, "Діти")
	kids := len(s.items)
	s.formFilter.setKey(data.FormDay)
	both := len(s.items)
	selectOption(t, s.provider, "Інклюзивно-ресурсний центр")
	if !(kids > both && both >= len(s.items) && len(s.items) > 0) {
		t.Fatalf("filters do not narrow: %d, %d, %d", kids, both, len(s.items))
	}
	for _, sv := range s.items {
		if sv.ProviderName != "Інклюзивно-ресурсний центр Вишнівської міської ради" {
			t.Fatalf("provider filter let %q through", sv.ProviderName)
		}
	}
	want, _ := ui.store.Services(ctx, data.ServiceFilter{TargetGroupID: s.groups[0].ID, Form: data.FormDay, OrganizationID: s.items[0].OrganizationID})
	if len(want) != len(s.items) {
		t.Fatalf("screen %d, store %d", len(s.items), len(want))
	}
	tapButton(t, ui.win, "Скинути фільтри")
	if len(s.items) != 60 {
		t.Fatalf("cleared filters show %d", len(s.items))
	}
	first := s.items[0].Name
	s.sortBy(0)
	if s.items[len(s.items)-1].Name != first || !s.sortDesc {
		t.Fatal("a second tap on the name header did not reverse the order")
	}
	s.sortBy(3) // status
	if s.items[0].Status != data.StatusActive {
		t.Fatalf("sorted by status, first is %s", s.items[0].Status)
	}
	if got := tableTexts(&s.table.Table); !strings.Contains(got, "· час перевірити") { // not verified for a year
		t.Fatalf("no service is marked as due for a check:\n%s", got)
	}
}

func TestDoubleClickOpensTheService(t *testing.T) {
	s, ui := showCatalogue(t, "en", true)
	cell := s.table.CreateCell().(*tableCell)
	cell.row = 2
	test.DoubleTap(cell)
	if s.form == nil || s.form.name.Text != s.items[2].Name {
		t.Fatal("double click did not open the service")
	}
	wantText(t, ui.win, s.items[2].Name)
}

func TestNewServiceFromAnOrganization(t *testing.T) {
	ui, w := newTestUI(t, "en")
	o := mustSaveOrg(t, ui, "Charita Hlučín", data.SectorReligious)
	w.SetContent(ui.content())
	ui.showScreen("nav.organizations")
	orgs := ui.screens[ui.current].(*organizationsScreen)
	orgs.reload(o.ID)
	orgs.open(o.ID)
	test.Tap(orgs.form.newServiceButton)
	cat, ok := ui.screens[ui.current].(*catalogueScreen)
	if !ok || cat.form == nil || cat.form.provider.Selected != "Charita Hlučín" {
		t.Fatal("the catalogue did not open a new service of the organization")
	}
}

func TestImportPreviewRejectsAndImportsAllOrNothing(t *testing.T) {
	s, ui := showCatalogue(t, "uk", true)
	csv := "Назва;Надавач;Тип послуги;Отримувачі;Вік від;Вік до\n" +
		"Клуб для батьків;ГО «Родина разом»;К-2;Сім'ї з дітьми;;\n" +
		"Табір;Нова організація;К-7;Молодь;16;12\n"
	s.importFrom(strings.NewReader(csv), "services.csv")
	imp := s.importer
	if imp == nil {
		t.Fatal("no import dialog")
	}
	wantText(t, ui.win, "1 рядок відхилено")
	wantText(t, ui.win, "Рядок 3 · Табір — Вік до: не може бути меншим за «вік від»")
	if !imp.importButton.Disabled() {
		t.Fatal("import allowed with a rejected row")
	}
	before, _ := ui.store.Services(ctx, data.ServiceFilter{})
	good := strings.Replace(csv, "16;12", "12;16", 1)
	s.importFrom(strings.NewReader(good), "services.csv")
	imp = s.importer
	if imp.importButton.Disabled() || !imp.createProviders.Visible() {
		t.Fatal("a clean file cannot be imported")
	}
	test.Tap(imp.importButton) // new provider not confirmed yet
	wantText(t, ui.win, "Позначте «Створити надавачів…»")
	test.Tap(imp.createProviders)
	test.Tap(imp.importButton)
	after, _ := ui.store.Services(ctx, data.ServiceFilter{})
	if len(after) != len(before)+2 {
		t.Fatalf("imported %d, want 2", len(after)-len(before))
	}
	wantText(t, ui.win, "Імпортовано 2 послуги.")
}

func TestImportOfAForeignFileSaysWhy(t *testing.T) {
	s, ui := showCatalogue(t, "cs", false)
	s.importFrom(strings.NewReader("%PDF-1.4"), "seznam.pdf")
	wantText(t, ui.win, "Soubor seznam.pdf nelze přečíst jako tabulku")
}

func TestClassifierEditorsRenameRetireAndAdd(t *testing.T) {
	s, ui := showCatalogue(t, "pl", false)
	if err := ui.store.SaveSettings(ctx, data.Settings{Country: data.CountryPL, BackupKeep: 10, RetentionYears: 5}); err != nil {
		t.Fatal(err)
	}
	s.refresh()
	e := showServiceTypes(s)
	e.list.Select(0)
	e.name.SetText("Polityka rodzinna")
	e.retired.SetChecked(true)
	test.Tap(findButton(t, ui, "Zapisz"))
	e.list.UnselectAll()
	e.load(-1)
	e.chosen = -1
	e.code.SetText("15")
	e.name.SetText("Usługi sąsiedzkie")
	test.Tap(findButton(t, ui, "Zapisz"))
	types, _ := ui.store.ServiceTypes(ctx, data.CountryPL)
	if len(types) != 15 || types[0].Name != "Polityka rodzinna" || !types[0].Retired {
		t.Fatalf("types %+v", types[:2])
	}
	g := showTargetGroups(s)
	g.name.SetText("Opiekunowie faktyczni")
	test.Tap(findButton(t, ui, "Zapisz"))
	groups, _ := ui.store.TargetGroups(ctx, data.CountryPL)
	if groups[len(groups)-1].Name != "Opiekunowie faktyczni" {
		t.Fatalf("groups %+v", groups)
	}
}

// findButton finds the topmost visible button with the text.
func findButton(t *testing.T, ui *UI, text string) *widget.Button {
	t.Helper()
	overlays := ui.win.Canvas().Overlays().List()
	for i := len(overlays) - 1; i >= 0; i-- {
		for _, o := range test.LaidOutObjects(overlays[i]) {
			if b, ok := o.(*widget.Button); ok && b.Text == text {
				return b
			}
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

func TestExportCatalogueWritesTheFilteredList(t *testing.T) {
	s, ui := showCatalogue(t, "uk", true)
	path := filepath.Join(t.TempDir(), "перелік.xlsx")
	if err := ExportCatalogue(ctx, ui.store, data.ServiceFilter{Status: data.StatusTemporarilyClosed}, "xlsx", path, "uk", nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Послуги")
	closed, _ := ui.store.Services(ctx, data.ServiceFilter{Status: data.StatusTemporarilyClosed})
	if len(rows) != len(closed)+1 {
		t.Fatalf("%d rows for %d closed services", len(rows)-1, len(closed))
	}
	for _, r := range rows[1:] {
		if r[4] != "Тимчасово призупинено" {
			t.Fatalf("row %v", r)
		}
	}
	// A folder that does not exist gets a clear message and no file.
	err = ExportCatalogue(ctx, ui.store, data.ServiceFilter{}, "pdf", filepath.Join(t.TempDir(), "missing", "x.pdf"), "uk", nil)
	if data.ErrorCode(err) != data.ENoFolder {
		t.Fatalf("missing folder: %v", err)
	}
	_ = s
}
