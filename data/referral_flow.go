package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
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

func scanReferral(row interface{ Scan(...any) error }, r *Referral) error {
	return row.Scan(&r.ID, &r.Number, &r.CaseID, &r.FromOrg, &r.FromPerson, &r.ToOrg, &r.ToPerson, &r.ProtocolVersion,
		&r.SituationKey, &r.SituationName, &r.Reason, &r.Urgency, &r.ServiceID, &r.Status, &r.SentAt, &r.ReceivedAt,
		&r.DueAt, &r.RejectReason, &r.Outcome, &r.Feedback, &r.ClosedAt, &r.CaseNumber, &r.CaseSubject, &r.FromName,
		&r.ToName, &r.ServiceName)
}

func utc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

var openStatuses = []ReferralStatus{RefSent, RefReceived, RefAccepted}

// where turns the filter into SQL conditions; due dates are stored as UTC
// RFC 3339 text, which sorts as time does.
func (f ReferralFilter) where() (string, []any) {
	var where []string
	var args []any
	for _, t := range searchTerms(f.Query) {
		where = append(where, "instr(r.search_text, ?) > 0")
		args = append(args, t)
	}
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
	if f.OrgID != "" {
		where = append(where, "(r.from_org = ? OR r.to_org = ?)")
		args = append(args, f.OrgID, f.OrgID)
	}
	if f.SituationKey != "" {
		where = append(where, "r.situation_key = ?")
		args = append(args, f.SituationKey)
	}
	if f.Urgency != "" {
		where = append(where, "r.urgency = ?")
		args = append(args, f.Urgency)
	}
	if f.CaseID != 0 {
		where = append(where, "r.case_id = ?")
		args = append(args, f.CaseID)
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
		statusIn(openStatuses)
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
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, classify("list referrals", s.path, err)
	}
	list, err := scanAll(rows, func(r scanner, ref *Referral) error { return scanReferral(r, ref) })
	if err != nil {
		return nil, classify("list referrals", s.path, err)
	}
	return list, nil
}

// CountReferrals counts the referrals that pass the filter.
func (s *Store) CountReferrals(ctx context.Context, f ReferralFilter) (int, error) {
	where, args := f.where()
	var n int
	q := "SELECT count(*) FROM referrals r"
	if f.Query != "" {
		q = "SELECT count(*)" + referralFrom
	}
	if err := s.db.QueryRowContext(ctx, q+where, args...).Scan(&n); err != nil {
		return 0, classify("count referrals", s.path, err)
	}
	return n, nil
}

// CountByStatus counts the referrals in each status.
func (s *Store) CountByStatus(ctx context.Context) (map[ReferralStatus]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT status, count(*) FROM referrals GROUP BY status`)
	if err != nil {
		return nil, classify("count referrals", s.path, err)
	}
	defer rows.Close()
	out := map[ReferralStatus]int{}
	for rows.Next() {
		var st ReferralStatus
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, classify("count referrals", s.path, err)
		}
		out[st] = n
	}
	return out, rows.Err()
}

// Referral reads one referral with its events, oldest first.
func (s *Store) Referral(ctx context.Context, id int64) (Referral, []Event, error) {
	var r Referral
	var events []Event
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		err := scanReferral(tx.QueryRowContext(ctx, "SELECT "+referralColumns+referralFrom+" WHERE r.id = ?", id), &r)
		if errors.Is(err, sql.ErrNoRows) {
			return &Error{Code: ENotFound}
		}
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT at, operator, from_status, to_status, note FROM referral_events
			WHERE referral_id = ? ORDER BY id`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e Event
			if err := rows.Scan(&e.At, &e.Operator, &e.From, &e.To, &e.Note); err != nil {
				return err
			}
			events = append(events, e)
		}
		return rows.Err()
	})
	if err != nil {
		return r, nil, classify("read referral", s.path, err)
	}
	return r, events, nil
}

// ReferralByNumber finds a referral by its number.
func (s *Store) ReferralByNumber(ctx context.Context, number string) (Referral, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM referrals WHERE number = ?`, strings.TrimSpace(number)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Referral{}, &Error{Code: ENotFound, Op: "find referral"}
	}
	if err != nil {
		return Referral{}, classify("find referral", s.path, err)
	}
	r, _, err := s.Referral(ctx, id)
	return r, err
}

func referralSearch(ctx context.Context, tx dbtx, r *Referral) (string, error) {
	var caseText, from, to string
	err := tx.QueryRowContext(ctx, `SELECT c.number || ' ' || c.subject, fo.name || ' ' || fo.short_name, tt.name || ' ' || tt.short_name
		FROM cases c, organizations fo, organizations tt WHERE c.id = ? AND fo.id = ? AND tt.id = ?`,
		r.CaseID, r.FromOrg, r.ToOrg).Scan(&caseText, &from, &to)
	if errors.Is(err, sql.ErrNoRows) {
		return "", &Error{Code: EInvalid, Fields: []FieldError{{Field: "case", Rule: "unknown"}}}
	}
	return Fold(strings.Join([]string{r.Number, caseText, from, to, r.SituationName, r.Reason}, " ")), err
}

// SaveReferral creates a draft (ID 0, numbering it) or updates a draft's
// details; once sent, a referral changes only by its status flow.
func (s *Store) SaveReferral(ctx context.Context, r *Referral) error {
	r.Reason, r.FromPerson, r.ToPerson = strings.TrimSpace(r.Reason), strings.TrimSpace(r.FromPerson), strings.TrimSpace(r.ToPerson)
	if err := r.Validate(); err != nil {
		return classify("save referral", "", err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error { return saveReferral(ctx, tx, s.stamp(), s.now(), r, true) })
	if err != nil {
		return classify("save referral", s.path, err)
	}
	return nil
}

func saveReferral(ctx context.Context, tx dbtx, now string, clock time.Time, r *Referral, withAudit bool) error {
	if r.SituationKey != "" && r.ProtocolVersion == 0 {
		// The route is that of the protocol in force.
		_ = tx.QueryRowContext(ctx, `SELECT version FROM protocols WHERE status = 'approved'`).Scan(&r.ProtocolVersion)
	}
	if r.SituationKey != "" && r.SituationName == "" {
		_ = tx.QueryRowContext(ctx, `SELECT s.name FROM protocol_situations s JOIN protocols p ON p.id = s.protocol_id
			WHERE p.version = ? AND s.key = ?`, r.ProtocolVersion, r.SituationKey).Scan(&r.SituationName)
	}
	var service any
	if r.ServiceID != "" {
		service = r.ServiceID
	}
	var version any
	if r.ProtocolVersion != 0 {
		version = r.ProtocolVersion
	}
	if r.ID == 0 {
		number, err := nextNumber(ctx, tx, "referrals", clock.Format("2006")+"/")
		if err != nil {
			return err
		}
		r.Number, r.Status = number, RefDraft
		search, err := referralSearch(ctx, tx, r)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO referrals(number, case_id, from_org, from_person, to_org, to_person,
			protocol_version, situation_key, situation_name, reason, urgency, service_id, status, search_text, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`,
			r.Number, r.CaseID, r.FromOrg, r.FromPerson, r.ToOrg, r.ToPerson, version, r.SituationKey, r.SituationName,
			r.Reason, r.Urgency, service, search, now, now)
		if err != nil {
			return err
		}
		r.ID, _ = res.LastInsertId()
		if _, err := tx.ExecContext(ctx, `INSERT INTO referral_events(referral_id, at, operator, from_status, to_status, note)
			VALUES (?, ?, (SELECT coalesce((SELECT value FROM settings WHERE key = 'operator'), '')), '', 'draft', '')`, r.ID, now); err != nil {
			return err
		}
		if !withAudit {
			return nil
		}
		return audit(ctx, tx, now, "referral", strconv.FormatInt(r.ID, 10), "create", r.Number)
	}
	var status ReferralStatus
	if err := tx.QueryRowContext(ctx, `SELECT status FROM referrals WHERE id = ?`, r.ID).Scan(&status); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return &Error{Code: ENotFound}
		}
		return err
	}
	if status != RefDraft {
		return &Error{Code: EInvalid, Fields: []FieldError{{Field: "status", Rule: "not_draft"}}}
	}
	search, err := referralSearch(ctx, tx, r)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE referrals SET case_id = ?, from_org = ?, from_person = ?, to_org = ?, to_person = ?,
		protocol_version = ?, situation_key = ?, situation_name = ?, reason = ?, urgency = ?, service_id = ?, search_text = ?,
		updated_at = ? WHERE id = ?`, r.CaseID, r.FromOrg, r.FromPerson, r.ToOrg, r.ToPerson, version, r.SituationKey,
		r.SituationName, r.Reason, r.Urgency, service, search, now, r.ID); err != nil {
		return err
	}
	return audit(ctx, tx, now, "referral", strconv.FormatInt(r.ID, 10), "update", r.Number)
}

// Move is a requested status change with what the new status needs.
type Move struct {
	To           ReferralStatus
	Note         string
	RejectReason string // to rejected
	Outcome      string // to done
	Feedback     string // to closed
}

// MoveReferral changes a referral's status along the graph, stamps the
// time, derives the new deadline from the protocol and writes the event
// and the audit row, all in one transaction. A move outside the graph is
// refused with EInvalid (rule "transition").
func (s *Store) MoveReferral(ctx context.Context, id int64, m Move) (Referral, error) {
	var r Referral
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := scanReferral(tx.QueryRowContext(ctx, "SELECT "+referralColumns+referralFrom+" WHERE r.id = ?", id), &r)
		if errors.Is(err, sql.ErrNoRows) {
			return &Error{Code: ENotFound}
		}
		if err != nil {
			return err
		}
		return moveReferral(ctx, tx, s.now(), &r, m, &flowCache{}, true)
	})
	if err != nil {
		return r, classify("change referral status", s.path, err)
	}
	return r, nil
}

// flowCache keeps what deadlines are computed from during one
// transaction, so that a bulk import does not read the protocol per row.
type flowCache struct {
	protocols map[int]*Protocol
	calendar  *Calendar
	sectors   map[string]Sector
}

func moveReferral(ctx context.Context, tx dbtx, clock time.Time, r *Referral, m Move, cache *flowCache, withAudit bool) error {
	if !CanMove(r.Status, m.To) {
		return &Error{Code: EInvalid, Fields: []FieldError{{Field: "status", Rule: "transition", Param: string(r.Status) + ">" + string(m.To)}}}
	}
	now := utc(clock)
	switch m.To {
	case RefRejected:
		if strings.TrimSpace(m.RejectReason) == "" {
			return &Error{Code: EInvalid, Fields: []FieldError{{Field: "reject_reason", Rule: "required"}}}
		}
		r.RejectReason = strings.TrimSpace(m.RejectReason)
	case RefDone:
		r.Outcome = strings.TrimSpace(m.Outcome)
	case RefClosed:
		r.Feedback = strings.TrimSpace(m.Feedback)
	}
	from := r.Status
	r.Status = m.To
	switch m.To {
	case RefSent:
		r.SentAt = now
	case RefReceived:
		r.ReceivedAt = now
	case RefClosed, RefRevoked:
		r.ClosedAt = now
	}
	due, err := dueFor(ctx, tx, r, clock, cache)
	if err != nil {
		return err
	}
	r.DueAt = ""
	if !due.IsZero() {
		r.DueAt = utc(due)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE referrals SET status = ?, sent_at = ?, received_at = ?, due_at = ?, reject_reason = ?,
		outcome = ?, feedback = ?, closed_at = ?, updated_at = ? WHERE id = ?`, r.Status, r.SentAt, r.ReceivedAt, r.DueAt,
		r.RejectReason, r.Outcome, r.Feedback, r.ClosedAt, now, r.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO referral_events(referral_id, at, operator, from_status, to_status, note)
		VALUES (?, ?, (SELECT coalesce((SELECT value FROM settings WHERE key = 'operator'), '')), ?, ?, ?)`,
		r.ID, now, from, m.To, strings.TrimSpace(m.Note)); err != nil {
		return err
	}
	if !withAudit {
		return nil
	}
	return audit(ctx, tx, now, "referral", strconv.FormatInt(r.ID, 10), string(m.To), r.Number)
}

// dueFor derives the deadline of the referral's current status from the
// protocol version it was made under:
//   - sent: the recipient must receive it by the deadline of the
//     situation's first step (the report), counted from sending;
//   - received and accepted: the recipient acts by the deadline of the
//     first step its organization answers for (or, failing that, its
//     sector; or the step after the report), counted from receipt;
//   - any other status has no deadline.
//
// Working days skip weekends and the country profile's public holidays.
// Without a protocol in force or a situation, there is no deadline.
func dueFor(ctx context.Context, tx dbtx, r *Referral, clock time.Time, cache *flowCache) (time.Time, error) {
	if !r.Status.Open() || r.SituationKey == "" || r.ProtocolVersion == 0 {
		return time.Time{}, nil
	}
	if cache.protocols == nil {
		cache.protocols, cache.sectors = map[int]*Protocol{}, map[string]Sector{}
	}
	p, ok := cache.protocols[r.ProtocolVersion]
	if !ok {
		loaded, err := loadProtocol(ctx, tx, r.ProtocolVersion)
		if err == nil {
			p = &loaded
		}
		cache.protocols[r.ProtocolVersion] = p // nil: the version is gone, so no deadline rather than a wrong one
	}
	if p == nil {
		return time.Time{}, nil
	}
	var steps []Step
	for _, sit := range p.Situations {
		if sit.Key == r.SituationKey {
			steps = sit.Steps
		}
	}
	if len(steps) == 0 {
		return time.Time{}, nil
	}
	if cache.calendar == nil {
		set, err := loadSettings(ctx, tx)
		if err != nil {
			return time.Time{}, err
		}
		cal, err := loadCalendar(ctx, tx, set.Country)
		if err != nil {
			return time.Time{}, err
		}
		cache.calendar = &cal
	}
	local := func(stamp string) time.Time {
		t, err := time.Parse(time.RFC3339, stamp)
		if err != nil {
			return clock.In(time.Local)
		}
		return t.In(time.Local)
	}
	if r.Status == RefSent {
		return cache.calendar.Due(local(r.SentAt), steps[0].Deadline), nil
	}
	sector, ok := cache.sectors[r.ToOrg]
	if !ok {
		_ = tx.QueryRowContext(ctx, `SELECT sector FROM organizations WHERE id = ?`, r.ToOrg).Scan(&sector)
		cache.sectors[r.ToOrg] = sector
	}
	return cache.calendar.Due(local(r.ReceivedAt), recipientStep(r.ToOrg, sector, steps).Deadline), nil
}

// recipientStep is the step the recipient acts by: the first its
// organization answers for, else the first its sector answers for, else
// the step after the report.
func recipientStep(org string, sector Sector, steps []Step) Step {
	for _, st := range steps {
		if st.ResponsibleOrganizationID == org {
			return st
		}
	}
	for _, st := range steps {
		if st.ResponsibleSector != "" && st.ResponsibleSector == sector {
			return st
		}
	}
	if len(steps) > 1 {
		return steps[1]
	}
	return steps[0]
}

// AnonymiseClosedCases clears the personal data of cases closed more than
// years ago, and the free texts of their referrals; numbers, dates,
// organizations, situations and statuses stay, so the statistics do not
// change. It returns how many cases were anonymised.
func (s *Store) AnonymiseClosedCases(ctx context.Context, years int) (int, error) {
	if years < 1 {
		return 0, &Error{Code: EInvalid, Op: "anonymise cases", Fields: []FieldError{{Field: "retention_years", Rule: "range", Param: "1–75"}}}
	}
	cutoff := s.now().AddDate(-years, 0, 0).Format(time.DateOnly)
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		now := s.stamp()
		if _, err := tx.ExecContext(ctx, `UPDATE referrals SET reason = '', outcome = '', feedback = '', reject_reason = '',
			search_text = lower(number), updated_at = ? WHERE case_id IN (SELECT id FROM cases WHERE closed_on <> '' AND closed_on < ?
			AND anonymised_at = '')`, now, cutoff); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, number FROM cases WHERE closed_on <> '' AND closed_on < ? AND anonymised_at = ''`, cutoff)
		if err != nil {
			return err
		}
		numbers := map[int64]string{}
		for rows.Next() {
			var id int64
			var number string
			if err := rows.Scan(&id, &number); err != nil {
				rows.Close()
				return err
			}
			numbers[id] = number
		}
		rows.Close()
		for id, number := range numbers {
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET subject = '***', birth_year = NULL, settlement = '', consent_by = '',
				notes = '', search_text = ?, anonymised_at = ?, updated_at = ? WHERE id = ?`, Fold(number), now, now, id); err != nil {
				return err
			}
		}
		n = int64(len(numbers))
		return audit(ctx, tx, now, "case", "", "anonymise", fmt.Sprintf("%d cases closed before %s", n, cutoff))
	})
	if err != nil {
		return 0, classify("anonymise cases", s.path, err)
	}
	return int(n), nil
}

// CasesToAnonymise counts the cases closed more than years ago and not yet anonymised.
func (s *Store) CasesToAnonymise(ctx context.Context, years int) (int, error) {
	cutoff := s.now().AddDate(-years, 0, 0).Format(time.DateOnly)
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM cases WHERE closed_on <> '' AND closed_on < ? AND anonymised_at = ''`, cutoff).Scan(&n)
	if err != nil {
		return 0, classify("count cases", s.path, err)
	}
	return n, nil
}
