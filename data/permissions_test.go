//go:build !windows

package data

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// The database, its WAL, its backups and their folder are the user's own,
// whatever the umask: they hold personal data of families and children.
func TestTheDatabaseAndItsBackupsAreOwnerOnly(t *testing.T) {
	for _, umask := range []int{0o022, 0o077} {
		old := syscall.Umask(umask)
		path := filepath.Join(t.TempDir(), "spilno.db")
		s, err := Open(path, Options{})
		if err != nil {
			syscall.Umask(old)
			t.Fatal(err)
		}
		mustSave(t, s, &Organization{Name: "A", Sector: SectorOther})
		b, err := s.BackupNow(ctx)
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		for file, want := range map[string]fs.FileMode{path: 0o600, path + "-wal": 0o600, b.Path: 0o600, BackupDir(path): 0o700 | fs.ModeDir} {
			fi, err := os.Stat(file)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode() != want {
				t.Errorf("umask %03o: %s is %v, want %v", umask, filepath.Base(file), fi.Mode(), want)
			}
		}
		s.Close()
	}
}
