package app

import (
	"bytes"
	"errors"
	"log"
	"os"
	"strings"
	"testing"

	"spilno/data"
)

func TestErrorMessagesAreSentencesInEveryLanguage(t *testing.T) {
	defer SetLanguage("en")
	errs := []error{
		&data.Error{Code: data.EInvalid, Fields: []data.FieldError{{Field: "email", Rule: "email"}, {Field: "registry_id", Rule: "registry_length_cz", Param: "8"}}},
		&data.Error{Code: data.EInUse, Count: 3}, &data.Error{Code: data.ENotFound},
		&data.Error{Code: data.ELocked, Path: "/x/spilno.db"}, &data.Error{Code: data.ENewer},
		&data.Error{Code: data.ENotDB}, &data.Error{Code: data.ECorrupt}, &data.Error{Code: data.ECorrupt, Backup: "/b/x.db"},
		&data.Error{Code: data.EReadOnly}, &data.Error{Code: data.EDiskFull}, &data.Error{Code: data.ENoFolder},
		&data.Error{Code: data.EBadBackup}, errors.New("boom"),
	}
	for _, code := range Languages {
		SetLanguage(code)
		for _, err := range errs {
			msg := ErrorMessage(err)
			if msg == "" || strings.Contains(msg, "error.") || strings.Contains(msg, "rule.") || strings.Contains(msg, "field.") || strings.Contains(msg, "{") {
				t.Errorf("%s: %v → %q", code, err, msg)
			}
		}
	}
	SetLanguage("cs")
	msg := ErrorMessage(errs[0])
	if !strings.Contains(msg, "E-mail: neplatná e-mailová adresa") || !strings.Contains(msg, "Identifikační číslo: IČO má 8 číslic") {
		t.Errorf("cs invalid: %q", msg)
	}
	SetLanguage("uk")
	if got := ErrorMessage(&data.Error{Code: data.EInUse, Count: 5}); !strings.Contains(got, "5 записів") {
		t.Errorf("uk plural: %q", got)
	}
}

func TestSystemLanguageFallsBackToEnglishQuietly(t *testing.T) {
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	for env, want := range map[string]string{"C": "en", "C.UTF-8": "en", "POSIX": "en", "uk_UA.UTF-8": "uk", "cs_CZ.UTF-8": "cs", "pl_PL": "pl", "de_DE.UTF-8": "en", "": "en"} {
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANGUAGE", "")
		t.Setenv("LANG", env)
		if got := SystemLanguage(); got != want {
			t.Errorf("LANG=%q: %s, want %s", env, got, want)
		}
	}
	if logged.Len() > 0 {
		t.Errorf("locale detection printed: %s", logged.String())
	}
}
