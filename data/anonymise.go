package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"
)

// AnonymiseClosedCases clears the personal data of cases closed more than
// years ago: the case's subject, birth year, settlement, consent person,
// notes and vulnerability factors, and the free texts and event notes of
// its referrals. Numbers, dates, organizations, situations and statuses
// stay, so the counts do not change. Then the search indexes are merged
// and the log is checkpointed, so that with secure_delete on no copy of
// the cleared text stays in the file. It returns how many cases were
// anonymised.
func (s *Store) AnonymiseClosedCases(ctx context.Context, years int) (int, error) {
	if years < 1 {
		return 0, &Error{Code: EInvalid, Op: "anonymise cases", Fields: []FieldError{{Field: "retention_years", Rule: "range", Param: "1–75"}}}
	}
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		var err error
		n, err = anonymise(ctx, tx, now, RetentionCutoff(now, years))
		return err
	})
	if err == nil && n > 0 {
		err = s.forgetCleared(ctx)
	}
	if err != nil {
		return 0, classify("anonymise cases", s.path, err)
	}
	return n, nil
}

// anonymise clears the cases closed before cutoff, with their referrals.
func anonymise(ctx context.Context, tx *sql.Tx, now time.Time, cutoff string) (int, error) {
	const closed = `SELECT id FROM cases WHERE closed_on <> '' AND closed_on < ? AND anonymised_at = ''`
	for _, clear := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE referral_events SET note = '' WHERE referral_id IN (SELECT id FROM referrals WHERE case_id IN (` + closed + `))`,
			[]any{cutoff}},
		{`UPDATE referrals SET reason = '', outcome = '', feedback = '', reject_reason = '', search_text = lower(number),
			updated_at = ? WHERE case_id IN (` + closed + `)`, []any{utc(now), cutoff}},
		{`DELETE FROM case_factors WHERE case_id IN (` + closed + `)`, []any{cutoff}},
	} {
		if _, err := tx.ExecContext(ctx, clear.sql, clear.args...); err != nil {
			return 0, err
		}
	}
	cases, err := queryAll(ctx, tx, func(r scanner, c *Case) error { return r.Scan(&c.ID, &c.Number) },
		`SELECT id, number FROM cases WHERE id IN (`+closed+`)`, cutoff)
	if err != nil {
		return 0, err
	}
	for _, c := range cases {
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET subject = '***', birth_year = NULL, settlement = '', consent_by = '',
			notes = '', search_text = ?, anonymised_at = ?, updated_at = ? WHERE id = ?`, Fold(c.Number), utc(now), utc(now), c.ID); err != nil {
			return 0, err
		}
	}
	return len(cases), audit(ctx, tx, now, "case", "", "anonymise", auditNote("anonymise", strconv.Itoa(len(cases)), cutoff))
}

// forgetCleared merges the search indexes, whose older segments still hold
// the cleared texts' trigrams, and moves the log into the database file,
// where secure_delete has zeroed what was freed.
func (s *Store) forgetCleared(ctx context.Context) error {
	for _, index := range []string{"referrals_fts", "cases_fts"} {
		if _, err := s.db.ExecContext(ctx, `INSERT INTO `+index+`(`+index+`) VALUES ('optimize')`); err != nil {
			return fmt.Errorf("merge %s: %w", index, err)
		}
	}
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// CasesToAnonymise counts the cases closed more than years ago and not yet anonymised.
func (s *Store) CasesToAnonymise(ctx context.Context, years int) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM cases WHERE closed_on <> '' AND closed_on < ? AND anonymised_at = ''`,
		RetentionCutoff(s.now(), years)).Scan(&n)
	if err != nil {
		return 0, classify("count cases", s.path, err)
	}
	return n, nil
}

// retentionCutoff is the day before which a closed case's personal data
// has been kept long enough.
func RetentionCutoff(now time.Time, years int) string {
	return now.AddDate(-years, 0, 0).Format(time.DateOnly)
}
