package office

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"spilno/data"
	"spilno/demo"
	"spilno/i18n"
	"spilno/internal/readback"
	"spilno/reports"
)

func demoStore(t *testing.T) *data.Store {
	t.Helper()
	st, err := data.Open(filepath.Join(t.TempDir(), "demo.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := demo.WriteWith(context.Background(), st, 40); err != nil {
		t.Fatal(err)
	}
	return st
}

// A cancelled or failed export leaves the file the user chose as it was,
// and no half-written file beside it.
func TestAnExportThatDoesNotFinishLeavesTheOldFile(t *testing.T) {
	st := demoStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "перелік.pdf")
	if err := os.WriteFile(path, []byte("last year's list"), 0o644); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for name, err := range map[string]error{
		"cancelled":      ExportCatalogue(cancelled, st, data.ServiceFilter{}, "pdf", Document{Path: path, Lang: "uk"}),
		"unknown format": ExportCatalogue(context.Background(), st, data.ServiceFilter{}, "docx", Document{Path: path, Lang: "uk"}),
		"no version":     ExportProtocol(context.Background(), st, 99, "pdf", Document{Path: path, Lang: "uk"}),
	} {
		t.Run(name, func(t *testing.T) {
			if err == nil {
				t.Fatal("no error")
			}
			if got, _ := os.ReadFile(path); string(got) != "last year's list" {
				t.Fatalf("the old file became %d bytes", len(got))
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Fatalf("left in the folder: %v", entries)
			}
		})
	}
}

func TestExportsReadBackInEveryLanguage(t *testing.T) {
	st := demoStore(t)
	dir := t.TempDir()
	for _, c := range []struct{ lang, sheet, header, title string }{
		{"uk", "Направлення", "Номер", "Перелік соціальних послуг"},
		{"cs", "Doporučení", "Číslo", "Seznam sociálních služeb"},
		{"pl", "Skierowania", "Numer", "Wykaz usług społecznych"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			register := filepath.Join(dir, c.lang+".xlsx")
			if err := ExportRegister(context.Background(), st, data.ReferralFilter{}, Document{Path: register, Lang: c.lang}); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(register)
			if err != nil {
				t.Fatal(err)
			}
			rows, _ := f.GetRows(c.sheet)
			f.Close()
			if len(rows) != 41 || rows[0][0] != c.header {
				t.Fatalf("register: %d rows, header %v", len(rows), rows[0])
			}
			booklet := filepath.Join(dir, c.lang+".pdf")
			var reported int
			doc := Document{Path: booklet, Lang: c.lang, Progress: func(done, total int) { reported = done }}
			if err := ExportCatalogue(context.Background(), st, data.ServiceFilter{}, "pdf", doc); err != nil {
				t.Fatal(err)
			}
			if text := readback.PDFText(t, booklet); !strings.Contains(strings.ToLower(text), strings.ToLower(c.title)) {
				t.Fatalf("booklet:\n%.400s", text)
			}
			all, _ := st.Services(context.Background(), data.ServiceFilter{})
			provided := slices.DeleteFunc(slices.Clone(all), func(s data.Service) bool { return !s.Provided() })
			if reported != len(provided) || len(provided) == 60 {
				t.Fatalf("progress reported %d services; the booklet lists the %d provided ones of 60", reported, len(provided))
			}
			// The public list names no service that is no longer provided.
			text := readback.PDFText(t, booklet)
			for _, s := range all {
				if !s.Provided() && strings.Contains(text, s.Name) {
					t.Errorf("the booklet lists %q, which is %s", s.Name, s.Status)
				}
			}
		})
	}
}

func TestTheLetterCarriesTheDeadlineOfTheProtocol(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	p, err := st.ProtocolInForce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	orgs, _ := st.Organizations(ctx, "")
	c := data.Case{Subject: "О. К."}
	if err := st.SaveCase(ctx, &c); err != nil {
		t.Fatal(err)
	}
	r := data.Referral{CaseID: c.ID, FromOrg: orgs[0].ID, ToOrg: orgs[1].ID, SituationKey: p.Situations[2].Key,
		Urgency: data.UrgencyRoutine, Reason: "пропуски уроків"}
	if err := st.SaveReferral(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MoveReferral(ctx, r.ID, data.Move{To: data.RefSent}); err != nil {
		t.Fatal(err)
	}
	l, err := Letter(ctx, st, r.ID, reports.LetterCase{Subject: true}, "uk")
	if err != nil {
		t.Fatal(err)
	}
	// The words of the report step, then its date while the referral is open.
	if !strings.HasPrefix(l.Deadline, "протягом 1 робочого дня") || !strings.Contains(l.Deadline, "(") {
		t.Fatalf("deadline %q", l.Deadline)
	}
}

// Every export of personal data is in the audit log: which document, how
// many records, which personal fields, the file, when and by whom.
func TestExportsOfPersonalDataAreAudited(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	dir := t.TempDir()
	if err := ExportRegister(ctx, st, data.ReferralFilter{}, Document{Path: filepath.Join(dir, "r.xlsx"), Lang: "uk"}); err != nil {
		t.Fatal(err)
	}
	all, _ := st.CountReferrals(ctx, data.ReferralFilter{})
	refs, _ := st.Referrals(ctx, data.ReferralFilter{Limit: 1})
	show := reports.LetterCase{Subject: true, Factors: true}
	outgoing := data.LetterOutgoing{Number: "01-12/777", Date: "2026-11-24"}
	if err := ExportReferralLetter(ctx, st, refs[0].ID, show, &outgoing, Document{Path: filepath.Join(dir, "l.pdf"), Lang: "uk"}); err != nil {
		t.Fatal(err)
	}
	if found, err := st.Referrals(ctx, data.ReferralFilter{Query: "01-12/777"}); err != nil || len(found) != 1 || found[0].OutgoingDate != "2026-11-24" {
		t.Errorf("the letter's outgoing number is not kept and found with its referral: %+v %v", found, err)
	}
	log, err := st.AuditLog(ctx, "export", 10)
	if err != nil || len(log) != 2 {
		t.Fatalf("audit %+v %v", log, err)
	}
	set, _ := st.Settings(ctx)
	letter, register := log[0], log[1]
	if got := reports.AuditSummary("uk", register.Summary); register.EntityID != "register" || !strings.HasPrefix(got, fmt.Sprintf("записів: %s;", i18n.FormatIntIn("uk", all))) ||
		!strings.Contains(got, "Номер випадку") || !strings.Contains(got, "r.xlsx") || register.Operator != set.Operator || register.At == "" {
		t.Errorf("register export audited as %+v", register)
	}
	if got := reports.AuditSummary("en", letter.Summary); letter.EntityID != "letter" || !strings.Contains(got, "Vulnerability factors") ||
		!strings.Contains(got, "Family or child") || strings.Contains(got, "Year of birth") {
		t.Errorf("letter export audited as %+v", letter)
	}
}

// An export that cannot be recorded in the audit log is not kept.
func TestAnExportThatCannotBeAuditedIsRemoved(t *testing.T) {
	st := unaudited{demoStore(t)}
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := ExportRegister(context.Background(), st, data.ReferralFilter{}, Document{Path: path, Lang: "uk"}); err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the unaudited export was kept")
	}
}

type unaudited struct{ *data.Store }

func (unaudited) RecordExport(context.Context, data.ExportRecord) error {
	return &data.Error{Code: data.EDiskFull}
}

func TestTheComparisonPutsTheOlderVersionFirstWhicheverWayAsked(t *testing.T) {
	st := demoStore(t)
	path := filepath.Join(t.TempDir(), "порівняння.pdf")
	if err := st.SaveSettings(context.Background(), data.Settings{Operator: "Коваль Ірина Петрівна", Country: data.CountryUA, BackupKeep: 10, RetentionYears: 5}); err != nil {
		t.Fatal(err)
	}
	if err := ExportProtocolDiff(context.Background(), st, 2, 1, true, Document{Path: path, Lang: "uk"}); err != nil {
		t.Fatal(err)
	}
	text := readback.PDFText(t, path)
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"Обґрунтування змін", "Порівняльну таблицю підготував(ла): ____________ Ірина КОВАЛЬ"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the comparison lacks %q", want)
		}
	}
	if !strings.Contains(text, "Чинна редакція (версія 1)") || !strings.Contains(text, "Запропонована редакція (версія 2)") || !strings.Contains(text, "версія 1 → версія 2") {
		t.Fatalf("columns of a comparison asked from 2 to 1:\n%.600s", text)
	}
}

func TestTheOverdueListSaysWhatItsFilterChose(t *testing.T) {
	st := demoStore(t)
	path := filepath.Join(t.TempDir(), "прострочені.pdf")
	ctx := context.Background()
	p, err := st.ProtocolInForce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	refs, err := st.Referrals(ctx, data.ReferralFilter{Overdue: true, Now: time.Now(), Limit: 1})
	if err != nil || len(refs) == 0 {
		t.Fatalf("no overdue referral in the demo: %v", err)
	}
	f := data.ReferralFilter{Statuses: []data.ReferralStatus{data.RefReceived}, SentFrom: "2025-01-01", SentTo: "2027-12-31",
		OrgID: refs[0].ToOrg, SituationKey: p.Situations[0].Key}
	if err := ExportOverdue(context.Background(), st, f, Document{Path: path, Lang: "uk"}); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(readback.PDFText(t, path)), " ")
	want := "організація: " + refs[0].ToName + " · ситуація: " + p.Situations[0].Name + " · стан: Отримано · надіслані 01.01.2025 – 31.12.2027"
	if !strings.Contains(text, strings.Join(strings.Fields(want), " ")) {
		t.Fatalf("the list does not say its filter:\n%.400s", text)
	}
}
