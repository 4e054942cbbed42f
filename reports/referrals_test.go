package reports

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"spilno/data"
	"spilno/internal/readback"
)

func sampleReferral(status data.ReferralStatus, due time.Time) data.Referral {
	return data.Referral{ID: 1, Number: "2026/000042", CaseNumber: "СП-2026-000017", CaseID: 1, FromName: "Вишнівський ліцей № 1",
		ToName: "Центр надання соціальних послуг", SituationName: "Сім'я з дітьми у складних життєвих обставинах",
		Urgency: data.UrgencyRoutine, Reason: "Родина без годувальника; ґрунтовна оцінка потреб потрібна терміново",
		Status: status, SentAt: "2026-11-20T09:00:00Z", DueAt: due.UTC().Format(time.RFC3339), ServiceName: "Соціальний супровід сімей з дітьми",
		FromPerson: "Марія Поліщук"}
}

func TestReferralLetterShowsOnlyTheTickedCaseDetails(t *testing.T) {
	birth := 2014
	r := sampleReferral(data.RefSent, now.Add(48*time.Hour))
	r.OutgoingNumber, r.OutgoingDate = "01-12/345", "2026-11-21"
	l := Letter{
		Referral: r,
		Case:     data.Case{Number: "СП-2026-000017", Subject: "Т. Г.", BirthYear: &birth, Settlement: "с. Лісове", FactorNames: []string{"Бідність"}},
		From: data.Organization{Name: "Вишнівський ліцей № 1", Address: "вул. Лесі Українки, 8", Phone: "+380 3342 2-20-15",
			HeadName: "Галина Романюк", HeadPosition: "директорка", RegistryID: "26012345"},
		To:       data.Organization{Name: "Центр надання соціальних послуг", HeadName: "Оксана Мельник", HeadPosition: "Директорці"},
		Show:     LetterCase{Subject: true, Settlement: true},
		Deadline: "протягом 5 робочих днів з моменту надходження повідомлення",
	}
	var buf bytes.Buffer
	if err := ReferralLetterPDF(context.Background(), &buf, l, Options{Lang: "uk", Now: now, Strict: true, Country: data.CountryUA}); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{"ВИШНІВСЬКИЙ ЛІЦЕЙ № 1", "Вих. № 01-12/345 від 21.11.2026", "Направлення № 2026/000042 від 20.11.2026", "Директорці Центр надання",
		"НАПРАВЛЕННЯ", "СП-2026-000017", "Т. Г.", "с. Лісове", "ґрунтовна оцінка", "протягом 5 робочих днів", "Галина РОМАНЮК", "Директорка", "Код ЄДРПОУ 26012345", "до Вас", "Виконавець: Марія Поліщук, +380 3342 2-20-15",
		"Виконавець: Марія Поліщук", "Сторінка 1 з 1", "КОНФІДЕНЦІЙНО"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q", want)
		}
	}
	for _, unwanted := range []string{"2014", "Бідність"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the letter shows %q, which was not ticked", unwanted)
		}
	}
}

// A letter to a contact person begins with that person's own addressee
// text; without an outgoing number the line waits for the hand.
func TestLetterToAContactPersonLeavesTheOutgoingNumberBlank(t *testing.T) {
	r := sampleReferral(data.RefSent, now.Add(48*time.Hour))
	r.ToPerson = "олена коваль"
	to := data.Organization{Name: "Centrum sociálních služeb", HeadName: "Jana Dvořáková", LetterAddressee: "Paní\nMgr. Janě Dvořákové",
		Contacts: []data.Contact{{Name: "Petr Malý"}, {Name: "Олена Коваль", LetterAddressee: "Paní\nOleně Koval\nsociální pracovnici"}}}
	l := Letter{Referral: r, From: data.Organization{Name: "Obec Lhota"}, To: to}
	var buf bytes.Buffer
	if err := ReferralLetterPDF(context.Background(), &buf, l, Options{Lang: "cs", Now: now, Strict: true, Country: data.CountryCZ}); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{"Č. j. __________ ze dne ______________", "Doporučení č. 2026/000042 ze dne 20. 11. 2026", "Oleně Koval", "sociální pracovnici"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q in\n%s", want, text)
		}
	}
	for _, unwanted := range []string{"Dvořákové", "k rukám"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the letter to a contact person shows %q", unwanted)
		}
	}
}

func TestRegisterAndOverdueListReadBack(t *testing.T) {
	overdue := sampleReferral(data.RefReceived, now.Add(-72*time.Hour))
	fresh := sampleReferral(data.RefAccepted, now.Add(96*time.Hour))
	fresh.Number = "2026/000043"
	closed := sampleReferral(data.RefClosed, time.Time{})
	closed.Number, closed.DueAt, closed.ClosedAt = "2026/000044", "", "2026-11-21T10:00:00Z"
	overdue.OutgoingNumber, overdue.OutgoingDate = "OPS.4010.15.2026", "2026-11-19"
	var buf bytes.Buffer
	o := Options{Lang: "pl", Now: now, Strict: true, Community: "Gmina Żółkiewka"}
	if err := RegisterXLSX(context.Background(), &buf, Slice[data.Referral]{overdue, fresh, closed}, o); err != nil {
		t.Fatal(err)
	}
	xlsx := buf.Bytes()
	columnsAscend(t, xlsx)
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Skierowania")
	if len(rows) != 4 || rows[0][0] != "Numer" || rows[1][6] != "Odebrane" || rows[1][11] != "tak" || rows[2][11] != "nie" {
		t.Fatalf("register %v", rows)
	}
	days, _ := f.GetCellValue("Skierowania", "K2", excelize.Options{RawCellValue: true})
	if days != "-3" {
		t.Errorf("days left %q", days)
	}
	sent, _ := f.GetCellValue("Skierowania", "H2", excelize.Options{RawCellValue: true})
	if !strings.HasPrefix(sent, "46") { // a date-time serial, not text
		t.Errorf("sent cell %q", sent)
	}
	if rows[1][17] != "OPS.4010.15.2026" || rows[0][18] != "Data pisma" {
		t.Errorf("the sender's letter: %q under %q", rows[1][17:], rows[0][17:])
	}
	if letter, _ := f.GetCellValue("Skierowania", "S2", excelize.Options{RawCellValue: true}); letter != "46345" {
		t.Errorf("the letter's date is %q, not the serial of 19 Nov 2026", letter)
	}
	if panes, _ := f.GetPanes("Skierowania"); !panes.Freeze {
		t.Error("header not frozen")
	}
	wellMade(t, xlsx, "A1:S4", "Rejestr skierowań — Gmina Żółkiewka", "Gmina Żółkiewka", "pl")
	f.Close()
	buf.Reset()
	if err := OverduePDF(context.Background(), &buf, Slice[data.Referral]{overdue}, o); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{"Skierowania po terminie", "Gmina Żółkiewka", "2026/000042", "1 skierowanie po terminie", "Strona 1 z 2", "Zestawienie: skierowania po terminie według odbiorców"} {
		if !strings.Contains(text, want) {
			t.Errorf("the overdue list lacks %q", want)
		}
	}
}

// longList claims more rows than any printed list takes, and has none.
type longList struct{ Slice[data.Referral] }

func (longList) Len() int { return MaxPrintedRows + 1 }

func TestAListTooLongToPrintIsRefusedBeforeAnyPage(t *testing.T) {
	var buf bytes.Buffer
	err := OverduePDF(context.Background(), &buf, longList{}, Options{Lang: "uk", Now: now, Strict: true})
	var long TooLongToPrint
	if !errors.As(err, &long) || long.Rows != MaxPrintedRows+1 || buf.Len() != 0 {
		t.Fatalf("a list of %d rows: %v, %d bytes written", MaxPrintedRows+1, err, buf.Len())
	}
}

// columnsAscend checks that the first sheet lists its column widths in
// ascending order, as Excel requires of a file it opens without repair.
func columnsAscend(t *testing.T, xlsx []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	r, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sheet, _ := io.ReadAll(r)
	var last int
	for _, m := range regexp.MustCompile(`<col min="(\d+)"`).FindAllSubmatch(sheet, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		if n <= last {
			t.Fatalf("column %d comes after column %d", n, last)
		}
		last = n
	}
	if last == 0 {
		t.Fatal("the sheet has no column widths")
	}
}

// A row of a printed list stays on one page: one that does not fit below
// the last row starts the next page.
func TestAPrintedRowIsNeverSplitAcrossPages(t *testing.T) {
	var list Slice[data.Referral]
	for i := range 60 {
		r := sampleReferral(data.RefReceived, now.Add(-72*time.Hour))
		r.Number = fmt.Sprintf("2026/%06d", i+1)
		r.FromName = fmt.Sprintf("Організація з довгою назвою, яка в колонці переноситься на кілька рядків, кінець%02d", i+1)
		list = append(list, r)
	}
	var buf bytes.Buffer
	if err := OverduePDF(context.Background(), &buf, list, Options{Lang: "uk", Now: now, Strict: true}); err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(readback.PDFBytesText(t, buf.Bytes()), "\f")
	if len(pages) < 3 {
		t.Fatalf("%d pages: the rows do not reach a page's end", len(pages))
	}
	for i := range 60 {
		number, end := fmt.Sprintf("2026/%06d", i+1), fmt.Sprintf("кінець%02d", i+1)
		for p, page := range pages {
			if strings.Contains(page, number) != strings.Contains(page, end) {
				t.Fatalf("the row of %s is split: page %d has %v of its number and %v of its last line",
					number, p+1, strings.Contains(page, number), strings.Contains(page, end))
			}
		}
	}
}

// A document of personal data written with a password opens only with it:
// the register (an encrypted workbook) and the overdue list (an AES-256
// PDF).
func TestAPasswordProtectsTheRegisterAndTheOverdueList(t *testing.T) {
	list := Slice[data.Referral]{sampleReferral(data.RefReceived, now.Add(-72*time.Hour))}
	o := Options{Lang: "uk", Now: now, Strict: true, Password: "Вишнів-2026"}
	var book bytes.Buffer
	if err := RegisterXLSX(context.Background(), &book, list, o); err != nil {
		t.Fatal(err)
	}
	if f, err := excelize.OpenReader(bytes.NewReader(book.Bytes())); err == nil {
		rows, _ := f.GetRows(o.t("register.sheet"))
		t.Fatalf("the workbook opened without its password: %q", rows)
	}
	f, err := excelize.OpenReader(bytes.NewReader(book.Bytes()), excelize.Options{Password: o.Password})
	if err != nil {
		t.Fatalf("with its password: %v", err)
	}
	if rows, _ := f.GetRows(o.t("register.sheet")); len(rows) != 2 || rows[1][0] != "2026/000042" {
		t.Fatalf("with its password the register holds %q", rows)
	}
	var pdf bytes.Buffer
	if err := OverduePDF(context.Background(), &pdf, list, o); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "overdue.pdf")
	if err := os.WriteFile(path, pdf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftotext", path, "-").CombinedOutput(); err == nil {
		t.Fatalf("the PDF opened without its password: %s", out)
	}
	if text := readback.PDFText(t, path, "-upw", o.Password); !strings.Contains(text, "2026/000042") || !strings.Contains(text, "Прострочені направлення") {
		t.Fatalf("with its password the PDF reads:\n%s", text)
	}
	if info, _ := exec.Command("pdfinfo", "-upw", o.Password, path).Output(); !strings.Contains(string(info), "AES-256") {
		t.Errorf("the PDF is not AES-256 encrypted:\n%s", info)
	}
}

func TestTheOverdueListGroupsByRecipientWithCounts(t *testing.T) {
	var list Slice[data.Referral]
	for i, to := range []string{"Centrum Usług Społecznych", "Centrum Usług Społecznych", "Policja"} {
		r := sampleReferral(data.RefReceived, now.Add(-time.Duration(72+i)*time.Hour))
		r.Number, r.ToName = fmt.Sprintf("2026/00005%d", i), to
		list = append(list, r)
	}
	var buf bytes.Buffer
	o := Options{Lang: "pl", Now: now, Strict: true, Community: "Gmina Żółkiewka", Operator: "Anna Nowak"}
	if err := OverduePDF(context.Background(), &buf, list, o); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, buf.Bytes())), " ")
	for _, want := range []string{"Centrum Usług Społecznych: razem po terminie — 2", "Policja: razem po terminie — 1",
		"Przygotował(a): Anna Nowak, 23.11.2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("the overdue list lacks %q:\n%s", want, text)
		}
	}
	// The summary for the head: a row per recipient, counts per how long overdue, totals.
	for _, want := range []string{"ponad 90 dni", "Centrum Usług Społecznych 2 0 0 0 2", "Policja 1 0 0 0 1", "Razem 3 0 0 0 3"} {
		if !strings.Contains(text, want) {
			t.Errorf("the summary lacks %q", want)
		}
	}
	if strings.Index(text, "2026/000051") > strings.Index(text, "Policja:") {
		t.Error("a row of the first recipient comes after the second recipient's total")
	}
	path := filepath.Join(t.TempDir(), "o.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdfinfo", path).Output(); err != nil || !strings.Contains(string(out), "842 x 595 pts") {
		t.Errorf("not landscape A4: %s %v", out, err)
	}
}

func TestTheLetterAddressesTheHeadAsTheUserWroteIt(t *testing.T) {
	l := Letter{
		Referral: sampleReferral(data.RefSent, now.Add(48*time.Hour)),
		From:     data.Organization{Name: "Вишнівський ліцей № 1", HeadName: "Галина Романюк", HeadPosition: "директорка"},
		To: data.Organization{Name: "Служба у справах дітей", HeadName: "Наталія Бондар", HeadPosition: "начальниця служби",
			LetterAddressee: "Начальниці служби у справах дітей\nВишнівської міської ради\nНаталії БОНДАР"},
	}
	var buf bytes.Buffer
	if err := ReferralLetterPDF(context.Background(), &buf, l, Options{Lang: "uk", Now: now, Strict: true}); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{"Начальниці служби у справах дітей", "Вишнівської міської ради", "Наталії БОНДАР"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q", want)
		}
	}
	if strings.Contains(text, "начальниця служби Служба") {
		t.Error("the letter still writes the nominative position before the name")
	}
	if strings.Contains(text, "КОНФІДЕНЦІЙНО") {
		t.Error("a letter without the case's details is marked confidential")
	}
}

func TestNamesAreSignedAsActsSignThem(t *testing.T) {
	for in, want := range map[string]string{"Наталія Бондар": "Наталія БОНДАР", "Бондар Наталія Петрівна": "Наталія БОНДАР",
		"Anna": "Anna", "": "", "Jan Maria van Dijk": "Jan Maria van Dijk"} {
		if got := data.SignatureName(in); got != want {
			t.Errorf("%q signs as %q, want %q", in, got, want)
		}
	}
}
