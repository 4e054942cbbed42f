package reports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"spilno/data"
	"spilno/i18n"
)

func stampTime(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, false
	}
	return t.In(time.Local), true
}

// LetterCase says which details of the case the letter shows: the user
// ticks them, to send no more personal data than the recipient needs.
type LetterCase struct {
	Subject, BirthYear, Settlement, Factors bool
}

// Fields names the personal fields shown: the case number always, the
// rest as ticked.
func (c LetterCase) Fields() []string {
	fields := []string{"case_number", "reason"}
	for name, shown := range map[string]bool{"subject": c.Subject, "birth_year": c.BirthYear, "settlement": c.Settlement, "factors": c.Factors} {
		if shown {
			fields = append(fields, name)
		}
	}
	slices.Sort(fields)
	return fields
}

// Any tells whether any of the case's details is shown.
func (c LetterCase) Any() bool { return c.Subject || c.BirthYear || c.Settlement || c.Factors }

// Letter is what a referral letter is made of.
type Letter struct {
	Referral data.Referral
	Case     data.Case
	From, To data.Organization
	Show     LetterCase
	Deadline string // the protocol's deadline in words, if any
}

// ReferralLetterPDF prints the referral letter: the sending organization's
// header, number and date, the addressee, the case (only the ticked
// details), the reason, the requested service, the deadline from the
// protocol and a signature line.
func ReferralLetterPDF(ctx context.Context, w io.Writer, l Letter, o Options) error {
	d, err := newPDF(margins{top: mm(20), right: mm(10), bottom: mm(20), left: mm(30)}, o)
	if err != nil {
		return fmt.Errorf("referral letter: %w", err)
	}
	r := &l.Referral
	d.pdf.SetInfo(pdfInfo(o.t("letter.title")+" "+r.Number, o))
	if l.Show.Any() { // the family's details travel with the letter
		d.mark = o.t("letter.confidential")
	}
	d.setFont(serif, 12)
	d.newPage()
	letterhead(d, l.From, o)
	letterAddress(d, l, o)
	d.setFont(serifBold, 14)
	d.centered(strings.ToUpper(o.t("letter.title")))
	d.setFont(serif, 12)
	d.y += 8
	d.paragraph(o.t("letter.intro", "situation", firstNonEmpty(r.SituationName, o.t("letter.no_situation"))), mm(12.5))
	d.y += 6
	d.table([]pdfColumn{{title: o.t("letter.item"), width: d.width() * 0.32}, {title: o.t("letter.value"), width: d.width() * 0.68}}, letterRows(l, o), 11)
	d.y += 10
	d.setFont(serif, 12)
	d.paragraph(o.t("letter.request"), mm(12.5))
	if ctx.Err() != nil {
		return ctx.Err()
	}
	letterSignature(d, l, o)
	d.numberPages(o)
	return d.finish(w)
}

// letterhead is the sending organization's name and contacts over a rule,
// under the community's letterhead when the organization uses it.
func letterhead(d *pdfDoc, from data.Organization, o Options) {
	if from.CommunityLetterhead && o.Letterhead.Any() {
		d.communityLetterhead(o.Letterhead)
	}
	d.setFont(serifBold, 13)
	d.centered(strings.ToUpper(from.Name))
	d.setFont(serif, 10)
	if contacts := strings.Join(nonEmpty(from.Address, from.Phone, from.Email), ", "); contacts != "" {
		d.centered(contacts)
	}
	if from.RegistryID != "" {
		label := o.t("field.registry_id")
		if o.Country != "" {
			label = o.t("registry." + strings.ToLower(string(o.Country)))
		}
		d.centered(label + " " + from.RegistryID)
	}
	d.pdf.SetLineWidth(1)
	d.pdf.Line(d.m.left, d.y+2, d.m.left+d.width(), d.y+2)
	d.y += 14
}

// letterAddress puts the sender's outgoing number and date and the
// referral's number at the left, the addressee at the right, side by side.
// Without an outgoing number the line is left blank to be filled in by
// hand once the letter is registered.
func letterAddress(d *pdfDoc, l Letter, o Options) {
	r := &l.Referral
	d.setFont(serif, 12)
	sent := o.Now
	if t, ok := stampTime(r.SentAt); ok {
		sent = t
	}
	number, date := "__________", "______________"
	if r.OutgoingNumber != "" {
		number, date = r.OutgoingNumber, i18n.FormatDayIn(o.Lang, r.OutgoingDate)
	}
	top := d.y
	d.text(0, d.width()*0.5, o.t("letter.number_date", "number", number, "date", date))
	d.setFont(serif, 10)
	d.text(0, d.width()*0.5, o.t("letter.referral_line", "number", r.Number, "date", i18n.FormatDateIn(o.Lang, sent)))
	d.setFont(serif, 12)
	left := d.y
	d.y = top
	d.rightBlock(addressee(l, o), d.width()*0.45)
	d.y = max(d.y, left) + 18
}

// addressee is the letter's addressee block: the contact person's own
// addressee text when the referral names one that has it, else the
// organization's, else the head as recorded (grammatical only where the
// user made it so) with the contact person to whose attention it goes.
func addressee(l Letter, o Options) []string {
	lines := func(s string) []string { return strings.Split(strings.TrimSpace(s), "\n") }
	person := strings.TrimSpace(l.Referral.ToPerson)
	for _, c := range l.To.Contacts {
		if person != "" && strings.EqualFold(c.Name, person) && c.LetterAddressee != "" {
			return lines(c.LetterAddressee)
		}
	}
	var block []string
	switch {
	case l.To.LetterAddressee != "":
		block = lines(l.To.LetterAddressee)
	case strings.TrimSpace(l.To.HeadPosition) == "":
		block = []string{o.t("letter.to_head") + " " + l.To.Name}
	default:
		block = []string{l.To.HeadPosition + " " + l.To.Name}
	}
	if l.To.LetterAddressee == "" && l.To.HeadName != "" {
		block = append(block, l.To.HeadName)
	}
	if person != "" {
		block = append(block, o.t("letter.attention", "person", person))
	}
	return block
}

// letterRows are the details the letter gives: of the case, only those
// the user ticked.
func letterRows(l Letter, o Options) [][]pdfCell {
	r := &l.Referral
	row := func(key, value string) []pdfCell { return []pdfCell{{text: o.t(key)}, {text: value}} }
	rows := [][]pdfCell{row("letter.case", r.CaseNumber)}
	if l.Show.Subject && l.Case.Subject != "" {
		rows = append(rows, row("field.subject", l.Case.Subject))
	}
	if l.Show.BirthYear && l.Case.BirthYear != nil {
		rows = append(rows, row("field.birth_year", strconv.Itoa(*l.Case.BirthYear)))
	}
	if l.Show.Settlement && l.Case.Settlement != "" {
		rows = append(rows, row("field.settlement", l.Case.Settlement))
	}
	if l.Show.Factors && len(l.Case.FactorNames) > 0 {
		rows = append(rows, row("field.factors", strings.Join(l.Case.FactorNames, ", ")))
	}
	rows = append(rows, row("field.urgency", o.t("urgency."+string(r.Urgency))), row("field.reason", r.Reason))
	if r.ServiceName != "" {
		rows = append(rows, row("letter.service", r.ServiceName))
	}
	if l.Deadline != "" {
		rows = append(rows, row("field.deadline", l.Deadline))
	}
	return rows
}

// letterSignature is the head's position and signature line, never alone
// on a page, and who prepared the letter.
func letterSignature(d *pdfDoc, l Letter, o Options) {
	d.ensure(5 * d.lineHeight())
	d.y += 24
	signTop := d.y
	d.text(0, d.width()*0.5, data.Capitalised(firstNonEmpty(l.From.HeadPosition, o.t("protocol.head"))))
	d.y = signTop
	d.cellAt(d.m.left+d.width()*0.55, d.y, "____________  "+data.SignatureName(l.From.HeadName))
	d.y = signTop + 3*d.lineHeight()
	// The executor is the sender's person, or else the clerk who wrote the letter.
	if executor := firstNonEmpty(l.Referral.FromPerson, o.Operator); executor != "" {
		d.setFont(serif, 9)
		d.text(0, d.width(), strings.Join(nonEmpty(o.t("letter.prepared_by", "person", executor), l.From.Phone), ", "))
	}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// RegisterXLSX writes the register of referrals: every field, dates as
// date cells, a frozen, filterable header. Rows stream from list into
// excelize's StreamWriter: memory stays flat however long the register.
func RegisterXLSX(ctx context.Context, w io.Writer, list Rows[data.Referral], o Options) error {
	sheet := o.t("register.sheet")
	f, styles, err := newBook(sheet)
	if err != nil {
		return fmt.Errorf("register xlsx: %w", err)
	}
	defer f.Close()
	widths, titles := registerSheet(o)
	n, total := 0, list.Len()
	sw, err := startSheet(f, sheet, o.t("register.title"), widths, titles, total, o)
	if err != nil {
		return fmt.Errorf("register xlsx: %w", err)
	}
	cells := registerCells(o, styles)
	err = list.Each(func(r *data.Referral) error {
		if n%500 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if err := streamRow(sw, n, cells(r)); err != nil {
			return err
		}
		n++
		o.progress(n, total)
		return nil
	})
	if err == nil {
		err = finishStream(f, sw, len(registerColumns), n)
	}
	if err == nil {
		err = writeBook(f, w, o.Password)
	}
	if err != nil && !errors.Is(err, ctx.Err()) {
		return fmt.Errorf("register xlsx: %w", err)
	}
	return err
}

// registerColumns are the register's columns, by title key and width.
var registerColumns = []struct {
	key   string
	width float64
}{{"number", 14}, {"case", 16}, {"from_org", 34}, {"to_org", 34}, {"situation", 32}, {"urgency", 12}, {"status", 14},
	{"sent_at", 17}, {"received_at", 17}, {"due_at", 17}, {"days_left", 10}, {"overdue", 10}, {"reason", 40},
	{"reject_reason", 30}, {"outcome", 30}, {"feedback", 30}, {"closed_at", 17}, {"outgoing_number", 16}, {"outgoing_date", 12}}

// registerSheet is the register's column widths and titles.
func registerSheet(o Options) (widths []float64, titles []string) {
	for _, c := range registerColumns {
		widths, titles = append(widths, c.width), append(titles, o.t("register."+c.key))
	}
	return widths, titles
}

// registerCells makes the cells of a referral's row, reusing one row: the
// stream writer copies them out before the next.
func registerCells(o Options, styles cellStyles) func(r *data.Referral) []any {
	row := make([]any, len(registerColumns))
	when := func(s string) any {
		if t, ok := stampTime(s); ok {
			return excelize.Cell{StyleID: styles.dateTime, Value: t}
		}
		return nil
	}
	day := func(s string) any {
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return excelize.Cell{StyleID: styles.date, Value: t}
		}
		return nil
	}
	yes, no := o.t("register.yes"), o.t("register.no")
	return func(r *data.Referral) []any {
		var daysLeft any
		if d, ok := r.DaysLeft(o.Now); ok {
			daysLeft = d
		}
		overdue := no
		if r.Overdue(o.Now) {
			overdue = yes
		}
		copy(row, []any{r.Number, r.CaseNumber, r.FromName, r.ToName, r.SituationName, o.t("urgency." + string(r.Urgency)),
			o.t("status.referral." + string(r.Status)), when(r.SentAt), when(r.ReceivedAt), when(r.DueAt), daysLeft, overdue,
			r.Reason, r.RejectReason, r.Outcome, r.Feedback, when(r.ClosedAt), r.OutgoingNumber, day(r.OutgoingDate)})
		return row
	}
}

// OverduePDF lists the overdue referrals at o.Now in the order given
// (grouped by recipient, most overdue first), a row at a time, each
// recipient's rows under its name and closed by their count; landscape,
// so that no column is squeezed. A list longer than MaxPrintedRows is
// refused.
func OverduePDF(ctx context.Context, w io.Writer, list Rows[data.Referral], o Options) error {
	if list.Len() > MaxPrintedRows {
		return TooLongToPrint{list.Len()}
	}
	d, err := newPDF(margins{top: mm(15), right: mm(10), bottom: mm(15), left: mm(20)}, o)
	if err != nil {
		return fmt.Errorf("overdue pdf: %w", err)
	}
	d.pdf.SetInfo(pdfInfo(o.t("overdue.title"), o))
	d.landscape()
	d.setFont(serif, 11)
	d.newPage()
	d.setFont(serifBold, 14)
	d.centered(o.t("overdue.title"))
	d.setFont(serif, 11)
	if o.Community != "" {
		d.centered(o.Community)
	}
	d.centered(o.t("report.as_of", "date", i18n.FormatDateIn(o.Lang, o.Now)) + " · " + i18n.PluralIn(o.Lang, "overdue.count", list.Len()))
	if o.Scope != "" {
		d.centered(o.Scope)
	}
	d.y += 10
	tw := d.width()
	// № holds up to MaxPrintedRows (five digits); the days column its
	// header's longest word ("прострочення").
	cols := []pdfColumn{{title: o.t("protocol.col_no"), width: mm(11)}, {title: o.t("register.number"), width: tw * 0.13}, {title: o.t("register.from_org"), width: tw*0.18 - mm(11)},
		{title: o.t("register.to_org"), width: tw * 0.18}, {title: o.t("register.situation"), width: tw * 0.17}, {title: o.t("register.status"), width: tw * 0.1},
		{title: o.t("register.due_at"), width: tw * 0.11}, {title: o.t("overdue.days"), width: tw * 0.13}}
	d.tableHeader(cols, 9)
	n, group, inGroup := 0, "", 0
	var summary overdueSummary
	closeGroup := func() {
		if inGroup > 0 {
			d.spanRow(o.t("overdue.group_total", "org", group, "n", i18n.FormatIntIn(o.Lang, inGroup)), 9)
		}
	}
	err = list.Each(func(r *data.Referral) error {
		if n%200 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if n == 0 || r.ToName != group {
			closeGroup()
			group, inGroup = r.ToName, 0
			d.y += 4
			d.spanRow(r.ToName, 10)
		}
		n++
		inGroup++
		days, _ := r.DaysLeft(o.Now)
		summary.add(r.ToName, -days)
		d.tableRow(cols, []pdfCell{{text: strconv.Itoa(n)}, {text: r.Number}, {text: r.FromName}, {text: r.ToName},
			{text: r.SituationName}, {text: o.t("status.referral." + string(r.Status))},
			{text: i18n.FormatStampIn(o.Lang, r.DueAt)}, {text: strconv.Itoa(-days)}}, 9)
		o.progress(n, list.Len())
		return nil
	})
	if err != nil {
		return err
	}
	closeGroup()
	summary.write(d, o)
	if o.Operator != "" {
		d.setFont(serif, 11)
		d.y += 12
		d.paragraph(o.t("report.prepared_by", "name", o.Operator, "date", i18n.FormatDateIn(o.Lang, o.Now)), 0)
	}
	d.numberPages(o)
	return d.finish(w)
}

// overdueBuckets are the upper bounds, in days, of how long overdue the
// summary counts; the last bucket has none.
var overdueBuckets = []int{7, 30, 90}

// overdueSummary counts overdue referrals per recipient and per how long
// overdue, in the order the recipients come.
type overdueSummary struct {
	names  []string
	counts map[string][]int
}

func (s *overdueSummary) add(recipient string, daysOver int) {
	if s.counts == nil {
		s.counts = map[string][]int{}
	}
	c, ok := s.counts[recipient]
	if !ok {
		c = make([]int, len(overdueBuckets)+1)
		s.names = append(s.names, recipient)
	}
	b := 0
	for b < len(overdueBuckets) && daysOver > overdueBuckets[b] {
		b++
	}
	c[b]++
	s.counts[recipient] = c
}

// write puts the summary for the head of department on a page of its
// own: a row per recipient, a column per how long overdue, and totals.
func (s *overdueSummary) write(d *pdfDoc, o Options) {
	if len(s.names) == 0 {
		return
	}
	d.newPage()
	d.setFont(serifBold, 13)
	d.centered(o.t("overdue.summary"))
	d.y += 8
	low := 1
	cols := []pdfColumn{{title: o.t("register.to_org"), width: d.width() * 0.4}}
	for _, high := range overdueBuckets {
		cols = append(cols, pdfColumn{title: o.t("overdue.bucket", "from", strconv.Itoa(low), "to", strconv.Itoa(high)), width: d.width() * 0.12})
		low = high + 1
	}
	cols = append(cols, pdfColumn{title: o.t("overdue.bucket_over", "from", strconv.Itoa(low-1)), width: d.width() * 0.12},
		pdfColumn{title: o.t("overdue.total"), width: d.width() * 0.12})
	totals := make([]int, len(overdueBuckets)+2)
	var rows [][]pdfCell
	for _, name := range s.names {
		row := []pdfCell{{text: name}}
		sum := 0
		for i, c := range s.counts[name] {
			row = append(row, pdfCell{text: i18n.FormatIntIn(o.Lang, c)})
			sum += c
			totals[i] += c
		}
		totals[len(totals)-1] += sum
		rows = append(rows, append(row, pdfCell{text: i18n.FormatIntIn(o.Lang, sum)}))
	}
	last := []pdfCell{{text: o.t("overdue.total"), boldFirst: true}}
	for _, c := range totals {
		last = append(last, pdfCell{text: i18n.FormatIntIn(o.Lang, c), boldFirst: true})
	}
	d.table(cols, append(rows, last), 10)
}
