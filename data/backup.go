package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"modernc.org/sqlite"
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
// beside it, named after its whole file name, so that "a.db" and
// "a.sqlite" in one folder never mix their backups.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), filepath.Base(dbPath)+"-backups")
}

func (s *Store) backupDir() string { return BackupDir(s.path) }

// adoptOldBackupFolder renames the folder earlier versions kept backups in
// ("a-backups" for "a.db") to the database's own, unless another database
// of the same name beside it ("a.sqlite") may have shared it. Nothing is
// lost either way: a folder that cannot be adopted stays where it was.
func adoptOldBackupFolder(dbPath string) {
	dir, base := filepath.Dir(dbPath), filepath.Base(dbPath)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	old := filepath.Join(dir, stem+"-backups")
	if fileExists(BackupDir(dbPath)) || !fileExists(old) {
		return
	}
	others, _ := filepath.Glob(filepath.Join(dir, stem+".*"))
	for _, other := range others {
		if !strings.HasPrefix(filepath.Base(other), base) {
			return
		}
	}
	os.Rename(old, BackupDir(dbPath))
}

// BackupNow writes a backup on the user's request and prunes old ones.
func (s *Store) BackupNow(ctx context.Context) (Backup, error) {
	return s.backup(ctx, "manual")
}

// backup writes a consistent copy, checks it and only then gives it its
// name, so that a backup cut short (a crash, a full disk) is never listed
// or offered; then it keeps the newest N, never removing spare (the backup
// being restored).
func (s *Store) backup(ctx context.Context, reason string, spare ...string) (Backup, error) {
	const op = "back up database"
	dir := s.backupDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Backup{}, classify(op, dir, err)
	}
	clearUnfinishedBackups(s.path)
	at := s.now()
	path := newBackupPath(s.path, at, reason)
	if err := writeCheckedBackup(ctx, s.db, path+partialSuffix); err != nil {
		removeWithJournals(path + partialSuffix)
		return Backup{}, classify(op, path, err)
	}
	if err := os.Rename(path+partialSuffix, path); err != nil {
		removeWithJournals(path + partialSuffix)
		return Backup{}, classify(op, path, err)
	}
	set, err := loadSettings(ctx, s.db)
	if err != nil {
		return Backup{}, classify(op, s.path, err)
	}
	// Backups hold the personal data anonymisation clears: none is kept
	// past the retention term.
	expired := at.AddDate(-set.RetentionYears, 0, 0)
	if err := pruneBackups(s.path, set.BackupKeep, expired, spare...); err != nil {
		return Backup{}, classify(op, dir, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return Backup{}, classify(op, path, err)
	}
	return Backup{Path: path, At: at, Reason: reason, Size: fi.Size()}, nil
}

// partialSuffix marks a backup still being written or checked.
const partialSuffix = ".partial"

// newBackupPath names a backup by its database, time and reason. Two
// backups within one second (a migration right after a restore) get
// distinct names rather than failing on an existing file.
func newBackupPath(dbPath string, at time.Time, reason string) string {
	dir := BackupDir(dbPath)
	name := backupPrefix(dbPath) + at.Format(backupStampLayout) + "-" + reason
	path := filepath.Join(dir, name+".db")
	for i := 2; fileExists(path); i++ {
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.db", name, i))
	}
	return path
}

func backupPrefix(dbPath string) string {
	return strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath)) + "-"
}

// writeBackup writes a copy of db to path with VACUUM INTO, never by
// copying the live file, which may be half-written. Tests replace it to
// cut a backup short.
var writeBackup = func(ctx context.Context, db *sql.DB, path string) error {
	_, err := db.ExecContext(ctx, "VACUUM INTO ?", path)
	return err
}

// writeCheckedBackup writes a backup, puts it on the disk and checks it.
func writeCheckedBackup(ctx context.Context, db *sql.DB, path string) error {
	if err := writeBackup(ctx, db, path); err != nil {
		return err
	}
	if err := os.Chmod(path, 0o600); err != nil { // SQLite makes it as the umask allows
		return err
	}
	if err := syncFile(path); err != nil {
		return err
	}
	return checkBackup(path, 0)
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// clearUnfinishedBackups removes what backups cut short by an earlier
// crash left in the folder: partial files with their journals, and empty
// or foreign files under a backup's name. Only this process, holding the
// database's lock, writes there.
func clearUnfinishedBackups(dbPath string) {
	dir := BackupDir(dbPath)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if strings.Contains(e.Name(), partialSuffix) {
			os.Remove(path)
		} else if _, ok := parseBackupName(dbPath, e.Name()); ok && !holdsDatabase(path) {
			os.Remove(path)
		}
	}
}

// holdsDatabase says whether path is a file that starts as SQLite does;
// an empty file does not.
func holdsDatabase(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Size() > 0 && checkHeader(path) == nil
}

// removeWithJournals removes a database file SQLite was writing and the
// journals it may have left beside it.
func removeWithJournals(path string) {
	for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
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

// ListBackups returns the backups of the database at dbPath, newest first:
// the files named as backups that hold a database (each was checked before
// it got its name). A missing backup folder is an empty list.
func ListBackups(dbPath string) ([]Backup, error) {
	dir := BackupDir(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var list []Backup
	for _, e := range entries {
		b, ok := parseBackupName(dbPath, e.Name())
		if !ok || e.IsDir() {
			continue
		}
		b.Path = filepath.Join(dir, e.Name())
		info, err := e.Info()
		if err != nil || !holdsDatabase(b.Path) {
			continue
		}
		b.Size = info.Size()
		list = append(list, b)
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].At.Equal(list[j].At) {
			return list[i].At.After(list[j].At)
		}
		return list[i].Path > list[j].Path
	})
	return list, nil
}

// parseBackupName reads the time and reason from a backup's file name.
func parseBackupName(dbPath, name string) (Backup, bool) {
	prefix := backupPrefix(dbPath)
	if !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".db") {
		return Backup{}, false
	}
	rest := strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".db")
	if len(rest) < len(backupStampLayout)+2 {
		return Backup{}, false
	}
	at, err := time.ParseInLocation(backupStampLayout, rest[:len(backupStampLayout)], time.Local)
	if err != nil {
		return Backup{}, false
	}
	reason, _, _ := strings.Cut(rest[len(backupStampLayout)+1:], "-")
	return Backup{At: at, Reason: reason}, true
}

// pruneBackups keeps the newest keep backups written after expired, and
// spare whatever its age; the newest backup always stays.
func pruneBackups(dbPath string, keep int, expired time.Time, spare ...string) error {
	keep = max(keep, 1)
	list, err := ListBackups(dbPath)
	if err != nil {
		return err
	}
	for i, b := range list {
		if i == 0 || i < keep && b.At.After(expired) || slices.ContainsFunc(spare, func(p string) bool { return sameFile(p, b.Path) }) {
			continue
		}
		if err := os.Remove(b.Path); err != nil {
			return fmt.Errorf("remove old backup: %w", err)
		}
	}
	return nil
}

func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
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
	if !holdsDatabase(path) {
		return &Error{Code: EBadBackup, Op: op, Path: path, Err: errors.New("missing, empty or not SQLite")}
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
	if v == 0 {
		return &Error{Code: EBadBackup, Op: op, Path: path, Err: errors.New("no Spilno schema")}
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
	if _, err := s.backup(ctx, "restore", backupPath); err != nil {
		return err
	}
	if err := restoreInto(ctx, s.db, backupPath); err != nil {
		return classify(op, s.path, err)
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

// restoreInto copies every page of the backup into the open database with
// SQLite's online backup, in one step. The connections stay as they are:
// work running beside the restore reads the database as it was or as it
// is restored, never a closed or half-copied one.
func restoreInto(ctx context.Context, db *sql.DB, backupPath string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(driverConn any) error {
		restorer, ok := driverConn.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return errors.New("the SQLite driver cannot restore a backup")
		}
		b, err := restorer.NewRestore(dsn(backupPath, true))
		if err != nil {
			return err
		}
		if _, err := b.Step(-1); err != nil {
			b.Finish()
			return err
		}
		return b.Finish()
	})
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
	if real, err := filepath.EvalSymlinks(dbPath); err == nil {
		dbPath = real
	}
	broken, created, err := lockDatabase(dbPath)
	if err != nil {
		return err
	}
	aside := dbPath + ".broken-" + time.Now().Format(backupStampLayout)
	defer func() {
		broken.unlock()
		if created {
			os.Remove(aside) // the empty file the lock made
		}
	}()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(dbPath+suffix, aside+suffix); err != nil && suffix == "" {
			return classify(op, dbPath, err)
		}
	}
	if err := replaceFile(dbPath, backupPath); err != nil {
		return classify(op, dbPath, err)
	}
	restored, _, err := lockDatabase(dbPath)
	if err != nil {
		return err
	}
	defer restored.unlock()
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
