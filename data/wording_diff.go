package data

import (
	"strings"
	"unicode"
)

// WordMark says where a piece of wording is found: in both versions, only
// in the current one, or only in the proposed one.
type WordMark int

const (
	WordSame WordMark = iota
	WordRemoved
	WordAdded
)

// WordChange is a piece of wording with its mark. Joined in order, the
// pieces not Added give the current wording exactly, and the pieces not
// Removed give the proposed wording exactly (spaces and punctuation kept).
type WordChange struct {
	Text string
	Mark WordMark
}

// maxWordCells bounds the table of the word comparison (one cell per pair
// of words left after the common beginning and end are set aside). The
// table grows as the product of the two lengths: a pasted paragraph of
// 10,000 words would take 10^8 cells, hundreds of megabytes and seconds,
// so past the bound the differing middle is marked removed and added whole.
const maxWordCells = 1_000_000

// DiffWords marks the words that changed from the current wording to the
// proposed one: the longest run of words both keep, in order, is Same;
// the rest is Removed from the current or Added in the proposed. Within a
// change the removed words come before the added ones.
func DiffWords(current, proposed string) []WordChange {
	a, b := splitWords(current), splitWords(proposed)
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	var out wordPieces
	out.add(WordSame, a[:head]...)
	middleA, middleB := a[head:len(a)-tail], b[head:len(b)-tail]
	if len(middleA)*len(middleB) > maxWordCells {
		out.add(WordRemoved, middleA...)
		out.add(WordAdded, middleB...)
	} else {
		out.diff(middleA, middleB)
	}
	out.add(WordSame, a[len(a)-tail:]...)
	return out
}

// wordPieces gathers marked words, joining neighbours of the same mark.
type wordPieces []WordChange

func (p *wordPieces) add(mark WordMark, words ...string) {
	for _, w := range words {
		if n := len(*p); n > 0 && (*p)[n-1].Mark == mark {
			(*p)[n-1].Text += w
		} else {
			*p = append(*p, WordChange{Text: w, Mark: mark})
		}
	}
}

// diff marks a against b by a longest common subsequence of words.
// keep[i*(m+1)+j] is its length for a[i:] and b[j:]; it fits in 16 bits
// because it is at most min(n, m), and min(n, m)² ≤ maxWordCells.
func (p *wordPieces) diff(a, b []string) {
	n, m := len(a), len(b)
	keep := make([]uint16, (n+1)*(m+1))
	at := func(i, j int) uint16 { return keep[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				keep[i*(m+1)+j] = at(i+1, j+1) + 1
			default:
				keep[i*(m+1)+j] = max(at(i+1, j), at(i, j+1))
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			p.add(WordSame, a[i])
			i, j = i+1, j+1
		case at(i+1, j) >= at(i, j+1):
			p.add(WordRemoved, a[i])
			i++
		default:
			p.add(WordAdded, b[j])
			j++
		}
	}
	p.add(WordRemoved, a[i:]...)
	p.add(WordAdded, b[j:]...)
}

// splitWords cuts text into words, runs of white space, and single other
// characters (punctuation), so that the pieces join back into the text.
// An apostrophe belongs to its word: «м’яко», «об'єкт».
func splitWords(text string) []string {
	var out []string
	start, kind := 0, 0
	for i, r := range text {
		k := runeKind(r)
		if i > start && (k != kind || k == otherRune) {
			out = append(out, text[start:i])
			start = i
		}
		kind = k
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

const (
	wordRune = iota + 1
	spaceRune
	otherRune
)

func runeKind(r rune) int {
	switch {
	case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r), strings.ContainsRune("'’ʼ", r):
		return wordRune
	case unicode.IsSpace(r):
		return spaceRune
	}
	return otherRune
}
