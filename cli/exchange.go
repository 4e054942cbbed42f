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

	"spilno/data"
	"spilno/i18n"
	"spilno/office"
	"spilno/rpss"
)

// checkHSDSFormat: json or csv, from --format or from how --out ends; a
// CSV package without .zip is a folder.
func (a *exportArgs) checkHSDSFormat(ext string) string {
	switch {
	case a.format == "" && ext == "json":
		a.format = "json"
	case a.format == "" && ext == "zip":
		a.format = "csv"
	}
	switch {
	case a.format != "json" && a.format != "csv":
		return i18n.T("cli.bad_hsds_format")
	case a.format == "json" && ext != "json":
		return i18n.T("cli.format_mismatch", "ext", "."+ext, "format", "JSON")
	case a.format == "csv" && ext != "" && ext != "zip":
		return i18n.T("cli.format_mismatch", "ext", "."+ext, "format", "CSV (.zip)")
	}
	return ""
}

// importArgs are the arguments of `spilno import hsds|rpss`.
type importArgs struct {
	what, db, file, codeLists string
	area                      rpss.Area
	dryRun                    bool
}

func parseImport(args []string, stderr io.Writer) (importArgs, bool) {
	var a importArgs
	if len(args) > 0 {
		a.what = args[0]
	}
	if a.what != "hsds" && a.what != "rpss" {
		argError(stderr, "spilno import", i18n.T("cli.import_what"))
		return a, false
	}
	fs := newFlags("spilno import " + a.what)
	fs.StringVar(&a.db, "db", office.DatabasePath(), "database file")
	fs.StringVar(&a.file, "file", "", "the file (or folder) to import")
	fs.BoolVar(&a.dryRun, "dry-run", false, "print the preview only")
	fs.StringVar(&a.codeLists, "codelists", "", "rpss: the folder of the code lists (default: the file's)")
	fs.StringVar(&a.area.Region, "kraj", "", "rpss: the region")
	fs.StringVar(&a.area.District, "okres", "", "rpss: the district")
	fs.StringVar(&a.area.Municipality, "obec", "", "rpss: the municipality")
	if err := fs.Parse(args[1:]); err != nil {
		flagError(stderr, "spilno import "+a.what, err)
		return a, false
	}
	given := 0
	for _, v := range []string{a.area.Region, a.area.District, a.area.Municipality} {
		if v != "" {
			given++
		}
	}
	switch {
	case a.file == "":
		argError(stderr, "spilno import "+a.what, i18n.T("cli.file_required"))
		return a, false
	case a.what == "rpss" && given != 1:
		argError(stderr, "spilno import rpss", i18n.T("cli.area_required"))
		return a, false
	}
	if a.what == "rpss" && a.codeLists == "" {
		a.codeLists = filepath.Dir(a.file)
	}
	return a, true
}

// runImport reads, previews and (unless --dry-run, or anything is
// refused) imports; it exits 1 when anything is refused, changing nothing.
func runImport(args []string, stdout, stderr io.Writer) int {
	i18n.SetLanguage(office.SystemLanguage())
	a, ok := parseImport(args, stderr)
	if !ok {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "spilno:", office.ErrorMessage(err))
		return 1
	}
	if fi, err := os.Stat(a.db); err != nil || fi.Size() == 0 { // an import never makes a database
		return fail(&data.Error{Code: data.ENoFile, Path: a.db})
	}
	st, err := data.Open(a.db, data.Options{})
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	ctx := context.Background()
	var in *data.Incoming
	if a.what == "hsds" {
		in, err = office.ReadHSDS(ctx, st, a.file)
	} else {
		in, err = office.ReadRegister(ctx, st, office.Register{File: a.file, CodeLists: a.codeLists, Area: a.area}, nil)
	}
	if err != nil {
		return fail(err)
	}
	plan, err := st.PlanExchange(ctx, in, nil)
	if err != nil {
		return fail(err)
	}
	printPlan(stdout, plan)
	if len(plan.Rejected) > 0 || len(plan.Unmapped) > 0 {
		fmt.Fprintln(stderr, "spilno:", i18n.T("cli.import_refused"))
		return 1
	}
	if a.dryRun {
		fmt.Fprintln(stdout, i18n.T("cli.dry_run"))
		return 0
	}
	done, err := st.ApplyExchange(ctx, in, nil)
	if err != nil {
		return fail(err)
	}
	for _, l := range office.DoneSummary(done) {
		fmt.Fprintln(stdout, l)
	}
	return 0
}

// printPlan prints the summary, then what is refused, the terms without
// an entry and what the register no longer has.
func printPlan(w io.Writer, p data.ExchangePlan) {
	for _, l := range office.PlanSummary(p) {
		fmt.Fprintln(w, l)
	}
	for _, r := range p.Rejected {
		fmt.Fprintln(w, "  ✗", office.RejectionText(r))
	}
	for _, t := range p.Unmapped {
		fmt.Fprintln(w, "  ?", i18n.T("cli.unmapped_term", "term", t.Label()))
	}
	for _, g := range p.Gone {
		fmt.Fprintln(w, "  -", g)
	}
}

// runInit creates an empty database of a country profile.
func runInit(args []string, stdout, stderr io.Writer) int {
	i18n.SetLanguage(office.SystemLanguage())
	fs := newFlags("spilno init")
	db := fs.String("db", "", "the database file to create")
	country := fs.String("country", "", "UA, CZ or PL")
	community := fs.String("community", "", "the community's name")
	if err := fs.Parse(args); err != nil {
		return flagError(stderr, "spilno init", err)
	}
	c := data.Country(strings.ToUpper(*country))
	switch {
	case *db == "":
		return argError(stderr, "spilno init", i18n.T("cli.db_required"))
	case !slices.Contains(data.Countries, c):
		return argError(stderr, "spilno init", i18n.T("cli.country_required"))
	}
	if _, err := os.Stat(*db); !errors.Is(err, os.ErrNotExist) {
		fmt.Fprintln(stderr, "spilno:", i18n.T("cli.init_exists", "path", *db))
		return 1
	}
	err := office.CreateDatabase(context.Background(), *db, c, *community)
	if err != nil {
		fmt.Fprintln(stderr, "spilno:", office.ErrorMessage(err))
		return 1
	}
	fmt.Fprintln(stdout, i18n.T("cli.written", "path", *db))
	return 0
}
