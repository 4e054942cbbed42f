package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// txCache keeps what one write transaction reads over and over, so that a
// bulk write of thousands of records reads each of these once. The
// transaction holds the write lock: nothing else changes them meanwhile.
type txCache struct {
	protocols     map[int]*Protocol
	calendar      *Calendar
	sectors       map[string]Sector
	settings      *Settings
	numbers       map[string]int // last number, by table and prefix
	cases         map[int64]string
	organizations map[string]string
}

// loadSettings reads the settings once.
func (c *txCache) loadSettings(ctx context.Context, tx dbtx) (Settings, error) {
	if c.settings == nil {
		set, err := loadSettings(ctx, tx)
		if err != nil {
			return set, err
		}
		c.settings = &set
	}
	return *c.settings, nil
}

// number is prefix plus the next counter of the table's numbers with that
// prefix, "2026-000042"; the counter restarts with every prefix (year). The
// last number is read once, and counted on from there.
func (c *txCache) number(ctx context.Context, tx dbtx, table, prefix string) (string, error) {
	key := table + "\x00" + prefix
	last, ok := c.numbers[key]
	if !ok {
		var err error
		if last, err = lastNumber(ctx, tx, table, prefix); err != nil {
			return "", err
		}
	}
	if c.numbers == nil {
		c.numbers = map[string]int{}
	}
	c.numbers[key] = last + 1
	return fmt.Sprintf("%s%06d", prefix, last+1), nil
}

// caseText is what a referral's search text takes from its case.
func (c *txCache) caseText(ctx context.Context, tx dbtx, id int64) (string, bool, error) {
	if text, ok := c.cases[id]; ok {
		return text, true, nil
	}
	var number, subject string
	err := tx.QueryRowContext(ctx, `SELECT number, subject FROM cases WHERE id = ?`, id).Scan(&number, &subject)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("case %d: %w", id, err)
	}
	return c.rememberCase(id, number, subject), true, nil
}

func (c *txCache) rememberCase(id int64, number, subject string) string {
	if c.cases == nil {
		c.cases = map[int64]string{}
	}
	c.cases[id] = number + " " + subject
	return c.cases[id]
}

// organizationText reads an organization's part of a referral's search
// text once.
func (c *txCache) organizationText(ctx context.Context, tx dbtx, id string) (string, bool, error) {
	if text, ok := c.organizations[id]; ok {
		return text, true, nil
	}
	var name, short string
	err := tx.QueryRowContext(ctx, `SELECT name, short_name FROM organizations WHERE id = ?`, id).Scan(&name, &short)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("organization %s: %w", id, err)
	}
	if c.organizations == nil {
		c.organizations = map[string]string{}
	}
	c.organizations[id] = organizationText(name, short)
	return c.organizations[id], true, nil
}

// organizationText is what a referral's search text takes from an
// organization: both its names.
func organizationText(name, short string) string { return name + " " + short }

// protocol is a version, read once; nil when it does not exist (any more).
func (c *txCache) protocol(ctx context.Context, tx dbtx, version int) (*Protocol, error) {
	if p, ok := c.protocols[version]; ok {
		return p, nil
	}
	var p *Protocol
	loaded, err := loadProtocol(ctx, tx, version)
	switch {
	case err == nil:
		p = &loaded
	case ErrorCode(err) != ENotFound:
		return nil, fmt.Errorf("deadline from protocol %d: %w", version, err)
	}
	if c.protocols == nil {
		c.protocols = map[int]*Protocol{}
	}
	c.protocols[version] = p
	return p, nil
}

// loadCalendar is the working-day calendar of the country in the settings.
func (c *txCache) loadCalendar(ctx context.Context, tx dbtx) (*Calendar, error) {
	if c.calendar == nil {
		set, err := loadSettings(ctx, tx)
		if err != nil {
			return nil, err
		}
		cal, err := loadCalendar(ctx, tx, set.Country)
		if err != nil {
			return nil, err
		}
		c.calendar = &cal
	}
	return c.calendar, nil
}

// sector is the sector of an organization ("" for one that is gone).
func (c *txCache) sector(ctx context.Context, tx dbtx, org string) (Sector, error) {
	if s, ok := c.sectors[org]; ok {
		return s, nil
	}
	var s Sector
	err := tx.QueryRowContext(ctx, `SELECT sector FROM organizations WHERE id = ?`, org).Scan(&s)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("sector of %s: %w", org, err)
	}
	if c.sectors == nil {
		c.sectors = map[string]Sector{}
	}
	c.sectors[org] = s
	return s, nil
}
