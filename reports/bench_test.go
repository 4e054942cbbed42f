package reports

import (
	"context"
	"fmt"
	"io"
	"testing"

	"spilno/data"
)

// manyServices makes n services spread over 30 types and 200 providers.
func manyServices(n int) []data.Service {
	base := sampleServices()
	out := make([]data.Service, n)
	for i := range out {
		s := base[i%len(base)]
		s.Name = fmt.Sprintf("%s №%d", s.Name, i)
		s.ProviderName = fmt.Sprintf("%s %d", s.ProviderName, i%200)
		s.TypeCode = fmt.Sprintf("%02d", i%30)
		s.TypeName = fmt.Sprintf("Druh služby %d", i%30)
		out[i] = s
	}
	data.SortServices(out, "uk")
	return out
}

func BenchmarkCatalogueXLSX5000(b *testing.B) {
	services := manyServices(5000)
	o := Options{Lang: "uk", Community: "Вишнівська громада", Now: now}
	b.ReportAllocs()
	for b.Loop() {
		if err := CatalogueXLSX(context.Background(), io.Discard, services, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCataloguePDF5000(b *testing.B) {
	services := manyServices(5000)
	o := Options{Lang: "uk", Community: "Вишнівська громада", Now: now}
	b.ReportAllocs()
	for b.Loop() {
		if err := CataloguePDF(context.Background(), io.Discard, services, o); err != nil {
			b.Fatal(err)
		}
	}
}
