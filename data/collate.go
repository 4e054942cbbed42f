package data

import (
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// SortByName sorts list by name in the order of the given language
// ("uk", "cs", "pl", "en"): Czech puts "ch" after "h", Ukrainian "є" after "е".
func SortByName[T any](list []T, lang string, name func(T) string) {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	c := collate.New(tag, collate.IgnoreCase)
	var buf collate.Buffer
	keys := make([][]byte, len(list))
	for i, v := range list {
		keys[i] = append([]byte(nil), c.KeyFromString(&buf, name(v))...)
		buf.Reset()
	}
	idx := make([]int, len(list))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return string(keys[idx[a]]) < string(keys[idx[b]]) })
	sorted := make([]T, len(list))
	for i, j := range idx {
		sorted[i] = list[j]
	}
	copy(list, sorted)
}

// SortServices orders services as the public list prints them: by type
// code, then by name in the order of the language.
func SortServices(list []Service, lang string) {
	SortByName(list, lang, func(s Service) string { return s.Name })
	sort.SliceStable(list, func(i, j int) bool { return list[i].TypeCode < list[j].TypeCode })
}
