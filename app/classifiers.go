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
	"spilno/office"
)

// classifierEditor is a list of entries beside the form of the chosen one,
// in a dialog: the service types, the target groups and the vulnerability
// factors are all edited so.
type classifierEditor[E any] struct {
	ui      *UI
	entries []E
	label   func(E) string
	fill    func(e E)                                   // shows an entry (the zero E: a new one) in the form
	collect func(chosen *E) func(context.Context) error // reads the form into the work that saves it
	read    func(context.Context) ([]E, error)
	closed  func() // after the dialog closes; may be nil
	list    *widget.List
	message *widget.Label
	chosen  int
	reading slot
}

func (c *classifierEditor[E]) show(title string, form fyne.CanvasObject, extra ...fyne.CanvasObject) {
	c.message = widget.NewLabel("")
	c.message.Wrapping = fyne.TextWrapWord
	c.list = widget.NewList(func() int { return len(c.entries) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(c.label(c.entries[i])) })
	c.list.OnSelected = func(i widget.ListItemID) {
		c.chosen = i
		c.fill(c.entries[i])
		setStatus(c.message, "", widget.MediumImportance)
	}
	c.startNew()
	newButton := widget.NewButton(T("classifier.new"), func() { c.list.UnselectAll(); c.startNew() })
	saveButton := widget.NewButton(T("button.save"), c.save)
	saveButton.Importance = widget.HighImportance
	buttons := container.NewHBox(append([]fyne.CanvasObject{newButton, saveButton}, extra...)...)
	right := container.NewVBox(form, buttons, c.message)
	content := container.NewHSplit(c.list, container.NewVScroll(right))
	d := dialog.NewCustom(title, T("classifier.close"), content, c.ui.win)
	if c.closed != nil {
		d.SetOnClosed(c.closed)
	}
	d.Resize(fyne.NewSize(980, 600))
	showWithKeys(c.ui.win, d, dialogKeys{cancel: d.Hide, save: c.save})
	c.reload()
}

func (c *classifierEditor[E]) startNew() {
	var none E
	c.chosen = -1
	c.fill(none)
}

// reload reads the entries again.
func (c *classifierEditor[E]) reload() {
	load(c.ui.runner, &c.reading, nil, c.read, func(list []E) {
		c.entries = list
		c.list.Refresh()
	})
}

func (c *classifierEditor[E]) save() {
	var chosen *E
	if c.chosen >= 0 && c.chosen < len(c.entries) {
		chosen = &c.entries[c.chosen]
	}
	work := c.collect(chosen)
	c.ui.run(task{
		work: func(ctx context.Context, _ func(int, int)) error { return work(ctx) },
		done: func() {
			setStatus(c.message, T("classifier.saved"), widget.SuccessImportance)
			c.reload()
		},
		failed: func(err error) { setStatus(c.message, office.ErrorMessage(err), widget.DangerImportance) },
	})
}

// refresh reads the classifiers again and rebuilds the table's filters.
func (s *catalogueScreen) refresh() {
	s.loadClassifiers(func() {
		if s.form == nil {
			s.showList()
		}
	})
}

// typesEditor edits the country's classifier of service types.
type typesEditor struct {
	classifierEditor[data.ServiceType]
	screen                          *catalogueScreen
	code, name, parent, description *entry
	retired                         *checkBox
}

func showServiceTypes(s *catalogueScreen) *typesEditor {
	e := &typesEditor{code: newEntry(), name: newEntry(), parent: newEntry(), description: newMultiLineEntry(),
		retired: newCheck(T("classifier.retired"), nil), screen: s}
	e.description.Wrapping = fyne.TextWrapWord
	country := s.country
	e.classifierEditor = classifierEditor[data.ServiceType]{ui: s.ui, closed: s.refresh,
		label: typeLabel,
		fill: func(t data.ServiceType) {
			e.code.SetText(t.Code)
			e.name.SetText(t.Name)
			e.parent.SetText(t.ParentCode)
			e.description.SetText(t.Description)
			e.retired.SetChecked(t.Retired)
		},
		collect: func(chosen *data.ServiceType) func(context.Context) error {
			t := data.ServiceType{Country: country, Code: e.code.Text, Name: e.name.Text, ParentCode: e.parent.Text,
				Description: e.description.Text, Retired: e.retired.Checked}
			if chosen != nil {
				t.ID = chosen.ID
			}
			return func(ctx context.Context) error { return s.store.SaveServiceType(ctx, &t) }
		},
		read: func(ctx context.Context) ([]data.ServiceType, error) { return s.store.ServiceTypes(ctx, country) },
	}
	form := formGrid(newField("code", e.code), newField("name", e.name), newField("parent_code", e.parent),
		newField("description", e.description))
	importButton := widget.NewButton(T("classifier.import"), e.chooseImport)
	e.show(T("catalogue.types")+" — "+T("country."+string(country)), container.NewVBox(form, e.retired), importButton)
	s.typesEditor = e
	return e
}

// chooseImport imports a classifier from a chosen file, all or nothing,
// and reports the rejected rows.
func (e *typesEditor) chooseImport() {
	s := e.screen
	country := s.country
	s.ui.files.open(tables, func(path string) {
		var rejected []data.RejectedRow
		var rows int
		s.ui.run(task{
			work: func(ctx context.Context, _ func(int, int)) error {
				t, err := readTable(path)
				if err != nil {
					return err
				}
				rows = len(t.Rows)
				rejected, err = s.store.ImportServiceTypes(ctx, country, data.ClassifierRows(t))
				return err
			},
			done: func() {
				setStatus(e.message, Plural("classifier.imported", rows), widget.SuccessImportance)
				e.reload()
			},
			failed: func(err error) { setStatus(e.message, rejectedText(err, rejected), widget.DangerImportance) },
		})
	})
}

// rejectedText says why an import was refused, row by row.
func rejectedText(err error, rejected []data.RejectedRow) string {
	if len(rejected) == 0 {
		return office.ErrorMessage(err)
	}
	var lines []string
	for _, r := range rejected {
		var msgs []string
		for _, p := range r.Problems {
			msgs = append(msgs, office.FieldMessage(p))
		}
		lines = append(lines, T("common.line", "n", fmt.Sprint(r.Line))+": "+strings.Join(msgs, "; "))
	}
	return Plural("import.rows_rejected", len(rejected)) + " " + T("classifier.all_or_nothing") + "\n" + strings.Join(lines, "\n")
}

// namedListEditor edits a list of names that can be retired: the target
// groups of the catalogue, the vulnerability factors of cases.
type namedListEditor struct {
	classifierEditor[data.NamedEntry]
	name    *entry
	retired *checkBox
}

// namedList is what a namedListEditor edits.
type namedList struct {
	title   string
	retired string // what the retired box says a retired entry is not offered for
	read    func(ctx context.Context) ([]data.NamedEntry, error)
	save    func(ctx context.Context, e data.NamedEntry) error
}

func showNamedList(ui *UI, country data.Country, l namedList, closed func()) *namedListEditor {
	e := &namedListEditor{name: newEntry(), retired: newCheck(l.retired, nil)}
	e.classifierEditor = classifierEditor[data.NamedEntry]{ui: ui, closed: closed, read: l.read,
		label: func(g data.NamedEntry) string {
			if g.Retired {
				return g.Name + " (" + T("common.retired") + ")"
			}
			return g.Name
		},
		fill: func(g data.NamedEntry) {
			e.name.SetText(g.Name)
			e.retired.SetChecked(g.Retired)
		},
		collect: func(chosen *data.NamedEntry) func(context.Context) error {
			g := data.NamedEntry{Country: country, Name: e.name.Text, Retired: e.retired.Checked}
			if chosen != nil {
				g.ID = chosen.ID
			}
			return func(ctx context.Context) error { return l.save(ctx, g) }
		},
	}
	e.show(l.title, container.NewVBox(formGrid(newField("name", e.name)), e.retired))
	ui.namedList = e
	return e
}

func showTargetGroups(s *catalogueScreen) *namedListEditor {
	country := s.country
	return showNamedList(s.ui, country, namedList{
		title:   T("catalogue.groups"),
		retired: T("classifier.retired"),
		read: func(ctx context.Context) ([]data.NamedEntry, error) {
			list, err := s.store.TargetGroups(ctx, country)
			return mapped(list, func(g data.TargetGroup) data.NamedEntry { return g.NamedEntry }), err
		},
		save: func(ctx context.Context, e data.NamedEntry) error {
			return s.store.SaveTargetGroup(ctx, &data.TargetGroup{NamedEntry: e})
		},
	}, s.refresh)
}
