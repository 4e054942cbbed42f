package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
)

// dashboardScreen shows the community at a glance: the referrals that need
// action, counts per status, the protocol and the catalogue. Every number
// opens the list it counts.
type dashboardScreen struct {
	ui  *UI
	now func() time.Time
}

func newDashboardScreen(ui *UI) *dashboardScreen { return &dashboardScreen{ui: ui, now: time.Now} }

func (s *dashboardScreen) titleKey() string    { return "nav.dashboard" }
func (s *dashboardScreen) icon() fyne.Resource { return theme.HomeIcon() }
func (s *dashboardScreen) unsaved() bool       { return false }

// openReferrals shows the register with a filter set.
func (s *dashboardScreen) openReferrals(f data.ReferralFilter) {
	for _, scr := range s.ui.screens {
		if r, ok := scr.(*referralsScreen); ok {
			r.preset = f
		}
	}
	s.ui.showScreen("nav.referrals")
}

func (s *dashboardScreen) build() fyne.CanvasObject {
	ctx := context.Background()
	st := s.ui.store
	now := s.now()
	set, err := st.Settings(ctx)
	if err != nil {
		s.ui.showError(err)
	}
	community := set.Community
	if community == "" {
		community = T("dashboard.no_community")
	}
	title := widget.NewLabelWithStyle(community, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	count := func(f data.ReferralFilter) int {
		f.Now = now
		n, err := st.CountReferrals(ctx, f)
		if err != nil {
			fyne.LogError("dashboard count", err)
		}
		return n
	}
	card := func(text string, imp widget.Importance, f data.ReferralFilter) *widget.Button {
		b := widget.NewButton(text, func() { s.openReferrals(f) })
		b.Importance = imp
		return b
	}
	overdue := data.ReferralFilter{Overdue: true}
	dueToday := data.ReferralFilter{DueToday: true}
	waiting := data.ReferralFilter{Statuses: []data.ReferralStatus{data.RefReceived}}
	urgent := []fyne.CanvasObject{
		card(Plural("dashboard.overdue", count(overdue)), widget.DangerImportance, overdue),
		card(Plural("dashboard.due_today", count(dueToday)), widget.WarningImportance, dueToday),
		card(Plural("dashboard.not_accepted", count(waiting)), widget.MediumImportance, waiting),
	}
	byStatus, err := st.CountByStatus(ctx)
	if err != nil {
		s.ui.showError(err)
	}
	var statuses []fyne.CanvasObject
	for _, status := range data.ReferralStatuses {
		f := data.ReferralFilter{Statuses: []data.ReferralStatus{status}}
		statuses = append(statuses, card(T("status.referral."+string(status))+": "+FormatInt(byStatus[status]), widget.LowImportance, f))
	}
	protocolLine := T("dashboard.no_protocol")
	if versions, err := st.ProtocolVersions(ctx); err == nil && len(versions) > 0 {
		protocolLine = T("dashboard.protocol", "version", versionLabel(versions[0]))
		for _, v := range versions {
			if v.Status == data.ProtocolApproved {
				protocolLine = T("dashboard.protocol", "version", versionLabel(v))
				if versions[0].Status == data.ProtocolDraft {
					protocolLine += " · " + T("dashboard.draft_pending", "n", FormatInt(versions[0].Version))
				}
				break
			}
		}
	}
	services, unverified, err := st.ServiceCounts(ctx, now)
	if err != nil {
		s.ui.showError(err)
	}
	orgs, _ := st.Organizations(ctx, "")
	lastBackup := T("dashboard.no_backup")
	if list, err := data.ListBackups(st.Path()); err == nil && len(list) > 0 {
		lastBackup = T("dashboard.last_backup", "when", FormatDateTime(list[0].At))
	}
	link := func(text, screen string) *widget.Button {
		b := widget.NewButton(text, func() { s.ui.showScreen(screen) })
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	heading := func(key string) *widget.Label {
		return widget.NewLabelWithStyle(T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	return container.NewVScroll(container.NewVBox(
		title,
		heading("dashboard.referrals"),
		container.NewGridWithColumns(3, urgent...),
		container.NewGridWithColumns(4, statuses...),
		widget.NewSeparator(),
		heading("dashboard.community"),
		link(protocolLine, "nav.protocol"),
		link(Plural("dashboard.services", services)+" · "+Plural("dashboard.unverified", unverified), "nav.catalogue"),
		link(Plural("orgs.count", len(orgs)), "nav.organizations"),
		widget.NewLabel(T("dashboard.country", "country", T("country."+string(set.Country)))+" · "+lastBackup),
	))
}
