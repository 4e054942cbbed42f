package data

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// ReferralFilter narrows the referral register; zero fields do not filter.
type ReferralFilter struct {
	Query        string
	Statuses     []ReferralStatus
	OrgID        string // sent by or to this organization
	FromOrg      string // sent by this organization
	ToOrg        string // sent to this organization
	FromSector   Sector // sent by an organization of this sector
	SituationKey string
	Urgency      Urgency
	Overdue      bool   // open and past the deadline at Now
	DueToday     bool   // open and due later on Now's day
	SentFrom     string // YYYY-MM-DD, inclusive
	SentTo       string // YYYY-MM-DD, inclusive
	CaseID       int64
	Now          time.Time // the clock for Overdue and DueToday
	SortBy       string    // "" (newest first), "due", "status", "urgency", "from", "to", "case", "situation", "to_due"
	Desc         bool
	Limit        int // 0: all
	Offset       int
}

// orderBy turns the sort choice into an ORDER BY clause from a fixed list;
// newest first is the index's own order when a search reads it first.
func (f ReferralFilter) orderBy(indexed bool) string {
	newest := "r.id"
	if indexed {
		newest = "referrals_fts.rowid"
	}
	col := map[string]string{
		"due":       "CASE WHEN r.due_at = '' THEN 1 ELSE 0 END, r.due_at",
		"status":    "r.status",
		"urgency":   "CASE r.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END",
		"from":      "fo.name",
		"to":        "tt.name",
		"to_due":    "tt.name, r.to_org, r.due_at", // the overdue list: by recipient, most overdue first
		"case":      "c.number",
		"situation": "r.situation_name",
	}[f.SortBy]
	if col == "" {
		if f.Desc {
			return " ORDER BY " + newest
		}
		return " ORDER BY " + newest + " DESC"
	}
	dir := ""
	if f.Desc {
		dir = " DESC"
	}
	return " ORDER BY " + col + dir + ", r.id DESC"
}

const referralColumns = `r.id, r.number, r.case_id, r.from_org, r.from_person, r.to_org, r.to_person,
	coalesce(r.protocol_version, 0), r.situation_key, r.situation_name, r.reason, r.urgency, coalesce(r.service_id, ''), r.status,
	r.sent_at, r.received_at, r.due_at, r.reject_reason, r.outcome, r.feedback, r.closed_at,
	r.outgoing_number, r.outgoing_date, c.number, c.subject, fo.name, tt.name, coalesce(sv.name, '')`

// referralJoins bring in what a referral's row shows of its case,
// organizations and service.
const referralJoins = ` JOIN cases c ON c.id = r.case_id JOIN organizations fo ON fo.id = r.from_org
	JOIN organizations tt ON tt.id = r.to_org LEFT JOIN services sv ON sv.id = r.service_id`

const referralFrom = ` FROM referrals r` + referralJoins

func scanReferral(row scanner, r *Referral) error {
	return row.Scan(&r.ID, &r.Number, &r.CaseID, &r.FromOrg, &r.FromPerson, &r.ToOrg, &r.ToPerson, &r.ProtocolVersion,
		&r.SituationKey, &r.SituationName, &r.Reason, &r.Urgency, &r.ServiceID, &r.Status, &r.SentAt, &r.ReceivedAt,
		&r.DueAt, &r.RejectReason, &r.Outcome, &r.Feedback, &r.ClosedAt, &r.OutgoingNumber, &r.OutgoingDate, &r.CaseNumber, &r.CaseSubject, &r.FromName,
		&r.ToName, &r.ServiceName)
}

// registerQuery is the register's query for a filter. A text search reads
// the trigram index first, in the order of its row numbers (the newest
// first), and the referrals by their keys, so that neither the count nor
// the first page reads every referral.
type registerQuery struct {
	from    string // FROM, with the index first when the filter searches text
	where   []string
	args    []any
	indexed bool
}

func (f ReferralFilter) query() registerQuery {
	q := registerQuery{from: " FROM referrals r"}
	match, short := searchTerms(f.Query)
	if match != "" {
		q.from = " FROM referrals_fts CROSS JOIN referrals r ON r.id = referrals_fts.rowid"
		q.where, q.args, q.indexed = []string{"referrals_fts MATCH ?"}, []any{match}, true
	}
	q.where = append(q.where, referralSearch.shortWords(short)...)
	q.args = append(q.args, anySlice(short)...)
	q.add(f)
	return q
}

// add turns the rest of the filter into conditions; due dates are stored
// as UTC RFC 3339 text, which sorts as time does.
func (q *registerQuery) add(f ReferralFilter) {
	cond := func(c string, args ...any) {
		q.where = append(q.where, c)
		q.args = append(q.args, args...)
	}
	statusIn := func(list []ReferralStatus) {
		cond("r.status IN ("+strings.TrimSuffix(strings.Repeat("?,", len(list)), ",")+")", anySlice(statusStrings(list))...)
	}
	if len(f.Statuses) > 0 {
		statusIn(f.Statuses)
	}
	if f.OrgID != "" {
		cond("(r.from_org = ? OR r.to_org = ?)", f.OrgID, f.OrgID)
	}
	if f.FromOrg != "" {
		cond("r.from_org = ?", f.FromOrg)
	}
	if f.ToOrg != "" {
		cond("r.to_org = ?", f.ToOrg)
	}
	if f.FromSector != "" {
		cond("r.from_org IN (SELECT id FROM organizations WHERE sector = ?)", f.FromSector)
	}
	if f.SituationKey != "" {
		cond("r.situation_key = ?", f.SituationKey)
	}
	if f.Urgency != "" {
		cond("r.urgency = ?", f.Urgency)
	}
	if f.CaseID != 0 {
		cond("r.case_id = ?", f.CaseID)
	}
	if from, ok := dayStart(f.SentFrom, 0); ok {
		cond("r.sent_at >= ?", from)
	}
	if to, ok := dayStart(f.SentTo, 1); ok { // the whole day: up to the next one's start
		cond("r.sent_at < ?", to)
	}
	if f.Overdue || f.DueToday {
		statusIn(OpenStatuses)
		now := f.Now
		if f.Overdue {
			cond(pastDue, utc(now))
		} else {
			end := time.Date(now.Year(), now.Month(), now.Day(), 23, 59, 59, 0, now.Location())
			cond("r.due_at <> '' AND r.due_at >= ? AND r.due_at <= ?", utc(now), utc(end))
		}
	}
}

func (q registerQuery) whereClause() string {
	if len(q.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(q.where, " AND ")
}

func statusStrings(list []ReferralStatus) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = string(s)
	}
	return out
}

// listQuery is the register's query for the rows that pass the filter,
// in its order, a page when Limit is set.
func (f ReferralFilter) listQuery() (string, []any) {
	q := f.query()
	sql := "SELECT " + referralColumns + q.from + referralJoins + q.whereClause() + f.orderBy(q.indexed)
	if f.Limit > 0 {
		return sql + " LIMIT ? OFFSET ?", append(q.args, f.Limit, f.Offset)
	}
	return sql, q.args
}

// Referrals lists the referrals that pass the filter, newest first, a page
// at a time when Limit is set.
func (s *Store) Referrals(ctx context.Context, f ReferralFilter) ([]Referral, error) {
	sql, args := f.listQuery()
	list, err := queryAll(ctx, s.db, scanReferral, sql, args...)
	if err != nil {
		return nil, classify("list referrals", s.path, err)
	}
	return list, nil
}

// CountReferrals counts the referrals that pass the filter; a text search
// alone is counted in the index.
func (s *Store) CountReferrals(ctx context.Context, f ReferralFilter) (int, error) {
	return s.CountReferralsUpTo(ctx, f, 0)
}

// CountReferralsUpTo counts the referrals that pass the filter, but stops
// past limit (0: no limit), so that a count over limit means "more than
// limit". A count reads every match: a search that matches half of a
// million referrals is counted exactly in a fifth of a second, up to
// 10 000 in a few milliseconds.
func (s *Store) CountReferralsUpTo(ctx context.Context, f ReferralFilter, limit int) (int, error) {
	sql, args := f.countQuery(limit)
	var n int
	if err := s.db.QueryRowContext(ctx, sql, args...).Scan(&n); err != nil {
		return 0, classify("count referrals", s.path, err)
	}
	return n, nil
}

// ReferralRows are the referrals that pass a filter, read from one
// snapshot of the database: how many, then each in turn.
type ReferralRows struct {
	n    int
	each func(use func(*Referral) error) error
}

// Len is how many referrals there are.
func (rr ReferralRows) Len() int { return rr.n }

// Each reads the referrals in the filter's order, one row at a time, and
// gives each to use, stopping at use's first error. Each reads once.
func (rr ReferralRows) Each(use func(*Referral) error) error { return rr.each(use) }

// ReadReferrals gives use the referrals that pass the filter, counted and
// read from one snapshot, without holding more than one of them in
// memory: what an export of the whole register needs.
func (s *Store) ReadReferrals(ctx context.Context, f ReferralFilter, use func(ReferralRows) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return classify("read referrals", s.path, err)
	}
	defer tx.Rollback()
	var rows ReferralRows
	countSQL, countArgs := f.countQuery(0)
	if err := tx.QueryRowContext(ctx, countSQL, countArgs...).Scan(&rows.n); err != nil {
		return classify("count referrals", s.path, err)
	}
	rows.each = func(use func(*Referral) error) error {
		listSQL, listArgs := f.listQuery()
		read := func(hand func(*Referral) error) error {
			return eachRow(ctx, tx, scanReferral, hand, listSQL, listArgs...)
		}
		useErr, readErr := readAhead(ctx, read, use)
		if readErr != nil {
			return classify("read referrals", s.path, readErr)
		}
		return useErr // as use said it
	}
	return use(rows)
}

func (f ReferralFilter) countQuery(limit int) (string, []any) {
	q := f.query()
	from := q.from + q.whereClause()
	if q.indexed && len(q.where) == 1 {
		from = " FROM referrals_fts WHERE referrals_fts MATCH ?"
	}
	if limit <= 0 {
		return "SELECT count(*)" + from, q.args
	}
	return "SELECT count(*) FROM (SELECT 1" + from + " LIMIT ?)", append(q.args, limit+1)
}

// countByStatus reads the status index alone.
const countByStatus = `SELECT status, count(*) FROM referrals GROUP BY status`

// CountByStatus counts the referrals in each status.
func (s *Store) CountByStatus(ctx context.Context) (map[ReferralStatus]int, error) {
	type count struct {
		status ReferralStatus
		n      int
	}
	counts, err := queryAll(ctx, s.db, func(r scanner, c *count) error { return r.Scan(&c.status, &c.n) },
		countByStatus)
	if err != nil {
		return nil, classify("count referrals", s.path, err)
	}
	out := map[ReferralStatus]int{}
	for _, c := range counts {
		out[c.status] = c.n
	}
	return out, nil
}
