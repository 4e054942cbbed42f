//go:build !linux && !windows

package office

// onNetworkDrive is not known on this system; paths and sync folders
// still are.
func onNetworkDrive(string) bool { return false }
