package office

import (
	"math"
	"strconv"
	"time"

	"spilno/data"
	"spilno/i18n"
)

// StatisticsSummary is the statistics said in a few sentences, for the
// head of the report and of the window: how many referrals, how that
// compares with the period before, how many were received and done in
// time, who identified most, what became of them, the cases. Counts from
// 1 to suppressBelow are written "<n" as in the tables.
func StatisticsSummary(s *data.Statistics, lang string, suppressBelow int) []string {
	t := func(key string, pairs ...string) string { return i18n.In(lang, key, pairs...) }
	small := func(n int) bool { return n > 0 && n <= suppressBelow }
	count := func(n int) string {
		if small(n) {
			return "<" + strconv.Itoa(suppressBelow+1)
		}
		return i18n.FormatIntIn(lang, n)
	}
	sent := s.Sent.N
	if small(sent) { // "<5 referrals", in the plural of 5
		sent = suppressBelow + 1
	}
	lines := []string{i18n.PluralIn(lang, "stats.summary_sent", sent, "period", PeriodText(s.Period, lang), "n", count(s.Sent.N))}
	switch today := s.Now.Format(time.DateOnly); {
	case today <= s.Period.To: // a part of a period is not compared with a whole one
		lines[0] += " " + t("stats.summary_unfinished", "date", i18n.FormatDateIn(lang, s.Now))
	case !small(s.Sent.N) && !small(s.Sent.Previous): // 86 % fewer than 7 would give the one back
		lines[0] += " " + change(s, lang)
	}
	if s.Sent.N == 0 {
		return lines
	}
	var receipt, work [2]int // judged, in time
	for _, r := range s.TimelinessByRecipient {
		receipt[0] += r.ReceiptJudged
		receipt[1] += r.ReceivedInTime
		work[0] += r.WorkJudged
		work[1] += r.DoneInTime
	}
	for _, j := range []struct {
		key    string
		counts [2]int
	}{{"stats.summary_received", receipt}, {"stats.summary_done", work}} {
		// A share of a whole with a small part (or a small rest) would
		// give the part away: no sentence then.
		if j.counts[0] > 0 && !small(j.counts[1]) && !small(j.counts[0]-j.counts[1]) {
			lines = append(lines, t(j.key, "share", i18n.FormatPercentIn(lang, data.Share(j.counts[1], j.counts[0])),
				"in", count(j.counts[1]), "judged", count(j.counts[0])))
		}
	}
	if d := s.Durations[0]; d.N > 0 && !small(d.N) {
		lines = append(lines, t("stats.summary_median", "days", i18n.FormatDecimalIn(lang, d.Median)))
	}
	// The sector and the situation of a few referrals would point to them.
	if len(s.BySector) > 0 && len(s.BySituation) > 0 && !small(s.BySector[0].N) && !small(s.BySituation[0].N) {
		sector, situation := s.BySector[0], s.BySituation[0]
		lines = append(lines, t("stats.summary_top", "sector", t("sector."+sector.Key), "n", count(sector.N),
			"situation", situation.Label, "m", count(situation.N)))
	}
	rejected, overdue := 0, 0
	for _, r := range s.Rejected {
		rejected += r.N
	}
	for _, r := range s.OverdueNow {
		overdue += r.N
	}
	lines = append(lines, t("stats.summary_outcomes", "rejected", count(rejected), "overdue", count(overdue), "now", i18n.FormatDateIn(lang, s.Now)))
	return append(lines, t("stats.summary_cases", "opened", count(s.CasesOpened.N), "closed", count(s.CasesClosed.N)))
}

// change words the period's count against the period before: "12 % more
// than in the period before (01.07.2026 – 30.09.2026)".
func change(s *data.Statistics, lang string) string {
	c, before := s.Sent, PeriodText(s.Previous, lang)
	switch {
	case c.Previous == 0 && c.N == 0:
		return ""
	case c.Previous == 0:
		return i18n.In(lang, "stats.change_none_before", "before", before)
	case c.N == c.Previous:
		return i18n.In(lang, "stats.change_same", "before", before)
	}
	pct := i18n.FormatPercentIn(lang, math.Abs(float64(c.N-c.Previous))/float64(c.Previous))
	if c.N > c.Previous {
		return i18n.In(lang, "stats.change_more", "pct", pct, "before", before)
	}
	return i18n.In(lang, "stats.change_fewer", "pct", pct, "before", before)
}
