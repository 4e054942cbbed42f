package data

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"
)

const caseColumns = `id, number, subject, birth_year, settlement, consent_given_on, consent_by, specialist, opened_on,
	closed_on, notes, anonymised_at`

func scanCase(row scanner, c *Case) error {
	var birth sql.NullInt64
	if err := row.Scan(&c.ID, &c.Number, &c.Subject, &birth, &c.Settlement, &c.ConsentGivenOn, &c.ConsentBy, &c.Specialist,
		&c.OpenedOn, &c.ClosedOn, &c.Notes, &c.AnonymisedAt); err != nil {
		return err
	}
	c.BirthYear = intPtr(birth)
	return nil
}

// Cases lists the first limit of the cases whose number, subject or
// settlement contain every word of query, newest first.
func (s *Store) Cases(ctx context.Context, query string, limit int) ([]Case, error) {
	return s.CasesPage(ctx, query, limit, 0)
}

// CasesPage lists limit of the cases that match query, newest first, after
// the first offset of them: the Cases screen reads its list a page at a
// time as it scrolls.
func (s *Store) CasesPage(ctx context.Context, query string, limit, offset int) ([]Case, error) {
	where, args := caseSearch.condition(query)
	q := "SELECT " + caseColumns + " FROM cases" + whereAll(where) + " ORDER BY id DESC LIMIT ? OFFSET ?"
	list, err := queryAll(ctx, s.db, scanCase, q, append(args, limit, offset)...)
	if err != nil {
		return nil, classify("list cases", s.path, err)
	}
	return list, nil
}

// CountCases counts the cases that match query, all of them.
func (s *Store) CountCases(ctx context.Context, query string) (int, error) {
	return s.CountCasesUpTo(ctx, query, 0)
}

// CountCasesUpTo counts the cases that match query, but stops past limit
// (0: no limit), so that a count over limit means "more than limit": the
// list can show its first rows while a broad search is counted in full.
func (s *Store) CountCasesUpTo(ctx context.Context, query string, limit int) (int, error) {
	where, args := caseSearch.condition(query)
	q := "SELECT count(*) FROM cases" + whereAll(where)
	if limit > 0 {
		q, args = "SELECT count(*) FROM (SELECT 1 FROM cases"+whereAll(where)+" LIMIT ?)", append(args, limit+1)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, classify("count cases", s.path, err)
	}
	return n, nil
}

// whereAll is a WHERE clause that holds all of the conditions, "" for none.
func whereAll(conditions []string) string {
	if len(conditions) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conditions, " AND ")
}

// Case reads one case with its vulnerability factors.
func (s *Store) Case(ctx context.Context, id int64) (Case, error) {
	var c Case
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		err := scanCase(tx.QueryRowContext(ctx, "SELECT "+caseColumns+" FROM cases WHERE id = ?", id), &c)
		if errors.Is(err, sql.ErrNoRows) {
			return &Error{Code: ENotFound}
		}
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT f.id, f.name FROM case_factors cf JOIN vulnerability_factors f ON f.id = cf.factor_id
			WHERE cf.case_id = ? ORDER BY f.id`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var fid int64
			var name string
			if err := rows.Scan(&fid, &name); err != nil {
				return err
			}
			c.FactorIDs, c.FactorNames = append(c.FactorIDs, fid), append(c.FactorNames, name)
		}
		return rows.Err()
	})
	if err != nil {
		return c, classify("read case", s.path, err)
	}
	return c, nil
}

// SaveCase creates (ID 0, numbering it) or updates a case, in one transaction.
func (s *Store) SaveCase(ctx context.Context, c *Case) error {
	c.Subject, c.Settlement, c.ConsentBy = strings.TrimSpace(c.Subject), strings.TrimSpace(c.Settlement), strings.TrimSpace(c.ConsentBy)
	c.Specialist, c.Notes = strings.TrimSpace(c.Specialist), strings.TrimSpace(c.Notes)
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if c.OpenedOn == "" {
			c.OpenedOn = now.Format(time.DateOnly)
		}
		if err := c.Validate(now); err != nil {
			return err
		}
		if err := saveCaseQuiet(ctx, tx, now, c, &txCache{}); err != nil {
			return err
		}
		// The audit names the case by number only: its subject is personal data.
		return audit(ctx, tx, now, "case", strconv.FormatInt(c.ID, 10), "save", c.Number)
	})
	if err != nil {
		return classify("save case", s.path, err)
	}
	return nil
}

// saveCaseQuiet writes a case inside a transaction, without the audit row.
// A new case is numbered in the year of now.
func saveCaseQuiet(ctx context.Context, tx dbtx, now time.Time, c *Case, cache *txCache) error {
	if c.ID != 0 {
		return updateCase(ctx, tx, now, c)
	}
	set, err := cache.loadSettings(ctx, tx)
	if err != nil {
		return err
	}
	if c.Number, err = cache.number(ctx, tx, "cases", set.CasePrefix+now.Format("2006")+"-"); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO cases(number, subject, birth_year, settlement, consent_given_on, consent_by,
		specialist, opened_on, closed_on, notes, search_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Number, c.Subject, nullInt(c.BirthYear), c.Settlement, c.ConsentGivenOn, c.ConsentBy, c.Specialist, c.OpenedOn,
		c.ClosedOn, c.Notes, c.searchText(), utc(now), utc(now))
	if err != nil {
		return err
	}
	c.ID, _ = res.LastInsertId()
	cache.rememberCase(c.ID, c.Number, c.Subject)
	return insertLinks(ctx, tx, "case_factors", "case_id", c.ID, "factor_id", c.FactorIDs)
}

// updateCase writes a case's details, and the search texts of its
// referrals, which name the case.
func updateCase(ctx context.Context, tx dbtx, now time.Time, c *Case) error {
	res, err := tx.ExecContext(ctx, `UPDATE cases SET subject = ?, birth_year = ?, settlement = ?, consent_given_on = ?,
		consent_by = ?, specialist = ?, opened_on = ?, closed_on = ?, notes = ?, search_text = ?, updated_at = ? WHERE id = ?`,
		c.Subject, nullInt(c.BirthYear), c.Settlement, c.ConsentGivenOn, c.ConsentBy, c.Specialist, c.OpenedOn, c.ClosedOn,
		c.Notes, c.searchText(), utc(now), c.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &Error{Code: ENotFound}
	}
	if err := replaceLinks(ctx, tx, "case_factors", "case_id", c.ID, "factor_id", c.FactorIDs); err != nil {
		return err
	}
	return refoldReferrals(ctx, tx, "case_id = ?", c.ID)
}

// searchText is what the search of cases looks in.
func (c *Case) searchText() string { return Fold(c.Number + " " + c.Subject + " " + c.Settlement) }
