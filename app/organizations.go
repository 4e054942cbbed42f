package app

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/office"
)

// organizationStore is what the Organizations screen needs of the store.
type organizationStore interface {
	Organizations(ctx context.Context, query string) ([]data.Organization, error)
	Organization(ctx context.Context, id string) (data.Organization, error)
	SaveOrganization(ctx context.Context, o *data.Organization) error
	DeleteOrganization(ctx context.Context, id string) error
	Settings(ctx context.Context) (data.Settings, error)
}

// organizationsScreen is a searchable list of organizations beside the
// form of the one chosen.
type organizationsScreen struct {
	ui      *UI
	store   organizationStore
	country data.Country

	search  *entry
	list    *widget.List
	count   *widget.Label
	items   []data.Organization
	form    *organizationForm
	picking bool // the list selection is being set by code, not by the user
	listing slot
}

func newOrganizationsScreen(ui *UI, st organizationStore) *organizationsScreen {
	return &organizationsScreen{ui: ui, store: st}
}

func (s *organizationsScreen) titleKey() string    { return "nav.organizations" }
func (s *organizationsScreen) icon() fyne.Resource { return theme.AccountIcon() }
func (s *organizationsScreen) unsaved() bool       { return s.form != nil && s.form.dirty && !s.form.saving }

func (s *organizationsScreen) build(place) fyne.CanvasObject {
	s.search = newEntry()
	s.search.SetPlaceHolder(T("orgs.search"))
	s.search.OnChanged = func(string) { s.reload("") }
	s.count = widget.NewLabel("")
	s.list = widget.NewList(
		func() int { return len(s.items) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("Organization name")
			name.Truncation = fyne.TextTruncateEllipsis
			sector := widget.NewLabel("sector")
			sector.SizeName = theme.SizeNameCaptionText
			return container.New(layout.NewCustomPaddedVBoxLayout(-12), name, sector)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(s.items[i].Name)
			row.Objects[1].(*widget.Label).SetText(sectorLabel(s.items[i].Sector))
		},
	)
	s.list.OnSelected = s.onSelected
	s.form = newOrganizationForm(s)
	newButton := widget.NewButtonWithIcon(T("orgs.new"), theme.ContentAddIcon(), s.onNew)
	left := container.NewBorder(container.NewVBox(s.search, container.NewBorder(nil, nil, nil, newButton, s.count)), nil, nil, nil, s.list)
	load(s.ui.runner, nil, s.count, func(ctx context.Context) (data.Settings, error) {
		return s.store.Settings(ctx)
	}, func(set data.Settings) {
		s.country = set.Country
		s.form.registryID.SetPlaceHolder(T("registry." + strings.ToLower(string(s.country))))
		s.reload("")
	})
	split := container.NewHSplit(left, s.form.build())
	split.Offset = 0.4
	return split
}

// reload reads the list for the current search, sorted for the language
// off the UI goroutine, and selects keepID if shown.
func (s *organizationsScreen) reload(keepID string) {
	query, lang := s.search.Text, Language()
	load(s.ui.runner, &s.listing, s.count, func(ctx context.Context) ([]data.Organization, error) {
		items, err := s.store.Organizations(ctx, query)
		data.SortByName(items, lang, func(o data.Organization) string { return o.Name })
		return items, err
	}, func(items []data.Organization) {
		s.items = items
		s.count.SetText(Plural("orgs.count", len(items)))
		s.picking = true
		s.list.UnselectAll()
		if i := slices.IndexFunc(items, func(o data.Organization) bool { return o.ID == keepID }); i >= 0 {
			s.list.Select(i)
			s.list.ScrollTo(i)
		}
		s.picking = false
		s.list.Refresh()
	})
}

func (s *organizationsScreen) onSelected(i widget.ListItemID) {
	if s.picking || i >= len(s.items) {
		return
	}
	id := s.items[i].ID
	if id == s.form.editing {
		return
	}
	s.ui.confirmDiscard(func() { s.open(id) })
	if s.form.dirty {
		// Keep editing: the selection goes back to what the form shows.
		s.reselect()
	}
}

func (s *organizationsScreen) reselect() {
	s.picking = true
	defer func() { s.picking = false }()
	s.list.UnselectAll()
	for i, o := range s.items {
		if o.ID == s.form.editing {
			s.list.Select(i)
		}
	}
}

// open reads an organization with its contacts into the form.
func (s *organizationsScreen) open(id string) {
	load(s.ui.runner, nil, nil, func(ctx context.Context) (data.Organization, error) {
		return s.store.Organization(ctx, id)
	}, func(o data.Organization) {
		s.form.load(o)
		s.reselect()
	})
}

func (s *organizationsScreen) onNew() {
	s.ui.confirmDiscard(func() {
		s.form.load(data.Organization{})
		s.reselect()
		s.ui.win.Canvas().Focus(s.form.name)
	})
}

// save stores the form; a refused save keeps everything typed and says
// next to each field what is wrong.
func (s *organizationsScreen) save() {
	o := s.form.collect()
	// A renamed organization is written again into every referral's search
	// text, which takes seconds in a large register: the save belongs to
	// the window (leaving the screen does not stop it), Save waits for it,
	// and what is being saved is not "unsaved" meanwhile.
	f := s.form
	f.saving = true
	f.saveButton.Disable()
	f.deleteButton.Disable()
	setStatus(f.status, T("common.saving"), widget.MediumImportance)
	ended := func() {
		f.saving = false
		f.saveButton.Enable()
		if f.editing != "" {
			f.deleteButton.Enable()
		}
	}
	s.ui.run(task{lasting: true,
		work: func(ctx context.Context, _ func(int, int)) error { return s.store.SaveOrganization(ctx, &o) },
		done: func() {
			ended()
			f.load(o)
			setStatus(f.status, T("orgs.saved", "name", o.Name), widget.SuccessImportance)
			s.reload(o.ID)
		},
		failed: func(err error) {
			ended()
			f.showErrors = true
			f.revalidate()
			setStatus(f.status, office.ErrorMessage(err), widget.DangerImportance)
			if s.ui.screens[s.ui.current] != screen(s) {
				s.ui.runner.show(err) // the user has gone on to another screen
			}
		},
	})
}

func (s *organizationsScreen) delete() {
	id, name := s.form.editing, s.form.name.Text
	if id == "" {
		return
	}
	confirm(s.ui.win, T("orgs.delete_title"), T("orgs.delete_text", "name", name), T("button.delete"), func() {
		s.ui.run(task{
			work: func(ctx context.Context, _ func(int, int)) error { return s.store.DeleteOrganization(ctx, id) },
			done: func() {
				s.form.load(data.Organization{})
				setStatus(s.form.status, T("orgs.deleted", "name", name), widget.MediumImportance)
				s.reload("")
			},
		})
	}, nil)
}

// newService opens the catalogue on a new service of this organization.
func (s *organizationsScreen) newService() {
	if id := s.form.editing; id != "" {
		s.ui.goTo(place{screen: "nav.catalogue", newService: id})
	}
}

// organizationForm edits one organization; editing is its ID ("" for new).
type organizationForm struct {
	screen     *organizationsScreen
	editing    string
	dirty      bool
	loading    bool
	showErrors bool // after a refused save every problem shows, touched or not

	name, shortName, registryID, address, phone, email, web, headName, headPosition, letterAddressee *entry
	letterhead                                                                                       *checkBox
	sector                                                                                           *choice[data.Sector]
	legalType                                                                                        *choice[data.LegalType]
	fields                                                                                           []*field
	contacts                                                                                         []*contactRow
	contactBox                                                                                       *fyne.Container
	heading, status                                                                                  *widget.Label
	saveButton, deleteButton, newServiceButton                                                       *widget.Button
	saving                                                                                           bool // a save is running
}

// contactRow is one contact person's line in the form.
type contactRow struct {
	name, position, phone, email, addressee *entry
	problem                                 *widget.Label
	touched                                 bool
	box                                     *fyne.Container
}

func newOrganizationForm(s *organizationsScreen) *organizationForm {
	f := &organizationForm{screen: s}
	entry := func(key string, rows int) *entry {
		e := textEntry("", rows)
		fl := newField(key, e)
		e.OnChanged = func(string) { fl.touched = true; f.changed() }
		f.fields = append(f.fields, fl)
		return e
	}
	f.name = entry("name", 0)
	f.shortName = entry("short_name", 0)
	f.sector = newChoice(data.Sectors, sectorLabel, f.changed)
	f.fields = append(f.fields, newField("sector", f.sector.selectBox))
	f.legalType = newChoice(data.LegalTypes, func(l data.LegalType) string { return T("legal." + string(l)) }, f.changed)
	f.fields = append(f.fields, newField("legal_type", f.legalType.selectBox))
	f.registryID = entry("registry_id", 0)
	f.address = entry("address", 2)
	f.phone = entry("phone", 0)
	f.email = entry("email", 0)
	f.web = entry("web", 0)
	f.headName = entry("head_name", 0)
	f.headPosition = entry("head_position", 0)
	f.letterAddressee = entry("letter_addressee", 3)
	f.fields[len(f.fields)-1].input = withProposal(f.letterAddressee, func() string {
		return data.ProposeAddressee(f.headPosition.Text, f.headName.Text, s.country)
	})
	f.letterhead = newCheck("", func(bool) { f.changed() })
	f.fields = append(f.fields, newField("community_letterhead", f.letterhead))
	f.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.status = widget.NewLabel("")
	f.status.Wrapping = fyne.TextWrapWord
	f.contactBox = container.NewVBox()
	f.saveButton = widget.NewButtonWithIcon(T("button.save"), theme.DocumentSaveIcon(), s.save)
	f.saveButton.Importance = widget.HighImportance
	f.deleteButton = widget.NewButtonWithIcon(T("button.delete"), theme.DeleteIcon(), s.delete)
	f.newServiceButton = widget.NewButtonWithIcon(T("orgs.new_service"), theme.ListIcon(), s.newService)
	f.load(data.Organization{})
	return f
}

// withProposal puts beside an addressee's input a button that fills it
// with what propose makes of the position and name, for the user to put
// in the right case.
func withProposal(e *entry, propose func() string) fyne.CanvasObject {
	button := widget.NewButton(T("orgs.propose_addressee"), func() { e.SetText(propose()) })
	return container.NewBorder(nil, nil, nil, container.NewVBox(button), e)
}

func sectorLabel(s data.Sector) string { return T("sector." + string(s)) }

func (f *organizationForm) build() fyne.CanvasObject {
	addContact := widget.NewButtonWithIcon(T("orgs.add_contact"), theme.ContentAddIcon(), func() {
		f.addContact(data.Contact{})
		f.changed()
	})
	body := container.NewVBox(
		f.heading,
		formGrid(f.fields...),
		heading(T("orgs.contacts")),
		f.contactBox,
		container.NewHBox(addContact),
	)
	buttons := container.NewHBox(f.saveButton, f.deleteButton, layout.NewSpacer(), f.newServiceButton)
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), f.status, buttons), nil, nil,
		container.NewVScroll(container.NewPadded(body)))
}

// load shows o in the form, replacing whatever was there.
func (f *organizationForm) load(o data.Organization) {
	f.loading = true
	defer func() { f.loading = false }()
	f.editing = o.ID
	f.name.SetText(o.Name)
	f.shortName.SetText(o.ShortName)
	f.sector.setKey(o.Sector)
	f.legalType.setKey(o.LegalType)
	f.registryID.SetText(o.RegistryID)
	f.address.SetText(o.Address)
	f.phone.SetText(o.Phone)
	f.email.SetText(o.Email)
	f.web.SetText(o.Web)
	f.headName.SetText(o.HeadName)
	f.headPosition.SetText(o.HeadPosition)
	f.letterAddressee.SetText(o.LetterAddressee)
	f.letterhead.SetChecked(o.CommunityLetterhead)
	f.letterAddressee.SetPlaceHolder(T("orgs.addressee_hint"))
	f.contacts = nil
	f.contactBox.RemoveAll()
	for _, c := range o.Contacts {
		f.addContact(c)
	}
	for _, fl := range f.fields {
		fl.touched = false
		fl.setProblem("")
	}
	f.dirty, f.showErrors = false, false
	setStatus(f.status, "", widget.MediumImportance)
	if o.ID == "" {
		f.heading.SetText(T("orgs.new_heading"))
		f.deleteButton.Disable()
		f.newServiceButton.Disable()
	} else {
		f.heading.SetText(o.Name)
		f.deleteButton.Enable()
		f.newServiceButton.Enable()
	}
}

func (f *organizationForm) addContact(c data.Contact) {
	row := &contactRow{
		name: newEntry(), position: newEntry(), phone: newEntry(), email: newEntry(),
		addressee: textEntry("", 2), problem: widget.NewLabel(""),
	}
	row.problem.Importance = widget.DangerImportance
	row.problem.Wrapping = fyne.TextWrapWord
	row.problem.Hide()
	for _, p := range []struct {
		e   *entry
		key string
		val string
	}{{row.name, "contact_name", c.Name}, {row.position, "contact_position", c.Position},
		{row.phone, "contact_phone", c.Phone}, {row.email, "contact_email", c.Email},
		{row.addressee, "contact_letter_addressee", c.LetterAddressee}} {
		p.e.SetPlaceHolder(T("field." + p.key))
		p.e.SetText(p.val)
		p.e.OnChanged = func(string) { row.touched = true; f.changed() }
	}
	remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), nil)
	remove.OnTapped = func() {
		for i, r := range f.contacts {
			if r == row {
				f.contacts = append(f.contacts[:i], f.contacts[i+1:]...)
			}
		}
		f.contactBox.Remove(row.box)
		f.changed()
	}
	row.addressee.SetPlaceHolder(T("orgs.contact_addressee_hint"))
	addressee := withProposal(row.addressee, func() string {
		return data.ProposeAddressee(row.position.Text, row.name.Text, f.screen.country)
	})
	row.box = container.NewVBox(
		container.NewBorder(nil, nil, nil, remove, container.NewVBox(
			container.NewGridWithColumns(2, row.name, row.position, row.phone, row.email), addressee)),
		row.problem)
	f.contacts = append(f.contacts, row)
	f.contactBox.Add(row.box)
}

// collect reads the form into a new Organization value.
func (f *organizationForm) collect() data.Organization {
	o := data.Organization{
		ID: f.editing, Name: f.name.Text, ShortName: f.shortName.Text, Sector: f.sector.key(),
		LegalType: f.legalType.key(), RegistryID: f.registryID.Text, Address: f.address.Text,
		Phone: f.phone.Text, Email: f.email.Text, Web: f.web.Text, HeadName: f.headName.Text,
		HeadPosition: f.headPosition.Text, LetterAddressee: f.letterAddressee.Text, CommunityLetterhead: f.letterhead.Checked,
	}
	for _, r := range f.contacts {
		o.Contacts = append(o.Contacts, data.Contact{Name: r.name.Text, Position: r.position.Text, Phone: r.phone.Text,
			Email: r.email.Text, LetterAddressee: r.addressee.Text})
	}
	return o
}

// changed marks the form dirty and checks it again, as the user types.
func (f *organizationForm) changed() {
	if f.loading {
		return
	}
	f.dirty = true
	if f.status.Importance == widget.SuccessImportance {
		setStatus(f.status, "", widget.MediumImportance) // "saved" is no longer true
	}
	f.revalidate()
}

// revalidate shows each field's problems: on touched fields while typing,
// on every field after a refused save.
func (f *organizationForm) revalidate() {
	o := f.collect()
	var problems []data.FieldError
	if err := o.Validate(f.screen.country); err != nil {
		problems = data.AsError(err).Fields
	}
	for _, fl := range f.fields {
		msg := ""
		if fl.touched || f.showErrors {
			msg = problemsFor(problems, fl.key)
		}
		fl.setProblem(msg)
	}
	for i, r := range f.contacts {
		msg := ""
		if r.touched || f.showErrors {
			msg = problemsUnder(problems, "contacts."+strconv.Itoa(i+1)+".")
		}
		r.problem.SetText(msg)
		if msg == "" {
			r.problem.Hide()
		} else {
			r.problem.Show()
		}
	}
	switch {
	case len(problems) == 0 && f.showErrors:
		setStatus(f.status, "", widget.MediumImportance)
	case f.showErrors && f.status.Importance == widget.DangerImportance:
		// The summary lists what is still wrong, no more.
		setStatus(f.status, office.ErrorMessage(&data.Error{Code: data.EInvalid, Fields: problems}), widget.DangerImportance)
	}
}
