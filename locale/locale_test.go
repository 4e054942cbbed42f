package locale

import (
	"bytes"
	"log"
	"os"
	"testing"
)

func TestTheSystemLanguageIsReadQuietly(t *testing.T) {
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	for env, want := range map[string]string{"C": "", "C.UTF-8": "", "POSIX": "", "POSIX.UTF-8": "", "uk_UA.UTF-8": "uk", "cs_CZ.UTF-8": "cs", "pl_PL": "pl", "de_DE.UTF-8": "de", "": ""} {
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANGUAGE", "")
		t.Setenv("LANG", env)
		if got := lookup(); got != want {
			t.Errorf("LANG=%q: %s, want %s", env, got, want)
		}
	}
	if logged.Len() > 0 {
		t.Errorf("locale detection printed: %s", logged.String())
	}
}
