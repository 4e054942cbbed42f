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

// Referral reads one referral with its events, oldest first.
func (s *Store) Referral(ctx context.Context, id int64) (Referral, []Event, error) {
	var r Referral
	var events []Event
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		if err := readReferral(ctx, tx, id, &r); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT at, operator, from_status, to_status, note FROM referral_events
			WHERE referral_id = ? ORDER BY id`, id)
		if err != nil {
			return err
		}
		events, err = scanAll(rows, func(r scanner, e *Event) error { return r.Scan(&e.At, &e.Operator, &e.From, &e.To, &e.Note) })
		return err
	})
	if err != nil {
		return r, nil, classify("read referral", s.path, err)
	}
	return r, events, nil
}

func readReferral(ctx context.Context, tx dbtx, id int64, r *Referral) error {
	err := scanReferral(tx.QueryRowContext(ctx, "SELECT "+referralColumns+referralFrom+" WHERE r.id = ?", id), r)
	if errors.Is(err, sql.ErrNoRows) {
		return &Error{Code: ENotFound}
	}
	return err
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

// referralSearchText is what the search of referrals looks in: the
// referral's number, its case, both organizations, the situation and the
// reason.
func referralSearchText(ctx context.Context, tx dbtx, r *Referral, cache *txCache) (string, error) {
	caseText, ok, err := cache.caseText(ctx, tx, r.CaseID)
	if err != nil || !ok {
		return "", unknown("case", err)
	}
	parts := []string{r.Number, caseText}
	for _, o := range []struct{ field, id string }{{"from_org", r.FromOrg}, {"to_org", r.ToOrg}} {
		text, ok, err := cache.organizationText(ctx, tx, o.id)
		if err != nil || !ok {
			return "", unknown(o.field, err)
		}
		parts = append(parts, text)
	}
	return Fold(strings.Join(append(parts, r.SituationName, r.Reason, r.OutgoingNumber), " ")), nil
}

// unknown is err, or when there is none, the refusal of a field that
// names a record that does not exist.
func unknown(field string, err error) error {
	if err != nil {
		return err
	}
	return &Error{Code: EInvalid, Fields: []FieldError{{Field: field, Rule: "unknown"}}}
}

// refoldReferrals writes again the search texts of the referrals that pass
// the condition, after what they name has changed.
func refoldReferrals(ctx context.Context, tx dbtx, where string, args ...any) error {
	list, err := queryAll(ctx, tx, func(row scanner, t *Referral) error {
		return row.Scan(&t.ID, &t.Number, &t.CaseID, &t.FromOrg, &t.ToOrg, &t.SituationName, &t.Reason, &t.OutgoingNumber)
	}, `SELECT id, number, case_id, from_org, to_org, situation_name, reason, outgoing_number FROM referrals WHERE `+where, args...)
	if err != nil || len(list) == 0 {
		return err
	}
	write := func() error {
		cache := &txCache{}
		for i := range list {
			search, err := referralSearchText(ctx, tx, &list[i], cache)
			if err != nil {
				return fmt.Errorf("refold referral %d: %w", list[i].ID, err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE referrals SET search_text = ? WHERE id = ?`, search, list[i].ID); err != nil {
				return fmt.Errorf("refold referral %d: %w", list[i].ID, err)
			}
		}
		return nil
	}
	return reindexing(ctx, tx, write, rowsOf{referralSearch, where, args})
}

// SaveReferral creates a draft (ID 0, numbering it) or updates a draft's
// details; once sent, a referral changes only by its status flow.
func (s *Store) SaveReferral(ctx context.Context, r *Referral) error {
	r.Reason, r.FromPerson, r.ToPerson = strings.TrimSpace(r.Reason), strings.TrimSpace(r.FromPerson), strings.TrimSpace(r.ToPerson)
	if err := r.Validate(); err != nil {
		return classify("save referral", "", err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error { return saveReferral(ctx, tx, now, r, &txCache{}, true) })
	if err != nil {
		return classify("save referral", s.path, err)
	}
	return nil
}

// saveReferral writes a draft inside a transaction; a new one is numbered
// in the year of now and made under the protocol in force.
func saveReferral(ctx context.Context, tx dbtx, now time.Time, r *Referral, cache *txCache, withAudit bool) error {
	if err := fillSituation(ctx, tx, r); err != nil {
		return err
	}
	if r.ID == 0 {
		r.Status = RefDraft
		if err := insertReferral(ctx, tx, now, now, r, cache); err != nil {
			return err
		}
		if err := addEvent(ctx, tx, r.ID, statusEvent{at: now, to: RefDraft}); err != nil || !withAudit {
			return err
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
	search, err := referralSearchText(ctx, tx, r, cache)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE referrals SET case_id = ?, from_org = ?, from_person = ?, to_org = ?, to_person = ?,
		protocol_version = ?, situation_key = ?, situation_name = ?, reason = ?, urgency = ?, service_id = ?, search_text = ?,
		updated_at = ? WHERE id = ?`, r.CaseID, r.FromOrg, r.FromPerson, r.ToOrg, r.ToPerson, nullZero(r.ProtocolVersion), r.SituationKey,
		r.SituationName, r.Reason, r.Urgency, nullString(r.ServiceID), search, utc(now), r.ID); err != nil {
		return err
	}
	return audit(ctx, tx, now, "referral", strconv.FormatInt(r.ID, 10), "update", r.Number)
}

// insertReferral numbers r in the year it was made and writes it as it
// stands, in whatever status.
func insertReferral(ctx context.Context, tx dbtx, made, changed time.Time, r *Referral, cache *txCache) error {
	number, err := cache.number(ctx, tx, "referrals", made.Format("2006")+"/")
	if err != nil {
		return err
	}
	r.Number = number
	search, err := referralSearchText(ctx, tx, r, cache)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO referrals(number, case_id, from_org, from_person, to_org, to_person,
		protocol_version, situation_key, situation_name, reason, urgency, service_id, status, sent_at, received_at, due_at,
		reject_reason, outcome, feedback, closed_at, search_text, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Number, r.CaseID, r.FromOrg, r.FromPerson, r.ToOrg, r.ToPerson, nullZero(r.ProtocolVersion), r.SituationKey,
		r.SituationName, r.Reason, r.Urgency, nullString(r.ServiceID), r.Status, r.SentAt, r.ReceivedAt, r.DueAt,
		r.RejectReason, r.Outcome, r.Feedback, r.ClosedAt, search, utc(made), utc(changed))
	if err != nil {
		return err
	}
	r.ID, _ = res.LastInsertId()
	return nil
}

// fillSituation completes a referral's route: a situation without a
// protocol version is that of the protocol in force, and its name is read
// from that version.
func fillSituation(ctx context.Context, tx dbtx, r *Referral) error {
	if r.SituationKey == "" {
		return nil
	}
	if r.ProtocolVersion == 0 {
		v, ok, err := versionInForce(ctx, tx)
		if err != nil || !ok {
			return err
		}
		r.ProtocolVersion = v.Version
	}
	if r.SituationName != "" {
		return nil
	}
	err := tx.QueryRowContext(ctx, `SELECT s.name FROM protocol_situations s JOIN protocols p ON p.id = s.protocol_id
		WHERE p.version = ? AND s.key = ?`, r.ProtocolVersion, r.SituationKey).Scan(&r.SituationName)
	if errors.Is(err, sql.ErrNoRows) {
		return &Error{Code: EInvalid, Fields: []FieldError{{Field: "situation", Rule: "unknown"}}}
	}
	return err
}

// statusEvent is a status change of a referral.
type statusEvent struct {
	at       time.Time
	from, to ReferralStatus
	note     string
	due      string // the deadline the move set, if any
}

// addEvent records a status change of a referral, signed by the operator
// of the settings.
func addEvent(ctx context.Context, tx dbtx, id int64, e statusEvent) error {
	return addEvents(ctx, tx, id, []statusEvent{e})
}

// addEvents records status changes of a referral in one statement.
func addEvents(ctx context.Context, tx dbtx, id int64, events []statusEvent) error {
	const row = "(?, ?, (SELECT coalesce((SELECT value FROM settings WHERE key = 'operator'), '')), ?, ?, ?, ?)"
	args := make([]any, 0, 6*len(events))
	for _, e := range events {
		args = append(args, id, utc(e.at), e.from, e.to, strings.TrimSpace(e.note), e.due)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO referral_events(referral_id, at, operator, from_status, to_status, note, due_at) VALUES `+
		strings.TrimSuffix(strings.Repeat(row+", ", len(events)), ", "), args...)
	return err
}

// LetterOutgoing is the sender's registration of a referral letter.
type LetterOutgoing struct {
	Number string
	Date   string // YYYY-MM-DD
}

// Validate checks an outgoing registration: both or neither, a real date.
func (g *LetterOutgoing) Validate() error {
	var p Problems
	if len([]rune(g.Number)) > 50 {
		p.Add("outgoing_number", "too_long", "50")
	}
	if g.Date != "" {
		if _, err := time.Parse(time.DateOnly, g.Date); err != nil {
			p.Add("outgoing_date", "date", "")
		}
	}
	switch {
	case g.Number == "" && g.Date != "":
		p.Add("outgoing_number", "required", "")
	case g.Number != "" && g.Date == "":
		p.Add("outgoing_date", "required", "")
	}
	return p.Err()
}

// SetLetterOutgoing keeps the sender's registration of a referral's letter
// (an unchanged one writes nothing), searchable by its number.
func (s *Store) SetLetterOutgoing(ctx context.Context, id int64, g LetterOutgoing) error {
	const op = "register letter"
	g.Number, g.Date = strings.TrimSpace(g.Number), strings.TrimSpace(g.Date)
	if err := g.Validate(); err != nil {
		return classify(op, "", err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		var r Referral
		if err := readReferral(ctx, tx, id, &r); err != nil {
			return err
		}
		if r.OutgoingNumber == g.Number && r.OutgoingDate == g.Date {
			return nil
		}
		r.OutgoingNumber, r.OutgoingDate = g.Number, g.Date
		search, err := referralSearchText(ctx, tx, &r, &txCache{})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE referrals SET outgoing_number = ?, outgoing_date = ?, search_text = ?,
			updated_at = ? WHERE id = ?`, g.Number, g.Date, search, utc(now), id); err != nil {
			return err
		}
		return audit(ctx, tx, now, "referral", strconv.FormatInt(id, 10), "update",
			auditNote("letter_outgoing", r.Number, g.Number, g.Date))
	})
	if err != nil {
		return classify(op, s.path, err)
	}
	return nil
}
