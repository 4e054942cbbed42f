package data

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
)

const organizationColumns = `id, name, short_name, sector, legal_type, registry_id, address,
	phone, email, web, head_name, head_position, letter_addressee, community_letterhead`

func scanOrganization(row scanner, o *Organization) error {
	return row.Scan(&o.ID, &o.Name, &o.ShortName, &o.Sector, &o.LegalType, &o.RegistryID,
		&o.Address, &o.Phone, &o.Email, &o.Web, &o.HeadName, &o.HeadPosition, &o.LetterAddressee, &o.CommunityLetterhead)
}

// Organizations returns the organizations whose name, short name, registry
// ID, address, head or contacts contain every word of query, ignoring case
// and diacritics; an empty query returns all. Contacts are not filled in.
// The order is by folded name; app/ re-sorts by the user's collation.
func (s *Store) Organizations(ctx context.Context, query string) ([]Organization, error) {
	where, args := organizationSearch.condition(query)
	q := `SELECT ` + organizationColumns + ` FROM organizations`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	list, err := queryAll(ctx, s.db, scanOrganization, q+" ORDER BY search_text", args...)
	if err != nil {
		return nil, classify("list organizations", s.path, err)
	}
	return list, nil
}

// CountOrganizations counts the organizations, without reading them.
func (s *Store) CountOrganizations(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM organizations`).Scan(&n); err != nil {
		return 0, classify("count organizations", s.path, err)
	}
	return n, nil
}

// Organization returns one organization with its contacts.
func (s *Store) Organization(ctx context.Context, id string) (Organization, error) {
	o, err := loadOrganization(ctx, s.db, id)
	if err != nil {
		return o, classify("read organization", s.path, err)
	}
	return o, nil
}

// loadOrganization reads one organization with its contacts.
func loadOrganization(ctx context.Context, q querier, id string) (Organization, error) {
	var o Organization
	err := scanOrganization(q.QueryRowContext(ctx, `SELECT `+organizationColumns+` FROM organizations WHERE id = ?`, id), &o)
	if errors.Is(err, sql.ErrNoRows) {
		return o, &Error{Code: ENotFound}
	}
	if err != nil {
		return o, err
	}
	o.Contacts, err = queryAll(ctx, q, func(r scanner, c *Contact) error {
		return r.Scan(&c.Name, &c.Position, &c.Phone, &c.Email, &c.LetterAddressee)
	}, `SELECT name, position, phone, email, letter_addressee FROM organization_contacts WHERE organization_id = ? ORDER BY sort_order`, id)
	return o, err
}

// SaveOrganization validates o against the country profile and creates it
// (when o.ID is empty, filling in a new UUID) or updates it, contacts
// included, with an audit row, in one transaction.
func (s *Store) SaveOrganization(ctx context.Context, o *Organization) error {
	const op = "save organization"
	o.trim()
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		set, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		if err := o.Validate(set.Country); err != nil {
			return err
		}
		return saveOrganization(ctx, tx, now, o)
	})
	if err != nil {
		return classify(op, s.path, err)
	}
	return nil
}

// saveOrganization writes a validated organization inside a transaction.
func saveOrganization(ctx context.Context, tx *sql.Tx, now time.Time, o *Organization) error {
	return writeOrganization(ctx, tx, now, o, o.ID == "")
}

// writeOrganization creates the organization (under its ID, or a new one
// when it has none) or updates the one of its ID.
func writeOrganization(ctx context.Context, tx *sql.Tx, now time.Time, o *Organization, create bool) error {
	var err error
	action, summary := "update", o.Name
	id := o.ID
	if create {
		action = "create"
		if id == "" {
			id = uuid.NewString()
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO organizations(id, name, short_name, sector, legal_type,
			registry_id, address, phone, email, web, head_name, head_position, letter_addressee, community_letterhead, search_text,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, o.Name, o.ShortName, o.Sector, o.LegalType, o.RegistryID, o.Address, o.Phone, o.Email,
			o.Web, o.HeadName, o.HeadPosition, o.LetterAddressee, o.CommunityLetterhead, o.searchText(), utc(now), utc(now))
	} else {
		var name, short string
		err = tx.QueryRowContext(ctx, `SELECT name, short_name FROM organizations WHERE id = ?`, id).Scan(&name, &short)
		if errors.Is(err, sql.ErrNoRows) {
			return &Error{Code: ENotFound}
		}
		if err != nil {
			return err
		}
		var res sql.Result
		res, err = tx.ExecContext(ctx, `UPDATE organizations SET name = ?, short_name = ?, sector = ?,
			legal_type = ?, registry_id = ?, address = ?, phone = ?, email = ?, web = ?, head_name = ?,
			head_position = ?, letter_addressee = ?, community_letterhead = ?, search_text = ?, updated_at = ? WHERE id = ?`,
			o.Name, o.ShortName, o.Sector, o.LegalType, o.RegistryID, o.Address, o.Phone, o.Email,
			o.Web, o.HeadName, o.HeadPosition, o.LetterAddressee, o.CommunityLetterhead, o.searchText(), utc(now), id)
		if err == nil {
			if n, _ := res.RowsAffected(); n == 0 {
				return &Error{Code: ENotFound}
			}
		}
		if err == nil && organizationText(name, short) != organizationText(o.Name, o.ShortName) {
			err = refoldReferrals(ctx, tx, "from_org = ? OR to_org = ?", id, id)
		}
		if name != o.Name {
			summary = auditNote("renamed", name, o.Name)
		}
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM organization_contacts WHERE organization_id = ?`, id); err != nil {
		return err
	}
	for i, c := range o.Contacts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO organization_contacts(organization_id, sort_order,
			name, position, phone, email, letter_addressee) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, i, c.Name, c.Position, c.Phone, c.Email, c.LetterAddressee); err != nil {
			return err
		}
	}
	if action == "update" {
		if err := refreshServiceSearch(ctx, tx, "s.organization_id = ?", id); err != nil {
			return err
		}
	}
	if err := audit(ctx, tx, now, "organization", id, action, summary); err != nil {
		return err
	}
	o.ID = id
	return nil
}

func (o *Organization) trim() {
	for _, f := range []*string{&o.Name, &o.ShortName, &o.RegistryID, &o.Address, &o.Phone, &o.Email,
		&o.Web, &o.HeadName, &o.HeadPosition, &o.LetterAddressee} {
		*f = strings.TrimSpace(*f)
	}
	o.RegistryID = NormalizeRegistryID(o.RegistryID)
	// A contact row left entirely empty is a row the user added and did
	// not fill: drop it rather than refuse the save.
	kept := o.Contacts[:0]
	for _, c := range o.Contacts {
		c.Name, c.Position = strings.TrimSpace(c.Name), strings.TrimSpace(c.Position)
		c.Phone, c.Email = strings.TrimSpace(c.Phone), strings.TrimSpace(c.Email)
		c.LetterAddressee = strings.TrimSpace(c.LetterAddressee)
		if c != (Contact{}) {
			kept = append(kept, c)
		}
	}
	o.Contacts = kept
}

// DeleteOrganization deletes an organization and its contacts. While any
// protocol, service, referral or other record refers to it, the delete is
// refused with EInUse and the number of such records.
func (s *Store) DeleteOrganization(ctx context.Context, id string) error {
	err := s.inTx(ctx, func(tx *sql.Tx, now time.Time) error {
		return deleteUnreferenced(ctx, tx, now, "organizations", "organization", id)
	})
	if err != nil {
		return classify("delete organization", s.path, err)
	}
	return nil
}
