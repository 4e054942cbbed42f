package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Incoming is a catalogue read from another system (an Open Referral HSDS
// file, the Czech register of providers), not yet checked against the
// store: PlanExchange says what it would change, ApplyExchange changes it.
type Incoming struct {
	Source        string // "hsds" or "rpss": term mappings are remembered per source
	Organizations []IncomingOrganization
	Services      []IncomingService
	// Rejected is what the reader itself refused: a missing required
	// field, a bad UUID, a reference to nothing.
	Rejected []Rejection
	// Keep lists the service fields the source does not carry: an update
	// keeps what the catalogue has there ("notes", "description", …).
	Keep []string
	// GoneOrigin, when set, is the prefix of Service.Origin ("rpss:") under
	// which services missing from this file are reported as gone.
	GoneOrigin string
}

// IncomingOrganization is an organization as the source gives it.
type IncomingOrganization struct {
	Organization
	Where string // "organizations.csv, row 3", "polozky[12]"
}

// IncomingService is a service as the source gives it. Its OrganizationID
// is the source's ID of the provider.
type IncomingService struct {
	Service
	Where        string
	Term         Term     // the service type as the source names it
	TargetGroups []string // names, as the source gives them
}

// Term is a taxonomy term of another system.
type Term struct {
	Code, Name string
	// Classifier: the code is one of the country's classifier (Spilno's own
	// export); another system's codes may look the same and mean else.
	Classifier bool
}

// key is how a term is remembered: its code, else its name, folded.
func (t Term) key() string {
	if t.Code != "" {
		return Fold(t.Code)
	}
	return Fold(strings.TrimSpace(t.Name))
}

// Label is the term as shown to the user.
func (t Term) Label() string {
	switch {
	case t.Code != "" && t.Name != "" && t.Code != t.Name:
		return t.Code + " " + t.Name
	case t.Name != "":
		return t.Name
	}
	return t.Code
}

// Rejection is one record the import refuses, and why.
type Rejection struct {
	Where string // file and row, or the record's place in the file
	Name  string // the record's name, when it has one
	FieldError
	Raw bool // Field is the file's own column or JSON field, not a Spilno field
}

// Exchange actions of a planned record.
const (
	ActionAdd       = "add"
	ActionUpdate    = "update"
	ActionUnchanged = "unchanged"
)

// PlannedRecord is one organization or service and what the import does
// with it.
type PlannedRecord struct {
	Kind   string // "organization" or "service"
	Name   string
	Where  string
	Action string
}

// ExchangePlan is the preview of an exchange import.
type ExchangePlan struct {
	Records      []PlannedRecord
	Rejected     []Rejection
	Unmapped     []Term   // service types with no entry of the classifier: the user maps them
	TargetGroups []string // target groups the import adds to the list
	Gone         []string // services of the register that the file no longer has
}

// Count counts the planned records of a kind with an action.
func (p *ExchangePlan) Count(kind, action string) int {
	n := 0
	for _, r := range p.Records {
		if r.Kind == kind && r.Action == action {
			n++
		}
	}
	return n
}

// TermMap is the user's choice of a classifier entry for unmapped terms.
type TermMap map[Term]int64

// PlanExchange checks the incoming catalogue against the store and says
// what importing it would do, changing nothing.
func (s *Store) PlanExchange(ctx context.Context, in *Incoming, terms TermMap) (ExchangePlan, error) {
	var plan ExchangePlan
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		plan, err = exchange(ctx, tx, time.Time{}, in, terms, false)
		return err
	})
	if err != nil {
		return plan, classify("plan import", s.path, err)
	}
	return plan, nil
}

// ApplyExchange imports the incoming catalogue, all or nothing: with any
// record rejected or any term unmapped nothing is written. The terms the
// user mapped are remembered for the next import from the same source.
func (s *Store) ApplyExchange(ctx context.Context, in *Incoming, terms TermMap) (ExchangePlan, error) {
	const op = "import catalogue"
	var plan ExchangePlan
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		if err := saveTermMap(ctx, tx, in.Source, terms); err != nil {
			return err
		}
		var err error
		if plan, err = exchange(ctx, tx, now, in, terms, true); err != nil {
			return err
		}
		return audit(ctx, tx, now, "service", "", "import", auditNote("exchange_import", in.Source,
			strconv.Itoa(plan.Count("service", ActionAdd)), strconv.Itoa(plan.Count("service", ActionUpdate))))
	})
	if err != nil {
		return plan, classify(op, s.path, err)
	}
	return plan, nil
}

// exchanger holds what one run of an exchange reads and decides.
type exchanger struct {
	ctx     context.Context
	tx      *sql.Tx
	now     time.Time
	in      *Incoming
	write   bool
	country Country
	plan    ExchangePlan
	orgIDs  map[string]string // source's organization ID → the store's
	codes   map[string]int64  // folded code → classifier entry
	types   map[string]int64  // folded name → classifier entry
	groups  map[string]int64  // folded name → target group
	terms   TermMap
}

func exchange(ctx context.Context, tx *sql.Tx, now time.Time, in *Incoming, terms TermMap, write bool) (ExchangePlan, error) {
	set, err := loadSettings(ctx, tx)
	if err != nil {
		return ExchangePlan{}, err
	}
	x := &exchanger{ctx: ctx, tx: tx, now: now, in: in, write: write, country: set.Country,
		orgIDs: map[string]string{}}
	x.plan.Rejected = append(x.plan.Rejected, in.Rejected...)
	if err := x.loadLookups(terms); err != nil {
		return x.plan, err
	}
	for i := range in.Organizations {
		if err := x.organization(&in.Organizations[i]); err != nil {
			return x.plan, err
		}
	}
	for i := range in.Services {
		if err := x.service(&in.Services[i]); err != nil {
			return x.plan, err
		}
	}
	if err := x.gone(); err != nil {
		return x.plan, err
	}
	if write && (len(x.plan.Rejected) > 0 || len(x.plan.Unmapped) > 0) {
		return x.plan, &Error{Code: EInvalid, Count: len(x.plan.Rejected) + len(x.plan.Unmapped)}
	}
	return x.plan, nil
}

// loadLookups reads the classifier, the target groups and the remembered
// term mappings of the country.
func (x *exchanger) loadLookups(chosen TermMap) error {
	if err := ensureClassifiers(x.ctx, x.tx, x.country); err != nil {
		return err
	}
	if err := loadShippedNames(x.ctx, x.tx, targetGroups, x.country); err != nil {
		return err
	}
	type entry struct {
		id         int64
		code, name string
	}
	types, err := queryAll(x.ctx, x.tx, func(r scanner, e *entry) error { return r.Scan(&e.id, &e.code, &e.name) },
		`SELECT id, code, name FROM service_types WHERE country = ? AND NOT retired`, x.country)
	if err != nil {
		return err
	}
	groups, err := queryAll(x.ctx, x.tx, func(r scanner, e *entry) error { return r.Scan(&e.id, &e.name) },
		`SELECT id, name FROM target_groups WHERE country = ?`, x.country)
	if err != nil {
		return err
	}
	remembered, err := queryAll(x.ctx, x.tx, func(r scanner, e *entry) error { return r.Scan(&e.code, &e.id) },
		`SELECT e.term, e.service_type_id FROM exchange_terms e JOIN service_types t ON t.id = e.service_type_id
		WHERE e.source = ? AND t.country = ?`, x.in.Source, x.country)
	if err != nil {
		return err
	}
	x.codes, x.types, x.groups, x.terms = map[string]int64{}, map[string]int64{}, map[string]int64{}, TermMap{}
	for _, t := range types {
		x.codes[Fold(t.code)], x.types[Fold(t.name)] = t.id, t.id
	}
	for _, g := range groups {
		x.groups[Fold(g.name)] = g.id
	}
	for _, t := range remembered {
		x.terms[Term{Code: t.code}] = t.id
	}
	for t, id := range chosen {
		x.terms[Term{Code: t.key()}] = id
	}
	return nil
}

// organization matches an incoming organization by ID, then by registry
// ID, and adds or updates it.
func (x *exchanger) organization(io *IncomingOrganization) error {
	o := io.Organization
	o.trim()
	local, found, err := x.findOrganization(o)
	if err != nil {
		return err
	}
	if found {
		merged := local
		merged.Name, merged.ShortName, merged.LegalType = o.Name, orKeep(o.ShortName, local.ShortName), orKeep(o.LegalType, local.LegalType)
		merged.RegistryID, merged.Address = orKeep(o.RegistryID, local.RegistryID), orKeep(o.Address, local.Address)
		merged.Phone, merged.Email, merged.Web = orKeep(o.Phone, local.Phone), orKeep(o.Email, local.Email), orKeep(o.Web, local.Web)
		if strings.TrimPrefix(o.Web, "https://") == local.Web { // HSDS asks for a URI where the clerk typed a name
			merged.Web = local.Web
		}
		if len(o.Contacts) > 0 {
			merged.Contacts = o.Contacts
		}
		o = merged
	} else if o.Sector == "" {
		o.Sector = SectorOther // to be completed in the list of organizations
	}
	if err := o.Validate(x.country); err != nil {
		x.reject(io.Where, o.Name, err)
		return nil
	}
	x.orgIDs[io.ID] = o.ID
	action := ActionAdd
	if found {
		action = ActionUnchanged
		if !sameOrganization(local, o) {
			action = ActionUpdate
		}
	} else if _, err := uuid.Parse(o.ID); err != nil {
		o.ID = "" // a source without UUIDs: Spilno gives one
	}
	x.plan.Records = append(x.plan.Records, PlannedRecord{"organization", o.Name, io.Where, action})
	if !x.write || action == ActionUnchanged {
		return nil
	}
	if err := writeOrganization(x.ctx, x.tx, x.now, &o, !found); err != nil {
		return fmt.Errorf("%s: %w", io.Where, err)
	}
	x.orgIDs[io.ID] = o.ID
	return nil
}

func (x *exchanger) findOrganization(o Organization) (Organization, bool, error) {
	var id string
	err := x.tx.QueryRowContext(x.ctx, `SELECT id FROM organizations WHERE id = ?
		UNION ALL SELECT id FROM organizations WHERE ? <> '' AND registry_id = ? LIMIT 1`, o.ID, o.RegistryID, o.RegistryID).Scan(&id)
	if err == sql.ErrNoRows {
		return Organization{}, false, nil
	}
	if err != nil {
		return Organization{}, false, err
	}
	local, err := loadOrganization(x.ctx, x.tx, id)
	return local, err == nil, err
}

// service maps an incoming service onto the store's terms and adds or
// updates it.
func (x *exchanger) service(is *IncomingService) error {
	sv := is.Service
	orgID, ok := x.orgIDs[sv.OrganizationID]
	if !ok {
		// A provider the file names but does not carry: already in the store.
		err := x.tx.QueryRowContext(x.ctx, `SELECT id FROM organizations WHERE id = ?`, sv.OrganizationID).Scan(&orgID)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
	}
	if orgID == "" {
		rule := "provider_missing"
		if slices.ContainsFunc(x.in.Organizations, func(o IncomingOrganization) bool { return o.ID == sv.OrganizationID }) {
			rule = "provider_rejected" // the file has it, but it was refused above
		}
		x.plan.Rejected = append(x.plan.Rejected, Rejection{Where: is.Where, Name: sv.Name, FieldError: FieldError{Field: "provider", Rule: rule, Param: sv.OrganizationID}})
		return nil
	}
	sv.OrganizationID = orgID
	if is.Term == (Term{}) {
		x.plan.Rejected = append(x.plan.Rejected, Rejection{Where: is.Where, Name: sv.Name, FieldError: FieldError{Field: "type", Rule: "required"}})
		return nil
	}
	sv.TypeID = x.serviceType(is.Term)
	sv.TargetGroupIDs = x.targetGroups(is.TargetGroups)
	local, err := loadService(x.ctx, x.tx, sv.ID)
	if err != nil && ErrorCode(err) != ENotFound {
		return err
	}
	found := err == nil
	if found {
		keepFields(&sv, local, x.in.Keep)
	}
	sv.trim()
	if sv.TypeID == 0 { // unmapped: the user chooses, the rest is still checked
		sv.TypeID = -1
	}
	if err := sv.Validate(); err != nil {
		x.reject(is.Where, sv.Name, err)
		return nil
	}
	action := ActionAdd
	if found {
		action = ActionUnchanged
		if !sameService(local, sv) {
			action = ActionUpdate
		}
	}
	x.plan.Records = append(x.plan.Records, PlannedRecord{"service", sv.Name, is.Where, action})
	if !x.write || action == ActionUnchanged || sv.TypeID < 0 {
		return nil
	}
	if err := writeService(x.ctx, x.tx, x.now, &sv, !found); err != nil {
		return fmt.Errorf("%s: %w", is.Where, err)
	}
	return nil
}

// serviceType is the classifier entry of a term: remembered, else by
// code, else by name; 0 when the user has to choose.
func (x *exchanger) serviceType(t Term) int64 {
	if id, ok := x.terms[Term{Code: t.key()}]; ok {
		return id
	}
	if id, ok := x.codes[Fold(t.Code)]; ok && t.Classifier {
		return id
	}
	if id, ok := x.types[Fold(strings.TrimSpace(t.Name))]; ok {
		return id
	}
	if !slices.Contains(x.plan.Unmapped, t) {
		x.plan.Unmapped = append(x.plan.Unmapped, t)
	}
	return 0
}

// targetGroups finds the groups by name; a name the list does not have
// is added to it.
func (x *exchanger) targetGroups(names []string) []int64 {
	var ids []int64
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		id, ok := x.groups[Fold(n)]
		if !ok {
			x.plan.TargetGroups = append(x.plan.TargetGroups, n)
			if x.write {
				res, err := x.tx.ExecContext(x.ctx, `INSERT INTO target_groups(country, name) VALUES (?, ?)`, x.country, n)
				if err == nil {
					id, err = res.LastInsertId()
				}
				if err != nil {
					continue // the save of the service then names the field
				}
			} else {
				id = -int64(len(x.plan.TargetGroups))
			}
			x.groups[Fold(n)] = id
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// gone lists the services of the register's origin the file does not have.
func (x *exchanger) gone() error {
	if x.in.GoneOrigin == "" {
		return nil
	}
	kept := map[string]bool{}
	for _, s := range x.in.Services {
		kept[s.ID] = true
	}
	type named struct{ id, name string }
	list, err := queryAll(x.ctx, x.tx, func(r scanner, n *named) error { return r.Scan(&n.id, &n.name) },
		`SELECT id, name FROM services WHERE origin LIKE ? || '%' AND status IN ('active', 'temporarily_closed') ORDER BY name`,
		x.in.GoneOrigin)
	for _, n := range list {
		if !kept[n.id] {
			x.plan.Gone = append(x.plan.Gone, n.name)
		}
	}
	return err
}

func (x *exchanger) reject(where, name string, err error) {
	for _, fe := range AsError(err).Fields {
		x.plan.Rejected = append(x.plan.Rejected, Rejection{Where: where, Name: name, FieldError: fe})
	}
}

// saveTermMap remembers the user's mappings of a source's terms.
func saveTermMap(ctx context.Context, tx *sql.Tx, source string, terms TermMap) error {
	for t, id := range terms {
		if _, err := tx.ExecContext(ctx, `INSERT INTO exchange_terms(source, term, service_type_id) VALUES (?, ?, ?)
			ON CONFLICT (source, term) DO UPDATE SET service_type_id = excluded.service_type_id`, source, t.key(), id); err != nil {
			return fmt.Errorf("remember term %q: %w", t.Label(), err)
		}
	}
	return nil
}

func orKeep[T ~string](v, local T) T {
	if v == "" {
		return local
	}
	return v
}

// keepFields copies into sv the fields the source does not carry.
func keepFields(sv *Service, local Service, fields []string) {
	for _, f := range fields {
		switch f {
		case "description":
			sv.Description = local.Description
		case "notes":
			sv.Notes = local.Notes
		case "schedule":
			sv.Schedule, sv.ScheduleNote = local.Schedule, local.ScheduleNote
		case "how_to_apply":
			sv.HowToApply = local.HowToApply
		case "cost":
			sv.Cost, sv.CostNote = local.Cost, local.CostNote
		case "waiting_time":
			sv.WaitingTime = local.WaitingTime
		case "funding":
			sv.Funding = local.Funding
		case "languages":
			sv.Languages = local.Languages
		case "verified_on":
			sv.VerifiedOn = local.VerifiedOn
		case "age":
			sv.AgeMin, sv.AgeMax = local.AgeMin, local.AgeMax
		case "target_groups":
			sv.TargetGroupIDs = local.TargetGroupIDs
		case "status":
			sv.Status = local.Status
		}
	}
}

// sameService tells whether an update would change nothing the user sees.
func sameService(a, b Service) bool {
	for _, s := range []*Service{&a, &b} {
		s.ProviderName, s.ProviderPhone, s.ProviderEmail, s.TypeCode, s.TypeName, s.TargetGroupNames = "", "", "", "", "", nil
		slices.Sort(s.TargetGroupIDs)
		if len(s.Schedule) == 0 {
			s.Schedule = nil
		}
		if len(s.Forms) == 0 {
			s.Forms = nil
		}
		if len(s.TargetGroupIDs) == 0 {
			s.TargetGroupIDs = nil
		}
		s.Schedule = decodeSchedule(encodeSchedule(s.Schedule))
		s.Forms = decodeForms(encodeForms(s.Forms))
	}
	return derefAges(a) == derefAges(b)
}

// derefAges makes the optional numbers comparable by value.
func derefAges(s Service) string {
	n := func(p *int) string {
		if p == nil {
			return "-"
		}
		return strconv.Itoa(*p)
	}
	s2 := s
	s2.AgeMin, s2.AgeMax, s2.Capacity = nil, nil, nil
	return fmt.Sprintf("%+v %s %s %s", s2, n(s.AgeMin), n(s.AgeMax), n(s.Capacity))
}

func sameOrganization(a, b Organization) bool {
	return fmt.Sprintf("%+v", a) == fmt.Sprintf("%+v", b)
}
