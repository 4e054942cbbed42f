package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The test binary runs as spilno itself when asked to, so that a test can
// start it as a user would, in an environment of its own.
func TestMain(m *testing.M) {
	if os.Getenv("SPILNO_TEST_AS_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// TestNoCommandPrintsAFyneMessageUnderTheCLocale runs the binary, which
// links Fyne for the window, under the C locales of servers and containers:
// Fyne's lang package would log "Error parsing user locale C" at start-up
// unless spilno/locale, initialised first, speaks for it.
func TestNoCommandPrintsAFyneMessageUnderTheCLocale(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	for _, lang := range []string{"C.UTF-8", "C", "POSIX", "POSIX.UTF-8", "C.utf8"} {
		for _, args := range [][]string{{"version"}, {"demo", "--db", db + lang, "--referrals", "5"}} {
			t.Run(lang+" "+args[0], func(t *testing.T) {
				cmd := exec.Command(os.Args[0], args...)
				cmd.Env = append(os.Environ(), "SPILNO_TEST_AS_MAIN=1", "LANG="+lang, "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				if err := cmd.Run(); err != nil {
					t.Fatalf("%v: %v\n%s", args, err, stderr.String())
				}
				if stderr.Len() > 0 {
					t.Fatalf("LANG=%s spilno %v printed to stderr:\n%s", lang, args, stderr.String())
				}
			})
		}
	}
}
