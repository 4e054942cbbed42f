package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// lastNumber is the counter of the table's last number with prefix, 0
// when there is none. The range condition lets SQLite read it from the
// index.
func lastNumber(ctx context.Context, tx dbtx, table, prefix string) (int, error) {
	var last sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT max(number) FROM `+table+` WHERE number >= ? AND number < ?`,
		prefix+"0", prefix+":").Scan(&last)
	if err != nil {
		return 0, fmt.Errorf("last number of %s: %w", table, err)
	}
	n := 0
	if last.Valid {
		n, _ = strconv.Atoi(strings.TrimPrefix(last.String, prefix))
	}
	return n, nil
}
