package app

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/i18n"
	"spilno/office"
)

// serviceForm edits one service of the catalogue.
type serviceForm struct {
	screen     *catalogueScreen
	original   data.Service
	dirty      bool
	loading    bool
	showErrors bool

	provider, serviceType                                          *selectBox
	providerIDs                                                    []string
	typeIDs                                                        []int64
	name, description, ageMin, ageMax, address, area, scheduleNote *entry
	capacity, waiting, costNote, funding, languages, howToApply    *entry
	phone, email, verifiedOn, notes                                *entry
	status                                                         *choice[data.ServiceStatus]
	capacityUnit                                                   *choice[data.CapacityUnit]
	cost                                                           *choice[data.CostKind]
	groups, forms                                                  *checkGrid
	hours                                                          [7]struct{ opens, closes *entry }
	hourFields                                                     [7]*field
	fields                                                         []*field
	heading, message                                               *widget.Label
	saveButton, deleteButton, backButton                           *widget.Button
}

func newServiceForm(s *catalogueScreen, sv data.Service) *serviceForm {
	f := &serviceForm{screen: s, original: sv, loading: true}
	defer func() { f.loading = false }()
	f.addWhat(sv)
	f.addForWhom(sv)
	f.addSchedule(sv)
	f.addAccess(sv)
	f.heading = widget.NewLabelWithStyle(T("catalogue.new_heading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if sv.ID != "" {
		f.heading.SetText(sv.Name)
	}
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	f.saveButton = widget.NewButtonWithIcon(T("button.save"), theme.DocumentSaveIcon(), f.save)
	f.saveButton.Importance = widget.HighImportance
	f.deleteButton = widget.NewButtonWithIcon(T("button.delete"), theme.DeleteIcon(), f.delete)
	if sv.ID == "" {
		f.deleteButton.Disable()
	}
	f.backButton = widget.NewButtonWithIcon(T("common.back"), theme.NavigateBackIcon(), s.closeForm)
	return f
}

// changed marks the form edited and checks it again, unless it is being
// filled in.
func (f *serviceForm) changed() {
	if !f.loading {
		f.dirty = true
		if f.message.Importance == widget.SuccessImportance {
			f.setMessage("", widget.MediumImportance) // "saved" is no longer true
		}
		f.revalidate()
	}
}

// entry is a text field of the form; its problems show once it is touched.
func (f *serviceForm) entry(key, value string, rows int) *entry {
	e := textEntry(value, rows)
	fl := newField(key, e)
	e.OnChanged = func(string) { fl.touched = true; f.changed() }
	f.fields = append(f.fields, fl)
	return e
}

// addWhat adds the provider, type, name, status and description.
func (f *serviceForm) addWhat(sv data.Service) {
	s := f.screen
	f.providerIDs = mapped(s.orgs, func(o data.Organization) string { return o.ID })
	f.provider = newSelect(names(s.orgs, func(o data.Organization) string { return o.Name }), func(string) { f.changed() })
	selectWhere(f.provider, f.providerIDs, func(id string) bool { return id == sv.OrganizationID })
	f.fields = append(f.fields, newField("provider", f.provider))
	var typeNames []string
	for _, t := range s.types {
		if t.Retired && t.ID != sv.TypeID {
			continue // retired types stay on the services that have them, and are offered to no new one
		}
		typeNames = append(typeNames, typeLabel(t))
		f.typeIDs = append(f.typeIDs, t.ID)
	}
	f.serviceType = newSelect(typeNames, func(string) { f.changed() })
	selectWhere(f.serviceType, f.typeIDs, func(id int64) bool { return id == sv.TypeID })
	f.fields = append(f.fields, newField("type", f.serviceType))
	f.name = f.entry("name", sv.Name, 0)
	f.status = newChoice(data.ServiceStatuses, serviceStatusLabel, f.changed)
	f.status.setKey(sv.Status)
	f.fields = append(f.fields, newField("status", f.status.selectBox))
	f.description = f.entry("description", sv.Description, 3)
}

// addForWhom adds the target groups, ages, forms and where it is given.
func (f *serviceForm) addForWhom(sv data.Service) {
	var groupNames, chosenGroups []string
	for _, g := range f.screen.groups {
		if g.Retired && !slices.Contains(sv.TargetGroupIDs, g.ID) {
			continue
		}
		groupNames = append(groupNames, g.Name)
		if slices.Contains(sv.TargetGroupIDs, g.ID) {
			chosenGroups = append(chosenGroups, g.Name)
		}
	}
	f.groups = newCheckGrid(groupNames, chosenGroups, f.changed)
	f.fields = append(f.fields, newField("target_groups", f.groups.box))
	f.ageMin = f.entry("age_min", intText(sv.AgeMin), 0)
	f.ageMax = f.entry("age_max", intText(sv.AgeMax), 0)
	f.forms = newCheckGrid(names(data.ServiceForms, formLabel), names(sv.Forms, formLabel), f.changed)
	f.fields = append(f.fields, newField("forms", f.forms.box))
	f.address = f.entry("address", sv.Address, 0)
	f.area = f.entry("area_served", sv.AreaServed, 0)
}

// addSchedule adds the opening hours of each weekday.
func (f *serviceForm) addSchedule(sv data.Service) {
	for d := 0; d < 7; d++ {
		opens, closes := newEntry(), newEntry()
		opens.SetPlaceHolder("08:00")
		closes.SetPlaceHolder("17:00")
		for _, h := range sv.Schedule {
			if h.Day == d+1 {
				opens.SetText(h.Opens)
				closes.SetText(h.Closes)
			}
		}
		fl := newField("schedule."+strconv.Itoa(d+1), container.NewGridWithColumns(2, opens, closes))
		opens.OnChanged = func(string) { fl.touched = true; f.changed() }
		closes.OnChanged = func(string) { fl.touched = true; f.changed() }
		f.hours[d].opens, f.hours[d].closes, f.hourFields[d] = opens, closes, fl
	}
	f.scheduleNote = f.entry("schedule_note", sv.ScheduleNote, 0)
}

// addAccess adds capacity, waiting, cost, how to apply, contacts and checks.
func (f *serviceForm) addAccess(sv data.Service) {
	f.capacity = f.entry("capacity", intText(sv.Capacity), 0)
	f.capacityUnit = newChoice(data.CapacityUnits, func(u data.CapacityUnit) string { return T("capacity_unit." + string(u)) }, f.changed)
	f.capacityUnit.setKey(sv.CapacityUnit)
	f.fields = append(f.fields, newField("capacity_unit", f.capacityUnit.selectBox))
	f.waiting = f.entry("waiting_time", sv.WaitingTime, 0)
	f.cost = newChoice(data.CostKinds, func(c data.CostKind) string { return T("cost." + string(c)) }, f.changed)
	f.cost.setKey(sv.Cost)
	f.fields = append(f.fields, newField("cost", f.cost.selectBox))
	f.costNote = f.entry("cost_note", sv.CostNote, 0)
	f.funding = f.entry("funding", sv.Funding, 0)
	f.languages = f.entry("languages", sv.Languages, 0)
	f.howToApply = f.entry("how_to_apply", sv.HowToApply, 3)
	f.phone = f.entry("phone", sv.Phone, 0)
	f.email = f.entry("email", sv.Email, 0)
	f.verifiedOn = f.entry("verified_on", FormatDay(sv.VerifiedOn), 0)
	f.verifiedOn.SetPlaceHolder(FormatDate(f.screen.now()))
	f.notes = f.entry("notes", sv.Notes, 3)
}

func intText(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func (f *serviceForm) field(key string) *field {
	for _, fl := range f.fields {
		if fl.key == key {
			return fl
		}
	}
	return nil
}

func (f *serviceForm) build() fyne.CanvasObject {
	grid := func(keys ...string) fyne.CanvasObject {
		var fs []*field
		for _, k := range keys {
			fs = append(fs, f.field(k))
		}
		return formGrid(fs...)
	}
	section := func(key string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	var days []*field
	for d := 0; d < 7; d++ {
		days = append(days, f.hourFields[d])
	}
	today := widget.NewButton(T("catalogue.verified_today"), func() {
		f.verifiedOn.SetText(FormatDate(f.screen.now()))
	})
	body := container.NewVBox(
		f.heading,
		grid("provider", "type", "name", "status", "description"),
		section("catalogue.section_who"),
		grid("target_groups", "age_min", "age_max", "forms", "address", "area_served"),
		section("field.schedule"),
		widget.NewLabel(T("catalogue.schedule_hint")),
		formGrid(days...),
		grid("schedule_note"),
		section("catalogue.section_access"),
		grid("capacity", "capacity_unit", "waiting_time", "cost", "cost_note", "funding", "languages", "how_to_apply", "phone", "email"),
		grid("verified_on"),
		container.NewHBox(layout.NewSpacer(), today),
		grid("notes"),
	)
	buttons := container.NewHBox(f.backButton, layout.NewSpacer(), f.saveButton, f.deleteButton)
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), f.message, buttons), nil, nil,
		container.NewVScroll(container.NewPadded(body)))
}

// collect reads the form; values that cannot even be read (a word where a
// number belongs) come back as problems of their own.
func (f *serviceForm) collect() (data.Service, []data.FieldError) {
	sv := data.Service{ID: f.original.ID, Name: f.name.Text, Description: f.description.Text, Status: f.status.key(),
		Address: f.address.Text, AreaServed: f.area.Text, ScheduleNote: f.scheduleNote.Text, CapacityUnit: f.capacityUnit.key(),
		WaitingTime: f.waiting.Text, Cost: f.cost.key(), CostNote: f.costNote.Text, Funding: f.funding.Text,
		Languages: f.languages.Text, HowToApply: f.howToApply.Text, Phone: f.phone.Text, Email: f.email.Text, Notes: f.notes.Text}
	var problems []data.FieldError
	if i := f.provider.SelectedIndex(); i >= 0 {
		sv.OrganizationID = f.providerIDs[i]
	}
	if i := f.serviceType.SelectedIndex(); i >= 0 {
		sv.TypeID = f.typeIDs[i]
	}
	number := func(key, text string) *int {
		text = strings.TrimSpace(text)
		if text == "" {
			return nil
		}
		n, err := strconv.Atoi(strings.ReplaceAll(text, "\u00a0", ""))
		if err != nil {
			problems = append(problems, data.FieldError{Field: key, Rule: "whole_number"})
			return nil
		}
		return &n
	}
	sv.AgeMin, sv.AgeMax, sv.Capacity = number("age_min", f.ageMin.Text), number("age_max", f.ageMax.Text), number("capacity", f.capacity.Text)
	for _, g := range f.screen.groups {
		if slices.Contains(f.groups.selected(), g.Name) {
			sv.TargetGroupIDs = append(sv.TargetGroupIDs, g.ID)
		}
	}
	for _, fm := range data.ServiceForms {
		if slices.Contains(f.forms.selected(), formLabel(fm)) {
			sv.Forms = append(sv.Forms, fm)
		}
	}
	for d := 0; d < 7; d++ {
		opens, closes := strings.TrimSpace(f.hours[d].opens.Text), strings.TrimSpace(f.hours[d].closes.Text)
		if opens != "" || closes != "" {
			sv.Schedule = append(sv.Schedule, data.OpeningHours{Day: d + 1, Opens: opens, Closes: closes})
		}
	}
	if text := strings.TrimSpace(f.verifiedOn.Text); text != "" {
		if d, err := i18n.ParseDate(text); err == nil {
			sv.VerifiedOn = d.Format(time.DateOnly)
		} else {
			problems = append(problems, data.FieldError{Field: "verified_on", Rule: "date"})
		}
	}
	if err := sv.Validate(); err != nil {
		for _, p := range data.AsError(err).Fields {
			if problemsFor(problems, p.Field) == "" || p.Rule != "required" {
				problems = append(problems, p)
			}
		}
	}
	return sv, problems
}

func (f *serviceForm) revalidate() []data.FieldError {
	_, problems := f.collect()
	for _, fl := range append(f.fields, f.hourFields[:]...) {
		msg := ""
		if fl.touched || f.showErrors {
			msg = problemsFor(problems, fl.key)
		}
		fl.setProblem(msg)
	}
	if len(problems) == 0 {
		f.setMessage("", widget.MediumImportance)
	}
	return problems
}

func (f *serviceForm) setMessage(text string, imp widget.Importance) {
	f.message.SetText(text)
	f.message.Importance = imp
	f.message.Refresh()
}

// save stores the service; a new one with the name of another service of
// the same provider is created only after the user confirms.
func (f *serviceForm) save() {
	sv, problems := f.collect()
	if len(problems) > 0 {
		f.showErrors = true
		f.revalidate()
		f.setMessage(office.ErrorMessage(&data.Error{Code: data.EInvalid, Fields: problems}), widget.DangerImportance)
		return
	}
	if sv.ID != "" {
		f.store(sv)
		return
	}
	store, ui := f.screen.store, f.screen.ui
	load(ui.runner, nil, nil, func(ctx context.Context) (bool, error) {
		return store.SimilarServiceExists(ctx, &sv)
	}, func(dup bool) {
		if !dup {
			f.store(sv)
			return
		}
		confirm(ui.win, T("catalogue.duplicate_title"), T("catalogue.duplicate_text", "name", sv.Name), T("catalogue.create_anyway"),
			func() { f.store(sv) }, nil)
	})
}

// store writes the service; a refused save keeps everything typed.
func (f *serviceForm) store(sv data.Service) {
	f.screen.ui.run(task{
		work: func(ctx context.Context, _ func(int, int)) error { return f.screen.store.SaveService(ctx, &sv) },
		done: func() {
			f.original.ID = sv.ID
			f.dirty = false
			f.heading.SetText(sv.Name)
			f.deleteButton.Enable()
			f.setMessage(T("catalogue.saved", "name", sv.Name), widget.SuccessImportance)
		},
		failed: func(err error) {
			f.showErrors = true
			f.revalidate()
			f.setMessage(office.ErrorMessage(err), widget.DangerImportance)
		},
	})
}

func (f *serviceForm) delete() {
	id, name := f.original.ID, f.name.Text
	if id == "" {
		return
	}
	ui := f.screen.ui
	confirm(ui.win, T("catalogue.delete_title"), T("catalogue.delete_text", "name", name), T("button.delete"), func() {
		ui.run(task{
			work: func(ctx context.Context, _ func(int, int)) error { return f.screen.store.DeleteService(ctx, id) },
			done: func() {
				f.dirty = false
				f.screen.showList()
			},
		})
	}, nil)
}
