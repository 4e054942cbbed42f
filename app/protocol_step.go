package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/office"
)

// stepForm is the dialog that edits one step of a situation.
type stepForm struct {
	step                                       data.Step // as it was opened
	title, action, coExecutors, amount, output *entry
	responsible                                *selectBox
	responsibleKeys                            []string // "org:<id>" or "sector:<key>"
	unit                                       *choice[data.DeadlineUnit]
	from                                       *choice[data.DeadlineEvent]
	toCheck                                    *checkBox
	problem                                    *widget.Label
	save                                       func()
	dialog                                     dialog.Dialog
}

// editStep opens the step form for step i of the chosen situation (i < 0:
// a new step). Nothing changes in the document until the form is saved.
func (s *protocolScreen) editStep(i int) {
	steps := s.steps()
	st := data.Step{Deadline: data.Deadline{Unit: data.DeadlineWorkingDays, Amount: 5, From: "report_received"}}
	if i >= 0 {
		st = (*steps)[i]
	}
	f := newStepForm(st, s.doc.Participants, s.doc.ReadOnly())
	f.save = func() {
		edited, problems := f.collect(s.doc.Participants)
		if len(problems) > 0 {
			var msgs []string
			for _, p := range problems {
				msgs = append(msgs, T("protocol.field."+p.Field)+": "+office.RuleMessage(p))
			}
			f.problem.SetText(strings.Join(msgs, "\n"))
			return
		}
		if i >= 0 {
			(*steps)[i] = edited
		} else {
			*steps = append(*steps, edited)
		}
		s.changed()
		f.dialog.Hide()
		s.stepDialog = nil
		s.stepList.Refresh()
		s.situationList.RefreshItem(s.chosenSituation)
	}
	buttons := []fyne.CanvasObject{layout.NewSpacer(), widget.NewButton(T("button.cancel"), func() { f.dialog.Hide(); s.stepDialog = nil })}
	if !s.doc.ReadOnly() {
		buttons = append(buttons, &widget.Button{Text: T("button.ok"), Importance: widget.HighImportance, OnTapped: f.save})
	}
	title := T("protocol.add_step")
	if i >= 0 {
		title = T("protocol.step_n", "n", strconv.Itoa(i+1))
	}
	f.dialog = dialog.NewCustomWithoutButtons(title, container.NewVBox(f.form(), f.toCheck, f.problem, container.NewHBox(buttons...)), s.ui.win)
	f.dialog.Resize(fyne.NewSize(760, 0))
	keys := dialogKeys{cancel: func() { f.dialog.Hide(); s.stepDialog = nil }}
	if !s.doc.ReadOnly() {
		keys.confirm, keys.save = f.save, f.save
	}
	showWithKeys(s.ui.win, f.dialog, keys)
	s.stepDialog = f
}

// newStepForm fills the form with st; who may answer for it are the
// participants and the sectors.
func newStepForm(st data.Step, participants []data.Participant, approved bool) *stepForm {
	f := &stepForm{step: st, title: newEntry(), action: newMultiLineEntry(), coExecutors: newEntry(),
		amount: newEntry(), output: newEntry(), problem: widget.NewLabel("")}
	f.action.Wrapping = fyne.TextWrapWord
	f.action.SetMinRowsVisible(4)
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.title.SetText(st.Title)
	f.action.SetText(st.Action)
	f.coExecutors.SetText(st.CoExecutors)
	f.output.SetText(st.OutputDocument)
	if st.Deadline.Unit != data.DeadlineImmediately {
		f.amount.SetText(strconv.Itoa(st.Deadline.Amount))
	}
	var options []string
	for _, p := range participants {
		if p.OrganizationID != "" {
			options = append(options, p.OrganizationName)
			f.responsibleKeys = append(f.responsibleKeys, "org:"+p.OrganizationID)
		}
	}
	for _, sec := range data.Sectors {
		options = append(options, T("protocol.sector_prefix")+": "+sectorLabel(sec))
		f.responsibleKeys = append(f.responsibleKeys, "sector:"+string(sec))
	}
	f.responsible = newSelect(options, nil)
	selectWhere(f.responsible, f.responsibleKeys, func(key string) bool {
		return key == "org:"+st.ResponsibleOrganizationID || key == "sector:"+string(st.ResponsibleSector)
	})
	f.unit = newChoice(data.DeadlineUnits, func(u data.DeadlineUnit) string { return T("deadline.unit." + string(u)) }, nil)
	f.unit.setKey(st.Deadline.Unit)
	f.from = newChoice(data.DeadlineEvents, func(e data.DeadlineEvent) string { return T("deadline.event." + string(e)) }, nil)
	f.from.setKey(st.Deadline.From)
	f.toCheck = newCheck(T("protocol.deadline_to_check_box"), nil)
	f.toCheck.SetChecked(st.DeadlineToCheck)
	if approved {
		for _, in := range []fyne.Disableable{f.title, f.action, f.coExecutors, f.amount, f.output, f.responsible, f.unit.selectBox, f.from.selectBox, f.toCheck} {
			readOnly(in)
		}
	}
	return f
}

func (f *stepForm) form() fyne.CanvasObject {
	deadline := container.NewGridWithColumns(3, f.amount, f.unit.selectBox, f.from.selectBox)
	return formGrid(newField("step_title", f.title), newField("step_action", f.action), newField("responsible", f.responsible),
		newField("co_executors", f.coExecutors), newField("deadline", deadline), newField("output_document", f.output))
}

// collect reads the form into a step and checks it by the protocol's own
// rules, as if it were saved alone.
func (f *stepForm) collect(participants []data.Participant) (data.Step, []data.FieldError) {
	edited := f.step
	edited.Title, edited.Action = strings.TrimSpace(f.title.Text), strings.TrimSpace(f.action.Text)
	edited.CoExecutors, edited.OutputDocument = strings.TrimSpace(f.coExecutors.Text), strings.TrimSpace(f.output.Text)
	edited.ResponsibleOrganizationID, edited.ResponsibleSector, edited.ResponsibleName = "", "", ""
	if k := f.responsible.SelectedIndex(); k >= 0 {
		kind, value, _ := strings.Cut(f.responsibleKeys[k], ":")
		if kind == "org" {
			edited.ResponsibleOrganizationID, edited.ResponsibleName = value, f.responsible.Selected
		} else {
			edited.ResponsibleSector = data.Sector(value)
		}
	}
	edited.Deadline = data.Deadline{Unit: f.unit.key(), From: f.from.key()}
	edited.DeadlineToCheck = f.toCheck.Checked
	var problems []data.FieldError
	if text := strings.TrimSpace(f.amount.Text); text != "" && edited.Deadline.Unit != data.DeadlineImmediately {
		n, err := strconv.Atoi(text)
		if err != nil {
			problems = append(problems, data.FieldError{Field: "deadline", Rule: "whole_number"})
		}
		edited.Deadline.Amount = n
	}
	check := data.Protocol{Title: "x", Participants: participants, CommonSteps: []data.Step{edited}}
	if err := check.Validate(); err != nil {
		for _, p := range data.AsError(err).Fields {
			if field, ok := strings.CutPrefix(p.Field, "common.step.1."); ok {
				p.Field = field
				problems = append(problems, p)
			}
		}
	}
	return edited, problems
}
