package data

import (
	"strings"
	"testing"
	"time"
)

func ptr(n int) *int { return &n }

// catalogueFixture is a store with two providers and the UA classifier.
type catalogueFixture struct {
	s            *Store
	cnsp, school *Organization
	types        map[string]ServiceType // by code
	groups       map[string]TargetGroup // by name
}

func newCatalogue(t *testing.T) *catalogueFixture {
	t.Helper()
	f := &catalogueFixture{s: openTemp(t), types: map[string]ServiceType{}, groups: map[string]TargetGroup{}}
	f.cnsp = &Organization{Name: "Центр надання соціальних послуг", ShortName: "ЦНСП", Sector: SectorSocialServices, RegistryID: "41234567"}
	f.school = &Organization{Name: "Sociální služby Hlučín", Sector: SectorSocialServices}
	mustSave(t, f.s, f.cnsp)
	mustSave(t, f.s, f.school)
	types, err := f.s.ServiceTypes(ctx, CountryUA)
	if err != nil {
		t.Fatal(err)
	}
	for _, ty := range types {
		f.types[ty.Code] = ty
	}
	groups, err := f.s.TargetGroups(ctx, CountryUA)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range groups {
		f.groups[g.Name] = g
	}
	return f
}

func (f *catalogueFixture) add(t *testing.T, sv Service) Service {
	t.Helper()
	if sv.Status == "" {
		sv.Status = StatusActive
	}
	if err := f.s.SaveService(ctx, &sv); err != nil {
		t.Fatalf("save %q: %v", sv.Name, err)
	}
	return sv
}

func names(list []Service) string {
	var out []string
	for _, s := range list {
		out = append(out, s.Name)
	}
	return strings.Join(out, "|")
}

func TestShippedClassifiersLoadOnFirstUse(t *testing.T) {
	s := openTemp(t)
	for country, want := range map[Country][]string{
		CountryUA: {"001.0 Інформування", "002.0 Консультування", "012.0 Екстрене (кризове) втручання", "015.1 Догляд вдома", "К-4 Соціальний супровід"},
		CountryCZ: {"02 Osobní asistence", "33 Sociální rehabilitace", "01.2 Odborné sociální poradenství"},
		CountryPL: {"1 Polityka prorodzinna", "14 Reintegracja zawodowa i społeczna"},
	} {
		types, err := s.ServiceTypes(ctx, country)
		if err != nil {
			t.Fatal(err)
		}
		have := map[string]bool{}
		for _, ty := range types {
			have[ty.Code+" "+ty.Name] = true
		}
		for _, w := range want {
			if !have[w] {
				t.Errorf("%s classifier lacks %q", country, w)
			}
		}
		if country == CountryCZ && len(types) != 35 { // 33 types, poradenství split in two
			t.Errorf("CZ has %d entries, want 35", len(types))
		}
		if country == CountryPL && len(types) != 14 {
			t.Errorf("PL has %d areas, want 14", len(types))
		}
	}
	// Loaded once: asking again does not duplicate.
	again, _ := s.ServiceTypes(ctx, CountryPL)
	if len(again) != 14 {
		t.Fatalf("second read %d", len(again))
	}
	groups, _ := s.TargetGroups(ctx, CountryCZ)
	if len(groups) < 9 || groups[0].Name != "Děti" {
		t.Fatalf("CZ target groups %+v", groups)
	}
}

func TestServiceRoundTripWithEveryField(t *testing.T) {
	f := newCatalogue(t)
	sv := f.add(t, Service{
		OrganizationID: f.cnsp.ID, TypeID: f.types["К-4"].ID, Name: "Соціальний супровід сімей з дітьми",
		Description: "Допомога сім'ям у складних життєвих обставинах", Status: StatusTemporarilyClosed,
		AgeMin: ptr(0), AgeMax: ptr(18), Forms: []ServiceForm{FormOutreach, FormAtHome},
		TargetGroupIDs: []int64{f.groups["Сім'ї з дітьми"].ID, f.groups["Діти"].ID},
		Address:        "вул. Шевченка, 12", AreaServed: "Вишнівська громада",
		Schedule:     []OpeningHours{{Day: 5, Opens: "8:00", Closes: "15.45"}, {Day: 1, Opens: "08:00", Closes: "17:00"}},
		ScheduleNote: "за попереднім записом", Capacity: ptr(25), CapacityUnit: "clients_per_month",
		WaitingTime: "до 5 робочих днів", Cost: CostFree, CostNote: "безоплатно", Funding: "місцевий бюджет",
		Languages: "українська", HowToApply: "звернутися до ЦНСП", Phone: "+380 3342 2-15-07", Email: "cnsp@rada.gov.ua",
		VerifiedOn: "2026-03-01", Notes: "примітка",
	})
	got, err := f.s.Service(ctx, sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ProviderName != f.cnsp.Name || got.TypeCode != "К-4" || *got.AgeMax != 18 || *got.Capacity != 25 ||
		got.Status != StatusTemporarilyClosed || got.VerifiedOn != "2026-03-01" || got.Cost != CostFree {
		t.Fatalf("read back %+v", got)
	}
	if encodeForms(got.Forms) != "at_home,outreach" {
		t.Fatalf("forms %v", got.Forms)
	}
	if len(got.Schedule) != 2 || got.Schedule[0] != (OpeningHours{1, "08:00", "17:00"}) || got.Schedule[1] != (OpeningHours{5, "08:00", "15:45"}) {
		t.Fatalf("schedule %+v", got.Schedule)
	}
	if strings.Join(got.TargetGroupNames, ",") != "Діти,Сім'ї з дітьми" {
		t.Fatalf("groups %v", got.TargetGroupNames)
	}
	log, _ := f.s.AuditLog(ctx, "service", 1)
	if len(log) != 1 || log[0].Action != "create" || log[0].EntityID != sv.ID {
		t.Fatalf("audit %+v", log)
	}
	// The provider cannot be deleted while it offers the service.
	wantCode(t, f.s.DeleteOrganization(ctx, f.cnsp.ID), EInUse)
	if err := f.s.DeleteService(ctx, sv.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.DeleteOrganization(ctx, f.cnsp.ID); err != nil {
		t.Fatalf("delete provider after its service: %v", err)
	}
}

func TestServiceValidation(t *testing.T) {
	sv := Service{Name: " ", Status: "open", AgeMin: ptr(18), AgeMax: ptr(6), Capacity: ptr(-1),
		Schedule:   []OpeningHours{{Day: 2, Opens: "17:00", Closes: "08:00"}, {Day: 3, Opens: "25:00", Closes: "26:00"}},
		VerifiedOn: "2026-02-30"}
	got := AsError(sv.Validate()).Fields
	want := []FieldError{{"provider", "required", ""}, {"type", "required", ""}, {"name", "required", ""},
		{"status", "required", ""}, {"age_max", "age_order", ""}, {"capacity", "not_negative", ""},
		{"capacity_unit", "required", ""}, {"schedule.2", "clock_order", ""}, {"schedule.3", "clock", ""},
		{"verified_on", "date", ""}}
	if len(got) != len(want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestCatalogueSearchAndFiltersCombine(t *testing.T) {
	f := newCatalogue(t)
	kids, families := f.groups["Діти"].ID, f.groups["Сім'ї з дітьми"].ID
	f.add(t, Service{OrganizationID: f.cnsp.ID, TypeID: f.types["001.0"].ID, Name: "Інформування батьків",
		Forms: []ServiceForm{FormRemote}, TargetGroupIDs: []int64{families}})
	f.add(t, Service{OrganizationID: f.cnsp.ID, TypeID: f.types["015.1"].ID, Name: "Догляд вдома для людей похилого віку",
		Forms: []ServiceForm{FormAtHome}, Status: StatusTemporarilyClosed})
	f.add(t, Service{OrganizationID: f.school.ID, TypeID: f.types["К-4"].ID, Name: "Sociálně aktivizační služba pro rodiny",
		Forms: []ServiceForm{FormOutreach, FormDay}, TargetGroupIDs: []int64{kids, families}})
	cases := []struct {
		filter ServiceFilter
		want   string
	}{
		{ServiceFilter{}, "Інформування батьків|Догляд вдома для людей похилого віку|Sociálně aktivizační služba pro rodiny"},
		{ServiceFilter{Query: "ДОГЛЯД"}, "Догляд вдома для людей похилого віку"},
		{ServiceFilter{Query: "aktivizacni rodiny"}, "Sociálně aktivizační služba pro rodiny"},
		{ServiceFilter{Query: "цнсп"}, ""}, // short name is not in the search text…
		{ServiceFilter{Query: "центр надання"}, "Інформування батьків|Догляд вдома для людей похилого віку"}, // …the provider's name is
		{ServiceFilter{Query: "hlucin"}, "Sociálně aktivizační služba pro rodiny"},
		{ServiceFilter{TargetGroupID: families}, "Інформування батьків|Sociálně aktivizační služba pro rodiny"},
		{ServiceFilter{TargetGroupID: families, Form: FormDay}, "Sociálně aktivizační služba pro rodiny"},
		{ServiceFilter{Status: StatusTemporarilyClosed}, "Догляд вдома для людей похилого віку"},
		{ServiceFilter{OrganizationID: f.school.ID}, "Sociálně aktivizační služba pro rodiny"},
		{ServiceFilter{TypeID: f.types["К"].ID}, "Догляд вдома для людей похилого віку|Sociálně aktivizační služba pro rodiny"}, // a group finds its types
		{ServiceFilter{TypeID: f.types["П"].ID, Query: "інформування"}, "Інформування батьків"},
		{ServiceFilter{TypeID: f.types["П"].ID, Form: FormAtHome}, ""},
	}
	for _, c := range cases {
		got, err := f.s.Services(ctx, c.filter)
		if err != nil {
			t.Fatal(err)
		}
		if names(got) != c.want {
			t.Errorf("%+v: %q, want %q", c.filter, names(got), c.want)
		}
	}
	// Renaming the provider, a type or a group keeps search in step.
	f.school.Name = "Charita Opava"
	mustSave(t, f.s, f.school)
	if got, _ := f.s.Services(ctx, ServiceFilter{Query: "opava"}); len(got) != 1 {
		t.Errorf("search by the provider's new name found %d", len(got))
	}
	g := f.groups["Діти"]
	g.Name = "Діти та підлітки"
	if err := f.s.SaveTargetGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.s.Services(ctx, ServiceFilter{Query: "підлітки"}); len(got) != 1 {
		t.Errorf("search by the group's new name found %d", len(got))
	}
}

func TestDuplicateNameOfTheSameProviderIsNoticed(t *testing.T) {
	f := newCatalogue(t)
	f.add(t, Service{OrganizationID: f.cnsp.ID, TypeID: f.types["001.0"].ID, Name: "Інформування  батьків"})
	for _, c := range []struct {
		sv   Service
		want bool
	}{
		{Service{OrganizationID: f.cnsp.ID, Name: "інформування батьків"}, true},
		{Service{OrganizationID: f.school.ID, Name: "Інформування батьків"}, false},
		{Service{OrganizationID: f.cnsp.ID, Name: "Консультування"}, false},
	} {
		got, err := f.s.SimilarServiceExists(ctx, &c.sv)
		if err != nil || got != c.want {
			t.Errorf("%q of %s: %v (%v), want %v", c.sv.Name, c.sv.OrganizationID, got, err, c.want)
		}
	}
}

func TestServiceCountsAgreeWithUnverified(t *testing.T) {
	f := newCatalogue(t)
	now := time.Now()
	for _, v := range []struct {
		verified string
		status   ServiceStatus
	}{{"", StatusActive}, {now.AddDate(-2, 0, 0).Format(time.DateOnly), StatusActive},
		{now.AddDate(-2, 0, 0).Format(time.DateOnly), StatusDefunct}, {now.Format(time.DateOnly), StatusActive}} {
		f.add(t, Service{OrganizationID: f.cnsp.ID, TypeID: f.types["001.0"].ID, Name: "S " + v.verified + string(v.status),
			VerifiedOn: v.verified, Status: v.status})
	}
	total, unverified, err := f.s.ServiceCounts(ctx, now)
	if err != nil || total != 4 || unverified != 2 {
		t.Fatalf("counts %d %d %v", total, unverified, err)
	}
}

func TestUnverifiedAfterTwelveMonths(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for verified, want := range map[string]bool{"": true, "2025-11-22": true, "2025-11-23": false, "2026-06-01": false} {
		sv := Service{VerifiedOn: verified}
		if got := sv.Unverified(now); got != want {
			t.Errorf("verified %q: unverified=%v, want %v", verified, got, want)
		}
	}
}

func TestClassifierEditAndImportAllOrNothing(t *testing.T) {
	s := openTemp(t)
	types, _ := s.ServiceTypes(ctx, CountryPL)
	area := types[0]
	area.Name = "Polityka rodzinna"
	area.Retired = true
	if err := s.SaveServiceType(ctx, &area); err != nil {
		t.Fatal(err)
	}
	clash := ServiceType{Country: CountryPL, Code: "2", Name: "Duplikat"}
	if e := wantCode(t, s.SaveServiceType(ctx, &clash), EInvalid); e.Fields[0].Rule != "taken" {
		t.Fatalf("clash %+v", e.Fields)
	}
	bad := Table{Header: []string{"Kod", "Nazwa", "Kod nadrzędny", "Opis"}, Rows: [][]string{
		{"4.1", "Usługi opiekuńcze", "4", "nowa"},
		{"4.2", "", "4", "bez nazwy"},
		{"4.3", "Mieszkania wspomagane", "99", ""},
		{"4.1", "Powtórzony kod", "4", ""},
	}}
	rejected, err := s.ImportServiceTypes(ctx, CountryPL, ClassifierRows(bad))
	wantCode(t, err, EInvalid)
	if len(rejected) != 3 || rejected[0].Line != 3 || rejected[1].Problems[0].Rule != "unknown_code" || rejected[2].Problems[0].Rule != "duplicate_row" {
		t.Fatalf("rejected %+v", rejected)
	}
	if after, _ := s.ServiceTypes(ctx, CountryPL); len(after) != 14 {
		t.Fatalf("a refused import changed the classifier: %d", len(after))
	}
	good := Table{Header: bad.Header, Rows: [][]string{{"4.1", "Usługi opiekuńcze", "4", ""}, {"4", "Pomoc społeczna (gminna)", "", ""}}}
	if rejected, err := s.ImportServiceTypes(ctx, CountryPL, ClassifierRows(good)); err != nil || rejected != nil {
		t.Fatalf("good import: %v %+v", err, rejected)
	}
	after, _ := s.ServiceTypes(ctx, CountryPL)
	byCode := map[string]ServiceType{}
	for _, ty := range after {
		byCode[ty.Code] = ty
	}
	if len(after) != 15 || byCode["4"].Name != "Pomoc społeczna (gminna)" || byCode["4.1"].ParentCode != "4" || !byCode["1"].Retired {
		t.Fatalf("after import %+v", after)
	}
}

func TestTheClassifierIsListedAsATree(t *testing.T) {
	byCode := []ServiceType{{Code: "001.0", ParentCode: "П"}, {Code: "015.1", ParentCode: "К-1"}, {Code: "К"}, {Code: "К-1", ParentCode: "К"},
		{Code: "П"}, {Code: "Х", ParentCode: "gone"}}
	var got []string
	for _, ty := range TypeTree(byCode) {
		got = append(got, strings.Repeat(">", ty.Depth)+ty.Code)
	}
	want := "К >К-1 >>015.1 П >001.0 Х"
	if strings.Join(got, " ") != want {
		t.Fatalf("tree %v, want %s", got, want)
	}
}
