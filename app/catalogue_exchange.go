package app

import (
	"context"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/office"
	"spilno/rpss"
)

// exchangeStore is what catalogue exchange needs of the store.
type exchangeStore interface {
	office.ExchangeSource
	PlanExchange(ctx context.Context, in *data.Incoming, terms data.TermMap) (data.ExchangePlan, error)
	ApplyExchange(ctx context.Context, in *data.Incoming, terms data.TermMap) (data.ExchangePlan, error)
}

// exchangeMenu offers the HSDS exports and imports, and for a Czech
// community the import from the register of providers.
func (s *catalogueScreen) exchangeMenu(anchor fyne.CanvasObject) {
	items := []*fyne.MenuItem{
		fyne.NewMenuItem(T("exchange.export_json"), func() { s.exportHSDS("json") }),
		fyne.NewMenuItem(T("exchange.export_csv"), func() { s.exportHSDS("csv") }),
		fyne.NewMenuItem(T("exchange.import_hsds"), s.chooseHSDS),
	}
	if s.country == data.CountryCZ {
		items = append(items, fyne.NewMenuItem(T("exchange.import_register"), func() { showRegisterImport(s) }))
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(anchor)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(anchor).AddXY(0, anchor.Size().Height)
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, pos)
}

// exportHSDS writes the whole catalogue as HSDS: JSON, or the CSV data
// package as a zip.
func (s *catalogueScreen) exportHSDS(format string) {
	name := T("exchange.file") + ".json"
	if format == "csv" {
		name = T("exchange.file") + ".zip"
	}
	s.ui.exportTo(name, func(ctx context.Context, doc office.Document) error {
		return office.ExportHSDS(ctx, s.store, format, doc)
	})
}

// chooseHSDS reads a chosen HSDS file and shows what importing it does.
func (s *catalogueScreen) chooseHSDS() {
	s.ui.files.open([]string{".json", ".zip"}, func(path string) {
		s.readExchange(filepath.Base(path), func(ctx context.Context, _ func(int64, int64)) (*data.Incoming, error) {
			return office.ReadHSDS(ctx, s.store, path)
		}, nil)
	})
}

// readExchange reads and plans an import as long work, then shows the
// preview.
func (s *catalogueScreen) readExchange(title string, read func(context.Context, func(done, total int64)) (*data.Incoming, error), failed func(error)) {
	var in *data.Incoming
	var plan data.ExchangePlan
	var types []data.ServiceType
	s.ui.run(task{title: T("exchange.reading"),
		work: func(ctx context.Context, progress func(int, int)) (err error) {
			// Kilobytes: a 100 MB register counts beyond what an int of a 32-bit bar holds in bytes.
			if in, err = read(ctx, func(done, total int64) { progress(int(done>>10), int(total>>10)) }); err != nil {
				return err
			}
			if plan, err = s.store.PlanExchange(ctx, in, nil); err != nil {
				return err
			}
			types, err = s.store.ServiceTypes(ctx, s.country)
			return err
		},
		done:   func() { showExchangePreview(s, in, plan, data.TypeTree(types), title) },
		failed: failed,
	})
}

// exchangePreview shows what an import will add, update and refuse, asks
// for the classifier entry of each term it cannot map, and imports all or
// nothing.
type exchangePreview struct {
	screen   *catalogueScreen
	in       *data.Incoming
	plan     data.ExchangePlan
	types    []data.ServiceType
	terms    map[data.Term]*selectBox
	run      *widget.Button
	message  *widget.Label
	dialog   dialog.Dialog
	planning slot
}

func showExchangePreview(s *catalogueScreen, in *data.Incoming, plan data.ExchangePlan, types []data.ServiceType, title string) {
	p := &exchangePreview{screen: s, in: in, plan: plan, types: types, terms: map[data.Term]*selectBox{}}
	s.exchange = p
	p.run = widget.NewButtonWithIcon(T("exchange.run"), theme.UploadIcon(), p.apply)
	p.run.Importance = widget.HighImportance
	p.message = widget.NewLabel("")
	p.message.Wrapping = fyne.TextWrapWord
	p.message.Hide()
	summary := widget.NewLabel(strings.Join(office.PlanSummary(plan), "\n"))
	summary.Wrapping = fyne.TextWrapWord
	lines := previewLines(plan)
	list := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Wrapping = fyne.TextWrapWord; return l },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Importance = lines[i].importance
			l.SetText(lines[i].text)
		})
	top := container.NewVBox(summary, p.message)
	if len(plan.Unmapped) > 0 {
		top.Add(p.termChoices())
	}
	buttons := container.NewHBox(p.run)
	content := container.NewBorder(top, buttons, nil, nil, list)
	p.dialog = dialog.NewCustom(T("exchange.preview_title", "file", title), T("button.cancel"), content, s.ui.win)
	p.dialog.SetOnClosed(func() { s.exchange = nil })
	p.dialog.Resize(fyne.NewSize(1000, 700))
	p.refreshRun()
	showWithKeys(s.ui.win, p.dialog, dialogKeys{cancel: p.dialog.Hide})
}

type previewLine struct {
	text       string
	importance widget.Importance
}

// previewLines lists what is refused first, then what the register no
// longer has, then each record with what happens to it.
func previewLines(plan data.ExchangePlan) []previewLine {
	var lines []previewLine
	for _, r := range plan.Rejected {
		lines = append(lines, previewLine{"✗ " + office.RejectionText(r), widget.DangerImportance})
	}
	for _, name := range plan.Gone {
		lines = append(lines, previewLine{T("exchange.gone", "name", name), widget.WarningImportance})
	}
	for _, r := range plan.Records {
		lines = append(lines, previewLine{T("exchange.kind."+r.Kind) + " «" + r.Name + "» — " + T("exchange.action."+r.Action) +
			" (" + r.Where + ")", widget.MediumImportance})
	}
	return lines
}

// termChoices asks once for the classifier entry of each term the import
// could not map; the choice is remembered for the next import.
func (p *exchangePreview) termChoices() fyne.CanvasObject {
	options := names(p.types, typeLabel)
	var objs []fyne.CanvasObject
	for _, t := range p.plan.Unmapped {
		sel := newSelect(options, func(string) { p.refreshRun() })
		p.terms[t] = sel
		label := t.Label()
		if label == "" {
			label = "—"
		}
		objs = append(objs, widget.NewLabel(label), sel)
	}
	intro := widget.NewLabel(T("exchange.map_terms"))
	intro.Wrapping = fyne.TextWrapWord
	form := container.NewVScroll(container.New(layoutForm(), objs...))
	form.SetMinSize(fyne.NewSize(600, min(float32(len(objs)/2)*44, 132))) // three rows: the list below keeps its room
	return container.NewVBox(intro, form)
}

// chosenTerms are the classifier entries chosen for the unmapped terms.
func (p *exchangePreview) chosenTerms() (data.TermMap, bool) {
	m := data.TermMap{}
	for t, sel := range p.terms {
		i := sel.SelectedIndex()
		if i < 0 || i >= len(p.types) {
			return m, false
		}
		m[t] = p.types[i].ID
	}
	return m, true
}

// refreshRun allows the import when nothing is refused and every term
// has its entry.
func (p *exchangePreview) refreshRun() {
	_, mapped := p.chosenTerms()
	if len(p.plan.Rejected) == 0 && mapped && len(p.plan.Records) > 0 {
		p.run.Enable()
		setStatus(p.message, "", widget.MediumImportance)
		return
	}
	p.run.Disable()
	switch {
	case len(p.plan.Rejected) > 0:
		setStatus(p.message, T("exchange.fix_first"), widget.DangerImportance)
	case !mapped:
		setStatus(p.message, T("exchange.choose_types"), widget.WarningImportance)
	}
}

// apply imports all or nothing, as long work.
func (p *exchangePreview) apply() {
	terms, ok := p.chosenTerms()
	if !ok {
		return
	}
	s, in := p.screen, p.in
	var done data.ExchangePlan
	s.ui.run(task{title: T("import.importing"),
		work: func(ctx context.Context, _ func(int, int)) (err error) {
			done, err = s.store.ApplyExchange(ctx, in, terms)
			return err
		},
		done: func() {
			p.dialog.Hide()
			s.loadClassifiers(s.showList) // the import may have added providers and target groups
			showMessage(s.ui.win, T("exchange.done_title"), strings.Join(office.DoneSummary(done), "\n"), nil)
		},
		failed: func(err error) { setStatus(p.message, office.ErrorMessage(err), widget.DangerImportance) },
	})
}

// registerImport asks where the register's file is and which area to
// take; the code lists are read from the file's folder.
type registerImport struct {
	screen *catalogueScreen
	file   *widget.Label
	path   string
	level  *selectBox
	area   *entry
	dialog dialog.Dialog
}

var areaLevels = []string{"municipality", "district", "region"}

func showRegisterImport(s *catalogueScreen) {
	r := &registerImport{screen: s, file: widget.NewLabel(T("exchange.no_file"))}
	last := s.register // what was chosen before is offered again
	choose := widget.NewButtonWithIcon(T("exchange.choose_file"), theme.FolderOpenIcon(), func() {
		s.ui.files.open([]string{".json"}, func(path string) { r.path = path; r.file.SetText(path) })
	})
	r.level = newSelect(names(areaLevels, func(l string) string { return T("exchange.area." + l) }), nil)
	r.level.SetSelectedIndex(0)
	r.area = newEntry()
	r.area.SetPlaceHolder(T("exchange.area_hint"))
	if last != nil {
		r.path = last.path
		if r.path != "" {
			r.file.SetText(r.path)
		}
		r.level.SetSelectedIndex(last.level.SelectedIndex())
		r.area.SetText(last.area.Text)
	}
	hint := widget.NewLabel(T("exchange.register_hint"))
	hint.Wrapping = fyne.TextWrapWord
	form := container.New(layoutForm(),
		widget.NewLabel(T("exchange.register_file")), container.NewBorder(nil, nil, nil, choose, r.file),
		widget.NewLabel(T("exchange.area")), container.NewGridWithColumns(2, r.level, r.area))
	content := container.NewVBox(hint, form)
	r.dialog = dialog.NewCustomConfirm(strings.TrimSuffix(T("exchange.import_register"), "…"), T("import.preview"), T("button.cancel"), content,
		func(ok bool) {
			if ok {
				r.read()
			}
		}, s.ui.win)
	r.dialog.Resize(fyne.NewSize(760, 320))
	s.register = r
	showWithKeys(s.ui.win, r.dialog, dialogKeys{cancel: r.dialog.Hide})
}

// read streams the register as long work, then shows the preview.
func (r *registerImport) read() {
	s := r.screen
	if r.path == "" {
		showMessage(s.ui.win, T("exchange.import_register"), T("exchange.no_file"), func() { showRegisterImport(s) })
		return
	}
	reg := office.Register{File: r.path, CodeLists: filepath.Dir(r.path)}
	name := strings.TrimSpace(r.area.Text)
	switch areaLevels[max(r.level.SelectedIndex(), 0)] {
	case "municipality":
		reg.Area = rpss.Area{Municipality: name}
	case "district":
		reg.Area = rpss.Area{District: name}
	default:
		reg.Area = rpss.Area{Region: name}
	}
	s.readExchange(filepath.Base(reg.File), func(ctx context.Context, progress func(int64, int64)) (*data.Incoming, error) {
		return office.ReadRegister(ctx, s.store, reg, progress)
	}, func(err error) {
		// The form comes back with what was chosen, under the reason.
		showMessage(s.ui.win, strings.TrimSuffix(T("exchange.import_register"), "…"), office.ErrorMessage(err), func() { showRegisterImport(s) })
	})
}
