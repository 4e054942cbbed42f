package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"spilno/data"
)

func showSettings(t *testing.T, language string) (*settingsScreen, *UI) {
	t.Helper()
	return openScreen[*settingsScreen](t, language, "nav.settings", noDemo)
}

func TestSettingsAreSavedAndTheOperatorSignsChanges(t *testing.T) {
	s, ui := showSettings(t, "uk")
	test.Type(s.operator, "Олена Петрівна")
	test.Type(s.community, "Вишнівська громада")
	s.country.setKey(data.CountryCZ)
	s.keep.SetText("5")
	test.Tap(s.saveButton)
	wantText(t, ui.win, "Налаштування збережено.")
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
	test.Tap(s.saveButton)
	wantText(t, ui.win, "Backups to keep: a whole number")
	if s.keep.Text != "ten" {
		t.Fatal("typed text lost")
	}
	s.keep.SetText("0")
	test.Tap(s.saveButton)
	wantText(t, ui.win, "Backups to keep: must be between 1–1000")
	if set, _ := ui.store.Settings(ctx); set.BackupKeep != data.DefaultBackupKeep {
		t.Fatalf("bad value stored: %d", set.BackupKeep)
	}
}

func TestLanguageSwitchesTheWholeWindowAndIsRemembered(t *testing.T) {
	s, ui := showSettings(t, "en")
	wantText(t, ui.win, "Organizations")
	s.language.SetSelectedIndex(0) // Українська
	if Language() != "uk" {
		t.Fatalf("language %s", Language())
	}
	wantText(t, ui.win, "Організації")
	wantNoText(t, ui.win, "Organizations")
	if got := ui.app.Preferences().String(prefLanguage); got != "uk" {
		t.Fatalf("preference %q", got)
	}
	// With typed, unsaved settings the switch waits, so nothing is lost.
	s2 := ui.screens[ui.current].(*settingsScreen)
	test.Type(s2.operator, "Іван")
	s2.language.SetSelectedIndex(2) // Čeština
	if Language() != "uk" || s2.operator.Text != "Іван" {
		t.Fatalf("language %s, operator %q", Language(), s2.operator.Text)
	}
	wantText(t, ui.win, "Перш ніж змінити мову")
}

func TestBackupNowAndRestoreFromSettings(t *testing.T) {
	s, ui := showSettings(t, "en")
	mustSaveOrg(t, ui, "Before the backup", data.SectorOther)
	if _, err := ui.store.BackupNow(ctx); err != nil {
		t.Fatal(err)
	}
	s.reloadBackups()
	if len(s.backups) != 1 {
		t.Fatalf("backups listed: %d", len(s.backups))
	}
	wantText(t, ui.win, "by hand")
	mustSaveOrg(t, ui, "After the backup", data.SectorOther)
	s.backupList.Select(0)
	test.Tap(s.restoreButton)
	wantText(t, ui.win, "Replace the current data with the backup")
	if err := ui.store.Restore(ctx, s.backups[0].Path); err != nil { // what the confirmed dialog runs
		t.Fatal(err)
	}
	orgs, _ := ui.store.Organizations(ctx, "")
	if len(orgs) != 1 || orgs[0].Name != "Before the backup" {
		t.Fatalf("after restore %+v", orgs)
	}
}

func TestHolidaysAreEditedInSettings(t *testing.T) {
	s, ui := showSettings(t, "uk")
	s.editHolidays()
	e := s.holidays
	if !strings.Contains(e.text.Text, "2026-08-24 День Незалежності України") {
		t.Fatalf("shipped holidays missing: %q", e.text.Text)
	}
	e.text.SetText("2026-12-25 Різдво\n25.12.2026 неправильний формат")
	e.save()
	if !strings.Contains(e.problem.Text, "Рядок 2") || s.holidays == nil {
		t.Fatalf("bad line accepted: %q", e.problem.Text)
	}
	e.text.SetText("2026-12-25 Різдво Христове\n2027-01-01 Новий рік")
	e.save()
	got, _ := ui.store.Holidays(ctx, data.CountryUA)
	if len(got) != 2 || got[1].Name != "Новий рік" {
		t.Fatalf("stored %+v", got)
	}
}
