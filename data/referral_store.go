package data

import (
	"context"
	"database/sql"
	"errors"
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
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error { return saveReferral(ctx, tx, now, r, true) })
	if err != nil {
		return classify("save referral", s.path, err)
	}
	return nil
}

// saveReferral writes a draft inside a transaction; a new one is numbered
// in the year of now and made under the protocol in force.
func saveReferral(ctx context.Context, tx dbtx, now time.Time, r *Referral, withAudit bool) error {
	if err := fillSituation(ctx, tx, r); err != nil {
		return err
	}
	var service, version any
	if r.ServiceID != "" {
		service = r.ServiceID
	}
	if r.ProtocolVersion != 0 {
		version = r.ProtocolVersion
	}
	if r.ID == 0 {
		number, err := nextNumber(ctx, tx, "referrals", now.Format("2006")+"/")
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
			r.Reason, r.Urgency, service, search, utc(now), utc(now))
		if err != nil {
			return err
		}
		r.ID, _ = res.LastInsertId()
		if err := addEvent(ctx, tx, r.ID, now, "", RefDraft, ""); err != nil || !withAudit {
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
	search, err := referralSearch(ctx, tx, r)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE referrals SET case_id = ?, from_org = ?, from_person = ?, to_org = ?, to_person = ?,
		protocol_version = ?, situation_key = ?, situation_name = ?, reason = ?, urgency = ?, service_id = ?, search_text = ?,
		updated_at = ? WHERE id = ?`, r.CaseID, r.FromOrg, r.FromPerson, r.ToOrg, r.ToPerson, version, r.SituationKey,
		r.SituationName, r.Reason, r.Urgency, service, search, utc(now), r.ID); err != nil {
		return err
	}
	return audit(ctx, tx, now, "referral", strconv.FormatInt(r.ID, 10), "update", r.Number)
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

// addEvent records a status change of a referral, signed by the operator
// of the settings.
func addEvent(ctx context.Context, tx dbtx, id int64, at time.Time, from, to ReferralStatus, note string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO referral_events(referral_id, at, operator, from_status, to_status, note)
		VALUES (?, ?, (SELECT coalesce((SELECT value FROM settings WHERE key = 'operator'), '')), ?, ?, ?)`,
		id, utc(at), from, to, strings.TrimSpace(note))
	return err
}
