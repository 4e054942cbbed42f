package data

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

var ctx = context.Background()

// openTemp opens a new store on a file in a fresh temp folder.
func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "spilno.db"), Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustSave(t *testing.T, s *Store, o *Organization) {
	t.Helper()
	if err := s.SaveOrganization(ctx, o); err != nil {
		t.Fatalf("save %q: %v", o.Name, err)
	}
}

func wantCode(t *testing.T, err error, code Code) *Error {
	t.Helper()
	if ErrorCode(err) != code {
		t.Fatalf("want error code %q, got %v", code, err)
	}
	return AsError(err)
}

// prefixFS holds the first n embedded migrations: a database of an earlier
// Spilno, to migrate from.
func prefixFS(t *testing.T, n int) fstest.MapFS {
	t.Helper()
	all, err := loadMigrations(embeddedMigrations)
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for _, mig := range all[:n] {
		name := filepath.Join("migrations", strings.Join([]string{pad3(mig.version), mig.name}, "_")+".sql")
		m[filepath.ToSlash(name)] = &fstest.MapFile{Data: []byte(mig.sql)}
	}
	return m
}

func pad3(v int) string { s := "00" + itoa(v); return s[len(s)-3:] }
func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	var b []byte
	for ; v > 0; v /= 10 {
		b = append([]byte{byte('0' + v%10)}, b...)
	}
	return string(b)
}

// oldOrganization writes an organization as the first schema has it: the
// code of today writes columns an older schema lacks.
func oldOrganization(t *testing.T, s *Store, name string) {
	t.Helper()
	_, err := s.db.ExecContext(ctx, `INSERT INTO organizations(id, name, sector, search_text, created_at, updated_at)
		VALUES (?, ?, 'education', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`, name, name, Fold(name))
	if err != nil {
		t.Fatal(err)
	}
}

func TestMigrateFromEmptyAndFromEveryEarlierSchema(t *testing.T) {
	all, _ := loadMigrations(embeddedMigrations)
	latest := all[len(all)-1].version
	for n := 0; n < len(all); n++ {
		path := filepath.Join(t.TempDir(), "spilno.db")
		if n > 0 {
			old, err := open(path, Options{}, prefixFS(t, n))
			if err != nil {
				t.Fatalf("open with %d migrations: %v", n, err)
			}
			oldOrganization(t, old, "Служба у справах дітей")
			old.Close()
		}
		s, err := Open(path, Options{})
		if err != nil {
			t.Fatalf("migrate from %d: %v", n, err)
		}
		v, err := schemaVersion(ctx, s.db)
		if err != nil || v != latest {
			t.Fatalf("from %d: schema version %d (%v), want %d", n, v, err, latest)
		}
		orgs, err := s.Organizations(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 && len(orgs) != 1 {
			t.Fatalf("from %d: organizations after migration = %d, want 1", n, len(orgs))
		}
		backups, _ := ListBackups(path)
		if n > 0 && n < len(all) && len(backups) != 1 {
			t.Fatalf("from %d: want a pre-migration backup, have %v", n, backups)
		}
		s.Close()
	}
}

func TestMigrationFromPreviousSchemaWritesBackupFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spilno.db")
	// A database at schema 1 of a fictional Spilno whose next version adds a table.
	v1 := prefixFS(t, 1)
	old, err := open(path, Options{}, v1)
	if err != nil {
		t.Fatal(err)
	}
	oldOrganization(t, old, "Школа №1")
	old.Close()
	v2 := prefixFS(t, 1)
	v2["migrations/999_notes.sql"] = &fstest.MapFile{Data: []byte(`CREATE TABLE notes (id INTEGER PRIMARY KEY, organization_id TEXT REFERENCES organizations(id));`)}
	s, err := open(path, Options{}, v2)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := schemaVersion(ctx, s.db); v != 999 {
		t.Fatalf("version %d, want 999", v)
	}
	backups, _ := ListBackups(path)
	if len(backups) != 1 || backups[0].Reason != "migration" {
		t.Fatalf("want one migration backup, got %+v", backups)
	}
	// The backup holds the data as it was before the migration.
	b, err := open(backups[0].Path, Options{}, v1)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var name string // read as the old schema has it
	if err := b.db.QueryRowContext(ctx, `SELECT name FROM organizations`).Scan(&name); err != nil || name != "Школа №1" {
		t.Fatalf("backup lacks the organization: %q %v", name, err)
	}
}

func TestSaveOrganizationWritesAuditInSameChange(t *testing.T) {
	s := openTemp(t)
	if err := s.SaveSettings(ctx, Settings{Operator: "Олена Петрівна", Country: CountryUA, BackupKeep: 10, RetentionYears: 5}); err != nil {
		t.Fatal(err)
	}
	o := &Organization{Name: "Центр надання соціальних послуг", ShortName: "ЦНСП", Sector: SectorSocialServices,
		RegistryID: "4312 3456", Contacts: []Contact{{Name: "Ірина Коваль", Phone: "+380 67 123 45 67"}, {}}}
	mustSave(t, s, o)
	if o.ID == "" || len(o.ID) != 36 {
		t.Fatalf("want a UUID, got %q", o.ID)
	}
	o.Phone = "(0332) 2-11-22"
	mustSave(t, s, o)
	got, err := s.Organization(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.RegistryID != "43123456" || got.Phone != "(0332) 2-11-22" || len(got.Contacts) != 1 || got.Contacts[0].Name != "Ірина Коваль" {
		t.Fatalf("read back %+v", got)
	}
	log, err := s.AuditLog(ctx, "organization", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || log[0].Action != "update" || log[1].Action != "create" {
		t.Fatalf("audit rows %+v", log)
	}
	if log[0].Operator != "Олена Петрівна" || log[0].EntityID != o.ID || log[0].Summary != o.Name {
		t.Fatalf("audit row %+v", log[0])
	}
	// A refused save writes no audit row.
	o.Email = "not-an-email"
	wantCode(t, s.SaveOrganization(ctx, o), EInvalid)
	if log2, _ := s.AuditLog(ctx, "organization", 10); len(log2) != 2 {
		t.Fatalf("failed save wrote audit: %+v", log2)
	}
}

func TestSearchIgnoresCaseAndDiacritics(t *testing.T) {
	s := openTemp(t)
	for _, o := range []*Organization{
		{Name: "Центр соціальних служб", ShortName: "ССД", Sector: SectorChildService},
		{Name: "Sociální služba Hlučín", Sector: SectorSocialServices},
		{Name: "Miejski Ośrodek Pomocy Społecznej", ShortName: "MOPS", Sector: SectorSocialProtection, Address: "ul. Łódzka 5"},
		{Name: "Школа №2", Sector: SectorEducation, Contacts: []Contact{{Name: "Ганна Їжакевич"}}},
	} {
		mustSave(t, s, o)
	}
	cases := map[string][]string{
		"ССД":               {"Центр соціальних служб"},
		"ссд":               {"Центр соціальних служб"},
		"СОЦІАЛЬНИХ":        {"Центр соціальних служб"},
		"Sluzba":            {"Sociální služba Hlučín"},
		"SOCIALNI hlucin":   {"Sociální služba Hlučín"},
		"spolecznej lodzka": {"Miejski Ośrodek Pomocy Społecznej"},
		"їжакевич":          {"Школа №2"},
		"іжакевич":          {"Школа №2"},
		"служб":             {"Центр соціальних служб"},
		"nothing-like-it":   nil,
	}
	for q, want := range cases {
		got, err := s.Organizations(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, o := range got {
			names = append(names, o.Name)
		}
		if strings.Join(names, "|") != strings.Join(want, "|") {
			t.Errorf("search %q = %v, want %v", q, names, want)
		}
	}
	all, _ := s.Organizations(ctx, "  ")
	if len(all) != 4 {
		t.Fatalf("empty query gave %d, want 4", len(all))
	}
}

func TestDeleteRefusedWhileReferenced(t *testing.T) {
	s := openTemp(t)
	o := &Organization{Name: "Поліція", Sector: SectorPolice, Contacts: []Contact{{Name: "Черговий"}}}
	mustSave(t, s, o)
	// A table of a later feature that refers to organizations.
	if _, err := s.db.Exec(`CREATE TABLE later_feature (id INTEGER PRIMARY KEY,
		organization_id TEXT NOT NULL REFERENCES organizations(id))`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO later_feature(organization_id) VALUES (?), (?)`, o.ID, o.ID); err != nil {
		t.Fatal(err)
	}
	e := wantCode(t, s.DeleteOrganization(ctx, o.ID), EInUse)
	if e.Count != 2 {
		t.Fatalf("count %d, want 2", e.Count)
	}
	// The foreign key refuses as well, outside the store's check.
	if _, err := s.db.Exec(`DELETE FROM organizations WHERE id = ?`, o.ID); err == nil {
		t.Fatal("foreign key did not refuse the delete")
	}
	if _, err := s.db.Exec(`DELETE FROM later_feature`); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteOrganization(ctx, o.ID); err != nil {
		t.Fatalf("delete when unused: %v", err)
	}
	wantCode(t, func() error { _, err := s.Organization(ctx, o.ID); return err }(), ENotFound)
	var contacts int
	s.db.QueryRow(`SELECT count(*) FROM organization_contacts`).Scan(&contacts)
	if contacts != 0 {
		t.Fatalf("contacts left behind: %d", contacts)
	}
	log, _ := s.AuditLog(ctx, "organization", 1)
	if len(log) != 1 || log[0].Action != "delete" || log[0].Summary != "Поліція" {
		t.Fatalf("audit %+v", log)
	}
	wantCode(t, s.DeleteOrganization(ctx, o.ID), ENotFound)
}

func TestSecondOpenIsRefusedByTheLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spilno.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, s, &Organization{Name: "A", Sector: SectorOther})
	before, _ := os.ReadFile(path)
	_, err = Open(path, Options{})
	wantCode(t, err, ELocked)
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("the refused open changed the file")
	}
	s.Close()
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	s2.Close()
}

func TestBackupAndRestoreRoundTrip(t *testing.T) {
	s := openTemp(t)
	mustSave(t, s, &Organization{Name: "Перша", Sector: SectorOther})
	b, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b.Reason != "manual" || b.Size == 0 {
		t.Fatalf("backup %+v", b)
	}
	mustSave(t, s, &Organization{Name: "Друга", Sector: SectorOther})
	if err := s.Restore(ctx, b.Path); err != nil {
		t.Fatal(err)
	}
	orgs, err := s.Organizations(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs) != 1 || orgs[0].Name != "Перша" {
		t.Fatalf("after restore: %+v", orgs)
	}
	// The state before the restore was kept as a backup of its own.
	list, _ := ListBackups(s.Path())
	var pre *Backup
	for i := range list {
		if list[i].Reason == "restore" {
			pre = &list[i]
		}
	}
	if pre == nil {
		t.Fatalf("no pre-restore backup in %+v", list)
	}
	if err := s.Restore(ctx, pre.Path); err != nil {
		t.Fatal(err)
	}
	if orgs, _ := s.Organizations(ctx, ""); len(orgs) != 2 {
		t.Fatalf("undo of restore: %d organizations, want 2", len(orgs))
	}
	// Writing still works after restores.
	mustSave(t, s, &Organization{Name: "Третя", Sector: SectorOther})
	// A file that is not a backup is refused and changes nothing.
	junk := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(junk, []byte("hello"), 0o644)
	wantCode(t, s.Restore(ctx, junk), EBadBackup)
	if orgs, _ := s.Organizations(ctx, ""); len(orgs) != 3 {
		t.Fatalf("refused restore changed data: %d", len(orgs))
	}
}

func TestBackupsArePrunedToTheNewestN(t *testing.T) {
	clock := time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local)
	s := openOnClock(t, filepath.Join(t.TempDir(), "spilno.db"), func() time.Time { return clock }, 3, 5)
	var made []string
	for i := 0; i < 5; i++ {
		clock = clock.Add(time.Hour)
		b, err := s.BackupNow(ctx)
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, b.Path)
	}
	list, _ := ListBackups(s.Path())
	if len(list) != 3 || list[0].Path != made[4] || list[2].Path != made[2] {
		t.Fatalf("kept %+v", list)
	}
}

func TestDailyBackupOncePerDay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spilno.db")
	clock := time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local)
	opt := Options{DailyBackup: true, Now: func() time.Time { return clock }}
	for _, step := range []time.Duration{0, 2 * time.Hour, 24 * time.Hour} {
		clock = clock.Add(step)
		s, err := Open(path, opt)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	list, _ := ListBackups(path)
	if len(list) != 2 || list[0].Reason != "daily" {
		t.Fatalf("daily backups %+v", list)
	}
}

// organizationsWithBackup is an open database of 200 organizations, which
// fill many pages, and its backup.
func organizationsWithBackup(t *testing.T) (*Store, string, Backup) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "spilno.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		mustSave(t, s, &Organization{Name: strings.Repeat("Організація ", 10) + itoa(i), Sector: SectorNGO})
	}
	good, err := s.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return s, path, good
}

func TestCorruptDatabaseIsReportedWithTheNewestGoodBackup(t *testing.T) {
	s, path, good := organizationsWithBackup(t)
	s.Close()
	// Scribble over pages in the middle of the file, keeping the header.
	raw, _ := os.ReadFile(path)
	for i := 4096 * 2; i < len(raw)-4096; i++ {
		raw[i] = byte(i * 7)
	}
	os.WriteFile(path, raw, 0o644)
	_, err := Open(path, Options{})
	e := wantCode(t, err, ECorrupt)
	if e.Backup != good.Path {
		t.Fatalf("offered backup %q, want %q", e.Backup, good.Path)
	}
	if err := RestoreFile(path, e.Backup); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("open after restore: %v", err)
	}
	defer s.Close()
	if orgs, _ := s.Organizations(ctx, ""); len(orgs) != 200 {
		t.Fatalf("restored %d organizations, want 200", len(orgs))
	}
	kept, _ := filepath.Glob(path + ".broken-*")
	if len(kept) != 1 {
		t.Fatalf("the broken file was not kept aside: %v", kept)
	}
}

// A damaged page in one table leaves the file opening: the check that
// runs after start-up finds it and names the newest good backup.
func TestADamagedTableIsFoundByTheCheckAfterOpening(t *testing.T) {
	s, path, good := organizationsWithBackup(t)
	if err := s.Check(ctx); err != nil {
		t.Fatalf("a sound database fails its check: %v", err)
	}
	var page int64
	if err := s.db.QueryRow(`SELECT max(pageno) FROM dbstat WHERE name = 'organizations' AND pagetype = 'leaf'`).Scan(&page); err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, _ := os.ReadFile(path)
	for i := (page - 1) * 4096; i < page*4096; i++ {
		raw[i] = 0xFF
	}
	os.WriteFile(path, raw, 0o644)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("the damage is in one table's page, yet opening fails: %v", err)
	}
	defer s.Close()
	e := wantCode(t, s.Check(ctx), ECorrupt)
	if e.Backup != good.Path || e.Path != path {
		t.Fatalf("the check offers %q for %q, want %q for %q", e.Backup, e.Path, good.Path, path)
	}
}

// A database from a newer Spilno is refused before anything is written to
// it, whether it keeps a WAL or a rollback journal (which opening for
// writing would turn into a WAL).
func TestNewerSchemaIsRefusedAndUntouched(t *testing.T) {
	for _, journal := range []string{"WAL", "DELETE"} {
		path := filepath.Join(t.TempDir(), "spilno.db")
		s, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.db.Exec(`INSERT INTO schema_migrations(version, name, applied_at) VALUES (9999, 'future', '2030-01-01T00:00:00Z')`)
		if _, err := s.db.Exec(`PRAGMA journal_mode = ` + journal); err != nil {
			t.Fatal(err)
		}
		s.Close()
		before, _ := os.ReadFile(path)
		_, err = Open(path, Options{DailyBackup: true})
		wantCode(t, err, ENewer)
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Fatalf("%s: a refused newer database was changed", journal)
		}
		if list, _ := ListBackups(path); len(list) != 0 {
			t.Fatalf("%s: backups written for a refused file: %v", journal, list)
		}
	}
}

func TestForeignAndMissingFilesGetClearCodes(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "report.xlsx")
	content := []byte("PK\x03\x04 this is a spreadsheet, not a database")
	os.WriteFile(foreign, content, 0o644)
	_, err := Open(foreign, Options{})
	wantCode(t, err, ENotDB)
	if got, _ := os.ReadFile(foreign); !bytes.Equal(got, content) {
		t.Fatal("foreign file was changed")
	}
	_, err = Open(filepath.Join(dir, "no", "such", "folder", "x.db"), Options{})
	wantCode(t, err, ENoFolder)
	// An empty file (as a file manager's "new file" makes) becomes a database.
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	s, err := Open(empty, Options{})
	if err != nil {
		t.Fatalf("empty file: %v", err)
	}
	s.Close()
}

func TestReadOnlyFolderIsReported(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only folders; the mapping is covered by TestClassify")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	_, err := Open(filepath.Join(dir, "x.db"), Options{})
	wantCode(t, err, EReadOnly)
}

func TestSettingsRoundTripAndValidation(t *testing.T) {
	s := openTemp(t)
	got, err := s.Settings(ctx)
	if err != nil || !reflect.DeepEqual(got, DefaultSettings()) {
		t.Fatalf("defaults %+v %v", got, err)
	}
	want := Settings{Operator: "Jana Nováková", Community: "Hlučín", Country: CountryCZ, BackupKeep: 7, RetentionYears: 5,
		Letterhead: Letterhead{ParentBody: "MĚSTO HLUČÍN\nMĚSTSKÝ ÚŘAD", CoatOfArms: pngImage(t, 24, 34), AnnexLine: true}}
	if err := s.SaveSettings(ctx, want); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Settings(ctx); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v want %+v", got, want)
	}
	e := wantCode(t, s.SaveSettings(ctx, Settings{Country: "XX", BackupKeep: 0, RetentionYears: 5}), EInvalid)
	if len(e.Fields) != 2 {
		t.Fatalf("fields %+v", e.Fields)
	}
	bad := want
	bad.CoatOfArms, bad.ParentBody = []byte("GIF89a not an image we print"), "1\n2\n3\n4\n5"
	e = wantCode(t, s.SaveSettings(ctx, bad), EInvalid)
	rules := map[string]string{}
	for _, f := range e.Fields {
		rules[f.Field] = f.Rule
	}
	if rules["coat_of_arms"] != "image" || rules["parent_body"] != "lines" {
		t.Fatalf("a bad letterhead refused as %+v", e.Fields)
	}
	log, _ := s.AuditLog(ctx, "settings", 5)
	if _, values, _ := AuditNote(log[0].Summary); len(log) != 1 || log[0].Operator != "Jana Nováková" || !strings.Contains(strings.Join(values, " "), "country UA CZ") {
		t.Fatalf("settings audit %+v", log)
	}
}

// pngImage is a w×h PNG image.
func pngImage(t *testing.T, w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRegistryIDFollowsTheCountryProfile(t *testing.T) {
	s := openTemp(t)
	save := func(country Country, id string) error {
		if err := s.SaveSettings(ctx, Settings{Country: country, BackupKeep: 10, RetentionYears: 5}); err != nil {
			t.Fatal(err)
		}
		return s.SaveOrganization(ctx, &Organization{Name: "X " + id, Sector: SectorOther, RegistryID: id})
	}
	if err := save(CountryPL, "123-456-32-18"); err != nil {
		t.Fatalf("NIP with dashes: %v", err)
	}
	e := wantCode(t, save(CountryPL, "12345678"), EInvalid)
	if e.Fields[0] != (FieldError{"registry_id", "registry_length_pl", "10"}) {
		t.Fatalf("field %+v", e.Fields[0])
	}
	if err := save(CountryCZ, "25596641"); err != nil {
		t.Fatalf("IČO: %v", err)
	}
	if err := save(CountryUA, "43123456"); err != nil {
		t.Fatalf("ЄДРПОУ: %v", err)
	}
	e = wantCode(t, save(CountryUA, "4312345A"), EInvalid)
	if e.Fields[0].Rule != "digits_only" {
		t.Fatalf("field %+v", e.Fields[0])
	}
}

func TestClassify(t *testing.T) {
	for err, want := range map[error]Code{
		&os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}: EDiskFull,
		&os.PathError{Op: "open", Path: "x", Err: syscall.EACCES}:  EReadOnly,
		&os.PathError{Op: "open", Path: "x", Err: syscall.EROFS}:   EReadOnly,
		&Error{Code: EInUse}: EInUse,
	} {
		if got := classify("op", "x", err).Code; got != want {
			t.Errorf("classify(%v) = %s, want %s", err, got, want)
		}
	}
}

// One Spilno per database, whatever the path: a hard link, a symlink and a
// roundabout spelling of the path all meet the lock of the file itself.
func TestTheLockHoldsForEveryPathToTheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "spilno.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, s, &Organization{Name: "A", Sector: SectorOther})
	os.Mkdir(filepath.Join(dir, "sub"), 0o700)
	paths := map[string]string{
		"hard link": filepath.Join(dir, "link.db"),
		"symlink":   filepath.Join(dir, "sub", "shortcut.db"),
		"spelling":  filepath.Join(dir, "sub", "..", "spilno.db"),
	}
	if err := os.Link(path, paths["hard link"]); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(path, paths["symlink"]); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	for name, p := range paths {
		second, err := Open(p, Options{})
		if ErrorCode(err) != ELocked {
			t.Errorf("%s: want the database refused as locked, got %v", name, err)
		}
		if err == nil {
			second.Close()
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a refused open changed the file")
	}
	s.Close()
	for name, p := range paths {
		s, err := Open(p, Options{})
		if err != nil {
			t.Fatalf("%s after close: %v", name, err)
		}
		if orgs, _ := s.Organizations(ctx, ""); len(orgs) != 1 {
			t.Errorf("%s opens another database: %+v", name, orgs)
		}
		s.Close()
	}
}

// Work of this Spilno that holds the database too long is "busy", not
// "open in another window": the file lock keeps other Spilnos out.
func TestABusyDatabaseIsNotAnotherWindow(t *testing.T) {
	s := openTemp(t)
	tx, err := s.db.BeginTx(ctx, nil) // immediate: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	other, err := sql.Open("sqlite", "file:"+s.Path()+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	_, err = other.Exec(`UPDATE settings SET value = value`)
	if err == nil {
		t.Fatal("a second writer was let in")
	}
	wantCode(t, classify("save", s.Path(), err), EBusy)
}

// sqliteError stands for the driver's error with an extended result code.
type sqliteError int

func (e sqliteError) Error() string { return "sqlite error " + itoa(int(e)) }
func (e sqliteError) Code() int     { return int(e) }

// A full disk as the database opens (SQLite cannot grow the WAL index:
// SQLITE_IOERR_SHMSIZE, seen on a full 16 MB tmpfs) is "the disk is full".
func TestAFullDiskAtOpenIsADiskFull(t *testing.T) {
	for code, want := range map[int]Code{4874: EDiskFull, 13: EDiskFull, 10: EInternal, 5: EBusy, 8: EReadOnly} {
		if got := classify("open database", "/x/spilno.db", fmt.Errorf("connect: %w", sqliteError(code))).Code; got != want {
			t.Errorf("SQLite code %d: %q, want %q", code, got, want)
		}
	}
}

// Spilno never changes or removes an audit row: the database refuses it.
func TestTheAuditLogIsNeverChanged(t *testing.T) {
	s := openTemp(t)
	mustSave(t, s, &Organization{Name: "A", Sector: SectorOther})
	for _, sql := range []string{`UPDATE audit_log SET summary = 'інше'`, `DELETE FROM audit_log`} {
		if _, err := s.db.Exec(sql); err == nil || !strings.Contains(err.Error(), "never changed") {
			t.Errorf("%s: %v", sql, err)
		}
	}
	if log, _ := s.AuditLog(ctx, "organization", 10); len(log) != 1 || log[0].Summary != "A" {
		t.Fatalf("audit %+v", log)
	}
}

// The audit log is read by period (local days), operator, kind of record
// and action, newest first, and offers the values it holds as choices.
func TestTheAuditLogIsReadThroughItsFilters(t *testing.T) {
	clock := time.Date(2026, 11, 20, 23, 30, 0, 0, time.Local)
	s := openOnClock(t, filepath.Join(t.TempDir(), "spilno.db"), func() time.Time { return clock }, 10, 5)
	mustSave(t, s, &Organization{Name: "Перша", Sector: SectorOther}) // 20.11, no operator yet
	clock = clock.Add(time.Hour)                                      // 21.11, 00:30 local
	set, _ := s.Settings(ctx)
	set.Operator = "Олена Коваль"
	if err := s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	o := Organization{Name: "Друга", Sector: SectorOther}
	mustSave(t, s, &o)
	o.Name = "Друга змінена"
	mustSave(t, s, &o)
	for _, c := range []struct {
		f    AuditFilter
		want []string // summaries, newest first
	}{
		{AuditFilter{Entity: "organization"}, []string{"Друга змінена", "Друга", "Перша"}},
		{AuditFilter{Entity: "organization", From: "2026-11-21"}, []string{"Друга змінена", "Друга"}},
		{AuditFilter{Entity: "organization", To: "2026-11-20"}, []string{"Перша"}},
		{AuditFilter{Operator: "Олена Коваль", Action: "update", Entity: "organization"}, []string{"Друга змінена"}},
		{AuditFilter{Entity: "organization", Limit: 1}, []string{"Друга змінена"}},
	} {
		got, err := s.AuditEntries(ctx, c.f)
		if err != nil {
			t.Fatal(err)
		}
		var summaries []string
		for _, e := range got {
			if key, values, ok := AuditNote(e.Summary); ok && key == "renamed" && values[0] == "Друга" {
				e.Summary = values[1] // a rename names the old name and the new
			}
			summaries = append(summaries, e.Summary)
		}
		if !slices.Equal(summaries, c.want) {
			t.Errorf("%+v: %v, want %v", c.f, summaries, c.want)
		}
	}
	operators, entities, actions, err := s.AuditChoices(ctx)
	if err != nil || !slices.Equal(operators, []string{"Олена Коваль"}) || !slices.Contains(entities, "organization") ||
		!slices.Contains(actions, "create") || !slices.Contains(actions, "update") {
		t.Fatalf("choices %v %v %v %v", operators, entities, actions, err)
	}
}
