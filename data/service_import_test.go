package data

import (
	"archive/zip"
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestReadTableFromCSVInTheShapesExcelWrites(t *testing.T) {
	utf8CSV := "\xef\xbb\xbfНазва;Надавач;Тип послуги\nКонсультування батьків;ЦНСП;002.0\n;;\n"
	tab, err := ReadTable(strings.NewReader(utf8CSV), "послуги.csv")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(tab.Header, "|") != "Назва|Надавач|Тип послуги" || len(tab.Rows) != 1 || tab.Rows[0][1] != "ЦНСП" {
		t.Fatalf("utf-8 ; table %+v", tab)
	}
	// Windows-1251, as older Ukrainian Excel saves "CSV (разделители - запятые)".
	cp1251 := []byte{0xcd, 0xe0, 0xe7, 0xe2, 0xe0, ',', 'X', '\n', 0xb2, 0xed, 0xf4, 0xee, ',', '1', '\n'} // Назва / Інфо
	tab, err = ReadTable(bytes.NewReader(cp1251), "old.csv")
	if err != nil {
		t.Fatal(err)
	}
	if tab.Header[0] != "Назва" || tab.Rows[0][0] != "Інфо" {
		t.Fatalf("cp1251 table %+v", tab)
	}
	_, err = ReadTable(strings.NewReader("%PDF-1.7 binary"), "list.pdf")
	wantCode(t, err, EBadFile)
	_, err = ReadTable(strings.NewReader("not a zip"), "broken.xlsx")
	wantCode(t, err, EBadFile)
	_, err = ReadTable(strings.NewReader("\n\n"), "empty.csv")
	wantCode(t, err, EBadFile)
}

func TestReadTableFromXLSXWithADateCell(t *testing.T) {
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"Název", "Poskytovatel", "Ověřeno dne"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"Osobní asistence", "Charita", 46000})
	style, _ := x.NewStyle(&excelize.Style{NumFmt: 14})
	x.SetCellStyle("Sheet1", "C2", "C2", style)
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tab, err := ReadTable(&buf, "seznam.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	d, err := parseImportDate(tab.Rows[0][2])
	if err != nil || d.Format("2006-01-02") != "2025-12-09" {
		t.Fatalf("date cell %q → %v %v", tab.Rows[0][2], d, err)
	}
}

func TestGuessMappingInEveryLanguage(t *testing.T) {
	m := GuessMapping([]string{"Назва послуги", "Надавач", "Тип послуги", "Отримувачі", "Форма надання", "ЄДРПОУ"})
	want := Mapping{"name": 0, "provider": 1, "type": 2, "target_groups": 3, "forms": 4, "provider_registry_id": 5}
	for f, col := range want {
		if m[f] != col {
			t.Errorf("uk %s → %d, want %d (%v)", f, m[f], col, m)
		}
	}
	m = GuessMapping([]string{"Poskytovatel", "Název", "Druh služby", "Kapacita", "Ověřeno dne"})
	if m["provider"] != 0 || m["name"] != 1 || m["type"] != 2 || m["capacity"] != 3 || m["verified_on"] != 4 {
		t.Errorf("cs mapping %v", m)
	}
}

func importTable() Table {
	return Table{
		Header: []string{"Назва", "Надавач", "Тип", "Отримувачі", "Форма", "Вік від", "Вік до", "Стан", "Перевірено"},
		Rows: [][]string{
			{"Консультування батьків", "ЦНСП", "002.0", "Сім'ї з дітьми; Діти", "Дистанційно / телефоном", "", "", "Діє", "01.09.2026"},
			{"Денний догляд", "ГО «Турбота»", "Догляд вдома", "Люди похилого віку", "Вдома", "60", "", "", ""},
			{"Sociálně aktivizační služba", "Sociální služby Hlučín", "К-4", "Діти", "Outreach", "6", "3", "Aktivní", "bad date"},
		},
	}
}

func TestImportPlanShowsWhatAndWhy(t *testing.T) {
	f := newCatalogue(t)
	tab := importTable()
	plan, err := f.s.PlanServiceImport(ctx, CountryUA, tab, GuessMapping(tab.Header))
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Rows) != 3 || plan.Rejected() != 1 {
		t.Fatalf("plan %+v", plan)
	}
	r0 := plan.Rows[0]
	if r0.Service.OrganizationID != f.cnsp.ID || r0.Service.TypeID != f.types["002.0"].ID || len(r0.Service.TargetGroupIDs) != 2 ||
		r0.Service.Forms[0] != FormRemote || r0.Service.VerifiedOn != "2026-09-01" || r0.Service.Status != StatusActive {
		t.Fatalf("row 2 %+v", r0)
	}
	if !plan.Rows[1].NewProvider || len(plan.NewProviders) != 1 || plan.NewProviders[0] != "ГО «Турбота»" || *plan.Rows[1].Service.AgeMin != 60 {
		t.Fatalf("row 3 %+v, new %v", plan.Rows[1], plan.NewProviders)
	}
	bad := plan.Rows[2]
	rules := map[string]string{}
	for _, p := range bad.Problems {
		rules[p.Field] = p.Rule
	}
	if bad.Line != 4 || rules["status"] != "unknown_value" || rules["age_max"] != "age_order" || rules["verified_on"] != "date" {
		t.Fatalf("row 4 problems %+v", bad.Problems)
	}
	// All or nothing: the bad row stops the whole import.
	_, err = f.s.ImportServices(ctx, plan, true)
	wantCode(t, err, EInvalid)
	if got, _ := f.s.Services(ctx, ServiceFilter{}); len(got) != 0 {
		t.Fatalf("a refused import stored %d services", len(got))
	}
	if orgs, _ := f.s.Organizations(ctx, "турбота"); len(orgs) != 0 {
		t.Fatal("a refused import created a provider")
	}
}

func TestImportStoresEverythingOrNothing(t *testing.T) {
	f := newCatalogue(t)
	tab := importTable()
	tab.Rows = tab.Rows[:2]
	plan, err := f.s.PlanServiceImport(ctx, CountryUA, tab, GuessMapping(tab.Header))
	if err != nil || plan.Rejected() != 0 {
		t.Fatalf("plan %v %+v", err, plan)
	}
	// New providers need the user's consent.
	_, err = f.s.ImportServices(ctx, plan, false)
	wantCode(t, err, EInvalid)
	n, err := f.s.ImportServices(ctx, plan, true)
	if err != nil || n != 2 {
		t.Fatalf("import %d %v", n, err)
	}
	got, _ := f.s.Services(ctx, ServiceFilter{Query: "турбота"})
	if len(got) != 1 || got[0].Name != "Денний догляд" || got[0].TypeCode != "015.1" {
		t.Fatalf("imported %+v", got)
	}
	orgs, _ := f.s.Organizations(ctx, "турбота")
	if len(orgs) != 1 || orgs[0].Sector != SectorOther {
		t.Fatalf("new provider %+v", orgs)
	}
	// A failure half-way (here: a row whose provider vanished) rolls back all rows.
	plan2, _ := f.s.PlanServiceImport(ctx, CountryUA, tab, GuessMapping(tab.Header))
	plan2.Rows[1].Service.OrganizationID = "00000000-0000-0000-0000-000000000000"
	plan2.Rows[1].NewProvider = false
	_, err = f.s.ImportServices(ctx, plan2, true)
	if err == nil {
		t.Fatal("import with a vanished provider succeeded")
	}
	if all, _ := f.s.Services(ctx, ServiceFilter{}); len(all) != 2 {
		t.Fatalf("a failed import left %d services, want the 2 from before", len(all))
	}
}

func TestAFileThatIsNoTableIsRefused(t *testing.T) {
	for _, name := range []string{"junk.txt", "photo.csv"} {
		t.Run(name, func(t *testing.T) {
			_, err := ReadTable(strings.NewReader("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), name)
			if ErrorCode(err) != EBadFile {
				t.Fatalf("read as a table: %v", err)
			}
		})
	}
}

// A provider an import creates obeys the rules of one typed in: a name of
// 679 characters is a problem of its row, not an organization that can
// never be saved again.
func TestANewProviderIsValidatedLikeOneTypedIn(t *testing.T) {
	f := newCatalogue(t)
	tab := importTable()
	tab.Rows = tab.Rows[1:2]
	tab.Rows[0][1] = string([]rune(strings.Repeat("Громадська організація ", 30))[:679])
	plan, err := f.s.PlanServiceImport(ctx, CountryUA, tab, GuessMapping(tab.Header))
	if err != nil {
		t.Fatal(err)
	}
	if plan.Rejected() != 1 || !slices.Contains(plan.Rows[0].Problems, FieldError{Field: "provider", Rule: "too_long", Param: "300"}) {
		t.Fatalf("problems %+v", plan.Rows[0].Problems)
	}
	if len(plan.NewProviders) != 0 {
		t.Errorf("the plan offers to create the provider of a rejected row: %q", plan.NewProviders)
	}
	plan.Rows[0].Problems = nil // even a plan that says nothing is wrong
	_, err = f.s.ImportServices(ctx, plan, true)
	wantCode(t, err, EInvalid)
	if orgs, _ := f.s.Organizations(ctx, "громадська"); len(orgs) != 0 {
		t.Fatalf("the import stored the provider %q", orgs[0].Name)
	}
}

// A file beyond the limits (a spreadsheet that unpacks 33 KB into 33 MB,
// more rows than any catalogue) is refused at once with its own code,
// before it fills the memory.
func TestAnImportTooBigIsRefusedBeforeItIsRead(t *testing.T) {
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	w.Write(bytes.Repeat([]byte(" "), 33<<20))
	zw.Close()

	var long bytes.Buffer
	long.WriteString("Назва;Надавач\n")
	for i := range MaxImportRows + 1 {
		fmt.Fprintf(&long, "Послуга %d;ЦНСП\n", i)
	}
	book := excelize.NewFile()
	sw, _ := book.NewStreamWriter("Sheet1")
	for i := range MaxImportRows + 2 {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		sw.SetRow(cell, []any{fmt.Sprintf("Послуга %d", i), "ЦНСП"})
	}
	sw.Flush()
	var rows bytes.Buffer
	book.Write(&rows)

	for name, file := range map[string]*bytes.Buffer{"bomb.xlsx": &bomb, "long.csv": &long, "long.xlsx": &rows} {
		t.Run(name, func(t *testing.T) {
			if _, err := ReadTable(file, name); ErrorCode(err) != ETooBig {
				t.Fatalf("want the file refused as too big, got %v", err)
			}
		})
	}
	if _, err := ReadTable(strings.NewReader("Назва;Надавач\nПослуга;ЦНСП\n"), "short.csv"); err != nil {
		t.Fatalf("a small file: %v", err)
	}
}
