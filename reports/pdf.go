// Package reports turns domain values into XLSX and PDF documents. It
// imports no Fyne: the window and the headless commands share it.
package reports

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // coats of arms
	_ "image/png"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/signintech/gopdf"

	"spilno/assets"
	"spilno/data"
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
	paper   gopdf.Rect           // A4, upright or, for wide lists, landscape
	mark    string               // printed at the top right of every page ("ПРОЄКТ")
	// groupHeading is repeated, marked continued, above a table's header
	// on the pages the table runs onto.
	groupHeading, continued string
	password                string // encrypts the document when set
	lang                    string // the document's language, for its catalog
	err                     error  // the first failure of a drawing call; finish reports it
}

var a4 = gopdf.PageSizeA4

func init() {
	// pdfcpu would otherwise write a configuration folder into the
	// user's profile the first time it encrypts.
	model.ConfigPath = "disable"
}

func newPDF(m margins, o Options) (*pdfDoc, error) {
	d := &pdfDoc{m: m, missing: map[rune]bool{}, strict: o.Strict, widths: map[widthKey]float64{}, paper: *a4}
	d.password, d.lang = o.Password, o.Lang
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

func (d *pdfDoc) width() float64  { return d.paper.W - d.m.left - d.m.right }
func (d *pdfDoc) bottom() float64 { return d.paper.H - d.m.bottom }

// landscape turns the pages written from now on sideways.
func (d *pdfDoc) landscape() { d.paper = gopdf.Rect{W: a4.H, H: a4.W} }

// check keeps the first error of the drawing calls, so that a document
// that failed half-way is reported by finish rather than written.
func (d *pdfDoc) check(err error) {
	if err != nil && d.err == nil {
		d.err = err
	}
}

func (d *pdfDoc) setFont(family string, size float64) {
	d.family, d.size = family, size
	d.check(d.pdf.SetFont(family, "", size))
}

// cellAt writes one line of text with its top left corner at x, y. After
// a failure nothing more is drawn: gopdf may panic on a half-set state.
func (d *pdfDoc) cellAt(x, y float64, text string) {
	if d.err != nil {
		return
	}
	d.pdf.SetXY(x, y)
	d.check(d.pdf.Cell(nil, text))
}

func (d *pdfDoc) newPage() {
	paper := d.paper
	d.pdf.AddPageWithOption(gopdf.PageOption{PageSize: &paper})
	d.y = d.m.top
	if d.mark != "" {
		d.setFont(sansBold, 12)
		d.pdf.SetTextColor(170, 30, 30)
		d.cellAt(d.paper.W-d.m.right-d.measure(d.mark), d.m.top/2-4, d.mark)
		d.pdf.SetTextColor(0, 0, 0)
	}
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
	if d.err != nil {
		return 0
	}
	w, err := d.pdf.MeasureTextWidth(s)
	d.check(err)
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
		d.cellAt(d.m.left+x, d.y, line)
		d.y += d.lineHeight()
	}
}

// centered writes one line centred across the text width.
func (d *pdfDoc) centered(text string) {
	for _, line := range d.wrap(text, d.width()) {
		d.ensure(d.lineHeight())
		d.cellAt(d.m.left+(d.width()-d.measure(line))/2, d.y, line)
		d.y += d.lineHeight()
	}
}

// numberPages writes "page x of y" at the foot of every page, once all
// pages exist: every PDF Spilno writes is numbered so.
func (d *pdfDoc) numberPages(o Options) {
	total := d.pdf.GetNumberOfPages()
	d.setFont(sans, 8)
	for p := 1; p <= total; p++ {
		d.check(d.pdf.SetPage(p))
		d.check(d.pdf.SetFont(sans, "", 8)) // a page keeps its own font
		text := o.t("report.page_of", "page", strconv.Itoa(p), "total", strconv.Itoa(total))
		d.cellAt(d.paper.W-d.m.right-d.measure(text), d.paper.H-d.m.bottom/2, text)
	}
}

// numberPagesAtTop writes the bare page number at the top centre from the
// second page on, as ДСТУ 4163:2020 places it on an act's pages.
func (d *pdfDoc) numberPagesAtTop() {
	for p := 2; p <= d.pdf.GetNumberOfPages(); p++ {
		d.check(d.pdf.SetPage(p))
		d.check(d.pdf.SetFont(serif, "", 12)) // a page keeps its own font
		d.size = 12
		text := strconv.Itoa(p)
		d.cellAt(d.m.left+(d.width()-d.measure(text))/2, d.m.top/2, text)
	}
}

// page is the number of the page being written.
func (d *pdfDoc) page() int { return d.pdf.GetNumberOfPages() }

// finish writes the document, failing in strict mode if a glyph was missing.
func (d *pdfDoc) finish(w io.Writer) error {
	if d.err != nil {
		return fmt.Errorf("draw pdf: %w", d.err)
	}
	if len(d.missing) > 0 && d.strict {
		var rs []string
		for r := range d.missing {
			rs = append(rs, fmt.Sprintf("%q U+%04X", r, r))
		}
		return fmt.Errorf("%w: %s", ErrMissingGlyph, strings.Join(rs, ", "))
	}
	var plain bytes.Buffer
	if err := d.pdf.Write(&plain); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	pdf, err := withLanguage(plain.Bytes(), d.lang)
	if err != nil {
		return err
	}
	if d.password != "" {
		return d.writeEncrypted(w, pdf)
	}
	if _, err := w.Write(pdf); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// writeEncrypted writes the document encrypted with AES-256 (PDF 2.0's
// standard security handler) by pdfcpu: gopdf's own protection is the
// 40-bit RC4 of PDF 1.3, which protects nothing. Printing and copying text
// stay allowed to whoever has the password.
func (d *pdfDoc) writeEncrypted(w io.Writer, plain []byte) error {
	conf := model.NewAESConfiguration(d.password, d.password, 256)
	if err := api.Encrypt(bytes.NewReader(plain), w, conf); err != nil {
		return fmt.Errorf("encrypt pdf: %w", err)
	}
	return nil
}

func pdfInfo(title string, o Options) gopdf.PdfInfo {
	return gopdf.PdfInfo{Title: title, Author: o.Community, Subject: o.Community, Creator: "Spilno", Producer: "Spilno", CreationDate: o.Now}
}

// pdfColumn is one column of a table: a header and a width in points.
type pdfColumn struct {
	title string
	width float64
	right bool // numbers, flush right
}

// pdfCell is one cell: its text and whether the first line is bold (a
// step's title above its action, say); or, for a wording compared with
// another, its marked pieces (added bold, removed struck through).
type pdfCell struct {
	text      string
	boldFirst bool
	marked    []data.WordChange
}

const cellPad = 3.0

// table draws rows under a header row that is repeated on every page the
// table runs onto; long cells wrap, and a row too tall for the rest of a
// page continues on the next.
func (d *pdfDoc) table(cols []pdfColumn, rows [][]pdfCell, size float64) {
	d.tableHeader(cols, size)
	for _, row := range rows {
		d.tableRow(cols, row, size)
	}
	d.setFont(serif, size)
}

// tableHeader draws the header row, kept with two lines of the table.
func (d *pdfDoc) tableHeader(cols []pdfColumn, size float64) {
	d.setFont(serifBold, size)
	lines := make([][]string, len(cols))
	height := 0.0
	for i, c := range cols {
		lines[i] = d.wrap(c.title, c.width-2*cellPad)
		height = max(height, float64(len(lines[i]))*d.lineHeight()+2*cellPad)
	}
	d.ensure(height + d.lineHeight()*2)
	x := d.m.left
	for i, c := range cols {
		d.pdf.SetFillColor(230, 230, 230)
		d.pdf.RectFromUpperLeftWithStyle(x, d.y, c.width, height, "FD")
		d.pdf.SetFillColor(0, 0, 0) // gopdf draws text in the fill colour
		for j, l := range lines[i] {
			d.cellAt(x+(c.width-d.measure(l))/2, d.y+cellPad+float64(j)*d.lineHeight(), l)
		}
		x += c.width
	}
	d.y += height
}

// cellLine is one wrapped line of a table cell: plain text, or runs of
// marked wording.
type cellLine struct {
	text string
	bold bool
	runs []data.WordChange
}

// wrapRow wraps every cell of a row to its column, remembering which
// lines are bold.
func (d *pdfDoc) wrapRow(cols []pdfColumn, row []pdfCell, size float64) [][]cellLine {
	cells := make([][]cellLine, len(cols))
	for i, c := range cols {
		if i >= len(row) {
			continue
		}
		if row[i].marked != nil {
			cells[i] = d.wrapMarked(row[i].marked, c.width-2*cellPad, size)
			continue
		}
		for k, para := range strings.Split(row[i].text, "\n") {
			bold := k == 0 && row[i].boldFirst
			d.setFont(serif, size)
			if bold {
				d.setFont(serifBold, size)
			}
			for _, l := range d.wrap(para, c.width-2*cellPad) {
				cells[i] = append(cells[i], cellLine{text: l, bold: bold})
			}
		}
	}
	return cells
}

// repeatedCells is how many first cells of a row a continued part repeats.
const repeatedCells = 2

// tableRow draws one row, page by page: at least two of its lines stay
// together, and the header is repeated on the page it continues on.
func (d *pdfDoc) tableRow(cols []pdfColumn, row []pdfCell, size float64) {
	cells := d.wrapRow(cols, row, size)
	d.setFont(serif, size)
	lh := d.lineHeight()
	next := make([]int, len(cols)) // the first line of each cell not yet drawn
	for started := false; ; started = true {
		remaining := 0
		for i := range cols {
			remaining = max(remaining, len(cells[i])-next[i])
		}
		if remaining == 0 {
			return
		}
		room := int((d.bottom() - d.y - 2*cellPad) / lh)
		// A row of up to a third of a page goes whole to the next page; only
		// a taller one (a long protocol step) is split where the page ends.
		short := !started && float64(remaining)*lh*3 <= d.bottom()-d.m.top
		if room < min(remaining, 2) || short && room < remaining {
			d.continueTable(cols, size)
			continue
		}
		n := min(room, remaining)
		height := float64(n)*lh + 2*cellPad
		x := d.m.left
		for i, c := range cols {
			d.pdf.RectFromUpperLeftWithStyle(x, d.y, c.width, height, "D")
			lines := cells[i][next[i]:]
			if started && len(lines) == 0 && i < repeatedCells && len(cells[i]) > 0 {
				// A row continued on a new page says whose it is: its number again.
				lines = cells[i][:1]
			}
			for j := 0; j < n && j < len(lines); j++ {
				l := lines[j]
				if l.runs != nil {
					d.drawMarked(x+cellPad, d.y+cellPad+float64(j)*lh, l.runs, size)
					continue
				}
				d.setFont(serif, size)
				if l.bold {
					d.setFont(serifBold, size)
				}
				at := x + cellPad
				if c.right {
					at = x + c.width - cellPad - d.measure(l.text)
				}
				d.cellAt(at, d.y+cellPad+float64(j)*lh, l.text)
			}
			next[i] = min(len(cells[i]), next[i]+n)
			x += c.width
		}
		d.y += height
		if n < remaining {
			d.continueTable(cols, size)
		}
	}
}

// continueTable goes on with a table on a new page: the group heading it
// was under (a situation in the comparison table), then its header row.
func (d *pdfDoc) continueTable(cols []pdfColumn, size float64) {
	d.newPage()
	if d.groupHeading != "" {
		d.spanRow(d.groupHeading+" "+d.continued, size+1)
	}
	d.tableHeader(cols, size)
}

// markFont is the font of a marked piece: added wording is bold.
func (d *pdfDoc) markFont(m data.WordMark, size float64) {
	if m == data.WordAdded {
		d.setFont(serifBold, size)
	} else {
		d.setFont(serif, size)
	}
}

// wrapMarked wraps marked wording to width, a word at a time in the font
// of its mark; the user's line breaks are kept.
func (d *pdfDoc) wrapMarked(pieces []data.WordChange, width, size float64) []cellLine {
	var lines []cellLine
	var line []data.WordChange
	x := 0.0
	breakLine := func() {
		lines = append(lines, cellLine{runs: line})
		line, x = []data.WordChange{}, 0
	}
	for _, p := range pieces {
		d.markFont(p.Mark, size)
		for _, word := range markedWords.FindAllString(p.Text, -1) {
			if strings.TrimSpace(word) != "" && x > 0 && x+d.measure(strings.TrimRight(word, " \t\n")) > width {
				breakLine()
			}
			if x == 0 {
				word = strings.TrimLeft(word, " \t")
			}
			text := strings.TrimRight(word, "\n")
			if n := len(line); n > 0 && line[n-1].Mark == p.Mark {
				line[n-1].Text += text
			} else if text != "" {
				line = append(line, data.WordChange{Text: text, Mark: p.Mark})
			}
			x += d.measure(text)
			if strings.Contains(word, "\n") {
				breakLine()
			}
		}
	}
	if len(line) > 0 {
		lines = append(lines, cellLine{runs: line})
	}
	return lines
}

// markedWords splits wording into words, each with the spaces after it.
var markedWords = regexp.MustCompile(`\S+[ \t]*\n?|[ \t]*\n|[ \t]+`)

// drawMarked draws a line of marked runs from x, y: added runs bold,
// removed ones struck through, so that the change is seen without colour.
func (d *pdfDoc) drawMarked(x, y float64, runs []data.WordChange, size float64) {
	for _, r := range runs {
		d.markFont(r.Mark, size)
		d.cellAt(x, y, r.Text)
		w := d.measure(r.Text)
		if r.Mark == data.WordRemoved {
			struck := d.measure(strings.TrimRight(r.Text, " \t"))
			d.pdf.SetLineWidth(0.6)
			d.pdf.Line(x, y+size*0.55, x+struck, y+size*0.55)
			d.pdf.SetLineWidth(1) // gopdf's width, which the table's borders are drawn in
		}
		x += w
	}
}

// spanRow draws one bold row across the whole table width (a group heading
// inside a table), kept with at least two lines after it.
func (d *pdfDoc) spanRow(text string, size float64) {
	d.setFont(serifBold, size)
	lines := d.wrap(text, d.width()-2*cellPad)
	height := float64(len(lines))*d.lineHeight() + 2*cellPad
	d.ensure(height + 3*d.lineHeight())
	d.pdf.SetFillColor(245, 245, 245)
	d.pdf.RectFromUpperLeftWithStyle(d.m.left, d.y, d.width(), height, "FD")
	d.pdf.SetFillColor(0, 0, 0)
	for j, l := range lines {
		d.cellAt(d.m.left+cellPad, d.y+cellPad+float64(j)*d.lineHeight(), l)
	}
	d.y += height
}

// rightBlock writes lines flush to a column at the right of the page (the
// approval block of an organisational document).
func (d *pdfDoc) rightBlock(lines []string, width float64) {
	x := d.m.left + d.width() - width
	for _, l := range lines {
		for _, w := range d.wrap(l, width) {
			d.cellAt(x, d.y, w)
			d.y += d.lineHeight()
		}
	}
}

// paragraph writes a text with a first-line indent, paragraph by paragraph.
func (d *pdfDoc) paragraph(text string, indent float64) {
	for _, para := range strings.Split(text, "\n") {
		lines := d.wrapIndented(para, indent)
		for i, l := range lines {
			// No single line of a paragraph at the foot of a page.
			if i == 0 && len(lines) > 1 && !d.fits(2*d.lineHeight()) {
				d.newPage()
			}
			d.ensure(d.lineHeight())
			x, width := d.m.left, d.width()
			if i == 0 {
				x, width = x+indent, width-indent
			}
			if i < len(lines)-1 {
				d.justified(x, width, l)
			} else {
				d.cellAt(x, d.y, l)
			}
			d.y += d.lineHeight()
		}
	}
}

// wrapIndented wraps a paragraph whose first line is indented: only the
// first line is the shorter, the others run to the margin.
func (d *pdfDoc) wrapIndented(para string, indent float64) []string {
	first := d.wrap(para, d.width()-indent)
	if len(first) < 2 {
		return first
	}
	words := strings.Fields(para)
	rest := strings.Join(words[len(strings.Fields(first[0])):], " ")
	return append(first[:1], d.wrap(rest, d.width())...)
}

// justified draws a line of words spread to fill width, as documents set
// their text; a line of one word stays where it starts.
func (d *pdfDoc) justified(x, width float64, line string) {
	words := strings.Fields(line)
	used := 0.0
	for _, w := range words {
		used += d.measure(w)
	}
	if len(words) < 2 || used >= width {
		d.cellAt(x, d.y, line)
		return
	}
	gap := (width - used) / float64(len(words)-1)
	if gap > 4*d.measure(" ") { // a line far too short to spread stays as it is
		d.cellAt(x, d.y, line)
		return
	}
	for _, w := range words {
		d.cellAt(x, d.y, w)
		x += d.measure(w) + gap
	}
}

// communityLetterhead draws the community's coat of arms (12×17 mm, as
// ДСТУ 4163 places it, centred) and its parent bodies in capitals, one
// centred line each.
func (d *pdfDoc) communityLetterhead(l data.Letterhead) {
	if len(l.CoatOfArms) > 0 {
		d.coatOfArms(l.CoatOfArms)
	}
	d.setFont(serifBold, 12)
	for _, line := range strings.Split(strings.TrimSpace(l.ParentBody), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			d.centered(strings.ToUpper(line))
		}
	}
}

// coatOfArms draws the image in a 12×17 mm box, its proportions kept.
// It is drawn from its pixels at 8 bits a channel: gopdf refuses the
// 16-bit PNGs image editors often save.
func (d *pdfDoc) coatOfArms(img []byte) {
	decoded, _, err := image.Decode(bytes.NewReader(img))
	if err != nil {
		d.check(fmt.Errorf("coat of arms: %w", err))
		return
	}
	b := decoded.Bounds()
	if b.Empty() {
		return
	}
	pixels := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(pixels, pixels.Bounds(), decoded, b.Min, draw.Src)
	w, h := mm(12), mm(17)
	if r := float64(b.Dx()) / float64(b.Dy()); r > w/h {
		h = w / r
	} else {
		w = h * r
	}
	d.check(d.pdf.ImageFrom(pixels, d.m.left+(d.width()-w)/2, d.y, &gopdf.Rect{W: w, H: h}))
	d.y += h + mm(2)
}
