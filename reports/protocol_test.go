package reports

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/xuri/excelize/v2"

	"spilno/data"
)

// bigProtocol is the UA template with participants, grown to 6 situations
// and 60 steps, approved.
func bigProtocol(t testing.TB) *data.Protocol {
	t.Helper()
	p, err := data.ProtocolTemplate(data.CountryUA)
	if err != nil {
		t.Fatal(err)
	}
	p.Version, p.Status = 1, data.ProtocolApproved
	p.Community = "Вишнівська міська територіальна громада"
	p.ApprovalBody, p.DecisionNumber, p.DecisionDate, p.EffectiveFrom = "виконавчого комітету Вишнівської міської ради", "125", "2026-03-12", "2026-04-01"
	for i, name := range []string{"Служба у справах дітей Вишнівської міської ради", "Центр надання соціальних послуг",
		"Вишнівський відділ поліції", "Вишнівський ліцей № 1", "КНП «Центр первинної медичної допомоги»"} {
		p.Participants = append(p.Participants, data.Participant{OrganizationID: fmt.Sprint(i), OrganizationName: name,
			Role: "організовує та координує дії", RepresentativeName: "Ірина Коваль", RepresentativePosition: "головна спеціалістка",
			HeadName: "Наталія Бондар", HeadPosition: "начальниця"})
	}
	p.Situations = append(p.Situations, data.Situation{Key: "bullying", Name: "Булінг (цькування) у закладі освіти", Urgency: data.UrgencyUrgent})
	for i := range p.Situations {
		p.Situations[i].Key = fmt.Sprintf("s%d", i)
		for j := range p.Situations[i].Steps {
			p.Situations[i].Steps[j].Key = fmt.Sprintf("s%d-%d", i, j)
		}
	}
	for n := 0; p.StepCount() < 60; n++ {
		sit := &p.Situations[n%len(p.Situations)]
		sit.Steps = append(sit.Steps, data.Step{Key: fmt.Sprintf("extra%d", n), Title: fmt.Sprintf("Додатковий захід №%d", n+1),
			Action: "Провести роз'яснювальну роботу з батьками, педагогами та дітьми; підготувати довідку про вжиті заходи " +
				"та надіслати її ініціатору повідомлення і службі у справах дітей.",
			ResponsibleName: "Вишнівський ліцей № 1", CoExecutors: "ЦНСП, ювенальна превенція",
			Deadline: data.Deadline{Amount: 3, Unit: data.DeadlineWorkingDays, From: "previous_step"}, OutputDocument: "Довідка"})
	}
	return &p
}

func TestProtocolPDFForTheExecutiveCommittee(t *testing.T) {
	p := bigProtocol(t)
	if len(p.Situations) != 6 || p.StepCount() != 60 {
		t.Fatalf("fixture: %d situations, %d steps", len(p.Situations), p.StepCount())
	}
	var buf bytes.Buffer
	if err := ProtocolPDF(context.Background(), &buf, p, Options{Lang: "uk", Now: now, Strict: true}); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	if text == "" {
		return
	}
	for _, want := range []string{"ЗАТВЕРДЖЕНО", "рішенням виконавчого комітету", "від 12.03.2026 № 125",
		"ПРОТОКОЛ МІЖСЕКТОРАЛЬНОЇ ВЗАЄМОДІЇ", "1. Загальні положення", "2. Учасники взаємодії", "3.2. Дитина, яка залишилася без",
		"Перевірка умов", "протягом 1 дня", "протягом 5", "невідкладно",
		"ЛИСТ ПОГОДЖЕННЯ", "Протокол набирає чинності з 01.04.2026", "Наталія БОНДАР", "Начальниця — Служба у справах дітей", "1.1. ", "1.2. "} {
		if !strings.Contains(text, want) {
			t.Errorf("the protocol PDF lacks %q", want)
		}
	}
	if strings.Contains(text, "ПРОЄКТ") {
		t.Error("an approved protocol is marked as a draft")
	}
	// Step tables that run over a page repeat their header row.
	if n := strings.Count(text, "Відповідальний"); n <= len(p.Situations)+1 {
		t.Errorf("the step header row appears %d times: not repeated on new pages", n)
	}
	marks, err := api.Bookmarks(bytes.NewReader(buf.Bytes()), model.NewDefaultConfiguration())
	if err != nil || len(marks) < 3+len(p.Situations) || marks[0].Title != "1. Загальні положення" {
		t.Errorf("bookmarks: %d (%v)", len(marks), err)
	}
	// The approved act carries no drafting marks.
	if strings.Contains(text, "*") || strings.Contains(text, "звірте") {
		t.Error("the approved protocol prints the marks of deadlines to check")
	}
	// Page numbers as ДСТУ 4163 places them: bare, top centre, from page 2.
	pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
	if strings.Contains(text, "Сторінка") || len(pages) < 3 {
		t.Fatalf("%d pages, \"Сторінка\" printed: %v", len(pages), strings.Contains(text, "Сторінка"))
	}
	if first := strings.Fields(pages[0]); first[0] == "1" {
		t.Error("the first page is numbered")
	}
	for i, page := range pages[1:] {
		top := strings.SplitN(strings.TrimLeft(page, "\n"), "\n", 2)[0]
		if strings.TrimSpace(top) != fmt.Sprint(i+2) || !strings.HasPrefix(top, "     ") {
			t.Errorf("page %d starts with %q, not its number centred", i+2, top)
		}
	}
}

func TestDraftProtocolIsMarkedInEveryLanguage(t *testing.T) {
	for lang, mark := range map[string]string{"uk": "ПРОЄКТ", "en": "DRAFT", "cs": "NÁVRH", "pl": "PROJEKT"} {
		p, _ := data.ProtocolTemplate(map[string]data.Country{"uk": data.CountryUA, "en": data.CountryUA, "cs": data.CountryCZ, "pl": data.CountryPL}[lang])
		p.Version, p.Status = 2, data.ProtocolDraft
		var buf bytes.Buffer
		if err := ProtocolPDF(context.Background(), &buf, &p, Options{Lang: lang, Now: now, Strict: true}); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		text := pdfText(t, buf.Bytes())
		if text != "" && (!strings.Contains(text, mark) || strings.Contains(text, "ЗАТВЕРДЖЕНО")) {
			t.Errorf("%s: draft mark %q missing or approval block present", lang, mark)
		}
		if lang == "cs" && text != "" && !strings.Contains(text, "Posouzení potřeb dítěte a rodiny") {
			t.Errorf("cs: Czech step text missing")
		}
		if lang == "uk" && !strings.Contains(text, "звірте") {
			t.Errorf("uk: the draft lacks the footnote on deadlines to check")
		}
		if lang == "pl" && text != "" && !strings.Contains(text, "Rozpoznanie i zgłoszenie") {
			t.Errorf("pl: Polish step text missing")
		}
	}
}

func TestComparisonTableShowsOnlyWhatChanged(t *testing.T) {
	v1 := bigProtocol(t)
	v2 := bigProtocol(t)
	v2.Version = 2
	v2.Situations[0].Steps[1].Deadline.Amount = 12
	v2.Situations[1].Steps = v2.Situations[1].Steps[1:]
	v2.GeneralProvisions += "\nУчасники щокварталу звітують про виконання Протоколу."
	var buf bytes.Buffer
	if err := ProtocolDiffPDF(context.Background(), &buf, v1, v2, Options{Lang: "uk", Now: now, Strict: true}); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	if text == "" {
		return
	}
	for _, want := range []string{"ПОРІВНЯЛЬНА ТАБЛИЦЯ", "Чинна редакція (версія 1)", "Запропонована редакція (версія 2)",
		"протягом 24 годин", "протягом 12 годин", "Виключити", "щокварталу звітують", "Ситуація: Дитина, яка залишилася"} {
		if !strings.Contains(text, want) {
			t.Errorf("the comparison lacks %q", want)
		}
	}
	if strings.Contains(text, "Додатковий захід №2") {
		t.Error("an unchanged step is in the comparison")
	}
}

func TestProtocolXLSXIsAResponsibilityMatrix(t *testing.T) {
	t.Run("finished as every workbook", func(t *testing.T) {
		var buf bytes.Buffer
		if err := ProtocolXLSX(context.Background(), &buf, bigProtocol(t), Options{Lang: "uk", Now: now, Community: "Вишнівська громада"}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		props, _ := f.GetDocProps()
		if props.Creator == "xuri" || props.Title == "" || !strings.HasPrefix(props.Created, "2026") {
			t.Errorf("document properties %+v", props)
		}
		sheet := f.GetSheetList()[0]
		if layout, _ := f.GetPageLayout(sheet); layout.Orientation == nil || *layout.Orientation != "landscape" {
			t.Errorf("the sheet %q is not set up for print: %+v", sheet, layout)
		}
	})
	p := bigProtocol(t)
	var buf bytes.Buffer
	if err := ProtocolXLSX(context.Background(), &buf, p, Options{Lang: "uk", Now: now}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1+len(p.Situations)+1 || sheets[0] != "Учасники взаємодії" {
		t.Fatalf("sheets %v", sheets)
	}
	parts, _ := f.GetRows(sheets[0])
	if len(parts) != 6 || parts[1][1] != "Служба у справах дітей Вишнівської міської ради" {
		t.Fatalf("participants %v", parts)
	}
	steps, _ := f.GetRows(sheets[2])
	if steps[0][3] != "Відповідальний" || steps[2][1] != "Перевірка умов перебування дитини" || steps[2][5] != "протягом 1 дня з моменту надходження повідомлення" {
		t.Fatalf("situation sheet %v", steps[:3])
	}
	amount, _ := f.GetCellValue(sheets[2], "G3", excelize.Options{RawCellValue: true})
	if amount != "1" {
		t.Errorf("deadline amount cell %q", amount)
	}
}

func TestDeadlinesInWords(t *testing.T) {
	cases := []struct {
		lang string
		d    data.Deadline
		want string
	}{
		{"en", data.Deadline{Unit: data.DeadlineImmediately, From: "report_received"}, "immediately upon receipt of the report"},
		{"en", data.Deadline{Amount: 5, Unit: data.DeadlineWorkingDays, From: "report_received"}, "within 5 working days of the report being received"},
		{"uk", data.Deadline{Unit: data.DeadlineImmediately, From: "report_received"}, "невідкладно з моменту надходження повідомлення"},
		{"uk", data.Deadline{Amount: 1, Unit: data.DeadlineWorkingDays, From: "report_received"}, "протягом 1 робочого дня з моменту надходження повідомлення"},
	}
	for _, c := range cases {
		t.Run(c.lang+" "+string(c.d.Unit), func(t *testing.T) {
			if got := DeadlineText(c.lang, c.d); got != c.want {
				t.Errorf("%q, want %q", got, c.want)
			}
		})
	}
}

func TestAChangedWordingMarksItsWords(t *testing.T) {
	c := data.Change{Section: "header", Kind: data.Changed, Field: "general_provisions",
		OldText: "Учасники щомісяця інформують виконавчий комітет про виконання Протоколу.",
		NewText: "Учасники щокварталу письмово інформують виконавчий комітет про виконання Протоколу."}
	row := changeRow("uk", &c, "—", "виключити")
	marked := func(cell pdfCell, mark data.WordMark) (out []string) {
		for _, w := range cell.marked {
			if w.Mark == mark {
				out = append(out, strings.TrimSpace(w.Text))
			}
		}
		return out
	}
	if got := marked(row[0], data.WordRemoved); len(got) != 1 || got[0] != "щомісяця" {
		t.Errorf("struck through in the current wording: %q", got)
	}
	if got := strings.Join(marked(row[1], data.WordAdded), " "); got != "щокварталу письмово" {
		t.Errorf("bold in the proposed wording: %q", got)
	}
	// Wrapped to a narrow column, no word is lost or doubled.
	d, err := newPDF(margins{top: 50, right: 50, bottom: 50, left: 50}, Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	d.newPage()
	var joined []string
	for _, l := range d.wrapMarked(row[1].marked, 90, 10) {
		for _, r := range l.runs {
			joined = append(joined, strings.Fields(r.Text)...)
		}
	}
	if _, proposed := ChangeTexts("uk", &c); strings.Join(joined, " ") != proposed {
		t.Errorf("wrapped: %q", strings.Join(joined, " "))
	}
}

func TestAComparisonContinuedOnANewPageRepeatsItsSituation(t *testing.T) {
	v1 := bigProtocol(t)
	v2 := bigProtocol(t)
	v2.Version = 2
	for i := range v2.Situations[0].Steps {
		v2.Situations[0].Steps[i].Action += " Додатково: повідомити старосту та письмово поінформувати службу у справах дітей."
	}
	var buf bytes.Buffer
	if err := ProtocolDiffPDF(context.Background(), &buf, v1, v2, Options{Lang: "uk", Now: now, Strict: true}); err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(pdfText(t, buf.Bytes()), "\f"), "\f")
	if len(pages) < 2 {
		t.Fatalf("%d pages: the changes do not run onto a second page", len(pages))
	}
	heading := "Ситуація: " + v2.Situations[0].Name
	if !strings.Contains(strings.Join(strings.Fields(pages[1]), " "), heading+" (продовження)") {
		t.Errorf("page 2 does not repeat %q:\n%.300s", heading, pages[1])
	}
}

func TestSheetNamesAreCutAtAWord(t *testing.T) {
	used := map[string]bool{}
	got := sheetName("Дитина, яка залишилася без батьківського піклування", used)
	if got != "Дитина, яка залишилася без…" || len([]rune(got)) > 31 {
		t.Fatalf("sheet %q", got)
	}
	if again := sheetName("Дитина, яка залишилася без батьківського нагляду", used); again != "Дитина, яка залишилася без… 2" {
		t.Fatalf("second sheet %q", again)
	}
}

func TestTheApprovalBlockIsWrittenAsEachCountryWritesIt(t *testing.T) {
	for lang, want := range map[string]string{"uk": "від 12.03.2026 № 125", "cs": "č. 125 ze dne 12. 3. 2026",
		"pl": "nr 125 z dnia 12.03.2026", "en": "No. 125 of 12 Mar 2026"} {
		p := bigProtocol(t)
		var buf bytes.Buffer
		if err := ProtocolPDF(context.Background(), &buf, p, Options{Lang: lang, Now: now}); err != nil {
			t.Fatal(err)
		}
		if text := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), " "); !strings.Contains(text, want) {
			t.Errorf("%s: the approval block lacks %q", lang, want)
		}
	}
}

// The letterhead set once in the settings heads the protocol when they
// say so, with the annex line above the approval block; a letter carries
// it only when its sender uses it.
func TestTheCommunityLetterheadHeadsTheProtocolAndItsOwnLetters(t *testing.T) {
	var arms bytes.Buffer // 16 bits a channel, as image editors often save
	if err := png.Encode(&arms, image.NewRGBA64(image.Rect(0, 0, 120, 170))); err != nil {
		t.Fatal(err)
	}
	head := data.Letterhead{ParentBody: "Україна\nВишнівська сільська рада", CoatOfArms: arms.Bytes(), ProtocolLetterhead: true, AnnexLine: true}
	var buf bytes.Buffer
	if err := ProtocolPDF(context.Background(), &buf, bigProtocol(t), Options{Lang: "uk", Now: now, Letterhead: head}); err != nil {
		t.Fatal(err)
	}
	first := strings.Join(strings.Fields(strings.Split(pdfText(t, buf.Bytes()), "\f")[0]), " ")
	for _, want := range []string{"УКРАЇНА ВИШНІВСЬКА СІЛЬСЬКА РАДА", "Додаток до рішення", "від 12.03.2026 № 125 ЗАТВЕРДЖЕНО"} {
		if !strings.Contains(first, want) {
			t.Errorf("the protocol's first page lacks %q:\n%s", want, first)
		}
	}
	if !bytes.Contains(buf.Bytes(), []byte("/Subtype /Image")) {
		t.Error("the protocol has no coat of arms")
	}
	for _, uses := range []bool{true, false} {
		l := Letter{Referral: sampleReferral(data.RefSent, now), From: data.Organization{Name: "Служба у справах дітей", CommunityLetterhead: uses},
			To: data.Organization{Name: "Центр"}}
		buf.Reset()
		if err := ReferralLetterPDF(context.Background(), &buf, l, Options{Lang: "uk", Now: now, Letterhead: head}); err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, buf.Bytes())
		if got := strings.Contains(text, "ВИШНІВСЬКА СІЛЬСЬКА РАДА") && bytes.Contains(buf.Bytes(), []byte("/Subtype /Image")); got != uses {
			t.Errorf("a letter from an organization using the letterhead: %v; carries it: %v", uses, got)
		}
	}
}
