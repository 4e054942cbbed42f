package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/office"
)

// referralStore is what the Referrals and Cases screens need of the store.
type referralStore interface {
	office.RegisterSource
	office.LetterSource
	CountReferrals(ctx context.Context, f data.ReferralFilter) (int, error)
	CountReferralsUpTo(ctx context.Context, f data.ReferralFilter, limit int) (int, error)
	SaveReferral(ctx context.Context, r *data.Referral) error
	MoveReferral(ctx context.Context, id int64, m data.Move) (data.Referral, error)
	DueIfSent(ctx context.Context, r data.Referral, at time.Time) (time.Time, error)
	Cases(ctx context.Context, query string, limit int) ([]data.Case, error)
	CasesPage(ctx context.Context, query string, limit, offset int) ([]data.Case, error)
	CountCases(ctx context.Context, query string) (int, error)
	CountCasesUpTo(ctx context.Context, query string, limit int) (int, error)
	SaveCase(ctx context.Context, c *data.Case) error
	VulnerabilityFactors(ctx context.Context, country data.Country) ([]data.VulnerabilityFactor, error)
	SaveVulnerabilityFactor(ctx context.Context, f *data.VulnerabilityFactor) error
	CasesToAnonymise(ctx context.Context, years int) (int, error)
	AnonymiseClosedCases(ctx context.Context, years int) (int, error)
	Organizations(ctx context.Context, query string) ([]data.Organization, error)
	Services(ctx context.Context, f data.ServiceFilter) ([]data.Service, error)
	ProtocolInForce(ctx context.Context) (data.Protocol, error)
}

// referralsScreen is the register of referrals: a filtered, sortable
// table read a page at a time, off the UI goroutine, so that 100 000 rows
// scroll smoothly.
type referralsScreen struct {
	ui    *UI
	store referralStore
	now   func() time.Time

	orgs     []data.Organization
	protocol data.Protocol // in force; no situations when none is
	body     *fyne.Container
	status   *widget.Label

	search    *entry
	state     *choice[string]
	org       *selectBox
	situation *selectBox
	urgency   *choice[data.Urgency]
	overdue   *checkBox
	dueToday  *checkBox
	sentFrom  *entry
	sentTo    *entry
	table     *dataTable
	filter    data.ReferralFilter
	// beyond are conditions another screen asked for that the filter bar
	// has no field for (sender, recipient, sender's sector), said in a
	// line under the bar until cleared.
	beyond     data.ReferralFilter
	beyondLine *fyne.Container
	pagedRows[data.Referral]

	detail *referralDetail
	form   *referralForm
}

func newReferralsScreen(ui *UI, st referralStore) *referralsScreen {
	s := &referralsScreen{ui: ui, store: st, now: time.Now}
	s.pagedRows = pagedRows[data.Referral]{runner: ui.runner, countFirst: 10_000, countKey: "referrals.count",
		refresh: func() { s.table.Refresh() }}
	return s
}

func (s *referralsScreen) titleKey() string    { return "nav.referrals" }
func (s *referralsScreen) icon() fyne.Resource { return theme.MailForwardIcon() }
func (s *referralsScreen) unsaved() bool       { return s.form != nil && s.form.dirty }

// referralChoices is what the filters and the form choose from.
type referralChoices struct {
	orgs     []data.Organization
	protocol data.Protocol
}

func (s *referralsScreen) build(at place) fyne.CanvasObject {
	s.status = widget.NewLabel("")
	s.body = container.NewStack(s.status)
	s.form, s.detail = nil, nil
	lang := Language()
	load(s.ui.runner, nil, s.status, func(ctx context.Context) (referralChoices, error) {
		return readReferralChoices(ctx, s.store, lang)
	}, func(c referralChoices) {
		s.orgs, s.protocol = c.orgs, c.protocol
		s.showList(at.filter)
		if at.newReferral != nil {
			s.openForm(*at.newReferral)
		}
	})
	return s.body
}

func readReferralChoices(ctx context.Context, st referralStore, lang string) (referralChoices, error) {
	var c referralChoices
	var err error
	if c.orgs, err = st.Organizations(ctx, ""); err != nil {
		return c, err
	}
	data.SortByName(c.orgs, lang, func(o data.Organization) string { return o.Name })
	c.protocol, err = st.ProtocolInForce(ctx)
	if data.ErrorCode(err) == data.ENotFound {
		return c, nil // no protocol approved yet: no situations to choose
	}
	return c, err
}

// statusFilters are the choices of the status filter: "open" is every
// status still being worked on.
var statusFilters = append([]string{"open"}, func() []string {
	var out []string
	for _, s := range data.ReferralStatuses {
		out = append(out, string(s))
	}
	return out
}()...)

func statusFilterLabel(k string) string {
	if k == "open" {
		return T("referrals.open_statuses")
	}
	return T("status.referral." + k)
}

// showList puts the register in place, with preset (if any) in its filters.
func (s *referralsScreen) showList(preset *data.ReferralFilter) {
	keep := s.filter
	s.body.Objects = []fyne.CanvasObject{s.buildList()}
	s.filter.SortBy, s.filter.Desc = keep.SortBy, keep.Desc
	s.beyond = data.ReferralFilter{}
	if preset != nil {
		s.applyPreset(*preset)
	}
	s.reload()
	s.body.Refresh()
}

func (s *referralsScreen) buildList() fyne.CanvasObject {
	s.table = nil // the filters' handlers wait for the table
	s.search = newEntry()
	s.search.SetPlaceHolder(T("referrals.search"))
	s.state = newChoice(statusFilters, statusFilterLabel, s.reload)
	s.state.withAll()
	s.state.PlaceHolder = T("field.status")
	s.org = optionalSelect(T("referrals.organization"), names(s.orgs, func(o data.Organization) string { return o.Name }), s.reload)
	s.situation = optionalSelect(T("field.situation"), names(s.protocol.Situations, func(sit data.Situation) string { return sit.Name }), s.reload)
	s.urgency = newChoice(data.Urgencies, urgencyLabel, s.reload)
	s.urgency.withAll()
	s.urgency.PlaceHolder = T("field.urgency")
	s.overdue = newCheck(T("referrals.overdue"), func(bool) { s.reload() })
	s.dueToday = newCheck(T("referrals.due_today"), func(bool) { s.reload() })
	s.sentFrom, s.sentTo = newEntry(), newEntry()
	s.sentFrom.SetPlaceHolder(T("referrals.sent_from"))
	s.sentTo.SetPlaceHolder(T("referrals.sent_to"))
	for _, e := range []*entry{s.search, s.sentFrom, s.sentTo} {
		e.OnChanged = func(string) { s.reload() }
	}
	clear := widget.NewButtonWithIcon(T("common.clear_filters"), theme.ContentClearIcon(), func() {
		s.filter, s.beyond = data.ReferralFilter{}, data.ReferralFilter{}
		s.showList(nil)
	})
	s.beyondLine = container.NewHBox()
	s.count = widget.NewLabel("")
	s.table = s.newTable()
	newButton := widget.NewButtonWithIcon(T("referrals.new"), theme.ContentAddIcon(), func() { s.openForm(data.Referral{Urgency: data.UrgencyRoutine}) })
	newButton.Importance = widget.HighImportance
	open := widget.NewButtonWithIcon(T("common.open"), theme.DocumentIcon(), s.openSelected)
	register := widget.NewButtonWithIcon(T("referrals.export_register"), theme.DownloadIcon(), s.exportRegister)
	overdue := widget.NewButtonWithIcon(T("referrals.export_overdue"), theme.DocumentPrintIcon(), s.exportOverdue)
	filters := container.NewVBox(container.NewGridWithColumns(4, s.state.selectBox, s.org, s.situation, s.urgency.selectBox),
		container.NewBorder(nil, nil, nil, container.NewHBox(s.overdue, s.dueToday, clear), container.NewGridWithColumns(2, s.sentFrom, s.sentTo)))
	top := container.NewVBox(s.search, filters, s.beyondLine, container.NewBorder(nil, nil, s.count, nil, actionRow(newButton, open, register, overdue)))
	return container.NewBorder(top, nil, nil, nil, s.table)
}

// applyPreset shows a filter another screen asked for: in the bar's
// fields, and what they cannot show in the line under them.
func (s *referralsScreen) applyPreset(p data.ReferralFilter) {
	s.overdue.SetChecked(p.Overdue)
	s.dueToday.SetChecked(p.DueToday)
	switch {
	case len(p.Statuses) == 1:
		s.state.setKey(string(p.Statuses[0]))
	case len(p.Statuses) > 1:
		s.state.setKey("open")
	}
	s.urgency.setKey(p.Urgency)
	if p.SituationKey != "" {
		selectWhere(s.situation, append([]data.Situation{{}}, s.protocol.Situations...), func(sit data.Situation) bool { return sit.Key == p.SituationKey })
	}
	if p.SentFrom != "" {
		s.sentFrom.SetText(FormatDay(p.SentFrom))
	}
	if p.SentTo != "" {
		s.sentTo.SetText(FormatDay(p.SentTo))
	}
	s.beyond = data.ReferralFilter{FromOrg: p.FromOrg, ToOrg: p.ToOrg, FromSector: p.FromSector}
	s.showBeyond()
}

// showBeyond says the conditions the bar has no field for, with a button
// that drops them.
func (s *referralsScreen) showBeyond() {
	s.beyondLine.RemoveAll()
	if s.beyond.FromOrg == "" && s.beyond.ToOrg == "" && s.beyond.FromSector == "" {
		return
	}
	label := widget.NewLabel("")
	drop := widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		s.beyond = data.ReferralFilter{}
		s.showBeyond()
		s.reload()
	})
	drop.Importance = widget.LowImportance
	s.beyondLine.Objects = []fyne.CanvasObject{widget.NewIcon(theme.SearchIcon()), label, drop}
	s.beyondLine.Refresh()
	beyond := s.beyond
	load(s.ui.runner, nil, nil, func(ctx context.Context) (string, error) {
		return office.FilterScope(ctx, s.store, beyond, Language())
	}, label.SetText)
}

// currentFilter reads the filter bar.
func (s *referralsScreen) currentFilter() data.ReferralFilter {
	f := data.ReferralFilter{Query: s.search.Text, Urgency: s.urgency.key(), Overdue: s.overdue.Checked,
		DueToday: s.dueToday.Checked, Now: s.now(), SortBy: s.filter.SortBy, Desc: s.filter.Desc}
	switch k := s.state.key(); k {
	case "":
	case "open":
		f.Statuses = data.OpenStatuses
	default:
		f.Statuses = []data.ReferralStatus{data.ReferralStatus(k)}
	}
	if i := s.org.SelectedIndex(); i > 0 {
		f.OrgID = s.orgs[i-1].ID
	}
	if i := s.situation.SelectedIndex(); i > 0 {
		f.SituationKey = s.protocol.Situations[i-1].Key
	}
	f.SentFrom, f.SentTo = dayIn(s.sentFrom), dayIn(s.sentTo)
	f.FromOrg, f.ToOrg, f.FromSector = s.beyond.FromOrg, s.beyond.ToOrg, s.beyond.FromSector
	return f
}

// reload shows the register for the filter from the top.
func (s *referralsScreen) reload() {
	if s.table == nil {
		return // still building the filter bar
	}
	s.filter = s.currentFilter()
	s.table.forget()
	f, store := s.filter, s.store
	s.restart(func(ctx context.Context, limit, offset int) ([]data.Referral, error) {
		f := f
		f.Limit, f.Offset = limit, offset
		return store.Referrals(ctx, f)
	}, func(ctx context.Context, upTo int) (int, error) {
		if upTo == 0 {
			return store.CountReferrals(ctx, f)
		}
		return store.CountReferralsUpTo(ctx, f, upTo)
	}, false)
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

// back returns to the table, keeping the filter.
func (s *referralsScreen) back() {
	s.ui.confirmDiscard(func() {
		s.form, s.detail = nil, nil
		filter := s.filter
		s.showList(&filter)
	})
}

func (s *referralsScreen) exportRegister() {
	filter := s.filter
	s.ui.exportProtected(T("referrals.register_file")+".xlsx", func(ctx context.Context, doc office.Document) error {
		return office.ExportRegister(ctx, s.store, filter, doc)
	})
}

// exportOverdue writes the overdue referrals among those the filter shows.
func (s *referralsScreen) exportOverdue() {
	filter := s.filter
	filter.SortBy, filter.Desc = "", false // most overdue first
	s.ui.exportProtected(T("referrals.overdue_file")+".pdf", func(ctx context.Context, doc office.Document) error {
		return office.ExportOverdue(ctx, s.store, filter, doc)
	})
}

// referralColumns are the register's columns. The widths of those that
// hold words fit, in every language, the header with its sort arrow and
// the longest wording of the cells (a test measures them): a cut word
// reads as another word.
var referralColumns = []struct {
	key, sort string
	width     float32
}{{"number", "", 110}, {"status", "status", 160}, {"due_at", "due", 145}, {"time_left", "due", 195}, {"urgency", "urgency", 160},
	{"from_org", "from", 190}, {"to_org", "to", 190}, {"situation", "situation", 200}, {"case", "case", 110}}

// newTable is the register's table; rows are read a page at a time.
func (s *referralsScreen) newTable() *dataTable {
	widths := make([]float32, len(referralColumns))
	for i, c := range referralColumns {
		widths[i] = c.width
	}
	return newDataTable(tableSpec{
		rows:   s.length,
		widths: widths,
		cell: func(row, col int) (string, widget.Importance) {
			r := s.row(row)
			if r == nil {
				return "…", widget.LowImportance
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
		return urgencyLabel(r.Urgency)
	case "status":
		return T("status.referral." + string(r.Status))
	case "due_at":
		if d := r.Due(); !d.IsZero() && r.Status.Open() {
			return FormatDateTime(d)
		}
	case "time_left":
		if left, ok := r.TimeLeft(now); ok {
			return timeLeftText(left)
		}
	}
	return ""
}

// timeLeftText says how a referral stands against its deadline as people
// say it: "overdue by 3 h", "overdue by 2 days", "due today", "3 days left".
func timeLeftText(left data.TimeLeft) string {
	switch left.Kind {
	case data.OverdueHours:
		return Plural("register.overdue_hours", left.N)
	case data.OverdueDays:
		return Plural("register.overdue_days", left.N)
	case data.DueLaterToday:
		return T("register.due_today")
	}
	return Plural("register.days_to_go", left.N)
}

func urgencyLabel(u data.Urgency) string { return T("urgency." + string(u)) }
