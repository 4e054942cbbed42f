package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/office"
)

// catalogueStore is what the Catalogue screen needs of the store.
type catalogueStore interface {
	office.CatalogueSource
	exchangeStore
	Service(ctx context.Context, id string) (data.Service, error)
	SaveService(ctx context.Context, s *data.Service) error
	DeleteService(ctx context.Context, id string) error
	SimilarServiceExists(ctx context.Context, s *data.Service) (bool, error)
	ServiceTypes(ctx context.Context, country data.Country) ([]data.ServiceType, error)
	SaveServiceType(ctx context.Context, t *data.ServiceType) error
	ImportServiceTypes(ctx context.Context, country data.Country, rows []data.ClassifierRow) ([]data.RejectedRow, error)
	TargetGroups(ctx context.Context, country data.Country) ([]data.TargetGroup, error)
	SaveTargetGroup(ctx context.Context, g *data.TargetGroup) error
	Organizations(ctx context.Context, query string) ([]data.Organization, error)
	PlanServiceImport(ctx context.Context, country data.Country, t data.Table, m data.Mapping) (data.ServiceImportPlan, error)
	ImportServices(ctx context.Context, plan data.ServiceImportPlan, createProviders bool) (int, error)
}

// catalogueColumn is one column of the services table.
type catalogueColumn struct {
	key   string // field.<key> is its header
	width float32
	text  func(s *data.Service) string
	// sortKey is what the column sorts by, when not its text.
	sortKey func(s *data.Service) string
}

// catalogueScreen is the public list of social services: a filtered,
// sortable table, and the form of one service in its place when opened.
type catalogueScreen struct {
	ui      *UI
	store   catalogueStore
	country data.Country
	now     func() time.Time

	types  []data.ServiceType
	groups []data.TargetGroup
	orgs   []data.Organization

	body        *fyne.Container
	statusLine  *widget.Label // loading, or why it failed
	search      *entry
	typeFilter  *selectBox
	groupFilter *selectBox
	formFilter  *choice[data.ServiceForm]
	status      *choice[data.ServiceStatus]
	provider    *selectBox
	count       *widget.Label
	table       *dataTable
	columns     []catalogueColumn
	items       []data.Service
	sortColumn  int
	sortDesc    bool
	listing     slot

	form        *serviceForm
	importer    *serviceImport
	exchange    *exchangePreview // on show, for tests
	register    *registerImport  // the last one opened, for tests
	typesEditor *typesEditor     // the last one opened, for tests
}

func newCatalogueScreen(ui *UI, st catalogueStore) *catalogueScreen {
	return &catalogueScreen{ui: ui, store: st, now: time.Now}
}

func (s *catalogueScreen) titleKey() string    { return "nav.catalogue" }
func (s *catalogueScreen) icon() fyne.Resource { return theme.ListIcon() }
func (s *catalogueScreen) unsaved() bool       { return s.form != nil && s.form.dirty }

func (s *catalogueScreen) build(at place) fyne.CanvasObject {
	s.statusLine = widget.NewLabel("")
	s.body = container.NewStack(s.statusLine)
	s.form = nil
	s.loadClassifiers(func() {
		s.showList()
		if at.newService != "" {
			s.openForm(data.Service{OrganizationID: at.newService, Status: data.StatusActive})
		}
	})
	return s.body
}

// catalogueChoices is what the filters and the form choose from.
type catalogueChoices struct {
	country data.Country
	types   []data.ServiceType
	groups  []data.TargetGroup
	orgs    []data.Organization
}

// loadClassifiers reads what the filters and the form choose from, then
// runs then.
func (s *catalogueScreen) loadClassifiers(then func()) {
	lang := Language()
	load(s.ui.runner, nil, s.statusLine, func(ctx context.Context) (catalogueChoices, error) {
		var c catalogueChoices
		set, err := s.store.Settings(ctx)
		if err != nil {
			return c, err
		}
		c.country = set.Country
		if c.types, err = s.store.ServiceTypes(ctx, c.country); err != nil {
			return c, err
		}
		if c.groups, err = s.store.TargetGroups(ctx, c.country); err != nil {
			return c, err
		}
		if c.orgs, err = s.store.Organizations(ctx, ""); err != nil {
			return c, err
		}
		data.SortByName(c.orgs, lang, func(o data.Organization) string { return o.Name })
		return c, nil
	}, func(c catalogueChoices) {
		s.country, s.types, s.groups, s.orgs = c.country, c.types, c.groups, c.orgs
		then()
	})
}

// showList puts the table of services in place.
func (s *catalogueScreen) showList() {
	s.form = nil
	s.body.Objects = []fyne.CanvasObject{s.buildList()}
	s.body.Refresh()
}

func (s *catalogueScreen) buildList() fyne.CanvasObject {
	s.table = nil // the filters' handlers wait for the table
	s.search = newEntry()
	s.search.SetPlaceHolder(T("catalogue.search"))
	s.search.OnChanged = func(string) { s.reload() }
	s.typeFilter = optionalSelect(T("field.type"), names(s.types, typeLabel), s.reload)
	s.groupFilter = optionalSelect(T("field.target_groups"), names(s.groups, func(g data.TargetGroup) string { return g.Name }), s.reload)
	s.formFilter = newChoice(data.ServiceForms, formLabel, s.reload)
	s.formFilter.withAll()
	s.formFilter.PlaceHolder = T("field.forms")
	s.status = newChoice(data.ServiceStatuses, serviceStatusLabel, s.reload)
	s.status.withAll()
	s.status.PlaceHolder = T("field.status")
	s.provider = optionalSelect(T("field.provider"), names(s.orgs, func(o data.Organization) string { return o.Name }), s.reload)
	clear := widget.NewButtonWithIcon(T("common.clear_filters"), theme.ContentClearIcon(), s.clearFilters)
	s.columns = catalogueColumns(s.now)
	s.table = s.newTable()
	s.count = widget.NewLabel("")
	newButton := widget.NewButtonWithIcon(T("catalogue.new"), theme.ContentAddIcon(), func() {
		s.openForm(data.Service{Status: data.StatusActive})
	})
	newButton.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon(T("common.open"), theme.DocumentIcon(), s.openSelected)
	importButton := widget.NewButtonWithIcon(T("catalogue.import"), theme.UploadIcon(), s.chooseImportFile)
	xlsx := widget.NewButtonWithIcon(T("common.export_xlsx"), theme.DownloadIcon(), func() { s.export("xlsx") })
	pdf := widget.NewButtonWithIcon(T("common.export_pdf"), theme.DocumentPrintIcon(), func() { s.export("pdf") })
	typesButton := widget.NewButtonWithIcon(T("catalogue.types"), theme.ListIcon(), func() { showServiceTypes(s) })
	groupsButton := widget.NewButtonWithIcon(T("catalogue.groups"), theme.AccountIcon(), func() { showTargetGroups(s) })
	var exchange *widget.Button
	exchange = widget.NewButtonWithIcon(T("exchange.button"), theme.MailForwardIcon(), func() { s.exchangeMenu(exchange) })
	filters := container.NewGridWithColumns(3, s.typeFilter, s.groupFilter, s.provider, s.formFilter.selectBox, s.status.selectBox, clear)
	actions := actionRow(newButton, open, importButton, xlsx, pdf, exchange, typesButton, groupsButton)
	top := container.NewVBox(s.search, filters, container.NewBorder(nil, nil, s.count, nil, actions))
	s.reload()
	return container.NewBorder(top, nil, nil, nil, s.table)
}

// catalogueColumns are the columns of the services table.
func catalogueColumns(now func() time.Time) []catalogueColumn {
	return []catalogueColumn{
		{key: "name", width: 280, text: func(sv *data.Service) string { return sv.Name }},
		{key: "provider", width: 200, text: func(sv *data.Service) string { return sv.ProviderName }},
		{key: "type", width: 180, text: func(sv *data.Service) string { return strings.TrimSpace(sv.TypeCode + " " + sv.TypeName) }},
		{key: "status", width: 130, text: func(sv *data.Service) string { return serviceStatusLabel(sv.Status) }},
		{key: "verified_on", width: 180, text: func(sv *data.Service) string { return verifiedText(sv, now()) },
			sortKey: func(sv *data.Service) string { return sv.VerifiedOn }},
		{key: "target_groups", width: 220, text: func(sv *data.Service) string { return strings.Join(sv.TargetGroupNames, ", ") }},
		{key: "forms", width: 180, text: func(sv *data.Service) string { return formLabels(sv.Forms) }},
	}
}

// typeLabel is a classifier entry as lists show it: indented under its
// parent, with its code.
func typeLabel(t data.ServiceType) string {
	label := strings.Repeat("    ", t.Depth) + t.Code + " " + t.Name
	if t.Retired {
		label += " (" + T("common.retired") + ")"
	}
	return label
}

func formLabel(f data.ServiceForm) string            { return T("form." + string(f)) }
func serviceStatusLabel(v data.ServiceStatus) string { return T("status." + string(v)) }

func formLabels(forms []data.ServiceForm) string {
	return strings.Join(names(forms, formLabel), ", ")
}

// verifiedText shows the date of the last check, and says when it is due.
func verifiedText(sv *data.Service, now time.Time) string {
	if sv.VerifiedOn == "" {
		return T("catalogue.never_verified")
	}
	text := FormatDay(sv.VerifiedOn)
	if sv.Unverified(now) {
		text += " · " + T("catalogue.check_due")
	}
	return text
}

// filter is the ServiceFilter the bar describes.
func (s *catalogueScreen) filter() data.ServiceFilter {
	f := data.ServiceFilter{Query: s.search.Text, Form: s.formFilter.key(), Status: s.status.key()}
	if i := s.typeFilter.SelectedIndex(); i > 0 {
		f.TypeID = s.types[i-1].ID
	}
	if i := s.groupFilter.SelectedIndex(); i > 0 {
		f.TargetGroupID = s.groups[i-1].ID
	}
	if i := s.provider.SelectedIndex(); i > 0 {
		f.OrganizationID = s.orgs[i-1].ID
	}
	return f
}

func (s *catalogueScreen) clearFilters() {
	table := s.table
	s.table = nil // one reload for the lot
	for _, sel := range []*selectBox{s.typeFilter, s.groupFilter, s.provider, s.formFilter.selectBox, s.status.selectBox} {
		sel.ClearSelected()
	}
	s.search.SetText("")
	s.table = table
	s.reload()
}

// reload reads the services for the filter and sorts them as the table
// says, off the UI goroutine: the catalogue may hold thousands.
func (s *catalogueScreen) reload() {
	if s.table == nil {
		return // still building the filter bar
	}
	filter, col, desc, lang := s.filter(), s.columns[s.sortColumn], s.sortDesc, Language()
	load(s.ui.runner, &s.listing, s.count, func(ctx context.Context) ([]data.Service, error) {
		items, err := s.store.Services(ctx, filter)
		if err != nil {
			return nil, err
		}
		key := col.text
		if col.sortKey != nil {
			key = col.sortKey
		}
		data.SortByName(items, lang, func(sv data.Service) string { return key(&sv) })
		if desc {
			slices.Reverse(items)
		}
		return items, nil
	}, func(items []data.Service) {
		s.items = items
		s.count.SetText(Plural("catalogue.count", len(items)))
		s.table.forget()
		s.table.Refresh()
	})
}

// sortBy sorts by a column; a second tap on it reverses the order.
func (s *catalogueScreen) sortBy(col int) {
	if s.sortColumn == col {
		s.sortDesc = !s.sortDesc
	} else {
		s.sortColumn, s.sortDesc = col, false
	}
	s.reload()
}

func (s *catalogueScreen) openSelected() { s.openRow(s.table.selected) }

// openRow reads the service of table row i and opens its form.
func (s *catalogueScreen) openRow(i int) {
	if i < 0 || i >= len(s.items) {
		return
	}
	id := s.items[i].ID
	load(s.ui.runner, nil, nil, func(ctx context.Context) (data.Service, error) {
		return s.store.Service(ctx, id)
	}, s.openForm)
}

// openForm shows the form of sv in place of the table.
func (s *catalogueScreen) openForm(sv data.Service) {
	s.form = newServiceForm(s, sv)
	s.body.Objects = []fyne.CanvasObject{s.form.build()}
	s.body.Refresh()
}

// closeForm goes back to the table, asking first if there are unsaved changes.
func (s *catalogueScreen) closeForm() {
	s.ui.confirmDiscard(s.showList)
}

// export writes the services of the current filter.
func (s *catalogueScreen) export(format string) {
	filter := s.filter()
	s.ui.exportTo(T("report.catalogue.file")+"."+format, func(ctx context.Context, doc office.Document) error {
		return office.ExportCatalogue(ctx, s.store, filter, format, doc)
	})
}

// chooseImportFile reads a spreadsheet off the UI goroutine and shows the
// mapping preview.
func (s *catalogueScreen) chooseImportFile() {
	s.ui.files.open(tables, func(path string) {
		load(s.ui.runner, nil, nil, func(context.Context) (data.Table, error) {
			return readTable(path)
		}, func(t data.Table) { showServiceImport(s, t) })
	})
}

// readTable reads a chosen spreadsheet for an import.
func readTable(path string) (data.Table, error) {
	f, err := readFile(path)
	if err != nil {
		return data.Table{}, err
	}
	defer f.Close()
	return data.ReadTable(f, path)
}

// newTable is the services table: sortable headers, rows that open.
func (s *catalogueScreen) newTable() *dataTable {
	widths := make([]float32, len(s.columns))
	for i, c := range s.columns {
		widths[i] = c.width
	}
	return newDataTable(tableSpec{
		rows:   func() int { return len(s.items) },
		widths: widths,
		cell: func(row, col int) (string, widget.Importance) {
			sv := &s.items[row]
			imp := widget.MediumImportance
			switch {
			case s.columns[col].key == "verified_on" && sv.Unverified(s.now()):
				imp = widget.WarningImportance
			case s.columns[col].key == "status" && sv.Status != data.StatusActive:
				imp = widget.WarningImportance // grey would read as "disabled", and be hard to read
			}
			return s.columns[col].text(sv), imp
		},
		header: func(col int) (string, bool, bool) {
			return T("field." + s.columns[col].key), col == s.sortColumn, s.sortDesc
		},
		sort: s.sortBy,
		open: s.openRow,
	})
}
