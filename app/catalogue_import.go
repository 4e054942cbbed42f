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

// serviceImport is the import dialog: the user maps columns to fields,
// previews which rows would be rejected and why, and imports all or nothing.
type serviceImport struct {
	screen          *catalogueScreen
	table           data.Table
	columns         map[data.ImportField]*selectBox
	plan            data.ServiceImportPlan
	planned         bool
	summary         *widget.Label
	rows            *widget.List
	createProviders *checkBox
	importButton    *widget.Button
	dialog          dialog.Dialog
	planning        slot
}

func showServiceImport(s *catalogueScreen, t data.Table) {
	imp := &serviceImport{screen: s, table: t, columns: map[data.ImportField]*selectBox{}}
	s.importer = imp
	guess := data.GuessMapping(t.Header)
	options := []string{T("import.skip")}
	for i, h := range t.Header {
		options = append(options, fmt.Sprintf("%s: %s", columnName(i), h))
	}
	imp.importButton = widget.NewButton(T("import.run"), imp.run)
	imp.importButton.Importance = widget.HighImportance
	imp.importButton.Disable()
	var objs []fyne.CanvasObject
	for _, f := range data.ImportFields {
		sel := newSelect(options, func(string) { imp.planned = false; imp.importButton.Disable() })
		sel.SetSelectedIndex(0)
		if col, ok := guess[f]; ok {
			sel.SetSelectedIndex(col + 1)
		}
		imp.columns[f] = sel
		objs = append(objs, widget.NewLabel(T("field."+string(f))), sel)
	}
	imp.summary = widget.NewLabel(Plural("import.rows_read", len(t.Rows)))
	imp.summary.Wrapping = fyne.TextWrapWord
	imp.rows = widget.NewList(func() int { return len(imp.plan.Rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.SetText(rowVerdict(imp.plan.Rows[i]))
			l.Importance = widget.MediumImportance
			if len(imp.plan.Rows[i].Problems) > 0 {
				l.Importance = widget.DangerImportance
			}
			l.Refresh()
		})
	imp.createProviders = newCheck(T("import.create_providers"), nil)
	imp.createProviders.Hide()
	preview := widget.NewButton(T("import.preview"), imp.preview)
	mapping := container.NewVScroll(container.New(layoutForm(), objs...))
	mapping.SetMinSize(fyne.NewSize(420, 420))
	right := container.NewBorder(container.NewVBox(imp.summary, imp.createProviders), container.NewHBox(preview, imp.importButton), nil, nil, imp.rows)
	content := container.NewHSplit(mapping, right)
	imp.dialog = dialog.NewCustom(T("import.title"), T("button.cancel"), content, s.ui.win)
	imp.dialog.Resize(fyne.NewSize(1100, 640))
	showWithKeys(s.ui.win, imp.dialog, dialogKeys{cancel: imp.dialog.Hide})
	imp.preview()
}

// columnName is the spreadsheet letter of column i (0 → A, 26 → AA).
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

func rowVerdict(r data.PlannedService) string {
	head := T("common.line", "n", fmt.Sprint(r.Line)) + " · " + r.Service.Name
	if len(r.Problems) == 0 {
		if r.NewProvider {
			return head + " — " + T("import.ok_new_provider", "name", r.Provider)
		}
		return head + " — " + T("import.ok")
	}
	var msgs []string
	for _, p := range r.Problems {
		msgs = append(msgs, office.FieldMessage(p))
	}
	return head + " — " + strings.Join(msgs, "; ")
}

// mapping reads the column choices.
func (imp *serviceImport) mapping() data.Mapping {
	m := data.Mapping{}
	for f, sel := range imp.columns {
		if i := sel.SelectedIndex(); i > 0 {
			m[f] = i - 1
		}
	}
	return m
}

// preview plans the import off the UI goroutine and shows every row's verdict.
func (imp *serviceImport) preview() {
	s := imp.screen
	table, mapping, country := imp.table, imp.mapping(), s.country
	imp.planned = false
	imp.importButton.Disable()
	load(s.ui.runner, &imp.planning, imp.summary, func(ctx context.Context) (data.ServiceImportPlan, error) {
		return s.store.PlanServiceImport(ctx, country, table, mapping)
	}, imp.showPlan)
}

func (imp *serviceImport) showPlan(plan data.ServiceImportPlan) {
	imp.plan, imp.planned = plan, true
	rejected := plan.Rejected()
	text := Plural("import.rows_ok", len(plan.Rows)-rejected) + " " + Plural("import.rows_rejected", rejected)
	importance := widget.MediumImportance
	if rejected > 0 {
		text += "\n" + T("import.all_or_nothing")
		importance = widget.DangerImportance
	}
	setStatus(imp.summary, text, importance)
	if len(plan.NewProviders) > 0 {
		imp.createProviders.SetText(T("import.create_providers", "names", nameList(plan.NewProviders)))
		imp.createProviders.Show()
	} else {
		imp.createProviders.Hide()
	}
	imp.rows.Refresh()
	if rejected == 0 && len(plan.Rows) > 0 {
		imp.importButton.Enable()
	} else {
		imp.importButton.Disable()
	}
}

// run imports the previewed rows, all or nothing.
func (imp *serviceImport) run() {
	if !imp.planned {
		return
	}
	s := imp.screen
	plan, create := imp.plan, imp.createProviders.Checked
	var n int
	s.ui.run(task{title: T("import.importing"),
		work: func(ctx context.Context, _ func(int, int)) (err error) {
			n, err = s.store.ImportServices(ctx, plan, create)
			return err
		},
		done: func() {
			imp.dialog.Hide()
			s.importer = nil
			s.loadClassifiers(s.showList) // the import may have added providers
			showMessage(s.ui.win, T("import.title"), Plural("import.done", n), nil)
		},
		failed: func(err error) {
			text := office.ErrorMessage(err)
			if e := data.AsError(err); e.Code == data.EInvalid && len(e.Fields) > 0 && e.Fields[0].Field == "provider" {
				text = T("import.confirm_providers")
			}
			setStatus(imp.summary, text, widget.DangerImportance)
		},
	})
}

// nameList names a few names, each cut to a line's worth: a check box
// does not wrap, and a name of hundreds of characters (a wrong column)
// would push the dialog off the screen.
func nameList(names []string) string {
	const most, longest = 4, 48
	var shown []string
	for _, n := range names[:min(most, len(names))] {
		if r := []rune(n); len(r) > longest {
			n = string(r[:longest-1]) + "…"
		}
		shown = append(shown, n)
	}
	if len(names) > most {
		shown = append(shown, "…")
	}
	return strings.Join(shown, ", ")
}
