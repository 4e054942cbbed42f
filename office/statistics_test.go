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
	"spilno/i18n"
	"spilno/internal/readback"
)

// The statistics workbook, read back in three languages: a sheet a table
// with its period, typed numbers that add up to what the store counts, and
// native charts.
func TestTheStatisticsWorkbookReadsBack(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	set, _ := st.Settings(ctx)
	set.SuppressBelow = 0 // every count shown, to add them up
	if err := st.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
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
		if err := ExportStatistics(ctx, st, year, "xlsx", Document{Path: path, Lang: lang}); err != nil {
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
		// By sector, typed numbers that add up to the referrals sent; for
		// a year the period before is the year before: one column for both.
		rows, _ := f.GetRows(sheets[1], excelize.Options{RawCellValue: true})
		if len(rows[3]) != 3 {
			t.Errorf("%s: a year's table has the columns %q", lang, rows[3])
		}
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

// With the default threshold no count from 1 to 4 leaves the department,
// and the sheet says why some are missing.
func TestTheStatisticsWorkbookHidesSmallCounts(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "statistika.xlsx")
	if err := ExportStatistics(ctx, st, data.MonthOf(time.Now()), "xlsx", Document{Path: path, Lang: "uk"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	suppressed := 0
	for _, sheet := range f.GetSheetList()[1:6] { // sender, recipient, situation, urgency: counts only
		rows, _ := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		for _, r := range rows[4:] {
			if len(r) < 2 {
				continue // the blank row and the note under the table
			}
			for _, cell := range r[1:] {
				if n, err := strconv.Atoi(cell); err == nil && n >= 1 && n <= 4 {
					t.Errorf("%s: a count of %d is shown", sheet, n)
				}
				if cell == "<5" {
					suppressed++
				}
			}
		}
		if last := rows[len(rows)-1]; suppressed > 0 && !strings.HasPrefix(last[0], "«<5»") {
			t.Errorf("%s: no note under the table, last row %q", sheet, last)
		}
	}
	if suppressed == 0 {
		t.Error("a month of the demo has no small count to hide")
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

// The report for the executive committee, read back in three languages:
// its title and period, the summary sentence made from the same count as
// the tables, numbered tables, a chart picture per charted table, the bare
// page numbers at the top, and no small count.
func TestTheStatisticsReportReadsBack(t *testing.T) {
	st := demoStore(t)
	ctx := context.Background()
	year := data.YearOf(time.Now())
	stats, err := st.Statistics(ctx, year, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	charted := 0
	for _, s := range StatisticsTables(&stats, "uk") {
		if len(s.Series) > 0 && len(s.Rows) > 0 {
			charted++
		}
	}
	for lang, want := range map[string][]string{
		"uk": {"Звіт про функціонування протоколу", "Направлення, надіслані в періоді (за датою надсилання).", "надіслано " + i18n.FormatIntIn("uk", stats.Sent.N) + " направлен", "2.2. Хто виявляє: за сектором", "Підготував(ла):"},
		"cs": {"Zpráva o fungování protokolu", "odeslán", "2.2. Kdo identifikuje: podle sektoru", "Vypracoval(a):"},
		"pl": {"Sprawozdanie z funkcjonowania protokołu", "wysłano " + i18n.FormatIntIn("pl", stats.Sent.N) + " skierowa", "2.2. Kto identyfikuje: według sektora", "Sporządził(a):"},
	} {
		path := filepath.Join(t.TempDir(), "zvit.pdf")
		if err := ExportStatistics(ctx, st, year, "pdf", Document{Path: path, Lang: lang}); err != nil {
			t.Fatal(err)
		}
		text := readback.PDFText(t, path)
		for _, w := range append(want, PeriodText(year, lang)) {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the report lacks %q:\n%.1500s", lang, w, text)
			}
		}
		pages := strings.Split(text, "\f")
		if len(pages) < 3 || !strings.HasPrefix(strings.TrimSpace(pages[1]), "2") {
			t.Errorf("%s: %d pages, the second begins %.40q", lang, len(pages), strings.TrimSpace(pages[1]))
		}
		if images := readback.PDFImages(t, path); images != charted {
			t.Errorf("%s: %d chart pictures, want %d", lang, images, charted)
		}
	}
}

// A report of a quiet month: one referral, seven the month before. The
// summary says "<5" as the tables do, and no sentence gives the one back:
// no change against seven, no median of its days, no sector or situation.
// The senders of one sector are protected against the sector's row.
func TestAQuietMonthsReportGivesNoFamilyAway(t *testing.T) {
	october := data.MonthOf(time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local))
	s := data.Statistics{Period: october, Previous: october.Previous(), YearBefore: october.YearBefore(), Now: time.Now(),
		Sent:        data.Compared{N: 1, Previous: 7},
		BySector:    []data.Tally{{Key: "health", Compared: data.Compared{N: 1, Previous: 7}}},
		BySituation: []data.Tally{{Key: "s", Label: "Насильство", Compared: data.Compared{N: 1, Previous: 7}}},
		ByFrom: []data.Tally{{Key: "a", Label: "Амбулаторія", Within: "health", Compared: data.Compared{Previous: 9}},
			{Key: "b", Label: "КНП", Within: "health", Compared: data.Compared{N: 1, Previous: 5}}},
		Durations: []data.Duration{{Step: "sent_received", N: 1, Median: 2.2, P90: 2.2}}}
	summary := strings.Join(StatisticsSummary(&s, "uk", 4), " ")
	for _, want := range []string{"надіслано <5 направлень."} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary %q lacks %q", summary, want)
		}
	}
	for _, leak := range []string{"1 направлення", "%", "2,2", "Насильство", "Охорона"} {
		if strings.Contains(summary, leak) {
			t.Errorf("summary %q gives away %q", summary, leak)
		}
	}
	// Halfway through the month its numbers are not set against a whole one.
	s.Sent, s.Now = data.Compared{N: 40, Previous: 80}, time.Date(2026, 10, 15, 12, 0, 0, 0, time.Local)
	if summary := StatisticsSummary(&s, "uk", 4)[0]; !strings.Contains(summary, "Період ще триває: це дані на 15.10.2026") || strings.Contains(summary, "%") {
		t.Errorf("an unfinished month is summed up as %q", summary)
	}
	for _, section := range StatisticsTables(&s, "uk") {
		if section.Title != i18n.In("uk", "stats.by_sender") {
			continue
		}
		if len(section.Groups) != 1 || len(section.Groups[0]) != 2 {
			t.Errorf("senders grouped as %v, want the two of health together", section.Groups)
		}
	}
}
