package reports

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"spilno/data"
	"spilno/i18n"
)

// CataloguePDF writes the public list as a booklet: a title page, the
// services grouped by type, each with its provider, address, hours,
// contacts, who it is for, how to apply and the cost; then an index of
// providers with their pages; "page x of y" on every page.
func CataloguePDF(ctx context.Context, w io.Writer, services []data.Service, o Options) error {
	d, err := newPDF(margins{top: mm(20), right: mm(15), bottom: mm(18), left: mm(20)}, o)
	if err != nil {
		return fmt.Errorf("catalogue pdf: %w", err)
	}
	d.pdf.SetInfo(pdfInfo(o.t("report.catalogue.title"), o))
	cataloguePDFTitle(d, services, o)

	pagesOf := map[string][]int{} // provider → pages where its services stand
	var providers []string
	lastType := ""
	for n := range services {
		if n%50 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		s := &services[n]
		if s.TypeCode+s.TypeName != lastType {
			lastType = s.TypeCode + s.TypeName
			// A type heading never stands alone at a page's foot: it goes
			// with the whole of its first entry, when that fits a page.
			first := min(entryHeight(d, s, entryLines(s, o)), d.bottom()-d.m.top-mm(20))
			d.setFont(sansBold, 13)
			heading := strings.TrimSpace(s.TypeCode + "  " + s.TypeName)
			if !d.fits(d.lineHeight()*2+first) || n == 0 {
				d.newPage()
			} else {
				d.y += d.lineHeight() * 0.6
			}
			d.text(0, d.width(), heading)
			d.pdf.AddOutline(heading) // the reader's bookmarks: one per type
			d.pdf.SetLineWidth(0.8)
			d.pdf.Line(d.m.left, d.y, d.m.left+d.width(), d.y)
			d.y += 6
		}
		serviceEntry(d, s, o)
		if pages := pagesOf[s.ProviderName]; len(pages) == 0 || pages[len(pages)-1] != d.page() {
			if len(pages) == 0 {
				providers = append(providers, s.ProviderName)
			}
			pagesOf[s.ProviderName] = append(pages, d.page())
		}
		o.progress(n+1, len(services))
	}
	providerIndex(d, providers, pagesOf, o)
	d.numberPages(o)
	return d.finish(w)
}

func cataloguePDFTitle(d *pdfDoc, services []data.Service, o Options) {
	d.newPage()
	d.y = d.paper.H * 0.3
	d.setFont(sansBold, 24)
	d.centered(o.t("report.catalogue.title"))
	d.y += 12
	d.setFont(sans, 16)
	if o.Community != "" {
		d.centered(o.Community)
	}
	d.y += 24
	d.setFont(sans, 12)
	d.centered(o.t("report.as_of", "date", i18n.FormatDateIn(o.Lang, o.Now)))
	d.centered(i18n.PluralIn(o.Lang, "report.catalogue.count_services", len(services)))
}

// entryLine is one labelled line of a service's entry.
type entryLine struct{ label, value string }

// entryLines are the lines of a service's entry in the public list.
func entryLines(s *data.Service, o Options) []entryLine {
	type line = entryLine
	status := ""
	if s.Status != data.StatusActive {
		status = o.t("status." + string(s.Status))
	}
	forWhom := strings.Join(s.TargetGroupNames, ", ")
	if age := ageRange(o, s); age != "" {
		forWhom = strings.TrimPrefix(forWhom+"; "+age, "; ")
	}
	hours := FormatSchedule(o.Lang, s.Schedule)
	if s.ScheduleNote != "" {
		hours = strings.TrimPrefix(hours+"; "+s.ScheduleNote, "; ")
	}
	lines := []line{
		{o.t("field.provider"), s.ProviderName},
		{o.t("field.status"), status},
		{o.t("field.description"), s.Description},
		{o.t("field.address"), s.Address},
		{o.t("field.schedule"), hours},
		{o.t("report.contacts"), contacts(s)},
		{o.t("report.for_whom"), forWhom},
		{o.t("field.forms"), labels(o, "form.", s.Forms)},
		{o.t("field.how_to_apply"), s.HowToApply},
		{o.t("field.cost"), costText(o, s)},
		{o.t("field.capacity"), capacityText(o, s)},
		{o.t("field.waiting_time"), s.WaitingTime},
	}
	// The date, not a warning: "not verified for a year" is for the
	// department's own copy (the workbook and the screen), not the public.
	return append(lines, line{o.t("field.verified_on"), i18n.FormatDayIn(o.Lang, s.VerifiedOn)})
}

const entryLabelWidth = 38 // mm

// entryHeight is how tall a service's entry prints.
func entryHeight(d *pdfDoc, s *data.Service, lines []entryLine) float64 {
	d.setFont(sans, 9.5)
	height := 0.0
	for _, l := range lines {
		if l.value != "" {
			height += float64(len(d.wrap(l.value, d.width()-mm(entryLabelWidth)))) * d.lineHeight()
		}
	}
	d.setFont(sansBold, 11)
	return height + float64(len(d.wrap(s.Name, d.width())))*d.lineHeight() + 8
}

// serviceEntry writes one service; an entry is kept on one page when it fits.
func serviceEntry(d *pdfDoc, s *data.Service, o Options) {
	lines := entryLines(s, o)
	labelW := mm(entryLabelWidth)
	valueW := d.width() - labelW
	if height := entryHeight(d, s, lines); height < d.bottom()-d.m.top {
		d.ensure(height)
	}
	d.setFont(sansBold, 11)
	d.text(0, d.width(), s.Name)
	d.y += 2
	for _, l := range lines {
		if l.value == "" {
			continue
		}
		d.setFont(sans, 9.5)
		valueLines := d.wrap(l.value, valueW)
		d.ensure(d.lineHeight())
		d.pdf.SetTextColor(90, 90, 90)
		d.cellAt(d.m.left, d.y, l.label)
		d.pdf.SetTextColor(0, 0, 0)
		for _, v := range valueLines {
			d.ensure(d.lineHeight())
			d.cellAt(d.m.left+labelW, d.y, v)
			if l.label == o.t("report.contacts") {
				d.linkContacts(d.m.left+labelW, d.y, v)
			}
			d.y += d.lineHeight()
		}
	}
	d.y += 8
}

func providerIndex(d *pdfDoc, providers []string, pagesOf map[string][]int, o Options) {
	data.SortByName(providers, o.Lang, func(s string) string { return s })
	d.setFont(sansBold, 14)
	d.newPage()
	d.text(0, d.width(), o.t("report.catalogue.index"))
	d.y += 6
	d.setFont(sans, 10)
	pagesW := mm(30)
	for _, p := range providers {
		nums := make([]string, len(pagesOf[p]))
		for i, n := range pagesOf[p] {
			nums[i] = strconv.Itoa(n)
		}
		names := d.wrap(p, d.width()-pagesW-mm(4))
		d.ensure(float64(len(names)) * d.lineHeight())
		pages := strings.Join(nums, ", ")
		d.cellAt(d.m.left+d.width()-d.measure(pages), d.y, pages)
		d.text(0, d.width()-pagesW-mm(4), p)
	}
}

// contactPatterns find what a reader would tap in a line of the booklet:
// an e-mail address, a web address, a phone number.
var contactPatterns = []struct {
	re  *regexp.Regexp
	url func(string) string
}{
	{regexp.MustCompile(`[\w.+-]+@[\w-]+(\.[\w-]+)+`), func(m string) string { return "mailto:" + m }},
	{regexp.MustCompile(`(https?://|www\.)[^\s,;]+`), func(m string) string {
		if strings.HasPrefix(m, "www.") {
			return "https://" + m
		}
		return m
	}},
	{regexp.MustCompile(`\+?\d[\d ()-]{5,}\d`), func(m string) string {
		return "tel:" + strings.Map(func(r rune) rune {
			if r == '+' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, m)
	}},
}

// linkContacts makes the phone numbers, e-mail and web addresses in a
// line drawn at x, y links.
func (d *pdfDoc) linkContacts(x, y float64, line string) {
	for _, p := range contactPatterns {
		for _, at := range p.re.FindAllStringIndex(line, -1) {
			m := line[at[0]:at[1]]
			d.pdf.AddExternalLink(p.url(m), x+d.measure(line[:at[0]]), y, d.measure(m), d.lineHeight())
		}
	}
}
