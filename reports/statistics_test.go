package reports

import (
	"reflect"
	"testing"
)

// A small count is shown as "<5", and a lone one in a column is never
// left to be worked out from the column's total: the next smallest goes
// with it. Shares and zeros stay.
func TestSmallNumbersAreSuppressedBeyondRecovery(t *testing.T) {
	table := StatTable{Columns: []string{"", "period", "before", "share"}, Rows: [][]any{
		{"a", 120, 3, 0.5},
		{"b", 2, 40, 0.25},
		{"c", 7, 9, 0.1},
		{"d", 0, 1, 0.0},
	}}
	if !SuppressSmall(&table, 4) {
		t.Fatal("nothing suppressed")
	}
	// Column "period": the 2 is alone, so the next smallest (7) goes too.
	// Column "before": 3 and 1 are two already, so 9 stays.
	want := [][]any{
		{"a", 120, "<5", 0.5},
		{"b", "<5", 40, 0.25},
		{"c", Hidden, 9, 0.1},
		{"d", 0, "<5", 0.0},
	}
	if !reflect.DeepEqual(table.Rows, want) {
		t.Errorf("suppressed as %v\nwant %v", table.Rows, want)
	}
	off := StatTable{Columns: []string{"", "n"}, Rows: [][]any{{"a", 1}}}
	if SuppressSmall(&off, 0) || off.Rows[0][1] != 1 {
		t.Error("a threshold of 0 suppresses")
	}
	catalogue := StatTable{Columns: []string{"", "asked", "offered"}, OfServices: []int{2}, Rows: [][]any{{"a", 2, 3}, {"b", 10, 1}}}
	SuppressSmall(&catalogue, 4)
	if want := [][]any{{"a", "<5", 3}, {"b", Hidden, 1}}; !reflect.DeepEqual(catalogue.Rows, want) {
		t.Errorf("with a column of services suppressed as %v, want %v", catalogue.Rows, want)
	}
	// 10 % received in time of 40 is 4: the share goes; 50 % of 40 stays.
	shares := StatTable{Columns: []string{"", "in time", "judged"}, ShareOf: map[int]int{1: 2}, Rows: [][]any{{"a", 0.1, 40}, {"b", 0.5, 40}, {"c", 0.95, 40}}}
	SuppressSmall(&shares, 4)
	if want := [][]any{{"a", Hidden, 40}, {"b", 0.5, 40}, {"c", Hidden, 40}}; !reflect.DeepEqual(shares.Rows, want) {
		t.Errorf("shares suppressed as %v, want %v", shares.Rows, want)
	}
	// 4 of 6 in time is hidden; the overall 17 of 49 is in the summary, so
	// the share with the smallest part (0 of 8) goes too.
	timeliness := StatTable{Columns: []string{"", "in time", "judged"}, ShareOf: map[int]int{1: 2},
		Rows: [][]any{{"a", 1.0, 7}, {"b", 0.0, 8}, {"c", 4.0 / 6, 6}, {"d", 6.0 / 14, 14}}}
	SuppressSmall(&timeliness, 4)
	if want := [][]any{{"a", 1.0, 7}, {"b", Hidden, 8}, {"c", Hidden, 6}, {"d", 6.0 / 14, 14}}; !reflect.DeepEqual(timeliness.Rows, want) {
		t.Errorf("a lone hidden share suppressed as %v, want %v", timeliness.Rows, want)
	}
	// Senders of sectors A and B, whose sums the table of sectors shows:
	// the 3 takes the 7 with it in the column, which leaves each sector
	// with a lone hidden cell.
	senders := StatTable{Columns: []string{"", "n"}, Groups: [][]int{{0, 1}, {2, 3}},
		Rows: [][]any{{"A1", 9}, {"A2", 3}, {"B1", 7}, {"B2", 30}}}
	SuppressSmall(&senders, 4)
	if want := [][]any{{"A1", Hidden}, {"A2", "<5"}, {"B1", Hidden}, {"B2", Hidden}}; !reflect.DeepEqual(senders.Rows, want) {
		t.Errorf("senders grouped by sector suppressed as %v, want %v", senders.Rows, want)
	}
}
