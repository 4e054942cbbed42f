package app

import (
	"context"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/office"
)

// referralForm makes or edits a draft referral. Picking the situation
// proposes the recipient and shows the deadline from the protocol.
type referralForm struct {
	screen   *referralsScreen
	original data.Referral
	// avoid is a body not to propose: the one that rejected the referral
	// this one makes again.
	avoid    string
	proposed string // the recipient proposed, until the user picks another
	dirty    bool
	loading  bool
	refused  bool // a save was refused: the problems follow the typing
	cases    []data.Case
	services []data.Service
	finding  slot // the case search
	offering slot // the recipient's services
	dating   slot // the deadline if sent now

	caseSearch                      *entry
	caseCount                       *widget.Label // "50 of 1 234 cases" when the picker offers only some
	caseSelect, from, to, situation *selectBox
	service                         *selectBox
	urgency                         *choice[data.Urgency]
	fromPerson, toPerson, reason    *entry
	deadline, message               *widget.Label
	fields                          []*field
}

func (s *referralsScreen) openForm(r data.Referral, avoid ...string) {
	f := &referralForm{screen: s, original: r, loading: true}
	if len(avoid) > 0 {
		f.avoid = avoid[0]
	}
	s.form, s.detail = f, nil
	s.body.Objects = []fyne.CanvasObject{f.build()}
	s.body.Refresh()
	f.loading = false
}

func (f *referralForm) changed() {
	if f.loading {
		return
	}
	f.dirty = true
	if f.refused && f.fields != nil {
		// A message goes as soon as its field is right.
		r := f.collect()
		f.showProblems(data.AsError(r.Validate()).Fields)
	}
}

// showProblems puts each problem under its field; none clears them all.
func (f *referralForm) showProblems(problems []data.FieldError) {
	for _, fl := range f.fields {
		fl.setProblem(problemsFor(problems, fl.key))
	}
	if len(problems) == 0 {
		setStatus(f.message, "", widget.MediumImportance)
	} else if f.refused { // the summary lists what is still wrong, no more
		setStatus(f.message, office.ErrorMessage(&data.Error{Code: data.EInvalid, Fields: problems}), widget.DangerImportance)
	}
}

func (f *referralForm) build() fyne.CanvasObject {
	s := f.screen
	r := f.original
	f.caseSearch = newEntry()
	f.caseSearch.SetPlaceHolder(T("referrals.case_search"))
	f.caseSelect = newSelect(nil, func(string) { f.changed() })
	f.caseCount = widget.NewLabel("")
	f.caseCount.Hide()
	f.findCases(r.CaseID)
	f.caseSearch.OnChanged = func(string) { f.findCases(0) }
	newCase := widget.NewButtonWithIcon(T("cases.new"), theme.ContentAddIcon(), func() {
		showCaseDialog(s.ui, s.store, data.Case{}, func(c data.Case) {
			f.caseSearch.SetText(c.Number)
			f.findCases(c.ID)
			f.changed()
		})
	})
	orgNames := names(s.orgs, func(o data.Organization) string { return o.Name })
	f.from = newSelect(orgNames, func(string) { f.proposeRecipient(); f.changed() })
	f.to = newSelect(orgNames, func(string) { f.offerServices(""); f.showDeadline(); f.changed() })
	selectWhere(f.from, s.orgs, func(o data.Organization) bool { return o.ID == r.FromOrg })
	selectWhere(f.to, s.orgs, func(o data.Organization) bool { return o.ID == r.ToOrg })
	f.situation = newSelect(append([]string{T("referrals.no_situation")},
		names(s.protocol.Situations, func(sit data.Situation) string { return sit.Name })...), nil)
	f.situation.SetSelectedIndex(0)
	if i := slices.IndexFunc(s.protocol.Situations, func(sit data.Situation) bool { return sit.Key == r.SituationKey }); i >= 0 {
		f.situation.SetSelectedIndex(i + 1)
	}
	f.deadline = widget.NewLabel("")
	f.deadline.Wrapping = fyne.TextWrapWord
	f.urgency = newChoice(data.Urgencies, urgencyLabel, f.changed)
	f.urgency.setKey(r.Urgency)
	f.situation.OnChanged = func(string) { f.situationChosen(); f.changed() }
	f.showDeadline()
	f.service = newSelect(nil, func(string) { f.changed() })
	f.service.PlaceHolder = T("referrals.no_service")
	f.offerServices(r.ServiceID)
	if r.ToOrg == "" {
		f.proposeRecipient() // a referral made again goes to another body
	}
	f.fromPerson, f.toPerson, f.reason = f.entry(r.FromPerson, 0), f.entry(r.ToPerson, 0), f.entry(r.Reason, 4)
	f.fields = []*field{newField("case", container.NewBorder(nil, f.caseCount, nil, newCase, container.NewGridWithColumns(2, f.caseSearch, f.caseSelect))),
		newField("situation", f.situation), newField("deadline", f.deadline), newField("from_org", f.from),
		newField("from_person", f.fromPerson), newField("to_org", f.to), newField("to_person", f.toPerson),
		newField("urgency", f.urgency.selectBox), newField("service", f.service), newField("reason", f.reason)}
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon(T("referrals.save_draft"), theme.DocumentSaveIcon(), func() { f.save(false) })
	send := widget.NewButtonWithIcon(T("referrals.save_send"), theme.MailSendIcon(), func() { f.save(true) })
	send.Importance = widget.HighImportance
	back := widget.NewButtonWithIcon(T("common.back"), theme.NavigateBackIcon(), s.back)
	title := T("referrals.new")
	if r.ID != 0 {
		title = T("referrals.heading", "number", r.Number, "status", T("status.referral."+string(r.Status)))
	}
	body := container.NewVBox(heading(title), formGrid(f.fields...))
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), f.message, container.NewHBox(back, layout.NewSpacer(), save, send)),
		nil, nil, container.NewVScroll(container.NewPadded(body)))
}

// entry is a text input of the form that marks it changed.
func (f *referralForm) entry(value string, rows int) *entry {
	e := textEntry(value, rows)
	e.OnChanged = func(string) { f.changed() }
	return e
}

// casesOffered is how many cases the picker offers: the newest of those
// the search finds, which the line under it counts against all of them.
const casesOffered = 50

// offeredCases are the cases the picker offers and how many the search
// finds in all.
type offeredCases struct {
	list  []data.Case
	found int
}

// findCases offers the cases the search finds (keep among them, chosen).
func (f *referralForm) findCases(keep int64) {
	query := f.caseSearch.Text
	store := f.screen.store
	load(f.screen.ui.runner, &f.finding, nil, func(ctx context.Context) (offeredCases, error) {
		return readOfferedCases(ctx, store, query, keep)
	}, func(o offeredCases) {
		f.cases = o.list
		f.caseSelect.Options = names(o.list, func(c data.Case) string { return c.Number + " · " + c.Subject })
		loading := f.loading
		f.loading = true // choosing for the user is not a change by the user
		f.caseSelect.ClearSelected()
		selectWhere(f.caseSelect, o.list, func(c data.Case) bool { return c.ID == keep || (keep == 0 && len(o.list) == 1) })
		f.loading = loading
		f.caseSelect.Refresh()
		text := ""
		if o.found > casesOffered {
			text = Plural("cases.count_of", o.found, "shown", FormatInt(casesOffered))
		}
		setStatus(f.caseCount, text, widget.LowImportance)
	})
}

// readOfferedCases reads the newest cases the search finds, counts them
// all when there are more than the picker offers, and puts keep first
// when the search does not find it.
func readOfferedCases(ctx context.Context, store referralStore, query string, keep int64) (offeredCases, error) {
	list, err := store.Cases(ctx, query, casesOffered)
	if err != nil {
		return offeredCases{}, err
	}
	o := offeredCases{list, len(list)}
	if len(list) == casesOffered {
		if o.found, err = store.CountCases(ctx, query); err != nil {
			return o, err
		}
	}
	if keep == 0 || slices.ContainsFunc(list, func(c data.Case) bool { return c.ID == keep }) {
		return o, nil
	}
	c, err := store.Case(ctx, keep)
	o.list = append([]data.Case{c}, list...)
	return o, err
}

// offerServices offers the catalogue's active services of the recipient.
func (f *referralForm) offerServices(keep string) {
	f.services = nil
	f.service.Options = []string{T("referrals.no_service")}
	f.service.ClearSelected()
	i := f.to.SelectedIndex()
	if i < 0 {
		return
	}
	filter := data.ServiceFilter{OrganizationID: f.screen.orgs[i].ID, Status: data.StatusActive}
	load(f.screen.ui.runner, &f.offering, nil, func(ctx context.Context) ([]data.Service, error) {
		return f.screen.store.Services(ctx, filter)
	}, func(list []data.Service) {
		f.services = list
		f.service.Options = append([]string{T("referrals.no_service")}, names(list, func(sv data.Service) string { return sv.Name })...)
		if j := slices.IndexFunc(list, func(sv data.Service) bool { return sv.ID == keep }); j >= 0 {
			loading := f.loading
			f.loading = true
			f.service.SetSelectedIndex(j + 1)
			f.loading = loading
		}
		f.service.Refresh()
	})
}

// chosenSituation is the situation picked, if any.
func (f *referralForm) chosenSituation() (data.Situation, bool) {
	if f.situation == nil { // the form is still being built
		return data.Situation{}, false
	}
	i := f.situation.SelectedIndex() - 1
	if i < 0 || i >= len(f.screen.protocol.Situations) {
		return data.Situation{}, false
	}
	return f.screen.protocol.Situations[i], true
}

// situationChosen proposes the recipient and urgency from the protocol.
func (f *referralForm) situationChosen() {
	f.showDeadline()
	sit, ok := f.chosenSituation()
	if !ok {
		return
	}
	f.urgency.setKey(sit.Urgency)
	f.proposed = "" // a new situation proposes anew
	f.proposeRecipient()
}

// proposeRecipient chooses the recipient the situation proposes, never
// the sender, unless the user has chosen one of their own: so choosing
// the sender after the situation corrects a proposal of the sender itself.
func (f *referralForm) proposeRecipient() {
	sit, ok := f.chosenSituation()
	if !ok {
		return
	}
	sender, recipient := f.orgAt(f.from), f.orgAt(f.to)
	if recipient != "" && recipient != f.proposed && recipient != sender {
		return // the user's own choice
	}
	switch org := sit.ProposedRecipient(sender, f.avoid); {
	case org != "":
		f.proposed = org
		selectWhere(f.to, f.screen.orgs, func(o data.Organization) bool { return o.ID == org })
	case recipient == sender:
		f.to.ClearSelected() // the protocol names no other body: the user chooses
	}
}

// orgAt is the ID of the organization chosen in sel, or "".
func (f *referralForm) orgAt(sel *selectBox) string {
	if i := sel.SelectedIndex(); i >= 0 && i < len(f.screen.orgs) {
		return f.screen.orgs[i].ID
	}
	return ""
}

func (f *referralForm) showDeadline() {
	sit, ok := f.chosenSituation()
	if !ok {
		f.deadline.SetText(T("referrals.no_deadline"))
		return
	}
	p := &f.screen.protocol
	rule := T("referrals.deadline_from_protocol", "deadline", office.SituationDeadline(p, sit.Key, Language()),
		"n", strconv.Itoa(p.Version))
	f.deadline.SetText(rule)
	r := data.Referral{SituationKey: sit.Key, ProtocolVersion: p.Version, ToOrg: f.orgAt(f.to)}
	now := f.screen.now()
	load(f.screen.ui.runner, &f.dating, nil, func(ctx context.Context) (time.Time, error) {
		return f.screen.store.DueIfSent(ctx, r, now)
	}, func(due time.Time) {
		if !due.IsZero() {
			f.deadline.SetText(T("referrals.due_if_sent", "date", FormatDateTime(due)) + "\n" + rule)
		}
	})
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
	if sit, ok := f.chosenSituation(); ok {
		r.SituationKey, r.SituationName, r.ProtocolVersion = sit.Key, sit.Name, f.screen.protocol.Version
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
	store := f.screen.store
	saved := false
	f.screen.ui.run(task{
		work: func(ctx context.Context, _ func(int, int)) error {
			if err := store.SaveReferral(ctx, &r); err != nil {
				return err
			}
			saved = true
			if send {
				_, err := store.MoveReferral(ctx, r.ID, data.Move{To: data.RefSent})
				return err
			}
			return nil
		},
		done: func() {
			f.dirty = false
			f.screen.openDetail(r.ID)
		},
		failed: func(err error) {
			if saved { // the draft is kept; sending it failed
				f.dirty = false
				f.screen.ui.showError(err)
				f.screen.openDetail(r.ID)
				return
			}
			f.refused = true
			f.showProblems(data.AsError(err).Fields)
			setStatus(f.message, office.ErrorMessage(err), widget.DangerImportance)
		},
	})
}
