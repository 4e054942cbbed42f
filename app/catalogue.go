package app

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
)

// catalogueStore is what the Catalogue screen needs of the store.
type catalogueStore interface {
	catalogueSource
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
	search      *widget.Entry
	typeFilter  *widget.Select
	groupFilter *widget.Select
	formFilter  *choice[data.ServiceForm]
	status      *choice[data.ServiceStatus]
	provider    *widget.Select
	count       *widget.Label
	table       *dataTable
	columns     []catalogueColumn
	items       []data.Service
	sortColumn  int
	sortDesc    bool

	form            *serviceForm
	importer        *serviceImport
	pendingProvider string // a new service was asked for from an organization
}

func newCatalogueScreen(ui *UI, st catalogueStore) *catalogueScreen {
	return &catalogueScreen{ui: ui, store: st, now: time.Now}
}

func (s *catalogueScreen) titleKey() string    { return "nav.catalogue" }
func (s *catalogueScreen) icon() fyne.Resource { return theme.ListIcon() }
func (s *catalogueScreen) unsaved() bool       { return s.form != nil && s.form.dirty }

func (s *catalogueScreen) build() fyne.CanvasObject {
	s.body = container.NewStack()
	if !s.loadClassifiers() {
		return s.body
	}
	s.body.Objects = []fyne.CanvasObject{s.buildList()}
	if s.pendingProvider != "" {
		provider := s.pendingProvider
		s.pendingProvider = ""
		s.openForm(data.Service{OrganizationID: provider, Status: data.StatusActive})
	}
	return s.body
}

// loadClassifiers reads what the filters and the form choose from.
func (s *catalogueScreen) loadClassifiers() bool {
	ctx := context.Background()
	set, err := s.store.Settings(ctx)
	if err == nil {
		s.country = set.Country
		s.types, err = s.store.ServiceTypes(ctx, s.country)
	}
	if err == nil {
		s.groups, err = s.store.TargetGroups(ctx, s.country)
	}
	if err == nil {
		s.orgs, err = s.store.Organizations(ctx, "")
	}
	if err != nil {
		s.ui.showError(err)
		return false
	}
	data.SortByName(s.orgs, Language(), func(o data.Organization) string { return o.Name })
	return true
}

func (s *catalogueScreen) buildList() fyne.CanvasObject {
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(T("catalogue.search"))
	s.search.OnChanged = func(string) { s.reload() }

	all := T("catalogue.all")
	typeNames := []string{all}
	for _, t := range s.types {
		typeNames = append(typeNames, typeLabel(t))
	}
	s.typeFilter = widget.NewSelect(typeNames, func(string) { s.reload() })
	s.typeFilter.PlaceHolder = T("field.type")
	groupNames := []string{all}
	for _, g := range s.groups {
		groupNames = append(groupNames, g.Name)
	}
	s.groupFilter = widget.NewSelect(groupNames, func(string) { s.reload() })
	s.groupFilter.PlaceHolder = T("field.target_groups")
	s.formFilter = newChoice(data.ServiceForms, func(f data.ServiceForm) string { return T("form." + string(f)) }, s.reload)
	s.formFilter.PlaceHolder = T("field.forms")
	s.status = newChoice(data.ServiceStatuses, func(v data.ServiceStatus) string { return T("status." + string(v)) }, s.reload)
	s.status.PlaceHolder = T("field.status")
	providerNames := []string{all}
	for _, o := range s.orgs {
		providerNames = append(providerNames, o.Name)
	}
	s.provider = widget.NewSelect(providerNames, func(string) { s.reload() })
	s.provider.PlaceHolder = T("field.provider")
	clear := widget.NewButtonWithIcon(T("catalogue.clear_filters"), theme.ContentClearIcon(), s.clearFilters)

	s.columns = []catalogueColumn{
		{"name", 280, func(sv *data.Service) string { return sv.Name }},
		{"provider", 200, func(sv *data.Service) string { return sv.ProviderName }},
		{"type", 180, func(sv *data.Service) string { return strings.TrimSpace(sv.TypeCode + " " + sv.TypeName) }},
		{"status", 130, func(sv *data.Service) string { return T("status." + string(sv.Status)) }},
		{"verified_on", 180, s.verifiedText},
		{"target_groups", 220, func(sv *data.Service) string { return strings.Join(sv.TargetGroupNames, ", ") }},
		{"forms", 180, func(sv *data.Service) string { return formLabels(sv.Forms) }},
	}
	s.table = s.newTable()
	s.count = widget.NewLabel("")

	newButton := widget.NewButtonWithIcon(T("catalogue.new"), theme.ContentAddIcon(), func() {
		s.openForm(data.Service{Status: data.StatusActive})
	})
	newButton.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon(T("catalogue.open"), theme.DocumentIcon(), s.openSelected)
	importButton := widget.NewButtonWithIcon(T("catalogue.import"), theme.UploadIcon(), s.chooseImportFile)
	xlsx := widget.NewButtonWithIcon(T("catalogue.export_xlsx"), theme.DownloadIcon(), func() { s.chooseExportFile("xlsx") })
	pdf := widget.NewButtonWithIcon(T("catalogue.export_pdf"), theme.DocumentPrintIcon(), func() { s.chooseExportFile("pdf") })
	typesButton := widget.NewButtonWithIcon(T("catalogue.types"), theme.ListIcon(), func() { showServiceTypes(s) })
	groupsButton := widget.NewButtonWithIcon(T("catalogue.groups"), theme.AccountIcon(), func() { showTargetGroups(s) })

	filters := container.NewGridWithColumns(3, s.typeFilter, s.groupFilter, s.provider, s.formFilter.Select, s.status.Select, clear)
	actions := container.NewHBox(newButton, open, importButton, xlsx, pdf, typesButton, groupsButton)
	top := container.NewVBox(s.search, filters, container.NewBorder(nil, nil, s.count, nil, actions))
	s.reload()
	return container.NewBorder(top, nil, nil, nil, s.table)
}

func typeLabel(t data.ServiceType) string {
	label := t.Code + " " + t.Name
	if t.Retired {
		label += " (" + T("catalogue.retired") + ")"
	}
	return label
}

func formLabels(forms []data.ServiceForm) string {
	out := make([]string, len(forms))
	for i, f := range forms {
		out[i] = T("form." + string(f))
	}
	return strings.Join(out, ", ")
}

// verifiedText shows the date of the last check, and says when it is due.
func (s *catalogueScreen) verifiedText(sv *data.Service) string {
	if sv.VerifiedOn == "" {
		return T("catalogue.never_verified")
	}
	d, _ := time.Parse(time.DateOnly, sv.VerifiedOn)
	text := FormatDate(d)
	if sv.Unverified(s.now()) {
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
	for _, sel := range []*widget.Select{s.typeFilter, s.groupFilter, s.provider, s.formFilter.Select, s.status.Select} {
		sel.ClearSelected()
	}
	s.search.SetText("")
	s.reload()
}

// reload reads the services for the filter and sorts them as the table says.
func (s *catalogueScreen) reload() {
	if s.table == nil {
		return // still building the filter bar
	}
	items, err := s.store.Services(context.Background(), s.filter())
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.items = items
	s.sortItems()
	s.count.SetText(Plural("catalogue.count", len(items)))
	s.table.forget()
	s.table.Refresh()
}

func (s *catalogueScreen) sortItems() {
	col := s.columns[s.sortColumn]
	data.SortByName(s.items, Language(), func(sv data.Service) string {
		if col.key == "verified_on" {
			return sv.VerifiedOn
		}
		return col.text(&sv)
	})
	if s.sortDesc {
		for i, j := 0, len(s.items)-1; i < j; i, j = i+1, j-1 {
			s.items[i], s.items[j] = s.items[j], s.items[i]
		}
	}
}

// sortBy sorts by a column; a second tap on it reverses the order.
func (s *catalogueScreen) sortBy(col int) {
	if s.sortColumn == col {
		s.sortDesc = !s.sortDesc
	} else {
		s.sortColumn, s.sortDesc = col, false
	}
	s.sortItems()
	s.table.Refresh()
}

func (s *catalogueScreen) openSelected() { s.openRow(s.table.selected) }

// openRow opens the service of table row i.
func (s *catalogueScreen) openRow(i int) {
	if i < 0 || i >= len(s.items) {
		return
	}
	sv, err := s.store.Service(context.Background(), s.items[i].ID)
	if err != nil {
		s.ui.showError(err)
		s.reload()
		return
	}
	s.openForm(sv)
}

// openForm shows the form of sv in place of the table.
func (s *catalogueScreen) openForm(sv data.Service) {
	s.form = newServiceForm(s, sv)
	s.body.Objects = []fyne.CanvasObject{s.form.build()}
	s.body.Refresh()
}

// closeForm goes back to the table, asking first if there are unsaved changes.
func (s *catalogueScreen) closeForm() {
	s.ui.confirmDiscard(func() {
		s.form = nil
		s.body.Objects = []fyne.CanvasObject{s.buildList()}
		s.body.Refresh()
	})
}

// chooseExportFile writes the services of the current filter.
func (s *catalogueScreen) chooseExportFile(format string) {
	filter, lang := s.filter(), Language()
	s.ui.saveAs(T("report.catalogue.file")+"."+format, func(path string) {
		s.ui.export(path, func(ctx context.Context) error {
			return ExportCatalogue(ctx, s.store, filter, format, path, lang, nil)
		})
	})
}

func (s *catalogueScreen) chooseImportFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		s.importFrom(r, r.URI().Name())
	}, s.ui.win)
	d.Show()
}

// importFrom reads a spreadsheet and shows the mapping preview.
func (s *catalogueScreen) importFrom(r io.Reader, name string) {
	t, err := data.ReadTable(r, filepath.Base(name))
	if err != nil {
		s.ui.showError(err)
		return
	}
	showServiceImport(s, t)
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
				imp = widget.LowImportance
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
