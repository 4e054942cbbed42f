package office

import (
	"errors"
	"path/filepath"
	"strings"

	"spilno/data"
	"spilno/demo"
	"spilno/hsds"
	"spilno/i18n"
	"spilno/reports"
)

// ErrorMessage turns any error from data/ into a sentence for a clerk, in
// the current language. Headless commands print the same sentences.
func ErrorMessage(err error) string {
	if errors.Is(err, demo.ErrNotEmpty) {
		return i18n.T("error.demo_not_empty")
	}
	var long reports.TooLongToPrint
	if errors.As(err, &long) {
		return i18n.Plural("error.too_long_to_print", long.Rows, "max", i18n.FormatInt(reports.MaxPrintedRows))
	}
	var invalid *hsds.InvalidError
	if errors.As(err, &invalid) {
		return i18n.T("exchange.invalid_export", "record", invalid.Table+" «"+invalid.Name+"» ("+invalid.ID+")",
			"field", invalid.Field, "problem", invalid.Message)
	}
	e := data.AsError(err)
	switch e.Code {
	case data.EInvalid:
		var lines []string
		for _, f := range e.Fields {
			lines = append(lines, FieldMessage(f))
		}
		header := i18n.T("error.check")
		if e.Op == "" || strings.HasPrefix(e.Op, "save") {
			header = i18n.T("error.invalid") // "Not saved": the user pressed Save
		}
		return header + "\n" + strings.Join(lines, "\n")
	case data.EInUse:
		return i18n.Plural("error.in_use", e.Count)
	case data.ENotFound:
		return i18n.T("error.not_found")
	case data.ELocked:
		return i18n.T("error.locked", "path", e.Path)
	case data.EBusy:
		return i18n.T("error.busy")
	case data.ENewer:
		return i18n.T("error.newer", "path", e.Path)
	case data.ENotDB:
		return i18n.T("error.not_db", "path", e.Path)
	case data.ECorrupt:
		if e.Backup != "" {
			return i18n.T("error.corrupt_with_backup", "path", e.Path, "backup", filepath.Base(e.Backup))
		}
		return i18n.T("error.corrupt", "path", e.Path)
	case data.EReadOnly:
		return i18n.T("error.read_only", "path", e.Path)
	case data.EDiskFull:
		return i18n.T("error.disk_full")
	case data.ENoFile:
		return i18n.T("error.no_file", "path", e.Path)
	case data.ENoFolder:
		return i18n.T("error.no_folder", "path", e.Path)
	case data.EApproved:
		return i18n.T("error.approved")
	case data.EFrozen:
		return i18n.T("error.frozen")
	case data.EBadFile:
		if strings.HasPrefix(e.Op, "read hsds") || strings.HasPrefix(e.Op, "read register") || strings.HasPrefix(e.Op, "read code list") {
			return i18n.T("error.bad_exchange_file", "path", filepath.Base(e.Path))
		}
		return i18n.T("error.bad_file", "path", filepath.Base(e.Path))
	case data.ETooBig:
		return i18n.T("error.too_big", "path", filepath.Base(e.Path), "rows", i18n.FormatInt(e.Count), "mb", i18n.FormatInt(data.MaxUnpackedMB))
	case data.EBadBackup:
		return i18n.T("error.bad_backup", "path", filepath.Base(e.Path))
	}
	return i18n.T("error.internal", "detail", err.Error())
}

// FieldMessage says which field broke which rule: "E-mail: not a valid
// address". Contact fields read "Contact 2, phone: …".
func FieldMessage(f data.FieldError) string {
	return FieldLabel(f.Field) + ": " + RuleMessage(f)
}

// FieldLabel is the translated name of a field key such as "email" or
// "contacts.2.phone".
func FieldLabel(field string) string {
	// Protocol fields: "situation.2.step.3.deadline", "common.step.1.title", "participant.4.organization".
	parts := strings.Split(field, ".")
	if len(parts) >= 3 && (parts[0] == "situation" || parts[0] == "common" || parts[0] == "participant") {
		var where []string
		rest := parts
		switch parts[0] {
		case "situation":
			where, rest = append(where, i18n.T("protocol.situation")+" "+parts[1]), parts[2:]
		case "participant":
			where, rest = append(where, i18n.T("protocol.participant_n", "n", parts[1])), parts[2:]
		case "common":
			where, rest = append(where, i18n.T("protocol.common_steps")), parts[1:]
		}
		if len(rest) >= 3 && rest[0] == "step" {
			where, rest = append(where, i18n.T("protocol.step_n", "n", rest[1])), rest[2:]
		}
		return strings.Join(where, ", ") + ", " + strings.ToLower(i18n.T("protocol.field."+rest[0]))
	}
	// Assessment rows: "assessment.indicator.2.value" reads "Indicator 2, number".
	if rest, ok := strings.CutPrefix(field, "assessment."); ok {
		if p := strings.Split(rest, "."); len(p) == 3 {
			return i18n.T("assessment.row."+p[0], "n", p[1]) + ", " + strings.ToLower(i18n.T("assessment.field."+p[2]))
		}
	}
	if rest, ok := strings.CutPrefix(field, "contacts."); ok {
		n, sub, _ := strings.Cut(rest, ".")
		return i18n.T("field.contact_n", "n", n) + ", " + strings.ToLower(i18n.T("field.contact_"+sub))
	}
	return i18n.T("field." + field)
}

// RuleMessage is the translated rule a field broke.
func RuleMessage(f data.FieldError) string {
	if strings.HasPrefix(f.Rule, "registry_length_") {
		return i18n.T("rule.registry_length", "n", f.Param, "id", i18n.T("registry."+strings.TrimPrefix(f.Rule, "registry_length_")))
	}
	if f.Rule == "not_before_previous" {
		return i18n.T("rule."+f.Rule, "n", i18n.FormatStamp(f.Param))
	}
	return i18n.T("rule."+f.Rule, "n", f.Param)
}
