package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"spilno/data"
	"spilno/internal/readback"
	"spilno/office"
)

// run runs the command line as main does, with a window that must not open.
func run(args []string, stdout, stderr *bytes.Buffer) int {
	return Run(args, Env{Version: "test", Stdout: stdout, Stderr: stderr,
		OpenWindow: func(office.Launch) { panic("a headless command opened the window") }})
}

// demoIn writes the demo community with n referrals into dir, headless,
// and returns the database's path.
func demoIn(t *testing.T, dir, n string) string {
	t.Helper()
	db := filepath.Join(dir, "demo.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"demo", "--db", db, "--referrals", n}, &out, &errOut); code != 0 {
		t.Fatalf("demo: %s", errOut.String())
	}
	return db
}

func TestTheHeadlessCodeImportsNoFyne(t *testing.T) {
	for _, pkg := range []string{"spilno/cli", "spilno/office", "spilno/locale", "spilno/data", "spilno/reports", "spilno/i18n", "spilno/demo"} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if strings.HasPrefix(dep, "fyne.io/") {
				t.Errorf("%s depends on %s", pkg, dep)
			}
		}
	}
}

func TestVersion(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"version"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if got := out.String(); got != "spilno test\n" {
		t.Fatalf("printed %q", got)
	}
}

func TestDemoWritesTheCommunityWithoutAWindow(t *testing.T) {
	t.Setenv("LANG", "C")
	path := filepath.Join(t.TempDir(), "demo.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"demo", "--db", path}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	st, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	orgs, _ := st.Organizations(context.Background(), "служба у справах дітей")
	st.Close()
	if len(orgs) != 1 {
		t.Fatalf("demo holds %d matching organizations", len(orgs))
	}
	// A second run refuses to mix the demo into a database with data.
	errOut.Reset()
	if code := run([]string{"demo", "--db", path}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "already exists") {
		t.Fatalf("second demo: exit %d, %q", code, errOut.String())
	}
}

func TestHeadlessCommandOnAHeldDatabaseSaysSoAndFails(t *testing.T) {
	t.Setenv("LANG", "C")
	path := filepath.Join(t.TempDir(), "spilno.db")
	st, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out, errOut bytes.Buffer
	code := run([]string{"export", "catalogue", "--db", path, "--out", filepath.Join(t.TempDir(), "c.xlsx")}, &out, &errOut)
	if code == 0 || !strings.Contains(errOut.String(), "already open with this database") {
		t.Fatalf("exit %d, %q", code, errOut.String())
	}
	if orgs, _ := st.Organizations(context.Background(), ""); len(orgs) != 0 {
		t.Fatal("the refused command wrote into the database")
	}
}

func TestBadArgumentsGetUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"demo"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "--db FILE is required") {
		t.Fatalf("exit %d, %q", code, errOut.String())
	}
	errOut.Reset()
	if code := run([]string{"frobnicate"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "unknown command") {
		t.Fatalf("exit %d, %q", code, errOut.String())
	}
}

// Every wrong argument and missing file gets one sentence, changes nothing
// and writes nothing.
func TestWrongArgumentsAndFilesAreRefusedInOneSentence(t *testing.T) {
	dir := t.TempDir()
	db := demoIn(t, dir, "40")
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"negative demo", []string{"demo", "--db", filepath.Join(dir, "neg.db"), "--referrals", "-5"}, 2, "--referrals is a number"},
		{"bad date", []string{"export", "referrals", "--db", db, "--out", filepath.Join(dir, "r.xlsx"), "--from", "2026-13-45"}, 2, "“2026-13-45” is not a date"},
		{"bad status", []string{"export", "referrals", "--db", db, "--out", filepath.Join(dir, "r.xlsx"), "--status", "Sent"}, 2, "“Sent” is not a status"},
		{"bad detail", []string{"export", "referral-letter", "--db", db, "--out", filepath.Join(dir, "l.pdf"), "--number", "1", "--show", "foo"}, 2, "“foo” is not a detail"},
		{"no format", []string{"export", "catalogue", "--db", db, "--out", filepath.Join(dir, "c.txt")}, 2, "the format is xlsx or pdf"},
		{"format against the name", []string{"export", "catalogue", "--db", db, "--out", filepath.Join(dir, "c.pdf"), "--format", "xlsx"}, 2, "--out ends in .pdf, but the document is XLSX"},
		{"missing database", []string{"export", "catalogue", "--db", filepath.Join(dir, "missing.db"), "--out", filepath.Join(dir, "c.pdf")}, 1, "missing.db does not exist"},
		{"empty file", []string{"export", "catalogue", "--db", empty, "--out", filepath.Join(dir, "c.pdf")}, 1, "is not a Spilno database"},
		{"unknown referral", []string{"export", "referral-letter", "--db", db, "--out", filepath.Join(dir, "l.pdf"), "--number", "9999/999999"}, 1, "There is no referral numbered 9999/999999."},
		{"unknown version", []string{"export", "protocol", "--db", db, "--out", filepath.Join(dir, "p.pdf"), "--version", "7"}, 1, "There is no version 7 of the protocol."},
		{"a value that is no number", []string{"demo", "--db", filepath.Join(dir, "abc.db"), "--referrals", "abc"}, 2, "wrong arguments"},
		{"dates the wrong way round", []string{"export", "referrals", "--db", db, "--out", filepath.Join(dir, "r.xlsx"), "--from", "2026-12-01", "--to", "2026-01-01"}, 2, "the --to date is before the --from date"},
		{"one version of two missing", []string{"export", "protocol-diff", "--db", db, "--out", filepath.Join(dir, "d.pdf"), "--from", "2", "--to", "5"}, 1, "There is no version 5 of the protocol."},
		{"missing folder", []string{"export", "catalogue", "--db", db, "--out", filepath.Join(dir, "nodir", "c.pdf")}, 1, "The folder " + filepath.Join(dir, "nodir") + " does not exist."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(c.args, &out, &errOut)
			if code != c.code || !strings.Contains(errOut.String(), c.says) || strings.Contains(errOut.String(), "Usage:") {
				t.Fatalf("exit %d, said:\n%s", code, errOut.String())
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	for _, name := range names {
		if !strings.HasPrefix(name, "demo.db") && !strings.HasPrefix(name, "empty.db") {
			t.Errorf("a refused command left %s (folder holds %v)", name, names)
		}
	}
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Error("the empty file became a database")
	}
}

func TestDatesAreReadAsClerksWriteThem(t *testing.T) {
	dir := t.TempDir()
	db := demoIn(t, dir, "40")
	var out, errOut bytes.Buffer
	for _, from := range []string{"2026-01-01", "01.01.2026"} {
		errOut.Reset()
		if code := run([]string{"export", "referrals", "--db", db, "--out", filepath.Join(dir, "r.xlsx"), "--from", from}, &out, &errOut); code != 0 {
			t.Fatalf("--from %s: %s", from, errOut.String())
		}
	}
}

// A --db that names no file opens a window that asks before creating one;
// an existing file opens as it is.
func TestAMissingDatabaseIsAskedAbout(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "spilno.db")
	st, err := data.Open(existing, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	for path, missing := range map[string]bool{filepath.Join(dir, "spilnp.db"): true, existing: false} {
		var got office.Launch
		var out, errOut bytes.Buffer
		Run([]string{"--db", path}, Env{Stdout: &out, Stderr: &errOut, OpenWindow: func(l office.Launch) { got = l }})
		if got.DBPath != path || got.Missing != missing || got.Welcome {
			t.Errorf("--db %s: launch %+v, want Missing %v", filepath.Base(path), got, missing)
		}
		if _, err := os.Stat(filepath.Join(dir, "spilnp.db")); err == nil {
			t.Fatal("the command line created the mistyped database")
		}
	}
}

// A demo cut short by a full disk leaves no database behind, so that
// "nothing was changed" is true; the demo never goes into an existing file.
func TestADemoCutShortLeavesNothing(t *testing.T) {
	t.Setenv("LANG", "C")
	defer func(w func(context.Context, *data.Store, int) error) { writeDemo = w }(writeDemo)
	writeDemo = func(ctx context.Context, st *data.Store, n int) error {
		if err := st.SaveOrganization(ctx, &data.Organization{Name: "Перша", Sector: data.SectorOther}); err != nil {
			return err
		}
		return &data.Error{Code: data.EDiskFull}
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"demo", "--db", path}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "Nothing was changed") {
		t.Fatalf("exit %d, %q", code, errOut.String())
	}
	if left, _ := filepath.Glob(path + "*"); len(left) != 0 {
		t.Fatalf("a demo cut short left %v", left)
	}
	st, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	before, _ := os.ReadFile(path)
	errOut.Reset()
	if code := run([]string{"demo", "--db", path}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "already exists") {
		t.Fatalf("into an existing file: exit %d, %q", code, errOut.String())
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("the refused demo changed the existing file")
	}
}

// A register and an overdue list exported headless with
// SPILNO_EXPORT_PASSWORD open only with it; a short password is refused,
// writing nothing.
func TestAHeadlessExportIsProtectedByThePasswordInTheEnvironment(t *testing.T) {
	t.Setenv("LANG", "C")
	dir := t.TempDir()
	db := demoIn(t, dir, "300")
	var out, errOut bytes.Buffer
	t.Setenv("SPILNO_EXPORT_PASSWORD", "Vyshniv-2026")
	xlsx := filepath.Join(dir, "r.xlsx")
	if code := run([]string{"export", "referrals", "--db", db, "--out", xlsx}, &out, &errOut); code != 0 {
		t.Fatal(errOut.String())
	}
	if _, err := excelize.OpenFile(xlsx); err == nil {
		t.Fatal("the register opens without its password")
	}
	if f, err := excelize.OpenFile(xlsx, excelize.Options{Password: "Vyshniv-2026"}); err != nil {
		t.Fatalf("with its password: %v", err)
	} else {
		f.Close()
	}
	pdf := filepath.Join(dir, "o.pdf")
	if code := run([]string{"export", "referrals", "--db", db, "--out", pdf}, &out, &errOut); code != 0 {
		t.Fatal(errOut.String())
	}
	if out, err := exec.Command("pdftotext", pdf, "-").CombinedOutput(); err == nil {
		t.Fatalf("the overdue list opens without its password: %s", out)
	}
	if text := readback.PDFText(t, pdf, "-upw", "Vyshniv-2026"); !strings.Contains(text, "Overdue referrals") {
		t.Fatalf("with its password:\n%s", text)
	}
	t.Setenv("SPILNO_EXPORT_PASSWORD", "short")
	errOut.Reset()
	short := filepath.Join(dir, "short.xlsx")
	if code := run([]string{"export", "referrals", "--db", db, "--out", short}, &out, &errOut); code == 0 || !strings.Contains(errOut.String(), "at least 8 characters") {
		t.Errorf("a short password: exit %d, %q", code, errOut.String())
	}
	if _, err := os.Stat(short); err == nil {
		t.Error("a short password still wrote the file")
	}
}

// SPILNO_EXPORT_PASSWORD set but empty is a mistake: refused, not an open file.
func TestAnEmptyPasswordInTheEnvironmentIsRefused(t *testing.T) {
	t.Setenv("LANG", "C")
	dir := t.TempDir()
	db := demoIn(t, dir, "5")
	var out, errOut bytes.Buffer
	t.Setenv("SPILNO_EXPORT_PASSWORD", "")
	xlsx := filepath.Join(dir, "r.xlsx")
	if code := run([]string{"export", "referrals", "--db", db, "--out", xlsx}, &out, &errOut); code == 0 || !strings.Contains(errOut.String(), "at least 8 characters") {
		t.Fatalf("exit %d, %q", code, errOut.String())
	}
	if _, err := os.Stat(xlsx); err == nil {
		t.Fatal("an empty password wrote an open register")
	}
}

func TestAnExportSaysWhatItWroteInTheLanguageAsked(t *testing.T) {
	dir := t.TempDir()
	db := demoIn(t, dir, "20")
	out := filepath.Join(dir, "rejestr.xlsx")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "referrals", "--db", db, "--out", out, "--lang", "pl"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if got := strings.TrimSpace(stdout.String()); got != "Zapisano: "+out {
		t.Fatalf("stdout %q", got)
	}
	stdout.Reset()
	code := run([]string{"export", "referral-letter", "--number", "1999/000001", "--db", db, "--out", filepath.Join(dir, "l.pdf"), "--lang", "pl"}, &stdout, &stderr)
	if code != 1 || stdout.Len() != 0 || strings.Contains(stderr.String(), "There is no") || !strings.Contains(stderr.String(), "1999/000001") {
		t.Fatalf("exit %d, stdout %q, stderr %q: a refusal in Polish", code, stdout.String(), stderr.String())
	}
}

// The statistics come from the command line for a period, which it asks
// for when missing, as a workbook and as the report.
func TestExportStatisticsFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := demoIn(t, dir, "30")
	var stdout, stderr bytes.Buffer
	out := filepath.Join(dir, "statystyka.xlsx")
	if code := run([]string{"export", "statistics", "--db", db, "--from", "2026-01-01", "--to", "2026-12-31", "--out", out, "--lang", "pl"}, &stdout, &stderr); code != 0 {
		t.Fatalf("export: %s", stderr.String())
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if title, _ := f.GetCellValue(f.GetSheetList()[0], "A1"); title != "Skierowania: podsumowanie" {
		t.Errorf("the workbook starts with %q", title)
	}
	stderr.Reset()
	if code := run([]string{"export", "statistics", "--db", db, "--lang", "en", "--out", out}, &stdout, &stderr); code != 2 ||
		!strings.Contains(stderr.String(), "give the period") {
		t.Errorf("without a period: exit %d, %s", code, stderr.String())
	}
	pdf := filepath.Join(dir, "statystyka.pdf")
	if code := run([]string{"export", "statistics", "--db", db, "--from", "2026-01-01", "--to", "2026-12-31", "--format", "pdf", "--out", pdf, "--lang", "pl"}, &stdout, &stderr); code != 0 {
		t.Fatalf("export pdf: %s", stderr.String())
	}
	if text := readback.PDFText(t, pdf); !strings.Contains(text, "Sprawozdanie z funkcjonowania protokołu") || !strings.Contains(text, "01.01.2026 – 31.12.2026") {
		t.Errorf("the report reads:\n%.600s", text)
	}
}

func TestExportAssessmentFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := demoIn(t, dir, "30")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "assessment", "--db", db, "--id", "7", "--out", filepath.Join(dir, "a.pdf"), "--lang", "en"}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "There is no needs assessment 7") || !strings.Contains(stderr.String(), "--id 1  Оцінка потреб громади") {
		t.Fatalf("a wrong id: exit %d, %s", code, stderr.String())
	}
	out := filepath.Join(dir, "posouzení.pdf")
	if code := run([]string{"export", "assessment", "--db", db, "--id", "1", "--out", out, "--lang", "cs"}, &stdout, &stderr); code != 0 {
		t.Fatalf("export: %s", stderr.String())
	}
	if text := readback.PDFText(t, out); !strings.Contains(text, "Zpráva o zjišťování potřeb") || !strings.Contains(text, "SWOT analýza") {
		t.Errorf("the report reads:\n%.600s", text)
	}
}
