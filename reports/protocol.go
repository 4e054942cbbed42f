package reports

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"spilno/data"
	"spilno/i18n"
)

// DeadlineText writes a deadline in words: "протягом 5 робочих днів з
// моменту надходження повідомлення", "immediately".
func DeadlineText(lang string, d data.Deadline) string {
	var text string
	from := "deadline.from."
	if d.Unit == data.DeadlineImmediately {
		text, from = i18n.In(lang, "deadline.immediately"), "deadline.upon."
	} else if d.Unit != "" {
		text = i18n.PluralIn(lang, "deadline."+string(d.Unit), d.Amount)
	}
	if d.From != "" {
		text += " " + i18n.In(lang, from+string(d.From))
	}
	return strings.TrimSpace(text)
}

// responsibleText names who answers for a step: the participant, or the sector.
func responsibleText(lang string, st *data.Step) string {
	if st.ResponsibleName != "" {
		return st.ResponsibleName
	}
	if st.ResponsibleSector != "" {
		return i18n.In(lang, "sector."+string(st.ResponsibleSector))
	}
	return ""
}

// ProtocolPDF prints a protocol version for the executive committee, laid
// out after ДСТУ 4163 habits: A4 with margins of 30, 10, 20 and 20 mm, the
// approval block at the top right, a centred title, numbered sections, the
// participants, a table of steps per situation (its header repeated on
// every page), and an approval sheet with a signature line for the head of
// every participant. A draft carries a "draft" mark on every page.
func ProtocolPDF(ctx context.Context, w io.Writer, p *data.Protocol, o Options) error {
	d, err := newPDF(margins{top: mm(20), right: mm(10), bottom: mm(20), left: mm(30)}, o)
	if err != nil {
		return fmt.Errorf("protocol pdf: %w", err)
	}
	d.pdf.SetInfo(pdfInfo(p.Title, o))
	if p.Status == data.ProtocolDraft {
		d.mark = o.t("protocol.draft_mark")
	}
	d.setFont(serif, 12)
	d.newPage()
	protocolTitle(d, p, o)
	protocolSection(d, "1", o.t("protocol.section_general"))
	general := []string{p.Purpose, p.GeneralProvisions}
	if p.EffectiveFrom != "" {
		general = append(general, o.t("protocol.effective_from_line", "date", i18n.FormatDayIn(o.Lang, p.EffectiveFrom)))
	}
	numberedPoints(d, "1", general)
	protocolSection(d, "2", o.t("protocol.section_participants"))
	participantTable(d, p, o)
	d.setFont(serif, 12)
	d.ensure(20 * d.lineHeight()) // the section heading goes with its first situation
	protocolSection(d, "3", o.t("protocol.section_situations"))
	if err := protocolSituations(ctx, d, p, o); err != nil {
		return err
	}
	if err := approvalSheet(ctx, d, p, o); err != nil {
		return err
	}
	d.numberPagesAtTop()
	return d.finish(w)
}

// numberedPoints writes each paragraph of texts as a numbered point of
// section n (1.1., 1.2. …), as the points of an act are numbered.
func numberedPoints(d *pdfDoc, n string, texts []string) {
	point := 0
	for _, text := range texts {
		for _, para := range strings.Split(text, "\n") {
			if para = strings.TrimSpace(para); para != "" {
				point++
				d.paragraph(fmt.Sprintf("%s.%d. %s", n, point, para), mm(12.5))
			}
		}
	}
}

// protocolTitle writes the community's letterhead when the settings ask
// for it, the annex line and approval block of an approved version, and
// the centred title.
func protocolTitle(d *pdfDoc, p *data.Protocol, o Options) {
	if o.Letterhead.ProtocolLetterhead && o.Letterhead.Any() {
		d.communityLetterhead(o.Letterhead)
		d.y += 12
	}
	date, number, body := i18n.FormatDayIn(o.Lang, p.DecisionDate), p.DecisionNumber, p.ApprovalBody
	if p.Status == data.ProtocolDraft { // the decision is still to be taken: left blank for it
		date, number, body = "____________", "______", firstNonEmpty(body, o.t("protocol.default_body"))
	}
	if o.Letterhead.AnnexLine {
		d.setFont(serif, 12)
		d.rightBlock(strings.Split(o.t("protocol.annex_block", "body", body, "date", date, "number", number), "\n"), mm(75))
		d.y += 12
	}
	if p.Status != data.ProtocolDraft {
		approvalBlock(d, data.Decision{Body: p.ApprovalBody, Number: p.DecisionNumber, Date: p.DecisionDate}, o)
	}
	d.setFont(serifBold, 14)
	d.centered(strings.ToUpper(p.Title))
	d.setFont(serif, 12)
	if p.Community != "" {
		d.centered(p.Community)
	}
	d.centered(o.t("protocol.version_line", "n", strconv.Itoa(p.Version)))
	d.y += 12
}

// approvalBlock is the stamp of approval at the top right of an approved
// document: "ЗАТВЕРДЖЕНО / рішенням … / від … № …".
func approvalBlock(d *pdfDoc, dec data.Decision, o Options) {
	d.setFont(serif, 12)
	d.rightBlock([]string{
		o.t("protocol.approved_block"),
		o.t("protocol.decision_of", "body", dec.Body),
		o.t("protocol.decision_from", "date", i18n.FormatDayIn(o.Lang, dec.Date), "number", dec.Number),
	}, mm(75))
	d.y += 18
}

// protocolSection writes a numbered section heading.
func protocolSection(d *pdfDoc, n, title string) {
	d.setFont(serifBold, 12)
	d.ensure(4 * d.lineHeight())
	d.y += 6
	d.centered(n + ". " + title)
	d.pdf.AddOutline(n + ". " + title) // a bookmark for each section
	d.y += 4
	d.setFont(serif, 12)
}

func participantTable(d *pdfDoc, p *data.Protocol, o Options) {
	var rows [][]pdfCell
	for i, part := range p.Participants {
		rep := strings.Join(nonEmpty(part.RepresentativeName, part.RepresentativePosition, part.RepresentativePhone), ", ")
		rows = append(rows, []pdfCell{{text: strconv.Itoa(i + 1)}, {text: part.OrganizationName}, {text: part.Role}, {text: rep}})
	}
	tw := d.width()
	d.table([]pdfColumn{{title: o.t("protocol.col_no"), width: mm(10)}, {title: o.t("protocol.col_organization"), width: tw*0.42 - mm(10)},
		{title: o.t("protocol.col_role"), width: tw * 0.28}, {title: o.t("protocol.col_representative"), width: tw * 0.30}}, rows, 10)
}

// protocolSituations writes every situation with its table of steps, then
// the common steps, and, in a draft, the footnote on deadlines still to be
// checked: the marks are for those who draft it, not for the approved act.
func protocolSituations(ctx context.Context, d *pdfDoc, p *data.Protocol, o Options) error {
	toCheck, draft := false, p.Status == data.ProtocolDraft
	for i := range p.Situations {
		if i%2 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		sit := &p.Situations[i]
		d.setFont(serifBold, 12)
		// The heading, its description and the first rows of its table stay together.
		d.ensure(16 * d.lineHeight())
		d.y += 6
		heading := fmt.Sprintf("3.%d. %s", i+1, sit.Name)
		d.text(0, d.width(), heading)
		d.pdf.AddOutline(heading)
		d.setFont(serif, 11)
		if sit.Description != "" {
			d.paragraph(sit.Description, 0)
		}
		d.paragraph(o.t("protocol.urgency_line", "urgency", o.t("urgency."+string(sit.Urgency))), 0)
		d.y += 4
		toCheck = stepTable(d, sit.Steps, draft, o) || toCheck
	}
	if len(p.CommonSteps) > 0 {
		d.setFont(serifBold, 12)
		d.ensure(6 * d.lineHeight())
		d.y += 6
		d.text(0, d.width(), fmt.Sprintf("3.%d. %s", len(p.Situations)+1, o.t("protocol.common_steps")))
		d.y += 4
		toCheck = stepTable(d, p.CommonSteps, draft, o) || toCheck
	}
	if toCheck {
		d.setFont(serif, 9)
		d.y += 4
		d.paragraph("* "+o.t("protocol.deadline_to_check"), 0)
	}
	return nil
}

// stepTable writes the steps of a situation; in a draft it marks a
// deadline still to be checked with an asterisk, and tells whether any is.
func stepTable(d *pdfDoc, steps []data.Step, draft bool, o Options) (toCheck bool) {
	var rows [][]pdfCell
	for i := range steps {
		st := &steps[i]
		deadline := DeadlineText(o.Lang, st.Deadline)
		if st.DeadlineToCheck && draft {
			deadline += " *"
			toCheck = true
		}
		rows = append(rows, []pdfCell{{text: strconv.Itoa(i + 1)}, {text: strings.TrimSpace(st.Title + "\n" + st.Action), boldFirst: true},
			{text: responsibleText(o.Lang, st)}, {text: st.CoExecutors}, {text: deadline}, {text: st.OutputDocument}})
	}
	tw := d.width()
	d.table([]pdfColumn{{title: o.t("protocol.col_no"), width: mm(8)}, {title: o.t("protocol.col_action"), width: tw*0.34 - mm(8)},
		{title: o.t("protocol.col_responsible"), width: tw * 0.16}, {title: o.t("protocol.col_coexecutors"), width: tw * 0.16},
		{title: o.t("protocol.col_deadline"), width: tw * 0.16}, {title: o.t("protocol.col_output"), width: tw * 0.18}}, rows, 9.5)
	return toCheck
}

// approvalSheet writes the approval sheet (лист погодження) on a page of
// its own: a signature line for the head of every participant.
func approvalSheet(ctx context.Context, d *pdfDoc, p *data.Protocol, o Options) error {
	d.newPage()
	d.setFont(serifBold, 13)
	d.centered(strings.ToUpper(o.t("protocol.approval_sheet")))
	d.setFont(serif, 11)
	d.centered(p.Title)
	d.y += 16
	for _, part := range p.Participants {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// The organisation and its signature line stay together.
		d.setFont(serif, 11)
		position := strings.TrimSpace(part.HeadPosition)
		if position == "" {
			position = o.t("protocol.head")
		}
		block := data.Capitalised(position) + " — " + part.OrganizationName
		lines := len(d.wrap(block, d.width()*0.55))
		d.ensure(float64(lines+2) * d.lineHeight())
		top := d.y
		d.text(0, d.width()*0.55, block)
		end := d.y
		d.y = top
		d.cellAt(d.m.left+d.width()*0.6, d.y+d.lineHeight()*float64(lines-1), "____________  "+data.SignatureName(part.HeadName))
		d.y = end + d.lineHeight()*0.2
		d.setFont(serif, 8)
		d.cellAt(d.m.left+d.width()*0.6, d.y, o.t("protocol.signature_date"))
		d.y += d.lineHeight() * 2.2
	}
	return nil
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// stepText is a step in one paragraph, for the comparison table.
func stepText(lang string, n int, st *data.Step) string {
	parts := []string{fmt.Sprintf("%d. %s", n, st.Title)}
	if st.Action != "" {
		parts = append(parts, st.Action)
	}
	if r := responsibleText(lang, st); r != "" {
		parts = append(parts, i18n.In(lang, "protocol.col_responsible")+": "+r)
	}
	if st.CoExecutors != "" {
		parts = append(parts, i18n.In(lang, "protocol.col_coexecutors")+": "+st.CoExecutors)
	}
	parts = append(parts, i18n.In(lang, "protocol.col_deadline")+": "+DeadlineText(lang, st.Deadline))
	if st.OutputDocument != "" {
		parts = append(parts, i18n.In(lang, "protocol.col_output")+": "+st.OutputDocument)
	}
	return strings.Join(parts, "\n")
}

func participantText(p *data.Participant) string {
	return strings.Join(nonEmpty(p.OrganizationName, p.Role, p.RepresentativeName, p.RepresentativePosition, p.RepresentativePhone), "\n")
}

// ProtocolDiffPDF prints the comparison table (порівняльна таблиця) of two
// versions: current wording | proposed wording, only what changed, grouped
// by section.
func ProtocolDiffPDF(ctx context.Context, w io.Writer, from, to *data.Protocol, o Options) error {
	d, err := newPDF(margins{top: mm(20), right: mm(10), bottom: mm(20), left: mm(30)}, o)
	if err != nil {
		return fmt.Errorf("protocol comparison pdf: %w", err)
	}
	d.pdf.SetInfo(pdfInfo(o.t("protocol.diff_title"), o))
	d.continued = o.t("report.continued")
	d.newPage()
	d.setFont(serifBold, 14)
	d.centered(strings.ToUpper(o.t("protocol.diff_title")))
	d.setFont(serif, 12)
	d.centered(to.Title)
	d.centered(o.t("protocol.diff_versions", "from", strconv.Itoa(from.Version), "to", strconv.Itoa(to.Version)))
	d.y += 12
	changes := data.DiffProtocols(from, to)
	if len(changes) == 0 {
		d.paragraph(o.t("protocol.diff_none"), 0)
	}
	absent := o.t("protocol.diff_absent")
	removed := o.t("protocol.diff_removed")
	textWidth := d.width() / 2
	if o.ReasonColumn {
		textWidth = d.width() * 0.38
	}
	cols := []pdfColumn{{title: o.t("protocol.diff_current", "n", strconv.Itoa(from.Version)), width: textWidth},
		{title: o.t("protocol.diff_proposed", "n", strconv.Itoa(to.Version)), width: textWidth}}
	if o.ReasonColumn {
		cols = append(cols, pdfColumn{title: o.t("protocol.diff_reason"), width: d.width() - 2*textWidth})
	}
	group := ""
	var rows [][]pdfCell
	flush := func() {
		if len(rows) > 0 {
			d.table(cols, rows, 10)
			rows = nil
		}
	}
	for i := range changes {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c := &changes[i]
		if heading := ChangeHeading(o.Lang, c); heading != group {
			flush()
			group = heading
			d.ensure(8 * d.lineHeight()) // a heading goes with the table's head and its first rows
			d.y += 6
			d.spanRow(heading, 11)
			d.groupHeading = heading
		}
		rows = append(rows, changeRow(o.Lang, c, absent, removed))
	}
	flush()
	if o.Operator != "" {
		d.setFont(serif, 12)
		d.ensure(4 * d.lineHeight())
		d.y += 2 * d.lineHeight()
		d.text(0, d.width(), o.t("protocol.diff_prepared", "name", data.SignatureName(o.Operator)))
	}
	d.numberPages(o)
	return d.finish(w)
}

// changeRow is a change as a row of the comparison table: a wording that
// changed shows its removed words struck through in the current column
// and its added words bold in the proposed one, so that a reader sees the
// change without reading the whole row.
func changeRow(lang string, c *data.Change, absent, removed string) []pdfCell {
	old, proposed := ChangeTexts(lang, c)
	switch {
	case old == "":
		return []pdfCell{{text: absent}, {text: proposed}}
	case proposed == "":
		return []pdfCell{{text: old}, {text: removed}}
	}
	var current, next []data.WordChange
	for _, w := range data.DiffWords(old, proposed) {
		if w.Mark != data.WordAdded {
			current = append(current, w)
		}
		if w.Mark != data.WordRemoved {
			next = append(next, w)
		}
	}
	return []pdfCell{{marked: current}, {marked: next}}
}

// ChangeHeading names the part of the protocol a change is in, as the
// comparison table groups its rows: a section, or the situation.
func ChangeHeading(lang string, c *data.Change) string {
	switch c.Section {
	case "header":
		return i18n.In(lang, "protocol.section_general")
	case "participants":
		return i18n.In(lang, "protocol.section_participants")
	case "common":
		return i18n.In(lang, "protocol.common_steps")
	}
	return i18n.In(lang, "protocol.situation") + ": " + c.Situation
}

// ChangeTexts are the current and the proposed wording of one change, as
// the comparison table shows them; a side the change has not is empty.
func ChangeTexts(lang string, c *data.Change) (old, proposed string) {
	switch {
	case c.OldStep != nil || c.NewStep != nil:
		if c.OldStep != nil {
			old = stepText(lang, c.OldStepNumber, c.OldStep)
		}
		if c.NewStep != nil {
			proposed = stepText(lang, c.NewStepNumber, c.NewStep)
		}
	case c.OldParticipant != nil || c.NewParticipant != nil:
		if c.OldParticipant != nil {
			old = participantText(c.OldParticipant)
		}
		if c.NewParticipant != nil {
			proposed = participantText(c.NewParticipant)
		}
	default:
		label := i18n.In(lang, "protocol.field."+c.Field)
		old, proposed = c.OldText, c.NewText
		switch c.Field {
		case "urgency":
			old, proposed = i18n.In(lang, "urgency."+old), i18n.In(lang, "urgency."+proposed)
		case "effective_from":
			old, proposed = i18n.FormatDayIn(lang, old), i18n.FormatDayIn(lang, proposed)
		}
		if old != "" {
			old = label + ": " + old
		}
		if proposed != "" {
			proposed = label + ": " + proposed
		}
	}
	return old, proposed
}

var badSheetChars = regexp.MustCompile(`[:\\/?*\[\]]`)

// sheetName makes a valid, unique sheet name (at most 31 characters).
func sheetName(name string, used map[string]bool) string {
	name = strings.Join(strings.Fields(badSheetChars.ReplaceAllString(name, " ")), " ")
	if r := []rune(name); len(r) > 28 {
		// Cut at the last whole word that fits, with "…": a sheet tab
		// cut mid-word reads as a typo.
		cut := string(r[:27])
		if i := strings.LastIndex(cut, " "); i > 10 {
			cut = cut[:i]
		}
		name = strings.TrimRight(cut, " ,.;:–-") + "…"
	}
	base := name
	for i := 2; used[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s %d", base, i)
	}
	used[strings.ToLower(name)] = true
	return name
}

// writeSheet writes a sheet cell by cell: widths, a header row, the rows
// wrapped, the header frozen and filterable.
func writeSheet(f *excelize.File, sheet string, widths []float64, titles []string, rows [][]any, header, wrap int) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	for i, wd := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	if err := setRow(f, sheet, 1, anySlice(titles), header); err != nil {
		return err
	}
	for r, row := range rows {
		if err := setRow(f, sheet, r+2, row, wrap); err != nil {
			return err
		}
	}
	last, err := excelize.CoordinatesToCellName(len(titles), len(rows)+1)
	if err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := printSetup(f, sheet, sheet); err != nil {
		return err
	}
	return f.AutoFilter(sheet, "A1:"+last, nil)
}

// ProtocolXLSX writes the protocol as a responsibility matrix: a sheet of
// participants and a sheet of steps for every situation.
func ProtocolXLSX(ctx context.Context, w io.Writer, p *data.Protocol, o Options) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := describe(f, p.Title, firstNonEmpty(p.Community, o.Community), o); err != nil {
		return fmt.Errorf("protocol xlsx: %w", err)
	}
	header, err := headerStyle(f)
	if err != nil {
		return fmt.Errorf("protocol xlsx: %w", err)
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("protocol xlsx: %w", err)
	}
	used := map[string]bool{}
	write := func(sheet string, widths []float64, titles []string, rows [][]any) error {
		return writeSheet(f, sheet, widths, titles, rows, header, wrap)
	}
	partSheet := sheetName(o.t("protocol.section_participants"), used)
	var rows [][]any
	for i, part := range p.Participants {
		rows = append(rows, []any{i + 1, part.OrganizationName, part.Role, part.RepresentativeName, part.RepresentativePosition,
			part.RepresentativePhone, part.HeadName, part.HeadPosition})
	}
	if err := write(partSheet, []float64{5, 45, 30, 25, 25, 18, 25, 25}, []string{o.t("protocol.col_no"), o.t("protocol.col_organization"),
		o.t("protocol.col_role"), o.t("protocol.rep_name"), o.t("protocol.rep_position"), o.t("protocol.rep_phone"),
		o.t("field.head_name"), o.t("field.head_position")}, rows); err != nil {
		return fmt.Errorf("protocol xlsx: %w", err)
	}
	stepSheet := func(name string, steps []data.Step) error {
		var rows [][]any
		for i := range steps {
			st := &steps[i]
			var amount any
			if st.Deadline.Unit != data.DeadlineImmediately {
				amount = st.Deadline.Amount
			}
			rows = append(rows, []any{i + 1, st.Title, st.Action, responsibleText(o.Lang, st), st.CoExecutors,
				DeadlineText(o.Lang, st.Deadline), amount, o.t("deadline.unit." + string(st.Deadline.Unit)), st.OutputDocument})
		}
		return write(sheetName(name, used), []float64{5, 32, 50, 30, 30, 32, 8, 16, 30}, []string{o.t("protocol.col_no"),
			o.t("protocol.step_title"), o.t("protocol.col_action"), o.t("protocol.col_responsible"), o.t("protocol.col_coexecutors"),
			o.t("protocol.col_deadline"), o.t("protocol.deadline_amount"), o.t("protocol.deadline_unit"), o.t("protocol.col_output")}, rows)
	}
	for i := range p.Situations {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err := stepSheet(p.Situations[i].Name, p.Situations[i].Steps); err != nil {
			return fmt.Errorf("protocol xlsx: %w", err)
		}
	}
	if len(p.CommonSteps) > 0 {
		if err := stepSheet(o.t("protocol.common_steps"), p.CommonSteps); err != nil {
			return fmt.Errorf("protocol xlsx: %w", err)
		}
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		return fmt.Errorf("protocol xlsx: %w", err)
	}
	f.SetActiveSheet(0)
	if err := writeBook(f, w, o.Password); err != nil {
		return fmt.Errorf("protocol xlsx: %w", err)
	}
	return nil
}
