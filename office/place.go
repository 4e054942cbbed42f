package office

import (
	"os"
	"path/filepath"
	"strings"

	"spilno/i18n"
)

// Place says why a folder is unsafe for a database, or "" when it is not:
// SQLite's locks do not hold across a network share, and a sync client
// (OneDrive, Dropbox, Google Drive …) copies a database while it is being
// written or puts an older copy back, which damages it.
type Place string

const (
	SafePlace    Place = ""
	NetworkPlace Place = "network"
	SyncedPlace  Place = "synced"
)

// syncedFolders are names that sync clients give their folders.
var syncedFolders = []string{"onedrive", "dropbox", "google drive", "googledrive", "my drive", "icloud drive",
	"iclouddrive", "nextcloud", "owncloud", "yandex.disk", "mega", "box sync", "sync.com"}

// PlaceOf says whether the database at path lies in a network share or a
// synchronised folder.
func PlaceOf(path string) Place {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	if strings.HasPrefix(abs, `\\`) || strings.HasPrefix(abs, "//") || onNetworkDrive(abs) {
		return NetworkPlace
	}
	for _, v := range []string{"OneDrive", "OneDriveCommercial", "OneDriveConsumer"} {
		if root := os.Getenv(v); root != "" && within(abs, root) {
			return SyncedPlace
		}
	}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		name := strings.ToLower(filepath.Base(dir))
		for _, synced := range syncedFolders {
			if name == synced || strings.HasPrefix(name, synced+" -") || strings.HasPrefix(name, synced+" (") {
				return SyncedPlace
			}
		}
		if parent := filepath.Dir(dir); parent == dir {
			return SafePlace
		}
	}
}

// Warning is the sentence that tells the user why the place is unsafe and
// what to do, in the current language; "" for a safe place.
func (p Place) Warning(path string) string {
	if p == SafePlace {
		return ""
	}
	return i18n.T("place."+string(p), "path", path)
}

// within says whether path lies in the folder root (any case: Windows).
func within(path, root string) bool {
	rel, err := filepath.Rel(strings.ToLower(filepath.Clean(root)), strings.ToLower(path))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
