package hsds

import (
	"slices"
	"strconv"
	"strings"

	"spilno/data"
)

// organization maps an HSDS organization, once per ID.
func (r *reader) organization(o Organization, where string) {
	for _, known := range r.in.Organizations {
		if known.ID == o.ID {
			return
		}
	}
	org := data.Organization{ID: o.ID, Name: o.Name, ShortName: o.AlternateName, Email: o.Email, Web: o.Website}
	if slices.Contains(data.LegalTypes, data.LegalType(o.LegalStatus)) {
		org.LegalType = data.LegalType(o.LegalStatus)
	}
	if len(o.Phones) > 0 {
		org.Phone = o.Phones[0].Number
	}
	for _, l := range o.Locations {
		if org.Address = address(l); org.Address != "" {
			break
		}
	}
	for _, id := range o.Identifiers {
		if r.isRegistry(id) {
			org.RegistryID = id.Identifier
			break
		}
	}
	for _, c := range o.Contacts {
		ct := data.Contact{Name: c.Name, Position: c.Title, Email: c.Email}
		if len(c.Phones) > 0 {
			ct.Phone = c.Phones[0].Number
		}
		org.Contacts = append(org.Contacts, ct)
	}
	r.in.Organizations = append(r.in.Organizations, data.IncomingOrganization{Organization: org, Where: where})
}

// isRegistry tells whether an identifier is the country's registry ID
// (ЄДРПОУ, IČO, NIP): another country's number is not kept.
func (r *reader) isRegistry(id Identifier) bool {
	for _, c := range data.Countries {
		scheme, kind := registryScheme(c)
		if c == r.country && (strings.EqualFold(id.Scheme, scheme) || strings.EqualFold(id.Type, kind)) {
			return true
		}
	}
	return false
}

// address writes a location's first address as one line, the way Spilno
// keeps it.
func address(l Location) string {
	if len(l.Addresses) == 0 {
		return ""
	}
	a := l.Addresses[0]
	city := strings.TrimSpace(a.PostalCode + " " + a.City)
	var parts []string
	for _, p := range []string{a.Address1, a.Address2, city, a.StateProvince} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// service maps an HSDS service; its terms say its type, forms, target
// groups, cost and capacity.
func (r *reader) service(s Service, where string) {
	sv := data.Service{ID: s.ID, OrganizationID: s.OrganizationID, Name: s.Name, Description: s.Description,
		Email: s.Email, Status: data.ServiceStatus(strings.ReplaceAll(s.Status, " ", "_")),
		HowToApply: s.ApplicationProcess, CostNote: s.FeesDescription, WaitingTime: s.WaitTime,
		VerifiedOn: s.AssuredDate, AgeMin: wholeAge(s.MinimumAge), AgeMax: wholeAge(s.MaximumAge)}
	if len(s.Phones) > 0 {
		sv.Phone = s.Phones[0].Number
	}
	sv.Schedule, sv.ScheduleNote = schedule(s.Schedules)
	sv.AreaServed = joined(s.ServiceAreas, "; ", func(a ServiceArea) string { return a.Name })
	sv.Languages = joined(s.Languages, ", ", func(l Language) string { return l.Name })
	sv.Funding = joined(s.Funding, "; ", func(f Funding) string { return f.Source })
	for _, sl := range s.ServiceAtLocations {
		if sl.Location != nil {
			if sv.Address = address(*sl.Location); sv.Address != "" {
				break
			}
		}
	}
	is := data.IncomingService{Service: sv, Where: where}
	r.terms(&is, s.Attributes)
	r.in.Services = append(r.in.Services, is)
}

func wholeAge(f *float64) *int {
	if f == nil {
		return nil
	}
	n := int(*f)
	return &n
}

func joined[T any](list []T, sep string, text func(T) string) string {
	var parts []string
	for _, x := range list {
		if t := strings.TrimSpace(text(x)); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, sep)
}

// schedule reads weekly opening hours; what a schedule says in words goes
// to the note.
func schedule(list []Schedule) ([]data.OpeningHours, string) {
	var hours []data.OpeningHours
	var notes []string
	for _, s := range list {
		if s.Description != "" && !slices.Contains(notes, s.Description) {
			notes = append(notes, s.Description)
		}
		if s.OpensAt == "" || s.ClosesAt == "" {
			continue
		}
		for _, d := range strings.Split(s.ByDay, ",") {
			d = strings.TrimLeft(strings.TrimSpace(d), "+-0123456789") // "2MO": the weekday is what Spilno keeps
			if i := slices.Index(weekdays, strings.ToUpper(d)); i >= 0 {
				hours = append(hours, data.OpeningHours{Day: i + 1, Opens: clock(s.OpensAt), Closes: clock(s.ClosesAt)})
			}
		}
	}
	return hours, strings.Join(notes, "; ")
}

// clock keeps HH:MM of "10:00:00" or "09:00-05:00".
func clock(s string) string {
	if len(s) >= 5 && s[2] == ':' {
		return s[:5]
	}
	return s
}

// terms reads the attributes: Spilno's own by their link type; of another
// system's, the first term is the service type.
func (r *reader) terms(is *data.IncomingService, attrs []Attribute) {
	var foreign *TaxonomyTerm
	for _, a := range attrs {
		t := a.TaxonomyTerm
		if t == nil {
			t = r.termByID[a.TaxonomyTermID]
		}
		if t == nil {
			continue
		}
		switch a.LinkType {
		case linkServiceType:
			is.Term = data.Term{Code: t.Code, Name: t.Name, Classifier: true}
		case linkForm:
			if slices.Contains(data.ServiceForms, data.ServiceForm(t.Code)) {
				is.Forms = append(is.Forms, data.ServiceForm(t.Code))
			}
		case linkTargetGroup:
			is.TargetGroups = append(is.TargetGroups, t.Name)
		case linkCost:
			is.Cost = data.CostKind(t.Code)
		case linkCapacity:
			if n, err := strconv.Atoi(a.Value); err == nil {
				is.Capacity, is.CapacityUnit = &n, data.CapacityUnit(t.Code)
			}
		default:
			if foreign == nil {
				foreign = t
			}
		}
	}
	if is.Term == (data.Term{}) && foreign != nil {
		is.Term = data.Term{Code: foreign.Code, Name: foreign.Name}
	}
}
