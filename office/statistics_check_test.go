package office

import (
	"context"
	"strconv"
	"testing"
	"time"

	"spilno/data"
)

// Every table of a quarter of the demo agrees with the referrals, cases
// and services counted one by one here, in Go, from what the register and
// the case list read: the statistics' SQL and these loops share nothing
// but the data.
func TestStatisticsAgreeWithTheRecordsCountedOneByOne(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	now := time.Now()
	p := data.QuarterOf(now).Previous()
	stats, err := st.Statistics(ctx, p, now)
	if err != nil {
		t.Fatal(err)
	}
	periods := []data.Period{p, p.Previous(), p.YearBefore()}
	maskOfDay := func(day string) int {
		m := 0
		for i, q := range periods {
			if day != "" && q.From <= day && day <= q.To {
				m |= 1 << i
			}
		}
		return m
	}
	localDay := func(stamp string) string {
		at, err := time.Parse(time.RFC3339, stamp)
		if err != nil {
			return ""
		}
		return at.Local().Format(time.DateOnly)
	}
	add := func(m map[string]data.Compared, key string, mask int) {
		c := m[key]
		if mask&1 != 0 {
			c.N++
		}
		if mask&2 != 0 {
			c.Previous++
		}
		if mask&4 != 0 {
			c.YearBefore++
		}
		m[key] = c
	}
	orgs, err := st.Organizations(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	sector := map[string]string{}
	for _, o := range orgs {
		sector[o.ID] = string(o.Sector)
	}
	referrals, err := st.Referrals(ctx, data.ReferralFilter{})
	if err != nil {
		t.Fatal(err)
	}
	sent := map[string]data.Compared{}
	bySector, byFrom, byTo, bySituation, byUrgency := map[string]data.Compared{}, map[string]data.Compared{}, map[string]data.Compared{}, map[string]data.Compared{}, map[string]data.Compared{}
	byStatus, rejected, overdue := map[string]data.Compared{}, map[string]data.Compared{}, map[string]data.Compared{}
	for _, r := range referrals {
		if r.Overdue(now) {
			add(overdue, r.ToOrg, 1)
		}
		mask := maskOfDay(localDay(r.SentAt))
		if mask == 0 {
			continue
		}
		add(sent, "sent", mask)
		add(bySector, sector[r.FromOrg], mask)
		add(byFrom, r.FromOrg, mask)
		add(byTo, r.ToOrg, mask)
		add(bySituation, r.SituationKey, mask)
		add(byUrgency, string(r.Urgency), mask)
		add(byStatus, string(r.Status), mask&1)
		if r.Status == data.RefRejected {
			add(rejected, r.RejectReason, mask&1)
		}
	}
	if stats.Sent != sent["sent"] || stats.Sent.N == 0 {
		t.Errorf("sent %+v, counted %+v", stats.Sent, sent["sent"])
	}
	for name, c := range map[string]struct {
		got  []data.Tally
		want map[string]data.Compared
	}{"by sector": {stats.BySector, bySector}, "by sender": {stats.ByFrom, byFrom}, "by recipient": {stats.ByTo, byTo},
		"by situation": {stats.BySituation, bySituation}, "by urgency": {stats.ByUrgency, byUrgency}, "by status": {stats.ByStatus, nonZero(byStatus)},
		"rejected": {stats.Rejected, nonZero(rejected)}, "overdue now": {stats.OverdueNow, overdue}} {
		agree(t, name, c.got, c.want)
	}

	cases, err := st.Cases(ctx, "", 100_000)
	if err != nil {
		t.Fatal(err)
	}
	openedClosed := map[string]data.Compared{}
	byAge, bySettlement, bySpecialist, byFactor := map[string]data.Compared{}, map[string]data.Compared{}, map[string]data.Compared{}, map[string]data.Compared{}
	for _, listed := range cases {
		c, err := st.Case(ctx, listed.ID)
		if err != nil {
			t.Fatal(err)
		}
		add(openedClosed, "closed", maskOfDay(c.ClosedOn))
		mask := maskOfDay(c.OpenedOn)
		if mask == 0 {
			continue
		}
		add(openedClosed, "opened", mask)
		add(byAge, ageGroup(c), mask)
		add(bySettlement, c.Settlement, mask)
		add(bySpecialist, c.Specialist, mask)
		for _, f := range c.FactorIDs {
			add(byFactor, strconv.FormatInt(f, 10), mask)
		}
	}
	if stats.CasesOpened != openedClosed["opened"] || stats.CasesClosed != openedClosed["closed"] || stats.CasesOpened.N == 0 {
		t.Errorf("cases opened %+v closed %+v, counted %+v", stats.CasesOpened, stats.CasesClosed, openedClosed)
	}
	agree(t, "by age", stats.ByAgeGroup, byAge)
	agree(t, "by settlement", stats.BySettlement, bySettlement)
	agree(t, "by specialist", stats.BySpecialist, bySpecialist)
	agree(t, "by factor", stats.ByFactor, byFactor)

	services, err := st.Services(ctx, data.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	offered, byForm := map[string]int{}, map[string]int{}
	typeOf := map[string]string{}
	for _, s := range services {
		typeOf[s.ID] = s.TypeCode
		if s.Provided() {
			offered[s.TypeCode]++
			for _, f := range s.Forms {
				byForm[string(f)]++
			}
		}
	}
	requested := map[string]int{}
	for _, r := range referrals {
		if maskOfDay(localDay(r.SentAt))&1 != 0 && r.ServiceID != "" {
			requested[typeOf[r.ServiceID]]++
		}
	}
	for _, d := range stats.Services {
		if d.Requested != requested[d.Key] || d.Offered != offered[d.Key] {
			t.Errorf("services of type %s: asked %d offered %d, counted %d and %d", d.Key, d.Requested, d.Offered, requested[d.Key], offered[d.Key])
		}
	}
	for _, f := range stats.CatalogueByForm {
		if f.N != byForm[f.Key] {
			t.Errorf("catalogue, form %s: %d, counted %d", f.Key, f.N, byForm[f.Key])
		}
	}
}

// ageGroup is the child's age when the case was opened, as the tables group it.
func ageGroup(c data.Case) string {
	if c.BirthYear == nil {
		return ""
	}
	year, _ := strconv.Atoi(c.OpenedOn[:4])
	switch age := year - *c.BirthYear; {
	case age <= 2:
		return "0-2"
	case age <= 5:
		return "3-5"
	case age <= 9:
		return "6-9"
	case age <= 13:
		return "10-13"
	case age <= 17:
		return "14-17"
	}
	return "adult"
}

func nonZero(m map[string]data.Compared) map[string]data.Compared {
	for k, c := range m {
		if c == (data.Compared{}) {
			delete(m, k)
		}
	}
	return m
}

func agree(t *testing.T, what string, got []data.Tally, want map[string]data.Compared) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, counted %d: %+v vs %+v", what, len(got), len(want), got, want)
		return
	}
	for _, g := range got {
		if w := want[g.Key]; g.Compared != w {
			t.Errorf("%s: %q %+v, counted %+v", what, g.Key, g.Compared, w)
		}
	}
}
