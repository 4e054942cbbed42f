package office

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"spilno/i18n"
)

// A database in a folder a cloud service synchronises, or on a network
// share, is named as such; one on the computer's own disk is not.
func TestAnUnsafePlaceIsNamed(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("OneDrive", filepath.Join(dir, "Docs"))
	cases := map[string]Place{
		filepath.Join(dir, "Spilno", "spilno.db"):                                SafePlace,
		filepath.Join(dir, "OneDrive - Вишнівська громада", "Соцзахист", "s.db"): SyncedPlace,
		filepath.Join(dir, "Dropbox", "spilno.db"):                               SyncedPlace,
		filepath.Join(dir, "Google Drive", "My Drive", "spilno.db"):              SyncedPlace,
		filepath.Join(dir, "Docs", "spilno.db"):                                  SyncedPlace,
		filepath.Join(dir, "Dropboxes", "spilno.db"):                             SafePlace,
	}
	if runtime.GOOS == "windows" {
		cases[`\\server\social\spilno.db`] = NetworkPlace
	}
	for path, want := range cases {
		if got := PlaceOf(path); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
	defer i18n.SetLanguage("en")
	for _, lang := range i18n.Languages {
		i18n.SetLanguage(lang)
		for _, p := range []Place{NetworkPlace, SyncedPlace} {
			if w := p.Warning("/x/s.db"); !strings.Contains(w, "/x/s.db") || strings.Contains(w, "place.") {
				t.Errorf("%s %s: %q", lang, p, w)
			}
		}
	}
}
