package office

import (
	"cmp"
	"context"
	"fmt"
	"io"
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

// ExportStatistics writes the statistics of the period as a workbook.
// Only XLSX is written yet: the PDF report is still to come.
func ExportStatistics(ctx context.Context, st StatisticsSource, p data.Period, doc Document) error {
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
	period := PeriodText(p, doc.Lang)
	tables := StatisticsTables(&stats, doc.Lang)
	for i := range tables { // the workbook leaves the department
		if reports.SuppressSmall(&tables[i], set.SuppressBelow) {
			tables[i].Note = i18n.In(doc.Lang, "stats.suppressed_note", "n", strconv.Itoa(set.SuppressBelow+1))
		}
	}
	return doc.write(func(w io.Writer) error { return reports.StatisticsXLSX(ctx, w, period, tables, o) })
}

// PeriodText words a period: "01.10.2026 – 31.10.2026".
func PeriodText(p data.Period, lang string) string {
	return i18n.FormatDayIn(lang, p.From) + " – " + i18n.FormatDayIn(lang, p.To)
}

// StatisticsTables are the statistics as the documents' tables, in lang.
func StatisticsTables(s *data.Statistics, lang string) []reports.StatTable {
	t := func(key string, pairs ...string) string { return i18n.In(lang, key, pairs...) }
	compared := []string{t("stats.col_period"), t("stats.col_previous", "period", PeriodText(s.Previous, lang)),
		t("stats.col_year_before", "period", PeriodText(s.YearBefore, lang))}
	comparedTable := func(key, first string, rows []data.Tally, label func(data.Tally) string) reports.StatTable {
		table := reports.StatTable{Title: t(key), Columns: append([]string{first}, compared...), Chart: true}
		for _, r := range rows {
			table.Rows = append(table.Rows, []any{label(r), r.N, r.Previous, r.YearBefore})
		}
		return table
	}
	counted := func(key, first string, rows []data.Tally, label func(data.Tally) string) reports.StatTable {
		table := reports.StatTable{Title: t(key), Columns: []string{first, t("stats.col_count")}, Chart: true}
		for _, r := range rows {
			table.Rows = append(table.Rows, []any{label(r), r.N})
		}
		return table
	}
	named := func(r data.Tally) string { return cmp.Or(r.Label, r.Key, t("stats.not_given")) }
	keyed := func(prefix string) func(data.Tally) string {
		return func(r data.Tally) string {
			if r.Key == "" {
				return t("stats.not_given")
			}
			return t(prefix + r.Key)
		}
	}
	tables := []reports.StatTable{
		comparedTable("stats.sent", t("stats.col_indicator"), []data.Tally{{Key: "sent", Compared: s.Sent}}, func(data.Tally) string { return t("stats.referrals_sent") }),
		comparedTable("stats.by_sector", t("field.sector"), s.BySector, keyed("sector.")),
		comparedTable("stats.by_sender", t("field.from_org"), s.ByFrom, named),
		comparedTable("stats.by_recipient", t("field.to_org"), s.ByTo, named),
		comparedTable("stats.by_situation", t("field.situation"), s.BySituation, named),
		comparedTable("stats.by_urgency", t("field.urgency"), s.ByUrgency, keyed("urgency.")),
		counted("stats.by_status", t("field.status"), s.ByStatus, keyed("status.referral.")),
		counted("stats.rejected", t("field.reject_reason"), s.Rejected, named),
		counted("stats.overdue_now", t("field.to_org"), s.OverdueNow, named),
		timelinessTable(t("stats.timeliness_recipient"), t("field.to_org"), s.TimelinessByRecipient, t),
		timelinessTable(t("stats.timeliness_situation"), t("field.situation"), s.TimelinessBySituation, t),
		durationsTable(s.Durations, t),
		comparedTable("stats.cases", t("stats.col_indicator"), []data.Tally{{Key: "opened", Compared: s.CasesOpened}, {Key: "closed", Compared: s.CasesClosed}}, keyed("stats.cases_")),
		comparedTable("stats.by_factor", t("field.factors"), s.ByFactor, named),
		comparedTable("stats.by_age", t("stats.col_age"), s.ByAgeGroup, keyed("stats.age.")),
		comparedTable("stats.by_settlement", t("field.settlement"), s.BySettlement, named),
		comparedTable("stats.by_specialist", t("field.specialist"), s.BySpecialist, named),
		counted("stats.monthly", t("stats.col_month"), s.Monthly, func(r data.Tally) string { return r.Key }),
		servicesTable(s.Services, t),
		counted("stats.catalogue_form", t("field.forms"), s.CatalogueByForm, keyed("form.")),
		counted("stats.catalogue_group", t("field.target_groups"), s.CatalogueByTargetGroup, named),
		capacityTable(s.Capacity, t),
	}
	tables[0].Rows = append(tables[0].Rows, []any{t("stats.referrals_per_case"), s.ReferralsPerCase, nil, nil})
	tables[0].Chart = false
	return tables
}

func timelinessTable(title, first string, rows []data.Timeliness, t func(string, ...string) string) reports.StatTable {
	table := reports.StatTable{Title: title, Percent: []int{1, 3}, Columns: []string{first, t("stats.received_in_time"),
		t("stats.judged"), t("stats.done_in_time"), t("stats.judged")}}
	for _, r := range rows {
		table.Rows = append(table.Rows, []any{cmp.Or(r.Label, r.Key, t("stats.not_given")), data.Share(r.ReceivedInTime, r.ReceiptJudged), r.ReceiptJudged,
			data.Share(r.DoneInTime, r.WorkJudged), r.WorkJudged})
	}
	return table
}

func durationsTable(rows []data.Duration, t func(string, ...string) string) reports.StatTable {
	table := reports.StatTable{Title: t("stats.durations"), Columns: []string{t("stats.col_step"), t("stats.col_count"),
		t("stats.median_days"), t("stats.p90_days")}}
	for _, d := range rows {
		table.Rows = append(table.Rows, []any{t("stats.step." + d.Step), d.N, d.Median, d.P90})
	}
	return table
}

func servicesTable(rows []data.ServiceDemand, t func(string, ...string) string) reports.StatTable {
	table := reports.StatTable{Title: t("stats.services"), Chart: true, Columns: []string{t("field.type"),
		t("stats.requested"), t("stats.requested_rejected"), t("stats.offered")}}
	for _, d := range rows {
		table.Rows = append(table.Rows, []any{fmt.Sprintf("%s %s", d.Key, d.Label), d.Requested, d.Rejected, d.Offered})
	}
	return table
}

func capacityTable(rows []data.Capacity, t func(string, ...string) string) reports.StatTable {
	table := reports.StatTable{Title: t("stats.capacity"), Columns: []string{t("field.capacity_unit"), t("stats.services_count"), t("stats.capacity_total")}}
	for _, c := range rows {
		unit := t("stats.not_given")
		if c.Unit != "" {
			unit = t("capacity_unit." + c.Unit)
		}
		table.Rows = append(table.Rows, []any{unit, c.Services, c.Total})
	}
	return table
}
