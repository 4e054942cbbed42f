package data

import (
	"context"
	"database/sql"
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

// Gaps is the needs and gaps table of an assessment: as it was computed
// the day an approved assessment was approved, or for a draft from the
// catalogue as it is now and the referrals sent in the assessment's
// period. A need for a type counts the services and referrals of the types
// under it too.
func (s *Store) Gaps(ctx context.Context, a Assessment) ([]Gap, error) {
	var out []Gap
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		kept, ok, err := frozenGaps(ctx, tx, a.ID)
		if ok || err != nil {
			out = kept
			return err
		}
		out, err = gapsIn(ctx, tx, a)
		return err
	})
	if err != nil {
		return nil, classify("needs and gaps", s.path, err)
	}
	return out, nil
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
