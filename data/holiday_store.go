package data

import (
	"context"
	"database/sql"
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

// ensureHolidays loads the shipped holidays of a country the first time
// they are needed. Outside a transaction two readers may both find none
// (the referral form works out a deadline while another screen does): the
// second one's rows are then ignored, not an error.
func ensureHolidays(ctx context.Context, tx dbtx, country Country) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM holidays WHERE country = ?) +
		(SELECT count(*) FROM settings WHERE key = 'holidays_loaded_' || ?)`, country, country).Scan(&n); err != nil || n > 0 {
		return err
	}
	raw, err := assets.Classifier("holidays.csv")
	if err != nil {
		return err
	}
	rows, err := readCSV(raw)
	if err != nil {
		return fmt.Errorf("shipped holidays: %w", err)
	}
	for _, r := range rows[1:] {
		if Country(r[0]) == country {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO holidays(country, date, name) VALUES (?, ?, ?)`, r[0], r[1], r[2]); err != nil {
				return err
			}
		}
	}
	// Remember the load, so that a user who deletes every holiday does not get them back.
	_, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO settings(key, value) VALUES ('holidays_loaded_' || ?, '1')`, country)
	return err
}

// Holidays lists the public holidays of a country profile, by date.
func (s *Store) Holidays(ctx context.Context, country Country) ([]Holiday, error) {
	var list []Holiday
	err := s.inTx(ctx, func(tx *sql.Tx, _ time.Time) error {
		var err error
		list, err = holidays(ctx, tx, country)
		return err
	})
	if err != nil {
		return nil, classify("list holidays", s.path, err)
	}
	return list, nil
}

func holidays(ctx context.Context, tx dbtx, country Country) ([]Holiday, error) {
	if err := ensureHolidays(ctx, tx, country); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT date, name FROM holidays WHERE country = ? ORDER BY date`, country)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, func(r scanner, h *Holiday) error { return r.Scan(&h.Date, &h.Name) })
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
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if err := ensureHolidays(ctx, tx, country); err != nil {
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
		return audit(ctx, tx, now, "holidays", string(country), "update", auditNote("holidays", strconv.Itoa(len(list))))
	})
	if err != nil {
		return classify("save holidays", s.path, err)
	}
	return nil
}

// loadCalendar is the working-day calendar of a country profile.
func loadCalendar(ctx context.Context, tx dbtx, country Country) (Calendar, error) {
	list, err := holidays(ctx, tx, country)
	if err != nil {
		return Calendar{}, fmt.Errorf("calendar of %s: %w", country, err)
	}
	dates := make([]string, len(list))
	for i, h := range list {
		dates[i] = h.Date
	}
	return NewCalendar(dates), nil
}
