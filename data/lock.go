package data

import (
	"errors"
	"os"
)

// fileLock keeps a second Spilno out of a database file. It locks the file
// itself, so every way of naming it (a symlink, a hard link, another
// spelling of the path) meets the same lock, in this process too. The kind
// of lock is chosen per OS so that it never touches SQLite's own locks.
type fileLock struct{ f *os.File }

// lockDatabase locks the database at path, creating an empty file when
// there is none yet (SQLite takes an empty file as a new database);
// created says whether it did, so that a failed open can remove it.
func lockDatabase(path string) (lock *fileLock, created bool, err error) {
	const op = "lock database"
	_, statErr := os.Stat(path)
	f, err := openForLock(path)
	if err != nil {
		return nil, false, classify(op, path, err)
	}
	created = errors.Is(statErr, os.ErrNotExist)
	ok, err := tryLock(f)
	if err != nil || !ok {
		f.Close()
		if err != nil {
			return nil, false, classify(op, path, err)
		}
		return nil, false, &Error{Code: ELocked, Op: op, Path: path}
	}
	return &fileLock{f}, created, nil
}

func (l *fileLock) unlock() {
	if l != nil && l.f != nil {
		unlockFile(l.f)
		l.f.Close()
		l.f = nil
	}
}
