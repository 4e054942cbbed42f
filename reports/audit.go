package reports

import (
	"context"
	"errors"
	"fmt"
	"io"

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

var auditWidths = []float64{18, 24, 22, 38, 20, 70}

// AuditXLSX writes rows of the audit log as a spreadsheet: when, who, the
// kind of record and which one, the action and what it did.
func AuditXLSX(ctx context.Context, w io.Writer, entries []data.AuditEntry, o Options) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := o.t("audit.sheet")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("audit xlsx: %w", err)
	}
	dateTime, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	if err != nil {
		return fmt.Errorf("audit xlsx: %w", err)
	}
	var titles []string
	for _, col := range []string{"at", "operator", "entity", "entity_id", "action", "summary"} {
		titles = append(titles, o.t("audit.col_"+col))
	}
	sw, err := streamSheet(f, sheet, auditWidths, titles)
	if err != nil {
		return fmt.Errorf("audit xlsx: %w", err)
	}
	for i, e := range entries {
		if i%500 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		var at any = e.At
		if t, ok := stampTime(e.At); ok {
			at = excelize.Cell{StyleID: dateTime, Value: t}
		}
		row := []any{at, e.Operator, AuditLabel(o.Lang, "entity", e.Entity), e.EntityID, AuditLabel(o.Lang, "action", e.Action), e.Summary}
		if err := streamRow(sw, i, row); err != nil {
			return fmt.Errorf("audit xlsx: %w", err)
		}
		o.progress(i+1, len(entries))
	}
	err = finishStream(sw, "audit", len(titles), len(entries))
	if err == nil {
		err = writeBook(f, w, o.Password)
	}
	if err != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("audit xlsx: %w", err)
	}
	return err
}
