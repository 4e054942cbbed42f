package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"spilno/data"
	"spilno/i18n"
	"spilno/office"
	"spilno/reports"
)

// said is a failure already put in the user's words.
type said string

func (s said) Error() string { return string(s) }

// exportArgs are the arguments of `spilno export WHAT`, checked.
type exportArgs struct {
	what, db, format, out, lang string
	version, from, to           int
	sentFrom, sentTo            string
	statuses                    []data.ReferralStatus
	show                        reports.LetterCase
	number                      string
	outgoing                    *data.LetterOutgoing // referral-letter: the sender's registration, if given
	reasons                     bool                 // protocol-diff: a column for the reasons
	id                          int64                // assessment
}

var exports = []string{"catalogue", "protocol", "protocol-diff", "referrals", "referral-letter", "statistics", "assessment", "hsds"}

// parseExport reads the flags of an export; false after it has said what is wrong.
func parseExport(args []string, stderr io.Writer) (exportArgs, bool) {
	var a exportArgs
	if len(args) > 0 {
		a.what = args[0]
	}
	if !slices.Contains(exports, a.what) {
		argError(stderr, "spilno export", i18n.T("cli.what", "list", strings.Join(exports, ", ")))
		return a, false
	}
	var status, show, outgoing, outgoingDate string
	fs := newFlags("spilno export " + a.what)
	fs.StringVar(&a.db, "db", office.DatabasePath(), "database file")
	fs.StringVar(&a.format, "format", "", "xlsx or pdf (default: as --out ends)")
	fs.StringVar(&a.out, "out", "", "file to write")
	fs.StringVar(&a.lang, "lang", i18n.Language(), "language of the report: uk, en, cs, pl (default: the system's)")
	fs.IntVar(&a.version, "version", 0, "protocol version (default: the newest)")
	fs.Int64Var(&a.id, "id", 0, "assessment: its number in the list (spilno assessments)")
	fs.IntVar(&a.from, "from-version", 0, "protocol-diff: the current version")
	fs.IntVar(&a.to, "to-version", 0, "protocol-diff: the proposed version")
	fs.BoolVar(&a.reasons, "reasons", false, "protocol-diff: a column for the reason of each change")
	fs.StringVar(&status, "status", "", "referrals: only these statuses, comma-separated (sent,received,…)")
	fs.StringVar(&a.sentFrom, "from", "", "referrals: sent on or after this date; statistics: the period's first day (YYYY-MM-DD)")
	fs.StringVar(&a.sentTo, "to", "", "referrals: sent on or before this date; statistics: the period's last day (YYYY-MM-DD)")
	fs.StringVar(&a.number, "number", "", "referral-letter: the referral's number")
	fs.StringVar(&show, "show", "", "referral-letter: case details to print, comma-separated (subject,birth_year,settlement,factors)")
	fs.StringVar(&outgoing, "outgoing", "", "referral-letter: the sender's outgoing number of the letter, kept with the referral")
	fs.StringVar(&outgoingDate, "outgoing-date", "", "referral-letter: the date of the outgoing number (default: today)")
	// protocol-diff says --from N --to M; referrals say --from DATE --to DATE.
	if a.what == "protocol-diff" {
		args = renameFlags(args, map[string]string{"--from": "--from-version", "-from": "--from-version", "--to": "--to-version", "-to": "--to-version"})
	}
	if err := fs.Parse(args[1:]); err != nil {
		flagError(stderr, "spilno export "+a.what, err)
		return a, false
	}
	if problem := a.checkOutgoing(outgoing, outgoingDate); problem != "" {
		argError(stderr, "spilno export "+a.what, problem)
		return a, false
	}
	if problem := a.check(status, show); problem != "" {
		argError(stderr, "spilno export "+a.what, problem)
		return a, false
	}
	return a, true
}

// check completes the arguments (the format from how --out ends, dates as
// stored, statuses, the letter's details) and says what is wrong, if anything.
func (a *exportArgs) check(status, show string) string {
	if a.out == "" {
		return i18n.T("cli.out_required")
	}
	if problem := a.checkFormat(); problem != "" {
		return problem
	}
	switch {
	case a.what == "protocol-diff" && (a.from == 0 || a.to == 0):
		return i18n.T("cli.diff_versions")
	case a.what == "referral-letter" && a.number == "":
		return i18n.T("cli.number_required")
	case a.what == "statistics" && (a.sentFrom == "" || a.sentTo == ""):
		return i18n.T("cli.period_required")
	case !slices.Contains(i18n.Languages, a.lang):
		return i18n.T("cli.bad_lang", "list", strings.Join(i18n.Languages, ", "))
	}
	for _, d := range []*string{&a.sentFrom, &a.sentTo} {
		if *d == "" {
			continue
		}
		t, err := i18n.ParseDate(*d)
		if err != nil {
			return i18n.T("cli.bad_date", "value", *d)
		}
		*d = t.Format(time.DateOnly)
	}
	if a.sentFrom != "" && a.sentTo != "" && a.sentTo < a.sentFrom {
		return i18n.T("cli.date_order")
	}
	for _, s := range splitList(status) {
		if !slices.Contains(data.ReferralStatuses, data.ReferralStatus(s)) {
			return i18n.T("cli.bad_status", "value", s, "list", joinStatuses(data.ReferralStatuses))
		}
		a.statuses = append(a.statuses, data.ReferralStatus(s))
	}
	details := map[string]*bool{"subject": &a.show.Subject, "birth_year": &a.show.BirthYear, "settlement": &a.show.Settlement, "factors": &a.show.Factors}
	for _, f := range splitList(show) {
		p, ok := details[f]
		if !ok {
			return i18n.T("cli.bad_show", "value", f, "list", "subject, birth_year, settlement, factors")
		}
		*p = true
	}
	return ""
}

// checkOutgoing reads the letter's outgoing registration: a number, dated
// today unless a date is given.
func (a *exportArgs) checkOutgoing(number, date string) string {
	if number == "" && date == "" {
		return ""
	}
	g := data.LetterOutgoing{Number: number, Date: time.Now().Format(time.DateOnly)}
	if date != "" {
		t, err := i18n.ParseDate(date)
		if err != nil {
			return i18n.T("cli.bad_date", "value", date)
		}
		g.Date = t.Format(time.DateOnly)
	}
	if number == "" {
		return i18n.T("cli.outgoing_required")
	}
	a.outgoing = &g
	return ""
}

// checkFormat takes the format from --format or from how --out ends, and
// refuses one the document is not written in or that --out contradicts.
func (a *exportArgs) checkFormat() string {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(a.out)), ".")
	if a.what == "hsds" {
		return a.checkHSDSFormat(ext)
	}
	pdfOnly := a.what == "protocol-diff" || a.what == "referral-letter"
	switch {
	case a.format == "" && (ext == "xlsx" || ext == "pdf"):
		a.format = ext
	case a.format == "" && pdfOnly:
		a.format = "pdf"
	}
	switch {
	case a.format != "xlsx" && a.format != "pdf":
		return i18n.T("cli.bad_format")
	case pdfOnly && a.format != "pdf":
		return i18n.T("cli.only_pdf")
	case ext != "" && ext != a.format:
		return i18n.T("cli.format_mismatch", "ext", "."+ext, "format", strings.ToUpper(a.format))
	}
	return ""
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func joinStatuses(list []data.ReferralStatus) string {
	names := make([]string, len(list))
	for i, s := range list {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// runExport writes a report without opening a window.
func runExport(args []string, stdout, stderr io.Writer) int {
	i18n.SetLanguage(office.SystemLanguage())
	a, ok := parseExport(args, stderr)
	if !ok {
		return 2
	}
	if a.lang != "" { // the messages speak the document's language
		i18n.SetLanguage(a.lang)
	}
	fail := func(err error) int {
		var s said
		if errors.As(err, &s) {
			fmt.Fprintln(stderr, "spilno:", s)
		} else {
			fmt.Fprintln(stderr, "spilno:", office.ErrorMessage(err))
		}
		return 1
	}
	// An export reads a database: it never makes one where there was none.
	if fi, err := os.Stat(a.db); err != nil {
		return fail(&data.Error{Code: data.ENoFile, Path: a.db})
	} else if fi.Size() == 0 {
		return fail(&data.Error{Code: data.ENotDB, Path: a.db})
	}
	if warning := office.PlaceOf(a.db).Warning(a.db); warning != "" {
		fmt.Fprintln(stderr, "spilno:", warning) // an export only reads: it goes on
	}
	st, err := data.Open(a.db, data.Options{})
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	if err := export(context.Background(), st, a); err != nil {
		return fail(err)
	}
	fmt.Fprintln(stdout, i18n.T("cli.written", "path", a.out)) // a script's log shows what was made
	return 0
}

// export writes what a asks for from the open store.
func export(ctx context.Context, st *data.Store, a exportArgs) error {
	// A password from the environment, never from the command line, which
	// other users of the PC can read in the process list.
	doc := office.Document{Path: a.out, Lang: a.lang}
	if password, set := os.LookupEnv("SPILNO_EXPORT_PASSWORD"); set {
		// Set but empty is a mistake, not a wish for an open file.
		if err := office.CheckPassword(password, password); err != nil {
			return err
		}
		doc.Password = password
	}
	switch a.what {
	case "catalogue":
		return office.ExportCatalogue(ctx, st, data.ServiceFilter{}, a.format, doc)
	case "protocol":
		return exportProtocol(ctx, st, a, doc)
	case "protocol-diff":
		if err := versionsExist(ctx, st, a.from, a.to); err != nil {
			return err
		}
		return office.ExportProtocolDiff(ctx, st, a.from, a.to, a.reasons, doc)
	case "referrals":
		f := data.ReferralFilter{SentFrom: a.sentFrom, SentTo: a.sentTo, Statuses: a.statuses}
		if a.format == "pdf" {
			return office.ExportOverdue(ctx, st, f, doc)
		}
		return office.ExportRegister(ctx, st, f, doc)
	case "hsds":
		return office.ExportHSDS(ctx, st, a.format, doc)
	case "statistics":
		return office.ExportStatistics(ctx, st, data.Period{From: a.sentFrom, To: a.sentTo}, a.format, doc)
	case "assessment":
		err := office.ExportAssessment(ctx, st, a.id, a.format, doc)
		if data.ErrorCode(err) == data.ENotFound {
			return noAssessment(ctx, st, a.id)
		}
		return err
	case "referral-letter":
		r, err := st.ReferralByNumber(ctx, a.number)
		if data.ErrorCode(err) == data.ENotFound {
			return said(i18n.T("cli.no_referral", "number", a.number))
		}
		if err != nil {
			return err
		}
		return office.ExportReferralLetter(ctx, st, r.ID, a.show, a.outgoing, doc)
	}
	return fmt.Errorf("export %s: nothing to do", a.what)
}

// noAssessment says that there is no assessment id and lists those there are.
func noAssessment(ctx context.Context, st *data.Store, id int64) error {
	list, err := st.Assessments(ctx, time.Now())
	if err != nil {
		return err
	}
	lines := []string{i18n.T("cli.no_assessment", "id", fmt.Sprint(id))}
	for _, a := range list {
		lines = append(lines, fmt.Sprintf("  --id %d  %s (%s)", a.ID, a.Title, office.PeriodText(a.Period, i18n.Language())))
	}
	if len(list) == 0 {
		lines = append(lines, i18n.T("cli.no_assessments"))
	}
	return said(strings.Join(lines, "\n"))
}

// exportProtocol writes the version asked for, or the newest.
func exportProtocol(ctx context.Context, st *data.Store, a exportArgs, doc office.Document) error {
	if a.version == 0 {
		versions, err := st.ProtocolVersions(ctx)
		if err != nil {
			return err
		}
		if len(versions) == 0 {
			return said(i18n.T("cli.no_protocol"))
		}
		a.version = versions[0].Version
	}
	err := office.ExportProtocol(ctx, st, a.version, a.format, doc)
	if data.ErrorCode(err) == data.ENotFound {
		return said(i18n.T("cli.no_version", "n", fmt.Sprint(a.version)))
	}
	return err
}

// versionsExist says which of the versions the protocol does not have.
func versionsExist(ctx context.Context, st *data.Store, versions ...int) error {
	list, err := st.ProtocolVersions(ctx)
	if err != nil {
		return err
	}
	for _, v := range versions {
		if !slices.ContainsFunc(list, func(s data.ProtocolSummary) bool { return s.Version == v }) {
			return said(i18n.T("cli.no_version", "n", fmt.Sprint(v)))
		}
	}
	return nil
}

// renameFlags gives flags other names before parsing ("--to=3" too).
func renameFlags(args []string, names map[string]string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		name, value, hasValue := strings.Cut(a, "=")
		if n, ok := names[name]; ok {
			a = n
			if hasValue {
				a += "=" + value
			}
		}
		out[i] = a
	}
	return out
}
