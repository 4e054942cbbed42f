package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
)

// dashboardScreen shows the community at a glance. Referral deadlines and
// service checks join it with the issues that bring them.
type dashboardScreen struct {
	ui *UI
}

func newDashboardScreen(ui *UI) *dashboardScreen { return &dashboardScreen{ui: ui} }

func (s *dashboardScreen) titleKey() string    { return "nav.dashboard" }
func (s *dashboardScreen) icon() fyne.Resource { return theme.HomeIcon() }
func (s *dashboardScreen) unsaved() bool       { return false }

func (s *dashboardScreen) build() fyne.CanvasObject {
	ctx := context.Background()
	set, err := s.ui.store.Settings(ctx)
	if err != nil {
		s.ui.showError(err)
	}
	orgs, err := s.ui.store.Organizations(ctx, "")
	if err != nil {
		s.ui.showError(err)
	}
	community := set.Community
	if community == "" {
		community = T("dashboard.no_community")
	}
	title := widget.NewLabelWithStyle(community, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	openOrgs := widget.NewButtonWithIcon(Plural("orgs.count", len(orgs)), theme.AccountIcon(), func() {
		s.ui.showScreen("nav.organizations")
	})
	lastBackup := T("dashboard.no_backup")
	if list, err := data.ListBackups(s.ui.store.Path()); err == nil && len(list) > 0 {
		lastBackup = T("dashboard.last_backup", "when", FormatDateTime(list[0].At))
	}
	return container.NewVBox(
		title,
		widget.NewLabel(T("dashboard.country", "country", T("country."+string(set.Country)))),
		container.NewHBox(openOrgs),
		widget.NewLabel(lastBackup),
		widget.NewSeparator(),
		widget.NewLabel(T("dashboard.later")),
	)
}
