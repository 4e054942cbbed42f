package app

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"spilno/data"
	"spilno/i18n"
	"spilno/office"
)

// settingsStore is what the Settings screen needs of the store.
type settingsStore interface {
	Settings(ctx context.Context) (data.Settings, error)
	SaveSettings(ctx context.Context, set data.Settings) error
	BackupNow(ctx context.Context) (data.Backup, error)
	Restore(ctx context.Context, backupPath string) error
	Path() string
	Holidays(ctx context.Context, country data.Country) ([]data.Holiday, error)
	SaveHolidays(ctx context.Context, country data.Country, list []data.Holiday) error
	auditStore
}

// settingsScreen holds the database's settings, the interface language
// and the backups.
type settingsScreen struct {
	ui    *UI
	store settingsStore

	operator, community, keep *entry
	casePrefix, retention     *entry
	suppress                  *entry
	letterhead                *letterheadForm
	loaded                    data.Settings
	country                   *choice[data.Country]
	language                  *selectBox
	fields                    []*field
	status                    *widget.Label
	saveButton                *widget.Button
	dirty                     bool

	backups       []data.Backup
	backupList    *widget.List
	chosenBackup  int
	restoreButton *widget.Button
	backupStatus  *widget.Label
	holidays      *holidayEditor
	audit         *auditLog // the audit log dialog, once opened
	loadStatus    *widget.Label
	body          *fyne.Container
}

func newSettingsScreen(ui *UI, st settingsStore) *settingsScreen {
	return &settingsScreen{ui: ui, store: st}
}

func (s *settingsScreen) titleKey() string    { return "nav.settings" }
func (s *settingsScreen) icon() fyne.Resource { return theme.SettingsIcon() }
func (s *settingsScreen) unsaved() bool       { return s.dirty }

func (s *settingsScreen) build(at place) fyne.CanvasObject {
	s.loadStatus = widget.NewLabel("")
	s.body = container.NewStack(s.loadStatus)
	s.dirty = false
	load(s.ui.runner, nil, s.loadStatus, s.store.Settings, func(set data.Settings) {
		s.body.Objects = []fyne.CanvasObject{s.buildForm(set)}
		s.body.Refresh()
		if at.backUp {
			s.backupNow()
		}
	})
	return s.body
}

// buildForm lays out the settings read from the database.
func (s *settingsScreen) buildForm(set data.Settings) fyne.CanvasObject {
	s.loaded = set
	changed := func(string) {
		s.dirty = true
		if s.status != nil && s.status.Importance == widget.SuccessImportance {
			setStatus(s.status, "", widget.MediumImportance) // "saved" is no longer true
		}
	}
	entry := func(key, value string) *entry {
		e := newEntry()
		e.SetText(value)
		e.OnChanged = changed
		s.fields = append(s.fields, newField(key, e))
		return e
	}
	s.fields = nil
	s.operator = entry("operator", set.Operator)
	s.operator.SetPlaceHolder(T("settings.operator_hint"))
	s.community = entry("community", set.Community)
	s.country = newChoice(data.Countries, func(c data.Country) string { return T("country." + string(c)) }, func() { changed("") })
	s.country.setKey(set.Country)
	s.fields = append(s.fields, newField("country", s.country.selectBox))
	s.keep = entry("backup_keep", strconv.Itoa(set.BackupKeep))
	s.casePrefix = entry("case_prefix", set.CasePrefix)
	s.casePrefix.SetPlaceHolder(T("settings.case_prefix_hint"))
	s.retention = entry("retention_years", strconv.Itoa(set.RetentionYears))
	s.suppress = entry("suppress_below", strconv.Itoa(set.SuppressBelow))
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Hide()
	s.saveButton = widget.NewButtonWithIcon(T("button.save"), theme.DocumentSaveIcon(), s.save)
	s.saveButton.Importance = widget.HighImportance
	s.language = newSelect(names(Languages, func(code string) string { return i18n.Names[code] }), nil)
	s.language.SetSelectedIndex(slices.Index(Languages, Language()))
	s.language.OnChanged = func(string) { s.chooseLanguage(Languages[s.language.SelectedIndex()]) }
	s.letterhead = newLetterheadForm(s, set.Letterhead, func() { changed("") })
	dbPath := widget.NewLabel(s.store.Path())
	dbPath.Selectable = true
	dbPath.Wrapping = fyne.TextWrapBreak
	top := container.NewVBox(
		heading(T("settings.community_heading")),
		formGrid(s.fields...),
		widget.NewSeparator(),
		heading(T("settings.letterhead")),
		s.letterhead.build(),
		s.status,
		actionRow(s.saveButton, widget.NewButtonWithIcon(T("settings.holidays"), theme.CalendarIcon(), s.editHolidays),
			widget.NewButtonWithIcon(T("audit.open"), theme.ListIcon(), s.showAuditLog)),
		widget.NewSeparator(),
		heading(T("settings.interface_heading")),
		formGrid(newField("language", s.language)),
		widget.NewSeparator(),
		heading(T("settings.database_heading")),
		dbPath,
		wrapped(T("settings.backups_where", "folder", data.BackupDir(s.store.Path())), widget.MediumImportance),
	)
	s.dirty = false // filling the fields in is not a change
	// The settings and the backups share the height: on a 600-pixel screen
	// neither pushes the other out of the window.
	split := container.NewVSplit(container.NewVScroll(container.NewPadded(top)), s.buildBackups())
	split.Offset = 0.62
	return split
}

func (s *settingsScreen) buildBackups() fyne.CanvasObject {
	s.chosenBackup = -1
	s.backupList = widget.NewList(
		func() int { return len(s.backups) },
		func() fyne.CanvasObject { return widget.NewLabel("00.00.0000 00:00 · manual · 000 KB") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			b := s.backups[i]
			o.(*widget.Label).SetText(FormatDateTime(b.At) + " · " + T("backup."+b.Reason) + " · " + FormatSize(b.Size))
		},
	)
	s.backupList.OnSelected = func(i widget.ListItemID) { s.chosenBackup = i; s.restoreButton.Enable() }
	s.backupList.OnUnselected = func(widget.ListItemID) { s.chosenBackup = -1; s.restoreButton.Disable() }
	backupNow := widget.NewButtonWithIcon(T("settings.backup_now"), theme.DownloadIcon(), s.backupNow)
	s.restoreButton = widget.NewButtonWithIcon(T("settings.restore"), theme.HistoryIcon(), s.restore)
	s.restoreButton.Disable()
	s.backupStatus = widget.NewLabel("")
	s.reloadBackups(nil)
	head := container.NewVBox(
		heading(T("settings.backups_heading")),
		container.NewHBox(backupNow, s.restoreButton),
		s.backupStatus,
	)
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, s.backupList)
}

// reloadBackups lists the backup folder off the UI goroutine, then runs
// then (if any).
func (s *settingsScreen) reloadBackups(then func()) {
	path := s.store.Path()
	load(s.ui.runner, nil, s.backupStatus, func(context.Context) ([]data.Backup, error) {
		return data.ListBackups(path)
	}, func(list []data.Backup) {
		s.backups = list
		s.chosenBackup = -1
		s.backupList.UnselectAll()
		s.restoreButton.Disable()
		s.backupList.Refresh()
		if then != nil {
			then()
		}
	})
}

// save stores the community settings; a refused save keeps what was typed.
func (s *settingsScreen) save() {
	set := s.loaded
	set.Operator, set.Community, set.Country, set.CasePrefix = s.operator.Text, s.community.Text, s.country.key(), s.casePrefix.Text
	set.Letterhead = s.letterhead.collect()
	var problems []data.FieldError
	for _, n := range []struct {
		field string
		entry *entry
		into  *int
	}{{"backup_keep", s.keep, &set.BackupKeep}, {"retention_years", s.retention, &set.RetentionYears},
		{"suppress_below", s.suppress, &set.SuppressBelow}} {
		v, err := strconv.Atoi(strings.TrimSpace(n.entry.Text))
		if err != nil {
			problems = append(problems, data.FieldError{Field: n.field, Rule: "whole_number"})
		}
		*n.into = v
	}
	if len(problems) == 0 {
		if err := set.Validate(); err != nil {
			problems = data.AsError(err).Fields
		}
	}
	for _, f := range append(s.fields, s.letterhead.fields...) {
		f.setProblem(problemsFor(problems, f.key))
	}
	if len(problems) > 0 {
		setStatus(s.status, office.ErrorMessage(&data.Error{Code: data.EInvalid, Fields: problems}), widget.DangerImportance)
		return
	}
	s.ui.run(task{
		work: func(ctx context.Context, _ func(int, int)) error { return s.store.SaveSettings(ctx, set) },
		done: func() {
			s.dirty = false
			s.loaded = set
			setStatus(s.status, T("settings.saved"), widget.SuccessImportance)
		},
		failed: func(err error) { setStatus(s.status, office.ErrorMessage(err), widget.DangerImportance) },
	})
}

// chooseLanguage switches the interface at once and remembers the choice.
func (s *settingsScreen) chooseLanguage(code string) {
	if code == Language() {
		return
	}
	if s.dirty {
		// Rebuilding the window would drop what is typed here: keep the old
		// language until the settings are saved.
		setStatus(s.status, T("settings.save_before_language"), widget.WarningImportance)
		quietly(s.language, func() { s.language.SetSelectedIndex(slices.Index(Languages, Language())) })
		return
	}
	SetLanguage(code)
	s.ui.app.Preferences().SetString(prefLanguage, code)
	s.ui.rebuild()
}

func (s *settingsScreen) backupNow() {
	setStatus(s.backupStatus, "", widget.MediumImportance) // no word of an earlier backup
	var b data.Backup
	s.ui.run(task{title: T("settings.backing_up"),
		work: func(ctx context.Context, _ func(int, int)) (err error) {
			b, err = s.store.BackupNow(ctx)
			return err
		},
		done: func() {
			s.reloadBackups(func() {
				setStatus(s.backupStatus, T("settings.backed_up", "file", filepath.Base(b.Path)), widget.SuccessImportance)
			})
		},
	})
}

func (s *settingsScreen) restore() {
	if s.chosenBackup < 0 || s.chosenBackup >= len(s.backups) {
		return
	}
	b := s.backups[s.chosenBackup]
	when := FormatDateTime(b.At)
	confirm(s.ui.win, T("settings.restore_title"), T("settings.restore_text", "when", when), T("settings.restore"), func() {
		s.ui.run(task{title: T("settings.restoring"),
			work: func(ctx context.Context, _ func(int, int)) error { return s.store.Restore(ctx, b.Path) },
			done: func() {
				s.ui.rebuild()
				showMessage(s.ui.win, T("settings.restore_title"), T("settings.restored", "when", when), nil)
			},
			failed: func(err error) {
				s.ui.showError(err)
				s.reloadBackups(nil)
			},
		})
	}, nil)
}

// holidayEditor is the open holidays dialog, for tests.
type holidayEditor struct {
	text    *entry
	problem *widget.Label
	save    func()
}

// editHolidays edits the country profile's public holidays as lines of
// "YYYY-MM-DD name": plain to read, to paste from an official list, and to
// correct (during martial law, say, when holidays in Ukraine are working days).
func (s *settingsScreen) editHolidays() {
	country := s.loaded.Country
	load(s.ui.runner, nil, nil, func(ctx context.Context) ([]data.Holiday, error) {
		return s.store.Holidays(ctx, country)
	}, func(list []data.Holiday) { s.showHolidays(country, list) })
}

func (s *settingsScreen) showHolidays(country data.Country, list []data.Holiday) {
	e := &holidayEditor{text: newMultiLineEntry(), problem: widget.NewLabel("")}
	e.text.SetText(strings.Join(names(list, func(h data.Holiday) string { return h.Date + " " + h.Name }), "\n"))
	e.text.SetMinRowsVisible(16)
	e.problem.Importance = widget.DangerImportance
	e.problem.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel(T("settings.holidays_hint"))
	hint.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	e.save = func() {
		out, bad := parseHolidays(e.text.Text)
		if len(bad) > 0 {
			e.problem.SetText(strings.Join(bad, "\n"))
			return
		}
		s.ui.run(task{
			work: func(ctx context.Context, _ func(int, int)) error { return s.store.SaveHolidays(ctx, country, out) },
			done: func() {
				d.Hide()
				s.holidays = nil
			},
			failed: func(err error) { e.problem.SetText(office.ErrorMessage(err)) },
		})
	}
	content := container.NewBorder(hint, container.NewVBox(e.problem, container.NewHBox(layout.NewSpacer(),
		widget.NewButton(T("button.cancel"), func() { d.Hide(); s.holidays = nil }),
		&widget.Button{Text: T("button.save"), Importance: widget.HighImportance, OnTapped: e.save})), nil, nil, e.text)
	d = dialog.NewCustomWithoutButtons(T("settings.holidays")+" — "+T("country."+string(country)), content, s.ui.win)
	d.Resize(fyne.NewSize(640, 560))
	showWithKeys(s.ui.win, d, dialogKeys{cancel: func() { d.Hide(); s.holidays = nil }, save: e.save})
	s.holidays = e
}

// parseHolidays reads lines of "YYYY-MM-DD name"; bad says which lines
// are no such thing.
func parseHolidays(text string) (out []data.Holiday, bad []string) {
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		date, name, _ := strings.Cut(line, " ")
		if _, err := time.Parse(time.DateOnly, date); err != nil {
			bad = append(bad, T("common.line", "n", strconv.Itoa(i+1))+": "+office.RuleMessage(data.FieldError{Rule: "date"}))
			continue
		}
		out = append(out, data.Holiday{Date: date, Name: strings.TrimSpace(name)})
	}
	return out, bad
}
