package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"strings"
	"time"

	"spilno/assets"
)

// ensureClassifiers loads the shipped service types and target groups of a
// country the first time they are asked for, inside the caller's transaction.
func ensureClassifiers(ctx context.Context, tx dbtx, country Country) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM service_types WHERE country = ?`, country).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		raw, err := assets.Classifier("service_types_" + string(country) + ".csv")
		if err != nil {
			return fmt.Errorf("shipped classifier for %s: %w", country, err)
		}
		rows, err := readCSV(raw)
		if err != nil {
			return fmt.Errorf("shipped classifier for %s: %w", country, err)
		}
		for _, r := range rows[1:] {
			if _, err := tx.ExecContext(ctx, `INSERT INTO service_types(country, code, name, parent_code, description)
				VALUES (?, ?, ?, ?, ?)`, country, r[0], r[1], r[2], r[3]); err != nil {
				return err
			}
		}
	}
	return loadShippedNames(ctx, tx, targetGroups, country)
}

func readCSV(raw []byte) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	return r.ReadAll()
}

// ServiceTypes returns the classifier of the country, retired entries
// included (they are marked), as a tree: each entry under its parent,
// entries of one parent by code.
func (s *Store) ServiceTypes(ctx context.Context, country Country) ([]ServiceType, error) {
	var list []ServiceType
	err := s.inTx(ctx, func(tx *sql.Tx, _ time.Time) error {
		if err := ensureClassifiers(ctx, tx, country); err != nil {
			return err
		}
		var err error
		list, err = queryAll(ctx, tx, func(r scanner, t *ServiceType) error {
			return r.Scan(&t.ID, &t.Country, &t.Code, &t.Name, &t.ParentCode, &t.Description, &t.Retired)
		}, `SELECT id, country, code, name, parent_code, description, retired FROM service_types WHERE country = ? ORDER BY code`, country)
		return err
	})
	if err != nil {
		return nil, classify("list service types", s.path, err)
	}
	return TypeTree(list), nil
}

// SaveServiceType adds (ID 0) or changes a classifier entry: a rename,
// a new description, retiring it or bringing it back.
func (s *Store) SaveServiceType(ctx context.Context, t *ServiceType) error {
	t.Code, t.Name = strings.TrimSpace(t.Code), strings.TrimSpace(t.Name)
	t.ParentCode, t.Description = strings.TrimSpace(t.ParentCode), strings.TrimSpace(t.Description)
	if err := t.Validate(); err != nil {
		return classify("save service type", "", err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if err := ensureClassifiers(ctx, tx, t.Country); err != nil {
			return err
		}
		return saveServiceType(ctx, tx, now, t)
	})
	if err != nil {
		return classify("save service type", s.path, err)
	}
	return nil
}

func saveServiceType(ctx context.Context, tx *sql.Tx, now time.Time, t *ServiceType) error {
	if err := refuseTaken(ctx, tx, "code", `SELECT id FROM service_types WHERE country = ? AND code = ? AND id <> ?`,
		t.Country, t.Code, t.ID); err != nil {
		return err
	}
	action := "update"
	if t.ID == 0 {
		action = "create"
		res, err := tx.ExecContext(ctx, `INSERT INTO service_types(country, code, name, parent_code, description, retired)
			VALUES (?, ?, ?, ?, ?, ?)`, t.Country, t.Code, t.Name, t.ParentCode, t.Description, t.Retired)
		if err != nil {
			return err
		}
		t.ID, _ = res.LastInsertId()
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE service_types SET code = ?, name = ?, parent_code = ?, description = ?,
			retired = ? WHERE id = ?`, t.Code, t.Name, t.ParentCode, t.Description, t.Retired, t.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &Error{Code: ENotFound}
		}
		if err := refreshServiceSearch(ctx, tx, "s.service_type_id = ?", t.ID); err != nil {
			return err
		}
	}
	return audit(ctx, tx, now, "service_type", fmt.Sprint(t.ID), action, t.Code+" "+t.Name)
}

// ClassifierRow is one row of an imported classifier.
type ClassifierRow struct {
	Line                                int
	Code, Name, ParentCode, Description string
}

// RejectedRow is a row an import refused, with the reasons.
type RejectedRow struct {
	Line     int
	Problems []FieldError
}

// ClassifierRows reads a classifier table with the columns code, name,
// parent code, description (found by header name in any of the four
// languages, or in that order).
func ClassifierRows(t Table) []ClassifierRow {
	col := map[string]int{"code": 0, "name": 1, "parent_code": 2, "description": 3}
	for i, h := range t.Header {
		switch Fold(strings.TrimSpace(h)) {
		case "code", "kod", "код":
			col["code"] = i
		case "name", "nazev", "nazwa", "назва":
			col["name"] = i
		case "parent code", "parent", "nadrazeny kod", "kod nadrzedny", "батьківський код", "код батьківського":
			col["parent_code"] = i
		case "description", "popis", "opis", "опис", "короткий опис":
			col["description"] = i
		}
	}
	cell := func(r []string, i int) string {
		if i < len(r) {
			return strings.TrimSpace(r[i])
		}
		return ""
	}
	var out []ClassifierRow
	for i, r := range t.Rows {
		out = append(out, ClassifierRow{Line: i + 2, Code: cell(r, col["code"]), Name: cell(r, col["name"]),
			ParentCode: cell(r, col["parent_code"]), Description: cell(r, col["description"])})
	}
	return out
}

// ImportServiceTypes adds or updates (by code) the country's classifier
// from rows, all or nothing: when any row is rejected, nothing changes and
// the rejected rows come back with an EInvalid error.
func (s *Store) ImportServiceTypes(ctx context.Context, country Country, rows []ClassifierRow) ([]RejectedRow, error) {
	var rejected []RejectedRow
	seen := map[string]int{}
	codes := map[string]bool{}
	for _, r := range rows {
		codes[r.Code] = true
	}
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if err := ensureClassifiers(ctx, tx, country); err != nil {
			return err
		}
		existing := map[string]int64{}
		q, err := tx.QueryContext(ctx, `SELECT code, id FROM service_types WHERE country = ?`, country)
		if err != nil {
			return err
		}
		for q.Next() {
			var code string
			var id int64
			if err := q.Scan(&code, &id); err != nil {
				q.Close()
				return err
			}
			existing[code] = id
		}
		q.Close()
		for _, r := range rows {
			t := ServiceType{ID: existing[r.Code], Country: country, Code: r.Code, Name: r.Name, ParentCode: r.ParentCode, Description: r.Description}
			var p Problems
			if err := t.Validate(); err != nil {
				p = AsError(err).Fields
			}
			if first, dup := seen[r.Code]; dup && r.Code != "" {
				p.Add("code", "duplicate_row", fmt.Sprint(first))
			}
			seen[r.Code] = r.Line
			if r.ParentCode != "" && !codes[r.ParentCode] && existing[r.ParentCode] == 0 {
				p.Add("parent_code", "unknown_code", r.ParentCode)
			}
			if len(p) > 0 {
				rejected = append(rejected, RejectedRow{Line: r.Line, Problems: p})
				continue
			}
			if err := saveServiceType(ctx, tx, now, &t); err != nil {
				return err
			}
			existing[t.Code] = t.ID
		}
		if len(rejected) > 0 {
			return &Error{Code: EInvalid, Count: len(rejected)}
		}
		return nil
	})
	if err != nil {
		return rejected, classify("import service types", s.path, err)
	}
	return nil, nil
}
