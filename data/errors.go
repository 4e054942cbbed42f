package data

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Code says what kind of failure an Error is, so that app/ can choose the
// translated message; the English text in Error() is for logs only.
type Code string

const (
	EInvalid   Code = "invalid"    // a value broke a validation rule (see Fields)
	ENotFound  Code = "not_found"  // the record does not exist (any more)
	EInUse     Code = "in_use"     // still referenced by other records (see Count)
	ELocked    Code = "locked"     // another Spilno holds the database file
	EBusy      Code = "busy"       // other work of this Spilno holds the database for too long
	ENewer     Code = "newer"      // the file was written by a newer Spilno
	ENotDB     Code = "not_db"     // the file is not an SQLite database
	ECorrupt   Code = "corrupt"    // the database fails its integrity check (see Backup)
	EReadOnly  Code = "read_only"  // the file or its folder cannot be written
	EDiskFull  Code = "disk_full"  // no space left on the disk
	ENoFolder  Code = "no_folder"  // the folder of the file does not exist
	ENoFile    Code = "no_file"    // a file the user named does not exist
	EBadBackup Code = "bad_backup" // a backup chosen for restore cannot be used
	EBadFile   Code = "bad_file"   // a file chosen for import cannot be read (see Path)
	ETooBig    Code = "too_big"    // a file chosen for import is beyond the limits (Count: rows)
	EApproved  Code = "approved"   // an approved protocol version is read-only
	EFrozen    Code = "frozen"     // an approved assessment's analysis is read-only
	EInternal  Code = "internal"   // anything else: show the text, keep the data
)

// FieldError names one broken rule on one field. Rule and Param are keys
// that app/ turns into a sentence such as "E-mail: not a valid address".
type FieldError struct {
	Field string // e.g. "email", "contacts.2.phone"
	Rule  string // e.g. "required", "email", "phone", "registry_digits"
	Param string // e.g. "8" for a length rule
}

// Error is the one error type that crosses from data/ to app/.
type Error struct {
	Code   Code
	Op     string       // what was being done, e.g. "save organization"
	Fields []FieldError // for EInvalid
	Count  int          // for EInUse: how many records refer to it
	Path   string       // the file the message is about
	Backup string       // for ECorrupt: the newest backup that passes its check, if any
	Err    error        // the underlying cause, if any
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op + ": ")
	}
	b.WriteString(string(e.Code))
	for _, f := range e.Fields {
		fmt.Fprintf(&b, " [%s %s %s]", f.Field, f.Rule, f.Param)
	}
	if e.Path != "" {
		b.WriteString(" " + e.Path)
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the Code of the first *Error in err's chain, or
// EInternal for any other non-nil error.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// AsError returns the *Error in err's chain, wrapping err as EInternal when
// there is none, so that the caller always has a Code to translate.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: EInternal, Err: err}
}

// Problems collects field errors during validation.
type Problems []FieldError

func (p *Problems) Add(field, rule, param string) {
	*p = append(*p, FieldError{Field: field, Rule: rule, Param: param})
}

// Err returns nil when nothing was added, else an EInvalid *Error.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EInvalid, Fields: p}
}

// FileError gives an error from writing or reading a user's file (an
// export, an import) the Code its message is chosen by: a full disk, a
// read-only folder, a missing folder.
// ReadError is FileError for a file the user chose to read: one that is
// not there is ENoFile, not a missing folder to write into.
func ReadError(op, path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &Error{Code: ENoFile, Op: op, Path: path, Err: err}
	}
	return FileError(op, path, err)
}

func FileError(op, path string, err error) error {
	if err == nil {
		return nil
	}
	return classify(op, path, err)
}
