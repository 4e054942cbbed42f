package data

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func kept(s string) WordChange { return WordChange{Text: s, Mark: WordSame} }
func cut(s string) WordChange  { return WordChange{Text: s, Mark: WordRemoved} }
func put(s string) WordChange  { return WordChange{Text: s, Mark: WordAdded} }

func TestDiffWordsMarksTheChangedWords(t *testing.T) {
	for _, c := range []struct {
		name              string
		current, proposed string
		want              []WordChange
	}{
		{"identical (uk)", "Служба у справах дітей інформує сім’ю протягом доби.", "Служба у справах дітей інформує сім’ю протягом доби.",
			[]WordChange{kept("Служба у справах дітей інформує сім’ю протягом доби.")}},
		{"one word in the middle (cs)", "Sociální pracovník kontaktuje rodinu do 24 hodin.", "Sociální pracovník navštíví rodinu do 24 hodin.",
			[]WordChange{kept("Sociální pracovník "), cut("kontaktuje"), put("navštíví"), kept(" rodinu do 24 hodin.")}},
		{"a word with an apostrophe is one word (uk)", "Фахівець обстежує об'єкт", "Фахівець обстежує сім’ю",
			[]WordChange{kept("Фахівець обстежує "), cut("об'єкт"), put("сім’ю")}},
		{"words added at the start and the end (pl)", "zespół interdyscyplinarny zbiera się", "Gminny zespół interdyscyplinarny zbiera się niezwłocznie",
			[]WordChange{put("Gminny "), kept("zespół interdyscyplinarny zbiera się"), put(" niezwłocznie")}},
		{"words removed at the start and the end (pl)", "Gminny zespół zbiera się niezwłocznie.", "zespół zbiera się.",
			[]WordChange{cut("Gminny "), kept("zespół zbiera się"), cut(" niezwłocznie"), kept(".")}},
		{"punctuation and a line break (cs)", "Odpovídá: OSPOD\nLhůta: 3 dny", "Odpovídá: OSPOD, policie\nLhůta: 5 dnů",
			[]WordChange{kept("Odpovídá: OSPOD"), put(", policie"), kept("\nLhůta: "), cut("3"), put("5"), kept(" "),
				cut("dny"), put("dnů")}},
		{"empty current: all added (uk)", "", "Відповідальний: ЦНСП",
			[]WordChange{put("Відповідальний: ЦНСП")}},
		{"empty proposed: all removed (pl)", "Odpowiedzialny: OPS", "",
			[]WordChange{cut("Odpowiedzialny: OPS")}},
		{"both empty", "", "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := DiffWords(c.current, c.proposed)
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("DiffWords(%q, %q)\n got %s\nwant %s", c.current, c.proposed, showWords(got), showWords(c.want))
			}
			wantRejoined(t, got, c.current, c.proposed)
		})
	}
}

// Past the bound the middle is not compared word by word: it is marked
// removed and added whole, while the common beginning and end stay same.
func TestDiffWordsOfHugeParagraphsMarksTheMiddleWhole(t *testing.T) {
	var a, b []string
	for i := 0; i < 1500; i++ {
		a = append(a, fmt.Sprintf("слово%d", i))
		b = append(b, fmt.Sprintf("slovo%d", i))
		if i%10 == 5 { // words both share, that a full comparison would keep
			a[i], b[i] = "і", "і"
		}
	}
	current := "Початок: " + strings.Join(a, " ") + " кінець."
	proposed := "Початок: " + strings.Join(b, " ") + " кінець."
	got := DiffWords(current, proposed)
	want := []WordChange{kept("Початок: "), cut(strings.Join(a, " ")), put(strings.Join(b, " ")), kept(" кінець.")}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %d pieces, starting %.200s", len(got), showWords(got))
	}
	wantRejoined(t, got, current, proposed)
}

// wantRejoined holds that the pieces give back both wordings exactly.
func wantRejoined(t *testing.T, pieces []WordChange, current, proposed string) {
	t.Helper()
	var a, b strings.Builder
	for _, p := range pieces {
		if p.Mark != WordAdded {
			a.WriteString(p.Text)
		}
		if p.Mark != WordRemoved {
			b.WriteString(p.Text)
		}
	}
	if a.String() != current || b.String() != proposed {
		t.Fatalf("the pieces join into %q and %q", a.String(), b.String())
	}
}

func showWords(pieces []WordChange) string {
	var out []string
	for _, p := range pieces {
		out = append(out, fmt.Sprintf("%s%q", [...]string{"=", "-", "+"}[p.Mark], p.Text))
	}
	return strings.Join(out, " ")
}
