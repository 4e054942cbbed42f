package data

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
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
	steps := []func(context.Context, *sql.Tx) error{st.readSent, st.readOutcomes, st.readTimeliness,
		st.readDurations, st.readCases, st.readMonthly, st.readServices}
	for _, step := range steps {
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
var overdueAt = `r.status IN ('` + strings.Join(statusKeys(OpenStatuses), `', '`) + `') AND ` + pastDue

func statusKeys(list []ReferralStatus) []string {
	keys := make([]string, len(list))
	for i, s := range list {
		keys[i] = string(s)
	}
	return keys
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

// compared counts rows by key in the three periods at once: when is the
// condition putting a row in a span [?, ?) (used three times), from the
// tables and joins the rows come from.
func compared(ctx context.Context, tx *sql.Tx, key, label, from, when string, spans []any) ([]Tally, error) {
	q := fmt.Sprintf(`SELECT %[1]s, %[2]s, sum(%[4]s), sum(%[4]s), sum(%[4]s) FROM %[3]s
		WHERE (%[4]s) OR (%[4]s) OR (%[4]s) GROUP BY %[1]s`, key, label, from, when)
	args := append(append(slices.Clone(spans), spans...), spans...)
	return queryAll(ctx, tx, func(row scanner, t *Tally) error {
		return row.Scan(&t.Key, &t.Label, &t.N, &t.Previous, &t.YearBefore)
	}, q, args...)
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

func (st *Statistics) readSent(ctx context.Context, tx *sql.Tx) error {
	spans := st.spans()
	for _, g := range []struct {
		into       *[]Tally
		key, label string
	}{{&st.BySector, "fo.sector", "''"}, {&st.ByFrom, "r.from_org", "max(fo.name)"}, {&st.ByTo, "r.to_org", "max(tt.name)"},
		{&st.BySituation, "r.situation_key", "max(r.situation_name)"}, {&st.ByUrgency, "r.urgency", "''"}} {
		list, err := compared(ctx, tx, g.key, g.label, referralsWithOrgs, sentIn, spans)
		if err != nil {
			return fmt.Errorf("sent: %w", err)
		}
		*g.into = byCount(list)
	}
	for _, t := range st.ByUrgency {
		st.Sent.N, st.Sent.Previous, st.Sent.YearBefore = st.Sent.N+t.N, st.Sent.Previous+t.Previous, st.Sent.YearBefore+t.YearBefore
	}
	return nil
}

func (st *Statistics) readOutcomes(ctx context.Context, tx *sql.Tx) error {
	from, to := st.Period.span()
	var err error
	if st.ByStatus, err = counted(ctx, tx, `SELECT r.status, '', count(*) FROM referrals r WHERE `+sentIn+` GROUP BY r.status`, from, to); err != nil {
		return fmt.Errorf("outcomes: %w", err)
	}
	if st.Rejected, err = counted(ctx, tx, `SELECT trim(r.reject_reason), '', count(*) FROM referrals r
		WHERE r.status = 'rejected' AND `+sentIn+` GROUP BY trim(r.reject_reason)`, from, to); err != nil {
		return fmt.Errorf("rejections: %w", err)
	}
	if st.OverdueNow, err = counted(ctx, tx, `SELECT r.to_org, max(tt.name), count(*) FROM `+referralsWithOrgs+`
		WHERE `+overdueAt+` GROUP BY r.to_org`, utc(st.Now)); err != nil {
		return fmt.Errorf("overdue: %w", err)
	}
	st.ByStatus, st.Rejected, st.OverdueNow = byCount(st.ByStatus), byCount(st.Rejected), byCount(st.OverdueNow)
	return nil
}

// stepAt is when a referral first reached a status, and the deadline that
// move set: correlated subqueries on the events' (referral, status) index.
func stepAt(status, column string) string {
	return fmt.Sprintf(`(SELECT min(e.%s) FROM referral_events e WHERE e.referral_id = r.id AND e.to_status = '%s')`, column, status)
}

// timelinessColumns judge each referral: receipt by the deadline its
// sending set, the work by the deadline its acceptance set; a deadline not
// recorded is not judged, nor one that has not passed with the step
// still to come.
var timelinessColumns = fmt.Sprintf(`
	coalesce(sum(%[1]s <> '' AND (%[2]s IS NOT NULL OR %[1]s < ?1)), 0),
	coalesce(sum(%[1]s <> '' AND %[2]s <= %[1]s), 0),
	coalesce(sum(%[3]s <> '' AND (%[4]s IS NOT NULL OR %[3]s < ?1)), 0),
	coalesce(sum(%[3]s <> '' AND %[4]s <= %[3]s), 0)`,
	stepAt("sent", "due_at"), stepAt("received", "at"), stepAt("accepted", "due_at"), stepAt("done", "at"))

func (st *Statistics) readTimeliness(ctx context.Context, tx *sql.Tx) error {
	from, to := st.Period.span()
	for _, g := range []struct {
		into       *[]Timeliness
		key, label string
	}{{&st.TimelinessByRecipient, "r.to_org", "max(tt.name)"}, {&st.TimelinessBySituation, "r.situation_key", "max(r.situation_name)"}} {
		q := fmt.Sprintf(`SELECT %s, %s, %s FROM %s WHERE r.sent_at >= ?2 AND r.sent_at < ?3 GROUP BY %[1]s ORDER BY 2`,
			g.key, g.label, timelinessColumns, referralsWithOrgs)
		list, err := queryAll(ctx, tx, func(row scanner, t *Timeliness) error {
			return row.Scan(&t.Key, &t.Label, &t.ReceiptJudged, &t.ReceivedInTime, &t.WorkJudged, &t.DoneInTime)
		}, q, utc(st.Now), from, to)
		if err != nil {
			return fmt.Errorf("timeliness: %w", err)
		}
		*g.into = list
	}
	return nil
}

func (st *Statistics) readDurations(ctx context.Context, tx *sql.Tx) error {
	from, to := st.Period.span()
	steps := []struct{ key, start, end string }{
		{"sent_received", "r.sent_at", stepAt("received", "at")},
		{"received_accepted", stepAt("received", "at"), stepAt("accepted", "at")},
		{"accepted_done", stepAt("accepted", "at"), stepAt("done", "at")},
	}
	for _, step := range steps {
		var days []float64
		rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT julianday(e) - julianday(s) FROM
			(SELECT %s AS s, %s AS e FROM referrals r WHERE `+sentIn+`) WHERE s IS NOT NULL AND e IS NOT NULL`, step.start, step.end), from, to)
		if err == nil {
			days, err = scanAll(rows, func(row scanner, d *float64) error { return row.Scan(d) })
		}
		if err != nil {
			return fmt.Errorf("durations: %w", err)
		}
		slices.Sort(days)
		st.Durations = append(st.Durations, Duration{Step: step.key, N: len(days), Median: quantile(days, 0.5), P90: quantile(days, 0.9)})
	}
	return nil
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

// daySpans are the three periods as days, both included, for columns that
// hold local days (a case's opening and closing).
func (st *Statistics) daySpans() []any {
	return []any{st.Period.From, st.Period.To, st.Previous.From, st.Previous.To, st.YearBefore.From, st.YearBefore.To}
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
	days := st.daySpans()
	for _, g := range []struct {
		into            *[]Tally
		key, label, src string
		when            string
	}{
		{&st.ByFactor, "vf.id", "max(vf.name)", "cases c JOIN case_factors cf ON cf.case_id = c.id JOIN vulnerability_factors vf ON vf.id = cf.factor_id", "c.opened_on BETWEEN ? AND ?"},
		{&st.ByAgeGroup, ageGroupWhenOpened, "''", "cases c", "c.opened_on BETWEEN ? AND ?"},
		{&st.BySettlement, "c.settlement", "''", "cases c", "c.opened_on BETWEEN ? AND ?"},
		{&st.BySpecialist, "c.specialist", "''", "cases c", "c.opened_on BETWEEN ? AND ?"},
	} {
		list, err := compared(ctx, tx, g.key, g.label, g.src, g.when, days)
		if err != nil {
			return fmt.Errorf("cases: %w", err)
		}
		*g.into = byCount(list)
	}
	slices.SortStableFunc(st.ByAgeGroup, func(a, b Tally) int { return slices.Index(AgeGroups, a.Key) - slices.Index(AgeGroups, b.Key) })
	for _, c := range []struct {
		into   *Compared
		column string
	}{{&st.CasesOpened, "c.opened_on"}, {&st.CasesClosed, "c.closed_on"}} {
		list, err := compared(ctx, tx, "''", "''", "cases c", c.column+" BETWEEN ? AND ?", days)
		if err != nil {
			return fmt.Errorf("cases: %w", err)
		}
		if len(list) == 1 {
			*c.into = list[0].Compared
		}
	}
	from, to := st.Period.span()
	var referrals, cases int
	if err := tx.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT r.case_id) FROM referrals r WHERE `+sentIn, from, to).Scan(&referrals, &cases); err != nil {
		return fmt.Errorf("referrals per case: %w", err)
	}
	st.ReferralsPerCase = Share(referrals, cases)
	return nil
}

// readMonthly counts the referrals sent in each of the twelve months up to
// the period's last.
func (st *Statistics) readMonthly(ctx context.Context, tx *sql.Tx) error {
	_, last := st.Period.days()
	for i := 11; i >= 0; i-- {
		m := months(last.Year(), last.Month()-time.Month(i), 1)
		from, to := m.span()
		t := Tally{Key: m.From[:7]}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM referrals r WHERE `+sentIn, from, to).Scan(&t.N); err != nil {
			return fmt.Errorf("monthly: %w", err)
		}
		st.Monthly = append(st.Monthly, t)
	}
	return nil
}

// provided is the catalogue's rule for a service on offer, in SQL (as
// Service.Provided).
const provided = `sv.status IN ('active', 'temporarily_closed')`

func (st *Statistics) readServices(ctx context.Context, tx *sql.Tx) error {
	from, to := st.Period.span()
	demand, err := queryAll(ctx, tx, func(row scanner, d *ServiceDemand) error {
		return row.Scan(&d.Key, &d.Label, &d.Requested, &d.Rejected, &d.Offered)
	}, `SELECT t.code, t.name,
		(SELECT count(*) FROM referrals r JOIN services sv ON sv.id = r.service_id WHERE sv.service_type_id = t.id AND `+sentIn+`),
		(SELECT count(*) FROM referrals r JOIN services sv ON sv.id = r.service_id WHERE sv.service_type_id = t.id AND r.status = 'rejected' AND `+sentIn+`),
		(SELECT count(*) FROM services sv WHERE sv.service_type_id = t.id AND `+provided+`)
		FROM service_types t ORDER BY t.code`, from, to, from, to)
	if err != nil {
		return fmt.Errorf("services: %w", err)
	}
	for _, d := range demand {
		if d.Requested+d.Offered > 0 {
			st.Services = append(st.Services, d)
		}
	}
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
