package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/office"
)

// dashboardScreen shows the community at a glance: the referrals that need
// action, counts per status, the protocol and the catalogue. Every number
// opens the list it counts.
type dashboardScreen struct {
	ui     *UI
	store  office.SummarySource
	now    func() time.Time
	status *widget.Label
	body   *fyne.Container
}

func newDashboardScreen(ui *UI) *dashboardScreen {
	return &dashboardScreen{ui: ui, store: ui.store, now: time.Now}
}

func (s *dashboardScreen) titleKey() string    { return "nav.dashboard" }
func (s *dashboardScreen) icon() fyne.Resource { return theme.HomeIcon() }
func (s *dashboardScreen) unsaved() bool       { return false }

func (s *dashboardScreen) build(place) fyne.CanvasObject {
	s.status = widget.NewLabel("")
	s.body = container.NewVBox()
	now := s.now()
	load(s.ui.runner, nil, s.status, func(ctx context.Context) (office.Summary, error) {
		return office.Summarize(ctx, s.store, now)
	}, s.show)
	return container.NewVScroll(container.NewVBox(s.status, s.body))
}

// show lays the summary out.
func (s *dashboardScreen) show(sum office.Summary) {
	community := sum.Settings.Community
	if community == "" {
		community = T("dashboard.no_community")
	}
	card := func(text string, imp widget.Importance, c office.ReferralCount) *widget.Button {
		f := c.Filter
		b := widget.NewButton(text, func() { s.ui.goTo(place{screen: "nav.referrals", filter: &f}) })
		b.Importance = imp
		return b
	}
	importance := map[string]widget.Importance{"overdue": widget.DangerImportance, "due_today": widget.WarningImportance}
	var urgent, statuses []fyne.CanvasObject
	for _, c := range sum.NeedAction {
		imp, ok := importance[c.Key]
		if !ok {
			imp = widget.MediumImportance
		}
		urgent = append(urgent, card(Plural("dashboard."+c.Key, c.N), imp, c))
	}
	for _, c := range sum.ByStatus {
		statuses = append(statuses, card(T("status.referral."+c.Key)+": "+FormatInt(c.N), widget.LowImportance, c))
	}
	link := func(text, screen string) *widget.Button {
		b := widget.NewButton(text, func() { s.ui.goTo(place{screen: screen}) })
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	lastBackup := T("dashboard.no_backup")
	if !sum.LastBackup.IsZero() {
		lastBackup = T("dashboard.last_backup", "when", FormatDateTime(sum.LastBackup))
	}
	s.body.Objects = []fyne.CanvasObject{
		heading(community),
		heading(T("dashboard.referrals")),
		container.NewGridWithColumns(3, urgent...),
		container.NewGridWithColumns(4, statuses...),
		widget.NewSeparator(),
		heading(T("dashboard.community")),
		link(protocolLine(sum), "nav.protocol"),
		link(Plural("dashboard.services", sum.Services)+" · "+Plural("dashboard.unverified", sum.Unverified), "nav.catalogue"),
		link(Plural("orgs.count", sum.Organizations), "nav.organizations"),
	}
	for i, m := range sum.OverdueMeasures {
		if i == 3 { // the rest are on the Planning screen
			s.body.Objects = append(s.body.Objects, link(Plural("planning.overdue_n", len(sum.OverdueMeasures)), "nav.planning"))
			break
		}
		// A long title wraps rather than widen the window.
		line := wrapped(T("dashboard.measure_overdue", "title", m.Title, "date", FormatDay(m.Deadline), "plan", m.AssessmentTitle), widget.DangerImportance)
		id := m.AssessmentID
		open := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { s.ui.goTo(place{screen: "nav.planning", assessment: id}) })
		s.body.Objects = append(s.body.Objects, container.NewBorder(nil, nil, nil, open, line))
	}
	s.body.Objects = append(s.body.Objects,
		widget.NewLabel(T("dashboard.country", "country", T("country."+string(sum.Settings.Country)))+" · "+lastBackup),
	)
	s.body.Refresh()
}

// protocolLine says which version is in force and whether a draft waits.
func protocolLine(sum office.Summary) string {
	switch {
	case sum.InForce != nil && sum.Draft != nil:
		return T("dashboard.protocol", "version", versionLabel(*sum.InForce)) + " · " +
			T("dashboard.draft_pending", "n", FormatInt(sum.Draft.Version))
	case sum.InForce != nil:
		return T("dashboard.protocol", "version", versionLabel(*sum.InForce))
	case sum.Draft != nil:
		return T("dashboard.protocol", "version", versionLabel(*sum.Draft))
	}
	return T("dashboard.no_protocol")
}
