package rpss

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"spilno/data"
)

var ctx = context.Background()

// The register's shapes as the published descriptions give them.
func service(id int, kraj, obec, kind string, forms []any, extra map[string]any) map[string]any {
	it := map[string]any{
		"id": fmt.Sprintf("SocialniSluzba/%d", id), "identifikator": fmt.Sprint(1000000 + id),
		"datumPoskytovaniOd": "2015-01-01", "druhSocialniSluzby": map[string]any{"id": "DruhSocialniSluzby/" + kind},
		"poskytovatel": map[string]any{"ico": fmt.Sprintf("%08d", 40000000+id%50), "nazev": fmt.Sprintf("Diakonie Českobratrská %d", id%50),
			"adresa": map[string]any{"ulice": "Belgická", "cisloDomovni": "22", "psc": "12000", "obec": map[string]any{"id": "Obec/554782"}},
			"emaily": []any{"info@diakonie.example.cz"}, "telefony": []any{"+420 222 333 444"}},
		"zarizeni": []any{map[string]any{"nazev": "Středisko", "poskytujeOd": "2015-01-01",
			"adresa": map[string]any{"ulice": "Nádražní", "cisloDomovni": "123", "cisloOrientacni": "4", "psc": "60200",
				"obec": map[string]any{"id": "Obec/" + obec}, "okres": map[string]any{"id": "Okres/CZ0642"}, "kraj": map[string]any{"id": "Kraj/" + kraj}}}},
		"formy":         forms,
		"ciloveSkupiny": []any{map[string]any{"id": "CilovaSkupinaOsoby/rodiny"}},
		"vekoveSkupiny": []any{map[string]any{"id": "VekovaSkupinaOsoby/deti"}},
		"emaily":        []any{"sluzba@example.cz"},
		"popisCinnosti": strings.Repeat("Služba poskytuje podporu rodinám s dětmi. ", 30),
	}
	for k, v := range extra {
		it[k] = v
	}
	return it
}

func formOf(kind string, caps ...any) map[string]any {
	var list []any
	for i := 0; i+1 < len(caps); i += 2 {
		list = append(list, map[string]any{"pocet": caps[i], "typ": map[string]any{"id": "TypKapacitySocialniSluzby/" + caps[i+1].(string)}})
	}
	return map[string]any{"forma": map[string]any{"id": "FormaSocialniSluzby/" + kind}, "kapacity": list}
}

func writeJSON(t testing.TB, path string, v any) {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

func codeList(items map[string]string) map[string]any {
	var list []any
	for id, name := range items {
		list = append(list, map[string]any{"id": id, "nazev": map[string]any{"cs": name}})
	}
	return map[string]any{"polozky": list}
}

// register writes a small register with its code lists into a folder.
func register(t testing.TB) string {
	dir := t.TempDir()
	items := []any{
		service(1, "CZ064", "582786", "13", []any{formOf("pob", 30, "luzka"), formOf("amb", 12, "klient")}, nil),
		service(2, "CZ064", "582786", "28", []any{formOf("ter", 5, "klient"), formOf("amb", 7, "klient")}, nil),
		service(3, "CZ064", "582786", "13", nil, map[string]any{"datumPoskytovaniDo": "2020-12-31"}), // ended
		service(4, "CZ010", "554782", "13", nil, nil),                                                // Praha: another kraj
		service(5, "CZ064", "582786", "99", nil, map[string]any{"zarizeni": []any{map[string]any{"utajenaAdresa": true,
			"adresa": map[string]any{"obec": map[string]any{"id": "Obec/582786"}}}}}), // only a secret address
	}
	writeJSON(t, filepath.Join(dir, "rpss.json"), map[string]any{"datumAktualizace": "2026-11-23", "polozky": items})
	writeJSON(t, filepath.Join(dir, "druhy-socialni-sluzby.json"), codeList(map[string]string{"DruhSocialniSluzby/13": "Odlehčovací služby",
		"DruhSocialniSluzby/28": "Sociálně aktivizační služby pro rodiny s dětmi"}))
	writeJSON(t, filepath.Join(dir, "kraje.json"), codeList(map[string]string{"Kraj/CZ064": "Jihomoravský kraj", "Kraj/CZ010": "Hlavní město Praha"}))
	writeJSON(t, filepath.Join(dir, "obce.json"), codeList(map[string]string{"Obec/582786": "Brno", "Obec/554782": "Praha"}))
	writeJSON(t, filepath.Join(dir, "cilove-skupiny-osoby.json"), codeList(map[string]string{"CilovaSkupinaOsoby/rodiny": "rodiny s dítětem/dětmi"}))
	writeJSON(t, filepath.Join(dir, "vekove-skupiny-osoby.json"), codeList(map[string]string{"VekovaSkupinaOsoby/deti": "děti předškolního věku (1–7 let)"}))
	return dir
}

func TestTheRegisterKeepsTheServicesProvidedNowInTheArea(t *testing.T) {
	dir := register(t)
	lists, err := LoadCodeLists(dir)
	if err != nil {
		t.Fatal(err)
	}
	in, err := Read(ctx, filepath.Join(dir, "rpss.json"), lists, Area{Region: "Jihomoravský kraj"}, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC), nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range in.Services {
		names = append(names, s.Name)
	}
	// 3 ended, 4 in Praha, 5 only at a secret address: none of them.
	if len(in.Services) != 2 {
		t.Fatalf("services %v", names)
	}
	s := in.Services[0]
	if s.Term.Name != "Odlehčovací služby" || s.Address != "Nádražní 123/4, 602 00 Brno" || s.Origin != "rpss:1000001" {
		t.Fatalf("first service %+v", s)
	}
	// Beds and clients are never added up: beds are kept.
	if s.Capacity == nil || *s.Capacity != 30 || s.CapacityUnit != "beds" || len(s.Forms) != 2 {
		t.Fatalf("capacity %v %s, forms %v", s.Capacity, s.CapacityUnit, s.Forms)
	}
	// Clients of two forms are of one unit: they add up.
	if c := in.Services[1].Capacity; c == nil || *c != 12 || in.Services[1].CapacityUnit != "places" {
		t.Fatalf("second capacity %v", c)
	}
	if s.AgeMin == nil || *s.AgeMin != 1 || *s.AgeMax != 7 || len(s.TargetGroups) != 1 || s.TargetGroups[0] != "rodiny s dítětem/dětmi" {
		t.Fatalf("ages %v–%v, groups %v", s.AgeMin, s.AgeMax, s.TargetGroups)
	}
	if len(in.Organizations) != 2 || in.Organizations[0].RegistryID != "40000001" || in.Organizations[0].Address != "Belgická 22, 120 00 Praha" {
		t.Fatalf("providers %+v", in.Organizations)
	}
	// A municipality by name, through the code list.
	in, err = Read(ctx, filepath.Join(dir, "rpss.json"), lists, Area{Municipality: "praha"}, time.Now(), nil)
	if err != nil || len(in.Services) != 1 {
		t.Fatalf("Praha: %d, %v", len(in.Services), err)
	}
	if _, err := Read(ctx, filepath.Join(dir, "rpss.json"), lists, Area{Region: "Nikde"}, time.Now(), nil); data.ErrorCode(err) != data.EInvalid {
		t.Fatalf("an area not in the code list: %v", err)
	}
}

func TestABrokenRegisterIsABadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rpss.json")
	os.WriteFile(path, []byte(`{"polozky": [{"id": "SocialniSluzba/1"}, {"id": `), 0o644)
	if _, err := Read(ctx, path, &CodeLists{}, Area{}, time.Now(), nil); data.ErrorCode(err) != data.EBadFile {
		t.Fatalf("got %v", err)
	}
}

// bigRegister writes a register of about 100 MB, as the ministry's is.
func bigRegister(b *testing.B) string {
	path := filepath.Join(b.TempDir(), "rpss.json")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(`{"datumAktualizace": "2026-11-23", "polozky": [`)
	kraje := []string{"CZ010", "CZ020", "CZ031", "CZ032", "CZ041", "CZ042", "CZ051", "CZ052", "CZ053", "CZ063", "CZ064", "CZ071", "CZ072", "CZ080"}
	for i := 0; i < 6700; i++ {
		it := service(i, kraje[i%len(kraje)], fmt.Sprint(500000+i%6000), fmt.Sprint(1+i%33),
			[]any{formOf("pob", 20, "luzka"), formOf("amb", 10, "klient")},
			map[string]any{"popisCinnosti": strings.Repeat("Služba poskytuje podporu osobám v nepříznivé sociální situaci. ", 220)})
		raw, _ := json.Marshal(it)
		if i > 0 {
			w.WriteString(",")
		}
		w.Write(raw)
	}
	w.WriteString("]}")
	w.Flush()
	f.Close()
	return path
}

// BenchmarkReadRegister streams a 100 MB register, keeping one region;
// peak-heap-MB is the most heap the process held while reading.
func BenchmarkReadRegister(b *testing.B) {
	path := bigRegister(b)
	fi, _ := os.Stat(path)
	b.SetBytes(fi.Size())
	lists := &CodeLists{}
	for b.Loop() {
		runtime.GC()
		var peak uint64
		stop := make(chan struct{})
		sampled := make(chan struct{})
		go func() {
			defer close(sampled)
			var m runtime.MemStats
			for {
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapSys)
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
		in, err := Read(ctx, path, lists, Area{Region: "CZ064"}, time.Now(), nil)
		close(stop)
		<-sampled
		if err != nil || len(in.Services) == 0 {
			b.Fatalf("%d services, %v", len(in.Services), err)
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
	}
}
