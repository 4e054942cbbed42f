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

	"spilno/app"
	"spilno/data"
	"spilno/demo"
)

const usage = `Usage:
  spilno [--db FILE | --demo]    open the window (default: the database in your data folder)
  spilno demo --db FILE          write the demo community into a new FILE, no window
  spilno export catalogue --format xlsx|pdf --out FILE [--lang uk] [--db FILE]
                                 write the public list of social services
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
		err = demo.Write(context.Background(), st)
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
	if len(args) == 0 || args[0] != "catalogue" {
		fmt.Fprint(stderr, "spilno export: say what to export (catalogue)\n", usage)
		return 2
	}
	fs := flag.NewFlagSet("spilno export catalogue", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", filepath.Join(dataDir(), "spilno.db"), "database file")
	format := fs.String("format", "", "xlsx or pdf")
	out := fs.String("out", "", "file to write")
	lang := fs.String("lang", "", "language of the report: uk, en, cs, pl (default: the system's)")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *out == "" || (*format != "xlsx" && *format != "pdf") {
		fmt.Fprint(stderr, "spilno export catalogue: --format xlsx|pdf and --out FILE are required\n", usage)
		return 2
	}
	app.SetLanguage(app.SystemLanguage())
	if *lang == "" {
		*lang = app.Language()
	}
	if !slices.Contains(app.Languages, *lang) {
		fmt.Fprintf(stderr, "spilno export catalogue: --lang is one of %v\n", app.Languages)
		return 2
	}
	if _, err := os.Stat(*db); err != nil {
		fmt.Fprintln(stderr, "spilno:", app.ErrorMessage(&data.Error{Code: data.ENotFound, Path: *db}))
		return 1
	}
	st, err := data.Open(*db, data.Options{})
	if err == nil {
		err = app.ExportCatalogue(context.Background(), st, data.ServiceFilter{}, *format, *out, *lang, nil)
		st.Close()
	}
	if err != nil {
		fmt.Fprintln(stderr, "spilno:", app.ErrorMessage(err))
		return 1
	}
	return 0
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
