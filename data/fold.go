package data

import (
	"strings"
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
func Fold(s string) string {
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

// searchCondition is the condition that finds query in the folded search
// column: a record matches when its folded text contains every word of the
// query, in any order. It gives no condition for an empty query.
func searchCondition(column, query string) (conditions []string, args []any) {
	for _, word := range strings.Fields(Fold(query)) {
		conditions = append(conditions, "instr("+column+", ?) > 0")
		args = append(args, word)
	}
	return conditions, args
}
