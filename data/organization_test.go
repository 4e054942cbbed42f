package data

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestOrganizationValidateNamesEveryBrokenRule(t *testing.T) {
	o := Organization{
		Name: " ", Sector: "", Email: "ivan@", Phone: "12", Web: "not a site",
		Contacts: []Contact{{Name: "", Email: "a@b.ua", Phone: "+48 (22) 555-12-34"}, {Name: "Petr", Phone: "tel. 123"}},
	}
	err := o.Validate(CountryUA)
	got := AsError(err).Fields
	want := []FieldError{
		{"name", "required", ""},
		{"sector", "required", ""},
		{"phone", "phone", ""},
		{"email", "email", ""},
		{"web", "web", ""},
		{"contacts.1.name", "required", ""},
		{"contacts.2.phone", "phone", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestOrganizationValidateAcceptsRealisticValues(t *testing.T) {
	for _, o := range []Organization{
		{Name: "ЦНСП", Sector: SectorSocialServices, Phone: "+380 (3342) 2-15-07", Email: "cnsp@ustyluh-rada.gov.ua", Web: "ustyluh-rada.gov.ua"},
		{Name: "Charita", Sector: SectorReligious, Phone: "595 020 111", Web: "https://www.charita.cz/o-nas"},
		{Name: "MOPS", Sector: SectorSocialProtection, LegalType: LegalMunicipalInstitution, Phone: "22 555 12 34"},
	} {
		if err := o.Validate(CountryUA); err != nil {
			t.Errorf("%s: %v", o.Name, err)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"СЛУЖБА":         "служба",
		"Služba":         "sluzba",
		"Łódź":           "lodz",
		"Їжак":           "іжак",
		"м’ясо":          "м'ясо",
		"Ústí nad Labem": "usti nad labem",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFoldByLetterIsFoldingTheWholeText checks the letter table against
// normalizing the whole text, on random text of letters, marks written
// apart (e + combining acute), apostrophes, signs and letters beyond the
// table.
func TestFoldByLetterIsFoldingTheWholeText(t *testing.T) {
	var letters []rune
	for r := rune(0); r < 0x530; r++ {
		letters = append(letters, r)
	}
	// punctuation and signs beyond the table, with the ones that do change
	// (Ω ohm, Å angstrom, roman numerals) and Hangul jamo, which NFC joins
	for r := rune(0x2000); r < 0x2190; r++ {
		letters = append(letters, r)
	}
	letters = append(letters, '’', '‘', 'ʼ', '\u0301', '\u0306', '\u0308', 'Ա', 'ա', '中', 'ﬁ', 'Å', '\u1100', '\u1161', '\u11A8')
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		text := make([]rune, 1+rnd.IntN(12))
		for j := range text {
			text[j] = letters[rnd.IntN(len(letters))]
		}
		if got, want := Fold(string(text)), foldText(string(text)); got != want {
			t.Fatalf("Fold(%q) = %q, folding the whole text gives %q", string(text), got, want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	text := "2025/000001 – № 12, А. Т. КНП «Центр первинної медичної допомоги» Вишнівської міської ради ЦПМД сім’я з дітьми"
	for b.Loop() {
		Fold(text)
	}
}

func TestSortByNameFollowsTheLanguage(t *testing.T) {
	cz := []string{"Chrudim", "Hranice", "Cheb", "Ivančice", "Čáslav"}
	SortByName(cz, "cs", func(s string) string { return s })
	if want := []string{"Čáslav", "Hranice", "Cheb", "Chrudim", "Ivančice"}; !reflect.DeepEqual(cz, want) {
		t.Errorf("cs order %v, want %v", cz, want)
	}
	uk := []string{"Ясени", "Ірпінь", "Євпаторія", "Житомир", "Ґалаґан", "Гадяч"}
	SortByName(uk, "uk", func(s string) string { return s })
	if want := []string{"Гадяч", "Ґалаґан", "Євпаторія", "Житомир", "Ірпінь", "Ясени"}; !reflect.DeepEqual(uk, want) {
		t.Errorf("uk order %v, want %v", uk, want)
	}
}

func TestTheLetterAddresseeIsKeptAsTyped(t *testing.T) {
	s := openTemp(t)
	o := &Organization{Name: "Служба у справах дітей", Sector: SectorChildService,
		LetterAddressee: "  Начальниці служби у справах дітей\nНаталії БОНДАР  "}
	mustSave(t, s, o)
	got, err := s.Organization(ctx, o.ID)
	if err != nil || got.LetterAddressee != "Начальниці служби у справах дітей\nНаталії БОНДАР" {
		t.Fatalf("kept %q (%v)", got.LetterAddressee, err)
	}
	o.LetterAddressee = strings.Repeat("я", 501)
	if e := AsError(s.SaveOrganization(ctx, o)); len(e.Fields) != 1 || e.Fields[0].Field != "letter_addressee" {
		t.Fatalf("a 501-letter addressee: %v", e)
	}
}

// The proposal declines a position's common leading words and writes the
// name as signatures do; the rest is the user's to put right.
func TestProposeAddressee(t *testing.T) {
	for _, c := range []struct {
		position, name string
		country        Country
		want           string
	}{
		{"начальниця служби у справах дітей", "Наталія Бондар", CountryUA, "Начальниці служби у справах дітей\nНаталія БОНДАР"},
		{"головний спеціаліст відділу", "Савчук Віктор Петрович", CountryUA, "Головному спеціалісту відділу\nВіктор САВЧУК"},
		{"ředitelka", "Jana Dvořáková", CountryCZ, "Ředitelka\nJana Dvořáková"},
		{"", "", CountryUA, ""},
	} {
		if got := ProposeAddressee(c.position, c.name, c.country); got != c.want {
			t.Errorf("ProposeAddressee(%q, %q) = %q, want %q", c.position, c.name, got, c.want)
		}
	}
}
