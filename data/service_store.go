package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
)

// ServiceFilter narrows the catalogue; zero fields do not filter. All the
// filters combine.
type ServiceFilter struct {
	Query          string // words to find in name, description, provider, type, address, …
	TypeID         int64  // this type or any type below it
	TargetGroupID  int64
	Form           ServiceForm
	Status         ServiceStatus
	OrganizationID string
}

const serviceColumns = `s.id, s.organization_id, s.service_type_id, s.name, s.description, s.status, s.age_min,
	s.age_max, s.forms, s.address, s.area_served, s.schedule, s.schedule_note, s.capacity, s.capacity_unit,
	s.waiting_time, s.cost, s.cost_note, s.funding, s.languages, s.how_to_apply, s.phone, s.email,
	coalesce(s.verified_on, ''), s.notes, s.origin, o.name, o.phone, o.email, t.code, t.name`

const serviceFrom = ` FROM services s JOIN organizations o ON o.id = s.organization_id
	JOIN service_types t ON t.id = s.service_type_id`

func scanService(row interface{ Scan(...any) error }, s *Service) error {
	var ageMin, ageMax, capacity sql.NullInt64
	var forms, schedule string
	err := row.Scan(&s.ID, &s.OrganizationID, &s.TypeID, &s.Name, &s.Description, &s.Status, &ageMin, &ageMax,
		&forms, &s.Address, &s.AreaServed, &schedule, &s.ScheduleNote, &capacity, &s.CapacityUnit, &s.WaitingTime,
		&s.Cost, &s.CostNote, &s.Funding, &s.Languages, &s.HowToApply, &s.Phone, &s.Email, &s.VerifiedOn, &s.Notes,
		&s.Origin, &s.ProviderName, &s.ProviderPhone, &s.ProviderEmail, &s.TypeCode, &s.TypeName)
	if err != nil {
		return err
	}
	s.AgeMin, s.AgeMax, s.Capacity = intPtr(ageMin), intPtr(ageMax), intPtr(capacity)
	s.Forms, s.Schedule = decodeForms(forms), decodeSchedule(schedule)
	return nil
}

func intPtr(v sql.NullInt64) *int {
	if !v.Valid {
		return nil
	}
	n := int(v.Int64)
	return &n
}

func nullInt(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// nullZero stores an unset number (0) as NULL.
func nullZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Services returns the services that pass the filter, with their provider,
// type and target group names filled in, ordered by type code and name.
func (s *Store) Services(ctx context.Context, f ServiceFilter) ([]Service, error) {
	where, args := serviceSearch.condition(f.Query)
	if f.TypeID != 0 {
		// A group of the classifier finds the services of the types under it.
		where = append(where, `(s.service_type_id = ? OR t.parent_code <> '' AND t.parent_code IN (
			WITH RECURSIVE below(code) AS (SELECT code FROM service_types WHERE id = ?
				UNION SELECT c.code FROM service_types c JOIN below b ON c.parent_code = b.code
				WHERE c.country = (SELECT country FROM service_types WHERE id = ?))
			SELECT code FROM below))`)
		args = append(args, f.TypeID, f.TypeID, f.TypeID)
	}
	if f.TargetGroupID != 0 {
		where = append(where, "EXISTS (SELECT 1 FROM service_target_groups g WHERE g.service_id = s.id AND g.target_group_id = ?)")
		args = append(args, f.TargetGroupID)
	}
	if f.Form != "" {
		where = append(where, "instr(',' || s.forms || ',', ?) > 0")
		args = append(args, ","+string(f.Form)+",")
	}
	if f.Status != "" {
		where = append(where, "s.status = ?")
		args = append(args, f.Status)
	}
	if f.OrganizationID != "" {
		where = append(where, "s.organization_id = ?")
		args = append(args, f.OrganizationID)
	}
	q := "SELECT " + serviceColumns + serviceFrom
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY t.code, s.search_text"
	var list []Service
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		index := map[string]int{}
		for rows.Next() {
			var sv Service
			if err := scanService(rows, &sv); err != nil {
				return err
			}
			index[sv.ID] = len(list)
			list = append(list, sv)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return fillTargetGroups(ctx, tx, list, index)
	})
	if err != nil {
		return nil, classify("list services", s.path, err)
	}
	return list, nil
}

// fillTargetGroups reads the target groups of the listed services in one query.
func fillTargetGroups(ctx context.Context, tx *sql.Tx, list []Service, index map[string]int) error {
	if len(list) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT sg.service_id, g.id, g.name FROM service_target_groups sg
		JOIN target_groups g ON g.id = sg.target_group_id ORDER BY g.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		var gid int64
		if err := rows.Scan(&id, &gid, &name); err != nil {
			return err
		}
		if i, ok := index[id]; ok {
			list[i].TargetGroupIDs = append(list[i].TargetGroupIDs, gid)
			list[i].TargetGroupNames = append(list[i].TargetGroupNames, name)
		}
	}
	return rows.Err()
}

// Service returns one service.
func (s *Store) Service(ctx context.Context, id string) (Service, error) {
	var sv Service
	err := s.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		sv, err = loadService(ctx, tx, id)
		return err
	})
	if err != nil {
		return sv, classify("read service", s.path, err)
	}
	return sv, nil
}

// loadService reads one service with its target groups.
func loadService(ctx context.Context, tx *sql.Tx, id string) (Service, error) {
	var sv Service
	err := scanService(tx.QueryRowContext(ctx, "SELECT "+serviceColumns+serviceFrom+" WHERE s.id = ?", id), &sv)
	if errors.Is(err, sql.ErrNoRows) {
		return sv, &Error{Code: ENotFound}
	}
	if err != nil {
		return sv, err
	}
	list := []Service{sv}
	err = fillTargetGroups(ctx, tx, list, map[string]int{id: 0})
	return list[0], err
}

// SimilarServiceExists tells whether another service of the same provider
// has the same name (ignoring case and diacritics): the form warns before
// such a duplicate is created.
func (s *Store) SimilarServiceExists(ctx context.Context, sv *Service) (bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM services WHERE organization_id = ? AND id <> ?`, sv.OrganizationID, sv.ID)
	if err != nil {
		return false, classify("check duplicates", s.path, err)
	}
	defer rows.Close()
	want := Fold(strings.Join(strings.Fields(sv.Name), " "))
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return false, classify("check duplicates", s.path, err)
		}
		if Fold(strings.Join(strings.Fields(name), " ")) == want {
			return true, nil
		}
	}
	return false, rows.Err()
}

// SaveService validates and creates (empty ID) or updates a service with
// its target groups and an audit row, in one transaction.
func (s *Store) SaveService(ctx context.Context, sv *Service) error {
	sv.trim()
	if err := sv.Validate(); err != nil {
		return classify("save service", "", err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error { return saveService(ctx, tx, now, sv) })
	if err != nil {
		return classify("save service", s.path, err)
	}
	return nil
}

func saveService(ctx context.Context, tx *sql.Tx, now time.Time, sv *Service) error {
	return writeService(ctx, tx, now, sv, sv.ID == "")
}

// writeService creates the service (under its ID, or a new one when it has
// none) or updates the one of its ID.
func writeService(ctx context.Context, tx *sql.Tx, now time.Time, sv *Service, create bool) error {
	var p Problems
	var one int
	if err := tx.QueryRowContext(ctx, `SELECT 1 FROM organizations WHERE id = ?`, sv.OrganizationID).Scan(&one); err != nil {
		p.Add("provider", "unknown", "")
	}
	if err := tx.QueryRowContext(ctx, `SELECT 1 FROM service_types WHERE id = ?`, sv.TypeID).Scan(&one); err != nil {
		p.Add("type", "unknown", "")
	}
	for _, g := range sv.TargetGroupIDs {
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM target_groups WHERE id = ?`, g).Scan(&one); err != nil {
			p.Add("target_groups", "unknown", "")
		}
	}
	if err := p.Err(); err != nil {
		return err
	}
	action := "update"
	args := []any{sv.OrganizationID, sv.TypeID, sv.Name, sv.Description, sv.Status, nullInt(sv.AgeMin), nullInt(sv.AgeMax),
		encodeForms(sv.Forms), sv.Address, sv.AreaServed, encodeSchedule(sv.Schedule), sv.ScheduleNote, nullInt(sv.Capacity),
		sv.CapacityUnit, sv.WaitingTime, sv.Cost, sv.CostNote, sv.Funding, sv.Languages, sv.HowToApply, sv.Phone, sv.Email,
		nullString(sv.VerifiedOn), sv.Notes, sv.Origin, utc(now)}
	if create {
		action = "create"
		given := sv.ID
		if sv.ID == "" {
			sv.ID = uuid.NewString()
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO services(organization_id, service_type_id, name, description, status,
			age_min, age_max, forms, address, area_served, schedule, schedule_note, capacity, capacity_unit, waiting_time,
			cost, cost_note, funding, languages, how_to_apply, phone, email, verified_on, notes, origin, updated_at,
			id, created_at, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')`,
			append(args, sv.ID, utc(now))...)
		if err != nil {
			sv.ID = given
			return err
		}
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE services SET organization_id = ?, service_type_id = ?, name = ?,
			description = ?, status = ?, age_min = ?, age_max = ?, forms = ?, address = ?, area_served = ?, schedule = ?,
			schedule_note = ?, capacity = ?, capacity_unit = ?, waiting_time = ?, cost = ?, cost_note = ?, funding = ?,
			languages = ?, how_to_apply = ?, phone = ?, email = ?, verified_on = ?, notes = ?, origin = ?, updated_at = ?
			WHERE id = ?`, append(args, sv.ID)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &Error{Code: ENotFound}
		}
	}
	if err := replaceLinks(ctx, tx, "service_target_groups", "service_id", sv.ID, "target_group_id", sv.TargetGroupIDs); err != nil {
		return err
	}
	if err := refreshServiceSearch(ctx, tx, "s.id = ?", sv.ID); err != nil {
		return err
	}
	return audit(ctx, tx, now, "service", sv.ID, action, sv.Name)
}

// refreshServiceSearch recomputes the folded search text of the services
// that match where: after a service changes, or the name of its provider,
// type or target group does.
func refreshServiceSearch(ctx context.Context, tx *sql.Tx, where string, args ...any) error {
	rows, err := tx.QueryContext(ctx, `SELECT s.id, s.name, s.description, s.address, s.area_served, s.how_to_apply,
		s.languages, s.notes, o.name, t.name, coalesce((SELECT group_concat(g.name, ' ') FROM service_target_groups sg
		JOIN target_groups g ON g.id = sg.target_group_id WHERE sg.service_id = s.id), '')`+serviceFrom+" WHERE "+where, args...)
	if err != nil {
		return err
	}
	type update struct{ id, text string }
	var updates []update
	for rows.Next() {
		var sv Service
		var provider, typeName, groups string
		if err := rows.Scan(&sv.ID, &sv.Name, &sv.Description, &sv.Address, &sv.AreaServed, &sv.HowToApply,
			&sv.Languages, &sv.Notes, &provider, &typeName, &groups); err != nil {
			rows.Close()
			return err
		}
		updates = append(updates, update{sv.ID, sv.searchText(provider, typeName, []string{groups})})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, u := range updates {
		if _, err := tx.ExecContext(ctx, `UPDATE services SET search_text = ? WHERE id = ?`, u.text, u.id); err != nil {
			return err
		}
	}
	return nil
}

// DeleteService deletes a service, unless a referral refers to it.
func (s *Store) DeleteService(ctx context.Context, id string) error {
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		return deleteUnreferenced(ctx, tx, now, "services", "service", id)
	})
	if err != nil {
		return classify("delete service", s.path, err)
	}
	return nil
}

// inReadTx runs fn in a read-only transaction, so that a list and its
// details come from one state of the database.
func (s *Store) inReadTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// ServiceCounts counts the services and those due for a check at now (not
// defunct, never verified or verified longer than VerificationPeriod ago),
// the same rule as Service.Unverified, without reading the catalogue.
func (s *Store) ServiceCounts(ctx context.Context, now time.Time) (total, unverified int, err error) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	limit := today.AddDate(0, -VerificationPeriod, 0).Format(time.DateOnly)
	err = s.db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE status <> 'defunct'
		AND (verified_on IS NULL OR verified_on < ?)) FROM services`, limit).Scan(&total, &unverified)
	if err != nil {
		return 0, 0, classify("count services", s.path, err)
	}
	return total, unverified, nil
}
