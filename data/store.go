// Package data holds Spilno's domain types, their validation and the SQLite
// store. It never imports Fyne, so it builds and tests without a C compiler.
package data

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

//go:embed migrations/*.sql
var embeddedMigrations embed.FS

// Options tune Open; the zero value is what headless commands use.
type Options struct {
	// DailyBackup writes a backup on open when none was written today.
	DailyBackup bool
	// Now is the clock; nil means time.Now. Tests inject one.
	Now func() time.Time
}

// Store is one open Spilno database file, held by this process alone.
type Store struct {
	path string
	db   *sql.DB
	lock *fileLock
	now  func() time.Time
	migs []migration
}

type migration struct {
	version int
	name    string
	sql     string
}

const sqliteHeader = "SQLite format 3\x00"

// Open opens (or creates) the database at path, takes the file lock that
// keeps a second Spilno out, checks the file, and brings its schema up to
// date, writing a backup first when an existing database is migrated.
func Open(path string, opt Options) (*Store, error) {
	return open(path, opt, embeddedMigrations)
}

func open(path string, opt Options, migFS fs.FS) (_ *Store, err error) {
	const op = "open database"
	path, err = filepath.Abs(path)
	if err != nil {
		return nil, &Error{Code: EInternal, Op: op, Path: path, Err: err}
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real // its backups live beside the file itself
	}
	migs, err := loadMigrations(migFS)
	if err != nil {
		return nil, &Error{Code: EInternal, Op: op, Err: err}
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || !fi.IsDir() {
		return nil, &Error{Code: ENoFolder, Op: op, Path: filepath.Dir(path), Err: err}
	}
	if err := checkHeader(path); err != nil {
		return nil, &Error{Code: ENotDB, Op: op, Path: path, Err: err}
	}
	lock, created, err := lockDatabase(path)
	if err != nil {
		return nil, err
	}
	adoptOldBackupFolder(path)
	s := &Store{path: path, lock: lock, now: opt.Now, migs: migs}
	if s.now == nil {
		s.now = time.Now
	}
	defer func() {
		if err != nil {
			s.Close()
			if created {
				removeWithJournals(path) // a new database that never opened
			}
		}
	}()
	if err := refuseNewer(path, migs[len(migs)-1].version); err != nil {
		return nil, err
	}
	if err := s.connect(); err != nil {
		return nil, offerBackup(path, err)
	}
	if err := s.prepare(opt); err != nil {
		return nil, offerBackup(path, err)
	}
	return s, nil
}

// refuseNewer reads the schema version of an existing database read-only
// and refuses one from a newer Spilno before the connection that writes
// (and turns a rollback journal into a WAL) ever touches it. What it
// cannot read is left for the real open to explain.
func refuseNewer(path string, latest int) error {
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		return nil
	}
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil
	}
	defer db.Close()
	if v, err := schemaVersion(context.Background(), db); err == nil {
		return refuseVersion(path, v, latest)
	}
	return nil
}

// refuseVersion refuses a schema newer than this Spilno knows.
func refuseVersion(path string, version, latest int) error {
	if version > latest {
		return &Error{Code: ENewer, Op: "open database", Path: path,
			Err: fmt.Errorf("schema %d, this Spilno knows %d", version, latest)}
	}
	return nil
}

// offerBackup names the newest good backup in the error about a damaged
// database (the header was checked, so "not a database" means damage too).
func offerBackup(path string, err error) error {
	e := AsError(err)
	if e.Code == ECorrupt || e.Code == ENotDB {
		e.Code = ECorrupt
		e.Path = path
		e.Backup = NewestGoodBackup(path)
	}
	return e
}

// checkHeader refuses a file that exists, is not empty and is not SQLite,
// before SQLite gets to touch (and possibly write) it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return nil // let the real open report permission problems
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF) {
		return nil
	}
	if err != nil || !bytes.Equal(head, []byte(sqliteHeader)) {
		return errors.New("no SQLite header")
	}
	return nil
}

func dsn(path string, readOnly bool) string {
	// secure_delete: text that is deleted or cleared (anonymisation) is
	// overwritten in the file, not merely marked free.
	q := "_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=secure_delete(1)"
	if readOnly {
		return "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&" + q
	}
	q += "&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate"
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q
}

func (s *Store) connect() error {
	db, err := sql.Open("sqlite", dsn(s.path, false))
	if err != nil {
		return classify("open database", s.path, err)
	}
	s.db = db
	if err := db.Ping(); err != nil {
		return classify("open database", s.path, err)
	}
	return nil
}

// prepare runs the checks and migrations that make an opened file usable.
func (s *Store) prepare(opt Options) error {
	ctx := context.Background()
	version, err := schemaVersion(ctx, s.db)
	if err != nil {
		return classify("read schema version", s.path, err)
	}
	latest := s.migs[len(s.migs)-1].version
	if err := refuseVersion(s.path, version, latest); err != nil {
		return err
	}
	if version > 0 && version < latest {
		// A damaged file is not migrated: the backup would keep the damage.
		if err := quickCheck(ctx, s.db); err != nil {
			return classify("check database", s.path, err)
		}
		if _, err := s.backup(ctx, "migration"); err != nil {
			return err
		}
	}
	if err := s.migrate(ctx, version); err != nil {
		return err
	}
	if opt.DailyBackup {
		if err := s.dailyBackup(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Check finds whether the database is damaged, naming the newest good
// backup when it is. It reads every page, most of a second at 100 000
// referrals, so the window runs it beside the user's work after start-up
// instead of before the first screen.
func (s *Store) Check(ctx context.Context) error {
	if err := quickCheck(ctx, s.db); err != nil {
		return offerBackup(s.path, classify("check database", s.path, err))
	}
	return nil
}

// quickCheck runs SQLite's quick check over every table and its indexes.
// The full-text indexes are checked as the tables they are stored in, not
// entry by entry against the text: FTS5's own check of them takes seconds
// at 100 000 referrals and finds nothing a damaged page would not show.
func quickCheck(ctx context.Context, db *sql.DB) error {
	tables, err := queryAll(ctx, db, func(r scanner, name *string) error { return r.Scan(name) },
		`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'`)
	if err != nil {
		return err
	}
	var problems []string
	for _, table := range tables {
		lines, err := queryAll(ctx, db, func(r scanner, line *string) error { return r.Scan(line) },
			`PRAGMA quick_check("`+strings.ReplaceAll(table, `"`, `""`)+`")`)
		if err != nil {
			return err
		}
		for _, line := range lines {
			if line != "ok" {
				problems = append(problems, line)
			}
		}
	}
	if len(problems) > 0 {
		return &Error{Code: ECorrupt, Err: errors.New(strings.Join(problems, "; "))}
	}
	return nil
}

func schemaVersion(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_migrations'`).Scan(&n)
	if err != nil || n == 0 {
		return 0, err
	}
	var v sql.NullInt64
	err = db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v)
	return int(v.Int64), err
}

func loadMigrations(fsys fs.FS) ([]migration, error) {
	files, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var migs []migration
	for _, f := range files {
		base := filepath.Base(f)
		num, name, ok := strings.Cut(strings.TrimSuffix(base, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %s: want NNN_name.sql", base)
		}
		body, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		migs = append(migs, migration{version: v, name: name, sql: string(body)})
	}
	sort.Slice(migs, func(i, j int) bool { return migs[i].version < migs[j].version })
	if len(migs) == 0 {
		return nil, errors.New("no migrations")
	}
	return migs, nil
}

// migrate applies every migration newer than version, each in its own
// transaction together with its row in schema_migrations.
func (s *Store) migrate(ctx context.Context, version int) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`); err != nil {
		return classify("migrate", s.path, err)
	}
	for _, m := range s.migs {
		if m.version <= version {
			continue
		}
		err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %03d_%s: %w", m.version, m.name, err)
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, utc(now))
			return err
		})
		if err != nil {
			return classify("migrate", s.path, err)
		}
	}
	return nil
}

// Discard removes a database this process made and could not finish (a
// demo cut short by a full disk), with its WAL files. It must be closed.
func Discard(path string) { removeWithJournals(path) }

// Path is the database file this store has open.
func (s *Store) Path() string { return s.path }

// Close closes the database and releases the file lock.
func (s *Store) Close() error {
	var err error
	if s.db != nil {
		// The handle stays: work still running on another goroutine gets
		// "database is closed" from it, not a crash.
		err = s.db.Close()
	}
	s.lock.unlock()
	return err
}

// inTx runs fn in one transaction: committed when fn returns nil, rolled
// back otherwise. The clock is read once, as the transaction begins, so
// that everything it stamps (rows, events, audit) carries the same time.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx, now time.Time) error) error {
	return s.inTxOn(ctx, s.db, fn)
}

// inTxOn is inTx on a connection of the caller's choice.
func (s *Store) inTxOn(ctx context.Context, db interface {
	BeginTx(context.Context, *sql.TxOptions) (*sql.Tx, error)
}, fn func(tx *sql.Tx, now time.Time) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx, s.now()); err != nil {
		return err
	}
	return tx.Commit()
}

// inBulkTx is inTx for a bulk write that deletes nothing of the user's:
// only the search index's merged segments, whose text lives on in the rows.
// It runs without secure_delete, whose zeroing of those segments costs a
// quarter of the time of writing 100 000 referrals. The connection is
// dropped rather than returned to the pool if it cannot be set back.
func (s *Store) inBulkTx(ctx context.Context, fn func(tx *sql.Tx, now time.Time) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA secure_delete = 0"); err != nil {
		return err
	}
	defer func() {
		if _, err := conn.ExecContext(context.Background(), "PRAGMA secure_delete = 1"); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	return s.inTxOn(ctx, conn, fn)
}

// utc is a time as stored: UTC RFC 3339.
func utc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// classify turns driver and OS errors into an *Error with a Code the user
// can be told about; an *Error passes through with its Op kept.
func classify(op, path string, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		if e.Op == "" {
			e.Op = op
		}
		return e
	}
	code := EInternal
	var se interface{ Code() int } // *sqlite.Error
	switch {
	case errors.As(err, &se):
		switch se.Code() & 0xff {
		case 8: // SQLITE_READONLY
			code = EReadOnly
		case 13: // SQLITE_FULL
			code = EDiskFull
		case 11: // SQLITE_CORRUPT
			code = ECorrupt
		case 26: // SQLITE_NOTADB
			code = ENotDB
		case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED: the file lock keeps other Spilnos out
			code = EBusy
		case 14: // SQLITE_CANTOPEN
			code = EReadOnly
		case 10: // SQLITE_IOERR: most often the disk
			// SQLITE_IOERR_SHMSIZE: no room for the WAL index as the database opens
			if errors.Is(err, syscall.ENOSPC) || se.Code() == 4874 {
				code = EDiskFull
			}
		}
	case errors.Is(err, syscall.ENOSPC):
		code = EDiskFull
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		code = EReadOnly
	case errors.Is(err, fs.ErrNotExist):
		code = ENoFolder
	}
	return &Error{Code: code, Op: op, Path: path, Err: err}
}
