package app

import (
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"

	"spilno/i18n"
)

// The window speaks through package i18n; these short names keep screens readable.
var (
	T              = i18n.T
	Plural         = i18n.Plural
	Language       = i18n.Language
	SetLanguage    = i18n.SetLanguage
	Languages      = i18n.Languages
	FormatInt      = i18n.FormatInt
	FormatSize     = i18n.FormatSize
	FormatDateTime = i18n.FormatDateTime
	FormatDate     = i18n.FormatDate
)

// SystemLanguage is the system locale's language when Spilno speaks it, else
// English; LANG=C and unknown locales give English without complaint.
func SystemLanguage() string {
	if cLocale() {
		return "en"
	}
	code := strings.ToLower(lang.SystemLocale().LanguageString())
	if len(code) >= 2 {
		code = code[:2]
	}
	for _, known := range i18n.Languages {
		if known == code {
			return code
		}
	}
	return "en"
}

// cLocale tells whether the environment asks for the C/POSIX locale
// ("C", "C.UTF-8"), which Fyne's locale parser would log as an error.
func cLocale() bool {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			return v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.")
		}
	}
	return false
}
