package data

import (
	"fmt"
	"io/fs"
	"testing"
	"time"
	_ "time/tzdata" // Kyiv's clock changes, on every machine
)

var kyiv = func() *time.Location {
	l, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		panic(err)
	}
	return l
}()

func TestDueDatesAcrossWeekendsAndHolidays(t *testing.T) {
	cal := NewCalendar([]string{"2026-08-24", "2026-12-25"})
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, kyiv)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		start string
		d     Deadline
		want  string
	}{
		{"2026-11-20 16:00", Deadline{1, DeadlineWorkingDays, ""}, "2026-11-23 23:59"}, // Friday → Monday
		{"2026-11-21 10:00", Deadline{1, DeadlineWorkingDays, ""}, "2026-11-23 23:59"}, // Saturday → Monday
		{"2026-11-23 09:00", Deadline{5, DeadlineWorkingDays, ""}, "2026-11-30 23:59"}, // Mon + 5 working days
		{"2026-08-21 09:00", Deadline{1, DeadlineWorkingDays, ""}, "2026-08-25 23:59"}, // Friday, then Independence Day Monday
		{"2026-12-24 12:00", Deadline{2, DeadlineWorkingDays, ""}, "2026-12-29 23:59"}, // Christmas Friday, weekend
		{"2026-11-20 16:00", Deadline{1, DeadlineCalendarDays, ""}, "2026-11-21 23:59"},
		{"2026-11-20 16:00", Deadline{24, DeadlineHours, ""}, "2026-11-21 16:00"},
		{"2026-11-20 16:00", Deadline{0, DeadlineImmediately, ""}, "2026-11-20 17:00"},
		// Hours are hours of real time: the clock moves on from 03:00 to
		// 04:00 on 29 March 2026, so 3 hours after 01:30 is 05:30 by the clock.
		{"2026-03-29 01:30", Deadline{3, DeadlineHours, ""}, "2026-03-29 05:30"},
		// Days are days of the calendar, whatever the clock did in them.
		{"2026-03-28 22:30", Deadline{1, DeadlineCalendarDays, ""}, "2026-03-29 23:59"},
	}
	for _, c := range cases {
		t.Run(c.start+" "+string(c.d.Unit), func(t *testing.T) {
			if got := cal.Due(at(c.start), c.d).In(kyiv).Format("2006-01-02 15:04"); got != c.want {
				t.Errorf("%s + %+v = %s, want %s", c.start, c.d, got, c.want)
			}
		})
	}
}

// referralFixture is a store with a protocol in force, two organizations
// and a case; its clock can be moved.
type referralFixture struct {
	s         *Store
	clock     time.Time
	school    *Organization
	cnsp      *Organization
	caseID    int64
	situation string
}

func newReferrals(t *testing.T) *referralFixture {
	return newReferralsIn(t, t.TempDir()+"/r.db", embeddedMigrations)
}

// newReferralsIn is the fixture in the file at path, of the schema the
// migrations make.
func newReferralsIn(t *testing.T, path string, migrations fs.FS) *referralFixture {
	t.Helper()
	f := &referralFixture{clock: time.Date(2026, 11, 20, 14, 0, 0, 0, time.Local)} // a Friday
	s, err := open(path, Options{Now: func() time.Time { return f.clock }}, migrations)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f.s = s
	f.school = &Organization{Name: "Ліцей № 1", Sector: SectorEducation}
	f.cnsp = &Organization{Name: "ЦНСП", Sector: SectorSocialServices}
	mustSave(t, s, f.school)
	mustSave(t, s, f.cnsp)
	p, _ := ProtocolTemplate(CountryUA)
	p.Participants = []Participant{{OrganizationID: f.school.ID}, {OrganizationID: f.cnsp.ID}}
	if _, err := s.CreateProtocol(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if err := s.ApproveProtocol(ctx, 1, "виконкому", "1", "2026-01-15"); err != nil {
		t.Fatal(err)
	}
	v1, _ := s.Protocol(ctx, 1)
	f.situation = v1.Situations[2].Key // family in difficult circumstances: report 1 WD, assessment by CNSP 5 WD
	c := Case{Subject: "О. К.", BirthYear: ptr(2015), Settlement: "с. Гірки"}
	if err := s.SaveCase(ctx, &c); err != nil {
		t.Fatal(err)
	}
	f.caseID = c.ID
	return f
}

func (f *referralFixture) draft(t *testing.T) Referral {
	t.Helper()
	r := Referral{CaseID: f.caseID, FromOrg: f.school.ID, ToOrg: f.cnsp.ID, SituationKey: f.situation,
		Urgency: UrgencyRoutine, Reason: "Систематичні пропуски, ознаки занедбаності"}
	if err := f.s.SaveReferral(ctx, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestEveryAllowedAndRefusedTransition(t *testing.T) {
	f := newReferrals(t)
	// Walk each status to each other status from a referral brought there.
	path := map[ReferralStatus][]Move{
		RefDraft:    nil,
		RefSent:     {{To: RefSent}},
		RefReceived: {{To: RefSent}, {To: RefReceived}},
		RefAccepted: {{To: RefSent}, {To: RefReceived}, {To: RefAccepted}},
		RefRejected: {{To: RefSent}, {To: RefReceived}, {To: RefRejected, RejectReason: "не наш профіль"}},
		RefDone:     {{To: RefSent}, {To: RefReceived}, {To: RefAccepted}, {To: RefDone, Outcome: "надано послугу"}},
		RefClosed:   {{To: RefSent}, {To: RefReceived}, {To: RefAccepted}, {To: RefDone, Outcome: "надано послугу"}, {To: RefClosed}},
		RefRevoked:  {{To: RefRevoked}},
	}
	allowed := 0
	for from, steps := range path {
		for _, to := range ReferralStatuses {
			r := f.draft(t)
			for _, m := range steps {
				if _, err := f.s.MoveReferral(ctx, r.ID, m); err != nil {
					t.Fatalf("bringing to %s: %v", from, err)
				}
			}
			m := Move{To: to, RejectReason: "причина", Outcome: "надано"}
			got, err := f.s.MoveReferral(ctx, r.ID, m)
			if CanMove(from, to) {
				allowed++
				if err != nil || got.Status != to {
					t.Errorf("%s → %s refused: %v", from, to, err)
				}
			} else {
				e := AsError(err)
				if e.Code != EInvalid || e.Fields[0].Rule != "transition" {
					t.Errorf("%s → %s allowed (%v)", from, to, err)
				}
				if after, _, _ := f.s.Referral(ctx, r.ID); after.Status != from {
					t.Errorf("a refused %s → %s changed the status to %s", from, to, after.Status)
				}
			}
		}
	}
	if allowed != 11 {
		t.Errorf("%d allowed moves, want the 11 of the graph", allowed)
	}
	r := f.draft(t)
	f.s.MoveReferral(ctx, r.ID, Move{To: RefSent})
	f.s.MoveReferral(ctx, r.ID, Move{To: RefReceived})
	if _, err := f.s.MoveReferral(ctx, r.ID, Move{To: RefRejected}); AsError(err).Fields[0].Field != "reject_reason" {
		t.Errorf("a rejection without a reason: %v", err)
	}
}

func TestDeadlinesFollowTheProtocolAndOverdueIsDerived(t *testing.T) {
	f := newReferrals(t)
	r := f.draft(t)
	sent, err := f.s.MoveReferral(ctx, r.ID, Move{To: RefSent, Note: "надіслано поштою"})
	if err != nil {
		t.Fatal(err)
	}
	// The report step: 1 working day from the case being noticed → Friday + 1 WD = Monday end of day.
	if due := sent.Due().In(time.Local); due.Format("2006-01-02 15:04") != "2026-11-23 23:59" {
		t.Fatalf("due after sending %s", due)
	}
	f.clock = time.Date(2026, 11, 24, 9, 0, 0, 0, time.Local) // Tuesday
	list, _ := f.s.Referrals(ctx, ReferralFilter{Overdue: true, Now: f.clock})
	if len(list) != 1 || !list[0].Overdue(f.clock) {
		t.Fatalf("overdue on Tuesday: %+v", list)
	}
	received, _ := f.s.MoveReferral(ctx, r.ID, Move{To: RefReceived})
	// The CNSP's step: needs assessment within 5 working days of receipt.
	if due := received.Due().In(time.Local); due.Format("2006-01-02") != "2026-12-01" {
		t.Fatalf("due after receipt %s", due)
	}
	if n, _ := f.s.CountReferrals(ctx, ReferralFilter{Overdue: true, Now: f.clock}); n != 0 {
		t.Fatal("still overdue after receipt")
	}
	f.clock = time.Date(2026, 12, 1, 10, 0, 0, 0, time.Local)
	if n, _ := f.s.CountReferrals(ctx, ReferralFilter{DueToday: true, Now: f.clock}); n != 1 {
		t.Fatal("not due today on its last day")
	}
	if days, ok := received.DaysLeft(time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local)); !ok || days != 4 {
		t.Fatalf("days left %d", days)
	}
	done, _ := f.s.MoveReferral(ctx, r.ID, Move{To: RefAccepted})
	done, _ = f.s.MoveReferral(ctx, r.ID, Move{To: RefDone, Outcome: "оцінку проведено"})
	if done.DueAt != "" || done.Overdue(f.clock.AddDate(1, 0, 0)) {
		t.Fatal("a done referral has a deadline")
	}
	_, events, _ := f.s.Referral(ctx, r.ID)
	if len(events) != 5 || events[1].To != RefSent || events[1].Note != "надіслано поштою" || events[4].From != RefAccepted {
		t.Fatalf("events %+v", events)
	}
	log, _ := f.s.AuditLog(ctx, "referral", 10)
	if len(log) != 5 || log[0].Action != "done" {
		t.Fatalf("audit %+v", log)
	}
}

// The time left is counted as people count it: hours when less than a day
// late, calendar days otherwise, "today" on the due date until the
// deadline passes.
func TestTimeLeftIsCountedInTheUnitPeopleSayIt(t *testing.T) {
	due := time.Date(2026, 11, 20, 14, 0, 0, 0, time.Local)
	r := Referral{Status: RefReceived, DueAt: due.UTC().Format(time.RFC3339)}
	at := func(day, hour, minute int) time.Time { return time.Date(2026, 11, day, hour, minute, 0, 0, time.Local) }
	for _, c := range []struct {
		now  time.Time
		want TimeLeft
	}{
		{at(17, 9, 0), TimeLeft{DaysToGo, 3}}, {at(19, 23, 0), TimeLeft{DaysToGo, 1}},
		{at(20, 0, 5), TimeLeft{DueLaterToday, 0}}, {at(20, 13, 59), TimeLeft{DueLaterToday, 0}},
		{at(20, 14, 10), TimeLeft{OverdueHours, 1}}, {at(20, 17, 30), TimeLeft{OverdueHours, 3}},
		{at(21, 13, 59), TimeLeft{OverdueHours, 23}}, {at(21, 14, 0), TimeLeft{OverdueDays, 1}},
		{at(22, 9, 0), TimeLeft{OverdueDays, 2}}, {at(30, 14, 0), TimeLeft{OverdueDays, 10}},
	} {
		if got, ok := r.TimeLeft(c.now); !ok || got != c.want {
			t.Errorf("at %s: %+v, want %+v", c.now.Format("02 15:04"), got, c.want)
		}
	}
	for _, r := range []Referral{{Status: RefDone, DueAt: r.DueAt}, {Status: RefSent}} {
		if got, ok := r.TimeLeft(due); ok {
			t.Errorf("%s, due %q: %+v", r.Status, r.DueAt, got)
		}
	}
}

func TestCaseNumbersAndAnonymisationKeepStatistics(t *testing.T) {
	f := newReferrals(t)
	set, _ := f.s.Settings(ctx)
	set.CasePrefix = "СП-"
	f.s.SaveSettings(ctx, set)
	c2 := Case{Subject: "Родина Т.", Settlement: "м. Вишнів", Notes: "мама сама виховує трьох дітей", OpenedOn: "2019-03-01", ClosedOn: "2019-12-20"}
	if err := f.s.SaveCase(ctx, &c2); err != nil {
		t.Fatal(err)
	}
	if c2.Number != "СП-2026-000001" {
		t.Fatalf("number %q", c2.Number)
	}
	r := Referral{CaseID: c2.ID, FromOrg: f.school.ID, ToOrg: f.cnsp.ID, Urgency: UrgencyUrgent, Reason: "мама сама виховує трьох дітей"}
	f.s.SaveReferral(ctx, &r)
	f.s.MoveReferral(ctx, r.ID, Move{To: RefSent})
	if n, _ := f.s.CasesToAnonymise(ctx, 5); n != 1 {
		t.Fatalf("to anonymise: %d", n)
	}
	before, _ := f.s.CountByStatus(ctx)
	n, err := f.s.AnonymiseClosedCases(ctx, 5)
	if err != nil || n != 1 {
		t.Fatalf("anonymised %d %v", n, err)
	}
	got, _ := f.s.Case(ctx, c2.ID)
	if got.Subject != "***" || got.Settlement != "" || got.Notes != "" || got.AnonymisedAt == "" || got.ClosedOn != "2019-12-20" {
		t.Fatalf("anonymised case %+v", got)
	}
	ref, _, _ := f.s.Referral(ctx, r.ID)
	if ref.Reason != "" || ref.Status != RefSent || ref.FromOrg != f.school.ID {
		t.Fatalf("anonymised referral %+v", ref)
	}
	after, _ := f.s.CountByStatus(ctx)
	if before[RefSent] != after[RefSent] || before[RefDraft] != after[RefDraft] {
		t.Fatalf("statistics changed: %v → %v", before, after)
	}
	if open, _ := f.s.Case(ctx, f.caseID); open.Subject != "О. К." {
		t.Fatal("an open case was anonymised")
	}
	if found, _ := f.s.Cases(ctx, "Родина", 10); len(found) != 0 {
		t.Fatal("the anonymised subject is still searchable")
	}
	if found, _ := f.s.Cases(ctx, "сп-2026-000001", 10); len(found) != 1 {
		t.Fatal("the anonymised case cannot be found by number")
	}
	log, _ := f.s.AuditLog(ctx, "case", 1)
	if log[0].Action != "anonymise" {
		t.Fatalf("audit %+v", log)
	}
}

func TestReferralValidation(t *testing.T) {
	f := newReferrals(t)
	r := Referral{FromOrg: f.cnsp.ID, ToOrg: f.cnsp.ID}
	e := wantCode(t, f.s.SaveReferral(ctx, &r), EInvalid)
	rules := map[string]string{}
	for _, p := range e.Fields {
		rules[p.Field] = p.Rule
	}
	if rules["case"] != "required" || rules["to_org"] != "same_as_sender" || rules["urgency"] != "required" || rules["reason"] != "required" {
		t.Fatalf("problems %+v", e.Fields)
	}
	sent := f.draft(t)
	f.s.MoveReferral(ctx, sent.ID, Move{To: RefSent})
	sent.Reason = "змінено після надсилання"
	if e := wantCode(t, f.s.SaveReferral(ctx, &sent), EInvalid); e.Fields[0].Rule != "not_draft" {
		t.Fatalf("%+v", e.Fields)
	}
}

func TestADeadlineThatCannotBeReadIsAnErrorNotNoDeadline(t *testing.T) {
	f := newReferrals(t)
	r := f.draft(t)
	if _, err := f.s.db.Exec(`ALTER TABLE protocol_steps RENAME TO protocol_steps_away`); err != nil {
		t.Fatal(err)
	}
	_, err := f.s.MoveReferral(ctx, r.ID, Move{To: RefSent})
	if err == nil {
		t.Fatal("sent without a deadline while the protocol could not be read")
	}
	if got, _, _ := f.s.Referral(ctx, r.ID); got.Status != RefDraft {
		t.Fatalf("the refused move left the referral %s", got.Status)
	}
}

func TestAReferralWhoseProtocolVersionIsGoneHasNoDeadline(t *testing.T) {
	f := newReferrals(t)
	r := f.draft(t)
	r.ProtocolVersion = 99 // a version that does not exist
	if _, err := f.s.db.Exec(`UPDATE referrals SET protocol_version = NULL WHERE id = ?`, r.ID); err != nil {
		t.Fatal(err)
	}
	moved, err := f.s.MoveReferral(ctx, r.ID, Move{To: RefSent})
	if err != nil || moved.DueAt != "" {
		t.Fatalf("due %q, %v", moved.DueAt, err)
	}
}

func TestTheProtocolInForceIsTheApprovedVersion(t *testing.T) {
	f := newReferrals(t)
	if _, err := f.s.NewProtocolVersion(ctx, 1); err != nil {
		t.Fatal(err)
	}
	p, err := f.s.ProtocolInForce(ctx)
	if err != nil || p.Version != 1 {
		t.Fatalf("in force: v%d, %v", p.Version, err)
	}
	empty, err := Open(t.TempDir()+"/e.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	if _, err := empty.ProtocolInForce(ctx); ErrorCode(err) != ENotFound {
		t.Fatalf("without a protocol: %v", err)
	}
}

func TestTheStepsADeadlineComesFrom(t *testing.T) {
	report := Step{Title: "report", Deadline: Deadline{1, DeadlineWorkingDays, ""}}
	bySector := Step{Title: "by sector", ResponsibleSector: SectorSocialServices}
	byOrg := Step{Title: "by org", ResponsibleOrganizationID: "cnsp"}
	after := Step{Title: "after report"}
	cases := []struct {
		name   string
		steps  []Step
		org    string
		sector Sector
		want   string
	}{
		{"its organization first", []Step{report, bySector, byOrg}, "cnsp", SectorSocialServices, "by org"},
		{"then its sector", []Step{report, bySector}, "cnsp", SectorSocialServices, "by sector"},
		{"else the step after the report", []Step{report, after, bySector}, "school", SectorEducation, "after report"},
		{"a situation of one step", []Step{report}, "school", SectorEducation, "report"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sit := Situation{Steps: c.steps}
			if st, ok := sit.RecipientStep(c.org, c.sector); !ok || st.Title != c.want {
				t.Errorf("recipient step %q, want %q", st.Title, c.want)
			}
			if st, ok := sit.ReportStep(); !ok || st.Title != "report" {
				t.Errorf("report step %q", st.Title)
			}
		})
	}
	if _, ok := (Situation{}).RecipientStep("x", SectorOther); ok {
		t.Error("a situation without steps has a recipient step")
	}
	// The school reports and the centre answers: the referral goes to the
	// centre, whether the sender is chosen yet or not, and never back to
	// the sender.
	schoolReports := Step{ResponsibleOrganizationID: "school"}
	for _, c := range []struct {
		sender string
		steps  []Step
	}{{"", []Step{schoolReports, byOrg}}, {"school", []Step{schoolReports, byOrg}}, {"school", []Step{schoolReports, schoolReports, byOrg}}} {
		if got := (Situation{Steps: c.steps}).ProposedRecipient(c.sender); got != "cnsp" {
			t.Errorf("from %q over %d steps: proposed %q, want the centre", c.sender, len(c.steps), got)
		}
	}
}

func TestAMoveIsDatedWhenItHappenedNeverAheadNorBeforeTheStepBefore(t *testing.T) {
	f := newReferrals(t) // Friday 20.11.2026 14:00
	r := f.draft(t)
	f.clock = f.clock.Add(2 * time.Hour)
	sentAt := time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local)
	if _, err := f.s.MoveReferral(ctx, r.ID, Move{To: RefSent, At: sentAt}); err != nil {
		t.Fatal(err)
	}
	rule := func(m Move) string {
		_, err := f.s.MoveReferral(ctx, r.ID, m)
		if e := AsError(err); len(e.Fields) == 1 && e.Fields[0].Field == "moved_at" {
			return e.Fields[0].Rule
		}
		return fmt.Sprint(err)
	}
	if got := rule(Move{To: RefReceived, At: sentAt.Add(-time.Hour)}); got != "not_before_previous" {
		t.Errorf("a receipt before sending: %s", got)
	}
	if got := rule(Move{To: RefReceived, At: f.clock.Add(time.Hour)}); got != "not_future" {
		t.Errorf("a receipt in an hour: %s", got)
	}
	// Received on Friday at 15:30, typed in on Monday: the five working
	// days of the assessment count from Friday, not from Monday.
	receivedAt := sentAt.Add(30 * time.Minute)
	f.clock = time.Date(2026, 11, 23, 9, 0, 0, 0, time.Local)
	got, err := f.s.MoveReferral(ctx, r.ID, Move{To: RefReceived, At: receivedAt})
	if err != nil {
		t.Fatal(err)
	}
	if got.ReceivedAt != utc(receivedAt) || got.Due().After(time.Date(2026, 11, 27, 23, 59, 59, 0, time.Local)) {
		t.Fatalf("received %s, due %v: the deadline must count from the receipt on Friday", got.ReceivedAt, got.Due())
	}
	_, events, _ := f.s.Referral(ctx, r.ID)
	if last := events[len(events)-1]; last.At != utc(receivedAt) {
		t.Fatalf("the event is dated %s", last.At)
	}
}

func TestDoneNeedsTheOutcome(t *testing.T) {
	f := newReferrals(t)
	r := f.draft(t)
	for _, m := range []Move{{To: RefSent}, {To: RefReceived}, {To: RefAccepted}} {
		if _, err := f.s.MoveReferral(ctx, r.ID, m); err != nil {
			t.Fatal(err)
		}
	}
	_, err := f.s.MoveReferral(ctx, r.ID, Move{To: RefDone, Outcome: "  "})
	if e := AsError(err); len(e.Fields) != 1 || e.Fields[0].Field != "outcome" || e.Fields[0].Rule != "required" {
		t.Fatalf("done without an outcome: %v", err)
	}
	if after, _, _ := f.s.Referral(ctx, r.ID); after.Status != RefAccepted {
		t.Fatalf("status %s", after.Status)
	}
}

func TestTheProposedRecipientIsNoneOfThoseExcluded(t *testing.T) {
	sit := Situation{Steps: []Step{{ResponsibleOrganizationID: "school"}, {ResponsibleOrganizationID: "cnsp"}, {ResponsibleOrganizationID: "police"}}}
	if got := sit.ProposedRecipient("school", "cnsp"); got != "police" {
		t.Fatalf("proposed %q, want the next body named", got)
	}
	if got := sit.ProposedRecipient("cnsp", "police"); got != "" {
		t.Fatalf("proposed %q where no other body is named", got)
	}
}

func TestDeadlinesWorkedOutSideBySideOnAFreshDatabaseAllSucceed(t *testing.T) {
	f := newReferrals(t)
	r := f.draft(t)
	for round := 0; round < 20; round++ {
		// As on a database just made: the shipped holidays not loaded yet.
		if _, err := f.s.db.Exec(`DELETE FROM holidays; DELETE FROM settings WHERE key LIKE 'holidays_loaded_%'`); err != nil {
			t.Fatal(err)
		}
		errs := make(chan error, 8)
		for range 8 {
			go func() {
				_, err := f.s.DueIfSent(ctx, r, time.Now())
				errs <- err
			}()
		}
		for range 8 {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
	}
}
