package app

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"spilno/data"
	"spilno/office"
)

// newTestStarter is the window from start-up on, with its background work
// handed to the test goroutine as in newTestUI.
func newTestStarter(t *testing.T, language string) (*starter, *testUI) {
	t.Helper()
	a := test.NewTempApp(t)
	SetLanguage(language)
	t.Cleanup(func() { SetLanguage("en") })
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1200, 800))
	s := newStarter(a, w)
	tu := &testUI{UI: &UI{runner: s.runner}, t: t, queue: make(chan func(), 100000)}
	s.do = func(f func()) { tu.queue <- f }
	t.Cleanup(func() {
		s.leave()
		tu.settle()
		if s.ui != nil {
			s.ui.store.Close()
		}
		w.Close()
	})
	return s, tu
}

// damagedTable writes a database of 200 organizations with a backup, then
// breaks one page of the organizations table: the file still opens, and
// only the check finds the damage.
func damagedTable(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "spilno.db")
	st, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		o := data.Organization{Name: fmt.Sprintf("%s%d", strings.Repeat("Організація ", 10), i), Sector: data.SectorNGO}
		if err := st.SaveOrganization(ctx, &o); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.BackupNow(ctx); err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var page int64
	err = db.QueryRow(`SELECT max(pageno) FROM dbstat WHERE name = 'organizations' AND pagetype = 'leaf'`).Scan(&page)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := (page - 1) * 4096; i < page*4096; i++ {
		raw[i] = 0xFF
	}
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The check runs after the first screen shows; when it finds the file
// damaged, the window closes the database and offers the newest good
// backup, and restoring it opens the restored data.
func TestADamagedDatabaseFoundAfterStartOffersItsBackup(t *testing.T) {
	path := damagedTable(t)
	s, tu := newTestStarter(t, "uk")
	s.open(path, false)
	tu.settle()
	if s.ui != nil {
		t.Fatal("the window goes on working on a damaged database")
	}
	tu.wantText("пошкоджена")
	tu.tapButton(T("settings.restore"))
	if s.ui == nil {
		t.Fatalf("the restored database did not open:\n%s", tu.textsNow())
	}
	if n, err := s.ui.store.CountOrganizations(ctx); err != nil || n != 200 {
		t.Fatalf("the restored database has %d organizations (%v), want 200", n, err)
	}
	if kept, _ := filepath.Glob(path + ".broken-*"); len(kept) != 1 {
		t.Fatalf("the damaged file was not kept beside it: %v", kept)
	}
}

// A sound database opens to the dashboard and is backed up once a day,
// after its check.
func TestASoundDatabaseIsCheckedAndBackedUpAfterStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spilno.db")
	s, tu := newTestStarter(t, "en")
	s.open(path, false)
	tu.settle()
	if s.ui == nil {
		t.Fatalf("the database did not open:\n%s", tu.textsNow())
	}
	if list, _ := data.ListBackups(path); len(list) != 1 || list[0].Reason != "daily" {
		t.Fatalf("backups after start: %+v", list)
	}
}

// A database named on the command line that does not exist is made only
// when the user says so.
func TestAMistypedDatabaseIsCreatedOnlyWhenAsked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spilnp.db")
	s, tu := newTestStarter(t, "uk")
	s.askToCreate(path)
	tu.settle()
	tu.wantText("Файлу " + path + " немає")
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the database was made before the user answered")
	}
	tu.tapButton(T("start.create"))
	if s.ui == nil {
		t.Fatalf("the new database did not open:\n%s", tu.textsNow())
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no database after Create: %v", err)
	}
}

// A database in a synchronised folder is opened only after a warning that
// says why and what to do.
func TestADatabaseInASyncedFolderIsOpenedAfterAWarning(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Dropbox", "spilno.db")
	os.MkdirAll(filepath.Dir(path), 0o700)
	s, tu := newTestStarter(t, "en")
	s.start(office.Launch{DBPath: path, Missing: true})
	tu.settle()
	tu.wantText("a cloud service synchronises")
	if s.ui != nil {
		t.Fatal("the database opened before the warning was answered")
	}
	tu.tapButton(T("start.open_anyway"))
	tu.tapButton(T("start.create"))
	if s.ui == nil {
		t.Fatalf("the database did not open:\n%s", tu.textsNow())
	}
}
