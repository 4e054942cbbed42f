package data

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// keeping opens a store on a clock that moves an hour at every backup,
// keeping the newest keep backups.
func keeping(t *testing.T, path string, keep int) *Store {
	t.Helper()
	clock := time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local)
	return openOnClock(t, path, func() time.Time { clock = clock.Add(time.Hour); return clock }, keep, 5)
}

// openOnClock opens a store on the clock now that keeps keep backups and
// personal data for retention years.
func openOnClock(t *testing.T, path string, now func() time.Time, keep, retention int) *Store {
	t.Helper()
	s, err := Open(path, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.SaveSettings(ctx, Settings{Country: CountryUA, BackupKeep: keep, RetentionYears: retention}); err != nil {
		t.Fatal(err)
	}
	return s
}

func backUp(t *testing.T, s *Store) Backup {
	t.Helper()
	b, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// The backup written before a restore must not prune the backup being
// restored, even when it is the oldest one kept.
func TestRestoringTheOldestKeptBackupKeepsIt(t *testing.T) {
	s := keeping(t, filepath.Join(t.TempDir(), "spilno.db"), 3)
	mustSave(t, s, &Organization{Name: "Найстаріша", Sector: SectorOther})
	oldest := backUp(t, s)
	backUp(t, s)
	backUp(t, s)
	mustSave(t, s, &Organization{Name: "Пізніша", Sector: SectorOther})
	if err := s.Restore(ctx, oldest.Path); err != nil {
		t.Fatalf("restoring the oldest backup: %v", err)
	}
	if orgs, _ := s.Organizations(ctx, ""); len(orgs) != 1 || orgs[0].Name != "Найстаріша" {
		t.Fatalf("restored %+v", orgs)
	}
	if !fileExists(oldest.Path) {
		t.Fatal("the restored backup was removed")
	}
}

// A backup cut short, by a crash or a full disk, is removed with its
// journal, is never listed and never offered, and the next backup works.
func TestABackupCutShortIsNeverListedOrOffered(t *testing.T) {
	s := keeping(t, filepath.Join(t.TempDir(), "spilno.db"), 10)
	mustSave(t, s, &Organization{Name: "Ціла", Sector: SectorOther})
	good := backUp(t, s)
	for name, cut := range map[string]func(ctx context.Context, db *sql.DB, path string) error{
		"failed half-way": func(ctx context.Context, db *sql.DB, path string) error {
			os.WriteFile(path+"-journal", []byte("hot journal"), 0o600)
			os.WriteFile(path, []byte("SQLite format 3\x00 half"), 0o600)
			return errors.New("disk full")
		},
		"written but cut": func(ctx context.Context, db *sql.DB, path string) error {
			if _, err := db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
				return err
			}
			return os.Truncate(path, 8192)
		},
		"empty": func(ctx context.Context, db *sql.DB, path string) error {
			return os.WriteFile(path, nil, 0o600)
		},
	} {
		t.Run(name, func(t *testing.T) {
			defer func(w func(context.Context, *sql.DB, string) error) { writeBackup = w }(writeBackup)
			writeBackup = cut
			if _, err := s.BackupNow(ctx); err == nil {
				t.Fatal("a backup cut short was reported as written")
			}
			if got := filesIn(t, BackupDir(s.Path())); !slices.Equal(got, []string{filepath.Base(good.Path)}) {
				t.Errorf("the backup folder holds %v, want only the good backup", got)
			}
			if list, _ := ListBackups(s.Path()); len(list) != 1 || list[0].Path != good.Path {
				t.Errorf("listed %+v", list)
			}
		})
	}
}

// What a backup killed by an earlier crash left behind is never offered
// and is cleared by the next backup.
func TestLeftoversOfAKilledBackupAreNeverOffered(t *testing.T) {
	s, path, good := organizationsWithBackup(t)
	dir := BackupDir(path)
	later := filepath.Join(dir, "spilno-20991231-235959-daily.db")
	leftovers := []string{later, later + partialSuffix, later + partialSuffix + "-journal"}
	for i, f := range leftovers {
		content := []byte("SQLite format 3\x00 cut short")
		if i == 0 {
			content = nil // an empty file under a backup's name
		}
		if err := os.WriteFile(f, content, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if list, _ := ListBackups(path); len(list) != 1 || list[0].Path != good.Path {
		t.Errorf("listed %+v, want only the good backup", list)
	}
	if got := NewestGoodBackup(path); got != good.Path {
		t.Errorf("offered %q, want the good backup %q", got, good.Path)
	}
	backUp(t, s)
	for _, f := range leftovers {
		if fileExists(f) {
			t.Errorf("%s is still there after the next backup", filepath.Base(f))
		}
	}
}

// "a.db" and "a.sqlite" in one folder keep their backups apart.
func TestTwoDatabasesOfOneNameKeepTheirBackupsApart(t *testing.T) {
	dir := t.TempDir()
	a := keeping(t, filepath.Join(dir, "a.db"), 10)
	b := keeping(t, filepath.Join(dir, "a.sqlite"), 10)
	backUp(t, a)
	backUp(t, b)
	backUp(t, b)
	la, _ := ListBackups(a.Path())
	lb, _ := ListBackups(b.Path())
	if len(la) != 1 || len(lb) != 2 || BackupDir(a.Path()) == BackupDir(b.Path()) {
		t.Fatalf("a.db has %d backups, a.sqlite %d, in %s and %s", len(la), len(lb), BackupDir(a.Path()), BackupDir(b.Path()))
	}
}

// The folder earlier versions kept backups in ("spilno-backups") becomes
// the database's own, unless a namesake database may have shared it.
func TestTheOldBackupFolderIsAdoptedWhenItIsOnlyOurs(t *testing.T) {
	for _, namesake := range []bool{false, true} {
		dir := t.TempDir()
		path := filepath.Join(dir, "spilno.db")
		s := keeping(t, path, 10)
		b := backUp(t, s)
		s.Close()
		old := filepath.Join(dir, "spilno-backups")
		if err := os.Rename(BackupDir(path), old); err != nil {
			t.Fatal(err)
		}
		if namesake {
			os.WriteFile(filepath.Join(dir, "spilno.sqlite"), nil, 0o600)
		}
		s = keeping(t, path, 10)
		list, _ := ListBackups(path)
		switch {
		case !namesake && (len(list) != 1 || filepath.Base(list[0].Path) != filepath.Base(b.Path)):
			t.Errorf("the old folder was not adopted: %+v", list)
		case namesake && (len(list) != 0 || !fileExists(filepath.Join(old, filepath.Base(b.Path)))):
			t.Errorf("a folder a namesake may share was adopted: %+v", list)
		}
		s.Close()
	}
}

// A restore while other work reads the database: every read succeeds,
// on the old data or on the restored, never on a closed connection, and
// the race detector finds nothing.
func TestARestoreBesideRunningWorkFailsNoneOfIt(t *testing.T) {
	s, _, good := organizationsWithBackup(t)
	defer s.Close()
	mustSave(t, s, &Organization{Name: "Після копії", Sector: SectorOther})
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []error
	for range 3 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := s.CountReferrals(ctx, ReferralFilter{}); err != nil {
					mu.Lock()
					failures = append(failures, err)
					mu.Unlock()
				}
			}
		})
	}
	time.Sleep(20 * time.Millisecond)
	err := s.Restore(ctx, good.Path)
	time.Sleep(20 * time.Millisecond)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if len(failures) > 0 {
		t.Fatalf("%d reads failed beside the restore, first: %v", len(failures), failures[0])
	}
	if got, _ := s.Organizations(ctx, "після копії"); len(got) != 0 {
		t.Error("the restore did not take effect")
	}
}

// Backups keep personal data that anonymisation clears, so none outlives
// the retention term, however many are kept.
func TestNoBackupOutlivesTheRetentionTerm(t *testing.T) {
	clock := time.Date(2024, 3, 1, 9, 0, 0, 0, time.Local)
	s := openOnClock(t, filepath.Join(t.TempDir(), "spilno.db"), func() time.Time { return clock }, 10, 1)
	old := backUp(t, s)
	clock = clock.AddDate(0, 6, 0)
	recent := backUp(t, s)
	clock = clock.AddDate(0, 7, 0)
	newest := backUp(t, s)
	list, _ := ListBackups(s.Path())
	if len(list) != 2 || list[0].Path != newest.Path || list[1].Path != recent.Path || fileExists(old.Path) {
		t.Fatalf("kept %+v; the backup of %s is past the one-year term", list, old.At.Format(time.DateOnly))
	}
}
