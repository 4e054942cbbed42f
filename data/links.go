package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// replaceLinks makes the rows of a link table (case_factors,
// service_target_groups) that belong to owner exactly the given items.
func replaceLinks(ctx context.Context, tx dbtx, table, ownerColumn string, owner any, itemColumn string, items []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE `+ownerColumn+` = ?`, owner); err != nil {
		return fmt.Errorf("replace %s: %w", table, err)
	}
	return insertLinks(ctx, tx, table, ownerColumn, owner, itemColumn, items)
}

// insertLinks links a new owner to items.
func insertLinks(ctx context.Context, tx dbtx, table, ownerColumn string, owner any, itemColumn string, items []int64) error {
	insert := `INSERT OR IGNORE INTO ` + table + `(` + ownerColumn + `, ` + itemColumn + `) VALUES (?, ?)`
	for _, item := range items {
		if _, err := tx.ExecContext(ctx, insert, owner, item); err != nil {
			return fmt.Errorf("link %s: %w", table, err)
		}
	}
	return nil
}

// deleteUnreferenced deletes the row id of table (which has id and name
// columns) with an audit row, unless other records still refer to it: then
// it refuses with EInUse and how many they are.
func deleteUnreferenced(ctx context.Context, tx *sql.Tx, now time.Time, table, entity, id string) error {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT name FROM `+table+` WHERE id = ?`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return &Error{Code: ENotFound}
	}
	if err != nil {
		return err
	}
	n, err := countReferences(ctx, tx, table, id)
	if err != nil {
		return err
	}
	if n > 0 {
		return &Error{Code: EInUse, Count: n}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, id); err != nil {
		var se interface{ Code() int }
		// The foreign keys refuse too; should a reference slip past the
		// count (it cannot within this transaction), say "in use" all the same.
		if errors.As(err, &se) && se.Code() == 787 { // SQLITE_CONSTRAINT_FOREIGNKEY
			return &Error{Code: EInUse, Err: err}
		}
		return err
	}
	return audit(ctx, tx, now, entity, id, "delete", name)
}

// countReferences counts the rows of every table whose foreign key points
// at the row id of table, except those that go with it (ON DELETE CASCADE,
// such as contacts). Asking SQLite for the foreign keys means that tables
// added by later migrations are counted without changing this code.
func countReferences(ctx context.Context, tx *sql.Tx, table, id string) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.name, fk."from" FROM sqlite_master m,
		pragma_foreign_key_list(m.name) fk
		WHERE m.type = 'table' AND fk."table" = ? AND upper(fk.on_delete) <> 'CASCADE'`, table)
	if err != nil {
		return 0, err
	}
	type ref struct{ table, column string }
	refs, err := scanAll(rows, func(r scanner, f *ref) error { return r.Scan(&f.table, &f.column) })
	if err != nil {
		return 0, err
	}
	total := 0
	for _, r := range refs {
		var n int
		q := fmt.Sprintf(`SELECT count(*) FROM %q WHERE %q = ?`, r.table, r.column)
		if err := tx.QueryRowContext(ctx, q, id).Scan(&n); err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}
