package data

import (
	"strings"
	"testing"
)

// newProtocol makes a store with three participants and the UA template as draft v1.
func newProtocol(t *testing.T) (*Store, *Protocol, []*Organization) {
	t.Helper()
	s := openTemp(t)
	orgs := []*Organization{
		{Name: "Служба у справах дітей", Sector: SectorChildService, HeadName: "Наталія Бондар", HeadPosition: "начальниця служби"},
		{Name: "Центр надання соціальних послуг", Sector: SectorSocialServices},
		{Name: "Ювенальна превенція", Sector: SectorPolice},
	}
	for _, o := range orgs {
		mustSave(t, s, o)
	}
	p, err := ProtocolTemplate(CountryUA)
	if err != nil {
		t.Fatal(err)
	}
	p.Community = "Вишнівська громада"
	for _, o := range orgs {
		p.Participants = append(p.Participants, Participant{OrganizationID: o.ID, Role: "учасник"})
	}
	if _, err := s.CreateProtocol(ctx, &p); err != nil {
		t.Fatal(err)
	}
	return s, &p, orgs
}

func TestTemplatesHaveTheSituationsAndMarkUnconfirmedDeadlines(t *testing.T) {
	for _, c := range Countries {
		p, err := ProtocolTemplate(c)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Situations) < 5 || p.StepCount() < 15 {
			t.Errorf("%s template: %d situations, %d steps", c, len(p.Situations), p.StepCount())
		}
		confirmed := 0
		for _, st := range p.allSteps() {
			if !st.DeadlineToCheck {
				confirmed++
			}
		}
		if c == CountryUA && confirmed == 0 || c != CountryUA && confirmed != 0 {
			t.Errorf("%s template has %d confirmed deadlines", c, confirmed)
		}
	}
	p, _ := ProtocolTemplate(CountryUA)
	// The confirmed ones: needs assessment in 5 working days; a child without
	// parental care: notify immediately, check conditions within one day.
	sit := p.Situations[1]
	if sit.Steps[0].Deadline.Unit != DeadlineImmediately || sit.Steps[0].DeadlineToCheck ||
		sit.Steps[1].Deadline != (Deadline{1, DeadlineCalendarDays, "report_received"}) || sit.Steps[1].DeadlineToCheck {
		t.Errorf("child without parental care: %+v", sit.Steps[:2])
	}
}

func TestProtocolRoundTripAndValidation(t *testing.T) {
	s, p, orgs := newProtocol(t)
	got, err := s.Protocol(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != ProtocolDraft || len(got.Participants) != 3 || got.Participants[0].HeadName != "Наталія Бондар" ||
		len(got.Situations) != len(p.Situations) || got.StepCount() != p.StepCount() || got.Situations[0].Key == "" {
		t.Fatalf("read back %+v", got)
	}
	// A responsible organization must be a participant; every step needs a
	// responsible party and a deadline.
	outsider := &Organization{Name: "Сторонній", Sector: SectorOther}
	mustSave(t, s, outsider)
	got.Situations[0].Steps[0].ResponsibleOrganizationID = outsider.ID
	got.Situations[0].Steps[1].ResponsibleSector = ""
	got.Situations[1].Steps[0].Deadline.Unit = ""
	got.Situations[2].Steps[1].Deadline.Amount = 0
	e := wantCode(t, s.SaveProtocol(ctx, &got), EInvalid)
	want := []FieldError{{"situation.1.step.1.responsible", "not_participant", ""}, {"situation.1.step.2.responsible", "required", ""},
		{"situation.2.step.1.deadline", "required", ""}, {"situation.3.step.2.deadline", "positive", ""}}
	if len(e.Fields) != len(want) {
		t.Fatalf("problems %+v", e.Fields)
	}
	for i := range want {
		if e.Fields[i] != want[i] {
			t.Errorf("problem %d: %+v, want %+v", i, e.Fields[i], want[i])
		}
	}
	// A valid edit is stored.
	got, _ = s.Protocol(ctx, 1)
	got.Situations[0].Steps[0].ResponsibleOrganizationID = orgs[0].ID
	got.Situations[0].Steps[0].ResponsibleSector = ""
	if err := s.SaveProtocol(ctx, &got); err != nil {
		t.Fatal(err)
	}
	again, _ := s.Protocol(ctx, 1)
	if again.Situations[0].Steps[0].ResponsibleName != "Служба у справах дітей" {
		t.Fatalf("responsible %+v", again.Situations[0].Steps[0])
	}
	// A participant's organization cannot be deleted.
	wantCode(t, s.DeleteOrganization(ctx, orgs[2].ID), EInUse)
}

func TestApprovalMakesReadOnlyAndNewVersionsSupersede(t *testing.T) {
	s, _, _ := newProtocol(t)
	e := wantCode(t, s.ApproveProtocol(ctx, 1, "", "", ""), EInvalid)
	if len(e.Fields) != 3 || e.Fields[0].Field != "approval_body" {
		t.Fatalf("approval problems %+v", e.Fields)
	}
	wantCode(t, s.ApproveProtocol(ctx, 1, "Виконавчий комітет", "125", "2026-31-02"), EInvalid)
	if err := s.ApproveProtocol(ctx, 1, "Виконавчий комітет Вишнівської міської ради", "125", "2026-03-12"); err != nil {
		t.Fatal(err)
	}
	v1, _ := s.Protocol(ctx, 1)
	if v1.Status != ProtocolApproved || v1.DecisionNumber != "125" || v1.EffectiveFrom != "2026-03-12" {
		t.Fatalf("approved %+v", v1)
	}
	v1.Title = "Змінений"
	wantCode(t, s.SaveProtocol(ctx, &v1), EApproved)
	wantCode(t, s.ApproveProtocol(ctx, 1, "x", "1", "2026-01-01"), EApproved)

	n, err := s.NewProtocolVersion(ctx, 1)
	if err != nil || n != 2 {
		t.Fatalf("new version %d %v", n, err)
	}
	if _, err := s.NewProtocolVersion(ctx, 1); ErrorCode(err) != EInvalid {
		t.Fatalf("second draft allowed: %v", err)
	}
	v2, _ := s.Protocol(ctx, 2)
	if v2.Status != ProtocolDraft || v2.DecisionNumber != "" || v2.StepCount() != v1.StepCount() ||
		v2.Situations[0].Steps[0].Key != v1.Situations[0].Steps[0].Key {
		t.Fatalf("copy %+v", v2)
	}
	if err := s.ApproveProtocol(ctx, 2, "Виконавчий комітет", "301", "2026-11-20"); err != nil {
		t.Fatal(err)
	}
	list, _ := s.ProtocolVersions(ctx)
	if len(list) != 2 || list[0].Status != ProtocolApproved || list[1].Status != ProtocolSuperseded {
		t.Fatalf("versions %+v", list)
	}
	// Every version stays readable.
	if old, err := s.Protocol(ctx, 1); err != nil || old.DecisionNumber != "125" {
		t.Fatalf("old version %v %+v", err, old)
	}
	log, _ := s.AuditLog(ctx, "protocol", 10)
	if len(log) < 4 || log[0].Action != "approve" {
		t.Fatalf("audit %+v", log)
	}
}

func TestDiffFindsAddedRemovedAndChanged(t *testing.T) {
	s, _, orgs := newProtocol(t)
	v1, _ := s.Protocol(ctx, 1)
	v2, _ := s.Protocol(ctx, 1)
	v2.Purpose += "\nДоповнено."
	v2.Situations[0].Steps[1].Deadline.Amount = 12                                             // changed
	v2.Situations[0].Steps = append(v2.Situations[0].Steps[:2], v2.Situations[0].Steps[3:]...) // removed step 3
	v2.Situations[1].Steps = append(v2.Situations[1].Steps, Step{Key: "new-step", Title: "Нова дія",
		ResponsibleSector: SectorEducation, Deadline: Deadline{2, DeadlineWorkingDays, "previous_step"}}) // added
	v2.Situations[2].Steps[0], v2.Situations[2].Steps[1] = v2.Situations[2].Steps[1], v2.Situations[2].Steps[0] // moved only
	v2.Participants = v2.Participants[:2]
	v2.Participants[1].Role = "координатор"
	v2.Situations = append(v2.Situations, Situation{Key: "sit-new", Name: "Булінг у закладі освіти", Urgency: UrgencyUrgent})
	_ = orgs
	changes := DiffProtocols(&v1, &v2)
	var got []string
	for _, c := range changes {
		item := c.Field
		switch {
		case c.NewStep != nil:
			item = c.NewStep.Title
		case c.OldStep != nil:
			item = c.OldStep.Title
		case c.NewParticipant != nil:
			item = c.NewParticipant.OrganizationName
		case c.OldParticipant != nil:
			item = c.OldParticipant.OrganizationName
		}
		got = append(got, string(c.Kind)+" "+c.Section[:min(6, len(c.Section))]+" "+item)
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{
		"changed header purpose",
		"changed partic Центр надання соціальних послуг",
		"removed partic Ювенальна превенція",
		"changed " + v1.Situations[0].Key[:6] + " " + v1.Situations[0].Steps[1].Title,
		"removed " + v1.Situations[0].Key[:6] + " " + v1.Situations[0].Steps[2].Title,
		"added " + v1.Situations[1].Key[:6] + " Нова дія",
		"added sit-ne situation",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("diff lacks %q:\n%s", want, joined)
		}
	}
	if len(changes) != 7 {
		t.Errorf("%d changes (a move is no change):\n%s", len(changes), joined)
	}
}
