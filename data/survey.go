package data

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"spilno/i18n"
)

// QuestionKind is how a survey question is answered, as the answers show it.
type QuestionKind string

const (
	QuestionChoice   QuestionKind = "choice"   // one answer of a few
	QuestionMultiple QuestionKind = "multiple" // several of a few: "a; b", or a column per answer
	QuestionNumber   QuestionKind = "number"   // a number of many
	QuestionText     QuestionKind = "text"     // free text, listed
)

// Survey is the tabulation of one questionnaire's export: its questions
// and how the respondents answered. The respondents' rows (Answers) are
// kept only when the user asks.
type Survey struct {
	ID          int64
	Title       string
	FileName    string
	ImportedAt  string
	Respondents int
	Questions   []Question
	CrossBy     int        // the question the documents split the answers by; -1 none
	Skipped     []string   // columns that are not questions (time stamps, e-mail, IDs)
	Answers     [][]string // the rows as read, when kept
}

// Question is one question with its answers counted.
type Question struct {
	Text     string
	Kind     QuestionKind
	Answered int      // respondents who gave any answer
	Options  []Option // choice and multiple: each answer and how many gave it
	Texts    []string // text: the answers given
	Min, Max float64  // number
	Median   float64  // number
	Cross    []Cross  // choice and multiple: counted by each question that splits the respondents
}

// Option is one answer and how many respondents gave it.
type Option struct {
	Answer string
	N      int
}

// Cross is a question's answers counted by the answers of another (By, an
// index into the survey's questions): Counts[by's option][this option].
type Cross struct {
	By     int
	Counts [][]int
}

// CrossBy is the question's cross-table by question by, if it has one.
func (q *Question) CrossBy(by int) (Cross, bool) {
	i := slices.IndexFunc(q.Cross, func(c Cross) bool { return c.By == by })
	if i < 0 {
		return Cross{}, false
	}
	return q.Cross[i], true
}

// Splits tells whether a question can split the respondents for a
// cross-table: one answer each, of 2 to maxSplit.
func (q *Question) Splits() bool {
	return q.Kind == QuestionChoice && len(q.Options) >= 2 && len(q.Options) <= maxSplit
}

const (
	maxSplit   = 12 // answers of a question that splits the respondents
	maxChoices = 20 // distinct answers of a question read as a choice rather than free text
)

// metaColumns are the folded headers of what survey tools add beside the
// answers (Google Forms, Microsoft Forms, SurveyMonkey, LimeSurvey, in the
// four languages).
var metaColumns = []string{"timestamp", "позначка часу", "отметка времени", "časová značka", "sygnatura czasowa",
	"id", "№", "respondent id", "collector id", "start date", "end date", "start time", "completion time",
	"ip address", "email", "email address", "e-mail", "адреса електронної пошти", "електронна пошта", "name", "last modified time",
	"response id", "submitdate", "lastpage", "startlanguage", "seed", "datestamp", "startdate"}

// isMeta tells whether a header is one of metaColumns.
func isMeta(header string) bool {
	return slices.ContainsFunc(metaColumns, func(m string) bool { return Fold(m) == Fold(header) })
}

// column is one question as read from the table: its text, and the
// columns that hold its answers (several for a column per answer).
type column struct {
	text    string
	cols    []int
	options []string // for a column per answer: each column's answer
	sep     string   // what parts several answers in one cell: ";", or ", " as Google Forms writes them
}

// TabulateSurvey reads a questionnaire's export (a header row of questions,
// a row per respondent) and counts the answers of each question.
func TabulateSurvey(t Table) (Survey, error) {
	header, rows := surveyHeader(t)
	var sv Survey
	cols := groupColumns(header, rows, &sv.Skipped)
	if len(cols) == 0 {
		return sv, fmt.Errorf("no questions")
	}
	rows = slices.DeleteFunc(rows, func(r []string) bool { return !answersAny(r, cols) })
	if len(rows) == 0 {
		return sv, fmt.Errorf("no answers")
	}
	sv.Respondents = len(rows)
	chosen := make([][][]int, len(cols)) // question → respondent → the options chosen
	for i, c := range cols {
		var q Question
		q, chosen[i] = tabulate(c, rows)
		sv.Questions = append(sv.Questions, q)
	}
	crossTabulate(sv.Questions, chosen)
	sv.CrossBy = slices.IndexFunc(sv.Questions, func(q Question) bool { return q.Splits() })
	sv.Answers = rows
	return sv, nil
}

// surveyHeader is the header of the table, with SurveyMonkey's second
// header row (the answer each column stands for, or "Response") merged
// into it: the question is carried over the empty cells after it.
func surveyHeader(t Table) ([]string, [][]string) {
	header := slices.Clone(t.Header)
	if len(t.Rows) == 0 || !secondHeader(t.Rows[0]) {
		return header, t.Rows
	}
	sub := t.Rows[0]
	question := ""
	for i := range header {
		if strings.TrimSpace(header[i]) != "" {
			question = strings.TrimSpace(header[i])
		}
		answer := strings.TrimSpace(cell(sub, i))
		switch Fold(answer) {
		case "", "response", "open-ended response", "відповідь", "odpověď", "odpowiedź":
			header[i] = question
		default:
			header[i] = question + " [" + answer + "]"
		}
	}
	return header, t.Rows[1:]
}

// secondHeader tells whether a first row names answers rather than gives
// them: SurveyMonkey's "Response" / "Open-Ended Response".
func secondHeader(row []string) bool {
	for _, c := range row {
		if f := Fold(strings.TrimSpace(c)); f == "response" || f == "open-ended response" {
			return true
		}
	}
	return false
}

func cell(row []string, i int) string {
	if i < len(row) {
		return strings.TrimSpace(row[i])
	}
	return ""
}

// groupColumns turns the header into questions: meta columns are skipped;
// columns "Question [answer]" side by side whose cells are empty, a tick or
// the answer itself are one multiple-choice question.
func groupColumns(header []string, rows [][]string, skipped *[]string) []column {
	var out []column
	for i := 0; i < len(header); i++ {
		text := strings.TrimSpace(header[i])
		if isMeta(text) || !answeredIn(rows, i) || allDates(rows, i) {
			if text != "" {
				*skipped = append(*skipped, text)
			}
			continue
		}
		question, _, ok := splitAnswer(text)
		if ok {
			group := column{text: question}
			for j := i; j < len(header); j++ {
				q, a, ok := splitAnswer(strings.TrimSpace(header[j]))
				if !ok || q != question || !ticks(rows, j, a) {
					break
				}
				group.cols, group.options = append(group.cols, j), append(group.options, a)
			}
			if len(group.cols) > 0 {
				out = append(out, group)
				i += len(group.cols) - 1
				continue
			}
		}
		if text == "" {
			text = fmt.Sprintf("#%d", i+1)
		}
		out = append(out, column{text: text, cols: []int{i}, sep: separatorOf(rows, i)})
	}
	return out
}

// splitAnswer reads "Question [answer]".
func splitAnswer(h string) (question, answer string, ok bool) {
	if !strings.HasSuffix(h, "]") {
		return "", "", false
	}
	open := strings.LastIndex(h, " [")
	if open <= 0 {
		return "", "", false
	}
	return strings.TrimSpace(h[:open]), strings.TrimSpace(h[open+2 : len(h)-1]), true
}

// separatorOf is what parts several answers in the cells of column i:
// ";" wherever one is found; else ", " when splitting there leaves a few
// answers that recur (Google Forms joins the ticked boxes so) rather than
// many different phrases, as free text with commas would.
func separatorOf(rows [][]string, i int) string {
	whole, parts := map[string]bool{}, map[string]int{}
	joined := 0
	for _, r := range rows {
		v := cell(r, i)
		if strings.Contains(v, ";") {
			return ";"
		}
		if v == "" {
			continue
		}
		whole[v] = true
		if strings.Contains(v, ", ") {
			joined++
		}
		for _, p := range strings.Split(v, ", ") {
			parts[strings.TrimSpace(p)]++
		}
	}
	for _, n := range parts {
		if n < 2 {
			return ";"
		}
	}
	if joined >= 2 && len(parts) <= maxChoices && len(parts) < len(whole) {
		return ", "
	}
	return ";"
}

// tickMarks are the cells that mean "chosen" in a column per answer.
var tickMarks = []string{"1", "x", "+", "y", "yes", "так", "ano", "tak", "true", "✓", "✔", "checked", "обрано", "вибрано"}

// ticks tells whether every answered cell of column i is a tick or the
// answer itself.
func ticks(rows [][]string, i int, answer string) bool {
	for _, r := range rows {
		c := Fold(cell(r, i))
		if c != "" && c != Fold(answer) && !slices.ContainsFunc(tickMarks, func(t string) bool { return Fold(t) == c }) {
			return false
		}
	}
	return true
}

// allDates tells whether every answer in column i starts with a date: a
// time stamp or date of filling in, whatever its header says.
func allDates(rows [][]string, i int) bool {
	for _, r := range rows {
		if v := strings.Fields(cell(r, i)); len(v) > 0 {
			if _, err := i18n.ParseDate(strings.TrimRight(v[0], ",")); err != nil {
				return false
			}
		}
	}
	return true
}

func answeredIn(rows [][]string, i int) bool {
	return slices.ContainsFunc(rows, func(r []string) bool { return cell(r, i) != "" })
}

func answersAny(r []string, cols []column) bool {
	return slices.ContainsFunc(cols, func(c column) bool {
		return slices.ContainsFunc(c.cols, func(i int) bool { return cell(r, i) != "" })
	})
}

// tabulate counts one question's answers and says which options each
// respondent chose (indexes into the question's Options).
func tabulate(c column, rows [][]string) (Question, [][]int) {
	q := Question{Text: c.text}
	answers := make([][]string, len(rows))
	for r, row := range rows {
		answers[r] = c.answersOf(row)
		if len(answers[r]) > 0 {
			q.Answered++
		}
	}
	q.Kind = c.kind(answers, q.Answered)
	switch q.Kind {
	case QuestionText:
		for _, a := range answers {
			q.Texts = append(q.Texts, a...)
		}
		return q, nil
	case QuestionNumber:
		q.summarizeNumbers(answers)
		return q, nil
	}
	return q, q.countOptions(answers)
}

// answersOf is what one respondent answered: the ticked answers of a
// column per answer, or the answers of one cell ("a; b" for several).
func (c column) answersOf(row []string) []string {
	if c.options != nil {
		var out []string
		for k, i := range c.cols {
			if cell(row, i) != "" {
				out = append(out, c.options[k])
			}
		}
		return out
	}
	v := cell(row, c.cols[0])
	if v == "" {
		return nil
	}
	var out []string
	for _, a := range strings.Split(v, c.sep) {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// kind reads a question's kind off its answers.
func (c column) kind(answers [][]string, answered int) QuestionKind {
	distinct := map[string]bool{}
	several, numbers := c.options != nil, true
	for _, a := range answers {
		several = several || len(a) > 1
		for _, v := range a {
			distinct[v] = true
			if _, err := ParseNumber(v); err != nil {
				numbers = false
			}
		}
	}
	switch {
	case several:
		return QuestionMultiple
	case len(distinct) <= maxChoices && (len(distinct) <= maxSplit || len(distinct)*2 <= answered):
		return QuestionChoice
	case numbers:
		return QuestionNumber
	}
	return QuestionText
}

// ParseNumber reads a number as people and survey tools write it: "12",
// "12,5", "18 420" (with any kind of space between the thousands).
func ParseNumber(v string) (float64, error) {
	v = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f':
			return -1
		case ',':
			return '.'
		}
		return r
	}, strings.TrimSpace(v))
	return strconv.ParseFloat(v, 64)
}

func (q *Question) summarizeNumbers(answers [][]string) {
	var values []float64
	for _, a := range answers {
		for _, v := range a {
			if n, err := ParseNumber(v); err == nil {
				values = append(values, n)
			}
		}
	}
	slices.Sort(values)
	q.Min, q.Max, q.Median = values[0], values[len(values)-1], quantile(values, 0.5)
}

// countOptions counts each answer, the most given first (answers that are
// all numbers, as on a scale, in their order), and gives each respondent's
// chosen options as indexes.
func (q *Question) countOptions(answers [][]string) [][]int {
	counts := map[string]int{}
	for _, a := range answers {
		for _, v := range a {
			counts[v]++
		}
	}
	for a, n := range counts {
		q.Options = append(q.Options, Option{Answer: a, N: n})
	}
	slices.SortFunc(q.Options, compareOptions(q.Options))
	index := map[string]int{}
	for i, o := range q.Options {
		index[o.Answer] = i
	}
	chosen := make([][]int, len(answers))
	for r, a := range answers {
		for _, v := range a {
			chosen[r] = append(chosen[r], index[v])
		}
	}
	return chosen
}

func compareOptions(all []Option) func(a, b Option) int {
	scale := !slices.ContainsFunc(all, func(o Option) bool { _, err := ParseNumber(o.Answer); return err != nil })
	return func(a, b Option) int {
		if scale {
			x, _ := ParseNumber(a.Answer)
			y, _ := ParseNumber(b.Answer)
			return cmp.Compare(x, y)
		}
		if a.N != b.N {
			return b.N - a.N
		}
		return strings.Compare(a.Answer, b.Answer)
	}
}

// crossTabulate counts every choice question by every question that can
// split the respondents, so that any cross-table can be shown later
// without keeping their rows.
func crossTabulate(questions []Question, chosen [][][]int) {
	for b := range questions {
		by := &questions[b]
		if !by.Splits() {
			continue
		}
		for qi := range questions {
			q := &questions[qi]
			if qi == b || chosen[qi] == nil {
				continue
			}
			counts := make([][]int, len(by.Options))
			for i := range counts {
				counts[i] = make([]int, len(q.Options))
			}
			for r, split := range chosen[b] {
				for _, s := range split {
					for _, o := range chosen[qi][r] {
						counts[s][o]++
					}
				}
			}
			q.Cross = append(q.Cross, Cross{By: b, Counts: counts})
		}
	}
}
