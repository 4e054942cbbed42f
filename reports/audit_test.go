package reports

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"spilno/data"
)

// The audit spreadsheet reads back with its moments as dates and its kinds
// and actions in the user's words, in every language.
func TestAuditXLSXReadsBackInEveryLanguage(t *testing.T) {
	entries := []data.AuditEntry{
		{At: "2026-11-20T09:30:00Z", Operator: "Олена Коваль", Entity: "export", EntityID: "register", Action: "export", Summary: "@export_protected\x1f120\x1fr.xlsx\x1fcase_number\x1freason"},
		{At: "2026-11-19T08:00:00Z", Operator: "Jana Nováková", Entity: "referral", EntityID: "7", Action: "sent", Summary: "2026/000007"},
		{At: "2026-11-19T07:00:00Z", Operator: "Jana Nováková", Entity: "organization", EntityID: "a1", Action: "update", Summary: "@renamed\x1fЛіцей\x1fЛіцей № 1"},
		{At: "2026-11-18T08:00:00Z", Operator: "", Entity: "future_kind", EntityID: "", Action: "future_action", Summary: "@settings\x1fbackup_keep\x1f10\x1f5"},
	}
	for lang, want := range map[string][]string{
		"uk": {"Журнал дій", "Експорт персональних даних", "Експортовано", "Направлення", "Надіслано",
			"записів: 120; персональні дані: Номер випадку; Підстава; файл: r.xlsx; захищено паролем", "змінено: Скільки копій зберігати: 10 → 5"},
		"cs": {"Záznam činností", "Export osobních údajů", "Exportováno", "Doporučení", "Odesláno",
			"záznamů: 120; osobní údaje: Číslo případu;", "změněno: "},
		"pl": {"Dziennik zdarzeń", "Eksport danych osobowych", "Wyeksportowano", "Skierowanie", "Wysłane",
			"rekordów: 120; dane osobowe: Numer sprawy;", "zmieniono: "},
	} {
		var buf bytes.Buffer
		if err := AuditXLSX(context.Background(), &buf, entries, Options{Lang: lang, Now: now}); err != nil {
			t.Fatal(err)
		}
		columnsAscend(t, buf.Bytes())
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(want[0])
		if len(rows) != 5 || rows[1][2] != want[1] || rows[1][4] != want[2] || rows[2][2] != want[3] || rows[2][4] != want[4] ||
			rows[1][1] != "Олена Коваль" || rows[4][2] != "future_kind" || !strings.HasSuffix(rows[3][5], "Ліцей → Ліцей № 1") || rows[1][3] == "register" || !strings.HasPrefix(rows[1][5], want[5]) || !strings.HasPrefix(rows[4][5], want[6]) ||
			rows[2][5] != "2026/000007" {
			t.Errorf("%s: %q", lang, rows)
		}
		at, _ := f.GetCellValue(want[0], "A2", excelize.Options{RawCellValue: true})
		if len(at) < 5 || at[:2] != "46" {
			t.Errorf("%s: the moment is %q, not a date", lang, at)
		}
	}
}
