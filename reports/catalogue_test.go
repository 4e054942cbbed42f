package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/xuri/excelize/v2"

	"spilno/data"
	"spilno/internal/readback"
)

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func ptr(n int) *int { return &n }

// sampleServices are three services in Ukrainian, Czech and Polish.
func sampleServices() []data.Service {
	return []data.Service{
		{Name: "Соціальний супровід сімей з дітьми", ProviderName: "Центр надання соціальних послуг", ProviderPhone: "+380 3342 2-15-07",
			TypeCode: "К-4", TypeName: "Соціальний супровід", Status: data.StatusActive, AgeMin: ptr(0), AgeMax: ptr(18),
			Forms: []data.ServiceForm{data.FormAtHome, data.FormOutreach}, TargetGroupNames: []string{"Сім'ї з дітьми", "Діти"},
			Address: "вул. Шевченка, 12, м. Вишнів", Capacity: ptr(25), CapacityUnit: "clients_per_month", Cost: data.CostFree,
			Schedule:   []data.OpeningHours{{Day: 1, Opens: "08:00", Closes: "17:00"}, {Day: 2, Opens: "08:00", Closes: "17:00"}, {Day: 3, Opens: "08:00", Closes: "17:00"}, {Day: 4, Opens: "08:00", Closes: "17:00"}, {Day: 5, Opens: "08:00", Closes: "15:45"}},
			HowToApply: "Звернутися до ЦНСП особисто або телефоном; ґрунтовна оцінка потреб — 5 робочих днів.", VerifiedOn: "2026-09-01"},
		{Name: "Sociálně aktivizační služby pro rodiny s dětmi – Hlučín", ProviderName: "Charita Hlučín, Ústí nad Labem",
			TypeCode: "28", TypeName: "Sociálně aktivizační služby pro rodiny s dětmi", Status: data.StatusTemporarilyClosed,
			Forms: []data.ServiceForm{data.FormOutreach}, TargetGroupNames: []string{"Rodiny s dětmi"}, Email: "sas@charita-hlucin.cz",
			HowToApply: "Telefonicky nebo osobně; žádost není třeba. Přednost mají rodiny, kterým hrozí odebrání dítěte.", VerifiedOn: "2024-05-01"},
		{Name: "Usługi opiekuńcze w miejscu zamieszkania – Łódź, Gdańsk, Żółkiewka", ProviderName: "Miejski Ośrodek Pomocy Społecznej",
			TypeCode: "4", TypeName: "Pomoc społeczna", Status: data.StatusActive, Forms: []data.ServiceForm{data.FormAtHome},
			TargetGroupNames: []string{"Seniorzy", "Osoby z niepełnosprawnościami"}, Cost: data.CostPartlyPaid, CostNote: "odpłatność wg dochodu",
			Schedule: []data.OpeningHours{{Day: 6, Opens: "09:00", Closes: "13:00"}}},
	}
}

func TestCatalogueXLSXReadsBack(t *testing.T) {
	var buf bytes.Buffer
	o := Options{Lang: "uk", Community: "Вишнівська громада", Now: now}
	if err := CatalogueXLSX(context.Background(), &buf, sampleServices(), o); err != nil {
		t.Fatal(err)
	}
	xlsx := buf.Bytes()
	columnsAscend(t, xlsx)
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 2 || sheets[0] != "Послуги" || sheets[1] != "Підсумки" {
		t.Fatalf("sheets %v", sheets)
	}
	rows, err := f.GetRows("Послуги")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][2] != "Назва" || rows[0][3] != "Надавач" {
		t.Fatalf("header %v (%d rows)", rows[0], len(rows))
	}
	if rows[1][2] != "Соціальний супровід сімей з дітьми" || rows[2][2] != "Sociálně aktivizační služby pro rodiny s dětmi – Hlučín" ||
		!strings.Contains(rows[3][2], "Żółkiewka") {
		t.Fatalf("names %q %q %q", rows[1][2], rows[2][2], rows[3][2])
	}
	if rows[1][4] != "Діє" || rows[2][4] != "Тимчасово призупинено" || rows[1][11] != "Пн–Чт 08:00–17:00; Пт 08:00–15:45" {
		t.Fatalf("row 2 %v", rows[1])
	}
	// Numbers and dates are typed cells, not text.
	if typ, _ := f.GetCellType("Послуги", "G2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("age cell type %v", typ)
	}
	age, _ := f.GetCellValue("Послуги", "H2", excelize.Options{RawCellValue: true})
	if age != "18" {
		t.Errorf("age to %q", age)
	}
	verified, _ := f.GetCellValue("Послуги", "X2", excelize.Options{RawCellValue: true})
	if verified != "46266" { // 2026-09-01 as an Excel serial day
		t.Errorf("verified-on cell holds %q, want a date serial", verified)
	}
	panes, err := f.GetPanes("Послуги")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v %v", panes, err)
	}
	wellMade(t, xlsx, "A1:Z4", "Перелік соціальних послуг громади — Вишнівська громада", "Вишнівська громада", "uk")
	summary, _ := f.GetRows("Підсумки")
	if summary[1][0] != "К-4" || summary[1][2] != "1" || summary[4][1] != "Усього" || summary[4][2] != "3" {
		t.Errorf("summary %v", summary)
	}
}

func TestCataloguePDFDrawsEveryLetterAndReadsBack(t *testing.T) {
	for _, lang := range []string{"uk", "cs", "pl", "en"} {
		var buf bytes.Buffer
		o := Options{Lang: lang, Community: "Вишнівська громада", Now: now, Strict: true}
		if err := CataloguePDF(context.Background(), &buf, sampleServices(), o); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("%s: not a PDF", lang)
		}
		text := pdfText(t, buf.Bytes())
		if text == "" {
			continue
		}
		want := map[string][]string{
			"uk": {"Перелік соціальних послуг громади", "Вишнівська громада", "Соціальний супровід сімей з дітьми", "Пн–Чт 08:00–17:00",
				"Покажчик надавачів", "Сторінка 1 з", "ґрунтовна оцінка потреб", "станом на 23.11.2026", "01.09.2026"},
			"cs": {"Veřejný seznam sociálních služeb", "Sociálně aktivizační služby pro rodiny s dětmi", "Charita Hlučín, Ústí nad Labem",
				"Dočasně pozastaveno", "Strana 2 z", "Rejstřík poskytovatelů"},
			"pl": {"Wykaz usług społecznych", "Żółkiewka", "Miejski Ośrodek Pomocy Społecznej", "So 09:00–13:00", "Częściowo odpłatna"},
			"en": {"Public list of social services", "Page 1 of", "Index of providers"},
		}[lang]
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the PDF text lacks %q", lang, w)
			}
		}
		if lang == "uk" && strings.Contains(text, "не перевірено понад рік") {
			t.Error("the public list carries the department's note on unverified services")
		}
	}
}

func TestMissingGlyphFailsInStrictMode(t *testing.T) {
	services := sampleServices()
	services[0].Name = "Послуга 日本"
	err := CataloguePDF(context.Background(), &bytes.Buffer{}, services, Options{Lang: "uk", Now: now, Strict: true})
	if !errors.Is(err, ErrMissingGlyph) {
		t.Fatalf("want ErrMissingGlyph, got %v", err)
	}
}

func TestExportStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := CatalogueXLSX(ctx, &bytes.Buffer{}, sampleServices(), Options{Lang: "en", Now: now}); !errors.Is(err, context.Canceled) {
		t.Fatalf("xlsx: %v", err)
	}
	if err := CataloguePDF(ctx, &bytes.Buffer{}, sampleServices(), Options{Lang: "en", Now: now}); !errors.Is(err, context.Canceled) {
		t.Fatalf("pdf: %v", err)
	}
}

// pdfText is the text a reader of the PDF gets.
func pdfText(t *testing.T, pdf []byte) string { return readback.PDFBytesText(t, pdf) }

func TestAFailedDrawingCallFailsTheDocument(t *testing.T) {
	d, err := newPDF(margins{top: 50, right: 50, bottom: 50, left: 50}, Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	d.newPage()
	d.setFont("no such font", 12)
	d.cellAt(60, 60, "текст")
	var out bytes.Buffer
	if err := d.finish(&out); err == nil || out.Len() > 0 {
		t.Fatalf("a document with a failed call was written (%d bytes): %v", out.Len(), err)
	}
}

// A table's header titles must differ, or Excel repairs the file on opening.
func TestTableHeadersDifferInEveryLanguage(t *testing.T) {
	for _, lang := range []string{"uk", "en", "cs", "pl"} {
		o := Options{Lang: lang}
		_, register := registerSheet(o)
		_, catalogue := catalogueSheet(o)
		for name, titles := range map[string][]string{"register": register, "catalogue": catalogue} {
			seen := map[string]bool{}
			for _, title := range titles {
				if seen[title] {
					t.Errorf("%s: the %s has two columns titled %q", lang, name, title)
				}
				seen[title] = true
			}
		}
	}
}

func TestATypeHeadingNeverEndsAPage(t *testing.T) {
	var services []data.Service
	for i := range 48 {
		s := sampleServices()[0]
		s.Name = fmt.Sprintf("Послуга %02d", i+1)
		s.TypeCode, s.TypeName = fmt.Sprintf("Т-%d", i/3), fmt.Sprintf("Тип послуг %d", i/3)
		s.Description = strings.Repeat("Опис послуги, що займає кілька рядків у переліку. ", 1+i%5)
		services = append(services, s)
	}
	var buf bytes.Buffer
	if err := CataloguePDF(context.Background(), &buf, services, Options{Lang: "uk", Now: now, Strict: true}); err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(pdfText(t, buf.Bytes()), "\f")
	headings := 0
	for p, page := range pages {
		var lines []string
		for _, l := range strings.Split(page, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "Сторінка") {
				lines = append(lines, l)
			}
		}
		for i, l := range lines {
			if strings.HasPrefix(l, "Т-") {
				headings++
				if i >= len(lines)-2 {
					t.Errorf("page %d ends with the heading %q", p+1, l)
				}
			}
		}
	}
	if headings != 16 {
		t.Fatalf("%d type headings found in the text, want 16", headings)
	}
}

func TestTheBookletLinksContactsAndBookmarksTypes(t *testing.T) {
	var buf bytes.Buffer
	if err := CataloguePDF(context.Background(), &buf, sampleServices(), Options{Lang: "uk", Now: now, Strict: true}); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	for _, want := range []string{"tel:+380334221507", "mailto:sas@charita-hlucin.cz"} {
		if !strings.Contains(raw, want) {
			t.Errorf("the booklet lacks %s", want)
		}
	}
	marks, err := api.Bookmarks(bytes.NewReader(buf.Bytes()), model.NewDefaultConfiguration())
	var titles []string
	for _, m := range marks {
		titles = append(titles, m.Title)
	}
	if err != nil || len(titles) != 3 || titles[0] != "К-4  Соціальний супровід" {
		t.Errorf("bookmarks %q (%v)", titles, err)
	}
}
