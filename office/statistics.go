package office

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"spilno/data"
	"spilno/i18n"
	"spilno/reports"
)

// StatisticsSource is what the statistics are read from.
type StatisticsSource interface {
	Statistics(ctx context.Context, p data.Period, now time.Time) (data.Statistics, error)
	Settings(ctx context.Context) (data.Settings, error)
}

// ExportStatistics writes the statistics of the period as a workbook
// ("xlsx") or as the report for the executive committee ("pdf"). Both
// leave the department, so small counts are suppressed as Settings say.
func ExportStatistics(ctx context.Context, st StatisticsSource, p data.Period, format string, doc Document) error {
	now := time.Now()
	stats, err := st.Statistics(ctx, p, now)
	if err != nil {
		return err
	}
	set, err := st.Settings(ctx)
	if err != nil {
		return err
	}
	o := doc.options(set.Community, now)
	o.Letterhead, o.Operator = set.Letterhead, set.Operator
	period := PeriodText(p, doc.Lang)
	sections := StatisticsTables(&stats, doc.Lang)
	tables := make([]reports.StatTable, len(sections))
	for i, s := range sections {
		tables[i] = s.StatTable
		if reports.SuppressSmall(&tables[i], set.SuppressBelow) {
			tables[i].Note = i18n.In(doc.Lang, "stats.suppressed_note", "n", strconv.Itoa(set.SuppressBelow+1), "max", strconv.Itoa(set.SuppressBelow), "hidden", reports.Hidden)
		}
	}
	if format == "pdf" {
		summary := StatisticsSummary(&stats, doc.Lang, set.SuppressBelow)
		return doc.write(func(w io.Writer) error { return reports.StatisticsPDF(ctx, w, period, summary, tables, o) })
	}
	return doc.write(func(w io.Writer) error { return reports.StatisticsXLSX(ctx, w, period, tables, o) })
}

// PeriodText words a period: "01.10.2026 – 31.10.2026".
func PeriodText(p data.Period, lang string) string {
	return i18n.FormatDayIn(lang, p.From) + " – " + i18n.FormatDayIn(lang, p.To)
}

// StatSection is one table of the statistics with, for the window, the
// referrals behind its numbers.
type StatSection struct {
	reports.StatTable
	// Behind is the register's filter of the referrals a cell counts;
	// false where the number stands for no list of referrals.
	Behind func(row, col int) (data.ReferralFilter, bool)
}

// none is Behind for tables whose numbers open no list.
func none(int, int) (data.ReferralFilter, bool) { return data.ReferralFilter{}, false }

// statTables builds the sections from one statistics in one language.
type statTables struct {
	s    *data.Statistics
	lang string
}

func (b statTables) t(key string, pairs ...string) string { return i18n.In(b.lang, key, pairs...) }

// sentIn narrows f to the referrals sent in the period of a compared
// column (1 the period, 2 the one before, 3 a year before).
func (b statTables) sentIn(f data.ReferralFilter, col int) (data.ReferralFilter, bool) {
	periods := []data.Period{b.s.Period, b.s.Previous, b.s.YearBefore}
	if col < 1 || col > len(periods) {
		return f, false
	}
	f.SentFrom, f.SentTo = periods[col-1].From, periods[col-1].To
	return f, true
}

// compared is a table of tallies in the three periods, bars of the period
// and the one before; filter (if any) chooses a row's referrals.
func (b statTables) compared(key, first string, rows []data.Tally, label func(data.Tally) string, filter func(data.Tally) data.ReferralFilter) StatSection {
	t := b.t
	table := reports.StatTable{Title: t(key), Series: []int{1, 2}, Columns: []string{first, t("stats.col_period"),
		t("stats.col_previous", "period", PeriodText(b.s.Previous, b.lang)), t("stats.col_year_before", "period", PeriodText(b.s.YearBefore, b.lang))}}
	for _, r := range rows {
		table.Rows = append(table.Rows, []any{label(r), r.N, r.Previous, r.YearBefore})
	}
	if b.s.Previous == b.s.YearBefore { // a year: the year before is the period before
		table.Columns = table.Columns[:3]
		for i := range table.Rows {
			table.Rows[i] = table.Rows[i][:3]
		}
	}
	section := StatSection{StatTable: table, Behind: none}
	if filter != nil {
		section.Behind = func(row, col int) (data.ReferralFilter, bool) {
			if row >= len(rows) {
				return data.ReferralFilter{}, false
			}
			return b.sentIn(filter(rows[row]), col)
		}
	}
	return section
}

// counted is a table of counts in the period alone.
func (b statTables) counted(key, first string, rows []data.Tally, label func(data.Tally) string, filter func(data.Tally) data.ReferralFilter) StatSection {
	table := reports.StatTable{Title: b.t(key), Columns: []string{first, b.t("stats.col_count")}, Series: []int{1}}
	for _, r := range rows {
		table.Rows = append(table.Rows, []any{label(r), r.N})
	}
	section := StatSection{StatTable: table, Behind: none}
	if filter != nil {
		section.Behind = func(row, col int) (data.ReferralFilter, bool) {
			if row >= len(rows) || col != 1 {
				return data.ReferralFilter{}, false
			}
			return filter(rows[row]), true
		}
	}
	return section
}

func (b statTables) named(r data.Tally) string { return cmp.Or(r.Label, r.Key, b.t("stats.not_given")) }

func (b statTables) keyed(prefix string) func(data.Tally) string {
	return func(r data.Tally) string {
		if r.Key == "" {
			return b.t("stats.not_given")
		}
		return b.t(prefix + r.Key)
	}
}

// StatisticsTables are the statistics as the documents' and the window's
// tables, in lang.
func StatisticsTables(s *data.Statistics, lang string) []StatSection {
	b := statTables{s: s, lang: lang}
	t := b.t
	all := func(data.Tally) data.ReferralFilter { return data.ReferralFilter{} }
	sent := b.compared("stats.sent", t("stats.col_indicator"), []data.Tally{{Key: "sent", Compared: s.Sent}}, func(data.Tally) string { return t("stats.referrals_sent") }, all)
	sent.Rows = append(sent.Rows, append([]any{t("stats.referrals_per_case"), s.ReferralsPerCase}, make([]any, len(sent.Columns)-2)...))
	sent.Series = nil
	// Each table says which date puts a referral or a case in the period.
	based := func(key string, sections ...StatSection) []StatSection {
		for i := range sections {
			sections[i].Basis = t(key, "date", i18n.FormatDateIn(lang, s.Now))
		}
		return sections
	}
	return slices.Concat(based("stats.basis_sent",
		sent,
		b.compared("stats.by_sector", t("field.sector"), s.BySector, b.keyed("sector."), func(r data.Tally) data.ReferralFilter { return data.ReferralFilter{FromSector: data.Sector(r.Key)} }),
		grouped(b.compared("stats.by_sender", t("field.from_org"), s.ByFrom, b.named, func(r data.Tally) data.ReferralFilter { return data.ReferralFilter{FromOrg: r.Key} }),
			s.ByFrom, func(r data.Tally) string { return r.Within }),
		b.compared("stats.by_recipient", t("field.to_org"), s.ByTo, b.named, func(r data.Tally) data.ReferralFilter { return data.ReferralFilter{ToOrg: r.Key} }),
		b.compared("stats.by_situation", t("field.situation"), s.BySituation, b.named, func(r data.Tally) data.ReferralFilter { return data.ReferralFilter{SituationKey: r.Key} }),
		b.compared("stats.by_urgency", t("field.urgency"), s.ByUrgency, b.keyed("urgency."), func(r data.Tally) data.ReferralFilter { return data.ReferralFilter{Urgency: data.Urgency(r.Key)} }),
		b.counted("stats.by_status", t("field.status"), s.ByStatus, b.keyed("status.referral."), func(r data.Tally) data.ReferralFilter {
			f, _ := b.sentIn(data.ReferralFilter{Statuses: []data.ReferralStatus{data.ReferralStatus(r.Key)}}, 1)
			return f
		}),
		b.counted("stats.rejected", t("field.reject_reason"), s.Rejected, b.named, nil),
	), based("stats.basis_now",
		b.counted("stats.overdue_now", t("field.to_org"), s.OverdueNow, b.named, func(r data.Tally) data.ReferralFilter {
			return data.ReferralFilter{ToOrg: r.Key, Overdue: true, Now: s.Now}
		}),
	), based("stats.basis_deadlines",
		b.timeliness(t("stats.timeliness_recipient"), t("field.to_org"), s.TimelinessByRecipient),
		b.timeliness(t("stats.timeliness_situation"), t("field.situation"), s.TimelinessBySituation),
		b.durations(),
	), based("stats.basis_cases",
		b.compared("stats.cases", t("stats.col_indicator"), []data.Tally{{Key: "opened", Compared: s.CasesOpened}, {Key: "closed", Compared: s.CasesClosed}}, b.keyed("stats.cases_"), nil),
		b.compared("stats.by_factor", t("field.factors"), s.ByFactor, b.named, nil),
		b.compared("stats.by_age", t("stats.col_age"), s.ByAgeGroup, b.keyed("stats.age."), nil),
		b.compared("stats.by_settlement", t("field.settlement"), s.BySettlement, b.named, nil),
		b.compared("stats.by_specialist", t("field.specialist"), s.BySpecialist, b.named, nil),
	), based("stats.basis_months", b.monthly()), based("stats.basis_services", b.services()), based("stats.basis_catalogue",
		ofServices(b.counted("stats.catalogue_form", t("field.forms"), s.CatalogueByForm, b.keyed("form."), nil)),
		ofServices(b.counted("stats.catalogue_group", t("field.target_groups"), s.CatalogueByTargetGroup, b.named, nil)),
		b.capacity(),
	))
}

// ofServices marks a table of the catalogue: its counts are of services.
func ofServices(s StatSection) StatSection {
	s.OfServices = []int{1}
	return s
}

// grouped sets the table's Groups: the rows of the same group, whose sums
// another table shows (the senders of a sector).
func grouped(s StatSection, rows []data.Tally, group func(data.Tally) string) StatSection {
	byGroup := map[string][]int{}
	var order []string
	for i, r := range rows {
		g := group(r)
		if byGroup[g] == nil {
			order = append(order, g)
		}
		byGroup[g] = append(byGroup[g], i)
	}
	for _, g := range order {
		s.Groups = append(s.Groups, byGroup[g])
	}
	return s
}

// monthly is a line of the referrals sent per month, each month opening
// its referrals. The months of the period and of the one before add up to
// their totals in the first table.
func (b statTables) monthly() StatSection {
	section := b.counted("stats.monthly", b.t("stats.col_month"), b.s.Monthly, func(r data.Tally) string { return i18n.FormatMonthIn(b.lang, r.Key) },
		func(r data.Tally) data.ReferralFilter {
			p := data.MonthOf(monthStart(r.Key))
			return data.ReferralFilter{SentFrom: p.From, SentTo: p.To}
		})
	section.Line = true
	return grouped(section, b.s.Monthly, func(r data.Tally) string {
		for _, p := range []data.Period{b.s.Period, b.s.Previous} {
			if month := data.MonthOf(monthStart(r.Key)); p.From <= month.From && month.To <= p.To {
				return p.From
			}
		}
		return r.Key // a month of its own: a set of one protects nothing
	})
}

// monthStart is the first day of a month keyed "2006-01".
func monthStart(key string) time.Time {
	month, _ := time.ParseInLocation("2006-01", key, time.Local)
	return month
}

func (b statTables) timeliness(title, first string, rows []data.Timeliness) StatSection {
	t := b.t
	table := reports.StatTable{Title: title, Percent: []int{1, 3}, Series: []int{1, 3}, ShareOf: map[int]int{1: 2, 3: 4}, Columns: []string{first, t("stats.received_in_time"),
		t("stats.judged"), t("stats.done_in_time"), t("stats.judged")}}
	for _, r := range rows {
		table.Rows = append(table.Rows, []any{cmp.Or(r.Label, r.Key, t("stats.not_given")), data.Share(r.ReceivedInTime, r.ReceiptJudged), r.ReceiptJudged,
			data.Share(r.DoneInTime, r.WorkJudged), r.WorkJudged})
	}
	return StatSection{StatTable: table, Behind: none}
}

func (b statTables) durations() StatSection {
	t := b.t
	table := reports.StatTable{Title: t("stats.durations"), Columns: []string{t("stats.col_step"), t("stats.col_count"),
		t("stats.median_days"), t("stats.p90_days")}}
	for _, d := range b.s.Durations {
		table.Rows = append(table.Rows, []any{t("stats.step." + d.Step), d.N, d.Median, d.P90})
	}
	return StatSection{StatTable: table, Behind: none}
}

func (b statTables) services() StatSection {
	t := b.t
	table := reports.StatTable{Title: t("stats.services"), Series: []int{1, 3}, OfServices: []int{3}, Columns: []string{t("field.type"),
		t("stats.requested"), t("stats.requested_rejected"), t("stats.offered")}}
	for _, d := range b.s.Services {
		table.Rows = append(table.Rows, []any{fmt.Sprintf("%s %s", d.Key, d.Label), d.Requested, d.Rejected, d.Offered})
	}
	return StatSection{StatTable: table, Behind: none}
}

func (b statTables) capacity() StatSection {
	t := b.t
	table := reports.StatTable{Title: t("stats.capacity"), OfServices: []int{1, 2}, Columns: []string{t("field.capacity_unit"), t("stats.services_count"), t("stats.capacity_total")}}
	for _, c := range b.s.Capacity {
		unit := t("stats.not_given")
		if c.Unit != "" {
			unit = t("capacity_unit." + c.Unit)
		}
		table.Rows = append(table.Rows, []any{unit, c.Services, c.Total})
	}
	return StatSection{StatTable: table, Behind: none}
}

// StatisticsView is what the window shows of a period: the summary, the
// tables and their charts (PNG nil for a table without one). The window
// is inside the department: no count is suppressed.
type StatisticsView struct {
	Period   data.Period
	Summary  []string
	Sections []StatSection
	Charts   []Chart
}

// Chart is a picture and the size to show it at, in points.
type Chart struct {
	PNG           []byte
	Width, Height float32
}

// ReadStatistics reads and draws the statistics of the period for the
// window, charts width points wide at dpi.
func ReadStatistics(ctx context.Context, st StatisticsSource, p data.Period, now time.Time, lang string, width float64, dpi int) (StatisticsView, error) {
	stats, err := st.Statistics(ctx, p, now)
	if err != nil {
		return StatisticsView{}, err
	}
	v := StatisticsView{Period: p, Summary: StatisticsSummary(&stats, lang, 0), Sections: StatisticsTables(&stats, lang)}
	v.Charts = make([]Chart, len(v.Sections))
	for i, s := range v.Sections {
		if len(s.Series) == 0 || len(s.Rows) == 0 {
			continue
		}
		if v.Charts[i], err = drawChart(ctx, s.StatTable, lang, width, dpi); err != nil {
			return v, err
		}
	}
	return v, nil
}
