package reports

import (
	"context"
	"fmt"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"spilno/internal/measure"

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
	measure.PeakHeap(b, func() {
		for b.Loop() {
			if err := CatalogueXLSX(context.Background(), io.Discard, services, o); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkCataloguePDF5000(b *testing.B) {
	services := manyServices(5000)
	o := Options{Lang: "uk", Community: "Вишнівська громада", Now: now}
	b.ReportAllocs()
	measure.PeakHeap(b, func() {
		for b.Loop() {
			if err := CataloguePDF(context.Background(), io.Discard, services, o); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// manyReferrals makes n referrals in every status, a third of them closed
// with an outcome and feedback, as a register of a few years holds.
func manyReferrals(n int) []data.Referral {
	statuses := data.ReferralStatuses
	out := make([]data.Referral, n)
	for i := range out {
		r := sampleReferral(statuses[i%len(statuses)], now.Add(time.Duration(i%240-120)*time.Hour))
		r.Number = fmt.Sprintf("2026/%06d", i+1)
		r.ReceivedAt = now.Add(-time.Duration(i%500) * time.Hour).UTC().Format(time.RFC3339)
		if r.Status == data.RefClosed {
			r.Outcome, r.Feedback = "Послугу надано, сім'я отримує супровід", "Дякуємо, питання вирішено"
			r.ClosedAt, r.DueAt = now.UTC().Format(time.RFC3339), ""
		}
		out[i] = r
	}
	return out
}

// BenchmarkRegisterXLSX100k writes a register of 100 000 referrals from
// memory; BenchmarkBareStreamWriter100k writes the very same cells with
// excelize's StreamWriter alone. Their ratio is what the report adds.
func BenchmarkRegisterXLSX100k(b *testing.B) {
	list := Slice[data.Referral](manyReferrals(100_000))
	o := Options{Lang: "uk", Community: "Вишнівська громада", Now: now}
	b.ReportAllocs()
	measure.PeakHeap(b, func() {
		for b.Loop() {
			if err := RegisterXLSX(context.Background(), io.Discard, list, o); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkBareStreamWriter100k(b *testing.B) {
	list := manyReferrals(100_000)
	o := Options{Lang: "uk", Community: "Вишнівська громада", Now: now}
	f := excelize.NewFile()
	dateTime, _ := f.NewStyle(&excelize.Style{NumFmt: 22})
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.Close()
	cells := registerCells(o, cellStyles{dateTime, date})
	rows := make([][]any, len(list))
	for i := range list {
		rows[i] = slices.Clone(cells(&list[i]))
	}
	b.ReportAllocs()
	for b.Loop() {
		f := excelize.NewFile()
		if _, err := f.NewStyle(&excelize.Style{NumFmt: 22}); err != nil {
			b.Fatal(err)
		}
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		for i, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := sw.SetRow(cell, row); err != nil {
				b.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := f.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

// BenchmarkOverduePDFLongest prints the longest list a PDF takes
// (MaxPrintedRows rows, some 330 pages).
func BenchmarkOverduePDFLongest(b *testing.B) {
	list := Slice[data.Referral](manyReferrals(MaxPrintedRows))
	o := Options{Lang: "uk", Community: "Вишнівська громада", Now: now}
	b.ReportAllocs()
	measure.PeakHeap(b, func() {
		for b.Loop() {
			if err := OverduePDF(context.Background(), io.Discard, list, o); err != nil {
				b.Fatal(err)
			}
		}
	})
}
