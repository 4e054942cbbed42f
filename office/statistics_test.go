package office

import (
	"archive/zip"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"spilno/data"
)

// The statistics workbook, read back in three languages: a sheet a table
// with its period, typed numbers that add up to what the store counts, and
// native charts.
func TestTheStatisticsWorkbookReadsBack(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	year := data.YearOf(time.Now())
	stats, err := st.Statistics(ctx, year, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Sent.N == 0 {
		t.Fatal("the demo sends no referral this year")
	}
	for lang, want := range map[string][2]string{"uk": {"Направлення: підсумок", "Надіслано направлень"},
		"cs": {"Doporučení: souhrn", "Odeslaná doporučení"}, "pl": {"Skierowania: podsumowanie", "Wysłane skierowania"}} {
		path := filepath.Join(t.TempDir(), "statistika.xlsx")
		if err := ExportStatistics(ctx, st, year, Document{Path: path, Lang: lang}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		if len(sheets) < 20 || sheets[0] != strings.ReplaceAll(want[0], ":", "") {
			t.Errorf("%s: sheets %q", lang, sheets)
		}
		title, _ := f.GetCellValue(sheets[0], "A1")
		period, _ := f.GetCellValue(sheets[0], "A2")
		label, _ := f.GetCellValue(sheets[0], "A5")
		sent, _ := f.GetCellValue(sheets[0], "B5", excelize.Options{RawCellValue: true})
		if title != want[0] || !strings.Contains(period, year.From[:4]) || label != want[1] || sent != itoa(stats.Sent.N) {
			t.Errorf("%s: %q / %q / %q %q, want %d sent", lang, title, period, label, sent, stats.Sent.N)
		}
		// By sector, typed numbers that add up to the referrals sent.
		rows, _ := f.GetRows(sheets[1], excelize.Options{RawCellValue: true})
		total := 0
		for _, r := range rows[4:] {
			total += atoi(t, r[1])
		}
		if total != stats.Sent.N {
			t.Errorf("%s: by sector adds up to %d, not %d", lang, total, stats.Sent.N)
		}
		f.Close()
		if charts := zipNames(t, path, "xl/charts/chart"); charts < 10 {
			t.Errorf("%s: %d charts in the workbook", lang, charts)
		}
	}
}

func zipNames(t *testing.T, path, prefix string) int {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	n := 0
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, prefix) {
			n++
		}
	}
	return n
}

func itoa(n int) string { return strconv.Itoa(n) }

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q is not a whole number", s)
	}
	return n
}
