package data

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Compared is a count in the period, in the period before and in the same
// period a year before.
type Compared struct{ N, Previous, YearBefore int }

// Tally is one row of a statistics table: what is counted (a key, and the
// name the data gives it, if any) and its counts.
type Tally struct {
	Key, Label string
	Compared
}

// Timeliness is how one organization (or situation) kept the protocol's
// deadlines with the referrals sent in the period: of those whose receipt
// can be judged (received, or not received when the deadline has passed)
// how many were received within it, and the same for the work done after
// acceptance. Deadlines not recorded are not judged.
type Timeliness struct {
	Key, Label                    string
	ReceiptJudged, ReceivedInTime int
	WorkJudged, DoneInTime        int
}

// Share is part of whole as a fraction, NaN when there is no whole.
func Share(part, whole int) float64 {
	if whole == 0 {
		return math.NaN()
	}
	return float64(part) / float64(whole)
}

// Duration is how many days one step of the referrals took: their count,
// median and 90th percentile.
type Duration struct {
	Step        string // sent_received, received_accepted, accepted_done
	N           int
	Median, P90 float64
}

// ServiceDemand is, for one service type, how often referrals of the
// period asked for it and what the catalogue offers of it.
type ServiceDemand struct {
	Key, Label string
	Requested  int // referrals sent in the period naming a service of the type
	Rejected   int // of them, rejected
	Offered    int // services of the type the catalogue lists as provided
}

// Capacity is the catalogue's capacity in one unit (places, clients a
// month…): never added across units.
type Capacity struct {
	Unit     string
	Services int
	Total    int
}

// Statistics are the numbers of the protocol's work in a period. Each
// table says which date puts a referral in the period: referrals by the
// day they were sent; cases by the day they were opened or closed.
type Statistics struct {
	Period, Previous, YearBefore Period
	Now                          time.Time // "overdue now" and "still open" are as of then

	Sent                                             Compared // referrals sent
	BySector, ByFrom, ByTo, BySituation, ByUrgency   []Tally  // sent, by who identified and who received
	ByStatus                                         []Tally  // sent in the period, by what became of them (N only)
	Rejected                                         []Tally  // sent in the period and rejected, by reason (N only)
	OverdueNow                                       []Tally  // open past their deadline now, by recipient (N only)
	TimelinessByRecipient, TimelinessBySituation     []Timeliness
	Durations                                        []Duration
	CasesOpened, CasesClosed                         Compared
	ByFactor, ByAgeGroup, BySettlement, BySpecialist []Tally // cases opened in the period
	ReferralsPerCase                                 float64 // sent in the period, per case they were for
	Monthly                                          []Tally // referrals sent per month, the 12 months to the period's end (N only)
	Services                                         []ServiceDemand
	CatalogueByForm, CatalogueByTargetGroup          []Tally // services provided (N only)
	Capacity                                         []Capacity

	firstID int64 // the first referral sent in the period: its steps are read from there on
}

// Statistics computes the statistics of the period at now.
func (s *Store) Statistics(ctx context.Context, p Period, now time.Time) (Statistics, error) {
	const op = "statistics"
	if err := p.Validate(); err != nil {
		return Statistics{}, classify(op, "", err)
	}
	st := Statistics{Period: p, Previous: p.Previous(), YearBefore: p.YearBefore(), Now: now}
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err == nil {
		err = st.read(ctx, tx)
		tx.Rollback()
	}
	if err != nil {
		return st, classify(op, s.path, err)
	}
	return st, nil
}

// read fills the tables, all from one snapshot.
func (st *Statistics) read(ctx context.Context, tx *sql.Tx) error {
	period, err := st.readSent(ctx, tx)
	if err != nil {
		return err
	}
	if err := st.readSteps(ctx, tx, period); err != nil {
		return err
	}
	for _, step := range []func(context.Context, *sql.Tx) error{st.readOutcomes, st.readCases, st.readMonthly, st.readServices} {
		if err := step(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

// pastDue is the rule of "overdue" for an open referral r: its current
// deadline passed at the moment given as the query's argument. The
// register applies it too.
const pastDue = `r.due_at <> '' AND r.due_at < ?`

// overdueAt is "overdue" whole: open (OpenStatuses) and past due.
var overdueAt = `r.status IN ('` + strings.Join(keys(OpenStatuses), `', '`) + `') AND ` + pastDue

// keys are the stored keys of a list of statuses, for SQL.
func keys[S ~string](list []S) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = string(s)
	}
	return out
}

// sentIn is the condition "sent in the span [?, ?)" on r.
const sentIn = `r.sent_at >= ? AND r.sent_at < ?`

// spans are the stored bounds of the period, the one before and the year
// before, in that order, as query arguments.
func (st *Statistics) spans() []any {
	var args []any
	for _, p := range []Period{st.Period, st.Previous, st.YearBefore} {
		from, to := p.span()
		args = append(args, from, to)
	}
	return args
}

// counted counts rows by key, in one span or with any other arguments.
func counted(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]Tally, error) {
	return queryAll(ctx, tx, func(row scanner, t *Tally) error { return row.Scan(&t.Key, &t.Label, &t.N) }, q, args...)
}

// byCount puts the largest first, then by label.
func byCount(list []Tally) []Tally {
	slices.SortStableFunc(list, func(a, b Tally) int {
		if a.N != b.N {
			return b.N - a.N
		}
		return strings.Compare(a.Label+a.Key, b.Label+b.Key)
	})
	return list
}

const referralsWithOrgs = `referrals r JOIN organizations fo ON fo.id = r.from_org JOIN organizations tt ON tt.id = r.to_org`

// readSent counts the referrals sent in the three periods in one scan,
// each with a mask of the periods it falls in (a year's period before is
// also the year before), and returns the period's own, whose steps are
// read next.
func (st *Statistics) readSent(ctx context.Context, tx *sql.Tx) (map[int64]*steps, error) {
	in := func(i int) string { return fmt.Sprintf("(r.sent_at >= ?%d AND r.sent_at < ?%d)", 2*i+1, 2*i+2) }
	orgs, err := organizationNames(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("sent: %w", err)
	}
	where := fmt.Sprintf("%s OR %s OR %s", in(0), in(1), in(2))
	if from, to := st.Period.days(); to.Sub(from) > 31*24*time.Hour {
		// Over a quarter or a year the three periods hold much of the
		// table: reading it in order beats a lookup per row from the index
		// of sending times (a third faster at 100 000 referrals).
		where = strings.ReplaceAll(where, "r.sent_at", "+r.sent_at")
	}
	q := fmt.Sprintf(`SELECT %[1]s | (%[2]s << 1) | (%[3]s << 2), r.id, r.case_id, r.from_org, r.to_org,
		r.situation_key, r.situation_name, r.urgency, r.status, r.sent_at
		FROM referrals r WHERE %[4]s`, in(0), in(1), in(2), where)
	rows, err := tx.QueryContext(ctx, q, st.spans()...)
	if err != nil {
		return nil, fmt.Errorf("sent: %w", err)
	}
	defer rows.Close()
	sums := newTallies(6)
	period, cases := map[int64]*steps{}, map[int64]bool{}
	st.firstID = math.MaxInt64
	for rows.Next() {
		var mask int
		var id, caseID int64
		var from, to, situation, situationName, urgency, status, sent string
		if err := rows.Scan(&mask, &id, &caseID, &from, &to, &situation, &situationName, &urgency, &status, &sent); err != nil {
			return nil, fmt.Errorf("sent: %w", err)
		}
		sender, recipient := orgs[from], orgs[to]
		for i, kl := range [][2]string{{string(sender.Sector), ""}, {from, sender.Name}, {to, recipient.Name}, {situation, situationName}, {urgency, ""}, {status, ""}} {
			sums.add(i, kl[0], kl[1], mask, 1)
		}
		st.Sent.add(mask, 1)
		if mask&1 != 0 {
			period[id] = &steps{to: to, toName: recipient.Name, situation: situation, situationName: situationName, sent: sent}
			cases[caseID] = true
			st.firstID = min(st.firstID, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sent: %w", err)
	}
	st.ReferralsPerCase = Share(len(period), len(cases))
	st.BySector, st.ByFrom, st.ByTo, st.BySituation, st.ByUrgency = sums.list(0), sums.list(1), sums.list(2), sums.list(3), sums.list(4)
	for _, t := range sums.list(5) {
		if t.N > 0 { // what became of the period's referrals
			st.ByStatus = append(st.ByStatus, Tally{Key: t.Key, Compared: Compared{N: t.N}})
		}
	}
	return period, nil
}

// organizationNames are every organization's name and sector, by ID.
func organizationNames(ctx context.Context, tx *sql.Tx) (map[string]Organization, error) {
	list, err := queryAll(ctx, tx, func(row scanner, o *Organization) error { return row.Scan(&o.ID, &o.Name, &o.Sector) },
		`SELECT id, name, sector FROM organizations`)
	byID := make(map[string]Organization, len(list))
	for _, o := range list {
		byID[o.ID] = o
	}
	return byID, err
}

// tallies add counts up by key, in several tables at once.
type tallies []map[string]*Tally

func newTallies(n int) tallies {
	t := make(tallies, n)
	for i := range t {
		t[i] = map[string]*Tally{}
	}
	return t
}

// add counts n in table i under key, in the periods of mask.
func (t tallies) add(i int, key, label string, mask, n int) {
	row := t[i][key]
	if row == nil {
		row = &Tally{Key: key, Label: label}
		t[i][key] = row
	}
	row.Compared.add(mask, n)
}

// list is table i, largest first.
func (t tallies) list(i int) []Tally {
	var out []Tally
	for _, row := range t[i] {
		out = append(out, *row)
	}
	return byCount(out)
}

func (st *Statistics) readOutcomes(ctx context.Context, tx *sql.Tx) error {
	from, to := st.Period.span()
	var err error
	if st.Rejected, err = counted(ctx, tx, `SELECT trim(r.reject_reason), '', count(*) FROM referrals r
		WHERE r.status = 'rejected' AND `+sentIn+` GROUP BY trim(r.reject_reason)`, from, to); err != nil {
		return fmt.Errorf("rejections: %w", err)
	}
	if st.OverdueNow, err = counted(ctx, tx, `SELECT r.to_org, max(tt.name), count(*) FROM `+referralsWithOrgs+`
		WHERE `+overdueAt+` GROUP BY r.to_org`, utc(st.Now)); err != nil {
		return fmt.Errorf("overdue: %w", err)
	}
	st.Rejected, st.OverdueNow = byCount(st.Rejected), byCount(st.OverdueNow)
	return nil
}

// steps is one referral's way through the protocol: when it was sent,
// received, accepted and done, and the deadlines its sending and its
// acceptance set ("" where there is none).
type steps struct {
	to, toName, situation, situationName           string
	sent, sentDue, received, accepted, acceptedDue string
	done                                           string
}

// readSteps judges the timeliness of the period's referrals and measures
// how long each step took. The referrals and the events are read in two
// plain scans and joined here: SQLite's join and grouping of the events
// took twice as long.
func (st *Statistics) readSteps(ctx context.Context, tx *sql.Tx, list map[int64]*steps) error {
	if err := readEvents(ctx, tx, list, st.firstID); err != nil {
		return fmt.Errorf("steps: %w", err)
	}
	now := utc(st.Now)
	byRecipient, bySituation := map[string]*Timeliness{}, map[string]*Timeliness{}
	var durations [3][]float64
	for _, r := range list {
		for _, t := range []*Timeliness{timelinessOf(byRecipient, r.to, r.toName), timelinessOf(bySituation, r.situation, r.situationName)} {
			t.judge(r, now)
		}
		for i, span := range [][2]string{{r.sent, r.received}, {r.received, r.accepted}, {r.accepted, r.done}} {
			if d, ok := daysBetween(span[0], span[1]); ok {
				durations[i] = append(durations[i], d)
			}
		}
	}
	st.TimelinessByRecipient, st.TimelinessBySituation = sortedTimeliness(byRecipient), sortedTimeliness(bySituation)
	for i, key := range []string{"sent_received", "received_accepted", "accepted_done"} {
		days := durations[i]
		slices.Sort(days)
		st.Durations = append(st.Durations, Duration{Step: key, N: len(days), Median: quantile(days, 0.5), P90: quantile(days, 0.9)})
	}
	return nil
}

// readEvents completes the steps of the referrals in list, numbered from
// first on, from their events: the first time each status was reached,
// the deadline set when it was. The index referral_events_steps holds all
// it reads, in this order.
func readEvents(ctx context.Context, tx *sql.Tx, list map[int64]*steps, first int64) error {
	events, err := tx.QueryContext(ctx, `SELECT referral_id, to_status, at, due_at FROM referral_events
		WHERE referral_id >= ? AND to_status IN ('sent', 'received', 'accepted', 'done')
		ORDER BY referral_id, to_status, at`, first)
	if err != nil {
		return err
	}
	defer events.Close()
	for events.Next() {
		var id int64
		var status, at, due string
		if err := events.Scan(&id, &status, &at, &due); err != nil {
			return err
		}
		if r := list[id]; r != nil {
			r.reached(ReferralStatus(status), at, due)
		}
	}
	return events.Err()
}

// reached records the first time the referral reached status (a status's
// events come in the order they happened).
func (r *steps) reached(status ReferralStatus, at, due string) {
	first := func(field *string, value string) {
		if *field == "" {
			*field = value
		}
	}
	switch status {
	case RefSent:
		first(&r.sentDue, due)
	case RefReceived:
		first(&r.received, at)
	case RefAccepted:
		first(&r.accepted, at)
		first(&r.acceptedDue, due)
	case RefDone:
		first(&r.done, at)
	}
}

// judge counts a referral's receipt and work against the deadlines that
// were set for them (stored times compare as text): judged once done or
// once the deadline has passed at now.
func (t *Timeliness) judge(r *steps, now string) {
	if r.sentDue != "" && (r.received != "" || r.sentDue < now) {
		t.ReceiptJudged++
		if r.received != "" && r.received <= r.sentDue {
			t.ReceivedInTime++
		}
	}
	if r.acceptedDue != "" && (r.done != "" || r.acceptedDue < now) {
		t.WorkJudged++
		if r.done != "" && r.done <= r.acceptedDue {
			t.DoneInTime++
		}
	}
}

func timelinessOf(m map[string]*Timeliness, key, label string) *Timeliness {
	t := m[key]
	if t == nil {
		t = &Timeliness{Key: key, Label: label}
		m[key] = t
	}
	return t
}

func sortedTimeliness(m map[string]*Timeliness) []Timeliness {
	var out []Timeliness
	for _, t := range m {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b Timeliness) int { return strings.Compare(a.Label+a.Key, b.Label+b.Key) })
	return out
}

// daysBetween is the time from one stored moment to another, in days.
func daysBetween(from, to string) (float64, bool) {
	if from == "" || to == "" {
		return 0, false
	}
	a, errA := time.Parse(time.RFC3339, from)
	b, errB := time.Parse(time.RFC3339, to)
	if errA != nil || errB != nil {
		return 0, false
	}
	return b.Sub(a).Hours() / 24, true
}

// quantile is the q-quantile of sorted values, linearly interpolated (as
// spreadsheets' PERCENTILE does); NaN of none.
func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	pos := q * float64(len(sorted)-1)
	lo := int(pos)
	if lo+1 >= len(sorted) {
		return sorted[lo]
	}
	return sorted[lo] + (pos-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// daysMask is the periods a local day (a case's opening or closing) falls
// in, as a mask: 1 the period, 2 the one before, 4 a year before.
func (st *Statistics) daysMask(day string) int {
	mask := 0
	for i, p := range []Period{st.Period, st.Previous, st.YearBefore} {
		if day != "" && p.From <= day && day <= p.To {
			mask |= 1 << i
		}
	}
	return mask
}

// ageGroupWhenOpened is the age group of a case's child when the case was
// opened (the year of opening minus the year of birth): a case stays in
// one group whichever period counts it.
const ageGroupWhenOpened = `CASE WHEN c.birth_year IS NULL THEN ''
	WHEN CAST(substr(c.opened_on, 1, 4) AS INTEGER) - c.birth_year <= 2 THEN '0-2'
	WHEN CAST(substr(c.opened_on, 1, 4) AS INTEGER) - c.birth_year <= 5 THEN '3-5'
	WHEN CAST(substr(c.opened_on, 1, 4) AS INTEGER) - c.birth_year <= 9 THEN '6-9'
	WHEN CAST(substr(c.opened_on, 1, 4) AS INTEGER) - c.birth_year <= 13 THEN '10-13'
	WHEN CAST(substr(c.opened_on, 1, 4) AS INTEGER) - c.birth_year <= 17 THEN '14-17'
	ELSE 'adult' END`

// AgeGroups are the age groups in the order tables show them; "" is
// unknown (no year of birth, or anonymised).
var AgeGroups = []string{"0-2", "3-5", "6-9", "10-13", "14-17", "adult", ""}

func (st *Statistics) readCases(ctx context.Context, tx *sql.Tx) error {
	earliest := min(st.Period.From, st.Previous.From, st.YearBefore.From)
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.opened_on, c.closed_on, `+ageGroupWhenOpened+`, c.settlement, c.specialist
		FROM cases c WHERE +c.opened_on >= ?1 OR +c.closed_on >= ?1`, earliest) // most of the table: read in order
	if err != nil {
		return fmt.Errorf("cases: %w", err)
	}
	defer rows.Close()
	sums := newTallies(3)       // age group, settlement, specialist: of the cases opened
	openedIn := map[int64]int{} // the periods each case was opened in
	for rows.Next() {
		var id int64
		var openedOn, closedOn, age, settlement, specialist string
		if err := rows.Scan(&id, &openedOn, &closedOn, &age, &settlement, &specialist); err != nil {
			return fmt.Errorf("cases: %w", err)
		}
		opened, closed := st.daysMask(openedOn), st.daysMask(closedOn)
		st.CasesOpened.add(opened, 1)
		st.CasesClosed.add(closed, 1)
		if opened == 0 {
			continue
		}
		openedIn[id] = opened
		sums.add(0, age, "", opened, 1)
		sums.add(1, settlement, "", opened, 1)
		sums.add(2, specialist, "", opened, 1)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("cases: %w", err)
	}
	if st.ByFactor, err = readFactors(ctx, tx, openedIn); err != nil {
		return fmt.Errorf("cases: %w", err)
	}
	st.ByAgeGroup, st.BySettlement, st.BySpecialist = sums.list(0), sums.list(1), sums.list(2)
	slices.SortStableFunc(st.ByAgeGroup, func(a, b Tally) int { return slices.Index(AgeGroups, a.Key) - slices.Index(AgeGroups, b.Key) })
	return nil
}

// readFactors counts the vulnerability factors of the cases opened in the
// periods (openedIn: case → mask of periods), from one read of the links.
func readFactors(ctx context.Context, tx *sql.Tx, openedIn map[int64]int) ([]Tally, error) {
	names := map[int64]string{}
	factors, err := tx.QueryContext(ctx, `SELECT id, name FROM vulnerability_factors`)
	if err != nil {
		return nil, err
	}
	defer factors.Close()
	for factors.Next() {
		var id int64
		var name string
		if err := factors.Scan(&id, &name); err != nil {
			return nil, err
		}
		names[id] = name
	}
	links, err := tx.QueryContext(ctx, `SELECT case_id, factor_id FROM case_factors`)
	if err != nil {
		return nil, err
	}
	defer links.Close()
	sums := newTallies(1)
	for links.Next() {
		var caseID, factor int64
		if err := links.Scan(&caseID, &factor); err != nil {
			return nil, err
		}
		if mask := openedIn[caseID]; mask != 0 {
			sums.add(0, strconv.FormatInt(factor, 10), names[factor], mask, 1)
		}
	}
	return sums.list(0), links.Err()
}

// add counts n in the periods of mask.
func (c *Compared) add(mask, n int) {
	if mask&1 != 0 {
		c.N += n
	}
	if mask&2 != 0 {
		c.Previous += n
	}
	if mask&4 != 0 {
		c.YearBefore += n
	}
}

// readMonthly counts the referrals sent in each of the twelve months up to
// the period's last, in one read of the index of sending times: how many
// were sent before the end of each month, less the month before.
func (st *Statistics) readMonthly(ctx context.Context, tx *sql.Tx) error {
	_, last := st.Period.days()
	var bounds []any // the start of the first month, then the end of each
	var before []string
	for i := 11; i >= 0; i-- {
		m := months(last.Year(), last.Month()-time.Month(i), 1)
		from, to := m.span()
		if i == 11 {
			bounds = append(bounds, from)
		}
		bounds = append(bounds, to)
		before = append(before, fmt.Sprintf("sum(r.sent_at < ?%d)", len(bounds)))
		st.Monthly = append(st.Monthly, Tally{Key: m.From[:7]})
	}
	counts := make([]any, 12)
	upTo := make([]sql.NullInt64, 12)
	for i := range counts {
		counts[i] = &upTo[i]
	}
	q := `SELECT ` + strings.Join(before, ", ") + ` FROM referrals r WHERE r.sent_at >= ?1 AND r.sent_at < ?13`
	if err := tx.QueryRowContext(ctx, q, bounds...).Scan(counts...); err != nil {
		return fmt.Errorf("monthly: %w", err)
	}
	for i := range st.Monthly {
		st.Monthly[i].N = int(upTo[i].Int64)
		if i > 0 {
			st.Monthly[i].N -= int(upTo[i-1].Int64)
		}
	}
	return nil
}

// provided is the catalogue's rule for a service on offer
// (ProvidedStatuses, as Service.Provided), in SQL.
var provided = `sv.status IN ('` + strings.Join(keys(ProvidedStatuses), `', '`) + `')`

func (st *Statistics) readServices(ctx context.Context, tx *sql.Tx) error {
	from, to := st.Period.span()
	demand, err := queryAll(ctx, tx, func(row scanner, d *ServiceDemand) error {
		return row.Scan(&d.Key, &d.Label, &d.Requested, &d.Rejected, &d.Offered)
	}, `WITH asked AS (SELECT sv.service_type_id AS type, count(*) AS n, sum(r.status = 'rejected') AS rejected
			FROM referrals r JOIN services sv ON sv.id = r.service_id WHERE `+sentIn+` GROUP BY 1),
		offered AS (SELECT sv.service_type_id AS type, count(*) AS n FROM services sv WHERE `+provided+` GROUP BY 1)
		SELECT t.code, t.name, coalesce(a.n, 0), coalesce(a.rejected, 0), coalesce(o.n, 0)
		FROM service_types t LEFT JOIN asked a ON a.type = t.id LEFT JOIN offered o ON o.type = t.id
		WHERE a.n IS NOT NULL OR o.n IS NOT NULL ORDER BY t.code`, from, to)
	if err != nil {
		return fmt.Errorf("services: %w", err)
	}
	st.Services = demand
	return st.readCatalogue(ctx, tx)
}

// readCatalogue counts the services on offer by form, target group and
// capacity unit: a service of several forms or groups counts in each.
func (st *Statistics) readCatalogue(ctx context.Context, tx *sql.Tx) error {
	forms, err := queryAll(ctx, tx, func(row scanner, f *string) error { return row.Scan(f) }, `SELECT sv.forms FROM services sv WHERE `+provided)
	if err != nil {
		return fmt.Errorf("catalogue: %w", err)
	}
	byForm := map[string]int{}
	for _, f := range forms {
		for _, form := range strings.Split(f, ",") {
			byForm[strings.TrimSpace(form)]++
		}
	}
	for form, n := range byForm {
		st.CatalogueByForm = append(st.CatalogueByForm, Tally{Key: form, Compared: Compared{N: n}})
	}
	st.CatalogueByForm = byCount(st.CatalogueByForm)
	if st.CatalogueByTargetGroup, err = counted(ctx, tx, `SELECT g.id, max(g.name), count(*) FROM services sv
		JOIN service_target_groups sg ON sg.service_id = sv.id JOIN target_groups g ON g.id = sg.target_group_id
		WHERE `+provided+` GROUP BY g.id`); err != nil {
		return fmt.Errorf("catalogue: %w", err)
	}
	st.CatalogueByTargetGroup = byCount(st.CatalogueByTargetGroup)
	st.Capacity, err = queryAll(ctx, tx, func(row scanner, c *Capacity) error { return row.Scan(&c.Unit, &c.Services, &c.Total) },
		`SELECT sv.capacity_unit, count(*), sum(sv.capacity) FROM services sv WHERE `+provided+` AND sv.capacity IS NOT NULL
		GROUP BY sv.capacity_unit ORDER BY sv.capacity_unit`)
	if err != nil {
		return fmt.Errorf("capacity: %w", err)
	}
	return nil
}
