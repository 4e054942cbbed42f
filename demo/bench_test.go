package demo

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"spilno/data"
	"spilno/reports"
)

const benchReferrals = 100_000

var (
	bigOnce  sync.Once
	bigPath  string
	bigStore *data.Store
	bigErr   error
)

// big is a store with the demo community and 100 000 referrals, written
// once for all the benchmarks of a run.
func big(b *testing.B) *data.Store {
	b.Helper()
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "spilno-bench-")
		if err != nil {
			bigErr = err
			return
		}
		bigPath = filepath.Join(dir, "big.db")
		bigStore, bigErr = data.Open(bigPath, data.Options{})
		if bigErr == nil {
			start := time.Now()
			bigErr = WriteWith(context.Background(), bigStore, benchReferrals)
			b.Logf("wrote %d referrals in %s", benchReferrals, time.Since(start))
		}
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigStore
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bigStore != nil {
		bigStore.Close()
		os.RemoveAll(filepath.Dir(bigPath))
	}
	os.Exit(code)
}

func BenchmarkRegisterFirstPage(b *testing.B) {
	s := big(b)
	f := data.ReferralFilter{Limit: 200, Now: time.Now()}
	for b.Loop() {
		if _, err := s.CountReferrals(context.Background(), f); err != nil {
			b.Fatal(err)
		}
		if list, err := s.Referrals(context.Background(), f); err != nil || len(list) != 200 {
			b.Fatal(err)
		}
	}
}

func BenchmarkRegisterTextSearch(b *testing.B) {
	s := big(b)
	f := data.ReferralFilter{Query: "ліцей школу", Limit: 200, Now: time.Now()}
	for b.Loop() {
		if _, err := s.Referrals(context.Background(), f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRegisterFilteredCount(b *testing.B) {
	s := big(b)
	f := data.ReferralFilter{Overdue: true, Urgency: data.UrgencyUrgent, Now: time.Now()}
	for b.Loop() {
		if _, err := s.CountReferrals(context.Background(), f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRegisterXLSX100k(b *testing.B) {
	s := big(b)
	list, err := s.Referrals(context.Background(), data.ReferralFilter{})
	if err != nil {
		b.Fatal(err)
	}
	o := reports.Options{Lang: "uk", Now: time.Now()}
	b.ResetTimer()
	for b.Loop() {
		if err := reports.RegisterXLSX(context.Background(), io.Discard, list, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadAllReferrals100k(b *testing.B) {
	s := big(b)
	for b.Loop() {
		if list, err := s.Referrals(context.Background(), data.ReferralFilter{}); err != nil || len(list) != benchReferrals {
			b.Fatal(err)
		}
	}
}
