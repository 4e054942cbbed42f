package data

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ServiceStatus follows Open Referral HSDS.
type ServiceStatus string

const (
	StatusActive            ServiceStatus = "active"
	StatusTemporarilyClosed ServiceStatus = "temporarily_closed"
	StatusInactive          ServiceStatus = "inactive"
	StatusDefunct           ServiceStatus = "defunct"
)

// ServiceStatuses lists the statuses in the order forms offer them.
var ServiceStatuses = []ServiceStatus{StatusActive, StatusTemporarilyClosed, StatusInactive, StatusDefunct}

// ServiceForm is how a service reaches people.
type ServiceForm string

const (
	FormAtHome      ServiceForm = "at_home"
	FormDay         ServiceForm = "day"
	FormResidential ServiceForm = "residential"
	FormOutreach    ServiceForm = "outreach"
	FormRemote      ServiceForm = "remote"
)

// ServiceForms lists the forms in the order forms offer them.
var ServiceForms = []ServiceForm{FormAtHome, FormDay, FormResidential, FormOutreach, FormRemote}

// CostKind says whether people pay.
type CostKind string

const (
	CostFree       CostKind = "free"
	CostPartlyPaid CostKind = "partly_paid"
	CostPaid       CostKind = "paid"
)

// CostKinds lists the cost kinds.
var CostKinds = []CostKind{CostFree, CostPartlyPaid, CostPaid}

// CapacityUnit is what a service's capacity counts.
type CapacityUnit string

// CapacityUnits lists the units offered; the Czech register counts clients,
// contacts, interventions, beds and calls.
var CapacityUnits = []CapacityUnit{"places", "beds", "clients_per_day", "clients_per_month", "clients_per_year",
	"contacts_per_month", "interventions_per_month", "calls_per_month"}

// OpeningHours is one opening span on one weekday (1 Monday … 7 Sunday).
type OpeningHours struct {
	Day    int
	Opens  string // HH:MM
	Closes string // HH:MM
}

// Service is one entry of the public list of social services.
type Service struct {
	ID             string
	OrganizationID string
	TypeID         int64
	Name           string
	Description    string
	Status         ServiceStatus
	AgeMin, AgeMax *int
	Forms          []ServiceForm
	TargetGroupIDs []int64
	Address        string
	AreaServed     string
	Schedule       []OpeningHours
	ScheduleNote   string
	Capacity       *int
	CapacityUnit   CapacityUnit
	WaitingTime    string
	Cost           CostKind
	CostNote       string
	Funding        string
	Languages      string
	HowToApply     string
	Phone          string
	Email          string
	VerifiedOn     string // YYYY-MM-DD; empty when never verified
	Notes          string
	// Origin is where a service read from a register came from, e.g.
	// "rpss:1234567": a newer file of that register updates it.
	Origin string

	// Filled in by reads, for lists and reports; ignored on save.
	ProviderName     string
	ProviderPhone    string
	ProviderEmail    string
	TypeCode         string
	TypeName         string
	TargetGroupNames []string
}

// VerificationPeriod is how long a verification holds before the catalogue
// marks a service as due to be checked again.
const VerificationPeriod = 12 // months

// ProvidedStatuses are those of a service provided now, perhaps closed for
// a while: only such services belong in the public list.
var ProvidedStatuses = []ServiceStatus{StatusActive, StatusTemporarilyClosed}

// Provided tells whether the service is provided now (ProvidedStatuses).
func (s *Service) Provided() bool { return slices.Contains(ProvidedStatuses, s.Status) }

// Unverified tells whether the service was never verified, or not within
// the last VerificationPeriod months before now.
func (s *Service) Unverified(now time.Time) bool {
	d, err := time.Parse(time.DateOnly, s.VerifiedOn)
	if err != nil {
		return true
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, VerificationPeriod, 0).Before(today)
}

// Validate checks the service's own rules.
func (s *Service) Validate() error {
	var p Problems
	if s.OrganizationID == "" {
		p.Add("provider", "required", "")
	}
	if s.TypeID == 0 {
		p.Add("type", "required", "")
	}
	if strings.TrimSpace(s.Name) == "" {
		p.Add("name", "required", "")
	} else if len([]rune(s.Name)) > 300 {
		p.Add("name", "too_long", "300")
	}
	if !contains(ServiceStatuses, s.Status) {
		p.Add("status", "required", "")
	}
	for _, age := range []struct {
		field string
		v     *int
	}{{"age_min", s.AgeMin}, {"age_max", s.AgeMax}} {
		if age.v != nil && (*age.v < 0 || *age.v > 120) {
			p.Add(age.field, "range", "0–120")
		}
	}
	if s.AgeMin != nil && s.AgeMax != nil && *s.AgeMin > *s.AgeMax {
		p.Add("age_max", "age_order", "")
	}
	for _, f := range s.Forms {
		if !contains(ServiceForms, f) {
			p.Add("forms", "unknown", "")
		}
	}
	if s.Capacity != nil && *s.Capacity < 0 {
		p.Add("capacity", "not_negative", "")
	}
	if s.CapacityUnit != "" && !contains(CapacityUnits, s.CapacityUnit) {
		p.Add("capacity_unit", "unknown", "")
	}
	if s.Capacity != nil && s.CapacityUnit == "" {
		p.Add("capacity_unit", "required", "")
	}
	if s.Cost != "" && !contains(CostKinds, s.Cost) {
		p.Add("cost", "unknown", "")
	}
	validateSchedule(&p, s.Schedule)
	validatePhone(&p, "phone", s.Phone)
	validateEmail(&p, "email", s.Email)
	if s.VerifiedOn != "" {
		if _, err := time.Parse(time.DateOnly, s.VerifiedOn); err != nil {
			p.Add("verified_on", "date", "")
		}
	}
	return p.Err()
}

func validateSchedule(p *Problems, hours []OpeningHours) {
	for _, h := range hours {
		field := "schedule." + strconv.Itoa(h.Day)
		if h.Day < 1 || h.Day > 7 {
			p.Add("schedule", "unknown", "")
			continue
		}
		opens, err1 := parseClock(h.Opens)
		closes, err2 := parseClock(h.Closes)
		switch {
		case err1 != nil || err2 != nil:
			p.Add(field, "clock", "")
		case opens >= closes:
			p.Add(field, "clock_order", "")
		}
	}
}

// parseClock reads "8:00", "08:00" or "8.00" as minutes after midnight.
func parseClock(s string) (int, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ".", ":")
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || (hh == 24 && mm > 0) || len(m) != 2 {
		return 0, fmt.Errorf("not a time of day: %q", s)
	}
	return hh*60 + mm, nil
}

// normalizeClock writes a valid time as HH:MM and leaves others as typed.
func normalizeClock(s string) string {
	m, err := parseClock(s)
	if err != nil {
		return strings.TrimSpace(s)
	}
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// encodeSchedule stores opening hours as "1 08:00-17:00;2 08:00-12:00",
// sorted by day and time.
func encodeSchedule(hours []OpeningHours) string {
	sorted := append([]OpeningHours(nil), hours...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Day != sorted[j].Day {
			return sorted[i].Day < sorted[j].Day
		}
		return sorted[i].Opens < sorted[j].Opens
	})
	parts := make([]string, len(sorted))
	for i, h := range sorted {
		parts[i] = fmt.Sprintf("%d %s-%s", h.Day, h.Opens, h.Closes)
	}
	return strings.Join(parts, ";")
}

func decodeSchedule(s string) []OpeningHours {
	var out []OpeningHours
	for _, part := range strings.Split(s, ";") {
		day, span, ok := strings.Cut(strings.TrimSpace(part), " ")
		d, err := strconv.Atoi(day)
		opens, closes, ok2 := strings.Cut(span, "-")
		if !ok || !ok2 || err != nil {
			continue
		}
		out = append(out, OpeningHours{Day: d, Opens: opens, Closes: closes})
	}
	return out
}

func encodeForms(forms []ServiceForm) string {
	parts := make([]string, 0, len(forms))
	for _, f := range ServiceForms { // stored in the canonical order, once each
		if contains(forms, f) {
			parts = append(parts, string(f))
		}
	}
	return strings.Join(parts, ",")
}

func decodeForms(s string) []ServiceForm {
	var out []ServiceForm
	for _, f := range strings.Split(s, ",") {
		if f != "" {
			out = append(out, ServiceForm(f))
		}
	}
	return out
}

func (s *Service) trim() {
	for _, f := range []*string{&s.Name, &s.Description, &s.Address, &s.AreaServed, &s.ScheduleNote, &s.WaitingTime,
		&s.CostNote, &s.Funding, &s.Languages, &s.HowToApply, &s.Phone, &s.Email, &s.VerifiedOn, &s.Notes} {
		*f = strings.TrimSpace(*f)
	}
	for i := range s.Schedule {
		s.Schedule[i].Opens = normalizeClock(s.Schedule[i].Opens)
		s.Schedule[i].Closes = normalizeClock(s.Schedule[i].Closes)
	}
}

// searchText is what the catalogue search looks in; the provider's and the
// type's names come from the caller, since they live in other tables.
func (s *Service) searchText(provider, typeName string, groups []string) string {
	return Fold(strings.Join(append([]string{s.Name, s.Description, provider, typeName, s.Address, s.AreaServed,
		s.HowToApply, s.Languages, s.Notes}, groups...), " "))
}

// ServiceType is one entry of a country's classifier of service types.
type ServiceType struct {
	ID          int64
	Country     Country
	Code        string
	Name        string
	ParentCode  string
	Description string
	Retired     bool

	Depth int // read: how deep under other entries it stands (TypeTree)
}

// TypeTree orders a classifier (given by code) as a tree: each entry
// right under its parent, entries whose parent is not in the list at the
// top. Depth says how deep an entry stands.
func TypeTree(byCode []ServiceType) []ServiceType {
	known := map[string]bool{}
	children := map[string][]ServiceType{}
	for _, t := range byCode {
		known[t.Code] = true
	}
	for _, t := range byCode {
		parent := t.ParentCode
		if !known[parent] || parent == t.Code {
			parent = ""
		}
		children[parent] = append(children[parent], t)
	}
	out := make([]ServiceType, 0, len(byCode))
	seen := map[string]bool{}
	var walk func(code string, depth int)
	walk = func(code string, depth int) {
		for _, t := range children[code] {
			if seen[t.Code] { // a loop of parents: show each entry once
				continue
			}
			seen[t.Code] = true
			t.Depth = depth
			out = append(out, t)
			walk(t.Code, depth+1)
		}
	}
	walk("", 0)
	for _, t := range byCode { // entries caught in a loop of parents
		if !seen[t.Code] {
			out = append(out, t)
		}
	}
	return out
}

// Validate checks the classifier entry.
func (t *ServiceType) Validate() error {
	var p Problems
	if strings.TrimSpace(t.Code) == "" {
		p.Add("code", "required", "")
	}
	if strings.TrimSpace(t.Name) == "" {
		p.Add("name", "required", "")
	}
	if t.ParentCode != "" && t.ParentCode == t.Code {
		p.Add("parent_code", "self_parent", "")
	}
	return p.Err()
}
