package reports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"spilno/data"
	"spilno/i18n"
)

// AuditLabel is the words for a kind of record or an action of the audit
// log in lang: a referral's move is named as its status; a value this
// Spilno has no words for is shown as it is stored.
func AuditLabel(lang, kind, value string) string {
	key := "audit." + kind + "." + value
	if kind == "action" && i18n.Has("status.referral."+value) {
		key = "status.referral." + value
	}
	if !i18n.Has(key) {
		return value
	}
	return i18n.In(lang, key)
}

// auditNoteValues names the values of each kind of audit note, in order,
// as its text (audit.note.KEY) uses them; what follows them is a list:
// fields of a document (export) or changes of a setting (field, was, is).
var auditNoteValues = map[string][]string{
	"anonymise": {"n", "date"}, "holidays": {"n"}, "referrals_import": {"n"}, "services_import": {"n", "new"},
	"protocol_update": {"v", "title", "situations", "steps"}, "protocol_approve": {"v", "body", "number", "date"},
	"assessment_approve":   {"title", "body", "number", "date"},
	"protocol_new_version": {"v", "from"}, "protocol_create": {"v", "title"}, "letter_outgoing": {"referral", "number", "date"},
	"export": {"n", "file"}, "export_protected": {"n", "file"}, "settings": {}, "renamed": {"was", "is"},
}

// AuditRecord is the identifier of an audit row's record as the reader
// sees it: the kind of an exported document, not its code; nothing for the
// one settings record; an organization's or a case's identifier as it is.
func AuditRecord(lang string, e data.AuditEntry) string {
	switch e.Entity {
	case "export":
		return AuditLabel(lang, "document", e.EntityID)
	case "settings":
		return ""
	}
	return e.EntityID
}

// AuditSummary words an audit summary in lang: a note written by the
// store in the reader's language, any other summary (a name) as it is.
func AuditSummary(lang, summary string) string {
	key, values, ok := data.AuditNote(summary)
	names, known := auditNoteValues[key]
	if !ok || !known || len(values) < len(names) {
		return summary
	}
	var pairs []string
	for i, name := range names {
		pairs = append(pairs, name, auditValue(lang, values[i]))
	}
	var list []string
	rest := values[len(names):]
	for i := 0; i < len(rest); i++ {
		if key != "settings" {
			list = append(list, fieldLabel(lang, rest[i]))
		} else if i+2 < len(rest) {
			list = append(list, fieldLabel(lang, rest[i])+": "+rest[i+1]+" → "+rest[i+2])
			i += 2
		}
	}
	return i18n.In(lang, "audit.note."+key, append(pairs, "list", strings.Join(list, "; "))...)
}

// auditValue shows a count as a number and a day as a date of lang.
func auditValue(lang, v string) string {
	if n, err := strconv.Atoi(v); err == nil {
		return i18n.FormatIntIn(lang, n)
	}
	if _, err := time.Parse(time.DateOnly, v); err == nil {
		return i18n.FormatDayIn(lang, v)
	}
	return v
}

func fieldLabel(lang, field string) string {
	if i18n.Has("field." + field) {
		return i18n.In(lang, "field."+field)
	}
	return field
}

var auditWidths = []float64{18, 24, 22, 38, 20, 70}

// AuditXLSX writes rows of the audit log as a spreadsheet: when, who, the
// kind of record and which one, the action and what it did.
func AuditXLSX(ctx context.Context, w io.Writer, entries []data.AuditEntry, o Options) error {
	sheet := o.t("audit.sheet")
	f, styles, err := newBook(sheet)
	if err != nil {
		return fmt.Errorf("audit xlsx: %w", err)
	}
	defer f.Close()
	var titles []string
	for _, col := range []string{"at", "operator", "entity", "entity_id", "action", "summary"} {
		titles = append(titles, o.t("audit.col_"+col))
	}
	sw, err := startSheet(f, sheet, o.t("audit.title"), auditWidths, titles, len(entries), o)
	if err != nil {
		return fmt.Errorf("audit xlsx: %w", err)
	}
	for i, e := range entries {
		if i%500 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		var at any = e.At
		if t, ok := stampTime(e.At); ok {
			at = excelize.Cell{StyleID: styles.dateTime, Value: t}
		}
		row := []any{at, e.Operator, AuditLabel(o.Lang, "entity", e.Entity), AuditRecord(o.Lang, e), AuditLabel(o.Lang, "action", e.Action), AuditSummary(o.Lang, e.Summary)}
		if err := streamRow(sw, i, row); err != nil {
			return fmt.Errorf("audit xlsx: %w", err)
		}
		o.progress(i+1, len(entries))
	}
	err = finishStream(f, sw, len(titles), len(entries))
	if err == nil {
		err = writeBook(f, w, o.Password)
	}
	if err != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("audit xlsx: %w", err)
	}
	return err
}
