// Package measure holds what benchmarks measure beside time.
package measure

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// PeakHeap reports the most the heap held while run ran, sampled every
// few milliseconds: what a report keeps, beside what it allocates.
func PeakHeap(b *testing.B, run func()) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	run()
	close(stop)
	wg.Wait()
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
