//go:build linux

package office

import (
	"path/filepath"
	"syscall"
)

// network file systems as statfs names them
var networkFS = map[int64]bool{
	0x6969:     true, // NFS
	0x517b:     true, // SMB
	0xff534d42: true, // CIFS
	0xfe534d42: true, // SMB2
	0x65735546: true, // FUSE: sshfs, rclone, Google Drive mounts
	0x564c:     true, // NCP
	0x47504653: true, // GPFS
	0x0bd00bd0: true, // Lustre
}

// onNetworkDrive says whether path's folder is on a network file system.
func onNetworkDrive(path string) bool {
	var st syscall.Statfs_t
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		if err := syscall.Statfs(dir, &st); err == nil {
			return networkFS[int64(st.Type)]
		}
		if filepath.Dir(dir) == dir {
			return false
		}
	}
}
