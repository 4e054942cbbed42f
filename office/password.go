package office

import (
	"strconv"
	"unicode/utf8"

	"spilno/data"
)

// MinPasswordLength is the shortest password a protected export takes.
const MinPasswordLength = 8

// CheckPassword is the rule for the password of a protected export: long
// enough, and typed the same twice (nobody can open the file otherwise;
// Spilno keeps no copy of it).
func CheckPassword(password, repeat string) error {
	var p data.Problems
	if utf8.RuneCountInString(password) < MinPasswordLength {
		p.Add("password", "too_short", strconv.Itoa(MinPasswordLength))
	}
	if repeat != password {
		p.Add("password_repeat", "passwords_differ", "")
	}
	return p.Err()
}
