package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHSDSExportAndImportFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	db := demoIn(t, dir, "0")
	var out, errOut bytes.Buffer
	pkg := filepath.Join(dir, "package")
	if code := run([]string{"export", "hsds", "--format", "csv", "--out", pkg, "--db", db}, &out, &errOut); code != 0 {
		t.Fatalf("export: %s", errOut.String())
	}
	if _, err := os.Stat(filepath.Join(pkg, "datapackage.json")); err != nil {
		t.Fatal("no datapackage.json in the folder")
	}
	fresh := filepath.Join(dir, "fresh.db")
	if code := run([]string{"init", "--db", fresh, "--country", "ua", "--community", "Вишнівська громада"}, &out, &errOut); code != 0 {
		t.Fatalf("init: %s", errOut.String())
	}
	out.Reset()
	if code := run([]string{"import", "hsds", "--file", pkg, "--db", fresh, "--dry-run"}, &out, &errOut); code != 0 {
		t.Fatalf("dry run: %s", errOut.String())
	}
	if !strings.Contains(out.String(), "60 to add") {
		t.Fatalf("dry run printed %q", out.String())
	}
	out.Reset()
	run([]string{"import", "hsds", "--file", pkg, "--db", fresh}, &out, &errOut)
	out.Reset()
	run([]string{"import", "hsds", "--file", pkg, "--db", fresh, "--dry-run"}, &out, &errOut)
	if !strings.Contains(out.String(), "60 unchanged") {
		t.Fatalf("after the import, the same package would change: %q", out.String())
	}
	// The example package's dangling keys: exit 1, the reasons printed, nothing changed.
	out.Reset()
	errOut.Reset()
	code := run([]string{"import", "hsds", "--file", "../hsds/testdata/examples-csv", "--db", fresh}, &out, &errOut)
	if code != 1 || !strings.Contains(out.String(), "contacts.csv, 2") || !strings.Contains(errOut.String(), "Nothing was changed") {
		t.Fatalf("exit %d, %q, %q", code, out.String(), errOut.String())
	}
}

func TestTheRegisterIsRefusedOutsideCzechiaAndInitRefusesAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	db := demoIn(t, dir, "0")
	reg := filepath.Join(dir, "rpss.json")
	os.WriteFile(reg, []byte(`{"polozky": []}`), 0o644)
	var out, errOut bytes.Buffer
	if code := run([]string{"import", "rpss", "--file", reg, "--obec", "Brno", "--db", db}, &out, &errOut); code != 1 ||
		!strings.Contains(errOut.String(), "CZ") {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	errOut.Reset()
	if code := run([]string{"import", "rpss", "--file", reg, "--db", db}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "--obec") {
		t.Fatalf("no area: exit %d: %s", code, errOut.String())
	}
	errOut.Reset()
	if code := run([]string{"export", "hsds", "--format", "csv", "--out", filepath.Join(dir, "x.json"), "--db", db}, &out, &errOut); code != 2 {
		t.Fatalf("a CSV package into x.json: exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.json")); err == nil {
		t.Fatal("x.json was made")
	}
	errOut.Reset()
	if code := run([]string{"init", "--db", db, "--country", "CZ"}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "already exists") {
		t.Fatalf("init over a database: exit %d: %s", code, errOut.String())
	}
}
