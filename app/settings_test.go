package app

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"spilno/data"
	"spilno/i18n"
	"spilno/office"
)

func showSettings(t *testing.T, language string) (*settingsScreen, *testUI) {
	t.Helper()
	return openScreen[*settingsScreen](t, language, "nav.settings", noDemo)
}

func TestSettingsAreSavedAndTheOperatorSignsChanges(t *testing.T) {
	s, ui := showSettings(t, "uk")
	ui.typeText(s.operator, "Олена Петрівна")
	ui.typeText(s.community, "Вишнівська громада")
	s.country.setKey(data.CountryCZ)
	s.keep.SetText("5")
	ui.tap(s.saveButton)
	ui.wantText("Налаштування збережено.")
	set, _ := ui.store.Settings(ctx)
	if set.Operator != "Олена Петрівна" || set.Community != "Вишнівська громада" || set.Country != data.CountryCZ || set.BackupKeep != 5 {
		t.Fatalf("stored %+v", set)
	}
	mustSaveOrg(t, ui, "Obecní úřad", data.SectorLocalGovernment)
	log, _ := ui.store.AuditLog(ctx, "organization", 1)
	if len(log) != 1 || log[0].Operator != "Олена Петрівна" {
		t.Fatalf("audit %+v", log)
	}
}

func TestSettingsRefuseABadNumberAndKeepIt(t *testing.T) {
	s, ui := showSettings(t, "en")
	s.keep.SetText("ten")
	ui.tap(s.saveButton)
	ui.wantText("Backups to keep: a whole number")
	if s.keep.Text != "ten" {
		t.Fatal("typed text lost")
	}
	s.keep.SetText("0")
	ui.tap(s.saveButton)
	ui.wantText("Backups to keep: must be between 1–1000")
	s.keep.SetText("10")
	s.suppress.SetText("25")
	ui.tap(s.saveButton)
	ui.wantText("Hide counts in statistics up to: must be between 0–20")
	if set, _ := ui.store.Settings(ctx); set.BackupKeep != data.DefaultBackupKeep {
		t.Fatalf("bad value stored: %d", set.BackupKeep)
	}
}

func TestLanguageSwitchesTheWholeWindowAndIsRemembered(t *testing.T) {
	s, ui := showSettings(t, "en")
	ui.wantText("Organizations")
	s.language.SetSelectedIndex(0) // Українська
	ui.settle()
	if Language() != "uk" {
		t.Fatalf("language %s", Language())
	}
	ui.wantText("Організації")
	ui.wantNoText("Organizations")
	if got := ui.app.Preferences().String(prefLanguage); got != "uk" {
		t.Fatalf("preference %q", got)
	}
	// With typed, unsaved settings the switch waits, so nothing is lost.
	ui.settle()
	s2 := ui.screens[ui.current].(*settingsScreen)
	ui.typeText(s2.operator, "Іван")
	s2.language.SetSelectedIndex(2) // Čeština
	if Language() != "uk" || s2.operator.Text != "Іван" {
		t.Fatalf("language %s, operator %q", Language(), s2.operator.Text)
	}
	ui.wantText("Перш ніж змінити мову")
}

func TestBackUpNowAndRestoreFromSettings(t *testing.T) {
	s, ui := showSettings(t, "en")
	mustSaveOrg(t, ui, "Before the backup", data.SectorOther)
	ui.tapButton("Back up now")
	if len(s.backups) != 1 {
		t.Fatalf("backups listed: %d", len(s.backups))
	}
	ui.wantText("by hand")
	ui.wantText("Backup written")
	if fi, err := os.Stat(s.backups[0].Path); err != nil || fi.Size() == 0 {
		t.Fatalf("the backup on disk: %v", err)
	}
	mustSaveOrg(t, ui, "After the backup", data.SectorOther)
	s.backupList.Select(0)
	ui.tap(s.restoreButton)
	ui.wantText("Replace the current data with the backup")
	ui.tapButton("Restore")
	ui.wantText("is back")
	orgs, _ := ui.store.Organizations(ctx, "")
	if len(orgs) != 1 || orgs[0].Name != "Before the backup" {
		t.Fatalf("after restore %+v", orgs)
	}
	// The window shows the restored data, and the restore can be undone.
	ui.tapButton("OK")
	ui.open("nav.organizations")
	ui.wantText("Before the backup")
	ui.wantNoText("After the backup")
	ui.open("nav.settings")
	ui.wantText("before restore")
}

func TestARestoreOfABrokenBackupSaysSoAndChangesNothing(t *testing.T) {
	s, ui := showSettings(t, "uk")
	mustSaveOrg(t, ui, "Служба у справах дітей", data.SectorChildService)
	ui.tapButton("Створити копію зараз")
	if err := os.WriteFile(s.backups[0].Path, []byte("not a database at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.backupList.Select(0)
	ui.tap(s.restoreButton)
	ui.tapButton("Відновити")
	ui.wantText("не можна використати")
	if orgs, _ := ui.store.Organizations(ctx, ""); len(orgs) != 1 {
		t.Fatalf("after the refused restore: %+v", orgs)
	}
}

func TestHolidaysAreEditedInSettings(t *testing.T) {
	s, ui := showSettings(t, "uk")
	ui.tapButton("Святкові дні…")
	e := s.holidays
	if !strings.Contains(e.text.Text, "2026-08-24 День Незалежності України") {
		t.Fatalf("shipped holidays missing: %q", e.text.Text)
	}
	e.text.SetText("2026-12-25 Різдво\n25.12.2026 неправильний формат")
	e.save()
	ui.settle()
	if !strings.Contains(e.problem.Text, "Рядок 2") || s.holidays == nil {
		t.Fatalf("bad line accepted: %q", e.problem.Text)
	}
	e.text.SetText("2026-12-25 Різдво Христове\n2027-01-01 Новий рік")
	e.save()
	ui.settle()
	got, _ := ui.store.Holidays(ctx, data.CountryUA)
	if len(got) != 2 || got[1].Name != "Новий рік" {
		t.Fatalf("stored %+v", got)
	}
}

func TestANameTypedWithoutItsEndingGetsItAndAskBeforeReplacing(t *testing.T) {
	_, ui := openScreen[*reportsScreen](t, "en", "nav.reports", 0)
	ui.files.typed = "brochure"
	ui.tapButton("Public list of social services (PDF booklet)")
	ui.wantText("Saved as “brochure.pdf”")
	ui.tapButton("OK")
	brochure := filepath.Join(ui.files.dir, "brochure.pdf")
	if text := pdfText(t, brochure); !strings.Contains(text, "Public list of social services") {
		t.Fatalf("brochure.pdf:\n%.300s", text)
	}
	// brochure.pdf is there now: typing "brochure" again asks first.
	if err := os.WriteFile(brochure, []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	ui.tapButton("Public list of social services (PDF booklet)")
	ui.wantText("“brochure.pdf” already exists")
	ui.tapButton("Cancel")
	if got, _ := os.ReadFile(brochure); string(got) != "kept" {
		t.Fatal("the file was replaced without the user's word")
	}
	ui.tapButton("Public list of social services (PDF booklet)")
	ui.tapButton("Replace")
	if got, _ := os.ReadFile(brochure); string(got) == "kept" {
		t.Fatal("the file was not replaced")
	}
}

// The audit log opens from Settings, lists what was done, newest first,
// narrows by kind of record and writes what it shows to a spreadsheet.
func TestTheAuditLogIsReadAndExportedFromSettings(t *testing.T) {
	s, ui := showSettings(t, "uk")
	ui.typeText(s.operator, "Олена Петрівна")
	ui.tap(s.saveButton)
	mustSaveOrg(t, ui, "Служба у справах дітей", data.SectorChildService)
	mustSaveOrg(t, ui, "Вишнівський ліцей № 1", data.SectorEducation)
	ui.tapButton("Журнал дій…")
	ui.wantText("Журнал дій")
	ui.wantText("3 записи")
	if got := ui.tableTexts(&s.audit.table.Table); !strings.Contains(got, "Вишнівський ліцей № 1") || !strings.Contains(got, "Олена Петрівна") ||
		!strings.Contains(got, "Організація") || !strings.Contains(got, "Створено") {
		t.Fatalf("the log shows:\n%s", got)
	}
	s.audit.table.Select(widget.TableCellID{Row: 0, Col: 5})
	if got := s.audit.detail.Text; !strings.Contains(got, "Олена Петрівна · Організація") || !strings.Contains(got, "Вишнівський ліцей № 1") {
		t.Errorf("the chosen row reads %q", got)
	}
	s.audit.from.SetText("31.02.2026")
	ui.settle()
	ui.wantText("З (дата): недійсна дата")
	s.audit.from.SetText("")
	s.audit.entity.setKey("organization")
	ui.settle()
	ui.wantText("2 записи")
	ui.tapButton("Журнал (XLSX)…")
	ui.wantText("Звіт сформовано")
	f, err := excelize.OpenFile(ui.files.saved[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Журнал дій")
	if len(rows) != 3 || rows[1][2] != "Організація" || rows[1][5] != "Вишнівський ліцей № 1" || rows[2][5] != "Служба у справах дітей" {
		t.Fatalf("the file holds %q", rows)
	}
}

// The letterhead is set in Settings: a file that is no image is refused
// under its field and changes nothing; a PNG is shown, saved and prints
// over the protocol with the annex line.
func TestTheLetterheadIsSetInSettingsAndHeadsTheProtocol(t *testing.T) {
	s, ui := openScreen[*settingsScreen](t, "uk", "nav.settings", 0) // the demo's approved protocol
	ui.typeText(s.letterhead.parentBody, "Україна\nВишнівська міська рада")
	ui.files.pick(t, "герб.png", "це не зображення")
	ui.tapButton("Вибрати зображення…")
	ui.wantText("має бути зображення PNG, JPEG")
	var arms bytes.Buffer
	if err := png.Encode(&arms, image.NewRGBA64(image.Rect(0, 0, 60, 85))); err != nil {
		t.Fatal(err)
	}
	ui.files.pick(t, "герб.png", arms.String())
	ui.tapButton("Вибрати зображення…")
	ui.wantText(i18n.FormatSize(int64(arms.Len())))
	ui.tap(s.letterhead.protocol)
	ui.tap(s.letterhead.annex)
	ui.tap(s.saveButton)
	ui.wantText("Налаштування збережено.")
	set, _ := ui.store.Settings(ctx)
	if set.ParentBody != "Україна\nВишнівська міська рада" || !bytes.Equal(set.CoatOfArms, arms.Bytes()) || !set.ProtocolLetterhead || !set.AnnexLine {
		t.Fatalf("stored letterhead %+v", set.Letterhead)
	}
	path := filepath.Join(t.TempDir(), "протокол.pdf")
	if err := office.ExportProtocol(ctx, ui.store, 1, "pdf", office.Document{Path: path, Lang: "uk"}); err != nil {
		t.Fatal(err)
	}
	if text := strings.Join(strings.Fields(pdfText(t, path)), " "); !strings.Contains(text, "УКРАЇНА ВИШНІВСЬКА МІСЬКА РАДА") ||
		!strings.Contains(text, "Додаток до рішення") || !strings.Contains(text, "№ 125 ЗАТВЕРДЖЕНО") {
		t.Fatalf("the protocol is not headed by the letterhead:\n%.500s", text)
	}
}
