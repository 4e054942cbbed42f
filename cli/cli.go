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

	"spilno/data"
	"spilno/demo"
	"spilno/i18n"
	"spilno/office"
)

const usage = `Usage:
  spilno [--db FILE | --demo]    open the window (default: the database in your data folder)
  spilno demo --db FILE [--referrals N]
                                 write the demo community into a new FILE, no window
  spilno export catalogue --out FILE.xlsx|FILE.pdf [--lang uk] [--db FILE]
                                 write the public list of social services (the booklet: services provided)
  spilno export protocol [--version N] --out FILE.pdf|FILE.xlsx [--lang uk] [--db FILE]
                                 write a version of the protocol (default: the newest)
  spilno export protocol-diff --from-version N --to-version M --out FILE [--reasons] [--lang uk] [--db FILE]
                                 write the comparison table of two versions
  spilno export referrals --out FILE.xlsx|FILE.pdf [--status sent,received] [--from DATE --to DATE]
                         [--lang uk] [--db FILE]
                                 write the register (xlsx) or the overdue list (pdf)
  spilno export referral-letter --number N --out FILE [--show subject,birth_year,settlement,factors]
                         [--outgoing NUMBER [--outgoing-date DATE]] [--lang uk] [--db FILE]
                                 write the letter of one referral
  spilno export statistics --from DATE --to DATE --out FILE.xlsx|FILE.pdf [--lang uk] [--db FILE]
                                 write the statistics of the period: a workbook, or the report (pdf)
  spilno export assessment --id N --out FILE.xlsx|FILE.pdf [--lang uk] [--db FILE]
                                 write a needs assessment with its gaps and plan: a workbook, or the report
                                 (an --id that is not there lists the assessments with theirs)
  spilno export hsds --format json|csv --out FILE_OR_FOLDER [--db FILE]
                                 write the catalogue as Open Referral HSDS 3.0: JSON, or the CSV data
                                 package (a folder, or a zip when --out ends in .zip)
  spilno import hsds --file FILE_OR_FOLDER [--dry-run] [--db FILE]
                                 import an HSDS service, organization, paged list or CSV package (folder
                                 or zip); prints the preview; changes nothing when anything is refused
  spilno import rpss --file rpss.json [--codelists DIR] --kraj NAME|--okres NAME|--obec NAME [--dry-run] [--db FILE]
                                 import the services of an area from the Czech register of providers
                                 (code lists default to the folder of the file)
  spilno init --db FILE --country UA|CZ|PL [--community NAME]
                                 create an empty database
  spilno version                 print the version
The format comes from how --out ends, or from --format xlsx|pdf.
The register, the overdue list and a letter are encrypted with the password in SPILNO_EXPORT_PASSWORD, when it is set.
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
			return runExport(args[1:], stdout, stderr)
		case "import":
			return runImport(args[1:], stdout, stderr)
		case "init":
			return runInit(args[1:], stdout, stderr)
		case "help", "-h", "--help":
			fmt.Fprint(stdout, usage)
			return 0
		}
	}
	fs := newFlags("spilno")
	db := fs.String("db", "", "database file")
	useDemo := fs.Bool("demo", false, "open the demo database")
	if err := fs.Parse(args); err != nil {
		return flagError(stderr, "spilno", err)
	}
	if fs.NArg() > 0 {
		i18n.SetLanguage(office.SystemLanguage())
		return argError(stderr, "spilno", i18n.T("cli.unknown_command", "name", fs.Arg(0)))
	}
	launch := office.Launch{DBPath: *db, DemoPath: office.DemoPath(), Demo: *useDemo, Version: env.Version}
	_, err := os.Stat(launch.DBPath)
	switch {
	case launch.DBPath == "":
		launch.DBPath = office.DatabasePath()
		_, err := os.Stat(launch.DBPath)
		launch.Welcome = !launch.Demo && errors.Is(err, os.ErrNotExist)
	case errors.Is(err, os.ErrNotExist) && !launch.Demo:
		launch.Missing = true
	}
	env.OpenWindow(launch)
	return 0
}

// newFlags is a flag set that says nothing itself: flagError speaks for it.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// flagError answers -h with the list of commands, and any other flag the
// command does not know, or a value it cannot read, with one sentence.
func flagError(stderr io.Writer, cmd string, err error) int {
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stderr, usage)
		return 2
	}
	i18n.SetLanguage(office.SystemLanguage())
	return argError(stderr, cmd, i18n.T("cli.bad_arguments", "detail", err.Error()))
}

// argError says what is wrong with the arguments of cmd, in one sentence
// in the user's language, and points to the list of commands.
func argError(stderr io.Writer, cmd, problem string) int {
	fmt.Fprintf(stderr, "%s: %s\n%s\n", cmd, problem, i18n.T("cli.see_help"))
	return 2
}

// runDemo writes the demo community into a new database file.
func runDemo(args []string, stderr io.Writer) int {
	i18n.SetLanguage(office.SystemLanguage())
	fs := newFlags("spilno demo")
	db := fs.String("db", "", "database file to write the demo into")
	referrals := fs.Int("referrals", demo.DefaultReferrals, "how many cases and referrals to write")
	if err := fs.Parse(args); err != nil {
		return flagError(stderr, "spilno demo", err)
	}
	switch {
	case *db == "":
		return argError(stderr, "spilno demo", i18n.T("cli.db_required"))
	case *referrals < 0 || *referrals > 1_000_000:
		return argError(stderr, "spilno demo", i18n.T("cli.bad_referrals"))
	}
	// The demo goes into a new file only, which a demo cut short (a full
	// disk) removes again: nothing of it is left half-written.
	if _, err := os.Stat(*db); !errors.Is(err, os.ErrNotExist) {
		fmt.Fprintln(stderr, "spilno:", i18n.T("cli.demo_exists", "path", *db))
		return 1
	}
	st, err := data.Open(*db, data.Options{})
	if err == nil {
		err = writeDemo(context.Background(), st, *referrals)
		st.Close()
		if err != nil {
			data.Discard(*db)
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "spilno:", office.ErrorMessage(err))
		return 1
	}
	return 0
}

// writeDemo writes the demo community; tests replace it to fail half-way.
var writeDemo = demo.WriteWith
