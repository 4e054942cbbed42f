package app

import (
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"
)

// Translations live in translation/<code>.json as flat key → text maps.
// Fyne's lang package picks its language from the operating system once
// and offers no switch, so Spilno keeps its own lookup: the user can choose
// the language in Settings and the whole window follows at once.
//
//go:embed translation/*.json
var translationFS embed.FS

// Languages are the interface languages, in the order Settings offers them.
var Languages = []string{"uk", "en", "cs", "pl"}

// languageNames are shown in each language's own words.
var languageNames = map[string]string{"uk": "Українська", "en": "English", "cs": "Čeština", "pl": "Polski"}

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

// SystemLanguage is the system locale's language when Spilno speaks it, else
// English; LANG=C and unknown locales give English without complaint.
func SystemLanguage() string {
	if cLocale() {
		return "en"
	}
	code := strings.ToLower(lang.SystemLocale().LanguageString())
	if len(code) >= 2 {
		code = code[:2]
	}
	if _, ok := catalogs[code]; ok {
		return code
	}
	return "en"
}

// cLocale tells whether the environment asks for the C/POSIX locale
// ("C", "C.UTF-8"), which Fyne's locale parser would log as an error.
func cLocale() bool {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			return v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.")
		}
	}
	return false
}

// T returns the text for key in the current language, with {name}
// placeholders replaced from pairs ("name", value, ...). A key missing from
// the current language falls back to English, then to the key itself.
func T(key string, pairs ...string) string {
	i18nMu.RLock()
	text, ok := catalogs[current][key]
	if !ok {
		text, ok = catalogs["en"][key]
	}
	i18nMu.RUnlock()
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
	form := pluralForm(Language(), n)
	return T(key+"."+form, append([]string{"n", FormatInt(n)}, pairs...)...)
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
func FormatInt(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := "\u00a0"
	if Language() == "en" {
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

// FormatDateTime writes a local date and time as the language writes it.
func FormatDateTime(t time.Time) string {
	layouts := map[string]string{
		"uk": "02.01.2006 15:04",
		"pl": "02.01.2006 15:04",
		"cs": "2. 1. 2006 15:04",
		"en": "2 Jan 2006 15:04",
	}
	return t.Local().Format(layouts[Language()])
}
