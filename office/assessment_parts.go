package office

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"spilno/data"
	"spilno/i18n"
	"spilno/reports"
)

// CapacityText is a capacity per unit in words: "25 отримувачів на
// місяць; 8 місць"; "—" when none is counted.
func CapacityText(list []data.Capacity, lang string) string {
	var units []string
	for _, c := range list {
		units = append(units, i18n.FormatIntIn(lang, c.Total)+" "+i18n.In(lang, "capacity_unit."+c.Unit))
	}
	return cmp.Or(strings.Join(units, "; "), "—")
}

// previous evaluates the plan of the assessment before: how many of its
// measures were done, and each with its last progress.
func (w assessmentWords) previous(p *data.PreviousPlan, now time.Time) reports.Section {
	s := reports.Section{Title: w.t("assessment.previous")}
	if p == nil {
		s.Paragraphs = []string{w.t("assessment.no_previous")}
		return s
	}
	count := map[data.MeasureStatus]int{}
	overdue := 0
	t := reports.StatTable{Title: w.t("assessment.previous_table", "title", p.Title), Widths: []float64{0.05, 0.35, 0.14, 0.16, 0.3},
		Empty: w.t("assessment.nothing_entered"), Columns: []string{"№", w.t("assessment.field.measure"), w.t("assessment.field.deadline"),
			w.t("assessment.field.status"), w.t("assessment.field.progress")}}
	for i, m := range p.Measures {
		count[m.Status]++
		status := w.t("measure_status." + string(m.Status))
		if m.Overdue(now) {
			overdue++
			status += " — " + w.t("assessment.overdue")
		}
		last := ""
		if n := len(m.Progress); n > 0 {
			last = w.day(m.Progress[n-1].On) + " — " + m.Progress[n-1].Note
		}
		t.Rows = append(t.Rows, []any{fmt.Sprint(i + 1), m.Title, w.day(m.Deadline), status, last})
	}
	s.Paragraphs = []string{w.t("assessment.previous_line", "title", p.Title, "period", PeriodText(p.Period, w.lang),
		"n", i18n.FormatIntIn(w.lang, len(p.Measures)), "done", i18n.FormatIntIn(w.lang, count[data.MeasureDone]),
		"progress", i18n.FormatIntIn(w.lang, count[data.MeasureInProgress]), "planned", i18n.FormatIntIn(w.lang, count[data.MeasurePlanned]),
		"cancelled", i18n.FormatIntIn(w.lang, count[data.MeasureCancelled]), "overdue", i18n.FormatIntIn(w.lang, overdue))}
	s.Tables = []reports.StatTable{t}
	return s
}

// offer is what the catalogue provides by type of service: the existing
// services the needs are set against.
func (w assessmentWords) offer(list []data.TypeOffer) reports.Section {
	t := reports.StatTable{Title: w.t("assessment.offer_table"), Basis: w.t("assessment.offer_basis"), Widths: []float64{0.42, 0.12, 0.14, 0.32},
		Empty: w.t("assessment.no_offer"), Columns: []string{w.t("assessment.field.service_type"), w.t("assessment.field.services"),
			w.t("assessment.field.providers"), w.t("assessment.field.capacity")}}
	for _, o := range list {
		t.Rows = append(t.Rows, []any{strings.TrimSpace(o.Code + " " + o.Name), o.Services, o.Providers, CapacityText(o.Capacities, w.lang)})
	}
	return reports.Section{Title: w.t("assessment.offer"), Tables: []reports.StatTable{t}}
}

// priorities are the needs by target group, the highest priority first,
// with the gap and the group's reasons.
func (w assessmentWords) priorities(gaps []data.Gap) reports.Section {
	t := reports.StatTable{Title: w.t("assessment.priorities_table"), Widths: []float64{0.2, 0.28, 0.12, 0.1, 0.3},
		Empty: w.t("assessment.nothing_entered"), Columns: []string{w.t("assessment.field.target_group"), w.t("assessment.field.service_type"),
			w.t("assessment.field.priority"), w.t("assessment.field.gap"), w.t("assessment.field.rationale")}}
	rank := func(p data.Priority) int {
		if i := slices.Index(data.Priorities, p); i >= 0 {
			return i
		}
		return len(data.Priorities)
	}
	sorted := slices.Clone(gaps)
	slices.SortStableFunc(sorted, func(a, b data.Gap) int {
		return cmp.Or(cmp.Compare(rank(a.Priority), rank(b.Priority)), strings.Compare(a.TargetGroupName, b.TargetGroupName))
	})
	for _, g := range sorted {
		var short any = "—"
		if n, ok := g.Shortfall(); ok {
			short = n
		}
		group := cmp.Or(g.TargetGroupName, w.t("assessment.every_group"))
		t.Rows = append(t.Rows, []any{group, strings.TrimSpace(g.TypeCode + " " + g.TypeName), w.priority(g.Priority), short, g.Rationale})
	}
	return reports.Section{Title: w.t("assessment.priorities"), Tables: []reports.StatTable{t}}
}

// financing sums the amounts of the plan's measures by funding source;
// cancelled measures are left out.
func (w assessmentWords) financing(measures []data.Measure) reports.Section {
	t := reports.StatTable{Title: w.t("assessment.financing_table"), Basis: w.t("assessment.financing_basis"), Widths: []float64{0.5, 0.2, 0.3},
		Empty: w.t("assessment.nothing_entered"), Columns: []string{w.t("planning.funding_source"), w.t("assessment.field.measures"),
			w.t("assessment.field.amount_col")}}
	type sum struct {
		n      int
		amount *float64 // none while no measure of the source gives one
	}
	sums := map[string]*sum{}
	var sources []string
	var total float64
	for _, m := range measures {
		if m.Status == data.MeasureCancelled {
			continue
		}
		source := cmp.Or(m.FundingSource, w.t("assessment.no_source"))
		if sums[source] == nil {
			sums[source] = &sum{}
			sources = append(sources, source)
		}
		sums[source].n++
		if m.Amount != nil {
			if sums[source].amount == nil {
				sums[source].amount = new(float64)
			}
			*sums[source].amount += *m.Amount
			total += *m.Amount
		}
	}
	for _, source := range sources {
		t.Rows = append(t.Rows, []any{source, sums[source].n, wholeOrDecimal(sums[source].amount)})
	}
	s := reports.Section{Title: w.t("assessment.financing"), Tables: []reports.StatTable{t}}
	if len(sources) > 0 {
		s.Closing = []string{w.t("assessment.financing_total", "sum", w.amount(total))}
	}
	return s
}

// plan is the plan of measures, a table for each year of deadlines (the
// annual action plans), overdue ones marked, then each measure's progress.
// Measures keep their number across the years' tables.
func (w assessmentWords) plan(measures []data.Measure, now time.Time) reports.Section {
	years := map[string]*reports.StatTable{}
	var order []string
	progress := reports.StatTable{Title: w.t("assessment.progress_table"), Widths: []float64{0.1, 0.15, 0.75}, Empty: w.t("assessment.nothing_entered"),
		Columns: []string{"№", w.t("assessment.field.deadline_date"), w.t("assessment.field.progress")}}
	for i, m := range measures {
		year := ""
		if len(m.Deadline) >= 4 {
			year = m.Deadline[:4]
		}
		if years[year] == nil {
			years[year] = w.planTable(year)
			order = append(order, year)
		}
		t := years[year]
		t.Rows = append(t.Rows, w.measureRow(i, m, now))
		for _, p := range m.Progress {
			progress.Rows = append(progress.Rows, []any{fmt.Sprint(i + 1), w.day(p.On), p.Note})
		}
	}
	slices.SortFunc(order, func(a, b string) int { // by year; no deadline last
		return strings.Compare(cmp.Or(a, "9999"), cmp.Or(b, "9999"))
	})
	var tables []reports.StatTable
	for _, y := range order {
		tables = append(tables, *years[y])
	}
	if len(tables) == 0 {
		tables = append(tables, *w.planTable(""))
	}
	return reports.Section{Title: w.t("assessment.plan"), Tables: append(tables, progress)}
}

func (w assessmentWords) planTable(year string) *reports.StatTable {
	title := w.t("assessment.plan_table")
	if year != "" {
		title = w.t("assessment.plan_year", "year", year)
	}
	return &reports.StatTable{Title: title, Widths: []float64{0.04, 0.22, 0.15, 0.13, 0.12, 0.09, 0.11, 0.14},
		Empty: w.t("assessment.nothing_entered"),
		Columns: []string{"№", w.t("assessment.field.measure"), w.t("assessment.field.responsible"), w.t("assessment.field.deadline"),
			w.t("planning.funding_source"), w.t("assessment.field.amount_col"), w.t("assessment.field.success"), w.t("assessment.field.status")}}
}

func (w assessmentWords) measureRow(i int, m data.Measure, now time.Time) []any {
	what := m.Title
	if target := strings.Trim(m.TypeName+" · "+m.TargetGroupName, " ·"); target != "" {
		what += " (" + target + ")"
	}
	status := w.t("measure_status." + string(m.Status))
	if m.Overdue(now) {
		status += " — " + w.t("assessment.overdue")
	}
	return []any{fmt.Sprint(i + 1), what, m.OrganizationName, w.day(m.Deadline), m.FundingSource, wholeOrDecimal(m.Amount),
		m.SuccessIndicator, status}
}

// amount writes a sum of money as the language does: "1 250 000",
// "1 250 000,50".
func (w assessmentWords) amount(v float64) string {
	cents := int64(math.Round(v * 100))
	whole := i18n.FormatIntIn(w.lang, int(cents/100))
	if cents%100 == 0 {
		return whole
	}
	sep := ","
	if w.lang == "en" {
		sep = "."
	}
	return fmt.Sprintf("%s%s%02d", whole, sep, cents%100)
}
