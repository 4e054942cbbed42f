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
)

// casesScreen lists the cases, read a page at a time off the UI goroutine
// as they scroll into view, so that 100 000 of them scroll as 100 do; a
// case shows its details and its referrals.
type casesScreen struct {
	ui    *UI
	store referralStore

	search    *entry
	list      *widget.List
	detail    *fyne.Container
	anonymise *widget.Button

	query string // the search the list shows
	pagedRows[data.Case]
}

func newCasesScreen(ui *UI, st referralStore) *casesScreen {
	s := &casesScreen{ui: ui, store: st}
	s.pagedRows = pagedRows[data.Case]{runner: ui.runner, countFirst: 10_000, countKey: "cases.count",
		refresh: func() { s.list.Refresh() }}
	return s
}

func (s *casesScreen) titleKey() string    { return "nav.cases" }
func (s *casesScreen) icon() fyne.Resource { return theme.FolderIcon() }
func (s *casesScreen) unsaved() bool       { return false }

func (s *casesScreen) build(at place) fyne.CanvasObject {
	s.search = newEntry()
	s.search.SetPlaceHolder(T("cases.search"))
	s.search.OnChanged = func(string) { s.searched() }
	s.count = widget.NewLabel("")
	s.list = widget.NewList(s.length,
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.rowText(i)) })
	s.detail = container.NewStack()
	s.list.OnSelected = func(i widget.ListItemID) {
		if c := s.row(i); c != nil {
			s.show(c.ID)
		}
	}
	newCase := widget.NewButtonWithIcon(T("cases.new"), theme.ContentAddIcon(), s.openNew)
	newCase.Importance = widget.HighImportance
	s.anonymise = widget.NewButtonWithIcon(T("cases.anonymise"), theme.VisibilityOffIcon(), s.askAnonymise)
	factors := widget.NewButtonWithIcon(T("cases.factors"), theme.ListIcon(), s.editFactors)
	left := container.NewBorder(container.NewVBox(s.search, container.NewBorder(nil, nil, s.count, newCase)),
		container.NewVBox(factors, s.anonymise), nil, nil, s.list)
	s.searched()
	split := container.NewHSplit(left, s.detail)
	split.Offset = 0.35
	if at.newCase {
		s.openNew()
	}
	return split
}

// rowText is what row i of the list says: "…" while its page is read.
func (s *casesScreen) rowText(i int) string {
	c := s.row(i)
	if c == nil {
		return "…"
	}
	text := c.Number + " · " + c.Subject
	if c.ClosedOn != "" {
		text += " · " + T("cases.closed")
	}
	return text
}

// openNew opens the dialog of a new case.
func (s *casesScreen) openNew() {
	showCaseDialog(s.ui, s.store, data.Case{}, func(c data.Case) { s.reload(); s.show(c.ID) })
}

// searched shows what a new search finds, from the top.
func (s *casesScreen) searched() {
	s.query = s.search.Text
	s.list.ScrollToOffset(0)
	s.read(false)
}

// reload reads the list again after an edit; it stays where the user
// scrolled it, showing the rows it had until their pages come again.
func (s *casesScreen) reload() { s.read(true) }

func (s *casesScreen) read(keep bool) {
	s.list.UnselectAll()
	query, store := s.query, s.store
	s.restart(func(ctx context.Context, limit, offset int) ([]data.Case, error) {
		return store.CasesPage(ctx, query, limit, offset)
	}, func(ctx context.Context, upTo int) (int, error) {
		if upTo == 0 {
			return store.CountCases(ctx, query)
		}
		return store.CountCasesUpTo(ctx, query, upTo)
	}, keep)
}

// caseWithReferrals is a case as its detail shows it.
type caseWithReferrals struct {
	c    data.Case
	refs []data.Referral
}

// show reads a case and its referrals and puts them on the right.
func (s *casesScreen) show(id int64) {
	load(s.ui.runner, nil, nil, func(ctx context.Context) (caseWithReferrals, error) {
		c, err := s.store.Case(ctx, id)
		if err != nil {
			return caseWithReferrals{}, err
		}
		refs, err := s.store.Referrals(ctx, data.ReferralFilter{CaseID: id})
		return caseWithReferrals{c, refs}, err
	}, func(v caseWithReferrals) {
		s.detail.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewPadded(s.caseDetail(v.c, v.refs)))}
		s.detail.Refresh()
	})
}

func (s *casesScreen) caseDetail(c data.Case, refs []data.Referral) fyne.CanvasObject {
	birth := ""
	if c.BirthYear != nil {
		birth = strconv.Itoa(*c.BirthYear)
	}
	rows := []struct{ key, value string }{{"number", c.Number}, {"subject", c.Subject}, {"birth_year", birth},
		{"settlement", c.Settlement}, {"factors", strings.Join(c.FactorNames, ", ")}, {"specialist", c.Specialist},
		{"consent_given_on", joinNonEmpty(" ", FormatDay(c.ConsentGivenOn), c.ConsentBy)}, {"opened_on", FormatDay(c.OpenedOn)},
		{"closed_on", FormatDay(c.ClosedOn)}, {"notes", c.Notes}}
	var objs []fyne.CanvasObject
	for _, r := range rows {
		if strings.TrimSpace(r.value) == "" {
			continue
		}
		v := widget.NewLabel(r.value)
		v.Wrapping = fyne.TextWrapWord
		objs = append(objs, widget.NewLabel(T("field."+r.key)), v)
	}
	if c.AnonymisedAt != "" {
		objs = append(objs, widget.NewLabel(""), widget.NewLabel(T("cases.anonymised")))
	}
	var refLines []string
	now := time.Now()
	for _, r := range refs {
		line := r.Number + " · " + r.ToName + " · " + T("status.referral."+string(r.Status))
		if r.Overdue(now) {
			line += " · " + T("cases.overdue")
		}
		refLines = append(refLines, line)
	}
	refList := widget.NewLabel(strings.Join(refLines, "\n"))
	refList.Wrapping = fyne.TextWrapWord
	edit := widget.NewButtonWithIcon(T("cases.edit"), theme.DocumentCreateIcon(), func() {
		showCaseDialog(s.ui, s.store, c, func(saved data.Case) { s.reload(); s.show(saved.ID) })
	})
	if c.AnonymisedAt != "" {
		edit.Disable()
	}
	newReferral := widget.NewButtonWithIcon(T("cases.new_referral"), theme.MailForwardIcon(), func() {
		s.ui.goTo(place{screen: "nav.referrals", newReferral: &data.Referral{CaseID: c.ID, Urgency: data.UrgencyRoutine}})
	})
	return container.NewVBox(heading(c.Number), container.New(layoutForm(), objs...), actionRow(edit, newReferral),
		heading(Plural("cases.referrals", len(refs))), refList)
}

// editFactors edits the list of vulnerability factors.
func (s *casesScreen) editFactors() {
	load(s.ui.runner, nil, nil, func(ctx context.Context) (data.Settings, error) {
		return s.store.Settings(ctx)
	}, func(set data.Settings) {
		showNamedList(s.ui, set.Country, namedList{
			title:   T("cases.factors"),
			retired: T("cases.factor_retired"),
			read: func(ctx context.Context) ([]data.NamedEntry, error) {
				list, err := s.store.VulnerabilityFactors(ctx, set.Country)
				return mapped(list, func(f data.VulnerabilityFactor) data.NamedEntry { return f.NamedEntry }), err
			},
			save: func(ctx context.Context, e data.NamedEntry) error {
				return s.store.SaveVulnerabilityFactor(ctx, &data.VulnerabilityFactor{NamedEntry: e})
			},
		}, nil)
	})
}

// anonymisation is what the confirmation of an anonymisation says.
type anonymisation struct {
	years, due int
}

// askAnonymise clears, after a confirmation, the personal data of cases
// closed longer ago than the retention period in Settings.
func (s *casesScreen) askAnonymise() {
	load(s.ui.runner, nil, nil, func(ctx context.Context) (anonymisation, error) {
		set, err := s.store.Settings(ctx)
		if err != nil {
			return anonymisation{}, err
		}
		n, err := s.store.CasesToAnonymise(ctx, set.RetentionYears)
		return anonymisation{set.RetentionYears, n}, err
	}, func(a anonymisation) {
		years := strconv.Itoa(a.years)
		date := i18n.FormatDay(data.RetentionCutoff(time.Now(), a.years))
		if a.due == 0 {
			showMessage(s.ui.win, T("cases.anonymise"), T("cases.none_to_anonymise", "date", date), nil)
			return
		}
		confirm(s.ui.win, T("cases.anonymise"), Plural("cases.anonymise_text", a.due, "years", years, "date", date), T("cases.anonymise_confirm"), func() {
			s.runAnonymise(a.years)
		}, nil)
	})
}

func (s *casesScreen) runAnonymise(years int) {
	var done int
	s.ui.run(task{title: T("cases.anonymising"),
		work: func(ctx context.Context, _ func(int, int)) (err error) {
			done, err = s.store.AnonymiseClosedCases(ctx, years)
			return err
		},
		done: func() {
			s.reload()
			showMessage(s.ui.win, T("cases.anonymise"), Plural("cases.anonymised_n", done), nil)
		},
	})
}
