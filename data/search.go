package data

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// searchIndex is where a table's folded search text is indexed.
type searchIndex struct {
	key    string // the row's number in the query, e.g. "r.id"
	fts    string // its full-text index, e.g. "referrals_fts"
	column string // the folded text, for words too short for the index
	table  string
}

var (
	referralSearch     = searchIndex{"r.id", "referrals_fts", "r.search_text", "referrals"}
	caseSearch         = searchIndex{"id", "cases_fts", "search_text", "cases"}
	organizationSearch = searchIndex{"rowid", "organizations_fts", "search_text", "organizations"}
	serviceSearch      = searchIndex{"s.rowid", "services_fts", "s.search_text", "services"}
)

// searchTerms splits a query into what the trigram index can find, as an
// FTS5 match expression (every word of three letters or more, anywhere in
// a word, all of them), and the shorter words, which trigrams cannot match
// and which are looked for in the folded text itself.
func searchTerms(query string) (match string, short []string) {
	var phrases []string
	for _, word := range strings.Fields(Fold(query)) {
		if utf8.RuneCountInString(word) >= 3 {
			phrases = append(phrases, `"`+strings.ReplaceAll(word, `"`, `""`)+`"`)
		} else {
			short = append(short, word)
		}
	}
	return strings.Join(phrases, " "), short
}

// condition finds query: a record matches when its folded text contains
// every word of the query, in any order and anywhere in a word; the words
// the index cannot find are looked for among the rows it found. An empty
// query gives no condition.
func (x searchIndex) condition(query string) (conditions []string, args []any) {
	match, short := searchTerms(query)
	if match != "" {
		conditions = append(conditions, x.key+" IN (SELECT rowid FROM "+x.fts+" WHERE "+x.fts+" MATCH ?)")
		args = append(args, match)
	}
	return append(conditions, x.shortWords(short)...), append(args, anySlice(short)...)
}

// shortWords are the conditions for words too short for the index.
func (x searchIndex) shortWords(words []string) []string {
	out := make([]string, len(words))
	for i := range words {
		out[i] = "instr(" + x.column + ", ?) > 0"
	}
	return out
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// rowsOf names the rows of an indexed table that a bulk write adds or
// changes the search texts of; where must pass the same rows before and
// after the write ("rowid > ?" for added rows).
type rowsOf struct {
	index searchIndex
	where string
	args  []any
}

// added are the rows that will come after the table's last row.
func added(ctx context.Context, tx dbtx, x searchIndex) (rowsOf, error) {
	var last int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(rowid), 0) FROM "+x.table).Scan(&last); err != nil {
		return rowsOf{}, fmt.Errorf("last row of %s: %w", x.table, err)
	}
	return rowsOf{x, "rowid > ?", []any{last}}, nil
}

// reindexing runs write with the triggers that keep the indexes in step
// row by row lifted: each index forgets the named rows before write and
// learns them after, in one statement. FTS5 writes out what it has pending
// at every statement of a transaction, so a trigger per row turns a bulk
// write into thousands of one-row segments: renaming an organization named
// in 50 000 referrals took 18 s that way. The triggers are put back as the
// migration wrote them, in the same transaction: no other connection ever
// sees them missing.
func reindexing(ctx context.Context, tx dbtx, write func() error, sets ...rowsOf) error {
	var restore []string
	empty := make([]bool, len(sets))
	for i, set := range sets {
		x := set.index
		if err := tx.QueryRowContext(ctx, "SELECT NOT EXISTS (SELECT 1 FROM "+x.table+")").Scan(&empty[i]); err != nil {
			return fmt.Errorf("index %s: %w", x.table, err)
		}
		triggers, err := liftTriggers(ctx, tx, x)
		if err != nil {
			return err
		}
		restore = append(restore, triggers...)
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+x.fts+"("+x.fts+", rowid, search_text) SELECT 'delete', rowid, search_text FROM "+
			x.table+" WHERE "+set.where, set.args...); err != nil {
			return fmt.Errorf("forget %s: %w", x.table, err)
		}
	}
	if err := write(); err != nil {
		return err
	}
	for i, set := range sets {
		if err := learn(ctx, tx, set, empty[i]); err != nil {
			return err
		}
	}
	for _, sql := range restore {
		if _, err := tx.ExecContext(ctx, sql); err != nil {
			return fmt.Errorf("restore search trigger: %w", err)
		}
	}
	return nil
}

// liftTriggers drops the triggers that keep x's index in step and returns
// the statements that create them again.
func liftTriggers(ctx context.Context, tx dbtx, x searchIndex) ([]string, error) {
	type trigger struct{ name, sql string }
	triggers, err := queryAll(ctx, tx, func(r scanner, t *trigger) error { return r.Scan(&t.name, &t.sql) },
		`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?, ?)`,
		x.fts+"_insert", x.fts+"_update", x.fts+"_delete")
	if err != nil {
		return nil, fmt.Errorf("read search triggers of %s: %w", x.table, err)
	}
	var create []string
	for _, t := range triggers {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER "`+t.name+`"`); err != nil {
			return nil, fmt.Errorf("lift search trigger %s: %w", t.name, err)
		}
		create = append(create, t.sql)
	}
	return create, nil
}

// learn indexes the rows of set. An index that was empty takes them with a
// large in-memory hash and no merging as it goes, then merges once: 4.3 s
// instead of 9 s for 100 000 referrals, and an index as compact as a
// rebuild's. The settings go back to FTS5's defaults.
func learn(ctx context.Context, tx dbtx, set rowsOf, empty bool) error {
	x := set.index
	config := func(key string, value int) string {
		return fmt.Sprintf("INSERT INTO %s(%[1]s, rank) VALUES ('%s', %d)", x.fts, key, value)
	}
	add := "INSERT INTO " + x.fts + "(rowid, search_text) SELECT rowid, search_text FROM " + x.table + " WHERE " + set.where
	steps := []string{add}
	if empty {
		steps = []string{config("automerge", 0), config("hashsize", 64<<20), add,
			"INSERT INTO " + x.fts + "(" + x.fts + ") VALUES ('optimize')",
			config("automerge", 4), config("hashsize", 1<<20)}
	}
	for _, step := range steps {
		var args []any
		if step == add {
			args = set.args
		}
		if _, err := tx.ExecContext(ctx, step, args...); err != nil {
			return fmt.Errorf("index %s: %w", x.table, err)
		}
	}
	return nil
}
