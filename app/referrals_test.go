package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"spilno/data"
	"spilno/i18n"
	"spilno/internal/readback"
	"spilno/office"
	"spilno/reports"
)

// checksIn finds the check box with the label in the topmost dialog.
func checksIn(ui *testUI, label string) []*checkBox {
	ui.settle()
	overlays := ui.win.Canvas().Overlays().List()
	for i := len(overlays) - 1; i >= 0; i-- {
		for _, o := range test.LaidOutObjects(overlays[i]) {
			if c, ok := o.(*checkBox); ok && c.Text == label {
				return []*checkBox{c}
			}
		}
	}
	return nil
}

func showReferrals(t *testing.T, language string, referrals int) (*referralsScreen, *testUI) {
	t.Helper()
	return openScreen[*referralsScreen](t, language, "nav.referrals", referrals)
}

func TestCreateSendReceiveAcceptAndFinishAReferral(t *testing.T) {
	s, ui := showReferrals(t, "uk", 0)
	ui.tapButton("Нове направлення")
	f := s.form
	// A new case from the form.
	ui.tapButton("Новий випадок")
	cf := lastCaseDialog(t, ui)
	ui.typeText(cf.subject, "Т. Г.")
	ui.typeText(cf.birthYear, "2014")
	ui.typeText(cf.settlement, "с. Лісове")
	cf.save()
	ui.settle()
	if f.caseSelect.SelectedIndex() < 0 {
		t.Fatal("the new case is not chosen")
	}
	selectOption(t, f.from, "Вишнівський ліцей")
	selectOption(t, f.situation, "Сім'я з дітьми")
	ui.settle()
	if !strings.Contains(f.deadline.Text, "протягом 1 робочого дня") || !strings.Contains(f.deadline.Text, "Якщо надіслати зараз, отримати до ") {
		t.Errorf("deadline shown %q", f.deadline.Text)
	}
	if !strings.HasPrefix(f.to.Selected, "Центр надання соціальних послуг") {
		t.Fatalf("proposed recipient %q: the protocol has the centre answer the school's report", f.to.Selected)
	}
	selectOption(t, f.to, "Центр надання соціальних послуг")
	ui.typeText(f.reason, "Родина без годувальника, бракує коштів на харчування")
	ui.tapButton("Зберегти й надіслати")
	d := s.detail
	if d == nil || d.referral.Status != data.RefSent || d.referral.DueAt == "" {
		t.Fatalf("after sending: %+v", d)
	}
	ui.wantText("Надіслано")
	// The recipient's side: receive, accept, finish, close.
	for _, step := range []struct {
		button, extra string
		want          data.ReferralStatus
	}{{"Позначити отриманим", "", data.RefReceived}, {"Прийняти до роботи", "", data.RefAccepted},
		{"Позначити виконаним…", "Проведено оцінку потреб, сім'ю взято на супровід", data.RefDone},
		{"Закрити…", "Ліцей поінформовано листом", data.RefClosed}} {
		ui.tap(s.detail.moves[step.want])
		m := s.detail.move
		if step.extra != "" {
			ui.typeText(m.extra, step.extra)
		}
		m.confirm()
		ui.settle()
		if s.detail.referral.Status != step.want {
			t.Fatalf("%s: status %s", step.button, s.detail.referral.Status)
		}
	}
	if len(s.detail.moves) != 0 {
		t.Fatalf("a closed referral offers moves: %v", s.detail.moves)
	}
	_, events, _ := ui.store.Referral(ctx, s.detail.referral.ID)
	if len(events) != 6 {
		t.Fatalf("events %+v", events)
	}
	ui.wantText("Ліцей поінформовано листом")
}

func lastCaseDialog(t *testing.T, ui *testUI) *caseForm {
	t.Helper()
	if ui.caseDialog == nil {
		t.Fatal("no case dialog")
	}
	return ui.caseDialog
}

// seedReferral writes a case of the demo community with a referral from
// the lyceum to the centre of social services, made daysAgo days ago on the
// situation of a family in difficult circumstances, that went through
// moves an hour apart.
func seedReferral(t *testing.T, ui *testUI, daysAgo int, moves ...data.Move) data.Referral {
	t.Helper()
	p, err := ui.store.ProtocolInForce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	org := func(short string) string {
		orgs, _ := ui.store.Organizations(ctx, short)
		if len(orgs) == 0 {
			t.Fatalf("the demo has no %s", short)
		}
		return orgs[0].ID
	}
	made := time.Now().AddDate(0, 0, -daysAgo)
	sit := p.Situations[2]
	seed := data.ReferralSeed{CreatedAt: made, Moves: moves,
		Case: data.Case{Subject: "Т. Е.", OpenedOn: made.Format(time.DateOnly)},
		Referral: data.Referral{FromOrg: org("Ліцей № 1"), ToOrg: org("ЦНСП"), ProtocolVersion: p.Version, SituationKey: sit.Key,
			SituationName: sit.Name, Urgency: data.UrgencyRoutine, Reason: "Систематичні пропуски уроків"}}
	for i := range moves {
		seed.MovedAt = append(seed.MovedAt, made.Add(time.Duration(i+1)*time.Hour))
	}
	if err := ui.store.AddReferrals(ctx, []data.ReferralSeed{seed}, nil); err != nil {
		t.Fatal(err)
	}
	newest, err := ui.store.Referrals(ctx, data.ReferralFilter{Limit: 1})
	if err != nil || len(newest) != 1 {
		t.Fatalf("the seeded referral: %v", err)
	}
	return newest[0]
}

var (
	sent     = data.Move{To: data.RefSent}
	received = data.Move{To: data.RefReceived}
)

func TestRejectionNeedsAReasonAndKeepsWhatWasTyped(t *testing.T) {
	s, ui := showReferrals(t, "en", 0)
	r := seedReferral(t, ui, 2, sent, received)
	s.openDetail(r.ID)
	ui.settle()
	ui.tap(s.detail.moves[data.RefRejected])
	m := s.detail.move
	ui.typeText(m.note, "called the school")
	m.confirm()
	ui.settle()
	if got := m.fields[0].problem.Text; got != "required" || !m.fields[0].problem.Visible() || m.note.Text != "called the school" {
		t.Fatalf("problem under the reason %q", got)
	}
	// Refused moves are not offered at all.
	if _, ok := s.detail.moves[data.RefDone]; ok {
		t.Fatal("done offered for a received referral")
	}
	ui.typeText(m.extra, "not our profile")
	m.confirm()
	ui.settle()
	if got, _, _ := ui.store.Referral(ctx, r.ID); got.Status != data.RefRejected || got.RejectReason != "not our profile" {
		t.Fatalf("stored %s %q", got.Status, got.RejectReason)
	}
	ui.wantText("not our profile")
}

func TestRegisterFiltersAndPagesOverManyReferrals(t *testing.T) {
	s, ui := showReferrals(t, "uk", 450)
	late := seedReferral(t, ui, 30, sent) // a day to receive it, a month ago
	ui.open("nav.dashboard")
	ui.open("nav.referrals")
	s = ui.screens[ui.current].(*referralsScreen)
	if s.total != 451 {
		t.Fatalf("register shows %d", s.total)
	}
	// Rows beyond the first page are read when shown, off the UI goroutine.
	if r := s.row(420); r != nil {
		t.Fatal("row 420 was read on the UI goroutine")
	}
	ui.settle()
	if r := s.row(420); r == nil || len(s.pages) != 2 {
		t.Fatalf("row 420: %v, pages %d", r, len(s.pages))
	}
	ui.tap(s.overdue)
	overdue, _ := ui.store.CountReferrals(ctx, data.ReferralFilter{Overdue: true, Now: time.Now()})
	if s.total != overdue || overdue == 0 {
		t.Fatalf("overdue filter shows %d, store counts %d", s.total, overdue)
	}
	cells := ui.tableTexts(&s.table.Table)
	if !strings.Contains(cells, late.Number) {
		t.Errorf("the late referral %s is not among the overdue:\n%.500s", late.Number, cells)
	}
	for i := 0; i < s.total && i < 50; i++ {
		if !s.row(i).Overdue(time.Now()) {
			t.Fatalf("row %d is not overdue", i)
		}
	}
	s.sortBy("due")
	ui.settle()
	s.row(0)
	ui.settle()
	if first, second := s.row(0).Due(), s.row(1).Due(); first.After(second) {
		t.Fatal("not sorted by due date")
	}
	ui.tap(s.overdue)
	ui.typeText(s.search, "ліцей")
	if s.total == 0 || s.total == 451 {
		t.Fatalf("search for the school found %d", s.total)
	}
}

// The register says how much time is left as people say it, in hours
// when less than a day late.
func TestTheRegisterSaysTheTimeLeftInWords(t *testing.T) {
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"uk", []string{"прострочено на 3 год", "прострочено на 2 дні", "сьогодні", "лишилося 3 дні"}},
		{"en", []string{"overdue by 3 h", "overdue by 2 days", "due today", "3 days left"}},
	} {
		s, ui := showReferrals(t, c.lang, 0)
		r := seedReferral(t, ui, 0, sent)
		due := r.Due().In(time.Local)
		s.reload()
		ui.settle()
		col := 0
		for referralColumns[col].key != "time_left" {
			col++
		}
		for i, now := range []time.Time{due.Add(3*time.Hour + 10*time.Minute), due.AddDate(0, 0, 2), due.Add(-time.Minute), due.AddDate(0, 0, -3)} {
			s.now = func() time.Time { return now }
			cell := s.table.CreateCell().(*tableCell)
			s.table.UpdateCell(widget.TableCellID{Row: 0, Col: col}, cell)
			if cell.Text != c.want[i] {
				t.Errorf("%s, due %s, at %s: %q, want %q", c.lang, due.Format(time.DateTime), now.Format(time.DateTime), cell.Text, c.want[i])
			}
		}
	}
}

// Every header of the register fits its column with the sort arrow, and
// so do the longest status, urgency, due date and time left, in every
// language: a cut word reads as another word.
func TestTheRegistersHeadersAndWordsFitTheirColumns(t *testing.T) {
	test.NewTempApp(t)
	defer SetLanguage("en")
	pad := 2 * theme.InnerPadding() // a header is a button, a cell a label: each pads its text on both sides
	width := func(text string, bold bool) float32 {
		return fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{Bold: bold}).Width + pad
	}
	if b, l := widget.NewButton("Строк ▼", nil), widget.NewLabel("Строк"); b.MinSize().Width != width("Строк ▼", true) || l.MinSize().Width != width("Строк", false) {
		t.Fatalf("a header needs %v px, a cell %v: the test reckons otherwise", b.MinSize().Width, l.MinSize().Width)
	}
	for _, lang := range Languages {
		SetLanguage(lang)
		words := registerWords()
		for _, c := range referralColumns {
			for _, arrow := range []string{" ▲", " ▼"} {
				if w, h := width(T("register."+c.key)+arrow, true), T("register."+c.key)+arrow; w > c.width {
					t.Errorf("%s: the header %q needs %.0f px, its column has %.0f", lang, h, w, c.width)
				}
			}
			for _, text := range words[c.key] {
				if w := width(text, false); w > c.width {
					t.Errorf("%s: %q needs %.0f px, the column %s has %.0f", lang, text, w, c.key, c.width)
				}
			}
		}
	}
}

// registerWords are what the register's columns of words say, in the
// current language: every status and urgency, a due date in every month,
// and the time left up to 999 days either way.
func registerWords() map[string][]string {
	out := map[string][]string{}
	add := func(key, text string) { out[key] = append(out[key], text) }
	for _, st := range data.ReferralStatuses {
		add("status", T("status.referral."+string(st)))
	}
	for _, u := range data.Urgencies {
		add("urgency", urgencyLabel(u))
	}
	for m := time.January; m <= time.December; m++ {
		add("due_at", FormatDateTime(time.Date(2026, m, 28, 23, 58, 0, 0, time.Local)))
	}
	add("time_left", timeLeftText(data.TimeLeft{Kind: data.DueLaterToday}))
	for n := 1; n <= 999; n++ {
		add("time_left", timeLeftText(data.TimeLeft{Kind: data.OverdueDays, N: n}))
		add("time_left", timeLeftText(data.TimeLeft{Kind: data.DaysToGo, N: n}))
		if n < 24 {
			add("time_left", timeLeftText(data.TimeLeft{Kind: data.OverdueHours, N: n}))
		}
	}
	return out
}

// slowCount is a store whose counts wait for the test to let them go.
type slowCount struct {
	referralStore
	upTo, exact chan struct{}
}

func wait(ctx context.Context, gate chan struct{}) error {
	select {
	case <-gate:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c slowCount) CountReferralsUpTo(ctx context.Context, f data.ReferralFilter, limit int) (int, error) {
	if err := wait(ctx, c.upTo); err != nil {
		return 0, err
	}
	return c.referralStore.CountReferralsUpTo(ctx, f, limit)
}

func (c slowCount) CountReferrals(ctx context.Context, f data.ReferralFilter) (int, error) {
	if err := wait(ctx, c.exact); err != nil {
		return 0, err
	}
	return c.referralStore.CountReferrals(ctx, f)
}

// A broad search shows its first page without waiting for its count, says
// "more than" while every match is counted, then the exact number.
func TestABroadSearchShowsItsRowsBeforeItsExactCount(t *testing.T) {
	s, ui := showReferrals(t, "uk", 450)
	counts := slowCount{s.store, make(chan struct{}), make(chan struct{})}
	s.store, s.countFirst = counts, 10
	test.Type(s.search, "ліцей")
	ui.pumpUntil(func() bool { return len(s.pages[0]) > 10 })
	if got, _ := s.table.Length(); got != len(s.pages[0]) || s.total != 0 {
		t.Fatalf("before the count, the table shows %d rows of the first page's %d", got, len(s.pages[0]))
	}
	close(counts.upTo)
	ui.pumpUntil(func() bool { return s.total == 10 })
	if want := "Понад 10 направлень"; s.count.Text != want {
		t.Fatalf("while counting, the register says %q, want %q", s.count.Text, want)
	}
	close(counts.exact)
	ui.settle()
	exact, _ := ui.store.CountReferrals(ctx, s.filter)
	if s.total != exact || s.count.Text != Plural("referrals.count", exact) {
		t.Fatalf("the register says %q (%d rows), the store counts %d", s.count.Text, s.total, exact)
	}
}

func TestDashboardNumbersOpenTheirLists(t *testing.T) {
	_, ui := openScreen[*dashboardScreen](t, "uk", "nav.dashboard", 0)
	seedReferral(t, ui, 30, sent)
	seedReferral(t, ui, 20, sent)
	seedReferral(t, ui, 1, sent, received) // the recipient has days for it
	ui.open("nav.referrals")
	ui.open("nav.dashboard")
	ui.wantText("2 прострочені")
	ui.wantText("1 отримане, ще не прийняте")
	ui.tapButton("2 прострочені")
	s := ui.screens[ui.current].(*referralsScreen)
	if !s.overdue.Checked || s.total != 2 || ui.nav.Length() == 0 {
		t.Fatalf("the dashboard opened %d referrals, overdue filter %v", s.total, s.overdue.Checked)
	}
	ui.wantText("2 направлення")
}

func TestCasesScreenAnonymisesAfterConfirmation(t *testing.T) {
	s, ui := openScreen[*casesScreen](t, "uk", "nav.cases", 0)
	set, _ := ui.store.Settings(ctx)
	set.RetentionYears = 1
	if err := ui.store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	old := time.Now().AddDate(-3, 0, 0).Format(time.DateOnly)
	for _, subject := range []string{"А. Б.", "В. Г."} {
		c := data.Case{Subject: subject, Settlement: "с. Гірки", OpenedOn: old, ClosedOn: old}
		if err := ui.store.SaveCase(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	seedReferral(t, ui, 1, sent) // an open case stays as it is
	before, _ := ui.store.CountByStatus(ctx)
	ui.tap(s.anonymise)
	ui.wantText("Знеособити 2 випадки, закриті до " + i18n.FormatDay(data.RetentionCutoff(time.Now(), 1)))
	ui.wantText("строк зберігання персональних даних (1 р.)")
	ui.tapButton("Скасувати")
	if n, _ := ui.store.CasesToAnonymise(ctx, 1); n != 2 {
		t.Fatal("cancel anonymised")
	}
	ui.tap(s.anonymise)
	ui.tapButton("Знеособити")
	ui.wantText("Знеособлено 2 випадки.")
	if n, _ := ui.store.CasesToAnonymise(ctx, 1); n != 0 {
		t.Fatalf("%d left to anonymise", n)
	}
	if cases, _ := ui.store.Cases(ctx, "Т. Е.", 10); len(cases) != 1 {
		t.Fatal("the open case lost its data")
	}
	after, _ := ui.store.CountByStatus(ctx)
	for st, n := range before {
		if after[st] != n {
			t.Fatalf("statistics changed for %s: %d → %d", st, n, after[st])
		}
	}
}

func TestReferralExportsFromTheRegisterReadBack(t *testing.T) {
	s, ui := showReferrals(t, "uk", 200)
	late := seedReferral(t, ui, 30, sent)
	s.state.setKey(string(data.RefClosed))
	ui.settle()
	ui.tapButton("Реєстр (XLSX)…")
	// The register is personal data: it is offered a password, which must
	// be long enough and typed twice alike.
	password, repeat := ui.entriesOnTop()[0], ui.entriesOnTop()[1]
	ui.typeText(password, "коротко")
	ui.tapButton("Захистити")
	ui.wantText("щонайменше 8 символів")
	ui.wantText("не збігається з паролем")
	password.SetText("")
	ui.typeText(password, "Вишнів-2026")
	ui.typeText(repeat, "Вишнів-2026")
	ui.wantNoText("не збігається з паролем")              // the problems follow the typing
	repeat.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter protects
	ui.wantText("Файл захищено паролем")
	ui.tapButton("Гаразд")
	if _, err := excelize.OpenFile(ui.files.saved[0]); err == nil {
		t.Fatal("the register opens without its password")
	}
	f, err := excelize.OpenFile(ui.files.saved[0], excelize.Options{Password: "Вишнів-2026"})
	if err != nil {
		t.Fatal(err)
	}
	if log, _ := ui.store.AuditLog(ctx, "export", 1); len(log) != 1 || !strings.Contains(reports.AuditSummary("uk", log[0].Summary), "захищено паролем") {
		t.Fatalf("the audit log says %+v", log)
	}
	rows, _ := f.GetRows("Направлення")
	closed, _ := ui.store.CountReferrals(ctx, data.ReferralFilter{Statuses: []data.ReferralStatus{data.RefClosed}})
	f.Close()
	if len(rows) != closed+1 || rows[0][0] != "Номер" || rows[1][6] != "Закрито" {
		t.Fatalf("register rows %d for %d closed; %v", len(rows)-1, closed, rows[:2])
	}
	// The overdue list honours the filter too: sent ones only.
	s.state.setKey(string(data.RefSent))
	ui.settle()
	ui.tapButton("Перелік прострочених (PDF)…")
	ui.tapButton("Без пароля")
	ui.wantText("Звіт сформовано")
	overdue, _ := ui.store.CountReferrals(ctx, data.ReferralFilter{Overdue: true, Statuses: []data.ReferralStatus{data.RefSent}, Now: time.Now()})
	text := pdfText(t, ui.files.saved[1])
	if !strings.Contains(text, "Прострочені направлення") || !strings.Contains(text, late.Number) ||
		!strings.Contains(text, Plural("overdue.count", overdue)) || strings.Contains(text, "Прийнято") {
		t.Fatalf("the overdue list of sent referrals (%d):\n%.900s", overdue, text)
	}
}

func TestTheLetterShowsOnlyTheTickedCaseDetails(t *testing.T) {
	s, ui := showReferrals(t, "uk", 0)
	r := seedReferral(t, ui, 0, sent)
	c, _ := ui.store.Case(ctx, r.CaseID)
	c.Settlement = "с. Озерне"
	if err := ui.store.SaveCase(ctx, &c); err != nil {
		t.Fatal(err)
	}
	s.openDetail(r.ID)
	ui.tapButton("Лист (PDF)…")
	subject := "Сім'я або дитина (ініціали чи псевдонім)"
	tick(t, &checkGrid{checks: checksIn(ui, subject)}, subject)
	// The sender's outgoing number: a date that is no date is refused
	// under its field, and nothing is written until it is put right.
	outgoing := ui.entriesOnTop()
	ui.typeText(outgoing[0], "01-12/345")
	ui.typeText(outgoing[1], "31.02.2026")
	ui.tapButton("Сформувати лист…")
	ui.wantText("недійсна дата")
	if len(ui.files.saved) != 0 {
		t.Fatal("a letter was written with a bad date")
	}
	ui.retype(outgoing[1], "20.11.2026")
	ui.tapButton("Сформувати лист…")
	// Protected, the letter opens only with its password.
	for _, e := range ui.entriesOnTop() {
		ui.typeText(e, "Лист-2026!")
	}
	ui.tapButton("Захистити")
	ui.wantText("Звіт сформовано")
	if out, err := exec.Command("pdftotext", ui.files.saved[0], "-").CombinedOutput(); err == nil {
		t.Fatalf("the letter opens without its password: %s", out)
	}
	text := readback.PDFText(t, ui.files.saved[0], "-upw", "Лист-2026!")
	if !strings.Contains(text, r.Number) || !strings.Contains(text, "Т. Е.") || strings.Contains(text, "Озерне") {
		t.Fatalf("the letter:\n%s", text)
	}
	if !strings.Contains(text, "протягом 1 робочого дня") {
		t.Fatalf("the letter does not give the deadline from the protocol:\n%s", text)
	}
	if !strings.Contains(text, "Вих. № 01-12/345 від 20.11.2026") {
		t.Fatalf("the letter lacks the outgoing number:\n%s", text)
	}
	if kept, _, _ := ui.store.Referral(ctx, r.ID); kept.OutgoingNumber != "01-12/345" || kept.OutgoingDate != "2026-11-20" {
		t.Fatalf("the outgoing number is not kept with the referral: %+v", kept)
	}
}

func TestReportsScreenListsEveryDocumentAndWritesIt(t *testing.T) {
	_, ui := openScreen[*reportsScreen](t, "en", "nav.reports", 30)
	seedReferral(t, ui, 30, sent)
	titles := []string{"Public list of social services (XLSX)", "Public list of social services (PDF booklet)",
		"Protocol, version 2 (PDF for the executive committee)", "Protocol, version 2 (responsibility matrix, XLSX)", "Comparison table, version 1 → 2 (PDF)",
		"Register of referrals (XLSX)", "Overdue referrals (PDF)"}
	year := data.YearOf(time.Now()).Previous()
	titles = append(titles, "Statistics for "+office.PeriodText(year, "en")+" (XLSX)", "Report on the protocol's functioning for "+office.PeriodText(year, "en")+" (PDF)")
	for i, title := range titles {
		ui.tapButton(title)
		if strings.HasPrefix(title, "Register") || strings.HasPrefix(title, "Overdue") {
			ui.tapButton("Without a password") // personal data: a password is offered
		}
		ui.wantText("Report written")
		ui.tapButton("OK")
		if fi, err := os.Stat(ui.files.saved[i]); err != nil || fi.Size() < 1000 {
			t.Fatalf("%s: %v", title, err)
		}
	}
	if text := pdfText(t, ui.files.saved[6]); !strings.Contains(text, "Overdue referrals") {
		t.Fatalf("overdue list:\n%.400s", text)
	}
	if name := filepath.Base(ui.files.saved[7]); name != "statistics-"+year.From+"-"+year.To+".xlsx" {
		t.Errorf("the statistics are saved as %q", name)
	}
	if text := pdfText(t, ui.files.saved[8]); !strings.Contains(text, "Report on the functioning of the inter-sector interaction protocol") {
		t.Fatalf("the statistics report:\n%.400s", text)
	}
}

func TestTheCaseFormNamesEveryProblemAtOnce(t *testing.T) {
	_, ui := openScreen[*casesScreen](t, "en", "nav.cases", noDemo)
	ui.tapButton("New case")
	f := lastCaseDialog(t, ui)
	ui.typeText(f.birthYear, "2030")
	ui.typeText(f.consentOn, "31.02.2026")
	f.save()
	ui.settle()
	for _, want := range []string{"Family or child", "Year of birth", "Consent given on"} {
		if !strings.Contains(f.problem.Text, want) {
			t.Errorf("the problems %q do not name %q", f.problem.Text, want)
		}
	}
	if cases, _ := ui.store.Cases(ctx, "", 10); len(cases) != 0 {
		t.Fatal("a refused case was stored")
	}
}

// A new search after scrolling down shows its results from the top, in the
// register and in the catalogue.
func TestANewSearchShowsItsResultsFromTheTop(t *testing.T) {
	s, ui := showReferrals(t, "uk", 450)
	s.table.ScrollToBottom()
	if scrolledDown(&s.table.Table) == 0 {
		t.Fatal("the register did not scroll down: the test cannot see the offset")
	}
	test.Type(s.search, "ліцей")
	ui.settle()
	if y := scrolledDown(&s.table.Table); y != 0 {
		t.Errorf("the register's new search is shown %v px down", y)
	}
	c, ui := openScreen[*catalogueScreen](t, "uk", "nav.catalogue", 0)
	c.table.ScrollToBottom()
	down := scrolledDown(&c.table.Table)
	test.Type(c.search, "сім")
	ui.settle()
	if y := scrolledDown(&c.table.Table); down == 0 || y != 0 {
		t.Errorf("the catalogue was %v px down, after a new search %v px", down, y)
	}
}

// scrolledDown is how far a table is scrolled, which Fyne keeps to itself.
func scrolledDown(t *widget.Table) float64 {
	return reflect.ValueOf(t).Elem().FieldByName("offset").FieldByName("Y").Float()
}

// The cases list scrolls over every case, reading a page at a time as
// rows show; a search after scrolling shows its results from the top.
func TestTheCasesListScrollsOverEveryCase(t *testing.T) {
	s, ui := openScreen[*casesScreen](t, "uk", "nav.cases", 1200)
	total, _ := ui.store.CountCases(ctx, "")
	if s.list.Length() != total || total < 1200 || s.count.Text != Plural("cases.count", total) {
		t.Fatalf("the list holds %d rows and says %q; the store counts %d", s.list.Length(), s.count.Text, total)
	}
	row := s.list.CreateItem().(*widget.Label)
	s.list.UpdateItem(700, row)
	if row.Text != "…" {
		t.Fatalf("row 700 says %q before its page is read: it was read on the UI goroutine", row.Text)
	}
	ui.settle()
	s.list.UpdateItem(700, row)
	want, _ := ui.store.CasesPage(ctx, "", 1, 700)
	if len(want) != 1 || !strings.HasPrefix(row.Text, want[0].Number+" · "+want[0].Subject) {
		t.Fatalf("row 700 says %q, the store's 701st newest case is %+v", row.Text, want)
	}
	s.list.Select(700)
	if lines := strings.Split(ui.texts(), "\n"); !slices.Contains(lines, want[0].Number) {
		t.Fatalf("selecting row 700 does not open case %s:\n%s", want[0].Number, strings.Join(lines, "\n"))
	}
	// An edit shows the case changed where the user left the list. (Each
	// look over the window gives the list a new scroller, at the top: the
	// list scrolls after the last look.)
	edit := ui.button("Змінити")
	s.list.ScrollTo(700)
	at := s.list.GetScrollOffset()
	if at == 0 {
		t.Fatal("the list did not scroll to row 700: the test cannot see the offset")
	}
	ui.tap(edit)
	cf := lastCaseDialog(t, ui)
	cf.subject.SetText("Ю. Я.")
	reloads := s.gen
	cf.save()
	ui.pumpUntil(func() bool { return s.gen > reloads })
	s.list.UpdateItem(700, row)
	if !strings.HasPrefix(row.Text, want[0].Number+" · "+want[0].Subject) {
		t.Fatalf("while its page is read again, row 700 says %q instead of what it said", row.Text)
	}
	ui.settle()
	s.list.UpdateItem(700, row)
	if y := s.list.GetScrollOffset(); y != at || !strings.HasPrefix(row.Text, want[0].Number+" · Ю. Я.") {
		t.Fatalf("after an edit the list is %v px down (was %v) and row 700 says %q", y, at, row.Text)
	}
	ui.typeText(s.search, "00001")
	found, _ := ui.store.CasesPage(ctx, "00001", 1, 0)
	n, _ := ui.store.CountCases(ctx, "00001")
	s.list.UpdateItem(0, row)
	if y := s.list.GetScrollOffset(); y != 0 || n == 0 || n >= total || s.list.Length() != n || !strings.HasPrefix(row.Text, found[0].Number) {
		t.Fatalf("the search is shown %v px down, %d rows of the %d found, the first %q", y, s.list.Length(), n, row.Text)
	}
}

// A list longer than the count goes first says "more than" until every
// case is counted.
func TestTheCasesListSaysMoreThanUntilItHasCountedAll(t *testing.T) {
	s, ui := openScreen[*casesScreen](t, "en", "nav.cases", 60)
	s.countFirst = 50
	s.searched()
	ui.pumpUntil(func() bool { return s.total == 50 })
	if s.count.Text != "More than 50 cases" {
		t.Fatalf("while counting, the list says %q", s.count.Text)
	}
	ui.settle()
	if s.count.Text != "60 cases" || s.list.Length() != 60 {
		t.Fatalf("counted, the list says %q over %d rows", s.count.Text, s.list.Length())
	}
}

// The referral form's case picker offers the newest cases and says how
// many of all those found it offers.
func TestTheCasePickerSaysHowManyItOffersOfAll(t *testing.T) {
	s, ui := showReferrals(t, "uk", 60)
	ui.tapButton("Нове направлення")
	f := s.form
	if want := "50 з 60 випадків"; !f.caseCount.Visible() || f.caseCount.Text != want || len(f.caseSelect.Options) != 50 {
		t.Fatalf("the picker offers %d cases and says %q (visible %v), want %q", len(f.caseSelect.Options), f.caseCount.Text, f.caseCount.Visible(), want)
	}
	ui.typeText(f.caseSearch, "000007")
	if f.caseCount.Visible() || len(f.caseSelect.Options) == 0 {
		t.Fatalf("a search finding %d cases still says %q", len(f.caseSelect.Options), f.caseCount.Text)
	}
}

func TestTheProposedRecipientIsNeverTheSender(t *testing.T) {
	s, ui := showReferrals(t, "uk", 0)
	ui.tapButton("Нове направлення")
	f := s.form
	selectOption(t, f.situation, "Сім'я з дітьми")
	proposed := f.to.Selected
	if proposed == "" {
		t.Fatal("no recipient proposed")
	}
	// The sender chosen after the situation is the body proposed.
	selectOption(t, f.from, proposed)
	if f.to.Selected == proposed {
		t.Fatalf("the sender %q is proposed as the recipient", proposed)
	}
	// A recipient the user chose stays when the sender changes.
	selectOption(t, f.to, "Вишнівський ліцей")
	selectOption(t, f.from, "Амбулаторія")
	if !strings.HasPrefix(f.to.Selected, "Вишнівський ліцей") {
		t.Fatalf("the user's recipient was replaced by %q", f.to.Selected)
	}
}

func TestAMoveTakesTheTimeItHappened(t *testing.T) {
	s, ui := showReferrals(t, "en", 0)
	r := seedReferral(t, ui, 3, sent)
	s.openDetail(r.ID)
	ui.settle()
	ui.tap(s.detail.moves[data.RefReceived])
	m := s.detail.move
	yesterday := time.Now().AddDate(0, 0, -1)
	ui.retype(m.day, FormatDate(time.Now().AddDate(0, 0, 1)))
	m.confirm()
	ui.settle()
	if got := m.fields[0].problem.Text; got != "cannot be in the future" {
		t.Fatalf("a receipt tomorrow: %q", got)
	}
	ui.retype(m.day, FormatDate(yesterday))
	if m.fields[0].problem.Visible() {
		t.Fatal("the message stays while the date is being put right")
	}
	ui.retype(m.clock, "10:30")
	ui.press(fyne.KeyS) // Ctrl+S confirms the status dialog

	got, events, _ := ui.store.Referral(ctx, r.ID)
	want := time.Date(yesterday.Year(), yesterday.Month(), yesterday.Day(), 10, 30, 0, 0, time.Local)
	if got.Status != data.RefReceived || got.ReceivedAt != want.UTC().Format(time.RFC3339) {
		t.Fatalf("received at %q, want %v", got.ReceivedAt, want)
	}
	if last := events[len(events)-1]; last.At != want.UTC().Format(time.RFC3339) {
		t.Fatalf("the event says %v", last.At)
	}
}

func TestARejectedReferralIsReferredAgainToAnotherBody(t *testing.T) {
	s, ui := showReferrals(t, "uk", 0)
	r := seedReferral(t, ui, 2, sent, received, data.Move{To: data.RefRejected, RejectReason: "не наш профіль"})
	s.openDetail(r.ID)
	ui.settle()
	ui.tapButton("Направити повторно…")
	f := s.form
	if f == nil {
		t.Fatal("no new referral")
	}
	again := f.collect()
	if again.ID != 0 || again.CaseID != r.CaseID || again.SituationKey != r.SituationKey || again.Reason != r.Reason || again.FromOrg != r.FromOrg {
		t.Fatalf("the new draft %+v does not carry %+v", again, r)
	}
	if again.ToOrg == r.ToOrg || again.ToOrg == "" {
		t.Fatalf("proposed recipient %q, the body that rejected is %q", again.ToOrg, r.ToOrg)
	}
}

func TestAFormsMessageGoesAsSoonAsTheFieldIsRight(t *testing.T) {
	s, ui := showReferrals(t, "en", 0)
	ui.press(fyne.KeyN)
	f := s.form
	ui.press(fyne.KeyS) // Ctrl+S saves the draft: refused, nothing chosen yet
	reason := f.fields[len(f.fields)-1]
	if reason.key != "reason" || reason.problem.Text != "required" || !reason.problem.Visible() {
		t.Fatalf("reason problem %q", reason.problem.Text)
	}
	ui.typeText(f.reason, "No breadwinner in the family")
	if reason.problem.Visible() {
		t.Fatal("the message stays under a reason that is now given")
	}
	if f.fields[0].problem.Text == "" {
		t.Fatal("the message under the case went before a case was chosen")
	}
}
func TestANewReferralLeftUntouchedIsNotUnsaved(t *testing.T) {
	s, ui := showReferrals(t, "pl", 0)
	ui.press(fyne.KeyN)
	if s.form.dirty {
		t.Fatal("an untouched new referral counts as unsaved")
	}
	ui.press(fyne.KeyN) // a second time: no question, nothing was typed
	if ui.win.Canvas().Overlays().Top() != nil {
		t.Fatal("an untouched form asks about unsaved changes")
	}
}
