package hsds

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"spilno/data"
	"spilno/i18n"
)

// Catalogue is what an export writes: the country's classifier, the
// providers of the services and the services.
type Catalogue struct {
	Country       data.Country
	Types         []data.ServiceType
	Organizations []data.Organization // with their contacts
	Services      []data.Service      // with TypeCode and TargetGroupNames read
	Now           time.Time
}

// Link types of the attributes Spilno writes: what the term says of the
// service.
const (
	linkServiceType = "service_type"
	linkForm        = "service_form"
	linkTargetGroup = "target_group"
	linkCost        = "cost"
	linkCapacity    = "capacity"
)

// space is the namespace of the UUIDs Spilno derives for records it keeps
// no ID of (a service's phone, schedule, address, a classifier's term):
// the same record gets the same ID in every export.
var space = uuid.MustParse("5b0f6e52-3c1a-4f57-9a43-2f4d8c1e7a10")

func derived(parts ...string) string {
	return uuid.NewSHA1(space, []byte(strings.Join(parts, "\x1f"))).String()
}

// countryLanguage is the language the classifier and the lists of a
// country profile are kept in.
func countryLanguage(c data.Country) string {
	switch c {
	case data.CountryCZ:
		return "cs"
	case data.CountryPL:
		return "pl"
	}
	return "uk"
}

// exporter builds HSDS records from the catalogue.
type exporter struct {
	c       Catalogue
	lang    string
	orgs    map[string]data.Organization
	types   map[string]data.ServiceType // by code
	typeIDs map[string]string           // code → term ID
}

// Export is the catalogue as HSDS records.
type Export struct {
	Services   []Service // each with its organization, locations, phones, schedules and terms
	Taxonomies []Taxonomy
	Terms      []TaxonomyTerm // the whole classifier, with parent links, and the terms the services use
	Written    time.Time
}

// Build makes the HSDS records of the catalogue.
func Build(c Catalogue) Export {
	x := &exporter{c: c, lang: countryLanguage(c.Country), orgs: map[string]data.Organization{},
		types: map[string]data.ServiceType{}, typeIDs: map[string]string{}}
	for _, o := range c.Organizations {
		x.orgs[o.ID] = o
	}
	for _, t := range c.Types {
		x.types[t.Code] = t
		x.typeIDs[t.Code] = derived("term", string(c.Country), t.Code)
	}
	e := Export{Written: c.Now}
	for _, s := range c.Services {
		e.Services = append(e.Services, x.service(s))
	}
	seen := map[string]bool{}
	addTerm := func(t TaxonomyTerm) {
		if seen[t.ID] {
			return
		}
		seen[t.ID] = true
		e.Terms = append(e.Terms, t)
		if d := t.TaxonomyDetail; d != nil && !seen[d.ID] {
			seen[d.ID] = true
			e.Taxonomies = append(e.Taxonomies, *d)
		}
	}
	for _, t := range c.Types {
		addTerm(x.typeTerm(t))
	}
	for _, s := range e.Services {
		for _, a := range s.Attributes {
			addTerm(*a.TaxonomyTerm)
		}
	}
	return e
}

func (x *exporter) service(s data.Service) Service {
	r := Service{ID: s.ID, OrganizationID: s.OrganizationID, Name: s.Name, Description: s.Description,
		Email: s.Email, Status: hsdsStatus(s.Status), ApplicationProcess: s.HowToApply,
		FeesDescription: s.CostNote, WaitTime: s.WaitingTime, AssuredDate: s.VerifiedOn,
		MinimumAge: age(s.AgeMin), MaximumAge: age(s.AgeMax)}
	if s.Phone != "" {
		r.Phones = []Phone{{ID: derived("phone", s.ID), ServiceID: s.ID, Number: s.Phone}}
	}
	for _, h := range s.Schedule {
		r.Schedules = append(r.Schedules, Schedule{ID: derived("schedule", s.ID, strconv.Itoa(h.Day), h.Opens, h.Closes),
			ServiceID: s.ID, Freq: "WEEKLY", ByDay: weekdays[h.Day-1], OpensAt: h.Opens, ClosesAt: h.Closes})
	}
	if s.ScheduleNote != "" {
		r.Schedules = append(r.Schedules, Schedule{ID: derived("schedule note", s.ID), ServiceID: s.ID, Description: s.ScheduleNote})
	}
	if s.AreaServed != "" {
		r.ServiceAreas = []ServiceArea{{ID: derived("area", s.ID), ServiceID: s.ID, Name: s.AreaServed}}
	}
	if s.Address != "" {
		loc := x.location(derived("location", s.ID), s.OrganizationID, s.Address)
		r.ServiceAtLocations = []ServiceAtLocation{{ID: derived("service at location", s.ID), ServiceID: s.ID,
			LocationID: loc.ID, Location: &loc}}
	}
	if s.Languages != "" {
		r.Languages = []Language{{ID: derived("language", s.ID), ServiceID: s.ID, Name: s.Languages}}
	}
	if s.Funding != "" {
		r.Funding = []Funding{{ID: derived("funding", s.ID), ServiceID: s.ID, Source: s.Funding}}
	}
	if o, ok := x.orgs[s.OrganizationID]; ok {
		org := x.organization(o)
		r.Organization = &org
	}
	r.Attributes = x.attributes(s)
	return r
}

var weekdays = []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// hsdsStatus writes a status as HSDS spells it.
func hsdsStatus(s data.ServiceStatus) string {
	return strings.ReplaceAll(string(s), "_", " ")
}

func age(v *int) *float64 {
	if v == nil {
		return nil
	}
	f := float64(*v)
	return &f
}

// location is a physical place with its address as typed: Spilno keeps an
// address as one line, so it goes whole into address_1.
func (x *exporter) location(id, orgID, address string) Location {
	return Location{ID: id, LocationType: "physical", OrganizationID: orgID, Addresses: []Address{{
		ID: derived("address", id), LocationID: id, Address1: address, Country: string(x.c.Country), AddressType: "physical"}}}
}

func (x *exporter) organization(o data.Organization) Organization {
	// Spilno keeps no description of an organization: its sector says what it is.
	r := Organization{ID: o.ID, Name: o.Name, AlternateName: o.ShortName, Description: i18n.In(x.lang, "sector."+string(o.Sector)), Email: o.Email,
		Website: website(o.Web), LegalStatus: string(o.LegalType)}
	if o.Phone != "" {
		r.Phones = []Phone{{ID: derived("phone", o.ID), OrganizationID: o.ID, Number: o.Phone}}
	}
	if o.Address != "" {
		r.Locations = []Location{x.location(derived("location", o.ID), o.ID, o.Address)}
	}
	if o.RegistryID != "" {
		scheme, kind := registryScheme(x.c.Country)
		r.Identifiers = []Identifier{{ID: derived("identifier", o.ID), OrganizationID: o.ID, Scheme: scheme,
			Type: kind, Identifier: o.RegistryID}}
	}
	for i, c := range o.Contacts {
		id := derived("contact", o.ID, strconv.Itoa(i))
		ct := Contact{ID: id, OrganizationID: o.ID, Name: c.Name, Title: c.Position, Email: c.Email}
		if c.Phone != "" {
			ct.Phones = []Phone{{ID: derived("phone", id), ContactID: id, Number: c.Phone}}
		}
		r.Contacts = append(r.Contacts, ct)
	}
	return r
}

// website makes a typed address ("hromada.gov.ua") a URI, as HSDS asks.
func website(s string) string {
	if s == "" || strings.Contains(s, "://") {
		return s
	}
	return "https://" + s
}

// registryScheme is the org-id.guide scheme and the name of a country's
// registry ID.
func registryScheme(c data.Country) (scheme, kind string) {
	switch c {
	case data.CountryCZ:
		return "CZ-ICO", "IČO"
	case data.CountryPL:
		return "PL-NIP", "NIP"
	}
	return "UA-EDR", "ЄДРПОУ"
}

// attributes are the service's terms: its type from the country's
// classifier, its forms, target groups, cost and capacity.
func (x *exporter) attributes(s data.Service) []Attribute {
	var out []Attribute
	add := func(link string, term TaxonomyTerm, value string) {
		out = append(out, Attribute{ID: derived("attribute", s.ID, link, term.ID), LinkID: s.ID, TaxonomyTermID: term.ID,
			LinkType: link, LinkEntity: "service", Value: value, TaxonomyTerm: &term})
	}
	if t, ok := x.types[s.TypeCode]; ok {
		add(linkServiceType, x.typeTerm(t), "")
	}
	for _, f := range s.Forms {
		add(linkForm, x.keyTerm(linkForm, string(f), i18n.In(x.lang, "form."+string(f))), "")
	}
	names := append([]string(nil), s.TargetGroupNames...)
	sort.Strings(names)
	for _, g := range names {
		add(linkTargetGroup, x.keyTerm(linkTargetGroup, "", g), "")
	}
	if s.Cost != "" {
		add(linkCost, x.keyTerm(linkCost, string(s.Cost), i18n.In(x.lang, "cost."+string(s.Cost))), "")
	}
	if s.Capacity != nil {
		unit := string(s.CapacityUnit)
		add(linkCapacity, x.keyTerm(linkCapacity, unit, i18n.In(x.lang, "capacity_unit."+unit)), strconv.Itoa(*s.Capacity))
	}
	return out
}

// typeTerm is a classifier entry as a term of the country's taxonomy.
func (x *exporter) typeTerm(t data.ServiceType) TaxonomyTerm {
	tax := x.taxonomy(linkServiceType)
	return TaxonomyTerm{ID: x.typeIDs[t.Code], Code: t.Code, Name: t.Name, Description: t.Description,
		ParentID: x.typeIDs[t.ParentCode], Taxonomy: tax.Name, TaxonomyDetail: &tax, TaxonomyID: tax.ID, Language: x.lang}
}

// keyTerm is a term of one of Spilno's own lists (forms, target groups,
// cost, capacity units): its code is the key, its name the label.
func (x *exporter) keyTerm(list, code, name string) TaxonomyTerm {
	tax := x.taxonomy(list)
	key := code
	if key == "" {
		key = name
	}
	return TaxonomyTerm{ID: derived("term", string(x.c.Country), list, key), Code: code, Name: name, Description: "",
		Taxonomy: tax.Name, TaxonomyDetail: &tax, TaxonomyID: tax.ID, Language: x.lang}
}

// taxonomy names one of the lists a term comes from.
func (x *exporter) taxonomy(list string) Taxonomy {
	name := "spilno:" + list + ":" + string(x.c.Country)
	return Taxonomy{ID: derived("taxonomy", name), Name: name, Description: i18n.In(x.lang, "hsds.taxonomy."+list)}
}
