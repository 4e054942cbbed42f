package demo

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"spilno/data"
)

func TestWriteFillsAnEmptyDatabaseOnce(t *testing.T) {
	ctx := context.Background()
	s, err := data.Open(filepath.Join(t.TempDir(), "demo.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := Write(ctx, s); err != nil {
		t.Fatal(err)
	}
	orgs, err := s.Organizations(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs) != len(organizations) {
		t.Fatalf("%d organizations, want %d", len(orgs), len(organizations))
	}
	sectors := map[data.Sector]bool{}
	for _, o := range orgs {
		sectors[o.Sector] = true
	}
	for _, want := range []data.Sector{data.SectorSocialServices, data.SectorChildService, data.SectorEducation,
		data.SectorHealth, data.SectorPolice, data.SectorNGO, data.SectorReligious} {
		if !sectors[want] {
			t.Errorf("no demo organization in sector %s", want)
		}
	}
	if got, _ := s.Organizations(ctx, "ссд"); len(got) != 1 {
		t.Errorf("search ССД found %d", len(got))
	}
	set, _ := s.Settings(ctx)
	if set.Community != Community || set.Country != data.CountryUA {
		t.Errorf("settings %+v", set)
	}
	services, err := s.Services(ctx, data.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(services) != 60 {
		t.Errorf("%d demo services, want 60", len(services))
	}
	unverified, closed, forms, types := 0, 0, map[data.ServiceForm]bool{}, map[string]bool{}
	for _, sv := range services {
		if sv.Unverified(time.Now()) {
			unverified++
		}
		if sv.Status == data.StatusTemporarilyClosed {
			closed++
		}
		for _, f := range sv.Forms {
			forms[f] = true
		}
		types[sv.TypeCode] = true
	}
	if unverified < 5 || closed < 2 || len(forms) != len(data.ServiceForms) || len(types) < 10 {
		t.Errorf("demo catalogue lacks variety: %d unverified, %d closed, forms %v, %d types", unverified, closed, forms, len(types))
	}
	versions, err := s.ProtocolVersions(ctx)
	if err != nil || len(versions) != 2 || versions[0].Status != data.ProtocolDraft || versions[1].Status != data.ProtocolApproved {
		t.Fatalf("demo protocol versions %+v %v", versions, err)
	}
	v1, _ := s.Protocol(ctx, 1)
	v2, _ := s.Protocol(ctx, 2)
	if len(v1.Situations) < 5 || len(v1.Participants) < 8 || v1.Situations[0].Steps[0].ResponsibleName == "" {
		t.Errorf("demo protocol v1: %d situations, %d participants", len(v1.Situations), len(v1.Participants))
	}
	if n := len(data.DiffProtocols(&v1, &v2)); n < 4 {
		t.Errorf("the demo versions differ in %d places only", n)
	}
	counts, _ := s.CountByStatus(ctx)
	total := 0
	for _, st := range data.ReferralStatuses {
		if counts[st] == 0 {
			t.Errorf("no demo referral is %s", st)
		}
		total += counts[st]
	}
	if total != DefaultReferrals {
		t.Errorf("%d demo referrals", total)
	}
	if n, _ := s.CountReferrals(ctx, data.ReferralFilter{Overdue: true, Now: time.Now()}); n == 0 {
		t.Error("no demo referral is overdue")
	}
	if err := Write(ctx, s); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second write: %v", err)
	}
}

func TestTheDemoAssessmentShowsRealShortagesAndAPlanUnderWay(t *testing.T) {
	s := demoStore(t)
	list, err := s.Assessments(context.Background(), time.Now())
	if err != nil || len(list) != 1 || list[0].Status != data.AssessmentApproved || list[0].OverdueMeasures != 1 {
		t.Fatalf("assessments %+v, %v", list, err)
	}
	a, err := s.Assessment(context.Background(), list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	gaps, err := s.Gaps(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	short, requested := 0, 0
	for _, g := range gaps {
		if n, ok := g.Shortfall(); ok && n > 0 {
			short++
		}
		requested += g.Requested
	}
	if short < 3 || requested == 0 {
		t.Fatalf("%d shortages of %d needs, %d referrals asking: %+v", short, len(gaps), requested, gaps)
	}
	statuses := map[data.MeasureStatus]bool{}
	for _, m := range a.Measures {
		statuses[m.Status] = true
	}
	if len(statuses) < 4 || len(a.Members) < 6 || len(a.Indicators) < 10 || len(a.Points) != 8 {
		t.Fatalf("plan statuses %v, %d members, %d indicators, %d points", statuses, len(a.Members), len(a.Indicators), len(a.Points))
	}
	surveys, err := s.Surveys(context.Background(), a.ID)
	if err != nil || len(surveys) != 1 || surveys[0].Respondents != 200 || surveys[0].Answers != nil {
		t.Fatalf("surveys %v", err)
	}
}

// demoStore is a database the demo was written into.
func demoStore(t *testing.T) *data.Store {
	t.Helper()
	s, err := data.Open(filepath.Join(t.TempDir(), "demo.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := Write(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return s
}
