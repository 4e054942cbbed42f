package cli

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"spilno/data"
	"spilno/office"
)

// run runs the command line as main does, with a window that must not open.
func run(args []string, stdout, stderr *bytes.Buffer) int {
	return Run(args, Env{Version: "test", Stdout: stdout, Stderr: stderr,
		OpenWindow: func(office.Launch) { panic("a headless command opened the window") }})
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
