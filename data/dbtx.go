package data

import (
	"context"
	"database/sql"
	"errors"
)

// dbtx is what the helpers inside a transaction use: a *sql.Tx, or a
// stmtCache over one.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// stmtCache prepares each statement once per transaction: a bulk import
// runs the same few statements hundreds of thousands of times, and SQLite
// otherwise parses each one again every time.
type stmtCache struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func newStmtCache(tx *sql.Tx) *stmtCache { return &stmtCache{tx: tx, stmts: map[string]*sql.Stmt{}} }

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext cannot report a prepare error by itself, so it falls
// back to the transaction, which reports it through Scan.
func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// close releases the prepared statements.
func (c *stmtCache) close() {
	for _, st := range c.stmts {
		st.Close()
	}
}

// scanner is a row to scan: *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

// scanAll reads every row with scan and closes rows.
func scanAll[T any](rows *sql.Rows, scan func(scanner, *T) error) ([]T, error) {
	defer rows.Close()
	var list []T
	for rows.Next() {
		var v T
		if err := scan(rows, &v); err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	return list, rows.Err()
}

// queryAll runs a query and scans every row it gives.
func queryAll[T any](ctx context.Context, q querier, scan func(scanner, *T) error, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, scan)
}

// eachRow runs a query and hands its rows to use one at a time, each in
// the same value, which use must not keep: no row outlives its turn.
func eachRow[T any](ctx context.Context, q querier, scan func(scanner, *T) error, use func(*T) error, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var v, zero T
	for rows.Next() {
		v = zero
		if err := scan(rows, &v); err != nil {
			return err
		}
		if err := use(&v); err != nil {
			return err
		}
	}
	return rows.Err()
}

// readAhead runs read, which hands rows on one at a time, on a goroutine
// of its own, up to a buffer of rows ahead of use: reading the database and
// writing a document then take a core each instead of turns. It returns
// use's first error, after which read is stopped, or read's.
func readAhead[T any](ctx context.Context, read func(hand func(*T) error) error, use func(*T) error) (useErr, readErr error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rows := make(chan T, 256)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(rows)
		readErr = read(func(v *T) error {
			select {
			case rows <- *v:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	for v := range rows {
		if useErr = use(&v); useErr != nil {
			cancel()
			for range rows { // let read see the cancel and end
			}
			break
		}
	}
	<-done
	if useErr != nil {
		return useErr, nil
	}
	return nil, readErr
}

// refuseTaken refuses with EInvalid (the field's rule "taken") when the
// query finds another row with the same value.
func refuseTaken(ctx context.Context, tx dbtx, field, query string, args ...any) error {
	var other any
	err := tx.QueryRowContext(ctx, query, args...).Scan(&other)
	if err == nil {
		return &Error{Code: EInvalid, Fields: []FieldError{{Field: field, Rule: "taken"}}}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}
