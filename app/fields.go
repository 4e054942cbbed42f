package app

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/i18n"
	"spilno/office"
)

// field is one labelled input of a form with the message of its broken
// rule right under it.
type field struct {
	key     string // the data/ field key, e.g. "email"
	label   *widget.Label
	input   fyne.CanvasObject
	problem *widget.Label
	touched bool // the user changed it: its problems show while typing
}

func newField(key string, input fyne.CanvasObject) *field {
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	return &field{key: key, label: widget.NewLabel(T("field." + key)), input: input, problem: problem}
}

// setProblem shows msg under the input, or hides the line when msg is "".
func (f *field) setProblem(msg string) {
	f.problem.SetText(msg)
	if msg == "" {
		f.problem.Hide()
	} else {
		f.problem.Show()
	}
}

// dayIn is the day typed in e as YYYY-MM-DD, or "" while it is no date
// (still being typed): a filter it feeds then chooses nothing by it.
func dayIn(e *entry) string {
	if t, err := i18n.ParseDate(e.Text); err == nil {
		return t.Format(time.DateOnly)
	}
	return ""
}

// typedDay is dayIn for a field that validation checks: what is not a
// day is handed on as typed, so that it is refused as "not a date"
// rather than as empty.
func typedDay(e *entry) string {
	if day := dayIn(e); day != "" {
		return day
	}
	return strings.TrimSpace(e.Text)
}

// textEntry is a text input holding value: one line when rows is 0, else
// a wrapping field of at least that many rows.
func textEntry(value string, rows int) *entry {
	e := newEntry()
	if rows > 0 {
		e = newMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(rows)
	}
	e.SetText(value)
	return e
}

// formGrid lays fields out as label | input-with-problem rows.
func formGrid(fields ...*field) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, f := range fields {
		objs = append(objs, f.label, container.NewVBox(f.input, f.problem))
	}
	return container.New(layoutForm(), objs...)
}

// actionRow lays a screen's buttons out in a row that wraps onto a second
// line rather than make the window wider than a small screen.
func actionRow(buttons ...fyne.CanvasObject) *fyne.Container {
	return container.New(&wrapRows{}, buttons...)
}

// wrapRows lays objects out in rows that wrap at the width it is given.
// Fyne's RowWrapLayout takes the width it was last laid out at as its
// minimum, so a window once widened could not be narrowed again; here
// the minimum width is the widest object's, and the height that of the
// rows at the last layout (Fyne lays the parent out again when it grows).
type wrapRows struct{ height float32 }

func (w *wrapRows) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var size fyne.Size
	for _, o := range objects {
		if o.Visible() {
			size = size.Max(o.MinSize())
		}
	}
	return fyne.NewSize(size.Width, max(size.Height, w.height))
}

func (w *wrapRows) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	var x, y, rowHeight float32
	for _, o := range objects {
		if o.Visible() {
			rowHeight = max(rowHeight, o.MinSize().Height)
		}
	}
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		if x > 0 && x+s.Width > size.Width {
			x, y = 0, y+rowHeight+pad
		}
		o.Resize(s)
		o.Move(fyne.NewPos(x, y))
		x += s.Width + pad
	}
	w.height = y + rowHeight
}

// wrapped is a line of text that wraps to the width it is given.
func wrapped(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	return l
}

// layoutForm is the label | input layout of every form.
func layoutForm() fyne.Layout { return layout.NewFormLayout() }

// problemsFor joins the messages of the problems on one field key.
func problemsFor(problems []data.FieldError, key string) string {
	var msgs []string
	for _, p := range problems {
		if p.Field == key {
			msgs = append(msgs, office.RuleMessage(p))
		}
	}
	return strings.Join(msgs, "; ")
}

// problemsUnder joins the messages of the problems whose key starts with
// prefix, each with its field's label (used for a contact row).
func problemsUnder(problems []data.FieldError, prefix string) string {
	var msgs []string
	for _, p := range problems {
		if strings.HasPrefix(p.Field, prefix) {
			msgs = append(msgs, office.FieldMessage(p))
		}
	}
	return strings.Join(msgs, "; ")
}

// choice is a Select whose options are translated labels of stable keys.
// Put choice.selectBox, not the choice, into a container: Fyne renders and
// refreshes the inner widget.
type choice[K ~string] struct {
	*selectBox
	keys []K
}

func newChoice[K ~string](keys []K, label func(K) string, changed func()) *choice[K] {
	opts := make([]string, len(keys))
	for i, k := range keys {
		opts[i] = label(k)
	}
	c := &choice[K]{keys: keys}
	c.selectBox = newSelect(opts, func(string) {
		if changed != nil {
			changed()
		}
	})
	return c
}

// withAll adds a first option, "(all)", whose key is "": a filter that
// filters nothing.
func (c *choice[K]) withAll() {
	c.keys = append([]K{""}, c.keys...)
	c.Options = append([]string{T("common.all")}, c.Options...)
}

// key is the chosen key, or "" when nothing is chosen.
func (c *choice[K]) key() K {
	i := c.SelectedIndex()
	if i < 0 {
		return ""
	}
	return c.keys[i]
}

// setKey chooses k, or clears the choice when k is not offered.
func (c *choice[K]) setKey(k K) {
	for i, x := range c.keys {
		if x == k {
			c.SetSelectedIndex(i)
			return
		}
	}
	c.ClearSelected()
}

// checkGrid is a set of check boxes laid out in rows that wrap, so that a
// long list of long labels (target groups) does not make the form wider
// than the window, as columns of the widest label would.
type checkGrid struct {
	checks []*checkBox
	box    *fyne.Container
}

func newCheckGrid(labels []string, chosen []string, changed func()) *checkGrid {
	g := &checkGrid{}
	var objs []fyne.CanvasObject
	for _, l := range labels {
		c := newCheck(l, nil)
		for _, ch := range chosen {
			if ch == l {
				c.SetChecked(true)
			}
		}
		c.OnChanged = func(bool) { changed() }
		g.checks = append(g.checks, c)
		objs = append(objs, c)
	}
	g.box = container.New(&wrapRows{}, objs...)
	return g
}

// selected lists the labels of the ticked boxes, in their order.
func (g *checkGrid) selected() []string {
	var out []string
	for _, c := range g.checks {
		if c.Checked {
			out = append(out, c.Text)
		}
	}
	return out
}

// optionalSelect is a filter's Select: "(all)" first, then options; index
// i > 0 stands for options[i-1].
func optionalSelect(placeholder string, options []string, changed func()) *selectBox {
	sel := newSelect(append([]string{T("common.all")}, options...), func(string) { changed() })
	sel.PlaceHolder = placeholder
	return sel
}

// selectWhere chooses the option of the first element of list that matches.
func selectWhere[E any](sel *selectBox, list []E, match func(E) bool) {
	if i := slices.IndexFunc(list, match); i >= 0 {
		sel.SetSelectedIndex(i)
	}
}

// quietly changes a Select without calling its OnChanged: the screen sets
// what it shows, the user did not choose.
func quietly(sel *selectBox, change func()) {
	handler := sel.OnChanged
	sel.OnChanged = nil
	change()
	sel.OnChanged = handler
}

// mapped applies f to each element of list.
func mapped[E, R any](list []E, f func(E) R) []R {
	out := make([]R, len(list))
	for i, v := range list {
		out[i] = f(v)
	}
	return out
}

// names is the labels of a list, as a Select offers them.
func names[E any](list []E, name func(E) string) []string { return mapped(list, name) }
