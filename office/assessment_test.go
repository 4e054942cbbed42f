package office

import (
	"context"
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
	// The plan marks the measure past its deadline; the amount is a number.
	plan := ""
	for _, s := range sheets {
		if strings.HasPrefix(s, "Заходи, відповідальні") {
			plan = s
		}
	}
	overdue, _ := f.GetCellValue(plan, "H6")
	amount, _ := f.GetCellValue(plan, "F5")
	kind, _ = f.GetCellType(plan, "F5")
	if !strings.HasSuffix(overdue, "— прострочено") || amount != "420000" || kind == excelize.CellTypeSharedString || kind == excelize.CellTypeInlineString {
		t.Fatalf("plan sheet %q: the second measure's status %q, the amount %q (%v)", plan, overdue, amount, kind)
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
