package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Backup is one backup file of the database.
type Backup struct {
	Path   string
	At     time.Time // when it was written (local time, from its name)
	Reason string    // daily, manual, migration, restore
	Size   int64
}

const backupStampLayout = "20060102-150405"

// DefaultBackupKeep is how many backups are kept when the settings say nothing.
const DefaultBackupKeep = 10

// BackupDir is the folder that holds the backups of the database at path:
// beside it, named after it, so that two databases never mix their backups.
func BackupDir(dbPath string) string {
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	return filepath.Join(filepath.Dir(dbPath), base+"-backups")
}

func (s *Store) backupDir() string { return BackupDir(s.path) }

// BackupNow writes a backup on the user's request and prunes old ones.
func (s *Store) BackupNow(ctx context.Context) (Backup, error) {
	return s.backup(ctx, "manual")
}

// backup writes a consistent copy with VACUUM INTO (never by copying the
// live file, which may be half-written), then keeps the newest N.
func (s *Store) backup(ctx context.Context, reason string) (Backup, error) {
	const op = "back up database"
	dir := s.backupDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Backup{}, classify(op, dir, err)
	}
	at := s.now()
	base := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	name := fmt.Sprintf("%s-%s-%s.db", base, at.Format(backupStampLayout), reason)
	path := filepath.Join(dir, name)
	// Two backups within one second (a migration right after a restore)
	// get distinct names rather than failing on an existing file.
	for i := 2; fileExists(path); i++ {
		path = filepath.Join(dir, fmt.Sprintf("%s-%s-%s-%d.db", base, at.Format(backupStampLayout), reason, i))
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		os.Remove(path)
		return Backup{}, classify(op, path, err)
	}
	keep, err := s.backupKeep(ctx)
	if err != nil {
		return Backup{}, classify(op, s.path, err)
	}
	if err := pruneBackups(s.path, keep); err != nil {
		return Backup{}, classify(op, dir, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return Backup{}, classify(op, path, err)
	}
	return Backup{Path: path, At: at, Reason: reason, Size: fi.Size()}, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// DailyBackup writes a backup when none was written today. The window runs
// it after start-up, so that a large database does not delay the window.
func (s *Store) DailyBackup(ctx context.Context) error { return s.dailyBackup(ctx) }

// dailyBackup writes a backup when none was written today.
func (s *Store) dailyBackup(ctx context.Context) error {
	list, err := ListBackups(s.path)
	if err != nil {
		return classify("daily backup", s.path, err)
	}
	today := s.now().Format("20060102")
	for _, b := range list {
		if b.At.Format("20060102") == today {
			return nil
		}
	}
	_, err = s.backup(ctx, "daily")
	return err
}

func (s *Store) backupKeep(ctx context.Context) (int, error) {
	set, err := loadSettings(ctx, s.db)
	if err != nil {
		return 0, err
	}
	return set.BackupKeep, nil
}

// ListBackups returns the backups of the database at dbPath, newest first.
// A missing backup folder is an empty list.
func ListBackups(dbPath string) ([]Backup, error) {
	dir := BackupDir(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	prefix := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath)) + "-"
	var list []Backup
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".db") {
			continue
		}
		rest := strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".db")
		if len(rest) < len(backupStampLayout)+2 {
			continue
		}
		at, err := time.ParseInLocation(backupStampLayout, rest[:len(backupStampLayout)], time.Local)
		if err != nil {
			continue
		}
		reason, _, _ := strings.Cut(rest[len(backupStampLayout)+1:], "-")
		info, err := e.Info()
		if err != nil {
			continue
		}
		list = append(list, Backup{Path: filepath.Join(dir, name), At: at, Reason: reason, Size: info.Size()})
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].At.Equal(list[j].At) {
			return list[i].At.After(list[j].At)
		}
		return list[i].Path > list[j].Path
	})
	return list, nil
}

func pruneBackups(dbPath string, keep int) error {
	if keep < 1 {
		keep = 1
	}
	list, err := ListBackups(dbPath)
	if err != nil {
		return err
	}
	for _, b := range list[min(keep, len(list)):] {
		if err := os.Remove(b.Path); err != nil {
			return fmt.Errorf("remove old backup: %w", err)
		}
	}
	return nil
}

// NewestGoodBackup returns the newest backup of dbPath that passes SQLite's
// quick_check, or "" when there is none.
func NewestGoodBackup(dbPath string) string {
	list, err := ListBackups(dbPath)
	if err != nil {
		return ""
	}
	for _, b := range list {
		if checkBackup(b.Path, 0) == nil {
			return b.Path
		}
	}
	return ""
}

// checkBackup opens a backup read-only and refuses it when it is not SQLite,
// fails quick_check, or (with latest > 0) comes from a newer Spilno.
func checkBackup(path string, latest int) error {
	const op = "check backup"
	if err := checkHeader(path); err != nil {
		return &Error{Code: EBadBackup, Op: op, Path: path, Err: err}
	}
	if !fileExists(path) {
		return &Error{Code: EBadBackup, Op: op, Path: path, Err: os.ErrNotExist}
	}
	db, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return &Error{Code: EBadBackup, Op: op, Path: path, Err: err}
	}
	defer db.Close()
	ctx := context.Background()
	if err := quickCheck(ctx, db); err != nil {
		return &Error{Code: EBadBackup, Op: op, Path: path, Err: err}
	}
	v, err := schemaVersion(ctx, db)
	if err != nil {
		return &Error{Code: EBadBackup, Op: op, Path: path, Err: err}
	}
	if latest > 0 && v > latest {
		return &Error{Code: ENewer, Op: op, Path: path}
	}
	return nil
}

// Restore replaces the database with a backup, after checking the backup and
// writing a backup of the current state, so that a restore can be undone.
// The store stays open (on the restored data) and keeps its lock.
func (s *Store) Restore(ctx context.Context, backupPath string) error {
	const op = "restore backup"
	latest := s.migs[len(s.migs)-1].version
	if err := checkBackup(backupPath, latest); err != nil {
		return err
	}
	if _, err := s.backup(ctx, "restore"); err != nil {
		return err
	}
	if err := s.db.Close(); err != nil {
		return classify(op, s.path, err)
	}
	if err := replaceFile(s.path, backupPath); err != nil {
		// The old file is still in place: reopen it rather than leave the
		// store without a database.
		if cerr := s.connect(); cerr != nil {
			return cerr
		}
		return classify(op, s.path, err)
	}
	if err := s.connect(); err != nil {
		return err
	}
	v, err := schemaVersion(ctx, s.db)
	if err != nil {
		return classify(op, s.path, err)
	}
	if err := s.migrate(ctx, v); err != nil {
		return err
	}
	if err := rebuildTextKeyedSearch(ctx, s.db); err != nil {
		return classify(op, s.path, err)
	}
	return nil
}

// rebuildTextKeyedSearch rebuilds the search indexes of the tables with
// text keys: they index hidden row numbers, which the VACUUM that wrote a
// backup may have renumbered. A backup from before the indexes has none.
func rebuildTextKeyedSearch(ctx context.Context, db *sql.DB) error {
	for _, index := range []string{"organizations_fts", "services_fts"} {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = ?`, index).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			continue
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO `+index+`(`+index+`) VALUES ('rebuild')`); err != nil {
			return fmt.Errorf("rebuild %s: %w", index, err)
		}
	}
	return nil
}

// RestoreFile puts a backup in place of a database that cannot be opened
// (a corrupt one, say). The broken file is kept beside it, renamed, never
// deleted. Nothing may have the database open.
func RestoreFile(dbPath, backupPath string) error {
	const op = "restore backup"
	if err := checkBackup(backupPath, 0); err != nil {
		return err
	}
	lock, err := acquireLock(dbPath)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	if fileExists(dbPath) {
		aside := dbPath + ".broken-" + time.Now().Format(backupStampLayout)
		if err := os.Rename(dbPath, aside); err != nil {
			return classify(op, dbPath, err)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if fileExists(dbPath + suffix) {
				os.Rename(dbPath+suffix, aside+suffix)
			}
		}
	}
	if err := replaceFile(dbPath, backupPath); err != nil {
		return classify(op, dbPath, err)
	}
	db, err := sql.Open("sqlite", dsn(dbPath, false))
	if err != nil {
		return classify(op, dbPath, err)
	}
	defer db.Close()
	return FileError(op, dbPath, rebuildTextKeyedSearch(context.Background(), db))
}

// replaceFile copies src over dst through a temporary file in dst's folder
// and a rename, so that dst is never half-written; dst's WAL files go, since
// they belong to the old content.
func replaceFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), filepath.Base(dst)+".restore-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dst + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return os.Rename(tmp.Name(), dst)
}
