package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
)

// classifierEditor is a list of entries beside the form of the chosen one,
// in a dialog: the service types and the target groups are both edited so.
type classifierEditor struct {
	ui      *UI
	closed  func() // after the dialog closes: the screen reads the list again
	count   func() int
	label   func(i int) string
	load    func(i int) // i < 0: a new entry
	save    func() error
	reload  func() error
	list    *widget.List
	message *widget.Label
	chosen  int
}

func (c *classifierEditor) show(title string, form fyne.CanvasObject, extra ...fyne.CanvasObject) {
	c.message = widget.NewLabel("")
	c.message.Wrapping = fyne.TextWrapWord
	c.list = widget.NewList(c.count,
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(c.label(i)) })
	c.list.OnSelected = func(i widget.ListItemID) { c.chosen = i; c.load(i); c.message.SetText("") }
	c.chosen = -1
	c.load(-1)
	newButton := widget.NewButton(T("classifier.new"), func() { c.chosen = -1; c.list.UnselectAll(); c.load(-1) })
	saveButton := widget.NewButton(T("button.save"), c.onSave)
	saveButton.Importance = widget.HighImportance
	buttons := container.NewHBox(append([]fyne.CanvasObject{newButton, saveButton}, extra...)...)
	right := container.NewVBox(form, buttons, c.message)
	content := container.NewHSplit(c.list, container.NewVScroll(right))
	d := dialog.NewCustom(title, T("classifier.close"), content, c.ui.win)
	d.SetOnClosed(c.closed)
	d.Resize(fyne.NewSize(980, 600))
	d.Show()
}

func (c *classifierEditor) onSave() {
	if err := c.save(); err != nil {
		c.message.SetText(ErrorMessage(err))
		c.message.Importance = widget.DangerImportance
		c.message.Refresh()
		return
	}
	if err := c.reload(); err != nil {
		c.ui.showError(err)
	}
	c.list.Refresh()
	c.message.SetText(T("settings.saved"))
	c.message.Importance = widget.SuccessImportance
	c.message.Refresh()
}

// refresh reads the classifiers again and rebuilds the table's filters.
func (s *catalogueScreen) refresh() {
	if s.loadClassifiers() && s.form == nil {
		s.body.Objects = []fyne.CanvasObject{s.buildList()}
		s.body.Refresh()
	}
}

// typesEditor edits the country's classifier of service types.
type typesEditor struct {
	classifierEditor
	screen                          *catalogueScreen
	code, name, parent, description *widget.Entry
	retired                         *widget.Check
}

func showServiceTypes(s *catalogueScreen) *typesEditor {
	e := &typesEditor{code: widget.NewEntry(), name: widget.NewEntry(), parent: widget.NewEntry(), description: widget.NewMultiLineEntry(),
		retired: widget.NewCheck(T("classifier.retired"), nil), screen: s}
	e.description.Wrapping = fyne.TextWrapWord
	e.classifierEditor = classifierEditor{ui: s.ui, closed: s.refresh,
		count: func() int { return len(s.types) },
		label: func(i int) string { return indentFor(s.types, s.types[i]) + typeLabel(s.types[i]) },
		load: func(i int) {
			t := data.ServiceType{}
			if i >= 0 {
				t = s.types[i]
			}
			e.code.SetText(t.Code)
			e.name.SetText(t.Name)
			e.parent.SetText(t.ParentCode)
			e.description.SetText(t.Description)
			e.retired.SetChecked(t.Retired)
		},
		save: func() error {
			t := data.ServiceType{Country: s.country, Code: e.code.Text, Name: e.name.Text, ParentCode: e.parent.Text,
				Description: e.description.Text, Retired: e.retired.Checked}
			if e.chosen >= 0 {
				t.ID = s.types[e.chosen].ID
			}
			return s.store.SaveServiceType(context.Background(), &t)
		},
		reload: func() error {
			var err error
			s.types, err = s.store.ServiceTypes(context.Background(), s.country)
			return err
		},
	}
	form := formGrid(newField("code", e.code), newField("name", e.name), newField("parent_code", e.parent),
		newField("description", e.description))
	importButton := widget.NewButton(T("classifier.import"), func() {
		dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			defer r.Close()
			t, err := data.ReadTable(r, r.URI().Name())
			if err != nil {
				s.ui.showError(err)
				return
			}
			e.importTable(t)
		}, s.ui.win).Show()
	})
	e.show(T("catalogue.types")+" — "+T("country."+string(s.country)), container.NewVBox(form, e.retired), importButton)
	return e
}

// indentFor indents an entry under its parent in the list.
func indentFor(types []data.ServiceType, t data.ServiceType) string {
	depth := 0
	for parent := t.ParentCode; parent != "" && depth < 5; depth++ {
		next := ""
		for _, p := range types {
			if p.Code == parent {
				next = p.ParentCode
			}
		}
		parent = next
	}
	return strings.Repeat("    ", depth)
}

// importTable imports a classifier, all or nothing, and reports the
// rejected rows.
func (e *typesEditor) importTable(t data.Table) {
	s := e.screen
	rejected, err := s.store.ImportServiceTypes(context.Background(), s.country, data.ClassifierRows(t))
	if err != nil {
		var lines []string
		for _, r := range rejected {
			var msgs []string
			for _, p := range r.Problems {
				msgs = append(msgs, FieldMessage(p))
			}
			lines = append(lines, T("import.line", "n", fmt.Sprint(r.Line))+": "+strings.Join(msgs, "; "))
		}
		text := ErrorMessage(err)
		if len(rejected) > 0 {
			text = Plural("import.rows_rejected", len(rejected)) + " " + T("import.all_or_nothing") + "\n" + strings.Join(lines, "\n")
		}
		e.message.SetText(text)
		e.message.Importance = widget.DangerImportance
		e.message.Refresh()
		return
	}
	if err := e.reload(); err != nil {
		s.ui.showError(err)
	}
	e.list.Refresh()
	e.message.SetText(Plural("import.rows_ok", len(t.Rows)))
	e.message.Importance = widget.SuccessImportance
	e.message.Refresh()
}

// namedListEditor edits a list of names that can be retired: the target
// groups of the catalogue, the vulnerability factors of cases.
type namedListEditor struct {
	classifierEditor
	name    *widget.Entry
	retired *widget.Check
}

// namedList is what a namedListEditor edits.
type namedList struct {
	title  string
	count  func() int
	entry  func(i int) data.NamedEntry
	save   func(data.NamedEntry) error
	reload func() error
}

func showNamedList(ui *UI, country data.Country, l namedList, closed func()) *namedListEditor {
	e := &namedListEditor{name: widget.NewEntry(), retired: widget.NewCheck(T("classifier.retired"), nil)}
	e.classifierEditor = classifierEditor{ui: ui, closed: closed,
		count: l.count,
		label: func(i int) string {
			g := l.entry(i)
			if g.Retired {
				return g.Name + " (" + T("catalogue.retired") + ")"
			}
			return g.Name
		},
		load: func(i int) {
			g := data.NamedEntry{}
			if i >= 0 {
				g = l.entry(i)
			}
			e.name.SetText(g.Name)
			e.retired.SetChecked(g.Retired)
		},
		save: func() error {
			g := data.NamedEntry{Country: country, Name: e.name.Text, Retired: e.retired.Checked}
			if e.chosen >= 0 {
				g.ID = l.entry(e.chosen).ID
			}
			return l.save(g)
		},
		reload: l.reload,
	}
	e.show(l.title, container.NewVBox(formGrid(newField("name", e.name)), e.retired))
	return e
}

func showTargetGroups(s *catalogueScreen) *namedListEditor {
	return showNamedList(s.ui, s.country, namedList{
		title: T("catalogue.groups"),
		count: func() int { return len(s.groups) },
		entry: func(i int) data.NamedEntry { return s.groups[i].NamedEntry },
		save: func(e data.NamedEntry) error {
			return s.store.SaveTargetGroup(context.Background(), &data.TargetGroup{NamedEntry: e})
		},
		reload: func() error {
			var err error
			s.groups, err = s.store.TargetGroups(context.Background(), s.country)
			return err
		},
	}, s.refresh)
}
