package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"spilno/data"
	"spilno/internal/readback"
)

func showCatalogue(t *testing.T, language string, withDemo bool) (*catalogueScreen, *testUI) {
	t.Helper()
	return openScreen[*catalogueScreen](t, language, "nav.catalogue", demoIf(withDemo))
}

func selectOption(t *testing.T, sel *selectBox, prefix string) {
	t.Helper()
	for i, o := range sel.Options {
		if strings.HasPrefix(strings.TrimSpace(o), prefix) {
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
	ui.settle()
	ui.tapButton("Нова послуга")
	f := s.form
	selectOption(t, f.provider, "Центр надання")
	selectOption(t, f.serviceType, "К-4 ")
	ui.typeText(f.name, "Соціальний супровід сімей")
	tick(t, f.groups, "Сім'ї з дітьми")
	tick(t, f.forms, "Вдома")
	ui.typeText(f.ageMin, "0")
	ui.typeText(f.ageMax, "18")
	ui.typeText(f.hours[0].opens, "8:00")
	ui.typeText(f.hours[0].closes, "17:00")
	ui.typeText(f.verifiedOn, "01.10.2026")
	ui.tap(f.saveButton)
	ui.wantText("Збережено: Соціальний супровід сімей")

	list, _ := ui.store.Services(ctx, data.ServiceFilter{})
	if len(list) != 1 {
		t.Fatalf("stored %d services", len(list))
	}
	got := list[0]
	if got.TypeCode != "К-4" || *got.AgeMax != 18 || got.VerifiedOn != "2026-10-01" || len(got.Forms) != 1 ||
		got.Schedule[0] != (data.OpeningHours{Day: 1, Opens: "08:00", Closes: "17:00"}) || got.TargetGroupNames[0] != "Сім'ї з дітьми" {
		t.Fatalf("stored %+v", got)
	}
	ui.tapButton("До переліку")
	ui.typeText(s.search, "СУПРОВІД")
	if len(s.items) != 1 {
		t.Fatalf("search found %d", len(s.items))
	}
	if got := ui.tableTexts(&s.table.Table); !strings.Contains(got, "Соціальний супровід сімей | Центр надання соціальних послуг | К-4 Соціальний супровід | Діє | 01.10.2026") {
		t.Fatalf("table shows %q", got)
	}
	if !s.count.Visible() || s.count.Text != "1 послуга" {
		t.Fatalf("the count shows %q (visible %v)", s.count.Text, s.count.Visible())
	}
}

func TestServiceFormNamesProblemsAndKeepsTheText(t *testing.T) {
	s, ui := showCatalogue(t, "en", true)
	ui.tapButton("New service")
	f := s.form
	ui.typeText(f.name, "Evening club")
	ui.typeText(f.ageMin, "18")
	ui.typeText(f.ageMax, "6")
	ui.typeText(f.capacity, "many")
	ui.typeText(f.hours[2].opens, "18:00")
	ui.typeText(f.hours[2].closes, "09:00")
	ui.typeText(f.verifiedOn, "31.02.2026")
	ui.tap(f.saveButton)
	for _, want := range []string{"Provider: required", "Service type: required", "Age to: must not be below “age from”",
		"Capacity: a whole number", "Wednesday: closing must be after opening", "Last verified on: not a date"} {
		ui.wantText(want)
	}
	if f.name.Text != "Evening club" || f.capacity.Text != "many" || f.hours[2].opens.Text != "18:00" {
		t.Fatal("typed text lost")
	}
	if list, _ := ui.store.Services(ctx, data.ServiceFilter{Query: "evening"}); len(list) != 0 {
		t.Fatal("a refused service was stored")
	}
	// Leaving with typed text asks first.
	ui.tapButton("Back to the list")
	ui.wantText("Unsaved changes")
	ui.tapButton("Keep editing")
	if s.form == nil || f.name.Text != "Evening club" {
		t.Fatal("the form was left")
	}
}

func TestDuplicateServiceAsksBeforeCreating(t *testing.T) {
	s, ui := showCatalogue(t, "uk", true)
	ui.tapButton("Нова послуга")
	f := s.form
	selectOption(t, f.provider, "Центр надання соціальних послуг")
	selectOption(t, f.serviceType, "002.0")
	ui.typeText(f.name, "психологічне консультування ПІДЛІТКІВ")
	before, _ := ui.store.Services(ctx, data.ServiceFilter{})
	ui.tap(f.saveButton)
	ui.wantText("Можливий дублікат")
	ui.tapButton("Скасувати")
	if after, _ := ui.store.Services(ctx, data.ServiceFilter{}); len(after) != len(before) {
		t.Fatal("cancelled duplicate was stored")
	}
	ui.tap(f.saveButton)
	ui.tapButton("Усе одно створити")
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
	ui.settle()
	kids := len(s.items)
	s.formFilter.setKey(data.FormDay)
	ui.settle()
	both := len(s.items)
	selectOption(t, s.provider, "Інклюзивно-ресурсний центр")
	ui.settle()
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
	ui.tapButton("Скинути фільтри")
	if len(s.items) != 60 {
		t.Fatalf("cleared filters show %d", len(s.items))
	}
	first := s.items[0].Name
	s.sortBy(0)
	ui.settle()
	if s.items[len(s.items)-1].Name != first || !s.sortDesc {
		t.Fatal("a second tap on the name header did not reverse the order")
	}
	s.sortBy(3) // status
	ui.settle()
	if s.items[0].Status != data.StatusActive {
		t.Fatalf("sorted by status, first is %s", s.items[0].Status)
	}
	if got := ui.tableTexts(&s.table.Table); !strings.Contains(got, "· час перевірити") { // not verified for a year
		t.Fatalf("no service is marked as due for a check:\n%s", got)
	}
}

func TestDoubleClickOpensTheService(t *testing.T) {
	s, ui := showCatalogue(t, "en", true)
	cell := s.table.CreateCell().(*tableCell)
	cell.row = 2
	test.DoubleTap(cell)
	ui.settle()
	if s.form == nil || s.form.name.Text != s.items[2].Name {
		t.Fatal("double click did not open the service")
	}
	ui.wantText(s.items[2].Name)
}

func TestNewServiceFromAnOrganization(t *testing.T) {
	ui := newTestUI(t, "en")
	o := mustSaveOrg(t, ui, "Charita Hlučín", data.SectorReligious)
	ui.win.SetContent(ui.content())
	ui.open("nav.organizations")
	orgs := ui.screens[ui.current].(*organizationsScreen)
	orgs.list.Select(0)
	ui.settle()
	if orgs.form.editing != o.ID {
		t.Fatal("the organization did not open")
	}
	ui.tap(orgs.form.newServiceButton)
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
	ui.files.pick(t, "services.csv", csv)
	ui.tapButton("Імпорт…")
	imp := s.importer
	if imp == nil {
		t.Fatal("no import dialog")
	}
	ui.wantText("1 рядок відхилено")
	ui.wantText("Рядок 3 · Табір — Вік до: не може бути меншим за «вік від»")
	if !imp.importButton.Disabled() {
		t.Fatal("import allowed with a rejected row")
	}
	before, _ := ui.store.Services(ctx, data.ServiceFilter{})
	good := strings.Replace(csv, "16;12", "12;16", 1)
	ui.files.pick(t, "services.csv", good)
	ui.tapButton("Імпорт…")
	imp = s.importer
	if imp.importButton.Disabled() || !imp.createProviders.Visible() {
		t.Fatal("a clean file cannot be imported")
	}
	ui.tap(imp.importButton) // new provider not confirmed yet
	ui.wantText("Позначте «Створити надавачів…»")
	ui.tap(imp.createProviders)
	ui.tap(imp.importButton)
	after, _ := ui.store.Services(ctx, data.ServiceFilter{})
	if len(after) != len(before)+2 {
		t.Fatalf("imported %d, want 2", len(after)-len(before))
	}
	ui.wantText("Імпортовано 2 послуги.")
}

func TestImportOfAForeignFileSaysWhy(t *testing.T) {
	s, ui := showCatalogue(t, "cs", false)
	ui.files.pick(t, "seznam.pdf", "%PDF-1.4")
	ui.tapButton("Import…")
	ui.wantText("Soubor seznam.pdf nelze přečíst jako tabulku")
	if s.importer != nil {
		t.Fatal("a foreign file opened the import preview")
	}
}

func TestClassifierEditorsRenameRetireAndAdd(t *testing.T) {
	s, ui := showCatalogue(t, "pl", false)
	if err := ui.store.SaveSettings(ctx, data.Settings{Country: data.CountryPL, BackupKeep: 10, RetentionYears: 5}); err != nil {
		t.Fatal(err)
	}
	s.refresh()
	ui.settle()
	ui.tapButton("Rodzaje usług")
	e := s.typesEditor
	e.list.Select(0)
	e.name.SetText("Polityka rodzinna")
	e.retired.SetChecked(true)
	ui.tapButton("Zapisz")
	ui.tapButton("Nowy")
	e.code.SetText("15")
	e.name.SetText("Usługi sąsiedzkie")
	ui.tapButton("Zapisz")
	types, _ := ui.store.ServiceTypes(ctx, data.CountryPL)
	if len(types) != 15 || types[0].Name != "Polityka rodzinna" || !types[0].Retired {
		t.Fatalf("types %+v", types[:2])
	}
	ui.tapButton("Zamknij")
	ui.tapButton("Grupy docelowe")
	g := ui.namedList
	g.name.SetText("Opiekunowie faktyczni")
	ui.tapButton("Zapisz")
	groups, _ := ui.store.TargetGroups(ctx, data.CountryPL)
	if groups[len(groups)-1].Name != "Opiekunowie faktyczni" {
		t.Fatalf("groups %+v", groups)
	}
}

// pdfText is the text a reader of the PDF gets.
func pdfText(t *testing.T, path string) string { return readback.PDFText(t, path) }

func TestExportCatalogueWritesTheFilteredList(t *testing.T) {
	s, ui := showCatalogue(t, "uk", true)
	s.status.setKey(data.StatusTemporarilyClosed)
	ui.settle()
	ui.tap(ui.button("XLSX…"))
	ui.wantText("Звіт сформовано")
	path := ui.files.saved[0]
	ui.wantText(filepath.Base(path))
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Послуги")
	closed, _ := ui.store.Services(ctx, data.ServiceFilter{Status: data.StatusTemporarilyClosed})
	if len(rows) != len(closed)+1 || len(closed) == 0 {
		t.Fatalf("%d rows for %d closed services", len(rows)-1, len(closed))
	}
	for _, r := range rows[1:] {
		if r[4] != "Тимчасово призупинено" {
			t.Fatalf("row %v", r)
		}
	}
	ui.tapButton("Гаразд")
	// The booklet, read back: the services and the title in Ukrainian.
	ui.tap(ui.button("PDF…"))
	text := pdfText(t, ui.files.saved[1])
	if !strings.Contains(text, "Перелік соціальних послуг") || !strings.Contains(text, closed[0].Name) {
		t.Fatalf("the booklet lacks its title or %q:\n%.500s", closed[0].Name, text)
	}
}

func TestAnExportIntoAFolderThatIsGoneSaysSoAndWritesNothing(t *testing.T) {
	_, ui := showCatalogue(t, "en", true)
	ui.files.dir = filepath.Join(t.TempDir(), "gone")
	ui.tap(ui.button("PDF…"))
	ui.wantText("does not exist")
	ui.wantNoText("Report written")
	if _, err := os.Stat(ui.files.dir); !os.IsNotExist(err) {
		t.Fatalf("the folder appeared: %v", err)
	}
}

func TestServiceTypesAreImportedFromAFileAllOrNothing(t *testing.T) {
	s, ui := showCatalogue(t, "en", false)
	ui.tapButton("Service types")
	before, _ := ui.store.ServiceTypes(ctx, data.CountryUA)
	ui.files.pick(t, "types.csv", "code,name,parent code,description\nК-9,Нова послуга,К,\nК-10,Ще одна,НЕМАЄ,\n")
	ui.tapButton("Import from file…")
	ui.wantText("Line 3: Parent code")
	ui.wantText("Nothing was imported")
	if after, _ := ui.store.ServiceTypes(ctx, data.CountryUA); len(after) != len(before) {
		t.Fatal("a refused import changed the classifier")
	}
	ui.files.pick(t, "types.csv", "code,name,parent code,description\nК-9,Нова послуга,К,\n")
	ui.tapButton("Import from file…")
	ui.wantText("1 row imported.")
	after, _ := ui.store.ServiceTypes(ctx, data.CountryUA)
	if len(after) != len(before)+1 {
		t.Fatalf("%d types after the import, %d before", len(after), len(before))
	}
	if labels := names(s.typesEditor.entries, typeLabel); !slices.Contains(labels, "    К-9 Нова послуга") {
		t.Fatalf("the new type is not listed under its parent: %v", labels)
	}
}

// A provider name of hundreds of characters (a wrong column) is rejected
// with its rule and does not make the import dialog wider than a screen.
func TestAnOverlongProviderKeepsTheImportDialogOnTheScreen(t *testing.T) {
	s, ui := showCatalogue(t, "uk", false)
	long := strings.Repeat("Громадська організація ", 18)
	ui.files.pick(t, "services.csv", "Назва;Надавач\nКлуб для батьків;"+long+"\n")
	ui.tapButton("Імпорт…")
	ui.wantText("Надавач: не більше 300 символів")
	if w := s.importer.createProviders.MinSize().Width; w > 1024 {
		t.Fatalf("the dialog needs %v px: wider than a 1024 px screen", w)
	}
}
