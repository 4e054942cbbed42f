package data

import (
	"fmt"
	"testing"
)

// catalogueOf fills a store with n services through one import.
func catalogueOf(b *testing.B, n int) *Store {
	b.Helper()
	dir := b.TempDir()
	s, err := Open(dir+"/bench.db", Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	t := Table{Header: []string{"Назва", "Надавач", "Тип послуги", "Отримувачі", "Форма надання"}}
	forms := []string{"Вдома", "Денна (у надавача)", "Виїзна (на місці)", "Дистанційно / телефоном"}
	groups := []string{"Діти", "Молодь", "Сім'ї з дітьми", "Люди похилого віку", "Особи з інвалідністю"}
	types := []string{"001.0", "002.0", "012.0", "015.1", "К-4", "К-7", "П-3"}
	for i := 0; i < n; i++ {
		t.Rows = append(t.Rows, []string{fmt.Sprintf("Послуга для громади №%d", i), fmt.Sprintf("Надавач %d", i%300),
			types[i%len(types)], groups[i%len(groups)] + "; " + groups[(i+2)%len(groups)], forms[i%len(forms)]})
	}
	plan, err := s.PlanServiceImport(ctx, CountryUA, t, GuessMapping(t.Header))
	if err != nil || plan.Rejected() > 0 {
		b.Fatalf("plan: %v %d", err, plan.Rejected())
	}
	if _, err := s.ImportServices(ctx, plan, true); err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkCatalogueList5000(b *testing.B) {
	s := catalogueOf(b, 5000)
	b.ReportAllocs()
	for b.Loop() {
		if list, err := s.Services(ctx, ServiceFilter{}); err != nil || len(list) != 5000 {
			b.Fatal(err, len(list))
		}
	}
}

func BenchmarkCatalogueSearchAndFilter5000(b *testing.B) {
	s := catalogueOf(b, 5000)
	groups, _ := s.TargetGroups(ctx, CountryUA)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Services(ctx, ServiceFilter{Query: "громади 12", TargetGroupID: groups[0].ID, Form: FormAtHome}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImport5000(b *testing.B) {
	for b.Loop() {
		catalogueOf(b, 5000)
	}
}
