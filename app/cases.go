package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/i18n"
)

// casesScreen lists the cases; a case shows its form and its referrals.
type casesScreen struct {
	ui    *UI
	store referralStore
	items []data.Case

	search    *widget.Entry
	list      *widget.List
	count     *widget.Label
	detail    *fyne.Container
	anonymise *widget.Button
}

func newCasesScreen(ui *UI, st referralStore) *casesScreen { return &casesScreen{ui: ui, store: st} }

func (s *casesScreen) titleKey() string    { return "nav.cases" }
func (s *casesScreen) icon() fyne.Resource { return theme.FolderIcon() }
func (s *casesScreen) unsaved() bool       { return false }

func (s *casesScreen) build() fyne.CanvasObject {
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(T("cases.search"))
	s.search.OnChanged = func(string) { s.reload() }
	s.count = widget.NewLabel("")
	s.list = widget.NewList(func() int { return len(s.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := s.items[i]
			text := c.Number + " · " + c.Subject
			if c.ClosedOn != "" {
				text += " · " + T("cases.closed")
			}
			o.(*widget.Label).SetText(text)
		})
	s.detail = container.NewStack()
	s.list.OnSelected = func(i widget.ListItemID) { s.show(s.items[i].ID) }
	newCase := widget.NewButtonWithIcon(T("cases.new"), theme.ContentAddIcon(), func() {
		showCaseDialog(s.ui, s.store, data.Case{}, func(c data.Case) { s.reload(); s.show(c.ID) })
	})
	newCase.Importance = widget.HighImportance
	s.anonymise = widget.NewButtonWithIcon(T("cases.anonymise"), theme.VisibilityOffIcon(), s.askAnonymise)
	factors := widget.NewButtonWithIcon(T("cases.factors"), theme.ListIcon(), func() { s.editFactors() })
	left := container.NewBorder(container.NewVBox(s.search, container.NewBorder(nil, nil, s.count, newCase)),
		container.NewVBox(factors, s.anonymise), nil, nil, s.list)
	s.reload()
	split := container.NewHSplit(left, s.detail)
	split.Offset = 0.35
	return split
}

func (s *casesScreen) reload() {
	items, err := s.store.Cases(context.Background(), s.search.Text, 500)
	if err != nil {
		s.ui.showError(err)
		return
	}
	s.items = items
	s.count.SetText(Plural("cases.count", len(items)))
	s.list.UnselectAll()
	s.list.Refresh()
}

// show puts a case and its referrals on the right.
func (s *casesScreen) show(id int64) {
	ctx := context.Background()
	c, err := s.store.Case(ctx, id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	refs, err := s.store.Referrals(ctx, data.ReferralFilter{CaseID: id})
	if err != nil {
		s.ui.showError(err)
		return
	}
	birth := ""
	if c.BirthYear != nil {
		birth = strconv.Itoa(*c.BirthYear)
	}
	rows := []struct{ key, value string }{{"number", c.Number}, {"subject", c.Subject}, {"birth_year", birth},
		{"settlement", c.Settlement}, {"factors", strings.Join(c.FactorNames, ", ")}, {"specialist", c.Specialist},
		{"consent_given_on", dateOrEmpty(c.ConsentGivenOn) + " " + c.ConsentBy}, {"opened_on", dateOrEmpty(c.OpenedOn)},
		{"closed_on", dateOrEmpty(c.ClosedOn)}, {"notes", c.Notes}}
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
			line += " · " + T("referrals.overdue")
		}
		refLines = append(refLines, line)
	}
	refList := widget.NewLabel(strings.Join(refLines, "\n"))
	refList.Wrapping = fyne.TextWrapWord
	edit := widget.NewButtonWithIcon(T("protocol.edit_step"), theme.DocumentCreateIcon(), func() {
		showCaseDialog(s.ui, s.store, c, func(saved data.Case) { s.reload(); s.show(saved.ID) })
	})
	if c.AnonymisedAt != "" {
		edit.Disable()
	}
	newReferral := widget.NewButtonWithIcon(T("cases.new_referral"), theme.MailForwardIcon(), func() {
		for _, scr := range s.ui.screens {
			if r, ok := scr.(*referralsScreen); ok {
				s.ui.showScreen("nav.referrals")
				r.openForm(data.Referral{CaseID: c.ID, Urgency: data.UrgencyRoutine})
			}
		}
	})
	body := container.NewVBox(widget.NewLabelWithStyle(c.Number, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.New(layoutForm(), objs...), container.NewHBox(edit, newReferral),
		widget.NewLabelWithStyle(Plural("referrals.count", len(refs)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), refList)
	s.detail.Objects = []fyne.CanvasObject{container.NewVScroll(container.NewPadded(body))}
	s.detail.Refresh()
}

func dateOrEmpty(iso string) string {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return ""
	}
	return FormatDate(d)
}

// editFactors edits the list of vulnerability factors.
func (s *casesScreen) editFactors() *namedListEditor {
	ctx := context.Background()
	set, err := s.store.Settings(ctx)
	if err != nil {
		s.ui.showError(err)
		return nil
	}
	var factors []data.VulnerabilityFactor
	reload := func() error {
		var err error
		factors, err = s.store.VulnerabilityFactors(ctx, set.Country)
		return err
	}
	if err := reload(); err != nil {
		s.ui.showError(err)
		return nil
	}
	return showNamedList(s.ui, set.Country, namedList{
		title: T("cases.factors"),
		count: func() int { return len(factors) },
		entry: func(i int) data.NamedEntry { return factors[i].NamedEntry },
		save: func(e data.NamedEntry) error {
			return s.store.SaveVulnerabilityFactor(ctx, &data.VulnerabilityFactor{NamedEntry: e})
		},
		reload: reload,
	}, func() {})
}

// askAnonymise clears, after a confirmation, the personal data of cases
// closed longer ago than the retention period in Settings.
func (s *casesScreen) askAnonymise() {
	ctx := context.Background()
	set, err := s.store.Settings(ctx)
	if err != nil {
		s.ui.showError(err)
		return
	}
	n, err := s.store.CasesToAnonymise(ctx, set.RetentionYears)
	if err != nil {
		s.ui.showError(err)
		return
	}
	if n == 0 {
		showMessage(s.ui.win, T("cases.anonymise"), T("cases.none_to_anonymise", "years", strconv.Itoa(set.RetentionYears)), nil)
		return
	}
	confirm(s.ui.win, T("cases.anonymise"), Plural("cases.anonymise_text", n, "years", strconv.Itoa(set.RetentionYears)), T("cases.anonymise"), func() {
		done, err := s.store.AnonymiseClosedCases(ctx, set.RetentionYears)
		if err != nil {
			s.ui.showError(err)
			return
		}
		s.reload()
		showMessage(s.ui.win, T("cases.anonymise"), Plural("cases.anonymised_n", done), nil)
	}, nil)
}

// caseForm is the dialog that makes or edits a case.
type caseForm struct {
	subject, birthYear, settlement, consentOn, consentBy, specialist, openedOn, closedOn, notes *widget.Entry
	factors                                                                                     *checkGrid
	fields                                                                                      []*field
	problem                                                                                     *widget.Label
	save                                                                                        func()
}

// showCaseDialog edits c in a dialog; saved is called with the stored case.
func showCaseDialog(ui *UI, st referralStore, c data.Case, saved func(data.Case)) *caseForm {
	ctx := context.Background()
	set, _ := st.Settings(ctx)
	factors, _ := st.VulnerabilityFactors(ctx, set.Country)
	f := &caseForm{problem: widget.NewLabel("")}
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	entry := func(key, value string) *widget.Entry {
		e := widget.NewEntry()
		e.SetText(value)
		f.fields = append(f.fields, newField(key, e))
		return e
	}
	birth := ""
	if c.BirthYear != nil {
		birth = strconv.Itoa(*c.BirthYear)
	}
	f.subject = entry("subject", c.Subject)
	f.subject.SetPlaceHolder(T("cases.subject_hint"))
	f.birthYear = entry("birth_year", birth)
	f.settlement = entry("settlement", c.Settlement)
	var names, chosen []string
	for _, fc := range factors {
		if fc.Retired && !containsID(c.FactorIDs, fc.ID) {
			continue
		}
		names = append(names, fc.Name)
		if containsID(c.FactorIDs, fc.ID) {
			chosen = append(chosen, fc.Name)
		}
	}
	f.factors = newCheckGrid(2, names, chosen, func() {})
	f.fields = append(f.fields, newField("factors", f.factors.box))
	f.consentOn = entry("consent_given_on", dateOrEmpty(c.ConsentGivenOn))
	f.consentBy = entry("consent_by", c.ConsentBy)
	f.specialist = entry("specialist", c.Specialist)
	opened := dateOrEmpty(c.OpenedOn)
	if opened == "" {
		opened = FormatDate(time.Now())
	}
	f.openedOn = entry("opened_on", opened)
	f.closedOn = entry("closed_on", dateOrEmpty(c.ClosedOn))
	f.notes = entry("notes", c.Notes)
	var d dialog.Dialog
	f.save = func() {
		edited := c
		var problems []data.FieldError
		edited.Subject, edited.Settlement, edited.ConsentBy = f.subject.Text, f.settlement.Text, f.consentBy.Text
		edited.Specialist, edited.Notes = f.specialist.Text, f.notes.Text
		edited.BirthYear = nil
		if t := strings.TrimSpace(f.birthYear.Text); t != "" {
			if n, err := strconv.Atoi(t); err == nil {
				edited.BirthYear = &n
			} else {
				problems = append(problems, data.FieldError{Field: "birth_year", Rule: "whole_number"})
			}
		}
		for _, dt := range []struct {
			key  string
			e    *widget.Entry
			into *string
		}{{"consent_given_on", f.consentOn, &edited.ConsentGivenOn}, {"opened_on", f.openedOn, &edited.OpenedOn}, {"closed_on", f.closedOn, &edited.ClosedOn}} {
			*dt.into = ""
			if t := strings.TrimSpace(dt.e.Text); t != "" {
				if v, err := i18n.ParseDate(t); err == nil {
					*dt.into = v.Format(time.DateOnly)
				} else {
					problems = append(problems, data.FieldError{Field: dt.key, Rule: "date"})
				}
			}
		}
		edited.FactorIDs = nil
		for _, fc := range factors {
			for _, n := range f.factors.selected() {
				if n == fc.Name {
					edited.FactorIDs = append(edited.FactorIDs, fc.ID)
				}
			}
		}
		if len(problems) == 0 {
			if err := st.SaveCase(ctx, &edited); err != nil {
				problems = data.AsError(err).Fields
				if len(problems) == 0 {
					f.problem.SetText(ErrorMessage(err))
					return
				}
			}
		}
		for _, fl := range f.fields {
			fl.setProblem(problemsFor(problems, fl.key))
		}
		if len(problems) > 0 {
			f.problem.SetText(ErrorMessage(&data.Error{Code: data.EInvalid, Fields: problems}))
			return
		}
		d.Hide()
		saved(edited)
	}
	hint := widget.NewLabel(T("cases.minimum_data"))
	hint.Wrapping = fyne.TextWrapWord
	title := T("cases.new")
	if c.ID != 0 {
		title = c.Number
	}
	content := container.NewVBox(hint, formGrid(f.fields...), f.problem, container.NewHBox(layout.NewSpacer(),
		widget.NewButton(T("button.cancel"), func() { d.Hide() }),
		&widget.Button{Text: T("button.save"), Importance: widget.HighImportance, OnTapped: f.save}))
	d = dialog.NewCustomWithoutButtons(title, container.NewVScroll(content), ui.win)
	d.Resize(fyne.NewSize(760, 640))
	d.Show()
	ui.caseDialog = f
	return f
}
