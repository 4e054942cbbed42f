//go:build ci || android || ios || mobile || wasm || js

package app

// workArea is unknown without a desktop driver.
func workArea() (width, height int) { return 0, 0 }
