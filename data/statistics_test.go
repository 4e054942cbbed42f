package data

import (
	"math"
	"path/filepath"
	"testing"
	"time"
)

// A fixture with known numbers, in Kyiv's time: October 2026 holds the
// change back from summer time, a referral sent at 00:30 on its first day
// (still 30 September in UTC) and one at 23:30 on its last; one sent at
// 00:10 on 1 November (31 October in UTC) is not October's.
func TestStatisticsCountWhatHappenedInThePeriod(t *testing.T) {
	kyiv, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Fatal(err)
	}
	local := time.Local
	time.Local = kyiv
	t.Cleanup(func() { time.Local = local })
	f := newReferrals(t)
	police := &Organization{Name: "Поліція", Sector: SectorPolice}
	mustSave(t, f.s, police)
	at := func(month time.Month, day, hour, minute int, year ...int) {
		y := 2026
		if len(year) > 0 {
			y = year[0]
		}
		f.clock = time.Date(y, month, day, hour, minute, 0, 0, kyiv)
	}
	move := func(r Referral, m Move) {
		t.Helper()
		if _, err := f.s.MoveReferral(ctx, r.ID, m); err != nil {
			t.Fatal(err)
		}
	}
	send := func(from *Organization) Referral {
		t.Helper()
		c := Case{Subject: "Д. Т.", BirthYear: ptr(2024), Settlement: "с. Лісове", Specialist: "Ірина Коваль"}
		if err := f.s.SaveCase(ctx, &c); err != nil {
			t.Fatal(err)
		}
		r := Referral{CaseID: c.ID, FromOrg: from.ID, ToOrg: f.cnsp.ID, SituationKey: f.situation, Urgency: UrgencyUrgent, Reason: "оцінка"}
		if err := f.s.SaveReferral(ctx, &r); err != nil {
			t.Fatal(err)
		}
		move(r, Move{To: RefSent})
		return r
	}
	at(time.October, 1, 0, 30)
	r1 := send(f.school) // received in time, done in time
	at(time.October, 1, 10, 0)
	move(r1, Move{To: RefReceived})
	at(time.October, 2, 9, 0)
	move(r1, Move{To: RefAccepted})
	at(time.October, 5, 12, 0)
	move(r1, Move{To: RefDone, Outcome: "оцінку проведено"})
	at(time.October, 31, 23, 30)
	r2 := send(police) // received late, then left
	at(time.November, 4, 11, 30)
	move(r2, Move{To: RefReceived})
	at(time.November, 1, 0, 10)
	send(f.school) // November's, never received
	at(time.September, 15, 10, 0)
	r4 := send(f.school) // the month before: rejected
	move(r4, Move{To: RefReceived})
	move(r4, Move{To: RefRejected, RejectReason: "Не наша компетенція"})
	at(time.October, 10, 10, 0, 2025)
	send(police) // a year before
	at(time.November, 20, 14, 0)

	st, err := f.s.Statistics(ctx, MonthOf(time.Date(2026, 10, 15, 0, 0, 0, 0, kyiv)), f.clock)
	if err != nil {
		t.Fatal(err)
	}
	if st.Previous.From != "2026-09-01" || st.Previous.To != "2026-09-30" || st.YearBefore.From != "2025-10-01" || st.YearBefore.To != "2025-10-31" {
		t.Fatalf("periods compared: %+v %+v", st.Previous, st.YearBefore)
	}
	if st.Sent != (Compared{2, 1, 1}) {
		t.Errorf("sent %+v, want 2 in October, 1 in September, 1 a year before", st.Sent)
	}
	wantTallies(t, "by sector", st.BySector, map[string]Compared{"education": {1, 1, 0}, "police": {1, 0, 1}})
	wantTallies(t, "by recipient", st.ByTo, map[string]Compared{f.cnsp.ID: {2, 1, 1}})
	wantTallies(t, "by status", st.ByStatus, map[string]Compared{"done": {N: 1}, "received": {N: 1}})
	wantTallies(t, "overdue now", st.OverdueNow, map[string]Compared{f.cnsp.ID: {N: 3}}) // r2, the November one and the one of a year before
	wantTallies(t, "cases opened by age", st.ByAgeGroup, map[string]Compared{"0-2": {2, 1, 1}})
	if len(st.TimelinessByRecipient) != 1 {
		t.Fatalf("timeliness %+v", st.TimelinessByRecipient)
	}
	if tl := st.TimelinessByRecipient[0]; tl.ReceiptJudged != 2 || tl.ReceivedInTime != 1 {
		t.Errorf("receipt in time %d of %d, want 1 of 2", tl.ReceivedInTime, tl.ReceiptJudged)
	}
	// Sent → received: 9 h 30 min and 3 days 12 hours (across the change of the clocks, 4 days 12 h on the wall less one hour... as moments).
	d := st.Durations[0]
	first := 9.5 / 24
	second := time.Date(2026, 11, 4, 11, 30, 0, 0, kyiv).Sub(time.Date(2026, 10, 31, 23, 30, 0, 0, kyiv)).Hours() / 24
	if d.Step != "sent_received" || d.N != 2 || math.Abs(d.Median-(first+second)/2) > 1e-6 || math.Abs(d.P90-(first+0.9*(second-first))) > 1e-6 {
		t.Errorf("sent → received %+v, want median %.4f", d, (first+second)/2)
	}
	if st.CasesOpened.N != 2 || st.ReferralsPerCase != 1 {
		t.Errorf("cases opened %+v, referrals per case %v", st.CasesOpened, st.ReferralsPerCase)
	}
	if st.Monthly[11].Key != "2026-10" || st.Monthly[11].N != 2 || st.Monthly[10].N != 1 {
		t.Errorf("monthly %+v", st.Monthly)
	}
	// The register opened on a number shows as many referrals: it counts
	// the days sent as the statistics do, in local time.
	october := ReferralFilter{SentFrom: "2026-10-01", SentTo: "2026-10-31"}
	for _, c := range []struct {
		what string
		f    ReferralFilter
		want int
	}{
		{"sent in October", october, 2},
		{"sent by the police", ReferralFilter{SentFrom: october.SentFrom, SentTo: october.SentTo, FromSector: SectorPolice}, 1},
		{"sent by the school", ReferralFilter{SentFrom: october.SentFrom, SentTo: october.SentTo, FromOrg: f.school.ID}, 1},
		{"sent to the centre", ReferralFilter{SentFrom: october.SentFrom, SentTo: october.SentTo, ToOrg: f.cnsp.ID}, 2},
		{"overdue at the centre", ReferralFilter{ToOrg: f.cnsp.ID, Overdue: true, Now: f.clock}, 3},
	} {
		if n, err := f.s.CountReferrals(ctx, c.f); err != nil || n != c.want {
			t.Errorf("register, %s: %d (%v), want %d", c.what, n, err, c.want)
		}
	}
}

// Referrals moved before the statistics read their steps from the
// referrals (migration 011) keep them: the migration fills them in from
// the events, and the statistics judge them as they would have.
func TestStatisticsJudgeStepsRecordedBeforeTheMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	f := newReferralsIn(t, path, prefixFS(t, 10))
	at := func(day, hour int) { f.clock = time.Date(2026, time.October, day, hour, 0, 0, 0, time.Local) }
	moves := []struct {
		day, hour int
		m         Move
	}{{1, 10, Move{To: RefSent}}, {1, 12, Move{To: RefReceived}}, {2, 9, Move{To: RefAccepted}}, {30, 9, Move{To: RefDone, Outcome: "оцінку проведено"}}}
	done := f.draft(t) // done late: the assessment's 5 working days ran out on 9 October
	for _, step := range moves {
		at(step.day, step.hour)
		if _, err := f.s.MoveReferral(ctx, done.ID, step.m); err != nil {
			t.Fatal(err)
		}
	}
	at(3, 9)
	waiting := f.draft(t) // sent, never received
	if _, err := f.s.MoveReferral(ctx, waiting.ID, Move{To: RefSent}); err != nil {
		t.Fatal(err)
	}
	f.s.Close()

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Statistics(ctx, MonthOf(f.clock), time.Date(2026, time.November, 20, 14, 0, 0, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	want := Timeliness{Key: f.cnsp.ID, Label: f.cnsp.Name, ReceiptJudged: 2, ReceivedInTime: 1, WorkJudged: 1, DoneInTime: 0}
	if len(st.TimelinessByRecipient) != 1 || st.TimelinessByRecipient[0] != want {
		t.Errorf("timeliness %+v, want %+v", st.TimelinessByRecipient, want)
	}
	for i := range 3 {
		days := time.Date(2026, time.October, moves[i+1].day, moves[i+1].hour, 0, 0, 0, time.Local).
			Sub(time.Date(2026, time.October, moves[i].day, moves[i].hour, 0, 0, 0, time.Local)).Hours() / 24
		if d := st.Durations[i]; d.N != 1 || math.Abs(d.Median-days) > 1e-9 {
			t.Errorf("%s: %+v, want one of %.3f days", d.Step, d, days)
		}
	}
}

func wantTallies(t *testing.T, what string, got []Tally, want map[string]Compared) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %+v, want %v", what, got, want)
		return
	}
	for _, g := range got {
		if w, ok := want[g.Key]; !ok || g.Compared != w {
			t.Errorf("%s: %q counts %+v, want %+v", what, g.Key, g.Compared, w)
		}
	}
}
