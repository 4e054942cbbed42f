package office

import (
	"cmp"
	"context"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/plot/vg"

	"spilno/data"
	"spilno/i18n"
	"spilno/reports"
)

// AssessmentSource is what the assessment's documents read.
type AssessmentSource interface {
	Assessment(ctx context.Context, id int64) (data.Assessment, error)
	Findings(ctx context.Context, a data.Assessment) (data.Findings, error)
	Surveys(ctx context.Context, assessmentID int64) ([]data.Survey, error)
	Settings(ctx context.Context) (data.Settings, error)
}

// AssessmentReport is everything the assessment's documents show, read at
// one moment.
type AssessmentReport struct {
	Now        time.Time // "overdue" is as of then
	Assessment data.Assessment
	data.Findings
	Surveys  []data.Survey
	Settings data.Settings // the country profile, the community, the letterhead
}

// ReadAssessmentReport reads an assessment with its gaps and surveys.
func ReadAssessmentReport(ctx context.Context, st AssessmentSource, id int64) (AssessmentReport, error) {
	r := AssessmentReport{Now: time.Now()}
	var err error
	if r.Assessment, err = st.Assessment(ctx, id); err != nil {
		return r, err
	}
	if r.Findings, err = st.Findings(ctx, r.Assessment); err != nil {
		return r, err
	}
	if r.Surveys, err = st.Surveys(ctx, id); err != nil {
		return r, err
	}
	r.Settings, err = st.Settings(ctx)
	return r, err
}

// ExportAssessment writes the assessment's report (pdf) or workbook
// (xlsx) in the document's language.
func ExportAssessment(ctx context.Context, st AssessmentSource, id int64, format string, doc Document) error {
	r, err := ReadAssessmentReport(ctx, st, id)
	if err != nil {
		return err
	}
	set := r.Settings
	o := doc.options(set.Community, r.Now)
	o.Letterhead, o.Operator = set.Letterhead, set.Operator
	if r.Assessment.Frozen() {
		o.Approved = r.Assessment.Approval
	}
	title := AssessmentTitle(set.Country, doc.Lang) + " — " + r.Assessment.Title
	period := PeriodText(r.Assessment.Period, doc.Lang)
	sections := AssessmentSections(r, doc.Lang, set.Country)
	if format == "pdf" {
		return doc.write(func(w io.Writer) error { return reports.ReportPDF(ctx, w, title, period, sections, o) })
	}
	var tables []reports.StatTable
	for _, s := range sections {
		tables = append(tables, s.Tables...)
	}
	return doc.write(func(w io.Writer) error { return reports.ReportXLSX(ctx, w, title, period, tables, o) })
}

// AssessmentTitle is the document's name in the country's terms: the
// Ukrainian report on the needs of the population, the Czech analysis of
// needs and plan, the Polish diagnosis and programme.
func AssessmentTitle(c data.Country, lang string) string {
	return i18n.In(lang, "assessment.report_title_"+string(cmp.Or(c, data.CountryUA)))
}

// assessmentWords words the assessment's tables in one language.
type assessmentWords struct{ lang string }

func (w assessmentWords) t(key string, pairs ...string) string { return i18n.In(w.lang, key, pairs...) }

func (w assessmentWords) day(iso string) string {
	if iso == "" {
		return ""
	}
	return i18n.FormatDayIn(w.lang, iso)
}

// AssessmentSections are the report's numbered sections: the analysis
// (working group, method, the plan before, indicators, surveys, the
// services on offer, needs and gaps, SWOT), then the proposal (vision,
// priorities, financing) and the plan of measures by year. The Czech plan
// names its analytical, proposal and implementation parts; the Polish
// document its diagnosis and programme.
func AssessmentSections(r AssessmentReport, lang string, country data.Country) []reports.Section {
	w := assessmentWords{lang}
	a := r.Assessment
	sections := []reports.Section{
		w.workingGroup(a),
		{Title: w.t("assessment.method"), Paragraphs: []string{cmp.Or(a.Method, w.t("assessment.not_given"))}},
		w.previous(r.Previous, r.Now),
		{Title: w.t("assessment.indicators"), Tables: []reports.StatTable{w.indicators(a.Indicators)}},
		w.surveys(r.Surveys),
		w.offer(r.Offer),
		w.needs(r.Gaps, r.gapsAsOf(lang)),
		w.analysis(a.Points),
		{Title: w.t("assessment.vision"), Paragraphs: []string{cmp.Or(a.Vision, w.t("assessment.not_given"))}},
		w.priorities(r.Gaps),
		w.financing(a.Measures),
		w.plan(a.Measures, r.Now),
	}
	parts := map[data.Country]map[int]string{
		data.CountryCZ: {0: "assessment.part_cz_analysis", 8: "assessment.part_cz_proposal", 11: "assessment.part_cz_implementation"},
		data.CountryPL: {0: "assessment.part_pl_diagnosis", 8: "assessment.part_pl_programme"},
	}
	for i, key := range parts[country] {
		sections[i].Part = w.t(key)
	}
	return sections
}

func (w assessmentWords) workingGroup(a data.Assessment) reports.Section {
	s := reports.Section{Title: w.t("assessment.working_group")}
	if a.OrderNumber != "" || a.OrderDate != "" {
		s.Paragraphs = []string{w.t("assessment.formed_by", "number", cmp.Or(a.OrderNumber, "___"), "date", cmp.Or(w.day(a.OrderDate), "___"))}
	}
	t := reports.StatTable{Title: w.t("assessment.members"), Widths: []float64{0.45, 0.25, 0.3}, Empty: w.t("assessment.nothing_entered"),
		Columns: []string{w.t("assessment.field.organization"), w.t("assessment.field.person"), w.t("assessment.field.role")}}
	for _, m := range a.Members {
		t.Rows = append(t.Rows, []any{m.OrganizationName, m.Person, m.Role})
	}
	s.Tables = []reports.StatTable{t}
	return s
}

func (w assessmentWords) indicators(list []data.Indicator) reports.StatTable {
	t := reports.StatTable{Title: w.t("assessment.indicators_table"), Widths: []float64{0.36, 0.12, 0.13, 0.25, 0.14}, Empty: w.t("assessment.nothing_entered"),
		Columns: []string{w.t("assessment.field.name"), w.t("assessment.field.value"), w.t("assessment.field.as_of"),
			w.t("assessment.field.source"), w.t("assessment.field.to_check")}}
	for _, ind := range list {
		value := wholeOrDecimal(ind.Value)
		check := ""
		if ind.ToCheck {
			check = w.t("assessment.to_check")
		}
		t.Rows = append(t.Rows, []any{ind.Name, value, w.day(ind.AsOf), ind.Source, check})
	}
	return t
}

// wholeOrDecimal is a stored number as a table cell: a whole number is
// written without decimals ("420 000"), none is empty.
func wholeOrDecimal(v *float64) any {
	switch {
	case v == nil:
		return ""
	case *v == math.Trunc(*v) && math.Abs(*v) < 1e15:
		return int(*v)
	}
	return *v
}

// surveys is a table per question answered by choice, with its chart, and
// the cross-table by the question the user chose; numbers are summed up
// and free text is listed in sentences.
func (w assessmentWords) surveys(list []data.Survey) reports.Section {
	s := reports.Section{Title: w.t("assessment.surveys")}
	if len(list) == 0 {
		s.Paragraphs = []string{w.t("assessment.no_surveys")}
	}
	for _, sv := range list {
		lines, tables := w.survey(sv)
		s.Paragraphs = append(s.Paragraphs, lines...)
		s.Tables = append(s.Tables, tables...)
	}
	return s
}

// SurveyParts are a survey's lines (what it is, the questions answered
// by a number) and tables, as the report shows them.
func SurveyParts(sv data.Survey, lang string) ([]string, []reports.StatTable) {
	return assessmentWords{lang}.survey(sv)
}

func (w assessmentWords) survey(sv data.Survey) (lines []string, tables []reports.StatTable) {
	lines = append(lines, w.t("assessment.survey_line", "title", sv.Title, "n", i18n.FormatIntIn(w.lang, sv.Respondents)))
	for qi, q := range sv.Questions {
		switch q.Kind {
		case data.QuestionNumber:
			lines = append(lines, w.t("assessment.survey_number", "question", q.Text, "n", i18n.FormatIntIn(w.lang, q.Answered),
				"min", i18n.FormatDecimalIn(w.lang, q.Min), "median", i18n.FormatDecimalIn(w.lang, q.Median), "max", i18n.FormatDecimalIn(w.lang, q.Max)))
		case data.QuestionText:
			tables = append(tables, w.texts(q))
		default:
			tables = append(tables, w.answers(sv, q))
			if c, ok := q.CrossBy(sv.CrossBy); ok && sv.CrossBy != qi {
				tables = append(tables, w.cross(sv, q, c))
			}
		}
	}
	return lines, tables
}

func (w assessmentWords) answers(sv data.Survey, q data.Question) reports.StatTable {
	t := reports.StatTable{Title: q.Text, Basis: w.t("assessment.survey_basis", "title", sv.Title, "n", i18n.FormatIntIn(w.lang, q.Answered)),
		Columns: []string{w.t("assessment.answer"), w.t("assessment.respondents"), w.t("assessment.share")}, Percent: []int{2}, Series: []int{1}}
	if q.Kind == data.QuestionMultiple {
		t.Basis += " " + w.t("assessment.several_answers")
	}
	for _, o := range q.Options {
		t.Rows = append(t.Rows, []any{o.Answer, o.N, data.Share(o.N, q.Answered)})
	}
	return t
}

func (w assessmentWords) cross(sv data.Survey, q data.Question, c data.Cross) reports.StatTable {
	by := sv.Questions[c.By]
	t := reports.StatTable{Title: w.t("assessment.cross_title", "question", q.Text, "by", by.Text), Columns: []string{w.t("assessment.answer")}}
	for _, o := range by.Options {
		t.Columns = append(t.Columns, o.Answer)
	}
	for i, o := range q.Options {
		row := []any{o.Answer}
		for b := range by.Options {
			row = append(row, c.Counts[b][i])
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func (w assessmentWords) texts(q data.Question) reports.StatTable {
	t := reports.StatTable{Title: q.Text, Basis: w.t("assessment.free_text", "n", i18n.FormatIntIn(w.lang, len(q.Texts))),
		Columns: []string{w.t("assessment.answer")}, Widths: []float64{1}}
	for _, a := range q.Texts {
		t.Rows = append(t.Rows, []any{a})
	}
	return t
}

// gapsAsOf says when the catalogue and the referrals were counted: the
// moment an approved assessment was approved, or the report's.
func (r AssessmentReport) gapsAsOf(lang string) string {
	if r.Assessment.Frozen() && r.Assessment.ApprovedAt != "" {
		return i18n.In(lang, "assessment.gaps_frozen", "date", i18n.FormatStampIn(lang, r.Assessment.ApprovedAt))
	}
	return i18n.In(lang, "assessment.gaps_now", "date", i18n.FormatDateTimeIn(lang, r.Now))
}

// needs is the gap table (need against capacity in the need's unit, with
// its chart), the demand in referrals with coverage, and the priorities
// in sentences with the group's reasons and overrides; asOf says when the
// numbers were counted.
func (w assessmentWords) needs(gaps []data.Gap, asOf string) reports.Section {
	s := reports.Section{Title: w.t("assessment.needs"), Paragraphs: []string{asOf}}
	gap := reports.StatTable{Title: w.t("assessment.gap_table"), Basis: w.t("assessment.gap_basis"), Series: []int{2, 3},
		Widths: []float64{0.3, 0.15, 0.13, 0.15, 0.14, 0.13}, Empty: w.t("assessment.nothing_entered"),
		Columns: []string{w.t("assessment.field.service_type"), w.t("assessment.field.unit"), w.t("assessment.field.in_need"),
			w.t("assessment.field.capacity"), w.t("assessment.field.gap"), w.t("assessment.field.priority")}}
	demand := reports.StatTable{Title: w.t("assessment.demand_table"), Basis: w.t("assessment.demand_basis"), Percent: []int{5},
		Widths: []float64{0.3, 0.14, 0.11, 0.16, 0.15, 0.14}, Empty: w.t("assessment.nothing_entered"),
		Columns: []string{w.t("assessment.field.service_type"), w.t("assessment.field.requested"), w.t("assessment.field.rejected"),
			w.t("assessment.field.wait_days"), w.t("assessment.field.served"), w.t("assessment.field.coverage")}}
	for _, g := range gaps {
		label := w.needLabel(g.Need)
		var inNeed, short any = "", ""
		if g.InNeed != nil {
			inNeed = *g.InNeed
		}
		if n, ok := g.Shortfall(); ok {
			short = n
		} else if g.InNeed != nil {
			short = "—" // no capacity to set the need against: see the basis
		}
		unit := ""
		if g.Unit != "" {
			unit = w.t("capacity_unit." + string(g.Unit))
		}
		var capacity any = "—" // services of the type count no capacity in this unit
		if g.CapacityKnown {
			capacity = g.Capacity
		}
		gap.Rows = append(gap.Rows, []any{label, unit, inNeed, capacity, short, w.priority(g.Priority)})
		demand.Rows = append(demand.Rows, []any{label, g.Requested, g.Rejected, g.WaitDays, g.Served, g.Coverage()})
		if line := w.needLine(g); line != "" {
			s.Closing = append(s.Closing, line)
		}
	}
	s.Tables = []reports.StatTable{gap, demand}
	return s
}

func (w assessmentWords) needLabel(n data.Need) string {
	label := strings.TrimSpace(n.TypeCode + " " + n.TypeName)
	if n.TargetGroupName != "" {
		label += " (" + n.TargetGroupName + ")"
	}
	return label
}

func (w assessmentWords) priority(p data.Priority) string {
	if p == "" {
		return ""
	}
	return w.t("assessment.priority." + string(p))
}

// needLine says why the group overrode a computed number of a need.
func (w assessmentWords) needLine(g data.Gap) string {
	if g.CapacityOverride == nil && g.ServedOverride == nil {
		return ""
	}
	return w.needLabel(g.Need) + " — " + w.t("assessment.override_line", "note", g.OverrideNote)
}

// analysis is the SWOT, and the PEST when any point of it is given, as
// two tables of two columns each.
func (w assessmentWords) analysis(points []data.Point) reports.Section {
	s := reports.Section{Title: w.t("assessment.swot")}
	for _, kinds := range [][]data.PointKind{data.SWOTKinds, data.PESTKinds} {
		given := slices.ContainsFunc(points, func(p data.Point) bool { return slices.Contains(kinds, p.Kind) })
		if !given && kinds[0] != data.SWOTKinds[0] {
			continue
		}
		for _, pair := range [][2]data.PointKind{{kinds[0], kinds[1]}, {kinds[2], kinds[3]}} {
			s.Tables = append(s.Tables, w.pointsTable(points, pair))
		}
	}
	return s
}

func (w assessmentWords) pointsTable(points []data.Point, pair [2]data.PointKind) reports.StatTable {
	t := reports.StatTable{Title: w.t("assessment.point."+string(pair[0])) + " / " + w.t("assessment.point."+string(pair[1])),
		Columns: []string{w.t("assessment.point." + string(pair[0])), w.t("assessment.point." + string(pair[1]))}, Widths: []float64{0.5, 0.5},
		Empty: w.t("assessment.nothing_entered")}
	var cols [2][]string
	for _, p := range points {
		for i, k := range pair {
			if p.Kind == k {
				cols[i] = append(cols[i], "• "+p.Text)
			}
		}
	}
	for r := range max(len(cols[0]), len(cols[1])) {
		row := []any{"", ""}
		for i := range cols {
			if r < len(cols[i]) {
				row[i] = cols[i][r]
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// PlanningSource is what the Planning screen reads and writes.
type PlanningSource interface {
	AssessmentSource
	ServiceTypes(ctx context.Context, country data.Country) ([]data.ServiceType, error)
	TargetGroups(ctx context.Context, country data.Country) ([]data.TargetGroup, error)
	Organizations(ctx context.Context, query string) ([]data.Organization, error)
}

// Planning is an assessment as the Planning screen shows it: its gap
// tables and each survey's parts with their charts, and the lists its
// choices offer.
type Planning struct {
	AssessmentReport
	GapTables []TableView
	GapsAsOf  string // when the gaps were counted
	// Beside the needs: the services on offer and the priorities; beside
	// the plan: its financing and how the plan before went.
	NeedsBeside, PlanBeside []reports.Section
	SurveyViews             map[int64]SurveyView
	Types                   []data.ServiceType
	Groups                  []data.TargetGroup
	Orgs                    []data.Organization
}

// TableView is a table with its chart drawn for the window (none: nil PNG).
type TableView struct {
	reports.StatTable
	Chart Chart
}

// SurveyView is a survey's lines and tables for the window.
type SurveyView struct {
	Lines  []string
	Tables []TableView
}

// ReadPlanning reads an assessment for the window with its charts drawn
// width points wide at dpi.
func ReadPlanning(ctx context.Context, st PlanningSource, id int64, lang string, width float64, dpi int) (Planning, error) {
	var p Planning
	var err error
	if p.AssessmentReport, err = ReadAssessmentReport(ctx, st, id); err != nil {
		return p, err
	}
	if p.Types, err = st.ServiceTypes(ctx, p.Settings.Country); err != nil {
		return p, err
	}
	if p.Groups, err = st.TargetGroups(ctx, p.Settings.Country); err != nil {
		return p, err
	}
	if p.Orgs, err = st.Organizations(ctx, ""); err != nil {
		return p, err
	}
	draw := func(tables []reports.StatTable) ([]TableView, error) {
		out := make([]TableView, len(tables))
		for i, t := range tables {
			out[i].StatTable = t
			if len(t.Series) > 0 && len(t.Rows) > 0 {
				if out[i].Chart, err = drawChart(ctx, t, lang, width, dpi); err != nil {
					return nil, err
				}
			}
		}
		return out, nil
	}
	w := assessmentWords{lang}
	p.NeedsBeside = []reports.Section{w.offer(p.Offer), w.priorities(p.Gaps)}
	p.PlanBeside = []reports.Section{w.financing(p.Assessment.Measures), w.previous(p.Previous, p.Now)}
	needs := w.needs(p.Gaps, p.gapsAsOf(lang))
	p.GapsAsOf = needs.Paragraphs[0]
	if p.GapTables, err = draw(needs.Tables); err != nil {
		return p, err
	}
	p.SurveyViews = map[int64]SurveyView{}
	for _, sv := range p.Surveys {
		lines, tables := SurveyParts(sv, lang)
		v := SurveyView{Lines: lines}
		if v.Tables, err = draw(tables); err != nil {
			return p, err
		}
		p.SurveyViews[sv.ID] = v
	}
	return p, nil
}

// drawChart draws a table's chart width points wide for the window.
func drawChart(ctx context.Context, t reports.StatTable, lang string, width float64, dpi int) (Chart, error) {
	if err := ctx.Err(); err != nil {
		return Chart{}, err
	}
	w, h := reports.ChartSize(t, vg.Length(width))
	png, err := reports.ChartPNG(t, lang, w, h, dpi)
	return Chart{PNG: png, Width: float32(w), Height: float32(h)}, err
}

// NewAssessment is a draft for the year before now's, its period the year
// whose referrals show demand, starting from the country's indicators.
func NewAssessment(country data.Country, now time.Time, title string) (data.Assessment, error) {
	year := data.YearOf(now.AddDate(-1, 0, 0))
	indicators, err := data.StartingIndicators(cmp.Or(country, data.CountryUA))
	return data.Assessment{Title: title, Period: year, Status: data.AssessmentDraft, Indicators: indicators}, err
}

// ImportSurvey reads a questionnaire's export, tabulates it and keeps it
// with the assessment; the rows are kept only when keepRows.
func ImportSurvey(ctx context.Context, st *data.Store, assessmentID int64, path, title string, keepRows bool) (data.Survey, error) {
	f, err := os.Open(path)
	if err != nil {
		return data.Survey{}, data.ReadError("read survey", path, err)
	}
	defer f.Close()
	t, err := data.ReadTable(f, path)
	if err != nil {
		return data.Survey{}, err
	}
	sv, err := data.TabulateSurvey(t)
	if err != nil {
		return sv, &data.Error{Code: data.EBadFile, Op: "read survey", Path: path, Err: err}
	}
	sv.Title, sv.FileName = title, filepath.Base(path)
	return sv, st.SaveSurvey(ctx, assessmentID, &sv, keepRows)
}
