package office

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"spilno/data"
	"spilno/i18n"
	"spilno/reports"
)

func TestErrorMessagesAreSentencesInEveryLanguage(t *testing.T) {
	defer i18n.SetLanguage("en")
	errs := []error{
		&data.Error{Code: data.EInvalid, Fields: []data.FieldError{{Field: "email", Rule: "email"}, {Field: "registry_id", Rule: "registry_length_cz", Param: "8"}}},
		&data.Error{Code: data.EInUse, Count: 3}, &data.Error{Code: data.ENotFound},
		&data.Error{Code: data.ELocked, Path: "/x/spilno.db"}, &data.Error{Code: data.EBusy}, &data.Error{Code: data.ENewer},
		&data.Error{Code: data.ENotDB}, &data.Error{Code: data.ECorrupt}, &data.Error{Code: data.ECorrupt, Backup: "/b/x.db"},
		&data.Error{Code: data.EReadOnly}, &data.Error{Code: data.EDiskFull}, &data.Error{Code: data.ENoFolder},
		&data.Error{Code: data.EBadBackup}, &data.Error{Code: data.ETooBig, Count: 20000}, errors.New("boom"), fmt.Errorf("export: %w", reports.TooLongToPrint{Rows: 250_000}),
	}
	for _, code := range i18n.Languages {
		i18n.SetLanguage(code)
		for _, err := range errs {
			msg := ErrorMessage(err)
			if msg == "" || strings.Contains(msg, "error.") || strings.Contains(msg, "rule.") || strings.Contains(msg, "field.") || strings.Contains(msg, "{") {
				t.Errorf("%s: %v → %q", code, err, msg)
			}
		}
	}
	i18n.SetLanguage("cs")
	msg := ErrorMessage(errs[0])
	if !strings.Contains(msg, "E-mail: neplatná e-mailová adresa") || !strings.Contains(msg, "Identifikační číslo: IČO má 8 číslic") {
		t.Errorf("cs invalid: %q", msg)
	}
	i18n.SetLanguage("uk")
	if got := ErrorMessage(&data.Error{Code: data.EInUse, Count: 5}); !strings.Contains(got, "5 записів") {
		t.Errorf("uk plural: %q", got)
	}
	if got := ErrorMessage(reports.TooLongToPrint{Rows: 250_000}); !strings.Contains(got, "250\u00a0000 направлень") ||
		!strings.Contains(got, "10\u00a0000") || !strings.Contains(got, "XLSX") {
		t.Errorf("uk too long to print: %q", got)
	}
}

func TestOnlyARefusedSaveSaysNotSaved(t *testing.T) {
	defer i18n.SetLanguage("en")
	i18n.SetLanguage("en")
	fields := []data.FieldError{{Field: "name", Rule: "required"}}
	for _, c := range []struct {
		op, want string
	}{{"save organization", "Not saved."}, {"", "Not saved."}, {"plan import", "Please correct:"}, {"new protocol version", "Please correct:"}} {
		if got := ErrorMessage(&data.Error{Code: data.EInvalid, Op: c.op, Fields: fields}); !strings.HasPrefix(got, c.want) {
			t.Errorf("%q: %q", c.op, got)
		}
	}
}
