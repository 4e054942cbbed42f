package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"spilno/assets"
)

// NamedEntry is one entry of an editable list of names of a country
// profile. An entry in use is retired rather than deleted: it stays on the
// records that have it and is offered to no new one.
type NamedEntry struct {
	ID      int64
	Country Country
	Name    string
	Retired bool
}

// TargetGroup is one entry of the list of who services are for.
type TargetGroup struct{ NamedEntry }

// VulnerabilityFactor is one entry of the list of circumstances that make
// a family or child vulnerable, ticked on a case.
type VulnerabilityFactor struct{ NamedEntry }

// namedList is where one list of names is kept and what it starts from.
type namedList struct {
	table   string // id, country, name, retired
	entity  string // in the audit log
	shipped string // the CSV in assets/classifiers with a column per country
}

var (
	targetGroups         = namedList{"target_groups", "target_group", "target_groups.csv"}
	vulnerabilityFactors = namedList{"vulnerability_factors", "vulnerability_factor", "vulnerability_factors.csv"}
)

// TargetGroups returns the country's list of target groups.
func (s *Store) TargetGroups(ctx context.Context, country Country) ([]TargetGroup, error) {
	entries, err := s.namedEntries(ctx, targetGroups, country)
	return wrapEntries(entries, func(e NamedEntry) TargetGroup { return TargetGroup{e} }), err
}

// VulnerabilityFactors returns the country's list of vulnerability factors.
func (s *Store) VulnerabilityFactors(ctx context.Context, country Country) ([]VulnerabilityFactor, error) {
	entries, err := s.namedEntries(ctx, vulnerabilityFactors, country)
	return wrapEntries(entries, func(e NamedEntry) VulnerabilityFactor { return VulnerabilityFactor{e} }), err
}

func wrapEntries[T any](entries []NamedEntry, wrap func(NamedEntry) T) []T {
	out := make([]T, len(entries))
	for i, e := range entries {
		out[i] = wrap(e)
	}
	return out
}

// SaveTargetGroup adds (ID 0), renames, retires or brings back a target
// group; the services of a renamed group are found by its new name.
func (s *Store) SaveTargetGroup(ctx context.Context, g *TargetGroup) error {
	return s.saveNamedEntry(ctx, targetGroups, &g.NamedEntry, func(tx *sql.Tx) error {
		return refreshServiceSearch(ctx, tx, "s.id IN (SELECT service_id FROM service_target_groups WHERE target_group_id = ?)", g.ID)
	})
}

// SaveVulnerabilityFactor adds, renames, retires or brings back a factor.
func (s *Store) SaveVulnerabilityFactor(ctx context.Context, f *VulnerabilityFactor) error {
	return s.saveNamedEntry(ctx, vulnerabilityFactors, &f.NamedEntry, nil)
}

// namedEntries reads a list of a country, loading the shipped one on first use.
func (s *Store) namedEntries(ctx context.Context, l namedList, country Country) ([]NamedEntry, error) {
	var list []NamedEntry
	err := s.inTx(ctx, func(tx *sql.Tx, _ time.Time) error {
		if err := loadShippedNames(ctx, tx, l, country); err != nil {
			return err
		}
		var err error
		list, err = queryAll(ctx, tx, func(r scanner, e *NamedEntry) error { return r.Scan(&e.ID, &e.Country, &e.Name, &e.Retired) },
			`SELECT id, country, name, retired FROM `+l.table+` WHERE country = ? ORDER BY id`, country)
		return err
	})
	if err != nil {
		return nil, classify("list "+strings.ReplaceAll(l.table, "_", " "), s.path, err)
	}
	return list, nil
}

// saveNamedEntry writes one entry, refusing a name the country's list has
// already; renamed runs after a rename, in the same transaction.
func (s *Store) saveNamedEntry(ctx context.Context, l namedList, e *NamedEntry, renamed func(*sql.Tx) error) error {
	op := "save " + strings.ReplaceAll(l.entity, "_", " ")
	e.Name = strings.TrimSpace(e.Name)
	if e.Name == "" {
		return &Error{Code: EInvalid, Op: op, Fields: []FieldError{{Field: "name", Rule: "required"}}}
	}
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if err := loadShippedNames(ctx, tx, l, e.Country); err != nil {
			return err
		}
		if err := refuseTaken(ctx, tx, "name", `SELECT id FROM `+l.table+` WHERE country = ? AND name = ? AND id <> ?`,
			e.Country, e.Name, e.ID); err != nil {
			return err
		}
		action := "update"
		if e.ID == 0 {
			action = "create"
			res, err := tx.ExecContext(ctx, `INSERT INTO `+l.table+`(country, name, retired) VALUES (?, ?, ?)`, e.Country, e.Name, e.Retired)
			if err != nil {
				return err
			}
			e.ID, _ = res.LastInsertId()
		} else {
			if _, err := tx.ExecContext(ctx, `UPDATE `+l.table+` SET name = ?, retired = ? WHERE id = ?`, e.Name, e.Retired, e.ID); err != nil {
				return err
			}
			if renamed != nil {
				if err := renamed(tx); err != nil {
					return err
				}
			}
		}
		return audit(ctx, tx, now, l.entity, fmt.Sprint(e.ID), action, e.Name)
	})
	if err != nil {
		return classify(op, s.path, err)
	}
	return nil
}

// loadShippedNames fills a list of a country from the column of that
// country in the shipped CSV, the first time the list is needed.
func loadShippedNames(ctx context.Context, tx dbtx, l namedList, country Country) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+l.table+` WHERE country = ?`, country).Scan(&n); err != nil || n > 0 {
		return err
	}
	raw, err := assets.Classifier(l.shipped)
	if err != nil {
		return err
	}
	rows, err := readCSV(raw)
	if err != nil {
		return fmt.Errorf("shipped %s: %w", l.shipped, err)
	}
	col := slices.Index(rows[0], string(country))
	if col < 0 {
		return fmt.Errorf("shipped %s has no column %s", l.shipped, country)
	}
	for _, r := range rows[1:] {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+l.table+`(country, name) VALUES (?, ?)`, country, r[col]); err != nil {
			return err
		}
	}
	return nil
}
