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
		return moveReferral(ctx, tx, now, &r, m, &txCache{}, true)
	})
	if err != nil {
		return r, classify("change referral status", s.path, err)
	}
	return r, nil
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
	if err := addEvent(ctx, tx, r.ID, at, from, m.To, m.Note); err != nil || !withAudit {
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
