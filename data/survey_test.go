package data

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// respondent is one made-up answer sheet.
type respondent struct {
	settlement, age string
	needs           []string
	rating          int
	comment         string
}

var (
	settlements = []string{"м. Вишнівка", "с. Гірки", "с. Липове"}
	ageGroups   = []string{"до 18", "18–35", "36–60", "60+"}
	needOptions = []string{"Денний догляд", "Психологічна підтримка", "Транспорт"}
)

func respondents(n int) []respondent {
	rng := rand.New(rand.NewPCG(7, 11))
	out := make([]respondent, n)
	for i := range out {
		r := &out[i]
		r.settlement, r.age = settlements[rng.IntN(3)], ageGroups[rng.IntN(4)]
		for _, o := range needOptions {
			if rng.IntN(2) == 0 {
				r.needs = append(r.needs, o)
			}
		}
		r.rating = 1 + rng.IntN(5)
		if i%3 == 0 {
			r.comment = fmt.Sprintf("Коментар мешканця № %d", i)
		}
	}
	return out
}

// googleForms lays the answers out as Google or Microsoft Forms export
// them: a time stamp, a column per question, several choices in one cell.
func googleForms(list []respondent) Table {
	t := Table{Header: []string{"Позначка часу", "Населений пункт", "Вік", "Яких послуг бракує?", "Оцініть доступність (1–5)", "Ваші пропозиції"}}
	for i, r := range list {
		t.Rows = append(t.Rows, []string{fmt.Sprintf("2025-03-%02d 10:00", 1+i%28), r.settlement, r.age, strings.Join(r.needs, ";"),
			fmt.Sprint(r.rating), r.comment})
	}
	return t
}

// surveyMonkey lays them out as SurveyMonkey does: a second header row,
// and a column per answer of a multiple choice holding the answer.
func surveyMonkey(list []respondent) Table {
	t := Table{Header: []string{"Respondent ID", "Населений пункт", "Вік", "Яких послуг бракує?", "", "", "Оцініть доступність (1–5)", "Ваші пропозиції"}}
	t.Rows = append(t.Rows, append([]string{"", "Response", "Response"}, append(needOptions, "Response", "Open-Ended Response")...))
	for i, r := range list {
		row := []string{fmt.Sprint(1000 + i), r.settlement, r.age}
		for _, o := range needOptions {
			if strings.Contains(strings.Join(r.needs, "|"), o) {
				row = append(row, o)
			} else {
				row = append(row, "")
			}
		}
		t.Rows = append(t.Rows, append(row, fmt.Sprint(r.rating), r.comment))
	}
	return t
}

// checkTabulation checks every count against the respondents counted here.
func checkTabulation(t *testing.T, sv Survey, list []respondent) {
	t.Helper()
	if sv.Respondents != len(list) || len(sv.Questions) != 5 {
		t.Fatalf("%d respondents, %d questions (%v); want %d, 5", sv.Respondents, len(sv.Questions), questionTexts(sv), len(list))
	}
	want := map[string]map[string]int{"Населений пункт": {}, "Вік": {}, "Яких послуг бракує?": {}, "Оцініть доступність (1–5)": {}}
	cross := map[string]int{} // settlement → "Транспорт" chosen
	comments := 0
	for _, r := range list {
		want["Населений пункт"][r.settlement]++
		want["Вік"][r.age]++
		want["Оцініть доступність (1–5)"][fmt.Sprint(r.rating)]++
		for _, n := range r.needs {
			want["Яких послуг бракує?"][n]++
			if n == "Транспорт" {
				cross[r.settlement]++
			}
		}
		if r.comment != "" {
			comments++
		}
	}
	kinds := []QuestionKind{QuestionChoice, QuestionChoice, QuestionMultiple, QuestionChoice, QuestionText}
	for i, q := range sv.Questions {
		if q.Kind != kinds[i] {
			t.Errorf("%q is %s, want %s", q.Text, q.Kind, kinds[i])
		}
		for _, o := range q.Options {
			if want[q.Text][o.Answer] != o.N {
				t.Errorf("%q / %q: %d, counted %d", q.Text, o.Answer, o.N, want[q.Text][o.Answer])
			}
		}
		if len(q.Options) != len(want[q.Text]) {
			t.Errorf("%q has %d options, want %d", q.Text, len(q.Options), len(want[q.Text]))
		}
	}
	if rating := sv.Questions[3]; rating.Options[0].Answer != "1" || rating.Options[4].Answer != "5" {
		t.Errorf("a scale keeps its order: %+v", rating.Options)
	}
	if texts := sv.Questions[4].Texts; len(texts) != comments || sv.Questions[4].Answered != comments {
		t.Errorf("%d comments listed, %d answered, want %d", len(texts), sv.Questions[4].Answered, comments)
	}
	needs := sv.Questions[2]
	c, ok := needs.CrossBy(0)
	if !ok {
		t.Fatal("no cross-table of needs by settlement")
	}
	transport := -1
	for i, o := range needs.Options {
		if o.Answer == "Транспорт" {
			transport = i
		}
	}
	for i, o := range sv.Questions[0].Options {
		if c.Counts[i][transport] != cross[o.Answer] {
			t.Errorf("transport in %s: %d, counted %d", o.Answer, c.Counts[i][transport], cross[o.Answer])
		}
	}
}

func questionTexts(sv Survey) []string {
	var out []string
	for _, q := range sv.Questions {
		out = append(out, q.Text+":"+string(q.Kind))
	}
	return out
}

func TestSurveysInTheLayoutsOfCommonToolsAreCountedRight(t *testing.T) {
	list := respondents(200)
	for name, table := range map[string]Table{"Google Forms": googleForms(list), "SurveyMonkey": surveyMonkey(list)} {
		t.Run(name, func(t *testing.T) {
			sv, err := TabulateSurvey(table)
			if err != nil {
				t.Fatal(err)
			}
			checkTabulation(t, sv, list)
			if len(sv.Skipped) != 1 {
				t.Errorf("skipped %v, want the tool's own column", sv.Skipped)
			}
		})
	}
}

func TestSurveyColumnsPerAnswerWithTicksAreOneQuestion(t *testing.T) {
	tab := Table{Header: []string{"Вік", "Потреби [Житло]", "Потреби [Робота]", "Потреби [Лікар]"}, Rows: [][]string{
		{"18–35", "Так", "", "так"}, {"60+", "", "1", ""}, {"18–35", "", "", ""}, {"", "", "", ""}}}
	sv, err := TabulateSurvey(tab)
	if err != nil {
		t.Fatal(err)
	}
	if sv.Respondents != 3 || len(sv.Questions) != 2 || sv.Questions[1].Text != "Потреби" || sv.Questions[1].Kind != QuestionMultiple {
		t.Fatalf("%d respondents, %v", sv.Respondents, questionTexts(sv))
	}
	if q := sv.Questions[1]; q.Answered != 2 || len(q.Options) != 3 {
		t.Fatalf("needs: %+v", q)
	}
}

func TestSurveyFilesInSeveralEncodingsReadAlike(t *testing.T) {
	list := respondents(60)
	semicolons, tabs := csvOf(googleForms(list), ';'), csvOf(googleForms(list), '\t')
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(tabs)
	cp1251, _ := charmap.Windows1251.NewEncoder().Bytes(bytes.ReplaceAll(semicolons, []byte("–"), []byte("-")))
	files := map[string][]byte{"utf8.csv": semicolons, "bom.csv": append([]byte("\xef\xbb\xbf"), semicolons...),
		"unicode.txt": utf16, "cp1251.csv": cp1251, "forms.xlsx": xlsxOf(t, googleForms(list))}
	for name, raw := range files {
		t.Run(name, func(t *testing.T) {
			tab, err := ReadTable(bytes.NewReader(raw), name)
			if err != nil {
				t.Fatal(err)
			}
			sv, err := TabulateSurvey(tab)
			if err != nil {
				t.Fatal(err)
			}
			if name == "cp1251.csv" {
				if sv.Questions[0].Text != "Населений пункт" || sv.Respondents != 60 {
					t.Fatalf("cp1251: %v", questionTexts(sv))
				}
				return
			}
			checkTabulation(t, sv, list)
		})
	}
	// Czech text in the Central European code page, as Czech Excel saves it.
	cz, _ := charmap.Windows1250.NewEncoder().Bytes([]byte("Obec;Potřebujete pečovatelskou službu?\nŽďár;Ano\nŘíčany;Ne\n"))
	tab, err := ReadTable(bytes.NewReader(cz), "dotaznik.csv")
	if err != nil || tab.Header[1] != "Potřebujete pečovatelskou službu?" || tab.Rows[0][0] != "Žďár" {
		t.Fatalf("cp1250: %+v %v", tab, err)
	}
}

// csvOf writes a table as a spreadsheet saves it, quoting what needs it.
func csvOf(tab Table, comma rune) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = comma, true
	w.WriteAll(append([][]string{tab.Header}, tab.Rows...))
	return b.Bytes()
}

func xlsxOf(t *testing.T, tab Table) []byte {
	t.Helper()
	f := excelize.NewFile()
	for r, row := range append([][]string{tab.Header}, tab.Rows...) {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			f.SetCellValue("Sheet1", cell, v)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestABrokenSurveyIsRefusedAndNothingIsKept(t *testing.T) {
	f := newAssessments(t)
	a := fullAssessment(f)
	if err := f.s.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	for name, raw := range map[string]string{"broken.xlsx": "PK not really", "photo.csv": "\x89PNG\r\n\x1a\n\x00\x00"} {
		if _, err := ReadTable(strings.NewReader(raw), name); ErrorCode(err) != EBadFile {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := TabulateSurvey(Table{Header: []string{"Позначка часу"}, Rows: [][]string{{"2025-01-01"}}}); err == nil {
		t.Error("a file of time stamps only has no questions")
	}
	if surveys, _ := f.s.Surveys(ctx, a.ID); len(surveys) != 0 {
		t.Fatalf("kept %d surveys", len(surveys))
	}
}

func TestASurveyKeepsItsCountsAndTheRowsOnlyWhenAsked(t *testing.T) {
	f := newAssessments(t)
	a := fullAssessment(f)
	if err := f.s.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	list := respondents(50)
	for _, keep := range []bool{false, true} {
		sv, err := TabulateSurvey(googleForms(list))
		if err != nil {
			t.Fatal(err)
		}
		sv.Title = fmt.Sprint("Анкета ", keep)
		if err := f.s.SaveSurvey(ctx, a.ID, &sv, keep); err != nil {
			t.Fatal(err)
		}
	}
	surveys, err := f.s.Surveys(ctx, a.ID)
	if err != nil || len(surveys) != 2 {
		t.Fatalf("%d surveys, %v", len(surveys), err)
	}
	checkTabulation(t, surveys[0], list)
	if surveys[0].Answers != nil || len(surveys[1].Answers) != 50 {
		t.Fatalf("rows kept: %d without asking, %d when asked", len(surveys[0].Answers), len(surveys[1].Answers))
	}
	var stored string
	f.s.db.QueryRow(`SELECT questions || answers FROM assessment_surveys WHERE id = ?`, surveys[0].ID).Scan(&stored)
	if strings.Contains(stored, list[3].comment) == false || strings.Contains(stored, "2025-03-") {
		t.Fatalf("the tabulation keeps the comments listed and no row's time stamp")
	}
	if err := f.s.SaveSurvey(ctx, 999, &surveys[0], false); ErrorCode(err) != ENotFound {
		t.Fatalf("a survey for no assessment: %v", err)
	}
	if err := f.s.DeleteSurvey(ctx, surveys[1].ID); err != nil {
		t.Fatal(err)
	}
	if left, _ := f.s.Surveys(ctx, a.ID); len(left) != 1 {
		t.Fatalf("%d left after delete", len(left))
	}
}

// BenchmarkTabulateSurvey imports and tabulates a 10 000-respondent export.
func BenchmarkTabulateSurvey(b *testing.B) {
	list := respondents(10_000)
	raw := csvOf(googleForms(list), ';')
	b.ReportAllocs()
	for b.Loop() {
		t, err := ReadTable(bytes.NewReader(raw), "survey.csv")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := TabulateSurvey(t); err != nil {
			b.Fatal(err)
		}
	}
}

func TestGoogleFormsTicksJoinedByCommasAreCountedAndDatesAreNotQuestions(t *testing.T) {
	tab := Table{Header: []string{"Дата", "Чого бракує?", "Пропозиції"}, Rows: [][]string{
		{"01.04.2025", "Транспорт, Психолог", "Більше автобусів, і частіше"},
		{"02.04.2025", "Психолог", "Гуртки для дітей"},
		{"02.04.2025", "Транспорт, Юрист", "Психолог у школі, будь ласка"},
		{"03.04.2025", "Юрист", ""}}}
	sv, err := TabulateSurvey(tab)
	if err != nil {
		t.Fatal(err)
	}
	if len(sv.Questions) != 2 || sv.Skipped[0] != "Дата" {
		t.Fatalf("questions %v, skipped %v", questionTexts(sv), sv.Skipped)
	}
	q := sv.Questions[0]
	if q.Kind != QuestionMultiple || len(q.Options) != 3 || q.Options[0].N != 2 {
		t.Fatalf("the ticked boxes: %+v", q)
	}
	if free := sv.Questions[1]; free.Kind == QuestionMultiple || len(free.Options) != 3 || free.Options[0].Answer != "Більше автобусів, і частіше" {
		t.Fatalf("phrases with commas are split: %+v", free)
	}
}
