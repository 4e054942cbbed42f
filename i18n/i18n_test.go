package i18n

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestEveryKeyIsTranslatedInEveryLanguage(t *testing.T) {
	keys := map[string]bool{}
	for _, code := range Languages {
		for k := range catalogs[code] {
			keys[k] = true
		}
	}
	for k := range keys {
		for _, code := range Languages {
			if strings.TrimSpace(catalogs[code][k]) == "" {
				t.Errorf("%s.json: %q is missing or empty", code, k)
			}
		}
	}
	// Every translation file is valid JSON with unique keys.
	for _, code := range Languages {
		raw, _ := translationFS.ReadFile("translation/" + code + ".json")
		dec := json.NewDecoder(bytes.NewReader(raw))
		seen := map[string]bool{}
		dec.Token()
		for dec.More() {
			tok, _ := dec.Token()
			var v string
			dec.Decode(&v)
			if seen[tok.(string)] {
				t.Errorf("%s.json: %q twice", code, tok)
			}
			seen[tok.(string)] = true
		}
	}
}

func TestPluralsAndNumbersFollowTheLanguage(t *testing.T) {
	defer SetLanguage("en")
	cases := []struct {
		lang string
		n    int
		want string
	}{
		{"uk", 1, "1 організація"}, {"uk", 3, "3 організації"}, {"uk", 11, "11 організацій"}, {"uk", 21, "21 організація"},
		{"pl", 1, "1 organizacja"}, {"pl", 22, "22 organizacje"}, {"pl", 25, "25 organizacji"},
		{"cs", 1, "1 organizace"}, {"cs", 4, "4 organizace"}, {"cs", 5, "5 organizací"},
		{"en", 1, "1 organization"}, {"en", 12345, "12,345 organizations"},
		{"uk", 12345, "12\u00a0345 організацій"},
	}
	for _, c := range cases {
		SetLanguage(c.lang)
		if got := Plural("orgs.count", c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func TestDatesFollowTheLanguage(t *testing.T) {
	d := time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)
	for code, want := range map[string]string{"uk": "03.11.2026", "pl": "03.11.2026", "cs": "3. 11. 2026", "en": "3 Nov 2026"} {
		if got := FormatDateIn(code, d); got != want {
			t.Errorf("%s: %q, want %q", code, got, want)
		}
		back, err := ParseDate(FormatDateIn(code, d))
		if err != nil || !back.Equal(d) {
			t.Errorf("%s: parse back %v %v", code, back, err)
		}
	}
	if _, err := ParseDate("31.02.2026"); err == nil {
		t.Error("31 February accepted")
	}
}

func TestStoredDatesAndMomentsAreWrittenInTheLanguage(t *testing.T) {
	local := time.Local
	time.Local = time.FixedZone("EET", 2*3600)
	t.Cleanup(func() { time.Local = local })
	cases := []struct {
		name, got, want string
	}{
		{"uk day", FormatDayIn("uk", "2026-11-03"), "03.11.2026"},
		{"cs day", FormatDayIn("cs", "2026-11-03"), "3. 11. 2026"},
		{"no day", FormatDayIn("uk", ""), ""},
		{"a text that is no date stays", FormatDayIn("uk", "вчора"), "вчора"},
		{"pl moment in local time", FormatStampIn("pl", "2026-11-03T22:30:00Z"), "04.11.2026 00:30"},
		{"en moment", FormatDateTimeIn("en", time.Date(2026, 11, 3, 8, 5, 0, 0, time.UTC)), "3 Nov 2026 10:05"},
		{"no moment", FormatStampIn("uk", ""), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("%q, want %q", c.got, c.want)
			}
		})
	}
}

func TestNumbersReadBackAsEachLanguageWritesThem(t *testing.T) {
	for _, lang := range []string{"uk", "en", "cs", "pl"} {
		for _, v := range []float64{18420, 420000, 1250000.5, 18.4} {
			text := FormatIntIn(lang, int(v))
			if v != float64(int(v)) {
				text = FormatDecimalIn(lang, v)
			}
			if got, err := ParseNumberIn(lang, text); err != nil || got != v {
				t.Errorf("%s: %q reads as %v (%v), want %v", lang, text, got, err, v)
			}
		}
	}
}
