package data

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"spilno/i18n"
)

// ImportField is a service field a spreadsheet column can be mapped to.
type ImportField string

// ImportFields lists the fields in the order the mapping preview shows them.
var ImportFields = []ImportField{"provider", "provider_registry_id", "type", "name", "description", "status",
	"target_groups", "age_min", "age_max", "forms", "address", "area_served", "schedule_note", "capacity",
	"capacity_unit", "waiting_time", "cost", "cost_note", "funding", "languages", "how_to_apply", "phone", "email",
	"verified_on", "notes"}

// Mapping says which column (0-based) holds each field; absent fields are
// not imported.
type Mapping map[ImportField]int

// importAliases are header words, folded, that name a field in the
// spreadsheets departments keep (besides the field's own translated label).
var importAliases = map[ImportField][]string{
	"provider":             {"provider", "organization", "organisation", "надавач", "постачальник", "організація", "poskytovatel", "organizace", "podmiot", "organizacja", "realizator"},
	"provider_registry_id": {"edrpou", "єдрпоу", "ico", "nip", "registry id", "код єдрпоу"},
	"type":                 {"type", "service type", "тип", "вид послуги", "druh", "druh sluzby", "typ", "rodzaj", "obszar"},
	"name":                 {"name", "service", "назва", "послуга", "назва послуги", "nazev", "sluzba", "nazwa", "usluga"},
	"target_groups":        {"target group", "target groups", "for whom", "отримувачі", "цільова група", "cilova skupina", "grupa docelowa", "adresaci"},
	"forms":                {"form", "forms", "форма", "forma", "formy"},
	"status":               {"status", "стан", "статус", "stav"},
	"verified_on":          {"verified", "last verified", "assured date", "перевірено", "overeno", "zweryfikowano"},
}

// GuessMapping proposes a column for each field from the header row: the
// field's label in any of the four languages, or a common alias.
func GuessMapping(header []string) Mapping {
	m := Mapping{}
	taken := map[int]bool{}
	for _, f := range ImportFields {
		names := append([]string{string(f)}, importAliases[f]...)
		for _, code := range i18n.Languages {
			names = append(names, i18n.In(code, "field."+string(f)))
		}
		for i, h := range header {
			h = Fold(strings.TrimSpace(h))
			if taken[i] || h == "" {
				continue
			}
			for _, n := range names {
				if h == Fold(n) {
					m[f] = i
					taken[i] = true
					break
				}
			}
			if _, ok := m[f]; ok {
				break
			}
		}
	}
	return m
}

// PlannedService is one spreadsheet row as it would be imported.
type PlannedService struct {
	Line        int // 1-based line in the spreadsheet, the header being line 1
	Service     Service
	Provider    string // the provider's name as written
	NewProvider bool   // no organization of that name or registry ID exists yet
	Problems    []FieldError
}

// ServiceImportPlan is the preview of an import: every row with its
// problems, and the providers that would be created.
type ServiceImportPlan struct {
	Rows         []PlannedService
	NewProviders []string
}

// Rejected counts the rows that cannot be imported.
func (p *ServiceImportPlan) Rejected() int {
	n := 0
	for _, r := range p.Rows {
		if len(r.Problems) > 0 {
			n++
		}
	}
	return n
}

// lookup matches typed values against the names of existing records.
type lookup map[string]string

func (l lookup) find(s string) (string, bool) {
	v, ok := l[Fold(strings.Join(strings.Fields(s), " "))]
	return v, ok
}

// labelLookup matches a key or its label in any language: "active",
// "Активна", "Aktivní", "Aktywna" all give "active".
func labelLookup[K ~string](prefix string, keys []K) lookup {
	l := lookup{}
	for _, k := range keys {
		l[Fold(string(k))] = string(k)
		for _, code := range i18n.Languages {
			l[Fold(i18n.In(code, prefix+string(k)))] = string(k)
		}
	}
	return l
}

// PlanServiceImport reads the table with the mapping and checks every row
// against the store, changing nothing.
func (s *Store) PlanServiceImport(ctx context.Context, country Country, t Table, m Mapping) (ServiceImportPlan, error) {
	var plan ServiceImportPlan
	if _, ok := m["name"]; !ok {
		return plan, &Error{Code: EInvalid, Op: "plan import", Fields: []FieldError{{Field: "name", Rule: "column_required"}}}
	}
	lk, err := s.importLookups(ctx, country)
	if err != nil {
		return plan, err
	}
	newProviders := map[string]bool{}
	for i, row := range t.Rows {
		cell := func(f ImportField) string {
			col, ok := m[f]
			if !ok || col < 0 || col >= len(row) {
				return ""
			}
			return strings.TrimSpace(row[col])
		}
		ps := lk.planRow(i+2, cell)
		if ps.NewProvider && len(ps.Problems) == 0 { // a rejected row creates nothing
			newProviders[ps.Provider] = true
		}
		plan.Rows = append(plan.Rows, ps)
	}
	for name := range newProviders {
		plan.NewProviders = append(plan.NewProviders, name)
	}
	SortByName(plan.NewProviders, "en", func(s string) string { return s })
	return plan, nil
}

// importLookups find what an imported row names: types by code or name,
// groups and providers by name (ignoring case and diacritics), providers
// by registry ID, and coded values by their label in any language.
type importLookups struct {
	types, groups, orgs           lookup
	orgByRegistry                 map[string]string
	statuses, forms, costs, units lookup
}

func (s *Store) importLookups(ctx context.Context, country Country) (*importLookups, error) {
	types, err := s.ServiceTypes(ctx, country)
	if err != nil {
		return nil, err
	}
	groups, err := s.TargetGroups(ctx, country)
	if err != nil {
		return nil, err
	}
	orgs, err := s.Organizations(ctx, "")
	if err != nil {
		return nil, err
	}
	lk := &importLookups{types: lookup{}, groups: lookup{}, orgs: lookup{}, orgByRegistry: map[string]string{},
		statuses: labelLookup("status.", ServiceStatuses), forms: labelLookup("form.", ServiceForms),
		costs: labelLookup("cost.", CostKinds), units: labelLookup("capacity_unit.", CapacityUnits)}
	for _, ty := range types {
		lk.types[Fold(ty.Code)] = fmt.Sprint(ty.ID)
		lk.types[Fold(ty.Name)] = fmt.Sprint(ty.ID)
	}
	for _, g := range groups {
		lk.groups[Fold(g.Name)] = fmt.Sprint(g.ID)
	}
	for _, o := range orgs {
		lk.orgs[Fold(o.Name)] = o.ID
		if o.ShortName != "" {
			lk.orgs[Fold(o.ShortName)] = o.ID
		}
		if o.RegistryID != "" {
			lk.orgByRegistry[o.RegistryID] = o.ID
		}
	}
	return lk, nil
}

// planRow reads one row (line is its line in the file) into a service and
// the problems that keep it out.
func (lk *importLookups) planRow(line int, cell func(ImportField) string) PlannedService {
	ps := PlannedService{Line: line, Provider: cell("provider")}
	sv := &ps.Service
	var p Problems
	sv.Name, sv.Description, sv.Address = cell("name"), cell("description"), cell("address")
	sv.AreaServed, sv.ScheduleNote, sv.WaitingTime = cell("area_served"), cell("schedule_note"), cell("waiting_time")
	sv.CostNote, sv.Funding, sv.Languages = cell("cost_note"), cell("funding"), cell("languages")
	sv.HowToApply, sv.Phone, sv.Email, sv.Notes = cell("how_to_apply"), cell("phone"), cell("email"), cell("notes")
	lk.provider(&ps, &p, cell("provider_registry_id"))
	if v := cell("type"); v == "" {
		p.Add("type", "required", "")
	} else if id, ok := lk.types.find(v); ok {
		sv.TypeID, _ = strconv.ParseInt(id, 10, 64)
	} else {
		p.Add("type", "unknown_value", v)
	}
	sv.Status = ServiceStatus(coded(&p, "status", cell("status"), lk.statuses, string(StatusActive)))
	for _, part := range splitList(cell("target_groups")) {
		if id, ok := lk.groups.find(part); ok {
			n, _ := strconv.ParseInt(id, 10, 64)
			sv.TargetGroupIDs = append(sv.TargetGroupIDs, n)
		} else {
			p.Add("target_groups", "unknown_value", part)
		}
	}
	for _, part := range splitList(cell("forms")) {
		if k := coded(&p, "forms", part, lk.forms, ""); k != "" {
			sv.Forms = append(sv.Forms, ServiceForm(k))
		}
	}
	sv.AgeMin = parseOptionalInt(&p, "age_min", cell("age_min"))
	sv.AgeMax = parseOptionalInt(&p, "age_max", cell("age_max"))
	sv.Capacity = parseOptionalInt(&p, "capacity", cell("capacity"))
	sv.CapacityUnit = CapacityUnit(coded(&p, "capacity_unit", cell("capacity_unit"), lk.units, ""))
	sv.Cost = CostKind(coded(&p, "cost", cell("cost"), lk.costs, ""))
	if v := cell("verified_on"); v != "" {
		if d, err := parseImportDate(v); err == nil {
			sv.VerifiedOn = d.Format(time.DateOnly)
		} else {
			p.Add("verified_on", "date", "")
		}
	}
	ps.Problems = validatePlanned(ps, p)
	return ps
}

// provider finds the row's provider by registry ID, then by name; a name
// Spilno does not know yet is a new provider the import may create.
func (lk *importLookups) provider(ps *PlannedService, p *Problems, registryID string) {
	if id, ok := lk.orgByRegistry[NormalizeRegistryID(registryID)]; ok && registryID != "" {
		ps.Service.OrganizationID = id
	} else if id, ok := lk.orgs.find(ps.Provider); ok {
		ps.Service.OrganizationID = id
	} else if ps.Provider != "" {
		ps.NewProvider = true
	}
	if ps.Provider == "" && ps.Service.OrganizationID == "" {
		p.Add("provider", "required", "")
	}
}

// coded is the key of a coded value given by its label; empty gives def,
// and an unknown label is a problem of the field.
func coded(p *Problems, field, value string, labels lookup, def string) string {
	if value == "" {
		return def
	}
	k, ok := labels.find(value)
	if !ok {
		p.Add(field, "unknown_value", value)
	}
	return k
}

// newProvider is the organization an import creates for a provider it
// does not know: of the sector "other", to be completed later.
func newProvider(name string) *Organization {
	return &Organization{Name: name, Sector: SectorOther}
}

// validatePlanned adds the service's own rules to the problems of reading
// the row, without saying twice that a field is wrong.
func validatePlanned(ps PlannedService, p Problems) Problems {
	check := ps.Service
	if ps.NewProvider {
		check.OrganizationID = "new" // stands for the provider the import creates
		if err := newProvider(ps.Provider).Validate(""); err != nil {
			for _, fe := range AsError(err).Fields {
				p = append(p, FieldError{Field: "provider", Rule: fe.Rule, Param: fe.Param})
			}
		}
	}
	check.trim()
	if err := check.Validate(); err != nil {
		for _, fe := range AsError(err).Fields {
			if !contains(p, fe) && !(fe.Rule == "required" && hasField(p, fe.Field)) {
				p = append(p, fe)
			}
		}
	}
	return p
}

func hasField(p Problems, field string) bool {
	for _, fe := range p {
		if fe.Field == field {
			return true
		}
	}
	return false
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == '\n' }) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func parseOptionalInt(p *Problems, field, s string) *int {
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), ",", "."), 64)
	if err != nil || f != math.Trunc(f) {
		p.Add(field, "whole_number", "")
		return nil
	}
	n := int(f)
	return &n
}

// parseImportDate reads a date as typed in any of the four languages, or an
// Excel serial day number (what a date cell holds).
func parseImportDate(s string) (time.Time, error) {
	if d, err := i18n.ParseDate(s); err == nil {
		return d, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 1 && f < 2958466 {
		return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(f)), nil
	}
	return time.Time{}, fmt.Errorf("not a date: %q", s)
}

// ImportServices stores the planned services, all or nothing: if any row
// has problems, or new providers are needed and createProviders is false,
// nothing is written. New providers are created as organizations of the
// sector "other", to be completed later.
func (s *Store) ImportServices(ctx context.Context, plan ServiceImportPlan, createProviders bool) (int, error) {
	const op = "import services"
	if n := plan.Rejected(); n > 0 {
		return 0, &Error{Code: EInvalid, Op: op, Count: n}
	}
	if len(plan.NewProviders) > 0 && !createProviders {
		return 0, &Error{Code: EInvalid, Op: op, Fields: []FieldError{{Field: "provider", Rule: "unknown_value", Param: plan.NewProviders[0]}}}
	}
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		created := map[string]string{}
		for _, name := range plan.NewProviders {
			o := newProvider(name)
			if err := o.Validate(""); err != nil {
				return err
			}
			if err := saveOrganization(ctx, tx, now, o); err != nil {
				return err
			}
			created[name] = o.ID
		}
		for i := range plan.Rows {
			r := plan.Rows[i]
			sv := r.Service
			if r.NewProvider {
				sv.OrganizationID = created[r.Provider]
			}
			sv.trim()
			if err := sv.Validate(); err != nil {
				return err
			}
			if err := saveService(ctx, tx, now, &sv); err != nil {
				return fmt.Errorf("line %d: %w", r.Line, err)
			}
		}
		return audit(ctx, tx, now, "service", "", "import", auditNote("services_import", strconv.Itoa(len(plan.Rows)), strconv.Itoa(len(plan.NewProviders))))
	})
	if err != nil {
		return 0, classify(op, s.path, err)
	}
	return len(plan.Rows), nil
}
