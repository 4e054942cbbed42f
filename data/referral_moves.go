package data

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"
)

// Move is a requested status change with what the new status needs.
type Move struct {
	To           ReferralStatus
	Note         string
	RejectReason string // to rejected
	Outcome      string // to done
	Feedback     string // to closed
	// At is when it happened, which may be before it is typed in (paper
	// arrives first); zero means now. Deadlines count from it.
	At time.Time
}

// MoveReferral changes a referral's status along the graph, stamps the
// time, derives the new deadline from the protocol and writes the event
// and the audit row, all in one transaction. A move outside the graph is
// refused with EInvalid (rule "transition").
func (s *Store) MoveReferral(ctx context.Context, id int64, m Move) (Referral, error) {
	var r Referral
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if err := readReferral(ctx, tx, id, &r); err != nil {
			return err
		}
		at, err := moveTime(ctx, tx, r, m.At, now)
		if err != nil {
			return err
		}
		if err := moveReferral(ctx, tx, at, &r, m, &txCache{}, false); err != nil {
			return err
		}
		// The audit tells when it was recorded; the event, when it happened.
		return audit(ctx, tx, now, "referral", strconv.FormatInt(r.ID, 10), string(m.To), r.Number)
	})
	if err != nil {
		return r, classify("change referral status", s.path, err)
	}
	return r, nil
}

// moveTime is when a move happened: asked, never in the future and never
// before the referral's previous step; zero asks for now.
func moveTime(ctx context.Context, tx dbtx, r Referral, asked, now time.Time) (time.Time, error) {
	if asked.IsZero() {
		return now, nil
	}
	// Not even a minute ahead: a move stamped now (the default) must not
	// come before one dated ahead of the clock.
	if asked.After(now) {
		return now, &Error{Code: EInvalid, Fields: []FieldError{{Field: "moved_at", Rule: "not_future"}}}
	}
	var last string
	err := tx.QueryRowContext(ctx, `SELECT max(coalesce((SELECT max(at) FROM referral_events WHERE referral_id = ?), ''), created_at)
		FROM referrals WHERE id = ?`, r.ID, r.ID).Scan(&last)
	if err != nil {
		return now, err
	}
	// Typed times have minutes only: a step typed in the minute of the one
	// before it is not before it.
	if prev, err := time.Parse(time.RFC3339, last); err == nil && asked.Before(prev.Truncate(time.Minute)) {
		return now, &Error{Code: EInvalid, Fields: []FieldError{{Field: "moved_at", Rule: "not_before_previous",
			Param: last}}} // a time stamp, written in the reader's format
	}
	return asked, nil
}

// moveReferral moves r at the time at, inside a transaction.
func moveReferral(ctx context.Context, tx dbtx, at time.Time, r *Referral, m Move, cache *txCache, withAudit bool) error {
	from := r.Status
	if err := applyMove(ctx, tx, at, r, m, cache); err != nil {
		return err
	}
	if err := writeStatus(ctx, tx, at, r); err != nil {
		return err
	}
	if err := addEvent(ctx, tx, r.ID, statusEvent{at, from, m.To, m.Note, r.DueAt}); err != nil || !withAudit {
		return err
	}
	return audit(ctx, tx, at, "referral", strconv.FormatInt(r.ID, 10), string(m.To), r.Number)
}

// applyMove changes r as the move does: status, its time stamp, what the
// new status needs and the deadline the protocol sets for it.
func applyMove(ctx context.Context, tx dbtx, at time.Time, r *Referral, m Move, cache *txCache) error {
	if !CanMove(r.Status, m.To) {
		return &Error{Code: EInvalid, Fields: []FieldError{{Field: "status", Rule: "transition", Param: string(r.Status) + ">" + string(m.To)}}}
	}
	switch m.To {
	case RefRejected:
		if strings.TrimSpace(m.RejectReason) == "" {
			return &Error{Code: EInvalid, Fields: []FieldError{{Field: "reject_reason", Rule: "required"}}}
		}
		r.RejectReason = strings.TrimSpace(m.RejectReason)
	case RefDone:
		if strings.TrimSpace(m.Outcome) == "" { // the register and the report say what was done
			return &Error{Code: EInvalid, Fields: []FieldError{{Field: "outcome", Rule: "required"}}}
		}
		r.Outcome = strings.TrimSpace(m.Outcome)
	case RefClosed:
		r.Feedback = strings.TrimSpace(m.Feedback)
	}
	r.Status = m.To
	switch m.To {
	case RefSent:
		r.SentAt = utc(at)
	case RefReceived:
		r.ReceivedAt = utc(at)
	case RefClosed, RefRevoked:
		r.ClosedAt = utc(at)
	}
	due, err := dueFor(ctx, tx, r, at, cache)
	if err != nil {
		return err
	}
	r.DueAt = ""
	if !due.IsZero() {
		r.DueAt = utc(due)
	}
	return nil
}

// writeStatus writes what applyMove changed.
func writeStatus(ctx context.Context, tx dbtx, at time.Time, r *Referral) error {
	_, err := tx.ExecContext(ctx, `UPDATE referrals SET status = ?, sent_at = ?, received_at = ?, due_at = ?, reject_reason = ?,
		outcome = ?, feedback = ?, closed_at = ?, updated_at = ? WHERE id = ?`, r.Status, r.SentAt, r.ReceivedAt, r.DueAt,
		r.RejectReason, r.Outcome, r.Feedback, r.ClosedAt, utc(at), r.ID)
	return err
}
