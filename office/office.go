// Package office is what the window and the headless commands share, and
// what neither should hold alone: the documents Spilno writes (read from
// the store, written by reports, put in place whole), the referral letter's
// assembly, the dashboard's summary, a deadline in words, the sentences that
// tell a clerk what went wrong, and where the databases live. It imports no
// Fyne, so `spilno export …` and `spilno demo …` never start the GUI toolkit.
package office

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"

	"spilno/i18n"
	"spilno/locale"
)

// SystemLanguage is the system's language when Spilno speaks it, else
// English; LANG=C and unknown locales give English without complaint.
func SystemLanguage() string {
	if code := locale.Language(); slices.Contains(i18n.Languages, code) {
		return code
	}
	return "en"
}

// Launch says which database the window opens.
type Launch struct {
	DBPath   string // the database to open
	DemoPath string // where the demo database lives
	Demo     bool   // open the demo database, writing it when new
	Welcome  bool   // no database yet: offer to start empty or with the demo
	Missing  bool   // the database the user named does not exist: ask before making it
	Version  string // Spilno's version, for the About dialog
}

// DataDir is where the databases live unless --db says otherwise: the
// platform's folder for a user's application data.
func DataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "spilno")
	}
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		// %LOCALAPPDATA%, not the roaming %APPDATA%: a roaming profile is
		// copied to a server at every logoff, a database with it.
		if d, err := os.UserCacheDir(); err == nil {
			return filepath.Join(d, "Spilno")
		}
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "Spilno")
	}
	return filepath.Join(home, ".local", "share", "spilno")
}

// DatabasePath is the user's own database; DemoPath the demo's, beside it
// and never mixed with it.
func DatabasePath() string { return filepath.Join(DataDir(), "spilno.db") }
func DemoPath() string     { return filepath.Join(DataDir(), "spilno-demo.db") }
