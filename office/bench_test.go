package office

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"spilno/data"
	"spilno/demo"
	"spilno/internal/measure"
)

// The benchmarks run on the demo community with many referrals:
//
//   - SPILNO_BENCH_REFERRALS sets how many (default 100 000; try 1000000);
//
//   - SPILNO_BENCH_DB names a database to measure: one already written
//     (by `spilno demo --db FILE --referrals N` or an earlier run) is used as
//     it is, and left as it was found; one not there yet is written and kept.
//
//     go test -run XXX -bench . -benchtime 20x ./office
var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
)

func benchReferrals() int {
	if n, err := strconv.Atoi(os.Getenv("SPILNO_BENCH_REFERRALS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// big is the path of a database with the demo community and many
// referrals, written once for all the benchmarks of a run.
func big(b *testing.B) string {
	b.Helper()
	bigOnce.Do(func() {
		if bigPath = os.Getenv("SPILNO_BENCH_DB"); bigPath != "" {
			if _, err := os.Stat(bigPath); err == nil {
				return
			}
		} else {
			dir, err := os.MkdirTemp("", "spilno-bench-")
			if err != nil {
				bigErr = err
				return
			}
			bigPath = filepath.Join(dir, "big.db")
		}
		st, err := data.Open(bigPath, data.Options{})
		if err != nil {
			bigErr = err
			return
		}
		defer st.Close()
		start := time.Now()
		bigErr = demo.WriteWith(context.Background(), st, benchReferrals())
		b.Logf("wrote %d referrals in %s", benchReferrals(), time.Since(start))
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigPath
}

// open opens the big database for one benchmark.
func open(b *testing.B) *data.Store {
	b.Helper()
	st, err := data.Open(big(b), data.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bigPath != "" && os.Getenv("SPILNO_BENCH_DB") == "" {
		os.RemoveAll(filepath.Dir(bigPath))
	}
	os.Exit(code)
}

// percentile95 reports the 95th percentile of the durations, in ms.
func percentile95(b *testing.B, took []time.Duration, unit string) {
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, unit)
}

// registerQueries are what clerks type into the register's search: one to
// three words, Cyrillic and Latin, in any case.
var registerQueries = []string{"ліцей", "ЛІЦЕЙ пропуски", "годувальника коштів харчування", "2026/0001", "гірки", "Ювенальна превенція",
	"вишнівський ліцей булінг", "цнсп", "2025", "lyceum", "Родина разом", "Сусіди повідомили"}

// BenchmarkRegisterSearch is what the register does on a keystroke: it
// reads the first page and the count up to 10 000 side by side, as the
// screen does, and the clerk sees the rows and the number when the slower
// comes (ms-p95). Past 10 000 the screen says "more than 10 000" and counts
// every match after (exact-count-ms-p95).
func BenchmarkRegisterSearch(b *testing.B) {
	st := open(b)
	ctx := context.Background()
	var both, counts, pages, exact []time.Duration
	for b.Loop() {
		for _, q := range registerQueries {
			f := data.ReferralFilter{Query: q, Now: time.Now(), Limit: 200}
			start := time.Now()
			var wg sync.WaitGroup
			var n int
			var countErr, pageErr error
			wg.Go(func() {
				n, countErr = st.CountReferralsUpTo(ctx, f, 10_000)
				counts = append(counts, time.Since(start))
			})
			wg.Go(func() {
				_, pageErr = st.Referrals(ctx, f)
				pages = append(pages, time.Since(start))
			})
			wg.Wait()
			if err := errors.Join(countErr, pageErr); err != nil {
				b.Fatal(err)
			}
			both = append(both, time.Since(start))
			if n > 10_000 {
				start := time.Now()
				if _, err := st.CountReferrals(ctx, f); err != nil {
					b.Fatal(err)
				}
				exact = append(exact, time.Since(start))
			}
		}
	}
	percentile95(b, both, "ms-p95")
	percentile95(b, counts, "count-ms-p95")
	percentile95(b, pages, "page-ms-p95")
	if len(exact) > 0 {
		percentile95(b, exact, "exact-count-ms-p95")
	}
}

// BenchmarkOpenAndDashboard opens the database and counts what the
// dashboard shows, as the window does at start.
func BenchmarkOpenAndDashboard(b *testing.B) {
	path := big(b)
	ctx := context.Background()
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		st, err := data.Open(path, data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Summarize(ctx, st, time.Now()); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
		st.Close()
	}
	percentile95(b, took, "ms-p95")
}

// BenchmarkRegisterXLSX writes the whole register as the export does.
func BenchmarkRegisterXLSX(b *testing.B) {
	st := open(b)
	path := filepath.Join(b.TempDir(), "register.xlsx")
	b.ReportAllocs()
	measure.PeakHeap(b, func() {
		for b.Loop() {
			if err := ExportRegister(context.Background(), st, data.ReferralFilter{}, Document{Path: path, Lang: "uk"}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkWriteDemo writes the demo community with n referrals.
func BenchmarkWriteDemo(b *testing.B) {
	n := benchReferrals()
	for b.Loop() {
		st, err := data.Open(filepath.Join(b.TempDir(), fmt.Sprintf("demo-%d.db", n)), data.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := demo.WriteWith(context.Background(), st, n); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}

// BenchmarkYearStatistics is the Statistics screen's work for a year of the
// big database: every table, against the year before and the one before
// that. The issue asks for ≤ 500 ms at 100 000 referrals.
func BenchmarkYearStatistics(b *testing.B) {
	st := open(b)
	ctx := context.Background()
	year := data.YearOf(time.Now())
	for b.Loop() {
		if _, err := st.Statistics(ctx, year, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
}
