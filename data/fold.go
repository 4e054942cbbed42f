package data

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// letters that carry their mark inside the letter and so do not decompose
var foldSpecial = strings.NewReplacer(
	"ł", "l", "đ", "d", "ø", "o", "ß", "ss", "æ", "ae", "œ", "oe",
	"’", "'", "ʼ", "'", "`", "'", "‘", "'",
)

// Fold makes the form of a text that search compares: lower case, no
// diacritics, one kind of apostrophe. SQLite's lower() and LIKE fold only
// ASCII, so the folded text is computed here and stored beside the record.
// "Служба", "СЛУЖБА" and "служба" fold alike, and so do "Služba" and "sluzba";
// Ukrainian й and ї fold to и and і, which users type for them anyway.
//
// Text in Latin, Greek and Cyrillic letters folds a letter at a time from
// a table, ten times faster than normalizing the whole text (a bulk write
// folds every record); any other text takes the whole way.
func Fold(s string) string {
	table := foldTable()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < rune(len(table)):
			b.WriteString(table[r])
		case r == '’' || r == '‘':
			b.WriteByte('\'')
		case foldsToItself(r):
			b.WriteRune(r)
		default:
			return foldText(s)
		}
	}
	return b.String()
}

// foldTable holds the folded form of each letter below the Armenian
// block; letters there never join when text is composed again, so folding
// them one by one gives what foldText gives.
var foldTable = sync.OnceValue(func() []string {
	table := make([]string, 0x530)
	for r := range table {
		table[r] = foldText(string(rune(r)))
	}
	return table
})

// foldsToItself says whether r, beyond the table, is a sign that folding
// leaves as it is and that never joins the letter before it: dashes,
// quotes, "№" and the like, which are in almost every record.
func foldsToItself(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsMark(r) && unicode.ToLower(r) == r && norm.NFD.IsNormalString(string(r))
}

func foldText(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return foldSpecial.Replace(norm.NFC.String(b.String()))
}
