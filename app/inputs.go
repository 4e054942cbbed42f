package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The inputs of every screen and dialog. They differ from Fyne's in two
// ways desktop users expect: Tab always moves on (a tab character in an
// address is never meant), and Esc and Enter that the input itself has no
// use for reach the window, where they close or confirm the dialog in front.

// entry is a text input. A read-only one shows its text in the normal
// colour, selectable and copyable, where a disabled one is faint grey: an
// approved protocol is read, not greyed out.
type entry struct {
	widget.Entry
	readOnly bool
}

func newEntry() *entry {
	e := &entry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

func newMultiLineEntry() *entry {
	e := newEntry()
	e.MultiLine = true
	return e
}

func newPasswordEntry() *entry {
	e := newEntry()
	e.Password = true
	return e
}

// AcceptsTab is false even for multi-line text: Tab moves to the next field.
func (e *entry) AcceptsTab() bool { return false }

func (e *entry) TypedKey(k *fyne.KeyEvent) {
	if e.readOnly && !readingKeys[k.Name] {
		passToWindow(e, k)
		return
	}
	enterIsFree := !e.MultiLine && e.OnSubmitted == nil
	if k.Name == fyne.KeyEscape || (enterIsFree && isEnter(k)) {
		if passToWindow(e, k) {
			return
		}
	}
	e.Entry.TypedKey(k)
}

// readOnly keeps an input from being changed: text inputs keep their
// normal colour (see entry), others are disabled.
func readOnly(w fyne.Disableable) {
	switch in := w.(type) {
	case *entry:
		in.readOnly = true
	case *selectBox:
		in.readOnly = true
	default:
		w.Disable()
	}
}

// readingKeys move about a read-only text without changing it.
var readingKeys = map[fyne.KeyName]bool{fyne.KeyUp: true, fyne.KeyDown: true, fyne.KeyLeft: true, fyne.KeyRight: true,
	fyne.KeyHome: true, fyne.KeyEnd: true, fyne.KeyPageUp: true, fyne.KeyPageDown: true}

func (e *entry) TypedRune(r rune) {
	if !e.readOnly {
		e.Entry.TypedRune(r)
	}
}

func (e *entry) TypedShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutCopy, *fyne.ShortcutSelectAll:
	default:
		if e.readOnly {
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// selectBox is a drop-down choice; a read-only one shows its choice in the
// normal colour and does not open.
type selectBox struct {
	widget.Select
	readOnly bool
}

func (s *selectBox) Tapped(e *fyne.PointEvent) {
	if !s.readOnly {
		s.Select.Tapped(e)
	}
}

func (s *selectBox) TypedRune(r rune) {
	if !s.readOnly {
		s.Select.TypedRune(r)
	}
}

func newSelect(options []string, changed func(string)) *selectBox {
	s := &selectBox{}
	s.Options, s.OnChanged = options, changed
	s.PlaceHolder = T("select.placeholder")
	s.ExtendBaseWidget(s)
	return s
}

func (s *selectBox) TypedKey(k *fyne.KeyEvent) {
	if (k.Name == fyne.KeyEscape || s.readOnly) && passToWindow(s, k) {
		return
	}
	s.Select.TypedKey(k)
}

// checkBox is a tick box.
type checkBox struct{ widget.Check }

func newCheck(label string, changed func(bool)) *checkBox {
	c := &checkBox{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *checkBox) TypedKey(k *fyne.KeyEvent) {
	if (k.Name == fyne.KeyEscape || isEnter(k)) && passToWindow(c, k) {
		return
	}
	c.Check.TypedKey(k)
}

func isEnter(k *fyne.KeyEvent) bool {
	return k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter
}

// passToWindow hands a key to the window's own key handler (keys.go), as
// if nothing had the focus; it tells whether the window has one.
func passToWindow(o fyne.CanvasObject, k *fyne.KeyEvent) bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil || c.OnTypedKey() == nil {
		return false
	}
	c.OnTypedKey()(k)
	return true
}
