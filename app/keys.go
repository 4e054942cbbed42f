package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// dialogKeys is what the keyboard does while a dialog is in front.
type dialogKeys struct {
	cancel  func() // Esc: what Cancel or Close does
	confirm func() // Enter: the dialog's one obvious action; nil when it has none
	save    func() // Ctrl+S: its Save; nil when it saves nothing
}

// keyedDialog is a dialog on show, known by the pop-up that holds it.
type keyedDialog struct {
	popup fyne.CanvasObject
	keys  dialogKeys
}

// keyed holds each window's dialogs on show, newest last. Only the UI
// goroutine touches it, as it touches the dialogs.
var keyed = map[fyne.Canvas][]keyedDialog{}

// showWithKeys shows d and lets the keyboard work it. Fyne's dialogs know
// no keys, so every dialog of the window is shown this way.
func showWithKeys(w fyne.Window, d dialog.Dialog, k dialogKeys) {
	d.Show()
	c := w.Canvas()
	if top := c.Overlays().Top(); top != nil {
		keyed[c] = append(onShow(c), keyedDialog{popup: top, keys: k})
	}
}

// onShow is the keyed dialogs of c still on show.
func onShow(c fyne.Canvas) []keyedDialog {
	var live []keyedDialog
	for _, d := range keyed[c] {
		for _, o := range c.Overlays().List() {
			if o == d.popup && o.Visible() {
				live = append(live, d)
				break
			}
		}
	}
	if len(live) == 0 {
		delete(keyed, c)
	} else {
		keyed[c] = live
	}
	return live
}

// inFront is the keys of the dialog in front; ok is false when no dialog
// of ours is in front (a file chooser, a drop-down's menu).
func inFront(c fyne.Canvas) (k dialogKeys, ok bool) {
	top := c.Overlays().Top()
	if top == nil {
		return k, false
	}
	for _, d := range onShow(c) {
		if d.popup == top {
			return d.keys, true
		}
	}
	return k, false
}

// anyDialog tells whether something covers the window: then the screen's
// own shortcuts wait.
func anyDialog(c fyne.Canvas) bool { return c.Overlays().Top() != nil }

// listenKeys makes Esc and Enter work the dialog in front of w. Inputs
// pass on the keys they have no use for (inputs.go), so this runs whatever
// has the focus.
func listenKeys(w fyne.Window) {
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		keys, ok := inFront(w.Canvas())
		switch {
		case !ok:
		case k.Name == fyne.KeyEscape && keys.cancel != nil:
			keys.cancel()
		case isEnter(k) && keys.confirm != nil:
			keys.confirm()
		}
	})
}
