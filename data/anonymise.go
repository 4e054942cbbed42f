package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// AnonymiseClosedCases clears the personal data of cases closed more than
// years ago, and the free texts of their referrals; numbers, dates,
// organizations, situations and statuses stay, so the statistics do not
// change. It returns how many cases were anonymised.
func (s *Store) AnonymiseClosedCases(ctx context.Context, years int) (int, error) {
	if years < 1 {
		return 0, &Error{Code: EInvalid, Op: "anonymise cases", Fields: []FieldError{{Field: "retention_years", Rule: "range", Param: "1–75"}}}
	}
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		cutoff := retentionCutoff(now, years)
		if _, err := tx.ExecContext(ctx, `UPDATE referrals SET reason = '', outcome = '', feedback = '', reject_reason = '',
			search_text = lower(number), updated_at = ? WHERE case_id IN (SELECT id FROM cases WHERE closed_on <> '' AND closed_on < ?
			AND anonymised_at = '')`, utc(now), cutoff); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, number FROM cases WHERE closed_on <> '' AND closed_on < ? AND anonymised_at = ''`, cutoff)
		if err != nil {
			return err
		}
		cases, err := scanAll(rows, func(r scanner, c *Case) error { return r.Scan(&c.ID, &c.Number) })
		if err != nil {
			return err
		}
		for _, c := range cases {
			if _, err := tx.ExecContext(ctx, `UPDATE cases SET subject = '***', birth_year = NULL, settlement = '', consent_by = '',
				notes = '', search_text = ?, anonymised_at = ?, updated_at = ? WHERE id = ?`, Fold(c.Number), utc(now), utc(now), c.ID); err != nil {
				return err
			}
		}
		n = len(cases)
		return audit(ctx, tx, now, "case", "", "anonymise", fmt.Sprintf("%d cases closed before %s", n, cutoff))
	})
	if err != nil {
		return 0, classify("anonymise cases", s.path, err)
	}
	return n, nil
}

// CasesToAnonymise counts the cases closed more than years ago and not yet anonymised.
func (s *Store) CasesToAnonymise(ctx context.Context, years int) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM cases WHERE closed_on <> '' AND closed_on < ? AND anonymised_at = ''`,
		retentionCutoff(s.now(), years)).Scan(&n)
	if err != nil {
		return 0, classify("count cases", s.path, err)
	}
	return n, nil
}

// retentionCutoff is the day before which a closed case's personal data
// has been kept long enough.
func retentionCutoff(now time.Time, years int) string {
	return now.AddDate(-years, 0, 0).Format(time.DateOnly)
}
