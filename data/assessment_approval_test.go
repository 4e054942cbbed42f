package data

import (
	"slices"
	"testing"
)

func TestApprovingFreezesTheAnalysisAndItsGapsButThePlanMovesOn(t *testing.T) {
	f := newAssessments(t)
	f.service(t, f.parent, 15, "places")
	a := fullAssessment(f)
	if err := f.s.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	sv := Survey{Title: "Анкета", Respondents: 1, CrossBy: -1}
	if err := f.s.SaveSurvey(ctx, a.ID, &sv, false); err != nil {
		t.Fatal(err)
	}
	// An incomplete decision is refused by its fields, and nothing changes.
	err := f.s.ApproveAssessment(ctx, a.ID, Decision{Body: "виконкому", Date: "20.02.2026"})
	e := wantCode(t, err, EInvalid)
	var fields []string
	for _, fe := range e.Fields {
		fields = append(fields, fe.Field+" "+fe.Rule)
	}
	if !slices.Contains(fields, "decision_number required") || !slices.Contains(fields, "decision_date date") {
		t.Fatalf("refusal names %v", fields)
	}
	if got, _ := f.s.Assessment(ctx, a.ID); got.Frozen() {
		t.Fatal("a refused approval approved")
	}
	future := Decision{Body: "виконкому", Number: "1", Date: f.clock.AddDate(0, 0, 1).Format("2006-01-02")}
	if e := wantCode(t, f.s.ApproveAssessment(ctx, a.ID, future), EInvalid); e.Fields[0].Rule != "not_future" {
		t.Fatalf("a decision of tomorrow: %+v", e.Fields)
	}
	dec := Decision{Body: "виконавчого комітету", Number: "112", Date: "2026-02-20"}
	if err := f.s.ApproveAssessment(ctx, a.ID, dec); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Assessment(ctx, a.ID)
	if !got.Frozen() || got.Approval != dec || got.ApprovedAt == "" {
		t.Fatalf("approved as %+v at %q", got.Approval, got.ApprovedAt)
	}
	// The catalogue moves on; the approved gaps do not.
	f.service(t, f.parent, 20, "places")
	gaps, err := f.s.Gaps(ctx, got)
	if err != nil {
		t.Fatal(err)
	}
	if short, _ := gaps[0].Shortfall(); gaps[0].CapacityComputed != 15 || short != 25 || gaps[0].TypeName != "Денний догляд" {
		t.Fatalf("approved gap moved: capacity %d, shortfall %d", gaps[0].CapacityComputed, short)
	}
	// The analysis and the surveys are refused; nothing is written.
	changed := got
	changed.Title = "Інша назва"
	wantCode(t, f.s.SaveAssessment(ctx, &changed), EFrozen)
	wantCode(t, f.s.SaveSurvey(ctx, a.ID, &Survey{Title: "Ще одна", CrossBy: -1}, false), EFrozen)
	wantCode(t, f.s.SetSurveyCrossBy(ctx, sv.ID, 0), EFrozen)
	wantCode(t, f.s.DeleteSurvey(ctx, sv.ID), EFrozen)
	wantCode(t, f.s.ApproveAssessment(ctx, a.ID, dec), EFrozen)
	if again, _ := f.s.Assessment(ctx, a.ID); again.Title != a.Title {
		t.Fatalf("a refused save wrote %q", again.Title)
	}
	if list, _ := f.s.Surveys(ctx, a.ID); len(list) != 1 {
		t.Fatalf("%d surveys after refusals", len(list))
	}
	// The plan is still kept: a status and a progress line.
	got.Measures[0].Status = MeasureDone
	got.Measures[0].Progress = append(got.Measures[0].Progress, Progress{On: "2026-06-20", Note: "Центр відкрито"})
	got.Title = "не зберігається планом"
	if err := f.s.SaveProgress(ctx, &got); err != nil {
		t.Fatal(err)
	}
	after, _ := f.s.Assessment(ctx, a.ID)
	if m := after.Measures[0]; m.Status != MeasureDone || len(m.Progress) != 2 || after.Title != a.Title || !after.Frozen() {
		t.Fatalf("after the plan's save: %q %+v", after.Title, m)
	}
	bad := after
	bad.Measures[0].Progress = []Progress{{On: "вчора", Note: "x"}}
	wantCode(t, f.s.SaveProgress(ctx, &bad), EInvalid)
	// The measures themselves are the approved plan: changed, added or
	// removed, they are refused.
	renamed, _ := f.s.Assessment(ctx, a.ID)
	renamed.Measures[0].Title = "Інший захід"
	wantCode(t, f.s.SaveProgress(ctx, &renamed), EFrozen)
	more, _ := f.s.Assessment(ctx, a.ID)
	more.Measures = append(more.Measures, Measure{Title: "Новий", Status: MeasurePlanned})
	wantCode(t, f.s.SaveProgress(ctx, &more), EFrozen)
	dearer, _ := f.s.Assessment(ctx, a.ID)
	*dearer.Measures[0].Amount = 1
	wantCode(t, f.s.SaveProgress(ctx, &dearer), EFrozen)
	// Returned to draft, the analysis can change and the gaps follow the
	// catalogue again.
	if err := f.s.ReopenAssessment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	draft, _ := f.s.Assessment(ctx, a.ID)
	gaps, _ = f.s.Gaps(ctx, draft)
	if draft.Frozen() || gaps[0].CapacityComputed != 35 || draft.Approval.Number != "112" {
		t.Fatalf("reopened: %s, capacity %d, decision %+v", draft.Status, gaps[0].CapacityComputed, draft.Approval)
	}
	draft.Title = "Оцінка потреб 2026, редакція 2"
	if err := f.s.SaveAssessment(ctx, &draft); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.s.ReopenAssessment(ctx, a.ID), ENotFound)
}

func TestAnApprovedGapWithoutReferralsKeepsItsUnknownWait(t *testing.T) {
	f := newAssessments(t)
	a := fullAssessment(f)
	if err := f.s.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if err := f.s.ApproveAssessment(ctx, a.ID, Decision{Body: "ради", Number: "1", Date: "2026-02-20"}); err != nil {
		t.Fatal(err)
	}
	got, _ := f.s.Assessment(ctx, a.ID)
	gaps, err := f.s.Gaps(ctx, got)
	if err != nil || len(gaps) != 1 || gaps[0].WaitDays == gaps[0].WaitDays { // NaN: no referral was accepted
		t.Fatalf("gaps %+v, %v", gaps, err)
	}
}
