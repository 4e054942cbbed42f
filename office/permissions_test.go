//go:build !windows

package office

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"spilno/data"
)

// An export of the register carries personal data: it is written for its
// owner alone, under any umask.
func TestExportsAreOwnerOnly(t *testing.T) {
	st := demoStore(t)
	for _, umask := range []int{0o022, 0o077} {
		old := syscall.Umask(umask)
		path := filepath.Join(t.TempDir(), "реєстр.xlsx")
		err := ExportRegister(context.Background(), st, data.ReferralFilter{}, Document{Path: path, Lang: "uk"})
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("umask %03o: the export is %v (%v), want -rw-------", umask, fi.Mode(), err)
		}
	}
}
