package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"spilno/data"
)

func TestVersion(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"version"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if got := out.String(); got != "spilno "+version+"\n" {
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
	if code := run([]string{"demo", "--db", path}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "already holds data") {
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
	code := run([]string{"demo", "--db", path}, &out, &errOut)
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
