package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	// Within is the key of the row of a coarser table this one adds up to:
	// a sender's sector.
	Within string
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
}

// Statistics computes the statistics of the period at now.
func (s *Store) Statistics(ctx context.Context, p Period, now time.Time) (Statistics, error) {
	const op = "statistics"
	if err := p.Validate(); err != nil {
		return Statistics{}, classify(op, "", err)
	}
	st := Statistics{Period: p, Previous: p.Previous(), YearBefore: p.YearBefore(), Now: now}
	if err := s.readInParallel(ctx, st.readReferrals, st.readCases, st.readOutcomes, st.readMonthly); err != nil {
		return st, classify(op, s.path, err)
	}
	return st, nil
}

// readInParallel runs the first read and the rest, each part in its own
// read-only transaction, side by side: a year at 100 000 referrals takes
// the time of the longer part. Each part fills its own tables, so a
// change saved meanwhile can show in one and not the other, as it would a
// moment later.
func (s *Store) readInParallel(ctx context.Context, first func(context.Context, *sql.Tx) error, rest ...func(context.Context, *sql.Tx) error) error {
	var wg sync.WaitGroup
	var errs [2]error
	for i, part := range [][]func(context.Context, *sql.Tx) error{{first}, rest} {
		wg.Go(func() {
			errs[i] = s.inReadTx(ctx, func(tx *sql.Tx) error {
				for _, read := range part {
					if err := read(ctx, tx); err != nil {
						return err
					}
				}
				return nil
			})
		})
	}
	wg.Wait()
	return errors.Join(errs[:]...)
}

// readReferrals fills the tables of the referrals sent in the periods:
// who sent and received them, their steps, the services they asked for.
func (st *Statistics) readReferrals(ctx context.Context, tx *sql.Tx) error {
	period, services, err := st.readSent(ctx, tx)
	if err != nil {
		return err
	}
	st.judgeSteps(period)
	return st.readServices(ctx, tx, services)
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

// bounds are the three periods (the period, the one before, the year
// before) as half-open ranges of stored text: moments, or local days.
type bounds [3][2]string

// moments are the periods' bounds as stored moments.
func (st *Statistics) moments() bounds {
	var b bounds
	for i, p := range []Period{st.Period, st.Previous, st.YearBefore} {
		b[i][0], b[i][1] = p.span()
	}
	return b
}

// dayBounds are the periods' bounds as local days (YYYY-MM-DD).
func (st *Statistics) dayBounds() bounds {
	var b bounds
	for i, p := range []Period{st.Period, st.Previous, st.YearBefore} {
		_, last := p.days()
		b[i] = [2]string{p.From, last.AddDate(0, 0, 1).Format(time.DateOnly)}
	}
	return b
}

// mask is the periods v falls in: 1 the period, 2 the one before, 4 the
// year before.
func (b bounds) mask(v string) int {
	mask := 0
	for i, r := range b {
		if v != "" && r[0] <= v && v < r[1] {
			mask |= 1 << i
		}
	}
	return mask
}

// merged are the ranges joined where they overlap or touch (a year's
// period before is the year before), so each row is read once.
func (b bounds) merged() [][2]string {
	list := slices.Clone(b[:])
	slices.SortFunc(list, func(x, y [2]string) int { return strings.Compare(x[0], y[0]) })
	out := [][2]string{list[0]}
	for _, r := range list[1:] {
		if last := &out[len(out)-1]; r[0] <= last[1] {
			last[1] = max(last[1], r[1])
		} else {
			out = append(out, r)
		}
	}
	return out
}

// scanRanges runs q once for each merged range of b (its two arguments)
// and hands every row to each.
func scanRanges(ctx context.Context, tx *sql.Tx, b bounds, q string, each func(scanner) error) error {
	for _, r := range b.merged() {
		if err := scanRows(ctx, tx, q, each, r[0], r[1]); err != nil {
			return err
		}
	}
	return nil
}

// scanRows hands every row of q to each, which scans it into its own
// variables: eachRow without a row type.
func scanRows(ctx context.Context, tx *sql.Tx, q string, each func(scanner) error, args ...any) error {
	return eachRow(ctx, tx, func(row scanner, _ *struct{}) error { return each(row) }, func(*struct{}) error { return nil }, q, args...)
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

// readSent counts the referrals sent in the three periods, each read
// once from the index referrals_statistics, and returns the period's own
// with their steps, and the services they asked for.
func (st *Statistics) readSent(ctx context.Context, tx *sql.Tx) ([]steps, map[string]*asked, error) {
	orgs, err := organizationNames(ctx, tx)
	if err != nil {
		return nil, nil, fmt.Errorf("sent: %w", err)
	}
	periods := st.moments()
	sums := newTallies(6)
	var period []steps
	cases, services := map[int64]bool{}, map[string]*asked{}
	err = scanRanges(ctx, tx, periods, `SELECT r.case_id, r.from_org, r.to_org, r.situation_key, r.situation_name, r.urgency,
		r.status, coalesce(r.service_id, ''), r.sent_at, r.sent_due_at, r.first_received_at, r.first_accepted_at, r.accepted_due_at,
		r.first_done_at FROM referrals r WHERE r.sent_at >= ? AND r.sent_at < ?`, func(rows scanner) error {
		var caseID int64
		var from, urgency, status, service string
		var r steps
		if err := rows.Scan(&caseID, &from, &r.to, &r.situation, &r.situationName, &urgency, &status, &service,
			&r.sent, &r.sentDue, &r.received, &r.accepted, &r.acceptedDue, &r.done); err != nil {
			return err
		}
		mask := periods.mask(r.sent)
		sender, recipient := orgs[from], orgs[r.to]
		for i, kl := range [][2]string{{string(sender.Sector), ""}, {from, sender.Name}, {r.to, recipient.Name}, {r.situation, r.situationName}, {urgency, ""}, {status, ""}} {
			sums.add(i, kl[0], kl[1], mask, 1)
		}
		st.Sent.add(mask, 1)
		if mask&1 != 0 {
			r.toName = recipient.Name
			period = append(period, r)
			cases[caseID] = true
			services[service] = services[service].add(status)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("sent: %w", err)
	}
	st.ReferralsPerCase = Share(len(period), len(cases))
	st.BySector, st.ByFrom, st.ByTo, st.BySituation, st.ByUrgency = sums.list(0), sums.list(1), sums.list(2), sums.list(3), sums.list(4)
	for i, sender := range st.ByFrom {
		st.ByFrom[i].Within = string(orgs[sender.Key].Sector)
	}
	for _, t := range sums.list(5) {
		if t.N > 0 { // what became of the period's referrals
			st.ByStatus = append(st.ByStatus, Tally{Key: t.Key, Compared: Compared{N: t.N}})
		}
	}
	return period, services, nil
}

// asked is how many referrals of the period asked for a service, and how
// many of them were rejected.
type asked struct{ n, rejected int }

// add counts one more referral, in status now.
func (a *asked) add(status string) *asked {
	if a == nil {
		a = &asked{}
	}
	a.n++
	if status == string(RefRejected) {
		a.rejected++
	}
	return a
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
// first received, accepted and done, and the deadlines its sending and its
// first acceptance set ("" where there is none).
type steps struct {
	to, toName, situation, situationName           string
	sent, sentDue, received, accepted, acceptedDue string
	done                                           string
}

// judgeSteps judges the timeliness of the period's referrals and measures
// how long each step took.
func (st *Statistics) judgeSteps(list []steps) {
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
}

// judge counts a referral's receipt and work against the deadlines that
// were set for them (stored times compare as text): judged once done or
// once the deadline has passed at now.
func (t *Timeliness) judge(r steps, now string) {
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

// ageGroup is the age group of a case's child when the case was opened
// (the year of opening minus the year of birth, unknown without one): a
// case stays in one group whichever period counts it.
func ageGroup(openedOn string, birthYear sql.NullInt64) string {
	year, err := strconv.Atoi(openedOn[:min(4, len(openedOn))])
	if !birthYear.Valid || err != nil {
		return ""
	}
	age := int64(year) - birthYear.Int64
	for i, upTo := range []int64{2, 5, 9, 13, 17} {
		if age <= upTo {
			return AgeGroups[i]
		}
	}
	return "adult"
}

// AgeGroups are the age groups in the order tables show them; "" is
// unknown (no year of birth, or anonymised).
var AgeGroups = []string{"0-2", "3-5", "6-9", "10-13", "14-17", "adult", ""}

// readCases counts the cases opened in the periods, from the index
// cases_statistics, and those closed, from cases_closed.
func (st *Statistics) readCases(ctx context.Context, tx *sql.Tx) error {
	periods := st.dayBounds()
	sums := newTallies(3)       // age group, settlement, specialist: of the cases opened
	openedIn := map[int64]int{} // the periods each case was opened in
	err := scanRanges(ctx, tx, periods, `SELECT c.id, c.opened_on, c.birth_year, c.settlement, c.specialist
		FROM cases c WHERE c.opened_on >= ? AND c.opened_on < ?`, func(rows scanner) error {
		var id int64
		var openedOn, settlement, specialist string
		var birthYear sql.NullInt64
		if err := rows.Scan(&id, &openedOn, &birthYear, &settlement, &specialist); err != nil {
			return err
		}
		opened := periods.mask(openedOn)
		st.CasesOpened.add(opened, 1)
		openedIn[id] = opened
		sums.add(0, ageGroup(openedOn, birthYear), "", opened, 1)
		sums.add(1, settlement, "", opened, 1)
		sums.add(2, specialist, "", opened, 1)
		return nil
	})
	if err == nil {
		err = st.readClosed(ctx, tx, periods)
	}
	if err == nil {
		st.ByFactor, err = readFactors(ctx, tx, openedIn)
	}
	if err != nil {
		return fmt.Errorf("cases: %w", err)
	}
	st.ByAgeGroup, st.BySettlement, st.BySpecialist = sums.list(0), sums.list(1), sums.list(2)
	slices.SortStableFunc(st.ByAgeGroup, func(a, b Tally) int { return slices.Index(AgeGroups, a.Key) - slices.Index(AgeGroups, b.Key) })
	return nil
}

// readClosed counts the cases closed in each period.
func (st *Statistics) readClosed(ctx context.Context, tx *sql.Tx, periods bounds) error {
	for i, span := range periods {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM cases c WHERE c.closed_on >= ? AND c.closed_on < ?`, span[0], span[1]).Scan(&n); err != nil {
			return err
		}
		st.CasesClosed.add(1<<i, n)
	}
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

// readServices sets against the services the period's referrals asked for
// (asked, by service ID) what the catalogue offers of each type.
func (st *Statistics) readServices(ctx context.Context, tx *sql.Tx, asked map[string]*asked) error {
	byType := map[string]*ServiceDemand{}
	err := scanRows(ctx, tx, `SELECT t.code, t.name, sv.id, `+provided+` FROM services sv JOIN service_types t ON t.id = sv.service_type_id`,
		func(rows scanner) error {
			var d ServiceDemand
			var id string
			var offered bool
			if err := rows.Scan(&d.Key, &d.Label, &id, &offered); err != nil {
				return err
			}
			if byType[d.Key] == nil {
				byType[d.Key] = &d
			}
			row := byType[d.Key]
			if a := asked[id]; a != nil {
				row.Requested += a.n
				row.Rejected += a.rejected
			}
			if offered {
				row.Offered++
			}
			return nil
		})
	if err != nil {
		return fmt.Errorf("services: %w", err)
	}
	for _, d := range byType {
		if d.Requested > 0 || d.Offered > 0 {
			st.Services = append(st.Services, *d)
		}
	}
	slices.SortFunc(st.Services, func(a, b ServiceDemand) int { return strings.Compare(a.Key, b.Key) })
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
