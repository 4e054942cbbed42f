package reports

import (
	"archive/zip"
	"bytes"
	"io"
	"spilno/internal/readback"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// zipPart is one part of a workbook, as text.
func zipPart(t *testing.T, xlsx []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	r, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, _ := io.ReadAll(r)
	return string(b)
}

// wellMade checks what every streamed sheet's readers rely on: filter
// buttons over the rows (a sheet autofilter, which LibreOffice shows), the
// used range declared, printing set up with the title on each page, the
// header row repeated, no empty text cells, and the document's properties.
func wellMade(t *testing.T, xlsx []byte, rangeRef, title, creator, lang string) {
	t.Helper()
	sheet := strings.ReplaceAll(zipPart(t, xlsx, "xl/worksheets/sheet1.xml"), "$", "") // absolute or not, the same range
	for _, want := range []string{`<dimension ref="` + rangeRef + `"`, `<autoFilter ref="` + rangeRef + `"`,
		`orientation="landscape"`, `fitToWidth="1"`, `fitToHeight="0"`, `<pageSetUpPr fitToPage="true"`, "&amp;C&amp;B" + title} {
		if !strings.Contains(sheet, want) {
			t.Errorf("the sheet lacks %s", want)
		}
	}
	for _, unwanted := range []string{"<is><t></t></is>", `<v></v>`, "tablePart"} {
		if strings.Contains(sheet, unwanted) {
			t.Errorf("the sheet has %s", unwanted)
		}
	}
	book := zipPart(t, xlsx, "xl/workbook.xml")
	for _, want := range []string{"_xlnm.Print_Titles", "$1:$1", "_xlnm._FilterDatabase"} {
		if !strings.Contains(book, want) {
			t.Errorf("the workbook lacks %s", want)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props, err := f.GetDocProps()
	if err != nil || props.Title != strings.SplitN(title, " — ", 2)[0] || props.Creator != creator || props.Language != lang ||
		!strings.HasPrefix(props.Created, "2026-") {
		t.Errorf("document properties %+v (%v)", props, err)
	}
}

func TestARowContinuedOnANewPageRepeatsItsNumber(t *testing.T) {
	d, err := newPDF(margins{top: 50, right: 50, bottom: 50, left: 50}, Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	d.setFont(serif, 10)
	d.newPage()
	long := strings.Repeat("Рядок дії, що не вміщується на одній сторінці. ", 200)
	d.table([]pdfColumn{{title: "№", width: 40}, {title: "Номер", width: 90}, {title: "Дія", width: d.width() - 130}},
		[][]pdfCell{{{text: "77"}, {text: "2026/000077"}, {text: long}}}, 10)
	var buf bytes.Buffer
	if err := d.finish(&buf); err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(readback.PDFBytesText(t, buf.Bytes()), "\f"), "\f")
	if len(pages) < 2 {
		t.Fatalf("%d pages", len(pages))
	}
	for i, page := range pages[1:] {
		if !strings.Contains(page, "77") || !strings.Contains(page, "2026/000077") {
			t.Errorf("page %d continues the row without its number", i+2)
		}
	}
}

func TestAnIndentedParagraphRunsToTheMarginAfterItsFirstLine(t *testing.T) {
	d, err := newPDF(margins{top: 50, right: 50, bottom: 50, left: 50}, Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	d.newPage()
	d.setFont(serif, 12)
	para := strings.Repeat("Учасники взаємодії діють у межах своїх повноважень. ", 8)
	lines := d.wrapIndented(para, 40)
	if len(lines) < 3 || strings.Join(lines, " ") != strings.Join(strings.Fields(para), " ") {
		t.Fatalf("lines %q", lines)
	}
	if d.measure(lines[0]) > d.width()-40 {
		t.Error("the first line runs into the indent")
	}
	if d.measure(lines[1]) <= d.width()-40 {
		t.Errorf("the second line (%.0f pt) stops short at the first line's width (%.0f pt)", d.measure(lines[1]), d.width()-40)
	}
}
