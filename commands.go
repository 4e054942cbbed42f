package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"spilno/app"
	"spilno/data"
	"spilno/demo"
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

// run parses the command line and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "version", "--version", "-version":
			fmt.Fprintln(stdout, "spilno", version)
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
	dir := dataDir()
	cfg := app.Config{DBPath: *db, DemoPath: filepath.Join(dir, "spilno-demo.db"), Demo: *useDemo}
	if cfg.DBPath == "" {
		cfg.DBPath = filepath.Join(dir, "spilno.db")
		_, err := os.Stat(cfg.DBPath)
		cfg.Welcome = !cfg.Demo && errors.Is(err, os.ErrNotExist)
	}
	app.Run(cfg)
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
	app.SetLanguage(app.SystemLanguage())
	st, err := data.Open(*db, data.Options{})
	if err == nil {
		err = demo.WriteWith(context.Background(), st, *referrals)
		st.Close()
	}
	if err != nil {
		fmt.Fprintln(stderr, "spilno:", app.ErrorMessage(err))
		return 1
	}
	return 0
}

// runExport writes a report without opening a window.
func runExport(args []string, stderr io.Writer) int {
	what := ""
	if len(args) > 0 {
		what = args[0]
	}
	if !slices.Contains([]string{"catalogue", "protocol", "protocol-diff", "referrals", "referral-letter"}, what) {
		fmt.Fprint(stderr, "spilno export: say what to export (catalogue, protocol, protocol-diff, referrals, referral-letter)\n", usage)
		return 2
	}
	fs := flag.NewFlagSet("spilno export "+what, flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", filepath.Join(dataDir(), "spilno.db"), "database file")
	format := fs.String("format", "pdf", "xlsx or pdf")
	out := fs.String("out", "", "file to write")
	lang := fs.String("lang", "", "language of the report: uk, en, cs, pl (default: the system's)")
	version := fs.Int("version", 0, "protocol version (default: the newest)")
	from := fs.Int("from-version", 0, "protocol-diff: the current version")
	to := fs.Int("to-version", 0, "protocol-diff: the proposed version")
	status := fs.String("status", "", "referrals: only these statuses, comma-separated (sent,received,…)")
	sentFrom := fs.String("from", "", "referrals: sent on or after this date (YYYY-MM-DD)")
	sentTo := fs.String("to", "", "referrals: sent on or before this date (YYYY-MM-DD)")
	number := fs.String("number", "", "referral-letter: the referral's number")
	show := fs.String("show", "", "referral-letter: case details to print, comma-separated (subject,birth_year,settlement,factors)")
	// protocol-diff says --from N --to M; referrals say --from DATE --to DATE.
	if what == "protocol-diff" {
		args = renameFlags(args, map[string]string{"--from": "--from-version", "-from": "--from-version", "--to": "--to-version", "-to": "--to-version"})
	}
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *out == "" || (*format != "xlsx" && *format != "pdf") || (what == "protocol-diff" && (*from == 0 || *to == 0)) ||
		(what == "referral-letter" && *number == "") {
		fmt.Fprintf(stderr, "spilno export %s: missing or wrong arguments\n%s", what, usage)
		return 2
	}
	app.SetLanguage(app.SystemLanguage())
	if *lang == "" {
		*lang = app.Language()
	}
	if !slices.Contains(app.Languages, *lang) {
		fmt.Fprintf(stderr, "spilno export: --lang is one of %v\n", app.Languages)
		return 2
	}
	if _, err := os.Stat(*db); err != nil {
		fmt.Fprintln(stderr, "spilno:", app.ErrorMessage(&data.Error{Code: data.ENotFound, Path: *db}))
		return 1
	}
	st, err := data.Open(*db, data.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "spilno:", app.ErrorMessage(err))
		return 1
	}
	defer st.Close()
	ctx := context.Background()
	switch what {
	case "catalogue":
		err = app.ExportCatalogue(ctx, st, data.ServiceFilter{}, *format, *out, *lang, nil)
	case "protocol":
		if *version == 0 {
			versions, verr := st.ProtocolVersions(ctx)
			if verr == nil && len(versions) == 0 {
				verr = &data.Error{Code: data.ENotFound}
			}
			if verr != nil {
				fmt.Fprintln(stderr, "spilno:", app.ErrorMessage(verr))
				return 1
			}
			*version = versions[0].Version
		}
		err = app.ExportProtocol(ctx, st, *version, *format, *out, *lang)
	case "protocol-diff":
		err = app.ExportProtocolDiff(ctx, st, *from, *to, *out, *lang)
	case "referrals":
		f := data.ReferralFilter{SentFrom: *sentFrom, SentTo: *sentTo}
		for _, st := range strings.Split(*status, ",") {
			if st = strings.TrimSpace(st); st != "" {
				f.Statuses = append(f.Statuses, data.ReferralStatus(st))
			}
		}
		kind := "register"
		if *format == "pdf" {
			kind, f.Overdue = "overdue", true
		}
		err = app.ExportReferrals(ctx, st, f, kind, *out, *lang)
	case "referral-letter":
		var r data.Referral
		if r, err = st.ReferralByNumber(ctx, *number); err == nil {
			var lc reports.LetterCase
			for _, f := range strings.Split(*show, ",") {
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
			err = app.ExportReferralLetter(ctx, st, r.ID, lc, *out, *lang)
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "spilno:", app.ErrorMessage(err))
		return 1
	}
	return 0
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

// dataDir is where the database lives unless --db says otherwise: the
// platform's folder for a user's application data.
func dataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "spilno")
	}
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		if d, err := os.UserConfigDir(); err == nil {
			return filepath.Join(d, "Spilno")
		}
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "Spilno")
	}
	return filepath.Join(home, ".local", "share", "spilno")
}
