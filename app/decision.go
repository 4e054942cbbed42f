package app

import (
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

// decisionForm is the open dialog that asks for an approving decision,
// kept for tests.
type decisionForm struct {
	body, number, date *entry
	problem            *widget.Label
	approve            func()
}

// askDecision asks for the decision that approves a document: whose, its
// number and date, as they will be printed in the stamp of approval. The
// dialog stays open while the decision is refused, so nothing typed is
// lost: approve gets the decision (the date as YYYY-MM-DD) and calls done
// once it is recorded, or fail with why it is not.
func askDecision(win fyne.Window, title, hint string, given data.Decision, approve func(d data.Decision, done func(), fail func(error))) *decisionForm {
	f := &decisionForm{body: newEntry(), number: newEntry(), date: newEntry(), problem: widget.NewLabel("")}
	f.body.SetText(given.Body)
	if f.body.Text == "" {
		f.body.SetText(T("protocol.default_body"))
	}
	f.body.SetPlaceHolder(T("protocol.default_body"))
	f.number.SetText(given.Number)
	f.date.SetText(FormatDay(given.Date))
	f.date.SetPlaceHolder(FormatDate(time.Now()))
	f.problem.Wrapping, f.problem.Importance = fyne.TextWrapWord, widget.DangerImportance
	content := container.NewVBox(wrapped(hint, widget.MediumImportance), formGrid(newField("approval_body", f.body),
		newField("decision_number", f.number), newField("decision_date", f.date)), f.problem)
	var d dialog.Dialog
	f.approve = func() {
		dec := data.Decision{Body: f.body.Text, Number: f.number.Text}
		if t, err := i18n.ParseDate(f.date.Text); err == nil {
			dec.Date = t.Format(time.DateOnly)
		} else if strings.TrimSpace(f.date.Text) != "" {
			f.problem.SetText(office.FieldMessage(data.FieldError{Field: "decision_date", Rule: "date"}))
			return
		}
		approve(dec, func() { d.Hide() }, func(err error) { f.problem.SetText(office.ErrorMessage(err)) })
	}
	d = dialog.NewCustomWithoutButtons(title, container.NewVBox(content,
		container.NewHBox(layout.NewSpacer(), widget.NewButton(T("button.cancel"), func() { d.Hide() }),
			&widget.Button{Text: T("button.approve"), Importance: widget.HighImportance, OnTapped: f.approve})), win)
	d.Resize(fyne.NewSize(620, 0))
	showWithKeys(win, d, dialogKeys{cancel: d.Hide, confirm: f.approve})
	return f
}
