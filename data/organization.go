package data

import (
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sector is the part of public life an organization belongs to. The values
// are stable keys; app/ shows them translated.
type Sector string

const (
	SectorSocialProtection Sector = "social_protection"
	SectorChildService     Sector = "child_service"
	SectorSocialServices   Sector = "social_services_centre"
	SectorEducation        Sector = "education"
	SectorHealth           Sector = "health"
	SectorPolice           Sector = "police"
	SectorLocalGovernment  Sector = "local_government"
	SectorAdminServices    Sector = "administrative_services"
	SectorNGO              Sector = "ngo"
	SectorReligious        Sector = "religious"
	SectorPrivateProvider  Sector = "private_provider"
	SectorOther            Sector = "other"
)

// Sectors lists every sector in the order forms offer them.
var Sectors = []Sector{
	SectorSocialProtection, SectorChildService, SectorSocialServices,
	SectorEducation, SectorHealth, SectorPolice, SectorLocalGovernment,
	SectorAdminServices, SectorNGO, SectorReligious, SectorPrivateProvider,
	SectorOther,
}

// LegalType is the legal form of an organization.
type LegalType string

const (
	LegalPublicAuthority      LegalType = "public_authority"
	LegalMunicipalInstitution LegalType = "municipal_institution"
	LegalStateInstitution     LegalType = "state_institution"
	LegalPublicAssociation    LegalType = "public_association"
	LegalCharity              LegalType = "charity"
	LegalReligiousOrg         LegalType = "religious_organization"
	LegalCompany              LegalType = "company"
	LegalSoleProprietor       LegalType = "sole_proprietor"
	LegalOther                LegalType = "other"
)

// LegalTypes lists every legal type in the order forms offer them.
var LegalTypes = []LegalType{
	LegalPublicAuthority, LegalMunicipalInstitution, LegalStateInstitution,
	LegalPublicAssociation, LegalCharity, LegalReligiousOrg, LegalCompany,
	LegalSoleProprietor, LegalOther,
}

// Country is the country profile of a community: it picks the registry ID
// rules here and, later, classifiers and public holidays.
type Country string

const (
	CountryUA Country = "UA"
	CountryCZ Country = "CZ"
	CountryPL Country = "PL"
)

// Countries lists the supported country profiles.
var Countries = []Country{CountryUA, CountryCZ, CountryPL}

// Organization is any body that takes part: an agency, a provider, an NGO,
// a church charity. ID is a UUID (Open Referral HSDS needs one).
type Organization struct {
	ID           string
	Name         string
	ShortName    string
	Sector       Sector
	LegalType    LegalType
	RegistryID   string // ЄДРПОУ (UA), IČO (CZ), NIP (PL)
	Address      string
	Phone        string
	Email        string
	Web          string
	HeadName     string
	HeadPosition string
	// LetterAddressee is how a letter addresses the head, lines as typed,
	// in the case the language needs (the dative in Ukrainian); empty, the
	// letter writes position, organization and name as recorded.
	LetterAddressee string
	// CommunityLetterhead: the organization's letters carry the
	// community's letterhead (Settings.Letterhead) above its name.
	CommunityLetterhead bool
	Contacts            []Contact
}

// Contact is a person to call at an organization.
type Contact struct {
	Name     string
	Position string
	Phone    string
	Email    string
	// LetterAddressee is how a letter addressed to this person begins,
	// as Organization.LetterAddressee is for the head.
	LetterAddressee string
}

// registryRule is what a registry ID looks like in one country. Only digits
// and length are checked: a checksum rule that wrongly refused a real ID
// would stop a clerk from saving, and a typo is caught well enough here.
type registryRule struct{ lengths []int }

var registryRules = map[Country]registryRule{
	CountryUA: {lengths: []int{8}},  // ЄДРПОУ code of a legal entity
	CountryCZ: {lengths: []int{8}},  // IČO
	CountryPL: {lengths: []int{10}}, // NIP
}

// NormalizeRegistryID drops the spaces and dashes people type in IDs
// ("123-456-32-18" is a NIP as printed on letters).
func NormalizeRegistryID(s string) string {
	return strings.NewReplacer(" ", "", "-", "", "\u00a0", "").Replace(strings.TrimSpace(s))
}

// Validate checks the organization against the rules of the given country
// profile and returns an EInvalid *Error naming every broken rule.
func (o *Organization) Validate(country Country) error {
	var p Problems
	if strings.TrimSpace(o.Name) == "" {
		p.Add("name", "required", "")
	}
	if len([]rune(o.Name)) > 300 {
		p.Add("name", "too_long", "300")
	}
	if len([]rune(o.LetterAddressee)) > 500 {
		p.Add("letter_addressee", "too_long", "500")
	}
	if o.Sector == "" {
		p.Add("sector", "required", "")
	} else if !contains(Sectors, o.Sector) {
		p.Add("sector", "unknown", "")
	}
	if o.LegalType != "" && !contains(LegalTypes, o.LegalType) {
		p.Add("legal_type", "unknown", "")
	}
	validateRegistryID(&p, "registry_id", o.RegistryID, country)
	validatePhone(&p, "phone", o.Phone)
	validateEmail(&p, "email", o.Email)
	validateWeb(&p, "web", o.Web)
	for i, c := range o.Contacts {
		if c == (Contact{}) {
			continue // an added row left empty is dropped on save
		}
		prefix := "contacts." + strconv.Itoa(i+1) + "."
		if strings.TrimSpace(c.Name) == "" {
			p.Add(prefix+"name", "required", "")
		}
		validatePhone(&p, prefix+"phone", c.Phone)
		validateEmail(&p, prefix+"email", c.Email)
		if len([]rune(c.LetterAddressee)) > 500 {
			p.Add(prefix+"letter_addressee", "too_long", "500")
		}
	}
	return p.Err()
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func validateRegistryID(p *Problems, field, id string, country Country) {
	id = NormalizeRegistryID(id)
	if id == "" {
		return
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			p.Add(field, "digits_only", "")
			return
		}
	}
	rule, ok := registryRules[country]
	if !ok {
		return
	}
	for _, n := range rule.lengths {
		if len(id) == n {
			return
		}
	}
	p.Add(field, "registry_length_"+strings.ToLower(string(country)), strconv.Itoa(rule.lengths[0]))
}

// validatePhone accepts what people write on letterheads: digits with
// spaces, dashes, dots and brackets and an optional leading +;
// it wants 3 to 15 digits: short numbers such as 102 or 1545 are real
// hotlines, and E.164 allows 15.
func validatePhone(p *Problems, field, phone string) {
	phone = strings.TrimSpace(phone)
	if phone == "" {
		return
	}
	digits := 0
	for i, r := range phone {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case strings.ContainsRune(" -().\u00a0/", r):
		default:
			p.Add(field, "phone", "")
			return
		}
	}
	if digits < 3 || digits > 15 {
		p.Add(field, "phone", "")
	}
}

func validateEmail(p *Problems, field, email string) {
	email = strings.TrimSpace(email)
	if email == "" {
		return
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		p.Add(field, "email", "")
	}
}

func validateWeb(p *Problems, field, web string) {
	web = strings.TrimSpace(web)
	if web == "" {
		return
	}
	if !strings.Contains(web, "://") {
		web = "https://" + web
	}
	u, err := url.Parse(web)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.Contains(u.Host, ".") || strings.ContainsAny(web, " \t") {
		p.Add(field, "web", "")
	}
}

// searchText is what the organization search looks in, already folded.
func (o *Organization) searchText() string {
	parts := []string{o.Name, o.ShortName, NormalizeRegistryID(o.RegistryID), o.Address, o.HeadName, o.Email, o.Phone}
	for _, c := range o.Contacts {
		parts = append(parts, c.Name)
	}
	return Fold(strings.Join(parts, " "))
}

// dativePositions are the leading words of positions in the dative, as a
// Ukrainian letter addresses them ("Начальниці служби …", "Головному
// спеціалісту відділу …").
var dativePositions = map[string]string{
	"начальник": "начальнику", "начальниця": "начальниці", "директор": "директору", "директорка": "директорці",
	"голова": "голові", "керівник": "керівнику", "керівниця": "керівниці", "завідувач": "завідувачу",
	"завідувачка": "завідувачці", "заступник": "заступнику", "заступниця": "заступниці", "староста": "старості",
	"фахівець": "фахівцю", "фахівчиня": "фахівчині", "спеціаліст": "спеціалісту", "спеціалістка": "спеціалістці",
	"головний": "головному", "головна": "головній", "провідний": "провідному", "провідна": "провідній",
	"старший": "старшому", "старша": "старшій", "інспектор": "інспектору", "інспекторка": "інспекторці",
	"психолог": "психологу", "соціальний": "соціальному", "соціальна": "соціальній", "працівник": "працівнику",
	"працівниця": "працівниці", "менеджер": "менеджеру", "менеджерка": "менеджерці", "лікар": "лікарю",
	"лікарка": "лікарці", "уповноважений": "уповноваженому", "уповноважена": "уповноваженій",
}

// ProposeAddressee proposes how a letter addresses a person from their
// position and name as recorded: in Ukrainian the position's leading
// words in the dative where they are common ones, the name as Ukrainian
// signatures write it ("Наталія БОНДАР"); elsewhere as typed. The name's own case is left to the user,
// who edits the proposal: names cannot be declined reliably.
func ProposeAddressee(position, name string, country Country) string {
	words := strings.Fields(position)
	name = strings.TrimSpace(name)
	if country == CountryUA {
		name = SignatureName(name)
		for i, w := range words {
			dative, ok := dativePositions[strings.ToLower(w)]
			if !ok {
				break
			}
			words[i] = dative
		}
	}
	if len(words) > 0 {
		words[0] = Capitalised(words[0])
	}
	return strings.TrimSpace(strings.Join(words, " ") + "\n" + name)
}

// Capitalised starts a text with a capital letter.
func Capitalised(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// SignatureName writes a name as acts sign it, "Ім'я ПРІЗВИЩЕ": two
// words are taken as name and surname, three as surname, name and
// patronymic (the order of the ПІБ); other names stay as typed.
func SignatureName(name string) string {
	w := strings.Fields(name)
	switch len(w) {
	case 2:
		return w[0] + " " + strings.ToUpper(w[1])
	case 3:
		return w[1] + " " + strings.ToUpper(w[0])
	}
	return strings.TrimSpace(name)
}
