package data

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
)

// Gap is one row of the needs and gaps table: the need as the working
// group set it, with what the catalogue offers of that type of service and
// what the referrals of the assessment's period asked of it.
type Gap struct {
	Need
	// Capacities are the catalogue's services provided of the type (and
	// target group), per capacity unit: never added across units.
	Capacities []Capacity
	Services   int // services of the type provided, with or without a capacity
	// CapacityComputed is the catalogue's capacity in the need's unit;
	// Capacity is it or the group's override. CapacityKnown is false when
	// no unit is set, or services of the type are there but none counts
	// its capacity in that unit: then there is no number to set against
	// the need (it is not 0).
	CapacityComputed, Capacity int
	CapacityKnown              bool
	Requested, Rejected        int     // referrals of the period for the type
	WaitDays                   float64 // median days from sending to acceptance, NaN without any
	// ServedComputed counts the referrals of the period for the type that
	// were accepted; Served is it or the group's override.
	ServedComputed, Served int
}

// Shortfall is the need less the capacity in its unit; false when the need
// is not given or is counted in no unit.
func (g Gap) Shortfall() (int, bool) {
	if g.InNeed == nil || !g.CapacityKnown {
		return 0, false
	}
	return *g.InNeed - g.Capacity, true
}

// Coverage is the share of those in need who were served ("identified N,
// served M"), NaN when the need is not given.
func (g Gap) Coverage() float64 {
	if g.InNeed == nil {
		return Share(0, 0)
	}
	return Share(g.Served, *g.InNeed)
}

// Findings are what an assessment's analysis reads from the rest of the
// store: the needs set against the catalogue and the referrals, what the
// catalogue offers, and how the plan of the assessment before went.
type Findings struct {
	Gaps     []Gap
	Offer    []TypeOffer
	Previous *PreviousPlan // nil when there is no assessment before
}

// TypeOffer is what the catalogue offers now of one type of service.
type TypeOffer struct {
	Code, Name string
	Services   int
	Providers  int
	Capacities []Capacity // per unit, never added across units
}

// PreviousPlan is the plan of the newest assessment whose period ended
// before this one's, as it stands: its evaluation opens the analysis.
type PreviousPlan struct {
	ID       int64
	Title    string
	Period   Period
	Measures []Measure
}

// Findings reads an assessment's findings: as they were the day an
// approved assessment was approved, or for a draft as the store is now.
// A need for a type counts the services and referrals of the types under
// it too.
func (s *Store) Findings(ctx context.Context, a Assessment) (Findings, error) {
	var out Findings
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		kept, ok, err := frozenFindings(ctx, tx, a.ID)
		if ok || err != nil {
			out = kept
			return err
		}
		out, err = findingsIn(ctx, tx, a)
		return err
	})
	if err != nil {
		return out, classify("needs and gaps", s.path, err)
	}
	return out, nil
}

// Gaps is the needs and gaps table of an assessment's findings.
func (s *Store) Gaps(ctx context.Context, a Assessment) ([]Gap, error) {
	f, err := s.Findings(ctx, a)
	return f.Gaps, err
}

func findingsIn(ctx context.Context, tx *sql.Tx, a Assessment) (Findings, error) {
	var f Findings
	var err error
	if f.Gaps, err = gapsIn(ctx, tx, a); err != nil {
		return f, err
	}
	if f.Offer, err = offerIn(ctx, tx); err != nil {
		return f, err
	}
	f.Previous, err = previousPlan(ctx, tx, a)
	return f, err
}

// offerIn counts the services provided now by type: how many, by how many
// providers, and their capacity per unit.
func offerIn(ctx context.Context, tx *sql.Tx) ([]TypeOffer, error) {
	list, err := queryAll(ctx, tx, func(row scanner, o *TypeOffer) error { return row.Scan(&o.Code, &o.Name, &o.Services, &o.Providers) },
		`SELECT t.code, t.name, count(*), count(DISTINCT sv.organization_id) FROM services sv
		JOIN service_types t ON t.id = sv.service_type_id WHERE `+provided+` GROUP BY t.id ORDER BY t.code`)
	if err != nil {
		return nil, err
	}
	byCode := map[string]*TypeOffer{}
	for i := range list {
		byCode[list[i].Code] = &list[i]
	}
	err = scanRows(ctx, tx, `SELECT t.code, sv.capacity_unit, count(*), sum(sv.capacity) FROM services sv
		JOIN service_types t ON t.id = sv.service_type_id WHERE `+provided+` AND sv.capacity IS NOT NULL
		GROUP BY t.id, sv.capacity_unit ORDER BY t.code, sv.capacity_unit`, func(row scanner) error {
		var code string
		var c Capacity
		if err := row.Scan(&code, &c.Unit, &c.Services, &c.Total); err != nil {
			return err
		}
		if o := byCode[code]; o != nil {
			o.Capacities = append(o.Capacities, c)
		}
		return nil
	})
	return list, err
}

// previousPlan reads the plan of the newest other assessment whose
// period ended before this one's began.
func previousPlan(ctx context.Context, tx *sql.Tx, a Assessment) (*PreviousPlan, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM assessments WHERE id <> ? AND period_to < ? ORDER BY period_to DESC, id DESC LIMIT 1`,
		a.ID, a.Period.From).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var before Assessment
	if err := readAssessment(ctx, tx, id, &before); err != nil {
		return nil, err
	}
	return &PreviousPlan{ID: id, Title: before.Title, Period: before.Period, Measures: before.Measures}, nil
}

func gapsIn(ctx context.Context, tx *sql.Tx, a Assessment) ([]Gap, error) {
	under, err := typesUnder(ctx, tx)
	if err != nil {
		return nil, err
	}
	var out []Gap
	for _, n := range a.Needs {
		g := Gap{Need: n}
		types := under(n.ServiceTypeID)
		if err := g.readCatalogue(ctx, tx, types); err != nil {
			return nil, err
		}
		if err := g.readReferrals(ctx, tx, types, a.Period); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

// typesUnder gives, for a service type, its ID and those of every type
// under it in the classifier, as a list for SQL's IN.
func typesUnder(ctx context.Context, tx *sql.Tx) (func(int64) string, error) {
	type entry struct {
		id           int64
		code, parent string
		country      string
	}
	list, err := queryAll(ctx, tx, func(row scanner, e *entry) error { return row.Scan(&e.id, &e.code, &e.parent, &e.country) },
		`SELECT id, code, parent_code, country FROM service_types`)
	if err != nil {
		return nil, err
	}
	children := map[[2]string][]entry{}
	byID := map[int64]entry{}
	for _, e := range list {
		children[[2]string{e.country, e.parent}] = append(children[[2]string{e.country, e.parent}], e)
		byID[e.id] = e
	}
	return func(id int64) string {
		ids := []string{}
		seen := map[int64]bool{}
		var walk func(e entry)
		walk = func(e entry) {
			if seen[e.id] {
				return
			}
			seen[e.id] = true
			ids = append(ids, strconv.FormatInt(e.id, 10))
			for _, c := range children[[2]string{e.country, e.code}] {
				walk(c)
			}
		}
		walk(entry{id: id, code: byID[id].code, country: byID[id].country})
		return strings.Join(ids, ",")
	}, nil
}

// readCatalogue fills the services provided of the types, per unit.
func (g *Gap) readCatalogue(ctx context.Context, tx *sql.Tx, types string) error {
	where := `sv.service_type_id IN (` + types + `) AND ` + provided
	args := []any{}
	if g.TargetGroupID != 0 {
		where += ` AND EXISTS (SELECT 1 FROM service_target_groups sg WHERE sg.service_id = sv.id AND sg.target_group_id = ?)`
		args = append(args, g.TargetGroupID)
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM services sv WHERE `+where, args...).Scan(&g.Services); err != nil {
		return err
	}
	var err error
	g.Capacities, err = queryAll(ctx, tx, func(row scanner, c *Capacity) error { return row.Scan(&c.Unit, &c.Services, &c.Total) },
		`SELECT sv.capacity_unit, count(*), sum(sv.capacity) FROM services sv WHERE `+where+` AND sv.capacity IS NOT NULL
		GROUP BY sv.capacity_unit ORDER BY sv.capacity_unit`, args...)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(g.Capacities, func(c Capacity) bool { return c.Unit == string(g.Unit) })
	if i >= 0 {
		g.CapacityComputed = g.Capacities[i].Total
	}
	g.Capacity = g.CapacityComputed
	g.CapacityKnown = g.Unit != "" && (i >= 0 || g.Services == 0) // no service of the type at all: none on offer
	if g.CapacityOverride != nil {
		g.Capacity, g.CapacityKnown = *g.CapacityOverride, true
	}
	return nil
}

// readReferrals counts the referrals sent in the period to a service of
// the types: asked for, rejected, accepted, and how long acceptance took.
func (g *Gap) readReferrals(ctx context.Context, tx *sql.Tx, types string, p Period) error {
	from, to := p.span()
	var waits []float64
	err := scanRows(ctx, tx, `SELECT r.status, r.sent_at, r.first_accepted_at FROM referrals r JOIN services sv ON sv.id = r.service_id
		WHERE sv.service_type_id IN (`+types+`) AND `+sentIn, func(row scanner) error {
		var status, sent, accepted string
		if err := row.Scan(&status, &sent, &accepted); err != nil {
			return err
		}
		g.Requested++
		if status == string(RefRejected) {
			g.Rejected++
		}
		if d, ok := daysBetween(sent, accepted); ok {
			g.ServedComputed++
			waits = append(waits, d)
		}
		return nil
	}, from, to)
	if err != nil {
		return err
	}
	slices.Sort(waits)
	g.WaitDays = quantile(waits, 0.5)
	g.Served = g.ServedComputed
	if g.ServedOverride != nil {
		g.Served = *g.ServedOverride
	}
	return nil
}
