//go:build !windows

package data

import (
	"errors"
	"os"
	"syscall"
)

func openForLock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
}

// tryLock takes a BSD flock on the whole file: on local disks it is apart
// from the POSIX record locks SQLite takes, and unlike them it also holds
// against a second open in the same process.
func tryLock(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

func unlockFile(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
