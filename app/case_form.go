package app

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/i18n"
	"spilno/office"
)

// caseForm is the dialog that makes or edits a case.
type caseForm struct {
	ui      *UI
	store   referralStore
	c       data.Case
	factors []data.VulnerabilityFactor

	subject, birthYear, settlement, consentOn, consentBy, specialist, openedOn, closedOn, notes *entry
	factorChecks                                                                                *checkGrid
	fields                                                                                      []*field
	problem                                                                                     *widget.Label
	dialog                                                                                      dialog.Dialog
	saved                                                                                       func(data.Case)
}

// showCaseDialog reads the factors to choose from, then edits c in a
// dialog; saved is called with the stored case.
func showCaseDialog(ui *UI, st referralStore, c data.Case, saved func(data.Case)) {
	load(ui.runner, nil, nil, func(ctx context.Context) ([]data.VulnerabilityFactor, error) {
		set, err := st.Settings(ctx)
		if err != nil {
			return nil, err
		}
		return st.VulnerabilityFactors(ctx, set.Country)
	}, func(factors []data.VulnerabilityFactor) {
		f := &caseForm{ui: ui, store: st, c: c, factors: factors, saved: saved}
		f.show()
		ui.caseDialog = f
	})
}

func (f *caseForm) entry(key, value string) *entry {
	e := newEntry()
	e.SetText(value)
	f.fields = append(f.fields, newField(key, e))
	return e
}

func (f *caseForm) show() {
	c := f.c
	birth := ""
	if c.BirthYear != nil {
		birth = strconv.Itoa(*c.BirthYear)
	}
	f.subject = f.entry("subject", c.Subject)
	f.subject.SetPlaceHolder(T("cases.subject_hint"))
	f.birthYear = f.entry("birth_year", birth)
	f.settlement = f.entry("settlement", c.Settlement)
	var names, chosen []string
	for _, fc := range f.factors {
		if fc.Retired && !slices.Contains(c.FactorIDs, fc.ID) {
			continue // retired factors stay on the cases that have them, and are offered to no new one
		}
		names = append(names, fc.Name)
		if slices.Contains(c.FactorIDs, fc.ID) {
			chosen = append(chosen, fc.Name)
		}
	}
	f.factorChecks = newCheckGrid(names, chosen, func() {})
	f.fields = append(f.fields, newField("factors", f.factorChecks.box))
	f.consentOn = f.entry("consent_given_on", FormatDay(c.ConsentGivenOn))
	f.consentBy = f.entry("consent_by", c.ConsentBy)
	f.specialist = f.entry("specialist", c.Specialist)
	opened := FormatDay(c.OpenedOn)
	if opened == "" {
		opened = FormatDate(time.Now())
	}
	f.openedOn = f.entry("opened_on", opened)
	f.closedOn = f.entry("closed_on", FormatDay(c.ClosedOn))
	f.notes = f.entry("notes", c.Notes)
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel(T("cases.minimum_data"))
	hint.Wrapping = fyne.TextWrapWord
	title := T("cases.new")
	if c.ID != 0 {
		title = c.Number
	}
	// The buttons stay below the scrolling fields, always in sight.
	buttons := container.NewHBox(layout.NewSpacer(), widget.NewButton(T("button.cancel"), f.close),
		&widget.Button{Text: T("button.save"), Importance: widget.HighImportance, OnTapped: f.save})
	content := container.NewBorder(nil, container.NewVBox(f.problem, buttons), nil, nil,
		container.NewVScroll(container.NewVBox(hint, formGrid(f.fields...))))
	f.dialog = dialog.NewCustomWithoutButtons(title, content, f.ui.win)
	f.dialog.Resize(fyne.NewSize(760, 640))
	showWithKeys(f.ui.win, f.dialog, dialogKeys{cancel: f.close, confirm: f.save, save: f.save})
}

func (f *caseForm) close() {
	f.dialog.Hide()
	f.ui.caseDialog = nil
}

// collect reads the form; values that cannot even be read (a word where a
// year belongs) come back as problems of their own.
func (f *caseForm) collect() (data.Case, []data.FieldError) {
	edited := f.c
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
		e    *entry
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
	chosen := f.factorChecks.selected()
	for _, fc := range f.factors {
		if slices.Contains(chosen, fc.Name) {
			edited.FactorIDs = append(edited.FactorIDs, fc.ID)
		}
	}
	// The case's own rules too, so that every problem shows at once (an
	// empty opening date is today's, as the store will make it).
	check := edited
	if check.OpenedOn == "" {
		check.OpenedOn = time.Now().Format(time.DateOnly)
	}
	if err := check.Validate(time.Now()); err != nil {
		for _, p := range data.AsError(err).Fields {
			if problemsFor(problems, p.Field) == "" {
				problems = append(problems, p)
			}
		}
	}
	return edited, problems
}

// save stores the case; a refused save keeps the dialog and what was typed
// and says next to each field what is wrong.
func (f *caseForm) save() {
	edited, problems := f.collect()
	if len(problems) > 0 {
		f.showProblems(&data.Error{Code: data.EInvalid, Fields: problems})
		return
	}
	f.ui.run(task{
		work: func(ctx context.Context, _ func(int, int)) error { return f.store.SaveCase(ctx, &edited) },
		done: func() {
			f.close()
			f.saved(edited)
		},
		failed: f.showProblems,
	})
}

func (f *caseForm) showProblems(err error) {
	problems := data.AsError(err).Fields
	for _, fl := range f.fields {
		fl.setProblem(problemsFor(problems, fl.key))
	}
	f.problem.SetText(office.ErrorMessage(err))
}
