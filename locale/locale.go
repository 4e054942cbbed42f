// Package locale finds the language of the system Spilno runs on, without
// Fyne: the window and the headless commands both start from it.
//
// It also keeps Fyne quiet about the C locale. Fyne's lang package reads
// the locale in its init and logs "Error parsing user locale C" for
// LANG=C.UTF-8 (which Debian containers and many CI machines set), in any
// program that links it, headless commands included. Go initialises
// packages in the order of their import paths, each once all it imports is
// initialised; Fyne's lang imports text/template, which sorts after
// "spilno/locale", so this package, importing only what text/template
// already needs, is initialised before Fyne's lang. Its init then tells
// Fyne, through LANGUAGE (which is read before LANG unless the locale is
// plain C or POSIX), the language a C locale means anyway: English.
// cli's TestNoCommandPrintsAFyneMessageUnderTheCLocale guards this.
package locale

import (
	"os"
	"strings"

	golocale "github.com/jeandeaual/go-locale"
)

// system is the system's language code, read once, before init changes
// the environment.
var system = lookup()

func init() {
	if cLocale() && os.Getenv("LANGUAGE") == "" {
		os.Setenv("LANGUAGE", "en")
	}
}

// Language is the two-letter code of the system's language ("uk", "cs"),
// or "" for the C and POSIX locales and when the system says nothing.
func Language() string { return system }

func lookup() string {
	if cLocale() {
		return ""
	}
	code, err := golocale.GetLanguage()
	if err != nil {
		return ""
	}
	code = strings.ToLower(code)
	if len(code) > 2 {
		code = code[:2]
	}
	return code
}

// cLocale tells whether the environment asks for the C or POSIX locale
// ("C", "C.UTF-8", "POSIX"): no language at all.
func cLocale() bool {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			return v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.")
		}
	}
	return false
}
