package hsds

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"spilno/data"
)

var ctx = context.Background()

func intp(n int) *int { return &n }

// catalogue is a small Ukrainian catalogue with every field Spilno exports.
func catalogue() Catalogue {
	org := data.Organization{ID: "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b", Name: "Центр надання соціальних послуг", ShortName: "ЦНСП",
		Sector: data.SectorSocialServices, LegalType: data.LegalMunicipalInstitution, RegistryID: "12345678",
		Address: "вул. Шевченка, 5, м. Вишнів", Phone: "+380 44 123 45 67", Email: "cnsp@example.ua", Web: "cnsp.example.ua",
		Contacts: []data.Contact{{Name: "Олена Коваль", Position: "фахівчиня", Phone: "0501234567", Email: "o.koval@example.ua"}}}
	sv := data.Service{ID: "6fa459ea-ee8a-4ca4-894e-db77e160355e", OrganizationID: org.ID, Name: "Соціальний супровід сімей",
		Description: "Підтримка сімей у складних життєвих обставинах", Status: data.StatusTemporarilyClosed,
		AgeMin: intp(0), AgeMax: intp(17), Forms: []data.ServiceForm{data.FormAtHome, data.FormOutreach},
		Address: "вул. Шевченка, 5, м. Вишнів", AreaServed: "Вишнівська громада",
		Schedule:     []data.OpeningHours{{Day: 1, Opens: "08:00", Closes: "17:00"}, {Day: 5, Opens: "08:00", Closes: "15:45"}},
		ScheduleNote: "обідня перерва 12:00–13:00", Capacity: intp(25), CapacityUnit: "clients_per_month",
		WaitingTime: "до 3 днів", Cost: data.CostFree, CostNote: "безоплатно", Funding: "бюджет громади", Languages: "українська",
		HowToApply: "звернутися до ЦНАП", Phone: "+380 44 123 45 68", Email: "suprovid@example.ua", VerifiedOn: "2026-10-01",
		TypeCode: "002.1", TargetGroupNames: []string{"Сім'ї з дітьми", "Діти"}}
	return Catalogue{Country: data.CountryUA, Now: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC),
		Types:         []data.ServiceType{{Code: "002", Name: "Соціальний супровід"}, {Code: "002.1", Name: "Соціальний супровід сімей", ParentCode: "002"}},
		Organizations: []data.Organization{org}, Services: []data.Service{sv}}
}

func TestTheExportValidatesAgainstTheSchemasAndKeepsItsIDs(t *testing.T) {
	e := Build(catalogue())
	var buf bytes.Buffer
	if err := WriteJSON(ctx, &buf, e); err != nil {
		t.Fatal(err)
	}
	var page struct {
		TotalItems int               `json:"total_items"`
		Contents   []json.RawMessage `json:"contents"`
	}
	if err := json.Unmarshal(buf.Bytes(), &page); err != nil || page.TotalItems != 1 || len(page.Contents) != 1 {
		t.Fatalf("page: %v %+v", err, page)
	}
	var doc any
	json.Unmarshal(page.Contents[0], &doc)
	if v, err := Validate("service", doc); err != nil || len(v) > 0 {
		t.Fatalf("the written service does not validate: %v %v", v, err)
	}
	text := buf.String()
	for _, want := range []string{`"status": "temporarily closed"`, `"assured_date": "2026-10-01"`, "Соціальний супровід сімей",
		`"identifier_scheme": "UA-EDR"`, `"website": "https://cnsp.example.ua"`, `"byday": "FR"`, `"value": "25"`, `"link_type": "capacity"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the JSON lacks %s", want)
		}
	}
	// The same record gets the same IDs in every export.
	var again bytes.Buffer
	WriteJSON(ctx, &again, Build(catalogue()))
	if again.String() != text {
		t.Error("a second export of the same catalogue differs")
	}
}

func TestABrokenRecordIsNamedAndNothingWritten(t *testing.T) {
	c := catalogue()
	c.Services[0].Email = "not an address"
	var buf bytes.Buffer
	err := WriteJSON(ctx, &buf, Build(c))
	var invalid *InvalidError
	if !errors.As(err, &invalid) || invalid.Name != "Соціальний супровід сімей" || invalid.Field != "/email" {
		t.Fatalf("want the service and its e-mail named, got %v", err)
	}
	if buf.Len() != 0 {
		t.Fatal("a broken export was written")
	}
}

func TestTheDataPackageHasEveryForeignKeyAndReadsBack(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteZip(ctx, &buf, Build(catalogue())); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "package.zip")
	os.WriteFile(path, buf.Bytes(), 0o644)
	in, err := Read(path, data.CountryUA)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Rejected) > 0 {
		t.Fatalf("our own package breaks its keys: %+v", in.Rejected)
	}
	if len(in.Services) != 1 || len(in.Organizations) != 1 {
		t.Fatalf("read %d services, %d organizations", len(in.Services), len(in.Organizations))
	}
	got, want := in.Services[0], catalogue().Services[0]
	if got.Name != want.Name || got.Address != want.Address || got.ScheduleNote != want.ScheduleNote || len(got.Schedule) != 2 ||
		*got.Capacity != 25 || got.CapacityUnit != want.CapacityUnit || got.Cost != data.CostFree || len(got.Forms) != 2 ||
		got.Status != data.StatusTemporarilyClosed || got.Term.Code != "002.1" || len(got.TargetGroups) != 2 {
		t.Fatalf("read back %+v", got)
	}
	o := in.Organizations[0].Organization
	if o.RegistryID != "12345678" || o.ShortName != "ЦНСП" || len(o.Contacts) != 1 || o.Contacts[0].Phone != "0501234567" {
		t.Fatalf("organization read back %+v", o)
	}
}

func TestTheExamplePackageReportsItsDanglingKeysByFileRowAndField(t *testing.T) {
	in, err := Read("testdata/examples-csv", data.CountryUA)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range in.Rejected {
		got = append(got, r.Where+" "+r.Field+" "+r.Rule)
	}
	for _, want := range []string{"contacts.csv, 2 organization_id dangling", "locations.csv, 2 organization_id dangling",
		"taxonomy_terms.csv, 2 taxonomy_id dangling"} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("not reported: %s (got %v)", want, got)
		}
	}
}

func TestAJSONRecordThatBreaksTheSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "service.json")
	os.WriteFile(path, []byte(`{"id": "not-a-uuid", "name": "Poradna", "status": "active"}`), 0o644)
	in, err := Read(path, data.CountryCZ)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Rejected) != 1 || in.Rejected[0].Field != "/id" || in.Rejected[0].Name != "Poradna" || len(in.Services) != 0 {
		t.Fatalf("rejected %+v, services %d", in.Rejected, len(in.Services))
	}
}

func TestAFileThatIsNotHSDSIsABadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.json")
	os.WriteFile(path, []byte(`[1, 2, 3]`), 0o644)
	if _, err := Read(path, data.CountryUA); data.ErrorCode(err) != data.EBadFile {
		t.Fatalf("got %v", err)
	}
	if _, err := Read(filepath.Join(t.TempDir(), "missing.json"), data.CountryUA); data.ErrorCode(err) != data.ENoFile {
		t.Fatalf("missing: %v", err)
	}
}
