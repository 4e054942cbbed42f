package office

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spilno/data"
	"spilno/rpss"
)

func countServices(t *testing.T, st *data.Store) int {
	t.Helper()
	list, err := st.Services(context.Background(), data.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

func newCountry(t *testing.T, country data.Country) *data.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "new.db")
	if err := CreateDatabase(context.Background(), path, country, "Obec"); err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(path, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Spilno's own export imported back changes nothing; imported into a new
// database of the same country it gives the same catalogue.
func TestTheHSDSRoundTripChangesNothing(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	dir := t.TempDir()
	for _, out := range []struct{ format, path string }{{"json", "c.json"}, {"csv", "c.zip"}, {"csv", "folder"}} {
		path := filepath.Join(dir, out.path)
		if err := ExportHSDS(ctx, st, out.format, Document{Path: path, Lang: "uk"}); err != nil {
			t.Fatal(err)
		}
		in, err := ReadHSDS(ctx, st, path)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := st.ApplyExchange(ctx, in, nil)
		if err != nil {
			t.Fatalf("%s: %v", out.path, err)
		}
		n := countServices(t, st)
		if plan.Count("service", data.ActionUnchanged) != n || plan.Count("service", data.ActionUpdate)+plan.Count("service", data.ActionAdd) != 0 ||
			plan.Count("organization", data.ActionUpdate) != 0 || len(plan.Rejected) != 0 {
			t.Fatalf("%s: the round trip would change: %v %+v", out.path, PlanSummary(plan), plan.Rejected)
		}
	}
	fresh := newCountry(t, data.CountryUA)
	in, err := ReadHSDS(ctx, fresh, filepath.Join(dir, "c.zip"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fresh.ApplyExchange(ctx, in, nil); err != nil {
		t.Fatal(err)
	}
	before, _ := st.Services(ctx, data.ServiceFilter{})
	after, _ := fresh.Services(ctx, data.ServiceFilter{})
	if len(after) != len(before) || len(after) == 0 {
		t.Fatalf("%d services became %d", len(before), len(after))
	}
	got, err := fresh.Service(ctx, before[0].ID)
	if err != nil || got.Name != before[0].Name || got.Address != before[0].Address || got.TypeCode != before[0].TypeCode {
		t.Fatalf("the service came over as %+v (%v)", got, err)
	}
}

// One bad row refuses the whole import: nothing of the good rows is
// written either.
func TestAnImportWithARefusedRecordChangesNothing(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	path := filepath.Join(t.TempDir(), "c.json")
	if err := ExportHSDS(ctx, st, "json", Document{Path: path, Lang: "uk"}); err != nil {
		t.Fatal(err)
	}
	fresh := newCountry(t, data.CountryUA)
	raw, _ := os.ReadFile(path)
	var page map[string]any
	json.Unmarshal(raw, &page)
	page["contents"].([]any)[3].(map[string]any)["minimum_age"] = 200 // beyond Spilno's 0–120
	raw, _ = json.Marshal(page)
	os.WriteFile(path, raw, 0o644)
	in, err := ReadHSDS(ctx, fresh, path)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := fresh.ApplyExchange(ctx, in, nil)
	if data.ErrorCode(err) != data.EInvalid || len(plan.Rejected) != 1 || plan.Rejected[0].Field != "age_min" {
		t.Fatalf("%v %+v", err, plan.Rejected)
	}
	if !strings.Contains(RejectionText(plan.Rejected[0]), "contents[4]") {
		t.Errorf("the refusal does not say where: %s", RejectionText(plan.Rejected[0]))
	}
	if n := countServices(t, fresh); n != 0 {
		t.Fatalf("a refused import wrote %d services", n)
	}
}

// A term of another system is mapped once by the user, then remembered.
func TestAForeignTermIsMappedOnceAndRemembered(t *testing.T) {
	ctx := context.Background()
	st := newCountry(t, data.CountryCZ)
	doc := func(id, name string) string {
		return `{"id": "` + id + `", "name": "` + name + `", "status": "active", "organization_id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
		 "organization": {"id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", "name": "Charita Brno", "description": "charita"},
		 "attributes": [{"id": "ae58cc39-8b70-4ab1-8aea-786882e5ac8e", "link_type": "category", "taxonomy_term":
		   {"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "code": "OR-7", "name": "Family support", "description": ""}}]}`
	}
	dir := t.TempDir()
	first := filepath.Join(dir, "a.json")
	os.WriteFile(first, []byte(doc("ac148810-d857-441c-9679-408f346de14b", "Poradna pro rodinu")), 0o644)
	in, err := ReadHSDS(ctx, st, first)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := st.PlanExchange(ctx, in, nil)
	if err != nil || len(plan.Unmapped) != 1 || plan.Unmapped[0].Code != "OR-7" {
		t.Fatalf("unmapped %+v, %v", plan.Unmapped, err)
	}
	if _, err := st.ApplyExchange(ctx, in, nil); data.ErrorCode(err) != data.EInvalid {
		t.Fatalf("imported with a term unmapped: %v", err)
	}
	types, _ := st.ServiceTypes(ctx, data.CountryCZ)
	if _, err := st.ApplyExchange(ctx, in, data.TermMap{plan.Unmapped[0]: types[0].ID}); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(dir, "b.json")
	os.WriteFile(second, []byte(doc("bc148810-d857-441c-9679-408f346de14b", "Poradna pro seniory")), 0o644)
	in, _ = ReadHSDS(ctx, st, second)
	plan, err = st.PlanExchange(ctx, in, nil)
	if err != nil || len(plan.Unmapped) != 0 || plan.Count("service", data.ActionAdd) != 1 {
		t.Fatalf("the mapping was not remembered: %+v %v", plan.Unmapped, err)
	}
}

// The register: a Czech database takes it, a newer file updates what
// changed and says what disappeared; another country is refused.
func TestTheRegisterImportsUpdatesAndSaysWhatDisappeared(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(items string) string {
		path := filepath.Join(dir, "rpss.json")
		os.WriteFile(path, []byte(`{"polozky": [`+items+`]}`), 0o644)
		return path
	}
	item := func(id, name, beds string) string {
		return `{"id": "SocialniSluzba/` + id + `", "identifikator": "` + id + `", "nazev": "` + name + `",
		 "datumPoskytovaniOd": "2015-01-01", "druhSocialniSluzby": {"id": "DruhSocialniSluzby/13", "nazev": "Azylové domy"},
		 "poskytovatel": {"ico": "00409316", "nazev": "Charita Brno"},
		 "zarizeni": [{"adresa": {"ulice": "Bratislavská", "cisloDomovni": "7", "psc": "60200", "obec": {"id": "Obec/582786", "nazev": "Brno"}}}],
		 "formy": [{"forma": {"id": "FormaSocialniSluzby/pob"}, "kapacity": [{"pocet": ` + beds + `, "typ": {"id": "TypKapacitySocialniSluzby/luzka"}}]}]}`
	}
	reg := Register{File: write(item("101", "Azylový dům pro matky s dětmi", "20") + "," + item("102", "Azylový dům pro muže", "40")),
		Area: rpssArea("Brno")}
	ua := newCountry(t, data.CountryUA)
	if _, err := ReadRegister(ctx, ua, reg, nil); data.ErrorCode(err) != data.EInvalid ||
		!strings.Contains(ErrorMessage(err), "CZ") {
		t.Fatalf("a Ukrainian database took the Czech register: %v", err)
	}
	cz := newCountry(t, data.CountryCZ)
	in, err := ReadRegister(ctx, cz, reg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if plan, err := cz.ApplyExchange(ctx, in, nil); err != nil || plan.Count("service", data.ActionAdd) != 2 {
		t.Fatalf("%v %v", PlanSummary(plan), err)
	}
	// The register's kind 13 is named "Azylové domy": the classifier's 19,
	// not its own 13 (Domovy se zvláštním režimem).
	if list, _ := cz.Services(ctx, data.ServiceFilter{}); len(list) != 2 || list[0].TypeCode != "19" {
		t.Fatalf("the register's kind was mapped to %s %s", list[0].TypeCode, list[0].TypeName)
	}
	orgs, _ := cz.Organizations(ctx, "")
	if len(orgs) != 1 || orgs[0].RegistryID != "00409316" {
		t.Fatalf("providers %+v", orgs)
	}
	reg.File = write(item("101", "Azylový dům pro matky s dětmi", "24"))
	in, _ = ReadRegister(ctx, cz, reg, nil)
	plan, err := cz.PlanExchange(ctx, in, nil)
	if err != nil || plan.Count("service", data.ActionUpdate) != 1 || len(plan.Gone) != 1 || plan.Gone[0] != "Azylový dům pro muže" {
		t.Fatalf("%v gone %v, %v", PlanSummary(plan), plan.Gone, err)
	}
	if !strings.Contains(strings.Join(PlanSummary(plan), "\n"), "1") {
		t.Fatal("the summary does not count what is gone")
	}
}

func rpssArea(municipality string) rpss.Area { return rpss.Area{Municipality: municipality} }

// A file of another kind says so in the exchange's words; a code list is
// not taken for the register; a package never mixes into a folder of
// other files; an empty catalogue's package imports as nothing.
func TestWrongFilesAndFoldersAreRefusedAndAnEmptyPackageIsNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cz := newCountry(t, data.CountryCZ)
	text := filepath.Join(dir, "nesmysl.json")
	os.WriteFile(text, []byte("toto není JSON"), 0o644)
	if _, err := ReadHSDS(ctx, cz, text); !strings.Contains(ErrorMessage(err), "HSDS") {
		t.Fatalf("a text file: %s", ErrorMessage(err))
	}
	codeList := filepath.Join(dir, "obce.json")
	os.WriteFile(codeList, []byte(`{"polozky": [{"id": "Obec/582786", "nazev": {"cs": "Brno"}}]}`), 0o644)
	if _, err := ReadRegister(ctx, cz, Register{File: codeList}, nil); data.ErrorCode(err) != data.EBadFile {
		t.Fatalf("a code list read as the register: %v", err)
	}
	foreign := filepath.Join(dir, "registr")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "kraje.json"), []byte("{}"), 0o644)
	if err := ExportHSDS(ctx, cz, "csv", Document{Path: foreign}); data.ErrorCode(err) != data.EInvalid {
		t.Fatalf("an export into a folder of other files: %v", err)
	}
	if entries, _ := os.ReadDir(foreign); len(entries) != 1 {
		t.Fatalf("the folder now holds %d files", len(entries))
	}
	empty := filepath.Join(dir, "empty.zip")
	if err := ExportHSDS(ctx, cz, "csv", Document{Path: empty}); err != nil {
		t.Fatal(err)
	}
	in, err := ReadHSDS(ctx, cz, empty)
	if err != nil {
		t.Fatal(err)
	}
	if plan, err := cz.ApplyExchange(ctx, in, nil); err != nil || len(plan.Records) != 0 {
		t.Fatalf("an empty catalogue's package: %v %v", plan.Records, err)
	}
}
