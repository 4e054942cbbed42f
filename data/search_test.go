package data

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// scanned finds query the old way: every word in the folded text of every
// row. The trigram index must find the same rows.
func scanned(t *testing.T, s *Store, table, key, query string) []string {
	t.Helper()
	var where []string
	var args []any
	for _, w := range strings.Fields(Fold(query)) {
		where = append(where, "instr(search_text, ?) > 0")
		args = append(args, w)
	}
	q := "SELECT " + key + " FROM " + table
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY 1", args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// searchQueries are one to three words, short and long, Cyrillic and
// Latin, in any case, with diacritics and apostrophes.
var searchQueries = []string{"ліцей", "ЛІЦЕЙ школа", "гірк", "о. к.", "ок", "2026/0000", "цнсп", "Služba", "sluzba rodina",
	"сім'я", "сімʼя дітьми", "пропуски уроків навчання", "x", "немає такого", "ювенальна превенція", "centrum"}

// compare checks every search of every kind against the scan.
func compare(t *testing.T, s *Store, when string) {
	t.Helper()
	indexesIntact(t, s, when)
	for _, q := range searchQueries {
		refs, err := s.Referrals(ctx, ReferralFilter{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		got := mapIDs(refs, func(r Referral) string { return fmt.Sprint(r.ID) })
		if want := scanned(t, s, "referrals", "CAST(id AS TEXT)", q); !sameSet(got, want) {
			t.Errorf("%s: referrals %q: index %v, scan %v", when, q, got, want)
		}
		if n, _ := s.CountReferrals(ctx, ReferralFilter{Query: q}); n != len(got) {
			t.Errorf("%s: referrals %q: count %d, list %d", when, q, n, len(got))
		}
		cases, _ := s.Cases(ctx, q, 1000)
		if got, want := mapIDs(cases, func(c Case) string { return fmt.Sprint(c.ID) }), scanned(t, s, "cases", "CAST(id AS TEXT)", q); !sameSet(got, want) {
			t.Errorf("%s: cases %q: index %v, scan %v", when, q, got, want)
		}
		orgs, _ := s.Organizations(ctx, q)
		if got, want := mapIDs(orgs, func(o Organization) string { return o.ID }), scanned(t, s, "organizations", "id", q); !sameSet(got, want) {
			t.Errorf("%s: organizations %q: index %v, scan %v", when, q, got, want)
		}
		services, _ := s.Services(ctx, ServiceFilter{Query: q})
		if got, want := mapIDs(services, func(sv Service) string { return sv.ID }), scanned(t, s, "services", "id", q); !sameSet(got, want) {
			t.Errorf("%s: services %q: index %v, scan %v", when, q, got, want)
		}
	}
}

// indexesIntact runs FTS5's own check of each index against its table.
func indexesIntact(t *testing.T, s *Store, when string) {
	t.Helper()
	for _, x := range []searchIndex{referralSearch, caseSearch, organizationSearch, serviceSearch} {
		if _, err := s.db.Exec(`INSERT INTO ` + x.fts + `(` + x.fts + `, rank) VALUES ('integrity-check', 1)`); err != nil {
			t.Errorf("%s: %s: %v", when, x.fts, err)
		}
	}
}

func mapIDs[T any](list []T, id func(T) string) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = id(v)
	}
	return out
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestTheSearchIndexFindsWhatTheTextHolds(t *testing.T) {
	f := newReferrals(t)
	s := f.s
	for _, name := range []string{"Centrum sociálních služeb", "Сім'я разом", "ГО «Родина разом»", "Ювенальна превенція"} {
		mustSave(t, s, &Organization{Name: name, Sector: SectorNGO})
	}
	types, _ := s.ServiceTypes(ctx, CountryUA)
	for i, name := range []string{"Служба підтримки сімей", "Консультування сімʼї з дітьми", "Sluzba rodina"} {
		sv := Service{OrganizationID: f.cnsp.ID, TypeID: types[i].ID, Name: name, Status: StatusActive}
		if err := s.SaveService(ctx, &sv); err != nil {
			t.Fatal(err)
		}
	}
	var seeds []ReferralSeed
	reasons := []string{"Систематичні пропуски уроків", "Сім'я з дітьми без годувальника", "Учень ліцею зазнає булінгу"}
	for i := 0; i < 30; i++ {
		seeds = append(seeds, ReferralSeed{CreatedAt: f.clock.Add(-time.Duration(i) * time.Hour),
			Case:     Case{Subject: []string{"О. К.", "М. С.", "Д. В."}[i%3], Settlement: "с. Гірки", OpenedOn: "2026-11-01"},
			Referral: Referral{FromOrg: f.school.ID, ToOrg: f.cnsp.ID, SituationKey: f.situation, Urgency: UrgencyRoutine, Reason: reasons[i%3]},
			Moves:    []Move{{To: RefSent}}, MovedAt: []time.Time{f.clock}})
	}
	if err := s.AddReferrals(ctx, seeds, nil); err != nil {
		t.Fatal(err)
	}
	compare(t, s, "written")
	for _, f := range []ReferralFilter{{Query: "ліцей"}, {Statuses: []ReferralStatus{RefSent}}, {Query: "ліцей", Statuses: []ReferralStatus{RefSent}}} {
		all, _ := s.CountReferrals(ctx, f)
		over, _ := s.CountReferralsUpTo(ctx, f, 10)
		under, _ := s.CountReferralsUpTo(ctx, f, 100)
		if all != 30 || over != 11 || under != 30 {
			t.Errorf("%+v: counted %d, up to 10: %d, up to 100: %d; want 30, 11, 30", f, all, over, under)
		}
	}

	// Edits, status moves and renames change what is found.
	r := f.draft(t)
	r.Reason = "Дитина не відвідує школу"
	if err := s.SaveReferral(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MoveReferral(ctx, r.ID, Move{To: RefSent}); err != nil {
		t.Fatal(err)
	}
	f.cnsp.Name = "Центр соціальних послуг громади"
	mustSave(t, s, f.cnsp)
	c, _ := s.Case(ctx, f.caseID)
	c.Subject = "Т. Шевченко"
	if err := s.SaveCase(ctx, &c); err != nil {
		t.Fatal(err)
	}
	compare(t, s, "edited")
	found := func(query string) int {
		n, err := s.CountReferrals(ctx, ReferralFilter{Query: query})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for query, want := range map[string]int{"відвідує школу": 1, "послуг громади": 31, "цнсп": 0, "шевченко": 1} {
		if got := found(query); got != want {
			t.Errorf("after the edits %q finds %d referrals, want %d", query, got, want)
		}
	}

	// More referrals written in bulk are found beside those there were.
	if err := s.AddReferrals(ctx, seeds[:5], nil); err != nil {
		t.Fatal(err)
	}
	compare(t, s, "written again")
	if got := found("послуг громади"); got != 36 {
		t.Errorf("after a second bulk write the recipient is found in %d referrals, want 36", got)
	}

	// Anonymisation clears what the index knew of the cases.
	s.now = func() time.Time { return f.clock.AddDate(10, 0, 0) }
	if _, err := s.db.Exec(`UPDATE cases SET closed_on = '2026-11-10'`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AnonymiseClosedCases(ctx, 1); err != nil {
		t.Fatal(err)
	}
	compare(t, s, "anonymised")
	if got, _ := s.Cases(ctx, "гірки", 100); len(got) != 0 {
		t.Errorf("anonymised cases are still found by their settlement: %d", len(got))
	}

	// A restored backup is searched as it was backed up.
	if _, err := s.BackupNow(ctx); err != nil {
		t.Fatal(err)
	}
	backups, _ := ListBackups(s.Path())
	mustSave(t, s, &Organization{Name: "Після копії", Sector: SectorOther})
	if err := s.Restore(ctx, backups[0].Path); err != nil {
		t.Fatal(err)
	}
	compare(t, s, "restored")
	if got, _ := s.Organizations(ctx, "після копії"); len(got) != 0 {
		t.Errorf("the restored database finds what came after its backup")
	}
}

// plan is SQLite's plan for a query, one step a line.
func plan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var steps []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		steps = append(steps, detail)
	}
	return strings.Join(steps, "\n")
}

// The dashboard's counts and the register's search read indexes, never
// every referral.
func TestTheDashboardCountsAndTheSearchReadIndexes(t *testing.T) {
	f := newReferrals(t)
	for name, c := range map[string]struct {
		filter ReferralFilter
		want   string
	}{
		"overdue":      {ReferralFilter{Overdue: true, Now: f.clock}, "USING COVERING INDEX referrals_status_due (status=? AND due_at<?)"},
		"due today":    {ReferralFilter{DueToday: true, Now: f.clock}, "USING COVERING INDEX referrals_status_due (status=? AND due_at>? AND due_at<?)"},
		"not accepted": {ReferralFilter{Statuses: []ReferralStatus{RefReceived}}, "USING COVERING INDEX referrals_status_due (status=?)"},
		"search":       {ReferralFilter{Query: "ліцей"}, "VIRTUAL TABLE INDEX"},
	} {
		query, args := c.filter.countQuery(0)
		if p := plan(t, f.s, query, args...); !strings.Contains(p, c.want) {
			t.Errorf("%s: the count's plan is\n%s\nwant %q", name, p, c.want)
		}
	}
	if p := plan(t, f.s, countByStatus); !strings.Contains(p, "USING COVERING INDEX referrals_status_due") {
		t.Errorf("the count by status's plan is\n%s", p)
	}
	page := ReferralFilter{Query: "ліцей школа", Limit: 200}
	q := page.query()
	if p := plan(t, f.s, "SELECT "+referralColumns+q.from+referralJoins+q.whereClause()+page.orderBy(q.indexed), q.args...); !strings.HasPrefix(p, "SCAN referrals_fts VIRTUAL TABLE") || strings.Contains(p, "\nSCAN") || strings.Contains(p, "TEMP B-TREE") {
		t.Errorf("the first page of a search reads every referral or sorts them:\n%s", p)
	}
}

// The Cases screen reads its list a page at a time: pages follow one
// another without a gap or a repeat, newest first, for a search as for
// all cases, and the capped count says "more than" past its limit.
func TestCasesAreReadAPageAtATimeNewestFirst(t *testing.T) {
	f := newReferrals(t)
	var seeds []ReferralSeed
	for i := 0; i < 25; i++ {
		seeds = append(seeds, ReferralSeed{CreatedAt: f.clock,
			Case:     Case{Subject: "Д. В.", Settlement: []string{"с. Гірки", "с. Лісове"}[i%2], OpenedOn: "2026-11-01"},
			Referral: Referral{FromOrg: f.school.ID, ToOrg: f.cnsp.ID, SituationKey: f.situation, Urgency: UrgencyRoutine, Reason: "Пропуски уроків"},
		})
	}
	if err := f.s.AddReferrals(ctx, seeds, nil); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"", "гірки", "лісове д. в."} {
		all := scanned(t, f.s, "cases", "id", q) // ascending ids
		slices.Reverse(all)
		var paged []string
		for offset := 0; offset < len(all)+5; offset += 5 {
			page, err := f.s.CasesPage(ctx, q, 5, offset)
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, mapIDs(page, func(c Case) string { return fmt.Sprint(c.ID) })...)
		}
		if len(all) < 12 || !slices.Equal(paged, all) {
			t.Errorf("%q: pages of 5 read %v, newest first the cases are %v", q, paged, all)
		}
		over, _ := f.s.CountCasesUpTo(ctx, q, 10)
		under, _ := f.s.CountCasesUpTo(ctx, q, 100)
		exact, _ := f.s.CountCases(ctx, q)
		if over != 11 || under != len(all) || exact != len(all) {
			t.Errorf("%q: counted up to 10: %d, up to 100: %d, all: %d; want 11, %d, %[4]d", q, over, under, exact, len(all))
		}
	}
}
