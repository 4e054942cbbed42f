package app

import (
	"context"
	"fmt"
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
	"spilno/office"
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

// referralWithEvents is a referral as its detail shows it.
type referralWithEvents struct {
	referral data.Referral
	events   []data.Event
}

// openDetail reads one referral and shows it in place of the table.
func (s *referralsScreen) openDetail(id int64) {
	load(s.ui.runner, nil, nil, func(ctx context.Context) (referralWithEvents, error) {
		r, events, err := s.store.Referral(ctx, id)
		return referralWithEvents{r, events}, err
	}, func(v referralWithEvents) {
		s.form = nil
		s.detail = &referralDetail{screen: s, referral: v.referral, events: v.events}
		s.body.Objects = []fyne.CanvasObject{s.detail.build()}
		s.body.Refresh()
	})
}

func (d *referralDetail) build() fyne.CanvasObject {
	r := d.referral
	now := d.screen.now()
	title := heading(T("referrals.heading", "number", r.Number, "status", T("status.referral."+string(r.Status))))
	due := ""
	if dd := r.Due(); !dd.IsZero() && r.Status.Open() {
		due = FormatDateTime(dd)
		if r.Overdue(now) {
			due += " · " + T("referrals.overdue")
		}
	}
	outgoing := ""
	if r.OutgoingNumber != "" {
		outgoing = T("letter.number_date", "number", r.OutgoingNumber, "date", FormatDay(r.OutgoingDate))
	}
	rows := []struct{ key, value string }{
		{"case", r.CaseNumber}, {"outgoing_number", outgoing}, {"from_org", joinNonEmpty(", ", r.FromName, r.FromPerson)}, {"to_org", joinNonEmpty(", ", r.ToName, r.ToPerson)},
		{"situation", r.SituationName}, {"urgency", urgencyLabel(r.Urgency)}, {"service", r.ServiceName}, {"reason", r.Reason},
		{"sent_at", FormatStamp(r.SentAt)}, {"received_at", FormatStamp(r.ReceivedAt)}, {"due_at", due},
		{"reject_reason", r.RejectReason}, {"outcome", r.Outcome}, {"feedback", r.Feedback}, {"closed_at", FormatStamp(r.ClosedAt)},
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
		objs = append(objs, widget.NewLabel(detailLabel(row.key, r.Status)), v)
	}
	events := widget.NewLabel(d.history())
	events.Wrapping = fyne.TextWrapWord
	letter := widget.NewButtonWithIcon(T("referrals.letter"), theme.DocumentPrintIcon(), d.chooseLetter)
	back := widget.NewButtonWithIcon(T("common.back"), theme.NavigateBackIcon(), d.screen.back)
	body := container.NewVBox(title, container.New(layoutForm(), objs...), heading(T("referrals.events")), events)
	bottom := container.NewHBox(append([]fyne.CanvasObject{back, layout.NewSpacer(), letter}, d.moveButtons()...)...)
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), bottom), nil, nil, container.NewVScroll(container.NewPadded(body)))
}

// detailLabel names a line of the referral's card. The deadline says
// whose it is: the recipient's receipt while sent, its work after.
func detailLabel(key string, status data.ReferralStatus) string {
	if key == "due_at" {
		if status == data.RefSent {
			return T("referrals.due_receive")
		}
		return T("referrals.due_act")
	}
	return T("register." + key)
}

// history is the referral's events, one line each.
func (d *referralDetail) history() string {
	var lines []string
	for _, e := range d.events {
		lines = append(lines, joinNonEmpty(" · ", FormatStamp(e.At), T("status.referral."+string(e.To)), e.Operator, e.Note))
	}
	return strings.Join(lines, "\n")
}

// moveButtons offers each status change the flow allows, and the editing
// of a draft.
func (d *referralDetail) moveButtons() []fyne.CanvasObject {
	d.moves = map[data.ReferralStatus]*widget.Button{}
	var buttons []fyne.CanvasObject
	for _, to := range data.NextStatuses(d.referral.Status) {
		b := widget.NewButton(T("referrals.move."+string(to)), func() { d.askMove(to) })
		if to != data.RefRevoked && to != data.RefRejected {
			b.Importance = widget.HighImportance
		}
		d.moves[to] = b
		buttons = append(buttons, b)
	}
	r := d.referral
	switch r.Status {
	case data.RefDraft:
		buttons = append(buttons, widget.NewButtonWithIcon(T("referrals.edit"), theme.DocumentCreateIcon(), func() { d.screen.openForm(r) }))
	case data.RefRejected:
		again := widget.NewButtonWithIcon(T("referrals.refer_again"), theme.MailForwardIcon(), func() { d.screen.referAgain(r) })
		again.Importance = widget.HighImportance
		buttons = append(buttons, again)
	}
	return buttons
}

// referAgain starts a new draft for another recipient on what a rejected
// referral said: the same case, situation, urgency, sender and reason.
func (s *referralsScreen) referAgain(rejected data.Referral) {
	s.openForm(data.Referral{CaseID: rejected.CaseID, SituationKey: rejected.SituationKey, Urgency: rejected.Urgency,
		FromOrg: rejected.FromOrg, FromPerson: rejected.FromPerson, Reason: rejected.Reason}, rejected.ToOrg)
}

// moveForm asks what a status change needs: a note, and the reason of a
// rejection, the outcome of done work or the feedback on closing.
type moveForm struct {
	to    data.ReferralStatus
	note  *entry
	extra *entry
	day   *entry // when it happened: paper often comes before it is typed in
	clock *entry
	// typedNow is the date and time first shown: left so, the move is
	// stamped with the moment of saving, seconds included.
	typedNow string
	fields   []*field
	problem  *widget.Label
	confirm  func()
	dialog   dialog.Dialog
}

func (d *referralDetail) askMove(to data.ReferralStatus) {
	f := &moveForm{to: to, note: newEntry(), extra: newMultiLineEntry(), day: newEntry(), clock: newEntry(), problem: widget.NewLabel("")}
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.extra.Wrapping = fyne.TextWrapWord
	now := d.screen.now()
	f.day.SetText(FormatDate(now))
	f.clock.SetText(now.Format("15:04"))
	f.typedNow = f.day.Text + f.clock.Text
	extraKey := map[data.ReferralStatus]string{data.RefRejected: "reject_reason", data.RefDone: "outcome", data.RefClosed: "feedback"}[to]
	if extraKey != "" {
		f.fields = append(f.fields, newField(extraKey, f.extra))
	}
	f.fields = append(f.fields, newField("moved_at", container.NewGridWithColumns(2, f.day, f.clock)), newField("note", f.note))
	for _, e := range []*entry{f.extra, f.day, f.clock, f.note} {
		e.OnChanged = func(string) { f.showProblems(nil) } // a message goes as soon as the field is being put right
	}
	id := d.referral.ID
	f.confirm = func() {
		at, problems := f.movedAt()
		if len(problems) > 0 {
			f.showProblems(problems)
			return
		}
		m := data.Move{To: to, Note: f.note.Text, At: at}
		switch to {
		case data.RefRejected:
			m.RejectReason = f.extra.Text
		case data.RefDone:
			m.Outcome = f.extra.Text
		case data.RefClosed:
			m.Feedback = f.extra.Text
		}
		d.screen.ui.run(task{
			work: func(ctx context.Context, _ func(int, int)) error {
				_, err := d.screen.store.MoveReferral(ctx, id, m)
				return err
			},
			done: func() {
				f.dialog.Hide()
				d.move = nil
				d.screen.openDetail(id)
			},
			failed: func(err error) {
				if problems := data.AsError(err).Fields; len(problems) > 0 {
					f.showProblems(problems)
					return
				}
				f.problem.SetText(office.ErrorMessage(err))
			},
		})
	}
	content := container.NewVBox(formGrid(f.fields...), f.problem, container.NewHBox(layout.NewSpacer(),
		widget.NewButton(T("button.cancel"), func() { f.dialog.Hide(); d.move = nil }),
		&widget.Button{Text: T("referrals.confirm." + string(to)), Importance: widget.HighImportance, OnTapped: f.confirm}))
	f.dialog = dialog.NewCustomWithoutButtons(T("referrals.move_title", "number", d.referral.Number), content, d.screen.ui.win)
	f.dialog.Resize(fyne.NewSize(560, 0))
	showWithKeys(d.screen.ui.win, f.dialog, dialogKeys{cancel: func() { f.dialog.Hide(); d.move = nil }, confirm: f.confirm, save: f.confirm})
	d.move = f
}

// movedAt reads when the move happened, as typed in the local time.
func (f *moveForm) movedAt() (time.Time, []data.FieldError) {
	if f.day.Text+f.clock.Text == f.typedNow {
		return time.Time{}, nil
	}
	day, err := i18n.ParseDate(f.day.Text)
	if err != nil {
		return time.Time{}, []data.FieldError{{Field: "moved_at", Rule: "date"}}
	}
	clock, err := time.Parse("15:04", strings.TrimSpace(f.clock.Text))
	if err != nil {
		return time.Time{}, []data.FieldError{{Field: "moved_at", Rule: "clock"}}
	}
	return time.Date(day.Year(), day.Month(), day.Day(), clock.Hour(), clock.Minute(), 0, 0, time.Local), nil
}

// showProblems puts each problem under its field; nil clears them.
func (f *moveForm) showProblems(problems []data.FieldError) {
	for _, fl := range f.fields {
		fl.setProblem(problemsFor(problems, fl.key))
	}
	f.problem.SetText("")
}

// chooseLetter asks for the letter's outgoing number and which case
// details to print, then where to save.
func (d *referralDetail) chooseLetter() {
	number, day := newEntry(), newEntry()
	number.SetText(d.referral.OutgoingNumber)
	if d.referral.OutgoingDate != "" {
		day.SetText(FormatDay(d.referral.OutgoingDate))
	}
	day.SetPlaceHolder(FormatDate(d.screen.now()))
	fields := []*field{newField("outgoing_number", number), newField("outgoing_date", day)}
	for _, e := range []*entry{number, day} { // a problem goes as soon as it is being put right
		e.OnChanged = func(string) {
			for _, fl := range fields {
				fl.setProblem("")
			}
		}
	}
	outgoingHint := widget.NewLabel(T("referrals.outgoing_hint"))
	outgoingHint.Wrapping = fyne.TextWrapWord
	subject := newCheck(T("field.subject"), nil)
	birth := newCheck(T("field.birth_year"), nil)
	settlement := newCheck(T("field.settlement"), nil)
	factors := newCheck(T("field.factors"), nil)
	hint := widget.NewLabel(T("referrals.letter_hint"))
	hint.Wrapping = fyne.TextWrapWord
	var dlg dialog.Dialog
	write := func() {
		outgoing, problems := letterOutgoing(number.Text, day.Text, d.screen.now())
		for _, fl := range fields {
			fl.setProblem(problemsFor(problems, fl.key))
		}
		if len(problems) > 0 {
			return
		}
		dlg.Hide()
		show := reports.LetterCase{Subject: subject.Checked, BirthYear: birth.Checked, Settlement: settlement.Checked, Factors: factors.Checked}
		id := d.referral.ID
		name := fmt.Sprintf("%s-%s.pdf", T("referrals.letter_file"), strings.ReplaceAll(d.referral.Number, "/", "-"))
		d.screen.ui.exportProtected(name, func(ctx context.Context, doc office.Document) error {
			return office.ExportReferralLetter(ctx, d.screen.store, id, show, &outgoing, doc)
		})
	}
	content := container.NewVBox(formGrid(fields...), outgoingHint, widget.NewSeparator(), hint, subject, birth, settlement, factors,
		container.NewHBox(layout.NewSpacer(), widget.NewButton(T("button.cancel"), func() { dlg.Hide() }),
			&widget.Button{Text: T("referrals.letter_write"), Importance: widget.HighImportance, OnTapped: write}))
	dlg = dialog.NewCustomWithoutButtons(T("referrals.letter"), content, d.screen.ui.win)
	dlg.Resize(fyne.NewSize(560, 0))
	showWithKeys(d.screen.ui.win, dlg, dialogKeys{cancel: dlg.Hide, confirm: write})
}

// letterOutgoing reads the letter's outgoing registration as typed: a
// number without a date is dated today.
func letterOutgoing(number, day string, now time.Time) (data.LetterOutgoing, []data.FieldError) {
	g := data.LetterOutgoing{Number: strings.TrimSpace(number)}
	switch day = strings.TrimSpace(day); {
	case day != "":
		t, err := i18n.ParseDate(day)
		if err != nil {
			return g, []data.FieldError{{Field: "outgoing_date", Rule: "date"}}
		}
		g.Date = t.Format(time.DateOnly)
	case g.Number != "":
		g.Date = now.Format(time.DateOnly)
	}
	if err := g.Validate(); err != nil {
		return g, data.AsError(err).Fields
	}
	return g, nil
}

func joinNonEmpty(sep string, ss ...string) string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}
