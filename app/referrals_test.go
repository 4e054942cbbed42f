package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"spilno/data"
	"spilno/reports"
)

func showReferrals(t *testing.T, language string, referrals int) (*referralsScreen, *UI) {
	t.Helper()
	return openScreen[*referralsScreen](t, language, "nav.referrals", referrals)
}

func TestCreateSendReceiveAcceptAndFinishAReferral(t *testing.T) {
	s, ui := showReferrals(t, "uk", 0)
	tapButton(t, ui.win, "Нове направлення")
	f := s.form
	// A new case from the form.
	tapButton(t, ui.win, "Новий випадок")
	cf := lastCaseDialog(t, ui)
	test.Type(cf.subject, "Т. Г.")
	test.Type(cf.birthYear, "2014")
	test.Type(cf.settlement, "с. Лісове")
	cf.save()
	if f.caseSelect.SelectedIndex() < 0 {
		t.Fatal("the new case is not chosen")
	}
	selectOption(t, f.from, "Вишнівський ліцей")
	selectOption(t, f.situation, "Сім'я з дітьми")
	if !strings.Contains(f.deadline.Text, "протягом 1 робочого дня") {
		t.Errorf("deadline shown %q", f.deadline.Text)
	}
	if f.to.Selected == "" {
		t.Fatal("no recipient proposed from the protocol")
	}
	selectOption(t, f.to, "Центр надання соціальних послуг")
	test.Type(f.reason, "Родина без годувальника, бракує коштів на харчування")
	tapButton(t, ui.win, "Зберегти й надіслати")
	d := s.detail
	if d == nil || d.referral.Status != data.RefSent || d.referral.DueAt == "" {
		t.Fatalf("after sending: %+v", d)
	}
	wantText(t, ui.win, "Надіслано")
	// The recipient's side: receive, accept, finish, close.
	for _, step := range []struct {
		button, extra string
		want          data.ReferralStatus
	}{{"Позначити отриманим", "", data.RefReceived}, {"Прийняти до роботи", "", data.RefAccepted},
		{"Позначити виконаним…", "Проведено оцінку потреб, сім'ю взято на супровід", data.RefDone},
		{"Закрити…", "Ліцей поінформовано листом", data.RefClosed}} {
		test.Tap(s.detail.moves[step.want])
		m := s.detail.move
		if step.extra != "" {
			test.Type(m.extra, step.extra)
		}
		m.confirm()
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
	wantText(t, ui.win, "Ліцей поінформовано листом")
}

func lastCaseDialog(t *testing.T, ui *UI) *caseForm {
	t.Helper()
	if ui.caseDialog == nil {
		t.Fatal("no case dialog")
	}
	return ui.caseDialog
}

func TestRejectionNeedsAReasonAndKeepsWhatWasTyped(t *testing.T) {
	s, ui := showReferrals(t, "en", 40)
	list, _ := ui.store.Referrals(ctx, data.ReferralFilter{Statuses: []data.ReferralStatus{data.RefReceived}, Limit: 1})
	if len(list) == 0 {
		t.Skip("the demo has no received referral")
	}
	s.openDetail(list[0].ID)
	test.Tap(s.detail.moves[data.RefRejected])
	m := s.detail.move
	test.Type(m.note, "called the school")
	m.confirm()
	if !strings.Contains(m.problem.Text, "Reason for rejection: required") || m.note.Text != "called the school" {
		t.Fatalf("problem %q", m.problem.Text)
	}
	// Refused moves are not offered at all.
	if _, ok := s.detail.moves[data.RefDone]; ok {
		t.Fatal("done offered for a received referral")
	}
}

func TestRegisterFiltersAndPagesOverManyReferrals(t *testing.T) {
	s, ui := showReferrals(t, "uk", 450)
	if s.total != 450 {
		t.Fatalf("register shows %d", s.total)
	}
	// Rows beyond the first page are read when shown.
	if r := s.row(420); r == nil || len(s.pages) != 2 {
		t.Fatalf("row 420: %v, pages %d", r, len(s.pages))
	}
	s.overdue.SetChecked(true)
	overdue, _ := ui.store.CountReferrals(ctx, data.ReferralFilter{Overdue: true, Now: time.Now()})
	if s.total != overdue || overdue == 0 {
		t.Fatalf("overdue filter shows %d, store counts %d", s.total, overdue)
	}
	for i := 0; i < s.total && i < 50; i++ {
		if !s.row(i).Overdue(time.Now()) {
			t.Fatalf("row %d is not overdue", i)
		}
	}
	if cells := tableTexts(&s.table.Table); !strings.Contains(cells, "-") {
		t.Errorf("no negative days left among overdue rows")
	}
	s.sortBy("due")
	first, second := s.row(0).Due(), s.row(1).Due()
	if first.After(second) {
		t.Fatal("not sorted by due date")
	}
	s.overdue.SetChecked(false)
	test.Type(s.search, "ліцей")
	if s.total == 0 || s.total == 450 {
		t.Fatalf("search for the school found %d", s.total)
	}
}

func TestDashboardNumbersOpenTheirLists(t *testing.T) {
	_, ui := openScreen[*dashboardScreen](t, "uk", "nav.dashboard", 120)
	overdue, _ := ui.store.CountReferrals(ctx, data.ReferralFilter{Overdue: true, Now: time.Now()})
	label := Plural("dashboard.overdue", overdue)
	wantText(t, ui.win, label)
	tapButton(t, ui.win, label)
	s := ui.screens[ui.current].(*referralsScreen)
	if !s.overdue.Checked || s.total != overdue {
		t.Fatalf("the dashboard opened %d referrals, overdue filter %v", s.total, s.overdue.Checked)
	}
}

func TestCasesScreenAnonymisesAfterConfirmation(t *testing.T) {
	s, ui := openScreen[*casesScreen](t, "uk", "nav.cases", 300)
	set, _ := ui.store.Settings(ctx)
	set.RetentionYears = 1
	ui.store.SaveSettings(ctx, set)
	due, _ := ui.store.CasesToAnonymise(ctx, 1)
	if due == 0 {
		t.Skip("no demo case closed over a year ago")
	}
	before, _ := ui.store.CountByStatus(ctx)
	test.Tap(s.anonymise)
	tapButton(t, ui.win, "Скасувати")
	if n, _ := ui.store.CasesToAnonymise(ctx, 1); n != due {
		t.Fatal("cancel anonymised")
	}
	test.Tap(s.anonymise)
	tapButton(t, ui.win, "Знеособити давно закриті випадки…")
	if n, _ := ui.store.CasesToAnonymise(ctx, 1); n != 0 {
		t.Fatalf("%d left to anonymise", n)
	}
	after, _ := ui.store.CountByStatus(ctx)
	for st, n := range before {
		if after[st] != n {
			t.Fatalf("statistics changed for %s: %d → %d", st, n, after[st])
		}
	}
}

func TestReferralExportsReadBack(t *testing.T) {
	_, ui := showReferrals(t, "uk", 200)
	dir := t.TempDir()
	path := filepath.Join(dir, "реєстр.xlsx")
	if err := ExportReferrals(ctx, ui.store, data.ReferralFilter{Statuses: []data.ReferralStatus{data.RefClosed}}, "register", path, "uk"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Направлення")
	closed, _ := ui.store.CountReferrals(ctx, data.ReferralFilter{Statuses: []data.ReferralStatus{data.RefClosed}})
	f.Close()
	if len(rows) != closed+1 || rows[0][0] != "Номер" || rows[1][6] != "Закрито" {
		t.Fatalf("register rows %d for %d closed; %v", len(rows)-1, closed, rows[:2])
	}
	list, _ := ui.store.Referrals(ctx, data.ReferralFilter{Statuses: []data.ReferralStatus{data.RefSent}, Limit: 1})
	if len(list) > 0 {
		letter := filepath.Join(dir, "лист.pdf")
		if err := ExportReferralLetter(ctx, ui.store, list[0].ID, reports.LetterCase{Subject: true}, letter, "uk"); err != nil {
			t.Fatal(err)
		}
	}
	if err := ExportReferrals(ctx, ui.store, data.ReferralFilter{Overdue: true}, "overdue", filepath.Join(dir, "o.pdf"), "uk"); err != nil {
		t.Fatal(err)
	}
}

func TestReportsScreenListsEveryDocumentAndWritesIt(t *testing.T) {
	s, ui := openScreen[*reportsScreen](t, "en", "nav.reports", 30)
	list := s.reports()
	if len(list) != 7 {
		t.Fatalf("%d reports listed", len(list))
	}
	wantText(t, ui.win, "Comparison table, version 1 → 2 (PDF)")
	dir := t.TempDir()
	for i, r := range list {
		path := filepath.Join(dir, r.file)
		if err := r.write(ctx, path); err != nil {
			t.Fatalf("report %d (%s): %v", i, r.title, err)
		}
	}
}
