package data

import (
	"context"
	"strings"
	"time"
)

// ReferralFilter narrows the referral register; zero fields do not filter.
type ReferralFilter struct {
	Query        string
	Statuses     []ReferralStatus
	OrgID        string // sent by or to this organization
	SituationKey string
	Urgency      Urgency
	Overdue      bool   // open and past the deadline at Now
	DueToday     bool   // open and due later on Now's day
	SentFrom     string // YYYY-MM-DD, inclusive
	SentTo       string // YYYY-MM-DD, inclusive
	CaseID       int64
	Now          time.Time // the clock for Overdue and DueToday
	SortBy       string    // "" (newest first), "due", "status", "urgency", "from", "to", "case", "situation"
	Desc         bool
	Limit        int // 0: all
	Offset       int
}

// orderBy turns the sort choice into an ORDER BY clause from a fixed list.
func (f ReferralFilter) orderBy() string {
	col := map[string]string{
		"due":       "CASE WHEN r.due_at = '' THEN 1 ELSE 0 END, r.due_at",
		"status":    "r.status",
		"urgency":   "CASE r.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END",
		"from":      "fo.name",
		"to":        "tt.name",
		"case":      "c.number",
		"situation": "r.situation_name",
	}[f.SortBy]
	if col == "" {
		if f.Desc {
			return " ORDER BY r.id"
		}
		return " ORDER BY r.id DESC"
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
	c.number, c.subject, fo.name, tt.name, coalesce(sv.name, '')`

const referralFrom = ` FROM referrals r JOIN cases c ON c.id = r.case_id JOIN organizations fo ON fo.id = r.from_org
	JOIN organizations tt ON tt.id = r.to_org LEFT JOIN services sv ON sv.id = r.service_id`

func scanReferral(row scanner, r *Referral) error {
	return row.Scan(&r.ID, &r.Number, &r.CaseID, &r.FromOrg, &r.FromPerson, &r.ToOrg, &r.ToPerson, &r.ProtocolVersion,
		&r.SituationKey, &r.SituationName, &r.Reason, &r.Urgency, &r.ServiceID, &r.Status, &r.SentAt, &r.ReceivedAt,
		&r.DueAt, &r.RejectReason, &r.Outcome, &r.Feedback, &r.ClosedAt, &r.CaseNumber, &r.CaseSubject, &r.FromName,
		&r.ToName, &r.ServiceName)
}

// where turns the filter into SQL conditions; due dates are stored as UTC
// RFC 3339 text, which sorts as time does.
func (f ReferralFilter) where() (string, []any) {
	where, args := searchCondition("r.search_text", f.Query)
	statusIn := func(list []ReferralStatus) {
		marks := strings.TrimSuffix(strings.Repeat("?,", len(list)), ",")
		where = append(where, "r.status IN ("+marks+")")
		for _, s := range list {
			args = append(args, s)
		}
	}
	if len(f.Statuses) > 0 {
		statusIn(f.Statuses)
	}
	equal := func(column string, value any) {
		where = append(where, column+" = ?")
		args = append(args, value)
	}
	if f.OrgID != "" {
		where = append(where, "(r.from_org = ? OR r.to_org = ?)")
		args = append(args, f.OrgID, f.OrgID)
	}
	if f.SituationKey != "" {
		equal("r.situation_key", f.SituationKey)
	}
	if f.Urgency != "" {
		equal("r.urgency", f.Urgency)
	}
	if f.CaseID != 0 {
		equal("r.case_id", f.CaseID)
	}
	if f.SentFrom != "" {
		where = append(where, "r.sent_at >= ?")
		args = append(args, f.SentFrom)
	}
	if f.SentTo != "" {
		where = append(where, "r.sent_at < ?")
		args = append(args, f.SentTo+"T99") // the whole day: any time on it sorts below
	}
	if f.Overdue || f.DueToday {
		statusIn(OpenStatuses)
		where = append(where, "r.due_at <> ''")
		now := f.Now
		if f.Overdue {
			where = append(where, "r.due_at < ?")
			args = append(args, utc(now))
		} else {
			end := time.Date(now.Year(), now.Month(), now.Day(), 23, 59, 59, 0, now.Location())
			where = append(where, "r.due_at >= ? AND r.due_at <= ?")
			args = append(args, utc(now), utc(end))
		}
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// Referrals lists the referrals that pass the filter, newest first, a page
// at a time when Limit is set.
func (s *Store) Referrals(ctx context.Context, f ReferralFilter) ([]Referral, error) {
	where, args := f.where()
	q := "SELECT " + referralColumns + referralFrom + where + f.orderBy()
	if f.Limit > 0 {
		q += " LIMIT ? OFFSET ?"
		args = append(args, f.Limit, f.Offset)
	}
	list, err := queryAll(ctx, s.db, scanReferral, q, args...)
	if err != nil {
		return nil, classify("list referrals", s.path, err)
	}
	return list, nil
}

// CountReferrals counts the referrals that pass the filter.
func (s *Store) CountReferrals(ctx context.Context, f ReferralFilter) (int, error) {
	where, args := f.where()
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM referrals r"+where, args...).Scan(&n); err != nil {
		return 0, classify("count referrals", s.path, err)
	}
	return n, nil
}

// CountByStatus counts the referrals in each status.
func (s *Store) CountByStatus(ctx context.Context) (map[ReferralStatus]int, error) {
	type count struct {
		status ReferralStatus
		n      int
	}
	counts, err := queryAll(ctx, s.db, func(r scanner, c *count) error { return r.Scan(&c.status, &c.n) },
		`SELECT status, count(*) FROM referrals GROUP BY status`)
	if err != nil {
		return nil, classify("count referrals", s.path, err)
	}
	out := map[ReferralStatus]int{}
	for _, c := range counts {
		out[c.status] = c.n
	}
	return out, nil
}
