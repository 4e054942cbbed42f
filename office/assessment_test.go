package office

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"spilno/data"
	"spilno/internal/readback"
)

// demoAssessment is the demo's assessment and the store it is in.
func demoAssessment(t *testing.T) (*data.Store, data.Assessment) {
	t.Helper()
	st := demoStore(t)
	list, err := st.Assessments(context.Background(), time.Now())
	if err != nil || len(list) != 1 {
		t.Fatalf("%d assessments, %v", len(list), err)
	}
	a, err := st.Assessment(context.Background(), list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return st, a
}

func TestTheAssessmentReportReadsBackInEachLanguage(t *testing.T) {
	st, a := demoAssessment(t)
	dir := t.TempDir()
	for _, c := range []struct{ lang, title, gaps, plan, swot, share, approved, number, frozen string }{
		{"uk", "Звіт про результати визначення потреб", "Потреба і спроможність за видами послуг", "План заходів", "Слабкі сторони", "Частка",
			"ЗАТВЕРДЖЕНО", "№ 112", "зафіксовано на час затвердження"},
		{"cs", "Zpráva o zjišťování potřeb", "Potřeba a kapacita podle druhu služby", "Akční plán", "Slabé stránky", "Podíl",
			"SCHVÁLENO", "č. 112", "zachycena ke dni schválení"},
		{"pl", "Raport z określenia potrzeb", "Potrzeba i możliwości według rodzaju usługi", "Program usług społecznych", "Słabe strony", "Udział",
			"ZATWIERDZONO", "nr 112", "utrwalone na dzień zatwierdzenia"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			path := filepath.Join(dir, c.lang+".pdf")
			if err := ExportAssessment(context.Background(), st, a.ID, "pdf", Document{Path: path, Lang: c.lang}); err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(readback.PDFText(t, path)), " ")
			for _, want := range []string{c.title, a.Title, c.gaps, c.plan, c.swot, c.share, "Н. І. Бондар", "45-р",
				"Анкета мешканців", "Яких соціальних послуг бракує вашій сім'ї?", "Соціальний супровід", "Відтік фахівців",
				"Облаштувати кризову", "Приміщення передано, триває ремонт", c.approved, c.number, c.frozen} {
				if !strings.Contains(text, want) {
					t.Errorf("the report has no %q", want)
				}
			}
			if images := readback.PDFImages(t, path); images < 5 {
				t.Errorf("%d charts, want one per question answered by choice and the gap chart", images)
			}
		})
	}
}

func TestTheAssessmentWorkbookHasATableASheetWithTypedNumbers(t *testing.T) {
	st, a := demoAssessment(t)
	path := filepath.Join(t.TempDir(), "a.xlsx")
	if err := ExportAssessment(context.Background(), st, a.ID, "xlsx", Document{Path: path, Lang: "uk"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	gaps := ""
	for _, s := range sheets {
		if strings.HasPrefix(s, "Потреба і спроможність") {
			gaps = s
		}
	}
	if len(sheets) < 10 || gaps == "" {
		t.Fatalf("sheets %v", sheets)
	}
	r, _ := report(t, st, a.ID)
	g := r.Gaps[0]
	cell, _ := f.GetCellValue(gaps, "C5")
	kind, _ := f.GetCellType(gaps, "C5")
	if cell != strconv.Itoa(*g.InNeed) || kind == excelize.CellTypeSharedString || kind == excelize.CellTypeInlineString {
		t.Fatalf("the first need is %q (%v), want the number %d", cell, kind, *g.InNeed)
	}
	if capacity, _ := f.GetCellValue(gaps, "D5"); capacity != strconv.Itoa(g.Capacity) {
		t.Fatalf("capacity %q, want %d", capacity, g.Capacity)
	}
	// The plan, a sheet per year of deadlines, marks the measure past its
	// deadline; the amount is a number.
	var overdue, amount string
	for _, s := range sheets {
		if !strings.HasPrefix(s, "План заходів на ") {
			continue
		}
		rows, _ := f.GetRows(s)
		for i, row := range rows {
			if len(row) < 8 {
				continue
			}
			switch row[1] {
			case a.Measures[1].Title + " (" + a.Measures[1].TypeName + " · " + a.Measures[1].TargetGroupName + ")":
				overdue = row[7]
			case a.Measures[0].Title + " (" + a.Measures[0].TypeName + " · " + a.Measures[0].TargetGroupName + ")":
				amount, _ = f.GetCellValue(s, fmt.Sprintf("F%d", i+1))
				kind, _ = f.GetCellType(s, fmt.Sprintf("F%d", i+1))
			}
		}
	}
	if !strings.HasSuffix(overdue, "— прострочено") || amount != "420000" || kind == excelize.CellTypeSharedString || kind == excelize.CellTypeInlineString {
		t.Fatalf("plan sheets: the second measure's status %q, the first's amount %q (%v)", overdue, amount, kind)
	}
	if charts := zipNames(t, path, "xl/charts/chart"); charts < 5 {
		t.Fatalf("%d native charts", charts)
	}
}

func report(t *testing.T, st *data.Store, id int64) (AssessmentReport, error) {
	t.Helper()
	r, err := ReadAssessmentReport(context.Background(), st, id)
	if err != nil {
		t.Fatal(err)
	}
	return r, err
}

// The Czech plan has its analytical, proposal and implementation parts,
// the Polish document its diagnosis and programme; a new assessment
// evaluates the plan of the one before, and every document sums up the
// financing and sets the plan out by year.
func TestTheDocumentTakesTheCountrysShapeAndEvaluatesThePlanBefore(t *testing.T) {
	st, before := demoAssessment(t)
	ctx := context.Background()
	next, err := NewAssessment(data.CountryUA, time.Now().AddDate(1, 0, 0), "Оцінка наступного року")
	if err != nil {
		t.Fatal(err)
	}
	next.Vision = "Кожна сім'я отримує підтримку поруч із домом"
	next.Measures = []data.Measure{{Title: "Відкрити денний центр", Deadline: fmt.Sprintf("%d-06-30", time.Now().Year()+1),
		FundingSource: "обласний бюджет", Amount: ptr(1250000.5), Status: data.MeasurePlanned}}
	if err := st.SaveAssessment(ctx, &next); err != nil {
		t.Fatal(err)
	}
	set, _ := st.Settings(ctx)
	dir := t.TempDir()
	for _, c := range []struct {
		country data.Country
		lang    string
		want    []string
	}{
		{data.CountryCZ, "cs", []string{"A. ANALYTICKÁ ČÁST", "B. NÁVRHOVÁ ČÁST", "C. IMPLEMENTAČNÍ ČÁST", "Vyhodnocení předchozího plánu",
			"Plán „" + before.Title + "“", "splněno 1", "Existující služby", "Priority podle cílových skupin", "Vize a cíle", "Кожна сім'я отримує підтримку",
			"Financování", "Celkem na opatření plánu: 1 250 000,50", fmt.Sprintf("Akční plán na rok %d", time.Now().Year()+1)}},
		{data.CountryPL, "pl", []string{"CZĘŚĆ I. DIAGNOZA POTRZEB I POTENCJAŁU", "CZĘŚĆ II. PROGRAM USŁUG SPOŁECZNYCH",
			"Ocena realizacji poprzedniego planu", "Istniejące usługi", "Razem na działania planu: 1 250 000,50"}},
		{data.CountryUA, "uk", []string{"Виконання попереднього плану", "Наявні послуги", "Пріоритети за цільовими групами",
			"Разом на заходи плану: 1 250 000,50", fmt.Sprintf("План заходів на %d рік", time.Now().Year()+1)}},
	} {
		set.Country = c.country
		if err := st.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, c.lang+".pdf")
		if err := ExportAssessment(ctx, st, next.ID, "pdf", Document{Path: path, Lang: c.lang}); err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(readback.PDFText(t, path)), " ")
		for _, want := range c.want {
			if !strings.Contains(text, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("%s: the document has no %q", c.country, want)
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }
