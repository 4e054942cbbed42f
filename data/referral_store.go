package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"spilno/assets"
)

// Holiday is one public holiday of a country profile.
type Holiday struct {
	Date string // YYYY-MM-DD
	Name string
}

// ensureReferralData loads the shipped holidays and vulnerability factors
// of a country the first time they are needed.
func ensureReferralData(ctx context.Context, tx dbtx, country Country) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM holidays WHERE country = ?) +
		(SELECT count(*) FROM settings WHERE key = 'holidays_loaded_' || ?)`, country, country).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		raw, err := assets.Classifier("holidays.csv")
		if err != nil {
			return err
		}
		rows, err := readCSV(raw)
		if err != nil {
			return err
		}
		for _, r := range rows[1:] {
			if Country(r[0]) == country {
				if _, err := tx.ExecContext(ctx, `INSERT INTO holidays(country, date, name) VALUES (?, ?, ?)`, r[0], r[1], r[2]); err != nil {
					return err
				}
			}
		}
		// Remember the load, so that a user who deletes every holiday does not get them back.
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO settings(key, value) VALUES ('holidays_loaded_' || ?, '1')`, country); err != nil {
			return err
		}
	}
	return loadShippedNames(ctx, tx, "vulnerability_factors", "vulnerability_factors.csv", country)
}

// Holidays lists the public holidays of a country profile, by date.
func (s *Store) Holidays(ctx context.Context, country Country) ([]Holiday, error) {
	var list []Holiday
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := ensureReferralData(ctx, tx, country); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT date, name FROM holidays WHERE country = ? ORDER BY date`, country)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var h Holiday
			if err := rows.Scan(&h.Date, &h.Name); err != nil {
				return err
			}
			list = append(list, h)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, classify("list holidays", s.path, err)
	}
	return list, nil
}

// SaveHolidays replaces the holidays of a country profile.
func (s *Store) SaveHolidays(ctx context.Context, country Country, list []Holiday) error {
	var p Problems
	seen := map[string]bool{}
	for i, h := range list {
		if _, err := time.Parse(time.DateOnly, h.Date); err != nil {
			p.Add("holiday."+strconv.Itoa(i+1), "date", "")
		} else if seen[h.Date] {
			p.Add("holiday."+strconv.Itoa(i+1), "taken", "")
		}
		seen[h.Date] = true
	}
	if err := p.Err(); err != nil {
		return classify("save holidays", "", err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := ensureReferralData(ctx, tx, country); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM holidays WHERE country = ?`, country); err != nil {
			return err
		}
		for _, h := range list {
			if _, err := tx.ExecContext(ctx, `INSERT INTO holidays(country, date, name) VALUES (?, ?, ?)`, country, h.Date, strings.TrimSpace(h.Name)); err != nil {
				return err
			}
		}
		return audit(ctx, tx, s.stamp(), "holidays", string(country), "update", fmt.Sprintf("%d holidays", len(list)))
	})
	if err != nil {
		return classify("save holidays", s.path, err)
	}
	return nil
}

func loadCalendar(ctx context.Context, tx dbtx, country Country) (Calendar, error) {
	if err := ensureReferralData(ctx, tx, country); err != nil {
		return Calendar{}, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT date FROM holidays WHERE country = ?`, country)
	if err != nil {
		return Calendar{}, err
	}
	defer rows.Close()
	var dates []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return Calendar{}, err
		}
		dates = append(dates, d)
	}
	return NewCalendar(dates), rows.Err()
}

// VulnerabilityFactors lists the country's factors.
func (s *Store) VulnerabilityFactors(ctx context.Context, country Country) ([]TargetGroup, error) {
	return s.namedEntries(ctx, "vulnerability_factors", country)
}

const caseColumns = `id, number, subject, birth_year, settlement, consent_given_on, consent_by, specialist, opened_on,
	closed_on, notes, anonymised_at`

func scanCase(row interface{ Scan(...any) error }, c *Case) error {
	var birth sql.NullInt64
	if err := row.Scan(&c.ID, &c.Number, &c.Subject, &birth, &c.Settlement, &c.ConsentGivenOn, &c.ConsentBy, &c.Specialist,
		&c.OpenedOn, &c.ClosedOn, &c.Notes, &c.AnonymisedAt); err != nil {
		return err
	}
	c.BirthYear = intPtr(birth)
	return nil
}

// Cases lists the cases whose number, subject or settlement contain every
// word of query, newest first.
func (s *Store) Cases(ctx context.Context, query string, limit int) ([]Case, error) {
	var where []string
	var args []any
	for _, t := range searchTerms(query) {
		where = append(where, "instr(search_text, ?) > 0")
		args = append(args, t)
	}
	q := "SELECT " + caseColumns + " FROM cases"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id DESC LIMIT ?"
	rows, err := s.db.QueryContext(ctx, q, append(args, limit)...)
	if err != nil {
		return nil, classify("list cases", s.path, err)
	}
	list, err := scanAll(rows, func(r scanner, c *Case) error { return scanCase(r, c) })
	if err != nil {
		return nil, classify("list cases", s.path, err)
	}
	return list, nil
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
	if c.OpenedOn == "" {
		c.OpenedOn = s.now().Format(time.DateOnly)
	}
	if err := c.Validate(s.now()); err != nil {
		return classify("save case", "", err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := saveCaseQuiet(ctx, tx, s.stamp(), s.now(), c); err != nil {
			return err
		}
		// The audit names the case by number only: its subject is personal data.
		return audit(ctx, tx, s.stamp(), "case", strconv.FormatInt(c.ID, 10), "save", c.Number)
	})
	if err != nil {
		return classify("save case", s.path, err)
	}
	return nil
}

// saveCaseQuiet writes a case inside a transaction, without the audit row.
func saveCaseQuiet(ctx context.Context, tx dbtx, now string, clock time.Time, c *Case) error {
	search := Fold(c.Number + " " + c.Subject + " " + c.Settlement)
	if c.ID == 0 {
		set, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		number, err := nextNumber(ctx, tx, "cases", set.CasePrefix+clock.Format("2006")+"-")
		if err != nil {
			return err
		}
		c.Number = number
		search = Fold(c.Number + " " + c.Subject + " " + c.Settlement)
		res, err := tx.ExecContext(ctx, `INSERT INTO cases(number, subject, birth_year, settlement, consent_given_on, consent_by,
			specialist, opened_on, closed_on, notes, search_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.Number, c.Subject, nullInt(c.BirthYear), c.Settlement, c.ConsentGivenOn, c.ConsentBy, c.Specialist, c.OpenedOn,
			c.ClosedOn, c.Notes, search, now, now)
		if err != nil {
			return err
		}
		c.ID, _ = res.LastInsertId()
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE cases SET subject = ?, birth_year = ?, settlement = ?, consent_given_on = ?,
			consent_by = ?, specialist = ?, opened_on = ?, closed_on = ?, notes = ?, search_text = ?, updated_at = ? WHERE id = ?`,
			c.Subject, nullInt(c.BirthYear), c.Settlement, c.ConsentGivenOn, c.ConsentBy, c.Specialist, c.OpenedOn, c.ClosedOn,
			c.Notes, search, now, c.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &Error{Code: ENotFound}
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM case_factors WHERE case_id = ?`, c.ID); err != nil {
		return err
	}
	for _, f := range c.FactorIDs {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO case_factors(case_id, factor_id) VALUES (?, ?)`, c.ID, f); err != nil {
			return err
		}
	}
	return nil
}

// nextNumber is prefix plus the next counter of the table's numbers with
// that prefix: "2026-000042". The counter restarts with every prefix (year).
// The range condition lets SQLite read the last number from the index.
func nextNumber(ctx context.Context, tx dbtx, table, prefix string) (string, error) {
	var last sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT max(number) FROM `+table+` WHERE number >= ? AND number < ?`,
		prefix+"0", prefix+":").Scan(&last)
	if err != nil {
		return "", err
	}
	n := 0
	if last.Valid {
		n, _ = strconv.Atoi(strings.TrimPrefix(last.String, prefix))
	}
	return fmt.Sprintf("%s%06d", prefix, n+1), nil
}
