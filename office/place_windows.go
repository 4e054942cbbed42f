//go:build windows

package office

import (
	"path/filepath"

	"golang.org/x/sys/windows"
)

// onNetworkDrive says whether path lies on a mapped network drive.
func onNetworkDrive(path string) bool {
	root := filepath.VolumeName(path) + `\`
	p, err := windows.UTF16PtrFromString(root)
	return err == nil && windows.GetDriveType(p) == windows.DRIVE_REMOTE
}
