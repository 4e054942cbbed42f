package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/i18n"
	"spilno/reports"
)

// referralStore is what the Referrals and Cases screens need of the store.
type referralStore interface {
	Referrals(ctx context.Context, f data.ReferralFilter) ([]data.Referral, error)
	CountReferrals(ctx context.Context, f data.ReferralFilter) (int, error)
	CountByStatus(ctx context.Context) (map[data.ReferralStatus]int, error)
	Referral(ctx context.Context, id int64) (data.Referral, []data.Event, error)
	SaveReferral(ctx context.Context, r *data.Referral) error
	MoveReferral(ctx context.Context, id int64, m data.Move) (data.Referral, error)
	Cases(ctx context.Context, query string, limit int) ([]data.Case, error)
	Case(ctx context.Context, id int64) (data.Case, error)
	SaveCase(ctx context.Context, c *data.Case) error
	VulnerabilityFactors(ctx context.Context, country data.Country) ([]data.VulnerabilityFactor, error)
	SaveVulnerabilityFactor(ctx context.Context, f *data.VulnerabilityFactor) error
	CasesToAnonymise(ctx context.Context, years int) (int, error)
	AnonymiseClosedCases(ctx context.Context, years int) (int, error)
	Organization(ctx context.Context, id string) (data.Organization, error)
	Organizations(ctx context.Context, query string) ([]data.Organization, error)
	Services(ctx context.Context, f data.ServiceFilter) ([]data.Service, error)
	ProtocolVersions(ctx context.Context) ([]data.ProtocolSummary, error)
	Protocol(ctx context.Context, version int) (data.Protocol, error)
	Settings(ctx context.Context) (data.Settings, error)
}

const referralPage = 200

// referralsScreen is the register of referrals: a filtered, sortable
// table read a page at a time, so 100 000 rows scroll smoothly.
type referralsScreen struct {
	ui    *UI
	store referralStore
	now   func() time.Time

	orgs       []data.Organization
	situations []data.Situation
	preset     data.ReferralFilter // set by the dashboard before the screen is shown

	body      *fyne.Container
	search    *widget.Entry
	status    *widget.Select
	org       *widget.Select
	situation *widget.Select
	urgency   *choice[data.Urgency]
	overdue   *widget.Check
	dueToday  *widget.Check
	sentFrom  *widget.Entry
	sentTo    *widget.Entry
	count     *widget.Label
	table     *dataTable
	filter    data.ReferralFilter
	total     int
	pages     map[int][]data.Referral

	detail *referralDetail
	form   *referralForm
}

func newReferralsScreen(ui *UI, st referralStore) *referralsScreen {
	return &referralsScreen{ui: ui, store: st, now: time.Now}
}

func (s *referralsScreen) titleKey() string    { return "nav.referrals" }
func (s *referralsScreen) icon() fyne.Resource { return theme.MailForwardIcon() }
func (s *referralsScreen) unsaved() bool       { return s.form != nil && s.form.dirty }

func (s *referralsScreen) build() fyne.CanvasObject {
	s.body = container.NewStack()
	ctx := context.Background()
	var err error
	if s.orgs, err = s.store.Organizations(ctx, ""); err != nil {
		s.ui.showError(err)
		return s.body
	}
	data.SortByName(s.orgs, Language(), func(o data.Organization) string { return o.Name })
	s.situations = nil
	if p, ok := protocolInForce(ctx, s.store); ok {
		s.situations = p.Situations
	}
	s.form, s.detail = nil, nil
	s.body.Objects = []fyne.CanvasObject{s.buildList()}
	return s.body
}

// protocolInForce is the approved protocol version, if any.
func protocolInForce(ctx context.Context, st interface {
	ProtocolVersions(ctx context.Context) ([]data.ProtocolSummary, error)
	Protocol(ctx context.Context, version int) (data.Protocol, error)
}) (data.Protocol, bool) {
	versions, err := st.ProtocolVersions(ctx)
	if err != nil {
		return data.Protocol{}, false
	}
	for _, v := range versions {
		if v.Status == data.ProtocolApproved {
			p, err := st.Protocol(ctx, v.Version)
			return p, err == nil
		}
	}
	return data.Protocol{}, false
}

var statusFilters = []string{"", "open", "draft", "sent", "received", "accepted", "rejected", "done", "closed", "revoked"}

func (s *referralsScreen) buildList() fyne.CanvasObject {
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(T("referrals.search"))
	var statusNames []string
	for _, k := range statusFilters {
		if k == "" {
			statusNames = append(statusNames, T("catalogue.all"))
		} else if k == "open" {
			statusNames = append(statusNames, T("referrals.open_statuses"))
		} else {
			statusNames = append(statusNames, T("status.referral."+k))
		}
	}
	s.status = widget.NewSelect(statusNames, nil)
	s.status.PlaceHolder = T("field.status")
	orgNames := []string{T("catalogue.all")}
	for _, o := range s.orgs {
		orgNames = append(orgNames, o.Name)
	}
	s.org = widget.NewSelect(orgNames, nil)
	s.org.PlaceHolder = T("referrals.organization")
	sitNames := []string{T("catalogue.all")}
	for _, sit := range s.situations {
		sitNames = append(sitNames, sit.Name)
	}
	s.situation = widget.NewSelect(sitNames, nil)
	s.situation.PlaceHolder = T("protocol.situation")
	s.urgency = newChoice(data.Urgencies, func(u data.Urgency) string { return T("urgency." + string(u)) }, nil)
	s.urgency.PlaceHolder = T("field.urgency")
	s.overdue = widget.NewCheck(T("referrals.overdue"), nil)
	s.dueToday = widget.NewCheck(T("referrals.due_today"), nil)
	s.sentFrom, s.sentTo = widget.NewEntry(), widget.NewEntry()
	s.sentFrom.SetPlaceHolder(T("referrals.sent_from"))
	s.sentTo.SetPlaceHolder(T("referrals.sent_to"))
	s.applyPreset()
	reload := func() { s.reload() }
	s.search.OnChanged = func(string) { reload() }
	for _, sel := range []*widget.Select{s.status, s.org, s.situation, s.urgency.Select} {
		sel.OnChanged = func(string) { reload() }
	}
	s.overdue.OnChanged = func(bool) { reload() }
	s.dueToday.OnChanged = func(bool) { reload() }
	s.sentFrom.OnChanged = func(string) { reload() }
	s.sentTo.OnChanged = func(string) { reload() }
	clear := widget.NewButtonWithIcon(T("catalogue.clear_filters"), theme.ContentClearIcon(), func() {
		s.preset = data.ReferralFilter{}
		s.body.Objects = []fyne.CanvasObject{s.buildList()}
		s.body.Refresh()
	})
	s.count = widget.NewLabel("")
	s.table = s.newTable()
	newButton := widget.NewButtonWithIcon(T("referrals.new"), theme.ContentAddIcon(), func() { s.openForm(data.Referral{Urgency: data.UrgencyRoutine}) })
	newButton.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon(T("catalogue.open"), theme.DocumentIcon(), s.openSelected)
	register := widget.NewButtonWithIcon(T("referrals.export_register"), theme.DownloadIcon(), func() { s.chooseExport("register") })
	overdue := widget.NewButtonWithIcon(T("referrals.export_overdue"), theme.DocumentPrintIcon(), func() { s.chooseExport("overdue") })
	filters := container.NewVBox(container.NewGridWithColumns(4, s.status, s.org, s.situation, s.urgency.Select),
		container.NewBorder(nil, nil, nil, container.NewHBox(s.overdue, s.dueToday, clear), container.NewGridWithColumns(2, s.sentFrom, s.sentTo)))
	top := container.NewVBox(s.search, filters, container.NewBorder(nil, nil, s.count, nil, container.NewHBox(newButton, open, register, overdue)))
	s.reload()
	return container.NewBorder(top, nil, nil, nil, s.table)
}

// applyPreset shows a filter the dashboard asked for.
func (s *referralsScreen) applyPreset() {
	p := s.preset
	s.overdue.SetChecked(p.Overdue)
	s.dueToday.SetChecked(p.DueToday)
	if len(p.Statuses) == 1 {
		for i, k := range statusFilters {
			if k == string(p.Statuses[0]) {
				s.status.SetSelectedIndex(i)
			}
		}
	}
}

// currentFilter reads the filter bar.
func (s *referralsScreen) currentFilter() data.ReferralFilter {
	f := data.ReferralFilter{Query: s.search.Text, Urgency: s.urgency.key(), Overdue: s.overdue.Checked,
		DueToday: s.dueToday.Checked, Now: s.now(), SortBy: s.filter.SortBy, Desc: s.filter.Desc}
	switch k := statusFilters[max(0, s.status.SelectedIndex())]; k {
	case "":
	case "open":
		f.Statuses = []data.ReferralStatus{data.RefSent, data.RefReceived, data.RefAccepted}
	default:
		f.Statuses = []data.ReferralStatus{data.ReferralStatus(k)}
	}
	if i := s.org.SelectedIndex(); i > 0 {
		f.OrgID = s.orgs[i-1].ID
	}
	if i := s.situation.SelectedIndex(); i > 0 {
		f.SituationKey = s.situations[i-1].Key
	}
	for _, d := range []struct {
		e    *widget.Entry
		into *string
	}{{s.sentFrom, &f.SentFrom}, {s.sentTo, &f.SentTo}} {
		if t, err := i18n.ParseDate(d.e.Text); err == nil {
			*d.into = t.Format(time.DateOnly)
		}
	}
	return f
}

// reload counts the referrals for the filter; rows are read as they show.
func (s *referralsScreen) reload() {
	if s.table == nil {
		return
	}
	s.filter = s.currentFilter()
	n, err := s.store.CountReferrals(context.Background(), s.filter)
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.total, s.pages = n, map[int][]data.Referral{}
	s.count.SetText(Plural("referrals.count", n))
	s.table.forget()
	s.table.Refresh()
}

// row returns row i, reading its page when it is first shown.
func (s *referralsScreen) row(i int) *data.Referral {
	page := i / referralPage
	list, ok := s.pages[page]
	if !ok {
		f := s.filter
		f.Limit, f.Offset = referralPage, page*referralPage
		var err error
		list, err = s.store.Referrals(context.Background(), f)
		if err != nil {
			fyne.LogError("read referrals", err)
		}
		s.pages[page] = list
	}
	if i-page*referralPage >= len(list) {
		return nil
	}
	return &list[i-page*referralPage]
}

func (s *referralsScreen) sortBy(key string) {
	if s.filter.SortBy == key {
		s.filter.Desc = !s.filter.Desc
	} else {
		s.filter.SortBy, s.filter.Desc = key, false
	}
	s.reload()
}

func (s *referralsScreen) openSelected() { s.openRow(s.table.selected) }

// openRow opens the referral of table row i.
func (s *referralsScreen) openRow(i int) {
	if i < 0 {
		return
	}
	if r := s.row(i); r != nil {
		s.openDetail(r.ID)
	}
}

// openDetail shows one referral in place of the table.
func (s *referralsScreen) openDetail(id int64) {
	r, events, err := s.store.Referral(context.Background(), id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.detail = &referralDetail{screen: s, referral: r, events: events}
	s.body.Objects = []fyne.CanvasObject{s.detail.build()}
	s.body.Refresh()
}

// back returns to the table, keeping the filter.
func (s *referralsScreen) back() {
	s.ui.confirmDiscard(func() {
		s.form, s.detail = nil, nil
		keep := s.filter
		s.body.Objects = []fyne.CanvasObject{s.buildList()}
		s.filter.SortBy, s.filter.Desc = keep.SortBy, keep.Desc
		s.reload()
		s.body.Refresh()
	})
}

func (s *referralsScreen) chooseExport(kind string) {
	name := T("referrals.register_file") + ".xlsx"
	if kind == "overdue" {
		name = T("referrals.overdue_file") + ".pdf"
	}
	s.ui.saveAs(name, func(path string) { s.export(kind, path) })
}

func (s *referralsScreen) export(kind, path string) {
	filter, lang := s.filter, Language()
	filter.Limit, filter.Offset = 0, 0
	if kind == "overdue" {
		filter = data.ReferralFilter{Overdue: true, Now: s.now(), SortBy: "due"}
	}
	s.ui.export(path, func(ctx context.Context) error {
		return ExportReferrals(ctx, s.store, filter, kind, path, lang)
	})
}

var referralColumns = []struct {
	key, sort string
	width     float32
}{{"number", "", 110}, {"status", "status", 120}, {"due_at", "due", 135}, {"days_left", "due", 105}, {"urgency", "urgency", 95},
	{"from_org", "from", 190}, {"to_org", "to", 190}, {"situation", "situation", 200}, {"case", "case", 110}}

// newTable is the register's table; rows are read a page at a time.
func (s *referralsScreen) newTable() *dataTable {
	widths := make([]float32, len(referralColumns))
	for i, c := range referralColumns {
		widths[i] = c.width
	}
	return newDataTable(tableSpec{
		rows:   func() int { return s.total },
		widths: widths,
		cell: func(row, col int) (string, widget.Importance) {
			r := s.row(row)
			if r == nil {
				return "", widget.MediumImportance
			}
			now := s.now()
			imp := widget.MediumImportance
			switch {
			case r.Overdue(now):
				imp = widget.DangerImportance
			case r.DueToday(now):
				imp = widget.WarningImportance
			}
			return referralCell(r, referralColumns[col].key, now), imp
		},
		header: func(col int) (string, bool, bool) {
			c := referralColumns[col]
			// The number column stands for the default order, newest first.
			return T("register." + c.key), c.sort == s.filter.SortBy && (c.sort != "" || col == 0), s.filter.Desc != (c.sort == "")
		},
		sort: func(col int) { s.sortBy(referralColumns[col].sort) },
		open: s.openRow,
	})
}

// referralCell is the text of one cell of the register.
func referralCell(r *data.Referral, key string, now time.Time) string {
	switch key {
	case "number":
		return r.Number
	case "case":
		return r.CaseNumber
	case "from_org":
		return r.FromName
	case "to_org":
		return r.ToName
	case "situation":
		return r.SituationName
	case "urgency":
		return T("urgency." + string(r.Urgency))
	case "status":
		return T("status.referral." + string(r.Status))
	case "due_at":
		if d := r.Due(); !d.IsZero() && r.Status.Open() {
			return FormatDate(d.In(time.Local)) + " " + d.In(time.Local).Format("15:04")
		}
	case "days_left":
		if days, ok := r.DaysLeft(now); ok {
			return strconv.Itoa(days)
		}
	}
	return ""
}

// deadlineFor is the protocol's deadline in words for a situation's step
// the recipient acts by, as the new-referral form proposes it.
func deadlineFor(p data.Protocol, key string) string {
	for _, sit := range p.Situations {
		if sit.Key == key && len(sit.Steps) > 0 {
			return reports.DeadlineText(Language(), sit.Steps[0].Deadline)
		}
	}
	return ""
}

func joinNonEmpty(sep string, ss ...string) string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}
