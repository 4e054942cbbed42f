//go:build !ci && !android && !ios && !mobile && !wasm && !js

package app

import "github.com/go-gl/glfw/v3.3/glfw"

// workArea is the primary screen's size in pixels less the task bar, or
// zeros when it cannot be told. Fyne does not say it; glfw does, on the
// main thread once the driver has started (Fyne's OnStarted).
func workArea() (width, height int) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0
	}
	_, _, width, height = m.GetWorkarea()
	return width, height
}
