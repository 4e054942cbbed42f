package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// nextNumber is prefix plus the next counter of the table's numbers with
// that prefix: "2026-000042". The counter restarts with every prefix (year).
// The range condition lets SQLite read the last number from the index.
func nextNumber(ctx context.Context, tx dbtx, table, prefix string) (string, error) {
	var last sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT max(number) FROM `+table+` WHERE number >= ? AND number < ?`,
		prefix+"0", prefix+":").Scan(&last)
	if err != nil {
		return "", fmt.Errorf("next number of %s: %w", table, err)
	}
	n := 0
	if last.Valid {
		n, _ = strconv.Atoi(strings.TrimPrefix(last.String, prefix))
	}
	return fmt.Sprintf("%s%06d", prefix, n+1), nil
}
