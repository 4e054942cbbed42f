package app

import (
	"context"
	"fmt"
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
	"spilno/reports"
)

// protocolStore is what the Protocol screen needs of the store.
type protocolStore interface {
	office.ProtocolSource
	ProtocolVersions(ctx context.Context) ([]data.ProtocolSummary, error)
	CreateProtocol(ctx context.Context, p *data.Protocol) (int, error)
	SaveProtocol(ctx context.Context, p *data.Protocol) error
	ApproveProtocol(ctx context.Context, version int, body, number, date string) error
	NewProtocolVersion(ctx context.Context, from int) (int, error)
	Organizations(ctx context.Context, query string) ([]data.Organization, error)
	Settings(ctx context.Context) (data.Settings, error)
}

// protocolScreen shows one version of the protocol: its header, its
// participants, its situations and their steps. A draft is edited in
// memory and saved whole; an approved version is read-only.
type protocolScreen struct {
	ui    *UI
	store protocolStore
	// compareReasons: the comparison table is written with a column for
	// the reasons of the changes (the user's last choice).
	compareReasons bool
	versions       []data.ProtocolSummary
	orgs           []data.Organization
	settings       data.Settings
	doc            data.Protocol // the version on show, with the user's unsaved edits
	dirty          bool
	edits          int // counts edits, so that a save knows whether typing went on meanwhile
	loading        bool

	body       *fyne.Container
	status     *widget.Label // loading, or why it failed
	tabs       *container.AppTabs
	version    *selectBox
	readOnly   *widget.Label
	message    *widget.Label
	saveButton *widget.Button

	title, community, effectiveFrom, purpose, provisions *entry
	participantBox                                       *fyne.Container
	situationList                                        *widget.List
	chosenSituation                                      int // index in situations(); the last entry is the common steps
	situationPane                                        *fyne.Container
	stepList                                             *widget.List
	chosenStep                                           int
	approveDialog                                        *decisionForm
	stepDialog                                           *stepForm
}

func newProtocolScreen(ui *UI, st protocolStore) *protocolScreen {
	return &protocolScreen{ui: ui, store: st}
}

func (s *protocolScreen) titleKey() string    { return "nav.protocol" }
func (s *protocolScreen) icon() fyne.Resource { return theme.DocumentIcon() }
func (s *protocolScreen) unsaved() bool       { return s.dirty }

// protocolChoices is what the screen reads before it shows a version.
type protocolChoices struct {
	versions []data.ProtocolSummary
	orgs     []data.Organization
	settings data.Settings
}

func (s *protocolScreen) build(place) fyne.CanvasObject {
	s.status = widget.NewLabel("")
	s.body = container.NewStack(s.status)
	s.dirty = false
	lang := Language()
	load(s.ui.runner, nil, s.status, func(ctx context.Context) (protocolChoices, error) {
		var c protocolChoices
		var err error
		if c.versions, err = s.store.ProtocolVersions(ctx); err != nil {
			return c, err
		}
		if c.orgs, err = s.store.Organizations(ctx, ""); err != nil {
			return c, err
		}
		data.SortByName(c.orgs, lang, func(o data.Organization) string { return o.Name })
		c.settings, err = s.store.Settings(ctx)
		return c, err
	}, func(c protocolChoices) {
		s.versions, s.orgs, s.settings = c.versions, c.orgs, c.settings
		if len(s.versions) == 0 {
			s.body.Objects = []fyne.CanvasObject{s.buildEmpty()}
			s.body.Refresh()
			return
		}
		s.open(s.versions[0].Version)
	})
	return s.body
}

// buildEmpty offers to start the protocol from the country's template.
func (s *protocolScreen) buildEmpty() fyne.CanvasObject {
	set := s.settings
	text := widget.NewLabel(T("protocol.empty", "country", T("country."+string(set.Country))))
	text.Wrapping = fyne.TextWrapWord
	start := widget.NewButtonWithIcon(T("protocol.start"), theme.DocumentCreateIcon(), func() {
		s.ui.run(task{
			work: func(ctx context.Context, _ func(int, int)) error {
				p, err := data.ProtocolTemplate(set.Country)
				if err != nil {
					return err
				}
				p.Community = set.Community
				_, err = s.store.CreateProtocol(ctx, &p)
				return err
			},
			done: s.reopen,
		})
	})
	start.Importance = widget.HighImportance
	return container.NewVBox(heading(T("nav.protocol")), text, container.NewHBox(start))
}

// reopen shows the screen anew, on the newest version.
func (s *protocolScreen) reopen() { s.ui.show(s.ui.current, place{}) }

// open reads a version and shows it.
func (s *protocolScreen) open(version int) {
	load(s.ui.runner, nil, nil, func(ctx context.Context) (data.Protocol, error) {
		return s.store.Protocol(ctx, version)
	}, func(p data.Protocol) {
		s.doc, s.dirty, s.chosenSituation, s.chosenStep = p, false, 0, -1
		s.body.Objects = []fyne.CanvasObject{s.buildVersion()}
		s.body.Refresh()
	})
}

func versionLabel(v data.ProtocolSummary) string {
	label := T("protocol.version_line", "n", strconv.Itoa(v.Version)) + " — " + T("protocol.status."+string(v.Status))
	if v.DecisionNumber != "" {
		label += ", № " + v.DecisionNumber + " " + FormatDay(v.DecisionDate)
	}
	return label
}

func (s *protocolScreen) buildVersion() fyne.CanvasObject {
	s.loading = true
	defer func() { s.loading = false }()
	var labels []string
	current := 0
	for i, v := range s.versions {
		labels = append(labels, versionLabel(v))
		if v.Version == s.doc.Version {
			current = i
		}
	}
	s.version = newSelect(labels, nil)
	s.version.SetSelectedIndex(current)
	s.version.OnChanged = func(string) {
		target := s.versions[s.version.SelectedIndex()].Version
		if target == s.doc.Version {
			return
		}
		// The selector goes on showing the version on screen until the
		// other one is open: after "Keep editing" nothing has changed.
		quietly(s.version, func() { s.version.SetSelectedIndex(current) })
		s.ui.confirmDiscard(func() { s.open(target) })
	}
	s.readOnly = widget.NewLabel(T("protocol.read_only"))
	s.readOnly.Wrapping = fyne.TextWrapWord
	s.readOnly.Importance = widget.WarningImportance
	if !s.doc.ReadOnly() {
		s.readOnly.Hide()
	}
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Hide()
	s.saveButton = widget.NewButtonWithIcon(T("button.save"), theme.DocumentSaveIcon(), s.save)
	s.saveButton.Importance = widget.HighImportance
	approve := widget.NewButtonWithIcon(T("protocol.approve"), theme.ConfirmIcon(), s.showApprove)
	newVersion := widget.NewButtonWithIcon(T("protocol.new_version"), theme.ContentCopyIcon(), s.newVersion)
	compare := widget.NewButtonWithIcon(T("protocol.compare"), theme.ViewRefreshIcon(), s.showCompare)
	pdf := widget.NewButtonWithIcon(T("common.export_pdf"), theme.DocumentPrintIcon(), func() { s.chooseExport("pdf") })
	xlsx := widget.NewButtonWithIcon(T("common.export_xlsx"), theme.DownloadIcon(), func() { s.chooseExport("xlsx") })
	if s.doc.ReadOnly() {
		s.saveButton.Disable()
		approve.Disable()
	}
	blocked := widget.NewLabel("")
	blocked.Wrapping = fyne.TextWrapWord
	blocked.Hide()
	if i := slices.IndexFunc(s.versions, func(v data.ProtocolSummary) bool { return v.Status == data.ProtocolDraft }); i >= 0 {
		newVersion.Disable() // one draft at a time
		draft := strconv.Itoa(s.versions[i].Version)
		if s.doc.ReadOnly() { // one sentence, not two that contradict each other
			s.readOnly.SetText(T("protocol.read_only_draft", "n", draft))
		} else {
			blocked.SetText(T("protocol.new_version_blocked", "n", draft))
			blocked.Show()
		}
	}
	if len(s.versions) < 2 {
		compare.Disable()
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(T("field.version")), nil, s.version),
		actionRow(s.saveButton, approve, newVersion, compare, pdf, xlsx),
		blocked, s.readOnly, s.message)
	s.tabs = container.NewAppTabs(
		container.NewTabItem(T("protocol.tab_general"), s.buildGeneral()),
		container.NewTabItem(T("protocol.section_participants"), s.buildParticipants()),
		container.NewTabItem(T("protocol.tab_situations"), s.buildSituations()),
	)
	return container.NewBorder(top, nil, nil, nil, s.tabs)
}

// changed marks the document edited, unless it is being filled in.
func (s *protocolScreen) changed() {
	if !s.loading {
		s.dirty = true
		s.edits++
		s.message.Hide()
	}
}

// editable makes an input of an approved version read-only: text stays
// in its normal colour, other inputs are disabled.
func (s *protocolScreen) editable(w fyne.Disableable) {
	if s.doc.ReadOnly() {
		readOnly(w)
	}
}

func (s *protocolScreen) buildGeneral() fyne.CanvasObject {
	entry := func(key, value string, rows int, set func(string)) (*entry, *field) {
		e := textEntry(value, rows)
		e.OnChanged = func(v string) { set(v); s.changed() }
		s.editable(e)
		return e, newField(key, e)
	}
	var fields []*field
	var f *field
	s.title, f = entry("title", s.doc.Title, 6, func(v string) { s.doc.Title = v })
	s.title.SetMinRowsVisible(2)
	fields = append(fields, f)
	s.community, f = entry("community", s.doc.Community, 0, func(v string) { s.doc.Community = v })
	fields = append(fields, f)
	effective := FormatDay(s.doc.EffectiveFrom)
	s.effectiveFrom, f = entry("effective_from", effective, 0, func(v string) {
		s.doc.EffectiveFrom = v
		if d, err := i18n.ParseDate(v); err == nil {
			s.doc.EffectiveFrom = d.Format(time.DateOnly)
		}
	})
	fields = append(fields, f)
	s.purpose, f = entry("purpose", s.doc.Purpose, 6, func(v string) { s.doc.Purpose = v })
	fields = append(fields, f)
	s.provisions, f = entry("general_provisions", s.doc.GeneralProvisions, 6, func(v string) { s.doc.GeneralProvisions = v })
	fields = append(fields, f)
	approval := widget.NewLabel("")
	if s.doc.DecisionNumber != "" {
		approval.SetText(T("protocol.approved_by", "body", s.doc.ApprovalBody, "number", s.doc.DecisionNumber,
			"date", FormatDay(s.doc.DecisionDate)))
	}
	history := widget.NewLabel(s.historyText())
	history.Wrapping = fyne.TextWrapWord
	return container.NewVScroll(container.NewPadded(container.NewVBox(formGrid(fields...), approval,
		heading(T("protocol.history")), history)))
}

func (s *protocolScreen) historyText() string {
	var lines []string
	for _, v := range s.versions {
		lines = append(lines, versionLabel(v))
	}
	return strings.Join(lines, "\n")
}

// buildParticipants lists the participants, each a line of inputs.
func (s *protocolScreen) buildParticipants() fyne.CanvasObject {
	s.participantBox = container.NewVBox()
	for i := range s.doc.Participants {
		s.addParticipantRow(i)
	}
	add := widget.NewButtonWithIcon(T("protocol.add_participant"), theme.ContentAddIcon(), func() {
		s.doc.Participants = append(s.doc.Participants, data.Participant{})
		s.addParticipantRow(len(s.doc.Participants) - 1)
		s.changed()
	})
	s.editable(add)
	return container.NewBorder(nil, container.NewHBox(add), nil, nil, container.NewVScroll(s.participantBox))
}

func (s *protocolScreen) addParticipantRow(i int) {
	part := &s.doc.Participants[i]
	var names []string
	for _, o := range s.orgs {
		names = append(names, o.Name)
	}
	org := newSelect(names, nil)
	org.PlaceHolder = T("protocol.field.organization")
	for j, o := range s.orgs {
		if o.ID == part.OrganizationID {
			org.SetSelectedIndex(j)
		}
	}
	index := func() int { // rows move when one above is removed
		for j := range s.doc.Participants {
			if &s.doc.Participants[j] == part {
				return j
			}
		}
		return -1
	}
	org.OnChanged = func(string) {
		if j := org.SelectedIndex(); j >= 0 {
			part.OrganizationID, part.OrganizationName = s.orgs[j].ID, s.orgs[j].Name
			s.changed()
		}
	}
	entry := func(placeholder, value string, set func(string)) *entry {
		e := newEntry()
		e.SetPlaceHolder(placeholder)
		e.SetText(value)
		e.OnChanged = func(v string) { set(v); s.changed() }
		s.editable(e)
		return e
	}
	role := entry(T("protocol.col_role"), part.Role, func(v string) { part.Role = v })
	name := entry(T("protocol.rep_name"), part.RepresentativeName, func(v string) { part.RepresentativeName = v })
	position := entry(T("protocol.rep_position"), part.RepresentativePosition, func(v string) { part.RepresentativePosition = v })
	phone := entry(T("protocol.rep_phone"), part.RepresentativePhone, func(v string) { part.RepresentativePhone = v })
	var row *fyne.Container
	remove := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() {
		j := index()
		if j < 0 {
			return
		}
		s.doc.Participants = append(s.doc.Participants[:j], s.doc.Participants[j+1:]...)
		s.participantBox.Objects = nil
		for k := range s.doc.Participants {
			s.addParticipantRow(k)
		}
		s.participantBox.Refresh()
		s.changed()
	})
	s.editable(org)
	s.editable(remove)
	// Labels beside the inputs: a placeholder goes once the field is filled.
	labelled := func(pairs ...fyne.CanvasObject) *fyne.Container { return container.New(layoutForm(), pairs...) }
	row = container.NewVBox(container.NewBorder(nil, nil, nil, remove, org),
		container.NewGridWithColumns(2,
			labelled(widget.NewLabel(T("protocol.col_role")), role, widget.NewLabel(T("protocol.rep_position")), position),
			labelled(widget.NewLabel(T("protocol.rep_name")), name, widget.NewLabel(T("protocol.rep_phone")), phone)),
		widget.NewSeparator())
	s.participantBox.Add(row)
}

// situationCount counts the situations and the common steps entry.
func (s *protocolScreen) situationCount() int { return len(s.doc.Situations) + 1 }

// steps is the step list of the chosen entry.
func (s *protocolScreen) steps() *[]data.Step {
	if s.chosenSituation < len(s.doc.Situations) {
		return &s.doc.Situations[s.chosenSituation].Steps
	}
	return &s.doc.CommonSteps
}

func (s *protocolScreen) buildSituations() fyne.CanvasObject {
	s.situationList = widget.NewList(s.situationCount,
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(s.doc.Situations) {
				sit := s.doc.Situations[i]
				o.(*widget.Label).SetText(fmt.Sprintf("%d. %s", i+1, sit.Name) + " · " + Plural("protocol.steps", len(sit.Steps)))
			} else {
				o.(*widget.Label).SetText(T("protocol.common_steps") + " · " + Plural("protocol.steps", len(s.doc.CommonSteps)))
			}
		})
	s.situationPane = container.NewStack()
	s.situationList.OnSelected = func(i widget.ListItemID) {
		s.chosenSituation, s.chosenStep = i, -1
		s.showSituation()
	}
	addSituation := widget.NewButtonWithIcon(T("protocol.add_situation"), theme.ContentAddIcon(), func() {
		s.doc.Situations = append(s.doc.Situations, data.Situation{Name: T("protocol.new_situation"), Urgency: data.UrgencyRoutine})
		s.changed()
		s.situationList.Refresh()
		s.situationList.Select(len(s.doc.Situations) - 1)
	})
	removeSituation := widget.NewButtonWithIcon(T("protocol.remove_situation"), theme.DeleteIcon(), func() {
		i := s.chosenSituation
		if i >= len(s.doc.Situations) {
			return
		}
		confirm(s.ui.win, T("protocol.remove_situation"), T("protocol.remove_situation_text", "name", s.doc.Situations[i].Name), T("button.delete"), func() {
			s.doc.Situations = append(s.doc.Situations[:i], s.doc.Situations[i+1:]...)
			s.changed()
			s.situationList.Refresh()
			s.situationList.Select(0)
		}, nil)
	})
	s.editable(addSituation)
	s.editable(removeSituation)
	left := container.NewBorder(nil, container.NewVBox(addSituation, removeSituation), nil, nil, s.situationList)
	split := container.NewHSplit(left, s.situationPane)
	split.Offset = 0.3
	s.situationList.Select(0)
	return split
}

// showSituation fills the right pane with the chosen situation and its steps.
func (s *protocolScreen) showSituation() {
	var header fyne.CanvasObject = widget.NewLabelWithStyle(T("protocol.common_steps"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if s.chosenSituation < len(s.doc.Situations) {
		sit := &s.doc.Situations[s.chosenSituation]
		name := newEntry()
		name.SetText(sit.Name)
		name.OnChanged = func(v string) { sit.Name = v; s.changed(); s.situationList.RefreshItem(s.chosenSituation) }
		urgency := newChoice(data.Urgencies, func(u data.Urgency) string { return T("urgency." + string(u)) }, nil)
		urgency.setKey(sit.Urgency)
		urgency.OnChanged = func(string) { sit.Urgency = urgency.key(); s.changed() }
		description := newMultiLineEntry()
		description.Wrapping = fyne.TextWrapWord
		description.SetMinRowsVisible(2)
		description.SetText(sit.Description)
		description.OnChanged = func(v string) { sit.Description = v; s.changed() }
		for _, w := range []fyne.Disableable{name, urgency.selectBox, description} {
			s.editable(w)
		}
		header = formGrid(newField("name", name), newField("urgency", urgency.selectBox), newField("description", description))
	}
	s.stepList = widget.NewList(func() int { return len(*s.steps()) },
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			detail := widget.NewLabel("")
			detail.Truncation = fyne.TextTruncateEllipsis
			return container.New(layout.NewCustomPaddedVBoxLayout(-10), title, detail)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			st := &(*s.steps())[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d. %s", i+1, st.Title))
			detail := reports.DeadlineText(Language(), st.Deadline) + " · " + s.responsible(st)
			if st.DeadlineToCheck {
				detail += " · " + T("protocol.to_check")
			}
			box.Objects[1].(*widget.Label).SetText(detail)
		})
	s.stepList.OnSelected = func(i widget.ListItemID) { s.chosenStep = i }
	add := widget.NewButtonWithIcon(T("protocol.add_step"), theme.ContentAddIcon(), func() { s.editStep(-1) })
	edit := widget.NewButtonWithIcon(T("protocol.edit_step"), theme.DocumentCreateIcon(), func() {
		if s.chosenStep >= 0 {
			s.editStep(s.chosenStep)
		}
	})
	if s.doc.ReadOnly() {
		edit.SetText(T("protocol.view_step"))
	}
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { s.moveStep(-1) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { s.moveStep(1) })
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), s.removeStep)
	for _, b := range []*widget.Button{add, up, down, remove} {
		s.editable(b)
	}
	buttons := container.NewHBox(add, edit, up, down, remove)
	s.situationPane.Objects = []fyne.CanvasObject{container.NewBorder(container.NewVBox(header, buttons), nil, nil, nil, s.stepList)}
	s.situationPane.Refresh()
}

// responsible names who answers for a step: a participant, or a sector.
func (s *protocolScreen) responsible(st *data.Step) string {
	if st.ResponsibleOrganizationID != "" {
		for _, p := range s.doc.Participants {
			if p.OrganizationID == st.ResponsibleOrganizationID {
				return p.OrganizationName
			}
		}
		return T("protocol.not_participant")
	}
	if st.ResponsibleSector != "" {
		return sectorLabel(st.ResponsibleSector)
	}
	return T("protocol.no_responsible")
}

func (s *protocolScreen) moveStep(delta int) {
	steps := s.steps()
	i, j := s.chosenStep, s.chosenStep+delta
	if i < 0 || j < 0 || j >= len(*steps) {
		return
	}
	(*steps)[i], (*steps)[j] = (*steps)[j], (*steps)[i]
	s.changed()
	s.stepList.Refresh()
	s.stepList.Select(j)
}

func (s *protocolScreen) removeStep() {
	steps := s.steps()
	i := s.chosenStep
	if i < 0 || i >= len(*steps) {
		return
	}
	confirm(s.ui.win, T("protocol.remove_step"), T("protocol.remove_step_text", "name", (*steps)[i].Title), T("button.delete"), func() {
		*steps = append((*steps)[:i], (*steps)[i+1:]...)
		s.chosenStep = -1
		s.changed()
		s.stepList.UnselectAll()
		s.stepList.Refresh()
		s.situationList.RefreshItem(s.chosenSituation)
	}, nil)
}

// save stores the draft; a refused save keeps every edit on screen.
func (s *protocolScreen) save() {
	doc, edits := s.doc.Clone(), s.edits
	s.ui.run(task{
		work: func(ctx context.Context, _ func(int, int)) error { return s.store.SaveProtocol(ctx, &doc) },
		done: func() {
			if s.edits == edits { // nothing was typed while it saved
				s.doc, s.dirty = doc, false
			}
			s.setMessage(T("protocol.saved", "n", strconv.Itoa(doc.Version)), widget.SuccessImportance)
		},
		failed: func(err error) { s.setMessage(office.ErrorMessage(err), widget.DangerImportance) },
	})
}

func (s *protocolScreen) setMessage(text string, imp widget.Importance) {
	s.message.Show()
	s.message.SetText(text)
	s.message.Importance = imp
	s.message.Refresh()
}

// showApprove asks for the decision that approves the draft.
func (s *protocolScreen) showApprove() {
	given := data.Decision{Body: s.doc.ApprovalBody}
	s.approveDialog = askDecision(s.ui.win, T("protocol.approve_title", "n", strconv.Itoa(s.doc.Version)), T("protocol.approve_hint"), given,
		func(dec data.Decision, done func(), fail func(error)) {
			doc, dirty := s.doc.Clone(), s.dirty
			s.ui.run(task{
				work: func(ctx context.Context, _ func(int, int)) error {
					if dirty { // what is on screen is what gets approved
						if err := s.store.SaveProtocol(ctx, &doc); err != nil {
							return err
						}
					}
					return s.store.ApproveProtocol(ctx, doc.Version, dec.Body, dec.Number, dec.Date)
				},
				done: func() {
					s.dirty = false
					done()
					s.reopen()
				},
				failed: fail,
			})
		})
}

// newVersion copies the version on show into a new draft and opens it
// (the newest version is the one the screen opens on).
func (s *protocolScreen) newVersion() {
	from := s.doc.Version
	s.ui.run(task{
		work: func(ctx context.Context, _ func(int, int)) error {
			_, err := s.store.NewProtocolVersion(ctx, from)
			return err
		},
		done: s.reopen,
	})
}

func (s *protocolScreen) chooseExport(format string) {
	version := s.doc.Version
	s.exportTo(fmt.Sprintf("%s-%d.%s", T("protocol.file"), version, format), func(ctx context.Context, doc office.Document) error {
		return office.ExportProtocol(ctx, s.store, version, format, doc)
	})
}

// exportTo writes a document of a saved version: with unsaved edits it
// asks to save first, so that the paper shows what is on screen.
func (s *protocolScreen) exportTo(name string, write func(ctx context.Context, doc office.Document) error) {
	if s.dirty {
		showMessage(s.ui.win, T("unsaved.title"), T("protocol.save_first"), nil)
		return
	}
	s.ui.exportTo(name, write)
}
