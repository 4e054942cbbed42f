package reports

import "fmt"

// Rows is what a report lists: how many there are, then each in order,
// read once. A register of 100 000 referrals comes from a database cursor
// a row at a time (data.ReferralRows), so that a report never holds it
// whole; Slice lists what is in memory already.
type Rows[T any] interface {
	Len() int
	// Each gives every row to use in turn, stopping at use's first error.
	// The row is use's only for its turn.
	Each(use func(*T) error) error
}

// Slice lists a slice as Rows.
type Slice[T any] []T

// Len is how many rows there are.
func (s Slice[T]) Len() int { return len(s) }

// Each gives every row to use in turn.
func (s Slice[T]) Each(use func(*T) error) error {
	for i := range s {
		if err := use(&s[i]); err != nil {
			return err
		}
	}
	return nil
}

// MaxPrintedRows is the most rows a printed list takes: a list longer than
// 10 000 rows (some 330 pages) is not read on paper, and the PDF writer
// holds every page in memory until it writes the file, some 200 KB each.
const MaxPrintedRows = 10_000

// TooLongToPrint refuses a list of more rows than MaxPrintedRows.
type TooLongToPrint struct{ Rows int }

func (e TooLongToPrint) Error() string {
	return fmt.Sprintf("%d rows are too many to print (%d at most)", e.Rows, MaxPrintedRows)
}
