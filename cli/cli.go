// Package cli is Spilno's command line: it opens the window or runs a
// headless command (demo, export, version). It imports no Fyne: the window
// comes in as a function from main, so a headless command never starts the
// GUI toolkit.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"spilno/data"
	"spilno/demo"
	"spilno/i18n"
	"spilno/office"
	"spilno/reports"
)

const usage = `Usage:
  spilno [--db FILE | --demo]    open the window (default: the database in your data folder)
  spilno demo --db FILE [--referrals N]
                                 write the demo community into a new FILE, no window
  spilno export catalogue --format xlsx|pdf --out FILE [--lang uk] [--db FILE]
                                 write the public list of social services
  spilno export protocol [--version N] --format pdf|xlsx --out FILE [--lang uk] [--db FILE]
                                 write a version of the protocol (default: the newest)
  spilno export protocol-diff --from N --to M --out FILE [--lang uk] [--db FILE]
                                 write the comparison table of two versions
  spilno export referrals --format xlsx|pdf --out FILE [--status sent,received] [--from DATE --to DATE]
                                 write the register (xlsx) or the overdue list (pdf)
  spilno export referral-letter --number N --out FILE [--show subject,birth_year,settlement,factors]
                                 write the letter of one referral
  spilno version                 print the version
`

// Env is what a run of the command line works with.
type Env struct {
	Version        string
	Stdout, Stderr io.Writer
	// OpenWindow opens the window and returns when it is closed; main
	// passes app.Run.
	OpenWindow func(office.Launch)
}

// Run parses the command line, does what it says and returns the process
// exit code.
func Run(args []string, env Env) int {
	stdout, stderr := env.Stdout, env.Stderr
	if len(args) > 0 {
		switch args[0] {
		case "version", "--version", "-version":
			fmt.Fprintln(stdout, "spilno", env.Version)
			return 0
		case "demo":
			return runDemo(args[1:], stderr)
		case "export":
			return runExport(args[1:], stderr)
		case "help", "-h", "--help":
			fmt.Fprint(stdout, usage)
			return 0
		}
	}
	fs := flag.NewFlagSet("spilno", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	db := fs.String("db", "", "database file")
	useDemo := fs.Bool("demo", false, "open the demo database")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "spilno: unknown command %q\n%s", fs.Arg(0), usage)
		return 2
	}
	launch := office.Launch{DBPath: *db, DemoPath: office.DemoPath(), Demo: *useDemo}
	if launch.DBPath == "" {
		launch.DBPath = office.DatabasePath()
		_, err := os.Stat(launch.DBPath)
		launch.Welcome = !launch.Demo && errors.Is(err, os.ErrNotExist)
	}
	env.OpenWindow(launch)
	return 0
}

// runDemo writes the demo community into a new database file.
func runDemo(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("spilno demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database file to write the demo into")
	referrals := fs.Int("referrals", demo.DefaultReferrals, "how many cases and referrals to write")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *db == "" {
		fmt.Fprint(stderr, "spilno demo: --db FILE is required\n", usage)
		return 2
	}
	i18n.SetLanguage(office.SystemLanguage())
	st, err := data.Open(*db, data.Options{})
	if err == nil {
		err = demo.WriteWith(context.Background(), st, *referrals)
		st.Close()
	}
	if err != nil {
		fmt.Fprintln(stderr, "spilno:", office.ErrorMessage(err))
		return 1
	}
	return 0
}

// exportArgs are the flags of `spilno export WHAT`.
type exportArgs struct {
	what, db, format, out, lang string
	version, from, to           int
	status, sentFrom, sentTo    string
	number, show                string
}

var exports = []string{"catalogue", "protocol", "protocol-diff", "referrals", "referral-letter"}

// parseExport reads the flags of an export; false after it has said what is wrong.
func parseExport(args []string, stderr io.Writer) (exportArgs, bool) {
	var a exportArgs
	if len(args) > 0 {
		a.what = args[0]
	}
	if !slices.Contains(exports, a.what) {
		fmt.Fprintf(stderr, "spilno export: say what to export (%s)\n%s", strings.Join(exports, ", "), usage)
		return a, false
	}
	fs := flag.NewFlagSet("spilno export "+a.what, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&a.db, "db", office.DatabasePath(), "database file")
	fs.StringVar(&a.format, "format", "pdf", "xlsx or pdf")
	fs.StringVar(&a.out, "out", "", "file to write")
	fs.StringVar(&a.lang, "lang", "", "language of the report: uk, en, cs, pl (default: the system's)")
	fs.IntVar(&a.version, "version", 0, "protocol version (default: the newest)")
	fs.IntVar(&a.from, "from-version", 0, "protocol-diff: the current version")
	fs.IntVar(&a.to, "to-version", 0, "protocol-diff: the proposed version")
	fs.StringVar(&a.status, "status", "", "referrals: only these statuses, comma-separated (sent,received,…)")
	fs.StringVar(&a.sentFrom, "from", "", "referrals: sent on or after this date (YYYY-MM-DD)")
	fs.StringVar(&a.sentTo, "to", "", "referrals: sent on or before this date (YYYY-MM-DD)")
	fs.StringVar(&a.number, "number", "", "referral-letter: the referral's number")
	fs.StringVar(&a.show, "show", "", "referral-letter: case details to print, comma-separated (subject,birth_year,settlement,factors)")
	// protocol-diff says --from N --to M; referrals say --from DATE --to DATE.
	if a.what == "protocol-diff" {
		args = renameFlags(args, map[string]string{"--from": "--from-version", "-from": "--from-version", "--to": "--to-version", "-to": "--to-version"})
	}
	if err := fs.Parse(args[1:]); err != nil {
		return a, false
	}
	if a.out == "" || (a.format != "xlsx" && a.format != "pdf") || (a.what == "protocol-diff" && (a.from == 0 || a.to == 0)) ||
		(a.what == "referral-letter" && a.number == "") {
		fmt.Fprintf(stderr, "spilno export %s: missing or wrong arguments\n%s", a.what, usage)
		return a, false
	}
	if a.lang == "" {
		a.lang = i18n.Language()
	}
	if !slices.Contains(i18n.Languages, a.lang) {
		fmt.Fprintf(stderr, "spilno export: --lang is one of %v\n", i18n.Languages)
		return a, false
	}
	return a, true
}

// runExport writes a report without opening a window.
func runExport(args []string, stderr io.Writer) int {
	i18n.SetLanguage(office.SystemLanguage())
	a, ok := parseExport(args, stderr)
	if !ok {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "spilno:", office.ErrorMessage(err))
		return 1
	}
	if _, err := os.Stat(a.db); err != nil {
		return fail(&data.Error{Code: data.ENotFound, Path: a.db})
	}
	st, err := data.Open(a.db, data.Options{})
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	if err := export(context.Background(), st, a); err != nil {
		return fail(err)
	}
	return 0
}

// export writes what a asks for from the open store.
func export(ctx context.Context, st *data.Store, a exportArgs) error {
	doc := office.Document{Path: a.out, Lang: a.lang}
	switch a.what {
	case "catalogue":
		return office.ExportCatalogue(ctx, st, data.ServiceFilter{}, a.format, doc)
	case "protocol":
		if a.version == 0 {
			versions, err := st.ProtocolVersions(ctx)
			if err != nil {
				return err
			}
			if len(versions) == 0 {
				return &data.Error{Code: data.ENotFound, Op: "export protocol"}
			}
			a.version = versions[0].Version
		}
		return office.ExportProtocol(ctx, st, a.version, a.format, doc)
	case "protocol-diff":
		return office.ExportProtocolDiff(ctx, st, a.from, a.to, doc)
	case "referrals":
		f := data.ReferralFilter{SentFrom: a.sentFrom, SentTo: a.sentTo}
		for _, s := range strings.Split(a.status, ",") {
			if s = strings.TrimSpace(s); s != "" {
				f.Statuses = append(f.Statuses, data.ReferralStatus(s))
			}
		}
		if a.format == "pdf" {
			return office.ExportOverdue(ctx, st, f, doc)
		}
		return office.ExportRegister(ctx, st, f, doc)
	case "referral-letter":
		r, err := st.ReferralByNumber(ctx, a.number)
		if err != nil {
			return err
		}
		return office.ExportReferralLetter(ctx, st, r.ID, letterShows(a.show), doc)
	}
	return fmt.Errorf("export %s: nothing to do", a.what)
}

// letterShows reads --show: the case details the letter prints.
func letterShows(list string) reports.LetterCase {
	var lc reports.LetterCase
	for _, f := range strings.Split(list, ",") {
		switch strings.TrimSpace(f) {
		case "subject":
			lc.Subject = true
		case "birth_year":
			lc.BirthYear = true
		case "settlement":
			lc.Settlement = true
		case "factors":
			lc.Factors = true
		}
	}
	return lc
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
