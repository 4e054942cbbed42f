package app

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"spilno/data"
)

// zipFolder packs the files of dir into a zip, as a data package travels.
func zipFolder(t *testing.T, dir, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		raw, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		w, _ := z.Create(e.Name())
		w.Write(raw)
	}
	z.Close()
	f.Close()
}

func TestTheCatalogueExportsHSDSAndItsImportRefusesADanglingPackage(t *testing.T) {
	s, ui := showCatalogue(t, "uk", true)
	s.exportHSDS("json") // the menu's "Експорт у HSDS (JSON)…"
	ui.settle()
	raw, err := os.ReadFile(ui.files.saved[len(ui.files.saved)-1])
	if err != nil || !strings.Contains(string(raw), `"total_items": 60`) || !strings.Contains(string(raw), "Гаряча лінія міського голови") {
		t.Fatalf("the export: %v, %.200s", err, raw)
	}
	ui.wantText("Звіт сформовано")
	pkg := filepath.Join(t.TempDir(), "example.zip")
	zipFolder(t, "../hsds/testdata/examples-csv", pkg)
	before, _ := ui.store.Services(ctx, data.ServiceFilter{})
	ui.files.next = pkg
	s.chooseHSDS()
	ui.settle()
	p := s.exchange
	if p == nil {
		t.Fatal("no preview")
	}
	ui.wantText("Відхилено: 6 записів")
	ui.wantText("Імпорт — усе або нічого")
	lines := previewLines(p.plan)
	if !strings.Contains(lines[0].text, "contacts.csv, 2: «Ann Persona»: organization_id: посилається на ae67a707") {
		t.Fatalf("first line %q", lines[0].text)
	}
	if !p.run.Disabled() {
		t.Fatal("an import with refused records can be run")
	}
	p.dialog.Hide()
	after, _ := ui.store.Services(ctx, data.ServiceFilter{})
	if len(after) != len(before) {
		t.Fatal("the refused package changed the catalogue")
	}
}

func TestAServiceTypeOfAnotherSystemIsChosenInThePreview(t *testing.T) {
	s, ui := showCatalogue(t, "en", false)
	path := filepath.Join(t.TempDir(), "service.json")
	os.WriteFile(path, []byte(`{"id": "ac148810-d857-441c-9679-408f346de14b", "name": "Family counselling", "status": "active",
	 "organization_id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
	 "organization": {"id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", "name": "Family Centre", "description": "an NGO"},
	 "attributes": [{"id": "ae58cc39-8b70-4ab1-8aea-786882e5ac8e", "link_type": "category",
	   "taxonomy_term": {"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "code": "OR-7", "name": "Family support", "description": ""}}]}`), 0o644)
	ui.files.next = path
	s.chooseHSDS()
	ui.settle()
	p := s.exchange
	if p == nil || len(p.terms) != 1 {
		t.Fatalf("terms to choose: %v", p)
	}
	ui.wantText("OR-7 Family support")
	ui.wantText("Choose a service type for each line below.")
	if !p.run.Disabled() {
		t.Fatal("the import can run before the type is chosen")
	}
	for _, sel := range p.terms {
		sel.SetSelectedIndex(0)
	}
	if p.run.Disabled() {
		t.Fatal("the type is chosen, the import still cannot run")
	}
	test.Tap(p.run)
	ui.settle()
	ui.wantText("Services: 1 added")
	got, err := ui.store.Service(ctx, "ac148810-d857-441c-9679-408f346de14b")
	if err != nil || got.Name != "Family counselling" || got.ProviderName != "Family Centre" {
		t.Fatalf("imported %+v, %v", got, err)
	}
}
