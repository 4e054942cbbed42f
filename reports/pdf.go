// Package reports turns domain values into XLSX and PDF documents. It
// imports no Fyne: the window and the headless commands share it.
package reports

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/signintech/gopdf"

	"spilno/assets"
)

// ErrMissingGlyph is returned in strict mode when a text has a letter the
// embedded fonts cannot draw (it would print as a blank).
var ErrMissingGlyph = errors.New("a letter has no glyph in the report fonts")

// Font families registered in every PDF.
const (
	sans      = "sans"
	sansBold  = "sans-bold"
	serif     = "serif"
	serifBold = "serif-bold"
)

// mm converts millimetres to points, the unit of gopdf.
func mm(v float64) float64 { return v * 72 / 25.4 }

// margins of a page, in points.
type margins struct{ top, right, bottom, left float64 }

// pdfDoc is a flowing A4 document: text is written at the cursor y and
// pages are added as it fills. Page numbers are stamped at the end, when
// the total is known.
type pdfDoc struct {
	pdf     gopdf.GoPdf
	m       margins
	y       float64
	missing map[rune]bool
	strict  bool
	family  string
	size    float64
	widths  map[widthKey]float64 // measured words
}

var a4 = gopdf.PageSizeA4

func newPDF(m margins, strict bool) (*pdfDoc, error) {
	d := &pdfDoc{m: m, missing: map[rune]bool{}, strict: strict, widths: map[widthKey]float64{}}
	d.pdf.Start(gopdf.Config{PageSize: *a4, Unit: gopdf.UnitPT})
	option := gopdf.TtfOption{OnGlyphNotFound: func(r rune) { d.missing[r] = true }}
	for family, file := range map[string]string{
		sans: "LiberationSans-Regular.ttf", sansBold: "LiberationSans-Bold.ttf",
		serif: "LiberationSerif-Regular.ttf", serifBold: "LiberationSerif-Bold.ttf",
	} {
		data, err := assets.Font(file)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", file, err)
		}
		if err := d.pdf.AddTTFFontDataWithOption(family, data, option); err != nil {
			return nil, fmt.Errorf("font %s: %w", file, err)
		}
	}
	return d, nil
}

func (d *pdfDoc) width() float64  { return a4.W - d.m.left - d.m.right }
func (d *pdfDoc) bottom() float64 { return a4.H - d.m.bottom }

func (d *pdfDoc) setFont(family string, size float64) {
	d.family, d.size = family, size
	_ = d.pdf.SetFont(family, "", size)
}

func (d *pdfDoc) newPage() {
	d.pdf.AddPage()
	d.y = d.m.top
	if d.family != "" {
		d.setFont(d.family, d.size)
	}
}

// lineHeight is the distance between baselines for the current font.
func (d *pdfDoc) lineHeight() float64 { return d.size * 1.3 }

// wrap splits text into lines no wider than width, keeping the user's
// line breaks. Words are measured once per font and size: gopdf's own
// splitter measures every prefix of a paragraph, which made a 5 000-service
// booklet take seconds.
func (d *pdfDoc) wrap(text string, width float64) []string {
	var out []string
	space := d.measure(" ")
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		line, lineW := "", 0.0
		for _, w := range words {
			ww := d.measure(w)
			switch {
			case line == "":
				line, lineW = w, ww
			case lineW+space+ww <= width:
				line, lineW = line+" "+w, lineW+space+ww
			default:
				out = append(out, line)
				line, lineW = w, ww
			}
			for lineW > width && len([]rune(line)) > 1 { // a word longer than the line
				head, rest := d.cut(line, width)
				out = append(out, head)
				line, lineW = rest, d.measure(rest)
			}
		}
		out = append(out, line)
	}
	return out
}

type widthKey struct {
	family string
	size   float64
	text   string
}

// measure is the width of s in the current font, cached.
func (d *pdfDoc) measure(s string) float64 {
	key := widthKey{d.family, d.size, s}
	if w, ok := d.widths[key]; ok {
		return w
	}
	w, err := d.pdf.MeasureTextWidth(s)
	if err != nil {
		w = float64(len([]rune(s))) * d.size * 0.5
	}
	d.widths[key] = w
	return w
}

// cut splits s where it first overflows width.
func (d *pdfDoc) cut(s string, width float64) (string, string) {
	r := []rune(s)
	n := 1
	for n < len(r) && d.measure(string(r[:n+1])) <= width {
		n++
	}
	return string(r[:n]), string(r[n:])
}

// fits tells whether h more points fit on the current page.
func (d *pdfDoc) fits(h float64) bool { return d.y+h <= d.bottom() }

// ensure starts a new page unless h more points fit on this one.
func (d *pdfDoc) ensure(h float64) {
	if !d.fits(h) {
		d.newPage()
	}
}

// text writes wrapped text at x (relative to the left margin) in width,
// breaking pages between lines.
func (d *pdfDoc) text(x, width float64, text string) {
	for _, line := range d.wrap(text, width) {
		d.ensure(d.lineHeight())
		d.pdf.SetXY(d.m.left+x, d.y)
		_ = d.pdf.Cell(nil, line)
		d.y += d.lineHeight()
	}
}

// centered writes one line centred across the text width.
func (d *pdfDoc) centered(text string) {
	for _, line := range d.wrap(text, d.width()) {
		w, _ := d.pdf.MeasureTextWidth(line)
		d.ensure(d.lineHeight())
		d.pdf.SetXY(d.m.left+(d.width()-w)/2, d.y)
		_ = d.pdf.Cell(nil, line)
		d.y += d.lineHeight()
	}
}

// stampPages writes "page x of y" (as label formats it) at the foot of
// every page, once all pages exist.
func (d *pdfDoc) stampPages(label func(page, total int) string) {
	total := d.pdf.GetNumberOfPages()
	for p := 1; p <= total; p++ {
		_ = d.pdf.SetPage(p)
		_ = d.pdf.SetFont(sans, "", 8)
		text := label(p, total)
		w, _ := d.pdf.MeasureTextWidth(text)
		d.pdf.SetXY(a4.W-d.m.right-w, a4.H-d.m.bottom/2)
		_ = d.pdf.Cell(nil, text)
	}
}

// page is the number of the page being written.
func (d *pdfDoc) page() int { return d.pdf.GetNumberOfPages() }

// finish writes the document, failing in strict mode if a glyph was missing.
func (d *pdfDoc) finish(w io.Writer) error {
	if len(d.missing) > 0 && d.strict {
		var rs []string
		for r := range d.missing {
			rs = append(rs, fmt.Sprintf("%q U+%04X", r, r))
		}
		return fmt.Errorf("%w: %s", ErrMissingGlyph, strings.Join(rs, ", "))
	}
	if err := d.pdf.Write(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

func pdfInfo(title string, o Options) gopdf.PdfInfo {
	return gopdf.PdfInfo{Title: title, Subject: o.Community, Creator: "Spilno", Producer: "Spilno", CreationDate: o.Now}
}
