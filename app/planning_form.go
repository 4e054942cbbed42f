package app

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/i18n"
	"spilno/office"
)

// assessmentForm is one assessment on tabs: general and working group,
// indicators, surveys, needs and gaps, SWOT/PEST, plan of measures.
type assessmentForm struct {
	s      *planningScreen
	p      office.Planning
	tabs   *container.AppTabs
	dirty  bool
	locked bool     // the inputs being built are of an approved analysis: read, not changed
	fields []*field // the general fields, by key

	title, from, to, orderNumber, orderDate, method, vision *entry
	members                                                 *rowList[data.Member]
	indicators                                              *rowList[data.Indicator]
	needs                                                   *rowList[data.Need]
	measures                                                *rowList[data.Measure]
	points                                                  map[data.PointKind]*entry
}

func newAssessmentForm(s *planningScreen, p office.Planning) *assessmentForm {
	f := &assessmentForm{s: s, p: p, points: map[data.PointKind]*entry{}}
	a := p.Assessment
	f.locked = a.Frozen() // read-only once approved, but for how the plan's measures go
	general := container.NewTabItem(T("planning.tab_general"), container.NewVScroll(f.general(a)))
	indicators := container.NewTabItem(T("assessment.indicators"), f.indicatorsTab(a))
	surveys := container.NewTabItem(T("assessment.surveys"), container.NewVScroll(f.surveysTab()))
	needs := container.NewTabItem(T("assessment.needs"), f.needsTab(a))
	analysis := container.NewTabItem(T("planning.tab_analysis"), container.NewVScroll(f.analysisTab(a)))
	f.tabs = container.NewAppTabs(general, indicators, surveys, needs, analysis, container.NewTabItem(T("assessment.plan"), f.planTab(a)))
	f.locked = false
	f.dirty = false // setting the choices to what was read changed nothing
	return f
}

func (f *assessmentForm) changed() { f.dirty = true }

// lock makes inputs of an approved analysis read-only.
func (f *assessmentForm) lock(inputs ...fyne.Disableable) {
	if f.locked {
		for _, in := range inputs {
			readOnly(in)
		}
	}
}

// addButton adds a row to a list; an approved analysis has none.
func (f *assessmentForm) addButton(text string, add func()) *widget.Button {
	b := widget.NewButtonWithIcon(text, theme.ContentAddIcon(), add)
	if f.locked {
		b.Hide()
	}
	return b
}

// text is an entry that marks the form changed as it is typed in.
func (f *assessmentForm) text(value string, rows int) *entry {
	e := textEntry(value, rows)
	e.OnChanged = func(string) { f.changed() }
	f.lock(e)
	return e
}

func (f *assessmentForm) day(iso string) *entry {
	e := f.text(FormatDay(iso), 0)
	e.SetPlaceHolder(T("common.date_hint"))
	return e
}

func (f *assessmentForm) general(a data.Assessment) fyne.CanvasObject {
	f.title, f.method, f.vision = f.text(a.Title, 0), f.text(a.Method, 3), f.text(a.Vision, 3)
	f.from, f.to, f.orderDate = f.day(a.Period.From), f.day(a.Period.To), f.day(a.OrderDate)
	f.orderNumber = f.text(a.OrderNumber, 0)
	f.fields = []*field{newField("assessment.title", f.title), newField("assessment.period_from", f.from),
		newField("assessment.period_to", f.to), newField("assessment.order_number", f.orderNumber), newField("assessment.order_date", f.orderDate),
		newField("assessment.method", f.method), newField("assessment.vision", f.vision)}
	f.members = newRowList(f, "member", a.Members, data.Member{}, func(m data.Member) (fyne.CanvasObject, func() (data.Member, []string)) {
		org := f.orgPick(T("assessment.field.organization"), m.OrganizationID)
		person, role := f.text(m.Person, 0), f.text(m.Role, 0)
		person.SetPlaceHolder(T("assessment.field.person"))
		role.SetPlaceHolder(T("assessment.field.role"))
		return container.NewGridWithColumns(3, org.selectBox, person, role), func() (data.Member, []string) {
			return data.Member{OrganizationID: org.picked(), Person: person.Text, Role: role.Text}, nil
		}
	})
	return container.NewVBox(f.statusLine(a), wrapped(T("planning.general_hint"), widget.LowImportance), formGrid(f.fields...),
		wrapped(T("planning.vision_hint"), widget.LowImportance), heading(T("assessment.members")),
		f.members.header(columnHeads(T("assessment.field.organization"), T("assessment.field.person"), T("assessment.field.role"))),
		f.members.box, f.addButton(T("planning.add_member"), f.members.addEmpty))
}

// statusLine says where the assessment stands and what that allows.
func (f *assessmentForm) statusLine(a data.Assessment) fyne.CanvasObject {
	if !a.Frozen() {
		return wrapped(T("planning.draft_note"), widget.MediumImportance)
	}
	return wrapped(T("planning.approved_note", "body", a.Approval.Body, "number", a.Approval.Number, "date", FormatDay(a.Approval.Date),
		"when", FormatStamp(a.ApprovedAt)), widget.SuccessImportance)
}

// captionedRow lays inputs out in equal columns, each with its
// placeholder as a small caption above it: a filled input still says what
// it holds.
func captionedRow(inputs ...fyne.CanvasObject) fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(inputs))
	for i, in := range inputs {
		text := ""
		switch w := in.(type) {
		case *entry:
			text = w.PlaceHolder
		case *selectBox:
			text = w.PlaceHolder
		}
		c := canvas.NewText(text, theme.Color(theme.ColorNamePlaceHolder))
		c.TextSize = theme.CaptionTextSize()
		cells[i] = container.New(layout.NewCustomPaddedVBoxLayout(0), c, in)
	}
	return container.NewGridWithColumns(len(inputs), cells...)
}

// columnHeads are the bold heads of a row's columns.
func columnHeads(texts ...string) fyne.CanvasObject {
	heads := make([]fyne.CanvasObject, len(texts))
	for i, t := range texts {
		heads[i] = widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	return container.NewGridWithColumns(len(texts), heads...)
}

// sizedLike is an empty space as big as o: it keeps heads over their
// columns where the rows have o.
func sizedLike(o fyne.CanvasObject) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(o.MinSize())
	return r
}

// optionalPick is a select of a list whose first entry, "—", chooses none.
type optionalPick[E any, K comparable] struct {
	*selectBox
	list []E
	key  func(E) K
}

// newPick offers list by label, with the element whose key is chosen
// selected (none for the zero key).
func newPick[E any, K comparable](f *assessmentForm, placeholder string, list []E, label func(E) string, key func(E) K, chosen K) *optionalPick[E, K] {
	p := &optionalPick[E, K]{selectBox: newSelect(append([]string{"—"}, names(list, label)...), nil), list: list, key: key}
	p.PlaceHolder = placeholder
	var none K
	for i, e := range list {
		if chosen != none && key(e) == chosen {
			p.SetSelectedIndex(i + 1)
		}
	}
	p.OnChanged = func(string) { f.changed() }
	f.lock(p.selectBox)
	return p
}

// picked is the key of the element chosen, the zero key for none.
func (p *optionalPick[E, K]) picked() K {
	var none K
	if i := p.SelectedIndex() - 1; i >= 0 && i < len(p.list) {
		return p.key(p.list[i])
	}
	return none
}

func (f *assessmentForm) typePick(chosen int64) *optionalPick[data.ServiceType, int64] {
	return newPick(f, T("assessment.field.service_type"), f.p.Types, func(t data.ServiceType) string { return t.Code + " " + t.Name },
		func(t data.ServiceType) int64 { return t.ID }, chosen)
}

func (f *assessmentForm) groupPick(chosen int64) *optionalPick[data.TargetGroup, int64] {
	return newPick(f, T("assessment.field.target_group"), f.p.Groups, func(g data.TargetGroup) string { return g.Name },
		func(g data.TargetGroup) int64 { return g.ID }, chosen)
}

func (f *assessmentForm) orgPick(placeholder, chosen string) *optionalPick[data.Organization, string] {
	return newPick(f, placeholder, f.p.Orgs, func(o data.Organization) string { return o.Name }, func(o data.Organization) string { return o.ID }, chosen)
}

func (f *assessmentForm) indicatorsTab(a data.Assessment) fyne.CanvasObject {
	f.indicators = newRowList(f, "indicator", a.Indicators, data.Indicator{}, func(ind data.Indicator) (fyne.CanvasObject, func() (data.Indicator, []string)) {
		name, value, asOf, source := f.text(ind.Name, 0), f.text(numberText(ind.Value), 0), f.day(ind.AsOf), f.text(ind.Source, 0)
		name.SetPlaceHolder(T("assessment.field.name"))
		value.SetPlaceHolder(T("assessment.field.value"))
		source.SetPlaceHolder(T("assessment.field.source"))
		check := newCheck(T("assessment.to_check"), func(bool) { f.changed() })
		check.SetChecked(ind.ToCheck)
		f.lock(check)
		row := container.NewBorder(nil, nil, nil, check, container.NewGridWithColumns(2, name, container.NewGridWithColumns(3, value, asOf, source)))
		return row, func() (data.Indicator, []string) {
			var wrong numbers
			return data.Indicator{Name: name.Text, Value: wrong.number("value", value), AsOf: typedDay(asOf), Source: source.Text,
				ToCheck: check.Checked}, wrong
		}
	})
	heads := f.indicators.header(container.NewBorder(nil, nil, nil, sizedLike(newCheck(T("assessment.to_check"), nil)), container.NewGridWithColumns(2,
		columnHeads(T("assessment.field.name")), columnHeads(T("assessment.field.value"), T("assessment.field.as_of"), T("assessment.field.source")))))
	top := container.NewVBox(wrapped(T("planning.indicators_hint"), widget.LowImportance), heads)
	add := f.addButton(T("planning.add_indicator"), f.indicators.addEmpty)
	return container.NewBorder(top, add, nil, nil, container.NewVScroll(f.indicators.box))
}

// numberText writes a stored number as the language writes it.
func numberText(v *float64) string {
	if v == nil {
		return ""
	}
	if *v == math.Trunc(*v) && math.Abs(*v) < 1e15 {
		return i18n.FormatInt(int(*v))
	}
	return i18n.FormatDecimalIn(Language(), *v)
}

// numbers collects the fields of a row whose text is not a number.
type numbers []string

// number reads a number field: nil when empty or not a number (noted).
func (w *numbers) number(field string, e *entry) *float64 {
	if strings.TrimSpace(e.Text) == "" {
		return nil
	}
	v, err := i18n.ParseNumberIn(Language(), e.Text)
	if err != nil {
		*w = append(*w, field)
		return nil
	}
	return &v
}

// count reads a whole number field as number does.
func (w *numbers) count(field string, e *entry) *int {
	v := w.number(field, e)
	if v == nil {
		return nil
	}
	if *v != math.Trunc(*v) {
		*w = append(*w, field)
		return nil
	}
	n := int(*v)
	return &n
}

func (f *assessmentForm) surveysTab() fyne.CanvasObject {
	objects := []fyne.CanvasObject{wrapped(T("planning.surveys_hint"), widget.LowImportance)}
	for _, sv := range f.p.Surveys {
		objects = append(objects, widget.NewSeparator(), f.surveyView(sv))
	}
	if len(f.p.Surveys) == 0 {
		objects = append(objects, widget.NewLabel(T("assessment.no_surveys")))
	}
	return container.NewVBox(objects...)
}

// surveyView is one survey: what it is, the question to split by, and its
// tables as the report shows them.
func (f *assessmentForm) surveyView(sv data.Survey) fyne.CanvasObject {
	rows := T("planning.rows_not_kept")
	if sv.Answers != nil {
		rows = T("planning.rows_kept")
	}
	about := wrapped(T("planning.survey_about", "title", sv.Title, "file", sv.FileName, "n", i18n.FormatInt(sv.Respondents),
		"date", FormatStamp(sv.ImportedAt))+" "+rows, widget.MediumImportance)
	var splits []int
	options := []string{T("planning.no_cross")}
	for i, q := range sv.Questions {
		if q.Splits() {
			splits, options = append(splits, i), append(options, q.Text)
		}
	}
	by := newSelect(options, nil)
	by.SetSelectedIndex(0)
	for k, i := range splits {
		if i == sv.CrossBy {
			by.SetSelectedIndex(k + 1)
		}
	}
	by.OnChanged = func(string) {
		chosen := -1
		if k := by.SelectedIndex() - 1; k >= 0 {
			chosen = splits[k]
		}
		f.s.setCrossBy(sv.ID, chosen)
	}
	remove := widget.NewButtonWithIcon(T("planning.delete_survey"), theme.DeleteIcon(), func() { f.s.deleteSurvey(sv) })
	f.lock(by, remove)
	objects := []fyne.CanvasObject{heading(sv.Title), about, container.NewBorder(nil, nil, widget.NewLabel(T("planning.cross_by")), remove, by)}
	view := f.p.SurveyViews[sv.ID]
	for _, line := range view.Lines[1:] { // the first says what about says
		objects = append(objects, wrapped(line, widget.MediumImportance))
	}
	for _, t := range view.Tables {
		objects = append(objects, tableView(t))
	}
	return container.NewVBox(objects...)
}

func (f *assessmentForm) needsTab(a data.Assessment) fyne.CanvasObject {
	computed := map[int]data.Gap{}
	for i, g := range f.p.Gaps {
		computed[i] = g
	}
	i := 0
	f.needs = newRowList(f, "need", a.Needs, data.Need{}, func(n data.Need) (fyne.CanvasObject, func() (data.Need, []string)) {
		g, known := computed[i]
		i++
		typ, group := f.typePick(n.ServiceTypeID), f.groupPick(n.TargetGroupID)
		inNeed, capacity, served := f.text(countText(n.InNeed), 0), f.text(countText(n.CapacityOverride), 0), f.text(countText(n.ServedOverride), 0)
		inNeed.SetPlaceHolder(T("assessment.field.in_need"))
		capacity.SetPlaceHolder(T("planning.capacity_override"))
		served.SetPlaceHolder(T("planning.served_override"))
		note, rationale := f.text(n.OverrideNote, 0), f.text(n.Rationale, 0)
		note.SetPlaceHolder(T("assessment.field.override_note"))
		rationale.SetPlaceHolder(T("assessment.field.rationale"))
		unit := newChoice(data.CapacityUnits, func(u data.CapacityUnit) string { return T("capacity_unit." + string(u)) }, f.changed)
		unit.PlaceHolder = T("assessment.field.unit")
		unit.setKey(n.Unit)
		source := newChoice(data.NeedSources, func(k data.NeedSource) string { return T("need_source." + string(k)) }, f.changed)
		source.PlaceHolder = T("assessment.field.source")
		source.setKey(n.Source)
		priority := newChoice(data.Priorities, func(k data.Priority) string { return T("assessment.priority." + string(k)) }, f.changed)
		priority.PlaceHolder = T("assessment.field.priority")
		priority.setKey(n.Priority)
		f.lock(unit.selectBox, source.selectBox, priority.selectBox)
		rows := []fyne.CanvasObject{captionedRow(typ.selectBox, group.selectBox),
			captionedRow(inNeed, unit.selectBox, source.selectBox, priority.selectBox)}
		if known {
			rows = append(rows, wrapped(f.computedLine(g), widget.MediumImportance))
		}
		rows = append(rows, captionedRow(capacity, served, note), captionedRow(rationale))
		return container.NewVBox(rows...), func() (data.Need, []string) {
			var wrong numbers
			return data.Need{ServiceTypeID: typ.picked(), TargetGroupID: group.picked(),
				Unit: unit.key(), Source: source.key(), Priority: priority.key(), OverrideNote: note.Text, Rationale: rationale.Text,
				InNeed: wrong.count("in_need", inNeed), CapacityOverride: wrong.count("capacity", capacity),
				ServedOverride: wrong.count("served", served)}, wrong
		}
	})
	tables := []fyne.CanvasObject{}
	for _, t := range f.p.GapTables {
		tables = append(tables, tableView(t))
	}
	add := f.addButton(T("planning.add_need"), f.needs.addEmpty)
	body := container.NewVBox(wrapped(T("planning.needs_hint"), widget.LowImportance), f.needs.box, add, widget.NewSeparator(),
		wrapped(f.p.GapsAsOf, widget.MediumImportance), container.NewVBox(tables...), sectionsView(f.p.NeedsBeside))
	return container.NewVScroll(body)
}

func countText(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// computedLine says what the catalogue and the referrals give for a need.
func (f *assessmentForm) computedLine(g data.Gap) string {
	capacity := office.CapacityText(g.Capacities, Language())
	wait := "—"
	if !math.IsNaN(g.WaitDays) {
		wait = i18n.FormatDecimalIn(Language(), g.WaitDays)
	}
	return T("planning.computed", "services", Plural("planning.services_n", g.Services), "capacity", capacity, "requested", i18n.FormatInt(g.Requested),
		"rejected", i18n.FormatInt(g.Rejected), "wait", wait, "served", i18n.FormatInt(g.ServedComputed))
}

func (f *assessmentForm) analysisTab(a data.Assessment) fyne.CanvasObject {
	lines := map[data.PointKind][]string{}
	for _, p := range a.Points {
		lines[p.Kind] = append(lines[p.Kind], p.Text)
	}
	grid := func(kinds []data.PointKind) fyne.CanvasObject {
		var cells []fyne.CanvasObject
		for _, k := range kinds {
			e := f.text(strings.Join(lines[k], "\n"), 5)
			f.points[k] = e
			cells = append(cells, container.NewVBox(widget.NewLabelWithStyle(T("assessment.point."+string(k)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e))
		}
		return container.NewGridWithColumns(2, cells...)
	}
	objects := []fyne.CanvasObject{wrapped(T("planning.analysis_hint"), widget.LowImportance), heading(T("assessment.swot")), grid(data.SWOTKinds)}
	pest := grid(data.PESTKinds)
	objects = append(objects, heading(T("planning.pest")), wrapped(T("planning.pest_hint"), widget.LowImportance), pest)
	return container.NewVBox(objects...)
}

func (f *assessmentForm) planTab(a data.Assessment) fyne.CanvasObject {
	now := f.s.now()
	f.measures = newRowList(f, "measure", a.Measures, data.Measure{Status: data.MeasurePlanned}, func(m data.Measure) (fyne.CanvasObject, func() (data.Measure, []string)) {
		title, funding, success := f.text(m.Title, 0), f.text(m.FundingSource, 0), f.text(m.SuccessIndicator, 0)
		title.SetPlaceHolder(T("assessment.field.measure"))
		funding.SetPlaceHolder(T("planning.funding_source"))
		success.SetPlaceHolder(T("assessment.field.success"))
		amount, deadline := f.text(numberText(m.Amount), 0), f.day(m.Deadline)
		amount.SetPlaceHolder(T("planning.amount"))
		typ, group, org := f.typePick(m.ServiceTypeID), f.groupPick(m.TargetGroupID), f.orgPick(T("assessment.field.responsible"), m.OrganizationID)
		status := newChoice(data.MeasureStatuses, func(k data.MeasureStatus) string { return T("measure_status." + string(k)) }, f.changed)
		status.setKey(m.Status)
		locked := f.locked
		f.locked = false // the status and progress move on after approval
		progress := f.text(progressText(m.Progress), 2)
		f.locked = locked
		progress.SetPlaceHolder(T("planning.progress_hint"))
		status.PlaceHolder = T("assessment.field.status")
		deadline.SetPlaceHolder(T("assessment.field.deadline"))
		rows := []fyne.CanvasObject{captionedRow(title), captionedRow(typ.selectBox, group.selectBox, org.selectBox),
			captionedRow(deadline, funding, amount, status.selectBox), captionedRow(success), captionedRow(progress)}
		if m.Overdue(now) {
			rows = append([]fyne.CanvasObject{wrapped(T("planning.measure_overdue"), widget.DangerImportance)}, rows...)
		}
		return container.NewVBox(rows...), func() (data.Measure, []string) {
			var wrong numbers
			out := data.Measure{ID: m.ID, Title: title.Text, ServiceTypeID: typ.picked(), TargetGroupID: group.picked(),
				Deadline: typedDay(deadline), FundingSource: funding.Text, SuccessIndicator: success.Text, Status: status.key(),
				OrganizationID: org.picked()}
			out.Amount = wrong.number("amount", amount)
			out.Progress = parseProgress(progress.Text)
			return out, wrong
		}
	})
	add := f.addButton(T("planning.add_measure"), f.measures.addEmpty)
	return container.NewBorder(wrapped(T("planning.plan_hint"), widget.LowImportance), add, nil, nil,
		container.NewVScroll(container.NewVBox(f.measures.box, sectionsView(f.p.PlanBeside))))
}

// progressText writes a measure's progress a line each: "01.03.2026 — note".
func progressText(list []data.Progress) string {
	var lines []string
	for _, p := range list {
		lines = append(lines, FormatDay(p.On)+" — "+p.Note)
	}
	return strings.Join(lines, "\n")
}

// parseProgress reads the lines back: a date as the language writes it
// ("24.03.2026", "24 Mar 2026", "24. 3. 2026"), then what was done. A line
// that does not start with a date goes on the entry before it; a first
// line without one keeps its first word as the date, to be refused as
// "not a date".
func parseProgress(text string) []data.Progress {
	var out []data.Progress
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		day, note, ok := leadingDate(line)
		if !ok && len(out) > 0 {
			last := &out[len(out)-1]
			last.Note = strings.TrimSpace(last.Note + " " + line)
			continue
		}
		out = append(out, data.Progress{On: day, Note: strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(note), "—–-:"))})
	}
	return out
}

// leadingDate reads the date a line starts with, of up to three words, as
// YYYY-MM-DD; false (and the first word) when it starts with none.
func leadingDate(line string) (day, rest string, ok bool) {
	words := strings.Fields(line)
	for n := min(3, len(words)); n >= 1; n-- {
		head := strings.TrimRight(strings.Join(words[:n], " "), ":,—–-")
		if t, err := i18n.ParseDate(head); err == nil {
			return t.Format("2006-01-02"), strings.Join(words[n:], " "), true
		}
	}
	return words[0], strings.Join(words[1:], " "), false
}

// collect reads the form back into an assessment, with the problems of
// numbers that are not numbers (the rest is for Validate).
func (f *assessmentForm) collect() (data.Assessment, []data.FieldError) {
	a := f.p.Assessment
	a.Title, a.OrderNumber, a.Method, a.Vision = f.title.Text, f.orderNumber.Text, f.method.Text, f.vision.Text
	a.Period = data.Period{From: typedDay(f.from), To: typedDay(f.to)}
	a.OrderDate = typedDay(f.orderDate)
	var wrong data.Problems
	a.Members = f.members.collect(&wrong)
	a.Indicators = f.indicators.collect(&wrong)
	a.Needs = f.needs.collect(&wrong)
	a.Measures = f.measures.collect(&wrong)
	a.Points = nil
	for _, k := range append(append([]data.PointKind{}, data.SWOTKinds...), data.PESTKinds...) {
		for _, line := range strings.Split(f.points[k].Text, "\n") {
			if line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "•-–")); line != "" {
				a.Points = append(a.Points, data.Point{Kind: k, Text: line})
			}
		}
	}
	return a, wrong
}

// showProblems puts each message under its field or row, and opens the
// tab of the first.
func (f *assessmentForm) showProblems(problems []data.FieldError) {
	for _, fl := range f.fields {
		fl.setProblem(problemsFor(problems, fl.key))
	}
	first := -1
	for tab, l := range []interface{ showProblems([]data.FieldError) int }{f.members, f.indicators, f.needs, f.measures} {
		if n := l.showProblems(problems); n > 0 && first < 0 {
			first = []int{0, 1, 3, 5}[tab]
		}
	}
	for _, fl := range f.fields {
		if fl.problem.Visible() {
			first = 0
		}
	}
	if first >= 0 {
		f.tabs.SelectIndex(first)
	}
}

// rowList is an editable list of rows of one kind, each with a Remove
// button and the problems of its fields under it.
type rowList[T any] struct {
	form    *assessmentForm
	section string // the field key's section: "indicator" for "assessment.indicator.2.value"
	box     *fyne.Container
	items   []*rowItem[T]
	blank   T
	build   func(T) (fyne.CanvasObject, func() (T, []string))
	locked  bool // rows of an approved analysis are not removed
}

type rowItem[T any] struct {
	read    func() (T, []string) // the row, and its fields that are not numbers
	problem *widget.Label
	object  fyne.CanvasObject
}

func newRowList[T any](f *assessmentForm, section string, rows []T, blank T, build func(T) (fyne.CanvasObject, func() (T, []string))) *rowList[T] {
	l := &rowList[T]{form: f, section: section, box: container.NewVBox(), blank: blank, build: build, locked: f.locked}
	for _, r := range rows {
		l.add(r)
	}
	return l
}

// header is heads laid out over the rows' columns, beside the space of
// their Remove buttons.
func (l *rowList[T]) header(heads fyne.CanvasObject) fyne.CanvasObject {
	var remove fyne.CanvasObject = sizedLike(widget.NewButtonWithIcon("", theme.DeleteIcon(), nil))
	if l.locked {
		remove = nil
	}
	return container.NewBorder(nil, nil, nil, remove, heads)
}

func (l *rowList[T]) addEmpty() {
	l.add(l.blank)
	l.form.changed()
}

func (l *rowList[T]) add(row T) {
	object, read := l.build(row)
	item := &rowItem[T]{read: read, problem: widget.NewLabel("")}
	item.problem.Importance, item.problem.Wrapping = widget.DangerImportance, fyne.TextWrapWord
	item.problem.Hide()
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { l.remove(item) })
	if l.locked {
		remove.Hide()
	}
	item.object = container.NewVBox(container.NewBorder(nil, nil, nil, remove, object), item.problem, widget.NewSeparator())
	l.items = append(l.items, item)
	l.box.Add(item.object)
}

func (l *rowList[T]) remove(item *rowItem[T]) {
	for i, it := range l.items {
		if it == item {
			l.items = append(l.items[:i], l.items[i+1:]...)
		}
	}
	l.box.Remove(item.object)
	l.form.changed()
}

// collect reads the rows back, adding to wrong each field that is not
// a number.
func (l *rowList[T]) collect(wrong *data.Problems) []T {
	out := make([]T, len(l.items))
	for i, it := range l.items {
		var fields []string
		out[i], fields = it.read()
		for _, field := range fields {
			wrong.Add(fmt.Sprintf("assessment.%s.%d.%s", l.section, i+1, field), "number_typed", "")
		}
	}
	return out
}

// showProblems shows each row's problems under it; it returns how many
// rows have any.
func (l *rowList[T]) showProblems(problems []data.FieldError) int {
	n := 0
	for i, it := range l.items {
		msg := problemsUnder(problems, fmt.Sprintf("assessment.%s.%d.", l.section, i+1))
		it.problem.SetText(msg)
		if msg == "" {
			it.problem.Hide()
		} else {
			it.problem.Show()
			n++
		}
	}
	return n
}
