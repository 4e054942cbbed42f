// Package i18n holds Spilno's translations (uk, en, cs, pl) and the
// locale rules for numbers, dates and plurals. It imports no Fyne, so the
// reports and the headless commands use the same texts as the window.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Translations live in translation/<code>.json as flat key → text maps.
// Fyne's lang package picks its language from the operating system once
// and offers no switch, so Spilno keeps its own lookup: the user can choose
// the language in Settings and the whole window follows at once, and a
// report can be written in a language other than the window's.
//
//go:embed translation/*.json
var translationFS embed.FS

// Languages are the interface languages, in the order Settings offers them.
var Languages = []string{"uk", "en", "cs", "pl"}

// languageNames are shown in each language's own words.
var Names = map[string]string{"uk": "Українська", "en": "English", "cs": "Čeština", "pl": "Polski"}

var (
	i18nMu   sync.RWMutex
	catalogs = map[string]map[string]string{}
	current  = "en"
)

func init() {
	for _, code := range Languages {
		raw, err := translationFS.ReadFile("translation/" + code + ".json")
		if err != nil {
			panic(fmt.Sprintf("translation %s missing from the binary: %v", code, err))
		}
		m := map[string]string{}
		if err := json.Unmarshal(raw, &m); err != nil {
			panic(fmt.Sprintf("translation %s is not valid JSON: %v", code, err))
		}
		catalogs[code] = m
	}
}

// SetLanguage switches the interface language; an unknown code means English.
func SetLanguage(code string) {
	i18nMu.Lock()
	defer i18nMu.Unlock()
	if _, ok := catalogs[code]; !ok {
		code = "en"
	}
	current = code
}

// Language is the current interface language code.
func Language() string {
	i18nMu.RLock()
	defer i18nMu.RUnlock()
	return current
}

// Has tells whether key has an English text (every language is tested to
// have the same keys as English).
func Has(key string) bool {
	_, ok := catalogs["en"][key]
	return ok
}

// T returns the text for key in the current language, with {name}
// placeholders replaced from pairs ("name", value, ...).
func T(key string, pairs ...string) string { return In(Language(), key, pairs...) }

// In is T in the given language. A key missing from that language falls
// back to English, then to the key itself.
func In(code, key string, pairs ...string) string {
	text, ok := catalogs[code][key]
	if !ok {
		text, ok = catalogs["en"][key]
	}
	if !ok {
		text = key
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		text = strings.ReplaceAll(text, "{"+pairs[i]+"}", pairs[i+1])
	}
	return text
}

// Plural returns the form of key for count n: key.one, key.few, key.many or
// key.other, chosen by the plural rules of the current language, with {n}
// replaced by the number.
func Plural(key string, n int, pairs ...string) string {
	return PluralIn(Language(), key, n, pairs...)
}

// PluralIn is Plural in the given language.
func PluralIn(code, key string, n int, pairs ...string) string {
	form := pluralForm(code, n)
	// The caller's own {n} ("<5" for a hidden count) comes first and wins.
	return In(code, key+"."+form, append(slices.Clip(pairs), "n", FormatIntIn(code, n))...)
}

// pluralForm follows the CLDR cardinal rules for integers.
func pluralForm(code string, n int) string {
	if n < 0 {
		n = -n
	}
	mod10, mod100 := n%10, n%100
	switch code {
	case "uk":
		switch {
		case mod10 == 1 && mod100 != 11:
			return "one"
		case mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14):
			return "few"
		default:
			return "many"
		}
	case "pl":
		switch {
		case n == 1:
			return "one"
		case mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14):
			return "few"
		default:
			return "many"
		}
	case "cs":
		switch {
		case n == 1:
			return "one"
		case n >= 2 && n <= 4:
			return "few"
		default:
			return "other"
		}
	default:
		if n == 1 {
			return "one"
		}
		return "other"
	}
}

// FormatInt writes n with the current language's digit grouping:
// "12 345" in uk, cs and pl (a no-break space), "12,345" in en.
func FormatInt(n int) string { return FormatIntIn(Language(), n) }

// FormatIntIn is FormatInt in the given language.
func FormatIntIn(code string, n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := "\u00a0"
	if code == "en" {
		sep = ","
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// FormatSize writes a file size in KB or MB with the language's decimal sign.
func FormatSize(bytes int64) string {
	var s string
	switch {
	case bytes < 1024*1024:
		s = fmt.Sprintf("%.0f %s", float64(bytes)/1024, T("unit.kb"))
	default:
		s = fmt.Sprintf("%.1f %s", float64(bytes)/1024/1024, T("unit.mb"))
	}
	if Language() != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// FormatDecimalIn writes x with one decimal and the language's decimal
// sign: "2,5" in uk, cs and pl, "2.5" in en.
func FormatDecimalIn(code string, x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	if code != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// FormatPercentIn writes a share (0.88) as a whole percentage as the
// language writes it: "88 %" in uk, cs and pl (a no-break space), "88%"
// in en.
func FormatPercentIn(code string, share float64) string {
	n := strconv.Itoa(int(math.Round(100 * share)))
	if code == "en" {
		return n + "%"
	}
	return n + "\u00a0%"
}

// FormatMonthIn names a month ("2026-10") shortly, with its year: "жовт.
// 2026", "Oct 2026".
func FormatMonthIn(code, month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	return In(code, "month.short."+strconv.Itoa(int(t.Month()))) + " " + strconv.Itoa(t.Year())
}

var dateLayouts = map[string]string{"uk": "02.01.2006", "pl": "02.01.2006", "cs": "2. 1. 2006", "en": "2 Jan 2006"}

// FormatDateIn writes a calendar date as the given language writes it.
func FormatDateIn(code string, t time.Time) string {
	layout, ok := dateLayouts[code]
	if !ok {
		layout = dateLayouts["en"]
	}
	return t.Format(layout)
}

// FormatDateTimeIn writes a moment as the given language writes it, in the
// office's local time: "23.11.2026 14:05".
func FormatDateTimeIn(code string, t time.Time) string {
	t = t.In(time.Local)
	return FormatDateIn(code, t) + " " + t.Format("15:04")
}

// FormatDayIn writes a stored date (YYYY-MM-DD) as the language writes it;
// "" stays "", and a text that is no date is shown as it is rather than lost.
func FormatDayIn(code, iso string) string {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return FormatDateIn(code, d)
}

// FormatStampIn writes a stored moment (UTC RFC 3339) as FormatDateTimeIn
// does; "" when there is none.
func FormatStampIn(code, stamp string) string {
	t, err := time.Parse(time.RFC3339, stamp)
	if err != nil {
		return ""
	}
	return FormatDateTimeIn(code, t)
}

// FormatDate, FormatDateTime, FormatDay and FormatStamp are the above in
// the current language.
func FormatDate(t time.Time) string     { return FormatDateIn(Language(), t) }
func FormatDateTime(t time.Time) string { return FormatDateTimeIn(Language(), t) }
func FormatDay(iso string) string       { return FormatDayIn(Language(), iso) }
func FormatStamp(stamp string) string   { return FormatStampIn(Language(), stamp) }

// ParseNumberIn reads a number as the language writes it (FormatIntIn,
// FormatDecimalIn): spaces group the digits, and the comma is English's
// grouping ("18,420") but the decimal comma of the others ("18,4").
func ParseNumberIn(code, s string) (float64, error) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '\u00a0' || r == '\u202f':
			return -1
		case r == ',' && code == "en":
			return -1
		case r == ',':
			return '.'
		}
		return r
	}, strings.TrimSpace(s))
	return strconv.ParseFloat(s, 64)
}

// ParseDate reads a date as people type it: 23.11.2026, 23. 11. 2026,
// 2026-11-23 or 23/11/2026, whatever the language.
func ParseDate(s string) (time.Time, error) {
	s = strings.Join(strings.Fields(s), "")
	for _, layout := range []string{"2.1.2006", "2006-01-02", "2/1/2006", "2Jan2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date: %q", s)
}
