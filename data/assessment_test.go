package data

import (
	"database/sql"
	"math"
	"slices"
	"strconv"
	"testing"
	"time"
)

// assessmentFixture is the referral fixture with a catalogue of one type
// (and one under it) whose services count places and clients a month.
type assessmentFixture struct {
	*referralFixture
	parent, child ServiceType
	children      TargetGroup
}

func newAssessments(t *testing.T) *assessmentFixture {
	t.Helper()
	f := &assessmentFixture{referralFixture: newReferrals(t)}
	types, err := f.s.ServiceTypes(ctx, CountryUA)
	if err != nil {
		t.Fatal(err)
	}
	f.parent = ServiceType{Country: CountryUA, Code: "T1", Name: "Денний догляд"}
	f.child = ServiceType{Country: CountryUA, Code: "T1.1", Name: "Денний догляд дітей", ParentCode: "T1"}
	for _, st := range []*ServiceType{&f.parent, &f.child} {
		if err := f.s.SaveServiceType(ctx, st); err != nil {
			t.Fatal(err, len(types))
		}
	}
	groups, _ := f.s.TargetGroups(ctx, CountryUA)
	f.children = groups[0]
	return f
}

// service adds a service provided by the CNSP of type, counting n in unit.
func (f *assessmentFixture) service(t *testing.T, typ ServiceType, n int, unit CapacityUnit, groups ...int64) Service {
	t.Helper()
	sv := Service{OrganizationID: f.cnsp.ID, TypeID: typ.ID, Name: "Послуга " + typ.Code + " " + string(unit), Status: StatusActive,
		Capacity: &n, CapacityUnit: unit, TargetGroupIDs: groups, Cost: CostFree}
	if err := f.s.SaveService(ctx, &sv); err != nil {
		t.Fatal(err)
	}
	return sv
}

func fullAssessment(f *assessmentFixture) Assessment {
	v := 4210.0
	need, amount := 40, 120000.0
	return Assessment{Title: "Оцінка потреб 2026", Period: Period{From: "2026-01-01", To: "2026-12-31"}, Status: AssessmentDraft,
		OrderNumber: "15-р", OrderDate: "2026-02-03", Method: "Анкетування, фокус-групи",
		Members:    []Member{{OrganizationID: f.cnsp.ID, Person: "О. Коваль", Role: "голова"}, {Person: "І. Мельник", Role: "секретар"}},
		Indicators: []Indicator{{Name: "Діти 0–17", Value: &v, AsOf: "2026-01-01", Source: "ЦНАП", ToCheck: true}},
		Needs:      []Need{{ServiceTypeID: f.parent.ID, InNeed: &need, Source: "survey", Unit: "places", Priority: "high", Rationale: "черга"}},
		Points:     []Point{{Kind: "strength", Text: "Мережа шкіл"}, {Kind: "threat", Text: "Відтік фахівців"}, {Kind: "political", Text: "Реформа"}},
		Measures: []Measure{{Title: "Відкрити денний центр", ServiceTypeID: f.parent.ID, TargetGroupID: f.children.ID, OrganizationID: f.cnsp.ID,
			Deadline: "2026-06-30", FundingSource: "бюджет громади", Amount: &amount, SuccessIndicator: "20 місць", Status: MeasureInProgress,
			Progress: []Progress{{On: "2026-03-01", Note: "Приміщення знайдено"}}}},
	}
}

func TestAnAssessmentIsSavedAndReadWholeAndItsMeasuresKeepTheirIDs(t *testing.T) {
	f := newAssessments(t)
	a := fullAssessment(f)
	if err := f.s.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	got, err := f.s.Assessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != a.Title || got.OrderNumber != "15-р" || len(got.Members) != 2 || got.Members[0].OrganizationName != "ЦНСП" ||
		got.Members[1].OrganizationID != "" || *got.Indicators[0].Value != 4210 || !got.Indicators[0].ToCheck ||
		got.Needs[0].TypeName != "Денний догляд" || *got.Needs[0].InNeed != 40 || len(got.Points) != 3 || got.Points[2].Kind != "political" {
		t.Fatalf("read back %+v", got)
	}
	m := got.Measures[0]
	if m.ID == 0 || m.OrganizationName != "ЦНСП" || m.TargetGroupName != f.children.Name || *m.Amount != 120000 || m.Progress[0].Note != "Приміщення знайдено" {
		t.Fatalf("measure %+v", m)
	}
	// A second save keeps the measure's ID; a new one gets its own; a
	// measure left out is deleted with its progress.
	got.Measures = append(got.Measures, Measure{Title: "Навчити фахівців", Status: MeasurePlanned})
	if err := f.s.SaveAssessment(ctx, &got); err != nil {
		t.Fatal(err)
	}
	again, _ := f.s.Assessment(ctx, a.ID)
	if again.Measures[0].ID != m.ID || again.Measures[1].ID == 0 || again.Measures[1].ID == m.ID {
		t.Fatalf("measure IDs %d %d, want %d first", again.Measures[0].ID, again.Measures[1].ID, m.ID)
	}
	again.Measures = again.Measures[1:]
	if err := f.s.SaveAssessment(ctx, &again); err != nil {
		t.Fatal(err)
	}
	var progress int
	f.s.db.QueryRow(`SELECT count(*) FROM assessment_progress`).Scan(&progress)
	if last, _ := f.s.Assessment(ctx, a.ID); len(last.Measures) != 1 || last.Measures[0].Title != "Навчити фахівців" || progress != 0 {
		t.Fatalf("after removing the first measure: %+v, %d progress rows", last.Measures, progress)
	}
	list, _ := f.s.Assessments(ctx, f.clock)
	if len(list) != 1 || list[0].Measures != 1 || list[0].Title != a.Title {
		t.Fatalf("list %+v", list)
	}
	if err := f.s.DeleteAssessment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Assessment(ctx, a.ID); ErrorCode(err) != ENotFound {
		t.Fatalf("after delete: %v", err)
	}
}

func TestAWrongAssessmentNamesTheFieldAndRowAndChangesNothing(t *testing.T) {
	f := newAssessments(t)
	a := fullAssessment(f)
	if err := f.s.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	bad := a
	minus, capacity := -3.0, 10
	bad.Indicators = []Indicator{{Name: "Населення"}, {Name: "Діти", Value: &minus}, {}}
	bad.Needs = []Need{{ServiceTypeID: f.parent.ID, CapacityOverride: &capacity}}
	bad.Measures = []Measure{{Title: "", Status: MeasurePlanned, Deadline: "30.06.2026"}}
	bad.Period.To = "2025-01-01"
	err := f.s.SaveAssessment(ctx, &bad)
	e := wantCode(t, err, EInvalid)
	var fields []string
	for _, fe := range e.Fields {
		fields = append(fields, fe.Field+" "+fe.Rule)
	}
	for _, want := range []string{"assessment.period_to period_order", "assessment.indicator.2.value not_negative",
		"assessment.need.1.override_note override_note", "assessment.need.1.unit required", "assessment.measure.1.title required",
		"assessment.measure.1.deadline date"} {
		if !slices.Contains(fields, want) {
			t.Errorf("no %q in %v", want, fields)
		}
	}
	if got, _ := f.s.Assessment(ctx, a.ID); got.Period.To != "2026-12-31" || len(got.Indicators) != 1 || got.Measures[0].Title != "Відкрити денний центр" {
		t.Fatalf("a refused save changed the assessment: %+v", got)
	}
}

func TestGapsSetNeedAgainstCapacityInItsOwnUnitAndRecomputeWhenTheCatalogueChanges(t *testing.T) {
	f := newAssessments(t)
	f.service(t, f.parent, 15, "places", f.children.ID)
	f.service(t, f.child, 10, "places")              // under the type: counts
	f.service(t, f.parent, 300, "clients_per_month") // another unit: never added to places
	closed := f.service(t, f.parent, 99, "places")   // closed for good: not on offer
	closed.Status = StatusDefunct
	if err := f.s.SaveService(ctx, &closed); err != nil {
		t.Fatal(err)
	}
	a := fullAssessment(f)
	groupNeed := 12
	a.Needs = append(a.Needs, Need{ServiceTypeID: f.parent.ID, TargetGroupID: f.children.ID, InNeed: &groupNeed, Unit: "places"})
	if err := f.s.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	gaps, err := f.s.Gaps(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	all, group := gaps[0], gaps[1]
	if all.CapacityComputed != 25 || all.Services != 3 || len(all.Capacities) != 2 {
		t.Fatalf("capacity %d in %d services, per unit %+v; want 25 places of 3 services", all.CapacityComputed, all.Services, all.Capacities)
	}
	if short, ok := all.Shortfall(); !ok || short != 15 {
		t.Fatalf("shortfall %d %v, want 40 − 25 = 15", short, ok)
	}
	if group.CapacityComputed != 15 || group.Services != 1 {
		t.Fatalf("the children's capacity %d of %d services, want 15 of 1", group.CapacityComputed, group.Services)
	}
	// Counted in a unit no service of the type uses, or in none, the
	// capacity is unknown rather than 0; with no service at all it is 0.
	for _, unit := range []CapacityUnit{"beds", ""} {
		g := Gap{Need: Need{InNeed: &groupNeed, Unit: unit}}
		f.s.inReadTx(ctx, func(tx *sql.Tx) error { return g.readCatalogue(ctx, tx, strconv.FormatInt(f.parent.ID, 10)) })
		if _, ok := g.Shortfall(); ok || g.CapacityKnown {
			t.Errorf("in %q: capacity %d given as known", unit, g.Capacity)
		}
	}
	none := Gap{Need: Need{InNeed: &groupNeed, Unit: "beds"}}
	f.s.inReadTx(ctx, func(tx *sql.Tx) error { return none.readCatalogue(ctx, tx, "0") })
	if short, ok := none.Shortfall(); !ok || short != groupNeed {
		t.Errorf("no service of the type: shortfall %d %v, want the whole need", short, ok)
	}
	// The catalogue grows: the gap follows; an override stays as set.
	f.service(t, f.child, 20, "places")
	override := 30
	a.Needs[1].CapacityOverride, a.Needs[1].OverrideNote = &override, "20 місць відкриються у березні"
	if err := f.s.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	saved, _ := f.s.Assessment(ctx, a.ID)
	gaps, _ = f.s.Gaps(ctx, saved)
	if short, _ := gaps[0].Shortfall(); gaps[0].CapacityComputed != 45 || short != -5 {
		t.Fatalf("after a new service: capacity %d, shortfall %d; want 45, −5", gaps[0].CapacityComputed, short)
	}
	if gaps[1].Capacity != 30 || gaps[1].CapacityComputed != 15 || gaps[1].OverrideNote == "" {
		t.Fatalf("override: %+v", gaps[1])
	}
}

func TestGapsCountTheReferralsOfThePeriodForTheType(t *testing.T) {
	f := newAssessments(t)
	sv := f.service(t, f.child, 10, "places")
	send := func(to ...ReferralStatus) {
		r := f.draft(t)
		r.ServiceID = sv.ID
		if err := f.s.SaveReferral(ctx, &r); err != nil {
			t.Fatal(err)
		}
		for _, st := range append([]ReferralStatus{RefSent, RefReceived}, to...) {
			m := Move{To: st}
			if st == RefRejected {
				m.RejectReason = "немає місць"
			}
			if _, err := f.s.MoveReferral(ctx, r.ID, m); err != nil {
				t.Fatal(err)
			}
			f.clock = f.clock.Add(24 * time.Hour)
		}
	}
	send(RefAccepted)
	send(RefAccepted)
	send(RefRejected)
	send()
	a := fullAssessment(f)
	a.Period = Period{From: "2026-11-01", To: "2026-12-31"}
	gaps, err := f.s.Gaps(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	g := gaps[0]
	if g.Requested != 4 || g.Rejected != 1 || g.ServedComputed != 2 || g.Served != 2 || math.Abs(g.WaitDays-2) > 0.01 {
		t.Fatalf("referrals: %+v", g)
	}
	if c := g.Coverage(); math.Abs(c-2.0/40) > 1e-9 {
		t.Fatalf("coverage %v, want 2 of 40", c)
	}
	a.Period = Period{From: "2025-01-01", To: "2025-12-31"}
	if gaps, _ = f.s.Gaps(ctx, a); gaps[0].Requested != 0 {
		t.Fatalf("a period without referrals counted %d", gaps[0].Requested)
	}
}

func TestOverdueMeasuresAreThoseOpenPastTheirDeadline(t *testing.T) {
	f := newAssessments(t)
	a := fullAssessment(f) // in progress, due 2026-06-30
	a.Measures = append(a.Measures, Measure{Title: "Зроблено", Deadline: "2026-01-01", Status: MeasureDone},
		Measure{Title: "Сьогодні", Deadline: f.clock.Format(time.DateOnly), Status: MeasurePlanned})
	if err := f.s.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	list, err := f.s.OverdueMeasures(ctx, f.clock)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Title != "Відкрити денний центр" || list[0].AssessmentTitle != a.Title || !list[0].Overdue(f.clock) {
		t.Fatalf("overdue %+v", list)
	}
	if sum, _ := f.s.Assessments(ctx, f.clock); sum[0].OverdueMeasures != 1 {
		t.Fatalf("the list says %d overdue", sum[0].OverdueMeasures)
	}
}

func TestEachCountryStartsWithItsIndicatorsMarkedToCheck(t *testing.T) {
	for _, c := range []Country{CountryUA, CountryCZ, CountryPL} {
		list, err := StartingIndicators(c)
		if err != nil || len(list) < 8 {
			t.Fatalf("%s: %d rows, %v", c, len(list), err)
		}
		for _, ind := range list {
			if ind.Name == "" || ind.Source == "" || !ind.ToCheck {
				t.Errorf("%s: %+v", c, ind)
			}
		}
	}
}
