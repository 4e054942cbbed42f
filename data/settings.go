package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"fmt"
	"image"
	_ "image/jpeg" // coats of arms
	_ "image/png"
	"strconv"
	"strings"
	"time"
)

// Settings belong to the database: the community it serves and the person
// at the keyboard. The interface language is the user's, kept by app/.
type Settings struct {
	Operator   string  // written into every audit row
	Community  string  // name of the community, for report headers
	Country    Country // picks registry-ID rules, classifiers, holidays
	BackupKeep int     // how many backups to keep
	CasePrefix string  // put before the year in case numbers ("СП-2026-000042")
	// RetentionYears is how long after a case closes its personal data is
	// kept before it may be anonymised.
	RetentionYears int
	// SuppressBelow protects small numbers in statistics that leave the
	// department: counts from 1 to it are shown as "<N"; 0 shows all.
	SuppressBelow int
	Letterhead
}

// Letterhead is what heads the community's documents: its coat of arms
// and the bodies above the organization ("УКРАЇНА / ВИШНІВСЬКА СІЛЬСЬКА
// РАДА"). It heads the protocol when ProtocolLetterhead is set, and the
// letters of the organizations that use it.
type Letterhead struct {
	ParentBody string // lines, printed centred in capitals as typed
	CoatOfArms []byte // a PNG or JPEG image; nil for none
	// ProtocolLetterhead puts the letterhead over the protocol; AnnexLine
	// puts "Annex to the decision of … of … No. …" above its approval block.
	ProtocolLetterhead, AnnexLine bool
}

// Any tells whether there is a letterhead to print.
func (l *Letterhead) Any() bool {
	return strings.TrimSpace(l.ParentBody) != "" || len(l.CoatOfArms) > 0
}

// MaxCoatOfArms is the largest coat-of-arms image kept, in bytes: enough
// for a crisp print at its 12×17 mm, small enough for every backup.
const MaxCoatOfArms = 1 << 20

// Validate checks the letterhead alone.
func (l *Letterhead) Validate() error {
	var p Problems
	l.validate(&p)
	return p.Err()
}

// validate checks the letterhead: an image that is a PNG or a JPEG and
// not too large, a parent body of a few lines.
func (l *Letterhead) validate(p *Problems) {
	if len(l.CoatOfArms) > MaxCoatOfArms {
		p.Add("coat_of_arms", "too_large", "1 MB")
	} else if len(l.CoatOfArms) > 0 {
		if _, format, err := image.Decode(bytes.NewReader(l.CoatOfArms)); err != nil || (format != "png" && format != "jpeg") {
			p.Add("coat_of_arms", "image", "PNG, JPEG")
		}
	}
	if len([]rune(l.ParentBody)) > 300 {
		p.Add("parent_body", "too_long", "300")
	}
	if strings.Count(strings.TrimSpace(l.ParentBody), "\n") > 3 {
		p.Add("parent_body", "lines", "4")
	}
}

// DefaultSettings is what a new database starts with.
func DefaultSettings() Settings {
	return Settings{Country: CountryUA, BackupKeep: DefaultBackupKeep, RetentionYears: 5, SuppressBelow: 4}
}

// Validate checks the settings.
func (s *Settings) Validate() error {
	var p Problems
	if !contains(Countries, s.Country) {
		p.Add("country", "unknown", "")
	}
	if s.BackupKeep < 1 || s.BackupKeep > 1000 {
		p.Add("backup_keep", "range", "1–1000")
	}
	if s.RetentionYears < 1 || s.RetentionYears > 75 {
		p.Add("retention_years", "range", "1–75")
	}
	if s.SuppressBelow < 0 || s.SuppressBelow > 20 {
		p.Add("suppress_below", "range", "0–20")
	}
	if len([]rune(s.CasePrefix)) > 10 {
		p.Add("case_prefix", "too_long", "10")
	}
	if len([]rune(s.Operator)) > 200 {
		p.Add("operator", "too_long", "200")
	}
	s.Letterhead.validate(&p)
	return p.Err()
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func loadSettings(ctx context.Context, q querier) (Settings, error) {
	set := DefaultSettings()
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return set, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return set, err
		}
		switch k {
		case "operator":
			set.Operator = v
		case "community":
			set.Community = v
		case "country":
			set.Country = Country(v)
		case "backup_keep":
			if n, err := strconv.Atoi(v); err == nil {
				set.BackupKeep = n
			}
		case "case_prefix":
			set.CasePrefix = v
		case "retention_years":
			if n, err := strconv.Atoi(v); err == nil {
				set.RetentionYears = n
			}
		case "suppress_below":
			if n, err := strconv.Atoi(v); err == nil {
				set.SuppressBelow = n
			}
		case "parent_body":
			set.ParentBody = v
		case "coat_of_arms":
			if img, err := base64.StdEncoding.DecodeString(v); err == nil && len(img) > 0 {
				set.CoatOfArms = img
			}
		case "protocol_letterhead":
			set.ProtocolLetterhead = v == "1"
		case "annex_line":
			set.AnnexLine = v == "1"
		}
	}
	return set, rows.Err()
}

// Settings returns the database's settings, with defaults for what is unset.
func (s *Store) Settings(ctx context.Context) (Settings, error) {
	set, err := loadSettings(ctx, s.db)
	if err != nil {
		return set, classify("read settings", s.path, err)
	}
	return set, nil
}

// SaveSettings validates and stores the settings, with an audit row.
func (s *Store) SaveSettings(ctx context.Context, set Settings) error {
	const op = "save settings"
	set.Operator = strings.TrimSpace(set.Operator)
	set.Community = strings.TrimSpace(set.Community)
	set.ParentBody = strings.TrimSpace(set.ParentBody)
	if err := set.Validate(); err != nil {
		return classify(op, "", err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		old, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		values := map[string]string{
			"operator":            set.Operator,
			"community":           set.Community,
			"country":             string(set.Country),
			"backup_keep":         strconv.Itoa(set.BackupKeep),
			"case_prefix":         set.CasePrefix,
			"retention_years":     strconv.Itoa(set.RetentionYears),
			"suppress_below":      strconv.Itoa(set.SuppressBelow),
			"parent_body":         set.ParentBody,
			"coat_of_arms":        base64.StdEncoding.EncodeToString(set.CoatOfArms),
			"protocol_letterhead": flag(set.ProtocolLetterhead),
			"annex_line":          flag(set.AnnexLine),
		}
		for k, v := range values {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES (?, ?)
				ON CONFLICT(key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return err
			}
		}
		var changed []string // field, was, is: the fields as the settings form names them
		for _, f := range []struct {
			field   string
			was, is any
		}{{"operator", old.Operator, set.Operator}, {"community", old.Community, set.Community}, {"country", old.Country, set.Country},
			{"case_prefix", old.CasePrefix, set.CasePrefix}, {"retention_years", old.RetentionYears, set.RetentionYears},
			{"backup_keep", old.BackupKeep, set.BackupKeep}, {"parent_body", old.ParentBody, set.ParentBody},
			{"suppress_below", old.SuppressBelow, set.SuppressBelow},
			{"coat_of_arms", imageSize(old.CoatOfArms), imageSize(set.CoatOfArms)},
			{"protocol_letterhead", old.ProtocolLetterhead, set.ProtocolLetterhead}, {"annex_line", old.AnnexLine, set.AnnexLine}} {
			if f.was != f.is {
				changed = append(changed, f.field, fmt.Sprint(f.was), fmt.Sprint(f.is))
			}
		}
		if len(changed) == 0 {
			return nil
		}
		return audit(ctx, tx, now, "settings", "settings", "update", auditNote("settings", changed...))
	})
	if err != nil {
		return classify(op, s.path, err)
	}
	return nil
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// imageSize is how the audit log tells images apart: by their size in
// bytes, "0" for none.
func imageSize(b []byte) string { return strconv.Itoa(len(b)) }

// audit writes one audit row inside the caller's transaction; the operator
// is read from the settings in that same transaction.
func audit(ctx context.Context, tx dbtx, now time.Time, entity, id, action, summary string) error {
	var operator string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'operator'`).Scan(&operator)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log(at, operator, entity, entity_id, action, summary)
		VALUES (?, ?, ?, ?, ?, ?)`, utc(now), operator, entity, id, action, summary)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// auditNote is an audit summary that is worded when it is read, in the
// reader's language: a key (audit.note.KEY) and its values, stored as
// "@KEY␟value␟…". A plain summary (a name) is stored as it is.
func auditNote(key string, values ...string) string {
	return "@" + strings.Join(append([]string{key}, values...), "\x1f")
}

// AuditNote reads a summary written by auditNote; ok is false for a plain
// one.
func AuditNote(summary string) (key string, values []string, ok bool) {
	if !strings.HasPrefix(summary, "@") {
		return "", nil, false
	}
	parts := strings.Split(summary[1:], "\x1f")
	return parts[0], parts[1:], true
}

// AuditEntry is one row of the audit log.
type AuditEntry struct {
	At       string
	Operator string
	Entity   string
	EntityID string
	Action   string
	Summary  string
}

// AuditFilter chooses rows of the audit log; empty fields choose all.
type AuditFilter struct {
	From, To string // local days, YYYY-MM-DD, both included
	Operator string
	Entity   string // organization, referral, export …
	Action   string // create, update, sent …
	Limit    int    // 0: every row
}

// AuditLog returns the newest audit rows for an entity ("" for all).
func (s *Store) AuditLog(ctx context.Context, entity string, limit int) ([]AuditEntry, error) {
	return s.AuditEntries(ctx, AuditFilter{Entity: entity, Limit: limit})
}

// AuditEntries returns the audit rows f chooses, newest first.
func (s *Store) AuditEntries(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var where []string
	var args []any
	for _, c := range []struct{ column, value string }{{"operator", f.Operator}, {"entity", f.Entity}, {"action", f.Action}} {
		if c.value != "" {
			where, args = append(where, c.column+" = ?"), append(args, c.value)
		}
	}
	// The log keeps UTC moments; the user chooses days where they are.
	if day, err := time.ParseInLocation(time.DateOnly, f.From, time.Local); err == nil {
		where, args = append(where, "at >= ?"), append(args, utc(day))
	}
	if day, err := time.ParseInLocation(time.DateOnly, f.To, time.Local); err == nil {
		where, args = append(where, "at < ?"), append(args, utc(day.AddDate(0, 0, 1)))
	}
	query := `SELECT at, operator, entity, entity_id, action, summary FROM audit_log`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY id DESC"
	if f.Limit > 0 {
		query += " LIMIT " + strconv.Itoa(f.Limit)
	}
	list, err := queryAll(ctx, s.db, func(r scanner, a *AuditEntry) error {
		return r.Scan(&a.At, &a.Operator, &a.Entity, &a.EntityID, &a.Action, &a.Summary)
	}, query, args...)
	if err != nil {
		return nil, classify("read audit log", s.path, err)
	}
	return list, nil
}

// AuditChoices are the operators, kinds of record and actions the log
// holds, for the filters that choose among them.
func (s *Store) AuditChoices(ctx context.Context) (operators, entities, actions []string, err error) {
	for _, c := range []struct {
		column string
		into   *[]string
	}{{"operator", &operators}, {"entity", &entities}, {"action", &actions}} {
		*c.into, err = queryAll(ctx, s.db, func(r scanner, v *string) error { return r.Scan(v) },
			`SELECT DISTINCT `+c.column+` FROM audit_log WHERE `+c.column+` <> '' ORDER BY 1`)
		if err != nil {
			return nil, nil, nil, classify("read audit log", s.path, err)
		}
	}
	return operators, entities, actions, nil
}

// ExportRecord is what an export that carries personal data wrote out.
type ExportRecord struct {
	Document  string   // register, overdue, letter
	Records   int      // how many referrals it holds
	Fields    []string // the personal fields it shows
	File      string
	Protected bool // written with a password
}

// RecordExport writes an export of personal data into the audit log:
// what, how many records, which fields, when and by whom (the operator).
func (s *Store) RecordExport(ctx context.Context, e ExportRecord) error {
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		note := "export"
		if e.Protected {
			note = "export_protected"
		}
		return audit(ctx, tx, now, "export", e.Document, "export", auditNote(note, append([]string{strconv.Itoa(e.Records), e.File}, e.Fields...)...))
	})
	if err != nil {
		return classify("record export", s.path, err)
	}
	return nil
}
