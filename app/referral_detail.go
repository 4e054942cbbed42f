package app

import (
	"context"
	"fmt"
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
	"spilno/reports"
)

// referralDetail shows one referral, its events, and a button for exactly
// each status change the flow allows now.
type referralDetail struct {
	screen   *referralsScreen
	referral data.Referral
	events   []data.Event
	moves    map[data.ReferralStatus]*widget.Button
	move     *moveForm // the open status dialog, for tests
}

func stampText(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return ""
	}
	return FormatDateTime(t)
}

func (d *referralDetail) build() fyne.CanvasObject {
	r := d.referral
	now := d.screen.now()
	heading := widget.NewLabelWithStyle(T("referrals.heading", "number", r.Number, "status", T("status.referral."+string(r.Status))),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	due := ""
	if dd := r.Due(); !dd.IsZero() && r.Status.Open() {
		due = FormatDateTime(dd)
		if r.Overdue(now) {
			due += " · " + T("referrals.overdue")
		}
	}
	rows := []struct{ key, value string }{
		{"case", r.CaseNumber}, {"from_org", joinNonEmpty(", ", r.FromName, r.FromPerson)}, {"to_org", joinNonEmpty(", ", r.ToName, r.ToPerson)},
		{"situation", r.SituationName}, {"urgency", T("urgency." + string(r.Urgency))}, {"service", r.ServiceName}, {"reason", r.Reason},
		{"sent_at", stampText(r.SentAt)}, {"received_at", stampText(r.ReceivedAt)}, {"due_at", due},
		{"reject_reason", r.RejectReason}, {"outcome", r.Outcome}, {"feedback", r.Feedback}, {"closed_at", stampText(r.ClosedAt)},
	}
	var objs []fyne.CanvasObject
	for _, row := range rows {
		if row.value == "" {
			continue
		}
		v := widget.NewLabel(row.value)
		v.Wrapping = fyne.TextWrapWord
		if row.key == "due_at" && r.Overdue(now) {
			v.Importance = widget.DangerImportance
		}
		objs = append(objs, widget.NewLabel(T("register."+row.key)), v)
	}
	var history []string
	for _, e := range d.events {
		line := stampText(e.At) + " · " + T("status.referral."+string(e.To))
		if e.Operator != "" {
			line += " · " + e.Operator
		}
		if e.Note != "" {
			line += " · " + e.Note
		}
		history = append(history, line)
	}
	events := widget.NewLabel(strings.Join(history, "\n"))
	events.Wrapping = fyne.TextWrapWord
	d.moves = map[data.ReferralStatus]*widget.Button{}
	var buttons []fyne.CanvasObject
	for _, to := range data.NextStatuses(r.Status) {
		to := to
		b := widget.NewButton(T("referrals.move."+string(to)), func() { d.askMove(to) })
		if to != data.RefRevoked && to != data.RefRejected {
			b.Importance = widget.HighImportance
		}
		d.moves[to] = b
		buttons = append(buttons, b)
	}
	if r.Status == data.RefDraft {
		buttons = append(buttons, widget.NewButtonWithIcon(T("protocol.edit_step"), theme.DocumentCreateIcon(), func() {
			d.screen.openForm(r)
		}))
	}
	letter := widget.NewButtonWithIcon(T("referrals.letter"), theme.DocumentPrintIcon(), d.chooseLetter)
	back := widget.NewButtonWithIcon(T("catalogue.back"), theme.NavigateBackIcon(), d.screen.back)
	body := container.NewVBox(heading, container.New(layoutForm(), objs...),
		widget.NewLabelWithStyle(T("referrals.events"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), events)
	bottom := container.NewHBox(append([]fyne.CanvasObject{back, layout.NewSpacer(), letter}, buttons...)...)
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bottom), nil, nil, container.NewVScroll(container.NewPadded(body)))
}

// moveForm asks what a status change needs: a note, and the reason of a
// rejection, the outcome of done work or the feedback on closing.
type moveForm struct {
	to      data.ReferralStatus
	note    *widget.Entry
	extra   *widget.Entry
	problem *widget.Label
	confirm func()
	dialog  dialog.Dialog
}

func (d *referralDetail) askMove(to data.ReferralStatus) {
	f := &moveForm{to: to, note: widget.NewEntry(), extra: widget.NewMultiLineEntry(), problem: widget.NewLabel("")}
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.extra.Wrapping = fyne.TextWrapWord
	fields := []*field{}
	extraKey := map[data.ReferralStatus]string{data.RefRejected: "reject_reason", data.RefDone: "outcome", data.RefClosed: "feedback"}[to]
	if extraKey != "" {
		fields = append(fields, newField(extraKey, f.extra))
	}
	fields = append(fields, newField("note", f.note))
	f.confirm = func() {
		m := data.Move{To: to, Note: f.note.Text}
		switch to {
		case data.RefRejected:
			m.RejectReason = f.extra.Text
		case data.RefDone:
			m.Outcome = f.extra.Text
		case data.RefClosed:
			m.Feedback = f.extra.Text
		}
		if _, err := d.screen.store.MoveReferral(context.Background(), d.referral.ID, m); err != nil {
			f.problem.SetText(ErrorMessage(err))
			return
		}
		f.dialog.Hide()
		d.move = nil
		d.screen.openDetail(d.referral.ID)
	}
	content := container.NewVBox(formGrid(fields...), f.problem, container.NewHBox(layout.NewSpacer(),
		widget.NewButton(T("button.cancel"), func() { f.dialog.Hide(); d.move = nil }),
		&widget.Button{Text: T("referrals.move." + string(to)), Importance: widget.HighImportance, OnTapped: f.confirm}))
	f.dialog = dialog.NewCustomWithoutButtons(T("referrals.move_title", "number", d.referral.Number), content, d.screen.ui.win)
	f.dialog.Resize(fyne.NewSize(560, 0))
	f.dialog.Show()
	d.move = f
}

// chooseLetter asks which case details to print, then where to save.
func (d *referralDetail) chooseLetter() {
	subject := widget.NewCheck(T("field.subject"), nil)
	birth := widget.NewCheck(T("field.birth_year"), nil)
	settlement := widget.NewCheck(T("field.settlement"), nil)
	factors := widget.NewCheck(T("field.factors"), nil)
	hint := widget.NewLabel(T("referrals.letter_hint"))
	hint.Wrapping = fyne.TextWrapWord
	dialog.ShowCustomConfirm(T("referrals.letter"), T("referrals.letter_write"), T("button.cancel"),
		container.NewVBox(hint, subject, birth, settlement, factors), func(ok bool) {
			if !ok {
				return
			}
			show := reports.LetterCase{Subject: subject.Checked, BirthYear: birth.Checked, Settlement: settlement.Checked, Factors: factors.Checked}
			ui := d.screen.ui
			ui.saveAs(fmt.Sprintf("%s-%s.pdf", T("referrals.letter_file"), strings.ReplaceAll(d.referral.Number, "/", "-")), func(path string) {
				ui.export(path, func(ctx context.Context) error {
					return ExportReferralLetter(ctx, d.screen.store, d.referral.ID, show, path, Language())
				})
			})
		}, d.screen.ui.win)
}

// referralForm makes or edits a draft referral. Picking the situation
// proposes the recipient and shows the deadline from the protocol.
type referralForm struct {
	screen   *referralsScreen
	original data.Referral
	dirty    bool
	loading  bool
	protocol data.Protocol
	cases    []data.Case
	services []data.Service

	caseSearch                      *widget.Entry
	caseSelect, from, to, situation *widget.Select
	service                         *widget.Select
	urgency                         *choice[data.Urgency]
	fromPerson, toPerson, reason    *widget.Entry
	deadline, message               *widget.Label
	fields                          []*field
}

func (s *referralsScreen) openForm(r data.Referral) {
	f := &referralForm{screen: s, original: r, loading: true}
	s.form, s.detail = f, nil
	s.body.Objects = []fyne.CanvasObject{f.build()}
	s.body.Refresh()
	f.loading = false
}

func (f *referralForm) changed() {
	if !f.loading {
		f.dirty = true
	}
}

func (f *referralForm) build() fyne.CanvasObject {
	s := f.screen
	ctx := context.Background()
	f.protocol, _ = protocolInForce(ctx, s.store)
	r := f.original
	f.caseSearch = widget.NewEntry()
	f.caseSearch.SetPlaceHolder(T("referrals.case_search"))
	f.caseSelect = widget.NewSelect(nil, func(string) { f.changed() })
	f.caseSelect.PlaceHolder = T("select.placeholder")
	f.loadCases(r.CaseID)
	f.caseSearch.OnChanged = func(string) { f.loadCases(0) }
	newCase := widget.NewButtonWithIcon(T("cases.new"), theme.ContentAddIcon(), func() {
		showCaseDialog(s.ui, s.store, data.Case{}, func(c data.Case) {
			f.caseSearch.SetText(c.Number)
			f.loadCases(c.ID)
			f.changed()
		})
	})
	orgNames := make([]string, len(s.orgs))
	for i, o := range s.orgs {
		orgNames[i] = o.Name
	}
	f.from = widget.NewSelect(orgNames, func(string) { f.changed() })
	f.to = widget.NewSelect(orgNames, func(string) { f.loadServices(); f.changed() })
	for _, sel := range []*widget.Select{f.from, f.to} {
		sel.PlaceHolder = T("select.placeholder")
	}
	for i, o := range s.orgs {
		if o.ID == r.FromOrg {
			f.from.SetSelectedIndex(i)
		}
		if o.ID == r.ToOrg {
			f.to.SetSelectedIndex(i)
		}
	}
	sitNames := []string{T("referrals.no_situation")}
	for _, sit := range f.protocol.Situations {
		sitNames = append(sitNames, sit.Name)
	}
	f.situation = widget.NewSelect(sitNames, nil)
	f.deadline = widget.NewLabel("")
	f.deadline.Wrapping = fyne.TextWrapWord
	f.urgency = newChoice(data.Urgencies, func(u data.Urgency) string { return T("urgency." + string(u)) }, f.changed)
	f.urgency.setKey(r.Urgency)
	f.situation.SetSelectedIndex(0)
	for i, sit := range f.protocol.Situations {
		if sit.Key == r.SituationKey {
			f.situation.SetSelectedIndex(i + 1)
		}
	}
	f.situation.OnChanged = func(string) { f.situationChosen(); f.changed() }
	f.showDeadline()
	f.service = widget.NewSelect(nil, func(string) { f.changed() })
	f.service.PlaceHolder = T("referrals.no_service")
	f.loadServices()
	for i, sv := range f.services {
		if sv.ID == r.ServiceID {
			f.service.SetSelectedIndex(i + 1)
		}
	}
	entry := func(value string, multi bool) *widget.Entry {
		e := widget.NewEntry()
		if multi {
			e = widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			e.SetMinRowsVisible(4)
		}
		e.SetText(value)
		e.OnChanged = func(string) { f.changed() }
		return e
	}
	f.fromPerson, f.toPerson, f.reason = entry(r.FromPerson, false), entry(r.ToPerson, false), entry(r.Reason, true)
	f.fields = []*field{newField("case", container.NewBorder(nil, nil, nil, newCase, container.NewGridWithColumns(2, f.caseSearch, f.caseSelect))),
		newField("situation", f.situation), newField("deadline", f.deadline), newField("from_org", f.from),
		newField("from_person", f.fromPerson), newField("to_org", f.to), newField("to_person", f.toPerson),
		newField("urgency", f.urgency.Select), newField("service", f.service), newField("reason", f.reason)}
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon(T("referrals.save_draft"), theme.DocumentSaveIcon(), func() { f.save(false) })
	send := widget.NewButtonWithIcon(T("referrals.save_send"), theme.MailSendIcon(), func() { f.save(true) })
	send.Importance = widget.HighImportance
	back := widget.NewButtonWithIcon(T("catalogue.back"), theme.NavigateBackIcon(), s.back)
	heading := T("referrals.new")
	if r.ID != 0 {
		heading = T("referrals.heading", "number", r.Number, "status", T("status.referral."+string(r.Status)))
	}
	body := container.NewVBox(widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), formGrid(f.fields...))
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), f.message, container.NewHBox(back, layout.NewSpacer(), save, send)),
		nil, nil, container.NewVScroll(container.NewPadded(body)))
}

func (f *referralForm) loadCases(keep int64) {
	list, err := f.screen.store.Cases(context.Background(), f.caseSearch.Text, 50)
	if err != nil {
		f.screen.ui.showError(err)
		return
	}
	if keep != 0 && !containsCase(list, keep) {
		if c, err := f.screen.store.Case(context.Background(), keep); err == nil {
			list = append([]data.Case{c}, list...)
		}
	}
	f.cases = list
	var names []string
	for _, c := range list {
		names = append(names, c.Number+" · "+c.Subject)
	}
	f.caseSelect.Options = names
	f.caseSelect.ClearSelected()
	for i, c := range list {
		if c.ID == keep || (keep == 0 && len(list) == 1) {
			f.caseSelect.SetSelectedIndex(i)
		}
	}
	f.caseSelect.Refresh()
}

func containsCase(list []data.Case, id int64) bool {
	for _, c := range list {
		if c.ID == id {
			return true
		}
	}
	return false
}

// loadServices offers the catalogue's services of the recipient.
func (f *referralForm) loadServices() {
	if f.service == nil {
		return
	}
	f.services = nil
	if i := f.to.SelectedIndex(); i >= 0 {
		f.services, _ = f.screen.store.Services(context.Background(), data.ServiceFilter{OrganizationID: f.screen.orgs[i].ID, Status: data.StatusActive})
	}
	names := []string{T("referrals.no_service")}
	for _, sv := range f.services {
		names = append(names, sv.Name)
	}
	f.service.Options = names
	f.service.ClearSelected()
	f.service.Refresh()
}

// situationChosen proposes the recipient and urgency from the protocol:
// the participant that answers for the situation's first step after the
// report, and the situation's urgency.
func (f *referralForm) situationChosen() {
	f.showDeadline()
	i := f.situation.SelectedIndex() - 1
	if i < 0 {
		return
	}
	sit := f.protocol.Situations[i]
	f.urgency.setKey(sit.Urgency)
	for _, st := range sit.Steps {
		org := st.ResponsibleOrganizationID
		if org == "" {
			continue
		}
		if j := f.from.SelectedIndex(); j >= 0 && f.screen.orgs[j].ID == org {
			continue
		}
		for k, o := range f.screen.orgs {
			if o.ID == org {
				f.to.SetSelectedIndex(k)
				return
			}
		}
	}
}

func (f *referralForm) showDeadline() {
	i := f.situation.SelectedIndex() - 1
	if i < 0 {
		f.deadline.SetText(T("referrals.no_deadline"))
		return
	}
	f.deadline.SetText(T("referrals.deadline_from_protocol", "deadline", deadlineFor(f.protocol, f.protocol.Situations[i].Key),
		"n", strconv.Itoa(f.protocol.Version)))
}

// collect reads the form into a referral.
func (f *referralForm) collect() data.Referral {
	r := f.original
	r.CaseID, r.FromOrg, r.ToOrg, r.SituationKey, r.SituationName, r.ServiceID, r.ProtocolVersion = 0, "", "", "", "", "", 0
	if i := f.caseSelect.SelectedIndex(); i >= 0 && i < len(f.cases) {
		r.CaseID = f.cases[i].ID
	}
	if i := f.from.SelectedIndex(); i >= 0 {
		r.FromOrg = f.screen.orgs[i].ID
	}
	if i := f.to.SelectedIndex(); i >= 0 {
		r.ToOrg = f.screen.orgs[i].ID
	}
	if i := f.situation.SelectedIndex() - 1; i >= 0 {
		r.SituationKey, r.SituationName, r.ProtocolVersion = f.protocol.Situations[i].Key, f.protocol.Situations[i].Name, f.protocol.Version
	}
	if i := f.service.SelectedIndex() - 1; i >= 0 && i < len(f.services) {
		r.ServiceID = f.services[i].ID
	}
	r.Urgency, r.FromPerson, r.ToPerson, r.Reason = f.urgency.key(), f.fromPerson.Text, f.toPerson.Text, f.reason.Text
	return r
}

// save stores the draft and, when asked, sends it; a refused save keeps
// everything typed and says what is wrong next to each field.
func (f *referralForm) save(send bool) {
	r := f.collect()
	err := f.screen.store.SaveReferral(context.Background(), &r)
	var problems []data.FieldError
	if err != nil {
		problems = data.AsError(err).Fields
	}
	for _, fl := range f.fields {
		fl.setProblem(problemsFor(problems, fl.key))
	}
	if err != nil {
		f.message.SetText(ErrorMessage(err))
		f.message.Importance = widget.DangerImportance
		f.message.Refresh()
		return
	}
	f.original, f.dirty = r, false
	if send {
		if _, err := f.screen.store.MoveReferral(context.Background(), r.ID, data.Move{To: data.RefSent}); err != nil {
			f.screen.ui.showError(err)
		}
	}
	f.screen.form = nil
	f.screen.openDetail(r.ID)
}
